//! The editor's loop as stories: start from a fixture site (tests/fixtures/), build,
//! read a page, change a file, build again. Each story reads top to bottom as the
//! steps an editor takes; a failing step names the steps before it.

mod common;

use common::{Story, search_entry};

const FINLAND: &str = "\
---
name: Finland
kind: country
region: Nordic countries
iso: FIN
status: partner
summary: A Nordic partner since 1994.
memberships:
  - framework: pfp
    from: 1994-05-09
sources: [src-a]
---
Finland joined [[pfp]] in 1994 [@src-a].
";

#[test]
fn editing_a_partner_changes_its_page_and_nothing_it_does_not_touch() {
    Story::new("valid")
        .build()
        .page_contains("partners/austria.html", &["Austria joined"])
        .edit("content/partners/austria.md", |text| {
            text.replace(
                "Austria joined [[pfp]]",
                "Austria, neutral since 1955, joined [[pfp]]",
            )
        })
        .build()
        .page_contains(
            "partners/austria.html",
            &[r#"Austria, neutral since 1955, joined <a href="../frameworks/pfp.html">Partnership for Peace</a>"#],
        )
        .page_lacks("partners/austria.html", &["<p>Austria joined"])
        .search(|entries| {
            let austria = search_entry(entries, "partners/austria.html");
            assert_eq!(
                austria["text"],
                "Austria, neutral since 1955, joined Partnership for Peace. See Poland."
            );
        })
        // Another partner's page does not quote Austria's narrative.
        .page_lacks("partners/poland.html", &["neutral since 1955"]);
}

#[test]
fn a_new_framework_name_shows_on_every_page_that_names_it() {
    Story::new("valid")
        .build()
        .page_contains(
            "partners/austria.html",
            &[r#"<a href="../frameworks/pfp.html">Partnership for Peace</a>"#],
        )
        .edit("content/frameworks/pfp.md", |text| {
            text.replace(
                "name: Partnership for Peace",
                "name: Partnership for Peace Programme",
            )
        })
        .build()
        .page_contains(
            "frameworks/pfp.html",
            &["PfP</abbr> Partnership for Peace Programme</h1>"],
        )
        // Austria's `[[pfp]]` link takes the new name, and so does Poland's membership.
        .page_contains(
            "partners/austria.html",
            &[r#"<a href="../frameworks/pfp.html">Partnership for Peace Programme</a>"#],
        )
        .page_contains(
            "partners/poland.html",
            &[r#"<a href="../frameworks/pfp.html">Partnership for Peace Programme</a>"#],
        );
}

#[test]
fn a_broken_file_fails_the_build_leaves_the_last_site_alone_and_the_fix_builds_again() {
    Story::new("valid")
        .build()
        .page_contains(
            "frameworks/pfp.html",
            &[r#"<dt>Launched</dt><dd><time datetime="1994-01-10">10 January 1994</time></dd>"#],
        )
        // A month that does not exist: the build fails where the date is written,
        // and public/ is byte for byte the site of the last good build.
        .edit("content/frameworks/pfp.md", |text| {
            text.replace("launched: 1994-01-10", "launched: 1994-13-10")
        })
        .build_fails_with(&[
            "content/frameworks/pfp.md:4:11",
            "invalid date `1994-13-10`",
        ])
        .page_contains(
            "frameworks/pfp.html",
            &[r#"<dt>Launched</dt><dd><time datetime="1994-01-10">10 January 1994</time></dd>"#],
        )
        // A second break in another file while the first is still there: both are
        // reported, and the output still has not moved.
        .edit("content/partners/austria.md", |text| {
            text.replace("See [[poland]].", "See [[polnad]].")
        })
        .build_fails_with(&[
            "content/frameworks/pfp.md:4:11",
            "content/partners/austria.md:19:",
            "unknown entity or source for a link `polnad`",
        ])
        // Fixed, to a date at another precision: it builds and the page shows it.
        .edit("content/frameworks/pfp.md", |text| {
            text.replace("launched: 1994-13-10", "launched: 1994-01")
        })
        .edit("content/partners/austria.md", |text| {
            text.replace("[[polnad]]", "[[poland]]")
        })
        .build()
        .page_contains(
            "frameworks/pfp.html",
            &[r#"<dt>Launched</dt><dd><time datetime="1994-01">January 1994</time></dd>"#],
        )
        // The event of 10 January 1994 is still on the page: only the launch changed.
        .page_contains("frameworks/pfp.html", &["10 January 1994</time></a>"]);
}

#[test]
fn a_bad_input_fixture_fails_from_the_start_and_builds_once_fixed() {
    Story::new("unknown-citation")
        // No build has succeeded yet: the failure must not create public/.
        .build_fails_with(&["content/frameworks/eapc.md:7:30", "unknown source `src-bb`"])
        .no_page("index.html")
        .edit("content/frameworks/eapc.md", |text| {
            text.replace("[@src-b; @src-bb]", "[@src-b]")
        })
        .build()
        .page_contains(
            "frameworks/eapc.html",
            &[r##"<sup class="cite">[<a href="#source-src-b" title="Source B">1</a>]</sup>"##],
        );
}

#[test]
fn a_partner_added_in_one_file_appears_in_the_index_on_its_framework_and_in_search() {
    Story::new("valid")
        .build()
        .no_page("partners/finland.html")
        .page_lacks("partners/index.html", &["Finland"])
        // (The world map names every country, Finland among them, as an outline.)
        .page_lacks("frameworks/pfp.html", &["finland.html"])
        .write("content/partners/finland.md", FINLAND)
        .build()
        .page_contains(
            "partners/finland.html",
            &["<h1>Finland</h1>", "Finland joined"],
        )
        // The partners index lists it in its region.
        .page_contains(
            "partners/index.html",
            &[r#"<a href="../partners/finland.html">Finland</a> <span class="years">1994–</span>"#],
        )
        .page(r"partners/index.html", |html| {
            let region = html
                .find(r#"id="region-nordic-countries""#)
                .expect("a Nordic countries group on the partners index");
            assert!(
                html[region..].contains("finland.html"),
                "Finland is listed under its region"
            );
        })
        // Its framework lists it among the members, with the date it joined.
        .page_contains(
            "frameworks/pfp.html",
            &[
                r#"<th scope="row"><a href="../partners/finland.html">Finland</a></th>"#,
                r#"<time datetime="1994-05-09">9 May 1994</time>"#,
            ],
        )
        .search(|entries| {
            let finland = search_entry(entries, "partners/finland.html");
            assert_eq!(finland["title"], "Finland");
            assert_eq!(finland["kind"], "Partner");
            assert_eq!(finland["summary"], "A Nordic partner since 1994.");
            assert!(
                finland["terms"]
                    .as_array()
                    .is_some_and(|terms| terms.contains(&"FIN".into())),
                "the ISO code is a search term: {finland}"
            );
        });
}

#[test]
fn a_removed_partner_leaves_no_page_no_listing_and_no_search_entry() {
    Story::new("valid")
        .build()
        .page_contains("partners/index.html", &["United Nations"])
        .remove("content/partners/un.md")
        .build()
        .no_page("partners/un.html")
        .page_lacks("partners/index.html", &["United Nations", "un.html"])
        .search(|entries| {
            assert!(
                !entries
                    .iter()
                    .any(|entry| entry["url"] == "partners/un.html"),
                "the removed partner is still in the search index"
            );
        });
}

#[test]
fn removing_a_partner_others_link_to_fails_and_names_each_link() {
    Story::new("valid")
        .build()
        .remove("content/partners/poland.md")
        // Austria's narrative and the accession event both name Poland.
        .build_fails_with(&[
            "content/partners/austria.md:19:",
            "unknown entity or source for a link `poland`",
            "content/timeline/events.yaml:11:14",
            "unknown partner `poland`",
        ])
        .page_contains("partners/poland.html", &["<h1>Poland"]);
}
