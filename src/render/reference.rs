//! Whole-site reference pages: the timeline, the sources, the glossary and 404.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::views::*;
use super::{OutputFile, SiteRenderer, urls};
use crate::diagnostics::Diagnostic;
use crate::markdown::PageState;
use crate::model::{EventKind, Meta};
use crate::resolve::{Citer, Event};

impl SiteRenderer<'_> {
    pub(super) fn timeline(&self) -> Result<OutputFile, Diagnostic> {
        let path = urls::TIMELINE.to_string();
        let root = "";
        let mut state = PageState::default();
        let range = self.site.config.timeline;
        let regions = region_slugs(self.site);
        let filters_by_anchor: HashMap<&str, EventFilter> = self
            .site
            .events
            .iter()
            .map(|event| (event.anchor.as_str(), self.event_filter(event, &regions)))
            .collect();
        let years: Vec<TimelineYear> = self
            .timeline_years(root, &mut state)
            .into_iter()
            .map(|year| TimelineYear {
                year: year.year,
                anchor: year.anchor,
                count: year.events.len(),
                events: year
                    .events
                    .into_iter()
                    .map(|event| {
                        let filter = filters_by_anchor
                            .get(event.anchor.as_str())
                            .cloned()
                            .unwrap_or_default();
                        TimelineEvent {
                            event,
                            filter_frameworks: filter.frameworks,
                            filter_regions: filter.regions,
                            filter_partners: filter.partners,
                        }
                    })
                    .collect(),
            })
            .collect();
        let strip = year_strip(&years);
        let filters = self.timeline_filters(&years, &regions);
        let sources = self.source_list(&mut state, &[], root);
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
                strip,
                filters,
                years,
                sources,
            },
        )
    }

    /// What the timeline's filter matches an event by: the frameworks it names (and
    /// those of the programmes it names), the partners it names and their regions.
    fn event_filter(&self, event: &Event, regions: &BTreeMap<String, String>) -> EventFilter {
        let mut filter = EventFilter::default();
        let is_framework = |id: &str| {
            matches!(
                self.site.document(id).map(|d| &d.meta),
                Some(Meta::Framework(_))
            )
        };
        for id in &event.names {
            match self.site.document(id).map(|d| &d.meta) {
                Some(Meta::Framework(_)) => filter.frameworks.push(id.clone()),
                Some(Meta::Programme(programme)) => filter.frameworks.extend(
                    programme
                        .frameworks
                        .iter()
                        .filter(|f| is_framework(f))
                        .cloned(),
                ),
                Some(Meta::Partner(partner)) => {
                    filter.partners.push(id.clone());
                    if let Some(slug) = regions.get(&partner.region) {
                        filter.regions.push(slug.clone());
                    }
                }
                _ => {}
            }
        }
        for list in [
            &mut filter.frameworks,
            &mut filter.regions,
            &mut filter.partners,
        ] {
            list.sort_unstable();
            list.dedup();
        }
        filter
    }

    /// The filter's choices: the frameworks, kinds, regions and partners events carry,
    /// each with how many events carry it.
    fn timeline_filters(
        &self,
        years: &[TimelineYear],
        regions: &BTreeMap<String, String>,
    ) -> TimelineFilters {
        let events = || years.iter().flat_map(|y| &y.events);
        let mut kinds: BTreeMap<EventKind, usize> = BTreeMap::new();
        let mut frameworks: BTreeMap<&str, usize> = BTreeMap::new();
        let mut partners: BTreeMap<&str, usize> = BTreeMap::new();
        let mut region_counts: BTreeMap<&str, usize> = BTreeMap::new();
        for event in events() {
            *kinds.entry(event.event.kind).or_default() += 1;
            for id in &event.filter_frameworks {
                *frameworks.entry(id).or_default() += 1;
            }
            for id in &event.filter_partners {
                *partners.entry(id).or_default() += 1;
            }
            for slug in &event.filter_regions {
                *region_counts.entry(slug).or_default() += 1;
            }
        }
        let named = |counts: BTreeMap<&str, usize>| {
            let mut options: Vec<FilterOption> = counts
                .into_iter()
                .map(|(id, count)| FilterOption {
                    value: id.to_string(),
                    label: self.link(id, "").name,
                    count,
                })
                .collect();
            options.sort_by_cached_key(|o| (o.label.to_lowercase(), o.value.clone()));
            options
        };
        let total = events().count();
        TimelineFilters {
            total,
            frameworks: named(frameworks),
            kinds: kinds
                .into_iter()
                .map(|(kind, count)| FilterOption {
                    value: kind_value(kind),
                    label: kind.label().to_string(),
                    count,
                })
                .collect(),
            // `regions` is sorted by the region as written.
            regions: regions
                .iter()
                .filter_map(|(region, slug)| {
                    region_counts.get(slug.as_str()).map(|count| FilterOption {
                        value: slug.clone(),
                        label: region.clone(),
                        count: *count,
                    })
                })
                .collect(),
            partners: named(partners),
        }
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

/// What the timeline's filter matches one event by.
#[derive(Debug, Clone, Default)]
struct EventFilter {
    frameworks: Vec<String>,
    regions: Vec<String>,
    partners: Vec<String>,
}

/// Each partner region, as written, with its slug for the timeline's filter: unique,
/// never empty (a region of punctuation alone is `region`, a second `central-europe`
/// is `central-europe-2`).
fn region_slugs(site: &crate::resolve::Site) -> BTreeMap<String, String> {
    let mut taken = HashSet::new();
    crate::resolve::partners_by_region(site)
        .into_keys()
        .map(|region| {
            let mut base = crate::markdown::slugify(&region);
            if base.is_empty() {
                base = "region".into();
            }
            let mut slug = base.clone();
            let mut counter = 1;
            while !taken.insert(slug.clone()) {
                counter += 1;
                slug = format!("{base}-{counter}");
            }
            (region, slug)
        })
        .collect()
}

/// The kind as events write it (`accession`): its class `kind-…` and filter value.
fn kind_value(kind: EventKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The strip of events per year: bar heights scaled to the busiest year; a year with
/// events is never lower than 6 of 100, so that one event still shows.
fn year_strip(years: &[TimelineYear]) -> YearStrip {
    let max = years.iter().map(|y| y.count).max().unwrap_or(0).max(1);
    let first = years.first().map_or(0, |y| y.year);
    let bars = years
        .iter()
        .map(|y| {
            let height = if y.count == 0 {
                0
            } else {
                u32::try_from((y.count * 100).div_ceil(max))
                    .unwrap_or(100)
                    .clamp(6, 100)
            };
            let label = match y.count {
                0 => format!("{}: no events", y.year),
                1 => format!("{}: 1 event", y.year),
                n => format!("{}: {n} events", y.year),
            };
            StripBar {
                year: y.year,
                anchor: y.anchor.clone(),
                count: y.count,
                label,
                height,
                y: 100 - height,
                tick: y.year == first || (y.year % 5 == 0 && y.year - first >= 3),
            }
        })
        .collect();
    YearStrip { max, bars }
}
