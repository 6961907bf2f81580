//! Partners related to a partner by the frameworks they share: an index built once
//! per render, then queried by each partner page.
//!
//! Partners and frameworks are numbered. Partners with the same set of frameworks
//! have the same closest partners (but themselves), so the ranking is worked out
//! once per distinct set: gather the members of the set's frameworks as numbers,
//! sort them and count runs. A site of thousands of partners in a few frameworks
//! has few distinct sets, and each page then costs a lookup, not a pass over every
//! member.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::model::{EntityKind, Meta};
use crate::resolve::{Site, name_of};

pub(super) struct RelatedIndex<'a> {
    partner_ids: Vec<&'a str>,
    partner_numbers: HashMap<&'a str, usize>,
    framework_ids: Vec<&'a str>,
    /// Each partner's frameworks, once each, in the order its memberships list them.
    frameworks_of: Vec<Vec<usize>>,
    /// Each framework's members, once each, in ascending order.
    members_of: Vec<Vec<usize>>,
    /// For each distinct set of frameworks (sorted), the ranking of the partners
    /// sharing at least one of them, itself included.
    rankings: HashMap<Vec<usize>, Ranking>,
    /// How many partners a ranking keeps: the most a page asks for, plus the one
    /// whose page it is.
    kept: usize,
}

/// The partners sharing at least one framework of a set: the closest, and how many.
struct Ranking {
    /// (partner, frameworks shared), closest first, at most `kept` of them.
    closest: Vec<(usize, usize)>,
    total: usize,
}

/// The partners closest to one partner.
pub(super) struct Nearest<'a> {
    /// Partner number (see [`RelatedIndex::partners`]), id and the ids of the
    /// frameworks shared with it, closest first.
    pub partners: Vec<(usize, &'a str, Vec<&'a str>)>,
    /// How many partners share at least one framework.
    pub total: usize,
}

impl<'a> RelatedIndex<'a> {
    /// The index for pages that show at most `limit` related partners.
    pub fn new(site: &'a Site, limit: usize) -> Self {
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
        let members_of: Vec<Vec<usize>> = framework_ids
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
        let partner_names: Vec<String> = partners.iter().map(|d| name_of(d)).collect();
        let mut sets: Vec<Vec<usize>> = frameworks_of
            .iter()
            .map(|own| {
                let mut set = own.clone();
                set.sort_unstable();
                set
            })
            .collect();
        sets.sort_unstable();
        sets.dedup();
        let kept = limit + 1;
        if limit == 0 {
            sets.clear();
        }
        let rankings = sets
            .into_par_iter()
            .map(|set| {
                let ranking = rank(&set, &members_of, &partner_names, kept);
                (set, ranking)
            })
            .collect();
        Self {
            partner_ids,
            partner_numbers,
            framework_ids,
            frameworks_of,
            members_of,
            rankings,
            kept,
        }
    }

    /// How many partners the index numbers, from 0.
    pub fn partners(&self) -> usize {
        self.partner_ids.len()
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
        let mut set = own.clone();
        set.sort_unstable();
        let Some(ranking) = self.rankings.get(&set) else {
            return Nearest {
                partners: Vec::new(),
                total: 0,
            };
        };
        let is_member = own
            .iter()
            .any(|&f| self.members_of[f].binary_search(&me).is_ok());
        let total = ranking.total - usize::from(is_member);
        let counted: Vec<(usize, usize)> = ranking
            .closest
            .iter()
            .copied()
            .filter(|&(other, _)| other != me)
            .take(limit.min(self.kept - 1))
            .collect();
        let partners = counted
            .into_iter()
            .map(|(other, _)| {
                let shared = own
                    .iter()
                    .filter(|&&f| self.members_of[f].binary_search(&other).is_ok())
                    .map(|&f| self.framework_ids[f])
                    .collect();
                (other, self.partner_ids[other], shared)
            })
            .collect();
        Nearest { partners, total }
    }
}

/// The `kept` partners sharing most frameworks of `set`, ties broken by name, and
/// how many share at least one.
fn rank(set: &[usize], members_of: &[Vec<usize>], names: &[String], kept: usize) -> Ranking {
    let mut candidates: Vec<usize> =
        Vec::with_capacity(set.iter().map(|&f| members_of[f].len()).sum::<usize>());
    for &framework in set {
        candidates.extend(&members_of[framework]);
    }
    candidates.sort_unstable();
    // Each partner appears once per framework of the set it belongs to.
    let mut counted: Vec<(usize, usize)> = candidates
        .chunk_by(|a, b| a == b)
        .map(|run| (run[0], run.len()))
        .collect();
    let total = counted.len();
    let closest_first = |a: &(usize, usize), b: &(usize, usize)| {
        b.1.cmp(&a.1).then_with(|| names[a.0].cmp(&names[b.0]))
    };
    if counted.len() > kept {
        counted.select_nth_unstable_by(kept, closest_first);
        counted.truncate(kept);
    }
    counted.sort_unstable_by(closest_first);
    Ranking {
        closest: counted,
        total,
    }
}
