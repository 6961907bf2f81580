//! The shapes templates receive. Everything a template prints comes from here; URLs
//! are already relative to the page being rendered.

use serde::Serialize;

use super::chart::Chart;
use super::growth::Growth;
use crate::date::Date;
use crate::model::{EventKind, PartnerKind};

mod entity;
mod pages;

pub use entity::*;
pub use pages::*;

/// A link to another page of the site.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Link {
    pub name: String,
    pub href: String,
}

/// A date with its machine and reader forms.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// `1994-01-10`, `1994-01` or `1994`: for `<time datetime>`.
    pub iso: String,
    /// "10 January 1994", "January 1994" or "1994".
    pub text: String,
}

impl From<Date> for DateView {
    fn from(date: Date) -> Self {
        DateView {
            iso: date.iso(),
            text: date.text(),
        }
    }
}

pub fn date_view(date: Option<Date>) -> Option<DateView> {
    date.map(DateView::from)
}

/// A framework badge: link plus the framework's colour slot.
#[derive(Debug, Clone, Serialize)]
pub struct Badge {
    pub name: String,
    pub acronym: String,
    pub href: String,
    pub colour: usize,
}

/// A membership row, seen from the partner or from the framework.
#[derive(Debug, Clone, Serialize)]
pub struct MembershipView {
    pub framework: Badge,
    pub partner: Link,
    pub from: Option<DateView>,
    pub until: Option<DateView>,
    pub role: Option<String>,
    pub note: Option<String>,
    pub current: bool,
    /// `until` is the partner's accession to NATO, where its partnership ended.
    pub ends_at_accession: bool,
    /// ... and it stayed on as an Ally (the framework seats Allies).
    pub as_ally: bool,
}

/// A partner's rows in a framework's members table: one per period, so that a
/// partner that left and came back is one member with two periods.
#[derive(Debug, Clone, Serialize)]
pub struct MemberRows {
    pub partner: Link,
    pub periods: Vec<MembershipView>,
}

/// A programme use or operation part, seen from either side.
#[derive(Debug, Clone, Serialize)]
pub struct TakingPart {
    pub entity: Link,
    pub partner: Link,
    /// For operations: how the partner was involved when not as a contributor.
    pub role: Option<String>,
    pub from: Option<DateView>,
    pub until: Option<DateView>,
    pub note: Option<String>,
}

/// One event as shown on any page.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    pub anchor: String,
    pub href: String,
    pub date: DateView,
    pub year: u16,
    pub title: String,
    pub kind: EventKind,
    pub kind_label: String,
    pub summary_html: String,
    pub note: Option<String>,
    /// What the sources say where this date and a partner's record disagree.
    pub differs_from_record: Option<String>,
    pub entities: Vec<Link>,
    /// Citation numbers of the event's sources on this page.
    pub sources: Vec<Citation>,
}

/// A numbered reference to an entry in the page's source list.
#[derive(Debug, Clone, Serialize)]
pub struct Citation {
    pub number: usize,
    pub id: String,
    pub title: String,
}

/// A source as listed at the foot of a page or on the sources page.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    pub number: usize,
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub author: Option<String>,
    pub date: String,
    pub url: Option<String>,
    pub note: Option<String>,
    /// Link to the entry on the sources page.
    pub href: String,
    /// Pages and events citing it (sources page only).
    pub cited_by: Vec<Link>,
    /// How many pages and events cite it; past 200 only the first 200 are listed
    /// in `cited_by`.
    pub cited_by_count: usize,
}

/// A card on an index page.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    pub name: String,
    pub acronym: Option<String>,
    pub href: String,
    pub summary: Option<String>,
    pub dates: Option<String>,
    pub count: usize,
    /// Frameworks: the partners that were members at the status date.
    pub current: Option<usize>,
    pub colour: Option<usize>,
}

/// A named group of links (partners by region, by status, ...).
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub title: String,
    pub anchor: String,
    pub badge: Option<Badge>,
    /// How many partners the group holds, listed in `items` or not.
    pub count: usize,
    /// The partners, unless the index is summarised (see `PartnersIndex`).
    pub items: Vec<GroupItem>,
    /// Where the group's partners are listed when they are not here: a framework's
    /// page.
    pub elsewhere: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupItem {
    pub name: String,
    pub href: String,
    pub years: Option<String>,
    pub note: Option<String>,
}

/// One year of the timeline.
#[derive(Debug, Clone, Serialize)]
pub struct YearView {
    pub year: u16,
    pub anchor: String,
    pub events: Vec<EventView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GlossaryView {
    pub term: String,
    pub anchor: String,
    pub expansion: String,
    pub note: Option<String>,
    pub link: Option<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    pub label: String,
    pub href: String,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Count {
    pub label: String,
    pub value: usize,
    pub href: String,
}
