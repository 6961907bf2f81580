//! Every warning `check` can give, by code. A record silences one with `silence:`,
//! naming its code and saying why (docs/content.md, "Silencing a warning").

/// A kind of warning: its code, as printed (`warning[code]`) and written in
/// `silence`, and what it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Check {
    pub code: &'static str,
    pub finds: &'static str,
}

const fn check(code: &'static str, finds: &'static str) -> Check {
    Check { code, finds }
}

/// Every warning, in the order docs/content.md lists them.
pub const WARNINGS: &[Check] = &[
    check("no-sources", "an entity that lists and cites no source"),
    check("no-narrative", "a partner whose page has no text"),
    check(
        "acronym-not-in-glossary",
        "an acronym in a name or a body that glossary.yaml does not expand",
    ),
    check(
        "source-never-cited",
        "a source in sources.yaml that no page lists or cites",
    ),
    check(
        "event-names-nothing",
        "an event that names no partner, framework, programme or operation",
    ),
    check(
        "unknown-file",
        "a file in content/ that is no kind of content",
    ),
    check(
        "iso-of-another-country",
        "an ISO code that belongs to another country's name",
    ),
    check(
        "partnership-after-accession",
        "a membership or programme use that starts or runs past the partner's accession to NATO",
    ),
    check(
        "event-disagrees-with-record",
        "an accession or membership event whose date is not the partner's record",
    ),
    check(
        "outside-framework-life",
        "a membership that starts before its framework was launched, or runs past its end",
    ),
    check(
        "outside-programme-life",
        "a programme use that starts before the programme was launched, or runs past its end",
    ),
    check(
        "programme-outside-its-frameworks",
        "a partner using a programme of frameworks it belongs to none of",
    ),
    check(
        "partner-in-no-framework",
        "a country whose status is `partner` but that is in no framework at the status date",
    ),
    check(
        "event-disagrees-with-programme-use",
        "a launch or membership event about one partner and a programme it does not list, or lists from another date",
    ),
    check("unused-silence", "a `silence` entry that silenced nothing"),
];

/// The check of `code`, if there is one.
pub fn find(code: &str) -> Option<&'static Check> {
    WARNINGS.iter().find(|check| check.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_written_as_ids() {
        let mut codes: Vec<&str> = WARNINGS.iter().map(|c| c.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), WARNINGS.len());
        assert!(
            codes.iter().all(|c| crate::load::is_valid_id(c)),
            "{codes:?}"
        );
    }
}
