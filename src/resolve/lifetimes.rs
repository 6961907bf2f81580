//! A membership ends when its framework ends, and a programme use when its
//! programme ends. An entry written without `until` in a framework or programme
//! that has `ended` is given that end, so that no page shows a partner "ongoing" in
//! something that no longer exists; so is an entry that accession would end after
//! that date. An entry whose own dates fall outside the life of what it belongs to
//! is left as written, and `check` warns about it (`lint/graph.rs`).

use std::collections::HashMap;

use crate::date::Date;
use crate::model::{Document, Meta};

/// Ends open memberships and programme uses when their framework or programme
/// ended.
pub(super) fn end_with_their_framework_or_programme(documents: &mut [Document]) {
    let ended: HashMap<String, Date> = documents
        .iter()
        .filter_map(|d| {
            let ended = match &d.meta {
                Meta::Framework(f) => f.ended,
                Meta::Programme(p) => p.ended,
                _ => None,
            };
            Some((d.id.clone(), ended?))
        })
        .collect();
    if ended.is_empty() {
        return;
    }
    // `at_accession`: the end was not written but set at the partner's accession
    // (resolve/accession.rs), which may fall after the framework or programme ended.
    let end = |id: &str, from: Option<Date>, until: &mut Option<Date>, at_accession: &mut bool| {
        let Some(ended) = ended.get(id) else {
            return;
        };
        let open = until.is_none_or(|until| *at_accession && ended.is_before(&until));
        if open && from.is_none_or(|from| !ended.is_before(&from)) {
            *until = Some(*ended);
            *at_accession = false;
        }
    };
    for document in documents.iter_mut() {
        let Meta::Partner(partner) = &mut document.meta else {
            continue;
        };
        for m in &mut partner.memberships {
            end(&m.framework, m.from, &mut m.until, &mut m.ends_at_accession);
        }
        for p in &mut partner.programmes {
            end(&p.id, p.from, &mut p.until, &mut p.ends_at_accession);
        }
    }
}
