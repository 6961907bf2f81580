//! Whole-site reference pages: the timeline, the sources, the glossary and 404.

use serde::Serialize;

use super::views::*;
use super::{OutputFile, SiteRenderer, urls};
use crate::diagnostics::Diagnostic;
use crate::markdown::PageState;
use crate::resolve::Citer;

impl SiteRenderer<'_> {
    pub(super) fn timeline(&self) -> Result<OutputFile, Diagnostic> {
        let path = urls::TIMELINE.to_string();
        let root = "";
        let mut state = PageState::default();
        let range = self.site.config.timeline;
        let years = self.timeline_years(root, &mut state);
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

    /// Every year of the timeline with its events, citations numbered in `state`.
    pub(super) fn timeline_years(&self, root: &str, state: &mut PageState) -> Vec<YearView> {
        let range = self.site.config.timeline;
        let mut years: Vec<YearView> = (range.start..=range.end)
            .map(|year| YearView {
                year,
                anchor: urls::year_anchor(year),
                events: Vec::new(),
            })
            .collect();
        for index in 0..self.site.events.len() {
            let view = self.event_view(index, root, state);
            if let Some(year) = years.iter_mut().find(|y| y.year == view.year) {
                year.events.push(view);
            }
        }
        years
    }

    /// The glossary's terms in the order of the glossary file.
    pub(super) fn glossary_terms(&self, root: &str) -> Vec<GlossaryView> {
        self.site
            .glossary
            .iter()
            .map(|entry| GlossaryView {
                anchor: format!("term-{}", crate::markdown::slugify(&entry.term)),
                term: entry.term.clone(),
                expansion: entry.expansion.clone(),
                note: entry.note.clone(),
                link: entry.refers_to.as_ref().map(|id| self.link(id, root)),
            })
            .collect()
    }

    pub(super) fn sources_page(&self) -> Result<OutputFile, Diagnostic> {
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
        struct Download {
            href: &'static str,
            description: &'static str,
        }
        #[derive(Serialize)]
        struct Sources {
            sources: Vec<SourceView>,
            downloads: Vec<Download>,
        }
        let downloads = super::data::Export::ALL
            .map(|export| Download {
                href: export.path(),
                description: export.description(),
            })
            .into();
        let crumbs = self.crumbs(root, &[]);
        let common = self.common(&path, "Sources".into(), None, crumbs);
        self.finish("sources.html", path, common, Sources { sources, downloads })
    }

    pub(super) fn glossary_page(&self) -> Result<OutputFile, Diagnostic> {
        let path = urls::GLOSSARY.to_string();
        let root = "";
        let terms = self.glossary_terms(root);
        #[derive(Serialize)]
        struct Glossary {
            terms: Vec<GlossaryView>,
        }
        let crumbs = self.crumbs(root, &[]);
        let common = self.common(&path, "Glossary".into(), None, crumbs);
        self.finish("glossary.html", path, common, Glossary { terms })
    }

    pub(super) fn not_found(&self) -> Result<OutputFile, Diagnostic> {
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
