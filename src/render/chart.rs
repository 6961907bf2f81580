//! Membership charts drawn at build time: the partners of a framework year by year
//! (framework pages), a partner's frameworks year by year (partner pages) and every
//! partner's memberships (the overview on the partners index). This module computes
//! the geometry; the `chart` and `chart_svg` components in templates/components.html
//! draw it as inline SVG, coloured with the framework colours used everywhere else.
//! Every row is one link: to the framework's page from a partner page, to the
//! partner's page from a framework page and from the overview.
//!
//! A date is placed at the start of the period it names: `1994` at 1 January 1994,
//! `1994-05` at 1 May. A membership with no end runs to the end of the timeline.
//! Periods of one row that overlap (a partner in two frameworks at once) are drawn in
//! thinner lanes, one above the other.

use std::collections::HashMap;

use serde::Serialize;

use crate::date::Date;

/// The widest the label column gets; longer labels are cut with an ellipsis.
const MAX_LABEL_WIDTH: f64 = 200.0;
/// An estimate of one character's width at the chart's 11px sans-serif type.
const CHAR_WIDTH: f64 = 6.2;
const MAX_LABEL_CHARS: usize = 30;
const YEAR_WIDTH: f64 = 16.0;
const ROW_HEIGHT: f64 = 20.0;
const BAR_HEIGHT: f64 = 12.0;
/// The height of one lane when a row's periods overlap, and the gap between lanes.
const LANE_HEIGHT: f64 = 6.0;
const LANE_GAP: f64 = 1.0;
const AXIS_HEIGHT: f64 = 24.0;
const TICK_EVERY: u16 = 5;

/// One membership to draw.
pub(super) struct Span {
    pub from: Option<Date>,
    pub until: Option<Date>,
    pub colour: usize,
    /// What the bar stands for when a row mixes frameworks (the overview): the
    /// framework's acronym; none when the row's label says it.
    pub label: Option<String>,
}

/// One row of the chart: a partner, or a framework.
pub(super) struct Line {
    pub label: String,
    /// The full name, for the row link's accessible name.
    pub name: String,
    /// Where the row leads: the page of the partner or framework it shows.
    pub href: Option<String>,
    pub spans: Vec<Span>,
}

/// What a new row is called and where it leads.
pub(super) struct Head {
    /// The label drawn (an acronym or a name).
    pub label: String,
    /// The full name.
    pub name: String,
    pub href: String,
}

/// The lines of a chart, one per id, in the order the ids first come.
#[derive(Default)]
pub(super) struct Lines {
    lines: Vec<Line>,
    /// Where each id's line is in `lines`.
    index: HashMap<String, usize>,
}

impl Lines {
    /// Adds `span` to the line of `id`, starting a new line, headed `head`, for a
    /// new id.
    pub(super) fn add_span(&mut self, id: &str, head: impl FnOnce() -> Head, span: Span) {
        if let Some(&at) = self.index.get(id) {
            self.lines[at].spans.push(span);
            return;
        }
        let head = head();
        self.index.insert(id.to_string(), self.lines.len());
        self.lines.push(Line {
            label: head.label,
            name: head.name,
            href: Some(head.href),
            spans: vec![span],
        });
    }

    pub(super) fn len(&self) -> usize {
        self.lines.len()
    }

    pub(super) fn into_lines(self) -> Vec<Line> {
        self.lines
    }
}

#[derive(Debug, Serialize)]
pub struct Chart {
    #[serde(serialize_with = "px")]
    width: f64,
    #[serde(serialize_with = "px")]
    height: f64,
    /// Right edge of the row labels.
    #[serde(serialize_with = "px")]
    label_x: f64,
    /// Where a row says it has no dates to draw.
    #[serde(serialize_with = "px")]
    note_x: f64,
    /// The year axis's top, where its tick lines start.
    #[serde(serialize_with = "px")]
    axis_y: f64,
    /// The baseline of the years written above the axis.
    #[serde(serialize_with = "px")]
    year_y: f64,
    ticks: Vec<Tick>,
    rows: Vec<Row>,
    /// What the chart shows, for screen readers and as its caption.
    description: String,
}

#[derive(Debug, Serialize)]
struct Tick {
    #[serde(serialize_with = "px")]
    x: f64,
    year: u16,
}

#[derive(Debug, Serialize)]
struct Row {
    label: String,
    /// The row link's accessible name and tooltip: the full name and every period.
    name: String,
    /// The page the row leads to; none draws the row without a link.
    href: Option<String>,
    /// The row's top edge and height: the link's target area.
    #[serde(serialize_with = "px")]
    top: f64,
    #[serde(serialize_with = "px")]
    height: f64,
    /// Baseline of the label text.
    #[serde(serialize_with = "px")]
    text_y: f64,
    /// Top of the first lane's bars.
    #[serde(serialize_with = "px")]
    bar_y: f64,
    bars: Vec<Bar>,
    /// No span of the row has a start date.
    undated: bool,
    /// The row has no span at all (a partner outside every framework).
    empty: bool,
}

#[derive(Debug, Serialize)]
struct Bar {
    #[serde(serialize_with = "px")]
    x: f64,
    /// Top edge and height: its lane of the row.
    #[serde(serialize_with = "px")]
    y: f64,
    #[serde(serialize_with = "px")]
    height: f64,
    #[serde(serialize_with = "px")]
    width: f64,
    colour: usize,
    /// Shown on hover: the row's label and the dates.
    title: String,
}

/// A label short enough for the label column.
fn shorten(label: &str) -> String {
    if label.chars().count() <= MAX_LABEL_CHARS {
        return label.to_string();
    }
    let cut: String = label.chars().take(MAX_LABEL_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

/// Rounded to a tenth of a pixel, to keep the SVG short (the growth chart's too).
pub(super) fn tenth(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// A coordinate as the SVG writes it, as text: `576.8`, and `24.0` for a whole number,
/// just as Tera would print the number. A chart has a hundred of them, and Tera
/// prints a number through the formatting machinery, at many times the cost of the
/// digits written here.
fn px<S: serde::Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    let mut digits = [0u8; 24];
    match tenths(*value, &mut digits) {
        Some(text) => serializer.serialize_str(text),
        None => serializer.collect_str(&format_args!("{value:?}")),
    }
}

/// `value` written with one decimal into `buffer`, if it is a whole number of tenths
/// (as [`tenth`] makes it) that `{:?}` would write that way: not negative, and small
/// enough to be written without an exponent. Otherwise none.
fn tenths(value: f64, buffer: &mut [u8; 24]) -> Option<&str> {
    let scaled = (value * 10.0).round();
    if !(0.0..1e15).contains(&scaled) || value.is_sign_negative() || scaled / 10.0 != value {
        return None;
    }
    // Within range and whole: the cast is exact.
    let mut rest = scaled as u64;
    let mut at = buffer.len();
    at -= 1;
    buffer[at] = b'0' + (rest % 10) as u8;
    rest /= 10;
    at -= 1;
    buffer[at] = b'.';
    loop {
        at -= 1;
        buffer[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    std::str::from_utf8(&buffer[at..]).ok()
}

/// The date as a fractional year: the start of the period it names.
fn position(date: Date) -> f64 {
    let month = f64::from(date.month.unwrap_or(1).saturating_sub(1));
    let day = f64::from(date.day.unwrap_or(1).saturating_sub(1));
    f64::from(date.year) + month / 12.0 + day / 372.0
}

/// The label column's width for labels as long as the longest of `lines`.
fn label_width<'a>(lines: impl Iterator<Item = &'a Line>) -> f64 {
    let longest = lines
        .map(|l| shorten(&l.label).chars().count())
        .max()
        .unwrap_or(0);
    tenth((longest as f64 * CHAR_WIDTH + 16.0).min(MAX_LABEL_WIDTH))
}

/// Lays out `lines` over the years `start..=end`; `None` when nothing is dated.
pub(super) fn chart(lines: Vec<Line>, start: u16, end: u16, description: String) -> Option<Chart> {
    let width = label_width(lines.iter());
    let chart = layout(lines, start, end, description, width)?;
    (!chart.rows.iter().all(|row| row.undated)).then_some(chart)
}

/// One chart per group of lines, all with the same label column so that their years
/// line up down the page: the overview of the partners index. A group whose rows
/// are all undated still gets its chart, so that every line has its row.
pub(super) fn aligned(
    groups: Vec<(String, Vec<Line>)>,
    start: u16,
    end: u16,
    describe: impl Fn(&str, usize) -> String,
) -> Vec<(String, Chart)> {
    let width = label_width(groups.iter().flat_map(|(_, lines)| lines.iter()));
    groups
        .into_iter()
        .filter_map(|(title, lines)| {
            let description = describe(&title, lines.len());
            layout(lines, start, end, description, width).map(|chart| (title, chart))
        })
        .collect()
}

/// The lane of each dated span (in the order given): the first lane where it
/// overlaps no span already placed. Returns the lanes and how many there are.
fn lanes(spans: &[(f64, f64)]) -> (Vec<usize>, usize) {
    let mut ends: Vec<f64> = Vec::new();
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by(|a, b| spans[*a].0.total_cmp(&spans[*b].0));
    let mut lane_of = vec![0; spans.len()];
    for index in order {
        let (from, until) = spans[index];
        match ends.iter().position(|end| *end <= from) {
            Some(lane) => {
                ends[lane] = until;
                lane_of[index] = lane;
            }
            None => {
                lane_of[index] = ends.len();
                ends.push(until);
            }
        }
    }
    (lane_of, ends.len())
}

/// Lays out `lines` with a label column `label_width` wide; `None` when there is
/// no line or the range is empty.
fn layout(
    lines: Vec<Line>,
    start: u16,
    end: u16,
    description: String,
    label_width: f64,
) -> Option<Chart> {
    if lines.is_empty() || end < start {
        return None;
    }
    let first = f64::from(start);
    let last = f64::from(end) + 1.0;
    let x_of = |year: f64| tenth(label_width + (year.clamp(first, last) - first) * YEAR_WIDTH);
    let ticks = (start..=end)
        .filter(|year| year % TICK_EVERY == 0 || *year == start)
        .map(|year| Tick {
            x: x_of(f64::from(year)),
            year,
        })
        .collect();
    let mut top = AXIS_HEIGHT;
    let mut rows: Vec<Row> = Vec::with_capacity(lines.len());
    for line in lines {
        let label = shorten(&line.label);
        let dated: Vec<(&Span, Date)> = line
            .spans
            .iter()
            .filter_map(|span| span.from.map(|from| (span, from)))
            .collect();
        let extents: Vec<(f64, f64)> = dated
            .iter()
            .map(|(span, from)| (position(*from), span.until.map_or(last, position)))
            .collect();
        let (lane_of, lane_count) = lanes(&extents);
        let (height, bar_height) = if lane_count <= 1 {
            (ROW_HEIGHT, BAR_HEIGHT)
        } else {
            let lanes = lane_count as f64 * (LANE_HEIGHT + LANE_GAP) - LANE_GAP;
            (ROW_HEIGHT.max(lanes + 8.0), LANE_HEIGHT)
        };
        let lanes_height = if lane_count <= 1 {
            BAR_HEIGHT
        } else {
            lane_count as f64 * (LANE_HEIGHT + LANE_GAP) - LANE_GAP
        };
        let bar_y = tenth(top + (height - lanes_height) / 2.0);
        let mut periods = Vec::new();
        let bars: Vec<Bar> = dated
            .iter()
            .zip(&extents)
            .zip(&lane_of)
            .map(|(((span, from), (from_x, until_x)), lane)| {
                let x = x_of(*from_x);
                let width = tenth((x_of(*until_x) - x).max(2.0));
                let dates = format!(
                    "{} – {}",
                    from.text(),
                    span.until
                        .map_or_else(|| "ongoing".to_string(), |u| u.text())
                );
                let title = match &span.label {
                    Some(what) => format!("{label}, {what}: {dates}"),
                    None => format!("{label}: {dates}"),
                };
                periods.push(match &span.label {
                    Some(what) => format!("{what} {dates}"),
                    None => dates,
                });
                Bar {
                    x,
                    y: tenth(bar_y + *lane as f64 * (bar_height + LANE_GAP)),
                    height: bar_height,
                    width,
                    colour: span.colour,
                    title,
                }
            })
            .collect();
        let name = if line.spans.is_empty() {
            format!("{}: no membership recorded", line.name)
        } else if periods.is_empty() {
            format!("{}: dates not recorded", line.name)
        } else {
            format!("{}: {}", line.name, periods.join("; "))
        };
        rows.push(Row {
            undated: bars.is_empty(),
            empty: line.spans.is_empty(),
            label,
            name,
            href: line.href,
            top,
            height,
            text_y: tenth(top + height / 2.0 + 4.0),
            bar_y,
            bars,
        });
        top += height;
    }
    Some(Chart {
        width: tenth(x_of(last) + 8.0),
        height: top + 4.0,
        label_x: tenth(label_width - 8.0),
        note_x: tenth(label_width + 8.0),
        axis_y: AXIS_HEIGHT - 4.0,
        year_y: AXIS_HEIGHT - 10.0,
        ticks,
        rows,
        description,
    })
}

#[cfg(test)]
mod tests;
