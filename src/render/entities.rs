//! One page per partner, framework, programme, operation and free page.

use tera::Value;

use super::chart::{self, Head, Span};
use super::views::*;
use super::{OutputFile, SiteRenderer, urls};
use crate::diagnostics::Diagnostic;
use crate::markdown::PageState;
use crate::model::{EntityKind, Meta};
use crate::resolve::name_of;

/// How many related partners a partner page lists.
pub(super) const RELATED_LIMIT: usize = 40;

impl SiteRenderer<'_> {
    pub(super) fn entity(&self, index: usize) -> Result<OutputFile, Diagnostic> {
        let document = &self.site.documents[index];
        let kind = document.meta.kind();
        let path = urls::entity_path(kind, &document.id);
        let root = urls::root_of(&path);
        let trail: Vec<(&str, String)> = match kind {
            EntityKind::Page => vec![],
            EntityKind::Partner => vec![("Partners", urls::section_path(kind))],
            EntityKind::Framework => vec![("Frameworks", urls::section_path(kind))],
            EntityKind::Programme => vec![("Programmes", urls::section_path(kind))],
            EntityKind::Operation => vec![("Operations", urls::section_path(kind))],
        };
        let crumbs = self.crumbs(&root, &trail);
        let summary = document.meta.summary().map(str::to_string);
        let common = self.common(&path, name_of(document), summary, crumbs);
        let mut state = PageState::default();
        let mut page = self.entity_page(index, &root, &mut state);
        match &document.meta {
            Meta::Page(meta) if meta.offline_copy => page.offline = self.offline(&root),
            Meta::Page(_) => {}
            _ => page.cite = Some(self.cite(&page.name, &path)),
        }
        let template = match kind {
            EntityKind::Partner => "partner.html",
            EntityKind::Framework => "framework.html",
            EntityKind::Programme => "programme.html",
            EntityKind::Operation => "operation.html",
            EntityKind::Page => "page.html",
        };
        let page = self.page_value(page, &root)?;
        self.finish_value(template, path, common, page)
    }

    /// `page` as its template receives it. A partner's related partners are made
    /// into template values here, before the rest is serialised (which passes
    /// template values through as they are): see [`Self::related_groups`].
    fn page_value(&self, mut page: EntityPage, root: &str) -> Result<Value, Diagnostic> {
        if let Details::Partner(details) = &mut page.details {
            let related = std::mem::take(&mut details.related);
            details.related_shown = related.len();
            details.related_groups = self.related_groups(related, root)?;
        }
        Ok(Value::from_serializable(&page))
    }

    /// A partner page's related partners (closest first), from a page at `root`,
    /// grouped by the frameworks they share with it: one group per set of shared
    /// frameworks, in the order the set first comes in the list, so the groups
    /// sharing most come first and each keeps its partners in the list's order.
    /// Each group's badges are drawn once, through `partials/mark.html`, and its
    /// `marks` joins the drawings: the template outputs them with no include per
    /// badge.
    fn related_groups(&self, related: Vec<Related>, root: &str) -> Result<Vec<Value>, Diagnostic> {
        let mut groups: Vec<(Vec<&str>, Vec<Value>)> = Vec::new();
        for Related {
            number,
            partner,
            shared,
        } in related
        {
            let link = self.related_link(number, partner, root);
            match groups.iter_mut().find(|(set, _)| *set == shared) {
                Some((_, partners)) => partners.push(link),
                None => groups.push((shared, vec![link])),
            }
        }
        let mut values = Vec::with_capacity(groups.len());
        let mut marks = String::new();
        for (shared, partners) in groups {
            let mut badges = Vec::with_capacity(shared.len());
            marks.clear();
            for id in shared {
                let badge = Value::from_serializable(&self.badge(id, root));
                if !marks.is_empty() {
                    marks.push(' ');
                }
                marks.push_str(&self.mark(&badge)?);
                badges.push(badge);
            }
            values.push(Value::from_serializable(&RelatedGroup {
                shared: badges,
                marks: Value::safe_string(&marks),
                partners,
            }));
        }
        Ok(values)
    }

    /// The link to the related partner numbered `number` (`id`) from a page at
    /// `root`. A partner shows in the related lists of many pages, all in the one
    /// folder of partner pages, so its link from there is made once per render and
    /// shared (template values are reference-counted).
    fn related_link(&self, number: usize, id: &str, root: &str) -> Value {
        let make = || Value::from_serializable(&self.link(id, root));
        match self.related_links.get(number) {
            Some(cell) if root == self.partner_root => cell.get_or_init(make).clone(),
            _ => make(),
        }
    }

    /// A framework's `badge` as `partials/mark.html` draws it.
    fn mark(&self, badge: &Value) -> Result<String, Diagnostic> {
        const MARK: &str = "partials/mark.html";
        let mut context = tera::Context::new();
        context.insert_value("b", badge.clone());
        self.tera.render(MARK, &context).map_err(|error| {
            super::templates::template_diagnostic(&format!("templates/{MARK}"), &error)
        })
    }

    /// What the page of the entity at `index` shows, its citations numbered in
    /// `state`: for its own page or for its part of the print edition.
    pub(super) fn entity_page(
        &self,
        index: usize,
        root: &str,
        state: &mut PageState,
    ) -> EntityPage<'_> {
        let document = &self.site.documents[index];
        let id = &document.id;
        // A page that files its search entry gathers its body's plain text while
        // rendering it.
        let body = match &self.page_filing {
            Some(_) => {
                let (html, text) = self
                    .markdown()
                    .render_with_text(document.body(), root, state);
                self.file_page(index, text);
                html
            }
            None => self.markdown().render(document.body(), root, state),
        };
        let events = self.events_for(id, root, state);
        let details = match &document.meta {
            Meta::Partner(partner) => self.partner_details(id, partner, root),
            Meta::Framework(framework) => self.framework_details(id, framework, root),
            Meta::Programme(programme) => self.programme_details(id, programme, root),
            Meta::Operation(operation) => self.operation_details(id, operation, root),
            Meta::Page(_) => Details::Page,
        };
        let sources = match self.edition {
            super::Edition::Web => self.source_list(state, document.meta.sources(), root),
            // The print edition lists a part's sources itself, from the numbers
            // given here, against its one bibliography.
            super::Edition::Print => {
                for id in document.meta.sources() {
                    state.number(id);
                }
                Vec::new()
            }
        };
        EntityPage {
            id: id.clone(),
            name: name_of(document),
            summary: document.meta.summary().map(str::to_string),
            body,
            events,
            backlinks: self.backlinks_for(id, root),
            sources,
            details,
            cite: None,
            offline: None,
        }
    }

    fn partner_details(
        &self,
        id: &str,
        partner: &crate::model::PartnerMeta,
        root: &str,
    ) -> Details<'_> {
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
                ends_at_accession: m.ends_at_accession,
                as_ally: m.ends_at_accession && self.seats_allies(&m.framework),
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
        // Partners sharing a framework, closest first; the long tail is left to
        // the framework pages' member lists.
        // The print edition has no related partners: the framework parts list them.
        let limit = match self.edition {
            super::Edition::Web => RELATED_LIMIT,
            super::Edition::Print => 0,
        };
        let nearest = self.related.nearest(id, limit);
        let related_total = nearest.total;
        let related: Vec<Related> = nearest
            .partners
            .into_iter()
            .map(|(number, partner, shared)| Related {
                number,
                partner,
                shared,
            })
            .collect();
        // One line per framework, in the order the memberships are written.
        let mut lines = chart::Lines::default();
        for m in &partner.memberships {
            let span = Span {
                from: m.from,
                until: m.until,
                colour: self.colours.get(&m.framework).copied().unwrap_or(0),
                label: None,
            };
            let head = || {
                let badge = self.badge(&m.framework, root);
                Head {
                    label: badge.acronym,
                    name: badge.name,
                    href: badge.href,
                }
            };
            lines.add_span(&m.framework, head, span);
        }
        let range = site.config.timeline;
        let description = format!(
            "Chart: the memberships of {} by year, {}–{}. The list of memberships gives the same dates.",
            partner.name, range.start, range.end
        );
        let chart = chart::chart(lines.into_lines(), range.start, range.end, description);
        Details::Partner(Box::new(PartnerDetails {
            kind: partner.kind,
            region_href: self.href(
                root,
                &format!(
                    "{}#region-{}",
                    urls::section_path(EntityKind::Partner),
                    crate::markdown::slugify(&partner.region)
                ),
            ),
            region: partner.region.clone(),
            iso: partner.iso.clone(),
            status: partner.status.key(),
            status_label: partner.status.label().to_string(),
            memberships,
            nato_invited: date_view(partner.nato_invited),
            nato_member: date_view(partner.nato_member),
            programmes,
            operations,
            related,
            related_groups: Vec::new(),
            related_shown: 0,
            related_total,
            chart,
        }))
    }

    fn framework_details(
        &self,
        id: &str,
        framework: &crate::model::FrameworkMeta,
        root: &str,
    ) -> Details<'_> {
        let site = self.site;
        let as_of = site.config.status_as_of;
        // A member is a partner, however many periods it has: one row per partner,
        // in the order of its first period. The framework's badge is the same on
        // every period; it is made once.
        let badge = self.badge(id, root);
        let mut rows: Vec<MemberRows> = Vec::new();
        let mut row_of: crate::FastMap<&str, usize> = crate::FastMap::default();
        for m in site.members_by_framework.get(id).into_iter().flatten() {
            let period = MembershipView {
                framework: badge.clone(),
                partner: self.link(&m.partner, root),
                from: date_view(m.entry.from),
                until: date_view(m.entry.until),
                role: m.entry.role.clone(),
                note: m.entry.note.clone(),
                current: m.entry.until.is_none_or(|u| !u.is_before(&as_of)),
                ends_at_accession: m.entry.ends_at_accession,
                as_ally: m.entry.ends_at_accession && framework.seats_allies,
            };
            match row_of.get(m.partner.as_str()) {
                Some(&at) => rows[at].periods.push(period),
                None => {
                    row_of.insert(&m.partner, rows.len());
                    rows.push(MemberRows {
                        partner: period.partner.clone(),
                        periods: vec![period],
                    });
                }
            }
        }
        let current_count = rows
            .iter()
            .filter(|r| r.periods.iter().any(|p| p.current))
            .count();
        // Former partners seated as Allies by the status date.
        let allies: std::collections::HashSet<&str> = site
            .members_by_framework
            .get(id)
            .into_iter()
            .flatten()
            .filter(|m| {
                framework.seats_allies
                    && m.entry.ends_at_accession
                    && m.entry
                        .until
                        .is_some_and(|joined| !as_of.is_before(&joined))
            })
            .map(|m| m.partner.as_str())
            .collect();
        let allies_count = allies.len();
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
        // One line per partner, in order of joining, with each of its memberships.
        let colour = self.colours.get(id).copied().unwrap_or(0);
        let mut lines = chart::Lines::default();
        for member in site.members_by_framework.get(id).into_iter().flatten() {
            let span = Span {
                from: member.entry.from,
                until: member.entry.until,
                colour,
                label: None,
            };
            let head = || {
                let link = self.link(&member.partner, root);
                Head {
                    label: link.name.clone(),
                    name: link.name,
                    href: link.href,
                }
            };
            lines.add_span(&member.partner, head, span);
        }
        let range = site.config.timeline;
        let description = format!(
            "Chart: the {} partners of {} by year, {}–{}. The table below gives the same dates.",
            lines.len(),
            framework.name,
            range.start,
            range.end
        );
        // Past scale::CHART_ROWS members the chart would outweigh the page; the table
        // below gives the same dates.
        let chart_left_out = lines.len() > super::scale::CHART_ROWS;
        let chart = if chart_left_out {
            None
        } else {
            chart::chart(lines.into_lines(), range.start, range.end, description)
        };
        Details::Framework(Box::new(FrameworkDetails {
            badge: self.badge(id, root),
            acronym: framework.acronym.clone(),
            kind: framework.kind.clone(),
            launched: date_view(framework.launched),
            launched_at: framework.launched_at.clone(),
            ended: date_view(framework.ended),
            replaced_by: framework.replaced_by.as_ref().map(|r| self.link(r, root)),
            replaces,
            programmes,
            current_count,
            allies_count,
            members: rows,
            chart,
            chart_left_out,
            map: self.world_map(root, super::map::Focus::Framework(id), "framework-map-"),
        }))
    }

    fn programme_details(
        &self,
        id: &str,
        programme: &crate::model::ProgrammeMeta,
        root: &str,
    ) -> Details<'_> {
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
                from: date_view(p.entry.from),
                until: date_view(p.entry.until),
                note: p.entry.note.clone(),
            })
            .collect();
        let replaces: Vec<Link> = site
            .documents_of(EntityKind::Programme)
            .filter(
                |d| matches!(&d.meta, Meta::Programme(p) if p.replaced_by.as_deref() == Some(id)),
            )
            .map(|d| self.link(&d.id, root))
            .collect();
        Details::Programme(ProgrammeDetails {
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
        })
    }

    fn operation_details(
        &self,
        id: &str,
        operation: &crate::model::OperationMeta,
        root: &str,
    ) -> Details<'_> {
        let contributors: Vec<TakingPart> = self
            .site
            .contributors_by_operation
            .get(id)
            .into_iter()
            .flatten()
            .map(|c| TakingPart {
                entity: self.link(id, root),
                partner: self.link(&c.partner, root),
                role: c.entry.role.clone(),
                from: None,
                until: None,
                note: c.entry.note.clone(),
            })
            .collect();
        Details::Operation(OperationDetails {
            acronym: operation.acronym.clone(),
            from: date_view(operation.from),
            until: date_view(operation.until),
            theatre: operation.theatre.clone(),
            contributors,
        })
    }
}
