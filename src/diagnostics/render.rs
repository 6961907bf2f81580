//! Diagnostics for people and for tools.
//!
//! [`to_text`] prints each diagnostic as a compiler does: the message, `file:line:col`,
//! the source line with the text at fault underlined, and a `help:` line when there
//! is a hint. A diagnostic whose file cannot be read, or that has no line (template
//! errors without a place, an unreadable folder), prints as the one-line
//! `file:line:col: error: message`. [`to_json_lines`] prints one JSON object per
//! diagnostic, for editors and CI annotations.

use std::collections::HashMap;
use std::io::{IsTerminal, Write as _};
use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::termcolor::{
    Buffer, Color, ColorChoice, ColorSpec, StandardStream, WriteColor,
};
use codespan_reporting::term::{self, Chars, Config};
use serde::Serialize;

use super::{Diagnostic, Diagnostics, Position, Severity};

/// The texts of the files diagnostics point into, read when they are printed.
#[derive(Default)]
pub struct SourceCache {
    files: SimpleFiles<String, String>,
    ids: HashMap<PathBuf, usize>,
}

impl SourceCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads every file that a diagnostic with a line points into, from `root`
    /// (diagnostics name files relative to the site root). Files that cannot be read
    /// are left out: their diagnostics print as one-liners.
    pub fn read(root: &Path, diagnostics: &Diagnostics) -> Self {
        let mut cache = Self::new();
        for diagnostic in diagnostics.sorted() {
            if diagnostic.line.is_none() || cache.ids.contains_key(&diagnostic.file) {
                continue;
            }
            if let Ok(text) = std::fs::read_to_string(root.join(&diagnostic.file)) {
                cache.insert(diagnostic.file.clone(), text);
            }
        }
        cache
    }

    /// Adds (or replaces) the text of one file, named as diagnostics name it.
    pub fn insert(&mut self, file: impl Into<PathBuf>, text: String) {
        let file = file.into();
        let id = self.files.add(file.display().to_string(), text);
        self.ids.insert(file, id);
    }

    fn get(&self, file: &Path) -> Option<(usize, &str)> {
        let id = *self.ids.get(file)?;
        let text = self.files.get(id).ok()?.source().as_str();
        Some((id, text))
    }
}

/// Should diagnostics on stderr be coloured? Only on a terminal, and only when the
/// environment allows colour (`NO_COLOR` unset, `TERM` not `dumb`).
pub fn stderr_wants_colour() -> bool {
    std::io::stderr().is_terminal() && StandardStream::stderr(ColorChoice::Auto).supports_color()
}

/// Every diagnostic, sorted, as a compiler prints them; with ANSI colours when
/// `colour` is set.
pub fn to_text(diagnostics: &Diagnostics, sources: &SourceCache, colour: bool) -> String {
    let mut buffer = if colour {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    for diagnostic in diagnostics.sorted() {
        write_one(&mut buffer, diagnostic, sources);
    }
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

/// One diagnostic as [`to_text`] prints it.
pub fn diagnostic_to_text(diagnostic: &Diagnostic, sources: &SourceCache, colour: bool) -> String {
    let mut buffer = if colour {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    write_one(&mut buffer, diagnostic, sources);
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

fn config() -> Config {
    Config {
        chars: Chars::ascii(),
        ..Config::default()
    }
}

fn write_one(buffer: &mut Buffer, diagnostic: &Diagnostic, sources: &SourceCache) {
    let located = sources.get(&diagnostic.file).and_then(|(id, text)| {
        let range = byte_range(text, diagnostic)?;
        Some((id, range))
    });
    let Some((id, range)) = located else {
        write_one_line(buffer, diagnostic);
        return;
    };
    let mut report = match diagnostic.severity {
        Severity::Error => Report::error(),
        Severity::Warning => Report::warning(),
    };
    if let Some(code) = diagnostic.code {
        report = report.with_code(code);
    }
    let report = report
        .with_message(&diagnostic.message)
        .with_labels(vec![Label::primary(id, range)])
        .with_notes(
            diagnostic
                .help
                .iter()
                .map(|help| format!("help: {help}"))
                .collect(),
        );
    if term::emit_to_write_style(buffer, &config(), &sources.files, &report).is_err() {
        write_one_line(buffer, diagnostic);
    }
}

/// `file:line:col: error: message`, then `  = help: …` when there is a hint.
fn write_one_line(buffer: &mut Buffer, diagnostic: &Diagnostic) {
    let place = diagnostic.to_string();
    let (colour, label) = match diagnostic.severity {
        Severity::Error => (Color::Red, "error"),
        Severity::Warning => (Color::Yellow, "warning"),
    };
    // The Display form is `place: label: message`; only the label is coloured.
    let marker = format!(": {label}: ");
    let split = place.find(&marker).unwrap_or(place.len());
    let _ = buffer.write_all(&place.as_bytes()[..split]);
    if split < place.len() {
        let _ = buffer.write_all(b": ");
        let _ = buffer.set_color(ColorSpec::new().set_fg(Some(colour)).set_bold(true));
        let _ = buffer.write_all(label.as_bytes());
        let _ = buffer.reset();
        let _ = buffer.write_all(&place.as_bytes()[split + 2 + label.len()..]);
    }
    let _ = buffer.write_all(b"\n");
    if let Some(help) = &diagnostic.help {
        let _ = writeln!(buffer, "  = help: {help}");
    }
    let _ = buffer.write_all(b"\n");
}

/// The bytes of `text` a diagnostic points at: its span; one character at a point;
/// a whole line (less its indentation) when only the line is known. `None` when the
/// text has no such line.
fn byte_range(text: &str, diagnostic: &Diagnostic) -> Option<Range<usize>> {
    let line = diagnostic.line?;
    let line_range = line_bytes(text, line)?;
    let Some(column) = diagnostic.column else {
        let content = &text[line_range.clone()];
        let indent = content.len() - content.trim_start().len();
        return Some(line_range.start + indent..line_range.end);
    };
    let start = offset_in_line(text, line_range.clone(), column);
    let end = match (diagnostic.end_line, diagnostic.end_column) {
        (Some(end_line), Some(end_column)) => {
            let end = line_bytes(text, end_line)
                .map(|range| offset_in_line(text, range, end_column))
                .unwrap_or(text.len());
            end.max(start)
        }
        _ => text[start..line_range.end]
            .chars()
            .next()
            .map_or(start, |c| start + c.len_utf8()),
    };
    Some(start..end)
}

/// The byte range of a 1-based line, without its line break. The line just past a
/// final line break exists (empty), for errors at the end of a text.
fn line_bytes(text: &str, line: usize) -> Option<Range<usize>> {
    let mut start = 0;
    for _ in 1..line {
        start += text[start..].find('\n')? + 1;
    }
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let end = if text[start..end].ends_with('\r') {
        end - 1
    } else {
        end
    };
    Some(start..end)
}

/// The byte offset of a 1-based column (in characters) in a line, at most the end.
fn offset_in_line(text: &str, line: Range<usize>, column: usize) -> usize {
    text[line.clone()]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.end, |(offset, _)| line.start + offset)
}

/// One diagnostic as a JSON object, the fields in a fixed order.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    code: Option<&'static str>,
}

/// One diagnostic as one line of JSON (without the line break).
pub fn to_json(diagnostic: &Diagnostic) -> String {
    let (end_line, end_column) = match diagnostic.span() {
        Some((_, Position { line, column })) => (Some(line), Some(column)),
        None => (None, None),
    };
    let json = JsonDiagnostic {
        file: diagnostic.file.to_string_lossy().replace('\\', "/"),
        line: diagnostic.line,
        column: diagnostic.column,
        end_line,
        end_column,
        severity: match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        message: &diagnostic.message,
        help: diagnostic.help.as_deref(),
        code: diagnostic.code,
    };
    serde_json::to_string(&json).unwrap_or_default()
}

/// Every diagnostic, sorted, as JSON Lines: one object per line.
pub fn to_json_lines(diagnostics: &Diagnostics) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics.sorted() {
        out.push_str(&to_json(diagnostic));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(diagnostic: Diagnostic, text: &str) -> String {
        let mut sources = SourceCache::new();
        sources.insert("content/a.md", text.to_string());
        diagnostic_to_text(&diagnostic, &sources, false)
    }

    #[test]
    fn underlines_the_span_and_prints_the_hint() {
        let text = "---\nname: A\nkind: countri\n---\n";
        let diagnostic = Diagnostic::error("content/a.md", "unknown variant `countri`")
            .spanning(Position::new(3, 7), Position::new(3, 14))
            .with_help("did you mean `country`?");
        assert_eq!(
            one(diagnostic, text),
            "error: unknown variant `countri`\n  \
             --> content/a.md:3:7\n  \
             |\n\
             3 | kind: countri\n  \
             |       ^^^^^^^\n  \
             |\n  \
             = help: did you mean `country`?\n\n"
        );
    }

    #[test]
    fn a_point_gets_one_caret_and_a_line_its_text() {
        let text = "a: 1\n  b: [x\n";
        let point = Diagnostic::error("content/a.md", "bad").at(2, 3);
        assert!(one(point, text).contains("2 |   b: [x\n  |   ^\n"));
        let line = Diagnostic::warning("content/a.md", "bad").at_line(Some(2));
        assert!(one(line, text).contains("2 |   b: [x\n  |   ^^^^^\n"));
    }

    #[test]
    fn without_the_text_it_is_the_one_line_form() {
        let diagnostic = Diagnostic::error("templates/page.html", "unexpected `}`")
            .at(4, 2)
            .with_help("close the tag");
        assert_eq!(
            diagnostic_to_text(&diagnostic, &SourceCache::new(), false),
            "templates/page.html:4:2: error: unexpected `}`\n  = help: close the tag\n\n"
        );
        // A line past the end of the text cannot be shown either.
        let past = Diagnostic::error("content/a.md", "gone").at_line(Some(9));
        assert_eq!(one(past, "x\n"), "content/a.md:9: error: gone\n\n");
    }

    #[test]
    fn colour_only_when_asked() {
        let diagnostic = Diagnostic::error("x.md", "bad");
        let mut all = Diagnostics::new();
        all.push(diagnostic);
        let sources = SourceCache::new();
        assert!(!to_text(&all, &sources, false).contains('\u{1b}'));
        assert!(to_text(&all, &sources, true).contains('\u{1b}'));
    }

    #[test]
    fn json_has_every_field_and_null_when_unknown() {
        let located = Diagnostic::error("content/a.md", "unknown \"x\"")
            .spanning(Position::new(3, 7), Position::new(3, 14))
            .with_help("did you mean `y`?");
        assert_eq!(
            to_json(&located),
            r#"{"file":"content/a.md","line":3,"column":7,"end_line":3,"end_column":14,"severity":"error","message":"unknown \"x\"","help":"did you mean `y`?","code":null}"#
        );
        let bare = Diagnostic::warning("content/sources.yaml", "never cited")
            .with_code("source-never-cited");
        assert_eq!(
            to_json(&bare),
            r#"{"file":"content/sources.yaml","line":null,"column":null,"end_line":null,"end_column":null,"severity":"warning","message":"never cited","help":null,"code":"source-never-cited"}"#
        );
    }
}
