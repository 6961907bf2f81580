//! A large site stays light to read: past 1,000 partners the partners index is
//! summarised, a framework page leaves out its chart of every member, the sources
//! page lists 200 citers of a source and counts the rest, past 500 partners there
//! is no print edition (the whole reference in one page is for a reference that
//! fits in one) and past 1,000 no offline copy (one download of it all), and
//! every link still leads somewhere; a data download past 4 MB is split into parts.
//! (The timeline's split by year is in timeline.rs, the search index's shards in
//! build.rs.)

mod common;

use common::{Fixture, broken_links};

/// The valid fixture and `count` more partners, each in the PfP, in two regions.
fn with_partners(count: usize) -> Fixture {
    let site = Fixture::valid();
    for n in 0..count {
        site.write(
            &format!("content/partners/extra-{n}.md"),
            &format!(
                "---\nname: Extra {n}\nkind: organisation\nregion: Region {}\nstatus: partner\n\
                 memberships:\n  - framework: pfp\n    from: {}\nsources: [src-a]\n---\nExtra {n}.\n",
                n % 2,
                1994 + n % 20
            ),
        );
    }
    site.build().expect("the large fixture builds");
    site
}

#[test]
fn past_a_thousand_partners_the_index_is_summarised_and_charts_are_left_out() {
    let site = with_partners(1_000);
    let index = site.page("partners/index.html");
    // Frameworks: a count and the framework's page, which lists the members.
    let pfp = &index[index.find("id=\"framework-pfp\"").expect("the PfP group")..];
    let pfp = &pfp[..pfp.find("</section>").expect("the group closes")];
    assert!(pfp.contains("<span class=\"count\">1002</span>"), "{pfp}");
    assert!(pfp.contains("1002 partners, listed on <a href=\"../frameworks/pfp.html\">"));
    assert!(!pfp.contains("<li>"), "no list of members: {pfp}");
    // Regions: every partner by name, without years.
    let region = &index[index.find("id=\"region-region-0\"").expect("a region")..];
    let region = &region[..region.find("</section>").expect("the region closes")];
    assert_eq!(region.matches("<li>").count(), 500);
    assert!(!region.contains("class=\"years\""));
    // Statuses: counts only (the extras, Austria and the UN are partners); no
    // overview chart.
    assert!(index.contains("1002 partners; each partner's page gives its status."));
    assert!(!index.contains("id=\"overview\""));
    // The framework page: its members' table, no chart, and a note saying why.
    let framework = site.page("frameworks/pfp.html");
    assert!(!framework.contains("<figure class=\"chart\">"));
    assert!(framework.contains("With 1002 members, the year-by-year chart is left out"));
    assert_eq!(framework.matches("<th scope=\"row\"").count(), 1002);
    // The sources page lists the first 200 pages citing a source, and counts the rest.
    let sources = site.page("sources.html");
    let src_a = &sources[sources.find("id=\"src-a\"").expect("src-a")..];
    let src_a = &src_a[..src_a.find("</details>").expect("its citers")];
    let count: usize = src_a
        .split("<summary>Cited by ")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .and_then(|n| n.parse().ok())
        .expect("a count of citers");
    assert!(count > 1_000, "{count}");
    assert_eq!(src_a.matches("<li><a href=").count(), 200);
    assert!(src_a.contains(&format!("<li>and {} more</li>", count - 200)));
    // No print edition and no offline copy, and no page offers either.
    assert!(!site.output().join("print.html").exists());
    assert!(!index.contains("print.html"));
    let zips = std::fs::read_dir(site.output())
        .expect("output")
        .flatten()
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "zip"))
        .count();
    assert_eq!(zips, 0, "no offline copy");
    assert!(!site.page("index.html").contains("offline-copy"));
    assert_eq!(broken_links(&site.output()), Vec::<String>::new());
}

#[test]
fn up_to_a_thousand_partners_the_index_lists_every_partner_three_ways() {
    let site = with_partners(997);
    let index = site.page("partners/index.html");
    assert!(index.contains("id=\"overview\""));
    let pfp = &index[index.find("id=\"framework-pfp\"").expect("the PfP group")..];
    let pfp = &pfp[..pfp.find("</section>").expect("the group closes")];
    assert_eq!(
        pfp.matches("<li>").count(),
        999,
        "997 extras, Austria and Poland"
    );
    assert!(
        site.page("frameworks/pfp.html")
            .contains("<figure class=\"chart\">")
    );
    // Past 500 partners, no print edition either; up to 1,000, an offline copy.
    assert!(!site.output().join("print.html").exists());
    assert!(site.output().join("test-partnerships.zip").exists());
}

#[test]
fn up_to_five_hundred_partners_there_is_a_print_edition() {
    let site = with_partners(497);
    let index = site.page("partners/index.html");
    assert!(index.contains("<a href=\"../print.html\">Print edition</a>"));
    assert!(site.page("print.html").contains("id=\"partner-extra-496\""));
}

/// mimalloc would commit each arena it reserves in full on Linux; the binary turns
/// that off before its first allocation, so memory is committed as it is used. Its
/// verbose start-up report names each option with its value.
#[cfg(target_os = "linux")]
#[test]
fn the_allocator_commits_memory_as_it_is_used() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_natopartners"))
        .arg("--version")
        .env("MIMALLOC_VERBOSE", "1")
        .output()
        .expect("the binary runs");
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(
        report.contains("option 'arena_eager_commit': 0"),
        "{report}"
    );
}

#[test]
fn a_data_download_past_four_megabytes_is_split_into_parts_of_whole_rows() {
    // Forty partners with a 110 kB summary each: about 4.4 MB of partners.json.
    let site = Fixture::valid();
    let summary = "A long summary of the partner's record. ".repeat(2_750);
    for n in 0..40 {
        site.write(
            &format!("content/partners/long-{n:02}.md"),
            &format!(
                "---\nname: Long {n}\nkind: organisation\nregion: Region 0\nstatus: partner\n\
                 summary: {summary}\nmemberships:\n  - framework: pfp\n    from: 1994\n\
                 sources: [src-a]\n---\nLong {n}.\n"
            ),
        );
    }
    site.build().expect("the site builds");
    let data = site.output().join("data");
    assert!(
        !data.join("partners.json").exists(),
        "no file holds them all"
    );
    let mut ids = Vec::new();
    for part in ["partners-1.json", "partners-2.json"] {
        let text = std::fs::read_to_string(data.join(part)).expect(part);
        assert!(text.len() <= 4_000_000, "{part}: {} bytes", text.len());
        assert!(text.ends_with("]\n"));
        let rows: Vec<serde_json::Value> = serde_json::from_str(&text).expect("a JSON list");
        assert!(!rows.is_empty(), "{part} holds rows");
        ids.extend(
            rows.iter()
                .map(|row| row["id"].as_str().expect("an id").to_string()),
        );
    }
    assert!(!data.join("partners-3.json").exists());
    // The parts hold every partner once, in the order the CSV lists them.
    let mut reader = csv::Reader::from_path(data.join("partners.csv")).expect("one CSV file");
    let listed: Vec<String> = reader
        .records()
        .map(|record| record.expect("a row")[0].to_string())
        .collect();
    assert_eq!(ids.len(), 43);
    assert_eq!(ids, listed);
    // The sources page lists each part, with the partners it holds; no link is
    // broken (none to data/partners.json).
    let sources = site.page("sources.html");
    assert!(!sources.contains("href=\"data/partners.json\""));
    for (part, of) in [
        ("partners-1.json", "part 1 of 2: "),
        ("partners-2.json", "part 2 of 2: "),
    ] {
        let at = sources
            .find(&format!("<a href=\"data/{part}\">"))
            .unwrap_or_else(|| panic!("{part} is listed"));
        let line = &sources[at..at + sources[at..].find("</li>").expect("the item ends")];
        assert!(line.contains(of), "{line}");
        assert!(
            line.contains(" partners, ") || line.contains("1 partner, "),
            "{line}"
        );
    }
    assert_eq!(broken_links(&site.output()), Vec::<String>::new());
}
