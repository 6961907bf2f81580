//! The checks of the resolve stage: ids registered once, references of the right
//! kind, date spans in order, partner metadata consistent, fragments that exist.
//! Each problem is reported with its file and, looked up only then, the exact value
//! at fault (or, failing that, its line).

use std::collections::HashSet;
use std::path::Path;

use super::Named;
use super::Scans;
use super::iso::check_iso;
use super::place::Place;
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, closest};
use crate::load::yaml::Step;
use crate::load::{RESERVED_IDS, is_valid_id};
use crate::markdown;
use crate::model::{EntityKind, Origin, PartnerMeta, SiteConfig, Status};
use crate::text::with_article;

/// Adds an id to the namespace; reports a duplicate with both places. `place` is
/// where the id is written.
pub(super) fn register(
    named: &mut crate::FastMap<String, Named>,
    first_origin: &mut crate::FastMap<String, Origin>,
    id: &str,
    what: Named,
    origin: &Origin,
    place: Place,
    diagnostics: &mut Diagnostics,
) -> bool {
    if RESERVED_IDS.contains(&id) {
        diagnostics.push(place.point(Diagnostic::error(
            &origin.file,
            format!(
                "the id `{id}` is reserved: it names the home page and every section's index page (reserved ids: {}); choose another id (for an entity, rename its file)",
                RESERVED_IDS.join(", ")
            ),
        )));
        return false;
    }
    if let Some(existing) = named.get(id) {
        let first = &first_origin[id];
        diagnostics.push(place.point(Diagnostic::error(
            &origin.file,
            format!(
                "duplicate id `{id}`: already used by the {} in {}:{} (ids are unique across all kinds)",
                existing.describe(),
                first.file.display(),
                first.line
            ),
        )));
        return false;
    }
    named.insert(id.to_string(), what);
    first_origin.insert(id.to_string(), origin.clone());
    true
}

pub(super) struct Checker<'a> {
    pub(super) named: &'a crate::FastMap<String, Named>,
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
        let of_kind = |named: &Named| matches!(named, Named::Entity(found, _) if *found == kind);
        // The usual case, before anything is written for a message.
        if self.named.get(id).is_some_and(of_kind) {
            return true;
        }
        let expected = with_article(kind.singular());
        self.expect_named(
            id,
            (kind.singular(), &expected),
            of_kind,
            place,
            diagnostics,
        )
    }

    /// Does `id` name a source? Reports the problem if not.
    pub(super) fn expect_source(
        &self,
        id: &str,
        place: Place,
        diagnostics: &mut Diagnostics,
    ) -> bool {
        let is_source = |named: &Named| matches!(named, Named::Source(_));
        let expected = ("source", "a source from sources.yaml");
        self.expect_named(id, expected, is_source, place, diagnostics)
    }

    /// Does `id` name something `accept` takes? `expected` is what is expected, as a
    /// word for suggestions and as a phrase for the message.
    fn expect_named(
        &self,
        id: &str,
        (word, phrase): (&str, &str),
        accept: impl Fn(&Named) -> bool + Copy,
        place: Place,
        diagnostics: &mut Diagnostics,
    ) -> bool {
        match self.named.get(id) {
            Some(named) if accept(named) => true,
            Some(other) => {
                let message = format!(
                    "`{id}` is {}, but {phrase} is expected here",
                    with_article(other.describe())
                );
                let help = self.suggest(id, word, accept);
                diagnostics.push(
                    place.point(Diagnostic::error(place.file, message).with_optional_help(help)),
                );
                false
            }
            None => {
                self.unknown(id, word, place, accept, diagnostics);
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
            |_| true,
            diagnostics,
        );
        false
    }

    fn unknown(
        &self,
        id: &str,
        expected: &str,
        place: Place,
        accept: impl Fn(&Named) -> bool,
        diagnostics: &mut Diagnostics,
    ) {
        if self.broken.contains(id) {
            return; // its own file failed to parse and is reported already
        }
        let message = if is_valid_id(id) {
            format!("unknown {expected} `{id}`: no file or entry has that id")
        } else {
            format!("`{id}` is not a valid id (lowercase letters, digits and hyphens only)")
        };
        let what = expected.split(' ').next().unwrap_or(expected);
        let help = self.suggest(id, what, accept);
        diagnostics
            .push(place.point(Diagnostic::error(place.file, message).with_optional_help(help)));
    }

    /// "did you mean the framework `pfp`?" for the closest id that `accept`s.
    fn suggest(&self, id: &str, what: &str, accept: impl Fn(&Named) -> bool) -> Option<String> {
        let candidates = self
            .named
            .iter()
            .filter(|(_, named)| accept(named))
            .map(|(candidate, _)| candidate.as_str());
        let found = closest(id, candidates)?;
        let what = match self.named.get(found) {
            Some(named) if what == "entity" => named.describe(),
            _ => what,
        };
        Some(format!("did you mean the {what} `{found}`?"))
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
        diagnostics.push(place.point(Diagnostic::error(
            place.file,
            format!(
                "the end ({}) comes before the start ({})",
                until.iso(),
                from.iso()
            ),
        )));
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
    let place_of = |key: &'static str| {
        Place::front_matter(file, text, &[Step::Key(key)]).or_search(Some(key), "", 1)
    };
    match (&partner.kind, &partner.iso) {
        (crate::model::PartnerKind::Country, None) => {
            diagnostics.push(place_of("kind").point(Diagnostic::error(
                file,
                format!("country `{id}` needs an `iso` code (ISO 3166-1 alpha-3, e.g. AUT)"),
            )))
        }
        (_, Some(iso)) => {
            if let Some(diagnostic) = check_iso(iso, &partner.name) {
                diagnostics.push(place_of("iso").point(diagnostic));
            }
        }
        _ => {}
    }
    if partner.status == Status::Member {
        match partner.nato_member {
            None => diagnostics.push(
                place_of("status").point(
                    Diagnostic::error(
                        file,
                        "status `member` needs `nato_member`: the date of accession to NATO",
                    )
                    .with_help("add `nato_member: YYYY-MM-DD`"),
                ),
            ),
            Some(date) if config.status_as_of.is_before(&date) => {
                diagnostics.push(place_of("nato_member").point(Diagnostic::error(
                    file,
                    format!(
                        "status `member`, but `nato_member` ({}) is after status_as_of ({})",
                        date.iso(),
                        config.status_as_of.iso()
                    ),
                )))
            }
            Some(_) => {}
        }
    }
    let mut seen = HashSet::new();
    for (index, membership) in partner.memberships.iter().enumerate() {
        let key = (&membership.framework, membership.from);
        if !seen.insert(key) {
            let path = [
                Step::Key("memberships"),
                Step::Index(index),
                Step::Key("framework"),
            ];
            let place = Place::front_matter(file, text, &path).or_search(
                Some("memberships"),
                &membership.framework,
                1,
            );
            diagnostics.push(place.point(Diagnostic::error(
                file,
                format!(
                    "membership of `{}` is written twice with the same start",
                    membership.framework
                ),
            )));
        }
    }
}

pub(super) fn check_fragment(
    scans: &Scans,
    named: &crate::FastMap<String, Named>,
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
        let headings = scans
            .get(&reference.id)
            .map(|scan| scan.heading_ids.as_slice())
            .unwrap_or_default();
        let candidates = headings
            .iter()
            .map(String::as_str)
            .chain(markdown::SECTION_IDS.iter().copied());
        let help = closest(fragment, candidates)
            .map(|found| format!("did you mean `{}#{found}`?", reference.id));
        diagnostics.push(
            place.point(
                Diagnostic::error(
                    place.file,
                    format!(
                        "`{}#{fragment}`: `{fragment}` is not a heading or section on that page",
                        reference.id
                    ),
                )
                .with_optional_help(help),
            ),
        );
    }
}
