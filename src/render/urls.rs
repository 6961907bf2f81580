//! Every URL of the site is computed here. Paths are relative to the site root and
//! always name a file, so the same output works at a domain root, under a
//! `/<repo>/` prefix and from `file://`.

use crate::model::EntityKind;

/// `partners/austria.html`, `frameworks/pfp.html`, `pages/about.html`, ...
pub fn entity_path(kind: EntityKind, id: &str) -> String {
    format!("{}/{id}.html", kind.folder())
}

/// The index page of a kind: `partners/index.html`, ... (free pages have none).
pub fn section_path(kind: EntityKind) -> String {
    format!("{}/index.html", kind.folder())
}

pub const HOME: &str = "index.html";
pub const TIMELINE: &str = "timeline.html";
pub const SOURCES: &str = "sources.html";
pub const GLOSSARY: &str = "glossary.html";
pub const NOT_FOUND: &str = "404.html";
pub const SEARCH: &str = "search.html";
/// The search index, a script so that it loads from file:// too.
pub const SEARCH_INDEX: &str = "search-index.js";
/// Downloads of the data, listed on the sources page.
pub const DATA_PARTNERS_JSON: &str = "data/partners.json";
pub const DATA_PARTNERS_CSV: &str = "data/partners.csv";
pub const DATA_MEMBERSHIPS_CSV: &str = "data/memberships.csv";
pub const DATA_EVENTS_JSON: &str = "data/events.json";
pub const DATA_EVENTS_CSV: &str = "data/events.csv";

/// The year's anchor on the timeline: `y1994`.
pub fn year_anchor(year: u16) -> String {
    format!("y{year}")
}

pub fn timeline_event(anchor: &str) -> String {
    format!("{TIMELINE}#{anchor}")
}

pub fn source(id: &str) -> String {
    format!("{SOURCES}#{id}")
}

/// The way back to the root from a page at `path`: `""` or `"../"` per folder.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_files_and_roots_climb_per_folder() {
        assert_eq!(
            entity_path(EntityKind::Partner, "austria"),
            "partners/austria.html"
        );
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("partners/austria.html"), "../");
        assert!(!section_path(EntityKind::Programme).ends_with('/'));
    }
}
