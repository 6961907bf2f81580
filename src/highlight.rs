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

/// syntect's syntax definitions as the build script remade them: the same, but for
/// a guard on the YAML grammar's slowest patterns (build.rs, `syntaxes`).
static SYNTAXES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/syntaxes.packdump"));

impl Default for Highlighter {
    fn default() -> Self {
        Self {
            // The definitions come from the same syntect in the same build, so
            // they load; syntect's own stand in should they not.
            syntaxes: syntect::dumps::from_uncompressed_data(SYNTAXES)
                .unwrap_or_else(|_| SyntaxSet::load_defaults_newlines()),
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

#[cfg(test)]
mod tests {
    use super::*;
    use syntect::parsing::syntax_definition::Pattern;
    use syntect::parsing::{Region, SyntaxDefinition};

    /// Every kind of implicitly typed scalar, in block and flow context, and the
    /// near misses: digits inside a word, a number with a suffix, other scripts.
    const TYPED_SCALARS: &str = "\
# every implicit type, in block and flow context
null: ~
n: [null, Null, NULL, ~, y, Y, yes, No, true, False, on, OFF]
ints: [0b1010, -0b1, 017, +0o17, 0x1F, -0xff, 1_000, 190:20:30, 3]
floats: {a: 1.5, b: -.5e+3, c: .inf, d: -.INF, e: .NaN, f: 190:20:30.15, g: 6.8523015e+5}
stamp: 2001-12-14t21:59:43.10-05:00
day: 2002-12-14
spaced: 2001-12-14 21:59:43.10 -5
merge: &anchor {<<: *base, =: value}
<<: *anchor
framework: fw3
fw3: 3
word 3: 3 # comment 3
? complex key 1
: complex value 2
- - 1
  - [1, [2, {3: 4}]]
- \"quoted 1\" 'single 2' plain 3
text: |
  1 2 3 true
folded: >-
  yes no
...
---
- 12:30
- ١٢٣: ٤
- x1.5
- 1.5x
- yes:no
- nullable
- -.5
- +12
";

    fn syntects_own() -> Highlighter {
        Highlighter {
            syntaxes: SyntaxSet::load_defaults_newlines(),
        }
    }

    /// The YAML the shipped content holds: its YAML files and the front matter
    /// of its Markdown files.
    fn content_yaml() -> Vec<String> {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        walkdir::WalkDir::new(content)
            .into_iter()
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let text = std::fs::read_to_string(entry.path()).ok()?;
                match entry.path().extension()?.to_str()? {
                    "yaml" => Some(text),
                    "md" => Some(
                        text.strip_prefix("---\n")?
                            .split("\n---")
                            .next()?
                            .to_string(),
                    ),
                    _ => None,
                }
            })
            .collect()
    }

    #[test]
    fn code_highlights_as_with_syntects_own_definitions() {
        let (ours, theirs) = (Highlighter::default(), syntects_own());
        let yaml = content_yaml();
        assert!(
            yaml.len() > 100,
            "only {} YAML texts in content/",
            yaml.len()
        );
        for text in yaml.iter().map(String::as_str).chain([TYPED_SCALARS]) {
            let same = ours.block("yaml", text) == theirs.block("yaml", text);
            assert!(same, "YAML highlighted otherwise:\n{text}");
        }
        // The other languages are remade too, and unchanged.
        let others = [
            (
                "rust",
                "fn main() { let x: u8 = 0x1F; println!(\"{x}\"); }\n",
            ),
            ("json", "{\"a\": [1, 2.5, true, null], \"b\": \"text\"}\n"),
            ("sh", "for f in *.md; do echo \"$f\" | wc -c; done\n"),
            (
                "html",
                "<p class=\"x\">Hi &amp; <a href=\"/\">there</a></p>\n",
            ),
            ("python", "def f(x=1.5):\n    return [y for y in x if y]\n"),
            ("markdown", "# Title\n\n- *item* with `code`\n"),
        ];
        for (language, code) in others {
            assert_eq!(ours.block(language, code), theirs.block(language, code));
        }
    }

    /// The YAML syntax of a syntax set, as a definition.
    fn yaml_definition(syntaxes: SyntaxSet) -> Option<SyntaxDefinition> {
        let builder = syntaxes.into_builder();
        let yaml = builder
            .syntaxes()
            .iter()
            .find(|syntax| syntax.name == "YAML");
        yaml.cloned()
    }

    #[test]
    fn only_the_implicit_type_patterns_change_and_they_match_where_they_did() {
        let ours = yaml_definition(Highlighter::default().syntaxes).expect("our YAML");
        let theirs = yaml_definition(SyntaxSet::load_defaults_newlines()).expect("syntect's");
        let mut changed = Vec::new();
        for (name, context) in &theirs.contexts {
            let remade = &ours.contexts[name];
            assert_eq!(context.patterns.len(), remade.patterns.len(), "{name}");
            for (before, after) in context.patterns.iter().zip(&remade.patterns) {
                if let (Pattern::Match(before), Pattern::Match(after)) = (before, after)
                    && before.regex.regex_str() != after.regex.regex_str()
                {
                    changed.push((before.regex.clone(), after.regex.clone()));
                }
            }
        }
        assert_eq!(changed.len(), 2, "the guarded patterns");
        let groups = |region: &Region| (0..12).map(|i| region.pos(i)).collect::<Vec<_>>();
        for (before, after) in &changed {
            assert!(after.regex_str().contains("(?=[-+.~=<\\dnNyYtTfFoO])"));
            // From every place in every line, the same match, with the same groups.
            for line in TYPED_SCALARS.lines().map(|line| format!("{line}\n")) {
                for start in (0..line.len()).filter(|&at| line.is_char_boundary(at)) {
                    let (mut was, mut now) = (Region::new(), Region::new());
                    let found = before.search(&line, start, line.len(), Some(&mut was));
                    assert_eq!(
                        found,
                        after.search(&line, start, line.len(), Some(&mut now))
                    );
                    if found {
                        assert_eq!(groups(&was), groups(&now), "{line:?} from {start}");
                    }
                }
            }
        }
    }
}
