//! Stage two: one graph of everything loaded. Every reference is checked here
//! (ids exist and are of the right kind, dates make sense) and every derived list is
//! computed once: members per framework, participants per programme, contributors per
//! operation, events per entity, backlinks, citing pages per source.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::PathBuf;

mod accession;
mod agreement;
mod checks;

use crate::diagnostics::{Diagnostic, Diagnostics, Position, position_of_offset};
use crate::load::is_valid_id;
use crate::load::yaml::Step;
use crate::markdown::{self, Scan};
use crate::model::{
    Document, EntityKind, EventEntry, GlossaryEntry, LoadedContent, Membership, Meta,
    OperationPart, Origin, PartnerEntry, PartnerMeta, ProgrammeUse, SiteConfig, SourceRecord,
};
use crate::text;
/// Event anchors (`e1994-01-10-…`) are cut to this many bytes, at a character boundary.
const ANCHOR_MAX_BYTES: usize = 80;

pub(crate) use checks::country_named;
use checks::{
    Checker, Place, check_fragment, check_iso_unique, check_partner, check_span, register,
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

/// A partner's entry seen from the entity it names: who wrote it, and what.
#[derive(Debug, Clone)]
pub struct Involvement<T> {
    pub partner: String,
    pub entry: T,
}

/// A partner's membership seen from the framework.
pub type Member = Involvement<Membership>;
/// A partner's use of a programme seen from the programme.
pub type Participant = Involvement<ProgrammeUse>;
/// A partner's part in an operation seen from the operation.
pub type Contributor = Involvement<OperationPart>;

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
    accession::end_partnerships_at_accession(&mut documents, diagnostics);
    let (named, sources) = register_ids(&documents, source_entries, &texts, diagnostics);
    let checker = Checker {
        named: &named,
        broken: &broken_ids,
    };
    check_iso_unique(&documents, diagnostics);
    let scans = scan_bodies(&documents, home.as_ref());
    let (backlinks, mut citers) =
        link_bodies(&documents, home.as_ref(), &scans, &checker, diagnostics);
    let Participation {
        members_by_framework,
        participants_by_programme,
        contributors_by_operation,
    } = derive_participation(&documents, &config, &checker, diagnostics);
    let events = resolve_events(
        event_entries,
        &config,
        &texts,
        &checker,
        &mut citers,
        diagnostics,
    );
    let mut events_by_entity: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, event) in events.iter().enumerate() {
        for id in &event.names {
            events_by_entity.entry(id.clone()).or_default().push(index);
        }
    }
    agreement::check_events_against_records(&events, &documents, &texts, diagnostics);
    let glossary = resolve_glossary(glossary_entries, &texts, &checker, diagnostics);

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

/// One namespace for entities and sources: each id registered once.
fn register_ids(
    documents: &[Document],
    source_entries: Vec<(SourceRecord, Origin)>,
    texts: &HashMap<PathBuf, String>,
    diagnostics: &mut Diagnostics,
) -> (HashMap<String, Named>, Vec<SourceRecord>) {
    let mut named: HashMap<String, Named> = HashMap::new();
    let mut first_origin: HashMap<String, Origin> = HashMap::new();
    for (index, document) in documents.iter().enumerate() {
        // An entity's id is its file name: the error points at the file's start.
        let origin = &document.origin;
        register(
            &mut named,
            &mut first_origin,
            &document.id,
            Named::Entity(document.meta.kind(), index),
            origin,
            Place::at(&origin.file, Some(origin.line)),
            diagnostics,
        );
    }
    let mut sources = Vec::new();
    for (record, origin) in source_entries {
        let text = texts.get(&origin.file).map(String::as_str).unwrap_or("");
        let place_of = |key| {
            Place::yaml_file(
                &origin.file,
                text,
                &[Step::ItemFromLine(origin.line), Step::Key(key)],
            )
            .or_search(None, "", origin.line)
        };
        if !is_valid_id(&record.id) {
            diagnostics.push(place_of("id").point(Diagnostic::error(
                &origin.file,
                format!(
                    "`{}` is not a valid source id: use lowercase letters, digits and hyphens",
                    record.id
                ),
            )));
            continue;
        }
        if let Some(url) = &record.url
            && !markdown::is_safe_url(url)
        {
            // The sources page links it: a `javascript:` URL would run on click.
            diagnostics.push(place_of("url").point(Diagnostic::error(
                &origin.file,
                format!(
                    "source `{}`: `url` must be a web address (http or https), not `{url}`",
                    record.id
                ),
            )));
        }
        if register(
            &mut named,
            &mut first_origin,
            &record.id,
            Named::Source(sources.len()),
            &origin,
            place_of("id"),
            diagnostics,
        ) {
            sources.push(record);
        }
    }

    (named, sources)
}

/// Bodies are scanned once for links, citations and heading ids.
fn scan_bodies(documents: &[Document], home: Option<&Document>) -> HashMap<String, Scan> {
    documents
        .iter()
        .chain(home)
        .map(|d| (d.id.clone(), markdown::scan(&d.body)))
        .collect()
}

type Backlinks = HashMap<String, BTreeSet<String>>;
type Citers = HashMap<String, BTreeSet<Citer>>;

/// Checks every link and citation in the bodies and every listed source, and
/// records who links to what and who cites what.
fn link_bodies(
    documents: &[Document],
    home: Option<&Document>,
    scans: &HashMap<String, Scan>,
    checker: &Checker,
    diagnostics: &mut Diagnostics,
) -> (Backlinks, Citers) {
    let mut backlinks: HashMap<String, BTreeSet<String>> = HashMap::new();
    let mut citers: HashMap<String, BTreeSet<Citer>> = HashMap::new();
    for document in documents.iter().chain(home) {
        let scan = &scans[&document.id];
        // The body starts at the start of line `body_line`: columns are the file's.
        let in_file = |offset| {
            let Position { line, column } = position_of_offset(&document.body, offset);
            Position::new(document.body_line + line - 1, column)
        };
        for reference in &scan.references {
            let place = Place::span(
                &document.origin.file,
                in_file(reference.span.start),
                in_file(reference.span.end),
            );
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
                backlinks
                    .entry(reference.id.clone())
                    .or_default()
                    .insert(document.id.clone());
            }
        }
        for (index, source) in document.meta.sources().iter().enumerate() {
            let path = [Step::Key("sources"), Step::Index(index)];
            let place = Place::front_matter(&document.origin.file, &document.text, &path)
                .or_search(None, source, 1);
            if checker.expect_source(source, place, diagnostics) {
                citers
                    .entry(source.clone())
                    .or_default()
                    .insert(Citer::Document(document.id.clone()));
            }
        }
    }

    (backlinks, citers)
}

/// The lists each partner's metadata feeds, seen from the other side.
struct Participation {
    members_by_framework: HashMap<String, Vec<Member>>,
    participants_by_programme: HashMap<String, Vec<Participant>>,
    contributors_by_operation: HashMap<String, Vec<Contributor>>,
}

/// Checks metadata references and derives member, participant and contributor
/// lists from the partners.
fn derive_participation(
    documents: &[Document],
    config: &SiteConfig,
    checker: &Checker,
    diagnostics: &mut Diagnostics,
) -> Participation {
    let mut members_by_framework: HashMap<String, Vec<Member>> = HashMap::new();
    let mut participants_by_programme: HashMap<String, Vec<Participant>> = HashMap::new();
    let mut contributors_by_operation: HashMap<String, Vec<Contributor>> = HashMap::new();
    for document in documents {
        let file = &document.origin.file;
        let text = &document.text;
        // The value at `path` in the front matter; failing that, the line of `id`
        // in the block of the path's first key.
        let place_of = |path: &[Step<'static>], id| {
            let key = match path.first() {
                Some(Step::Key(key)) => Some(*key),
                _ => None,
            };
            Place::front_matter(file, text, path).or_search(key, id, 1)
        };
        match &document.meta {
            Meta::Partner(partner) => {
                check_partner(&document.id, partner, config, file, text, diagnostics);
                let id = &document.id;
                let members = &mut members_by_framework;
                involve(
                    id,
                    &partner.memberships,
                    members,
                    checker,
                    place_of,
                    diagnostics,
                );
                let participants = &mut participants_by_programme;
                involve(
                    id,
                    &partner.programmes,
                    participants,
                    checker,
                    place_of,
                    diagnostics,
                );
                let contributors = &mut contributors_by_operation;
                involve(
                    id,
                    &partner.operations,
                    contributors,
                    checker,
                    place_of,
                    diagnostics,
                );
            }
            Meta::Framework(framework) => {
                if let Some(next) = &framework.replaced_by {
                    checker.expect(
                        next,
                        EntityKind::Framework,
                        place_of(&[Step::Key("replaced_by")], next),
                        diagnostics,
                    );
                }
                check_span(
                    framework.launched,
                    framework.ended,
                    place_of(&[Step::Key("ended")], ""),
                    diagnostics,
                );
            }
            Meta::Programme(programme) => {
                if let Some(next) = &programme.replaced_by {
                    checker.expect(
                        next,
                        EntityKind::Programme,
                        place_of(&[Step::Key("replaced_by")], next),
                        diagnostics,
                    );
                }
                for (index, framework) in programme.frameworks.iter().enumerate() {
                    checker.expect(
                        framework,
                        EntityKind::Framework,
                        place_of(&[Step::Key("frameworks"), Step::Index(index)], framework),
                        diagnostics,
                    );
                }
                check_span(
                    programme.launched,
                    programme.ended,
                    place_of(&[Step::Key("ended")], ""),
                    diagnostics,
                );
            }
            Meta::Operation(operation) => {
                check_span(
                    operation.from,
                    operation.until,
                    place_of(&[Step::Key("until")], ""),
                    diagnostics,
                );
            }
            Meta::Page(_) => {}
        }
    }

    // Dated first, in order of joining; undated after them.
    sort_by_start(&mut members_by_framework);
    sort_by_start(&mut participants_by_programme);
    sort_by_start(&mut contributors_by_operation);
    Participation {
        members_by_framework,
        participants_by_programme,
        contributors_by_operation,
    }
}

/// Checks one partner's entries of one kind and files each under the entity it
/// names.
fn involve<'a, T: PartnerEntry>(
    partner: &str,
    entries: &'a [T],
    into: &mut HashMap<String, Vec<Involvement<T>>>,
    checker: &Checker,
    place_of: impl Fn(&[Step<'static>], &'a str) -> Place<'a>,
    diagnostics: &mut Diagnostics,
) {
    for (index, entry) in entries.iter().enumerate() {
        let item = |key| [Step::Key(T::KEY), Step::Index(index), Step::Key(key)];
        let place = place_of(&item(T::ID_KEY), entry.target());
        if checker.expect(entry.target(), T::TARGET, place, diagnostics) {
            into.entry(entry.target().to_string())
                .or_default()
                .push(Involvement {
                    partner: partner.to_string(),
                    entry: entry.clone(),
                });
        }
        let (from, until) = entry.span();
        check_span(from, until, place_of(&item("until"), ""), diagnostics);
        for (number, source) in entry.sources().iter().enumerate() {
            let path = [
                Step::Key(T::KEY),
                Step::Index(index),
                Step::Key("sources"),
                Step::Index(number),
            ];
            checker.expect_source(source, place_of(&path, source), diagnostics);
        }
    }
}

/// Sorts each list by start date, undated entries last, then by partner.
fn sort_by_start<T: PartnerEntry>(lists: &mut HashMap<String, Vec<Involvement<T>>>) {
    for list in lists.values_mut() {
        list.sort_by_cached_key(|i| {
            let (from, _) = i.entry.span();
            (from.is_none(), from, i.partner.clone())
        });
    }
}

/// Events: checked, sorted by date, anchored, with every entity they name.
fn resolve_events(
    event_entries: Vec<EventEntry>,
    config: &SiteConfig,
    texts: &HashMap<PathBuf, String>,
    checker: &Checker,
    citers: &mut Citers,
    diagnostics: &mut Diagnostics,
) -> Vec<Event> {
    let mut sorted_entries = event_entries;
    sorted_entries.sort_by_key(|e| e.record.date);
    let mut anchors = HashSet::new();
    let mut events = Vec::with_capacity(sorted_entries.len());
    for entry in sorted_entries {
        let file = entry.origin.file.clone();
        let text = texts.get(&file).map(String::as_str).unwrap_or("");
        let start = entry.origin.line;
        // The value at `path` in this event's entry; failing that, the line of
        // `needle` from the entry's start.
        let place_of = |path: &[Step<'static>], needle| {
            let mut steps = vec![Step::ItemFromLine(start)];
            steps.extend_from_slice(path);
            Place::yaml_file(&file, text, &steps).or_search(None, needle, start)
        };
        let record = &entry.record;
        let range = config.timeline;
        if record.date.year < range.start || record.date.year > range.end {
            diagnostics.push(
                place_of(&[Step::Key("date")], "date").point(Diagnostic::error(
                    &file,
                    format!(
                        "event `{}` is dated {}, outside the timeline ({}–{} in site.yaml)",
                        record.title,
                        record.date.iso(),
                        range.start,
                        range.end
                    ),
                )),
            );
        }
        let mut names: Vec<String> = Vec::new();
        let lists = [
            (&record.partners, EntityKind::Partner, "partners"),
            (&record.frameworks, EntityKind::Framework, "frameworks"),
            (&record.programmes, EntityKind::Programme, "programmes"),
            (&record.operations, EntityKind::Operation, "operations"),
        ];
        for (ids, kind, key) in lists {
            for (index, id) in ids.iter().enumerate() {
                let place = place_of(&[Step::Key(key), Step::Index(index)], id);
                if checker.expect(id, kind, place, diagnostics) && !names.contains(id) {
                    names.push(id.clone());
                }
            }
        }
        let summary_scan = markdown::scan(&record.summary);
        let in_summary = |id| place_of(&[Step::Key("summary")], id).word(id);
        for reference in &summary_scan.references {
            let place = in_summary(&reference.id);
            if reference.is_citation {
                checker.expect_source(&reference.id, place, diagnostics);
            } else if checker.expect_any(&reference.id, place, "a link", diagnostics)
                && !names.contains(&reference.id)
                && !matches!(checker.named.get(&reference.id), Some(Named::Source(_)))
            {
                names.push(reference.id.clone());
            }
        }
        let index = events.len();
        let listed = record.sources.iter().enumerate().map(|(number, id)| {
            (
                id,
                place_of(&[Step::Key("sources"), Step::Index(number)], id),
            )
        });
        let cited = summary_scan
            .references
            .iter()
            .filter(|r| r.is_citation)
            .map(|r| (&r.id, in_summary(&r.id)));
        for (source, place) in listed.chain(cited) {
            if checker.expect_source(source, place, diagnostics) {
                citers
                    .entry(source.clone())
                    .or_default()
                    .insert(Citer::Event(index));
            }
        }
        let full = format!(
            "e{}-{}",
            record.date.iso(),
            markdown::slugify(&record.title)
        );
        let mut anchor = text::prefix(&full, ANCHOR_MAX_BYTES)
            .trim_end_matches('-')
            .to_string();
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
    events
}

/// Glossary terms: each defined once, each `refers_to` an existing id.
fn resolve_glossary(
    glossary_entries: Vec<(GlossaryEntry, Origin)>,
    texts: &HashMap<PathBuf, String>,
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
