//! The entries of the YAML lists: timeline events, sources, glossary terms.

use serde::{Deserialize, Serialize};

use super::Silences;
use crate::date::Date;

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
    /// Every kind, in the order the docs list them.
    pub const ALL: [EventKind; 8] = [
        EventKind::Summit,
        EventKind::Launch,
        EventKind::Accession,
        EventKind::Membership,
        EventKind::Policy,
        EventKind::Operation,
        EventKind::Suspension,
        EventKind::Other,
    ];

    /// The kind as an events file writes it (`kind: summit`).
    pub fn name(self) -> &'static str {
        match self {
            EventKind::Summit => "summit",
            EventKind::Launch => "launch",
            EventKind::Accession => "accession",
            EventKind::Membership => "membership",
            EventKind::Policy => "policy",
            EventKind::Operation => "operation",
            EventKind::Suspension => "suspension",
            EventKind::Other => "other",
        }
    }

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
    /// Warnings silenced on purpose: check code → why (docs/content.md, "Silencing a
    /// warning"). Editorial, so never exported.
    #[serde(default, skip_serializing)]
    pub silence: Silences,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_named_as_serde_reads_it() {
        for kind in EventKind::ALL {
            let read: EventKind = serde_yaml::from_str(kind.name()).expect("a kind");
            assert_eq!(read, kind);
        }
    }
}
