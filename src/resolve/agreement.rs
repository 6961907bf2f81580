//! Events agree with the records. An `accession` event that names a partner falls
//! on that partner's `nato_member` date; a `membership` event that names a partner
//! and a framework falls on the start or the end of one of that partner's
//! memberships of it. Dates are compared at the precision both give (`1994` agrees
//! with `1994-02-08`). A mismatch is a warning at the event's date, unless the event
//! records the disagreement in `differs_from_record`, which the site shows with the
//! event wherever it appears.

use std::collections::HashMap;
use std::path::PathBuf;

use super::Event;
use super::place::Place;
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::yaml::Step;
use crate::model::{Document, EventKind, Meta, PartnerMeta};

/// Reports events that contradict the partners' records.
pub(super) fn check_events_against_records(
    events: &[Event],
    documents: &[Document],
    texts: &crate::FastMap<PathBuf, String>,
    diagnostics: &mut Diagnostics,
) {
    let partners: HashMap<&str, &PartnerMeta> = documents
        .iter()
        .filter_map(|d| match &d.meta {
            Meta::Partner(p) => Some((d.id.as_str(), p)),
            _ => None,
        })
        .collect();
    for event in events {
        let record = &event.entry.record;
        if record.differs_from_record.is_some() {
            continue;
        }
        let origin = &event.entry.origin;
        let text = texts.get(&origin.file).map(String::as_str).unwrap_or("");
        let place = Place::yaml_file(
            &origin.file,
            text,
            &[Step::ItemFromLine(origin.line), Step::Key("date")],
        );
        for id in &record.partners {
            let Some(partner) = partners.get(id.as_str()) else {
                continue; // an unknown id is reported elsewhere
            };
            let problem = match record.kind {
                EventKind::Accession => accession_problem(id, partner, record.date),
                // An event may name a framework that only witnessed it (ministers of
                // one council welcoming a signature to another): one must agree.
                EventKind::Membership => {
                    let problems: Vec<String> = record
                        .frameworks
                        .iter()
                        .filter_map(|f| membership_problem(id, partner, f, record.date))
                        .collect();
                    (problems.len() == record.frameworks.len())
                        .then(|| problems.into_iter().next())
                        .flatten()
                }
                _ => None,
            };
            if let Some(message) = problem {
                diagnostics.push(place.point(Diagnostic::warning("", message).with_code("event-disagrees-with-record").with_help(
                    "correct whichever date the sources do not support, or keep both and explain in the event's `differs_from_record`",
                )));
            }
        }
    }
}

/// Same date, at the precision both give.
fn agree(a: Date, b: Date) -> bool {
    !a.is_before(&b) && !b.is_before(&a)
}

fn accession_problem(id: &str, partner: &PartnerMeta, date: Date) -> Option<String> {
    match partner.nato_member {
        None => Some(format!(
            "an accession event names `{id}`, which records no `nato_member` date"
        )),
        Some(joined) if !agree(joined, date) => Some(format!(
            "this accession event is dated {}, but `{id}` records `nato_member: {}`",
            date.text(),
            joined.iso()
        )),
        Some(_) => None,
    }
}

fn membership_problem(
    id: &str,
    partner: &PartnerMeta,
    framework: &str,
    date: Date,
) -> Option<String> {
    let memberships: Vec<_> = partner
        .memberships
        .iter()
        .filter(|m| m.framework == framework)
        .collect();
    if memberships.is_empty() {
        return Some(format!(
            "this membership event names `{id}` and `{framework}`, but `{id}` records no membership of `{framework}`"
        ));
    }
    let matches = |d: Option<Date>| d.is_some_and(|d| agree(d, date));
    // The end the site derives at accession is not one the sources gave.
    let recorded_end =
        |m: &&crate::model::Membership| (!m.ends_at_accession).then_some(m.until).flatten();
    if memberships
        .iter()
        .any(|m| matches(m.from) || matches(recorded_end(m)))
    {
        return None;
    }
    let written: Vec<String> = memberships
        .iter()
        .map(|m| {
            let from = m.from.map_or("?".to_string(), |d| d.iso());
            match recorded_end(m) {
                Some(until) => format!("{from} to {}", until.iso()),
                None => format!("from {from}"),
            }
        })
        .collect();
    Some(format!(
        "this membership event is dated {}, but `{id}` records its membership of `{framework}` {}",
        date.text(),
        written.join(", ")
    ))
}
