//! The growth chart: how many partners each multilateral framework had at the end of
//! every year of the timeline, drawn at build time as lines on a year axis (the
//! frameworks index and the home page) with a table giving the same numbers.
//!
//! A partner counts in a year when one of its memberships had started by the end of
//! that year (31 December; the status date for the timeline's last year) and had not
//! ended before then. A date counts from the start of the period it names: `1995`
//! from 1 January 1995, `1997-05` from 1 May, so a membership that ends in `2002`
//! is not counted at the end of 2002. A membership with no start date is not
//! counted. Bilateral bodies (one partner each, the neutral colour) are left out.

use serde::Serialize;

use super::chart::tenth;
use super::{SiteRenderer, views::DateView};
use crate::date::Date;
use crate::model::{EntityKind, Meta};
use crate::resolve::name_of;

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 300.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 28.0;
const LEFT: f64 = 40.0;
/// An estimate of one bold character's width at the chart's 12px sans-serif type.
const CHAR_WIDTH: f64 = 7.2;
/// Direct labels closer than this are moved apart; moved further, they are dropped.
const LABEL_GAP: f64 = 12.0;
const LABEL_SHIFT: f64 = 14.0;
/// Longer acronyms (a name without one) get no direct label: the legend names them.
const MAX_LABEL_CHARS: usize = 10;

/// One framework's memberships, to count.
pub(super) struct Input {
    pub name: String,
    pub acronym: String,
    pub href: String,
    pub colour: usize,
    /// (partner id, from, until) of every membership.
    pub memberships: Vec<(String, Option<Date>, Option<Date>)>,
}

/// The growth chart as the `growth_chart` component draws it. Numbers are pixels.
#[derive(Debug, Serialize)]
pub struct Growth {
    width: f64,
    height: f64,
    /// The plot area: left and right edges, top and bottom (the zero line).
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    /// The year axis: every fifth year, the first and the last.
    x_ticks: Vec<XTick>,
    /// The count scale: round numbers from 0 to the top of the plot.
    y_ticks: Vec<YTick>,
    /// One per framework, in the order the frameworks were launched.
    series: Vec<Series>,
    /// The table alternative: one row per year, a count per series.
    years: Vec<YearCounts>,
    /// The first and last years.
    start: u16,
    end: u16,
    /// The moment the last year is counted at.
    as_of: DateView,
    /// A short title, and a description for screen readers summing up each line.
    title: String,
    description: String,
}

#[derive(Debug, Serialize)]
struct XTick {
    x: f64,
    year: u16,
}

#[derive(Debug, Serialize)]
struct YTick {
    y: f64,
    /// The baseline of its number, level with the line.
    label_y: f64,
    value: usize,
}

#[derive(Debug, Serialize)]
struct Series {
    name: String,
    acronym: String,
    href: String,
    colour: usize,
    /// Every other line is dashed (`dash-1`), so that lines that coincide (two
    /// frameworks with the same members) both show, in print as on screen.
    dash: usize,
    /// The polyline's points, `x,y x,y …`: from its first year with a member to
    /// its last (and the year it fell to none, when it did before the end).
    points: String,
    /// The last point, marked with a dot.
    end_x: f64,
    end_y: f64,
    /// Where its direct label goes at the right of the plot; none when it does
    /// not reach the last year or the label would not fit.
    label: Option<Place>,
}

#[derive(Debug, Serialize)]
struct Place {
    x: f64,
    y: f64,
}

#[derive(Debug, Serialize)]
struct YearCounts {
    year: u16,
    counts: Vec<usize>,
}

/// A date as a sortable day: where the period it names starts.
fn start_of(date: Date) -> (u16, u8, u8) {
    (date.year, date.month.unwrap_or(1), date.day.unwrap_or(1))
}

/// A moment to count at: the last day of the period the date names.
fn end_of(date: Date) -> (u16, u8, u8) {
    (date.year, date.month.unwrap_or(12), date.day.unwrap_or(31))
}

/// How many different partners were members at `moment`; `memberships` are sorted by
/// partner, so that a partner's memberships are side by side and counted once.
fn count_at(memberships: &[(String, Option<Date>, Option<Date>)], moment: (u16, u8, u8)) -> usize {
    let mut last: Option<&str> = None;
    let mut count = 0;
    for (partner, from, until) in memberships {
        let member = from.is_some_and(|f| start_of(f) <= moment)
            && until.is_none_or(|u| start_of(u) >= moment);
        if member && last != Some(partner.as_str()) {
            count += 1;
            last = Some(partner);
        }
    }
    count
}

/// A round step for a scale up to `max`: at most six steps.
fn step_for(max: usize) -> usize {
    [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000]
        .into_iter()
        .find(|step| max.div_ceil(*step) <= 6)
        .unwrap_or_else(|| max.div_ceil(6).max(1))
}

/// Counts each framework at the end of every year `start..=end` (the last year at
/// `as_of`) and lays the lines out; `None` when no framework has a counted member.
pub(super) fn growth(inputs: Vec<Input>, start: u16, end: u16, as_of: Date) -> Option<Growth> {
    if end < start {
        return None;
    }
    let years: Vec<u16> = (start..=end).collect();
    let moment = |year: u16| {
        if year == end {
            end_of(as_of)
        } else {
            (year, 12, 31)
        }
    };
    let counted: Vec<(Input, Vec<usize>)> = inputs
        .into_iter()
        .map(|mut input| {
            input.memberships.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            let counts = years
                .iter()
                .map(|year| count_at(&input.memberships, moment(*year)))
                .collect();
            (input, counts)
        })
        .filter(|(_, counts): &(Input, Vec<usize>)| counts.iter().any(|c| *c > 0))
        .collect();
    if counted.is_empty() {
        return None;
    }
    let max = counted
        .iter()
        .flat_map(|(_, counts)| counts.iter().copied())
        .max()
        .unwrap_or(1);
    let step = step_for(max);
    let top_value = max.div_ceil(step) * step;
    let longest = counted
        .iter()
        .map(|(input, _)| input.acronym.chars().count())
        .max()
        .unwrap_or(0);
    let right = WIDTH - (longest.min(MAX_LABEL_CHARS) as f64 * CHAR_WIDTH + 14.0);
    let bottom = HEIGHT - BOTTOM;
    let x_of = |year: u16| {
        if end == start {
            tenth((LEFT + right) / 2.0)
        } else {
            tenth(LEFT + f64::from(year - start) * (right - LEFT) / f64::from(end - start))
        }
    };
    let y_of = |value: usize| tenth(bottom - value as f64 * (bottom - TOP) / top_value as f64);
    let x_ticks = years
        .iter()
        .filter(|year| *year % 5 == 0 || **year == start || **year == end)
        // The last year's label would crowd the fifth before it.
        .filter(|year| **year == end || end - **year >= 2 || **year == start)
        .map(|year| XTick {
            x: x_of(*year),
            year: *year,
        })
        .collect();
    let y_ticks = (0..=top_value / step)
        .map(|i| {
            let y = y_of(i * step);
            YTick {
                y,
                label_y: tenth(y + 4.0),
                value: i * step,
            }
        })
        .collect();
    let mut series: Vec<Series> = counted
        .iter()
        .enumerate()
        .map(|(index, (input, counts))| {
            let first = counts.iter().position(|c| *c > 0).unwrap_or(0);
            let last_member = counts.iter().rposition(|c| *c > 0).unwrap_or(first);
            let last = (last_member + 1).min(counts.len() - 1);
            let points: Vec<(f64, f64)> = (first..=last)
                .map(|i| (x_of(years[i]), y_of(counts[i])))
                .collect();
            let (end_x, end_y) = points[points.len() - 1];
            // A label goes at the right when the line gets there and is short.
            let fits = input.acronym.chars().count() <= MAX_LABEL_CHARS;
            let reaches_end = last_member == counts.len() - 1 && fits;
            Series {
                name: input.name.clone(),
                acronym: input.acronym.clone(),
                href: input.href.clone(),
                colour: input.colour,
                dash: index % 2,
                points: points
                    .iter()
                    .map(|(x, y)| format!("{x},{y}"))
                    .collect::<Vec<_>>()
                    .join(" "),
                end_x,
                end_y,
                label: reaches_end.then_some(Place {
                    x: tenth(right + 8.0),
                    y: tenth(end_y + 4.0),
                }),
            }
        })
        .collect();
    place_labels(&mut series, TOP + 4.0, HEIGHT - 4.0);
    let description = describe(&counted, &years, as_of);
    let title = format!("Partners per framework, {start}–{end}");
    Some(Growth {
        width: WIDTH,
        height: HEIGHT,
        left: LEFT,
        right,
        top: TOP,
        bottom,
        x_ticks,
        y_ticks,
        years: years
            .iter()
            .enumerate()
            .map(|(i, year)| YearCounts {
                year: *year,
                counts: counted.iter().map(|(_, counts)| counts[i]).collect(),
            })
            .collect(),
        series,
        start,
        end,
        as_of: as_of.into(),
        title,
        description,
    })
}

/// Moves the direct labels apart where they would overlap; a label that would have
/// to move too far from its line is dropped (the legend names every line).
fn place_labels(series: &mut [Series], min_y: f64, max_y: f64) {
    let mut order: Vec<usize> = (0..series.len())
        .filter(|i| series[*i].label.is_some())
        .collect();
    order.sort_by(|a, b| series[*a].end_y.total_cmp(&series[*b].end_y));
    let mut previous: Option<f64> = None;
    for index in order {
        let wanted = series[index].end_y + 4.0;
        let y = previous
            .map_or(wanted, |p| wanted.max(p + LABEL_GAP))
            .max(min_y);
        if y - wanted > LABEL_SHIFT || y > max_y {
            series[index].label = None;
            continue;
        }
        if let Some(place) = &mut series[index].label {
            place.y = tenth(y);
        }
        previous = Some(y);
    }
}

/// One sentence per line: when it began, its highest count and its count at the end.
fn describe(counted: &[(Input, Vec<usize>)], years: &[u16], as_of: Date) -> String {
    let mut sentences = vec![format!(
        "Line chart of the partners of each multilateral framework at the end of every year from {} to {} ({} for {}).",
        years[0],
        years[years.len() - 1],
        as_of.text(),
        years[years.len() - 1]
    )];
    for (input, counts) in counted {
        let first = counts.iter().position(|c| *c > 0).unwrap_or(0);
        let max = counts.iter().copied().max().unwrap_or(0);
        let peak = counts.iter().position(|c| *c == max).unwrap_or(0);
        let last = counts[counts.len() - 1];
        sentences.push(format!(
            "{}: {} in {}, most {} in {}, {} at the end.",
            input.acronym, counts[first], years[first], max, years[peak], last
        ));
    }
    sentences.join(" ")
}

impl SiteRenderer<'_> {
    /// The growth chart of the site's multilateral frameworks, linking from a page
    /// at `root`.
    pub(super) fn growth(&self, root: &str) -> Option<Growth> {
        let site = self.site;
        let mut frameworks: Vec<_> = site
            .documents_of(EntityKind::Framework)
            .filter_map(|d| match &d.meta {
                Meta::Framework(f) => Some((f.launched, d)),
                _ => None,
            })
            // Multilateral frameworks, as the colours tell them: more than one member.
            .filter(|(_, d)| site.members_by_framework.get(&d.id).map_or(0, Vec::len) > 1)
            .collect();
        frameworks.sort_by(|a, b| (a.0, &a.1.id).cmp(&(b.0, &b.1.id)));
        let inputs = frameworks
            .into_iter()
            .map(|(_, document)| {
                let badge = self.badge(&document.id, root);
                Input {
                    name: name_of(document),
                    acronym: badge.acronym,
                    href: badge.href,
                    colour: badge.colour,
                    memberships: site
                        .members_by_framework
                        .get(&document.id)
                        .into_iter()
                        .flatten()
                        .map(|m| (m.partner.clone(), m.entry.from, m.entry.until))
                        .collect(),
                }
            })
            .collect();
        let range = site.config.timeline;
        growth(inputs, range.start, range.end, site.config.status_as_of)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<Date> {
        Date::parse(text).ok()
    }

    fn member(
        partner: &str,
        from: &str,
        until: Option<&str>,
    ) -> (String, Option<Date>, Option<Date>) {
        (partner.into(), date(from), until.and_then(date))
    }

    /// One framework, F, with `memberships`.
    fn framework_f(memberships: Vec<(String, Option<Date>, Option<Date>)>) -> Vec<Input> {
        vec![Input {
            name: "F".into(),
            acronym: "F".into(),
            href: "f.html".into(),
            colour: 0,
            memberships,
        }]
    }

    #[test]
    fn a_date_counts_from_the_start_of_its_period() {
        let list = vec![
            member("a", "1995", Some("2002")),
            member("b", "1997-05", Some("1999-03-12")),
            member("b", "2001-06-01", None),
        ];
        let at = |year| count_at(&list, (year, 12, 31));
        assert_eq!(at(1994), 0);
        assert_eq!(at(1995), 1, "1995 counts from 1 January");
        assert_eq!(at(1997), 2);
        assert_eq!(at(1999), 1, "left in March 1999");
        assert_eq!(at(2001), 2, "b came back; one partner counts once");
        assert_eq!(
            at(2002),
            1,
            "a membership ending in 2002 ended on 1 January"
        );
        assert_eq!(count_at(&[member("c", "2000", None)], (2000, 1, 1)), 1);
        assert_eq!(
            count_at(&[(String::from("d"), None, None)], (2020, 12, 31)),
            0
        );
    }

    #[test]
    fn a_partner_with_overlapping_memberships_counts_once() {
        // Written out of order: b's two memberships apart, both open in 2000.
        let inputs = framework_f(vec![
            member("b", "1995", None),
            member("a", "1996", None),
            member("b", "1998", Some("2005")),
        ]);
        let g = growth(inputs, 1994, 2000, Date::parse("2000").unwrap()).unwrap();
        assert_eq!(g.years.last().map(|y| y.counts.clone()), Some(vec![2]));
    }

    #[test]
    fn the_last_year_is_counted_at_the_status_date() {
        let inputs = framework_f(vec![
            member("a", "2020", Some("2022-07-01")),
            member("b", "2021", None),
        ]);
        let g = growth(inputs, 2019, 2022, Date::parse("2022-06-30").unwrap()).unwrap();
        let counts: Vec<usize> = g.years.iter().map(|y| y.counts[0]).collect();
        assert_eq!(counts, [0, 1, 2, 2], "a still a member on 30 June 2022");
        assert_eq!(g.series[0].points.split(' ').count(), 3, "from 2020 on");
        assert!(g.series[0].label.is_some());
        assert_eq!(g.y_ticks.last().map(|t| t.value), Some(2));
        assert!(
            g.description
                .contains("F: 1 in 2020, most 2 in 2021, 2 at the end.")
        );
    }

    #[test]
    fn scales_have_round_steps() {
        assert_eq!(step_for(3), 1);
        assert_eq!(step_for(7), 2);
        assert_eq!(step_for(27), 5);
        assert_eq!(step_for(46), 10);
        assert_eq!(step_for(0), 1);
    }

    #[test]
    fn crowded_labels_move_apart_or_give_way() {
        let series = |y: f64| Series {
            name: String::new(),
            acronym: String::new(),
            href: String::new(),
            colour: 0,
            dash: 0,
            points: String::new(),
            end_x: 0.0,
            end_y: y,
            label: Some(Place { x: 0.0, y: y + 4.0 }),
        };
        let mut all = vec![series(100.0), series(102.0), series(103.0), series(200.0)];
        place_labels(&mut all, 0.0, 300.0);
        let ys: Vec<Option<f64>> = all.iter().map(|s| s.label.as_ref().map(|p| p.y)).collect();
        assert_eq!(ys, [Some(104.0), Some(116.0), None, Some(204.0)]);
    }
}
