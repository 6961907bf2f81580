//! What `natopartners check` prints for bad content, exactly: each diagnostic as a
//! compiler prints it (the place, the source line, the text at fault underlined, a
//! hint), checked against the snapshots in tests/snapshots/; and `--format json`.
//!
//! The binary runs with stderr on a pipe and `NO_COLOR` set, so the text is plain.
//! Diagnostics name files relative to the site root, so no temporary path appears.

mod common;

use std::process::{Command, Output};

use common::Fixture;

/// The valid fixture with every acronym it uses in the glossary, so that it checks
/// without a warning and each snapshot shows only the problem planted in it.
fn quiet_site() -> Fixture {
    let site = Fixture::valid();
    site.write(
        "content/glossary.yaml",
        "- term: PfP\n  expansion: Partnership for Peace\n  refers_to: pfp\n\
         - term: EAPC\n  expansion: Euro-Atlantic Partnership Council\n\
         - term: NACC\n  expansion: North Atlantic Cooperation Council\n\
         - term: KFOR\n  expansion: Kosovo Force\n  refers_to: kfor\n\
         - term: PARP\n  expansion: Planning and Review Process\n  refers_to: parp\n\
         - term: UN\n  expansion: United Nations\n  refers_to: un\n",
    );
    site
}

fn check(site: &Fixture, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_natopartners"))
        .arg("check")
        .arg("--root")
        .arg(site.root())
        .args(extra)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("run natopartners")
}

/// The stderr of a `check` that must fail.
fn failed_check(site: &Fixture) -> String {
    let output = check(site, &[]);
    assert_eq!(output.status.code(), Some(1), "the check must fail");
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    assert!(
        !stderr.contains('\u{1b}'),
        "no colour off a terminal:\n{stderr}"
    );
    let root = site.root().to_string_lossy().into_owned();
    assert!(!stderr.contains(&root), "no temporary path:\n{stderr}");
    stderr
}

#[test]
fn the_quiet_site_checks_without_a_word() {
    let output = check(&quiet_site(), &[]);
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn yaml_syntax_error() {
    let site = quiet_site();
    site.write(
        "content/partners/un.md",
        "---\nname: United Nations\nkind: organisation\nregion: Global: New York\nstatus: partner\nsources: [src-b]\n---\nThe UN.\n",
    );
    insta::assert_snapshot!(failed_check(&site));
}

#[test]
fn unknown_field_with_did_you_mean() {
    let site = quiet_site();
    site.write(
        "content/partners/un.md",
        "---\nname: United Nations\nkind: organisation\nregion: Global\nstauts: partner\nsources: [src-b]\n---\nThe UN.\n",
    );
    insta::assert_snapshot!(failed_check(&site));
}

#[test]
fn unknown_enum_value_with_did_you_mean() {
    let site = quiet_site();
    site.write(
        "content/timeline/events.yaml",
        "- date: 1994-01-10\n  title: PfP launched\n  kind: launch\n  summary: The [[pfp]] began [@src-a].\n  frameworks: [pfp]\n  sources: [src-a]\n- date: 1999-03-12\n  title: Poland joins NATO\n  kind: accesion\n  summary: Poland joined.\n  partners: [poland]\n  sources: [src-b]\n",
    );
    insta::assert_snapshot!(failed_check(&site));
}

#[test]
fn unknown_id_in_a_second_membership_points_at_that_entry() {
    // The same misspelt id in both memberships (left, then joined again): each
    // error points at its own entry's value. A search for the id's first mention
    // would put both on line 8, and they would print as one.
    let site = quiet_site();
    site.write(
        "content/partners/austria.md",
        "---\nname: Austria\nkind: country\nregion: Western Europe\niso: AUT\nstatus: partner\nmemberships:\n  - framework: pfpp\n    from: 1995-02-10\n    until: 1996-10\n  - framework: pfpp\n    from: 2008-04\nsources: [src-a]\n---\nAustria joined [[pfp]] [@src-a].\n",
    );
    insta::assert_snapshot!(failed_check(&site));
}

#[test]
fn bad_link_in_a_body_with_its_column() {
    let site = quiet_site();
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nAbout [[austria]].\n\nSee also [the council](@eapcc) and [[poland#history]].\n",
    );
    insta::assert_snapshot!(failed_check(&site));
}

#[test]
fn unknown_citation() {
    let site = quiet_site();
    site.write(
        "content/frameworks/eapc.md",
        "---\nname: Euro-Atlantic Partnership Council\nacronym: EAPC\nlaunched: 1997-05\nsources: [src-b]\n---\nSucceeded the NACC [@src-b; @src-bb].\n",
    );
    insta::assert_snapshot!(failed_check(&site));
}

#[test]
fn invalid_date() {
    let site = quiet_site();
    site.write(
        "content/operations/kfor.md",
        "---\nname: Kosovo Force\nacronym: KFOR\nfrom: 1999-02-30\ntheatre: Kosovo\nsources: [src-a]\n---\nIn Kosovo.\n",
    );
    insta::assert_snapshot!(failed_check(&site));
}

#[test]
fn json_lines_on_stdout_one_object_per_diagnostic() {
    let site = quiet_site();
    site.write(
        "content/partners/un.md",
        "---\nname: United Nations\nkind: organisation\nregion: Global\nstauts: partner\nsources: [src-b]\n---\nThe UN.\n",
    );
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nAbout [[austria]] and [[nowhere]].\n",
    );
    let output = check(&site, &["--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    assert_eq!(
        stdout,
        concat!(
            r#"{"file":"content/pages/about.md","line":4,"column":25,"end_line":4,"end_column":32,"severity":"error","message":"unknown entity or source for a link `nowhere`: no file or entry has that id","help":null}"#,
            "\n",
            r#"{"file":"content/partners/un.md","line":5,"column":1,"end_line":5,"end_column":7,"severity":"error","message":"unknown field `stauts`, expected one of `name`, `kind`, `region`, `iso`, `status`, `summary`, `memberships`, `nato_invited`, `nato_member`, `programmes`, `operations`, `sources`","help":"did you mean `status`?"}"#,
            "\n",
        )
    );
    // Each line is a JSON object of its own; the summary is on stderr.
    for line in stdout.lines() {
        let value: serde_json::Value = serde_json::from_str(line).expect("one JSON object a line");
        assert!(value.is_object());
    }
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "failed: 2 error(s), 0 warning(s); nothing was written\n"
    );
}

#[test]
fn json_for_a_site_with_only_warnings_exits_zero() {
    let site = Fixture::valid();
    let output = check(&site, &["--format", "json"]);
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(!stdout.is_empty(), "the valid fixture has warnings");
    for line in stdout.lines() {
        let value: serde_json::Value = serde_json::from_str(line).expect("one JSON object a line");
        assert_eq!(value["severity"], "warning");
        // Every field, in this order.
        let fields = [
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "severity",
            "message",
            "help",
        ];
        assert_eq!(value.as_object().expect("an object").len(), fields.len());
        let at: Vec<usize> = fields
            .iter()
            .map(|field| line.find(&format!("\"{field}\":")).expect(field))
            .collect();
        assert!(at.is_sorted(), "{line}");
    }
    assert!(String::from_utf8_lossy(&output.stderr).starts_with("ok: "));
}
