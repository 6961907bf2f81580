//! The kinds of entity that own a page, plus free pages.

use serde::Serialize;

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

    /// The kind whose output folder is `folder`.
    pub fn from_folder(folder: &str) -> Option<EntityKind> {
        EntityKind::ALL
            .into_iter()
            .find(|kind| kind.folder() == folder)
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
