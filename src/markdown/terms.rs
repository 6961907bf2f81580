//! Glossary terms: the first use on a page of each term wrapped in `<abbr>` with its
//! expansion.

use pulldown_cmark::{CowStr, Event};

use super::render::{PageState, Renderer};
use crate::html::escape_into;

/// The glossary's terms and their expansions, with the first bytes of the terms, so
/// that most words of a text are passed over without a lookup.
#[derive(Debug)]
pub struct Glossary {
    expansions: crate::FastMap<String, String>,
    first_bytes: [bool; 256],
}

impl Glossary {
    pub fn new(terms: impl IntoIterator<Item = (String, String)>) -> Self {
        let mut glossary = Glossary {
            expansions: crate::FastMap::default(),
            first_bytes: [false; 256],
        };
        for (term, expansion) in terms {
            if let Some(&first) = term.as_bytes().first() {
                glossary.first_bytes[usize::from(first)] = true;
            }
            glossary.expansions.insert(term, expansion);
        }
        glossary
    }

    pub fn is_empty(&self) -> bool {
        self.expansions.is_empty()
    }

    /// The expansion of `word`, if it is a term.
    pub fn get(&self, word: &str) -> Option<&str> {
        let first = *word.as_bytes().first()?;
        if !self.first_bytes[usize::from(first)] {
            return None;
        }
        self.expansions.get(word).map(String::as_str)
    }

    fn contains(&self, word: &str) -> bool {
        self.get(word).is_some()
    }
}

impl Renderer<'_> {
    /// Wraps the first use on the page of each glossary term in `<abbr>`. A text
    /// without a term to mark is handed back as it is.
    pub(super) fn mark_terms<'e>(&self, text: CowStr<'e>, state: &mut PageState) -> Event<'e> {
        match self.marked(&text, state) {
            Some(html) => Event::InlineHtml(html.into()),
            None => Event::Text(text),
        }
    }

    /// `text` as HTML with its terms marked, if it has any to mark.
    fn marked(&self, text: &str, state: &mut PageState) -> Option<String> {
        if self.glossary.is_empty() {
            return None;
        }
        let mut marks = Marks {
            text,
            html: String::new(),
            last: 0,
        };
        for (start, word) in words(text) {
            // A compound such as `NATO-ICI` is looked up whole, then part by part.
            if !word.contains('-') || self.glossary.contains(word) {
                marks.mark(self.glossary, start, word, state);
            } else {
                let mut offset = start;
                for part in word.split('-') {
                    marks.mark(self.glossary, offset, part, state);
                    offset += part.len() + 1;
                }
            }
        }
        // Nothing marked leaves `last` at the start.
        if marks.last == 0 {
            return None;
        }
        escape_into(&mut marks.html, &text[marks.last..]);
        Some(marks.html)
    }
}

/// A text's HTML as its terms are marked: up to `last`, the byte after the last
/// term marked.
struct Marks<'t> {
    text: &'t str,
    html: String,
    last: usize,
}

impl Marks<'_> {
    /// Marks `word`, at `start` in the text, if it is a term not yet marked on the
    /// page.
    fn mark(&mut self, glossary: &Glossary, start: usize, word: &str, state: &mut PageState) {
        let Some(expansion) = glossary.get(word) else {
            return;
        };
        if state.used_terms.contains(word) {
            return;
        }
        state.used_terms.insert(word.to_string());
        escape_into(&mut self.html, &self.text[self.last..start]);
        self.html.push_str("<abbr title=\"");
        escape_into(&mut self.html, expansion);
        self.html.push_str("\">");
        escape_into(&mut self.html, word);
        self.html.push_str("</abbr>");
        self.last = start + word.len();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_glossary_finds_its_terms_only() {
        let glossary = Glossary::new([
            ("PfP".to_string(), "Partnership for Peace".to_string()),
            (
                "ICI".to_string(),
                "Istanbul Cooperation Initiative".to_string(),
            ),
        ]);
        assert_eq!(glossary.get("PfP"), Some("Partnership for Peace"));
        assert_eq!(glossary.get("ICI"), Some("Istanbul Cooperation Initiative"));
        assert_eq!(glossary.get("Pf"), None);
        assert_eq!(glossary.get("pfp"), None);
        assert_eq!(glossary.get(""), None);
        assert!(Glossary::new([]).is_empty());
    }
}
