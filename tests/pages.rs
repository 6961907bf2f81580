//! The main content of representative pages of the valid fixture (tests/fixtures/valid/),
//! as snapshots: the `<main>` element of the home page, a partner, a framework, a
//! programme, an operation, the timeline and the partners index.
//!
//! The text is the page's own, made readable and stable: trailing spaces dropped, runs
//! of blank lines (template whitespace) made one, and a line longer than 200
//! characters (the inline SVG of a chart, the timeline's list of years) broken between
//! sibling elements: after a closing tag, before an opening one. A file size in
//! parentheses, such as the download of the whole site, "(49 kB)", reads "([size])":
//! it moves with every byte of every page. The outlines of countries no partner of
//! the fixture has (`<path class="land" …>`, some 240 of them, drawn from
//! `data/world/` and tested in `src/geo/`) are left out of the world map. Nothing
//! else is changed. A snapshot that changes is read before it is accepted.

mod common;

use common::{Fixture, main_element};

/// The readable `<main>` element of `page`, built from the valid fixture.
fn main_of(page: &str) -> String {
    let site = Fixture::valid();
    site.build().expect("the valid fixture builds");
    without_outlines(&without_sizes(&readable(main_element(&site.page(page)))))
}

/// `text` without the lines that draw a country no partner has.
fn without_outlines(text: &str) -> String {
    text.lines()
        .filter(|line| !line.starts_with("<path class=\"land\""))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// `text` with each "(<number> kB)", "(<number> MB)" or "(<number> bytes)" as "([size])".
fn without_sizes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        out.push_str(&rest[..open]);
        let inside = &rest[open + 1..];
        let digits = inside
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(inside.len());
        let unit = [" kB)", " MB)", " bytes)"]
            .into_iter()
            .find(|unit| digits > 0 && inside[digits..].starts_with(unit));
        match unit {
            Some(unit) => {
                out.push_str("([size])");
                rest = &inside[digits + unit.len()..];
            }
            None => {
                out.push('(');
                rest = inside;
            }
        }
    }
    out.push_str(rest);
    out
}

fn readable(html: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for line in html.lines().map(str::trim_end) {
        if line.is_empty() && lines.last().is_none_or(String::is_empty) {
            continue;
        }
        if line.chars().count() > 200 {
            lines.extend(between_siblings(line));
        } else {
            lines.push(line.to_string());
        }
    }
    lines.join("\n")
}

/// `line` cut at each `><` that ends an element (`</x>` or `<x/>`) and starts another.
fn between_siblings(line: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for (at, _) in line.match_indices("><") {
        let tag_start = line[..at].rfind('<').unwrap_or(0);
        let tag = &line[tag_start..=at];
        let closes = tag.starts_with("</") || tag.ends_with("/>");
        let opens = !line[at + 2..].starts_with('/');
        if closes && opens {
            pieces.push(line[start..=at].to_string());
            start = at + 1;
        }
    }
    pieces.push(line[start..].to_string());
    pieces
}

#[test]
fn readable_changes_only_the_layout() {
    let rows = "<li><a href=\"#y1990\">1990</a></li>".repeat(8);
    let html = format!(
        "<main>  \n\n\n<p>a</p>\n<ul>{rows}</ul>\n<svg><g><line x1=\"1\"/><text>1990</text></g></svg>\n</main>"
    );
    let text = readable(&html);
    assert_eq!(
        text.replace('\n', ""),
        html.replace('\n', "").replace("<main>  ", "<main>"),
        "only line breaks and trailing spaces change"
    );
    assert!(
        !text.contains("\n\n\n"),
        "blank lines are collapsed:\n{text}"
    );
    assert!(
        text.contains(
            "<ul><li><a href=\"#y1990\">1990</a></li>\n<li><a href=\"#y1990\">1990</a></li>\n"
        ),
        "a long line is broken between siblings:\n{text}"
    );
    assert!(
        text.ends_with("\n<svg><g><line x1=\"1\"/><text>1990</text></g></svg>\n</main>"),
        "a short line is left whole:\n{text}"
    );
}

#[test]
fn sizes_read_size_and_other_parentheses_stay() {
    assert_eq!(
        without_sizes("as one zip file (49 kB), (1.5 MB) or (12 bytes); (2022) (kB) (x)"),
        "as one zip file ([size]), ([size]) or ([size]); (2022) (kB) (x)"
    );
}

#[test]
fn home_page() {
    insta::assert_snapshot!(main_of("index.html"));
}

#[test]
fn partner_page() {
    insta::assert_snapshot!(main_of("partners/austria.html"));
}

#[test]
fn framework_page() {
    insta::assert_snapshot!(main_of("frameworks/pfp.html"));
}

#[test]
fn programme_page() {
    insta::assert_snapshot!(main_of("programmes/parp.html"));
}

#[test]
fn operation_page() {
    insta::assert_snapshot!(main_of("operations/kfor.html"));
}

#[test]
fn timeline() {
    insta::assert_snapshot!(main_of("timeline.html"));
}

#[test]
fn partners_index() {
    insta::assert_snapshot!(main_of("partners/index.html"));
}
