//! Pictures drawn from the graph: the growth chart (partners per framework at the end
//! of each year) with its table, the overview of the partners index, and the rows of
//! the membership charts linking to the pages they show. The expected numbers are
//! worked out by hand from tests/fixtures/valid/content (and the partner a test adds).

mod common;

use common::{Fixture, broken_links};

/// The text between the first `open` at or after `from` and the next `close`.
fn between<'a>(text: &'a str, open: &str, close: &str) -> &'a str {
    let start = text
        .find(open)
        .unwrap_or_else(|| panic!("no {open:?} in:\n{text}"))
        + open.len();
    let end = text[start..]
        .find(close)
        .unwrap_or_else(|| panic!("no {close:?} after {open:?}"))
        + start;
    &text[start..end]
}

/// Every piece of `text` between `open` and the next `close`.
fn all_between<'a>(text: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        let after = &rest[start + open.len()..];
        let end = after.find(close).expect("closed");
        found.push(&after[..end]);
        rest = &after[end + close.len()..];
    }
    found
}

/// The growth chart's table: the column headings, then (year, counts) per row.
fn growth_table(page: &str) -> (Vec<String>, Vec<(u16, Vec<usize>)>) {
    let table = between(page, "<details class=\"growth-table\">", "</details>");
    let head = between(table, "<thead>", "</thead>");
    let columns = all_between(head, "<th scope=\"col\">", "</th>")
        .into_iter()
        .skip(1)
        .map(|cell| match cell.find('>') {
            Some(end) if cell.starts_with("<abbr") => between(&cell[end..], ">", "<").to_string(),
            _ => cell.to_string(),
        })
        .collect();
    let body = between(table, "<tbody>", "</tbody>");
    let rows = all_between(body, "<tr>", "</tr>")
        .into_iter()
        .map(|row| {
            let year = between(row, "<th scope=\"row\">", "</th>")
                .parse()
                .expect("a year");
            let counts = all_between(row, "<td>", "</td>")
                .into_iter()
                .map(|c| c.parse().expect("a count"))
                .collect();
            (year, counts)
        })
        .collect();
    (columns, rows)
}

/// `count` for the years `from..=to`.
fn years(from: u16, to: u16, count: usize) -> Vec<(u16, usize)> {
    (from..=to).map(|year| (year, count)).collect()
}

/// A fourth partner: in PfP from a day in 1994 to the year 2000 (a year-only end)
/// and in the EAPC from the year 1997, which makes the EAPC multilateral.
const SWEDEN: &str = "---
name: Sweden
kind: country
region: Northern Europe
iso: SWE
status: partner
memberships:
  - framework: pfp
    from: 1994-05-09
    until: 2000
  - framework: eapc
    from: 1997
sources: [src-a]
---
Sweden.
";

#[test]
fn growth_counts_the_members_of_each_framework_at_the_end_of_every_year() {
    let site = Fixture::valid();
    site.write("content/partners/sweden.md", SWEDEN);
    site.build().expect("builds");
    let page = site.page("frameworks/index.html");
    let (columns, rows) = growth_table(&page);
    // In the order the frameworks were launched: PfP (1994), the EAPC (1997).
    assert_eq!(columns, ["PfP", "EAPC"]);
    // PfP: Poland from February 1994 to 12 March 1999, Sweden from 9 May 1994 until
    // 2000 (1 January 2000), Austria from 10 February 1995.
    let pfp: Vec<(u16, usize)> = [
        years(1990, 1993, 0),
        years(1994, 1994, 2),
        years(1995, 1998, 3),
        years(1999, 1999, 2),
        years(2000, 2022, 1),
    ]
    .concat();
    // EAPC: Sweden from 1997 (1 January), Austria from May 1997.
    let eapc: Vec<(u16, usize)> = [years(1990, 1996, 0), years(1997, 2022, 2)].concat();
    let table: Vec<(u16, usize)> = rows.iter().map(|(y, c)| (*y, c[0])).collect();
    assert_eq!(table, pfp);
    let table: Vec<(u16, usize)> = rows.iter().map(|(y, c)| (*y, c[1])).collect();
    assert_eq!(table, eapc);

    // The description sums each line up for screen readers.
    let description = between(&page, "<desc id=\"growth-svg-desc\">", "</desc>");
    assert!(
        description.contains("PfP: 2 in 1994, most 3 in 1995, 1 at the end.")
            && description.contains("EAPC: 2 in 1997, most 2 in 1997, 2 at the end."),
        "{description}"
    );
    assert!(page.contains("aria-describedby=\"growth-svg-desc\""));

    // The lines say what the table says: each point sits on the grid line of its
    // count, from the first year with a member to the last year.
    let svg = between(
        &page,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"growth-svg\"",
        "</svg>",
    );
    let grid = between(svg, "<g class=\"grid\">", "</g>");
    let tick_y: Vec<(usize, f32)> = all_between(grid, "<line ", "/>")
        .into_iter()
        .zip(all_between(grid, "text-anchor=\"end\">", "</text>"))
        .map(|(line, value)| {
            let y = between(line, "y1=\"", "\"").parse().expect("y");
            (value.parse().expect("tick value"), y)
        })
        .collect();
    assert_eq!(
        tick_y.iter().map(|(v, _)| *v).collect::<Vec<_>>(),
        [0, 1, 2, 3]
    );
    let lines = all_between(svg, "<polyline class=\"line ", "/>");
    assert_eq!(lines.len(), 2);
    for (line, expected) in lines.iter().zip([&pfp, &eapc]) {
        let points: Vec<f32> = between(line, "points=\"", "\"")
            .split(' ')
            .map(|p| p.split(',').nth(1).expect("x,y").parse().expect("y"))
            .collect();
        let drawn: Vec<usize> = points
            .iter()
            .map(|y| {
                tick_y
                    .iter()
                    .find(|(_, tick)| (tick - y).abs() < 0.11)
                    .map(|(v, _)| *v)
                    .unwrap_or_else(|| panic!("a point off the grid at y={y}"))
            })
            .collect();
        let from_first: Vec<usize> = expected
            .iter()
            .skip_while(|(_, c)| *c == 0)
            .map(|(_, c)| *c)
            .collect();
        assert_eq!(drawn, from_first, "{line}");
    }
    // Each framework is in the legend, linking to its page.
    let legend = between(&page, "<ul class=\"growth-legend\">", "</ul>");
    assert!(legend.contains("<a href=\"../frameworks/pfp.html\">Partnership for Peace</a> (PfP)"));
    assert!(legend.contains(
        "<a href=\"../frameworks/eapc.html\">Euro-Atlantic Partnership Council</a> (EAPC)"
    ));
    assert!(broken_links(&site.output()).is_empty());
}

#[test]
fn a_framework_with_one_member_is_left_out_of_the_growth_chart() {
    let site = Fixture::valid();
    site.build().expect("builds");
    let page = site.page("frameworks/index.html");
    let (columns, rows) = growth_table(&page);
    // The EAPC has Austria alone in the fixture: a bilateral body, in grey.
    assert_eq!(columns, ["PfP"]);
    let pfp: Vec<(u16, Vec<usize>)> = (1990..=2022)
        .map(|year| {
            let count = match year {
                ..=1993 => 0,
                1994 => 1,
                1995..=1998 => 2,
                _ => 1,
            };
            (year, vec![count])
        })
        .collect();
    assert_eq!(rows, pfp);
    assert!(page.contains("(2022: at 31 December 2022)"));
    // Only the frameworks index draws it among the section pages.
    assert!(!site.page("programmes/index.html").contains("growth"));
}

#[test]
fn the_home_page_receives_the_growth_chart() {
    let site = Fixture::valid();
    // The line the default index.html is to call the component with.
    site.write(
        "templates/index.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ common.title }}</h1>\n{{ <growth_chart g={page.growth}/> }}\n{% endblock content %}\n",
    );
    site.build().expect("builds");
    let home = site.page("index.html");
    let (columns, rows) = growth_table(&home);
    assert_eq!(columns, ["PfP"]);
    assert_eq!(rows[4], (1994, vec![1]));
    // Links from the root, not from frameworks/.
    assert!(home.contains("<a href=\"frameworks/pfp.html\">Partnership for Peace</a>"));
}

/// The row links of the charts in `svg`: (href, accessible name, what the link
/// holds).
fn row_links(svg: &str) -> Vec<(String, String, String)> {
    all_between(svg, "<a href=\"", "</a>")
        .into_iter()
        .map(|link| {
            let href = link[..link.find('"').expect("href")].to_string();
            let name = between(link, "<title>", "</title>").to_string();
            (href, name, link.to_string())
        })
        .collect()
}

/// The row links of the first membership chart on `page`.
fn chart_row_links(page: &str) -> Vec<(String, String, String)> {
    row_links(between(page, "<figure class=\"chart\">", "</figure>"))
}

/// Where each row link leads, and its name.
fn targets(links: &[(String, String, String)]) -> Vec<(&str, &str)> {
    links
        .iter()
        .map(|(h, n, _)| (h.as_str(), n.as_str()))
        .collect()
}

#[test]
fn the_overview_has_a_row_per_partner_linking_to_its_page() {
    let site = Fixture::valid();
    site.write("content/partners/sweden.md", SWEDEN);
    site.build().expect("builds");
    let page = site.page("partners/index.html");
    let section = between(&page, "<section id=\"overview\"", "</main>");
    let regions: Vec<&str> = all_between(section, "<h3 id=\"", "-title\"");
    assert_eq!(
        regions,
        [
            "overview-central-europe",
            "overview-global",
            "overview-northern-europe",
            "overview-western-europe"
        ]
    );
    let charts = &section[section
        .find("<div class=\"chart-scroll\"")
        .expect("a chart")..];
    let links = row_links(charts);
    let hrefs: Vec<&str> = links.iter().map(|(h, _, _)| h.as_str()).collect();
    assert_eq!(
        hrefs,
        [
            "../partners/poland.html",
            "../partners/un.html",
            "../partners/sweden.html",
            "../partners/austria.html"
        ],
        "one row per partner, by region"
    );
    let (_, name, inside) = &links[3];
    assert_eq!(
        name,
        "Austria: PfP 10 February 1995 – ongoing; EAPC May 1997 – ongoing"
    );
    // Its label and both bars, in their frameworks' colours, are in the link.
    assert!(inside.contains(">Austria</text>"));
    assert_eq!(inside.matches("class=\"bar fill-").count(), 2);
    assert!(
        inside.contains("class=\"bar fill-0\""),
        "PfP takes the first colour"
    );
    // The EAPC is bilateral in the fixture (one member) until Sweden joins it.
    assert!(inside.contains("class=\"bar fill-1\""));
    let (_, un, inside) = &links[1];
    assert_eq!(un, "United Nations: no membership recorded");
    assert!(inside.contains("no membership recorded</text>") && !inside.contains("class=\"bar"));
    // Sweden's two periods overlap: two lanes, one above the other.
    let (_, _, sweden) = &links[2];
    let ys: Vec<&str> = all_between(sweden, " y=\"", "\"")
        .into_iter()
        .skip(2) // the link's target area, the label
        .collect();
    assert_eq!(ys.len(), 2);
    assert_ne!(ys[0], ys[1]);
    // The key names the colours.
    let key = between(section, "<ul class=\"overview-key\"", "</ul>");
    assert!(
        key.contains("Partnership for Peace") && key.contains("Euro-Atlantic Partnership Council")
    );
}

#[test]
fn chart_rows_link_to_the_frameworks_and_partners_they_show() {
    let site = Fixture::valid();
    site.build().expect("builds");
    let austria = site.page("partners/austria.html");
    let links = chart_row_links(&austria);
    assert_eq!(
        targets(&links),
        [
            (
                "../frameworks/pfp.html",
                "Partnership for Peace: 10 February 1995 – ongoing"
            ),
            (
                "../frameworks/eapc.html",
                "Euro-Atlantic Partnership Council: May 1997 – ongoing"
            ),
        ]
    );
    for (_, _, inside) in &links {
        assert_eq!(inside.matches("class=\"bar ").count(), 1, "{inside}");
        assert!(
            inside.contains("class=\"label\""),
            "the label is in the link"
        );
    }

    let pfp = site.page("frameworks/pfp.html");
    let links = chart_row_links(&pfp);
    assert_eq!(
        targets(&links),
        [
            (
                "../partners/poland.html",
                "Poland: February 1994 – 12 March 1999"
            ),
            (
                "../partners/austria.html",
                "Austria: 10 February 1995 – ongoing"
            ),
        ]
    );
    assert!(links[0].2.contains(">Poland</text>") && links[0].2.contains("class=\"bar fill-0\""));
    assert!(broken_links(&site.output()).is_empty());
}

#[test]
fn markup_in_names_stays_text_in_every_picture() {
    let site = Fixture::valid();
    site.write(
        "content/frameworks/evil.md",
        "---\nname: '<script>alert(1)</script> Council'\nacronym: '<b>EV</b>'\nlaunched: 2001\n---\nEvil.\n",
    );
    for (id, iso) in [("evil-a", "SWE"), ("evil-b", "NOR")] {
        site.write(
            &format!("content/partners/{id}.md"),
            &format!(
                "---\nname: '<script>alert(1)</script> {id}'\nkind: country\nregion: '<i>North</i>'\niso: {iso}\nstatus: partner\nmemberships:\n  - framework: evil\n    from: 2001\n  - framework: pfp\n    from: 2002\n---\nText.\n"
            ),
        );
    }
    site.build().expect("builds");
    for page in [
        "frameworks/index.html",
        "partners/index.html",
        "partners/evil-a.html",
        "frameworks/evil.html",
        "frameworks/pfp.html",
    ] {
        let html = site.page(page);
        for raw in ["<script>alert", "<b>EV", "<i>North"] {
            assert!(!html.contains(raw), "{page} holds {raw}");
        }
        assert!(html.contains("&lt;script&gt;alert(1)&lt;"), "{page}");
    }
    let frameworks = site.page("frameworks/index.html");
    let svg = between(&frameworks, "class=\"growth-svg\"", "</svg>");
    assert!(svg.contains("&lt;b&gt;EV&lt;"), "the direct label, escaped");
    let partners = site.page("partners/index.html");
    assert!(partners.contains("<title>&lt;script&gt;alert(1)&lt;"));
}

/// Each number in the coordinates of the charts' SVG (`x`, `y`, `width`, `points` and
/// the like) that has more than one digit after the point.
fn finer_than_tenths(svg: &str) -> Vec<String> {
    const ATTRIBUTES: [&str; 12] = [
        "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "width", "height", "viewBox", "points",
    ];
    let mut fine = Vec::new();
    for attribute in ATTRIBUTES {
        for value in all_between(svg, &format!(" {attribute}=\""), "\"") {
            for number in value.split([' ', ',']).filter(|n| !n.is_empty()) {
                assert!(number.parse::<f64>().is_ok(), "{attribute}={value:?}");
                let decimals = number.split_once('.').map_or(0, |(_, d)| d.len());
                if decimals > 1 {
                    fine.push(format!("{attribute}={number}"));
                }
            }
        }
    }
    fine
}

#[test]
fn chart_coordinates_are_written_in_tenths_of_a_pixel() {
    let site = Fixture::valid();
    site.build().expect("builds");
    let mut charts = 0;
    for page in [
        "index.html",
        "partners/index.html",
        "partners/austria.html",
        "frameworks/pfp.html",
    ] {
        let html = site.page(page);
        for class in ["chart-svg", "growth-svg"] {
            for svg in all_between(
                &html,
                &format!("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{class}\""),
                "</svg>",
            ) {
                charts += 1;
                assert_eq!(finer_than_tenths(svg), Vec::<String>::new(), "{page}");
            }
        }
    }
    assert!(charts >= 4, "only {charts} charts found");
    assert_eq!(
        finer_than_tenths(
            r#"<rect x="576.7999877929688" y="24.0"/><polyline points="1.5,2.25 3,4"/>"#
        ),
        ["x=576.7999877929688", "points=2.25"]
    );
}
