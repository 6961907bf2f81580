//! YAML parsing that turns every failure into a diagnostic pointing at the file,
//! the line and the column.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Diagnostics};

/// Parses one YAML document. `first_line` is the file line of the text's first
/// line (front matter starts on line 2).
pub fn parse<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    serde_yaml::from_str(text).map_err(|error| located(file, &error, first_line))
}

/// Parses a YAML list entry by entry, so that every bad entry is reported, each at
/// the line where it starts. Returns the good entries with their start lines.
pub fn parse_list<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    diagnostics: &mut Diagnostics,
) -> Vec<(T, usize)> {
    let items: Vec<serde_yaml::Value> =
        match serde_yaml::from_str::<Option<Vec<serde_yaml::Value>>>(text) {
            Ok(items) => items.unwrap_or_default(),
            Err(error) => {
                let mut diagnostic = located(file, &error, 1);
                if !error.to_string().contains("line") && error.location().is_none() {
                    diagnostic.message =
                        format!("expected a list of entries: {}", diagnostic.message);
                }
                diagnostics.push(diagnostic);
                return Vec::new();
            }
        };
    let starts = item_start_lines(text);
    // Lines are only trusted when every entry was found at the left margin.
    let lines_known = starts.len() == items.len();
    let line_of = |index: usize| {
        if lines_known {
            starts.get(index).copied()
        } else {
            None
        }
    };
    let mut parsed = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let line = line_of(index);
        match serde_yaml::from_value::<T>(item) {
            Ok(value) => parsed.push((value, line.unwrap_or(1))),
            Err(error) => diagnostics.push(
                Diagnostic::error(
                    file,
                    format!(
                        "entry {}: {}",
                        index + 1,
                        strip_location(&error.to_string())
                    ),
                )
                .at_line(line),
            ),
        }
    }
    parsed
}

/// Lines (1-based) where top-level list entries start: a `-` in the first column.
fn item_start_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| *line == "-" || line.starts_with("- "))
        .map(|(index, _)| index + 1)
        .collect()
}

fn located(file: &Path, error: &serde_yaml::Error, first_line: usize) -> Diagnostic {
    let message = strip_location(&error.to_string());
    let diagnostic = Diagnostic::error(file, message);
    match error.location() {
        Some(location) => diagnostic.at(location.line() + first_line - 1, location.column()),
        None => diagnostic.at_line(Some(first_line)),
    }
}

/// serde_yaml appends " at line L column C"; the diagnostic carries that itself.
fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(index) => message[..index].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Item {
        #[allow(dead_code)]
        name: String,
    }

    #[test]
    fn reports_every_bad_entry_at_its_line() {
        let mut diagnostics = Diagnostics::new();
        let text = "- name: a\n- nom: b\n- name: c\n-\n  other: 1\n";
        let good: Vec<(Item, usize)> = parse_list(Path::new("x.yaml"), text, &mut diagnostics);
        assert_eq!(good.len(), 2);
        let lines: Vec<_> = diagnostics.sorted().iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(2), Some(4)]);
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let error = parse::<Item>(Path::new("x.md"), "name: [a\n", 2).unwrap_err();
        assert_eq!(error.file, Path::new("x.md"));
        assert!(error.line.unwrap() >= 2);
    }
}
