//! Splits a Markdown file into its YAML front matter and its body.

/// A Markdown file cut in two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` fences, if the file has front matter.
    pub front_matter: Option<&'a str>,
    /// 1-based line of the first line of the front matter.
    pub front_matter_line: usize,
    pub body: &'a str,
    /// 1-based line of the first line of the body.
    pub body_line: usize,
}

/// Why front matter could not be split off.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "front matter opened with `---` on line 1 is never closed (expected a line holding only `---`)"
)]
pub struct UnclosedFrontMatter;

/// Front matter starts with a line holding only `---` and ends at the next line
/// holding only `---` (or `...`). A file without the opening fence is all body.
pub fn split(text: &str) -> Result<Split<'_>, UnclosedFrontMatter> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end_matches(['\r', '\n']) != "---" {
        return Ok(Split {
            front_matter: None,
            front_matter_line: 1,
            body: text,
            body_line: 1,
        });
    }
    let start = first.len();
    let mut offset = start;
    for (line, current) in (2..).zip(lines) {
        let bare = current.trim_end_matches(['\r', '\n']);
        if bare == "---" || bare == "..." {
            let body_start = offset + current.len();
            return Ok(Split {
                front_matter: Some(&text[start..offset]),
                front_matter_line: 2,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset += current.len();
    }
    Err(UnclosedFrontMatter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_counts_lines() {
        let s = split("---\nname: A\n---\nBody\n").unwrap();
        assert_eq!(s.front_matter, Some("name: A\n"));
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn a_file_without_fences_is_all_body() {
        let s = split("# Title\n---\n").unwrap();
        assert_eq!(s.front_matter, None);
        assert_eq!(s.body, "# Title\n---\n");
    }

    #[test]
    fn handles_crlf_and_bom() {
        let s = split("\u{feff}---\r\na: 1\r\n---\r\nx").unwrap();
        assert_eq!(s.front_matter, Some("a: 1\r\n"));
        assert_eq!(s.body, "x");
    }

    #[test]
    fn unclosed_is_an_error() {
        assert_eq!(split("---\nname: A\n"), Err(UnclosedFrontMatter));
    }
}
