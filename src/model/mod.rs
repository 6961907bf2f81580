//! The content as written: one record per file or list entry, with the place it
//! came from. Field names are the content contract (docs/content.md).
//!
//! | module | records |
//! |---|---|
//! | `kind` | the kinds of entity |
//! | `site` | `site.yaml` |
//! | `partner` | a partner's front matter and what it takes part in |
//! | `involvement` | the trait over a partner's memberships, programme uses and operation parts |
//! | `meta` | the front matter of the other kinds, and of any document by kind |
//! | `lists` | timeline events, sources, glossary terms |
//! | `content` | documents, origins and everything `load` read |

mod content;
mod involvement;
mod kind;
mod lists;
mod meta;
mod partner;
mod site;

pub use content::{Document, EventEntry, LoadedContent, Origin};
pub use involvement::PartnerEntry;
pub use kind::EntityKind;
pub use lists::{EventKind, EventRecord, GlossaryEntry, SourceRecord};
pub use meta::{FrameworkMeta, Meta, OperationMeta, PageMeta, ProgrammeMeta};
pub use partner::{Membership, OperationPart, PartnerKind, PartnerMeta, ProgrammeUse, Status};
pub use site::{SiteConfig, TimelineRange};

/// A record's silenced warnings: check code → why it is silenced.
pub type Silences = std::collections::BTreeMap<String, String>;
