//! The error overlay shown over every served page while the latest build fails:
//! each diagnostic with its place, the source line, the message and the hint.
//! Plain HTML and CSS, readable without the reload script; the script only adds a
//! "Hide" button and moves focus to it.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::html::escape;

/// The id of the overlay element, which the reload script looks for.
pub const ID: &str = "natopartners-build-errors";

/// The overlay for a failed build. Source lines are read from the files under
/// `root` now, so they show what the editor just saved.
pub fn render(root: &Path, diagnostics: &Diagnostics) -> String {
    let mut texts: HashMap<&Path, Option<String>> = HashMap::new();
    let errors = diagnostics.error_count();
    let warnings = diagnostics.warning_count();
    let mut html = String::new();
    let _ = write!(
        html,
        "<section id=\"{ID}\" aria-labelledby=\"{ID}-title\" tabindex=\"-1\">\
         <style>{STYLE}</style>\
         <header><div role=\"alert\"><h2 id=\"{ID}-title\">The site did not build: {errors} error{}{}</h2></div>\
         <button type=\"button\" hidden>Hide</button></header>\
         <p>Showing the last good build underneath. Fix the files below and save: this page reloads by itself.</p>\
         <ol>",
        if errors == 1 { "" } else { "s" },
        match warnings {
            0 => String::new(),
            1 => ", 1 warning".into(),
            n => format!(", {n} warnings"),
        }
    );
    // Errors first: they are what stops the build.
    let sorted = diagnostics.sorted();
    let (errors_first, warnings_after): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        sorted.into_iter().partition(|d| d.is_error());
    for diagnostic in errors_first.into_iter().chain(warnings_after) {
        let text = texts
            .entry(diagnostic.file.as_path())
            .or_insert_with(|| std::fs::read_to_string(root.join(&diagnostic.file)).ok());
        item(&mut html, diagnostic, text.as_deref());
    }
    html.push_str("</ol></section>");
    html
}

fn item(html: &mut String, diagnostic: &Diagnostic, text: Option<&str>) {
    let (class, label) = if diagnostic.is_error() {
        ("error", "error")
    } else {
        ("warning", "warning")
    };
    let mut place = diagnostic.file.display().to_string();
    if let Some(line) = diagnostic.line {
        let _ = write!(place, ":{line}");
        if let Some(column) = diagnostic.column {
            let _ = write!(place, ":{column}");
        }
    }
    let _ = write!(
        html,
        "<li class=\"{class}\"><p><strong>{label}</strong> <code>{}</code></p><p>{}</p>",
        escape(&place),
        escape(&diagnostic.message)
    );
    let source_line = diagnostic
        .line
        .and_then(|line| text?.lines().nth(line.checked_sub(1)?));
    if let (Some(line), Some(source)) = (diagnostic.line, source_line) {
        let column = diagnostic.column.unwrap_or(1).max(1);
        let width = match (diagnostic.end_line, diagnostic.end_column) {
            (Some(end_line), Some(end)) if end_line == line && end > column => end - column,
            _ => 1,
        };
        let (shown, caret_at) = window(source, column);
        let _ = write!(
            html,
            "<pre><span class=\"number\" aria-hidden=\"true\">{line} | </span>{}",
            escape(&shown)
        );
        if diagnostic.column.is_some() {
            // Carets under the span (to its end when it ends on this line), counted
            // in characters.
            let pad = " ".repeat(line.to_string().len() + 3 + caret_at);
            let _ = write!(
                html,
                "\n<span class=\"caret\" aria-hidden=\"true\">{pad}{}</span>",
                "^".repeat(width)
            );
        }
        html.push_str("</pre>");
    }
    if let Some(help) = &diagnostic.help {
        let _ = write!(html, "<p class=\"help\">help: {}</p>", escape(help));
    }
    html.push_str("</li>");
}

/// Characters shown before the column at fault, and in all, of a long line.
const BEFORE: usize = 40;
const SHOWN: usize = 100;

/// The part of a source line to show, and the 0-based character position of
/// `column` (1-based) in it: the whole line when it is short, else a window around
/// the column with `…` where it was cut, so the caret is always on screen.
fn window(source: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = source.chars().collect();
    let at = column - 1;
    if chars.len() <= SHOWN {
        return (source.to_string(), at);
    }
    let start = at.saturating_sub(BEFORE).min(chars.len());
    let end = (start + SHOWN).min(chars.len());
    let mut shown = String::new();
    let mut caret_at = at - start;
    if start > 0 {
        shown.push('…');
        caret_at += 1;
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, caret_at)
}

/// Styles scoped to the overlay; colours meet WCAG AA in light and dark.
const STYLE: &str = "\
#natopartners-build-errors{position:fixed;inset:0 0 auto 0;max-height:85vh;overflow:auto;z-index:2147483647;\
margin:0;padding:1rem 1.25rem;background:#fff;color:#1d2329;border-bottom:6px solid #b3261e;\
box-shadow:0 4px 24px rgba(0,0,0,.35);font:16px/1.45 system-ui,sans-serif}\
#natopartners-build-errors header{display:flex;gap:1rem;align-items:baseline;justify-content:space-between}\
#natopartners-build-errors h2{margin:0;font-size:1.25rem;color:#8c1d18}\
#natopartners-build-errors button{font:inherit;padding:.25rem .75rem;border:2px solid #8c1d18;border-radius:4px;\
background:#fff;color:#8c1d18;cursor:pointer}\
#natopartners-build-errors button:focus-visible{outline:3px solid #0b4f8a;outline-offset:2px}\
#natopartners-build-errors ol{margin:.5rem 0 0;padding-left:1.5rem}\
#natopartners-build-errors li{margin:.75rem 0;padding-left:.25rem}\
#natopartners-build-errors li p{margin:.15rem 0}\
#natopartners-build-errors li.error strong{color:#8c1d18}\
#natopartners-build-errors li.warning strong{color:#6b4e00}\
#natopartners-build-errors code,#natopartners-build-errors pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9rem}\
#natopartners-build-errors pre{margin:.35rem 0;padding:.5rem .75rem;overflow:auto;background:#f2f4f6;color:#1d2329;border-radius:4px}\
#natopartners-build-errors .number{color:#55606b}#natopartners-build-errors .caret{color:#b3261e;font-weight:bold}\
#natopartners-build-errors .help{color:#1d4d2b}\
@media (prefers-color-scheme:dark){#natopartners-build-errors{background:#1d2328;color:#e4e7ea;border-color:#f2b8b5}\
#natopartners-build-errors h2,#natopartners-build-errors li.error strong{color:#f2b8b5}\
#natopartners-build-errors li.warning strong{color:#f5d37a}\
#natopartners-build-errors button{background:#1d2328;color:#f2b8b5;border-color:#f2b8b5}\
#natopartners-build-errors pre{background:#14181c;color:#e4e7ea}#natopartners-build-errors .number{color:#a7b0b9}\
#natopartners-build-errors .caret{color:#f2b8b5}#natopartners-build-errors .help{color:#a8dab5}}";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Position;

    #[test]
    fn lists_every_diagnostic_with_its_source_line_escaped() {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::create_dir_all(dir.path().join("content")).expect("folder");
        std::fs::write(
            dir.path().join("content/a.md"),
            "first\nsee [[<nope>]] here\n",
        )
        .expect("write");
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(Diagnostic::error("content/a.md", "unknown id `<nope>`").at(2, 5));
        diagnostics.push(
            Diagnostic::error("content/a.md", "a span")
                .spanning(
                    Position { line: 2, column: 7 },
                    Position {
                        line: 2,
                        column: 13,
                    },
                )
                .with_help("did you mean `<yes>`?"),
        );
        diagnostics.push(Diagnostic::warning("content/b.md", "no sources"));
        let html = render(dir.path(), &diagnostics);
        assert!(html.contains("<code>content/a.md:2:5</code>"));
        assert!(html.contains("unknown id `&lt;nope&gt;`"));
        assert!(html.contains("2 | </span>see [[&lt;nope&gt;]] here"));
        assert!(html.contains("\n<span class=\"caret\" aria-hidden=\"true\">        ^</span>"));
        assert!(
            html.contains("\n<span class=\"caret\" aria-hidden=\"true\">          ^^^^^^</span>")
        );
        assert!(html.contains("<p class=\"help\">help: did you mean `&lt;yes&gt;`?</p>"));
        assert!(html.contains("2 errors, 1 warning"), "{html}");
        assert!(!html.contains("<nope>"));
        assert!(html.contains("<code>content/b.md</code>"));
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("{}target{}", "a".repeat(150), "b".repeat(150));
        let (shown, at) = window(&line, 151);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(shown.chars().skip(at).take(6).collect::<String>(), "target");
        assert_eq!(window("short", 3), ("short".to_string(), 2));
        let (shown, at) = window(&"é".repeat(300), 1);
        assert_eq!(at, 0);
        assert_eq!(shown.chars().count(), SHOWN + 1);
    }
}
