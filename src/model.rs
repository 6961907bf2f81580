//! The content as written: one record per file or list entry, with the place it
//! came from. Field names are the content contract (docs/content.md).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// Where a record came from, so later stages can point at it.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    /// Path relative to the site root, e.g. `content/partners/austria.md`.
    pub file: PathBuf,
    /// 1-based line where the record starts in that file.
    pub line: usize,
}

/// The five kinds of entity that own a page, plus free pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Partner,
    Framework,
    Programme,
    Operation,
    Page,
}

impl EntityKind {
    /// The folder in `content/` and in the output.
    pub fn folder(self) -> &'static str {
        match self {
            EntityKind::Partner => "partners",
            EntityKind::Framework => "frameworks",
            EntityKind::Programme => "programmes",
            EntityKind::Operation => "operations",
            EntityKind::Page => "pages",
        }
    }

    pub fn singular(self) -> &'static str {
        match self {
            EntityKind::Partner => "partner",
            EntityKind::Framework => "framework",
            EntityKind::Programme => "programme",
            EntityKind::Operation => "operation",
            EntityKind::Page => "page",
        }
    }

    pub const ALL: [EntityKind; 5] = [
        EntityKind::Partner,
        EntityKind::Framework,
        EntityKind::Programme,
        EntityKind::Operation,
        EntityKind::Page,
    ];
}

/// `site.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    #[serde(default)]
    pub base_url: Option<String>,
    pub timeline: TimelineRange,
    pub status_as_of: Date,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineRange {
    pub start: u16,
    pub end: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PartnerKind {
    Country,
    Organisation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Partner,
    Suspended,
    Member,
    Interlocutor,
}

impl Status {
    /// The value as written in front matter, used for anchors and classes.
    pub fn key(self) -> &'static str {
        match self {
            Status::Partner => "partner",
            Status::Suspended => "suspended",
            Status::Member => "member",
            Status::Interlocutor => "interlocutor",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Partner => "Partner",
            Status::Suspended => "Cooperation suspended",
            Status::Member => "NATO member",
            Status::Interlocutor => "Interlocutor",
        }
    }

    pub const ALL: [Status; 4] = [
        Status::Partner,
        Status::Suspended,
        Status::Member,
        Status::Interlocutor,
    ];
}

/// A partner's membership of a framework, written once on the partner.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    pub framework: String,
    #[serde(default)]
    pub from: Option<Date>,
    #[serde(default)]
    pub until: Option<Date>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    /// Set by resolve, never written: `until` is the partner's accession to NATO,
    /// where a partnership ends (see docs/content.md, "Partnership ends at accession").
    #[serde(skip)]
    pub ends_at_accession: bool,
}

/// A partner's use of a programme.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeUse {
    pub id: String,
    #[serde(default)]
    pub from: Option<Date>,
    #[serde(default)]
    pub until: Option<Date>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    /// Set by resolve, never written: `until` is the partner's accession to NATO.
    #[serde(skip)]
    pub ends_at_accession: bool,
}

/// What a partner writes about an entity it takes part in: a membership, a
/// programme use or an operation part. Resolve checks and derives all three alike.
pub trait PartnerEntry: Clone {
    /// The kind of entity the entry names.
    const TARGET: EntityKind;
    /// The front matter key the entries sit under, for pointing at lines.
    const KEY: &'static str;
    /// The key of an entry that holds the id of the entity it names.
    const ID_KEY: &'static str;
    /// The id of the entity the entry names.
    fn target(&self) -> &str;
    fn sources(&self) -> &[String];
    /// Start and end, where the entry has them.
    fn span(&self) -> (Option<Date>, Option<Date>);
}

impl PartnerEntry for Membership {
    const TARGET: EntityKind = EntityKind::Framework;
    const KEY: &'static str = "memberships";
    const ID_KEY: &'static str = "framework";
    fn target(&self) -> &str {
        &self.framework
    }
    fn sources(&self) -> &[String] {
        &self.sources
    }
    fn span(&self) -> (Option<Date>, Option<Date>) {
        (self.from, self.until)
    }
}

impl PartnerEntry for ProgrammeUse {
    const TARGET: EntityKind = EntityKind::Programme;
    const KEY: &'static str = "programmes";
    const ID_KEY: &'static str = "id";
    fn target(&self) -> &str {
        &self.id
    }
    fn sources(&self) -> &[String] {
        &self.sources
    }
    fn span(&self) -> (Option<Date>, Option<Date>) {
        (self.from, self.until)
    }
}

impl PartnerEntry for OperationPart {
    const TARGET: EntityKind = EntityKind::Operation;
    const KEY: &'static str = "operations";
    const ID_KEY: &'static str = "id";
    fn target(&self) -> &str {
        &self.id
    }
    fn sources(&self) -> &[String] {
        &self.sources
    }
    fn span(&self) -> (Option<Date>, Option<Date>) {
        (None, None)
    }
}

/// A partner's part in an operation: an id, or an id with a note.
#[derive(Debug, Clone, Serialize)]
pub struct OperationPart {
    pub id: String,
    /// How the partner was involved when not as a contributor: host, theatre, ...
    pub role: Option<String>,
    pub note: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

impl<'de> Deserialize<'de> for OperationPart {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Detailed {
            id: String,
            #[serde(default)]
            role: Option<String>,
            #[serde(default)]
            note: Option<String>,
            #[serde(default)]
            sources: Vec<String>,
        }
        #[derive(Deserialize)]
        #[serde(
            untagged,
            expecting = "an operation id, or a map with `id` and optional `role`, `note` and `sources`"
        )]
        enum Written {
            Id(String),
            Detailed(Detailed),
        }
        Ok(match Written::deserialize(deserializer)? {
            Written::Id(id) => OperationPart {
                id,
                role: None,
                note: None,
                sources: Vec::new(),
            },
            Written::Detailed(d) => OperationPart {
                id: d.id,
                role: d.role,
                note: d.note,
                sources: d.sources,
            },
        })
    }
}

/// Front matter of `partners/<id>.md`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerMeta {
    pub name: String,
    pub kind: PartnerKind,
    pub region: String,
    #[serde(default)]
    pub iso: Option<String>,
    pub status: Status,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub memberships: Vec<Membership>,
    #[serde(default)]
    pub nato_invited: Option<Date>,
    #[serde(default)]
    pub nato_member: Option<Date>,
    #[serde(default)]
    pub programmes: Vec<ProgrammeUse>,
    #[serde(default)]
    pub operations: Vec<OperationPart>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// Front matter of `frameworks/<id>.md`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkMeta {
    pub name: String,
    #[serde(default)]
    pub acronym: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub launched: Option<Date>,
    #[serde(default)]
    pub launched_at: Option<String>,
    #[serde(default)]
    pub ended: Option<Date>,
    #[serde(default)]
    pub replaced_by: Option<String>,
    /// Allies sit in it too (the EAPC): a partner that joins NATO stays, as an Ally,
    /// and is counted apart from the partners.
    #[serde(default)]
    pub seats_allies: bool,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// Front matter of `programmes/<id>.md`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeMeta {
    pub name: String,
    #[serde(default)]
    pub acronym: Option<String>,
    #[serde(default)]
    pub launched: Option<Date>,
    #[serde(default)]
    pub launched_at: Option<String>,
    #[serde(default)]
    pub ended: Option<Date>,
    #[serde(default)]
    pub replaced_by: Option<String>,
    #[serde(default)]
    pub frameworks: Vec<String>,
    #[serde(default)]
    pub open_to: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// Front matter of `operations/<id>.md`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OperationMeta {
    pub name: String,
    #[serde(default)]
    pub acronym: Option<String>,
    #[serde(default)]
    pub from: Option<Date>,
    #[serde(default)]
    pub until: Option<Date>,
    #[serde(default)]
    pub theatre: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// Front matter of a free page or of `index.md` (all optional).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    Summit,
    Launch,
    Accession,
    Membership,
    Policy,
    Operation,
    Suspension,
    Other,
}

impl EventKind {
    pub fn label(self) -> &'static str {
        match self {
            EventKind::Summit => "Summit or meeting",
            EventKind::Launch => "Launch",
            EventKind::Accession => "Accession to NATO",
            EventKind::Membership => "Partnership membership",
            EventKind::Policy => "Policy",
            EventKind::Operation => "Operation",
            EventKind::Suspension => "Suspension",
            EventKind::Other => "Other",
        }
    }
}

/// One entry of a `timeline/*.yaml` list.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EventRecord {
    pub date: Date,
    pub title: String,
    pub kind: EventKind,
    pub summary: String,
    #[serde(default)]
    pub partners: Vec<String>,
    #[serde(default)]
    pub frameworks: Vec<String>,
    #[serde(default)]
    pub programmes: Vec<String>,
    #[serde(default)]
    pub operations: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// Where the event's date and a partner's record disagree, what the sources say
    /// (shown with the event; see docs/content.md, "Events agree with the records").
    #[serde(default)]
    pub differs_from_record: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// One entry of `sources.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRecord {
    pub id: String,
    pub title: String,
    pub publisher: String,
    #[serde(default)]
    pub author: Option<String>,
    /// As precise as known; free text is allowed ("c. 2024", "undated").
    pub date: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// One entry of `glossary.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    pub term: String,
    pub expansion: String,
    #[serde(default)]
    pub refers_to: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// The metadata of a Markdown document, by kind.
#[derive(Debug, Clone)]
pub enum Meta {
    Partner(PartnerMeta),
    Framework(FrameworkMeta),
    Programme(ProgrammeMeta),
    Operation(OperationMeta),
    Page(PageMeta),
}

impl Meta {
    pub fn kind(&self) -> EntityKind {
        match self {
            Meta::Partner(_) => EntityKind::Partner,
            Meta::Framework(_) => EntityKind::Framework,
            Meta::Programme(_) => EntityKind::Programme,
            Meta::Operation(_) => EntityKind::Operation,
            Meta::Page(_) => EntityKind::Page,
        }
    }

    /// The one-sentence summary for lists and page descriptions, if written.
    pub fn summary(&self) -> Option<&str> {
        match self {
            Meta::Partner(m) => m.summary.as_deref(),
            Meta::Framework(m) => m.summary.as_deref(),
            Meta::Programme(m) => m.summary.as_deref(),
            Meta::Operation(m) => m.summary.as_deref(),
            Meta::Page(m) => m.summary.as_deref(),
        }
    }

    pub fn sources(&self) -> &[String] {
        match self {
            Meta::Partner(m) => &m.sources,
            Meta::Framework(m) => &m.sources,
            Meta::Programme(m) => &m.sources,
            Meta::Operation(m) => &m.sources,
            Meta::Page(m) => &m.sources,
        }
    }
}

/// A Markdown file: its id, metadata, body and where the body starts.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: String,
    pub meta: Meta,
    pub body: String,
    /// The whole file, for pointing at lines after parsing.
    pub text: String,
    pub origin: Origin,
    /// 1-based line of the body's first line in the file.
    pub body_line: usize,
}

/// An event with the place it was written.
#[derive(Debug, Clone)]
pub struct EventEntry {
    pub record: EventRecord,
    pub origin: Origin,
}

/// Everything `load` read from `content/`, before any cross-reference is checked.
#[derive(Debug, Clone)]
pub struct LoadedContent {
    pub site: SiteConfig,
    pub home: Option<Document>,
    pub documents: Vec<Document>,
    pub events: Vec<EventEntry>,
    pub sources: Vec<(SourceRecord, Origin)>,
    pub glossary: Vec<(GlossaryEntry, Origin)>,
    /// Text of each YAML list file, for pointing at lines later.
    pub texts: std::collections::HashMap<PathBuf, String>,
    /// Ids of files that exist but failed to parse; references to them are not
    /// reported again as unknown.
    pub broken_ids: std::collections::HashSet<String>,
}
