//! Fenced code highlighted with syntect, by CSS class rather than inline colour, so
//! the stylesheet (light and dark) decides how it looks.

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::html::escape;

/// Class prefix of highlighted code, matched by [`stylesheet`].
pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Long-lived rendering resources, reusable across pages and builds.
pub struct Highlighter {
    syntaxes: SyntaxSet,
}

impl Default for Highlighter {
    fn default() -> Self {
        Self {
            syntaxes: SyntaxSet::load_defaults_newlines(),
        }
    }
}

impl Highlighter {
    /// A highlighted `<pre>` block, or an escaped plain one when the language is
    /// unknown.
    pub fn block(&self, language: &str, code: &str) -> String {
        let language = language.split([' ', ',']).next().unwrap_or("").trim();
        let syntax = self
            .syntaxes
            .find_syntax_by_token(language)
            .unwrap_or_else(|| self.syntaxes.find_syntax_plain_text());
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, &self.syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            if generator
                .parse_html_for_line_which_includes_newline(line)
                .is_err()
            {
                return format!("<pre class=\"code\"><code>{}</code></pre>\n", escape(code));
            }
        }
        let class = if language.is_empty() {
            String::new()
        } else {
            format!(" class=\"language-{}\"", escape(language))
        };
        format!(
            "<pre class=\"code\"><code{class}>{}</code></pre>\n",
            generator.finalize()
        )
    }
}

/// Light and dark highlighting styles for the classes the Markdown renderer emits.
pub fn stylesheet() -> String {
    let themes = syntect::highlighting::ThemeSet::load_defaults();
    let style = CLASS_STYLE;
    let css = |name: &str| {
        themes
            .themes
            .get(name)
            .and_then(|theme| syntect::html::css_for_theme_with_class_style(theme, style).ok())
            .unwrap_or_default()
    };
    format!(
        "{}\n@media (prefers-color-scheme: dark) {{\n{}\n}}\n",
        css("InspiredGitHub"),
        css("base16-ocean.dark")
    )
}
