//! Search: the index of every entity and event, and the page that searches it.
//!
//! The index is a script (`search-index.js`) rather than a JSON file because
//! browsers refuse to `fetch` local files: loaded with `<script src>`, search works
//! from file:// as well as from a server.

use serde::Serialize;

use super::data::web_safe_json;
use super::views::Search;
use super::{OutputFile, SiteRenderer, urls};
use crate::diagnostics::Diagnostic;
use crate::model::{EntityKind, Meta};
use crate::resolve::name_of;

/// One searchable item. `search.js` reads these fields by name.
#[derive(Serialize)]
struct Entry<'a> {
    /// Shown as the result's link text, and weighted most.
    title: String,
    /// "Partner", "Framework", "Programme", "Operation", "Page" or "Event".
    kind: &'static str,
    /// Relative to the site root, like every internal URL.
    url: String,
    /// An event's date as written on the timeline.
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    /// Short names a reader may type: acronym, ISO code, region, event type.
    terms: Vec<&'a str>,
    /// Shown under the result when the match is not in the text.
    summary: String,
    /// The page's or event's words, searched and quoted around a match.
    text: String,
}

fn kind_label(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Partner => "Partner",
        EntityKind::Framework => "Framework",
        EntityKind::Programme => "Programme",
        EntityKind::Operation => "Operation",
        EntityKind::Page => "Page",
    }
}

fn terms_of(meta: &Meta) -> Vec<&str> {
    match meta {
        Meta::Partner(p) => [Some(p.region.as_str()), p.iso.as_deref()]
            .into_iter()
            .flatten()
            .collect(),
        Meta::Framework(f) => f.acronym.as_deref().into_iter().collect(),
        Meta::Programme(p) => p.acronym.as_deref().into_iter().collect(),
        Meta::Operation(o) => [o.acronym.as_deref(), o.theatre.as_deref()]
            .into_iter()
            .flatten()
            .collect(),
        Meta::Page(_) => Vec::new(),
    }
}

impl SiteRenderer<'_> {
    /// `search-index.js`: every entity, then every event in date order.
    pub(super) fn search_index(&self) -> Result<OutputFile, Diagnostic> {
        let markdown = self.markdown();
        let site = self.site;
        let mut entries: Vec<Entry> = site
            .documents
            .iter()
            .map(|document| {
                let kind = document.meta.kind();
                Entry {
                    title: name_of(document),
                    kind: kind_label(kind),
                    url: urls::entity_path(kind, &document.id),
                    date: None,
                    terms: terms_of(&document.meta),
                    summary: document.meta.summary().unwrap_or_default().to_string(),
                    text: markdown.plain_text(&document.body),
                }
            })
            .collect();
        entries.extend(site.events.iter().map(|event| {
            let record = &event.entry.record;
            let mut text = markdown.plain_text(&record.summary);
            if let Some(note) = &record.note {
                text.push(' ');
                text.push_str(note);
            }
            Entry {
                title: record.title.clone(),
                kind: "Event",
                url: urls::timeline_event(&event.anchor),
                date: Some(record.date.text()),
                terms: vec![record.kind.label()],
                summary: String::new(),
                text,
            }
        }));
        let json = web_safe_json(&entries, urls::SEARCH_INDEX)?;
        Ok(OutputFile {
            path: urls::SEARCH_INDEX.into(),
            contents: format!(
                "// The search index read by search.js: every partner, framework, programme,\n\
                 // operation, page and event of the site.\n\
                 window.searchIndex = {json};\n"
            )
            .into_bytes()
            .into(),
        })
    }

    /// `search.html`: a form, and results filled in by `search.js`.
    pub(super) fn search_page(&self) -> Result<OutputFile, Diagnostic> {
        let path = urls::SEARCH.to_string();
        let crumbs = self.crumbs("", &[]);
        let description = "Search every partner, framework, programme, operation, page and \
                           event of the reference."
            .to_string();
        let common = self.common(&path, "Search".into(), Some(description), crumbs);
        let entries = self.site.documents.len() + self.site.events.len();
        self.finish(
            "search.html",
            path,
            common,
            Search {
                index: urls::SEARCH_INDEX,
                entries,
            },
        )
    }
}
