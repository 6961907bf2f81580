//! Membership charts drawn at build time: the partners of a framework year by year
//! (framework pages) and a partner's frameworks year by year (partner pages). This
//! module computes the geometry; the `chart` component in templates/components.html
//! draws it as inline SVG, coloured with the framework colours used everywhere else.
//!
//! A date is placed at the start of the period it names: `1994` at 1 January 1994,
//! `1994-05` at 1 May. A membership with no end runs to the end of the timeline.

use serde::Serialize;

use crate::date::Date;

/// The widest the label column gets; longer labels are cut with an ellipsis.
const MAX_LABEL_WIDTH: f32 = 200.0;
/// An estimate of one character's width at the chart's 11px sans-serif type.
const CHAR_WIDTH: f32 = 6.2;
const MAX_LABEL_CHARS: usize = 30;
const YEAR_WIDTH: f32 = 16.0;
const ROW_HEIGHT: f32 = 20.0;
const BAR_HEIGHT: f32 = 12.0;
const AXIS_HEIGHT: f32 = 24.0;
const TICK_EVERY: u16 = 5;

/// One membership to draw.
pub(super) struct Span {
    pub from: Option<Date>,
    pub until: Option<Date>,
    pub colour: usize,
}

/// One row of the chart: a partner, or a framework.
pub(super) struct Line {
    /// The partner's or framework's id: rows are one per id, whatever the labels.
    pub id: String,
    pub label: String,
    pub spans: Vec<Span>,
}

/// Adds `span` to the line of `id`, starting a new line, labelled `label`, for a new id.
pub(super) fn add_span(
    lines: &mut Vec<Line>,
    id: &str,
    label: impl FnOnce() -> String,
    span: Span,
) {
    match lines.iter_mut().find(|line| line.id == id) {
        Some(line) => line.spans.push(span),
        None => lines.push(Line {
            id: id.to_string(),
            label: label(),
            spans: vec![span],
        }),
    }
}

#[derive(Debug, Serialize)]
pub struct Chart {
    width: f32,
    height: f32,
    /// Right edge of the row labels.
    label_x: f32,
    axis_y: f32,
    ticks: Vec<Tick>,
    rows: Vec<Row>,
    /// What the chart shows, for screen readers and as its caption.
    description: String,
}

#[derive(Debug, Serialize)]
struct Tick {
    x: f32,
    year: u16,
}

#[derive(Debug, Serialize)]
struct Row {
    label: String,
    /// Baseline of the label text.
    text_y: f32,
    bar_y: f32,
    bars: Vec<Bar>,
    /// No span of the row has a start date.
    undated: bool,
}

#[derive(Debug, Serialize)]
struct Bar {
    x: f32,
    width: f32,
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

/// Rounded to a tenth of a pixel, to keep the SVG short.
fn tenth(value: f32) -> f32 {
    (value * 10.0).round() / 10.0
}

/// The date as a fractional year: the start of the period it names.
fn position(date: Date) -> f32 {
    let month = f32::from(date.month.unwrap_or(1).saturating_sub(1));
    let day = f32::from(date.day.unwrap_or(1).saturating_sub(1));
    f32::from(date.year) + month / 12.0 + day / 372.0
}

/// Lays out `lines` over the years `start..=end`; `None` when nothing is dated.
pub(super) fn chart(lines: Vec<Line>, start: u16, end: u16, description: String) -> Option<Chart> {
    if lines.is_empty() || end < start {
        return None;
    }
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|line| Line {
            label: shorten(&line.label),
            ..line
        })
        .collect();
    let longest = lines
        .iter()
        .map(|l| l.label.chars().count())
        .max()
        .unwrap_or(0);
    let label_width = (longest as f32 * CHAR_WIDTH + 16.0).min(MAX_LABEL_WIDTH);
    let first = f32::from(start);
    let last = f32::from(end) + 1.0;
    let x_of = |year: f32| tenth(label_width + (year.clamp(first, last) - first) * YEAR_WIDTH);
    let ticks = (start..=end)
        .filter(|year| year % TICK_EVERY == 0 || *year == start)
        .map(|year| Tick {
            x: x_of(f32::from(year)),
            year,
        })
        .collect();
    let rows: Vec<Row> = lines
        .into_iter()
        .enumerate()
        .map(|(index, line)| {
            let top = AXIS_HEIGHT + index as f32 * ROW_HEIGHT;
            let bars: Vec<Bar> = line
                .spans
                .iter()
                .filter_map(|span| {
                    let from = span.from?;
                    let until = span.until.map_or(last, position);
                    let x = x_of(position(from));
                    let width = tenth((x_of(until) - x).max(2.0));
                    let title = format!(
                        "{}: {} – {}",
                        line.label,
                        from.text(),
                        span.until
                            .map_or_else(|| "ongoing".to_string(), |u| u.text())
                    );
                    Some(Bar {
                        x,
                        width,
                        colour: span.colour,
                        title,
                    })
                })
                .collect();
            Row {
                undated: bars.is_empty(),
                label: line.label,
                text_y: tenth(top + ROW_HEIGHT / 2.0 + 4.0),
                bar_y: tenth(top + (ROW_HEIGHT - BAR_HEIGHT) / 2.0),
                bars,
            }
        })
        .collect();
    if rows.iter().all(|row| row.undated) {
        return None;
    }
    Some(Chart {
        width: x_of(last) + 8.0,
        height: AXIS_HEIGHT + rows.len() as f32 * ROW_HEIGHT + 4.0,
        label_x: label_width - 8.0,
        axis_y: AXIS_HEIGHT - 4.0,
        ticks,
        rows,
        description,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<Date> {
        Date::parse(text).ok()
    }

    #[test]
    fn bars_start_and_end_where_their_dates_fall() {
        let chart = chart(
            vec![
                Line {
                    id: "a".into(),
                    label: "A".into(),
                    spans: vec![Span {
                        from: date("1994"),
                        until: date("1999-07"),
                        colour: 2,
                    }],
                },
                Line {
                    id: "b".into(),
                    label: "B".into(),
                    spans: vec![Span {
                        from: date("2000-01-01"),
                        until: None,
                        colour: 3,
                    }],
                },
                Line {
                    id: "c".into(),
                    label: "C".into(),
                    spans: vec![Span {
                        from: None,
                        until: None,
                        colour: 3,
                    }],
                },
            ],
            1990,
            2022,
            "test".into(),
        )
        .expect("a chart");
        let label_width = CHAR_WIDTH + 16.0; // one-letter labels
        let a = &chart.rows[0].bars[0];
        assert_eq!(a.x, tenth(label_width + 4.0 * YEAR_WIDTH));
        assert_eq!(a.width, tenth(5.5 * YEAR_WIDTH));
        assert_eq!(a.title, "A: 1994 – July 1999");
        let b = &chart.rows[1].bars[0];
        assert_eq!(
            tenth(b.x + b.width),
            tenth(label_width + 33.0 * YEAR_WIDTH),
            "open to the end"
        );
        assert_eq!(b.title, "B: 1 January 2000 – ongoing");
        assert!(chart.rows[2].undated && chart.rows[2].bars.is_empty());
        let years: Vec<u16> = chart.ticks.iter().map(|t| t.year).collect();
        assert_eq!(years, [1990, 1995, 2000, 2005, 2010, 2015, 2020]);
        assert!(chart.rows[2].text_y < chart.height);
    }

    #[test]
    fn long_labels_are_cut_and_the_label_column_fits_the_longest() {
        let long = "The International Organisation of Very Long Names";
        let chart = chart(
            vec![Line {
                id: "long".into(),
                label: long.into(),
                spans: vec![Span {
                    from: date("2000"),
                    until: None,
                    colour: 0,
                }],
            }],
            1990,
            2022,
            String::new(),
        )
        .expect("a chart");
        let label = &chart.rows[0].label;
        assert_eq!(label.chars().count(), MAX_LABEL_CHARS);
        assert!(label.ends_with('…') && long.starts_with(label.trim_end_matches('…')));
        assert_eq!(chart.label_x, MAX_LABEL_WIDTH - 8.0);
    }

    #[test]
    fn nothing_to_draw_gives_no_chart() {
        let undated = vec![Line {
            id: "a".into(),
            label: "A".into(),
            spans: vec![Span {
                from: None,
                until: None,
                colour: 0,
            }],
        }];
        assert!(chart(undated, 1990, 2022, String::new()).is_none());
        assert!(chart(Vec::new(), 1990, 2022, String::new()).is_none());
    }

    #[test]
    fn dates_outside_the_timeline_are_clamped() {
        let chart = chart(
            vec![Line {
                id: "a".into(),
                label: "A".into(),
                spans: vec![Span {
                    from: date("1980"),
                    until: date("2030"),
                    colour: 0,
                }],
            }],
            1990,
            2022,
            String::new(),
        )
        .expect("a chart");
        let label_width = CHAR_WIDTH + 16.0;
        let bar = &chart.rows[0].bars[0];
        assert_eq!(bar.x, tenth(label_width));
        assert_eq!(
            tenth(bar.x + bar.width),
            tenth(label_width + 33.0 * YEAR_WIDTH)
        );
    }
}
