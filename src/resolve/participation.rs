//! Partners' metadata seen from the other side: members per framework,
//! participants per programme, contributors per operation, each reference checked.

use super::checks::{Checker, check_span};
use super::place::Place;
use super::*;
use crate::diagnostics::Diagnostics;
use crate::load::yaml::Step;
use crate::model::{Document, Meta, PartnerEntry, SiteConfig};

/// The lists each partner's metadata feeds, seen from the other side.
pub(super) struct Participation {
    pub(super) members_by_framework: crate::FastMap<String, Vec<Member>>,
    pub(super) participants_by_programme: crate::FastMap<String, Vec<Participant>>,
    pub(super) contributors_by_operation: crate::FastMap<String, Vec<Contributor>>,
}

/// Checks metadata references and derives member, participant and contributor
/// lists from the partners.
pub(super) fn derive_participation(
    documents: &[Document],
    config: &SiteConfig,
    checker: &Checker,
    diagnostics: &mut Diagnostics,
) -> Participation {
    let mut members_by_framework: crate::FastMap<String, Vec<Member>> = crate::FastMap::default();
    let mut participants_by_programme: crate::FastMap<String, Vec<Participant>> =
        crate::FastMap::default();
    let mut contributors_by_operation: crate::FastMap<String, Vec<Contributor>> =
        crate::FastMap::default();
    for document in documents {
        let file = &document.origin.file;
        let text = &document.text;
        // The value at `path` in the front matter; failing that, the line of `id`
        // in the block of the path's first key.
        let place_of = |path: &[Step<'static>], id| {
            let key = match path.first() {
                Some(Step::Key(key)) => Some(*key),
                _ => None,
            };
            Place::front_matter(file, text, path).or_search(key, id, 1)
        };
        match &document.meta {
            Meta::Partner(partner) => {
                check_partner(&document.id, partner, config, file, text, diagnostics);
                let id = &document.id;
                let members = &mut members_by_framework;
                involve(
                    id,
                    &partner.memberships,
                    members,
                    checker,
                    place_of,
                    diagnostics,
                );
                let participants = &mut participants_by_programme;
                involve(
                    id,
                    &partner.programmes,
                    participants,
                    checker,
                    place_of,
                    diagnostics,
                );
                let contributors = &mut contributors_by_operation;
                involve(
                    id,
                    &partner.operations,
                    contributors,
                    checker,
                    place_of,
                    diagnostics,
                );
            }
            Meta::Framework(framework) => {
                if let Some(next) = &framework.replaced_by {
                    checker.expect(
                        next,
                        EntityKind::Framework,
                        place_of(&[Step::Key("replaced_by")], next),
                        diagnostics,
                    );
                }
                check_span(
                    framework.launched,
                    framework.ended,
                    place_of(&[Step::Key("ended")], ""),
                    diagnostics,
                );
            }
            Meta::Programme(programme) => {
                if let Some(next) = &programme.replaced_by {
                    checker.expect(
                        next,
                        EntityKind::Programme,
                        place_of(&[Step::Key("replaced_by")], next),
                        diagnostics,
                    );
                }
                for (index, framework) in programme.frameworks.iter().enumerate() {
                    checker.expect(
                        framework,
                        EntityKind::Framework,
                        place_of(&[Step::Key("frameworks"), Step::Index(index)], framework),
                        diagnostics,
                    );
                }
                check_span(
                    programme.launched,
                    programme.ended,
                    place_of(&[Step::Key("ended")], ""),
                    diagnostics,
                );
            }
            Meta::Operation(operation) => {
                check_span(
                    operation.from,
                    operation.until,
                    place_of(&[Step::Key("until")], ""),
                    diagnostics,
                );
            }
            Meta::Page(_) => {}
        }
    }

    // Dated first, in order of joining; undated after them.
    sort_by_start(&mut members_by_framework);
    sort_by_start(&mut participants_by_programme);
    sort_by_start(&mut contributors_by_operation);
    Participation {
        members_by_framework,
        participants_by_programme,
        contributors_by_operation,
    }
}

/// Checks one partner's entries of one kind and files each under the entity it
/// names.
pub(super) fn involve<'a, T: PartnerEntry>(
    partner: &str,
    entries: &'a [T],
    into: &mut crate::FastMap<String, Vec<Involvement<T>>>,
    checker: &Checker,
    place_of: impl Fn(&[Step<'static>], &'a str) -> Place<'a>,
    diagnostics: &mut Diagnostics,
) {
    for (index, entry) in entries.iter().enumerate() {
        let item = |key| [Step::Key(T::KEY), Step::Index(index), Step::Key(key)];
        let place = place_of(&item(T::ID_KEY), entry.target());
        if checker.expect(entry.target(), T::TARGET, place, diagnostics) {
            into.entry(entry.target().to_string())
                .or_default()
                .push(Involvement {
                    partner: partner.to_string(),
                    entry: entry.clone(),
                });
        }
        let (from, until) = entry.span();
        check_span(from, until, place_of(&item("until"), ""), diagnostics);
        for (number, source) in entry.sources().iter().enumerate() {
            let path = [
                Step::Key(T::KEY),
                Step::Index(index),
                Step::Key("sources"),
                Step::Index(number),
            ];
            checker.expect_source(source, place_of(&path, source), diagnostics);
        }
    }
}

/// Sorts each list by start date, undated entries last, then by partner.
pub(super) fn sort_by_start<T: PartnerEntry>(
    lists: &mut crate::FastMap<String, Vec<Involvement<T>>>,
) {
    for list in lists.values_mut() {
        list.sort_by_cached_key(|i| {
            let (from, _) = i.entry.span();
            (from.is_none(), from, i.partner.clone())
        });
    }
}
