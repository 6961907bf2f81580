//! Stage two: one graph of everything loaded. Every reference is checked here
//! (ids exist and are of the right kind, dates make sense) and every derived list is
//! computed once: members per framework, participants per programme, contributors per
//! operation, events per entity, backlinks, citing pages per source.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

mod accession;
mod agreement;
mod checks;
mod events;
mod glossary;
mod iso;
mod lifetimes;
mod links;
mod participation;
mod place;
mod silence;

use events::resolve_events;
use glossary::resolve_glossary;
pub use links::Scans;
use links::{link_bodies, scan_bodies};
use participation::{Participation, derive_participation};

use crate::FastMap;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::is_valid_id;
use crate::load::yaml::Step;
use crate::markdown::{self, Scan};
use crate::model::{
    Document, EntityKind, EventEntry, GlossaryEntry, LoadedContent, Membership, Meta,
    OperationPart, Origin, PartnerMeta, ProgrammeUse, SiteConfig, SourceRecord,
};
use crate::text;

use checks::{Checker, check_partner, register};
use iso::check_iso_unique;
pub(crate) use iso::country_named;
use place::Place;
pub use silence::{Silence, apply as apply_silences};

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
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
    pub named: FastMap<String, Named>,
    /// Each body's scan, by document id; shared with the next rebuild's site, which
    /// reuses the scans of bodies that did not change.
    pub scans: Scans,
    pub members_by_framework: FastMap<String, Vec<Member>>,
    pub participants_by_programme: FastMap<String, Vec<Participant>>,
    pub contributors_by_operation: FastMap<String, Vec<Contributor>>,
    pub events_by_entity: FastMap<String, Vec<usize>>,
    /// Target id → ids of the documents whose bodies link to it.
    pub backlinks: FastMap<String, BTreeSet<String>>,
    /// Source id → where it is cited or listed.
    pub citers: FastMap<String, BTreeSet<Citer>>,
    /// Warnings silenced on purpose, applied once every warning is found.
    pub silences: Vec<Silence>,
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
pub fn resolve(
    content: LoadedContent,
    previous: Option<&Site>,
    diagnostics: &mut Diagnostics,
) -> Site {
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
    lifetimes::end_with_their_framework_or_programme(&mut documents);
    let (named, sources) = register_ids(&documents, source_entries, &texts, diagnostics);
    let checker = Checker {
        named: &named,
        broken: &broken_ids,
    };
    check_iso_unique(&documents, diagnostics);
    let scans = scan_bodies(&documents, home.as_ref(), previous);
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
    let mut events_by_entity: FastMap<String, Vec<usize>> = FastMap::default();
    for (index, event) in events.iter().enumerate() {
        for id in &event.names {
            events_by_entity.entry(id.clone()).or_default().push(index);
        }
    }
    agreement::check_events_against_records(&events, &documents, &texts, diagnostics);
    let silences = silence::collect(&documents, home.as_ref(), &events, &texts, diagnostics);
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
        backlinks: links::into_sets(backlinks),
        citers: links::into_sets(citers),
        silences,
    }
}

/// One namespace for entities and sources: each id registered once.
fn register_ids(
    documents: &[Document],
    source_entries: Vec<(SourceRecord, Origin)>,
    texts: &crate::FastMap<PathBuf, String>,
    diagnostics: &mut Diagnostics,
) -> (FastMap<String, Named>, Vec<SourceRecord>) {
    let mut named = FastMap::default();
    let mut first_origin: FastMap<String, Origin> = FastMap::default();
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

/// The partner's years across its memberships, e.g. `1994–` or `1992–2004`.
pub fn years_of(memberships: &[Membership]) -> Option<String> {
    let start = memberships.iter().filter_map(|m| m.from).min()?;
    let open = memberships.iter().any(|m| m.until.is_none());
    let end = memberships.iter().filter_map(|m| m.until).max();
    let until = if open { None } else { end };
    crate::date::period_text(Some(start), until, crate::date::PeriodStyle::Years)
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
