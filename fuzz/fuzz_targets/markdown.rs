//! The Markdown transform: `scan`, `slugify` and the renderer's `render`,
//! `render_inline` and `plain_text` over any text, with a small table of link
//! targets and glossary terms. Besides not panicking, the output must hold no
//! markup from the input and no script URL, heading ids must be the ones `scan`
//! reports, and the search text must be single-spaced.

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use natopartners::highlight::Highlighter;
use natopartners::markdown::{self, Glossary, LinkInfo, PageState, Renderer};

static LINKS: LazyLock<markdown::Links> = LazyLock::new(|| {
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

static GLOSSARY: LazyLock<Glossary> = LazyLock::new(|| {
    Glossary::new(
        [
            ("PfP", "Partnership for Peace"),
            ("NATO", "North Atlantic Treaty Organization"),
            ("EAPC", "Euro-Atlantic Partnership Council"),
            ("x", "<script>alert(1)</script>"),
        ]
        .into_iter()
        .map(|(term, expansion)| (term.to_string(), expansion.to_string())),
    )
});

static HIGHLIGHTER: LazyLock<Highlighter> = LazyLock::new(Highlighter::default);

fn renderer() -> Renderer<'static> {
    Renderer {
        links: &LINKS,
        glossary: &GLOSSARY,
        highlighter: &HIGHLIGHTER,
    }
}

#[path = "../../tests/common/markup.rs"]
mod markup;
use markup::{heading_ids, markup_problem};

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
        if let Some(problem) = markup_problem(&html) {
            panic!("render: {problem}\n{html}");
        }
        assert_eq!(
            heading_ids(&html),
            scan.heading_ids,
            "heading ids differ from scan's:\n{html}"
        );
    }
    let inline = renderer.render_inline(body, "", &mut PageState::default());
    if let Some(problem) = markup_problem(&inline) {
        panic!("render_inline: {problem}\n{inline}");
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
