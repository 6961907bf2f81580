//! `silence:` in a record: warnings silenced on purpose. Each entry names a check
//! (its code in `warning[code]`) and says why; it covers the warnings of that check
//! reported within the record that carries it (a whole Markdown file, or one event
//! of a timeline file). An unknown code or a missing reason is an error; an entry
//! that silences nothing is a warning of its own, so silences do not outlive their
//! cause. See docs/content.md, "Silencing a warning".

use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use super::Event;
use super::place::Place;
use crate::diagnostics::{Diagnostic, Diagnostics, checks, did_you_mean};
use crate::load::yaml::Step;
use crate::model::{Document, Silences};

/// One silenced check in one record.
#[derive(Debug, Clone)]
pub struct Silence {
    pub file: PathBuf,
    /// The lines of the record that carries it.
    pub lines: RangeInclusive<usize>,
    pub code: &'static str,
    /// The warning to give when it silences nothing, pointing at the entry.
    pub unused: Diagnostic,
}

impl Silence {
    /// Does it silence `warning`?
    pub fn covers(&self, warning: &Diagnostic) -> bool {
        warning.code == Some(self.code)
            && warning.file == self.file
            && warning.line.is_some_and(|line| self.lines.contains(&line))
    }
}

/// The silences of every document and event, checked.
pub(super) fn collect(
    documents: &[Document],
    home: Option<&Document>,
    events: &[Event],
    texts: &crate::FastMap<PathBuf, String>,
    diagnostics: &mut Diagnostics,
) -> Vec<Silence> {
    let mut silences = Vec::new();
    for document in documents.iter().chain(home) {
        let file = &document.origin.file;
        let point = |code: &str, diagnostic| {
            let place = Place::front_matter(file, &document.text, &[Step::Key("silence")]);
            place.word(code).point(diagnostic)
        };
        let silence = document.meta.silence();
        read(
            silence,
            file,
            1..=usize::MAX,
            point,
            &mut silences,
            diagnostics,
        );
    }
    // An event's lines run from its `-` to the line before the next event of its file.
    let mut starts: HashMap<&Path, Vec<usize>> = HashMap::new();
    for event in events {
        let origin = &event.entry.origin;
        starts.entry(&origin.file).or_default().push(origin.line);
    }
    for lines in starts.values_mut() {
        lines.sort_unstable();
    }
    for event in events {
        let origin = &event.entry.origin;
        let silence = &event.entry.record.silence;
        if silence.is_empty() {
            continue;
        }
        let next = starts[origin.file.as_path()]
            .iter()
            .find(|line| **line > origin.line)
            .map_or(usize::MAX, |line| line - 1);
        let text = texts.get(&origin.file).map_or("", String::as_str);
        let point = |code: &str, diagnostic| {
            let path = [Step::ItemFromLine(origin.line), Step::Key("silence")];
            Place::yaml_file(&origin.file, text, &path)
                .word(code)
                .point(diagnostic)
        };
        let lines = origin.line..=next;
        read(
            silence,
            &origin.file,
            lines,
            point,
            &mut silences,
            diagnostics,
        );
    }
    silences
}

/// Checks one record's `silence` and adds its entries to `silences`.
fn read(
    silence: &Silences,
    file: &Path,
    lines: RangeInclusive<usize>,
    point: impl Fn(&str, Diagnostic) -> Diagnostic,
    silences: &mut Vec<Silence>,
    diagnostics: &mut Diagnostics,
) {
    for (code, reason) in silence {
        let Some(check) = checks::find(code).filter(|c| c.code != "unused-silence") else {
            let codes = checks::WARNINGS.iter().map(|c| c.code);
            let help = did_you_mean(code, codes).unwrap_or_else(|| {
                "a silence names a warning's code, as `check` prints it in `warning[code]`; docs/content.md lists them".into()
            });
            let error = Diagnostic::error(
                file,
                format!("`{code}` is not a warning that can be silenced"),
            );
            diagnostics.push(point(code, error.with_help(help)));
            continue;
        };
        if reason.trim().is_empty() {
            let error = Diagnostic::error(file, format!("`silence: {code}` gives no reason"));
            let help = format!("say why the warning does not apply here: `{code}: <why>`");
            diagnostics.push(point(code, error.with_help(help)));
            continue;
        }
        let unused = Diagnostic::warning(file, format!("`silence: {code}` silenced nothing"))
            .with_code("unused-silence")
            .with_help("the warning it was for is gone: remove the entry");
        let unused = point(code, unused);
        silences.push(Silence {
            file: file.to_path_buf(),
            lines: lines.clone(),
            code: check.code,
            unused,
        });
    }
}

/// Removes the warnings that `silences` cover, and warns about each silence that
/// covered none.
pub fn apply(silences: &[Silence], diagnostics: &mut Diagnostics) {
    let mut used = vec![false; silences.len()];
    diagnostics.retain(|diagnostic| {
        if diagnostic.is_error() {
            return true;
        }
        match silences.iter().position(|s| s.covers(diagnostic)) {
            Some(index) => {
                used[index] = true;
                false
            }
            None => true,
        }
    });
    for (silence, used) in silences.iter().zip(used) {
        if !used {
            diagnostics.push(silence.unused.clone());
        }
    }
}
