//! `page` of every other template: the home page, indexes, timeline, map, sources,
//! glossary, search and the print edition, with the parts only they use.

use serde::Serialize;

use super::*;

/// `page` of print.html: the whole reference in one page.
#[derive(Serialize)]
pub struct PrintPage<'a> {
    /// The home page's text.
    pub intro: String,
    pub parts: Vec<PrintPart<'a>>,
    pub years: Vec<YearView>,
    /// The one bibliography, numbered as on the sources page.
    pub sources: Vec<SourceView>,
    pub glossary: Vec<GlossaryView>,
}

/// A part of the print edition: the frameworks, the partners, …
#[derive(Serialize)]
pub struct PrintPart<'a> {
    pub id: String,
    pub title: String,
    pub entities: Vec<PrintEntity<'a>>,
}

/// One entity in the print edition, at `#{anchor}`.
#[derive(Serialize)]
pub struct PrintEntity<'a> {
    pub anchor: String,
    /// `partner`, `framework`, …: which details `page.details` holds.
    pub kind: &'static str,
    pub page: EntityPage<'a>,
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

/// A data download listed on the sources page: a whole download, or one part of a
/// download split into parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Download {
    /// From the site root (the sources page is at the root).
    pub href: String,
    pub description: String,
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
