//! Where a diagnostic points: a line, a span, or a value in YAML found by its
//! path, looked up only when a problem is reported.

use std::path::Path;

use crate::diagnostics::{
    Diagnostic, Position, find_line, find_word, offset_of_position, position_of_offset,
};
use crate::load::frontmatter;
use crate::load::yaml::{self, Step};

/// Where to point an error. Positions are looked up only when an error is
/// reported, so valid references cost no parsing and no text search.
#[derive(Clone, Copy)]
pub(super) struct Place<'a> {
    pub(super) file: &'a Path,
    lookup: Lookup<'a>,
}

#[derive(Clone, Copy)]
enum Lookup<'a> {
    Line(Option<usize>),
    /// Bytes `start..end` of a Markdown body whose first line is line `first_line`
    /// of the file; turned into lines and columns only when a diagnostic needs them.
    Body {
        body: &'a str,
        first_line: usize,
        start: usize,
        end: usize,
    },
    /// The value at `path` in the YAML of `text`: its front matter or all of it.
    /// Within that value, the whole word `word` when given. When the value cannot
    /// be found, the line of `search`.
    Yaml {
        text: &'a str,
        front_matter: bool,
        path: YamlPath<'a>,
        word: Option<&'a str>,
        search: Search<'a>,
    },
}

/// The old way to find a line: `needle` in the block after the line `key:`, or
/// anywhere from line `from`.
#[derive(Clone, Copy)]
struct Search<'a> {
    key: Option<&'a str>,
    needle: &'a str,
    from: usize,
}

/// A path of at most four steps, kept inline so that places stay `Copy`.
#[derive(Clone, Copy)]
struct YamlPath<'a> {
    steps: [Step<'a>; 4],
    len: usize,
}

impl<'a> YamlPath<'a> {
    fn new(path: &[Step<'a>]) -> Self {
        let mut steps = [Step::Index(0); 4];
        let len = path.len().min(4);
        steps[..len].copy_from_slice(&path[..len]);
        YamlPath { steps, len }
    }

    fn steps(&self) -> &[Step<'a>] {
        &self.steps[..self.len]
    }
}

impl<'a> Place<'a> {
    pub(super) fn at(file: &'a Path, line: Option<usize>) -> Self {
        Place {
            file,
            lookup: Lookup::Line(line),
        }
    }

    /// Bytes `span` of `body`, a Markdown body starting at line `first_line` of
    /// `file`.
    pub(super) fn in_body(
        file: &'a Path,
        body: &'a str,
        first_line: usize,
        span: std::ops::Range<usize>,
    ) -> Self {
        Place {
            file,
            lookup: Lookup::Body {
                body,
                first_line,
                start: span.start,
                end: span.end,
            },
        }
    }

    /// The value at `path` in the front matter of a Markdown file's `text`.
    pub(super) fn front_matter(file: &'a Path, text: &'a str, path: &[Step<'a>]) -> Self {
        Self::yaml(file, text, true, path)
    }

    /// The value at `path` in a YAML file's `text`.
    pub(super) fn yaml_file(file: &'a Path, text: &'a str, path: &[Step<'a>]) -> Self {
        Self::yaml(file, text, false, path)
    }

    fn yaml(file: &'a Path, text: &'a str, front_matter: bool, path: &[Step<'a>]) -> Self {
        let search = Search {
            key: None,
            needle: "",
            from: 1,
        };
        Place {
            file,
            lookup: Lookup::Yaml {
                text,
                front_matter,
                path: YamlPath::new(path),
                word: None,
                search,
            },
        }
    }

    /// Narrows the place to the whole word `word` inside the value.
    pub(super) fn word(mut self, needle: &'a str) -> Self {
        if let Lookup::Yaml { word, .. } = &mut self.lookup {
            *word = Some(needle);
        }
        self
    }

    /// When the value cannot be found: the line that mentions `needle` in the block
    /// after the line `key:` (if given), at or after line `from`.
    pub(super) fn or_search(mut self, key: Option<&'a str>, needle: &'a str, from: usize) -> Self {
        if let Lookup::Yaml { search, .. } = &mut self.lookup {
            *search = Search { key, needle, from };
        }
        self
    }

    /// Points `diagnostic` here.
    pub(super) fn point(&self, diagnostic: Diagnostic) -> Diagnostic {
        let diagnostic = Diagnostic {
            file: self.file.to_path_buf(),
            ..diagnostic
        };
        match self.lookup {
            Lookup::Line(line) => diagnostic.at_line(line),
            Lookup::Body {
                body,
                first_line,
                start,
                end,
            } => {
                // The body starts at the start of a line: columns are the file's.
                let in_file = |offset| {
                    let Position { line, column } = position_of_offset(body, offset);
                    Position::new(first_line + line - 1, column)
                };
                diagnostic.spanning(in_file(start), in_file(end))
            }
            Lookup::Yaml {
                text,
                front_matter,
                path,
                word,
                search,
            } => match yaml_span(text, front_matter, path.steps(), word) {
                Some((start, end)) => diagnostic.spanning(start, end),
                None => diagnostic.at_line(search.line(text)),
            },
        }
    }
}

impl Search<'_> {
    fn line(&self, text: &str) -> Option<usize> {
        match self.key {
            Some(key) => locate(text, key, self.needle, self.from),
            None => find_line(text, self.needle, self.from).or(Some(self.from)),
        }
    }
}

/// Where the value at `path` is written; an entry written as a bare scalar
/// (`- kfor`) stands for its own id (`[operations, 0, id]`).
pub(super) fn yaml_span(
    text: &str,
    front_matter: bool,
    path: &[Step],
    word: Option<&str>,
) -> Option<(Position, Position)> {
    let (yaml, first_line) = if front_matter {
        let split = frontmatter::split(text).ok()?;
        (split.front_matter?, split.front_matter_line)
    } else {
        (text, 1)
    };
    let span = yaml::locate(yaml, first_line, path).or_else(|| match path {
        [parent @ .., Step::Index(_), Step::Key(_)] if !parent.is_empty() => {
            yaml::locate_scalar(yaml, first_line, &path[..path.len() - 1])
        }
        _ => None,
    })?;
    let Some(word) = word else {
        return Some(span);
    };
    // The file's text holds the front matter at the same lines and columns, less a
    // byte-order mark that `split` drops.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let start = offset_of_position(text, span.0)?;
    let end = offset_of_position(text, span.1)?.max(start);
    let found = start + find_word(&text[start..end], word)?;
    Some((
        position_of_offset(text, found),
        position_of_offset(text, found + word.len()),
    ))
}

/// The line of `id` within the block that starts at `key:`, or anywhere after.
pub(super) fn locate(text: &str, key: &str, id: &str, from: usize) -> Option<usize> {
    let key_line = text
        .lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, line)| line.trim_start().starts_with(&format!("{key}:")))
        .map(|(index, _)| index + 1);
    match (key_line, id.is_empty()) {
        (Some(line), true) => Some(line),
        (Some(line), false) => find_line(text, id, line).or(Some(line)),
        (None, false) => find_line(text, id, from),
        (None, true) => None,
    }
}
