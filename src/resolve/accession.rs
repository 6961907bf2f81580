//! Partnership ends at accession. A partner that joins NATO stops being a partner
//! on that day: its memberships of partnership frameworks and its uses of
//! partnership programmes end then, whatever the file says, so that every list and
//! count of the site shows partners as they stood. In a framework that seats Allies
//! too (`seats_allies: true`, the EAPC), the former partner stays on as an Ally:
//! its partner period ends, and it is counted with the Allies, not the partners.
//!
//! An open-ended entry is ended silently; that is the rule, not a mistake. An entry
//! that says it lasted beyond accession, or began after it, contradicts the record
//! and is a warning.

use std::collections::HashSet;

use super::place::Place;
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::yaml::Step;
use crate::model::{Document, Meta};

/// Ends every partner's memberships and programme uses at its accession.
pub(super) fn end_partnerships_at_accession(
    documents: &mut [Document],
    diagnostics: &mut Diagnostics,
) {
    let seats_allies: HashSet<String> = documents
        .iter()
        .filter(|d| matches!(&d.meta, Meta::Framework(f) if f.seats_allies))
        .map(|d| d.id.clone())
        .collect();
    for document in documents.iter_mut() {
        let Meta::Partner(partner) = &mut document.meta else {
            continue;
        };
        let Some(joined) = partner.nato_member else {
            continue;
        };
        let file = &document.origin.file;
        let text = &document.text;
        for (index, membership) in partner.memberships.iter_mut().enumerate() {
            let place =
                Place::front_matter(file, text, &[Step::Key("memberships"), Step::Index(index)]);
            let what = format!("membership of `{}`", membership.framework);
            let allies = seats_allies.contains(&membership.framework);
            if let Some(warning) =
                contradiction(&what, membership.from, membership.until, joined, allies)
            {
                diagnostics.push(place.point(warning));
            }
            if let Some(until) = ended(membership.from, membership.until, joined) {
                membership.until = Some(until);
                membership.ends_at_accession = true;
            }
        }
        for (index, programme) in partner.programmes.iter_mut().enumerate() {
            let place =
                Place::front_matter(file, text, &[Step::Key("programmes"), Step::Index(index)]);
            let what = format!("use of the programme `{}`", programme.id);
            if let Some(warning) =
                contradiction(&what, programme.from, programme.until, joined, false)
            {
                diagnostics.push(place.point(warning));
            }
            if let Some(until) = ended(programme.from, programme.until, joined) {
                programme.until = Some(until);
                programme.ends_at_accession = true;
            }
        }
    }
}

/// The end an entry gets from the rule, when it changes: accession, for an entry
/// open-ended or recorded as lasting beyond it. An entry recorded as starting after
/// accession is left as written (and warned about): no end can be right for it.
fn ended(from: Option<Date>, until: Option<Date>, joined: Date) -> Option<Date> {
    if from.is_some_and(|from| joined.is_before(&from)) {
        return None;
    }
    match until {
        None => Some(joined),
        Some(until) if joined.is_before(&until) => Some(joined),
        Some(_) => None,
    }
}

/// A warning when the entry's own dates run past accession.
fn contradiction(
    what: &str,
    from: Option<Date>,
    until: Option<Date>,
    joined: Date,
    seats_allies: bool,
) -> Option<Diagnostic> {
    let help = if seats_allies {
        "a partnership ends at accession; the framework seats Allies, so the site shows the partner staying on as an Ally without further dates".to_string()
    } else {
        format!(
            "a partnership ends at accession: write `until: {}` or leave `until` out",
            joined.iso()
        )
    };
    if let Some(from) = from
        && joined.is_before(&from)
    {
        return Some(
            Diagnostic::warning(
                "",
                format!(
                    "{what} begins {} but the partner joined NATO {}: a partnership ends at accession",
                    from.text(),
                    joined.text()
                ),
            )
            .with_code("partnership-after-accession")
            .with_help("check both dates against the sources, or record the disagreement in a note"),
        );
    }
    match until {
        Some(until) if joined.is_before(&until) => Some(
            Diagnostic::warning(
                "",
                format!(
                    "{what} runs until {}, after the partner joined NATO {}",
                    until.text(),
                    joined.text()
                ),
            )
            .with_code("partnership-after-accession")
            .with_help(help),
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).expect("a date")
    }

    #[test]
    fn open_and_later_ends_become_accession() {
        let joined = date("2004-03-29");
        assert_eq!(ended(None, None, joined), Some(joined));
        assert_eq!(
            ended(Some(date("1994")), Some(date("2010")), joined),
            Some(joined)
        );
        assert_eq!(ended(None, Some(date("2004-03-29")), joined), None);
        assert_eq!(ended(None, Some(date("1999")), joined), None);
        assert_eq!(ended(Some(date("2005")), None, joined), None);
    }

    #[test]
    fn only_recorded_dates_beyond_accession_are_warned_about() {
        let joined = date("2004-03-29");
        assert!(contradiction("x", Some(date("1994")), None, joined, false).is_none());
        let late_end = contradiction("x", None, Some(date("2006")), joined, false).expect("warned");
        assert!(
            late_end.message.contains("runs until 2006"),
            "{}",
            late_end.message
        );
        assert!(
            late_end
                .help
                .as_deref()
                .unwrap_or("")
                .contains("until: 2004-03-29")
        );
        let late_start =
            contradiction("x", Some(date("2005")), None, joined, false).expect("warned");
        assert!(late_start.message.contains("begins 2005"));
    }
}
