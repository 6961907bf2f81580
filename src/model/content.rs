//! What `load` returns: every record with the place it came from.

use std::path::PathBuf;

use super::{EventRecord, GlossaryEntry, Meta, SiteConfig, SourceRecord};

/// Where a record came from, so later stages can point at it.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    /// Path relative to the site root, e.g. `content/partners/austria.md`.
    pub file: PathBuf,
    /// 1-based line where the record starts in that file.
    pub line: usize,
}

/// A Markdown file: its id, metadata, body and where the body starts.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: String,
    pub meta: Meta,
    /// The whole file, for pointing at lines after parsing.
    pub text: String,
    /// Where the body starts in `text`: the body is the rest of the file, and is
    /// kept only there (at 50,000 partners a copy would hold some 180 MB).
    pub body_start: usize,
    pub origin: Origin,
    /// 1-based line of the body's first line in the file.
    pub body_line: usize,
}

impl Document {
    /// The Markdown after the front matter.
    pub fn body(&self) -> &str {
        self.text.get(self.body_start..).unwrap_or_default()
    }
}

/// An event with the place it was written.
#[derive(Debug, Clone)]
pub struct EventEntry {
    pub record: EventRecord,
    pub origin: Origin,
}

/// Everything `load` read from `content/`, before any cross-reference is checked.
#[derive(Debug, Clone)]
pub struct LoadedContent {
    pub site: SiteConfig,
    pub home: Option<Document>,
    pub documents: Vec<Document>,
    pub events: Vec<EventEntry>,
    pub sources: Vec<(SourceRecord, Origin)>,
    pub glossary: Vec<(GlossaryEntry, Origin)>,
    /// Text of each YAML list file, for pointing at lines later.
    pub texts: crate::FastMap<PathBuf, String>,
    /// Ids of files that exist but failed to parse; references to them are not
    /// reported again as unknown.
    pub broken_ids: std::collections::HashSet<String>,
}
