//! A world map as one inline SVG: country outlines from Natural Earth, each
//! partner's country a link, coloured by class.
//!
//! The outlines are committed at `data/world/countries.json` (made once by
//! `scripts/world/convert.mjs`; see `data/world/NOTICE`) and compiled into the
//! binary. They are a TopoJSON topology: a border between two countries is one arc
//! used by both, simplified once, so neighbours stay aligned to the last vertex.
//! [`World::svg`] projects them with the Natural Earth projection
//! ([`projection::natural_earth`]) and writes paths with coordinates rounded to a
//! tenth of a unit.
//!
//! ```no_run
//! use natopartners::geo::{MapCountry, MapOptions, World};
//! let world = World::load()?;
//! let svg = world.svg(
//!     &[MapCountry {
//!         iso: "AUT".into(),
//!         href: Some("/partners/austria/".into()),
//!         title: "Austria".into(),
//!         class: "fill-0".into(),
//!     }],
//!     &MapOptions::default(),
//! );
//! # Ok::<(), natopartners::geo::GeoError>(())
//! ```

pub mod projection;
mod svg;
mod topology;

use topology::ArcRef;

/// The committed outlines.
const COUNTRIES: &str = include_str!("../../data/world/countries.json");

/// Why the outlines could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GeoError {
    #[error("the world outlines are not valid JSON of the expected shape: {0}")]
    Parse(#[source] serde_json::Error),
    #[error("the world outlines are inconsistent: {0}")]
    Invalid(String),
}

/// One country's outline as stored.
#[derive(Debug, Clone)]
pub struct Shape {
    /// ISO 3166-1 alpha-3 code, as Natural Earth gives it (a few entities have
    /// codes of their own, such as `XKX` for Kosovo).
    pub iso: String,
    /// Natural Earth's short name, in English.
    pub name: String,
    /// Representative point, longitude and latitude in degrees: the centroid of the
    /// largest polygon (or a point inside it when the centroid falls outside).
    pub point: (f64, f64),
    polygons: Vec<Vec<Vec<ArcRef>>>,
}

/// The world's countries, with their shared arcs projected.
#[derive(Debug, Clone)]
pub struct World {
    /// Sorted by ISO code.
    shapes: Vec<Shape>,
    /// Every arc projected, in [`projection::natural_earth`] units (y northwards).
    arcs: Vec<Vec<(f64, f64)>>,
    /// Southernmost and northernmost projected `y` of any arc.
    y_range: (f64, f64),
    /// Every country drawn at the default width, made on first use.
    drawn: std::sync::OnceLock<Vec<svg::Drawn>>,
}

/// A country to draw in colour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapCountry {
    /// ISO alpha-3 code, as in a partner's `iso:`.
    pub iso: String,
    /// Where a click leads; `None` draws the country without a link.
    pub href: Option<String>,
    /// The tooltip and accessible name, for instance "Austria — PfP since 1995".
    pub title: String,
    /// CSS class of the path (and marker), for instance `fill-3`.
    pub class: String,
}

/// One line of the legend: a swatch of `class` and its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegendEntry {
    pub class: String,
    pub label: String,
}

/// How to draw the map.
#[derive(Debug, Clone)]
pub struct MapOptions {
    /// Width of the viewBox in user units; the height follows from the projection.
    /// The SVG has no pixel size: CSS scales it.
    pub width: f64,
    /// Prefix of the ids inside the SVG (title, description), so that two maps can
    /// share a page.
    pub id_prefix: String,
    /// Countries in `countries` whose projected area, in square viewBox units, is
    /// below this also get a circle marker, so they can be seen and clicked.
    pub small_state_area_threshold: f64,
    /// Radius of those markers, in viewBox units.
    pub marker_radius: f64,
    /// The map's accessible name (its `<title>`).
    pub aria_label: String,
    /// A longer description (`<desc>`), if any.
    pub description: Option<String>,
    /// Class of the `<svg>` element.
    pub class: String,
    /// Legend lines, drawn in the South Pacific corner; none when empty.
    pub legend: Vec<LegendEntry>,
}

impl Default for MapOptions {
    fn default() -> Self {
        MapOptions {
            width: 1000.0,
            id_prefix: "world-map-".to_string(),
            small_state_area_threshold: 12.0,
            marker_radius: 2.5,
            aria_label: "World map".to_string(),
            description: None,
            class: "world-map".to_string(),
            legend: Vec::new(),
        }
    }
}

impl World {
    /// Reads the outlines compiled into the binary. Takes a few milliseconds.
    pub fn load() -> Result<World, GeoError> {
        World::from_topojson(COUNTRIES)
    }

    /// Reads outlines in the format of `data/world/countries.json`.
    pub fn from_topojson(text: &str) -> Result<World, GeoError> {
        let decoded = topology::decode(text)?;
        let arcs: Vec<Vec<(f64, f64)>> = decoded
            .arcs
            .iter()
            .map(|arc| {
                arc.iter()
                    .map(|&(lon, lat)| projection::natural_earth(lon, lat))
                    .collect()
            })
            .collect();
        let y_range = arcs.iter().flatten().fold(
            (f64::INFINITY, f64::NEG_INFINITY),
            |(low, high), &(_, y)| (low.min(y), high.max(y)),
        );
        let (south, north) = y_range;
        if !south.is_finite() || !north.is_finite() || south >= north {
            return Err(GeoError::Invalid("no outlines".to_string()));
        }
        let mut shapes: Vec<Shape> = decoded
            .countries
            .into_iter()
            .map(|country| Shape {
                iso: country.iso,
                name: country.name,
                point: country.point,
                polygons: country.polygons,
            })
            .collect();
        shapes.sort_by(|a, b| a.iso.cmp(&b.iso));
        if let Some(pair) = shapes.windows(2).find(|pair| pair[0].iso == pair[1].iso) {
            return Err(GeoError::Invalid(format!(
                "{} has two outlines",
                pair[0].iso
            )));
        }
        Ok(World {
            shapes,
            arcs,
            y_range,
            drawn: std::sync::OnceLock::new(),
        })
    }

    /// ISO codes of every country with an outline, sorted.
    pub fn countries(&self) -> impl Iterator<Item = &str> {
        self.shapes.iter().map(|shape| shape.iso.as_str())
    }

    /// Every country's outline, sorted by ISO code.
    pub fn shapes(&self) -> &[Shape] {
        &self.shapes
    }

    /// The outline of `iso`, if there is one.
    pub fn shape(&self, iso: &str) -> Option<&Shape> {
        self.shapes
            .binary_search_by(|shape| shape.iso.as_str().cmp(iso))
            .ok()
            .and_then(|index| self.shapes.get(index))
    }

    /// Whether `iso` has an outline.
    pub fn contains(&self, iso: &str) -> bool {
        self.shape(iso).is_some()
    }

    /// The codes among `isos` that have no outline, in the order given: for a
    /// warning about a partner that the map cannot show.
    pub fn missing<'a>(&self, isos: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
        isos.into_iter().filter(|iso| !self.contains(iso)).collect()
    }

    /// The map as one `<svg>` element. Each of `countries` is drawn with its class,
    /// inside a link when it has an `href`, with its title; small ones also get a
    /// marker. Every other country is a plain path of class `land`. Codes without an
    /// outline are skipped (see [`World::missing`]); of a code listed twice, the
    /// first wins.
    pub fn svg(&self, countries: &[MapCountry], opts: &MapOptions) -> String {
        svg::render(self, countries, opts)
    }
}

#[cfg(test)]
mod tests;
