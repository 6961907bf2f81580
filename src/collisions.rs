//! Between render and write: every output path has exactly one source. Two files
//! aimed at one path (an entity page and a generated page, a file in `static/` and a
//! page) are an error naming both, never a silent overwrite.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::render::urls;
use crate::resolve::Site;
use crate::write::StaticFile;

/// Who writes an output file.
#[derive(Debug, Clone)]
enum Writer<'a> {
    /// A page made from one content file.
    Content(&'a Path),
    /// A page or data file the build generates from the whole site.
    Generated,
    /// A file copied from `<root>/static/`.
    Static(&'a Path),
    /// A static file compiled into the binary.
    BuiltIn,
}

impl Writer<'_> {
    fn describe(&self, path: &str) -> String {
        match self {
            Writer::Content(file) => format!("the page of {}", file.display()),
            Writer::Generated => format!("the generated page {path}"),
            Writer::Static(file) => format!("the static file {}", file.display()),
            Writer::BuiltIn => format!("the built-in static file {path}"),
        }
    }

    /// The file a diagnostic points at: the editor's file where there is one.
    fn file(&self) -> Option<&Path> {
        match self {
            Writer::Content(file) | Writer::Static(file) => Some(file),
            Writer::Generated | Writer::BuiltIn => None,
        }
    }
}

/// Reports every output path claimed twice. Paths are compared without case, since
/// an offline copy may be unpacked on a file system that ignores it.
pub fn check<'a>(
    site: &'a Site,
    pages: impl IntoIterator<Item = &'a str>,
    statics: &'a [StaticFile],
) -> Diagnostics {
    let from_content: HashMap<String, &Path> = site
        .documents
        .iter()
        .map(|d| {
            (
                urls::entity_path(d.meta.kind(), &d.id),
                d.origin.file.as_path(),
            )
        })
        .collect();
    let writers = pages
        .into_iter()
        .map(|path| {
            let writer = match from_content.get(path) {
                Some(file) => Writer::Content(file),
                None => Writer::Generated,
            };
            (path, writer)
        })
        .chain(statics.iter().map(|file| {
            let writer = match &file.origin {
                Some(origin) => Writer::Static(origin.as_path()),
                None => Writer::BuiltIn,
            };
            (file.path.as_str(), writer)
        }));

    let mut first: HashMap<String, (&str, Writer)> = HashMap::new();
    let mut diagnostics = Diagnostics::new();
    for (path, writer) in writers {
        let key = path.to_lowercase();
        if let Some(diagnostic) = in_generated_folder(&key, path, &writer) {
            diagnostics.push(diagnostic);
            continue;
        }
        match first.get(&key) {
            None => {
                first.insert(key, (path, writer));
            }
            Some((first_path, earlier)) => {
                diagnostics.push(collision(first_path, earlier, path, &writer));
            }
        }
    }
    diagnostics
}

/// A static file inside one of [`urls::GENERATED_FOLDERS`], whatever its name.
fn in_generated_folder(key: &str, path: &str, writer: &Writer) -> Option<Diagnostic> {
    if !matches!(writer, Writer::Static(_) | Writer::BuiltIn) {
        return None;
    }
    let (folder, filler) = urls::GENERATED_FOLDERS
        .into_iter()
        .find(|(folder, _)| key.starts_with(folder))?;
    let file = writer
        .file()
        .map_or_else(|| PathBuf::from(path), Path::to_path_buf);
    Some(Diagnostic::error(
        file,
        format!(
            "{} is inside {folder}, which {filler} fills with files named by the build; \
             move the static file out of {folder}",
            writer.describe(path)
        ),
    ))
}

fn collision(first_path: &str, first: &Writer, path: &str, second: &Writer) -> Diagnostic {
    // Point at whichever side an editor can change; prefer the later one.
    let file: PathBuf = second
        .file()
        .or_else(|| first.file())
        .map_or_else(|| PathBuf::from(path), Path::to_path_buf);
    let same = if first_path == path {
        format!("both write {path}")
    } else {
        format!("write paths that differ only in case ({first_path}, {path})")
    };
    let hint = match (first, second) {
        (_, Writer::Static(_)) | (Writer::Static(_), _) => {
            "rename or move the static file, or remove it"
        }
        _ => "rename the content file",
    };
    Diagnostic::error(
        file,
        format!(
            "{} and {} {same}; {hint}",
            first.describe(first_path),
            second.describe(path),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_both_writers_and_points_at_the_editable_one() {
        let page = Path::new("content/pages/x.md");
        let error = collision(
            "search.html",
            &Writer::Generated,
            "search.html",
            &Writer::Static(Path::new("static/search.html")),
        );
        assert_eq!(error.file, Path::new("static/search.html"));
        assert_eq!(
            error.message,
            "the generated page search.html and the static file static/search.html both write search.html; rename or move the static file, or remove it"
        );
        let error = collision(
            "pages/x.html",
            &Writer::Content(page),
            "pages/X.html",
            &Writer::Generated,
        );
        assert_eq!(error.file, page);
        assert!(
            error.message.contains("differ only in case"),
            "{}",
            error.message
        );
    }
}
