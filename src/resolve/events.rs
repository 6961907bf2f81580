//! Timeline events: checked, sorted by date, anchored, with every entity they name.

use std::collections::HashSet;
use std::path::PathBuf;

use super::checks::Checker;
use super::links::Citers;
use super::place::Place;
use super::*;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::yaml::Step;
use crate::model::{EventEntry, SiteConfig};

/// Events: checked, sorted by date, anchored, with every entity they name.
/// Event anchors (`e1994-01-10-…`) are cut to this many bytes, at a character boundary.
const ANCHOR_MAX_BYTES: usize = 80;

pub(super) fn resolve_events(
    event_entries: Vec<EventEntry>,
    config: &SiteConfig,
    texts: &crate::FastMap<PathBuf, String>,
    checker: &Checker,
    citers: &mut Citers,
    diagnostics: &mut Diagnostics,
) -> Vec<Event> {
    use rayon::prelude::*;
    let mut sorted_entries = event_entries;
    sorted_entries.sort_by_key(|e| e.record.date);
    // Each event is checked on its own, in parallel; anchors, which must differ
    // from every earlier one, and the citing events are then given in date order.
    let checked: Vec<Checked> = sorted_entries
        .par_iter()
        .map(|entry| check_event(entry, config, texts, checker))
        .collect();
    let mut anchors = HashSet::new();
    let mut events = Vec::with_capacity(sorted_entries.len());
    for (entry, checked) in sorted_entries.into_iter().zip(checked) {
        diagnostics.extend(checked.diagnostics);
        let index = events.len();
        for source in checked.sources {
            citers.entry(source).or_default().push(Citer::Event(index));
        }
        let mut anchor = checked.anchor;
        let base = anchor.clone();
        let mut counter = 1;
        while !anchors.insert(anchor.clone()) {
            counter += 1;
            anchor = format!("{base}-{counter}");
        }
        events.push(Event {
            entry,
            anchor,
            names: checked.names,
        });
    }
    events
}

/// What checking one event finds: the entities it names, the sources it lists or
/// cites that exist (as often as it names them), its anchor before it is made
/// unique, and what is wrong with it.
struct Checked {
    names: Vec<String>,
    sources: Vec<String>,
    anchor: String,
    diagnostics: Diagnostics,
}

fn check_event(
    entry: &EventEntry,
    config: &SiteConfig,
    texts: &crate::FastMap<PathBuf, String>,
    checker: &Checker,
) -> Checked {
    let mut found = Diagnostics::new();
    let diagnostics = &mut found;
    let file = &entry.origin.file;
    let text = texts.get(file).map(String::as_str).unwrap_or("");
    let start = entry.origin.line;
    // The value at `path` in this event's entry; failing that, the line of
    // `needle` from the entry's start.
    let place_of = |path: &[Step<'static>], needle| {
        let mut steps = vec![Step::ItemFromLine(start)];
        steps.extend_from_slice(path);
        Place::yaml_file(file, text, &steps).or_search(None, needle, start)
    };
    let record = &entry.record;
    let range = config.timeline;
    if record.date.year < range.start || record.date.year > range.end {
        diagnostics.push(
            place_of(&[Step::Key("date")], "date").point(Diagnostic::error(
                file,
                format!(
                    "event `{}` is dated {}, outside the timeline ({}–{} in site.yaml)",
                    record.title,
                    record.date.iso(),
                    range.start,
                    range.end
                ),
            )),
        );
    }
    let mut names: Vec<String> = Vec::new();
    let lists = [
        (&record.partners, EntityKind::Partner, "partners"),
        (&record.frameworks, EntityKind::Framework, "frameworks"),
        (&record.programmes, EntityKind::Programme, "programmes"),
        (&record.operations, EntityKind::Operation, "operations"),
    ];
    for (ids, kind, key) in lists {
        for (index, id) in ids.iter().enumerate() {
            let place = place_of(&[Step::Key(key), Step::Index(index)], id);
            if checker.expect(id, kind, place, diagnostics) && !names.contains(id) {
                names.push(id.clone());
            }
        }
    }
    let summary_scan = markdown::scan(&record.summary);
    let in_summary = |id| place_of(&[Step::Key("summary")], id).word(id);
    for reference in &summary_scan.references {
        let place = in_summary(&reference.id);
        if reference.is_citation {
            checker.expect_source(&reference.id, place, diagnostics);
        } else if checker.expect_any(&reference.id, place, "a link", diagnostics)
            && !names.contains(&reference.id)
            && !matches!(checker.named.get(&reference.id), Some(Named::Source(_)))
        {
            names.push(reference.id.clone());
        }
    }
    let listed = record.sources.iter().enumerate().map(|(number, id)| {
        (
            id,
            place_of(&[Step::Key("sources"), Step::Index(number)], id),
        )
    });
    let cited = summary_scan
        .references
        .iter()
        .filter(|r| r.is_citation)
        .map(|r| (&r.id, in_summary(&r.id)));
    let mut sources = Vec::new();
    for (source, place) in listed.chain(cited) {
        if checker.expect_source(source, place, diagnostics) {
            sources.push(source.clone());
        }
    }
    let full = format!(
        "e{}-{}",
        record.date.iso(),
        markdown::slugify(&record.title)
    );
    let anchor = text::prefix(&full, ANCHOR_MAX_BYTES)
        .trim_end_matches('-')
        .to_string();
    Checked {
        names,
        sources,
        anchor,
        diagnostics: found,
    }
}
