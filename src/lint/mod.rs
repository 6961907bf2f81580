//! Warnings about content that is valid but incomplete: entities without sources,
//! partners without a narrative, events that name no entity, acronyms missing from
//! the glossary, sources nobody cites; and about records the rest of the graph
//! contradicts (`graph.rs`). They never fail a build, and a record may silence one
//! on purpose (`resolve/silence.rs`).

mod graph;

use std::collections::{BTreeSet, HashSet};

use crate::diagnostics::{Diagnostic, Diagnostics, find_line, find_word_span};
use crate::load::frontmatter;
use crate::load::yaml::{self, Step};
use crate::markdown;
use crate::model::{Document, EntityKind, Meta};
use crate::resolve::{Event, Site};

pub fn lint(site: &Site) -> Diagnostics {
    use rayon::prelude::*;
    let terms: HashSet<&str> = site.glossary.iter().map(|g| g.term.as_str()).collect();
    // Documents are linted in parallel; their warnings are kept in document order.
    let per_document: Vec<Diagnostics> = site
        .documents
        .par_iter()
        .map(|document| lint_document(site, &terms, document))
        .collect();
    let mut warnings = Diagnostics::new();
    for found in per_document {
        warnings.extend(found);
    }
    for event in &site.events {
        if names_nothing(site, event) {
            warnings.push(
                Diagnostic::warning(
                    &event.entry.origin.file,
                    format!(
                        "event `{}` names no partner, framework, programme or operation",
                        event.entry.record.title
                    ),
                )
                .with_code("event-names-nothing")
                .at_line(Some(event.entry.origin.line)),
            );
        }
    }
    for source in &site.sources {
        if !site.citers.contains_key(&source.id) {
            warnings.push(
                Diagnostic::warning(
                    "content/sources.yaml",
                    format!("source `{}` is never cited", source.id),
                )
                .with_code("source-never-cited"),
            );
        }
    }
    graph::check(site, &mut warnings);
    warnings
}

/// The warnings about one document's own content.
fn lint_document(site: &Site, terms: &HashSet<&str>, document: &Document) -> Diagnostics {
    let mut warnings = Diagnostics::new();
    let file = &document.origin.file;
    let kind = document.meta.kind();
    let cites_inline = site
        .scans
        .get(&document.id)
        .is_some_and(|s| s.references.iter().any(|r| r.is_citation));
    if kind != EntityKind::Page && document.meta.sources().is_empty() && !cites_inline {
        warnings.push(
            Diagnostic::warning(
                file,
                format!("{} `{}` has no sources", kind.singular(), document.id),
            )
            .with_code("no-sources")
            .at_line(Some(1)),
        );
    }
    if kind == EntityKind::Partner && document.body().trim().is_empty() {
        warnings.push(
            Diagnostic::warning(file, format!("partner `{}` has no narrative", document.id))
                .with_code("no-narrative")
                .at_line(Some(document.body_line)),
        );
    }
    let acronym = match &document.meta {
        Meta::Framework(m) => m.acronym.as_deref(),
        Meta::Programme(m) => m.acronym.as_deref(),
        Meta::Operation(m) => m.acronym.as_deref(),
        _ => None,
    };
    if let Some(acronym) = acronym
        && looks_like_acronym(acronym)
        && !terms.contains(acronym)
    {
        let warning = Diagnostic::warning(
            file,
            format!("acronym `{acronym}` is missing from glossary.yaml"),
        )
        .with_code("acronym-not-in-glossary");
        let written = frontmatter::split(&document.text).ok().and_then(|split| {
            let front = split.front_matter?;
            yaml::locate(front, split.front_matter_line, &[Step::Key("acronym")])
        });
        warnings.push(match written {
            Some((start, end)) => warning.spanning(start, end),
            None => warning.at_line(find_line(&document.text, "acronym", 1)),
        });
    }
    let mut missing = BTreeSet::new();
    for word in acronyms_in(document.body()) {
        let known_parts = word.contains('-') && word.split('-').all(|part| terms.contains(part));
        if !terms.contains(word) && !known_parts {
            missing.insert(word);
        }
    }
    for word in missing {
        let warning = Diagnostic::warning(
            file,
            format!("acronym `{word}` is missing from glossary.yaml"),
        )
        .with_code("acronym-not-in-glossary");
        warnings.push(
            match find_word_span(&document.text, word, document.body_line) {
                Some((start, end)) => warning.spanning(start, end),
                None => warning.at_line(find_line(&document.text, word, document.body_line)),
            },
        );
    }
    warnings
}

/// Two or more capitals (digits and inner hyphens allowed), e.g. `PfP` is not
/// matched but `EAPC`, `PAP-DIB` and `NTM-I` are.
fn looks_like_acronym(word: &str) -> bool {
    let capitals = word.bytes().filter(u8::is_ascii_uppercase).count();
    capitals >= 2
        && word
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
        && word.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
}

/// Acronym-like words in prose, outside code and link targets.
fn acronyms_in(body: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut in_code = false;
    for line in body.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        // Words are runs of ASCII letters, digits and hyphens, so splitting the bytes
        // cuts only between characters.
        let words = line
            .as_bytes()
            .split(|b| !(b.is_ascii_alphanumeric() || *b == b'-'))
            .filter_map(|word| std::str::from_utf8(word).ok());
        for word in words {
            let word = word.trim_matches('-');
            if looks_like_acronym(word) {
                found.push(word);
            }
        }
    }
    found
}

/// Does the event name no entity at all? An id in its lists or a link in its
/// summary that does not resolve is an error already (the event does name
/// something, misspelt), so such an event is not also said to name nothing.
fn names_nothing(site: &Site, event: &Event) -> bool {
    let record = &event.entry.record;
    let lists = [
        &record.partners,
        &record.frameworks,
        &record.programmes,
        &record.operations,
    ];
    event.names.is_empty()
        && lists.iter().all(|ids| ids.is_empty())
        && !markdown::scan(&record.summary)
            .references
            .iter()
            .any(|r| !r.is_citation && !site.named.contains_key(&r.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_acronyms() {
        assert!(looks_like_acronym("EAPC"));
        assert!(looks_like_acronym("PAP-DIB"));
        assert!(!looks_like_acronym("PfP"));
        assert!(!looks_like_acronym("A"));
        assert_eq!(
            acronyms_in("The EAPC and `x` [[pfp]]\n```\nNOPE\n```\nKFOR.\nÜNATO–EAPC-"),
            ["EAPC", "KFOR", "NATO", "EAPC"]
        );
    }
}
