//! The Tera templates: defaults compiled into the binary by build.rs, each
//! overridable by a file of the same name in `<root>/templates/`.

use std::collections::BTreeMap;
use std::path::Path;

use tera::Tera;

use crate::diagnostics::{Diagnostic, Diagnostics, Position};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// The default static files: (path relative to `static/`, bytes).
pub fn default_static_files() -> &'static [(&'static str, &'static [u8])] {
    embedded::STATIC_FILES
}

/// Loads the templates: embedded defaults, then the root's own files over them.
pub fn load(root: &Path) -> Result<Tera, Diagnostics> {
    let mut sources: BTreeMap<String, (String, String)> = embedded::TEMPLATES
        .iter()
        .map(|(name, text)| {
            (
                name.to_string(),
                (format!("(built-in) templates/{name}"), text.to_string()),
            )
        })
        .collect();
    let mut diagnostics = Diagnostics::new();
    let folder = root.join("templates");
    if folder.is_dir() {
        for entry in walkdir::WalkDir::new(&folder).sort_by_file_name() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    diagnostics.push(Diagnostic::error(
                        "templates",
                        format!("cannot read: {error}"),
                    ));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = entry.path().strip_prefix(&folder).unwrap_or(entry.path());
            let name = relative.to_string_lossy().replace('\\', "/");
            let shown = format!("templates/{name}");
            match std::fs::read_to_string(entry.path()) {
                Ok(text) => {
                    sources.insert(name, (shown, text));
                }
                Err(error) => {
                    diagnostics.push(Diagnostic::error(shown, format!("cannot read: {error}")))
                }
            }
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    // Parse one by one first, so each broken template is named.
    for (name, (shown, text)) in &sources {
        let mut single = Tera::new();
        if let Err(error) = single.add_raw_template(name, text)
            && is_syntax_error(&error)
        {
            diagnostics.push(template_diagnostic(shown, &error));
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    if let Err(error) = tera.add_raw_templates(sources.iter().map(|(name, (_, text))| (name, text)))
    {
        // Tera checks the set (unknown filters, tests, functions; blocks without a
        // parent block) after parsing, and gives those errors as ready-made reports.
        let reports = set_error_reports(&error, |name| sources.get(name).map(|(shown, _)| shown));
        if reports.is_empty() {
            diagnostics.push(template_diagnostic("templates", &error));
        }
        for report in reports {
            diagnostics.push(report);
        }
        return Err(diagnostics);
    }
    Ok(tera)
}

/// The errors Tera found checking the whole set, one diagnostic each. Tera gives
/// them only as text, each report reading `error: <message>`, then
/// `--> <template>:<line>:<column>`, the line, and `^` under the text at fault;
/// `shown` names a template's file. Empty when the text holds no such report.
fn set_error_reports<'a>(
    error: &tera::Error,
    shown: impl Fn(&str) -> Option<&'a String>,
) -> Vec<Diagnostic> {
    let tera::ErrorKind::Msg(text) = error.kind() else {
        return Vec::new();
    };
    let lines: Vec<&str> = text.lines().collect();
    let mut reports = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let Some(message) = line.strip_prefix("error: ") else {
            continue;
        };
        let Some(place) = lines
            .get(index + 1)
            .and_then(|next| next.trim_start().strip_prefix("--> "))
        else {
            continue;
        };
        let mut parts = place.rsplitn(3, ':');
        let (Some(column), Some(line), Some(name)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let (Ok(line), Ok(column)) = (line.parse::<usize>(), column.parse::<usize>()) else {
            continue;
        };
        let file = shown(name)
            .cloned()
            .unwrap_or_else(|| format!("templates/{name}"));
        // The underline, two lines below the source line, spans the text at fault.
        let width = lines
            .get(index + 4)
            .map_or(0, |underline| underline.matches('^').count());
        let start = Position::new(line, column);
        let diagnostic = Diagnostic::error(file, message);
        reports.push(if width > 1 {
            diagnostic.spanning(start, Position::new(line, column + width))
        } else {
            diagnostic.at(line, column)
        });
    }
    reports
}

fn is_syntax_error(error: &tera::Error) -> bool {
    matches!(error.kind(), tera::ErrorKind::SyntaxError(_))
}

/// A Tera error as a diagnostic naming the template, with line and column when
/// Tera knows them.
pub fn template_diagnostic(shown: &str, error: &tera::Error) -> Diagnostic {
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let file = if report.filename().is_empty() {
                shown.to_string()
            } else {
                format!("templates/{}", report.filename())
            };
            let span = report.span();
            Diagnostic::error(file, report.message().to_string())
                .at(span.start_line, span.start_col + 1)
        }
        _ => {
            let mut message = error.to_string();
            let mut source = std::error::Error::source(error);
            while let Some(inner) = source {
                message.push_str(&format!(": {inner}"));
                source = inner.source();
            }
            Diagnostic::error(shown, message)
        }
    }
}
