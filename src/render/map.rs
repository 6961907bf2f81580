//! The world map of partners: every partner country coloured by the partnership
//! framework it belonged to at a date, drawn by [`crate::geo`] as inline SVG. The
//! map page carries the colouring of every year, so that a script can redraw it for
//! any year of the timeline; without the script it shows the status date.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::views::{LegendItem, MapPage, MapRow, MapView};
use super::{NEUTRAL_SLOT, SiteRenderer, urls};
use crate::date::Date;
use crate::geo::{MapCountry, MapOptions, World};
use crate::model::{EntityKind, Meta, PartnerKind, PartnerMeta};

/// The outlines, read once per process.
fn world() -> Option<&'static World> {
    static WORLD: OnceLock<Option<World>> = OnceLock::new();
    WORLD.get_or_init(|| World::load().ok()).as_ref()
}

/// How a country is coloured: a framework's slot, or one of the neutral states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Shade {
    /// A member of the framework with this colour slot.
    Framework(usize),
    /// A member of a bilateral body only (a commission or council of one partner).
    Bilateral,
    /// Had joined NATO.
    Ally,
    /// A partner of the reference, in no framework at the date.
    Outside,
}

impl Shade {
    fn class(self) -> String {
        match self {
            Shade::Framework(slot) => format!("fill-{slot}"),
            Shade::Bilateral => "map-bilateral".into(),
            Shade::Ally => "map-ally".into(),
            Shade::Outside => "map-outside".into(),
        }
    }
}

/// What a map highlights.
#[derive(Debug, Clone, Copy)]
pub(super) enum Focus<'a> {
    /// Every partner, by framework.
    All { with_years: bool },
    /// The members of one framework: current members in its colour, former ones
    /// hatched.
    Framework(&'a str),
}

impl SiteRenderer<'_> {
    /// The framework that colours a partner at `date`: of the multilateral frameworks
    /// it belongs to then, the one launched first (the lowest colour slot); a
    /// partner that had joined NATO is an Ally.
    fn shade_at(&self, partner: &PartnerMeta, date: Date) -> (Shade, Option<String>) {
        if partner
            .nato_member
            .is_some_and(|joined| !date.is_before(&joined))
        {
            return (Shade::Ally, None);
        }
        let active = partner.memberships.iter().filter(|m| {
            m.from.is_some_and(|from| !date.is_before(&from))
                && m.until.is_none_or(|until| date.is_before(&until))
        });
        let mut best: Option<(Shade, String)> = None;
        for membership in active {
            let slot = self
                .colours
                .get(&membership.framework)
                .copied()
                .unwrap_or(NEUTRAL_SLOT);
            let shade = if slot == NEUTRAL_SLOT {
                Shade::Bilateral
            } else {
                Shade::Framework(slot)
            };
            if best.as_ref().is_none_or(|(b, _)| shade < *b) {
                best = Some((shade, membership.framework.clone()));
            }
        }
        match best {
            Some((shade, framework)) => (shade, Some(framework)),
            None => (Shade::Outside, None),
        }
    }

    /// What a shade means, in words: the framework's name, or the neutral state.
    fn shade_label(&self, shade: Shade, framework: Option<&str>) -> String {
        match (shade, framework) {
            (Shade::Framework(_), Some(id)) => self.badge(id, "").name,
            (Shade::Bilateral, _) => "A bilateral council or commission only".into(),
            (Shade::Ally, _) => "Had joined NATO".into(),
            _ => "In no partnership framework".into(),
        }
    }

    /// The map for a page at `root`, or none when the outlines cannot be read or no
    /// partner has a country on them.
    pub(super) fn world_map(&self, root: &str, focus: Focus, id_prefix: &str) -> Option<MapView> {
        // The print edition has no maps: a map is a page to explore, not to read.
        if self.edition == super::Edition::Print {
            return None;
        }
        let world = world()?;
        let site = self.site;
        let as_of = site.config.status_as_of;
        let range = site.config.timeline;
        let mut countries = Vec::new();
        let mut rows = Vec::new();
        let mut elsewhere = Vec::new();
        let mut counts: BTreeMap<(Shade, Option<String>), usize> = BTreeMap::new();
        let mut years: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut names: BTreeMap<String, String> = BTreeMap::new();
        let mut classes: Vec<(String, String)> = Vec::new();
        let mut class_index = |class: String, label: String| match classes
            .iter()
            .position(|(c, l)| *c == class && *l == label)
        {
            Some(index) => index,
            None => {
                classes.push((class, label));
                classes.len() - 1
            }
        };
        for document in site.documents_of(EntityKind::Partner) {
            let Meta::Partner(partner) = &document.meta else {
                continue;
            };
            let link = self.link(&document.id, root);
            let iso = match (&partner.kind, &partner.iso) {
                (PartnerKind::Country, Some(iso)) if world.contains(iso) => iso.clone(),
                _ => {
                    elsewhere.push(link);
                    continue;
                }
            };
            let (shade, framework) = match focus {
                Focus::All { .. } => self.shade_at(partner, as_of),
                Focus::Framework(id) => {
                    let Some(membership) = partner.memberships.iter().find(|m| m.framework == id)
                    else {
                        continue;
                    };
                    let current = membership.until.is_none_or(|u| !u.is_before(&as_of));
                    let slot = self.colours.get(id).copied().unwrap_or(NEUTRAL_SLOT);
                    if current {
                        (Shade::Framework(slot), Some(id.to_string()))
                    } else {
                        (Shade::Outside, Some(id.to_string()))
                    }
                }
            };
            let label = match focus {
                Focus::Framework(_) if shade == Shade::Outside => "A former member".to_string(),
                Focus::Framework(_) => "A member".to_string(),
                Focus::All { .. } => self.shade_label(shade, framework.as_deref()),
            };
            let class = match focus {
                Focus::Framework(_) if shade == Shade::Outside => "map-former".to_string(),
                _ => shade.class(),
            };
            *counts.entry((shade, framework.clone())).or_insert(0) += 1;
            if let Focus::All { with_years: true } = focus {
                let per_year = (range.start..=range.end)
                    .map(|year| {
                        let end_of_year = Date {
                            year,
                            month: Some(12),
                            day: Some(31),
                        };
                        let date = if as_of.is_before(&end_of_year) {
                            as_of
                        } else {
                            end_of_year
                        };
                        let (shade, framework) = self.shade_at(partner, date);
                        class_index(shade.class(), self.shade_label(shade, framework.as_deref()))
                    })
                    .collect();
                years.insert(iso.clone(), per_year);
                names.insert(iso.clone(), link.name.clone());
            }
            countries.push(MapCountry {
                iso: iso.clone(),
                href: Some(link.href.clone()),
                title: format!("{}: {label}", link.name),
                class: class.clone(),
            });
            rows.push(MapRow {
                partner: link,
                iso,
                class,
                label,
            });
        }
        if countries.is_empty() {
            return None;
        }
        let status_year = usize::from(as_of.year.clamp(range.start, range.end) - range.start);
        let legend = if years.is_empty() {
            self.legend_of(counts, focus)
        } else {
            // Every colour of any year, so that the script can show each year's;
            // the counts are the status date's.
            classes
                .iter()
                .enumerate()
                .map(|(index, (class, label))| LegendItem {
                    class: class.clone(),
                    label: label.clone(),
                    count: years
                        .values()
                        .filter(|per_year| per_year.get(status_year) == Some(&index))
                        .count(),
                })
                .collect()
        };
        let mut legend = legend;
        legend.sort_by_key(|item| class_rank(&item.class));
        let description = match focus {
            Focus::All { with_years } => format!(
                "Partner countries coloured by the partnership framework they belonged to at {}; {} gives the same facts as a table.",
                as_of.text(),
                if with_years {
                    "the table below"
                } else {
                    "the map page"
                }
            ),
            Focus::Framework(id) => format!(
                "The members of {} on a world map, at {}; the members table gives the same facts.",
                self.badge(id, root).name,
                as_of.text()
            ),
        };
        let options = MapOptions {
            id_prefix: id_prefix.to_string(),
            aria_label: "World map of NATO's partners".to_string(),
            description: Some(description),
            ..MapOptions::default()
        };
        let svg = world.svg(&countries, &options);
        let data = (!years.is_empty()).then(|| {
            let json = serde_json::json!({
                "start": range.start,
                "end": range.end,
                "classes": classes.iter().map(|(c, _)| c).collect::<Vec<_>>(),
                "labels": classes.iter().map(|(_, l)| l).collect::<Vec<_>>(),
                "countries": years,
                "names": names,
            });
            json.to_string()
                .replace('<', "\\u003c")
                .replace('>', "\\u003e")
                .replace('&', "\\u0026")
        });
        Some(MapView {
            svg_size: crate::offline::human_size(svg.len() as u64),
            rest_label: match focus {
                Focus::All { .. } => {
                    "Not a partner of the reference, the founding Allies among them".into()
                }
                Focus::Framework(_) => "Never a member".into(),
            },
            svg,
            legend,
            year: as_of.year,
            start: range.start,
            end: range.end,
            data,
            rows,
            elsewhere,
        })
    }

    /// The legend of a map without years: each colour with its count.
    fn legend_of(
        &self,
        counts: BTreeMap<(Shade, Option<String>), usize>,
        focus: Focus,
    ) -> Vec<LegendItem> {
        counts
            .into_iter()
            .map(|((shade, framework), count)| LegendItem {
                class: match focus {
                    Focus::Framework(_) if shade == Shade::Outside => "map-former".into(),
                    _ => shade.class(),
                },
                label: match focus {
                    Focus::Framework(_) if shade == Shade::Outside => "Former members".into(),
                    Focus::Framework(_) => "Members".into(),
                    Focus::All { .. } => self.shade_label(shade, framework.as_deref()),
                },
                count,
            })
            .collect()
    }

    /// `map.html`: the map through the years.
    pub(super) fn map_page(&self) -> Result<super::OutputFile, crate::diagnostics::Diagnostic> {
        let path = urls::MAP.to_string();
        let root = "";
        let range = self.site.config.timeline;
        let title = format!("Partners on the map, {}–{}", range.start, range.end);
        let crumbs = self.crumbs(root, &[]);
        let common = self.common(&path, title, None, crumbs);
        let map = self.world_map(root, Focus::All { with_years: true }, "world-map-");
        self.finish("map.html", path, common, MapPage { map })
    }
}

/// Where a colour comes in the legend: frameworks in the order of their colours,
/// then the neutral states.
fn class_rank(class: &str) -> (usize, usize) {
    match class
        .strip_prefix("fill-")
        .and_then(|slot| slot.parse().ok())
    {
        Some(slot) => (0, slot),
        None => (
            1,
            ["map-bilateral", "map-former", "map-ally", "map-outside"]
                .iter()
                .position(|c| *c == class)
                .unwrap_or(usize::MAX),
        ),
    }
}
