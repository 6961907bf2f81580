//! Stage one: walk `content/`, split front matter, parse YAML into records that
//! remember their file and line. Nothing here looks across files.

pub mod frontmatter;
mod position;
mod stamp;
pub mod yaml;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use stamp::Stamp;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{
    Document, EntityKind, EventEntry, EventRecord, GlossaryEntry, LoadedContent, Meta, Origin,
    PageMeta, SiteConfig, SourceRecord, TimelineRange,
};

/// The content folder inside a site root.
pub const CONTENT_DIR: &str = "content";

/// What each list file holds, said when one is not a list.
const SOURCES_SHAPE: &str = "sources.yaml is a list of sources, each starting with `- id:`";
const GLOSSARY_SHAPE: &str = "glossary.yaml is a list of terms, each starting with `- term:`";
const TIMELINE_SHAPE: &str = "a timeline file is a list of events, each starting with `- date:`";

/// Is `id` a valid id: lowercase letters, digits and hyphens, not starting with a hyphen?
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Ids no entity or source may take. `index` names the home page in the graph, and
/// `<folder>/index.html` is every section's index page, so `partners/index.md` would
/// replace the partners index. No other id can clash: entity pages live in their
/// kind's folder and every other generated page sits at the root, so a page such as
/// `map.html` leaves the programme id `map` free. Any clash the site's structure
/// might still produce is caught when output paths are checked (`collisions`).
pub const RESERVED_IDS: &[&str] = &["index"];

/// What a file in `content/` is, judged by where it sits.
enum FileRole {
    Site,
    Home,
    Sources,
    Glossary,
    Timeline,
    Entity(EntityKind),
    Unknown,
}

fn role_of(relative: &Path) -> FileRole {
    let parts: Vec<&str> = relative.iter().filter_map(|p| p.to_str()).collect();
    let extension = relative.extension().and_then(|e| e.to_str()).unwrap_or("");
    match parts.as_slice() {
        ["site.yaml"] => FileRole::Site,
        ["index.md"] => FileRole::Home,
        ["sources.yaml"] => FileRole::Sources,
        ["glossary.yaml"] => FileRole::Glossary,
        ["timeline", _] if extension == "yaml" || extension == "yml" => FileRole::Timeline,
        [folder, _] if extension == "md" => EntityKind::ALL
            .into_iter()
            .find(|kind| kind.folder() == *folder)
            .map_or(FileRole::Unknown, FileRole::Entity),
        _ => FileRole::Unknown,
    }
}

/// Reads the whole content folder. Problems are collected in the returned
/// diagnostics; whatever could be read is returned so later stages can still report
/// their own problems in the same run.
pub fn load(root: &Path) -> (LoadedContent, Diagnostics) {
    load_with(root, None)
}

/// Parsed files kept across loads (by `serve`): a file whose text did not change
/// is not parsed again. Keyed by path and compared by full text, so a result is
/// reused only for the very text it was parsed from. An entity or timeline file
/// whose stamp (`stamp.rs`) shows it untouched since it was read is not even read again.
#[derive(Default)]
pub struct LoadCache {
    documents: HashMap<PathBuf, (String, ParsedDocument)>,
    events: HashMap<PathBuf, (String, ParsedEvents)>,
    /// The stamps of the files above that had settled when they were read.
    stamps: HashMap<PathBuf, Stamp>,
}

type ParsedDocument = Result<Document, (String, Diagnostic)>;
/// A file's text; `None` when the cache holds it; the error when it cannot be read.
type ReadText = Result<Option<String>, String>;
/// A timeline file's events with their lines, and what was wrong with it.
type ParsedEvents = (Vec<(EventRecord, usize)>, Diagnostics);
/// An entity file with its text, what it parsed to, and what the cache keeps of it.
type ParsedEntity = (PathBuf, String, ParsedDocument, Option<ParsedDocument>);

/// The list files of the content contract.
#[derive(Debug, Clone, Copy)]
enum ListKind {
    Sources,
    Glossary,
    Timeline,
}

/// What one list file held, with its diagnostics.
enum ParsedList {
    Sources(Vec<(SourceRecord, usize)>, Diagnostics),
    Glossary(Vec<(GlossaryEntry, usize)>, Diagnostics),
    Timeline(ParsedEvents),
}

/// Parses one list file; a timeline file whose text the last load parsed takes
/// that load's result, `before`.
fn parse_list_file(
    shown: &Path,
    kind: ListKind,
    text: &str,
    before: Option<ParsedEvents>,
) -> ParsedList {
    let mut found = Diagnostics::new();
    match kind {
        ListKind::Sources => {
            let records = yaml::parse_list(shown, text, SOURCES_SHAPE, &mut found);
            ParsedList::Sources(records, found)
        }
        ListKind::Glossary => {
            let entries = yaml::parse_list(shown, text, GLOSSARY_SHAPE, &mut found);
            ParsedList::Glossary(entries, found)
        }
        ListKind::Timeline => ParsedList::Timeline(before.unwrap_or_else(|| {
            let records = yaml::parse_list(shown, text, TIMELINE_SHAPE, &mut found);
            (records, found)
        })),
    }
}

/// Reads the whole content folder like [`load`]; with a cache, reuses what it
/// parsed before and leaves it holding this load's results.
pub fn load_with(root: &Path, mut cache: Option<&mut LoadCache>) -> (LoadedContent, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let content_dir = root.join(CONTENT_DIR);
    let mut files = Vec::new();
    let has_content_dir = content_dir.is_dir();
    if !has_content_dir {
        diagnostics.push(
            Diagnostic::error(format!("{CONTENT_DIR}/"), "no content folder in the site root")
                .with_help(format!(
                    "run this in the folder that holds {CONTENT_DIR}/, or give that folder with --root DIR"
                )),
        );
    }
    for entry in WalkDir::new(&content_dir).sort_by_file_name() {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let relative = entry
                    .path()
                    .strip_prefix(&content_dir)
                    .unwrap_or(entry.path())
                    .to_path_buf();
                files.push(relative);
            }
            Ok(_) => {}
            Err(error) if content_dir.is_dir() => {
                let path = error.path().map(Path::to_path_buf).unwrap_or_default();
                diagnostics.push(Diagnostic::error(path, format!("cannot read: {error}")));
            }
            Err(_) => {}
        }
    }

    // With a cache, an entity or timeline file untouched since it was read is
    // taken from the cache (`Ok(None)`) instead of read.
    let read_at = std::time::SystemTime::now();
    let keep = cache.is_some();
    let previous_stamps = match cache.as_deref_mut() {
        Some(cache) => std::mem::take(&mut cache.stamps),
        None => HashMap::new(),
    };
    let read: Vec<(PathBuf, ReadText, Option<Stamp>)> = files
        .par_iter()
        .map(|relative| {
            let shown = Path::new(CONTENT_DIR).join(relative);
            let path = content_dir.join(relative);
            let cached = matches!(role_of(relative), FileRole::Entity(_) | FileRole::Timeline);
            let stamp = (keep && cached).then(|| Stamp::of(&path)).flatten();
            if stamp.is_some() && previous_stamps.get(&shown) == stamp.as_ref() {
                return (shown, Ok(None), stamp);
            }
            let text = std::fs::read_to_string(&path).map_err(|e| e.to_string());
            let settled = stamp.filter(|stamp| stamp.settled_at(read_at));
            (shown, text.map(Some), settled)
        })
        .collect();

    let mut site = None;
    let mut home = None;
    let mut sources = Vec::new();
    let mut glossary = Vec::new();
    let mut events = Vec::new();
    let mut texts = crate::FastMap::default();
    let mut broken_ids = HashSet::new();
    let mut entity_files = Vec::new();
    let mut list_files = Vec::new();
    let (mut previous_events, mut previous_documents) = match cache.as_deref_mut() {
        Some(cache) => (
            std::mem::take(&mut cache.events),
            std::mem::take(&mut cache.documents),
        ),
        None => Default::default(),
    };

    for (shown, text, stamp) in read {
        let relative = shown
            .strip_prefix(CONTENT_DIR)
            .unwrap_or(&shown)
            .to_path_buf();
        let text = text.and_then(|text| match text {
            Some(text) => Ok(text),
            // Untouched since the last load, which cached its text.
            None => previous_documents
                .get(&shown)
                .map(|(text, _)| text)
                .or_else(|| previous_events.get(&shown).map(|(text, _)| text))
                .cloned()
                .map_or_else(
                    || std::fs::read_to_string(root.join(&shown)).map_err(|e| e.to_string()),
                    Ok,
                ),
        });
        if let (Some(cache), Some(stamp)) = (cache.as_deref_mut(), stamp) {
            cache.stamps.insert(shown.clone(), stamp);
        }
        let text = match text {
            Ok(text) => text,
            Err(error) => {
                diagnostics.push(Diagnostic::error(&shown, format!("cannot read: {error}")));
                continue;
            }
        };
        match role_of(&relative) {
            FileRole::Site => match yaml::parse::<SiteConfig>(&shown, &text, 1) {
                Ok(config) => site = Some(config),
                Err(diagnostic) => diagnostics.push(diagnostic),
            },
            FileRole::Home => match parse_document(&shown, "index", EntityKind::Page, text) {
                Ok(document) => home = Some(document),
                Err(diagnostic) => diagnostics.push(diagnostic),
            },
            // Lists are parsed below, beside the entity files.
            FileRole::Sources => list_files.push((shown, ListKind::Sources, text)),
            FileRole::Glossary => list_files.push((shown, ListKind::Glossary, text)),
            FileRole::Timeline => list_files.push((shown, ListKind::Timeline, text)),
            FileRole::Entity(kind) => entity_files.push((shown, kind, text)),
            FileRole::Unknown => diagnostics.push(
                Diagnostic::warning(
                    &shown,
                    "ignored: not a file the content contract knows (see docs/content.md)",
                )
                .with_code("unknown-file"),
            ),
        }
    }

    // Each file with what the last load made of it, if anything: a result the
    // cache keeps is copied once, for this load's documents.
    let paired: Vec<_> = entity_files
        .into_iter()
        .map(|(shown, kind, text)| {
            let before = previous_documents.remove(&shown);
            (shown, kind, text, before)
        })
        .collect();
    // Each list file with the events the last load parsed from it, if its text is
    // the same.
    let lists: Vec<_> = list_files
        .into_iter()
        .map(|(shown, kind, text)| {
            let before = match kind {
                ListKind::Timeline => previous_events
                    .remove(&shown)
                    .filter(|(old, _)| *old == text)
                    .map(|(_, parsed)| parsed),
                ListKind::Sources | ListKind::Glossary => None,
            };
            (shown, kind, text, before)
        })
        .collect();
    // The list files and the entity files are parsed side by side, each list on
    // its own (a long list is parsed in runs in parallel as well).
    let (parsed, lists): (Vec<ParsedEntity>, Vec<_>) = rayon::join(
        || {
            paired
                .into_par_iter()
                .map(|(shown, kind, mut text, before)| match before {
                    Some((old, kept)) if old == text => (shown, text, kept.clone(), Some(kept)),
                    _ if keep => {
                        let result = parse_entity(&shown, kind, text.clone());
                        let kept = result.clone();
                        (shown, text, result, Some(kept))
                    }
                    _ => {
                        let result = parse_entity(&shown, kind, std::mem::take(&mut text));
                        (shown, text, result, None)
                    }
                })
                .collect()
        },
        || {
            lists
                .into_par_iter()
                .map(|(shown, kind, text, before)| {
                    let parsed = parse_list_file(&shown, kind, &text, before);
                    (shown, text, parsed)
                })
                .collect()
        },
    );
    for (shown, text, parsed) in lists {
        match parsed {
            ParsedList::Sources(records, found) => {
                diagnostics.extend(found);
                sources.extend(records.into_iter().map(|(record, line)| {
                    let file = shown.clone();
                    (record, Origin { file, line })
                }));
            }
            ParsedList::Glossary(entries, found) => {
                diagnostics.extend(found);
                glossary.extend(entries.into_iter().map(|(entry, line)| {
                    let file = shown.clone();
                    (entry, Origin { file, line })
                }));
            }
            ParsedList::Timeline(parsed) => {
                diagnostics.extend(parsed.1.clone());
                if let Some(cache) = cache.as_deref_mut() {
                    cache
                        .events
                        .insert(shown.clone(), (text.clone(), (parsed.0.clone(), parsed.1)));
                }
                events.extend(parsed.0.into_iter().map(|(record, line)| {
                    let file = shown.clone();
                    EventEntry {
                        record,
                        origin: Origin { file, line },
                    }
                }));
            }
        }
        texts.insert(shown, text);
    }
    let mut documents = Vec::new();
    for (shown, text, result, kept) in parsed {
        if let (Some(cache), Some(kept)) = (cache.as_deref_mut(), kept) {
            cache.documents.insert(shown, (text, kept));
        }
        match result {
            Ok(document) => documents.push(document),
            Err((id, diagnostic)) => {
                broken_ids.insert(id);
                diagnostics.push(diagnostic);
            }
        }
    }

    let site = site.unwrap_or_else(|| {
        // Without a content folder, its missing site.yaml is no news.
        if has_content_dir
            && !diagnostics
                .errors()
                .any(|d| d.file == Path::new(CONTENT_DIR).join("site.yaml"))
        {
            diagnostics.push(Diagnostic::error(
                Path::new(CONTENT_DIR).join("site.yaml"),
                "missing: every site needs a site.yaml with title, description, timeline and status_as_of",
            ));
        }
        placeholder_config()
    });

    (
        LoadedContent {
            site,
            home,
            documents,
            events,
            sources,
            glossary,
            texts,
            broken_ids,
        },
        diagnostics,
    )
}

/// Parses one entity file, its id taken from the file name.
fn parse_entity(shown: &Path, kind: EntityKind, text: String) -> ParsedDocument {
    let id = shown
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    if !is_valid_id(&id) {
        return Err((
            String::new(),
            Diagnostic::error(
                shown,
                format!(
                    "`{id}` is not a valid id: a file name may hold only lowercase letters, digits and hyphens"
                ),
            ),
        ));
    }
    parse_document(shown, &id, kind, text).map_err(|d| {
        let d = with_field_example(d, kind, &id);
        (id, d)
    })
}

/// For serde's "missing field `kind`", a hint with the line `new` would write for
/// that field in this file: "add it, e.g. `kind: country`".
fn with_field_example(diagnostic: Diagnostic, kind: EntityKind, id: &str) -> Diagnostic {
    let example = diagnostic
        .message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
        .and_then(|field| {
            let stub = crate::scaffold::stub(kind, id);
            let line = stub.lines().find(|line| {
                line.strip_prefix(field)
                    .is_some_and(|rest| rest.starts_with(':'))
            })?;
            let example = line.split(" #").next().unwrap_or(line).trim_end();
            Some(format!(
                "every {} needs `{field}`: add it, e.g. `{example}`",
                kind.singular()
            ))
        });
    match example {
        Some(help) => diagnostic.with_help(help),
        None => diagnostic,
    }
}

/// Stands in for a broken site.yaml so that the rest of the content can still be
/// checked in the same run; the run fails anyway.
fn placeholder_config() -> SiteConfig {
    SiteConfig {
        title: String::new(),
        description: String::new(),
        base_url: None,
        offline_copy: false,
        timeline: TimelineRange {
            start: 0,
            end: 9999,
        },
        status_as_of: crate::date::Date {
            year: 9999,
            month: None,
            day: None,
        },
    }
}

/// Parses one Markdown file of the given kind.
pub fn parse_document(
    shown: &Path,
    id: &str,
    kind: EntityKind,
    text: String,
) -> Result<Document, Diagnostic> {
    let split = frontmatter::split(&text)
        .map_err(|error| Diagnostic::error(shown, error.to_string()).at_line(Some(1)))?;
    let line = split.front_matter_line;
    let front = split.front_matter;
    let meta = match (kind, front) {
        (EntityKind::Page, None) => Meta::Page(PageMeta::default()),
        (EntityKind::Page, Some(yaml)) => Meta::Page(yaml::parse(shown, yaml, line)?),
        (_, None) => {
            return Err(Diagnostic::error(
                shown,
                format!(
                    "{} needs YAML front matter between `---` lines (see docs/content.md)",
                    crate::text::with_article(kind.singular())
                ),
            )
            .at_line(Some(1)));
        }
        (EntityKind::Partner, Some(yaml)) => Meta::Partner(yaml::parse(shown, yaml, line)?),
        (EntityKind::Framework, Some(yaml)) => Meta::Framework(yaml::parse(shown, yaml, line)?),
        (EntityKind::Programme, Some(yaml)) => Meta::Programme(yaml::parse(shown, yaml, line)?),
        (EntityKind::Operation, Some(yaml)) => Meta::Operation(yaml::parse(shown, yaml, line)?),
    };
    // The body is the end of the file (`split` takes a byte-order mark off only
    // the start).
    let body_start = text.len() - split.body.len();
    let body_line = split.body_line;
    Ok(Document {
        id: id.to_string(),
        meta,
        body_start,
        body_line,
        origin: Origin {
            file: shown.to_path_buf(),
            line: 1,
        },
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lowercase_slugs() {
        assert!(is_valid_id("bosnia-herzegovina"));
        assert!(is_valid_id("seed001"));
        for bad in ["", "-x", "Austria", "a_b", "../x", "a.b", "a b"] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn partner_without_front_matter_is_an_error() {
        let error = parse_document(
            Path::new("content/partners/x.md"),
            "x",
            EntityKind::Partner,
            "Body".into(),
        )
        .unwrap_err();
        assert!(error.message.contains("front matter"));
    }
}
