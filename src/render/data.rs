//! Downloads of the data behind the site: partners, memberships and events as JSON
//! and CSV, for readers who want to count, chart or cite them elsewhere.

use std::ops::Range;

use rayon::prelude::*;
use serde::Serialize;

use super::views::Download;
use super::{OutputFile, SiteRenderer, scale, urls};
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

    /// What one row of the file is, in the plural, for the sources page's
    /// description of a part: "8104 partners, p0 to p17290".
    fn rows_are(self) -> &'static str {
        match self {
            Export::PartnersJson | Export::PartnersCsv => "partners",
            Export::MembershipsCsv => "memberships",
            Export::EventsJson | Export::EventsCsv => "events",
        }
    }

    /// The path of part `number` (from 1) of a download split into parts:
    /// `data/partners-2.json`.
    fn part_path(self, number: usize) -> String {
        let path = self.path();
        match path.rsplit_once('.') {
            Some((stem, extension)) => format!("{stem}-{number}.{extension}"),
            None => format!("{path}-{number}"),
        }
    }

    /// The sources page's link to the download as one file.
    pub fn whole(self) -> Download {
        Download {
            href: self.path().to_string(),
            description: self.description().to_string(),
        }
    }

    /// The sources page's link to part `number` of `parts`, holding the rows of
    /// `run`, which `labels` name (a partner's id, an event's date).
    fn part(self, number: usize, parts: usize, run: &Range<usize>, labels: &[String]) -> Download {
        let name = |row: usize| labels.get(row).map_or("", String::as_str);
        let held = match run.len() {
            1 => format!("1 {}, {}", singular(self.rows_are()), name(run.start)),
            count => format!(
                "{count} {}, {} to {}",
                self.rows_are(),
                name(run.start),
                name(run.end.saturating_sub(1))
            ),
        };
        Download {
            href: self.part_path(number),
            description: format!("{} (part {number} of {parts}: {held})", self.description()),
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

    /// Every data download, each as one file or, past [`scale::DOWNLOAD_BYTES`],
    /// in numbered parts; with the sources page's links to them, in order.
    pub(super) fn exports(&self) -> Result<(Vec<OutputFile>, Vec<Download>), Diagnostic> {
        let made: Vec<Result<Vec<(OutputFile, Download)>, Diagnostic>> = Export::ALL
            .par_iter()
            .map(|export| self.export(*export, scale::DOWNLOAD_BYTES))
            .collect();
        let mut files = Vec::new();
        let mut links = Vec::new();
        for export in made {
            for (file, link) in export? {
                files.push(file);
                links.push(link);
            }
        }
        Ok((files, links))
    }

    /// `export` as one file, or in parts of at most `budget` bytes.
    fn export(
        &self,
        export: Export,
        budget: usize,
    ) -> Result<Vec<(OutputFile, Download)>, Diagnostic> {
        let rows = self.rows(export)?;
        let runs = split(
            (0..rows.ends.len()).map(|row| rows.span(row).len()),
            rows.head.len() + rows.tail.len(),
            rows.separator.len(),
            budget,
        );
        let file = |path: String, run: &Range<usize>| OutputFile {
            path,
            contents: rows.file(run.clone()).into(),
        };
        if let [run] = runs.as_slice() {
            return Ok(vec![(file(export.path().to_string(), run), export.whole())]);
        }
        let parts = runs.len();
        Ok(runs
            .iter()
            .enumerate()
            .map(|(index, run)| {
                (
                    file(export.part_path(index + 1), run),
                    export.part(index + 1, parts, run, &rows.labels),
                )
            })
            .collect())
    }

    /// The rows of `export`, serialised.
    fn rows(&self, export: Export) -> Result<Rows, Diagnostic> {
        let path = export.path();
        let markdown = self.markdown();
        match export {
            Export::PartnersJson => Rows::json(
                path,
                self.partners().map(|(id, meta)| {
                    let row = PartnerRow {
                        id,
                        url: urls::entity_path(EntityKind::Partner, id),
                        meta,
                    };
                    (id.to_string(), row)
                }),
            ),
            Export::EventsJson => Rows::json(
                path,
                self.site.events.iter().map(|event| {
                    let row = EventRow {
                        anchor: &event.anchor,
                        url: self.event_path(event),
                        record: &event.entry.record,
                        summary_text: markdown.plain_text(&event.entry.record.summary),
                    };
                    (event.entry.record.date.iso(), row)
                }),
            ),
            Export::PartnersCsv => Rows::csv(
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
                    let row = vec![
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
                    ];
                    (id.to_string(), row)
                }),
            ),
            Export::MembershipsCsv => Rows::csv(
                path,
                &["partner", "framework", "from", "until", "role", "note"],
                self.partners().flat_map(|(id, p)| {
                    p.memberships.iter().map(move |m| {
                        let row = vec![
                            id.to_string(),
                            m.framework.clone(),
                            optional(m.from),
                            optional(m.until),
                            m.role.clone().unwrap_or_default(),
                            m.note.clone().unwrap_or_default(),
                        ];
                        (id.to_string(), row)
                    })
                }),
            ),
            Export::EventsCsv => Rows::csv(
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
                    let row = vec![
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
                    ];
                    (r.date.iso(), row)
                }),
            ),
        }
    }
}

/// A download's rows, serialised one after another, to be put into one file or
/// split into parts, each a whole file of its own.
struct Rows {
    /// What opens each file: `[` in JSON, the header row in CSV.
    head: Vec<u8>,
    /// Between two rows: `,` in JSON; nothing in CSV, where each row ends its line.
    separator: &'static [u8],
    /// What closes each file: `]` and a newline in JSON, nothing in CSV.
    tail: &'static [u8],
    /// Every row, one after another, from `first` on.
    body: Vec<u8>,
    /// Where the first row starts in `body`.
    first: usize,
    /// Where each row ends in `body`.
    ends: Vec<usize>,
    /// What names each row in a part's description: a partner's id, an event's
    /// date.
    labels: Vec<String>,
}

impl Rows {
    /// A JSON array of `rows`, each written web-safe (see [`web_safe_json`]).
    fn json<T: Serialize>(
        path: &str,
        rows: impl Iterator<Item = (String, T)>,
    ) -> Result<Rows, Diagnostic> {
        let mut body = Vec::new();
        let mut ends = Vec::new();
        let mut labels = Vec::new();
        for (label, row) in rows {
            body.extend_from_slice(web_safe_json(&row, path)?.as_bytes());
            ends.push(body.len());
            labels.push(label);
        }
        Ok(Rows {
            head: b"[".to_vec(),
            separator: b",",
            tail: b"]\n",
            body,
            first: 0,
            ends,
            labels,
        })
    }

    /// A CSV table with a header row; text cells are guarded against formulas.
    fn csv(
        path: &str,
        header: &[&str],
        rows: impl Iterator<Item = (String, Vec<String>)>,
    ) -> Result<Rows, Diagnostic> {
        let failed = |error: &dyn std::fmt::Display| {
            Diagnostic::error(path, format!("cannot write {path}: {error}"))
        };
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(header).map_err(|e| failed(&e))?;
        writer.flush().map_err(|e| failed(&e))?;
        let head = writer.get_ref().clone();
        let mut ends = Vec::new();
        let mut labels = Vec::new();
        for (label, row) in rows {
            writer
                .write_record(row.iter().map(|text| cell(text)))
                .map_err(|e| failed(&e))?;
            writer.flush().map_err(|e| failed(&e))?;
            ends.push(writer.get_ref().len());
            labels.push(label);
        }
        let body = writer.into_inner().map_err(|e| failed(&e))?;
        Ok(Rows {
            first: head.len(),
            head,
            separator: b"",
            tail: b"",
            body,
            ends,
            labels,
        })
    }

    /// Where row `row` lies in `body`.
    fn span(&self, row: usize) -> Range<usize> {
        let start = row
            .checked_sub(1)
            .map_or(self.first, |before| self.ends[before]);
        start..self.ends[row]
    }

    /// A whole file holding the rows of `run`.
    fn file(&self, run: Range<usize>) -> Vec<u8> {
        let rows: usize = run.clone().map(|row| self.span(row).len()).sum();
        let mut file = Vec::with_capacity(
            self.head.len() + rows + run.len() * self.separator.len() + self.tail.len(),
        );
        file.extend_from_slice(&self.head);
        for row in run.clone() {
            if row > run.start {
                file.extend_from_slice(self.separator);
            }
            file.extend_from_slice(&self.body[self.span(row)]);
        }
        file.extend_from_slice(self.tail);
        file
    }
}

/// Splits rows of `sizes` into runs of consecutive rows, each run's file holding at
/// most `budget` bytes: `overhead` bytes for the file, the rows, and `separator`
/// bytes between two rows. A row too large for any file makes a run alone. Always
/// at least one run (empty when there are no rows), so a download always has a file.
fn split(
    sizes: impl Iterator<Item = usize>,
    overhead: usize,
    separator: usize,
    budget: usize,
) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut start = 0;
    let mut filled = overhead;
    let mut count = 0;
    for size in sizes {
        let adds = if count > start {
            separator + size
        } else {
            size
        };
        if count > start && filled + adds > budget {
            runs.push(start..count);
            start = count;
            filled = overhead + size;
        } else {
            filled += adds;
        }
        count += 1;
    }
    runs.push(start..count);
    runs
}

/// The singular of a plural noun ending in `s`: "partners" to "partner".
fn singular(plural: &str) -> &str {
    plural.strip_suffix('s').unwrap_or(plural)
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
    fn rows_are_split_into_runs_that_fit_the_budget() {
        // Files of 2 bytes of overhead and 1 between rows, at most 10 bytes.
        let runs = |sizes: &[usize]| -> Vec<(usize, usize)> {
            split(sizes.iter().copied(), 2, 1, 10)
                .into_iter()
                .map(|run| (run.start, run.end))
                .collect()
        };
        assert_eq!(runs(&[]), [(0, 0)], "no rows still make one (empty) file");
        assert_eq!(runs(&[3, 4]), [(0, 2)], "2 + 3 + 1 + 4 = 10 fits");
        assert_eq!(
            runs(&[3, 5]),
            [(0, 1), (1, 2)],
            "2 + 3 + 1 + 5 = 11 does not"
        );
        assert_eq!(
            runs(&[20, 1, 1, 1]),
            [(0, 1), (1, 4)],
            "a row too large stands alone"
        );
        assert_eq!(runs(&[1, 20, 1]), [(0, 1), (1, 2), (2, 3)]);
        assert_eq!(runs(&[8, 8, 8]), [(0, 1), (1, 2), (2, 3)]);
    }

    fn json_rows(names: &[&str]) -> Rows {
        Rows::json("x.json", names.iter().map(|n| (n.to_string(), *n))).unwrap()
    }

    #[test]
    fn each_part_is_a_whole_file_of_its_rows() {
        let rows = json_rows(&["a", "bb", "c<"]);
        assert_eq!(rows.file(0..3), b"[\"a\",\"bb\",\"c\\u003c\"]\n");
        assert_eq!(rows.file(0..1), b"[\"a\"]\n");
        assert_eq!(rows.file(1..3), b"[\"bb\",\"c\\u003c\"]\n");
        assert_eq!(json_rows(&[]).file(0..0), b"[]\n");
        // The whole file is what serialising the whole list gives.
        let whole = web_safe_json(&["a", "bb", "c<"], "x.json").unwrap() + "\n";
        assert_eq!(rows.file(0..3), whole.as_bytes());

        let rows = Rows::csv(
            "x.csv",
            &["id", "name"],
            [("a", "A"), ("b", "=B"), ("c", "C, D")]
                .into_iter()
                .map(|(id, name)| (id.to_string(), vec![id.to_string(), name.to_string()])),
        )
        .unwrap();
        assert_eq!(rows.file(0..3), b"id,name\na,A\nb,'=B\nc,\"C, D\"\n");
        assert_eq!(
            rows.file(2..3),
            b"id,name\nc,\"C, D\"\n",
            "every part has the header"
        );
        assert_eq!(rows.labels, ["a", "b", "c"]);
    }

    #[test]
    fn parts_are_named_and_described_by_their_rows() {
        let labels: Vec<String> = ["austria", "belarus", "chile"].map(String::from).into();
        let first = Export::PartnersJson.part(1, 2, &(0..2), &labels);
        assert_eq!(first.href, "data/partners-1.json");
        assert!(
            first
                .description
                .ends_with("(part 1 of 2: 2 partners, austria to belarus)"),
            "{}",
            first.description
        );
        let last = Export::MembershipsCsv.part(2, 2, &(2..3), &labels);
        assert_eq!(last.href, "data/memberships-2.csv");
        assert!(
            last.description
                .ends_with("(part 2 of 2: 1 membership, chile)")
        );
        assert_eq!(Export::EventsCsv.whole().href, "data/events.csv");
    }

    #[test]
    fn web_safe_json_escapes_markup_characters() {
        let json = web_safe_json(&vec!["<b>&</b>"], "x.json").unwrap();
        assert_eq!(json, r#"["\u003cb\u003e\u0026\u003c/b\u003e"]"#);
        let back: Vec<String> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, ["<b>&</b>"]);
    }
}
