//! Hostile input: every parser and renderer, fed arbitrary or deliberately malformed
//! text, returns a value or an error. Never a panic, never a hang. Beyond "does not
//! crash", the properties that matter for a published site are checked too: rendered
//! Markdown carries no markup from the input, and what `scan` finds agrees with what
//! the renderer emits.
//!
//! Case counts are bounded so the whole file runs in seconds in a debug build.

use std::path::Path;
use std::sync::LazyLock;
use std::sync::mpsc;
use std::time::Duration;

use natopartners::date::Date;
use natopartners::diagnostics::Diagnostics;
use natopartners::highlight::Highlighter;
use natopartners::load::{frontmatter, parse_document, yaml};
use natopartners::markdown::{self, Glossary, LinkInfo, PageState, Renderer};
use natopartners::model::{EntityKind, EventRecord, GlossaryEntry, SourceRecord};
use proptest::prelude::*;

/// How long one call may take before it counts as a hang. Generous, because a debug
/// build on a loaded machine is slow; a real hang never finishes at all.
const HANG_LIMIT: Duration = Duration::from_secs(20);

/// Runs `work` on its own thread and fails the test if it panics or does not finish
/// within [`HANG_LIMIT`]. `label` describes the input in the failure message.
fn bounded<T: Send + 'static>(label: &str, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (sender, receiver) = mpsc::channel();
    let handle = std::thread::Builder::new()
        .name("hostile-input".into())
        .spawn(move || {
            let _ = sender.send(work());
        })
        .expect("spawn a worker thread");
    match receiver.recv_timeout(HANG_LIMIT) {
        Ok(value) => {
            let _ = handle.join();
            value
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            // The worker dropped the sender without sending: it panicked.
            let message = match handle.join() {
                Err(payload) => payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_else(|| "(non-string panic)".into()),
                Ok(()) => "(worker ended without a result)".into(),
            };
            panic!("panicked on {label}: {message}")
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("no result after {HANG_LIMIT:?} (a hang?) on {label}")
        }
    }
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // Shrinking a hang would take forever; a few steps are enough for a readable case.
        max_shrink_iters: 200,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------

/// Pieces that mean something to one of the parsers, so random joins of them reach
/// the interesting paths far more often than uniform noise does.
const MARKDOWN_PIECES: &[&str] = &[
    "[[",
    "]]",
    "](@",
    "[@",
    "@",
    ";",
    "; @",
    "#",
    "](",
    ")",
    "[",
    "]",
    "(",
    "!",
    "`",
    "``",
    "```",
    "```rust\n",
    "```\n",
    "~~~",
    "~~",
    "<script>",
    "</script>",
    "<SCRIPT SRC=x>",
    "<script",
    "<img src=x onerror=alert(1)>",
    "\"><img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<?php ?>",
    "<div>",
    "</div>",
    "<",
    ">",
    "&",
    "&lt;",
    "&#60;",
    "&amp;",
    "\"",
    "'",
    "\\",
    "*",
    "_",
    "**",
    "|",
    "|---|",
    "---",
    "- ",
    "1. ",
    "> ",
    "    ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "# ",
    "## ",
    "###### ",
    "[^1]",
    "[^1]: ",
    "pfp",
    "evil",
    "seed001",
    "PfP",
    "../",
    "../x",
    "javascript:",
    "é",
    "中",
    "\u{0}",
    "\u{feff}",
    "\u{202e}",
    " ",
    "x",
];

/// Short random Markdown: a join of meaningful pieces and arbitrary characters.
fn markdown_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(MARKDOWN_PIECES).prop_map(str::to_string),
        1 => "\\PC{0,6}",
        1 => any::<String>().prop_map(|s| s.chars().take(6).collect()),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

/// Keys the front matter of some kind knows, plus a few no kind knows.
const KEYS: &[&str] = &[
    "name",
    "kind",
    "region",
    "iso",
    "status",
    "summary",
    "memberships",
    "framework",
    "from",
    "until",
    "role",
    "note",
    "sources",
    "nato_invited",
    "nato_member",
    "programmes",
    "operations",
    "id",
    "acronym",
    "launched",
    "launched_at",
    "ended",
    "replaced_by",
    "frameworks",
    "open_to",
    "theatre",
    "title",
    "date",
    "publisher",
    "author",
    "url",
    "term",
    "expansion",
    "refers_to",
    "partners",
    "unknown",
    "<<",
    "\"quoted key\"",
    "? complex",
    "123",
];

/// YAML scalars, some valid for some field, most wrong for it.
const SCALARS: &[&str] = &[
    "Austria",
    "country",
    "organisation",
    "partner",
    "member",
    "suspended",
    "interlocutor",
    "AUT",
    "aut",
    "1994",
    "1994-01",
    "1994-01-10",
    "1994-13",
    "1994-02-30",
    "'1994-01-10'",
    "0",
    "-1",
    "65536",
    "99999999999999999999999",
    "1.5",
    "1e400",
    ".nan",
    ".inf",
    "true",
    "false",
    "null",
    "~",
    "''",
    "\"\"",
    "\"\\u0000\"",
    "'<script>alert(1)</script>'",
    "\"\\\"><img src=x onerror=alert(1)>\"",
    "../x",
    "[]",
    "{}",
    "[a, b]",
    "{a: 1}",
    "&anchor value",
    "*anchor",
    "*undefined",
    "!!binary aGVsbG8=",
    "!!str 1994",
    "!custom x",
    "|\n  literal",
    ">-\n  folded",
    "[unclosed",
    "{unclosed",
    "'unclosed",
    "\"unclosed",
    "@reserved",
    "`reserved",
    "%directive",
    "- nested",
    ": colon",
    "# comment",
];

/// A YAML value: a scalar, a flow or block list, or a block map, to a small depth.
fn yaml_value(depth: u32) -> BoxedStrategy<String> {
    let scalar = proptest::sample::select(SCALARS).prop_map(str::to_string);
    if depth == 0 {
        return scalar.boxed();
    }
    prop_oneof![
        3 => scalar,
        1 => proptest::collection::vec(proptest::sample::select(SCALARS), 0..4)
            .prop_map(|items| format!("[{}]", items.join(", "))),
        1 => proptest::collection::vec(yaml_value(depth - 1), 0..3).prop_map(|items| {
            items
                .iter()
                .map(|item| format!("\n  - {}", item.replace('\n', "\n    ")))
                .collect::<String>()
        }),
        1 => proptest::collection::vec(
            (proptest::sample::select(KEYS), yaml_value(depth - 1)),
            0..3
        )
        .prop_map(|entries| {
            entries
                .iter()
                .map(|(key, value)| format!("\n  {key}: {}", value.replace('\n', "\n  ")))
                .collect::<String>()
        }),
    ]
    .boxed()
}

/// A block map of known and unknown keys with right or wrong values.
fn yaml_map() -> impl Strategy<Value = String> {
    proptest::collection::vec((proptest::sample::select(KEYS), yaml_value(2)), 0..8).prop_map(
        |entries| {
            entries
                .iter()
                .map(|(key, value)| format!("{key}: {value}\n"))
                .collect::<String>()
        },
    )
}

/// A YAML list of such maps, as `sources.yaml`, `glossary.yaml` and timelines are.
fn yaml_list() -> impl Strategy<Value = String> {
    proptest::collection::vec(yaml_map(), 0..4).prop_map(|maps| {
        maps.iter()
            .map(|map| {
                let indented = map.trim_end().replace('\n', "\n  ");
                format!("- {indented}\n")
            })
            .collect::<String>()
    })
}

fn kind() -> impl Strategy<Value = EntityKind> {
    proptest::sample::select(EntityKind::ALL.to_vec())
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// A valid date at a random precision, as text.
fn valid_date() -> impl Strategy<Value = String> {
    (0u16..=9999, 1u8..=12, 1u8..=31, 0u8..3).prop_map(|(year, month, day, precision)| {
        let day = day.min(days_in_month(year, month));
        match precision {
            0 => format!("{year:04}"),
            1 => format!("{year:04}-{month:02}"),
            _ => format!("{year:04}-{month:02}-{day:02}"),
        }
    })
}

/// Text shaped like a date, mostly wrong.
fn date_like() -> impl Strategy<Value = String> {
    "[ \t]{0,1}[0-9+\\-]{0,6}(-[0-9a-z+]{0,3}){0,4}[ \n]{0,1}"
}

// ---------------------------------------------------------------------------------
// Markdown rendering resources, with hostile names and expansions
// ---------------------------------------------------------------------------------

static HIGHLIGHTER: LazyLock<Highlighter> = LazyLock::new(Highlighter::default);

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";

static LINKS: LazyLock<markdown::Links> = LazyLock::new(|| {
    let mut links = markdown::Links::default();
    links.insert(
        "pfp".to_string(),
        LinkInfo {
            name: format!("Partnership {SCRIPT}"),
            path: "frameworks/pfp.html".into(),
        },
    );
    links.insert(
        "evil".to_string(),
        LinkInfo {
            name: IMG.into(),
            path: "partners/evil.html".into(),
        },
    );
    links.insert(
        "seed001".to_string(),
        LinkInfo {
            name: format!("{IMG} {SCRIPT}"),
            path: "sources.html#seed001".into(),
        },
    );
    links
});

static GLOSSARY: LazyLock<Glossary> = LazyLock::new(|| {
    Glossary::new([
        ("PfP".to_string(), format!("Partnership {IMG}")),
        ("x".to_string(), SCRIPT.to_string()),
    ])
});

fn renderer() -> Renderer<'static> {
    Renderer {
        links: &LINKS,
        glossary: &GLOSSARY,
        highlighter: &HIGHLIGHTER,
    }
}

#[path = "common/markup.rs"]
mod markup;
use markup::{heading_ids, markup_problem};

// ---------------------------------------------------------------------------------
// Front matter
// ---------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn split_never_panics_and_cuts_the_text_exactly(
        text in prop_oneof![
            any::<String>(),
            ("(---|\u{feff}---|---\r|--- )?", proptest::collection::vec("(---|\\.\\.\\.|\\PC{0,5}|\r|\n|\r\n)", 0..12))
                .prop_map(|(head, parts)| format!("{head}\n{}", parts.concat())),
        ]
    ) {
        let owned = text.clone();
        let result = bounded("split", move || frontmatter::split(&owned).map(|s| {
            (s.front_matter.map(str::to_string), s.front_matter_line, s.body.to_string(), s.body_line)
        }));
        let stripped = text.strip_prefix('\u{feff}').unwrap_or(&text);
        match result {
            Err(_) => prop_assert!(stripped.starts_with("---")),
            Ok((None, _, body, body_line)) => {
                prop_assert_eq!(body.as_str(), stripped);
                prop_assert_eq!(body_line, 1);
            }
            Ok((Some(front), front_line, body, body_line)) => {
                prop_assert_eq!(front_line, 2);
                prop_assert!(stripped.ends_with(&body));
                let head = &stripped[..stripped.len() - body.len()];
                prop_assert!(head.starts_with("---"));
                prop_assert!(head.contains(&front));
                // The body's first line is one past the lines the head took.
                if !body.is_empty() {
                    prop_assert_eq!(body_line, 1 + head.matches('\n').count());
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------
// Documents and YAML lists
// ---------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn parse_document_survives_arbitrary_text(kind in kind(), text in prop_oneof![any::<String>(), markdown_text()]) {
        let owned = text.clone();
        let result = bounded("parse_document(arbitrary)", move || {
            parse_document(Path::new("content/x/doc.md"), "doc", kind, owned).map(|d| d.meta.kind())
        });
        match result {
            Ok(found) => prop_assert_eq!(found, kind),
            Err(diagnostic) => {
                prop_assert!(diagnostic.is_error());
                prop_assert!(!diagnostic.message.is_empty());
                prop_assert_eq!(diagnostic.file.as_path(), Path::new("content/x/doc.md"));
            }
        }
    }

    #[test]
    fn parse_document_survives_structured_but_wrong_front_matter(
        kind in kind(),
        front in yaml_map(),
        body in markdown_text(),
    ) {
        let text = format!("---\n{front}---\n{body}");
        let owned = text.clone();
        let result = bounded("parse_document(front matter)", move || {
            parse_document(Path::new("content/x/doc.md"), "doc", kind, owned)
                .map(|d| (d.meta.kind(), d.body().to_string(), d.body_line))
        });
        match result {
            Ok((found, parsed_body, body_line)) => {
                prop_assert_eq!(found, kind);
                prop_assert_eq!(parsed_body, body);
                prop_assert_eq!(body_line, front.matches('\n').count() + 3);
            }
            Err(diagnostic) => {
                prop_assert!(diagnostic.is_error());
                // A located error points inside the file.
                if let Some(line) = diagnostic.line {
                    prop_assert!(line >= 1 && line <= text.lines().count() + 1, "line {} of {:?}", line, text);
                }
            }
        }
    }

    #[test]
    fn parse_list_survives_arbitrary_text(text in prop_oneof![any::<String>(), markdown_text(), yaml_list()]) {
        let owned = text.clone();
        let (events, sources, glossary, errors) = bounded("parse_list", move || {
            let mut diagnostics = Diagnostics::new();
            let file = Path::new("content/list.yaml");
            let events = yaml::parse_list::<EventRecord>(file, &owned, "a list", &mut diagnostics).len();
            let sources = yaml::parse_list::<SourceRecord>(file, &owned, "a list", &mut diagnostics).len();
            let glossary = yaml::parse_list::<GlossaryEntry>(file, &owned, "a list", &mut diagnostics).len();
            (events, sources, glossary, diagnostics.errors().count())
        });
        // Nothing is lost silently: an empty result from a non-empty list is explained.
        let entries = text.lines().filter(|l| *l == "-" || l.starts_with("- ")).count();
        if entries > 0 && events + sources + glossary == 0 {
            prop_assert!(errors > 0);
        }
    }

    #[test]
    fn parse_list_reports_every_bad_entry(list in yaml_list()) {
        let owned = list.clone();
        let (good, errors) = bounded("parse_list(entries)", move || {
            let mut diagnostics = Diagnostics::new();
            let good = yaml::parse_list::<SourceRecord>(Path::new("sources.yaml"), &owned, "a list", &mut diagnostics).len();
            (good, diagnostics.errors().count())
        });
        // Either the whole text failed to parse (one error), or every entry is
        // accounted for as good or reported.
        let entries = list.lines().filter(|l| *l == "-" || l.starts_with("- ")).count();
        prop_assert!(errors == 1 && good == 0 || good + errors == entries,
            "{} good + {} errors for {} entries in {:?}", good, errors, entries, list);
    }
}

#[test]
fn yaml_bombs_and_deep_nesting_are_errors_or_values_not_hangs() {
    let laughs = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n\
                  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n\
                  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n\
                  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n\
                  h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n\
                  name: [*i,*i,*i,*i,*i,*i,*i,*i,*i]\n";
    // Depth stays at a few thousand: unsafe-libyaml takes time quadratic in the
    // nesting depth before serde_yaml's recursion limit (128) rejects the document,
    // so 20,000 levels take half a minute in a debug build (slow, but not a hang).
    let nested_flow = format!("name: {}{}\n", "[".repeat(2_000), "]".repeat(2_000));
    let nested_block: String = (0..1_000)
        .map(|depth| format!("{}- \n", "  ".repeat(depth)))
        .collect();
    let many_anchors: String = (0..5_000).map(|i| format!("k{i}: &a{i} v\n")).collect();
    for (label, yaml) in [
        ("billion laughs", laughs.to_string()),
        ("nested flow", nested_flow),
        ("nested block", nested_block),
        ("many anchors", many_anchors),
    ] {
        for kind in EntityKind::ALL {
            let text = format!("---\n{yaml}---\nbody\n");
            let result = bounded(label, move || {
                parse_document(Path::new("x.md"), "x", kind, text).is_ok()
            });
            assert!(!result, "{label} should not parse as a {kind:?}");
        }
        let list = format!("- {}", yaml.replace('\n', "\n  "));
        let errors = bounded(label, move || {
            let mut diagnostics = Diagnostics::new();
            let good = yaml::parse_list::<EventRecord>(
                Path::new("t.yaml"),
                &list,
                "a list",
                &mut diagnostics,
            )
            .len();
            (good, diagnostics.errors().count())
        });
        assert_eq!(errors.0, 0, "{label}");
        assert!(errors.1 > 0, "{label}");
    }
}

// ---------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn date_parse_survives_arbitrary_text(text in prop_oneof![any::<String>(), date_like()]) {
        let owned = text.clone();
        if let Ok(date) = bounded("Date::parse", move || Date::parse(&owned)) {
            // Whatever parses is a real date, and reads back as itself.
            if let Some(month) = date.month {
                prop_assert!((1..=12).contains(&month));
                if let Some(day) = date.day {
                    prop_assert!(day >= 1 && day <= days_in_month(date.year, month));
                }
            } else {
                prop_assert!(date.day.is_none());
            }
            prop_assert_eq!(Date::parse(&date.iso()), Ok(date));
            let iso = date.iso();
            prop_assert_eq!(iso.as_str(), text.trim());
            prop_assert!(!date.text().is_empty());
        }
    }

    #[test]
    fn every_valid_date_round_trips_through_iso(text in valid_date()) {
        let date = Date::parse(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(date.iso(), text.clone());
        prop_assert_eq!(Date::parse(&date.iso()), Ok(date));
        // Through YAML too, quoted or not.
        let unquoted: Date = serde_yaml_round_trip(&text)?;
        prop_assert_eq!(unquoted, date);
        let quoted: Date = serde_yaml_round_trip(&format!("'{text}'"))?;
        prop_assert_eq!(quoted, date);
    }
}

/// Reads a date the way front matter does, through a one-field record.
fn serde_yaml_round_trip(value: &str) -> Result<Date, TestCaseError> {
    let yaml = format!("- date: {value}\n  title: t\n  kind: other\n  summary: s\n");
    let mut diagnostics = Diagnostics::new();
    let mut records =
        yaml::parse_list::<EventRecord>(Path::new("t.yaml"), &yaml, "a list", &mut diagnostics);
    match records.pop() {
        Some((record, _)) => Ok(record.date),
        None => Err(TestCaseError::fail(format!(
            "{value} did not parse: {:?}",
            diagnostics.sorted()
        ))),
    }
}

// ---------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(384))]

    #[test]
    fn scan_finds_references_inside_the_body(body in prop_oneof![1 => any::<String>(), 4 => markdown_text()]) {
        let owned = body.clone();
        let scan = bounded("scan", move || markdown::scan(&owned));
        for reference in &scan.references {
            prop_assert!(reference.offset < body.len().max(1));
            prop_assert!(body.is_char_boundary(reference.offset));
        }
        for id in &scan.heading_ids {
            prop_assert!(!id.is_empty());
            prop_assert!(!id.contains(['"', '<', '>', '&', ' ', '\'']), "{:?}", id);
        }
        let mut unique = scan.heading_ids.clone();
        unique.sort();
        unique.dedup();
        prop_assert_eq!(unique.len(), scan.heading_ids.len());
    }

    #[test]
    fn rendered_markdown_carries_no_markup_from_the_input(
        body in prop_oneof![1 => any::<String>(), 4 => markdown_text()],
        nested in any::<bool>(),
    ) {
        let owned = body.clone();
        let root = if nested { "../" } else { "" };
        let (html, inline, scan) = bounded("render", move || {
            let renderer = renderer();
            let mut state = PageState::default();
            let html = renderer.render(&owned, root, &mut state);
            let inline = renderer.render_inline(&owned, root, &mut PageState::default());
            (html, inline, markdown::scan(&owned))
        });
        if let Some(problem) = markup_problem(&html) {
            return Err(TestCaseError::fail(format!("{problem}\ninput: {body:?}\noutput: {html}")));
        }
        if let Some(problem) = markup_problem(&inline) {
            return Err(TestCaseError::fail(format!("inline: {problem}\ninput: {body:?}\noutput: {inline}")));
        }
        for payload in [SCRIPT, "<img src=x", "onerror=alert(1)>"] {
            prop_assert!(!html.contains(payload), "{} in {}", payload, html);
        }
        // The ids the renderer gives headings are the ones scan reported, so that
        // `[text](@id#fragment)` checked against scan lands on a real heading.
        prop_assert_eq!(heading_ids(&html), scan.heading_ids, "input {:?} output {}", body, html);
    }

    #[test]
    fn plain_text_for_search_is_single_spaced_and_keeps_no_citation(
        body in prop_oneof![1 => any::<String>(), 4 => markdown_text()],
    ) {
        let owned = body.clone();
        let text = bounded("plain_text", move || renderer().plain_text(&owned));
        prop_assert!(!text.starts_with(' ') && !text.ends_with(' ') && !text.contains("  "), "{:?}", text);
        prop_assert!(!text.contains(['\n', '\t']), "{:?}", text);
        prop_assert!(!text.contains("cite:"), "{:?}", text);
    }
}

/// Sizes stay at tens of kilobytes: a highlighted code line of 40 kB already takes
/// seconds in a debug build (syntect's regexes run per line), which is slow, not a hang.
#[test]
fn pathological_markdown_renders_in_bounded_time() {
    let cases = [
        ("nested brackets", "[".repeat(50_000)),
        (
            "nested wikilinks",
            "[[".repeat(25_000) + &"]]".repeat(25_000),
        ),
        ("many links", "[a](@pfp) [[evil]] [@seed001] ".repeat(5_000)),
        ("nested quotes", "> ".repeat(5_000) + "x"),
        (
            "nested lists",
            (0..1_000)
                .map(|i| format!("{}- x\n", "  ".repeat(i)))
                .collect(),
        ),
        ("backticks", "`".repeat(20_000) + "x" + &"``".repeat(10_000)),
        ("emphasis", "*_".repeat(20_000) + "x"),
        ("html", "<div>".repeat(20_000)),
        (
            "unclosed comment",
            "<!--".to_string() + &"x\n".repeat(10_000),
        ),
        (
            "long code",
            format!("```rust\n{}\n```\n", "fn f() { (((( \"\\\" ".repeat(500)),
        ),
        (
            "table",
            "|a|b|\n|-|-|\n".to_string() + &"|x|[[pfp]]|\n".repeat(5_000),
        ),
        (
            "footnotes",
            (0..3_000).map(|i| format!("[^{i}] [^{i}]: x\n")).collect(),
        ),
    ];
    for (label, body) in cases {
        let started = std::time::Instant::now();
        let html = bounded(label, move || {
            let renderer = renderer();
            let html = renderer.render(&body, "", &mut PageState::default());
            markdown::scan(&body);
            html
        });
        eprintln!("{label}: {:?}", started.elapsed());
        assert!(!html.to_ascii_lowercase().contains("<script"), "{label}");
    }
}

#[test]
fn known_payloads_are_shown_not_run() {
    let renderer = renderer();
    let cases = [
        SCRIPT,
        IMG,
        "<img src=x onerror=alert(1)>",
        "[[pfp]] and [[evil]] [@seed001]",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x]( javascript:alert(1) )",
        "[x](<javascript:alert(1)>)",
        "<javascript:alert(1)>",
        "[x][r]\n\n[r]: javascript:alert(1)",
        "![x](javascript:alert(1))",
        "[x](data:text/html,<script>alert(1)</script>)",
        "[x](vbscript:msgbox(1))",
        "# <script>alert(1)</script>",
        "`<script>`",
        "```\n<script>alert(1)</script>\n```",
        "```<script>\nx\n```",
        "[<script>](@pfp \"<script>\")",
        "[[pfp#\"><script>]]",
        "x PfP",
    ];
    for body in cases {
        let html = renderer.render(body, "", &mut PageState::default());
        if let Some(problem) = markup_problem(&html) {
            panic!("{problem}\ninput: {body:?}\noutput: {html}");
        }
    }
}
