//! What a large site gets instead of pages that would grow without bound: every
//! limit past which a page is split or summarised, in one place. The shipped
//! reference is far below each of them.

use crate::model::EntityKind;
use crate::resolve::Site;

/// The partners index lists every partner three ways up to this many partners;
/// past it, it is summarised (counts, names by region, no overview chart).
pub const PARTNERS_LISTED: usize = 1_000;

/// The most members a framework page draws in its chart, one row each.
pub const CHART_ROWS: usize = 1_000;

/// The most events on one timeline page; past it, a page per year.
pub const TIMELINE_ONE_PAGE: usize = 2_000;

/// How many of the pages and events citing a source the sources page lists.
pub const CITED_BY_LISTED: usize = 200;

/// The most bytes one data download holds: past it, a download is split into
/// numbered parts of whole rows (`data/partners-1.json`, `data/partners-2.json`,
/// …), each at most this size (a row larger than it makes a part alone), so that
/// no file of the site runs past about 5 MB.
pub const DOWNLOAD_BYTES: usize = 4_000_000;

/// Whether the site gets an offline copy (one zip of the whole site): up to
/// [`PARTNERS_LISTED`] partners and [`TIMELINE_ONE_PAGE`] events, a download of a
/// few megabytes; a larger site has none, and its pages do not offer one.
pub fn offline_copy(site: &Site) -> bool {
    site.documents_of(EntityKind::Partner).count() <= PARTNERS_LISTED
        && site.events.len() <= TIMELINE_ONE_PAGE
}

/// The most partners the print edition holds: about 5 MB of page at a few
/// kilobytes a partner.
pub const PRINTED_PARTNERS: usize = 500;

/// Whether the site gets a print edition: the whole reference in one page is for a
/// reference that fits in one (up to [`PRINTED_PARTNERS`] partners and
/// [`TIMELINE_ONE_PAGE`] events); a larger site has none, and its pages do not
/// offer one.
pub fn print_edition(site: &Site) -> bool {
    site.documents_of(EntityKind::Partner).count() <= PRINTED_PARTNERS
        && site.events.len() <= TIMELINE_ONE_PAGE
}
