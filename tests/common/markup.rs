//! What rendered Markdown may hold, checked the same way by the property tests
//! (tests/hostile_input.rs) and the Markdown fuzz target (fuzz/fuzz_targets/markdown.rs):
//! only the renderer's own elements and attributes, every attribute double-quoted,
//! no markup inside a value, no script or file URL; and the heading ids it wrote.

/// Elements the renderer may emit: CommonMark's, the site's extensions', and the
/// highlighter's. Anything else came from the input.
pub const ALLOWED_TAGS: &[&str] = &[
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "del",
    "div",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "span",
    "strong",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
    "section",
];

/// Attributes the renderer may emit.
pub const ALLOWED_ATTRIBUTES: &[&str] = &[
    "href", "src", "alt", "title", "id", "class", "style", "start",
];

/// Checks that `html` is made only of allowed elements with allowed, double-quoted
/// attributes, and that no link or image points at a script URL. Returns what is
/// wrong, if anything.
pub fn markup_problem(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    if lower.contains("<script") {
        return Some("contains `<script`".into());
    }
    let bytes = html.as_bytes();
    let mut index = 0;
    while let Some(found) = html[index..].find('<') {
        let start = index + found;
        let mut cursor = start + 1;
        if bytes.get(cursor) == Some(&b'/') {
            cursor += 1;
        }
        let name_start = cursor;
        while cursor < bytes.len() && bytes[cursor].is_ascii_alphanumeric() {
            cursor += 1;
        }
        let name = &lower[name_start..cursor];
        if !ALLOWED_TAGS.contains(&name) {
            let context: String = html[start..].chars().take(40).collect();
            return Some(format!(
                "a `<` that does not start an allowed element: `{context}`"
            ));
        }
        // Attributes: name="value" pairs up to `>`.
        loop {
            while cursor < bytes.len() && bytes[cursor] == b' ' {
                cursor += 1;
            }
            match bytes.get(cursor) {
                None => return Some(format!("element `{name}` is never closed")),
                Some(b'>') => {
                    cursor += 1;
                    break;
                }
                Some(b'/') if bytes.get(cursor + 1) == Some(&b'>') => {
                    cursor += 2;
                    break;
                }
                Some(_) => {}
            }
            let attribute_start = cursor;
            while cursor < bytes.len()
                && (bytes[cursor].is_ascii_alphanumeric() || bytes[cursor] == b'-')
            {
                cursor += 1;
            }
            let attribute = &lower[attribute_start..cursor];
            if !ALLOWED_ATTRIBUTES.contains(&attribute) {
                let context: String = html[start..].chars().take(60).collect();
                return Some(format!("attribute `{attribute}` not allowed: `{context}`"));
            }
            if bytes.get(cursor) != Some(&b'=') || bytes.get(cursor + 1) != Some(&b'"') {
                return Some(format!(
                    "attribute `{attribute}` of `{name}` is not double-quoted"
                ));
            }
            cursor += 2;
            let Some(end) = html[cursor..].find('"') else {
                return Some(format!("attribute `{attribute}` of `{name}` never ends"));
            };
            let value = &lower[cursor..cursor + end];
            if value.contains('<') || value.contains('>') {
                return Some(format!("attribute `{attribute}` holds markup: `{value}`"));
            }
            if attribute == "href" || attribute == "src" {
                // Browsers ignore leading blanks and controls, and tabs and newlines
                // anywhere, when they read a scheme.
                let compact: String = value
                    .chars()
                    .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
                    .collect();
                for scheme in ["javascript:", "vbscript:", "data:", "file:"] {
                    if compact.starts_with(scheme) {
                        return Some(format!("{attribute} with a `{scheme}` URL: `{value}`"));
                    }
                }
            }
            cursor += end + 1;
        }
        index = cursor;
    }
    None
}

/// The `id`s of the `<h2>`…`<h6>` elements in rendered HTML, in order.
pub fn heading_ids(html: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for level in html.match_indices("<h").map(|(i, _)| i) {
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
