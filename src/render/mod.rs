//! Stage three: Markdown to HTML, then Tera templates, one context builder per page
//! kind. Produces every output file in memory; nothing is written here.

pub mod templates;
pub mod urls;
pub mod views;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{Highlighter, LinkInfo, PageState, Renderer};
use crate::model::{EntityKind, Meta, Status};
use crate::resolve::{Citer, Named, Site, name_of, years_of};
use views::*;

/// Section anchors every entity page has, so `[text](@id#events)` can target them.
pub use crate::markdown::SECTION_IDS as PAGE_SECTIONS;

/// One file of the output: its path relative to the output folder, and its bytes.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub contents: Vec<u8>,
}

/// Which page to render.
#[derive(Debug, Clone, Copy)]
enum PageSpec {
    Home,
    Section(EntityKind),
    Entity(usize),
    Timeline,
    Sources,
    Glossary,
    NotFound,
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
    specs.extend((0..site.documents.len()).map(PageSpec::Entity));

    let results: Vec<Result<OutputFile, Diagnostic>> =
        specs.par_iter().map(|spec| context.page(*spec)).collect();
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
    files.push(OutputFile {
        path: "highlight.css".into(),
        contents: highlight_css().into_bytes(),
    });
    if let Some(base) = &site.config.base_url {
        files.push(sitemap(base, &files));
    }
    files.push(OutputFile {
        path: ".nojekyll".into(),
        contents: Vec::new(),
    });
    Ok(files)
}

/// Light and dark highlighting styles for the classes the Markdown renderer emits.
fn highlight_css() -> String {
    let themes = syntect::highlighting::ThemeSet::load_defaults();
    let style = crate::markdown::HIGHLIGHT_CLASS_STYLE;
    let css = |name: &str| {
        themes
            .themes
            .get(name)
            .and_then(|theme| syntect::html::css_for_theme_with_class_style(theme, style).ok())
            .unwrap_or_default()
    };
    format!(
        "{}\n@media (prefers-color-scheme: dark) {{\n{}\n}}\n",
        css("InspiredGitHub"),
        css("base16-ocean.dark")
    )
}

/// `sitemap.xml`, written only when the site has a base URL.
fn sitemap(base: &str, files: &[OutputFile]) -> OutputFile {
    let base = base.trim_end_matches('/');
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for file in files
        .iter()
        .filter(|f| f.path.ends_with(".html") && f.path != urls::NOT_FOUND)
    {
        xml.push_str(&format!(
            "  <url><loc>{}/{}</loc></url>\n",
            crate::markdown::escape(base),
            crate::markdown::escape(&file.path)
        ));
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path: "sitemap.xml".into(),
        contents: xml.into_bytes(),
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
}

struct SiteRenderer<'a> {
    site: &'a Site,
    tera: &'a Tera,
    highlighter: &'a Highlighter,
    links: HashMap<String, LinkInfo>,
    glossary: HashMap<String, String>,
    colours: HashMap<String, usize>,
}

/// Colour-blind-safe slots (Okabe–Ito) available to frameworks.
const COLOUR_SLOTS: usize = 8;
/// How many related partners a partner page lists.
const RELATED_LIMIT: usize = 40;
/// The slot of bilateral bodies, styled in grey.
const NEUTRAL_SLOT: usize = COLOUR_SLOTS;

impl<'a> SiteRenderer<'a> {
    fn new(site: &'a Site, tera: &'a Tera, highlighter: &'a Highlighter) -> Self {
        let mut links = HashMap::new();
        for document in &site.documents {
            links.insert(
                document.id.clone(),
                LinkInfo {
                    name: name_of(document),
                    path: urls::entity_path(document.meta.kind(), &document.id),
                    is_source: false,
                },
            );
        }
        for source in &site.sources {
            links.insert(
                source.id.clone(),
                LinkInfo {
                    name: source.title.clone(),
                    path: urls::source(&source.id),
                    is_source: true,
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
            site,
            tera,
            highlighter,
            links,
            glossary,
            colours,
        }
    }

    fn markdown(&self) -> Renderer<'_> {
        Renderer {
            links: &self.links,
            glossary: &self.glossary,
            highlighter: self.highlighter,
        }
    }

    fn link(&self, id: &str, root: &str) -> Link {
        match self.links.get(id) {
            Some(info) => Link {
                name: info.name.clone(),
                href: format!("{root}{}", info.path),
            },
            None => Link {
                name: id.to_string(),
                href: format!("{root}{}", urls::NOT_FOUND),
            },
        }
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
        let nav_items: [(&str, String); 7] = [
            ("Home", urls::HOME.to_string()),
            ("Partners", urls::section_path(EntityKind::Partner)),
            ("Frameworks", urls::section_path(EntityKind::Framework)),
            ("Programmes", urls::section_path(EntityKind::Programme)),
            ("Operations", urls::section_path(EntityKind::Operation)),
            ("Timeline", urls::TIMELINE.to_string()),
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
            .map(|d| self.link(&d.id, &root))
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
        }
    }

    fn crumbs(&self, root: &str, trail: &[(&str, String)]) -> Vec<Link> {
        let mut crumbs = vec![Link {
            name: "Home".into(),
            href: format!("{root}{}", urls::HOME),
        }];
        crumbs.extend(trail.iter().map(|(name, path)| Link {
            name: name.to_string(),
            href: format!("{root}{path}"),
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
            contents: html.into_bytes(),
        })
    }

    fn page(&self, spec: PageSpec) -> Result<OutputFile, Diagnostic> {
        match spec {
            PageSpec::Home => self.home(),
            PageSpec::Section(kind) => self.section(kind),
            PageSpec::Entity(index) => self.entity(index),
            PageSpec::Timeline => self.timeline(),
            PageSpec::Sources => self.sources_page(),
            PageSpec::Glossary => self.glossary_page(),
            PageSpec::NotFound => self.not_found(),
        }
    }

    /// An event as shown on a page, its citations numbered in `state`.
    fn event_view(&self, index: usize, root: &str, state: &mut PageState) -> EventView {
        let event = &self.site.events[index];
        let record = &event.entry.record;
        let markdown = self.markdown();
        let summary_html = markdown.render_inline(&record.summary, root, state);
        let sources = record
            .sources
            .iter()
            .map(|id| Citation {
                number: state_number(state, id),
                id: id.clone(),
                title: self.links.get(id).map_or(id.clone(), |l| l.name.clone()),
            })
            .collect();
        EventView {
            anchor: event.anchor.clone(),
            href: format!("{root}{}", urls::timeline_event(&event.anchor)),
            date: record.date.into(),
            year: record.date.year,
            title: record.title.clone(),
            kind: format!("{:?}", record.kind).to_lowercase(),
            kind_label: record.kind.label().to_string(),
            summary_html,
            note: record.note.clone(),
            entities: event.names.iter().map(|id| self.link(id, root)).collect(),
            sources,
        }
    }

    /// The numbered source list of a page: cited sources in citation order, then the
    /// page's other listed sources.
    fn source_list(&self, state: &mut PageState, listed: &[String], root: &str) -> Vec<SourceView> {
        for id in listed {
            state_number(state, id);
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
        cited_by: Vec<Link>,
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
            href: format!("{root}{}", urls::source(&source.id)),
            cited_by,
        })
    }

    fn events_for(&self, id: &str, root: &str, state: &mut PageState) -> Vec<EventView> {
        self.site
            .events_by_entity
            .get(id)
            .map(|indices| {
                indices
                    .iter()
                    .map(|i| self.event_view(*i, root, state))
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
                                href: format!("{root}{}", urls::HOME),
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

    fn home(&self) -> Result<OutputFile, Diagnostic> {
        let path = urls::HOME.to_string();
        let root = "";
        let site = self.site;
        let mut state = PageState::default();
        let (body, title) = match &site.home {
            Some(home) => {
                let title = match &home.meta {
                    Meta::Page(p) => p.title.clone(),
                    _ => None,
                };
                (self.markdown().render(&home.body, root, &mut state), title)
            }
            None => (String::new(), None),
        };
        let count = |kind| site.documents_of(kind).count();
        let counts = vec![
            Count {
                label: "partners".into(),
                value: count(EntityKind::Partner),
                href: urls::section_path(EntityKind::Partner),
            },
            Count {
                label: "frameworks".into(),
                value: count(EntityKind::Framework),
                href: urls::section_path(EntityKind::Framework),
            },
            Count {
                label: "programmes".into(),
                value: count(EntityKind::Programme),
                href: urls::section_path(EntityKind::Programme),
            },
            Count {
                label: "operations".into(),
                value: count(EntityKind::Operation),
                href: urls::section_path(EntityKind::Operation),
            },
            Count {
                label: "events".into(),
                value: site.events.len(),
                href: urls::TIMELINE.into(),
            },
        ];
        let frameworks = self.cards(EntityKind::Framework, root);
        let range = site.config.timeline;
        let decades: Vec<Link> = (range.start..=range.end)
            .filter(|year| year % 10 == 0 || *year == range.start)
            .map(|year| Link {
                name: format!("{year}"),
                href: format!("{}#{}", urls::TIMELINE, urls::year_anchor(year)),
            })
            .collect();
        let sources = self.source_list(&mut state, &[], root);
        #[derive(Serialize)]
        struct Home {
            body: String,
            counts: Vec<Count>,
            frameworks: Vec<Card>,
            decades: Vec<Link>,
            sources: Vec<SourceView>,
            timeline: (u16, u16),
        }
        let common = self.common(
            &path,
            title.unwrap_or_else(|| site.config.title.clone()),
            None,
            Vec::new(),
        );
        self.finish(
            "index.html",
            path,
            common,
            Home {
                body,
                counts,
                frameworks,
                decades,
                sources,
                timeline: (range.start, range.end),
            },
        )
    }

    /// Cards for the index of a kind, in the site's order.
    fn cards(&self, kind: EntityKind, root: &str) -> Vec<Card> {
        let site = self.site;
        site.documents_of(kind)
            .map(|document| {
                let id = &document.id;
                let href = format!("{root}{}", urls::entity_path(kind, id));
                let span =
                    |from: Option<crate::date::Date>, until: Option<crate::date::Date>| match (
                        from, until,
                    ) {
                        (Some(f), Some(u)) => Some(format!("{}–{}", f.text(), u.text())),
                        (Some(f), None) => Some(format!("since {}", f.text())),
                        (None, Some(u)) => Some(format!("until {}", u.text())),
                        (None, None) => None,
                    };
                let (acronym, summary, dates, count, colour) = match &document.meta {
                    Meta::Framework(f) => (
                        f.acronym.clone(),
                        f.summary.clone(),
                        span(f.launched, f.ended),
                        site.members_by_framework.get(id).map_or(0, Vec::len),
                        self.colours.get(id).copied(),
                    ),
                    Meta::Programme(p) => (
                        p.acronym.clone(),
                        p.summary.clone(),
                        span(p.launched, p.ended),
                        site.participants_by_programme.get(id).map_or(0, Vec::len),
                        None,
                    ),
                    Meta::Operation(o) => (
                        o.acronym.clone(),
                        o.summary.clone(),
                        span(o.from, o.until),
                        site.contributors_by_operation.get(id).map_or(0, Vec::len),
                        None,
                    ),
                    Meta::Partner(p) => (
                        None,
                        p.summary.clone(),
                        years_of(&p.memberships),
                        p.memberships.len(),
                        None,
                    ),
                    Meta::Page(p) => (None, p.summary.clone(), None, 0, None),
                };
                Card {
                    name: name_of(document),
                    acronym,
                    href,
                    summary,
                    dates,
                    count,
                    colour,
                }
            })
            .collect()
    }

    fn section(&self, kind: EntityKind) -> Result<OutputFile, Diagnostic> {
        let path = urls::section_path(kind);
        let root = urls::root_of(&path);
        let title = match kind {
            EntityKind::Partner => "Partners",
            EntityKind::Framework => "Frameworks, councils and commissions",
            EntityKind::Programme => "Programmes and tools",
            EntityKind::Operation => "Operations and missions",
            EntityKind::Page => "Pages",
        };
        let crumbs = self.crumbs(&root, &[]);
        let common = self.common(&path, title.to_string(), None, crumbs);
        if kind == EntityKind::Partner {
            return self.partners_index(path, common, &root);
        }
        #[derive(Serialize)]
        struct Section {
            kind: &'static str,
            cards: Vec<Card>,
            count_one: &'static str,
            count_many: &'static str,
        }
        let (count_one, count_many) = match kind {
            EntityKind::Framework => ("member", "members"),
            EntityKind::Programme => ("participant", "participants"),
            _ => ("partner involved", "partners involved"),
        };
        let cards = self.cards(kind, &root);
        self.finish(
            "section.html",
            path,
            common,
            Section {
                kind: kind.singular(),
                cards,
                count_one,
                count_many,
            },
        )
    }

    fn partners_index(
        &self,
        path: String,
        common: Common,
        root: &str,
    ) -> Result<OutputFile, Diagnostic> {
        let site = self.site;
        let item = |id: &str, years: Option<String>, note: Option<String>| {
            let link = self.link(id, root);
            GroupItem {
                name: link.name,
                href: link.href,
                years,
                note,
            }
        };
        let fmt_span =
            |from: Option<crate::date::Date>, until: Option<crate::date::Date>| match (from, until)
            {
                (Some(f), Some(u)) => Some(format!("{}–{}", f.year, u.year)),
                (Some(f), None) => Some(format!("{}–", f.year)),
                (None, Some(u)) => Some(format!("until {}", u.year)),
                (None, None) => None,
            };
        let mut by_framework = Vec::new();
        for framework in site.documents_of(EntityKind::Framework) {
            let members = site.members_by_framework.get(&framework.id);
            let items = members
                .map(|list| {
                    list.iter()
                        .map(|m| {
                            item(
                                &m.partner,
                                fmt_span(m.membership.from, m.membership.until),
                                m.membership.role.clone(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            by_framework.push(Group {
                title: name_of(framework),
                anchor: format!("framework-{}", framework.id),
                badge: Some(self.badge(&framework.id, root)),
                items,
            });
        }
        let without: Vec<GroupItem> = site
            .documents_of(EntityKind::Partner)
            .filter(|d| matches!(&d.meta, Meta::Partner(p) if p.memberships.is_empty()))
            .map(|d| item(&d.id, None, None))
            .collect();
        if !without.is_empty() {
            by_framework.push(Group {
                title: "Outside the partnership frameworks".into(),
                anchor: "framework-none".into(),
                badge: None,
                items: without,
            });
        }
        let partner_years = |id: &str| site.partner(id).and_then(|p| years_of(&p.memberships));
        let by_region: Vec<Group> = crate::resolve::partners_by_region(site)
            .into_iter()
            .map(|(region, ids)| Group {
                anchor: format!("region-{}", crate::markdown::slugify(&region)),
                title: region,
                badge: None,
                items: ids
                    .iter()
                    .map(|id| item(id, partner_years(id), None))
                    .collect(),
            })
            .collect();
        let mut statuses: BTreeMap<Status, Vec<GroupItem>> = BTreeMap::new();
        for document in site.documents_of(EntityKind::Partner) {
            if let Meta::Partner(p) = &document.meta {
                let note = p
                    .nato_member
                    .map(|d| format!("NATO member since {}", d.text()));
                statuses.entry(p.status).or_default().push(item(
                    &document.id,
                    partner_years(&document.id),
                    note,
                ));
            }
        }
        let by_status: Vec<Group> = Status::ALL
            .iter()
            .filter_map(|status| {
                statuses.remove(status).map(|items| Group {
                    title: status.label().to_string(),
                    anchor: format!("status-{}", format!("{status:?}").to_lowercase()),
                    badge: None,
                    items,
                })
            })
            .collect();
        #[derive(Serialize)]
        struct PartnersIndex {
            count: usize,
            by_framework: Vec<Group>,
            by_region: Vec<Group>,
            by_status: Vec<Group>,
        }
        let count = site.documents_of(EntityKind::Partner).count();
        self.finish(
            "partners.html",
            path,
            common,
            PartnersIndex {
                count,
                by_framework,
                by_region,
                by_status,
            },
        )
    }

    fn entity(&self, index: usize) -> Result<OutputFile, Diagnostic> {
        let site = self.site;
        let document = &site.documents[index];
        let kind = document.meta.kind();
        let id = &document.id;
        let path = urls::entity_path(kind, id);
        let root = urls::root_of(&path);
        let name = name_of(document);
        let mut state = PageState::default();
        let body = self.markdown().render(&document.body, &root, &mut state);
        let events = self.events_for(id, &root, &mut state);
        let backlinks = self.backlinks_for(id, &root);
        let trail: Vec<(&str, String)> = match kind {
            EntityKind::Page => vec![],
            EntityKind::Partner => vec![("Partners", urls::section_path(kind))],
            EntityKind::Framework => vec![("Frameworks", urls::section_path(kind))],
            EntityKind::Programme => vec![("Programmes", urls::section_path(kind))],
            EntityKind::Operation => vec![("Operations", urls::section_path(kind))],
        };
        let crumbs = self.crumbs(&root, &trail);
        let summary = match &document.meta {
            Meta::Partner(m) => m.summary.clone(),
            Meta::Framework(m) => m.summary.clone(),
            Meta::Programme(m) => m.summary.clone(),
            Meta::Operation(m) => m.summary.clone(),
            Meta::Page(m) => m.summary.clone(),
        };
        let common = self.common(&path, name.clone(), summary.clone(), crumbs);

        #[derive(Serialize)]
        struct EntityPage<T: Serialize> {
            id: String,
            name: String,
            summary: Option<String>,
            body: String,
            events: Vec<EventView>,
            backlinks: Vec<Link>,
            sources: Vec<SourceView>,
            details: T,
        }
        macro_rules! finish {
            ($template:expr, $details:expr) => {{
                let details = $details;
                let sources = self.source_list(&mut state, document.meta.sources(), &root);
                self.finish(
                    $template,
                    path,
                    common,
                    EntityPage {
                        id: id.clone(),
                        name,
                        summary,
                        body,
                        events,
                        backlinks,
                        sources,
                        details,
                    },
                )
            }};
        }
        match &document.meta {
            Meta::Partner(partner) => {
                finish!("partner.html", self.partner_details(id, partner, &root))
            }
            Meta::Framework(framework) => finish!(
                "framework.html",
                self.framework_details(id, framework, &root)
            ),
            Meta::Programme(programme) => finish!(
                "programme.html",
                self.programme_details(id, programme, &root)
            ),
            Meta::Operation(operation) => finish!(
                "operation.html",
                self.operation_details(id, operation, &root)
            ),
            Meta::Page(_) => finish!("page.html", ()),
        }
    }

    fn partner_details(
        &self,
        id: &str,
        partner: &crate::model::PartnerMeta,
        root: &str,
    ) -> impl Serialize + use<> {
        let site = self.site;
        let as_of = site.config.status_as_of;
        let me = self.link(id, root);
        let memberships: Vec<MembershipView> = partner
            .memberships
            .iter()
            .map(|m| MembershipView {
                framework: self.badge(&m.framework, root),
                partner: me.clone(),
                from: date_view(m.from),
                until: date_view(m.until),
                role: m.role.clone(),
                note: m.note.clone(),
                current: m.until.is_none_or(|u| !u.is_before(&as_of)),
            })
            .collect();
        let programmes: Vec<TakingPart> = partner
            .programmes
            .iter()
            .map(|p| TakingPart {
                entity: self.link(&p.id, root),
                partner: me.clone(),
                role: None,
                from: date_view(p.from),
                until: date_view(p.until),
                note: p.note.clone(),
            })
            .collect();
        let operations: Vec<TakingPart> = partner
            .operations
            .iter()
            .map(|o| TakingPart {
                entity: self.link(&o.id, root),
                partner: me.clone(),
                role: o.role.clone(),
                from: None,
                until: None,
                note: o.note.clone(),
            })
            .collect();
        // Partners sharing a framework, each once, with the frameworks shared;
        // closest first (most frameworks shared), then by name. The long tail is left
        // to the framework pages' member lists.
        let mut shared: HashMap<&str, Vec<&str>> = HashMap::new();
        for membership in &partner.memberships {
            for member in site
                .members_by_framework
                .get(&membership.framework)
                .into_iter()
                .flatten()
            {
                let frameworks = shared.entry(member.partner.as_str()).or_default();
                if member.partner != id && !frameworks.contains(&membership.framework.as_str()) {
                    frameworks.push(membership.framework.as_str());
                }
            }
        }
        shared.retain(|_, frameworks| !frameworks.is_empty());
        let related_total = shared.len();
        let mut closest: Vec<(&str, Vec<&str>, &str)> = shared
            .into_iter()
            .map(|(partner, frameworks)| {
                let name = self
                    .links
                    .get(partner)
                    .map_or(partner, |info| info.name.as_str());
                (partner, frameworks, name)
            })
            .collect();
        let nearest_first = |a: &(&str, Vec<&str>, &str), b: &(&str, Vec<&str>, &str)| {
            b.1.len().cmp(&a.1.len()).then_with(|| a.2.cmp(b.2))
        };
        if closest.len() > RELATED_LIMIT {
            closest.select_nth_unstable_by(RELATED_LIMIT, nearest_first);
            closest.truncate(RELATED_LIMIT);
        }
        closest.sort_unstable_by(nearest_first);
        let related: Vec<(Link, Vec<Badge>)> = closest
            .into_iter()
            .map(|(partner, frameworks, _)| {
                let badges = frameworks.iter().map(|f| self.badge(f, root)).collect();
                (self.link(partner, root), badges)
            })
            .collect();
        #[derive(Serialize)]
        struct Related {
            partner: Link,
            shared: Vec<Badge>,
        }
        #[derive(Serialize)]
        struct PartnerDetails {
            kind: String,
            region: String,
            region_href: String,
            iso: Option<String>,
            status: String,
            status_label: String,
            memberships: Vec<MembershipView>,
            nato_invited: Option<DateView>,
            nato_member: Option<DateView>,
            programmes: Vec<TakingPart>,
            operations: Vec<TakingPart>,
            related: Vec<Related>,
            related_total: usize,
        }
        PartnerDetails {
            kind: format!("{:?}", partner.kind).to_lowercase(),
            region_href: format!(
                "{root}{}#region-{}",
                urls::section_path(EntityKind::Partner),
                crate::markdown::slugify(&partner.region)
            ),
            region: partner.region.clone(),
            iso: partner.iso.clone(),
            status: format!("{:?}", partner.status).to_lowercase(),
            status_label: partner.status.label().to_string(),
            memberships,
            nato_invited: date_view(partner.nato_invited),
            nato_member: date_view(partner.nato_member),
            programmes,
            operations,
            related: related
                .into_iter()
                .map(|(partner, shared)| Related { partner, shared })
                .collect(),
            related_total,
        }
    }

    fn framework_details(
        &self,
        id: &str,
        framework: &crate::model::FrameworkMeta,
        root: &str,
    ) -> impl Serialize + use<> {
        let site = self.site;
        let as_of = site.config.status_as_of;
        let members: Vec<MembershipView> = site
            .members_by_framework
            .get(id)
            .into_iter()
            .flatten()
            .map(|m| MembershipView {
                framework: self.badge(id, root),
                partner: self.link(&m.partner, root),
                from: date_view(m.membership.from),
                until: date_view(m.membership.until),
                role: m.membership.role.clone(),
                note: m.membership.note.clone(),
                current: m.membership.until.is_none_or(|u| !u.is_before(&as_of)),
            })
            .collect();
        let replaces: Vec<Link> = site
            .documents_of(EntityKind::Framework)
            .filter(
                |d| matches!(&d.meta, Meta::Framework(f) if f.replaced_by.as_deref() == Some(id)),
            )
            .map(|d| self.link(&d.id, root))
            .collect();
        let programmes: Vec<Link> = site
            .documents_of(EntityKind::Programme)
            .filter(
                |d| matches!(&d.meta, Meta::Programme(p) if p.frameworks.iter().any(|f| f == id)),
            )
            .map(|d| self.link(&d.id, root))
            .collect();
        #[derive(Serialize)]
        struct FrameworkDetails {
            badge: Badge,
            acronym: Option<String>,
            kind: Option<String>,
            launched: Option<DateView>,
            launched_at: Option<String>,
            ended: Option<DateView>,
            replaced_by: Option<Link>,
            replaces: Vec<Link>,
            programmes: Vec<Link>,
            current_count: usize,
            members: Vec<MembershipView>,
        }
        FrameworkDetails {
            badge: self.badge(id, root),
            acronym: framework.acronym.clone(),
            kind: framework.kind.clone(),
            launched: date_view(framework.launched),
            launched_at: framework.launched_at.clone(),
            ended: date_view(framework.ended),
            replaced_by: framework.replaced_by.as_ref().map(|r| self.link(r, root)),
            replaces,
            programmes,
            current_count: members.iter().filter(|m| m.current).count(),
            members,
        }
    }

    fn programme_details(
        &self,
        id: &str,
        programme: &crate::model::ProgrammeMeta,
        root: &str,
    ) -> impl Serialize + use<> {
        let site = self.site;
        let participants: Vec<TakingPart> = site
            .participants_by_programme
            .get(id)
            .into_iter()
            .flatten()
            .map(|p| TakingPart {
                entity: self.link(id, root),
                partner: self.link(&p.partner, root),
                role: None,
                from: date_view(p.usage.from),
                until: date_view(p.usage.until),
                note: p.usage.note.clone(),
            })
            .collect();
        let replaces: Vec<Link> = site
            .documents_of(EntityKind::Programme)
            .filter(
                |d| matches!(&d.meta, Meta::Programme(p) if p.replaced_by.as_deref() == Some(id)),
            )
            .map(|d| self.link(&d.id, root))
            .collect();
        #[derive(Serialize)]
        struct ProgrammeDetails {
            acronym: Option<String>,
            launched: Option<DateView>,
            launched_at: Option<String>,
            ended: Option<DateView>,
            replaced_by: Option<Link>,
            replaces: Vec<Link>,
            frameworks: Vec<Badge>,
            open_to: Option<String>,
            participants: Vec<TakingPart>,
        }
        ProgrammeDetails {
            acronym: programme.acronym.clone(),
            launched: date_view(programme.launched),
            launched_at: programme.launched_at.clone(),
            ended: date_view(programme.ended),
            replaced_by: programme.replaced_by.as_ref().map(|r| self.link(r, root)),
            replaces,
            frameworks: programme
                .frameworks
                .iter()
                .map(|f| self.badge(f, root))
                .collect(),
            open_to: programme.open_to.clone(),
            participants,
        }
    }

    fn operation_details(
        &self,
        id: &str,
        operation: &crate::model::OperationMeta,
        root: &str,
    ) -> impl Serialize + use<> {
        let contributors: Vec<TakingPart> = self
            .site
            .contributors_by_operation
            .get(id)
            .into_iter()
            .flatten()
            .map(|c| TakingPart {
                entity: self.link(id, root),
                partner: self.link(&c.partner, root),
                role: c.part.role.clone(),
                from: None,
                until: None,
                note: c.part.note.clone(),
            })
            .collect();
        #[derive(Serialize)]
        struct OperationDetails {
            acronym: Option<String>,
            from: Option<DateView>,
            until: Option<DateView>,
            theatre: Option<String>,
            contributors: Vec<TakingPart>,
        }
        OperationDetails {
            acronym: operation.acronym.clone(),
            from: date_view(operation.from),
            until: date_view(operation.until),
            theatre: operation.theatre.clone(),
            contributors,
        }
    }

    fn timeline(&self) -> Result<OutputFile, Diagnostic> {
        let path = urls::TIMELINE.to_string();
        let root = "";
        let mut state = PageState::default();
        let range = self.site.config.timeline;
        let mut years: Vec<YearView> = (range.start..=range.end)
            .map(|year| YearView {
                year,
                anchor: urls::year_anchor(year),
                events: Vec::new(),
            })
            .collect();
        for index in 0..self.site.events.len() {
            let view = self.event_view(index, root, &mut state);
            if let Some(year) = years.iter_mut().find(|y| y.year == view.year) {
                year.events.push(view);
            }
        }
        let sources = self.source_list(&mut state, &[], root);
        #[derive(Serialize)]
        struct Timeline {
            start: u16,
            end: u16,
            count: usize,
            years: Vec<YearView>,
            sources: Vec<SourceView>,
        }
        let title = format!("Timeline {}–{}", range.start, range.end);
        let crumbs = self.crumbs(root, &[]);
        let common = self.common(&path, title, None, crumbs);
        let count = self.site.events.len();
        self.finish(
            "timeline.html",
            path,
            common,
            Timeline {
                start: range.start,
                end: range.end,
                count,
                years,
                sources,
            },
        )
    }

    fn sources_page(&self) -> Result<OutputFile, Diagnostic> {
        let path = urls::SOURCES.to_string();
        let root = "";
        let site = self.site;
        let sources: Vec<SourceView> = site
            .sources
            .iter()
            .enumerate()
            .filter_map(|(index, source)| {
                let cited_by = site
                    .citers
                    .get(&source.id)
                    .map(|citers| {
                        citers
                            .iter()
                            .map(|citer| match citer {
                                Citer::Document(doc) if doc == "index" => Link {
                                    name: "Home".into(),
                                    href: urls::HOME.into(),
                                },
                                Citer::Document(doc) => self.link(doc, root),
                                Citer::Event(i) => {
                                    let event = &site.events[*i];
                                    Link {
                                        name: format!(
                                            "Timeline: {} ({})",
                                            event.entry.record.title,
                                            event.entry.record.date.text()
                                        ),
                                        href: urls::timeline_event(&event.anchor),
                                    }
                                }
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                self.source_view(&source.id, index + 1, root, cited_by)
            })
            .collect();
        #[derive(Serialize)]
        struct Sources {
            sources: Vec<SourceView>,
        }
        let crumbs = self.crumbs(root, &[]);
        let common = self.common(&path, "Sources".into(), None, crumbs);
        self.finish("sources.html", path, common, Sources { sources })
    }

    fn glossary_page(&self) -> Result<OutputFile, Diagnostic> {
        let path = urls::GLOSSARY.to_string();
        let root = "";
        let terms: Vec<GlossaryView> = self
            .site
            .glossary
            .iter()
            .map(|entry| GlossaryView {
                anchor: format!("term-{}", crate::markdown::slugify(&entry.term)),
                term: entry.term.clone(),
                expansion: entry.expansion.clone(),
                note: entry.note.clone(),
                link: entry.refers_to.as_ref().map(|id| self.link(id, root)),
            })
            .collect();
        #[derive(Serialize)]
        struct Glossary {
            terms: Vec<GlossaryView>,
        }
        let crumbs = self.crumbs(root, &[]);
        let common = self.common(&path, "Glossary".into(), None, crumbs);
        self.finish("glossary.html", path, common, Glossary { terms })
    }

    fn not_found(&self) -> Result<OutputFile, Diagnostic> {
        let path = urls::NOT_FOUND.to_string();
        let mut common = self.common(&path, "Page not found".into(), None, Vec::new());
        // A 404 page is served at any depth; with a base URL its links can be absolute.
        if let Some(base) = &self.site.config.base_url {
            common.root = format!("{}/", base.trim_end_matches('/'));
            for item in &mut common.nav {
                item.href = format!("{}{}", common.root, item.href);
            }
            for link in &mut common.footer_pages {
                link.href = format!("{}{}", common.root, link.href);
            }
        }
        self.finish("404.html", path, common, ())
    }
}

/// The citation number of a source on a page, giving it the next number if new.
fn state_number(state: &mut PageState, id: &str) -> usize {
    match state.cited.iter().position(|c| c == id) {
        Some(index) => index + 1,
        None => {
            state.cited.push(id.to_string());
            state.cited.len()
        }
    }
}
