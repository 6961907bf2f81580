//! Markdown to HTML with the site's extensions: `[[id]]` and `[text](@id)` entity
//! links, `[@source]` citations, heading ids, glossary terms marked up on first use,
//! raw HTML escaped, and fenced code highlighted by CSS class.
//!
//! `scan` finds every reference without rendering (the resolve stage checks them and
//! derives backlinks); `Renderer` writes the HTML once references are known to exist.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use pulldown_cmark::{
    BrokenLink, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

use crate::highlight::Highlighter;
use crate::html::escape;

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

fn parse(body: &str) -> Vec<(Event<'_>, std::ops::Range<usize>)> {
    Parser::new_with_broken_link_callback(body, options(), Some(citation_callback))
        .into_offset_iter()
        .collect()
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

fn classify(link_type: LinkType, dest: &str) -> Target {
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
    pub span: std::ops::Range<usize>,
}

/// Where `id` (with `#fragment`, if written) is written inside the link that
/// covers `link` in `body`: after an `@` when `at` is set, else anywhere.
fn target_span(
    body: &str,
    link: &std::ops::Range<usize>,
    id: &str,
    fragment: Option<&str>,
    at: bool,
) -> std::ops::Range<usize> {
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
    let events = parse(body);
    let mut result = Scan::default();
    let mut slugs = SlugCounter::default();
    let mut heading_text: Option<String> = None;
    for (event, range) in &events {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => match classify(*link_type, dest_url) {
                Target::Entity { id, fragment } => {
                    let wiki = matches!(link_type, LinkType::WikiLink { .. });
                    let span = target_span(body, range, &id, fragment.as_deref(), !wiki);
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
                        let span = target_span(body, range, &id, None, true);
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
                    heading.push_str(text);
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
    result
}

/// Ids the page templates give their own sections. A body heading never takes one:
/// "Sources" in a body becomes `sources-1`, so the page's ids stay unique and
/// `[text](@id#sources)` keeps pointing at the section.
pub const SECTION_IDS: &[&str] = &[
    "content",
    "overview",
    "members",
    "participants",
    "contributors",
    "programmes",
    "events",
    "related",
    "backlinks",
    "sources",
];

/// Heading ids: lowercase words joined by hyphens, made unique on the page.
struct SlugCounter {
    seen: HashMap<String, usize>,
}

impl Default for SlugCounter {
    fn default() -> Self {
        let seen = SECTION_IDS
            .iter()
            .flat_map(|id| [id.to_string(), format!("{id}-title")])
            .map(|id| (id, 1))
            .collect();
        Self { seen }
    }
}

impl SlugCounter {
    fn next(&mut self, text: &str) -> String {
        let base = slugify(text);
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        let count = self.seen.entry(base.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            base
        } else {
            format!("{base}-{}", *count - 1)
        }
    }
}

/// `"NATO–Russia Council (2002)"` → `"nato-russia-council-2002"`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// What the renderer needs to know about a link target.
#[derive(Debug, Clone)]
pub struct LinkInfo {
    pub name: String,
    /// Path from the site root, e.g. `partners/austria.html` or `sources.html#seed001`.
    pub path: String,
}

/// Site-wide facts the renderer consults: where ids lead, glossary terms.
pub struct Renderer<'a> {
    pub links: &'a HashMap<String, LinkInfo>,
    pub glossary: &'a HashMap<String, String>,
    pub highlighter: &'a Highlighter,
}

/// Per-page state shared by every fragment rendered onto one page: citation
/// numbers and which glossary terms were already expanded.
#[derive(Debug, Default)]
pub struct PageState {
    /// Source ids in the order first cited; the number is the index + 1.
    pub cited: Vec<String>,
    used_terms: HashSet<String>,
}

impl PageState {
    /// The citation number of a source on this page, giving it the next one if new.
    pub fn number(&mut self, id: &str) -> usize {
        match self.cited.iter().position(|c| c == id) {
            Some(index) => index + 1,
            None => {
                self.cited.push(id.to_string());
                self.cited.len()
            }
        }
    }
}

/// Consumes the events of a link up to its end.
fn skip_link<'e>(events: &mut impl Iterator<Item = Event<'e>>) {
    for event in events.by_ref() {
        if matches!(event, Event::End(TagEnd::Link)) {
            break;
        }
    }
}

impl Renderer<'_> {
    /// Renders a body for a page whose way back to the site root is `root`
    /// (`""` or `"../"`).
    pub fn render(&self, body: &str, root: &str, state: &mut PageState) -> String {
        let events = self.transform(parse(body), root, state);
        let mut html = String::with_capacity(body.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        html
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

    /// The words of a body as a reader sees them, for the search index: entity
    /// links by their names, citations and markup left out, whitespace collapsed.
    pub fn plain_text(&self, body: &str) -> String {
        let mut text = String::with_capacity(body.len());
        let mut events = parse(body).into_iter().map(|(event, _)| event);
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
                Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                    text.push_str(&t);
                }
                Event::End(
                    TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
                ) => {}
                Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
                _ => {}
            }
        }
        // Words joined by single spaces; no space left where a citation stood
        // before punctuation.
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

    fn transform<'e>(
        &self,
        events: Vec<(Event<'e>, std::ops::Range<usize>)>,
        root: &str,
        state: &mut PageState,
    ) -> Vec<Event<'e>> {
        let mut out: Vec<Event<'e>> = Vec::with_capacity(events.len());
        let mut slugs = SlugCounter::default();
        let mut iter = events.into_iter().map(|(event, _)| event).peekable();
        let mut in_code = false;
        let mut code_language = String::new();
        let mut code_text = String::new();
        while let Some(event) = iter.next() {
            match event {
                Event::Start(Tag::CodeBlock(kind)) => {
                    in_code = true;
                    code_text.clear();
                    code_language = match kind {
                        CodeBlockKind::Fenced(language) => language.to_string(),
                        CodeBlockKind::Indented => String::new(),
                    };
                }
                Event::End(TagEnd::CodeBlock) => {
                    in_code = false;
                    out.push(Event::Html(
                        self.highlighter.block(&code_language, &code_text).into(),
                    ));
                }
                Event::Text(text) if in_code => code_text.push_str(&text),
                Event::Start(Tag::Heading {
                    level,
                    classes,
                    attrs,
                    ..
                }) => {
                    // Gather the heading so its id can come from its text.
                    let mut inner = Vec::new();
                    let mut text = String::new();
                    for next in iter.by_ref() {
                        if matches!(next, Event::End(TagEnd::Heading(_))) {
                            break;
                        }
                        if let Event::Text(t) | Event::Code(t) = &next {
                            text.push_str(t);
                        }
                        inner.push(next);
                    }
                    let id = slugs.next(&text);
                    out.push(Event::Start(Tag::Heading {
                        level: demote(level),
                        id: Some(id.into()),
                        classes,
                        attrs,
                    }));
                    let inner: Vec<_> = inner.into_iter().map(|e| (e, 0..0)).collect();
                    out.extend(self.transform(inner, root, state));
                    out.push(Event::End(TagEnd::Heading(demote(level))));
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let target = classify(link_type, &dest_url);
                    // Collect the link text up to its end.
                    let mut inner = Vec::new();
                    for next in iter.by_ref() {
                        if matches!(next, Event::End(TagEnd::Link)) {
                            break;
                        }
                        inner.push(next);
                    }
                    match target {
                        Target::Citation(ids) => {
                            out.push(Event::InlineHtml(self.citation(&ids, state).into()));
                        }
                        Target::Entity {
                            id: target_id,
                            fragment,
                        } => {
                            let info = self.links.get(&target_id);
                            let href = match (info, &fragment) {
                                (Some(info), Some(f)) => format!("{root}{}#{f}", info.path),
                                (Some(info), None) => format!("{root}{}", info.path),
                                (None, _) => format!("{root}404.html"),
                            };
                            out.push(Event::Start(Tag::Link {
                                link_type: LinkType::Inline,
                                dest_url: href.into(),
                                title,
                                id,
                            }));
                            let plain_wikilink =
                                matches!(link_type, LinkType::WikiLink { has_pothole: false });
                            if plain_wikilink {
                                let name = info.map_or(target_id.clone(), |i| i.name.clone());
                                out.push(Event::Text(name.into()));
                            } else {
                                let inner: Vec<_> = inner.into_iter().map(|e| (e, 0..0)).collect();
                                out.extend(self.transform(inner, root, state));
                            }
                            out.push(Event::End(TagEnd::Link));
                        }
                        // A `javascript:` (or other non-web) URL would run on click:
                        // keep the link text, drop the link.
                        Target::External if !is_safe_url(&dest_url) => {
                            let inner: Vec<_> = inner.into_iter().map(|e| (e, 0..0)).collect();
                            out.extend(self.transform(inner, root, state));
                        }
                        Target::External => {
                            out.push(Event::Start(Tag::Link {
                                link_type,
                                dest_url,
                                title,
                                id,
                            }));
                            let inner: Vec<_> = inner.into_iter().map(|e| (e, 0..0)).collect();
                            out.extend(self.transform(inner, root, state));
                            out.push(Event::End(TagEnd::Link));
                        }
                    }
                }
                // Likewise an image from a script URL: show its alt text instead.
                Event::Start(Tag::Image { dest_url, .. }) if !is_safe_url(&dest_url) => {
                    let mut inner = Vec::new();
                    let mut depth = 0usize;
                    for next in iter.by_ref() {
                        match next {
                            Event::Start(Tag::Image { .. }) => depth += 1,
                            Event::End(TagEnd::Image) if depth == 0 => break,
                            Event::End(TagEnd::Image) => depth -= 1,
                            _ => {}
                        }
                        inner.push((next, 0..0));
                    }
                    out.extend(self.transform(inner, root, state));
                }
                Event::Text(text) => out.push(self.mark_terms(&text, state)),
                // Bodies are text, not markup: raw HTML is shown, never run.
                Event::Html(html) | Event::InlineHtml(html) => {
                    out.push(Event::Text(html));
                }
                other => out.push(other),
            }
        }
        out
    }

    /// A group of citations, numbered in the order first cited on the page and
    /// listed in ascending order, each number once.
    fn citation(&self, ids: &[String], state: &mut PageState) -> String {
        let mut numbered: Vec<(usize, &String)> =
            ids.iter().map(|id| (state.number(id), id)).collect();
        numbered.sort_unstable();
        numbered.dedup_by_key(|(number, _)| *number);
        let mut html = String::from("<sup class=\"cite\">[");
        for (index, (number, id)) in numbered.into_iter().enumerate() {
            if index > 0 {
                html.push_str(", ");
            }
            let title = self.links.get(id).map_or(id.as_str(), |i| i.name.as_str());
            let _ = write!(
                html,
                "<a href=\"#source-{}\" title=\"{}\">{number}</a>",
                escape(id),
                escape(title)
            );
        }
        html.push_str("]</sup>");
        html
    }

    /// Wraps the first use on the page of each glossary term in `<abbr>`.
    fn mark_terms<'e>(&self, text: &str, state: &mut PageState) -> Event<'e> {
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

/// Page titles are the only `<h1>`; a body's headings start at `<h2>`.
fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        other => other,
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

/// Is `url` safe as a link or image address: relative, or with a scheme a reader
/// expects (`http`, `https`, `mailto`, `tel`, `ftp`)? `javascript:`, `data:`,
/// `vbscript:` and other schemes are not.
pub fn is_safe_url(url: &str) -> bool {
    let Some((scheme, _)) = url.split_once(':') else {
        return true;
    };
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    // `a/b:c`, `#x:y`, `?q=a:b` are relative: the colon is not a scheme's.
    !is_scheme
        || ["http", "https", "mailto", "tel", "ftp"]
            .iter()
            .any(|allowed| scheme.eq_ignore_ascii_case(allowed))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A renderer over small link and glossary tables, leaked for the test's life.
    fn test_renderer() -> Renderer<'static> {
        let (links, glossary, highlighter) = renderer_parts();
        Renderer {
            links: Box::leak(Box::new(links)),
            glossary: Box::leak(Box::new(glossary)),
            highlighter: Box::leak(Box::new(highlighter)),
        }
    }

    fn renderer_parts() -> (
        HashMap<String, LinkInfo>,
        HashMap<String, String>,
        Highlighter,
    ) {
        let mut links = HashMap::new();
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
        let mut glossary = HashMap::new();
        glossary.insert("PfP".to_string(), "Partnership for Peace".to_string());
        (links, glossary, Highlighter::default())
    }

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
    fn lists_a_group_of_citations_in_ascending_order_once_each() {
        let r = test_renderer();
        let mut state = PageState::default();
        r.render("One [@a]. Two [@b].", "", &mut state);
        let html = r.render("Both [@b; @c; @a; @b].", "", &mut state);
        let numbers: Vec<&str> = html
            .split("</a>")
            .filter_map(|part| part.rsplit('>').next())
            .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            .collect();
        assert_eq!(numbers, ["1", "2", "3"], "{html}");
        assert_eq!(state.cited, ["a", "b", "c"]);
    }

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

    #[test]
    fn demotes_h1_and_gives_headings_ids() {
        let r = test_renderer();
        let html = r.render("# Early years\n", "", &mut PageState::default());
        assert!(html.contains(r#"<h2 id="early-years">"#), "{html}");
    }
}
