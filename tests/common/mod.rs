//! Test helpers: fixture sites copied from tests/fixtures/ into temporary folders,
//! stories that build, read, edit and rebuild them (story.rs), and a link checker
//! that resolves every internal link of a built site as a browser would.

#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use natopartners::BuildOptions;
use natopartners::diagnostics::Failure;

mod story;
#[allow(unused_imports)]
pub use story::Story;

/// A site root in a temporary folder, built up file by file.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    /// A small valid site: two frameworks, three partners, a programme, an operation,
    /// events, sources and a glossary. A copy of `tests/fixtures/valid/`.
    pub fn valid() -> Fixture {
        Fixture::from_folder("valid")
    }

    /// A copy of the fixture site `tests/fixtures/<name>/`, with its bases applied
    /// under it (see tests/fixtures/README.md).
    pub fn from_folder(name: &str) -> Fixture {
        let fixture = Fixture {
            dir: tempfile::tempdir().expect("temporary folder"),
        };
        apply_fixture(name, fixture.root(), 0);
        fixture
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn output(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    /// The build's temporary folders (`.public…`) still in the site root: none once
    /// a build has ended, whether it succeeded or failed.
    pub fn staging_leftovers(&self) -> Vec<String> {
        std::fs::read_dir(self.root())
            .expect("read the site root")
            .map(|entry| entry.expect("read the site root").file_name())
            .map(|name| name.to_string_lossy().into_owned())
            .filter(|name| name.starts_with(".public"))
            .collect()
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

/// The folder that holds the fixture sites, one folder per behaviour.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The names of every fixture folder, sorted.
pub fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("read tests/fixtures")
        .map(|entry| entry.expect("read tests/fixtures"))
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The base a fixture is laid over: the one line of its `_base` file, or none for a
/// complete site such as `valid`.
pub fn fixture_base(name: &str) -> Option<String> {
    let path = fixtures_dir().join(name).join("_base");
    path.is_file().then(|| {
        let text = std::fs::read_to_string(&path).expect("read _base");
        let base = text.trim();
        assert!(
            !base.is_empty() && !base.contains(char::is_whitespace),
            "tests/fixtures/{name}/_base must hold one fixture name, not {text:?}"
        );
        base.to_string()
    })
}

/// Writes fixture `name` into `root`: its base first (recursively), then the paths
/// its `_delete` file lists are removed, then its own files are copied over.
/// Top-level entries whose names start with `_` are instructions, never copied.
fn apply_fixture(name: &str, root: &Path, depth: usize) {
    assert!(
        depth < 8,
        "tests/fixtures: `_base` files form a cycle at {name}"
    );
    let folder = fixtures_dir().join(name);
    assert!(folder.is_dir(), "no fixture folder tests/fixtures/{name}");
    if let Some(base) = fixture_base(name) {
        apply_fixture(&base, root, depth + 1);
    }
    let delete = folder.join("_delete");
    if delete.is_file() {
        let list = std::fs::read_to_string(&delete).expect("read _delete");
        for line in list.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let target = root.join(line);
            if target.is_dir() {
                std::fs::remove_dir_all(&target).expect("delete a folder a fixture lists");
            } else if target.is_file() {
                std::fs::remove_file(&target).expect("delete a file a fixture lists");
            } else {
                panic!("tests/fixtures/{name}/_delete lists {line}, which its base does not have");
            }
        }
    }
    for entry in walkdir::WalkDir::new(&folder)
        .min_depth(1)
        .sort_by_file_name()
    {
        let entry = entry.expect("walk a fixture folder");
        let relative = entry.path().strip_prefix(&folder).expect("inside");
        if relative
            .components()
            .next()
            .is_some_and(|first| first.as_os_str().to_string_lossy().starts_with('_'))
        {
            continue;
        }
        let target = root.join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("create a fixture folder");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a fixture file");
        }
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

/// The search index's manifest (`window.searchIndex` in `search-index.js`).
pub fn search_manifest(output: &Path) -> serde_json::Value {
    let index = std::fs::read_to_string(output.join("search-index.js")).expect("search-index.js");
    let json = index
        .split_once("window.searchIndex = ")
        .and_then(|(_, rest)| rest.trim_end().strip_suffix(';'))
        .expect("the index assigns one JSON value");
    serde_json::from_str(json).expect("valid JSON")
}

/// The data of a search shard: `searchShard("<its path>", <JSON>);`.
pub fn search_shard(output: &Path, path: &str) -> serde_json::Value {
    let script = std::fs::read_to_string(output.join(path)).expect("shard written");
    let json = script
        .strip_prefix(&format!("searchShard({path:?}, "))
        .and_then(|rest| rest.trim_end().strip_suffix(");"))
        .unwrap_or_else(|| panic!("{path} hands one JSON value to searchShard"));
    serde_json::from_str(json).expect("valid JSON")
}

/// Every search card, in entry order, from the card shards the manifest lists.
pub fn search_entries(output: &Path) -> Vec<serde_json::Value> {
    let manifest = search_manifest(output);
    let mut cards = Vec::new();
    for path in manifest["cards"].as_array().expect("card shards") {
        let shard = search_shard(output, path.as_str().expect("path"));
        cards.extend(shard.as_array().expect("cards").iter().cloned());
    }
    assert_eq!(Some(cards.len() as u64), manifest["entries"].as_u64());
    cards
}

/// Every indexed word → its postings (entry, weight, entry, weight, …), read from
/// the word shard the manifest names for the word's first two letters.
pub fn search_words(output: &Path) -> HashMap<String, Vec<u64>> {
    let manifest = search_manifest(output);
    let mut words = HashMap::new();
    for (number, path) in manifest["wordShards"]
        .as_array()
        .expect("word shards")
        .iter()
        .enumerate()
    {
        let shard = search_shard(output, path.as_str().expect("path"));
        for (word, postings) in shard.as_object().expect("words") {
            let key: String = word.chars().take(2).collect();
            assert_eq!(
                manifest["words"][&key].as_u64(),
                Some(number as u64),
                "{word} is in the shard its first letters lead to"
            );
            let postings = postings.as_array().expect("postings").iter();
            words.insert(word.clone(), postings.filter_map(|v| v.as_u64()).collect());
        }
    }
    words
}

/// The search entry whose URL is `url`.
pub fn search_entry<'a>(entries: &'a [serde_json::Value], url: &str) -> &'a serde_json::Value {
    entries
        .iter()
        .find(|entry| entry["url"] == url)
        .unwrap_or_else(|| panic!("{url} is not in the search index"))
}

/// The `<main …>…</main>` element of a page, from its opening tag to its closing one.
pub fn main_element(html: &str) -> &str {
    let start = html.find("<main").expect("the page has a <main> element");
    let end = html[start..]
        .find("</main>")
        .map(|at| start + at + "</main>".len())
        .expect("the <main> element is closed");
    assert!(
        !html[start + 1..end].contains("<main"),
        "one <main> element per page"
    );
    &html[start..end]
}
