//! A rebuild that keeps unchanged pages gives exactly the site a fresh build gives.
//! Each case edits a fixture, rebuilds in a long-lived session, and compares every
//! file with a build from scratch.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::Fixture;
use natopartners::{Rendered, Session, Timings};

/// Every file of a build, the print edition too when it was left to render later.
fn files(rendered: &Rendered) -> BTreeMap<String, Vec<u8>> {
    let deferred = rendered
        .deferred_print
        .as_ref()
        .and_then(|job| job.render().expect("the print edition renders"));
    rendered
        .pages
        .iter()
        .chain(&deferred)
        .map(|p| (p.path.clone(), p.contents.to_vec()))
        .collect()
}

fn fresh(root: &Path) -> Rendered {
    Session::new(root, None)
        .render(&mut Timings::default())
        .expect("a fresh build")
}

/// Applies `edit`, rebuilds in `session`, and checks the result against a fresh
/// build. Returns whether the rebuild kept pages from the build before.
fn rebuild_matches_fresh(
    site: &Fixture,
    session: &mut Session,
    edit: impl FnOnce(&Fixture),
) -> bool {
    edit(site);
    let rebuilt = session
        .render(&mut Timings::default())
        .expect("the edited site builds");
    let expected = fresh(site.root());
    assert_eq!(
        files(&rebuilt).keys().collect::<Vec<_>>(),
        files(&expected).keys().collect::<Vec<_>>()
    );
    for (path, bytes) in files(&expected) {
        assert!(
            files(&rebuilt)[&path] == bytes,
            "{path} differs from a fresh build"
        );
    }
    rebuilt.reused
}

#[test]
fn rebuilds_equal_fresh_builds_and_keep_pages_only_for_prose_edits() {
    let site = Fixture::valid();
    let mut session = Session::new(site.root(), None).reusing();
    let first = session.render(&mut Timings::default()).expect("builds");
    assert!(!first.reused, "the first build renders everything");
    let austria = "content/partners/austria.md";
    let text = std::fs::read_to_string(site.root().join(austria)).expect("read");

    // Prose only: same links, same citations.
    let prose = text.replace("Austria joined", "Neutral Austria joined");
    assert!(rebuild_matches_fresh(&site, &mut session, |s| {
        s.write(austria, &prose);
    }));
    // A new link changes another page's backlinks: everything is rendered.
    let linked = prose.replace("See [[poland]].", "See [[poland]] and [[un]].");
    assert!(!rebuild_matches_fresh(&site, &mut session, |s| {
        s.write(austria, &linked);
    }));
    // Prose again, after a full render.
    assert!(rebuild_matches_fresh(&site, &mut session, |s| {
        s.write(austria, &linked.replace("Neutral", "Still neutral,"));
    }));
    // Front matter: everything.
    assert!(!rebuild_matches_fresh(&site, &mut session, |s| {
        s.write(
            austria,
            &text.replace("region: Western Europe", "region: Central Europe"),
        );
    }));
    // Another file of the content: everything.
    assert!(!rebuild_matches_fresh(&site, &mut session, |s| {
        s.write("content/index.md", "Welcome again to [[pfp]] [@src-a].\n");
    }));
    // A new name changes the text of every body that links to it, in the search
    // index too: a prose edit after it must not reuse a text made before it.
    let poland = "content/partners/poland.md";
    let poland_text = std::fs::read_to_string(site.root().join(poland)).expect("read");
    assert!(!rebuild_matches_fresh(&site, &mut session, |s| {
        s.write(
            poland,
            &poland_text.replace("name: Poland", "name: Republic of Poland"),
        );
    }));
    let now = std::fs::read_to_string(site.root().join(austria)).expect("read");
    assert!(rebuild_matches_fresh(&site, &mut session, |s| {
        s.write(
            austria,
            &now.replace("Austria joined", "Austria, neutral, joined"),
        );
    }));
    let search = files(&session.render(&mut Timings::default()).expect("builds"));
    let cards = search
        .iter()
        .filter(|(path, _)| path.starts_with("search/cards"))
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .collect::<String>();
    assert!(cards.contains("Republic of Poland"), "{cards}");
}

#[test]
fn a_template_edit_is_picked_up_once_the_session_is_told() {
    let site = Fixture::valid();
    let mut session = Session::new(site.root(), None).reusing();
    session.render(&mut Timings::default()).expect("builds");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Lost here</h1>{% endblock content %}",
    );
    session.templates_changed();
    let rebuilt = session.render(&mut Timings::default()).expect("builds");
    assert!(!rebuilt.reused);
    assert_eq!(files(&rebuilt), files(&fresh(site.root())));
    assert!(String::from_utf8_lossy(&files(&rebuilt)["404.html"]).contains("Lost here"));
}

#[test]
fn a_prose_edit_to_the_shipped_content_rebuilds_to_the_same_site() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for entry in walkdir::WalkDir::new(&content) {
        let entry = entry.expect("walk");
        let target = dir
            .path()
            .join("content")
            .join(entry.path().strip_prefix(&content).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("folder");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
    let mut session = Session::new(dir.path(), None).reusing();
    session
        .render(&mut Timings::default())
        .expect("the shipped content builds");
    let partners = dir.path().join("content/partners");
    let mut first: Vec<_> = std::fs::read_dir(&partners)
        .expect("partners")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    first.sort();
    let file = &first[0];
    let text = std::fs::read_to_string(file).expect("read");
    std::fs::write(file, format!("{text}\nOne more sentence of prose.\n")).expect("write");
    let rebuilt = session.render(&mut Timings::default()).expect("rebuilds");
    assert!(rebuilt.reused);
    assert_eq!(files(&rebuilt), files(&fresh(dir.path())));
}

#[test]
fn a_prose_edit_may_leave_the_print_edition_to_render_later_and_it_is_the_same() {
    let site = Fixture::valid();
    let mut session = Session::new(site.root(), None).reusing().deferring_print();
    let first = session.render(&mut Timings::default()).expect("builds");
    assert!(first.deferred_print.is_none(), "a full build renders it");
    assert!(first.pages.iter().any(|p| p.path == "print.html"));
    let austria = "content/partners/austria.md";
    let text = std::fs::read_to_string(site.root().join(austria)).expect("read");
    let reused = rebuild_matches_fresh(&site, &mut session, |site| {
        site.write(
            austria,
            &text.replace("Austria joined", "Austria, neutral, joined"),
        );
    });
    assert!(reused);
    let again = session.render(&mut Timings::default()).expect("builds");
    assert!(again.deferred_print.is_some());
    assert!(
        !again.pages.iter().any(|p| p.path == "print.html"),
        "the last build's print edition is not kept"
    );
}

/// The diagnostics of a render that failed, sorted as printed.
fn diagnostics_of(result: Result<Rendered, natopartners::diagnostics::Failure>) -> Vec<String> {
    match result {
        Err(natopartners::diagnostics::Failure::Content { diagnostics }) => diagnostics
            .sorted()
            .iter()
            .map(|d| format!("{d:?}"))
            .collect(),
        Err(other) => panic!("expected content errors, got {other}"),
        Ok(_) => panic!("expected the render to fail"),
    }
}

#[test]
fn a_rebuild_reports_a_new_bad_link_where_a_fresh_check_does_and_recovers() {
    let site = Fixture::valid();
    let mut session = Session::new(site.root(), None).reusing();
    session.render(&mut Timings::default()).expect("builds");
    let austria = "content/partners/austria.md";
    let text = std::fs::read_to_string(site.root().join(austria)).expect("read");
    // An unknown id in a body that was scanned before: the rebuild must scan it
    // again and point at the same line and column as a fresh build.
    let broken = text.replace("See [[poland]].", "Later, again: see [[polnd]].");
    assert_ne!(broken, text);
    site.write(austria, &broken);
    let rebuilt = diagnostics_of(session.render(&mut Timings::default()));
    let expected = diagnostics_of(Session::new(site.root(), None).render(&mut Timings::default()));
    assert_eq!(rebuilt, expected);
    assert!(rebuilt.iter().any(|d| d.contains("polnd")), "{rebuilt:?}");
    // Put back, the site builds again and equals a fresh build.
    rebuild_matches_fresh(&site, &mut session, |s| {
        s.write(austria, &text);
    });
}

#[test]
fn files_left_alone_long_enough_are_taken_from_the_cache_and_an_edit_is_still_seen() {
    let site = Fixture::valid();
    // Let every file settle, so that the second build trusts their stamps and
    // reads none but the edited one again.
    std::thread::sleep(std::time::Duration::from_millis(3200));
    let mut session = Session::new(site.root(), None).reusing();
    session.render(&mut Timings::default()).expect("builds");
    let austria = "content/partners/austria.md";
    let text = std::fs::read_to_string(site.root().join(austria)).expect("read");
    // The same length, so that only the file's times and inode tell the change.
    let edited = text.replace("Austria joined", "Austria JOINED");
    assert_eq!(edited.len(), text.len());
    assert!(rebuild_matches_fresh(&site, &mut session, |s| {
        s.write(austria, &edited);
    }));
    let page = files(&session.render(&mut Timings::default()).expect("builds"));
    let austria_page = String::from_utf8_lossy(&page["partners/austria.html"]).into_owned();
    assert!(austria_page.contains("Austria JOINED"));
}
