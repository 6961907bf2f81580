//! The shapes templates receive. Everything a template prints comes from here; URLs
//! are already relative to the page being rendered.

use serde::Serialize;

use super::chart::Chart;
use super::growth::Growth;
use crate::date::Date;
use crate::model::{EventKind, PartnerKind};

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

/// What every entity page receives as `page`; `details` is the kind's own part.
#[derive(Serialize)]
pub struct EntityPage {
    pub id: String,
    pub name: String,
    pub summary: Option<String>,
    pub body: String,
    pub events: Vec<EventView>,
    pub backlinks: Vec<Link>,
    pub sources: Vec<SourceView>,
    pub details: Details,
    /// The offline copy, on a free page that offers it.
    pub offline: Option<OfflineView>,
    /// How to cite the page; none in the print edition.
    pub cite: Option<CiteView>,
}

/// The kind's own part of an entity page: `page.details` in its template.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Details {
    Partner(Box<PartnerDetails>),
    Framework(Box<FrameworkDetails>),
    Programme(ProgrammeDetails),
    Operation(OperationDetails),
    Page,
}

/// A partner sharing frameworks with another, and the frameworks they share.
#[derive(Serialize)]
pub struct Related {
    pub partner: Link,
    pub shared: Vec<Badge>,
}

/// `page.details` of partner.html.
#[derive(Serialize)]
pub struct PartnerDetails {
    pub kind: PartnerKind,
    pub region: String,
    pub region_href: String,
    pub iso: Option<String>,
    pub status: &'static str,
    pub status_label: String,
    pub memberships: Vec<MembershipView>,
    pub nato_invited: Option<DateView>,
    pub nato_member: Option<DateView>,
    pub programmes: Vec<TakingPart>,
    pub operations: Vec<TakingPart>,
    pub related: Vec<Related>,
    pub related_total: usize,
    pub chart: Option<Chart>,
}

/// `page.details` of framework.html.
#[derive(Serialize)]
pub struct FrameworkDetails {
    pub badge: Badge,
    pub acronym: Option<String>,
    pub kind: Option<String>,
    pub launched: Option<DateView>,
    pub launched_at: Option<String>,
    pub ended: Option<DateView>,
    pub replaced_by: Option<Link>,
    pub replaces: Vec<Link>,
    pub programmes: Vec<Link>,
    pub current_count: usize,
    pub allies_count: usize,
    pub members: Vec<MemberRows>,
    pub chart: Option<Chart>,
    /// Whether the chart is left out because the framework has more members than
    /// a page can draw (1,000); the table gives their dates.
    pub chart_left_out: bool,
    /// Its members on the world map.
    pub map: Option<MapView>,
}

/// `page.details` of programme.html.
#[derive(Serialize)]
pub struct ProgrammeDetails {
    pub acronym: Option<String>,
    pub launched: Option<DateView>,
    pub launched_at: Option<String>,
    pub ended: Option<DateView>,
    pub replaced_by: Option<Link>,
    pub replaces: Vec<Link>,
    pub frameworks: Vec<Badge>,
    pub open_to: Option<String>,
    pub participants: Vec<TakingPart>,
}

/// `page.details` of operation.html.
#[derive(Serialize)]
pub struct OperationDetails {
    pub acronym: Option<String>,
    pub from: Option<DateView>,
    pub until: Option<DateView>,
    pub theatre: Option<String>,
    pub contributors: Vec<TakingPart>,
}

/// "Cite this page": `page.cite` of an entity page.
#[derive(Debug, Clone, Serialize)]
pub struct CiteView {
    /// One line of plain text.
    pub text: String,
    /// A BibTeX `@misc` entry.
    pub bibtex: String,
    /// The page's address: absolute when the site has a base URL.
    pub url: String,
}

/// `page` of print.html: the whole reference in one page.
#[derive(Serialize)]
pub struct PrintPage {
    /// The home page's text.
    pub intro: String,
    pub parts: Vec<PrintPart>,
    pub years: Vec<YearView>,
    /// The one bibliography, numbered as on the sources page.
    pub sources: Vec<SourceView>,
    pub glossary: Vec<GlossaryView>,
}

/// A part of the print edition: the frameworks, the partners, …
#[derive(Serialize)]
pub struct PrintPart {
    pub id: String,
    pub title: String,
    pub entities: Vec<PrintEntity>,
}

/// One entity in the print edition, at `#{anchor}`.
#[derive(Serialize)]
pub struct PrintEntity {
    pub anchor: String,
    /// `partner`, `framework`, …: which details `page.details` holds.
    pub kind: &'static str,
    pub page: EntityPage,
}

/// The offline copy as a page offers it.
#[derive(Debug, Clone, Serialize)]
pub struct OfflineView {
    pub href: String,
    /// "2.4 MB"
    pub size: String,
}

/// One line of the legend.
#[derive(Debug, Clone, Serialize)]
pub struct LegendItem {
    pub class: String,
    pub label: String,
    /// How many partner countries it colours at the status date.
    pub count: usize,
}

/// One row of the table that gives the map's facts as text.
#[derive(Debug, Clone, Serialize)]
pub struct MapRow {
    pub partner: Link,
    pub iso: String,
    pub class: String,
    /// What the colour means for this partner at the status date.
    pub label: String,
}

/// A world map as a page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct MapView {
    /// The SVG, escaped where it holds text (print with `| safe`).
    pub svg: String,
    pub legend: Vec<LegendItem>,
    /// The year shown without the script: the status date's.
    pub year: u16,
    pub start: u16,
    pub end: u16,
    /// Every year's colouring, as JSON for `map.js` (`<`, `>` and `&` escaped).
    pub data: Option<String>,
    pub rows: Vec<MapRow>,
    /// Partners with no outline on the map: organisations, and countries without an
    /// ISO code the outlines know.
    pub elsewhere: Vec<Link>,
    /// Size of the SVG, for the record ("168 kB").
    pub svg_size: String,
    /// What the uncoloured countries are.
    pub rest_label: String,
}

/// `page` of map.html.
#[derive(Serialize)]
pub struct MapPage {
    pub map: Option<MapView>,
}

/// An event on the timeline page: the `EventView` (flattened: `e.title`, `e.kind`, …)
/// and the values the page's filter matches it by, written as `data-*` attributes.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEvent {
    #[serde(flatten)]
    pub event: EventView,
    /// Ids of the frameworks it names, and of the frameworks of the programmes it names.
    pub filter_frameworks: Vec<String>,
    /// Slugs of the regions of the partners it names (the values of `filters.regions`).
    pub filter_regions: Vec<String>,
    /// Ids of the partners it names.
    pub filter_partners: Vec<String>,
}

/// One year of the timeline page.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineYear {
    pub year: u16,
    pub anchor: String,
    /// The year on the timeline: its section, or its page when split by year.
    pub href: String,
    /// How many events the year has.
    pub count: usize,
    pub events: Vec<TimelineEvent>,
}

/// The strip of events per year at the top of the timeline page.
#[derive(Debug, Clone, Serialize)]
pub struct YearStrip {
    /// The most events in one year (at least 1): the height of a full bar.
    pub max: usize,
    /// One bar per year of the timeline, in order, years without events included.
    pub bars: Vec<StripBar>,
}

/// One year's bar in the strip, drawn in a `0 0 10 100` view box.
#[derive(Debug, Clone, Serialize)]
pub struct StripBar {
    pub year: u16,
    /// Where the bar leads: the year's section on this page (`#y1994`), or the
    /// year's page of a timeline split by year.
    pub href: String,
    /// Whether the year is on this page.
    pub current: bool,
    pub count: usize,
    /// "1994: 7 events", "1990: no events": the link's accessible name and title.
    pub label: String,
    /// The bar's height, 0 to 100 (0 only for a year without events).
    pub height: u32,
    /// Where the bar's top is: `100 - height`.
    pub y: u32,
    /// Whether the year is written under its bar (the first year and every fifth).
    pub tick: bool,
}

/// The choices of the timeline's filter: only values some event carries.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineFilters {
    /// How many events in all.
    pub total: usize,
    pub frameworks: Vec<FilterOption>,
    pub kinds: Vec<FilterOption>,
    pub regions: Vec<FilterOption>,
    pub partners: Vec<FilterOption>,
}

/// One choice of a filter: the value matched against the events' `data-*` lists.
#[derive(Debug, Clone, Serialize)]
pub struct FilterOption {
    /// A framework or partner id, an event kind or a region slug.
    pub value: String,
    /// For readers: the name, the kind's label or the region as written.
    pub label: String,
    /// How many events carry it.
    pub count: usize,
}

/// The overview of the partners index (`page.overview` of partners.html).
#[derive(Debug, Default, Serialize)]
pub struct Overview {
    /// The frameworks whose colours the bars take, by colour slot.
    pub key: Vec<Badge>,
    /// The bilateral bodies, whose bars are all the neutral grey.
    pub bilateral: Vec<Link>,
    /// One chart per region, their label columns aligned.
    pub regions: Vec<OverviewGroup>,
}

/// One region's part of the overview.
#[derive(Debug, Serialize)]
pub struct OverviewGroup {
    pub title: String,
    /// `overview-<region slug>`, without `#`.
    pub anchor: String,
    pub chart: Chart,
}

/// `page` of index.html, the home page.
#[derive(Serialize)]
pub struct Home {
    pub body: String,
    pub counts: Vec<Count>,
    pub frameworks: Vec<Card>,
    pub decades: Vec<Link>,
    pub sources: Vec<SourceView>,
    pub timeline: (u16, u16),
    pub offline: Option<OfflineView>,
    pub growth: Option<Growth>,
    pub map: Option<MapView>,
}

/// `page` of section.html: the frameworks, programmes and operations indexes.
#[derive(Serialize)]
pub struct Section {
    pub kind: &'static str,
    pub cards: Vec<Card>,
    pub count_one: &'static str,
    pub count_many: &'static str,
    /// The growth chart, on the frameworks index only.
    pub growth: Option<Growth>,
}

/// `page` of partners.html, the partners index.
#[derive(Serialize)]
pub struct PartnersIndex {
    pub count: usize,
    /// Past 1,000 partners, the index is summarised so that it stays light: the
    /// framework groups give counts and lead to the framework pages, the status
    /// groups give counts, the region groups list names only, and there is no
    /// overview chart.
    pub summarised: bool,
    pub by_framework: Vec<Group>,
    pub by_region: Vec<Group>,
    pub by_status: Vec<Group>,
    pub overview: Overview,
}

/// `page` of timeline.html.
#[derive(Serialize)]
pub struct Timeline {
    pub start: u16,
    pub end: u16,
    /// The year of a year's page, when the timeline is split by year.
    pub year: Option<u16>,
    /// Whether this is the overview of a timeline split by year: years and their
    /// counts, no events.
    pub overview: bool,
    /// Events on this page (every event on the overview).
    pub count: usize,
    pub strip: YearStrip,
    pub filters: TimelineFilters,
    pub years: Vec<TimelineYear>,
    pub sources: Vec<SourceView>,
}

/// A data download listed on the sources page.
#[derive(Serialize)]
pub struct Download {
    pub href: &'static str,
    pub description: &'static str,
}

/// `page` of sources.html.
#[derive(Serialize)]
pub struct Sources {
    pub sources: Vec<SourceView>,
    pub downloads: Vec<Download>,
}

/// `page` of glossary.html.
#[derive(Serialize)]
pub struct Glossary {
    pub terms: Vec<GlossaryView>,
}

/// `page` of search.html.
#[derive(Serialize)]
pub struct Search {
    pub index: &'static str,
    pub entries: usize,
}
