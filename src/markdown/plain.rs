//! The words of a body as a reader sees them, for the search index.

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use super::parse::{Target, classify, events, is_link_end, take_until};
use super::render::Renderer;

impl Renderer<'_> {
    /// The words of a body as a reader sees them, for the search index: entity
    /// links by their names, citations and markup left out, whitespace collapsed.
    /// [`Renderer::render_with_text`] gives the same text while rendering.
    pub fn plain_text(&self, body: &str) -> String {
        let mut text = String::with_capacity(body.len());
        let mut events = events(body);
        while let Some(event) = events.next() {
            match event {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    ..
                }) => match classify(link_type, &dest_url) {
                    Target::Citation(_) => skip_link(&mut events),
                    Target::Entity { id, .. }
                        if matches!(link_type, LinkType::WikiLink { has_pothole: false }) =>
                    {
                        skip_link(&mut events);
                        text.push_str(self.links.get(&id).map_or(id.as_str(), |i| &i.name));
                    }
                    _ => {}
                },
                other => push_plain(&mut text, &other),
            }
        }
        collapse(&text)
    }
}

/// What `event` adds to a body's plain text (a link's start aside, which depends
/// on what it points at): its text, or a space where it ends a block.
pub(super) fn push_plain(text: &mut String, event: &Event<'_>) {
    match event {
        Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
            text.push_str(t);
        }
        Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link) => {}
        Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
        _ => {}
    }
}

/// Words joined by single spaces; no space left where a citation stood before
/// punctuation.
pub(super) fn collapse(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let punctuation = word.starts_with(['.', ',', ';', ':', ')']);
        if !plain.is_empty() && !punctuation {
            plain.push(' ');
        }
        plain.push_str(word);
    }
    plain
}

/// Consumes the events of a link up to its end.
fn skip_link<'e>(events: &mut impl Iterator<Item = Event<'e>>) {
    take_until(events, is_link_end);
}

#[cfg(test)]
mod tests {
    use crate::markdown::fixture::test_renderer;

    #[test]
    fn plain_text_names_entities_and_drops_citations_and_markup() {
        let r = test_renderer();
        let text = r.plain_text(
            "# Start\n\nJoined [[pfp]] and [the council](@eapc) in *1994* [@seed001].\nNext `line`.\n\n- one\n- two\n",
        );
        assert_eq!(
            text,
            "Start Joined Partnership for Peace and the council in 1994. Next line. one two"
        );
    }
}
