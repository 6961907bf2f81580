//! Stage three: Markdown to HTML, then Tera templates, one context builder per page
//! kind. Produces every output file in memory; nothing is written here.

mod chart;
mod cite;
mod data;
mod entities;
mod growth;
mod indexes;
mod map;
mod print;
mod reference;
mod related;
pub mod scale;
mod search;
pub mod templates;
pub mod urls;
pub mod views;

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::highlight::Highlighter;
use crate::markdown::{LinkInfo, PageState, Renderer};
use crate::model::{EntityKind, Meta};
use crate::resolve::{Named, Site, name_of};
use related::RelatedIndex;
use views::*;

/// One file of the output: its path relative to the output folder, and its bytes.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    /// Shared, so that a rebuild can keep unchanged pages without copying them.
    pub contents: std::sync::Arc<[u8]>,
}

/// Which page to render.
#[derive(Debug, Clone, Copy)]
enum PageSpec {
    Home,
    Section(EntityKind),
    Entity(usize),
    Timeline,
    /// A year's page of a timeline split by year.
    TimelineYear(u16),
    Sources,
    Glossary,
    NotFound,
    Search,
    Map,
    Export(data::Export),
}

/// Renders every page of the site.
pub fn render(
    site: &Site,
    tera: &Tera,
    highlighter: &Highlighter,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let context = SiteRenderer::new(site, tera, highlighter);
    let mut specs = vec![
        PageSpec::Home,
        PageSpec::Timeline,
        PageSpec::Sources,
        PageSpec::Glossary,
        PageSpec::NotFound,
        PageSpec::Search,
        PageSpec::Map,
    ];
    specs.extend(data::Export::ALL.map(PageSpec::Export));
    specs.extend(
        [
            EntityKind::Partner,
            EntityKind::Framework,
            EntityKind::Programme,
            EntityKind::Operation,
        ]
        .into_iter()
        .map(PageSpec::Section),
    );
    specs.extend((0..site.documents.len()).map(PageSpec::Entity));
    if context.timeline_by_year() {
        let range = site.config.timeline;
        specs.extend((range.start..=range.end).map(PageSpec::TimelineYear));
    }

    let mut files = with_search_and_print(&context, &specs)?;
    files.push(OutputFile {
        path: "highlight.css".into(),
        contents: crate::highlight::stylesheet().into_bytes().into(),
    });
    if let Some(base) = &site.config.base_url {
        let maps = sitemaps(base, &files, SITEMAP_LIMIT);
        files.extend(maps);
    }
    files.push(robots(site.config.base_url.as_deref()));
    files.push(OutputFile {
        path: ".nojekyll".into(),
        contents: Vec::new().into(),
    });
    Ok(files)
}

/// Renders only the pages of the documents at `changed` (indexes into
/// `site.documents`) and the search index: what an edit to those documents' bodies
/// can change when it leaves the rest of the graph (front matter, links and
/// citations between pages, lists, templates) as it was.
pub fn render_bodies(
    site: &Site,
    tera: &Tera,
    highlighter: &Highlighter,
    changed: &[usize],
) -> Result<Vec<OutputFile>, Diagnostics> {
    let context = SiteRenderer::new(site, tera, highlighter);
    let specs: Vec<PageSpec> = changed
        .iter()
        .map(|index| PageSpec::Entity(*index))
        .collect();
    // The search index and the print edition hold every body too.
    with_search_and_print(&context, &specs)
}

/// The pages of `specs`, the search index and the print edition, rendered side by
/// side; or every failure of any.
fn with_search_and_print(
    context: &SiteRenderer,
    specs: &[PageSpec],
) -> Result<Vec<OutputFile>, Diagnostics> {
    let printed = scale::print_edition(context.site);
    let ((pages, search), print) = rayon::join(
        || rayon::join(|| context.pages(specs), || context.search_index()),
        || {
            printed
                .then(|| print::render(context.site, context.tera, context.highlighter))
                .transpose()
        },
    );
    let search = search.map_err(|diagnostic| {
        let mut one = Diagnostics::new();
        one.push(diagnostic);
        one
    });
    let print = print.map(|file| file.into_iter().collect());
    let mut files = Vec::new();
    let mut diagnostics = Diagnostics::new();
    for part in [pages, search, print] {
        match part {
            Ok(part) => files.extend(part),
            Err(more) => diagnostics.extend(more),
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(files)
}

/// How many addresses one sitemap may hold (sitemaps.org); past it, `sitemap.xml`
/// becomes an index of `sitemap-1.xml`, `sitemap-2.xml`, …
const SITEMAP_LIMIT: usize = 50_000;

/// `sitemap.xml` (and its parts past [`SITEMAP_LIMIT`] addresses), written only
/// when the site has a base URL: every page but the 404 page.
fn sitemaps(base: &str, files: &[OutputFile], limit: usize) -> Vec<OutputFile> {
    let base = crate::html::escape(base.trim_end_matches('/'));
    let pages: Vec<&str> = files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|path| path.ends_with(".html") && *path != urls::NOT_FOUND)
        .collect();
    let urlset = |paths: &[&str]| {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for path in paths {
            xml.push_str(&format!(
                "  <url><loc>{base}/{}</loc></url>\n",
                crate::html::escape(path)
            ));
        }
        xml.push_str("</urlset>\n");
        xml.into_bytes().into()
    };
    if pages.len() <= limit {
        return vec![OutputFile {
            path: urls::SITEMAP.into(),
            contents: urlset(&pages),
        }];
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut files: Vec<OutputFile> = pages
        .chunks(limit)
        .enumerate()
        .map(|(number, chunk)| {
            let path = format!("sitemap-{}.xml", number + 1);
            index.push_str(&format!("  <sitemap><loc>{base}/{path}</loc></sitemap>\n"));
            OutputFile {
                path,
                contents: urlset(chunk),
            }
        })
        .collect();
    index.push_str("</sitemapindex>\n");
    files.push(OutputFile {
        path: urls::SITEMAP.into(),
        contents: index.into_bytes().into(),
    });
    files
}

/// `robots.txt`: every page may be crawled; with a base URL, where the sitemap is.
fn robots(base: Option<&str>) -> OutputFile {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = base {
        text.push_str(&format!(
            "\nSitemap: {}/{}\n",
            base.trim_end_matches('/'),
            urls::SITEMAP
        ));
    }
    OutputFile {
        path: urls::ROBOTS.into(),
        contents: text.into_bytes().into(),
    }
}

/// What every page shares.
#[derive(Serialize)]
struct Common<'a> {
    root: String,
    path: String,
    site_title: &'a str,
    site_description: &'a str,
    title: String,
    description: String,
    canonical: Option<String>,
    nav: Vec<NavItem>,
    breadcrumbs: Vec<Link>,
    footer_pages: Vec<Link>,
    status_as_of: DateView,
    /// Whether the site has a print edition to offer (see [`scale::print_edition`]).
    print_edition: bool,
}

/// Who reads the links a renderer writes: pages of the website, each at its own
/// path, or the print edition, where every page is a part of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edition {
    Web,
    Print,
}

struct SiteRenderer<'a> {
    edition: Edition,
    site: &'a Site,
    tera: &'a Tera,
    highlighter: &'a Highlighter,
    links: HashMap<String, LinkInfo>,
    glossary: HashMap<String, String>,
    colours: HashMap<String, usize>,
    related: RelatedIndex<'a>,
    /// Whether the site has a print edition (see [`scale::print_edition`]).
    print_edition: bool,
}

/// Colour-blind-safe slots (Okabe–Ito) available to frameworks.
const COLOUR_SLOTS: usize = 8;
/// The slot of bilateral bodies, styled in grey.
pub(super) const NEUTRAL_SLOT: usize = COLOUR_SLOTS;

impl<'a> SiteRenderer<'a> {
    fn new(site: &'a Site, tera: &'a Tera, highlighter: &'a Highlighter) -> Self {
        Self::for_edition(Edition::Web, site, tera, highlighter)
    }

    fn for_edition(
        edition: Edition,
        site: &'a Site,
        tera: &'a Tera,
        highlighter: &'a Highlighter,
    ) -> Self {
        let mut links = HashMap::new();
        let place = |path: String| match edition {
            Edition::Web => path,
            Edition::Print => urls::print_anchor(&path),
        };
        for document in &site.documents {
            links.insert(
                document.id.clone(),
                LinkInfo {
                    name: name_of(document),
                    path: place(urls::entity_path(document.meta.kind(), &document.id)),
                },
            );
        }
        for source in &site.sources {
            links.insert(
                source.id.clone(),
                LinkInfo {
                    name: source.title.clone(),
                    path: place(urls::source(&source.id)),
                },
            );
        }
        let glossary = site
            .glossary
            .iter()
            .map(|entry| (entry.term.clone(), entry.expansion.clone()))
            .collect();
        // Multilateral frameworks take colours in the order they were launched;
        // bilateral bodies (one partner) share the neutral slot.
        let mut frameworks: Vec<_> = site
            .documents_of(EntityKind::Framework)
            .filter_map(|d| match &d.meta {
                Meta::Framework(f) => Some((f.launched, d.id.clone())),
                _ => None,
            })
            .collect();
        frameworks.sort();
        let mut colours = HashMap::new();
        let mut next_slot = 0;
        for (_, id) in frameworks {
            let members = site.members_by_framework.get(&id).map_or(0, Vec::len);
            let slot = if members > 1 {
                next_slot += 1;
                (next_slot - 1) % COLOUR_SLOTS
            } else {
                NEUTRAL_SLOT
            };
            colours.insert(id, slot);
        }
        Self {
            edition,
            print_edition: scale::print_edition(site),
            site,
            tera,
            highlighter,
            links,
            glossary,
            colours,
            // The print edition has no related partners: its framework parts list them.
            related: RelatedIndex::new(
                site,
                match edition {
                    Edition::Web => entities::RELATED_LIMIT,
                    Edition::Print => 0,
                },
            ),
        }
    }

    fn markdown(&self) -> Renderer<'_> {
        Renderer {
            links: &self.links,
            glossary: &self.glossary,
            highlighter: self.highlighter,
        }
    }

    /// The one way a page links to another: `path` is from the site root (perhaps
    /// with a fragment), `root` the way back to it from the linking page.
    fn href(&self, root: &str, path: &str) -> String {
        match self.edition {
            Edition::Web => format!("{root}{path}"),
            Edition::Print => urls::print_anchor(path),
        }
    }

    fn link(&self, id: &str, root: &str) -> Link {
        match self.links.get(id) {
            Some(info) => Link {
                name: info.name.clone(),
                href: self.href(root, &info.path),
            },
            None => Link {
                name: id.to_string(),
                href: self.href(root, urls::NOT_FOUND),
            },
        }
    }

    /// Whether the framework `id` seats Allies as well as partners.
    fn seats_allies(&self, id: &str) -> bool {
        matches!(self.site.document(id).map(|d| &d.meta), Some(Meta::Framework(f)) if f.seats_allies)
    }

    fn badge(&self, id: &str, root: &str) -> Badge {
        let link = self.link(id, root);
        let acronym = match self.site.document(id).map(|d| &d.meta) {
            Some(Meta::Framework(f)) => f.acronym.clone().unwrap_or_else(|| link.name.clone()),
            _ => link.name.clone(),
        };
        Badge {
            name: link.name,
            acronym,
            href: link.href,
            colour: self.colours.get(id).copied().unwrap_or(0),
        }
    }

    /// What every page shares. Its navigation leads to the site's pages in every
    /// edition: in the print edition too, the header and footer are the website's.
    fn common(
        &self,
        path: &str,
        title: String,
        description: Option<String>,
        breadcrumbs: Vec<Link>,
    ) -> Common<'a> {
        let root = urls::root_of(path);
        let config = &self.site.config;
        let section = path.split('/').next().unwrap_or("");
        let nav_items: [(&str, String); 8] = [
            ("Home", urls::HOME.to_string()),
            ("Partners", urls::section_path(EntityKind::Partner)),
            ("Frameworks", urls::section_path(EntityKind::Framework)),
            ("Programmes", urls::section_path(EntityKind::Programme)),
            ("Operations", urls::section_path(EntityKind::Operation)),
            ("Timeline", urls::TIMELINE.to_string()),
            ("Map", urls::MAP.to_string()),
            ("Sources", urls::SOURCES.to_string()),
        ];
        let nav = nav_items
            .into_iter()
            .map(|(label, target)| NavItem {
                current: target == path
                    || (target.contains('/') && target.split('/').next() == Some(section)),
                label: label.to_string(),
                href: format!("{root}{target}"),
            })
            .collect();
        let mut footer_pages: Vec<Link> = self
            .site
            .documents_of(EntityKind::Page)
            .map(|d| Link {
                name: name_of(d),
                href: format!("{root}{}", urls::entity_path(d.meta.kind(), &d.id)),
            })
            .collect();
        footer_pages.push(Link {
            name: "Glossary".into(),
            href: format!("{root}{}", urls::GLOSSARY),
        });
        Common {
            canonical: config
                .base_url
                .as_ref()
                .map(|base| format!("{}/{path}", base.trim_end_matches('/'))),
            root,
            path: path.to_string(),
            site_title: &config.title,
            site_description: &config.description,
            description: description.unwrap_or_else(|| config.description.clone()),
            title,
            nav,
            breadcrumbs,
            footer_pages,
            status_as_of: config.status_as_of.into(),
            print_edition: self.print_edition,
        }
    }

    fn crumbs(&self, root: &str, trail: &[(&str, String)]) -> Vec<Link> {
        let mut crumbs = vec![Link {
            name: "Home".into(),
            href: self.href(root, urls::HOME),
        }];
        crumbs.extend(trail.iter().map(|(name, path)| Link {
            name: name.to_string(),
            href: self.href(root, path),
        }));
        crumbs
    }

    fn finish(
        &self,
        template: &str,
        path: String,
        common: Common,
        page: impl Serialize,
    ) -> Result<OutputFile, Diagnostic> {
        let mut context = Context::new();
        context.insert("common", &common);
        context.insert("page", &page);
        let html = self.tera.render(template, &context).map_err(|error| {
            templates::template_diagnostic(&format!("templates/{template}"), &error)
        })?;
        Ok(OutputFile {
            path,
            contents: html.into_bytes().into(),
        })
    }

    /// Renders `specs` in parallel; every failure is reported.
    fn pages(&self, specs: &[PageSpec]) -> Result<Vec<OutputFile>, Diagnostics> {
        let results: Vec<Result<OutputFile, Diagnostic>> =
            specs.par_iter().map(|spec| self.page(*spec)).collect();
        let mut diagnostics = Diagnostics::new();
        let mut files = Vec::with_capacity(results.len() + 4);
        for result in results {
            match result {
                Ok(file) => files.push(file),
                Err(diagnostic) => diagnostics.push(diagnostic),
            }
        }
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        Ok(files)
    }

    fn page(&self, spec: PageSpec) -> Result<OutputFile, Diagnostic> {
        match spec {
            PageSpec::Home => self.home(),
            PageSpec::Section(kind) => self.section(kind),
            PageSpec::Entity(index) => self.entity(index),
            PageSpec::Timeline => self.timeline(),
            PageSpec::TimelineYear(year) => self.timeline_year(year),
            PageSpec::Sources => self.sources_page(),
            PageSpec::Glossary => self.glossary_page(),
            PageSpec::NotFound => self.not_found(),
            PageSpec::Search => self.search_page(),
            PageSpec::Map => self.map_page(),
            PageSpec::Export(export) => self.export(export),
        }
    }

    /// An event as shown on a page, its citations numbered in `state`.
    fn event_view(&self, index: usize, root: &str, state: &mut PageState) -> EventView {
        self.event_view_with(index, root, Some(state))
    }

    /// An event as shown on a page; without `state`, its title, date and link
    /// only (no summary, no citations), for a list that leads to its text.
    fn event_view_with(
        &self,
        index: usize,
        root: &str,
        state: Option<&mut PageState>,
    ) -> EventView {
        let event = &self.site.events[index];
        let record = &event.entry.record;
        let (summary_html, sources) = match state {
            Some(state) => {
                let summary_html = self.markdown().render_inline(&record.summary, root, state);
                let mut sources: Vec<Citation> = record
                    .sources
                    .iter()
                    .map(|id| Citation {
                        number: state.number(id),
                        id: id.clone(),
                        title: self.links.get(id).map_or(id.clone(), |l| l.name.clone()),
                    })
                    .collect();
                sources.sort_unstable_by_key(|c| c.number);
                sources.dedup_by_key(|c| c.number);
                (summary_html, sources)
            }
            None => (String::new(), Vec::new()),
        };
        EventView {
            anchor: event.anchor.clone(),
            href: self.href(root, &self.event_path(event)),
            date: record.date.into(),
            year: record.date.year,
            title: record.title.clone(),
            kind: record.kind,
            kind_label: record.kind.label().to_string(),
            summary_html,
            note: record.note.clone(),
            differs_from_record: record.differs_from_record.clone(),
            entities: event.names.iter().map(|id| self.link(id, root)).collect(),
            sources,
        }
    }

    /// The numbered source list of a page: cited sources in citation order, then the
    /// page's other listed sources.
    fn source_list(&self, state: &mut PageState, listed: &[String], root: &str) -> Vec<SourceView> {
        for id in listed {
            state.number(id);
        }
        state
            .cited
            .iter()
            .enumerate()
            .filter_map(|(index, id)| self.source_view(id, index + 1, root, Vec::new()))
            .collect()
    }

    fn source_view(
        &self,
        id: &str,
        number: usize,
        root: &str,
        mut cited_by: Vec<Link>,
    ) -> Option<SourceView> {
        let Some(Named::Source(index)) = self.site.named.get(id) else {
            return None;
        };
        let source = &self.site.sources[*index];
        Some(SourceView {
            number,
            id: source.id.clone(),
            title: source.title.clone(),
            publisher: source.publisher.clone(),
            author: source.author.clone(),
            date: source.date.clone(),
            url: source.url.clone(),
            note: source.note.clone(),
            href: self.href(root, &urls::source(&source.id)),
            cited_by_count: cited_by.len(),
            cited_by: {
                cited_by.truncate(scale::CITED_BY_LISTED);
                cited_by
            },
        })
    }

    fn events_for(&self, id: &str, root: &str, state: &mut PageState) -> Vec<EventView> {
        self.site
            .events_by_entity
            .get(id)
            .map(|indices| {
                indices
                    .iter()
                    .map(|i| match self.edition {
                        Edition::Web => self.event_view(*i, root, state),
                        // The print edition names an entity's events and links to
                        // them in its timeline, where their text is.
                        Edition::Print => self.event_view_with(*i, root, None),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn backlinks_for(&self, id: &str, root: &str) -> Vec<Link> {
        let mut links: Vec<Link> = self
            .site
            .backlinks
            .get(id)
            .map(|ids| {
                ids.iter()
                    .map(|from| {
                        if from == "index" {
                            Link {
                                name: "Home".into(),
                                href: self.href(root, urls::HOME),
                            }
                        } else {
                            self.link(from, root)
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        links.sort();
        links
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(count: usize) -> Vec<OutputFile> {
        (0..count)
            .map(|i| OutputFile {
                path: format!("partners/p{i}.html"),
                contents: Vec::new().into(),
            })
            .chain([OutputFile {
                path: urls::NOT_FOUND.into(),
                contents: Vec::new().into(),
            }])
            .collect()
    }

    #[test]
    fn a_sitemap_past_its_limit_becomes_an_index_of_parts() {
        let small = sitemaps("https://x.org/r/", &pages(3), 3);
        assert_eq!(small.len(), 1);
        let text = String::from_utf8_lossy(&small[0].contents).into_owned();
        assert_eq!(text.matches("<url>").count(), 3, "{text}");
        assert!(!text.contains("404"), "{text}");
        assert!(text.contains("<loc>https://x.org/r/partners/p0.html</loc>"));

        let split = sitemaps("https://x.org/r", &pages(7), 3);
        let paths: Vec<&str> = split.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "sitemap.xml"
            ]
        );
        let index = String::from_utf8_lossy(&split[3].contents).into_owned();
        assert!(index.contains("<sitemapindex"), "{index}");
        assert!(index.contains("<loc>https://x.org/r/sitemap-3.xml</loc>"));
        let urls: usize = split[..3]
            .iter()
            .map(|f| {
                String::from_utf8_lossy(&f.contents)
                    .matches("<url>")
                    .count()
            })
            .sum();
        assert_eq!(urls, 7);
    }

    #[test]
    fn robots_points_at_the_sitemap_only_when_there_is_one() {
        let with = robots(Some("https://x.org/r/"));
        assert_eq!(
            String::from_utf8_lossy(&with.contents),
            "User-agent: *\nAllow: /\n\nSitemap: https://x.org/r/sitemap.xml\n"
        );
        let without = robots(None);
        assert!(!String::from_utf8_lossy(&without.contents).contains("Sitemap"));
    }
}
