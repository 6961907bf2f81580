//! Test helpers: small fixture sites written into temporary folders, and a link
//! checker that resolves every internal link of a built site as a browser would.

#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use natopartners::BuildOptions;
use natopartners::diagnostics::Failure;

/// A site root in a temporary folder, built up file by file.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    /// A small valid site: two frameworks, three partners, a programme, an operation,
    /// events, sources and a glossary.
    pub fn valid() -> Fixture {
        let fixture = Fixture {
            dir: tempfile::tempdir().expect("temporary folder"),
        };
        fixture
            .write(
                "content/site.yaml",
                "title: Test Partnerships\ndescription: A test site.\ntimeline:\n  start: 1990\n  end: 2022\nstatus_as_of: 2022-12-31\n",
            )
            .write("content/index.md", "Welcome to [[pfp]] and [the council](@eapc) [@src-a].\n")
            .write(
                "content/sources.yaml",
                "- id: src-a\n  title: Source A\n  publisher: NATO\n  date: 2024-03-07\n  url: https://example.org/a\n- id: src-b\n  title: Source B\n  publisher: Someone\n  date: c. 2020\n",
            )
            .write(
                "content/glossary.yaml",
                "- term: PfP\n  expansion: Partnership for Peace\n  refers_to: pfp\n- term: EAPC\n  expansion: Euro-Atlantic Partnership Council\n",
            )
            .write(
                "content/frameworks/pfp.md",
                "---\nname: Partnership for Peace\nacronym: PfP\nlaunched: 1994-01-10\nsources: [src-a]\n---\n# History\n\nThe PfP began in 1994 [@src-a].\n",
            )
            .write(
                "content/frameworks/eapc.md",
                "---\nname: Euro-Atlantic Partnership Council\nacronym: EAPC\nlaunched: 1997-05\nsources: [src-b]\n---\nSucceeded the NACC.\n",
            )
            .write(
                "content/partners/austria.md",
                "---\nname: Austria\nkind: country\nregion: Western Europe\niso: AUT\nstatus: partner\nmemberships:\n  - framework: pfp\n    from: 1995-02-10\n  - framework: eapc\n    from: 1997-05\nprogrammes:\n  - id: parp\n    from: 1995\noperations:\n  - kfor\nsources: [src-a]\n---\nAustria joined [[pfp]] [@src-a]. See [[poland]].\n",
            )
            .write(
                "content/partners/poland.md",
                "---\nname: Poland\nkind: country\nregion: Central Europe\niso: POL\nstatus: member\nnato_member: 1999-03-12\nmemberships:\n  - framework: pfp\n    from: 1994-02\n    until: 1999-03-12\n    note: Joined NATO.\nsources: [src-b]\n---\nPoland [@src-b].\n",
            )
            .write(
                "content/partners/un.md",
                "---\nname: United Nations\nkind: organisation\nregion: Global\nstatus: partner\nsources: [src-b]\n---\nThe UN.\n",
            )
            .write(
                "content/programmes/parp.md",
                "---\nname: Planning and Review Process\nacronym: PARP\nlaunched: 1995\nframeworks: [pfp]\nsources: [src-a]\n---\nPlanning targets.\n",
            )
            .write(
                "content/operations/kfor.md",
                "---\nname: Kosovo Force\nacronym: KFOR\nfrom: 1999-06\ntheatre: Kosovo\nsources: [src-a]\n---\nIn Kosovo.\n",
            )
            .write("content/pages/about.md", "---\ntitle: About\n---\nAbout [[austria]].\n\n```rust\nfn main() {}\n```\n")
            .write(
                "content/timeline/events.yaml",
                "- date: 1994-01-10\n  title: PfP launched\n  kind: launch\n  summary: The [[pfp]] began [@src-a].\n  frameworks: [pfp]\n  sources: [src-a]\n- date: 1999-03-12\n  title: Poland joins NATO\n  kind: accession\n  summary: Poland joined.\n  partners: [poland]\n  sources: [src-b]\n",
            );
        fixture
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn output(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    pub fn write(&self, relative: &str, text: &str) -> &Fixture {
        let path = self.dir.path().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(path, text).expect("write fixture file");
        self
    }

    pub fn remove(&self, relative: &str) -> &Fixture {
        std::fs::remove_file(self.dir.path().join(relative)).expect("remove fixture file");
        self
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root().to_path_buf(),
            output: self.output(),
            base_url: None,
        }
    }

    pub fn build(&self) -> Result<natopartners::BuildReport, Failure> {
        natopartners::build(&self.options())
    }

    /// The text of a built page.
    pub fn page(&self, relative: &str) -> String {
        std::fs::read_to_string(self.output().join(relative))
            .unwrap_or_else(|e| panic!("{relative} was not built: {e}"))
    }
}

/// Every file of a folder with its bytes, for before/after comparisons.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let bytes = std::fs::read(e.path()).expect("read output file");
            (
                e.path().strip_prefix(dir).expect("inside").to_path_buf(),
                bytes,
            )
        })
        .collect()
}

/// Builds a good site, breaks it with `edit`, and checks the failed build names
/// `expected` and leaves the old output byte for byte.
pub fn assert_rejected(edit: impl FnOnce(&Fixture), expected: &[&str]) -> String {
    let site = Fixture::valid();
    site.build().expect("valid fixture builds");
    let before = snapshot(&site.output());
    edit(&site);
    let errors = errors_of(site.build());
    for needle in expected {
        assert!(errors.contains(needle), "expected `{needle}` in:\n{errors}");
    }
    assert_eq!(
        snapshot(&site.output()),
        before,
        "the previous output must stay untouched"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .expect("read root")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );
    errors
}

/// The content diagnostics of a failed build, as printed.
pub fn errors_of(result: Result<natopartners::BuildReport, Failure>) -> String {
    match result {
        Ok(_) => panic!("the build should have failed"),
        Err(Failure::Content { diagnostics }) => diagnostics.to_string(),
        Err(other) => panic!("expected content errors, got {other}"),
    }
}

/// Values of `href` and `src` attributes in an HTML text.
fn attribute_values(html: &str) -> Vec<String> {
    let mut values = Vec::new();
    for attribute in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(start) = rest.find(attribute) {
            rest = &rest[start + attribute.len()..];
            if let Some(end) = rest.find('"') {
                values.push(rest[..end].replace("&amp;", "&"));
                rest = &rest[end..];
            }
        }
    }
    values
}

fn ids_in(html: &str) -> HashSet<String> {
    let mut ids = HashSet::new();
    let mut rest = html;
    while let Some(start) = rest.find(" id=\"") {
        rest = &rest[start + 5..];
        if let Some(end) = rest.find('"') {
            ids.insert(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    ids
}

/// Checks every internal link of a built site: relative, naming a file (never a
/// folder), the file exists, and its #fragment exists. Returns the problems.
pub fn broken_links(site: &Path) -> Vec<String> {
    let pages: HashMap<PathBuf, String> = walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).expect("read page");
            (
                e.path().strip_prefix(site).expect("inside").to_path_buf(),
                text,
            )
        })
        .collect();
    let ids: HashMap<&PathBuf, HashSet<String>> =
        pages.iter().map(|(p, t)| (p, ids_in(t))).collect();
    let mut problems = Vec::new();
    for (page, html) in &pages {
        for value in attribute_values(html) {
            if value.starts_with("http:")
                || value.starts_with("https:")
                || value.starts_with("mailto:")
            {
                continue;
            }
            if value.starts_with('/') {
                problems.push(format!("{}: root-absolute link {value}", page.display()));
                continue;
            }
            let (path_part, fragment) = match value.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (value.as_str(), None),
            };
            if path_part.ends_with('/') {
                problems.push(format!("{}: link to a folder {value}", page.display()));
                continue;
            }
            let target = if path_part.is_empty() {
                page.clone()
            } else {
                let mut resolved = page.parent().map(Path::to_path_buf).unwrap_or_default();
                for part in path_part.split('/') {
                    match part {
                        ".." => {
                            if !resolved.pop() {
                                problems.push(format!(
                                    "{}: link leaves the site {value}",
                                    page.display()
                                ));
                            }
                        }
                        "." | "" => {}
                        other => resolved.push(other),
                    }
                }
                resolved
            };
            if !site.join(&target).is_file() {
                problems.push(format!("{}: missing target {value}", page.display()));
                continue;
            }
            if let Some(fragment) = fragment
                && !fragment.is_empty()
                && let Some(target_ids) = ids.get(&target)
                && !target_ids.contains(fragment)
            {
                problems.push(format!("{}: missing fragment {value}", page.display()));
            }
        }
    }
    problems.sort();
    problems
}

/// The entries of a built `search-index.js`, which assigns one JSON array.
pub fn search_entries(index: &str) -> Vec<serde_json::Value> {
    let json = index
        .split_once("window.searchIndex = ")
        .and_then(|(_, rest)| rest.trim_end().strip_suffix(';'))
        .expect("the index assigns one JSON value");
    serde_json::from_str(json).expect("valid JSON")
}

/// The search entry whose URL is `url`.
pub fn search_entry<'a>(entries: &'a [serde_json::Value], url: &str) -> &'a serde_json::Value {
    entries
        .iter()
        .find(|entry| entry["url"] == url)
        .unwrap_or_else(|| panic!("{url} is not in the search index"))
}
