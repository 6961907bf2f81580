//! Bodies: scanned once for links, citations and heading ids; every link and
//! citation checked; who links to what and who cites what recorded.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use super::checks::{Checker, check_fragment};
use super::place::Place;
use super::*;
use crate::diagnostics::Diagnostics;
use crate::load::yaml::Step;
use crate::model::Document;

/// Each body's scan, by document id (`index` for the home page).
pub type Scans = crate::FastMap<String, Arc<Scan>>;

/// Bodies are scanned once (in parallel) for links, citations and heading ids. A
/// body that is the same as in `previous` keeps that site's scan.
pub(super) fn scan_bodies(
    documents: &[Document],
    home: Option<&Document>,
    previous: Option<&Site>,
) -> Scans {
    use rayon::prelude::*;
    let before: HashMap<&str, &str> = previous
        .map(|site| {
            site.documents
                .iter()
                .chain(&site.home)
                .map(|d| (d.id.as_str(), d.body()))
                .collect()
        })
        .unwrap_or_default();
    let scanned: Vec<(String, Arc<Scan>)> = documents
        .par_iter()
        .chain(home.into_par_iter())
        .map(|d| {
            let kept = previous
                .filter(|_| before.get(d.id.as_str()) == Some(&d.body()))
                .and_then(|site| site.scans.get(&d.id));
            let scan = match kept {
                Some(scan) => Arc::clone(scan),
                None => Arc::new(markdown::scan(d.body())),
            };
            (d.id.clone(), scan)
        })
        .collect();
    scanned.into_iter().collect()
}

/// Who links to each id and who cites each source, gathered unsorted and with
/// repeats; [`into_sets`] sorts them once at the end.
pub(super) type Backlinks = crate::FastMap<String, Vec<String>>;
pub(super) type Citers = crate::FastMap<String, Vec<Citer>>;

/// Each id's gathered list as a sorted set. Sorting each list once costs far less
/// than inserting into a set one at a time.
pub(super) fn into_sets<T: Ord>(
    grouped: crate::FastMap<String, Vec<T>>,
) -> crate::FastMap<String, BTreeSet<T>> {
    grouped
        .into_iter()
        .map(|(id, list)| (id, list.into_iter().collect()))
        .collect()
}

/// Checks every link and citation in the bodies and every listed source, and
/// records who links to what and who cites what. Documents are checked in
/// parallel; their diagnostics are kept in document order.
pub(super) fn link_bodies(
    documents: &[Document],
    home: Option<&Document>,
    scans: &Scans,
    checker: &Checker,
    diagnostics: &mut Diagnostics,
) -> (Backlinks, Citers) {
    use rayon::prelude::*;
    let linked: Vec<Linked> = documents
        .par_iter()
        .chain(home.into_par_iter())
        .map(|document| link_body(document, scans, checker))
        .collect();
    let mut backlinks = Backlinks::default();
    let mut citers = Citers::default();
    for found in linked {
        for target in found.links {
            push_to(&mut backlinks, target, found.id.to_string());
        }
        for source in found.cites {
            push_to(&mut citers, source, Citer::Document(found.id.to_string()));
        }
        diagnostics.extend(found.diagnostics);
    }
    (backlinks, citers)
}

/// What one document links to and cites (as written, with repeats), and what is
/// wrong with its links.
struct Linked<'a> {
    id: &'a str,
    links: Vec<&'a str>,
    cites: Vec<&'a str>,
    diagnostics: Diagnostics,
}

fn link_body<'a>(document: &'a Document, scans: &'a Scans, checker: &Checker) -> Linked<'a> {
    let mut found = Linked {
        id: &document.id,
        links: Vec::new(),
        cites: Vec::new(),
        diagnostics: Diagnostics::new(),
    };
    let diagnostics = &mut found.diagnostics;
    let scan = &scans[&document.id];
    for reference in &scan.references {
        let place = Place::in_body(
            &document.origin.file,
            document.body(),
            document.body_line,
            reference.span.clone(),
        );
        if reference.is_citation {
            if checker.expect_source(&reference.id, place, diagnostics) {
                found.cites.push(&reference.id);
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
            found.links.push(&reference.id);
        }
    }
    for (index, source) in document.meta.sources().iter().enumerate() {
        let path = [Step::Key("sources"), Step::Index(index)];
        let place = Place::front_matter(&document.origin.file, &document.text, &path)
            .or_search(None, source, 1);
        if checker.expect_source(source, place, diagnostics) {
            found.cites.push(source);
        }
    }
    found
}

/// Adds `value` to the list of `key`, making the key only the first time.
fn push_to<T>(grouped: &mut crate::FastMap<String, Vec<T>>, key: &str, value: T) {
    match grouped.get_mut(key) {
        Some(list) => list.push(value),
        None => {
            grouped.insert(key.to_string(), vec![value]);
        }
    }
}
