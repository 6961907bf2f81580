//! Inputs a new editor might write that once broke the generator: long non-ASCII
//! titles, files whose page would replace a generated one, codes that only look
//! like ISO codes. Each gives a correct build or a clear error, never a panic or a
//! silent overwrite.

mod common;

use common::{Fixture, assert_rejected, broken_links, search_entries};

/// Two events whose slugs run past the anchor limit with multi-byte letters placed
/// so that every byte offset around the cut falls inside a character in one of them.
fn long_title_events(title: &str) -> String {
    format!(
        "- date: 1994-01-10\n  title: PfP launched\n  kind: launch\n  summary: The [[pfp]] began.\n  frameworks: [pfp]\n  sources: [src-a]\n\
         - date: 1996-05-01\n  title: \"{title}\"\n  kind: other\n  summary: Long.\n  frameworks: [pfp]\n  sources: [src-a]\n\
         - date: 1996-05-02\n  title: \"x{title}\"\n  kind: other\n  summary: Long.\n  frameworks: [pfp]\n  sources: [src-a]\n"
    )
}

#[test]
fn long_non_ascii_event_titles_build_with_whole_characters_in_their_anchors() {
    for title in [
        "Партнёрство ради мира: совместное заявление министров обороны государств-участников",
        "Déclaration commune des ministres à l'occasion de l'élargissement du Partenariat pour la paix",
        "伙伴关系 和平 联合声明 北约 伙伴关系 和平 联合声明 北约 伙伴关系 和平 联合声明",
        // Found by the `site` fuzz target: byte 80 falls inside a 4-byte letter.
        "Österreich 𝔄𝔩𝔩𝔦𝔞𝔫𝔠𝔢 𝔄𝔩𝔩𝔦𝔞𝔫𝔠𝔢 𝔄𝔩𝔩𝔦𝔞𝔫𝔠𝔢",
        "Emoji 🇺🇦🇺🇦🇺🇦🇺🇦🇺🇦🇺🇦🇺🇦🇺🇦🇺🇦🇺🇦🇺🇦🇺🇦🇺🇦🇺🇦🇺🇦🇺🇦🇺🇦🇺🇦🇺🇦🇺🇦🇺🇦",
    ] {
        let site = Fixture::valid();
        site.write("content/timeline/events.yaml", &long_title_events(title));
        site.build()
            .unwrap_or_else(|e| panic!("`{title}` should build: {e}"));
        let timeline = site.page("timeline.html");
        let anchors: Vec<&str> = timeline
            .split(" id=\"e1996-05-0")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        assert_eq!(anchors.len(), 2, "both events have anchors");
        for anchor in anchors {
            let full = format!("e1996-05-0{anchor}");
            assert!(full.len() <= 80, "{full} is longer than 80 bytes");
            assert!(!full.ends_with('-'), "{full} ends with a hyphen");
        }
        assert_eq!(broken_links(&site.output()), Vec::<String>::new());
        assert!(
            search_entries(&site.output())
                .iter()
                .any(|e| e["title"].as_str() == Some(title)),
            "the title is searchable in full"
        );
    }
}

#[test]
fn a_content_file_named_index_is_reserved_not_a_silent_overwrite() {
    let errors = assert_rejected(
        |s| {
            s.write(
                "content/partners/index.md",
                "---\nname: Index\nkind: organisation\nregion: Global\nstatus: partner\nsources: [src-a]\n---\nSee [[nowhere]].\n",
            );
        },
        &["content/partners/index.md:1: error: the id `index` is reserved"],
    );
    assert!(errors.contains("rename its file"), "{errors}");
}

#[test]
fn a_static_file_that_would_replace_a_generated_page_names_both() {
    assert_rejected(
        |s| {
            s.write("static/partners/index.html", "<p>mine</p>");
            s.write("static/Timeline.html", "<p>mine</p>");
        },
        &[
            "static/partners/index.html: error: the generated page partners/index.html and the static file static/partners/index.html both write partners/index.html",
            "static/Timeline.html: error: the generated page timeline.html and the static file static/Timeline.html write paths that differ only in case (timeline.html, Timeline.html)",
        ],
    );
}

#[test]
fn a_static_file_that_would_replace_an_entity_page_names_its_content_file() {
    assert_rejected(
        |s| {
            s.write("static/partners/austria.html", "<p>mine</p>");
        },
        &[
            "static/partners/austria.html: error: the page of content/partners/austria.md and the static file static/partners/austria.html both write partners/austria.html",
        ],
    );
}

#[test]
fn static_files_in_the_way_of_the_search_index_or_the_data_are_reported_by_check_and_build_alike() {
    let edit = |s: &Fixture| {
        s.write("static/search-index.js", "// mine\n");
        s.write("static/data/partners.json", "[]\n");
        s.write("static/data/notes.txt", "mine\n");
        // A shard's name today, and a name no shard has yet: both are refused,
        // since the shards a build makes grow with the site; so are the data
        // downloads, split into parts as the site grows.
        s.write("static/search/words-0.js", "// mine\n");
        s.write("static/search/notes.txt", "mine\n");
    };
    let errors = assert_rejected(
        edit,
        &[
            "static/search-index.js: error: the generated page search-index.js and the static file static/search-index.js both write search-index.js",
            "static/data/notes.txt: error: the static file static/data/notes.txt is inside data/, which the data export fills with files named by the build; move the static file out of data/",
            "static/data/partners.json: error: the static file static/data/partners.json is inside data/",
            "static/search/words-0.js: error: the static file static/search/words-0.js is inside search/, which the search index fills with files named by the build; move the static file out of search/",
            "static/search/notes.txt: error: the static file static/search/notes.txt is inside search/",
        ],
    );
    assert_eq!(errors.matches("static/search/words-0.js:").count(), 1);
    // `check` leaves out the search index and the data, yet finds the same errors.
    let site = Fixture::valid();
    edit(&site);
    match natopartners::check(site.root()) {
        Err(natopartners::diagnostics::Failure::Content { diagnostics }) => {
            assert_eq!(diagnostics.to_string(), errors);
        }
        Err(other) => panic!("expected content errors, got {other}"),
        Ok(_) => panic!("check should fail"),
    }
}

#[test]
fn static_files_may_still_replace_the_built_in_assets() {
    let site = Fixture::valid();
    site.write("static/style.css", "body { color: black; }\n");
    site.build()
        .expect("overriding a built-in asset is allowed");
    assert_eq!(site.page("style.css"), "body { color: black; }\n");
}

/// The Austria fixture with another `iso` line.
fn austria_with_iso(iso: &str) -> String {
    format!(
        "---\nname: Austria\nkind: country\nregion: Western Europe\niso: {iso}\nstatus: partner\nmemberships:\n  - framework: pfp\n    from: 1995-02-10\nsources: [src-a]\n---\nAustria joined [[pfp]] [@src-a].\n"
    )
}

#[test]
fn iso_codes_must_be_assigned_by_iso_3166() {
    let errors = assert_rejected(
        |s| {
            s.write("content/partners/austria.md", &austria_with_iso("QQQ"));
        },
        &[
            "content/partners/austria.md:5:6: error: `iso: QQQ` is not an ISO 3166-1 alpha-3 code; the code for Austria is AUT",
        ],
    );
    assert!(errors.contains("Kosovo's is XKX"), "{errors}");
    assert_rejected(
        |s| {
            s.write("content/partners/austria.md", &austria_with_iso("aut"));
        },
        &[
            "content/partners/austria.md:5:6: error: `iso: aut` is not an ISO 3166-1 alpha-3 code (three capital letters); the code for Austria is AUT",
        ],
    );
}

#[test]
fn iso_codes_are_unique_across_partners() {
    assert_rejected(
        |s| {
            s.write(
                "content/partners/poland.md",
                "---\nname: Poland\nkind: country\nregion: Central Europe\niso: AUT\nstatus: partner\nsources: [src-b]\n---\nPoland [@src-b].\n",
            );
        },
        &[
            "content/partners/poland.md:5:6: error: `iso: AUT` is already the code of `austria` (content/partners/austria.md); each partner needs its own",
        ],
    );
}

#[test]
fn another_countrys_code_is_a_warning_and_kosovo_may_use_xkx() {
    let site = Fixture::valid();
    site.write("content/partners/austria.md", &austria_with_iso("AUS"));
    site.write(
        "content/partners/kosovo.md",
        "---\nname: Kosovo\nkind: country\nregion: Western Balkans\niso: XKX\nstatus: interlocutor\nsources: [src-b]\n---\nKosovo [@src-b].\n",
    );
    let report = site.build().expect("a warning does not fail the build");
    let warnings: Vec<String> = report.warnings.warnings().map(|w| w.to_string()).collect();
    assert!(
        warnings.contains(
            &"content/partners/austria.md:5:6: warning[iso-of-another-country]: `iso: AUS` is the code of Australia, not of Austria (AUT)"
                .to_string()
        ),
        "{warnings:#?}"
    );
    assert!(
        !warnings.iter().any(|w| w.contains("kosovo.md")),
        "{warnings:#?}"
    );
}
