//! The checks of the resolve stage: ids registered once, references of the right
//! kind, date spans in order, partner metadata consistent, fragments that exist.
//! Each problem is reported with its file and, looked up only then, the exact value
//! at fault (or, failing that, its line).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::Named;
use crate::date::Date;
use crate::diagnostics::{
    Diagnostic, Diagnostics, Position, closest, find_line, find_word, offset_of_position,
    position_of_offset,
};
use crate::load::yaml::{self, Step};
use crate::load::{RESERVED_IDS, frontmatter, is_valid_id};
use crate::markdown::{self, Scan};
use crate::model::{Document, EntityKind, Meta, Origin, PartnerMeta, SiteConfig, Status};

/// Adds an id to the namespace; reports a duplicate with both places. `place` is
/// where the id is written.
pub(super) fn register(
    named: &mut HashMap<String, Named>,
    first_origin: &mut HashMap<String, Origin>,
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

/// Where to point an error. Positions are looked up only when an error is
/// reported, so valid references cost no parsing and no text search.
#[derive(Clone, Copy)]
pub(super) struct Place<'a> {
    file: &'a Path,
    lookup: Lookup<'a>,
}

#[derive(Clone, Copy)]
enum Lookup<'a> {
    Line(Option<usize>),
    Span(Position, Position),
    /// The value at `path` in the YAML of `text`: its front matter or all of it.
    /// Within that value, the whole word `word` when given. When the value cannot
    /// be found, the line of `search`.
    Yaml {
        text: &'a str,
        front_matter: bool,
        path: YamlPath<'a>,
        word: Option<&'a str>,
        search: Search<'a>,
    },
}

/// The old way to find a line: `needle` in the block after the line `key:`, or
/// anywhere from line `from`.
#[derive(Clone, Copy)]
struct Search<'a> {
    key: Option<&'a str>,
    needle: &'a str,
    from: usize,
}

/// A path of at most four steps, kept inline so that places stay `Copy`.
#[derive(Clone, Copy)]
struct YamlPath<'a> {
    steps: [Step<'a>; 4],
    len: usize,
}

impl<'a> YamlPath<'a> {
    fn new(path: &[Step<'a>]) -> Self {
        let mut steps = [Step::Index(0); 4];
        let len = path.len().min(4);
        steps[..len].copy_from_slice(&path[..len]);
        YamlPath { steps, len }
    }

    fn steps(&self) -> &[Step<'a>] {
        &self.steps[..self.len]
    }
}

impl<'a> Place<'a> {
    pub(super) fn at(file: &'a Path, line: Option<usize>) -> Self {
        Place {
            file,
            lookup: Lookup::Line(line),
        }
    }

    pub(super) fn span(file: &'a Path, start: Position, end: Position) -> Self {
        Place {
            file,
            lookup: Lookup::Span(start, end),
        }
    }

    /// The value at `path` in the front matter of a Markdown file's `text`.
    pub(super) fn front_matter(file: &'a Path, text: &'a str, path: &[Step<'a>]) -> Self {
        Self::yaml(file, text, true, path)
    }

    /// The value at `path` in a YAML file's `text`.
    pub(super) fn yaml_file(file: &'a Path, text: &'a str, path: &[Step<'a>]) -> Self {
        Self::yaml(file, text, false, path)
    }

    fn yaml(file: &'a Path, text: &'a str, front_matter: bool, path: &[Step<'a>]) -> Self {
        let search = Search {
            key: None,
            needle: "",
            from: 1,
        };
        Place {
            file,
            lookup: Lookup::Yaml {
                text,
                front_matter,
                path: YamlPath::new(path),
                word: None,
                search,
            },
        }
    }

    /// Narrows the place to the whole word `word` inside the value.
    pub(super) fn word(mut self, needle: &'a str) -> Self {
        if let Lookup::Yaml { word, .. } = &mut self.lookup {
            *word = Some(needle);
        }
        self
    }

    /// When the value cannot be found: the line that mentions `needle` in the block
    /// after the line `key:` (if given), at or after line `from`.
    pub(super) fn or_search(mut self, key: Option<&'a str>, needle: &'a str, from: usize) -> Self {
        if let Lookup::Yaml { search, .. } = &mut self.lookup {
            *search = Search { key, needle, from };
        }
        self
    }

    /// Points `diagnostic` here.
    pub(super) fn point(&self, diagnostic: Diagnostic) -> Diagnostic {
        let diagnostic = Diagnostic {
            file: self.file.to_path_buf(),
            ..diagnostic
        };
        match self.lookup {
            Lookup::Line(line) => diagnostic.at_line(line),
            Lookup::Span(start, end) => diagnostic.spanning(start, end),
            Lookup::Yaml {
                text,
                front_matter,
                path,
                word,
                search,
            } => match yaml_span(text, front_matter, path.steps(), word) {
                Some((start, end)) => diagnostic.spanning(start, end),
                None => diagnostic.at_line(search.line(text)),
            },
        }
    }
}

impl Search<'_> {
    fn line(&self, text: &str) -> Option<usize> {
        match self.key {
            Some(key) => locate(text, key, self.needle, self.from),
            None => find_line(text, self.needle, self.from).or(Some(self.from)),
        }
    }
}

/// Where the value at `path` is written; an entry written as a bare scalar
/// (`- kfor`) stands for its own id (`[operations, 0, id]`).
fn yaml_span(
    text: &str,
    front_matter: bool,
    path: &[Step],
    word: Option<&str>,
) -> Option<(Position, Position)> {
    let (yaml, first_line) = if front_matter {
        let split = frontmatter::split(text).ok()?;
        (split.front_matter?, split.front_matter_line)
    } else {
        (text, 1)
    };
    let span = yaml::locate(yaml, first_line, path).or_else(|| match path {
        [parent @ .., Step::Index(_), Step::Key(_)] if !parent.is_empty() => {
            yaml::locate_scalar(yaml, first_line, &path[..path.len() - 1])
        }
        _ => None,
    })?;
    let Some(word) = word else {
        return Some(span);
    };
    // The file's text holds the front matter at the same lines and columns, less a
    // byte-order mark that `split` drops.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let start = offset_of_position(text, span.0)?;
    let end = offset_of_position(text, span.1)?.max(start);
    let found = start + find_word(&text[start..end], word)?;
    Some((
        position_of_offset(text, found),
        position_of_offset(text, found + word.len()),
    ))
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
        let of_kind = |named: &Named| matches!(named, Named::Entity(found, _) if *found == kind);
        match self.named.get(id) {
            Some(named) if of_kind(named) => true,
            Some(other) => {
                diagnostics.push(
                    place.point(
                        Diagnostic::error(
                            place.file,
                            format!(
                                "`{id}` is a {}, but a {} is expected here",
                                other.describe(),
                                kind.singular()
                            ),
                        )
                        .with_optional_help(self.suggest(
                            id,
                            kind.singular(),
                            of_kind,
                        )),
                    ),
                );
                false
            }
            None => {
                self.unknown(id, kind.singular(), place, of_kind, diagnostics);
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
        let is_source = |named: &Named| matches!(named, Named::Source(_));
        match self.named.get(id) {
            Some(Named::Source(_)) => true,
            Some(other) => {
                diagnostics.push(
                    place.point(
                        Diagnostic::error(
                            place.file,
                            format!(
                                "`{id}` is a {}, but a source from sources.yaml is expected here",
                                other.describe()
                            ),
                        )
                        .with_optional_help(self.suggest(id, "source", is_source)),
                    ),
                );
                false
            }
            None => {
                self.unknown(id, "source", place, is_source, diagnostics);
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
