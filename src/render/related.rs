//! Partners related to a partner by the frameworks they share: an index built once
//! per render, then queried by each partner page.
//!
//! Partners and frameworks are numbered, so a query gathers the members of the
//! partner's frameworks as numbers, sorts them and counts runs: no hashing or
//! allocation per candidate, which matters when frameworks have thousands of members.

use std::collections::HashMap;

use crate::model::{EntityKind, Meta};
use crate::resolve::{Site, name_of};

pub(super) struct RelatedIndex<'a> {
    partner_ids: Vec<&'a str>,
    partner_names: Vec<String>,
    partner_numbers: HashMap<&'a str, usize>,
    framework_ids: Vec<&'a str>,
    /// Each partner's frameworks, once each, in the order its memberships list them.
    frameworks_of: Vec<Vec<usize>>,
    /// Each framework's members, once each, in ascending order.
    members_of: Vec<Vec<usize>>,
}

/// The partners closest to one partner.
pub(super) struct Nearest<'a> {
    /// Partner id and the ids of the frameworks shared with it, closest first.
    pub partners: Vec<(&'a str, Vec<&'a str>)>,
    /// How many partners share at least one framework.
    pub total: usize,
}

impl<'a> RelatedIndex<'a> {
    pub fn new(site: &'a Site) -> Self {
        let partners: Vec<_> = site.documents_of(EntityKind::Partner).collect();
        let partner_ids: Vec<&str> = partners.iter().map(|d| d.id.as_str()).collect();
        let partner_numbers: HashMap<&str, usize> = partner_ids
            .iter()
            .enumerate()
            .map(|(number, id)| (*id, number))
            .collect();
        let mut framework_ids: Vec<&str> = Vec::new();
        let mut framework_numbers: HashMap<&str, usize> = HashMap::new();
        let mut frameworks_of = Vec::with_capacity(partners.len());
        for document in &partners {
            let mut own: Vec<usize> = Vec::new();
            if let Meta::Partner(partner) = &document.meta {
                for membership in &partner.memberships {
                    let id = membership.framework.as_str();
                    let number = *framework_numbers.entry(id).or_insert_with(|| {
                        framework_ids.push(id);
                        framework_ids.len() - 1
                    });
                    if !own.contains(&number) {
                        own.push(number);
                    }
                }
            }
            frameworks_of.push(own);
        }
        let members_of = framework_ids
            .iter()
            .map(|framework| {
                let mut members: Vec<usize> = site
                    .members_by_framework
                    .get(*framework)
                    .into_iter()
                    .flatten()
                    .filter_map(|member| partner_numbers.get(member.partner.as_str()).copied())
                    .collect();
                members.sort_unstable();
                members.dedup();
                members
            })
            .collect();
        Self {
            partner_names: partners.iter().map(|d| name_of(d)).collect(),
            partner_ids,
            partner_numbers,
            framework_ids,
            frameworks_of,
            members_of,
        }
    }

    /// The `limit` partners sharing most frameworks with `id`, ties broken by name.
    pub fn nearest(&self, id: &str, limit: usize) -> Nearest<'a> {
        let me = self.partner_numbers.get(id).filter(|_| limit > 0);
        let Some(&me) = me else {
            return Nearest {
                partners: Vec::new(),
                total: 0,
            };
        };
        let own = &self.frameworks_of[me];
        let mut candidates: Vec<usize> =
            Vec::with_capacity(own.iter().map(|&f| self.members_of[f].len()).sum::<usize>());
        for &framework in own {
            candidates.extend(self.members_of[framework].iter().filter(|&&p| p != me));
        }
        candidates.sort_unstable();
        // Each partner appears once per framework it shares with `me`.
        let mut counted: Vec<(usize, usize)> = candidates
            .chunk_by(|a, b| a == b)
            .map(|run| (run[0], run.len()))
            .collect();
        let total = counted.len();
        let names = &self.partner_names;
        let closest_first = |a: &(usize, usize), b: &(usize, usize)| {
            b.1.cmp(&a.1).then_with(|| names[a.0].cmp(&names[b.0]))
        };
        if counted.len() > limit {
            counted.select_nth_unstable_by(limit, closest_first);
            counted.truncate(limit);
        }
        counted.sort_unstable_by(closest_first);
        let partners = counted
            .into_iter()
            .map(|(other, _)| {
                let shared = own
                    .iter()
                    .filter(|&&f| self.members_of[f].binary_search(&other).is_ok())
                    .map(|&f| self.framework_ids[f])
                    .collect();
                (self.partner_ids[other], shared)
            })
            .collect();
        Nearest { partners, total }
    }
}
