//! The HTML of a body for one page: entity links relative to the page, citations,
//! heading ids, glossary terms, highlighted code; raw HTML shown as text, links and
//! images to script URLs reduced to their text.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, LinkType, Tag, TagEnd};

use super::parse::{Target, classify, events, is_link_end, take_until};
use super::plain::{collapse, push_plain};
use super::slug::SlugCounter;
use super::url::is_safe_url;
use crate::highlight::Highlighter;

/// What the renderer needs to know about a link target.
#[derive(Debug, Clone)]
pub struct LinkInfo {
    pub name: String,
    /// Path from the site root, e.g. `partners/austria.html` or `sources.html#seed001`.
    pub path: String,
}

/// Every page and source a body may link to, by id.
pub type Links = crate::FastMap<String, LinkInfo>;

/// Site-wide facts the renderer consults: where ids lead, glossary terms.
pub struct Renderer<'a> {
    pub links: &'a Links,
    pub glossary: &'a super::Glossary,
    pub highlighter: &'a Highlighter,
}

/// Per-page state shared by every fragment rendered onto one page: citation
/// numbers and which glossary terms were already expanded.
#[derive(Debug, Default, Clone)]
pub struct PageState {
    /// Source ids in the order first cited; the number is the index + 1.
    pub cited: Vec<String>,
    pub(super) used_terms: crate::FastSet<String>,
    /// Put before every heading id, so that several bodies can share one page
    /// (the print edition) with ids unique across it.
    pub heading_prefix: String,
    /// Sources numbered since the current section began, in that order.
    pub section_cited: Vec<String>,
}

impl PageState {
    /// Starts another body on a page of many (the print edition): its heading ids
    /// take `prefix`, and glossary terms are expanded again on first use.
    pub fn begin_section(&mut self, prefix: String) {
        self.heading_prefix = prefix;
        self.used_terms.clear();
        self.section_cited.clear();
    }

    /// The citation number of a source on this page, giving it the next one if new.
    pub fn number(&mut self, id: &str) -> usize {
        if !self.section_cited.iter().any(|c| c == id) {
            self.section_cited.push(id.to_string());
        }
        match self.cited.iter().position(|c| c == id) {
            Some(index) => index + 1,
            None => {
                self.cited.push(id.to_string());
                self.cited.len()
            }
        }
    }
}

impl Renderer<'_> {
    /// Renders a body for a page whose way back to the site root is `root`
    /// (`""` or `"../"`).
    pub fn render(&self, body: &str, root: &str, state: &mut PageState) -> String {
        let events = events(body);
        let events = self.transform(events, root, state, None);
        let mut html = String::with_capacity(body.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        html
    }

    /// [`Renderer::render`], and the body's plain text as
    /// [`Renderer::plain_text`] gives it, from the one pass over the body.
    pub fn render_with_text(
        &self,
        body: &str,
        root: &str,
        state: &mut PageState,
    ) -> (String, String) {
        let mut text = String::with_capacity(body.len());
        let events = events(body);
        let events = self.transform(events, root, state, Some(&mut text));
        let mut html = String::with_capacity(body.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        (html, collapse(&text))
    }

    /// Renders a one-paragraph text without the wrapping `<p>`.
    pub fn render_inline(&self, text: &str, root: &str, state: &mut PageState) -> String {
        let html = self.render(text, root, state);
        let trimmed = html.trim();
        match trimmed
            .strip_prefix("<p>")
            .and_then(|rest| rest.strip_suffix("</p>"))
        {
            Some(inner) if !inner.contains("<p>") => inner.to_string(),
            _ => trimmed.to_string(),
        }
    }

    /// The parser's events rewritten for the page: every element the site extends
    /// is gathered whole and replaced; everything else passes through. With
    /// `text`, the body's plain text is gathered there too, before [`collapse`],
    /// by the rules of [`Renderer::plain_text`].
    fn transform<'e>(
        &self,
        events: impl IntoIterator<Item = Event<'e>>,
        root: &str,
        state: &mut PageState,
        mut text: Option<&mut String>,
    ) -> Vec<Event<'e>> {
        // What an event the parser gave adds to the plain text.
        let plain = |text: &mut Option<&mut String>, event: &Event<'_>| {
            if let Some(text) = text {
                push_plain(text, event);
            }
        };
        let mut events = events.into_iter();
        let mut out: Vec<Event<'e>> = Vec::with_capacity(events.size_hint().0);
        let mut slugs = SlugCounter::default();
        while let Some(event) = events.next() {
            match event {
                Event::Start(Tag::CodeBlock(kind)) => {
                    let code =
                        take_until(&mut events, |e| matches!(e, Event::End(TagEnd::CodeBlock)));
                    for event in &code {
                        plain(&mut text, event);
                    }
                    plain(&mut text, &Event::End(TagEnd::CodeBlock));
                    out.push(self.code_block(&kind, &code));
                }
                Event::Start(Tag::Heading {
                    level,
                    classes,
                    attrs,
                    ..
                }) => {
                    let inner =
                        take_until(&mut events, |e| matches!(e, Event::End(TagEnd::Heading(_))));
                    let heading = Tag::Heading {
                        level: demote(level),
                        id: Some(
                            format!(
                                "{}{}",
                                state.heading_prefix,
                                slugs.next(&heading_text(&inner))
                            )
                            .into(),
                        ),
                        classes,
                        attrs,
                    };
                    let inner = self.transform(inner, root, state, text.as_deref_mut());
                    plain(&mut text, &Event::End(heading.to_end()));
                    wrap(&mut out, heading, inner);
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let inner = take_until(&mut events, is_link_end);
                    match classify(link_type, &dest_url) {
                        Target::Citation(ids) => {
                            out.push(Event::InlineHtml(self.citation(&ids, state).into()));
                        }
                        Target::Entity {
                            id: target,
                            fragment,
                        } => {
                            let info = self.links.get(&target);
                            let link = Tag::Link {
                                link_type: LinkType::Inline,
                                dest_url: entity_href(info, fragment.as_deref(), root).into(),
                                title,
                                id,
                            };
                            // `[[id]]` shows the entity's name; other links keep their text.
                            let inner =
                                if matches!(link_type, LinkType::WikiLink { has_pothole: false }) {
                                    let name = info.map_or(target.clone(), |i| i.name.clone());
                                    if let Some(text) = text.as_deref_mut() {
                                        text.push_str(&name);
                                    }
                                    vec![Event::Text(name.into())]
                                } else {
                                    self.transform(inner, root, state, text.as_deref_mut())
                                };
                            wrap(&mut out, link, inner);
                        }
                        // A `javascript:` (or other non-web) URL would run on click:
                        // keep the link text, drop the link.
                        Target::External if !is_safe_url(&dest_url) => {
                            out.extend(self.transform(inner, root, state, text.as_deref_mut()));
                        }
                        Target::External => {
                            let link = Tag::Link {
                                link_type,
                                dest_url,
                                title,
                                id,
                            };
                            let inner = self.transform(inner, root, state, text.as_deref_mut());
                            wrap(&mut out, link, inner);
                        }
                    }
                }
                // Likewise an image from a script URL: show its alt text instead.
                Event::Start(Tag::Image { dest_url, .. }) if !is_safe_url(&dest_url) => {
                    let alt = take_image_alt(&mut events);
                    out.extend(self.transform(alt, root, state, text.as_deref_mut()));
                    plain(&mut text, &Event::End(TagEnd::Image));
                }
                Event::Text(words) => {
                    if let Some(text) = text.as_deref_mut() {
                        text.push_str(&words);
                    }
                    out.push(self.mark_terms(words, state));
                }
                // Bodies are text, not markup: raw HTML is shown, never run.
                Event::Html(html) | Event::InlineHtml(html) => {
                    if let Some(text) = text.as_deref_mut() {
                        text.push_str(&html);
                    }
                    out.push(Event::Text(html));
                }
                other => {
                    plain(&mut text, &other);
                    out.push(other);
                }
            }
        }
        out
    }

    /// A code block, highlighted whole from the text the parser gave it.
    fn code_block<'e>(&self, kind: &CodeBlockKind<'_>, code: &[Event<'_>]) -> Event<'e> {
        let language = match kind {
            CodeBlockKind::Fenced(language) => language.as_ref(),
            CodeBlockKind::Indented => "",
        };
        let mut text = String::new();
        for event in code {
            if let Event::Text(t) = event {
                text.push_str(t);
            }
        }
        Event::Html(self.highlighter.block(language, &text).into())
    }
}

/// Pushes `tag`'s start, `inner` and `tag`'s end.
fn wrap<'e>(out: &mut Vec<Event<'e>>, tag: Tag<'e>, inner: Vec<Event<'e>>) {
    let end = tag.to_end();
    out.push(Event::Start(tag));
    out.extend(inner);
    out.push(Event::End(end));
}

/// The words of a heading, its id's source.
fn heading_text(inner: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in inner {
        if let Event::Text(t) | Event::Code(t) = event {
            text.push_str(t);
        }
    }
    text
}

/// Where an entity link leads from a page `root` away from the site root; an
/// unknown entity (already reported by resolve) leads to the not-found page.
fn entity_href(info: Option<&LinkInfo>, fragment: Option<&str>, root: &str) -> String {
    match (info, fragment) {
        // On a page of many bodies an entity is an anchor, and its headings' ids
        // carry that anchor as their prefix.
        (Some(info), Some(f)) if info.path.starts_with('#') => format!("{}-{f}", info.path),
        (Some(info), Some(f)) => format!("{root}{}#{f}", info.path),
        (Some(info), None) => format!("{root}{}", info.path),
        (None, _) => format!("{root}404.html"),
    }
}

/// The events of an image's alt text up to its end, nested images included.
fn take_image_alt<'e>(events: &mut impl Iterator<Item = Event<'e>>) -> Vec<Event<'e>> {
    let mut depth = 0usize;
    take_until(events, |event| match event {
        Event::Start(Tag::Image { .. }) => {
            depth += 1;
            false
        }
        Event::End(TagEnd::Image) if depth == 0 => true,
        Event::End(TagEnd::Image) => {
            depth -= 1;
            false
        }
        _ => false,
    })
}

/// Page titles are the only `<h1>`; a body's headings start at `<h2>`.
fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::fixture::test_renderer;

    #[test]
    fn renders_entity_links_relative_to_the_page() {
        let r = test_renderer();
        let mut state = PageState::default();
        let html = r.render("Join [[pfp]] or [it](@pfp).", "../", &mut state);
        assert!(
            html.contains(r#"<a href="../frameworks/pfp.html">Partnership for Peace</a>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<a href="../frameworks/pfp.html">it</a>"#),
            "{html}"
        );
    }

    #[test]
    fn numbers_citations_per_page_and_marks_first_term_use() {
        let r = test_renderer();
        let mut state = PageState::default();
        let first = r.render("PfP began [@seed001]. PfP grew.", "", &mut state);
        let second = r.render("Again [@seed001].", "", &mut state);
        assert!(first.contains(r##"<a href="#source-seed001""##), "{first}");
        assert_eq!(first.matches("<abbr").count(), 1, "{first}");
        assert!(second.contains(">1</a>"));
        assert_eq!(state.cited, ["seed001"]);
    }

    #[test]
    fn escapes_raw_html_and_highlights_code_by_class() {
        let r = test_renderer();
        let mut state = PageState::default();
        let html = r.render(
            "<script>alert(1)</script>\n\n```rust\nfn main() {}\n```\n",
            "",
            &mut state,
        );
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="));
    }

    #[test]
    fn drops_links_and_images_to_script_urls() {
        let r = test_renderer();
        let html = r.render(
            "[a](JavaScript:alert(1)) <data:text/html,x> ![b](vbscript:x) [c](https://x.org/a:b) [d](p/q:r)",
            "",
            &mut PageState::default(),
        );
        assert!(html.starts_with("<p>a data:text/html,x b <a"), "{html}");
        assert!(
            html.contains(r#"<a href="https://x.org/a:b">c</a>"#),
            "{html}"
        );
        assert!(html.contains(r#"<a href="p/q:r">d</a>"#), "{html}");
    }

    /// Pieces of Markdown a body is made of, the site's own among them.
    fn piece() -> impl proptest::strategy::Strategy<Value = &'static str> {
        proptest::sample::select(vec![
            "# Early years\n",
            "## [[pfp]] and *more*\n",
            "Joined [[pfp]]",
            "[it](@pfp)",
            "[[pfp|the partnership]]",
            "[[nowhere]]",
            "[@seed001]",
            "[@seed001; @x]",
            "PfP",
            "`code`",
            "**strong**",
            "~~gone~~",
            "<b>raw</b>",
            "<div>\nblock\n</div>\n",
            "![alt *x*](pic.png)",
            "![a ![b](c.png)](javascript:x)",
            "![alt](javascript:x)",
            "[a](javascript:x)",
            "[b](https://x.org)",
            "\n```yaml\nkey: value\n```\n",
            "\n    indented\n",
            "| a | b |\n| - | - |\n| 1 | 2 |\n",
            "- one\n- two\n",
            "> quoted\n",
            "note[^1]\n\n[^1]: a footnote\n",
            "\n\n",
            "\n",
            "  \n",
            " ",
            ".",
            ", ",
            "text",
            "Ünïcode",
            "---\n",
        ])
    }

    proptest::proptest! {
        #[test]
        fn the_text_gathered_while_rendering_is_the_plain_text(
            pieces in proptest::collection::vec(piece(), 0..24)
        ) {
            static RENDERER: std::sync::LazyLock<Renderer<'static>> =
                std::sync::LazyLock::new(test_renderer);
            let body = pieces.concat();
            let (html, text) =
                RENDERER.render_with_text(&body, "../", &mut PageState::default());
            proptest::prop_assert_eq!(html, RENDERER.render(&body, "../", &mut PageState::default()));
            proptest::prop_assert_eq!(text, RENDERER.plain_text(&body));
        }
    }

    #[test]
    fn demotes_h1_and_gives_headings_ids() {
        let r = test_renderer();
        let html = r.render("# Early years\n", "", &mut PageState::default());
        assert!(html.contains(r#"<h2 id="early-years">"#), "{html}");
    }
}
