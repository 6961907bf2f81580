//! Bodies: scanned once for links, citations and heading ids; every link and
//! citation checked; who links to what and who cites what recorded.

use std::collections::{BTreeSet, HashMap};

use super::checks::{Checker, check_fragment};
use super::place::Place;
use super::*;
use crate::diagnostics::{Diagnostics, Position, position_of_offset};
use crate::load::yaml::Step;
use crate::model::Document;

/// Bodies are scanned once (in parallel) for links, citations and heading ids.
pub(super) fn scan_bodies(
    documents: &[Document],
    home: Option<&Document>,
) -> HashMap<String, Scan> {
    use rayon::prelude::*;
    let scanned: Vec<(String, Scan)> = documents
        .par_iter()
        .chain(home.into_par_iter())
        .map(|d| (d.id.clone(), markdown::scan(&d.body)))
        .collect();
    scanned.into_iter().collect()
}

pub(super) type Backlinks = HashMap<String, BTreeSet<String>>;
pub(super) type Citers = HashMap<String, BTreeSet<Citer>>;

/// Checks every link and citation in the bodies and every listed source, and
/// records who links to what and who cites what.
pub(super) fn link_bodies(
    documents: &[Document],
    home: Option<&Document>,
    scans: &HashMap<String, Scan>,
    checker: &Checker,
    diagnostics: &mut Diagnostics,
) -> (Backlinks, Citers) {
    let mut backlinks: HashMap<String, BTreeSet<String>> = HashMap::new();
    let mut citers: HashMap<String, BTreeSet<Citer>> = HashMap::new();
    for document in documents.iter().chain(home) {
        let scan = &scans[&document.id];
        // The body starts at the start of line `body_line`: columns are the file's.
        let in_file = |offset| {
            let Position { line, column } = position_of_offset(&document.body, offset);
            Position::new(document.body_line + line - 1, column)
        };
        for reference in &scan.references {
            let place = Place::span(
                &document.origin.file,
                in_file(reference.span.start),
                in_file(reference.span.end),
            );
            if reference.is_citation {
                if checker.expect_source(&reference.id, place, diagnostics) {
                    citers
                        .entry(reference.id.clone())
                        .or_default()
                        .insert(Citer::Document(document.id.clone()));
                }
                continue;
            }
            if !checker.expect_any(&reference.id, place, "a link", diagnostics) {
                continue;
            }
            if let Some(fragment) = &reference.fragment {
                check_fragment(
                    scans,
                    checker.named,
                    reference,
                    fragment,
                    place,
                    diagnostics,
                );
            }
            if reference.id != document.id {
                backlinks
                    .entry(reference.id.clone())
                    .or_default()
                    .insert(document.id.clone());
            }
        }
        for (index, source) in document.meta.sources().iter().enumerate() {
            let path = [Step::Key("sources"), Step::Index(index)];
            let place = Place::front_matter(&document.origin.file, &document.text, &path)
                .or_search(None, source, 1);
            if checker.expect_source(source, place, diagnostics) {
                citers
                    .entry(source.clone())
                    .or_default()
                    .insert(Citer::Document(document.id.clone()));
            }
        }
    }

    (backlinks, citers)
}
