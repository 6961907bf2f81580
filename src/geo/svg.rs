//! Writes the map: each country one closed path built from the shared arcs, with
//! coordinates rounded to tenths of a viewBox unit, so that a vertex on a border
//! comes out as the same text in both neighbours' paths.

use std::collections::HashMap;
use std::fmt::Write;

use super::projection::{HALF_WIDTH, natural_earth};
use super::{MapCountry, MapOptions, Shape, World};
use crate::html::escape;

/// A point in tenths of a viewBox unit.
type Tenths = (i64, i64);

/// From projection units to the viewBox.
struct Frame {
    pad: f64,
    scale: f64,
    top: f64,
    height: f64,
}

impl Frame {
    fn new(world: &World, width: f64) -> Frame {
        let width = if width.is_finite() && width > 0.0 {
            width
        } else {
            1000.0
        };
        let pad = width * 0.005;
        let scale = (width - 2.0 * pad) / (2.0 * HALF_WIDTH);
        let (south, north) = world.y_range;
        Frame {
            pad,
            scale,
            top: north,
            height: 2.0 * pad + (north - south) * scale,
        }
    }

    fn width(&self) -> f64 {
        2.0 * self.pad + 2.0 * HALF_WIDTH * self.scale
    }

    fn tenths(&self, (x, y): (f64, f64)) -> Tenths {
        let x = self.pad + (x + HALF_WIDTH) * self.scale;
        let y = self.pad + (self.top - y) * self.scale;
        ((x * 10.0).round() as i64, (y * 10.0).round() as i64)
    }
}

/// Writes a number of tenths as a decimal: 1234 as `123.4`, 1230 as `123`.
fn push_tenths(out: &mut String, value: i64) {
    if value < 0 {
        out.push('-');
    }
    let value = value.unsigned_abs();
    let _ = write!(out, "{}", value / 10);
    if value % 10 != 0 {
        let _ = write!(out, ".{}", value % 10);
    }
}

fn push_point(out: &mut String, (x, y): Tenths) {
    push_tenths(out, x);
    out.push(',');
    push_tenths(out, y);
}

/// A country's rings in tenths, consecutive duplicates and the closing point
/// dropped, rings of fewer than three points left out.
fn rings(shape: &Shape, arcs: &[Vec<Tenths>]) -> Vec<(bool, Vec<Tenths>)> {
    let mut out = Vec::new();
    for polygon in &shape.polygons {
        for (index, ring) in polygon.iter().enumerate() {
            let mut points: Vec<Tenths> = Vec::new();
            for arc_ref in ring {
                let Some(arc) = arcs.get(arc_ref.index) else {
                    continue;
                };
                let mut push = |point: Tenths| {
                    if points.last() != Some(&point) {
                        points.push(point);
                    }
                };
                if arc_ref.reversed {
                    arc.iter().rev().for_each(|&point| push(point));
                } else {
                    arc.iter().for_each(|&point| push(point));
                }
            }
            if points.len() > 1 && points.first() == points.last() {
                points.pop();
            }
            if points.len() >= 3 {
                out.push((index == 0, points));
            }
        }
    }
    out
}

/// Area in square viewBox units: exteriors less holes.
fn area(rings: &[(bool, Vec<Tenths>)]) -> f64 {
    rings
        .iter()
        .map(|(exterior, points)| {
            let twice: i64 = points
                .iter()
                .zip(points.iter().cycle().skip(1))
                .map(|(&(x0, y0), &(x1, y1))| x0 * y1 - x1 * y0)
                .sum();
            let area = (twice.abs() as f64) / 200.0;
            if *exterior { area } else { -area }
        })
        .sum()
}

fn path_data(rings: &[(bool, Vec<Tenths>)]) -> String {
    let mut d = String::new();
    for (_, points) in rings {
        d.push('M');
        for (index, &point) in points.iter().enumerate() {
            if index > 0 {
                d.push(' ');
            }
            push_point(&mut d, point);
        }
        d.push('Z');
    }
    d
}

fn push_path(out: &mut String, class: &str, iso: &str, d: &str, title: Option<&str>) {
    let _ = write!(
        out,
        r#"<path class="{}" data-iso="{}" d="{d}""#,
        escape(class),
        escape(iso)
    );
    match title {
        Some(title) => {
            let _ = write!(out, "><title>{}</title></path>", escape(title));
        }
        None => out.push_str("/>"),
    }
}

/// One country drawn at one width: its path data, its area, and its markup as
/// neutral land. The same for every map of that width, so made once.
#[derive(Debug, Clone)]
pub(super) struct Drawn {
    d: String,
    area: f64,
    land: String,
}

/// Every country drawn at the width of `frame`, in the order of `world.shapes`.
fn draw_all(world: &World, frame: &Frame) -> Vec<Drawn> {
    let arcs: Vec<Vec<Tenths>> = world
        .arcs
        .iter()
        .map(|arc| arc.iter().map(|&point| frame.tenths(point)).collect())
        .collect();
    world
        .shapes
        .iter()
        .map(|shape| {
            let rings = rings(shape, &arcs);
            let d = path_data(&rings);
            let mut land = String::new();
            if !d.is_empty() {
                push_path(&mut land, "land", &shape.iso, &d, Some(&shape.name));
            }
            Drawn {
                area: area(&rings),
                d,
                land,
            }
        })
        .collect()
}

pub(super) fn render(world: &World, countries: &[MapCountry], opts: &MapOptions) -> String {
    let frame = Frame::new(world, opts.width);
    // Maps of the usual width share one drawing of every country.
    let fresh;
    let drawn: &[Drawn] = if frame.width().to_bits() == Frame::new(world, 1000.0).width().to_bits()
    {
        world.drawn.get_or_init(|| draw_all(world, &frame))
    } else {
        fresh = draw_all(world, &frame);
        &fresh
    };
    let mut wanted: HashMap<&str, &MapCountry> = HashMap::new();
    for country in countries {
        wanted.entry(country.iso.as_str()).or_insert(country);
    }

    let mut out = String::with_capacity(256 * 1024);
    let prefix = escape(&opts.id_prefix);
    let mut labelled_by = format!("{prefix}title");
    if opts.description.is_some() {
        let _ = write!(labelled_by, " {prefix}desc");
    }
    let (mut width, mut height) = (String::new(), String::new());
    push_tenths(&mut width, (frame.width() * 10.0).round() as i64);
    push_tenths(&mut height, (frame.height * 10.0).round() as i64);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="{}" aria-labelledby="{labelled_by}" fill-rule="evenodd" stroke-linejoin="round"><title id="{prefix}title">{}</title>"#,
        escape(&opts.class),
        escape(&opts.aria_label),
    );
    if let Some(description) = &opts.description {
        let _ = write!(
            out,
            r#"<desc id="{prefix}desc">{}</desc>"#,
            escape(description)
        );
    }

    // Neutral land first, then the countries drawn in colour, then the small ones,
    // so that their markers lie on top of their neighbours.
    let mut coloured = String::new();
    let mut small = String::new();
    for (shape, drawn) in world.shapes.iter().zip(drawn) {
        let d = &drawn.d;
        let Some(country) = wanted.get(shape.iso.as_str()) else {
            out.push_str(&drawn.land);
            continue;
        };
        let marker = drawn.area < opts.small_state_area_threshold;
        let target = if marker { &mut small } else { &mut coloured };
        match &country.href {
            Some(href) => {
                let _ = write!(target, r#"<a href="{}">"#, escape(href));
            }
            None => target.push_str("<g>"),
        }
        let _ = write!(target, "<title>{}</title>", escape(&country.title));
        if !d.is_empty() {
            push_path(target, &country.class, &shape.iso, d, None);
        }
        if marker {
            let (cx, cy) = frame.tenths(natural_earth(shape.point.0, shape.point.1));
            let _ = write!(
                target,
                r#"<circle class="{} marker" data-iso="{}" cx=""#,
                escape(&country.class),
                escape(&shape.iso)
            );
            push_tenths(target, cx);
            target.push_str(r#"" cy=""#);
            push_tenths(target, cy);
            target.push_str(r#"" r=""#);
            push_tenths(target, (opts.marker_radius * 10.0).round() as i64);
            target.push_str(r#""/>"#);
        }
        target.push_str(if country.href.is_some() {
            "</a>"
        } else {
            "</g>"
        });
    }
    out.push_str(&coloured);
    out.push_str(&small);
    push_legend(&mut out, opts, &frame);
    out.push_str("</svg>");
    out
}

/// The legend, bottom left, in the South Pacific.
fn push_legend(out: &mut String, opts: &MapOptions, frame: &Frame) {
    if opts.legend.is_empty() {
        return;
    }
    let unit = frame.width() / 1000.0;
    let line = 22.0 * unit;
    let swatch = 14.0 * unit;
    let x = frame.pad + 10.0 * unit;
    let top = frame.height - frame.pad - 10.0 * unit - line * opts.legend.len() as f64;
    let number = |value: f64| {
        let mut text = String::new();
        push_tenths(&mut text, (value * 10.0).round() as i64);
        text
    };
    let _ = write!(
        out,
        r#"<g class="legend" font-size="{}">"#,
        number(15.0 * unit)
    );
    for (index, entry) in opts.legend.iter().enumerate() {
        let y = top + line * index as f64;
        let _ = write!(
            out,
            r#"<rect class="{}" x="{}" y="{}" width="{s}" height="{s}"/><text x="{}" y="{}">{}</text>"#,
            escape(&entry.class),
            number(x),
            number(y),
            number(x + swatch + 6.0 * unit),
            number(y + swatch - 2.0 * unit),
            escape(&entry.label),
            s = number(swatch),
        );
    }
    out.push_str("</g>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenths_are_written_as_short_decimals() {
        let mut out = String::new();
        for value in [1234, 1230, 0, 5, -5, -1234] {
            push_tenths(&mut out, value);
            out.push(' ');
        }
        assert_eq!(out, "123.4 123 0 0.5 -0.5 -123.4 ");
    }

    #[test]
    fn area_counts_holes_out() {
        let square = |size: i64| vec![(0, 0), (size, 0), (size, size), (0, size)];
        // 10 by 10 units (100 by 100 tenths) less 5 by 5.
        let rings = vec![(true, square(100)), (false, square(50))];
        assert_eq!(area(&rings), 75.0);
    }
}
