//! Rules that keep the graph consistent with itself: a partnership ends at
//! accession, and a member is a partner, however many periods it has.

mod common;

use common::Fixture;

/// The valid fixture with the EAPC seating Allies, Poland (NATO member since 12
/// March 1999) open-ended in the EAPC and in a programme, and Austria in the PfP
/// twice.
fn site() -> Fixture {
    let site = Fixture::valid();
    site.write(
        "content/frameworks/eapc.md",
        "---\nname: Euro-Atlantic Partnership Council\nacronym: EAPC\nseats_allies: true\nlaunched: 1997-05\nsources: [src-b]\n---\nSucceeded the NACC.\n",
    )
    .write(
        "content/partners/poland.md",
        "---\nname: Poland\nkind: country\nregion: Central Europe\niso: POL\nstatus: member\nnato_member: 1999-03-12\nmemberships:\n  - framework: pfp\n    from: 1994-02\n  - framework: eapc\n    from: 1997-05\nprogrammes:\n  - id: parp\n    from: 1995\nsources: [src-b]\n---\nPoland [@src-b].\n",
    )
    .write(
        "content/partners/austria.md",
        "---\nname: Austria\nkind: country\nregion: Western Europe\niso: AUT\nstatus: partner\nmemberships:\n  - framework: pfp\n    from: 1995-02-10\n    until: 1996-10\n  - framework: eapc\n    from: 1997-05\n  - framework: pfp\n    from: 2008-04\nsources: [src-a]\n---\nAustria joined [[pfp]] [@src-a]. See [[poland]].\n",
    );
    site
}

#[test]
fn partnerships_end_at_accession_and_allies_are_counted_apart() {
    let site = site();
    let report = site.build().expect("builds");
    assert_eq!(
        report
            .warnings
            .warnings()
            .filter(|w| w.message.contains("NATO"))
            .count(),
        0,
        "open-ended entries are ended by the rule, not warned about"
    );
    let eapc = site.page("frameworks/eapc.html");
    assert!(
        eapc.contains("2 partners in all, 1 at <time datetime=\"2022-12-31\">31 December 2022</time>; 1 more had joined NATO by then and sit in it as Allies"),
        "{eapc}"
    );
    assert!(eapc.contains("<time datetime=\"1999-03-12\">12 March 1999</time> <span class=\"accession\">(joined NATO; sits on as an Ally)</span>"));
    let pfp = site.page("frameworks/pfp.html");
    assert!(pfp.contains("2 partners in all, 1 at"), "{pfp}");
    assert!(pfp.contains("(joined NATO)</span>"));
    assert!(!pfp.contains("sits on as an Ally"));
    let poland = site.page("partners/poland.html");
    assert!(poland.contains("(joined NATO; sits on as an Ally)"));
    // The programme ends at accession too.
    let parp = site.page("programmes/parp.html");
    assert!(parp.contains("<time datetime=\"1999-03-12\">"), "{parp}");
    // Lists and counts elsewhere agree.
    let home = site.page("index.html");
    assert!(
        home.contains(
            "1 partner at <time datetime=\"2022-12-31\">31 December 2022</time>, 2 in all"
        ),
        "{home}"
    );
    let partners = site.page("partners/index.html");
    assert!(
        partners.contains("Poland</a> <span class=\"years\">1997–1999"),
        "{partners}"
    );
}

#[test]
fn a_partner_that_left_and_came_back_is_one_member_with_two_periods() {
    let site = site();
    site.build().expect("builds");
    let pfp = site.page("frameworks/pfp.html");
    assert_eq!(
        pfp.matches(">Austria</a></th>").count(),
        1,
        "one row header"
    );
    assert!(pfp.contains(
        "<th scope=\"row\" rowspan=\"2\"><a href=\"../partners/austria.html\">Austria</a></th>"
    ));
    let partners = site.page("partners/index.html");
    assert!(
        partners.contains("Austria</a> <span class=\"years\">1995–1996, 2008–"),
        "{partners}"
    );
    let frameworks = site.page("frameworks/index.html");
    assert!(frameworks.contains("2 in all"), "{frameworks}");
}

#[test]
fn dates_recorded_beyond_accession_are_warned_about_where_they_are_written() {
    let site = site();
    site.write(
        "content/partners/poland.md",
        "---\nname: Poland\nkind: country\nregion: Central Europe\niso: POL\nstatus: member\nnato_member: 1999-03-12\nmemberships:\n  - framework: pfp\n    from: 1994-02\n    until: 2001\nprogrammes:\n  - id: parp\n    from: 2000\nsources: [src-b]\n---\nPoland [@src-b].\n",
    );
    let report = site.build().expect("warnings do not fail the build");
    let warnings: Vec<String> = report
        .warnings
        .warnings()
        .map(|w| format!("{w} | {}", w.help.clone().unwrap_or_default()))
        .collect();
    assert!(
        warnings.iter().any(|w| w.starts_with("content/partners/poland.md:9:")
            && w.contains("membership of `pfp` runs until 2001, after the partner joined NATO 12 March 1999")
            && w.contains("write `until: 1999-03-12`")),
        "{warnings:#?}"
    );
    assert!(
        warnings.iter().any(|w| w.starts_with("content/partners/poland.md:13:")
            && w.contains("use of the programme `parp` begins 2000 but the partner joined NATO 12 March 1999")),
        "{warnings:#?}"
    );
}

/// The fixture's events with Poland's accession moved to `date`, and `extra` lines
/// added to that event.
fn accession_event(date: &str, extra: &str) -> String {
    format!(
        "- date: 1994-01-10\n  title: PfP launched\n  kind: launch\n  summary: The [[pfp]] began [@src-a].\n  frameworks: [pfp]\n  sources: [src-a]\n\
         - date: {date}\n  title: Poland joins NATO\n  kind: accession\n  summary: Poland joined.\n  partners: [poland]\n{extra}  sources: [src-b]\n\
         - date: 1995-02-10\n  title: Austria signs up\n  kind: membership\n  summary: Austria joined.\n  partners: [austria]\n  frameworks: [pfp, eapc]\n  sources: [src-a]\n"
    )
}

#[test]
fn events_that_contradict_the_records_are_warned_about_unless_the_difference_is_recorded() {
    let site = site();
    site.write(
        "content/timeline/events.yaml",
        &accession_event("1999-04", ""),
    );
    let report = site.build().expect("warnings do not fail the build");
    let warnings: Vec<String> = report
        .warnings
        .warnings()
        .map(ToString::to_string)
        .collect();
    assert!(
        warnings.contains(
            &"content/timeline/events.yaml:7:9: warning[event-disagrees-with-record]: this accession event is dated April 1999, but `poland` records `nato_member: 1999-03-12`"
                .to_string()
        ),
        "{warnings:#?}"
    );
    // Austria's signature agrees with its PfP record; the EAPC it names only witnessed.
    assert!(
        !warnings.iter().any(|w| w.contains("austria")),
        "{warnings:#?}"
    );

    site.write(
        "content/timeline/events.yaml",
        &accession_event(
            "1999-04",
            "  differs_from_record: One source gives April 1999.\n",
        ),
    );
    let report = site.build().expect("builds");
    assert!(
        !report
            .warnings
            .warnings()
            .any(|w| w.message.contains("accession event")),
        "a recorded difference silences the warning"
    );
    for page in ["timeline.html", "partners/poland.html"] {
        assert!(
            site.page(page)
                .contains("<strong>Dates differ:</strong> One source gives April 1999."),
            "{page} shows the recorded difference"
        );
    }
}

#[test]
fn a_membership_event_must_match_a_membership_the_partner_records() {
    let site = site();
    let events = accession_event("1999-03-12", "")
        .replace("  frameworks: [pfp, eapc]\n", "  frameworks: [md]\n");
    site.write(
        "content/frameworks/md.md",
        "---\nname: Mediterranean Dialogue\nsources: [src-a]\n---\nA dialogue.\n",
    )
    .write("content/timeline/events.yaml", &events);
    let report = site.build().expect("builds");
    assert!(
        report.warnings.warnings().any(|w| w.message
            == "this membership event names `austria` and `md`, but `austria` records no membership of `md`"),
        "{:#?}",
        report.warnings
    );
}

#[test]
fn open_entries_end_with_their_framework_even_before_accession() {
    // The NACC ended in 1997; Poland joined NATO in 1999. Its open NACC membership
    // ends in 1997, not at accession, and nothing warns about a date nobody wrote.
    let site = site();
    site.write(
        "content/frameworks/nacc.md",
        "---\nname: North Atlantic Cooperation Council\nacronym: NACC\nlaunched: 1991-12-20\nended: 1997-05\nsources: [src-b]\n---\nThe first council.\n",
    )
    .write(
        "content/partners/poland.md",
        "---\nname: Poland\nkind: country\nregion: Central Europe\niso: POL\nstatus: member\nnato_member: 1999-03-12\nmemberships:\n  - framework: nacc\n    from: 1991-12-20\n  - framework: pfp\n    from: 1994-02\nsources: [src-b]\n---\nPoland [@src-b].\n",
    );
    let report = site.build().expect("builds");
    let warnings: Vec<String> = report
        .warnings
        .warnings()
        .map(ToString::to_string)
        .collect();
    assert!(
        !warnings.iter().any(|w| w.contains("poland.md")),
        "{warnings:#?}"
    );
    let poland = site.page("partners/poland.html");
    assert!(
        poland.contains(r#"<time datetime="1997-05">May 1997</time>"#),
        "the NACC membership ends with the council"
    );
}
