//! Every YAML loader over the same text: `site.yaml` and the front matter of each
//! kind of Markdown file through `yaml::parse`, and the lists of `sources.yaml`,
//! `glossary.yaml` and `timeline/*.yaml` through `yaml::parse_list`. Any text must
//! give records or diagnostics; entries and diagnostics point at lines of the file.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use natopartners::date::Date;
use natopartners::diagnostics::{Diagnostic, Diagnostics};
use natopartners::load::yaml;
use natopartners::model::{
    EventRecord, FrameworkMeta, GlossaryEntry, OperationMeta, PageMeta, PartnerMeta, ProgrammeMeta,
    SiteConfig, SourceRecord,
};
use serde::de::DeserializeOwned;

/// Front matter starts on line 2 of its file; `site.yaml` on line 1.
fn one<T: DeserializeOwned>(file: &str, text: &str, first_line: usize) {
    if let Err(diagnostic) = yaml::parse::<T>(Path::new(file), text, first_line) {
        check_diagnostic(&diagnostic, file, text, first_line);
    }
}

fn list<T: DeserializeOwned + Send>(file: &str, text: &str) {
    let mut diagnostics = Diagnostics::new();
    let entries = yaml::parse_list::<T>(Path::new(file), text, "a list", &mut diagnostics);
    // Entries start at a `-` in the first column of a line (line 1 when unknown).
    let lines = text.lines().count().max(1);
    for (_, line) in &entries {
        assert!(
            (1..=lines).contains(line),
            "an entry at line {line} of a {lines}-line file"
        );
    }
    for diagnostic in diagnostics.sorted() {
        check_diagnostic(diagnostic, file, text, 1);
    }
}

fn check_diagnostic(diagnostic: &Diagnostic, file: &str, text: &str, first_line: usize) {
    assert_eq!(diagnostic.file, Path::new(file));
    assert!(!diagnostic.message.is_empty(), "an empty diagnostic");
    if let Some(line) = diagnostic.line {
        // YAML also breaks lines at a lone `\r`, NEL, LS and PS. At the end of a
        // text whose last line has no line break, libyaml moves to a new line, so
        // an error there points one line past the last.
        let breaks = text
            .chars()
            .filter(|c| matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'))
            .count();
        let last = first_line + breaks + 1;
        assert!(
            (1..=last).contains(&line),
            "a diagnostic at line {line}, outside lines {first_line}..={last}: {}",
            diagnostic.message
        );
    }
    // Rendering a diagnostic must not panic either.
    let _ = diagnostic.to_string();
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    one::<SiteConfig>("content/site.yaml", text, 1);
    one::<PartnerMeta>("content/partners/x.md", text, 2);
    one::<FrameworkMeta>("content/frameworks/x.md", text, 2);
    one::<ProgrammeMeta>("content/programmes/x.md", text, 2);
    one::<OperationMeta>("content/operations/x.md", text, 2);
    one::<PageMeta>("content/pages/x.md", text, 2);
    one::<Date>("content/x.yaml", text, 1);
    list::<SourceRecord>("content/sources.yaml", text);
    list::<GlossaryEntry>("content/glossary.yaml", text);
    list::<EventRecord>("content/timeline/x.yaml", text);
});
