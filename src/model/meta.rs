//! The front matter of frameworks, programmes, operations and free pages, and the
//! metadata of any Markdown document by kind.

use serde::{Deserialize, Serialize};

use super::{EntityKind, PartnerMeta, Silences};
use crate::date::Date;

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
    /// Warnings silenced on purpose: check code → why (docs/content.md, "Silencing a
    /// warning"). Editorial, so never exported.
    #[serde(default, skip_serializing)]
    pub silence: Silences,
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
    /// Warnings silenced on purpose: check code → why (docs/content.md, "Silencing a
    /// warning"). Editorial, so never exported.
    #[serde(default, skip_serializing)]
    pub silence: Silences,
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
    /// Warnings silenced on purpose: check code → why (docs/content.md, "Silencing a
    /// warning"). Editorial, so never exported.
    #[serde(default, skip_serializing)]
    pub silence: Silences,
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
    /// Warnings silenced on purpose: check code → why (docs/content.md, "Silencing a
    /// warning"). Editorial, so never exported.
    #[serde(default, skip_serializing)]
    pub silence: Silences,
    /// Whether the page offers the offline copy, with its size, after its text.
    #[serde(default)]
    pub offline_copy: bool,
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

    /// The warnings this document silences, with why.
    pub fn silence(&self) -> &Silences {
        match self {
            Meta::Partner(m) => &m.silence,
            Meta::Framework(m) => &m.silence,
            Meta::Programme(m) => &m.silence,
            Meta::Operation(m) => &m.silence,
            Meta::Page(m) => &m.silence,
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
