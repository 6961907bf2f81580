//! Markup in content is shown, never run, and ids cannot lead outside the output.
//!
//! A small site whose every free-text field (names, titles, summaries, notes, regions,
//! source titles, bodies) holds script and attribute-breaking payloads is built with
//! the default templates; no output file may contain the payloads as markup, and the
//! escaped text must be there for readers. Then references to `../` ids must fail the
//! build without writing anything anywhere.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use natopartners::BuildOptions;
use natopartners::diagnostics::Failure;

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";
/// Both payloads, as a single-quoted YAML scalar (no `'` inside, so no escaping).
const EVIL: &str = "'Evil <script>alert(1)</script> \"><img src=x onerror=alert(1)> end'";

/// What must never appear in any output file.
const RAW: &[&str] = &[
    SCRIPT,
    "<script>alert",
    "<img src=x",
    "onerror=alert(1)>",
    "\"><img",
];

/// The only scripts a page may load.
const OWN_SCRIPTS: &[&str] = &[
    "site.js",
    "search-index.js",
    "search.js",
    "timeline.js",
    "map.js",
];

/// What a reader must see somewhere instead (escaped by Tera or by the Markdown
/// renderer; Tera also escapes `/`, so the closing tag is left out).
const ESCAPED_SCRIPT: &str = "&lt;script&gt;alert(1)&lt;";
const ESCAPED_IMG: &str = "&lt;img src=x onerror=alert(1)&gt;";

/// A site root and an output folder side by side in one temporary folder, so that a
/// write outside the output would show up in the temporary folder.
struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Site {
        let site = Site {
            dir: tempfile::tempdir().expect("temporary folder"),
        };
        std::fs::create_dir_all(site.root()).expect("site root");
        std::fs::create_dir_all(site.dir.path().join("out")).expect("output parent");
        site
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    fn output(&self) -> PathBuf {
        self.dir.path().join("out").join("public")
    }

    fn write(&self, relative: &str, text: &str) -> &Site {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
        std::fs::write(path, text).expect("write a content file");
        self
    }

    fn build(&self) -> Result<natopartners::BuildReport, Failure> {
        natopartners::build(&BuildOptions {
            root: self.root(),
            output: self.output(),
            base_url: Some("https://example.org/natopartners".into()),
        })
    }

    /// A hostile but valid site: every free-text field carries both payloads.
    fn hostile() -> Site {
        let site = Site::new();
        site.write(
            "content/site.yaml",
            &format!(
                "title: {EVIL}\ndescription: {EVIL}\ntimeline:\n  start: 1990\n  end: 2022\nstatus_as_of: 2022-12-31\n"
            ),
        )
        .write(
            "content/index.md",
            &format!("---\ntitle: {EVIL}\nsummary: {EVIL}\n---\nHome {SCRIPT} {IMG} [[evil]] [@src-evil].\n"),
        )
        .write(
            "content/sources.yaml",
            &format!(
                "- id: src-evil\n  title: {EVIL}\n  publisher: {EVIL}\n  author: {EVIL}\n  date: {EVIL}\n  url: https://example.org/a?q=\"><script>\n  note: {EVIL}\n\
                 - id: src-plain\n  title: Plain source\n  publisher: NATO\n  date: '2020'\n"
            ),
        )
        .write(
            "content/glossary.yaml",
            &format!(
                "- term: PfP\n  expansion: {EVIL}\n  refers_to: pfp\n  note: {EVIL}\n- term: EVL\n  expansion: {EVIL}\n"
            ),
        )
        .write(
            "content/frameworks/pfp.md",
            &format!(
                "---\nname: {EVIL}\nacronym: PfP\nkind: programme\nlaunched: 1994-01-10\nlaunched_at: {EVIL}\nsummary: {EVIL}\nsources: [src-evil]\n---\n\
                 # {SCRIPT}\n\nThe PfP {IMG} began [@src-evil]. See [it]({SCRIPT}) and [[evil]].\n"
            ),
        )
        .write(
            "content/programmes/parp.md",
            &format!(
                "---\nname: {EVIL}\nacronym: EVL\nlaunched: 1995\nlaunched_at: {EVIL}\nframeworks: [pfp]\nopen_to: {EVIL}\nsummary: {EVIL}\nsources: [src-evil]\n---\n\
                 Body {SCRIPT} with [[pfp]].\n"
            ),
        )
        .write(
            "content/operations/kfor.md",
            &format!(
                "---\nname: {EVIL}\nacronym: EVL\nfrom: 1999-06-12\ntheatre: {EVIL}\nsummary: {EVIL}\nsources: [src-plain]\n---\n\
                 Body {IMG}.\n"
            ),
        )
        .write(
            "content/partners/evil.md",
            &format!(
                "---\nname: {EVIL}\nkind: country\nregion: {EVIL}\niso: LIE\nstatus: partner\nsummary: {EVIL}\n\
                 memberships:\n  - framework: pfp\n    from: 1995-02-10\n    role: {EVIL}\n    note: {EVIL}\n    sources: [src-evil]\n\
                 programmes:\n  - id: parp\n    from: 1995\n    note: {EVIL}\n\
                 operations:\n  - id: kfor\n    note: {EVIL}\n\
                 sources: [src-evil]\n---\n\
                 # {IMG}\n\n{SCRIPT}\n\nJoined [[pfp]] ([the PfP](@pfp)) [@src-evil; @src-plain].\n\n```{SCRIPT}\n{SCRIPT}\n```\n\n`{IMG}`\n"
            ),
        )
        .write(
            "content/pages/about.md",
            &format!("---\ntitle: {EVIL}\nsummary: {EVIL}\n---\nAbout {SCRIPT} and [[evil]].\n"),
        )
        .write(
            "content/timeline/1990s.yaml",
            &format!(
                "- date: 1994-01-10\n  title: {EVIL}\n  kind: launch\n  summary: {EVIL}\n  frameworks: [pfp]\n  note: {EVIL}\n  sources: [src-evil]\n\
                 - date: 1995-02\n  title: {EVIL}\n  kind: membership\n  summary: '[[evil]] joined [[pfp]] {SCRIPT} [@src-plain]'\n  partners: [evil]\n  sources: [src-plain]\n"
            ),
        );
        site
    }
}

/// Every file under `dir`, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|entry| entry.expect("walk"))
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let bytes = std::fs::read(entry.path()).expect("read");
            (
                entry
                    .path()
                    .strip_prefix(dir)
                    .expect("inside")
                    .to_path_buf(),
                bytes,
            )
        })
        .collect()
}

fn error_text(result: Result<natopartners::BuildReport, Failure>) -> String {
    match result {
        Ok(_) => panic!("the build should have failed"),
        Err(failure) => failure.to_string(),
    }
}

#[test]
fn payloads_in_every_field_are_escaped_in_every_output_file() {
    let site = Site::hostile();
    if let Err(failure) = site.build() {
        panic!("the hostile site should build:\n{failure}");
    }
    let output = site.output();
    let files = snapshot(&output);
    assert!(files.len() > 10, "only {} files written", files.len());

    let mut escaped_script_in = Vec::new();
    let mut escaped_img_in = Vec::new();
    for (path, bytes) in &files {
        let Ok(text) = std::str::from_utf8(bytes) else {
            continue;
        };
        // CSV is data for spreadsheets, never parsed as markup; it must carry the
        // text exactly (checked in its own test below).
        if path.extension().is_some_and(|e| e == "csv") {
            continue;
        }
        for raw in RAW {
            assert!(
                !text.contains(raw),
                "{} contains raw `{raw}`",
                path.display()
            );
        }
        // No stray script element beyond the site's own script files.
        for (index, _) in text.match_indices("<script") {
            let tag = &text[index
                ..text[index..]
                    .find('>')
                    .map_or(text.len(), |end| index + end + 1)];
            let own = ["", "../", "https://example.org/natopartners/"]
                .iter()
                .flat_map(|prefix| {
                    OWN_SCRIPTS
                        .iter()
                        .map(move |name| format!("<script src=\"{prefix}{name}\" defer>"))
                })
                .any(|allowed| tag == allowed);
            // The map's colouring, as data the browser never runs.
            let data = tag == "<script type=\"application/json\" id=\"map-data\">";
            assert!(own || data, "{}: unexpected `{tag}`", path.display());
        }
        if text.contains(ESCAPED_SCRIPT) {
            escaped_script_in.push(path.to_string_lossy().replace('\\', "/"));
        }
        if text.contains(ESCAPED_IMG) {
            escaped_img_in.push(path.to_string_lossy().replace('\\', "/"));
        }
    }

    // The text is there for readers, escaped, on every page that shows a field.
    for page in [
        "index.html",
        "partners/evil.html",
        "partners/index.html",
        "frameworks/pfp.html",
        "frameworks/index.html",
        "programmes/parp.html",
        "operations/kfor.html",
        "pages/about.html",
        "timeline.html",
        "sources.html",
        "glossary.html",
        "search.html",
        "print.html",
    ] {
        assert!(
            files.contains_key(Path::new(page)),
            "{page} was not written"
        );
        assert!(
            escaped_script_in.iter().any(|p| p == page),
            "{page} does not show the escaped script text"
        );
        assert!(
            escaped_img_in.iter().any(|p| p == page),
            "{page} does not show the escaped image text"
        );
    }

    // Field by field, where each one is shown.
    let page =
        |relative: &str| String::from_utf8(files[Path::new(relative)].clone()).expect("utf-8");
    let partner = page("partners/evil.html");
    assert!(
        partner.matches(ESCAPED_SCRIPT).count() >= 6,
        "name, region, summary, notes, body"
    );
    // SVG charts: labels and hover titles escaped like any other text.
    let framework = page("frameworks/pfp.html");
    let chart = &framework[framework.find("<svg").expect("a membership chart")..];
    let chart = &chart[..chart.find("</svg>").expect("end of chart")];
    assert!(
        chart.contains("<title>Evil &lt;script&gt;alert(1)&lt;"),
        "{chart}"
    );
    assert!(chart.contains("class=\"label\""));
    assert!(partner.contains("aria-label=\"Chart: the memberships of Evil &lt;script&gt;"));
    let partners = page("partners/index.html");
    assert!(
        partners.contains("id=\"region-evil-script-alert-1-script-img-src-x-onerror-alert-1-end\"")
    );
    // "Cite this page": the plain text and the BibTeX entry show the name escaped,
    // and nothing in the name can close a BibTeX field early.
    let cite = &partner[partner
        .find("<section id=\"cite\"")
        .expect("a cite section")..];
    let cite = &cite[..cite.find("</section>").expect("end of the cite section")];
    assert!(cite.contains("“Evil &lt;script&gt;alert(1)&lt;"), "{cite}");
    let bibtex = &cite[cite.find("@misc{").expect("a BibTeX entry")..];
    let title = &bibtex[bibtex.find("title = {").expect("title")..];
    let title = &title[..title.find("},\n").expect("end of title")];
    assert!(title.contains("Evil &lt;script&gt;"), "{title}");
    assert!(!title["title = {".len()..].contains(['{', '}']), "{title}");
    // The print edition: every entity's part shows the name escaped.
    let print = page("print.html");
    assert!(
        print.contains("<h3 id=\"partner-evil-title\">Evil &lt;script&gt;alert(1)&lt;"),
        "the partner's part in print.html"
    );
    let sources = page("sources.html");
    let start = sources
        .find("href=\"https://example.org/a")
        .expect("the source's link");
    let href = &sources[start..start + sources[start..].find('>').expect("end of tag")];
    assert!(href.contains("&quot;&gt;&lt;script&gt;"), "{href}");
}

#[test]
fn the_search_index_holds_the_payloads_as_data_only() {
    let site = Site::hostile();
    site.build().expect("the hostile site builds");
    // Not one `<`, `>` or `&` in the index or its shards: no payload can form a
    // tag or an entity.
    let shards = std::fs::read_dir(site.output().join("search")).expect("shards written");
    let scripts = shards
        .flatten()
        .map(|entry| entry.path())
        .chain([site.output().join("search-index.js")]);
    for script in scripts {
        let text = std::fs::read_to_string(&script).expect("readable");
        assert!(
            !text.contains(['<', '>', '&']),
            "raw `<`, `>` or `&` in {}",
            script.display()
        );
    }
    let entries = common::search_entries(&site.output());
    // Every entity and event is there, its text intact as data.
    assert_eq!(entries.len(), 5 + 2, "5 entities and 2 events");
    let evil = "Evil <script>alert(1)</script> \"><img src=x onerror=alert(1)> end";
    for field in ["title", "summary"] {
        let holding = entries
            .iter()
            .filter(|entry| entry[field].as_str().is_some_and(|v| v.contains(evil)))
            .count();
        assert!(
            holding >= 5,
            "{field}: only {holding} entries hold the payload"
        );
    }
    let partner = common::search_entry(&entries, "partners/evil.html");
    assert!(
        partner["terms"][0]
            .as_str()
            .is_some_and(|t| t.contains(evil))
    );
    assert!(partner["text"].as_str().is_some_and(|t| t.contains(SCRIPT)));
    // The page that shows results builds them from text, never from markup.
    let search = std::fs::read_to_string(site.output().join("search.js")).expect("search.js");
    assert!(!search.contains("innerHTML") && !search.contains("insertAdjacentHTML"));
}

#[test]
fn the_data_downloads_carry_the_payloads_exactly_and_safely() {
    let site = Site::hostile();
    site.build().expect("the hostile site builds");
    let evil = "Evil <script>alert(1)</script> \"><img src=x onerror=alert(1)> end";
    // JSON: no markup characters in the file, the exact text once parsed.
    for (file, field) in [
        ("data/partners.json", "name"),
        ("data/events.json", "title"),
    ] {
        let json = std::fs::read_to_string(site.output().join(file)).expect("written");
        assert!(
            !json.contains(['<', '>', '&']),
            "{file} has raw markup characters"
        );
        let rows: Vec<serde_json::Value> = serde_json::from_str(&json).expect("valid JSON");
        assert!(
            rows.iter().any(|row| row[field] == evil),
            "{file}: the {field} did not survive"
        );
    }
    // CSV: quotes and commas survive a real CSV reader, cell for cell.
    let mut reader = csv::Reader::from_path(site.output().join("data/partners.csv")).expect("csv");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let evil_row = rows
        .iter()
        .find(|r| &r[0] == "evil")
        .expect("the partner's row");
    assert_eq!(&evil_row[1], evil);
    assert_eq!(&evil_row[3], evil, "region");
    let mut reader =
        csv::Reader::from_path(site.output().join("data/memberships.csv")).expect("csv");
    let notes: Vec<String> = reader
        .records()
        .map(|r| r.expect("row")[5].to_string())
        .collect();
    assert!(notes.iter().any(|n| n == evil), "{notes:?}");
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_defused() {
    let site = Site::hostile();
    site.write(
        "content/partners/formula.md",
        "---\nname: '=HYPERLINK(\"https://example.org\")'\nkind: organisation\nregion: '@SUM(A1)'\nstatus: partner\nsources: [src-plain]\n---\nA partner.\n",
    );
    site.build().expect("builds");
    let mut reader = csv::Reader::from_path(site.output().join("data/partners.csv")).expect("csv");
    let row = reader
        .records()
        .map(|r| r.expect("row"))
        .find(|r| &r[0] == "formula")
        .expect("the partner's row");
    assert_eq!(&row[1], "'=HYPERLINK(\"https://example.org\")");
    assert_eq!(&row[3], "'@SUM(A1)");
    // The JSON keeps the name exactly: it is data for programs, not for spreadsheets.
    let json = std::fs::read_to_string(site.output().join("data/partners.json")).expect("json");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).expect("valid JSON");
    assert!(
        rows.iter()
            .any(|r| r["name"] == "=HYPERLINK(\"https://example.org\")")
    );
}

#[test]
fn a_successful_build_writes_only_inside_the_output_folder() {
    let site = Site::hostile();
    site.build().expect("the hostile site builds");
    let output = site.output().canonicalize().expect("output exists");
    for entry in walkdir::WalkDir::new(&output) {
        let path = entry
            .expect("walk")
            .path()
            .canonicalize()
            .expect("canonical");
        assert!(
            path.starts_with(&output),
            "{} is outside the output",
            path.display()
        );
    }
    // Nothing beside it: no staging or backup folder left behind, nothing in the root.
    let beside: Vec<_> = std::fs::read_dir(site.dir.path().join("out"))
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(beside, ["public"]);
    let top: Vec<_> = std::fs::read_dir(site.dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(top, ["out", "site"]);
    assert!(!site.root().join("public").exists());
}

#[test]
fn dot_dot_ids_are_errors_and_nothing_is_written() {
    // (file, text with a `../` reference, what the error must mention)
    let partner = |extra: &str, body: &str| {
        format!(
            "---\nname: P\nkind: organisation\nregion: Global\nstatus: partner\n{extra}sources: [src-plain]\n---\n{body}\n"
        )
    };
    let cases: Vec<(&str, String)> = vec![
        (
            "content/partners/evil.md",
            partner("memberships:\n  - framework: ../x\n", "Body."),
        ),
        (
            "content/partners/evil.md",
            partner("memberships:\n  - framework: ../../../../tmp/x\n", "Body."),
        ),
        ("content/partners/evil.md", partner("programmes:\n  - id: ../x\n", "Body.")),
        ("content/partners/evil.md", partner("operations:\n  - ../x\n", "Body.")),
        ("content/partners/evil.md", partner("", "See [[../x]].")),
        ("content/partners/evil.md", partner("", "See [[../pfp]].")),
        ("content/partners/evil.md", partner("", "See [it](@../x).")),
        ("content/partners/evil.md", partner("", "See [it](@../x#y).")),
        ("content/partners/evil.md", partner("", "Cited [@../x].")),
        ("content/partners/evil.md", partner("", "Cited [@src-plain; @../x].")),
        (
            "content/pages/about.md",
            "---\ntitle: About\nsources: [../x]\n---\nBody.\n".into(),
        ),
        (
            "content/frameworks/pfp.md",
            "---\nname: F\nreplaced_by: ../x\nsources: [src-plain]\n---\nBody.\n".into(),
        ),
        (
            "content/programmes/parp.md",
            "---\nname: P\nframeworks: [../x]\nsources: [src-plain]\n---\nBody.\n".into(),
        ),
        (
            "content/timeline/x.yaml",
            "- date: 1994\n  title: T\n  kind: other\n  summary: '[[../x]]'\n  sources: [src-plain]\n".into(),
        ),
        (
            "content/timeline/x.yaml",
            "- date: 1994\n  title: T\n  kind: other\n  summary: S\n  frameworks: [../x]\n  sources: [src-plain]\n".into(),
        ),
        (
            "content/glossary.yaml",
            "- term: X\n  expansion: Y\n  refers_to: ../x\n".into(),
        ),
        (
            "content/sources.yaml",
            "- id: ../x\n  title: T\n  publisher: P\n  date: '2020'\n- id: src-plain\n  title: T\n  publisher: P\n  date: '2020'\n".into(),
        ),
        (
            "content/sources.yaml",
            "- id: src-plain\n  title: T\n  publisher: P\n  date: '2020'\n  url: javascript:alert(1)\n".into(),
        ),
    ];
    for (file, text) in cases {
        let site = Site::new();
        site.write(
            "content/site.yaml",
            "title: T\ndescription: D\ntimeline:\n  start: 1990\n  end: 2022\nstatus_as_of: 2022-12-31\n",
        )
        .write(
            "content/sources.yaml",
            "- id: src-plain\n  title: T\n  publisher: P\n  date: '2020'\n",
        )
        .write(
            "content/frameworks/pfp.md",
            "---\nname: F\nsources: [src-plain]\n---\nBody.\n",
        )
        .write(file, &text);
        let before = snapshot(site.dir.path());
        let errors = error_text(site.build());
        assert!(
            errors.contains("../") || errors.contains("javascript:"),
            "{file} with {text:?}: the error should name the bad id:\n{errors}"
        );
        assert!(
            !site.output().exists(),
            "{file} with {text:?}: output written"
        );
        assert_eq!(
            snapshot(site.dir.path()),
            before,
            "{file} with {text:?}: the build changed files on disk"
        );
        // Nothing appeared beside the temporary folder either.
        let parent = site.dir.path().parent().expect("a parent");
        assert!(!parent.join("x").exists() && !parent.join("x.html").exists());
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = Site::hostile();
    site.build().expect("the hostile site builds");
    let before = snapshot(&site.output());
    site.write(
        "content/partners/evil.md",
        "---\nname: P\nkind: organisation\nregion: Global\nstatus: partner\nmemberships:\n  - framework: ../x\nsources: [src-evil]\n---\n[[../../x]]\n",
    );
    error_text(site.build());
    assert_eq!(snapshot(&site.output()), before);
    let beside: Vec<_> = std::fs::read_dir(site.dir.path().join("out"))
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(beside, ["public"]);
}
