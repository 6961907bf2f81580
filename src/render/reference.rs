//! Whole-site reference pages: the timeline, the sources, the glossary and 404.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::views::*;
use super::{OutputFile, SiteRenderer, urls};
use crate::diagnostics::Diagnostic;
use crate::markdown::PageState;
use crate::model::{EntityKind, EventKind, Meta};
use crate::resolve::{Citer, Event};

impl SiteRenderer<'_> {
    /// Whether the timeline is split into a page per year: past
    /// [`super::scale::TIMELINE_ONE_PAGE`] events, one page would be too heavy to load.
    pub(super) fn timeline_by_year(&self) -> bool {
        self.site.events.len() > super::scale::TIMELINE_ONE_PAGE
    }

    /// Where an event is on the timeline, from the site root.
    pub(super) fn event_path(&self, event: &Event) -> String {
        if self.timeline_by_year() {
            let page = urls::timeline_year_page(event.entry.record.date.year);
            format!("{page}#{}", event.anchor)
        } else {
            urls::timeline_event(&event.anchor)
        }
    }

    /// Where a year is on the timeline, from the site root.
    pub(super) fn year_path(&self, year: u16) -> String {
        if self.timeline_by_year() {
            urls::timeline_year_page(year)
        } else {
            format!("{}#{}", urls::TIMELINE, urls::year_anchor(year))
        }
    }

    /// `timeline.html`: every event, or, when the timeline is split by year, the
    /// years with their counts, each leading to its page.
    pub(super) fn timeline(&self) -> Result<OutputFile, Diagnostic> {
        self.timeline_page(None)
    }

    /// `timeline/<year>.html` of a timeline split by year.
    pub(super) fn timeline_year(&self, year: u16) -> Result<OutputFile, Diagnostic> {
        self.timeline_page(Some(year))
    }

    fn timeline_page(&self, only: Option<u16>) -> Result<OutputFile, Diagnostic> {
        let path = only.map_or_else(|| urls::TIMELINE.to_string(), urls::timeline_year_page);
        let root = urls::root_of(&path);
        let root = root.as_str();
        let overview = only.is_none() && self.timeline_by_year();
        let mut state = PageState::default();
        let range = self.site.config.timeline;
        let regions = region_slugs(self.site);
        let filters_by_anchor: HashMap<&str, EventFilter> = self
            .site
            .events
            .iter()
            .filter(|event| !overview && only.is_none_or(|y| event.entry.record.date.year == y))
            .map(|event| (event.anchor.as_str(), self.event_filter(event, &regions)))
            .collect();
        let mut counts: HashMap<u16, usize> = HashMap::new();
        for event in &self.site.events {
            *counts.entry(event.entry.record.date.year).or_default() += 1;
        }
        let year_views = if overview {
            Vec::new()
        } else {
            self.timeline_years_of(root, &mut state, only)
        };
        let mut events_of: HashMap<u16, Vec<EventView>> = year_views
            .into_iter()
            .map(|year| (year.year, year.events))
            .collect();
        // Each year of the range: its events when this page shows them.
        let years: Vec<TimelineYear> = (range.start..=range.end)
            .filter(|year| only.is_none_or(|y| y == *year))
            .map(|year| TimelineYear {
                year,
                anchor: urls::year_anchor(year),
                href: self.href(root, &self.year_path(year)),
                count: counts.get(&year).copied().unwrap_or(0),
                events: events_of
                    .remove(&year)
                    .unwrap_or_default()
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
        let all_years: Vec<(u16, usize)> = (range.start..=range.end)
            .map(|year| (year, counts.get(&year).copied().unwrap_or(0)))
            .collect();
        // A bar leads to its year: a section of this page, or the year's page.
        let strip = year_strip(&all_years, |year| {
            if !self.timeline_by_year() || only == Some(year) {
                format!("#{}", urls::year_anchor(year))
            } else {
                self.href(root, &urls::timeline_year_page(year))
            }
        });
        let filters = self.timeline_filters(&years, &regions);
        let sources = self.source_list(&mut state, &[], root);
        let (title, crumbs) = match only {
            Some(year) => (
                format!("Timeline: {year}"),
                self.crumbs(root, &[("Timeline", urls::TIMELINE.to_string())]),
            ),
            None => (
                format!("Timeline {}–{}", range.start, range.end),
                self.crumbs(root, &[]),
            ),
        };
        let common = self.common(&path, title, None, crumbs);
        let count = match only {
            Some(year) => counts.get(&year).copied().unwrap_or(0),
            None => self.site.events.len(),
        };
        self.finish(
            "timeline.html",
            path,
            common,
            Timeline {
                start: range.start,
                end: range.end,
                year: only,
                overview,
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
        self.timeline_years_of(root, state, None)
    }

    /// The years of the timeline (`only` one, or all) with their events.
    fn timeline_years_of(
        &self,
        root: &str,
        state: &mut PageState,
        only: Option<u16>,
    ) -> Vec<YearView> {
        let range = self.site.config.timeline;
        let mut years: Vec<YearView> = (range.start..=range.end)
            .filter(|year| only.is_none_or(|y| y == *year))
            .map(|year| YearView {
                year,
                anchor: urls::year_anchor(year),
                events: Vec::new(),
            })
            .collect();
        for (index, event) in self.site.events.iter().enumerate() {
            if only.is_some_and(|y| y != event.entry.record.date.year) {
                continue;
            }
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
                                        href: self.event_path(event),
                                    }
                                }
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                self.source_view(&source.id, index + 1, root, cited_by)
            })
            .collect();
        let downloads = self.downloads.clone().unwrap_or_else(|| {
            super::data::Export::ALL
                .map(super::data::Export::whole)
                .into()
        });
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
    // The regions alone, in order: each timeline page makes these, so the
    // partners of each region are not gathered.
    let regions: BTreeSet<&str> = site
        .documents_of(EntityKind::Partner)
        .filter_map(|document| match &document.meta {
            Meta::Partner(partner) => Some(partner.region.as_str()),
            _ => None,
        })
        .collect();
    regions
        .into_iter()
        .map(|region| {
            let region = region.to_string();
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
/// events is never lower than 6 of 100, so that one event still shows. `href` gives
/// where a year's bar leads: a fragment for a year on this page.
fn year_strip(years: &[(u16, usize)], href: impl Fn(u16) -> String) -> YearStrip {
    let max = years.iter().map(|y| y.1).max().unwrap_or(0).max(1);
    let first = years.first().map_or(0, |y| y.0);
    let bars = years
        .iter()
        .map(|&(year, count)| {
            let height = if count == 0 {
                0
            } else {
                u32::try_from((count * 100).div_ceil(max))
                    .unwrap_or(100)
                    .clamp(6, 100)
            };
            let label = match count {
                0 => format!("{year}: no events"),
                1 => format!("{year}: 1 event"),
                n => format!("{year}: {n} events"),
            };
            let href = href(year);
            StripBar {
                year,
                current: href.starts_with('#'),
                href,
                count,
                label,
                height,
                y: 100 - height,
                tick: year == first || (year % 5 == 0 && year - first >= 3),
            }
        })
        .collect();
    YearStrip { max, bars }
}
