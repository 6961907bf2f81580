//! Index pages: the home page, the section indexes and the partners index.

use std::collections::{BTreeMap, HashMap};

use super::chart::{self, Line, Span};
use super::views::*;
use super::{Common, OutputFile, SiteRenderer, urls};
use crate::date::{PeriodStyle, period_text};
use crate::diagnostics::Diagnostic;
use crate::markdown::PageState;
use crate::model::{EntityKind, Meta, Status};
use crate::resolve::{name_of, years_of};

impl SiteRenderer<'_> {
    pub(super) fn home(&self) -> Result<OutputFile, Diagnostic> {
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
                (self.markdown().render(home.body(), root, &mut state), title)
            }
            None => (String::new(), None),
        };
        // "1 programme", "2 programmes": the label agrees with the number.
        let label =
            |value: usize, one: &str, many: &str| if value == 1 { one } else { many }.to_string();
        let count = |kind: EntityKind, many: &str| {
            let value = site.documents_of(kind).count();
            Count {
                label: label(value, kind.singular(), many),
                value,
                href: urls::section_path(kind),
            }
        };
        let counts = vec![
            count(EntityKind::Partner, "partners"),
            count(EntityKind::Framework, "frameworks"),
            count(EntityKind::Programme, "programmes"),
            count(EntityKind::Operation, "operations"),
            Count {
                label: label(site.events.len(), "event", "events"),
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
                href: self.year_path(year),
            })
            .collect();
        let sources = self.source_list(&mut state, &[], root);
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
                offline: self.offline(root),
                growth: self.growth(root),
                map: self.world_map(
                    root,
                    super::map::Focus::All { with_years: false },
                    "home-map-",
                ),
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
                let href = self.href(root, &urls::entity_path(kind, id));
                let span = |from, until| period_text(from, until, PeriodStyle::Dates);
                let summary = document.meta.summary().map(str::to_string);
                let (acronym, dates, count, colour) = match &document.meta {
                    Meta::Framework(f) => (
                        f.acronym.clone(),
                        span(f.launched, f.ended),
                        distinct(site.members_by_framework.get(id), |m| &m.partner),
                        self.colours.get(id).copied(),
                    ),
                    Meta::Programme(p) => (
                        p.acronym.clone(),
                        span(p.launched, p.ended),
                        distinct(site.participants_by_programme.get(id), |m| &m.partner),
                        None,
                    ),
                    Meta::Operation(o) => (
                        o.acronym.clone(),
                        span(o.from, o.until),
                        site.contributors_by_operation.get(id).map_or(0, Vec::len),
                        None,
                    ),
                    Meta::Partner(p) => (None, years_of(&p.memberships), p.memberships.len(), None),
                    Meta::Page(_) => (None, None, 0, None),
                };
                let as_of = site.config.status_as_of;
                let current = matches!(document.meta, Meta::Framework(_)).then(|| {
                    site.members_by_framework
                        .get(id)
                        .into_iter()
                        .flatten()
                        .filter(|m| m.entry.until.is_none_or(|u| !u.is_before(&as_of)))
                        .map(|m| m.partner.as_str())
                        .collect::<std::collections::HashSet<_>>()
                        .len()
                });
                Card {
                    name: name_of(document),
                    acronym,
                    href,
                    summary,
                    dates,
                    count,
                    current,
                    colour,
                }
            })
            .collect()
    }

    pub(super) fn section(&self, kind: EntityKind) -> Result<OutputFile, Diagnostic> {
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
                growth: (kind == EntityKind::Framework)
                    .then(|| self.growth(&root))
                    .flatten(),
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
        let fmt_span = |from, until| period_text(from, until, PeriodStyle::Years);
        let count = site.documents_of(EntityKind::Partner).count();
        let summarised = count > super::scale::PARTNERS_LISTED;
        let group = |title: String, anchor: String, badge, items: Vec<GroupItem>| Group {
            title,
            anchor,
            badge,
            count: items.len(),
            items,
            elsewhere: None,
        };
        let mut by_framework = Vec::new();
        for framework in site.documents_of(EntityKind::Framework) {
            let members = site.members_by_framework.get(&framework.id);
            // One item per partner, with every period it was a member.
            let mut periods: Vec<(&str, Vec<String>, Option<String>)> = Vec::new();
            let mut position: HashMap<&str, usize> = HashMap::new();
            for m in members.into_iter().flatten() {
                let span = fmt_span(m.entry.from, m.entry.until);
                match position.get(m.partner.as_str()) {
                    Some(&at) => periods[at].1.extend(span),
                    None => {
                        position.insert(&m.partner, periods.len());
                        periods.push((&m.partner, span.into_iter().collect(), m.entry.role.clone()))
                    }
                }
            }
            let badge = Some(self.badge(&framework.id, root));
            let title = name_of(framework);
            let anchor = format!("framework-{}", framework.id);
            if summarised {
                by_framework.push(Group {
                    title,
                    anchor,
                    badge,
                    count: periods.len(),
                    items: Vec::new(),
                    elsewhere: Some(self.link(&framework.id, root).href),
                });
                continue;
            }
            let items = periods
                .into_iter()
                .map(|(partner, spans, role)| {
                    item(partner, (!spans.is_empty()).then(|| spans.join(", ")), role)
                })
                .collect();
            by_framework.push(group(title, anchor, badge, items));
        }
        let without: Vec<GroupItem> = site
            .documents_of(EntityKind::Partner)
            .filter(|d| matches!(&d.meta, Meta::Partner(p) if p.memberships.is_empty()))
            .map(|d| item(&d.id, None, None))
            .collect();
        if !without.is_empty() {
            by_framework.push(group(
                "Outside the partnership frameworks".into(),
                "framework-none".into(),
                None,
                without,
            ));
        }
        // Summarised, a region lists names alone.
        let partner_years = |id: &str| {
            if summarised {
                return None;
            }
            site.partner(id).and_then(|p| years_of(&p.memberships))
        };
        let by_region: Vec<Group> = crate::resolve::partners_by_region(site)
            .into_iter()
            .map(|(region, ids)| {
                let items = ids
                    .iter()
                    .map(|id| item(id, partner_years(id), None))
                    .collect();
                group(
                    region.clone(),
                    format!("region-{}", crate::markdown::slugify(&region)),
                    None,
                    items,
                )
            })
            .collect();
        let mut statuses: BTreeMap<Status, Vec<GroupItem>> = BTreeMap::new();
        let mut status_counts: BTreeMap<Status, usize> = BTreeMap::new();
        for document in site.documents_of(EntityKind::Partner) {
            if let Meta::Partner(p) = &document.meta {
                *status_counts.entry(p.status).or_default() += 1;
                if summarised {
                    continue;
                }
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
                let count = status_counts.get(status).copied()?;
                Some(Group {
                    title: status.label().to_string(),
                    anchor: format!("status-{}", status.key()),
                    badge: None,
                    count,
                    items: statuses.remove(status).unwrap_or_default(),
                    elsewhere: None,
                })
            })
            .collect();
        let overview = if summarised {
            Overview::default()
        } else {
            self.overview(root)
        };
        self.finish(
            "partners.html",
            path,
            common,
            PartnersIndex {
                count,
                summarised,
                by_framework,
                by_region,
                by_status,
                overview,
            },
        )
    }
}

/// How many different partners a derived list names.
fn distinct<T>(list: Option<&Vec<T>>, partner: impl Fn(&T) -> &String) -> usize {
    list.into_iter()
        .flatten()
        .map(partner)
        .collect::<std::collections::HashSet<_>>()
        .len()
}

impl SiteRenderer<'_> {
    /// The overview of the partners index: every partner a row of its memberships,
    /// one chart per region, each row a link to the partner's page.
    fn overview(&self, root: &str) -> Overview {
        let site = self.site;
        let groups: Vec<(String, Vec<Line>)> = crate::resolve::partners_by_region(site)
            .into_iter()
            .map(|(region, ids)| {
                let lines = ids
                    .iter()
                    .filter_map(|id| {
                        let partner = site.partner(id)?;
                        let link = self.link(id, root);
                        let spans = partner
                            .memberships
                            .iter()
                            .map(|m| {
                                let badge = self.badge(&m.framework, root);
                                Span {
                                    from: m.from,
                                    until: m.until,
                                    colour: badge.colour,
                                    label: Some(badge.acronym),
                                }
                            })
                            .collect();
                        Some(Line {
                            label: link.name.clone(),
                            name: link.name,
                            href: Some(link.href),
                            spans,
                        })
                    })
                    .collect();
                (region, lines)
            })
            .collect();
        let range = site.config.timeline;
        let describe = |region: &str, count: usize| {
            format!(
                "Chart: the memberships of the {count} partner{} in {region}, by year, {}–{}. Each row leads to the partner's page; the lists above give the same years.",
                if count == 1 { "" } else { "s" },
                range.start,
                range.end
            )
        };
        let regions = chart::aligned(groups, range.start, range.end, describe)
            .into_iter()
            .map(|(title, chart)| OverviewGroup {
                anchor: format!("overview-{}", crate::markdown::slugify(&title)),
                title,
                chart,
            })
            .collect();
        // The key: the multilateral frameworks in the order of their colours, then
        // the bilateral bodies, which share the neutral grey.
        let (mut key, bilateral): (Vec<Badge>, Vec<Badge>) = site
            .documents_of(EntityKind::Framework)
            .map(|d| self.badge(&d.id, root))
            .partition(|b| b.colour != super::NEUTRAL_SLOT);
        key.sort_by_key(|b| b.colour);
        let bilateral = bilateral
            .into_iter()
            .map(|b| Link {
                name: b.name,
                href: b.href,
            })
            .collect();
        Overview {
            key,
            bilateral,
            regions,
        }
    }
}
