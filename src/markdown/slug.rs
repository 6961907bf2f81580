//! Heading ids: lowercase words joined by hyphens, unique on the page, never one of
//! the ids the page templates give their own sections.

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
    "cite",
    "offline",
    "map",
];

/// Heading ids: lowercase words joined by hyphens, made unique on the page.
#[derive(Default)]
pub(super) struct SlugCounter {
    seen: crate::FastMap<String, usize>,
}

/// Whether a template gives a section of the page this id (`members`, or
/// `members-title` for its heading).
fn reserved(id: &str) -> bool {
    let section = id.strip_suffix("-title").unwrap_or(id);
    SECTION_IDS.contains(&section)
}

impl SlugCounter {
    pub(super) fn next(&mut self, text: &str) -> String {
        let base = slugify(text);
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        let count = self
            .seen
            .entry(base.clone())
            .or_insert_with(|| usize::from(reserved(&base)));
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
