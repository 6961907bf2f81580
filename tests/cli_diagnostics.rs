//! `natopartners check --format json`: the diagnostics as JSON Lines on stdout.
//!
//! What `check` prints as text for each kind of bad content is in tests/bad_input.rs,
//! one snapshot per fixture folder of tests/fixtures/.

mod common;

use std::process::{Command, Output};

use common::Fixture;

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

#[test]
fn json_lines_on_stdout_one_object_per_diagnostic() {
    let site = Fixture::from_folder("quiet");
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
            r#"{"file":"content/pages/about.md","line":4,"column":25,"end_line":4,"end_column":32,"severity":"error","message":"unknown entity or source for a link `nowhere`: no file or entry has that id","help":null,"code":null}"#,
            "\n",
            r#"{"file":"content/partners/un.md","line":5,"column":1,"end_line":5,"end_column":7,"severity":"error","message":"unknown field `stauts`, expected one of `name`, `kind`, `region`, `iso`, `status`, `summary`, `memberships`, `nato_invited`, `nato_member`, `programmes`, `operations`, `sources`, `silence`","help":"did you mean `status`?","code":null}"#,
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
            "code",
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
