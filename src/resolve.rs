//! Stage two: one graph of everything loaded. Every reference is checked here
//! (ids exist and are of the right kind, dates make sense) and every derived list is
//! computed once: members per framework, participants per programme, contributors per
//! operation, events per entity, backlinks, citing pages per source.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, find_line, line_of_offset};
use crate::load::is_valid_id;
use crate::markdown::{self, Scan};
use crate::model::{
    Document, EntityKind, EventEntry, GlossaryEntry, LoadedContent, Membership, Meta,
    OperationPart, Origin, PartnerMeta, ProgrammeUse, SiteConfig, SourceRecord, Status,
};

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Entity(EntityKind, usize),
    Source(usize),
}

impl Named {
    fn describe(self) -> &'static str {
        match self {
            Named::Entity(kind, _) => kind.singular(),
            Named::Source(_) => "source",
        }
    }
}

/// An event on the timeline, with its anchor.
#[derive(Debug, Clone)]
pub struct Event {
    pub entry: EventEntry,
    /// Fragment id on the timeline page, unique.
    pub anchor: String,
    /// Every entity the event names: its lists plus links in its summary.
    pub names: Vec<String>,
}

/// A partner's membership seen from the framework.
#[derive(Debug, Clone)]
pub struct Member {
    pub partner: String,
    pub membership: Membership,
}

/// A partner's use of a programme seen from the programme.
#[derive(Debug, Clone)]
pub struct Participant {
    pub partner: String,
    pub usage: ProgrammeUse,
}

/// A partner's part in an operation seen from the operation.
#[derive(Debug, Clone)]
pub struct Contributor {
    pub partner: String,
    pub part: OperationPart,
}

/// Where a source is cited: a page (by id, `index` for the home page) or the timeline.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Citer {
    Document(String),
    Event(usize),
}

/// The resolved site: the input to rendering, and nothing else is.
#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    pub home: Option<Document>,
    /// Every entity and free page, sorted by kind then name.
    pub documents: Vec<Document>,
    /// Sorted by date (coarse dates first), then as written.
    pub events: Vec<Event>,
    pub sources: Vec<SourceRecord>,
    pub glossary: Vec<GlossaryEntry>,
    pub named: HashMap<String, Named>,
    pub scans: HashMap<String, Scan>,
    pub members_by_framework: HashMap<String, Vec<Member>>,
    pub participants_by_programme: HashMap<String, Vec<Participant>>,
    pub contributors_by_operation: HashMap<String, Vec<Contributor>>,
    pub events_by_entity: HashMap<String, Vec<usize>>,
    /// Target id → ids of the documents whose bodies link to it.
    pub backlinks: HashMap<String, BTreeSet<String>>,
    /// Source id → where it is cited or listed.
    pub citers: HashMap<String, BTreeSet<Citer>>,
}

impl Site {
    pub fn document(&self, id: &str) -> Option<&Document> {
        match self.named.get(id) {
            Some(Named::Entity(_, index)) => self.documents.get(*index),
            _ => None,
        }
    }

    pub fn documents_of(&self, kind: EntityKind) -> impl Iterator<Item = &Document> {
        self.documents.iter().filter(move |d| d.meta.kind() == kind)
    }

    pub fn partner(&self, id: &str) -> Option<&PartnerMeta> {
        match self.document(id).map(|d| &d.meta) {
            Some(Meta::Partner(meta)) => Some(meta),
            _ => None,
        }
    }
}

/// The display name of a document.
pub fn name_of(document: &Document) -> String {
    match &document.meta {
        Meta::Partner(m) => m.name.clone(),
        Meta::Framework(m) => m.name.clone(),
        Meta::Programme(m) => m.name.clone(),
        Meta::Operation(m) => m.name.clone(),
        Meta::Page(m) => m.title.clone().unwrap_or_else(|| document.id.clone()),
    }
}

/// Builds the graph and checks it. Problems are added to `diagnostics`; the site is
/// returned in any case so that every problem of a run is found.
pub fn resolve(content: LoadedContent, diagnostics: &mut Diagnostics) -> Site {
    let LoadedContent {
        site: config,
        home,
        mut documents,
        events: event_entries,
        sources: source_entries,
        glossary: glossary_entries,
        texts,
        broken_ids,
    } = content;

    documents.sort_by_cached_key(|d| (d.meta.kind(), name_of(d).to_lowercase(), d.id.clone()));

    // Ids: one namespace for entities and sources.
    let mut named: HashMap<String, Named> = HashMap::new();
    let mut first_origin: HashMap<String, Origin> = HashMap::new();
    for (index, document) in documents.iter().enumerate() {
        register(
            &mut named,
            &mut first_origin,
            &document.id,
            Named::Entity(document.meta.kind(), index),
            &document.origin,
            diagnostics,
        );
    }
    let mut sources = Vec::new();
    for (record, origin) in source_entries {
        if !is_valid_id(&record.id) {
            diagnostics.push(
                Diagnostic::error(
                    &origin.file,
                    format!(
                        "`{}` is not a valid source id: use lowercase letters, digits and hyphens",
                        record.id
                    ),
                )
                .at_line(Some(origin.line)),
            );
            continue;
        }
        if let Some(url) = &record.url
            && !markdown::is_safe_url(url)
        {
            // The sources page links it: a `javascript:` URL would run on click.
            diagnostics.push(
                Diagnostic::error(
                    &origin.file,
                    format!(
                        "source `{}`: `url` must be a web address (http or https), not `{url}`",
                        record.id
                    ),
                )
                .at_line(Some(origin.line)),
            );
        }
        if register(
            &mut named,
            &mut first_origin,
            &record.id,
            Named::Source(sources.len()),
            &origin,
            diagnostics,
        ) {
            sources.push(record);
        }
    }

    let checker = Checker {
        named: &named,
        broken: &broken_ids,
    };

    // Bodies: scan once for links, citations and heading ids.
    let mut scans: HashMap<String, Scan> = documents
        .iter()
        .map(|d| (d.id.clone(), markdown::scan(&d.body)))
        .collect();
    if let Some(home) = &home {
        scans.insert(home.id.clone(), markdown::scan(&home.body));
    }

    let mut backlinks: HashMap<String, BTreeSet<String>> = HashMap::new();
    let mut citers: HashMap<String, BTreeSet<Citer>> = HashMap::new();
    for document in documents.iter().chain(home.iter()) {
        let scan = &scans[&document.id];
        for reference in &scan.references {
            let line = document.body_line + line_of_offset(&document.body, reference.offset) - 1;
            let place = Place::at(&document.origin.file, Some(line));
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
                check_fragment(&scans, &named, reference, fragment, place, diagnostics);
            }
            if reference.id != document.id {
                backlinks
                    .entry(reference.id.clone())
                    .or_default()
                    .insert(document.id.clone());
            }
        }
        for source in document.meta.sources() {
            let place = Place::search(&document.origin.file, &document.text, None, source, 1);
            if checker.expect_source(source, place, diagnostics) {
                citers
                    .entry(source.clone())
                    .or_default()
                    .insert(Citer::Document(document.id.clone()));
            }
        }
    }

    // Metadata references and derived lists.
    let mut members_by_framework: HashMap<String, Vec<Member>> = HashMap::new();
    let mut participants_by_programme: HashMap<String, Vec<Participant>> = HashMap::new();
    let mut contributors_by_operation: HashMap<String, Vec<Contributor>> = HashMap::new();
    for document in &documents {
        let file = &document.origin.file;
        let text = &document.text;
        let place_of = |key: &'static str, id| Place::search(file, text, Some(key), id, 1);
        match &document.meta {
            Meta::Partner(partner) => {
                check_partner(&document.id, partner, &config, file, text, diagnostics);
                for membership in &partner.memberships {
                    let place = place_of("memberships", &membership.framework);
                    if checker.expect(
                        &membership.framework,
                        EntityKind::Framework,
                        place,
                        diagnostics,
                    ) {
                        members_by_framework
                            .entry(membership.framework.clone())
                            .or_default()
                            .push(Member {
                                partner: document.id.clone(),
                                membership: membership.clone(),
                            });
                    }
                    check_span(membership.from, membership.until, place, diagnostics);
                    for source in &membership.sources {
                        checker.expect_source(source, place_of("memberships", source), diagnostics);
                    }
                }
                for usage in &partner.programmes {
                    let place = place_of("programmes", &usage.id);
                    if checker.expect(&usage.id, EntityKind::Programme, place, diagnostics) {
                        participants_by_programme
                            .entry(usage.id.clone())
                            .or_default()
                            .push(Participant {
                                partner: document.id.clone(),
                                usage: usage.clone(),
                            });
                    }
                    check_span(usage.from, usage.until, place, diagnostics);
                    for source in &usage.sources {
                        checker.expect_source(source, place_of("programmes", source), diagnostics);
                    }
                }
                for part in &partner.operations {
                    let place = place_of("operations", &part.id);
                    if checker.expect(&part.id, EntityKind::Operation, place, diagnostics) {
                        contributors_by_operation
                            .entry(part.id.clone())
                            .or_default()
                            .push(Contributor {
                                partner: document.id.clone(),
                                part: part.clone(),
                            });
                    }
                    for source in &part.sources {
                        checker.expect_source(source, place_of("operations", source), diagnostics);
                    }
                }
            }
            Meta::Framework(framework) => {
                if let Some(next) = &framework.replaced_by {
                    checker.expect(
                        next,
                        EntityKind::Framework,
                        place_of("replaced_by", next),
                        diagnostics,
                    );
                }
                check_span(
                    framework.launched,
                    framework.ended,
                    place_of("ended", ""),
                    diagnostics,
                );
            }
            Meta::Programme(programme) => {
                if let Some(next) = &programme.replaced_by {
                    checker.expect(
                        next,
                        EntityKind::Programme,
                        place_of("replaced_by", next),
                        diagnostics,
                    );
                }
                for framework in &programme.frameworks {
                    checker.expect(
                        framework,
                        EntityKind::Framework,
                        place_of("frameworks", framework),
                        diagnostics,
                    );
                }
                check_span(
                    programme.launched,
                    programme.ended,
                    place_of("ended", ""),
                    diagnostics,
                );
            }
            Meta::Operation(operation) => {
                check_span(
                    operation.from,
                    operation.until,
                    place_of("until", ""),
                    diagnostics,
                );
            }
            Meta::Page(_) => {}
        }
    }

    // Events: checked, sorted, anchored, and indexed by every entity they name.
    let mut sorted_entries = event_entries;
    sorted_entries.sort_by_key(|e| e.record.date);
    let mut anchors = HashSet::new();
    let mut events = Vec::with_capacity(sorted_entries.len());
    for entry in sorted_entries {
        let file = entry.origin.file.clone();
        let text = texts.get(&file).map(String::as_str).unwrap_or("");
        let start = entry.origin.line;
        let place_of = |id| Place::search(&file, text, None, id, start);
        let record = &entry.record;
        let range = config.timeline;
        if record.date.year < range.start || record.date.year > range.end {
            diagnostics.push(
                Diagnostic::error(
                    &file,
                    format!(
                        "event `{}` is dated {}, outside the timeline ({}–{} in site.yaml)",
                        record.title,
                        record.date.iso(),
                        range.start,
                        range.end
                    ),
                )
                .at_line(find_line(text, "date", start).or(Some(start))),
            );
        }
        let mut names: Vec<String> = Vec::new();
        let lists = [
            (&record.partners, EntityKind::Partner),
            (&record.frameworks, EntityKind::Framework),
            (&record.programmes, EntityKind::Programme),
            (&record.operations, EntityKind::Operation),
        ];
        for (ids, kind) in lists {
            for id in ids {
                if checker.expect(id, kind, place_of(id), diagnostics) && !names.contains(id) {
                    names.push(id.clone());
                }
            }
        }
        let summary_scan = markdown::scan(&record.summary);
        for reference in &summary_scan.references {
            let place = place_of(&reference.id);
            if reference.is_citation {
                checker.expect_source(&reference.id, place, diagnostics);
            } else if checker.expect_any(&reference.id, place, "a link", diagnostics)
                && !names.contains(&reference.id)
                && !matches!(named.get(&reference.id), Some(Named::Source(_)))
            {
                names.push(reference.id.clone());
            }
        }
        let index = events.len();
        for source in record.sources.iter().chain(
            summary_scan
                .references
                .iter()
                .filter(|r| r.is_citation)
                .map(|r| &r.id),
        ) {
            if checker.expect_source(source, place_of(source), diagnostics) {
                citers
                    .entry(source.clone())
                    .or_default()
                    .insert(Citer::Event(index));
            }
        }
        let mut anchor = format!(
            "e{}-{}",
            record.date.iso(),
            markdown::slugify(&record.title)
        );
        anchor.truncate(80);
        let base = anchor.clone();
        let mut counter = 1;
        while !anchors.insert(anchor.clone()) {
            counter += 1;
            anchor = format!("{base}-{counter}");
        }
        events.push(Event {
            entry,
            anchor,
            names,
        });
    }
    let mut events_by_entity: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, event) in events.iter().enumerate() {
        for id in &event.names {
            events_by_entity.entry(id.clone()).or_default().push(index);
        }
    }

    // Glossary.
    let mut glossary = Vec::new();
    let mut terms = HashSet::new();
    for (entry, origin) in glossary_entries {
        let text = texts.get(&origin.file).map(String::as_str).unwrap_or("");
        if !terms.insert(entry.term.clone()) {
            diagnostics.push(
                Diagnostic::error(
                    &origin.file,
                    format!("glossary term `{}` is defined twice", entry.term),
                )
                .at_line(Some(origin.line)),
            );
        }
        if let Some(target) = &entry.refers_to {
            let place = Place::search(&origin.file, text, None, target, origin.line);
            checker.expect_any(target, place, "refers_to", diagnostics);
        }
        glossary.push(entry);
    }
    glossary.sort_by_key(|e| e.term.to_lowercase());

    for list in members_by_framework.values_mut() {
        // Dated first, in order of joining; undated after them.
        list.sort_by_key(|m| {
            (
                m.membership.from.is_none(),
                m.membership.from,
                m.partner.clone(),
            )
        });
    }
    for list in participants_by_programme.values_mut() {
        list.sort_by_key(|p| (p.usage.from.is_none(), p.usage.from, p.partner.clone()));
    }
    for list in contributors_by_operation.values_mut() {
        list.sort_by_key(|c| c.partner.clone());
    }

    Site {
        config,
        home,
        documents,
        events,
        sources,
        glossary,
        named,
        scans,
        members_by_framework,
        participants_by_programme,
        contributors_by_operation,
        events_by_entity,
        backlinks,
        citers,
    }
}

/// Adds an id to the namespace; reports a duplicate with both places.
fn register(
    named: &mut HashMap<String, Named>,
    first_origin: &mut HashMap<String, Origin>,
    id: &str,
    what: Named,
    origin: &Origin,
    diagnostics: &mut Diagnostics,
) -> bool {
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
struct Place<'a> {
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
    fn at(file: &'a Path, line: Option<usize>) -> Self {
        Place {
            file,
            lookup: Lookup::Line(line),
        }
    }

    fn search(
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

struct Checker<'a> {
    named: &'a HashMap<String, Named>,
    broken: &'a HashSet<String>,
}

impl Checker<'_> {
    /// Does `id` name an entity of `kind`? Reports the problem if not.
    fn expect(
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

    fn expect_source(&self, id: &str, place: Place, diagnostics: &mut Diagnostics) -> bool {
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

    fn expect_any(
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

fn check_span(
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

fn check_partner(
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
        (_, Some(iso)) if iso.len() != 3 || !iso.bytes().all(|b| b.is_ascii_uppercase()) => {
            diagnostics.push(
                Diagnostic::error(
                    file,
                    format!(
                        "`iso: {iso}` is not an ISO 3166-1 alpha-3 code (three capital letters)"
                    ),
                )
                .at_line(line_of("iso")),
            )
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

fn check_fragment(
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
                || crate::render::PAGE_SECTIONS.contains(&fragment)
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

/// The partner's years across its memberships, e.g. `1994–` or `1992–2004`.
pub fn years_of(memberships: &[Membership]) -> Option<String> {
    let start = memberships.iter().filter_map(|m| m.from).min()?;
    let open = memberships.iter().any(|m| m.until.is_none());
    let end = memberships.iter().filter_map(|m| m.until).max();
    Some(match (open, end) {
        (false, Some(end)) if end.year != start.year => format!("{}–{}", start.year, end.year),
        (false, Some(_)) => start.year.to_string(),
        _ => format!("{}–", start.year),
    })
}

/// A sorted map from region to partner ids (used by the index and by tests).
pub fn partners_by_region(site: &Site) -> BTreeMap<String, Vec<String>> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for document in site.documents_of(EntityKind::Partner) {
        if let Meta::Partner(partner) = &document.meta {
            map.entry(partner.region.clone())
                .or_default()
                .push(document.id.clone());
        }
    }
    map
}
