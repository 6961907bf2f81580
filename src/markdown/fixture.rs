//! A renderer over small link and glossary tables, for this module's tests.

use super::{Glossary, LinkInfo, Links, Renderer};
use crate::highlight::Highlighter;

/// A renderer over small link and glossary tables, leaked for the test's life.
pub(super) fn test_renderer() -> Renderer<'static> {
    let (links, glossary, highlighter) = renderer_parts();
    Renderer {
        links: Box::leak(Box::new(links)),
        glossary: Box::leak(Box::new(glossary)),
        highlighter: Box::leak(Box::new(highlighter)),
    }
}

fn renderer_parts() -> (Links, Glossary, Highlighter) {
    let mut links = Links::default();
    links.insert(
        "pfp".to_string(),
        LinkInfo {
            name: "Partnership for Peace".into(),
            path: "frameworks/pfp.html".into(),
        },
    );
    links.insert(
        "seed001".to_string(),
        LinkInfo {
            name: "NATO's partnerships".into(),
            path: "sources.html#seed001".into(),
        },
    );
    let glossary = Glossary::new([("PfP".to_string(), "Partnership for Peace".to_string())]);
    (links, glossary, Highlighter::default())
}
