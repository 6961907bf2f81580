//! ISO 3166-1 codes: real, unique, and the partner's own.

use std::collections::HashMap;
use std::path::PathBuf;

use super::place::Place;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::yaml::Step;
use crate::model::{Document, Meta};

/// The code Kosovo uses: user-assigned, not in ISO 3166-1, but used by the European
/// Commission, the IMF and others, and the code the map data carries.
const KOSOVO: &str = "XKX";

/// The country ISO 3166-1 knows by this name, if any: names compared without case,
/// spaces or punctuation, then the common short forms.
pub(crate) fn country_named(name: &str) -> Option<celes::Country> {
    let key: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    celes::Country::from_name(&key)
        .or_else(|_| celes::Country::from_alias(&key))
        .ok()
}

/// An `iso` value must be a three-letter code that ISO 3166-1 assigns (or Kosovo's
/// `XKX`). A real code that belongs to another country than the partner's name is
/// a warning: `AUS` for Austria is a typo that no shape check catches.
pub(super) fn check_iso(iso: &str, name: &str) -> Option<Diagnostic> {
    let named = country_named(name);
    let suggestion = named
        .as_ref()
        .map(|c| format!("; the code for {name} is {}", c.alpha3))
        .unwrap_or_default();
    if iso.len() != 3 || !iso.bytes().all(|b| b.is_ascii_uppercase()) {
        return Some(Diagnostic::error(
            PathBuf::new(),
            format!(
                "`iso: {iso}` is not an ISO 3166-1 alpha-3 code (three capital letters){suggestion}"
            ),
        ));
    }
    if iso == KOSOVO {
        return None;
    }
    let Ok(country) = celes::Country::from_alpha3(iso) else {
        return Some(Diagnostic::error(
            PathBuf::new(),
            format!(
                "`iso: {iso}` is not an ISO 3166-1 alpha-3 code{suggestion} (Kosovo's is {KOSOVO})"
            ),
        ));
    };
    match named {
        Some(expected) if expected.alpha3 != country.alpha3 => Some(
            Diagnostic::warning(
                PathBuf::new(),
                format!(
                    "`iso: {iso}` is the code of {}, not of {name} ({})",
                    country.long_name, expected.alpha3
                ),
            )
            .with_code("iso-of-another-country"),
        ),
        _ => None,
    }
}

/// No two partners share an ISO code: the map and the data downloads key on it.
pub(super) fn check_iso_unique(documents: &[Document], diagnostics: &mut Diagnostics) {
    let mut first: HashMap<&str, &Document> = HashMap::new();
    for document in documents {
        let Meta::Partner(partner) = &document.meta else {
            continue;
        };
        let Some(iso) = partner.iso.as_deref() else {
            continue;
        };
        if let Some(earlier) = first.get(iso) {
            let place =
                Place::front_matter(&document.origin.file, &document.text, &[Step::Key("iso")])
                    .or_search(Some("iso"), "", 1);
            diagnostics.push(place.point(Diagnostic::error(
                &document.origin.file,
                format!(
                    "`iso: {iso}` is already the code of `{}` ({}); each partner needs its own",
                    earlier.id,
                    earlier.origin.file.display()
                ),
            )));
        } else {
            first.insert(iso, document);
        }
    }
}
