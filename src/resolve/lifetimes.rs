//! A membership ends when its framework ends, and a programme use when its
//! programme ends. An entry written without `until` in a framework or programme
//! that has `ended` is given that end, so that no page shows a partner "ongoing" in
//! something that no longer exists. An entry whose own dates fall outside the life
//! of what it belongs to is left as written, and `check` warns about it
//! (`lint/graph.rs`).

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
    let end = |id: &str, from: Option<Date>, until: &mut Option<Date>| {
        if until.is_none()
            && let Some(ended) = ended.get(id)
            && from.is_none_or(|from| !ended.is_before(&from))
        {
            *until = Some(*ended);
        }
    };
    for document in documents.iter_mut() {
        let Meta::Partner(partner) = &mut document.meta else {
            continue;
        };
        for membership in &mut partner.memberships {
            end(
                &membership.framework,
                membership.from,
                &mut membership.until,
            );
        }
        for programme in &mut partner.programmes {
            end(&programme.id, programme.from, &mut programme.until);
        }
    }
}
