//! `page` of the entity templates (partner, framework, programme, operation and
//! free pages): what they share, and each kind's own details.

use serde::Serialize;

use super::*;

/// What every entity page receives as `page`; `details` is the kind's own part.
#[derive(Serialize)]
pub struct EntityPage<'a> {
    pub id: String,
    pub name: String,
    pub summary: Option<String>,
    pub body: String,
    pub events: Vec<EventView>,
    pub backlinks: Vec<Link>,
    pub sources: Vec<SourceView>,
    pub details: Details<'a>,
    /// The offline copy, on a free page that offers it.
    pub offline: Option<OfflineView>,
    /// How to cite the page; none in the print edition.
    pub cite: Option<CiteView>,
}

/// The kind's own part of an entity page: `page.details` in its template.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Details<'a> {
    Partner(Box<PartnerDetails<'a>>),
    Framework(Box<FrameworkDetails>),
    Programme(ProgrammeDetails),
    Operation(OperationDetails),
    Page,
}

/// A partner sharing frameworks with another, and the ids of the frameworks they
/// share. Templates receive it in a [`RelatedGroup`].
pub struct Related<'a> {
    /// The partner's number in the related index, which keys its link.
    pub number: usize,
    pub partner: &'a str,
    pub shared: Vec<&'a str>,
}

/// Related partners that share the same frameworks, as templates receive them:
/// `{shared: list of Badge, marks: HTML, partners: list of Link}`, made of template
/// values directly; each partner's link is one value shared by every page that
/// lists it (see `SiteRenderer::related_groups` in src/render/entities.rs).
#[derive(Serialize)]
pub struct RelatedGroup {
    pub shared: Vec<tera::Value>,
    pub marks: tera::Value,
    pub partners: Vec<tera::Value>,
}

/// `page.details` of partner.html.
#[derive(Serialize)]
pub struct PartnerDetails<'a> {
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
    /// The related partners as found, closest first; `SiteRenderer::page_value`
    /// groups them into `related_groups` before the page is serialised.
    #[serde(skip)]
    pub related: Vec<Related<'a>>,
    /// The related partners as templates receive them, as `related`: grouped by
    /// the frameworks they share, closest first.
    #[serde(rename = "related")]
    pub related_groups: Vec<tera::Value>,
    /// How many related partners the groups hold.
    pub related_shown: usize,
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
