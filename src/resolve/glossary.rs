//! Glossary terms: each defined once, each `refers_to` an existing id.

use std::collections::HashSet;
use std::path::PathBuf;

use super::checks::Checker;
use super::place::Place;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::yaml::Step;
use crate::model::{GlossaryEntry, Origin};

/// Glossary terms: each defined once, each `refers_to` an existing id.
pub(super) fn resolve_glossary(
    glossary_entries: Vec<(GlossaryEntry, Origin)>,
    texts: &crate::FastMap<PathBuf, String>,
    checker: &Checker,
    diagnostics: &mut Diagnostics,
) -> Vec<GlossaryEntry> {
    let mut glossary = Vec::new();
    let mut terms = HashSet::new();
    for (entry, origin) in glossary_entries {
        let text = texts.get(&origin.file).map(String::as_str).unwrap_or("");
        let place_of = |key, needle| {
            Place::yaml_file(
                &origin.file,
                text,
                &[Step::ItemFromLine(origin.line), Step::Key(key)],
            )
            .or_search(None, needle, origin.line)
        };
        if !terms.insert(entry.term.clone()) {
            diagnostics.push(place_of("term", "").point(Diagnostic::error(
                &origin.file,
                format!("glossary term `{}` is defined twice", entry.term),
            )));
        }
        if let Some(target) = &entry.refers_to {
            let place = place_of("refers_to", target);
            checker.expect_any(target, place, "refers_to", diagnostics);
        }
        glossary.push(entry);
    }
    glossary.sort_by_key(|e| e.term.to_lowercase());

    glossary
}
