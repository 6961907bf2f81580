//! `site.yaml`: the site's title, description, timeline range and status date.

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// `site.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    #[serde(default)]
    pub base_url: Option<String>,
    /// Whether this run makes the offline copy (a `build` does, `serve` and
    /// `check` do not); set by the run, never read from `site.yaml`.
    #[serde(skip)]
    pub offline_copy: bool,
    pub timeline: TimelineRange,
    pub status_as_of: Date,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineRange {
    pub start: u16,
    pub end: u16,
}
