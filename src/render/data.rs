//! Downloads of the data behind the site: partners, memberships and events as JSON
//! and CSV, for readers who want to count, chart or cite them elsewhere.

use serde::Serialize;

use super::{OutputFile, SiteRenderer, urls};
use crate::diagnostics::Diagnostic;
use crate::model::{EntityKind, EventRecord, Meta, PartnerMeta};

/// One downloadable file.
#[derive(Debug, Clone, Copy)]
pub(super) enum Export {
    PartnersJson,
    PartnersCsv,
    MembershipsCsv,
    EventsJson,
    EventsCsv,
}

impl Export {
    pub const ALL: [Export; 5] = [
        Export::PartnersJson,
        Export::PartnersCsv,
        Export::MembershipsCsv,
        Export::EventsJson,
        Export::EventsCsv,
    ];

    pub fn path(self) -> &'static str {
        match self {
            Export::PartnersJson => urls::DATA_PARTNERS_JSON,
            Export::PartnersCsv => urls::DATA_PARTNERS_CSV,
            Export::MembershipsCsv => urls::DATA_MEMBERSHIPS_CSV,
            Export::EventsJson => urls::DATA_EVENTS_JSON,
            Export::EventsCsv => urls::DATA_EVENTS_CSV,
        }
    }

    /// What the file holds, as the sources page lists it.
    pub fn description(self) -> &'static str {
        match self {
            Export::PartnersJson => {
                "every partner with all its metadata: memberships, programmes, operations, sources"
            }
            Export::PartnersCsv => "one row per partner, its frameworks joined by semicolons",
            Export::MembershipsCsv => "one row per membership of a partner in a framework",
            Export::EventsJson => {
                "every timeline event: its fields as written (the summary in Markdown) and the summary as plain text"
            }
            Export::EventsCsv => "one row per timeline event, its summary as plain text",
        }
    }
}

/// JSON for files a browser may open: `<`, `>` and `&` written as escapes, so no
/// value can form a tag or an entity, even if the file is ever served as HTML or
/// inlined in a page.
pub(super) fn web_safe_json<T: Serialize + ?Sized>(
    value: &T,
    path: &str,
) -> Result<String, Diagnostic> {
    let json = serde_json::to_string(value)
        .map_err(|error| Diagnostic::error(path, format!("cannot write {path}: {error}")))?;
    Ok(json
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026"))
}

/// A text cell that a spreadsheet would run as a formula gets a leading `'`.
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The name serde gives an enum value (`country`, `partner`, `summit`, ...).
fn key(value: &impl Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn optional(date: Option<crate::date::Date>) -> String {
    date.map(|d| d.iso()).unwrap_or_default()
}

#[derive(Serialize)]
struct PartnerRow<'a> {
    id: &'a str,
    url: String,
    #[serde(flatten)]
    meta: &'a PartnerMeta,
}

#[derive(Serialize)]
struct EventRow<'a> {
    anchor: &'a str,
    url: String,
    #[serde(flatten)]
    record: &'a EventRecord,
    /// The summary as a reader sees it: entity names, no citation marks.
    summary_text: String,
}

impl SiteRenderer<'_> {
    fn partners(&self) -> impl Iterator<Item = (&str, &PartnerMeta)> {
        self.site
            .documents_of(EntityKind::Partner)
            .filter_map(|d| match &d.meta {
                Meta::Partner(p) => Some((d.id.as_str(), p)),
                _ => None,
            })
    }

    pub(super) fn export(&self, export: Export) -> Result<OutputFile, Diagnostic> {
        let path = export.path();
        let markdown = self.markdown();
        let contents = match export {
            Export::PartnersJson => {
                let rows: Vec<PartnerRow> = self
                    .partners()
                    .map(|(id, meta)| PartnerRow {
                        id,
                        url: urls::entity_path(EntityKind::Partner, id),
                        meta,
                    })
                    .collect();
                web_safe_json(&rows, path)? + "\n"
            }
            Export::EventsJson => {
                let rows: Vec<EventRow> = self
                    .site
                    .events
                    .iter()
                    .map(|event| EventRow {
                        anchor: &event.anchor,
                        url: self.event_path(event),
                        record: &event.entry.record,
                        summary_text: markdown.plain_text(&event.entry.record.summary),
                    })
                    .collect();
                web_safe_json(&rows, path)? + "\n"
            }
            Export::PartnersCsv => self.csv(
                path,
                &[
                    "id",
                    "name",
                    "kind",
                    "region",
                    "iso",
                    "status",
                    "nato_invited",
                    "nato_member",
                    "frameworks",
                    "url",
                ],
                self.partners().map(|(id, p)| {
                    let mut frameworks: Vec<&str> =
                        p.memberships.iter().map(|m| m.framework.as_str()).collect();
                    frameworks.dedup();
                    vec![
                        id.to_string(),
                        p.name.clone(),
                        key(&p.kind),
                        p.region.clone(),
                        p.iso.clone().unwrap_or_default(),
                        key(&p.status),
                        optional(p.nato_invited),
                        optional(p.nato_member),
                        frameworks.join(";"),
                        urls::entity_path(EntityKind::Partner, id),
                    ]
                }),
            )?,
            Export::MembershipsCsv => self.csv(
                path,
                &["partner", "framework", "from", "until", "role", "note"],
                self.partners().flat_map(|(id, p)| {
                    p.memberships.iter().map(move |m| {
                        vec![
                            id.to_string(),
                            m.framework.clone(),
                            optional(m.from),
                            optional(m.until),
                            m.role.clone().unwrap_or_default(),
                            m.note.clone().unwrap_or_default(),
                        ]
                    })
                }),
            )?,
            Export::EventsCsv => self.csv(
                path,
                &[
                    "date",
                    "title",
                    "kind",
                    "partners",
                    "frameworks",
                    "programmes",
                    "operations",
                    "summary",
                    "note",
                    "sources",
                    "url",
                ],
                self.site.events.iter().map(|event| {
                    let r = &event.entry.record;
                    vec![
                        r.date.iso(),
                        r.title.clone(),
                        key(&r.kind),
                        r.partners.join(";"),
                        r.frameworks.join(";"),
                        r.programmes.join(";"),
                        r.operations.join(";"),
                        markdown.plain_text(&r.summary),
                        r.note.clone().unwrap_or_default(),
                        r.sources.join(";"),
                        self.event_path(event),
                    ]
                }),
            )?,
        };
        Ok(OutputFile {
            path: path.into(),
            contents: contents.into_bytes().into(),
        })
    }

    /// A CSV file with a header row; text cells are guarded against formulas.
    fn csv(
        &self,
        path: &str,
        header: &[&str],
        rows: impl Iterator<Item = Vec<String>>,
    ) -> Result<String, Diagnostic> {
        let failed = |error: &dyn std::fmt::Display| {
            Diagnostic::error(path, format!("cannot write {path}: {error}"))
        };
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(header).map_err(|e| failed(&e))?;
        for row in rows {
            writer
                .write_record(row.iter().map(|text| cell(text)))
                .map_err(|e| failed(&e))?;
        }
        let bytes = writer.into_inner().map_err(|e| failed(&e))?;
        String::from_utf8(bytes).map_err(|e| failed(&e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_defused_and_others_kept() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("-1+2"), "'-1+2");
        assert_eq!(cell("1994-01-10"), "1994-01-10");
        assert_eq!(cell("Austria"), "Austria");
    }

    #[test]
    fn web_safe_json_escapes_markup_characters() {
        let json = web_safe_json(&vec!["<b>&</b>"], "x.json").unwrap();
        assert_eq!(json, r#"["\u003cb\u003e\u0026\u003c/b\u003e"]"#);
        let back: Vec<String> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, ["<b>&</b>"]);
    }
}
