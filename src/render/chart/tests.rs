use super::*;

fn date(text: &str) -> Option<Date> {
    Date::parse(text).ok()
}

/// A line called `label` (its name too) with `spans`.
fn line(label: &str, spans: Vec<Span>) -> Line {
    Line {
        label: label.into(),
        name: label.into(),
        href: None,
        spans,
    }
}

/// A span in colour slot `colour` from `from` until `until` (dates as written).
fn span(from: Option<&str>, until: Option<&str>, colour: usize) -> Span {
    Span {
        from: from.and_then(date),
        until: until.and_then(date),
        colour,
        label: None,
    }
}

/// A chart of `lines` over 1990–2022.
fn chart_of(lines: Vec<Line>) -> Option<Chart> {
    chart(lines, 1990, 2022, String::new())
}

#[test]
fn bars_start_and_end_where_their_dates_fall() {
    let chart = chart_of(vec![
        line("A", vec![span(Some("1994"), Some("1999-07"), 2)]),
        line("B", vec![span(Some("2000-01-01"), None, 3)]),
        line("C", vec![span(None, None, 3)]),
    ])
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
    let chart = chart_of(vec![line(long, vec![span(Some("2000"), None, 0)])]).expect("a chart");
    let label = &chart.rows[0].label;
    assert_eq!(label.chars().count(), MAX_LABEL_CHARS);
    assert!(label.ends_with('…') && long.starts_with(label.trim_end_matches('…')));
    assert_eq!(chart.label_x, MAX_LABEL_WIDTH - 8.0);
}

#[test]
fn nothing_to_draw_gives_no_chart() {
    assert!(chart_of(vec![line("A", vec![span(None, None, 0)])]).is_none());
    assert!(chart_of(Vec::new()).is_none());
}

#[test]
fn dates_outside_the_timeline_are_clamped() {
    let chart =
        chart_of(vec![line("A", vec![span(Some("1980"), Some("2030"), 0)])]).expect("a chart");
    let label_width = CHAR_WIDTH + 16.0;
    let bar = &chart.rows[0].bars[0];
    assert_eq!(bar.x, tenth(label_width));
    assert_eq!(
        tenth(bar.x + bar.width),
        tenth(label_width + 33.0 * YEAR_WIDTH)
    );
}

#[test]
fn overlapping_periods_take_lanes_and_sequential_ones_share_one() {
    let named = |from: &str, until: Option<&str>, what: &str| Span {
        label: Some(what.into()),
        ..span(Some(from), until, 0)
    };
    let chart = chart_of(vec![line(
        "Ukraine",
        vec![
            named("1992", Some("1997-05"), "NACC"),
            named("1997-05", None, "EAPC"),
            named("1994-02", None, "PfP"),
        ],
    )])
    .expect("a chart");
    let row = &chart.rows[0];
    let ys: Vec<f64> = row.bars.iter().map(|b| b.y).collect();
    assert_eq!(ys[0], ys[1], "NACC then EAPC share a lane");
    assert!(ys[2] > ys[0], "PfP overlaps both: a second lane");
    assert!(row.bars.iter().all(|b| b.height == LANE_HEIGHT));
    assert!(
        row.bars
            .iter()
            .all(|b| b.y >= row.top && b.y + b.height <= row.top + row.height)
    );
    assert_eq!(
        row.name,
        "Ukraine: NACC 1992 – May 1997; EAPC May 1997 – ongoing; PfP February 1994 – ongoing"
    );
    assert_eq!(row.bars[2].title, "Ukraine, PfP: February 1994 – ongoing");
}

#[test]
fn aligned_charts_share_the_label_column_and_keep_empty_rows() {
    let charts = aligned(
        vec![
            (
                "Europe".into(),
                vec![line(
                    "A much longer name",
                    vec![span(Some("1994"), None, 1)],
                )],
            ),
            ("Global".into(), vec![line("UN", Vec::new())]),
        ],
        1990,
        2022,
        |title, count| format!("{title}: {count}"),
    );
    assert_eq!(charts.len(), 2);
    assert_eq!(charts[0].1.label_x, charts[1].1.label_x);
    assert_eq!(charts[1].1.description, "Global: 1");
    assert!(charts[1].1.rows[0].empty);
    assert_eq!(charts[1].1.rows[0].name, "UN: no membership recorded");
}

#[test]
fn lines_hold_one_line_per_id_in_the_order_ids_first_come() {
    let mut lines = Lines::default();
    let head = |name: &str| {
        let name = name.to_string();
        move || Head {
            label: name.clone(),
            name: name.clone(),
            href: format!("{name}.html"),
        }
    };
    lines.add_span("b", head("B"), span(Some("1994"), None, 1));
    lines.add_span("a", head("A"), span(Some("1995"), None, 2));
    lines.add_span(
        "b",
        || unreachable!("b has a line"),
        span(Some("2000"), None, 3),
    );
    assert_eq!(lines.len(), 2);
    let lines = lines.into_lines();
    let names: Vec<&str> = lines.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["B", "A"]);
    let colours: Vec<usize> = lines[0].spans.iter().map(|s| s.colour).collect();
    assert_eq!(colours, [1, 3]);
    assert_eq!(lines[1].href.as_deref(), Some("A.html"));
}

#[test]
fn coordinates_are_written_as_tera_writes_numbers() {
    let mut buffer = [0u8; 24];
    // Every tenth up to 20,000 pixels, as `tenth` rounds them.
    for scaled in 0..200_000u32 {
        let value = tenth(f64::from(scaled) / 10.0);
        assert_eq!(
            tenths(value, &mut buffer),
            Some(format!("{value:?}").as_str()),
            "{scaled}"
        );
    }
    // Anything else is left to `{:?}`.
    for value in [
        0.25,
        -0.0,
        -3.5,
        1e15,
        f64::NAN,
        f64::INFINITY,
        576.7999877929688,
    ] {
        assert_eq!(tenths(value, &mut buffer), None, "{value:?}");
    }
}
