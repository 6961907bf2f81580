//! Glossary terms: the first use on a page of each term wrapped in `<abbr>` with its
//! expansion.

use std::fmt::Write as _;

use pulldown_cmark::Event;

use super::render::{PageState, Renderer};
use crate::html::escape;

impl Renderer<'_> {
    /// Wraps the first use on the page of each glossary term in `<abbr>`.
    pub(super) fn mark_terms<'e>(&self, text: &str, state: &mut PageState) -> Event<'e> {
        if self.glossary.is_empty() {
            return Event::Text(text.to_string().into());
        }
        let mut html = String::new();
        let mut last = 0;
        let mut changed = false;
        // A compound such as `NATO-ICI` is looked up whole, then part by part.
        let candidates = words(text).flat_map(|(start, word)| {
            let whole = self.glossary.contains_key(word);
            let parts: Vec<(usize, &str)> = if whole || !word.contains('-') {
                vec![(start, word)]
            } else {
                let mut offset = start;
                word.split('-')
                    .map(|part| {
                        let item = (offset, part);
                        offset += part.len() + 1;
                        item
                    })
                    .collect()
            };
            parts
        });
        for (start, word) in candidates {
            let Some(expansion) = self.glossary.get(word) else {
                continue;
            };
            if !state.used_terms.insert(word.to_string()) {
                continue;
            }
            html.push_str(&escape(&text[last..start]));
            let _ = write!(
                html,
                "<abbr title=\"{}\">{}</abbr>",
                escape(expansion),
                escape(word)
            );
            last = start + word.len();
            changed = true;
        }
        if !changed {
            return Event::Text(text.to_string().into());
        }
        html.push_str(&escape(&text[last..]));
        Event::InlineHtml(html.into())
    }
}

/// Words made of letters, digits and inner hyphens, with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut index = 0;
    std::iter::from_fn(move || {
        while index < bytes.len() && !bytes[index].is_ascii_alphanumeric() {
            index += 1;
        }
        if index >= bytes.len() {
            return None;
        }
        let start = index;
        while index < bytes.len()
            && (bytes[index].is_ascii_alphanumeric()
                || (bytes[index] == b'-'
                    && bytes.get(index + 1).is_some_and(u8::is_ascii_alphanumeric)))
        {
            index += 1;
        }
        Some((start, &text[start..index]))
    })
}
