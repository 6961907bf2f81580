//! The parts many pages share: an event as a page shows it, a page's numbered
//! source list, an entity's events and the pages that link to it.

use crate::markdown::PageState;
use crate::resolve::Named;

use super::views::{Citation, EventView, Link, SourceView};
use super::{Edition, SiteRenderer, scale, urls};

impl SiteRenderer<'_> {
    /// An event as shown on a page, its citations numbered in `state`.
    pub(super) fn event_view(&self, index: usize, root: &str, state: &mut PageState) -> EventView {
        self.event_view_with(index, root, Some(state))
    }

    /// An event as shown on a page; without `state`, its title, date and link
    /// only (no summary, no citations), for a list that leads to its text.
    pub(super) fn event_view_with(
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
    pub(super) fn source_list(
        &self,
        state: &mut PageState,
        listed: &[String],
        root: &str,
    ) -> Vec<SourceView> {
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

    pub(super) fn source_view(
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

    pub(super) fn events_for(&self, id: &str, root: &str, state: &mut PageState) -> Vec<EventView> {
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

    pub(super) fn backlinks_for(&self, id: &str, root: &str) -> Vec<Link> {
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
