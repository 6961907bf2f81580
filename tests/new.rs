//! `natopartners new`: a started file passes `check` and builds, holds every field
//! of the content contract, and nothing is written when the id cannot be used.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{Fixture, snapshot};

const KINDS: [(&str, &str); 5] = [
    ("partner", "partners"),
    ("framework", "frameworks"),
    ("programme", "programmes"),
    ("operation", "operations"),
    ("page", "pages"),
];

/// Runs `natopartners new <kind> <id> --root <root>`.
fn new(root: &Path, kind: &str, id: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_natopartners"))
        .args(["new", kind, id, "--root"])
        .arg(root)
        .output()
        .expect("run natopartners")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs `new` and expects it to succeed; returns the file written.
fn created(site: &Fixture, kind: &str, folder: &str, id: &str) -> String {
    let output = new(site.root(), kind, id);
    let stdout = text(&output.stdout);
    assert!(
        output.status.success(),
        "new {kind} {id} failed:\n{stdout}{}",
        text(&output.stderr)
    );
    let relative = format!("content/{folder}/{id}.md");
    assert!(stdout.contains(&relative), "the path is printed: {stdout}");
    assert!(
        stdout.contains("natopartners check"),
        "a next step is printed: {stdout}"
    );
    std::fs::read_to_string(site.root().join(&relative)).expect("the file was written")
}

/// The YAML block documenting a kind's front matter in docs/content.md.
fn documented_block(heading: &str) -> String {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/content.md"))
            .expect("read docs/content.md");
    let section = docs
        .split("\n## ")
        .find(|section| section.starts_with(heading))
        .unwrap_or_else(|| panic!("docs/content.md has no section `{heading}`"));
    let block = section
        .split_once("```yaml\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .map(|(block, _)| block)
        .unwrap_or_else(|| panic!("section `{heading}` has no YAML block"));
    block.to_string()
}

/// The key a front matter line writes, if any: `  - id: x  # c` → `id`.
fn key_of(line: &str) -> Option<&str> {
    let line = line.trim_start();
    let line = line.strip_prefix("- ").unwrap_or(line);
    let (key, _) = line.split_once(':')?;
    (!key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')).then_some(key)
}

/// Every field name of a kind's contract, nested ones included, as docs/content.md
/// documents it. Free pages have no block there; their fields are those of the
/// page front matter (`title`, `summary`, `sources`).
fn contract_fields(kind: &str) -> Vec<String> {
    let heading = match kind {
        "partner" => "Partners:",
        "framework" => "Frameworks:",
        "programme" => "Programmes:",
        "operation" => "Operations:",
        "page" => return vec!["title".into(), "summary".into(), "sources".into()],
        other => panic!("unknown kind {other}"),
    };
    let mut fields: Vec<String> = documented_block(heading)
        .lines()
        .filter(|line| *line != "---")
        .filter_map(key_of)
        .map(str::to_string)
        .collect();
    fields.dedup();
    assert!(fields.len() >= 3, "{kind}: too few fields read: {fields:?}");
    fields
}

/// The fields docs/content.md marks required at the top level of a kind.
fn required_fields(kind: &str, heading: &str) -> Vec<String> {
    documented_block(heading)
        .lines()
        .filter(|line| !line.starts_with(' ') && line.contains("# required"))
        .filter_map(key_of)
        .map(str::to_string)
        .inspect(|field| assert!(!field.is_empty(), "{kind}"))
        .collect()
}

/// The front matter of a written file.
fn front_matter(file: &str) -> &str {
    file.strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map(|(front, _)| front)
        .expect("front matter between --- lines")
}

/// Keys written uncommented at the top level.
fn written_keys(file: &str) -> Vec<&str> {
    front_matter(file)
        .lines()
        .filter(|line| !line.starts_with([' ', '#']))
        .filter_map(key_of)
        .collect()
}

/// Keys written anywhere, commented or not.
fn all_keys(file: &str) -> Vec<&str> {
    front_matter(file)
        .lines()
        .map(|line| line.trim_start_matches(['#', ' ']))
        .filter_map(key_of)
        .collect()
}

#[test]
fn every_kind_starts_a_file_that_checks_and_builds() {
    for (kind, folder) in KINDS {
        let site = Fixture::valid();
        let id = format!("new-{kind}");
        created(&site, kind, folder, &id);
        let report = natopartners::check(site.root())
            .unwrap_or_else(|failure| panic!("{kind}: check failed:\n{failure}"));
        if kind != "page" {
            let warnings = report.warnings.to_string();
            assert!(
                warnings.contains(&format!("`{id}` has no sources")),
                "{kind}: an empty `sources` is a warning:\n{warnings}"
            );
        }
        site.build()
            .unwrap_or_else(|failure| panic!("{kind}: build failed:\n{failure}"));
        let page = site.page(&format!("{folder}/{id}.html"));
        assert!(
            page.contains(&format!("New {}", capitalised(kind))),
            "{kind}: the name is shown"
        );
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[test]
fn every_field_of_the_contract_is_written() {
    for (kind, folder) in KINDS {
        let site = Fixture::valid();
        let file = created(&site, kind, folder, "example-entry");
        let keys = all_keys(&file);
        for field in contract_fields(kind) {
            assert!(
                keys.contains(&field.as_str()),
                "{kind}: `{field}` is missing from:\n{file}"
            );
        }
        let heading = match kind {
            "partner" => "Partners:",
            "framework" => "Frameworks:",
            "programme" => "Programmes:",
            "operation" => "Operations:",
            _ => continue,
        };
        let written = written_keys(&file);
        for field in required_fields(kind, heading) {
            // `iso` is required only for countries; this name is none.
            if field == "iso" {
                continue;
            }
            assert!(
                written.contains(&field.as_str()),
                "{kind}: required `{field}` is not filled in:\n{file}"
            );
        }
    }
}

#[test]
fn no_date_and_no_source_is_invented() {
    for (kind, folder) in KINDS {
        let site = Fixture::valid();
        let file = created(&site, kind, folder, "undated-entry");
        for line in front_matter(&file).lines() {
            if line.starts_with('#') {
                continue;
            }
            assert!(
                !line
                    .split('#')
                    .next()
                    .unwrap_or("")
                    .bytes()
                    .any(|b| b.is_ascii_digit()),
                "{kind}: no date may be written: {line}"
            );
        }
        if kind != "page" {
            assert!(
                front_matter(&file)
                    .lines()
                    .any(|l| l.starts_with("sources: []")),
                "{kind}: sources start empty:\n{file}"
            );
        }
        let body = file
            .rsplit_once("\n---\n")
            .map(|(_, body)| body)
            .unwrap_or("");
        assert!(
            body.contains("`[@source-id]`"),
            "{kind}: the body says how to cite"
        );
    }
}

#[test]
fn a_country_gets_its_iso_code() {
    // Australia: the name docs/content.md uses in its `iso` example.
    let site = Fixture::valid();
    let file = created(&site, "partner", "partners", "australia");
    let front = front_matter(&file);
    assert!(front.contains("\nkind: country "), "{file}");
    assert!(front.contains("\niso: AUS "), "{file}");
    let report = natopartners::check(site.root()).expect("checks");
    assert!(
        !report.warnings.to_string().contains("`iso:"),
        "the code matches the name: {}",
        report.warnings
    );
}

#[test]
fn an_unknown_name_is_an_organisation() {
    let site = Fixture::valid();
    let file = created(&site, "partner", "partners", "example-alliance");
    let front = front_matter(&file);
    assert!(front.contains("\nkind: organisation "), "{file}");
    assert!(
        !written_keys(&file).contains(&"iso"),
        "an organisation has no iso:\n{file}"
    );
    assert!(
        front.contains("\n# iso:"),
        "iso stays as a comment:\n{file}"
    );
    natopartners::check(site.root()).expect("checks");
}

/// Runs `new` and expects a refusal naming `id`, with nothing written.
fn assert_refused(site: &Fixture, kind: &str, id: &str, expected: &str) {
    let before = snapshot(site.root());
    let output = new(site.root(), kind, id);
    let stderr = text(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(1),
        "new {kind} {id} must fail:\n{}{stderr}",
        text(&output.stdout)
    );
    assert!(
        stderr.contains(&format!("`{id}`")),
        "the message names `{id}`:\n{stderr}"
    );
    assert!(
        stderr.contains(expected),
        "expected `{expected}` in:\n{stderr}"
    );
    assert_eq!(
        snapshot(site.root()),
        before,
        "new {kind} {id}: nothing may be written"
    );
}

/// The first id, in name order, of the fixture's files in a folder of `content/`.
fn first_id(site: &Fixture, folder: &str) -> String {
    let mut stems: Vec<String> = std::fs::read_dir(site.root().join("content").join(folder))
        .expect("read folder")
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let path = entry.path();
            Some(path.file_stem()?.to_str()?.to_string())
        })
        .collect();
    stems.sort();
    stems.into_iter().next().expect("a file")
}

#[test]
fn ids_that_cannot_be_used_are_refused() {
    let site = Fixture::valid();
    // The same kind: the file exists and must not be overwritten.
    let partner = first_id(&site, "partners");
    assert_refused(
        &site,
        "partner",
        &partner,
        &format!("content/partners/{partner}.md exists"),
    );
    // Another kind: ids are unique across kinds.
    assert_refused(&site, "page", "pfp", "content/frameworks/pfp.md exists");
    assert_refused(&site, "operation", "about", "content/pages/about.md exists");
    // A source.
    assert_refused(&site, "programme", "src-a", "has a source `src-a`");
    // Reserved and invalid ids.
    assert_refused(&site, "framework", "index", "is reserved");
    assert_refused(&site, "partner", "Bad_Id", "not a valid id");
    assert_refused(&site, "page", "a.b", "not a valid id");
}

#[test]
fn a_source_id_counts_even_when_its_entry_is_incomplete() {
    let site = Fixture::valid();
    site.write(
        "content/sources.yaml",
        "- id: src-a\n  title: Source A\n  publisher: NATO\n  date: 2024\n- id: half-written\n",
    );
    assert_refused(&site, "page", "half-written", "has a source `half-written`");
}

#[test]
fn a_country_code_already_held_is_refused() {
    let site = Fixture::valid();
    site.write(
        "content/partners/oz.md",
        "---\nname: Australia\nkind: country\nregion: Asia-Pacific\niso: AUS\nstatus: partner\nsources: [src-a]\n---\nText [@src-a].\n",
    );
    assert_refused(&site, "partner", "australia", "content/partners/oz.md");
}

#[test]
fn a_missing_content_folder_is_refused() {
    let empty = tempfile::tempdir().expect("temporary folder");
    let output = new(empty.path(), "partner", "example");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("no content folder"),
        "{}",
        text(&output.stderr)
    );
    assert!(
        std::fs::read_dir(empty.path())
            .expect("read")
            .next()
            .is_none(),
        "nothing may be written"
    );
}

#[test]
fn a_missing_kind_folder_is_created() {
    let site = Fixture::valid();
    std::fs::remove_dir_all(site.root().join("content/pages")).expect("remove");
    created(&site, "page", "pages", "first-page");
    natopartners::check(site.root()).expect("checks");
}
