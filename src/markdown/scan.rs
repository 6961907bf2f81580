//! Every entity link, citation and heading id of a body, found without rendering,
//! with where each reference is written.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use super::parse::{Target, classify, parse};
use super::slug::SlugCounter;

/// One reference found in a body, with its byte offset in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub id: String,
    pub fragment: Option<String>,
    pub is_citation: bool,
    /// Where the link (or citation) starts.
    pub offset: usize,
    /// The bytes of the body that name the target: the id and its `#fragment` as
    /// written inside the link, or the whole link when they cannot be found in it
    /// (a reference-style link names its target elsewhere).
    pub span: Range<usize>,
}

/// Where `id` (with `#fragment`, if written) is written inside the link that
/// covers `link` in `body`: after an `@` when `at` is set, else anywhere.
fn target_span(
    body: &str,
    link: &Range<usize>,
    id: &str,
    fragment: Option<&str>,
    at: bool,
) -> Range<usize> {
    let Some(source) = body.get(link.clone()) else {
        return link.clone();
    };
    let needle = if at { format!("@{id}") } else { id.to_string() };
    let found = if id.is_empty() {
        None
    } else {
        source.find(&needle)
    };
    let Some(index) = found else {
        return link.clone();
    };
    let start = link.start + index + needle.len() - id.len();
    let mut end = start + id.len();
    if let Some(fragment) = fragment
        && body[end..].starts_with('#')
        && body[end + 1..].starts_with(fragment)
    {
        end += 1 + fragment.len();
    }
    start..end
}

/// The references and heading ids of one body.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    pub references: Vec<Reference>,
    pub heading_ids: Vec<String>,
}

/// Finds every entity link, citation and heading of a body, without rendering.
pub fn scan(body: &str) -> Scan {
    let mut result = Scan::default();
    let mut slugs = SlugCounter::default();
    let mut heading_text: Option<String> = None;
    for (event, range) in parse(body) {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => match classify(link_type, &dest_url) {
                Target::Entity { id, fragment } => {
                    let wiki = matches!(link_type, LinkType::WikiLink { .. });
                    let span = target_span(body, &range, &id, fragment.as_deref(), !wiki);
                    result.references.push(Reference {
                        id,
                        fragment,
                        is_citation: false,
                        offset: range.start,
                        span,
                    });
                }
                Target::Citation(ids) => {
                    for id in ids {
                        let span = target_span(body, &range, &id, None, true);
                        result.references.push(Reference {
                            id,
                            fragment: None,
                            is_citation: true,
                            offset: range.start,
                            span,
                        });
                    }
                }
                Target::External => {}
            },
            Event::Start(Tag::Heading { .. }) => heading_text = Some(String::new()),
            Event::Text(text) | Event::Code(text) => {
                if let Some(heading) = heading_text.as_mut() {
                    heading.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(text) = heading_text.take() {
                    result.heading_ids.push(slugs.next(&text));
                }
            }
            _ => {}
        }
    }
    // Kept for the whole build, one per body.
    result.references.shrink_to_fit();
    result.heading_ids.shrink_to_fit();
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_links_citations_and_headings() {
        let found =
            scan("# A\n\nSee [[pfp]] and [the PfP](@pfp#history) [@seed001; @seed002].\n\n## A\n");
        let ids: Vec<_> = found.references.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["pfp", "pfp", "seed001", "seed002"]);
        assert_eq!(found.references[1].fragment.as_deref(), Some("history"));
        assert!(found.references[2].is_citation);
        assert_eq!(found.heading_ids, ["a", "a-1"]);
        assert_eq!(scan("## Sources\n").heading_ids, ["sources-1"]);
    }

    #[test]
    fn references_know_where_their_target_is_written() {
        let body = "See [[pfp]], [the PfP](@pfp#history) [@a; @b] and [x][r].\n\n[r]: @eapc\n";
        let found = scan(body);
        let written: Vec<_> = found
            .references
            .iter()
            .map(|r| &body[r.span.clone()])
            .collect();
        assert_eq!(written, ["pfp", "pfp#history", "a", "b", "[x][r]"]);
    }
}
