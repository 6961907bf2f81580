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
/// lists from the partners. Documents are checked in parallel; the lists and the
/// diagnostics are then gathered in document order.
pub(super) fn derive_participation(
    documents: &[Document],
    config: &SiteConfig,
    checker: &Checker,
    diagnostics: &mut Diagnostics,
) -> Participation {
    use rayon::prelude::*;
    let checked: Vec<Involved> = documents
        .par_iter()
        .map(|document| check_document(document, config, checker))
        .collect();
    let mut members_by_framework: crate::FastMap<String, Vec<Member>> = crate::FastMap::default();
    let mut participants_by_programme: crate::FastMap<String, Vec<Participant>> =
        crate::FastMap::default();
    let mut contributors_by_operation: crate::FastMap<String, Vec<Contributor>> =
        crate::FastMap::default();
    for found in checked {
        file_under(&mut members_by_framework, found.members);
        file_under(&mut participants_by_programme, found.participants);
        file_under(&mut contributors_by_operation, found.contributors);
        diagnostics.extend(found.diagnostics);
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

/// One document's entries, each with the id of the entity it names, and what is
/// wrong with its metadata.
#[derive(Default)]
struct Involved<'a> {
    members: Vec<(&'a str, Member)>,
    participants: Vec<(&'a str, Participant)>,
    contributors: Vec<(&'a str, Contributor)>,
    diagnostics: Diagnostics,
}

/// Files each entry under the entity it names, in order.
fn file_under<T>(
    lists: &mut crate::FastMap<String, Vec<Involvement<T>>>,
    entries: Vec<(&str, Involvement<T>)>,
) {
    for (target, entry) in entries {
        match lists.get_mut(target) {
            Some(list) => list.push(entry),
            None => {
                lists.insert(target.to_string(), vec![entry]);
            }
        }
    }
}

/// Checks one document's metadata references and gathers its entries.
fn check_document<'a>(
    document: &'a Document,
    config: &SiteConfig,
    checker: &Checker,
) -> Involved<'a> {
    let mut found = Involved::default();
    let diagnostics = &mut found.diagnostics;
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
    // What replaced a framework or programme is one of the same kind.
    let expect_successor =
        |next: &'a Option<String>, kind: EntityKind, diagnostics: &mut Diagnostics| {
            if let Some(next) = next {
                let place = place_of(&[Step::Key("replaced_by")], next);
                checker.expect(next, kind, place, diagnostics);
            }
        };
    match &document.meta {
        Meta::Partner(partner) => {
            check_partner(&document.id, partner, config, file, text, diagnostics);
            let id = &document.id;
            found.members = involve(id, &partner.memberships, checker, place_of, diagnostics);
            found.participants = involve(id, &partner.programmes, checker, place_of, diagnostics);
            found.contributors = involve(id, &partner.operations, checker, place_of, diagnostics);
        }
        Meta::Framework(framework) => {
            expect_successor(&framework.replaced_by, EntityKind::Framework, diagnostics);
            check_span(
                framework.launched,
                framework.ended,
                place_of(&[Step::Key("ended")], ""),
                diagnostics,
            );
        }
        Meta::Programme(programme) => {
            expect_successor(&programme.replaced_by, EntityKind::Programme, diagnostics);
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
    found
}

/// Checks one partner's entries of one kind; returns each entry that names an
/// entity of the right kind, with that entity's id.
pub(super) fn involve<'a, T: PartnerEntry>(
    partner: &str,
    entries: &'a [T],
    checker: &Checker,
    place_of: impl Fn(&[Step<'static>], &'a str) -> Place<'a>,
    diagnostics: &mut Diagnostics,
) -> Vec<(&'a str, Involvement<T>)> {
    let mut involved = Vec::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        let item = |key| [Step::Key(T::KEY), Step::Index(index), Step::Key(key)];
        let place = place_of(&item(T::ID_KEY), entry.target());
        if checker.expect(entry.target(), T::TARGET, place, diagnostics) {
            involved.push((
                entry.target(),
                Involvement {
                    partner: partner.to_string(),
                    entry: entry.clone(),
                },
            ));
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
    involved
}

/// Sorts each list by start date, undated entries last, then by partner; entries
/// alike in both keep their order. The lists are sorted in parallel.
pub(super) fn sort_by_start<T: PartnerEntry + Send>(
    lists: &mut crate::FastMap<String, Vec<Involvement<T>>>,
) {
    use rayon::prelude::*;
    lists.par_iter_mut().for_each(|(_, list)| {
        list.sort_by(|a, b| {
            let (a_from, _) = a.entry.span();
            let (b_from, _) = b.entry.span();
            (a_from.is_none(), a_from, &a.partner).cmp(&(b_from.is_none(), b_from, &b.partner))
        });
    });
}
