//! A partner's front matter: what it is, its status, and what it takes part in
//! (memberships of frameworks, programme uses, operation parts).

use serde::{Deserialize, Serialize};

use super::Silences;
use crate::date::Date;

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
    /// Warnings silenced on purpose: check code → why (docs/content.md, "Silencing a
    /// warning"). Editorial, so never exported.
    #[serde(default, skip_serializing)]
    pub silence: Silences,
}
