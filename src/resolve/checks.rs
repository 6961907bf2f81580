//! The checks of the resolve stage: ids registered once, references of the right
//! kind, date spans in order, partner metadata consistent, fragments that exist.
//! Each problem is reported with its file and, looked up only then, its line.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::Named;
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, find_line};
use crate::load::{RESERVED_IDS, is_valid_id};
use crate::markdown::{self, Scan};
use crate::model::{Document, EntityKind, Meta, Origin, PartnerMeta, SiteConfig, Status};

/// Adds an id to the namespace; reports a duplicate with both places.
pub(super) fn register(
    named: &mut HashMap<String, Named>,
    first_origin: &mut HashMap<String, Origin>,
    id: &str,
    what: Named,
    origin: &Origin,
    diagnostics: &mut Diagnostics,
) -> bool {
    if RESERVED_IDS.contains(&id) {
        diagnostics.push(
            Diagnostic::error(
                &origin.file,
                format!(
                    "the id `{id}` is reserved: it names the home page and every section's index page (reserved ids: {}); choose another id (for an entity, rename its file)",
                    RESERVED_IDS.join(", ")
                ),
            )
            .at_line(Some(origin.line)),
        );
        return false;
    }
    if let Some(existing) = named.get(id) {
        let first = &first_origin[id];
        diagnostics.push(
            Diagnostic::error(
                &origin.file,
                format!(
                    "duplicate id `{id}`: already used by the {} in {}:{} (ids are unique across all kinds)",
                    existing.describe(),
                    first.file.display(),
                    first.line
                ),
            )
            .at_line(Some(origin.line)),
        );
        return false;
    }
    named.insert(id.to_string(), what);
    first_origin.insert(id.to_string(), origin.clone());
    true
}

/// Where to point an error. Lines are looked up only when an error is reported,
/// so valid references cost no text search.
#[derive(Clone, Copy)]
pub(super) struct Place<'a> {
    file: &'a Path,
    lookup: Lookup<'a>,
}

#[derive(Clone, Copy)]
enum Lookup<'a> {
    Line(Option<usize>),
    /// `needle` in the block after the line `key:`, or anywhere from line `from`.
    Search {
        text: &'a str,
        key: Option<&'a str>,
        needle: &'a str,
        from: usize,
    },
}

impl<'a> Place<'a> {
    pub(super) fn at(file: &'a Path, line: Option<usize>) -> Self {
        Place {
            file,
            lookup: Lookup::Line(line),
        }
    }

    pub(super) fn search(
        file: &'a Path,
        text: &'a str,
        key: Option<&'a str>,
        needle: &'a str,
        from: usize,
    ) -> Self {
        Place {
            file,
            lookup: Lookup::Search {
                text,
                key,
                needle,
                from,
            },
        }
    }

    fn line(&self) -> Option<usize> {
        match self.lookup {
            Lookup::Line(line) => line,
            Lookup::Search {
                text,
                key: Some(key),
                needle,
                from,
            } => locate(text, key, needle, from),
            Lookup::Search {
                text,
                key: None,
                needle,
                from,
            } => find_line(text, needle, from).or(Some(from)),
        }
    }
}

pub(super) struct Checker<'a> {
    pub(super) named: &'a HashMap<String, Named>,
    pub(super) broken: &'a HashSet<String>,
}

impl Checker<'_> {
    /// Does `id` name an entity of `kind`? Reports the problem if not.
    pub(super) fn expect(
        &self,
        id: &str,
        kind: EntityKind,
        place: Place,
        diagnostics: &mut Diagnostics,
    ) -> bool {
        match self.named.get(id) {
            Some(Named::Entity(found, _)) if *found == kind => true,
            Some(other) => {
                diagnostics.push(
                    Diagnostic::error(
                        place.file,
                        format!(
                            "`{id}` is a {}, but a {} is expected here",
                            other.describe(),
                            kind.singular()
                        ),
                    )
                    .at_line(place.line()),
                );
                false
            }
            None => {
                self.unknown(id, kind.singular(), place, diagnostics);
                false
            }
        }
    }

    pub(super) fn expect_source(
        &self,
        id: &str,
        place: Place,
        diagnostics: &mut Diagnostics,
    ) -> bool {
        match self.named.get(id) {
            Some(Named::Source(_)) => true,
            Some(other) => {
                diagnostics.push(
                    Diagnostic::error(
                        place.file,
                        format!(
                            "`{id}` is a {}, but a source from sources.yaml is expected here",
                            other.describe()
                        ),
                    )
                    .at_line(place.line()),
                );
                false
            }
            None => {
                self.unknown(id, "source", place, diagnostics);
                false
            }
        }
    }

    pub(super) fn expect_any(
        &self,
        id: &str,
        place: Place,
        what: &str,
        diagnostics: &mut Diagnostics,
    ) -> bool {
        if self.named.contains_key(id) {
            return true;
        }
        self.unknown(
            id,
            &format!("entity or source for {what}"),
            place,
            diagnostics,
        );
        false
    }

    fn unknown(&self, id: &str, expected: &str, place: Place, diagnostics: &mut Diagnostics) {
        if self.broken.contains(id) {
            return; // its own file failed to parse and is reported already
        }
        let message = if is_valid_id(id) {
            format!("unknown {expected} `{id}`: no file or entry has that id")
        } else {
            format!("`{id}` is not a valid id (lowercase letters, digits and hyphens only)")
        };
        diagnostics.push(Diagnostic::error(place.file, message).at_line(place.line()));
    }
}

/// The line of `id` within the block that starts at `key:`, or anywhere after.
fn locate(text: &str, key: &str, id: &str, from: usize) -> Option<usize> {
    let key_line = text
        .lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, line)| line.trim_start().starts_with(&format!("{key}:")))
        .map(|(index, _)| index + 1);
    match (key_line, id.is_empty()) {
        (Some(line), true) => Some(line),
        (Some(line), false) => find_line(text, id, line).or(Some(line)),
        (None, false) => find_line(text, id, from),
        (None, true) => None,
    }
}

pub(super) fn check_span(
    from: Option<Date>,
    until: Option<Date>,
    place: Place,
    diagnostics: &mut Diagnostics,
) {
    if let (Some(from), Some(until)) = (from, until)
        && until.is_before(&from)
    {
        diagnostics.push(
            Diagnostic::error(
                place.file,
                format!(
                    "the end ({}) comes before the start ({})",
                    until.iso(),
                    from.iso()
                ),
            )
            .at_line(place.line()),
        );
    }
}

/// The code Kosovo uses: user-assigned, not in ISO 3166-1, but used by the European
/// Commission, the IMF and others, and the code the map data carries.
const KOSOVO: &str = "XKX";

/// The country ISO 3166-1 knows by this name, if any: names compared without case,
/// spaces or punctuation, then the common short forms.
fn country_named(name: &str) -> Option<celes::Country> {
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
fn check_iso(iso: &str, name: &str) -> Option<Diagnostic> {
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
        Some(expected) if expected.alpha3 != country.alpha3 => Some(Diagnostic::warning(
            PathBuf::new(),
            format!(
                "`iso: {iso}` is the code of {}, not of {name} ({})",
                country.long_name, expected.alpha3
            ),
        )),
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
            diagnostics.push(
                Diagnostic::error(
                    &document.origin.file,
                    format!(
                        "`iso: {iso}` is already the code of `{}` ({}); each partner needs its own",
                        earlier.id,
                        earlier.origin.file.display()
                    ),
                )
                .at_line(locate(&document.text, "iso", "", 1)),
            );
        } else {
            first.insert(iso, document);
        }
    }
}

pub(super) fn check_partner(
    id: &str,
    partner: &PartnerMeta,
    config: &SiteConfig,
    file: &Path,
    text: &str,
    diagnostics: &mut Diagnostics,
) {
    let line_of = |key: &str| locate(text, key, "", 1);
    match (&partner.kind, &partner.iso) {
        (crate::model::PartnerKind::Country, None) => diagnostics.push(
            Diagnostic::error(
                file,
                format!("country `{id}` needs an `iso` code (ISO 3166-1 alpha-3, e.g. AUT)"),
            )
            .at_line(line_of("kind")),
        ),
        (_, Some(iso)) => {
            if let Some(diagnostic) = check_iso(iso, &partner.name) {
                diagnostics.push(Diagnostic {
                    file: file.to_path_buf(),
                    line: line_of("iso"),
                    ..diagnostic
                });
            }
        }
        _ => {}
    }
    if partner.status == Status::Member {
        match partner.nato_member {
            None => diagnostics.push(
                Diagnostic::error(
                    file,
                    "status `member` needs `nato_member`: the date of accession to NATO",
                )
                .at_line(line_of("status")),
            ),
            Some(date) if config.status_as_of.is_before(&date) => diagnostics.push(
                Diagnostic::error(
                    file,
                    format!(
                        "status `member`, but `nato_member` ({}) is after status_as_of ({})",
                        date.iso(),
                        config.status_as_of.iso()
                    ),
                )
                .at_line(line_of("nato_member")),
            ),
            Some(_) => {}
        }
    }
    let mut seen = HashSet::new();
    for membership in &partner.memberships {
        let key = (&membership.framework, membership.from);
        if !seen.insert(key) {
            diagnostics.push(
                Diagnostic::error(
                    file,
                    format!(
                        "membership of `{}` is written twice with the same start",
                        membership.framework
                    ),
                )
                .at_line(locate(text, "memberships", &membership.framework, 1)),
            );
        }
    }
}

pub(super) fn check_fragment(
    scans: &HashMap<String, Scan>,
    named: &HashMap<String, Named>,
    reference: &markdown::Reference,
    fragment: &str,
    place: Place,
    diagnostics: &mut Diagnostics,
) {
    let known = match named.get(&reference.id) {
        Some(Named::Entity(..)) => {
            scans
                .get(&reference.id)
                .is_some_and(|scan| scan.heading_ids.iter().any(|h| h == fragment))
                || markdown::SECTION_IDS.contains(&fragment)
        }
        _ => true,
    };
    if !known {
        diagnostics.push(
            Diagnostic::error(
                place.file,
                format!(
                    "`{}#{fragment}`: `{fragment}` is not a heading or section on that page",
                    reference.id
                ),
            )
            .at_line(place.line()),
        );
    }
}
