//! Stage three: Markdown to HTML, then Tera templates, one context builder per page
//! kind. Each page is handed to a [`Sink`] as it is made (a build's writes it into
//! the staging folder) or kept in memory; nothing is written here.

mod chart;
mod cite;
mod data;
mod entities;
mod growth;
mod hosting;
mod indexes;
mod map;
mod parts;
mod print;
mod reference;
mod related;
pub mod scale;
mod search;
pub mod templates;
pub mod urls;
pub mod views;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::highlight::Highlighter;
use crate::markdown::{LinkInfo, Links, Renderer};
use crate::model::{EntityKind, Meta};
use crate::resolve::{Site, name_of};
use related::RelatedIndex;
use views::*;

pub use search::SearchTexts;

/// One file of the output: its path relative to the output folder, and its bytes.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    /// Shared, so that a rebuild can keep unchanged pages without copying them;
    /// made from a rendered page's `String` without a copy.
    pub contents: bytes::Bytes,
}

/// Takes files as they are rendered, so that a build need not hold every page until
/// the end (a build writes each into its staging folder at once).
pub trait Sink: Sync {
    /// Takes `file`, or hands it back to be kept with the rest of the render.
    fn take(&self, file: OutputFile) -> Option<OutputFile>;
}

/// What a render made: the files it kept in memory, and the paths of those a
/// [`Sink`] took.
#[derive(Debug, Default)]
pub struct Output {
    pub kept: Vec<OutputFile>,
    pub taken: Vec<String>,
}

impl Output {
    /// Every path the render made, kept or taken.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        let kept = self.kept.iter().map(|file| file.path.as_str());
        kept.chain(self.taken.iter().map(String::as_str))
    }

    /// Offers `files` to `sink` in parallel (a sink may compress and write each),
    /// and keeps, in their order, those it hands back or all if there is none.
    fn offer(&mut self, files: Vec<OutputFile>, sink: Option<&dyn Sink>) {
        let made: Vec<Made> = files
            .into_par_iter()
            .map(|file| offered(file, sink))
            .collect();
        for made in made {
            match made {
                Made::Kept(file) => self.kept.push(file),
                Made::Taken(path) => self.taken.push(path),
            }
        }
    }

    fn extend(&mut self, other: Output) {
        self.kept.extend(other.kept);
        self.taken.extend(other.taken);
    }
}

/// A file once offered to a sink.
enum Made {
    Kept(OutputFile),
    Taken(String),
}

fn offered(file: OutputFile, sink: Option<&dyn Sink>) -> Made {
    let Some(sink) = sink else {
        return Made::Kept(file);
    };
    let path = file.path.clone();
    match sink.take(file) {
        Some(file) => Made::Kept(file),
        None => Made::Taken(path),
    }
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
}

/// What a render does with the files made from the checked site by code alone,
/// through no template: the search index and the data downloads. Nothing in the
/// content can make them fail, so `check` need not make them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Derived {
    /// Make them, as a build does.
    Make,
    /// Only claim their paths (the search index's folder as a whole, see
    /// [`urls::GENERATED_FOLDERS`]), so that a file clashing with one is still
    /// reported.
    Claim,
}

/// Renders every page of the site, handing each to `sink` (when there is one) as it
/// is made. `texts`, when given, keeps the search entries' texts for a later
/// [`render_bodies`]; it is emptied first, since names may have changed.
pub fn render(
    site: &Site,
    tera: &Tera,
    highlighter: &Highlighter,
    sink: Option<&dyn Sink>,
    texts: Option<&SearchTexts>,
    derived: Derived,
) -> Result<Output, Diagnostics> {
    if let Some(texts) = texts {
        texts.forget();
    }
    let mut context = SiteRenderer::new(site, tera, highlighter);
    context.search_texts = texts;
    let mut exported = Output::default();
    if derived == Derived::Make {
        context.page_filing = Some(search::PageFiling::new(site.documents.len()));
        // The data downloads come first: the sources page lists the parts of those
        // split into parts. They are handed to the sink at once.
        let (files, links) = context.exports().map_err(|diagnostic| {
            let mut one = Diagnostics::new();
            one.push(diagnostic);
            one
        })?;
        context.downloads = Some(links);
        exported.offer(files, sink);
    }
    let mut specs = vec![
        PageSpec::Home,
        PageSpec::Timeline,
        PageSpec::Sources,
        PageSpec::Glossary,
        PageSpec::NotFound,
        PageSpec::Search,
        PageSpec::Map,
    ];
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
    // The pages of frameworks, programmes and operations list their members, and a
    // large site's timeline has a page per year of many events: after the indexes
    // these are the largest pages a site has. They go first, with the site-wide
    // pages, so that no thread is left alone with one of them at the end.
    if context.timeline_by_year() {
        let range = site.config.timeline;
        specs.extend((range.start..=range.end).map(PageSpec::TimelineYear));
    }
    let (partners, others): (Vec<usize>, Vec<usize>) = (0..site.documents.len())
        .partition(|index| site.documents[*index].meta.kind() == EntityKind::Partner);
    specs.extend(others.into_iter().map(PageSpec::Entity));
    specs.extend(partners.into_iter().map(PageSpec::Entity));

    let search = derived == Derived::Make;
    let mut output = with_search_and_print(&context, &specs, search, true, sink)?;
    output.extend(exported);
    if derived == Derived::Claim {
        let claimed = data::Export::ALL.map(data::Export::path);
        let claimed = claimed.into_iter().chain([urls::SEARCH_INDEX]);
        output.taken.extend(claimed.map(str::to_string));
    }
    output.kept.push(OutputFile {
        path: "highlight.css".into(),
        contents: crate::highlight::stylesheet().into_bytes().into(),
    });
    if let Some(base) = &site.config.base_url {
        let paths: Vec<&str> = output.paths().collect();
        let maps = hosting::sitemaps(base, &paths, hosting::SITEMAP_LIMIT);
        output.kept.extend(maps);
    }
    output
        .kept
        .push(hosting::robots(site.config.base_url.as_deref()));
    output.kept.push(OutputFile {
        path: ".nojekyll".into(),
        contents: Vec::new().into(),
    });
    Ok(output)
}

/// Renders only the pages of the documents at `changed` (indexes into
/// `site.documents`), the search index and, with `print`, the print edition: what
/// an edit to those documents' bodies can change when it leaves the rest of the
/// graph (front matter, links and citations between pages, lists, templates) as it
/// was. `texts` holds the search entries' texts of the build before, which only
/// the changed bodies need to make again.
pub fn render_bodies(
    site: &Site,
    tera: &Tera,
    highlighter: &Highlighter,
    changed: &[usize],
    print: bool,
    texts: Option<&SearchTexts>,
) -> Result<Vec<OutputFile>, Diagnostics> {
    if let Some(texts) = texts {
        texts.begin();
    }
    let mut context = SiteRenderer::new(site, tera, highlighter);
    context.search_texts = texts;
    context.page_filing = Some(search::PageFiling::new(site.documents.len()));
    let specs: Vec<PageSpec> = changed
        .iter()
        .map(|index| PageSpec::Entity(*index))
        .collect();
    // The search index and the print edition hold every body too.
    with_search_and_print(&context, &specs, true, print, None).map(|output| output.kept)
}

/// `print.html`, the whole reference in one page; none for a site too large for
/// one (see [`scale::print_edition`]).
pub fn print_edition(
    site: &Site,
    tera: &Tera,
    highlighter: &Highlighter,
) -> Result<Option<OutputFile>, Diagnostics> {
    scale::print_edition(site)
        .then(|| print::render(site, tera, highlighter))
        .transpose()
}

/// The pages of `specs`, (with `search`) the search index and (with `print`) the
/// print edition, rendered side by side and offered to `sink`; or every failure of
/// any.
fn with_search_and_print(
    context: &SiteRenderer,
    specs: &[PageSpec],
    search: bool,
    print: bool,
    sink: Option<&dyn Sink>,
) -> Result<Output, Diagnostics> {
    // The events' search entries are filed beside the pages; the index gathers
    // them and what the pages filed once the pages are made.
    let events = || search.then(|| context.file_events());
    let search_index = |events| match events {
        Some(events) => context.search_index(events),
        None => Ok(Vec::new()),
    };
    let ((pages, search), print) = rayon::join(
        || {
            let (pages, events) = rayon::join(|| context.pages(specs, sink), events);
            (pages, search_index(events))
        },
        || match print {
            true => print_edition(context.site, context.tera, context.highlighter),
            false => Ok(None),
        },
    );
    let search = search.map_err(|diagnostic| {
        let mut one = Diagnostics::new();
        one.push(diagnostic);
        one
    });
    let print = print.map(|file| file.into_iter().collect());
    let mut output = Output::default();
    let mut diagnostics = Diagnostics::new();
    match pages {
        Ok(pages) => output.extend(pages),
        Err(more) => diagnostics.extend(more),
    }
    for part in [search, print] {
        match part {
            Ok(files) => output.offer(files, sink),
            Err(more) => diagnostics.extend(more),
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(output)
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
    links: Links,
    glossary: crate::markdown::Glossary,
    colours: crate::FastMap<String, usize>,
    /// The acronyms of the frameworks that have one, by id.
    acronyms: crate::FastMap<String, String>,
    related: RelatedIndex<'a>,
    /// Each related partner's link from the folder of partner pages (whose root
    /// is `partner_root`), by its number in `related`, made when first shown.
    related_links: Vec<std::sync::OnceLock<tera::Value>>,
    partner_root: String,
    /// Whether the site has a print edition (see [`scale::print_edition`]).
    print_edition: bool,
    /// The footer's links (name, path from the site root), the same on every page.
    footer: Vec<(String, String)>,
    /// The search entries' texts kept across rebuilds, if any.
    search_texts: Option<&'a SearchTexts>,
    /// The search entries filed as pages render, when the search index is made.
    page_filing: Option<search::PageFiling<'a>>,
    /// How long the last page each template made was: the room the next one's
    /// output starts with, so that it is seldom copied as it grows.
    page_sizes: std::sync::Mutex<crate::FastMap<String, usize>>,
    /// The data downloads the sources page lists, once they are made (whole or in
    /// parts); until then it lists each download as one file.
    downloads: Option<Vec<views::Download>>,
}

/// The most pages one task of the parallel render holds.
const PAGES_PER_TASK: usize = 16;

/// The least room a page's output starts with.
const MIN_PAGE_ROOM: usize = 8 * 1024;

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
        let mut links = Links::default();
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
        let glossary = crate::markdown::Glossary::new(
            site.glossary
                .iter()
                .map(|entry| (entry.term.clone(), entry.expansion.clone())),
        );
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
        let mut colours = crate::FastMap::default();
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
        let acronyms = site
            .documents_of(EntityKind::Framework)
            .filter_map(|d| match &d.meta {
                Meta::Framework(f) => Some((d.id.clone(), f.acronym.clone()?)),
                _ => None,
            })
            .collect();
        let mut footer: Vec<(String, String)> = site
            .documents_of(EntityKind::Page)
            .map(|d| (name_of(d), urls::entity_path(d.meta.kind(), &d.id)))
            .collect();
        footer.push(("Glossary".into(), urls::GLOSSARY.into()));
        // The print edition has no related partners: its framework parts list them.
        let related = RelatedIndex::new(
            site,
            match edition {
                Edition::Web => entities::RELATED_LIMIT,
                Edition::Print => 0,
            },
        );
        Self {
            edition,
            footer,
            search_texts: None,
            page_filing: None,
            page_sizes: Default::default(),
            downloads: None,
            print_edition: scale::print_edition(site),
            site,
            tera,
            highlighter,
            links,
            glossary,
            colours,
            acronyms,
            related_links: (0..related.partners())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            // Partner pages sit beside their section's index.
            partner_root: urls::root_of(&urls::section_path(EntityKind::Partner)),
            related,
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
            Edition::Web => urls::from_root(root, path),
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
        let acronym = match self.acronyms.get(id) {
            Some(acronym) => acronym.clone(),
            None => link.name.clone(),
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
                href: urls::from_root(&root, &target),
            })
            .collect();
        let footer_pages = self
            .footer
            .iter()
            .map(|(name, target)| Link {
                name: name.clone(),
                href: urls::from_root(&root, target),
            })
            .collect();
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
        self.finish_value(
            template,
            path,
            common,
            tera::Value::from_serializable(&page),
        )
    }

    /// [`Self::finish`] with `page` made into a template value already.
    fn finish_value(
        &self,
        template: &str,
        path: String,
        common: Common,
        page: tera::Value,
    ) -> Result<OutputFile, Diagnostic> {
        let mut context = Context::new();
        context.insert("common", &common);
        context.insert_value("page", page);
        let guess = crate::lock(&self.page_sizes)
            .get(template)
            .copied()
            .unwrap_or(0);
        let mut html = Vec::with_capacity((guess + guess / 4).max(MIN_PAGE_ROOM));
        self.tera
            .render_to(template, &context, &mut html)
            .map_err(|error| {
                templates::template_diagnostic(&format!("templates/{template}"), &error)
            })?;
        let mut sizes = crate::lock(&self.page_sizes);
        match sizes.get_mut(template) {
            Some(size) => *size = html.len(),
            None => {
                sizes.insert(template.to_string(), html.len());
            }
        }
        drop(sizes);
        Ok(OutputFile {
            path,
            contents: html.into(),
        })
    }

    /// Renders `specs` in parallel, offering each page to `sink` as it is made;
    /// every failure is reported.
    fn pages(&self, specs: &[PageSpec], sink: Option<&dyn Sink>) -> Result<Output, Diagnostics> {
        let results: Vec<Result<Made, Diagnostic>> = specs
            .par_iter()
            // Small tasks, so that a thread with nothing left can take pages from
            // the other's share to the end.
            .with_max_len(PAGES_PER_TASK)
            .map(|spec| self.page(*spec).map(|file| offered(file, sink)))
            .collect();
        let mut diagnostics = Diagnostics::new();
        let mut output = Output::default();
        for result in results {
            match result {
                Ok(Made::Kept(file)) => output.kept.push(file),
                Ok(Made::Taken(path)) => output.taken.push(path),
                Err(diagnostic) => diagnostics.push(diagnostic),
            }
        }
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        Ok(output)
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
        }
    }
}
