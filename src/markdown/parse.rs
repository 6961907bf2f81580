//! The parser with the site's options: citations travel as links, and a link's
//! destination says what it points at.

use std::ops::Range;

use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Options, Parser, TagEnd};

/// Destination prefix the parser gives citations, so they travel as links.
const CITE_PREFIX: &str = "cite:";

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_WIKILINKS
}

/// `[@a; @b]` (a reference with no definition) becomes a citation link.
fn citation_callback(link: BrokenLink<'_>) -> Option<(CowStr<'_>, CowStr<'_>)> {
    let reference = link.reference.trim();
    if !reference.starts_with('@') {
        return None;
    }
    let ids: Vec<&str> = reference
        .split(';')
        .map(|part| part.trim().trim_start_matches('@').trim())
        .collect();
    Some((format!("{CITE_PREFIX}{}", ids.join(";")).into(), "".into()))
}

/// The events of a body as the parser makes them, each with the bytes of the body
/// it covers.
pub(super) fn parse(body: &str) -> impl Iterator<Item = (Event<'_>, Range<usize>)> {
    Parser::new_with_broken_link_callback(body, options(), Some(citation_callback))
        .into_offset_iter()
}

/// The events of a body as the parser makes them, for a pass that does not need
/// where each is written.
pub(super) fn events(body: &str) -> impl Iterator<Item = Event<'_>> {
    Parser::new_with_broken_link_callback(body, options(), Some(citation_callback))
}

/// What a link destination points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Entity {
        id: String,
        fragment: Option<String>,
    },
    Citation(Vec<String>),
    External,
}

pub(super) fn classify(link_type: LinkType, dest: &str) -> Target {
    let split = |s: &str| match s.split_once('#') {
        Some((id, fragment)) => (id.to_string(), Some(fragment.to_string())),
        None => (s.to_string(), None),
    };
    if let Some(ids) = dest.strip_prefix(CITE_PREFIX) {
        return Target::Citation(ids.split(';').map(str::to_string).collect());
    }
    if matches!(link_type, LinkType::WikiLink { .. }) {
        let (id, fragment) = split(dest.trim());
        return Target::Entity { id, fragment };
    }
    if let Some(rest) = dest.strip_prefix('@') {
        let (id, fragment) = split(rest);
        return Target::Entity { id, fragment };
    }
    Target::External
}

/// Takes the events up to the first for which `is_end` holds, consuming that one
/// too: the inside of an element whose start was just read.
pub(super) fn take_until<'e>(
    events: &mut impl Iterator<Item = Event<'e>>,
    mut is_end: impl FnMut(&Event<'e>) -> bool,
) -> Vec<Event<'e>> {
    let mut inner = Vec::new();
    for event in events.by_ref() {
        if is_end(&event) {
            break;
        }
        inner.push(event);
    }
    inner
}

/// Whether `event` ends a link.
pub(super) fn is_link_end(event: &Event<'_>) -> bool {
    matches!(event, Event::End(TagEnd::Link))
}
