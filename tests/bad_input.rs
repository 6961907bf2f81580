//! Every bad-input fixture (every folder of tests/fixtures/ but the sites that check),
//! run through the command line: `check` must fail, and its exact stderr must match
//! the snapshot `tests/snapshots/bad_input__<folder>.snap`; `build` must fail with
//! the same stderr and write nothing. The conventions are in tests/fixtures/README.md.
//!
//! The binary runs with stderr on a pipe and `NO_COLOR` set, so the text is plain.
//! Diagnostics name files relative to the site root; where a message holds the
//! temporary root itself, it reads `[ROOT]` in the snapshot.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::process::{Command, Output};

use common::{Fixture, fixture_base, fixture_names, fixtures_dir};

/// The fixture folders that are good sites; every other folder is a bad input.
const SITES_THAT_CHECK: &[&str] = &["graph-warnings", "quiet", "valid"];

/// Good sites whose warnings are the behaviour they show: `check` succeeds, and its
/// stderr is a snapshot too.
const SITES_WITH_WARNINGS: &[&str] = &["graph-warnings"];

fn bad_inputs() -> Vec<String> {
    let names: Vec<String> = fixture_names()
        .into_iter()
        .filter(|name| !SITES_THAT_CHECK.contains(&name.as_str()))
        .collect();
    assert!(names.len() >= 20, "too few bad-input fixtures: {names:?}");
    names
}

fn run(command: &str, site: &Fixture) -> Output {
    Command::new(env!("CARGO_BIN_EXE_natopartners"))
        .arg(command)
        .arg("--root")
        .arg(site.root())
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("run natopartners")
}

/// The stderr of a run that must fail with exit status 1, the site root replaced by
/// `[ROOT]`.
fn failed(command: &str, fixture: &str, site: &Fixture) -> String {
    let output = run(command, site);
    let stderr = String::from_utf8(output.stderr).expect("UTF-8 on stderr");
    assert_eq!(
        output.status.code(),
        Some(1),
        "`{command}` must fail on tests/fixtures/{fixture}; it printed:\n{stderr}"
    );
    assert!(
        !stderr.contains('\u{1b}'),
        "no colour off a terminal:\n{stderr}"
    );
    let mut text = stderr;
    let root = site.root();
    for spelling in [Some(root.to_path_buf()), root.canonicalize().ok()]
        .into_iter()
        .flatten()
    {
        text = text.replace(&*spelling.to_string_lossy(), "[ROOT]");
    }
    text
}

#[test]
fn sites_with_warnings_check_with_the_warnings_of_their_snapshots() {
    for name in SITES_WITH_WARNINGS {
        let site = Fixture::from_folder(name);
        let output = run("check", &site);
        let stderr = String::from_utf8(output.stderr).expect("UTF-8 on stderr");
        assert_eq!(output.status.code(), Some(0), "{stderr}");
        assert!(!stderr.contains("error"), "{stderr}");
        let mut settings = insta::Settings::clone_current();
        settings.set_description(format!(
            "stderr of `natopartners check` on tests/fixtures/{name}"
        ));
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!(*name, stderr));
    }
}

#[test]
fn every_bad_input_fails_check_with_the_diagnostics_of_its_snapshot() {
    let mut mismatched = Vec::new();
    for name in bad_inputs() {
        let site = Fixture::from_folder(&name);
        let stderr = failed("check", &name, &site);
        assert!(
            stderr.contains("error"),
            "tests/fixtures/{name}: no error printed:\n{stderr}"
        );
        let mut settings = insta::Settings::clone_current();
        settings.set_description(format!(
            "stderr of `natopartners check` on tests/fixtures/{name}"
        ));
        settings.set_omit_expression(true);
        // Every snapshot is compared, and every mismatch listed, not only the first.
        let compared = catch_unwind(AssertUnwindSafe(|| {
            settings.bind(|| insta::assert_snapshot!(name.as_str(), stderr));
        }));
        if compared.is_err() {
            mismatched.push(name);
        }
    }
    assert!(
        mismatched.is_empty(),
        "stderr differs from its snapshot for: {mismatched:?}"
    );
}

#[test]
fn build_prints_what_check_prints_and_writes_nothing() {
    for name in bad_inputs() {
        let site = Fixture::from_folder(&name);
        let checked = failed("check", &name, &site);
        let built = failed("build", &name, &site);
        assert_eq!(built, checked, "tests/fixtures/{name}");
        assert!(
            !site.output().exists(),
            "tests/fixtures/{name}: a failed build wrote public/"
        );
        let leftovers = site.staging_leftovers();
        assert!(
            leftovers.is_empty(),
            "tests/fixtures/{name}: temporary folders left behind: {leftovers:?}"
        );
    }
}

#[test]
fn the_good_sites_check_and_the_quiet_one_without_a_word() {
    for name in SITES_THAT_CHECK {
        let output = run("check", &Fixture::from_folder(name));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "tests/fixtures/{name} must check:\n{stderr}"
        );
        if *name == "quiet" {
            assert_eq!(stderr, "", "tests/fixtures/quiet must check without a word");
        }
    }
}

#[test]
fn every_fixture_is_described_in_the_readme() {
    let readme = std::fs::read_to_string(fixtures_dir().join("README.md"))
        .expect("tests/fixtures/README.md");
    let missing: Vec<String> = fixture_names()
        .into_iter()
        .filter(|name| !readme.contains(&format!("| `{name}/` |")))
        .collect();
    assert!(
        missing.is_empty(),
        "add a line to the table of tests/fixtures/README.md for: {missing:?}"
    );
}

#[test]
fn every_snapshot_of_a_bad_input_has_its_fixture() {
    let names = bad_inputs();
    let snapshots = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let orphans: Vec<String> = std::fs::read_dir(snapshots)
        .expect("read tests/snapshots")
        .map(|entry| entry.expect("read tests/snapshots").file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .filter_map(|file| {
            file.strip_prefix("bad_input__")
                .and_then(|rest| rest.strip_suffix(".snap"))
                .map(str::to_string)
        })
        .filter(|name| !names.contains(name) && !SITES_WITH_WARNINGS.contains(&name.as_str()))
        .collect();
    assert!(
        orphans.is_empty(),
        "snapshots without a fixture folder (remove them): {orphans:?}"
    );
}

/// An overlay holds only what differs from its base: each file it has either is new
/// or changes the base's file of that path, and its `_base` names a fixture.
#[test]
fn every_overlay_differs_from_its_base_in_each_file_it_holds() {
    for name in fixture_names() {
        let Some(base) = fixture_base(&name) else {
            assert_eq!(name, "valid", "only valid/ is a complete site");
            continue;
        };
        let under = Fixture::from_folder(&base);
        let folder = fixtures_dir().join(&name);
        let mut files = 0;
        for entry in walkdir::WalkDir::new(&folder).min_depth(1) {
            let entry = entry.expect("walk a fixture");
            let relative = entry.path().strip_prefix(&folder).expect("inside");
            let instruction = relative
                .components()
                .next()
                .is_some_and(|first| first.as_os_str().to_string_lossy().starts_with('_'));
            if instruction || !entry.file_type().is_file() {
                continue;
            }
            files += 1;
            let before = under.root().join(relative);
            if before.is_file() {
                assert_ne!(
                    std::fs::read(&before).expect("read the base's file"),
                    std::fs::read(entry.path()).expect("read the overlay's file"),
                    "tests/fixtures/{name}/{} is the same as in {base}/",
                    relative.display()
                );
            }
        }
        assert!(
            files > 0 || folder.join("_delete").is_file(),
            "tests/fixtures/{name} changes nothing in {base}/"
        );
    }
}
