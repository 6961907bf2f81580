//! The generator end to end: fixture sites built into temporary folders, with
//! assertions on the pages, the links and the errors.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{
    Fixture, assert_rejected, broken_links, errors_of, search_entries, search_entry, snapshot,
};

#[test]
fn framework_pages_derive_members_with_the_precision_written() {
    let site = Fixture::valid();
    site.build().expect("valid fixture builds");
    let pfp = site.page("frameworks/pfp.html");
    assert!(
        pfp.contains(r#"<a href="../partners/austria.html">Austria</a>"#),
        "{pfp}"
    );
    assert!(pfp.contains(r#"<a href="../partners/poland.html">Poland</a>"#));
    assert!(pfp.contains(r#"<time datetime="1995-02-10">10 February 1995</time>"#));
    assert!(pfp.contains(r#"<time datetime="1994-02">February 1994</time>"#));
    // Poland joined first, so it is listed first.
    assert!(pfp.find("Poland").unwrap() < pfp.find("Austria</a>").unwrap());
    let eapc = site.page("frameworks/eapc.html");
    assert!(eapc.contains(r#"<time datetime="1997-05">May 1997</time>"#));
    assert!(
        !eapc.contains("poland.html\">Poland"),
        "Poland is not an EAPC member in the fixture"
    );
}

#[test]
fn partner_pages_show_memberships_events_related_partners_and_backlinks() {
    let site = Fixture::valid();
    site.build().expect("valid fixture builds");
    let poland = site.page("partners/poland.html");
    assert!(poland.contains("NATO member since"));
    assert!(poland.contains(r#"<time datetime="1999-03-12">12 March 1999</time>"#));
    assert!(poland.contains("../timeline.html#e1999-03-12-poland-joins-nato"));
    assert!(
        poland.contains(r#"<a href="../partners/austria.html">Austria</a>"#),
        "related by PfP"
    );
    // Austria's narrative links to Poland, so Poland lists Austria as linking here.
    let backlinks = &poland[poland.find("id=\"backlinks\"").unwrap()..];
    assert!(backlinks.contains("Austria"));
    let austria = site.page("partners/austria.html");
    assert!(austria.contains(r#"href="../programmes/parp.html""#));
    assert!(austria.contains(r#"href="../operations/kfor.html""#));
    let parp = site.page("programmes/parp.html");
    assert!(parp.contains(r#"<a href="../partners/austria.html">Austria</a>"#));
    let kfor = site.page("operations/kfor.html");
    assert!(kfor.contains(r#"<a href="../partners/austria.html">Austria</a>"#));
}

#[test]
fn related_partners_are_the_closest_first_and_capped() {
    let site = Fixture::valid();
    let partner = |name: &str, frameworks: &[&str]| {
        let memberships: String = frameworks
            .iter()
            .map(|f| format!("  - framework: {f}\n    from: 2000\n"))
            .collect();
        format!(
            "---\nname: {name}\nkind: organisation\nregion: Test\nstatus: partner\nmemberships:\n{memberships}sources: [src-a]\n---\n{name}.\n"
        )
    };
    site.write("content/partners/hub.md", &partner("Hub", &["pfp", "eapc"]));
    site.write(
        "content/partners/twin.md",
        &partner("Twin", &["eapc", "pfp"]),
    );
    // 45 partners sharing only the PfP, named so that name order is not file order.
    for n in 0..45 {
        let name = format!("Member {:02}", 44 - n);
        site.write(
            &format!("content/partners/m{n}.md"),
            &partner(&name, &["pfp"]),
        );
    }
    site.build().expect("fixture with many partners builds");
    let hub = site.page("partners/hub.html");
    let related = related_section(&hub);
    // Austria and Twin share both frameworks, Poland and the 45 members one;
    // Hub itself is never listed.
    assert!(
        related.contains("The 40 partners closest to Hub"),
        "{related}"
    );
    assert!(related.contains("out of 48"), "{related}");
    let names: Vec<&str> = related
        .split("<li><a href=\"")
        .skip(1)
        .filter_map(|item| item.split('>').nth(1)?.split('<').next())
        .collect();
    assert_eq!(names.len(), 40, "{names:?}");
    assert_eq!(&names[..2], ["Austria", "Twin"]);
    let rest = &names[2..];
    assert!(
        rest.windows(2).all(|w| w[0] < w[1]),
        "ties by name: {rest:?}"
    );
    assert_eq!(rest[0], "Member 00");
    assert!(!names.contains(&"Hub"));
    // The partners are grouped by the frameworks they share: both for the
    // closest, then PfP alone for the others, each set's badges shown once.
    let groups: Vec<&str> = related.split("<dt>").skip(1).collect();
    assert_eq!(groups.len(), 2, "{related}");
    let (both, one) = (groups[0], groups[1]);
    assert!(both.contains(">PfP<") && both.contains(">EAPC<"), "{both}");
    assert!(
        both.contains(">Twin<") && both.contains(">Austria<"),
        "{both}"
    );
    assert!(both.contains("(2)"), "{both}");
    assert!(one.contains(">PfP<") && !one.contains(">EAPC<"), "{one}");
    assert!(
        one.contains(">Member 00<") && !one.contains(">Twin<"),
        "{one}"
    );
    assert!(one.contains("(38)"), "{one}");
    assert_eq!(related.matches(">PfP<").count(), 2, "{related}");
}

/// A partner page's related partners section.
fn related_section(page: &str) -> &str {
    let related = &page[page.find("id=\"related\"").expect("related section")..];
    &related[..related.find("</section>").expect("end of section")]
}

#[test]
fn a_badge_drawn_by_an_edited_mark_partial_changes_everywhere_it_shows() {
    let site = Fixture::valid();
    site.write(
        "templates/partials/mark.html",
        "<b class=\"mark-{{ b.colour }}\">{{ b.acronym }}!</b>",
    );
    site.build().expect("builds with the edited partial");
    let poland = site.page("partners/poland.html");
    let related = related_section(&poland);
    let austria = related
        .split("<dt>")
        .find(|group| group.contains(">Austria<"))
        .expect("Austria listed");
    assert!(austria.contains(">PfP!</b>"), "{austria}");
    assert!(!related.contains("class=\"badge"), "{related}");
    let memberships = &poland[poland.find("class=\"memberships\"").expect("memberships")..];
    assert!(memberships.contains(">PfP!</b>"), "{memberships}");
}

#[test]
fn an_error_in_the_mark_partial_names_it() {
    let site = Fixture::valid();
    site.write(
        "templates/partials/mark.html",
        "{{ b.no_such_field.deeper }}",
    );
    let errors = errors_of(site.build());
    assert!(errors.contains("templates/partials/mark.html"), "{errors}");
}

#[test]
fn search_indexes_every_entity_and_event_at_urls_that_exist() {
    let site = Fixture::valid();
    site.build().expect("valid fixture builds");
    let entries = search_entries(&site.output());
    let urls: Vec<&str> = entries.iter().filter_map(|e| e["url"].as_str()).collect();
    assert_eq!(urls.len(), entries.len(), "every entry has a URL");
    // Every entity page and every event on the timeline is in the index.
    let output = site.output();
    for folder in [
        "partners",
        "frameworks",
        "programmes",
        "operations",
        "pages",
    ] {
        for file in std::fs::read_dir(output.join(folder))
            .expect("folder")
            .flatten()
        {
            let name = file.file_name().to_string_lossy().into_owned();
            if name != "index.html" {
                let url = format!("{folder}/{name}");
                assert!(urls.contains(&url.as_str()), "{url} is not indexed");
            }
        }
    }
    let timeline = site.page("timeline.html");
    let events = timeline.matches("\" class=\"event kind-").count();
    assert!(events > 0);
    assert_eq!(
        urls.iter()
            .filter(|u| u.starts_with("timeline.html#"))
            .count(),
        events
    );
    // Every URL names a file, and its fragment an element of that file.
    for url in &urls {
        let (file, fragment) = url.split_once('#').unwrap_or((url, ""));
        let page = site.page(file);
        assert!(
            fragment.is_empty() || page.contains(&format!("id=\"{fragment}\"")),
            "{url}: no element with that id"
        );
    }
    // Entries carry what a reader types: names, acronyms, ISO codes, body words.
    let austria = search_entry(&entries, "partners/austria.html");
    assert_eq!(austria["title"], "Austria");
    assert_eq!(austria["kind"], "Partner");
    assert!(
        austria["terms"]
            .as_array()
            .is_some_and(|t| t.contains(&"AUT".into()))
    );
    assert_eq!(
        austria["text"], "Austria joined Partnership for Peace. See Poland.",
        "entity links by name, citations left out"
    );
    let pfp = search_entry(&entries, "frameworks/pfp.html");
    assert!(
        pfp["terms"]
            .as_array()
            .is_some_and(|t| t.contains(&"PfP".into()))
    );
    // The word shards lead from each folded word to the entries holding it, with
    // a title word weighing more than a word of the text.
    let words = common::search_words(&site.output());
    let number = |url: &str| {
        entries
            .iter()
            .position(|e| e["url"] == url)
            .expect("indexed") as u64
    };
    let weight = |word: &str, entry: u64| {
        let postings = words
            .get(word)
            .unwrap_or_else(|| panic!("{word} not indexed"));
        postings
            .chunks(2)
            .find(|pair| pair[0] == entry)
            .map(|pair| pair[1])
    };
    let austria = number("partners/austria.html");
    assert_eq!(weight("austria", austria), Some(8), "a title word");
    assert_eq!(weight("aut", austria), Some(10), "a one-word term");
    assert_eq!(weight("poland", austria), Some(1), "a word of the text");
    assert_eq!(weight("pfp", number("frameworks/pfp.html")), Some(10));
    assert!(
        words.keys().all(|w| w == &w.to_lowercase()),
        "words are folded"
    );
    // The search page loads the index and the script, and works without them.
    let search = site.page("search.html");
    assert!(search.contains(r#"<script src="search-index.js" defer>"#));
    assert!(site.page("search.js").contains("searchShard"));
    assert!(search.contains(r#"<script src="search.js" defer>"#));
    assert!(search.contains("<noscript>"));
    // Every other page has a search form that leads there.
    assert!(
        site.page("partners/austria.html")
            .contains(r#"action="../search.html""#)
    );
    assert!(
        !search.contains("id=\"site-q\""),
        "one search form on the search page"
    );
}

#[test]
fn data_downloads_hold_every_partner_membership_and_event() {
    let site = Fixture::valid();
    site.build().expect("valid fixture builds");
    let partner_pages = std::fs::read_dir(site.output().join("partners"))
        .expect("partners folder")
        .flatten()
        .filter(|f| f.file_name() != "index.html")
        .count();
    let partners: Vec<serde_json::Value> =
        serde_json::from_str(&site.page("data/partners.json")).expect("valid JSON");
    assert_eq!(partners.len(), partner_pages);
    let austria = partners
        .iter()
        .find(|p| p["id"] == "austria")
        .expect("Austria exported");
    assert_eq!(austria["url"], "partners/austria.html");
    assert_eq!(austria["memberships"][0]["from"], "1995-02-10");
    assert_eq!(
        austria["memberships"][1]["from"], "1997-05",
        "precision kept"
    );
    let mut reader = csv::Reader::from_path(site.output().join("data/partners.csv")).expect("csv");
    assert_eq!(
        reader.headers().expect("header").iter().collect::<Vec<_>>(),
        [
            "id",
            "name",
            "kind",
            "region",
            "iso",
            "status",
            "nato_invited",
            "nato_member",
            "frameworks",
            "url"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), partner_pages);
    let poland = rows.iter().find(|r| &r[0] == "poland").expect("Poland row");
    assert_eq!(&poland[7], "1999-03-12");
    assert_eq!(&poland[8], "pfp");
    let memberships = csv::Reader::from_path(site.output().join("data/memberships.csv"))
        .expect("csv")
        .records()
        .count();
    let declared: usize = partners
        .iter()
        .map(|p| p["memberships"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(memberships, declared);
    let timeline = site.page("timeline.html");
    let events = timeline.matches("\" class=\"event kind-").count();
    let json_events: Vec<serde_json::Value> =
        serde_json::from_str(&site.page("data/events.json")).expect("valid JSON");
    assert_eq!(json_events.len(), events);
    let mut reader = csv::Reader::from_path(site.output().join("data/events.csv")).expect("csv");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), events);
    for row in &rows {
        assert!(
            !row[7].contains("[@") && !row[7].contains("[["),
            "plain text: {}",
            &row[7]
        );
        let (page, anchor) = row[10].split_once('#').expect("a timeline anchor");
        assert_eq!(page, "timeline.html");
        assert!(timeline.contains(&format!("id=\"{anchor}\"")));
    }
    // The sources page lists every download, and the links resolve.
    let sources = site.page("sources.html");
    for file in [
        "partners.json",
        "partners.csv",
        "memberships.csv",
        "events.json",
        "events.csv",
    ] {
        assert!(
            sources.contains(&format!("href=\"data/{file}\"")),
            "{file} not listed"
        );
    }
    assert!(broken_links(&site.output()).is_empty());
}

#[test]
fn framework_and_partner_pages_draw_membership_charts() {
    let site = Fixture::valid();
    site.build().expect("valid fixture builds");
    let pfp = site.page("frameworks/pfp.html");
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\"";
    let chart = &pfp[pfp.find(svg).expect("a chart on the framework page")..];
    let chart = &chart[..chart.find("</svg>").expect("end of chart")];
    // One row per member, one bar per dated membership, each row a link to the
    // member's page named by its dates.
    assert!(chart.contains(">Austria</text>") && chart.contains(">Poland</text>"));
    assert_eq!(chart.matches("<rect class=\"bar ").count(), 2);
    assert!(chart.contains(
        "<a href=\"../partners/austria.html\"><title>Austria: 10 February 1995 – ongoing</title>"
    ));
    assert!(chart.contains(
        "<a href=\"../partners/poland.html\"><title>Poland: February 1994 – 12 March 1999</title>"
    ));
    // Poland's bar starts earlier and ends before Austria's open one.
    let x_of = |name: &str| -> f32 {
        let title = chart.find(&format!("<title>{name}:")).expect("row");
        let rect = title + chart[title..].find("<rect class=\"bar ").expect("bar");
        let x = &chart[rect..];
        let x = &x[x.find(" x=\"").expect("x") + 4..];
        x[..x.find('"').expect("end")].parse().expect("a number")
    };
    assert!(x_of("Poland") < x_of("Austria"));
    // The partner page draws its own frameworks, one row each.
    let austria = site.page("partners/austria.html");
    let strip = &austria[austria.find(svg).expect("a chart on the partner page")..];
    let strip = &strip[..strip.find("</svg>").expect("end of chart")];
    assert!(strip.contains(">PfP</text>") && strip.contains(">EAPC</text>"));
    assert!(strip.contains("<title>Partnership for Peace: 10 February 1995 – ongoing</title>"));
    // The UN has no membership: no chart.
    assert!(!site.page("partners/un.html").contains("<svg"));
}

#[test]
fn timeline_has_every_year_and_events_link_their_entities() {
    let site = Fixture::valid();
    site.build().expect("valid fixture builds");
    let timeline = site.page("timeline.html");
    for year in 1990..=2022 {
        assert!(
            timeline.contains(&format!("id=\"y{year}\"")),
            "year {year} has no anchor"
        );
    }
    assert!(timeline.contains("id=\"e1994-01-10-pfp-launched\""));
    assert!(timeline.contains(r#"<a href="frameworks/pfp.html">Partnership for Peace</a>"#));
    assert!(timeline.contains(r#"<a href="partners/poland.html">Poland</a>"#));
}

#[test]
fn markdown_links_citations_glossary_and_code() {
    let site = Fixture::valid();
    site.build().expect("valid fixture builds");
    let home = site.page("index.html");
    assert!(home.contains(r#"<a href="frameworks/pfp.html">Partnership for Peace</a>"#));
    assert!(home.contains(r#"<a href="frameworks/eapc.html">the council</a>"#));
    assert!(home.contains(r##"<a href="#source-src-a""##));
    let pfp = site.page("frameworks/pfp.html");
    assert_eq!(
        pfp.matches("<abbr title=\"Partnership for Peace\">PfP</abbr>")
            .count(),
        1
    );
    let about = site.page("pages/about.html");
    assert!(
        about.contains("class=\"hl-"),
        "code is highlighted by class"
    );
    assert!(site.output().join("highlight.css").is_file());
}

#[test]
fn every_internal_link_resolves_from_every_depth() {
    let site = Fixture::valid();
    site.build().expect("valid fixture builds");
    assert_eq!(broken_links(&site.output()), Vec::<String>::new());
    assert!(site.output().join(".nojekyll").is_file());
    assert!(site.output().join("404.html").is_file());
}

#[test]
fn the_shipped_content_builds_and_every_link_resolves() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().expect("temporary folder");
    let output = out.path().join("public");
    let report = natopartners::build(&natopartners::BuildOptions {
        root: root.to_path_buf(),
        output: output.clone(),
        base_url: None,
    })
    .unwrap_or_else(|failure| panic!("the shipped content must build:\n{failure}"));
    assert!(report.pages > 100, "{} pages", report.pages);
    assert_eq!(broken_links(&output), Vec::<String>::new());
}

#[test]
fn base_url_adds_canonical_links_and_a_sitemap_only_when_given() {
    let site = Fixture::valid();
    site.build().expect("valid fixture builds");
    assert!(!site.output().join("sitemap.xml").exists());
    assert!(!site.page("index.html").contains("rel=\"canonical\""));
    let mut options = site.options();
    options.base_url = Some("https://example.github.io/repo/".into());
    natopartners::build(&options).expect("builds with a base URL");
    assert!(site.page("partners/austria.html").contains(
        r#"<link rel="canonical" href="https://example.github.io/repo/partners/austria.html">"#
    ));
    let sitemap = site.page("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.github.io/repo/timeline.html</loc>"));
    // Internal links stay relative even with a base URL.
    assert!(
        site.page("index.html")
            .contains(r#"href="partners/index.html""#)
    );
}

#[test]
fn a_rebuild_keeps_unchanged_files_and_replaces_changed_ones() {
    let site = Fixture::valid();
    site.build().expect("first build");
    let first = snapshot(&site.output());
    #[cfg(unix)]
    let first_inodes = inodes(&site.output());
    // A stray file in the output does not survive a rebuild.
    std::fs::write(site.output().join("stray.html"), "old").expect("write stray file");
    site.write(
        "content/frameworks/eapc.md",
        "---\nname: Euro-Atlantic Partnership Council\nacronym: EAPC\nlaunched: 1997-05\nsources: [src-b]\n---\nSucceeded the NACC in 1997.\n",
    );
    site.build().expect("second build");
    let second = snapshot(&site.output());
    assert!(!second.contains_key(Path::new("stray.html")));
    let changed: Vec<_> = first
        .keys()
        .filter(|path| first.get(*path) != second.get(*path))
        .collect();
    assert!(
        changed.contains(&&PathBuf::from("frameworks/eapc.html")),
        "{changed:?}"
    );
    assert!(
        site.page("frameworks/eapc.html")
            .contains("Succeeded the NACC in 1997.")
    );
    assert_eq!(first.len(), second.len());
    // Unchanged files are the same files on disk, not copies written again.
    #[cfg(unix)]
    {
        let second_inodes = inodes(&site.output());
        let kept = first
            .keys()
            .filter(|path| first.get(*path) == second.get(*path))
            .filter(|path| first_inodes.get(*path) == second_inodes.get(*path))
            .count();
        assert_eq!(
            kept,
            first.len() - changed.len(),
            "unchanged files were rewritten"
        );
    }
    // Every file, changed or not, matches a fresh build into an empty folder.
    let fresh = Fixture::valid();
    fresh.write(
        "content/frameworks/eapc.md",
        "---\nname: Euro-Atlantic Partnership Council\nacronym: EAPC\nlaunched: 1997-05\nsources: [src-b]\n---\nSucceeded the NACC in 1997.\n",
    );
    fresh.build().expect("fresh build");
    assert_eq!(snapshot(&fresh.output()), second);
}

/// Each output file's inode number, to tell a kept file from a rewritten one.
#[cfg(unix)]
fn inodes(dir: &Path) -> BTreeMap<PathBuf, u64> {
    use std::os::unix::fs::MetadataExt;
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let inode = e.metadata().expect("metadata").ino();
            (
                e.path().strip_prefix(dir).expect("inside").to_path_buf(),
                inode,
            )
        })
        .collect()
}

#[test]
fn yaml_syntax_error_names_file_line_and_column() {
    // Front matter starts on line 2: the second `:` of line 4 is the error.
    assert_rejected(
        |s| {
            s.write(
                "content/partners/austria.md",
                "---\nname: Austria\nkind: country\nregion: Western: Europe\n---\nBody\n",
            );
        },
        &[
            "content/partners/austria.md:4:16: error: mapping values are not allowed in this context",
        ],
    );
    // An unclosed `[`: serde_yaml meets the sequence where a string belongs first.
    assert_rejected(
        |s| {
            s.write(
                "content/partners/austria.md",
                "---\nname: Austria\nkind: country\nregion: [Western Europe\n---\nBody\n",
            );
        },
        &["content/partners/austria.md:4:9: error: region: invalid type: sequence"],
    );
}

#[test]
fn missing_required_field_is_named() {
    let errors = assert_rejected(
        |s| {
            s.write(
                "content/partners/austria.md",
                "---\nname: Austria\nregion: Western Europe\niso: AUT\nstatus: partner\n---\nBody\n",
            );
        },
        &["content/partners/austria.md:2", "missing field `kind`"],
    );
    assert!(
        !errors.contains("unknown"),
        "no cascade of unknown-id errors: {errors}"
    );
}

#[test]
fn unknown_ids_in_every_kind_of_reference_are_reported_together() {
    assert_rejected(
        |s| {
            s.write(
                "content/partners/austria.md",
                "---\nname: Austria\nkind: country\nregion: Western Europe\niso: AUT\nstatus: partner\nmemberships:\n  - framework: nope-framework\nprogrammes:\n  - id: nope-programme\noperations: [nope-operation]\nsources: [nope-source]\n---\nSee [[nope-link]] and [x](@nope-other) [@nope-cite].\n",
            );
            s.write(
                "content/timeline/more.yaml",
                "- date: 2000\n  title: Something\n  kind: other\n  summary: Text.\n  partners: [nope-partner]\n  sources: [src-a]\n",
            );
        },
        // Each at the line and column of the id itself.
        &[
            "content/partners/austria.md:8:16: error: unknown framework `nope-framework`",
            "content/partners/austria.md:10:9: error: unknown programme `nope-programme`",
            "content/partners/austria.md:11:14: error: unknown operation `nope-operation`",
            "content/partners/austria.md:12:11: error: unknown source `nope-source`",
            "content/partners/austria.md:14:7: error: unknown entity or source for a link `nope-link`",
            "content/partners/austria.md:14:28: error: unknown entity or source for a link `nope-other`",
            "content/partners/austria.md:14:42: error: unknown source `nope-cite`",
            "content/timeline/more.yaml:5:14: error: unknown partner `nope-partner`",
        ],
    );
}

#[test]
fn a_reference_to_the_wrong_kind_says_what_was_expected() {
    assert_rejected(
        |s| {
            s.write(
                "content/programmes/parp.md",
                "---\nname: PARP\nframeworks: [kfor]\nsources: [src-a]\n---\nText.\n",
            );
        },
        &[
            "content/programmes/parp.md:3",
            "`kfor` is an operation, but a framework is expected here",
        ],
    );
}

#[test]
fn duplicate_ids_across_kinds_are_reported() {
    assert_rejected(
        |s| {
            s.write(
                "content/operations/pfp.md",
                "---\nname: Another PfP\nsources: [src-a]\n---\nText.\n",
            );
        },
        &["duplicate id `pfp`"],
    );
}

#[test]
fn invalid_dates_are_reported_with_their_line() {
    assert_rejected(
        |s| {
            s.write(
                "content/operations/kfor.md",
                "---\nname: Kosovo Force\nfrom: 1999-13\nsources: [src-a]\n---\nText.\n",
            );
        },
        &["content/operations/kfor.md:3", "invalid date `1999-13`"],
    );
}

#[test]
fn events_outside_the_timeline_are_rejected() {
    assert_rejected(
        |s| {
            s.write(
                "content/timeline/late.yaml",
                "- date: 2023-04-04\n  title: Too late\n  kind: accession\n  summary: Text.\n  sources: [src-a]\n",
            );
        },
        &[
            "content/timeline/late.yaml:1",
            "outside the timeline (1990–2022",
        ],
    );
}

#[test]
fn a_template_that_fails_to_render_is_named() {
    assert_rejected(
        |s| {
            s.write("templates/page.html", "{% extends \"base.html\" %}{% block content %}{{ page.no_such_field }}{% endblock content %}");
        },
        &["templates/page.html"],
    );
}

#[test]
fn a_template_that_does_not_parse_is_named_with_its_line() {
    assert_rejected(
        |s| {
            s.write("templates/glossary.html", "{% extends \"base.html\" %}\n{% block content %}\n{% if %}\n{% endblock content %}");
        },
        &["templates/glossary.html:3"],
    );
}

#[test]
fn every_error_of_a_run_is_reported_not_only_the_first() {
    let errors = assert_rejected(
        |s| {
            s.write("content/partners/poland.md", "---\nname: [\n---\n");
            s.write(
                "content/frameworks/eapc.md",
                "---\nname: EAPC\nlaunched: 1997-02-30\nsources: [src-b]\n---\n",
            );
            s.write(
                "content/timeline/events.yaml",
                "- date: 1994\n  title: A\n  kind: nonsense\n  summary: x\n  sources: [src-a]\n- date: 1995\n  title: B\n  summary: x\n  sources: [src-a]\n",
            );
        },
        &[
            "content/partners/poland.md:2",
            "content/frameworks/eapc.md:3",
            // The first entry's unknown `kind`, at its value; the second entry itself.
            "content/timeline/events.yaml:3:9",
            "content/timeline/events.yaml:6",
        ],
    );
    assert!(errors.lines().count() >= 4, "{errors}");
}

#[test]
fn check_validates_and_writes_nothing() {
    let site = Fixture::valid();
    let report = natopartners::check(site.root()).expect("valid fixture passes check");
    assert!(report.pages > 10);
    assert!(!site.output().exists());
    site.write("content/partners/un.md", "---\nname: UN\n---\n");
    assert!(natopartners::check(site.root()).is_err());
    assert!(!site.output().exists());
}

#[test]
fn warnings_point_at_incomplete_content_without_failing() {
    let site = Fixture::valid();
    site.write(
        "content/partners/un.md",
        "---\nname: United Nations\nkind: organisation\nregion: Global\nstatus: partner\n---\n",
    );
    let report = site.build().expect("warnings do not fail a build");
    let warnings = report.warnings.to_string();
    assert!(
        warnings
            .contains("content/partners/un.md:1: warning[no-sources]: partner `un` has no sources"),
        "{warnings}"
    );
    assert!(
        warnings.contains("partner `un` has no narrative"),
        "{warnings}"
    );
    assert!(
        warnings.contains("acronym `NACC` is missing from glossary.yaml"),
        "{warnings}"
    );
}

#[test]
fn the_command_line_exits_non_zero_and_prints_every_error() {
    let site = Fixture::valid();
    site.write(
        "content/operations/kfor.md",
        "---\nname: KFOR\nfrom: 1999-00\nsources: [nope]\n---\n",
    );
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_natopartners"))
        .args(["build", "--root"])
        .arg(site.root())
        .output()
        .expect("run the binary");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("content/operations/kfor.md:3"), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(!site.output().exists());

    site.write(
        "content/operations/kfor.md",
        "---\nname: KFOR\nsources: [src-a]\n---\nText.\n",
    );
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_natopartners"))
        .args(["build", "--timings", "--root"])
        .arg(site.root())
        .output()
        .expect("run the binary");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("built "), "{stdout}");
    for stage in ["load", "resolve", "templates", "render", "write"] {
        assert!(
            stderr.contains(&format!("{stage}: ")),
            "no timing for {stage}: {stderr}"
        );
    }
}

#[test]
fn members_without_a_start_date_come_after_the_dated_ones() {
    let site = Fixture::valid();
    site.write(
        "content/partners/malta.md",
        "---\nname: Aardvark Republic\nkind: country\nregion: Western Europe\niso: MLT\nstatus: partner\nmemberships:\n  - framework: pfp\n    note: Date not given by the sources.\nsources: [src-a]\n---\nText.\n",
    );
    site.build().expect("builds");
    let page = site.page("frameworks/pfp.html");
    // In the members table (after the chart), and in the chart's rows too.
    let pfp = &page[page
        .find("<table class=\"members\"")
        .expect("members table")..];
    let undated = pfp.find("Aardvark Republic").expect("listed");
    assert!(
        pfp.find("Austria</a>").expect("listed") < undated,
        "undated member listed first"
    );
    assert!(pfp[undated..].contains("not recorded"));
    let chart = &page[page.find("<svg").expect("chart")..page.find("</svg>").expect("end")];
    assert!(
        chart.find(">Austria</text>").expect("row")
            < chart.find(">Aardvark Republic</text>").expect("row")
    );
    assert!(chart.contains("dates not recorded"));
    let austria = site.page("partners/austria.html");
    assert!(
        austria.contains(r#"from <time datetime="1995">1995</time>"#),
        "programme use shows its start"
    );
}
