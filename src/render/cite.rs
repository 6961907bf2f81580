//! "Cite this page": a plain-text citation and a BibTeX entry for an entity page,
//! naming the page, the site, its address and the date its facts stand at.

use super::SiteRenderer;
use super::views::{CiteView, OfflineView};
use super::{Edition, urls};

impl SiteRenderer<'_> {
    /// The citation of the page at `path` (from the site root) titled `title`. Its
    /// address is absolute when the site has a base URL, and the page's path
    /// otherwise.
    pub(super) fn cite(&self, title: &str, path: &str) -> CiteView {
        let config = &self.site.config;
        let url = match &config.base_url {
            Some(base) => format!("{}/{path}", base.trim_end_matches('/')),
            None => path.to_string(),
        };
        let as_of = config.status_as_of;
        let text = format!(
            "“{title}.” {site}. Status as of {date}. {url}",
            site = config.title,
            date = as_of.text(),
        );
        let key = format!(
            "{}:{}",
            crate::markdown::slugify(&config.title),
            path.trim_end_matches(".html").replace('/', "-")
        );
        let bibtex = format!(
            "@misc{{{key},\n  title = {{{title}}},\n  organization = {{{site}}},\n  year = {{{year}}},\n  howpublished = {{\\url{{{url}}}}},\n  note = {{Status as of {iso}}}\n}}",
            key = bibtex_key(&key),
            title = bibtex_text(title),
            site = bibtex_text(&config.title),
            year = as_of.year,
            url = bibtex_url(&url),
            iso = as_of.iso(),
        );
        CiteView { text, bibtex, url }
    }
}

impl SiteRenderer<'_> {
    /// The offline copy as a page at `root` links to it, when this run makes one;
    /// its size is filled in once the archive is made.
    pub(super) fn offline(&self, root: &str) -> Option<OfflineView> {
        let config = &self.site.config;
        (config.offline_copy && self.edition == Edition::Web).then(|| OfflineView {
            href: self.href(
                root,
                &format!("{}.zip", urls::offline_folder(&config.title)),
            ),
            size: crate::offline::SIZE_PLACEHOLDER.to_string(),
        })
    }
}

/// Text inside a BibTeX field: TeX's special characters escaped, braces too, so
/// that a name can never close the field early.
fn bibtex_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '#' | '$' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            _ => out.push(c),
        }
    }
    out
}

/// An address inside `\url{}`: only braces and backslashes could break out.
fn bibtex_url(url: &str) -> String {
    url.chars()
        .filter(|c| !matches!(c, '{' | '}' | '\\'))
        .collect()
}

/// A citation key of letters, digits and `-:_.` only.
fn bibtex_key(key: &str) -> String {
    key.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '_' | '.'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tex_specials_and_braces_cannot_break_a_field() {
        assert_eq!(bibtex_text("A & B {x} 100%"), "A \\& B \\{x\\} 100\\%");
        assert_eq!(bibtex_text("a\\b"), "a\\textbackslash{}b");
        assert_eq!(bibtex_url("https://x.org/}\\{"), "https://x.org/");
        assert_eq!(bibtex_key("nato–partners:a b"), "natopartners:ab");
    }
}
