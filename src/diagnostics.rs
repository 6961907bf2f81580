//! One error type for everything an editor can get wrong: the file, the line and
//! column where known (often the exact stretch of text at fault), what was
//! expected, and a hint when one can be given. Errors are collected, not thrown, so
//! a run reports every problem at once. [`render`] prints them as a compiler does,
//! or as JSON Lines.

pub mod checks;
pub mod render;

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a text: 1-based line and 1-based column, columns counted in
/// characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub fn new(line: usize, column: usize) -> Self {
        Position { line, column }
    }
}

/// One problem found in the content, the templates or the environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the site root where possible.
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
    /// Where the text at fault ends, when it is a stretch rather than a point: the
    /// line and column just past its last character.
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    pub message: String,
    /// How to fix it, when that can be guessed: "did you mean `pfp`?".
    pub help: Option<String>,
    /// The check a warning comes from (one of [`checks::WARNINGS`]), by which a
    /// record's `silence` names it.
    pub code: Option<&'static str>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            column: None,
            end_line: None,
            end_column: None,
            message: message.into(),
            help: None,
            code: None,
        }
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, message)
        }
    }

    /// Points at a whole line (or at none), forgetting any column.
    pub fn at_line(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self.column = None;
        self.end_line = None;
        self.end_column = None;
        self
    }

    /// Points at one place.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self.end_line = None;
        self.end_column = None;
        self
    }

    /// Points at the text from `start` up to, not including, `end`.
    pub fn spanning(mut self, start: Position, end: Position) -> Self {
        self.line = Some(start.line);
        self.column = Some(start.column);
        self.end_line = Some(end.line);
        self.end_column = Some(end.column);
        self
    }

    /// Where the text at fault starts and ends, when both are known.
    pub fn span(&self) -> Option<(Position, Position)> {
        Some((
            Position::new(self.line?, self.column?),
            Position::new(self.end_line?, self.end_column?),
        ))
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the hint, or clears it with `None`.
    pub fn with_optional_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// Names the check the warning comes from.
    pub fn with_code(mut self, code: &'static str) -> Self {
        debug_assert!(checks::WARNINGS.iter().any(|c| c.code == code), "{code}");
        self.code = Some(code);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.code {
            Some(code) => write!(f, ": {label}[{code}]: {}", self.message),
            None => write!(f, ": {label}: {}", self.message),
        }
    }
}

/// Every diagnostic of a run, kept in the order found and sorted for display.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Keeps only the diagnostics `keep` says yes to.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Errors as printed: the same error at the same place counts once.
    pub fn error_count(&self) -> usize {
        self.sorted().iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.sorted().len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file, then line, then column; errors before warnings on a line.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity).cmp(&(&b.file, b.line, b.column, b.severity))
        });
        items.dedup();
        items
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| !d.is_error())
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in self.sorted() {
            writeln!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

/// The failure of a whole run: either content problems (many, with places) or an
/// environment problem such as an unwritable output folder.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("{} error(s) in the content:\n{diagnostics}", diagnostics.error_count())]
    Content { diagnostics: Diagnostics },
    #[error("{path}: {message}")]
    Io { path: PathBuf, message: String },
}

impl Failure {
    pub fn io(path: &Path, error: impl fmt::Display) -> Self {
        Failure::Io {
            path: path.to_path_buf(),
            message: error.to_string(),
        }
    }
}

/// The closest of `candidates` to `wrong`, if one is close enough to be a likely
/// typo: at most one edit in three characters (a swap of two neighbours is one
/// edit), and never the word itself. Ties go to the alphabetically first.
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = wrong.chars().count();
    let limit = (length / 3).max(1);
    candidates
        .into_iter()
        .filter(|candidate| *candidate != wrong)
        .map(|candidate| (strsim::osa_distance(wrong, candidate), candidate))
        .filter(|(distance, candidate)| {
            *distance <= limit && *distance < length.max(candidate.chars().count())
        })
        .min()
        .map(|(_, candidate)| candidate)
}

/// "did you mean `x`?" for the closest candidate, if any is close.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(wrong, candidates).map(|found| format!("did you mean `{found}`?"))
}

/// The position of a byte offset in a text (columns in characters).
pub fn position_of_offset(text: &str, offset: usize) -> Position {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Position::new(
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// The byte offset of a position in a text: `None` past the last line, the end of
/// the line past its last character.
pub fn offset_of_position(text: &str, position: Position) -> Option<usize> {
    let mut start = 0;
    for _ in 1..position.line {
        start += text[start..].find('\n')? + 1;
    }
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = &text[start..end];
    let line = line.strip_suffix('\r').unwrap_or(line);
    Some(
        line.char_indices()
            .nth(position.column.saturating_sub(1))
            .map_or(start + line.len(), |(offset, _)| start + offset),
    )
}

/// The 1-based line of a byte offset in a text.
pub fn line_of_offset(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The first line at or after `from_line` (1-based) that mentions `needle` as a whole
/// word. Used to point at a reference after deserialisation has dropped positions.
pub fn find_line(text: &str, needle: &str, from_line: usize) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    text.lines()
        .enumerate()
        .skip(from_line.saturating_sub(1))
        .find(|(_, line)| contains_word(line, needle))
        .map(|(index, _)| index + 1)
}

fn contains_word(haystack: &str, needle: &str) -> bool {
    find_word(haystack, needle).is_some()
}

/// Where the first whole-word `needle` at or after line `from_line` is written.
pub fn find_word_span(text: &str, needle: &str, from_line: usize) -> Option<(Position, Position)> {
    let line = find_line(text, needle, from_line)?;
    let line_text = text.lines().nth(line - 1)?;
    let start = find_word(line_text, needle)?;
    let column = line_text[..start].chars().count() + 1;
    Some((
        Position::new(line, column),
        Position::new(line, column + needle.chars().count()),
    ))
}

/// The byte offset of the first whole-word `needle` in `haystack` (a word holds
/// ASCII letters, digits, `-` and `_`).
pub fn find_word(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    haystack
        .match_indices(needle)
        .find(|(start, _)| {
            let before = haystack[..*start].chars().next_back();
            let after = haystack[start + needle.len()..].chars().next();
            !before.is_some_and(is_word) && !after.is_some_and(is_word)
        })
        .map(|(start, _)| start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_whole_words_only() {
        let text = "a: pfp-x\nb: pfp\n";
        assert_eq!(find_line(text, "pfp", 1), Some(2));
        assert_eq!(find_line(text, "pfp-x", 1), Some(1));
        assert_eq!(find_line(text, "pfp", 3), None);
        let span = find_word_span(text, "pfp", 1);
        assert_eq!(span, Some((Position::new(2, 4), Position::new(2, 7))));
    }

    #[test]
    fn suggests_only_close_names() {
        let ids = ["pfp", "eapc", "mediterranean-dialogue", "kfor"];
        assert_eq!(closest("pfpp", ids), Some("pfp"));
        assert_eq!(closest("eacp", ids), Some("eapc"));
        assert_eq!(
            closest("mediteranean-dialogue", ids),
            Some("mediterranean-dialogue")
        );
        assert_eq!(closest("nato", ids), None);
        assert_eq!(closest("x", ["y"]), None);
        assert_eq!(closest("pfp", ids), None, "never the word itself");
        assert_eq!(
            did_you_mean("stauts", ["name", "status", "region"]).as_deref(),
            Some("did you mean `status`?")
        );
    }

    #[test]
    fn positions_count_characters() {
        let text = "ab\nçé [[x]]\n";
        assert_eq!(position_of_offset(text, 0), Position::new(1, 1));
        assert_eq!(position_of_offset(text, 3), Position::new(2, 1));
        let link = text.find("[[").unwrap();
        assert_eq!(position_of_offset(text, link), Position::new(2, 4));
        assert_eq!(position_of_offset(text, text.len()), Position::new(3, 1));
        for offset in [0, 3, link, text.len()] {
            let position = position_of_offset(text, offset);
            assert_eq!(offset_of_position(text, position), Some(offset));
        }
        assert_eq!(
            offset_of_position(text, Position::new(2, 99)),
            Some(text.len() - 1)
        );
        assert_eq!(offset_of_position(text, Position::new(4, 1)), None);
    }

    #[test]
    fn sorts_by_file_then_line() {
        let mut all = Diagnostics::new();
        all.push(Diagnostic::error("b.md", "x").at_line(Some(1)));
        all.push(Diagnostic::error("a.md", "y").at_line(Some(9)));
        all.push(Diagnostic::error("a.md", "z").at_line(Some(2)));
        let order: Vec<_> = all.sorted().iter().map(|d| d.message.clone()).collect();
        assert_eq!(order, ["z", "y", "x"]);
    }
}
