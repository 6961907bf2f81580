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
/// The whole reference in one page.
pub const PRINT: &str = "print.html";
/// Partners on a world map, through the years.
pub const MAP: &str = "map.html";
pub const ROBOTS: &str = "robots.txt";
pub const SITEMAP: &str = "sitemap.xml";
/// The search index, a script so that it loads from file:// too.
pub const SEARCH_INDEX: &str = "search-index.js";
/// The folder of the search index's shards (see `render::search`).
pub const SEARCH_SHARDS: &str = "search/";
/// Folders the build fills whole, with files whose names and number change as the
/// site grows: no file of another origin may be put in one, since a later build
/// could make a file of the same name.
pub const GENERATED_FOLDERS: [(&str, &str); 2] = [
    (SEARCH_SHARDS, "the search index"),
    (DATA_FOLDER, "the data export"),
];
/// The folder of the data downloads: a large download is split into parts whose
/// number grows with the site (see `scale::DOWNLOAD_BYTES`).
pub const DATA_FOLDER: &str = "data/";
/// Downloads of the data, listed on the sources page (each in parts when large).
pub const DATA_PARTNERS_JSON: &str = "data/partners.json";
pub const DATA_PARTNERS_CSV: &str = "data/partners.csv";
pub const DATA_MEMBERSHIPS_CSV: &str = "data/memberships.csv";
pub const DATA_EVENTS_JSON: &str = "data/events.json";
pub const DATA_EVENTS_CSV: &str = "data/events.csv";

/// The offline copy's folder inside its zip, and the zip's name without `.zip`:
/// the site's title as a slug, `nato-partnerships-1990-2022`.
pub fn offline_folder(site_title: &str) -> String {
    let slug = crate::markdown::slugify(site_title);
    if slug.is_empty() {
        "site".to_string()
    } else {
        slug
    }
}

/// The year's anchor on the timeline: `y1994`.
pub fn year_anchor(year: u16) -> String {
    year_anchor_of(year)
}

fn year_anchor_of(year: impl std::fmt::Display) -> String {
    format!("y{year}")
}

pub fn timeline_event(anchor: &str) -> String {
    format!("{TIMELINE}#{anchor}")
}

/// The folder of the timeline's year pages, when the timeline is split by year.
pub const TIMELINE_YEARS: &str = "timeline/";

/// A year's page of a timeline split by year: `timeline/1994.html`.
pub fn timeline_year_page(year: u16) -> String {
    format!("{TIMELINE_YEARS}{year}.html")
}

pub fn source(id: &str) -> String {
    format!("{SOURCES}#{id}")
}

/// Where a link to `path` (a site path, perhaps with a fragment) leads inside the
/// print edition, where every page of the site is a part of one page:
/// `partners/austria.html` is `#partner-austria`, `timeline.html#y1994` is
/// `#y1994`, `sources.html#src` is `#source-src`, an index is its section.
pub fn print_anchor(path: &str) -> String {
    if path.starts_with('#') {
        return path.to_string();
    }
    let (file, fragment) = match path.split_once('#') {
        Some((file, fragment)) => (file, Some(fragment)),
        None => (path, None),
    };
    if let Some(page) = file.strip_prefix(TIMELINE_YEARS) {
        return match fragment {
            Some(anchor) => format!("#{anchor}"),
            None => format!("#{}", year_anchor_of(page.trim_end_matches(".html"))),
        };
    }
    match (file, fragment) {
        (TIMELINE, Some(anchor)) => format!("#{anchor}"),
        (SOURCES, Some(id)) => format!("#source-{id}"),
        (TIMELINE | SOURCES | GLOSSARY, None) => format!("#{}", file.trim_end_matches(".html")),
        (HOME | SEARCH | NOT_FOUND | PRINT | MAP, _) => "#top".to_string(),
        _ => match file.split_once('/') {
            Some((folder, "index.html")) => format!("#{folder}"),
            Some((folder, page)) => {
                let id = page.trim_end_matches(".html");
                let anchor = print_entity_anchor(EntityKind::from_folder(folder), id);
                match fragment {
                    Some(fragment) => format!("{anchor}-{fragment}"),
                    None => anchor,
                }
            }
            None => "#top".to_string(),
        },
    }
}

/// An entity's anchor in the print edition: `#partner-austria`, `#framework-pfp`.
pub fn print_entity_anchor(kind: Option<EntityKind>, id: &str) -> String {
    match kind {
        Some(kind) => format!("#{}-{id}", kind.singular()),
        None => "#top".to_string(),
    }
}

/// The way back to the root from a page at `path`: `""` or `"../"` per folder.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// `path` (from the site root) as seen from a page whose way back to the root is
/// `root`: the two joined, without the formatting machinery of `format!`, since a
/// large page makes thousands of links.
pub fn from_root(root: &str, path: &str) -> String {
    let mut href = String::with_capacity(root.len() + path.len());
    href.push_str(root);
    href.push_str(path);
    href
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

    #[test]
    fn every_site_path_has_an_anchor_in_the_print_edition() {
        assert_eq!(print_anchor("partners/austria.html"), "#partner-austria");
        assert_eq!(
            print_anchor("frameworks/pfp.html#history"),
            "#framework-pfp-history"
        );
        assert_eq!(print_anchor("pages/about.html"), "#page-about");
        assert_eq!(print_anchor("timeline.html#y1994"), "#y1994");
        assert_eq!(print_anchor("timeline.html"), "#timeline");
        assert_eq!(print_anchor("sources.html#nato-pfp"), "#source-nato-pfp");
        assert_eq!(print_anchor("partners/index.html#region-x"), "#partners");
        assert_eq!(print_anchor("glossary.html"), "#glossary");
        assert_eq!(print_anchor("index.html"), "#top");
        assert_eq!(print_anchor("#source-a"), "#source-a");
        assert_eq!(print_anchor("timeline/1994.html"), "#y1994");
        assert_eq!(print_anchor("timeline/1994.html#e1994-x"), "#e1994-x");
    }
}
