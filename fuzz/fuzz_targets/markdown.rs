//! The Markdown transform: `scan`, `slugify` and the renderer's `render`,
//! `render_inline` and `plain_text` over any text, with a small table of link
//! targets and glossary terms. Besides not panicking, the output must hold no
//! markup from the input and no script URL, heading ids must be the ones `scan`
//! reports, and the search text must be single-spaced.

#![no_main]

use std::collections::HashMap;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use natopartners::highlight::Highlighter;
use natopartners::markdown::{self, LinkInfo, PageState, Renderer};

static LINKS: LazyLock<HashMap<String, LinkInfo>> = LazyLock::new(|| {
    [
        ("pfp", "Partnership for Peace", "frameworks/pfp.html"),
        ("austria", "Austria", "partners/austria.html"),
        ("kfor", "Kosovo Force", "operations/kfor.html"),
        ("src-a", "Source <A> & \"B\"", "sources.html#src-a"),
    ]
    .into_iter()
    .map(|(id, name, path)| {
        let info = LinkInfo {
            name: name.to_string(),
            path: path.to_string(),
        };
        (id.to_string(), info)
    })
    .collect()
});

static GLOSSARY: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    [
        ("PfP", "Partnership for Peace"),
        ("NATO", "North Atlantic Treaty Organization"),
        ("EAPC", "Euro-Atlantic Partnership Council"),
        ("x", "<script>alert(1)</script>"),
    ]
    .into_iter()
    .map(|(term, expansion)| (term.to_string(), expansion.to_string()))
    .collect()
});

static HIGHLIGHTER: LazyLock<Highlighter> = LazyLock::new(Highlighter::default);

fn renderer() -> Renderer<'static> {
    Renderer {
        links: &LINKS,
        glossary: &GLOSSARY,
        highlighter: &HIGHLIGHTER,
    }
}

/// `<script`, or a link or image address with a scheme that runs code or reads
/// local files, as a browser would read it (ignoring blanks and controls).
fn script_in(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    if lower.contains("<script") {
        return Some("`<script`".into());
    }
    for attribute in [" href=\"", " src=\""] {
        for (start, _) in lower.match_indices(attribute) {
            let value = &lower[start + attribute.len()..];
            let value = &value[..value.find('"').unwrap_or(value.len())];
            let compact: String = value
                .chars()
                .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
                .collect();
            for scheme in ["javascript:", "vbscript:", "data:", "file:"] {
                if compact.starts_with(scheme) {
                    return Some(format!("{}{value}\"", attribute.trim_start()));
                }
            }
        }
    }
    None
}

/// The `id`s of the `<h2>`…`<h6>` elements in rendered HTML, in order.
fn heading_ids(html: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for (level, _) in html.match_indices("<h") {
        let rest = &html[level..];
        if let Some(after) = rest.get(3..).and_then(|r| r.strip_prefix(" id=\""))
            && rest.as_bytes().get(2).is_some_and(u8::is_ascii_digit)
            && let Some(end) = after.find('"')
        {
            ids.push(after[..end].to_string());
        }
    }
    ids
}

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let scan = markdown::scan(body);
    for reference in &scan.references {
        assert!(reference.offset <= body.len() && body.is_char_boundary(reference.offset));
    }
    for id in &scan.heading_ids {
        assert!(!id.is_empty(), "an empty heading id");
        assert!(
            !id.contains(['"', '<', '>', '&', ' ', '\'']),
            "heading id {id:?}"
        );
    }

    let slug = markdown::slugify(body);
    assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"));

    let renderer = renderer();
    let mut state = PageState::default();
    for root in ["", "../"] {
        let html = renderer.render(body, root, &mut state);
        if let Some(found) = script_in(&html) {
            panic!("render put {found} in the page:\n{html}");
        }
        assert_eq!(
            heading_ids(&html),
            scan.heading_ids,
            "heading ids differ from scan's:\n{html}"
        );
    }
    let inline = renderer.render_inline(body, "", &mut PageState::default());
    if let Some(found) = script_in(&inline) {
        panic!("render_inline put {found} in the page:\n{inline}");
    }

    let text = renderer.plain_text(body);
    assert!(
        !text.starts_with(' ') && !text.ends_with(' ') && !text.contains("  "),
        "search text not single-spaced: {text:?}"
    );
    assert!(
        !text.contains(['\n', '\t']),
        "search text with a line break or tab: {text:?}"
    );
});
