//! YAML parsing that turns every failure into a diagnostic pointing at the file,
//! the line and the column, with a hint for a misspelt field or value. Where a value
//! sits is found by [`locate`] (in `position.rs`), so later stages can point at it.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Diagnostics, Position, did_you_mean};

pub use super::position::{Step, locate, locate_scalar, scalar_at};

/// Parses one YAML document. `first_line` is the file line of the text's first
/// line (front matter starts on line 2).
pub fn parse<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    serde_yaml::from_str(text).map_err(|error| located(file, &error, text, first_line))
}

/// Parses a YAML list entry by entry, so that every bad entry is reported, each at
/// the line where it starts (or, when the entry can be read alone, at the very
/// value at fault). Returns the good entries with their start lines. `shape` says
/// in words what the file holds, the hint when it is not a list: "a timeline file
/// is a list of events, each starting with `- date:`".
pub fn parse_list<T: DeserializeOwned + Send>(
    file: &Path,
    text: &str,
    shape: &str,
    diagnostics: &mut Diagnostics,
) -> Vec<(T, usize)> {
    use rayon::prelude::*;
    let starts = item_starts(text);
    let parsed_in_runs = parse_in_runs(text, &starts);
    let items: Vec<serde_yaml::Value> = match parsed_in_runs.map_or_else(
        || serde_yaml::from_str::<Option<Vec<serde_yaml::Value>>>(text),
        |items| Ok(Some(items)),
    ) {
        Ok(items) => items.unwrap_or_default(),
        Err(error) => {
            let mut diagnostic = located(file, &error, text, 1);
            if !error.to_string().contains("line") && error.location().is_none() {
                diagnostic.message = format!("expected a list of entries: {}", diagnostic.message);
            }
            if error.to_string().contains("expected a sequence") {
                diagnostic.help = Some(shape.to_string());
            }
            diagnostics.push(diagnostic);
            return Vec::new();
        }
    };
    // Lines are only trusted when every entry was found at the left margin.
    let lines_known = starts.len() == items.len();
    let mut parsed = Vec::with_capacity(items.len());
    let records: Vec<Result<T, serde_yaml::Error>> = items
        .into_par_iter()
        .map(serde_yaml::from_value::<T>)
        .collect();
    for (index, record) in records.into_iter().enumerate() {
        let line = lines_known.then(|| starts[index].0);
        match record {
            Ok(value) => parsed.push((value, line.unwrap_or(1))),
            Err(error) => {
                let message = strip_location(&error.to_string());
                let alone = lines_known
                    .then(|| entry_alone::<T>(file, text, &starts, index, &message))
                    .flatten();
                let diagnostic = alone.unwrap_or_else(|| {
                    Diagnostic::error(file, message.clone())
                        .at_line(line)
                        .with_optional_help(suggestion(&message))
                });
                diagnostics.push(Diagnostic {
                    message: format!("entry {}: {}", index + 1, diagnostic.message),
                    ..diagnostic
                });
            }
        }
    }
    parsed
}

/// Entries per run in [`parse_in_runs`].
const RUN: usize = 256;

/// The entries of a long list, parsed in parallel in runs of [`RUN`] consecutive
/// entries (split where a line starts with `-`). `None` when the list is short, or
/// when any run does not parse alone into as many entries as it should hold (an
/// alias to an anchor in another run, a second document, a text that is no list):
/// the whole text is then parsed at once, which also gives the errors their lines.
fn parse_in_runs(text: &str, starts: &[(usize, usize)]) -> Option<Vec<serde_yaml::Value>> {
    use rayon::prelude::*;
    if starts.len() < 2 * RUN {
        return None;
    }
    let runs: Vec<(&str, usize)> = starts
        .chunks(RUN)
        .enumerate()
        .map(|(number, run)| {
            // The first run keeps what comes before its first entry (comments, `---`).
            let begin = if number == 0 { 0 } else { run[0].1 };
            let end = starts
                .get((number + 1) * RUN)
                .map_or(text.len(), |next| next.1);
            (&text[begin..end], run.len())
        })
        .collect();
    let parsed: Option<Vec<Vec<serde_yaml::Value>>> = runs
        .into_par_iter()
        .map(|(run, entries)| {
            let items = serde_yaml::from_str::<Vec<serde_yaml::Value>>(run).ok()?;
            (items.len() == entries).then_some(items)
        })
        .collect();
    Some(parsed?.into_iter().flatten().collect())
}

/// Top-level list entries: the line (1-based) and byte offset where each starts, a
/// `-` in the first column.
fn item_starts(text: &str) -> Vec<(usize, usize)> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let bare = line.trim_end_matches(['\r', '\n']);
        if bare == "-" || bare.starts_with("- ") {
            starts.push((index + 1, offset));
        }
        offset += line.len();
    }
    starts
}

/// Parses one entry of a list on its own, with the `-` blanked out so that every
/// column stays where it is, to learn where its error is. Used only when the entry
/// alone fails with the same error as in the list (an alias to another entry, say,
/// would not).
fn entry_alone<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    starts: &[(usize, usize)],
    index: usize,
    message: &str,
) -> Option<Diagnostic> {
    let (line, start) = starts[index];
    let end = starts.get(index + 1).map_or(text.len(), |next| next.1);
    let entry = format!(" {}", &text[start + 1..end]);
    let error = serde_yaml::from_str::<T>(&entry).err()?;
    error.location()?;
    let diagnostic = located(file, &error, &entry, line);
    diagnostic.message.contains(message).then_some(diagnostic)
}

/// The diagnostic for a serde_yaml error in `text`, whose first line is line
/// `first_line` of the file.
fn located(file: &Path, error: &serde_yaml::Error, text: &str, first_line: usize) -> Diagnostic {
    let raw = error.to_string();
    let location = error
        .location()
        .map(|l| Position::new(l.line() + first_line - 1, l.column()));
    let diagnostic = Diagnostic::error(file, relocate(&raw, location, first_line))
        .with_optional_help(suggestion(&raw).or_else(|| syntax_hint(&raw)));
    let Some(start) = location else {
        return diagnostic.at_line(Some(first_line));
    };
    // A value of the wrong kind, or an unknown field: underline the whole scalar.
    let about_a_value = [
        "unknown field `",
        "unknown variant `",
        "invalid type: ",
        "invalid value: ",
        "invalid length ",
        "invalid date `",
    ]
    .iter()
    .any(|marker| raw.contains(marker));
    match about_a_value
        .then(|| scalar_at(text, first_line, start))
        .flatten()
    {
        Some((start, end)) => diagnostic.spanning(start, end),
        None => diagnostic.at(start.line, start.column),
    }
}

/// serde_yaml appends " at line L column C" (and may name a second place, "while
/// scanning … at line L column C"), counting lines of the text it was given. The
/// diagnostic carries the main place itself; other places are made file lines.
fn relocate(message: &str, location: Option<Position>, first_line: usize) -> String {
    const AT: &str = " at line ";
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(index) = rest.find(AT) {
        out.push_str(&rest[..index]);
        let after = &rest[index + AT.len()..];
        let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
        let line_len = digits(after);
        let place = after[line_len..]
            .strip_prefix(" column ")
            .map(|tail| (tail, digits(tail)));
        match place {
            Some((tail, column_len)) if line_len > 0 && column_len > 0 => {
                let line: usize = after[..line_len].parse().unwrap_or(0);
                let column: usize = tail[..column_len].parse().unwrap_or(0);
                let file_line = line + first_line - 1;
                if location != Some(Position::new(file_line, column)) {
                    out.push_str(&format!("{AT}{file_line} column {column}"));
                }
                rest = &tail[column_len..];
            }
            _ => {
                out.push_str(AT);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// serde_yaml appends " at line L column C"; the diagnostic carries that itself.
fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(index) => message[..index].to_string(),
        None => message.to_string(),
    }
}

/// "did you mean `status`?" for serde's "unknown field `stauts`, expected one of
/// `name`, …" and "unknown variant `summitt`, expected one of `launch`, …".
fn suggestion(message: &str) -> Option<String> {
    ["unknown field `", "unknown variant `"]
        .iter()
        .find_map(|marker| {
            let rest = &message[message.find(marker)? + marker.len()..];
            let (wrong, rest) = rest.split_once('`')?;
            let (_, expected) = rest.split_once("expected")?;
            let candidates = expected.split('`').skip(1).step_by(2);
            Some(did_you_mean(wrong, candidates))
        })
        .flatten()
}

/// A hint for the YAML mistakes editors make most.
fn syntax_hint(message: &str) -> Option<String> {
    message
        .starts_with("mapping values are not allowed in this context")
        .then(|| "a value that holds `: ` must be quoted: `key: 'a: b'`".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Item {
        name: String,
    }

    #[test]
    fn reports_every_bad_entry_at_its_line() {
        let mut diagnostics = Diagnostics::new();
        let text = "- name: a\n- nom: b\n- name: c\n-\n  other: 1\n";
        let good: Vec<(Item, usize)> =
            parse_list(Path::new("x.yaml"), text, "a list", &mut diagnostics);
        assert_eq!(good.len(), 2);
        // The second bad entry starts on line 4; its unknown field is on line 5.
        let lines: Vec<_> = diagnostics.sorted().iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(2), Some(5)]);
    }

    /// A list of `entries` entries, each two lines long, with a comment first.
    fn long_list(entries: usize) -> String {
        let mut text = String::from("# A long list.\n");
        for number in 0..entries {
            text.push_str(&format!("- name: n{number}\n  # entry {number}\n"));
        }
        text
    }

    #[test]
    fn a_long_list_parsed_in_runs_is_the_list_parsed_whole() {
        let text = long_list(3 * RUN + 7);
        let whole: Vec<serde_yaml::Value> = serde_yaml::from_str(&text).unwrap();
        let in_runs = parse_in_runs(&text, &item_starts(&text));
        assert_eq!(in_runs, Some(whole));
        // Short lists and lists whose runs cannot stand alone are parsed whole.
        let short = long_list(RUN);
        assert_eq!(parse_in_runs(&short, &item_starts(&short)), None);
        let aliased = format!("- name: &first n\n{}- name: *first\n", long_list(2 * RUN));
        assert_eq!(parse_in_runs(&aliased, &item_starts(&aliased)), None);
        let mut diagnostics = Diagnostics::new();
        let items: Vec<(Item, usize)> =
            parse_list(Path::new("x.yaml"), &aliased, "a list", &mut diagnostics);
        assert!(diagnostics.is_empty());
        assert_eq!(items.len(), 2 * RUN + 2);
        assert_eq!(items.last().map(|(item, _)| item.name.as_str()), Some("n"));
    }

    #[test]
    fn errors_in_a_long_list_are_where_they_are_in_a_short_one() {
        // A bad entry far down: the runs parse, the entry does not.
        let text = long_list(3 * RUN).replace("- name: n600\n", "- nom: n600\n");
        let mut diagnostics = Diagnostics::new();
        let items: Vec<(Item, usize)> =
            parse_list(Path::new("x.yaml"), &text, "a list", &mut diagnostics);
        assert_eq!(items.len(), 3 * RUN - 1);
        let lines: Vec<_> = diagnostics.sorted().iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(2 + 2 * 600)]);
        // Broken YAML far down: the whole text is parsed, for the line of the error.
        let text = long_list(3 * RUN).replace("- name: n700\n", "- name: 'n700\n");
        let mut diagnostics = Diagnostics::new();
        let _: Vec<(Item, usize)> =
            parse_list(Path::new("x.yaml"), &text, "a list", &mut diagnostics);
        let lines: Vec<_> = diagnostics.sorted().iter().map(|d| d.line).collect();
        assert_eq!(lines.len(), 1);
        assert!(lines[0] >= Some(2 + 2 * 700), "{lines:?}");
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        // The text starts on line 2 of the file, as front matter does.
        let error = parse::<Item>(Path::new("x.md"), "name: 'a\n", 2).unwrap_err();
        assert_eq!(error.file, Path::new("x.md"));
        assert_eq!((error.line, error.column), (Some(3), Some(1)));
        // The second place serde_yaml names is a file line too.
        assert_eq!(
            error.message,
            "found unexpected end of stream, while scanning a quoted scalar at line 2 column 7"
        );
        let error = parse::<Item>(Path::new("x.md"), "name: a\n  b: c\n", 2).unwrap_err();
        assert_eq!((error.line, error.column), (Some(3), Some(4)));
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Entry {
        #[allow(dead_code)]
        kind: Kind,
        #[allow(dead_code)]
        #[serde(default)]
        status: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Summit,
        Launch,
    }

    #[test]
    fn unknown_fields_and_values_are_underlined_with_a_hint() {
        let error = parse::<Entry>(Path::new("x.md"), "kind: summit\nstauts: x\n", 2).unwrap_err();
        assert_eq!(
            error.span(),
            Some((Position::new(3, 1), Position::new(3, 7)))
        );
        assert_eq!(error.help.as_deref(), Some("did you mean `status`?"));
        let error = parse::<Entry>(Path::new("x.md"), "kind: 'summitt'\n", 2).unwrap_err();
        assert_eq!(
            error.message,
            "kind: unknown variant `summitt`, expected `summit` or `launch`"
        );
        assert_eq!(
            error.span(),
            Some((Position::new(2, 7), Position::new(2, 16)))
        );
        assert_eq!(error.help.as_deref(), Some("did you mean `summit`?"));
        let error = parse::<Entry>(Path::new("x.md"), "kind: nothing\n", 2).unwrap_err();
        assert_eq!(error.help, None, "no hint when nothing is close");
    }

    #[test]
    fn list_entries_are_located_at_the_value_at_fault() {
        let mut diagnostics = Diagnostics::new();
        let text = "- kind: summit\n- kind: launch\n  stauts: x\n-\n  kind: sumit\n";
        let good: Vec<(Entry, usize)> =
            parse_list(Path::new("x.yaml"), text, "a list", &mut diagnostics);
        assert_eq!(good.len(), 1);
        let found: Vec<_> = diagnostics
            .sorted()
            .iter()
            .map(|d| (d.message.clone(), d.span(), d.help.clone()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "entry 2: unknown field `stauts`, expected `kind` or `status`".to_string(),
                    Some((Position::new(3, 3), Position::new(3, 9))),
                    Some("did you mean `status`?".to_string())
                ),
                (
                    "entry 3: kind: unknown variant `sumit`, expected `summit` or `launch`"
                        .to_string(),
                    Some((Position::new(5, 9), Position::new(5, 14))),
                    Some("did you mean `summit`?".to_string())
                ),
            ]
        );
    }

    #[test]
    fn locates_values_by_path() {
        let text = "name: A\nmemberships:\n  - framework: pfp\n  - framework: 'eapc'\n    sources: [a, \"b\"]\noperations:\n  - kfor\n";
        let at = |path: &[Step]| locate(text, 2, path);
        let span = |l1, c1, l2, c2| Some((Position::new(l1, c1), Position::new(l2, c2)));
        assert_eq!(at(&[Step::Key("name")]), span(2, 7, 2, 8));
        let second = [
            Step::Key("memberships"),
            Step::Index(1),
            Step::Key("framework"),
        ];
        assert_eq!(at(&second), span(5, 16, 5, 22));
        let source = [
            Step::Key("memberships"),
            Step::Index(1),
            Step::Key("sources"),
            Step::Index(1),
        ];
        assert_eq!(at(&source), span(6, 18, 6, 21), "quotes included");
        assert_eq!(
            at(&[Step::Key("operations"), Step::Index(0)]),
            span(8, 5, 8, 9)
        );
        assert_eq!(
            at(&[Step::Key("operations"), Step::Index(0), Step::Key("id")]),
            None
        );
        assert_eq!(
            at(&[Step::Key("memberships"), Step::Index(0)]),
            span(4, 5, 5, 3)
        );
        assert_eq!(
            locate_scalar(text, 2, &[Step::Key("memberships"), Step::Index(0)]),
            None
        );
        let kfor = [Step::Key("operations"), Step::Index(0)];
        assert_eq!(locate_scalar(text, 2, &kfor), span(8, 5, 8, 9));
        assert_eq!(at(&[Step::Key("memberships"), Step::Index(2)]), None);
        assert_eq!(at(&[Step::Key("nothing")]), None);
        assert_eq!(locate("a: [unclosed\n", 1, &[Step::Key("b")]), None);

        let list = "- title: a\n  partners: [x]\n-\n  title: b\n  partners: [y, z]\n";
        let z = [Step::ItemFromLine(3), Step::Key("partners"), Step::Index(1)];
        assert_eq!(locate(list, 1, &z), span(5, 17, 5, 18));
    }
}
