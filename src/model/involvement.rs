//! The involvement trait: a partner's memberships, programme uses and operation
//! parts, read alike by resolve.

use super::{EntityKind, Membership, OperationPart, ProgrammeUse};
use crate::date::Date;

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
