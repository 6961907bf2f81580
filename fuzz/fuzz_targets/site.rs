//! The whole pipeline but writing: a small content folder made from the fuzzer's
//! bytes (a site.yaml, a few partners, frameworks, programmes, operations, free
//! pages, events, sources and glossary terms, with ids mostly drawn from a small
//! pool so that references resolve, and titles, dates and Markdown bodies drawn
//! from the bytes) is written to a temporary folder and checked with
//! `natopartners::check`, which loads, resolves, lints and renders it in memory.
//! Any error is an answer; only a panic is a crash.
//!
//! The YAML is written with every string double-quoted and escaped, so that most
//! inputs load and the fuzzer spends its time in resolve and render; a few fields
//! take raw text to reach the loader's error paths too.

#![no_main]

use std::fmt::Write as _;
use std::path::Path;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use natopartners::model::EventKind;

const PARTNERS: &[&str] = &["austria", "poland", "un", "georgia"];
const FRAMEWORKS: &[&str] = &["pfp", "eapc", "md"];
const PROGRAMMES: &[&str] = &["parp", "pcm"];
const OPERATIONS: &[&str] = &["kfor", "isaf"];
const PAGES: &[&str] = &["about", "method"];
const SOURCES: &[&str] = &["src-a", "src-b", "src-c"];
const LANGUAGES: &[&str] = &["", "rust", "yaml", "html", "js", "markdown", "nope"];

/// At most this many of each kind of record, to keep a run quick.
const MAX_RECORDS: usize = 4;
/// At most this many pieces in a Markdown body.
const MAX_PIECES: usize = 10;

fn pick(pool: &[&'static str], index: u8) -> &'static str {
    pool[usize::from(index) % pool.len()]
}

/// Words for names and titles, in several scripts: slugs, anchors and sort keys
/// are cut and compared by bytes, and multi-byte letters are where that goes wrong.
const WORDS: &[&str] = &[
    "NATO",
    "Partnership",
    "for",
    "Peace",
    "Österreich",
    "Sjöberg",
    "Türkiye",
    "Україна",
    "Ελλάδα",
    "საქართველო",
    "日本",
    "𝔄𝔩𝔩𝔦𝔞𝔫𝔠𝔢",
    "ǅemal",
    "İstanbul",
    "ß",
    "–",
    "(2002)",
    "🇺🇳",
    "&",
    "<b>",
    "1994-01-10",
];

/// A name or title: words from the pool, or any text.
#[derive(Arbitrary, Debug)]
enum Label {
    Words(Vec<u8>),
    Raw(String),
}

impl Label {
    fn text(&self) -> String {
        match self {
            Label::Words(indexes) => {
                let words: Vec<&str> = indexes.iter().take(24).map(|&i| pick(WORDS, i)).collect();
                words.join(" ")
            }
            Label::Raw(text) => text.clone(),
        }
    }
}

/// An id: mostly one from the pool of its kind, sometimes any text.
#[derive(Arbitrary, Debug)]
enum Id {
    Pool(u8),
    Other(u8),
    Raw(String),
}

impl Id {
    fn of(&self, pool: &[&'static str]) -> String {
        match self {
            Id::Pool(i) => pick(pool, *i).to_string(),
            // An id of another kind: a reference to the wrong kind of entity.
            Id::Other(i) => {
                let all: Vec<&str> =
                    [PARTNERS, FRAMEWORKS, PROGRAMMES, OPERATIONS, PAGES, SOURCES].concat();
                pick(&all, *i).to_string()
            }
            Id::Raw(text) => text.clone(),
        }
    }

    /// The id as a file name: a raw id that the file system cannot take falls back
    /// to the pool.
    fn file_name(&self, pool: &[&'static str]) -> String {
        let id = self.of(pool);
        if writable(&id) {
            id
        } else {
            pool[0].to_string()
        }
    }
}

/// A date: mostly a well-formed one, written unquoted as in the shipped content,
/// sometimes any text.
#[derive(Arbitrary, Debug)]
enum DateText {
    Year(u8),
    Month(u8, u8),
    Day(u8, u8, u8),
    /// Out-of-range numbers: month 13, day 31 of February, year 0.
    Loose(u16, u8, u8),
    Raw(String),
}

impl DateText {
    fn yaml(&self) -> String {
        let year = |y: u8| 1985 + u16::from(y % 40);
        match self {
            DateText::Year(y) => format!("{}", year(*y)),
            DateText::Month(y, m) => format!("{}-{:02}", year(*y), 1 + m % 12),
            DateText::Day(y, m, d) => format!("{}-{:02}-{:02}", year(*y), 1 + m % 12, 1 + d % 31),
            DateText::Loose(y, m, d) => format!("{:04}-{:02}-{:02}", y % 10000, m % 100, d % 100),
            DateText::Raw(text) => quote(text),
        }
    }
}

/// One piece of a Markdown body.
#[derive(Arbitrary, Debug)]
enum Piece {
    Text(String),
    Paragraph,
    Heading(u8, Label),
    /// `[[id]]`
    Wiki(Id),
    /// `[text](@id#fragment)`
    Named(String, Id, Option<String>),
    /// `[@a; @b]`
    Cite(Vec<Id>),
    Code(u8, String),
    List(Vec<String>),
    Link(String, String),
    Term(u8),
}

const TERMS: &[&str] = &["PfP", "EAPC", "NATO", "MD", "ICI"];

fn all_entities() -> Vec<&'static str> {
    [PARTNERS, FRAMEWORKS, PROGRAMMES, OPERATIONS, PAGES].concat()
}

fn body(pieces: &[Piece]) -> String {
    let entities = all_entities();
    let mut out = String::new();
    for piece in pieces.iter().take(MAX_PIECES) {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Paragraph => out.push_str("\n\n"),
            Piece::Heading(level, text) => {
                let _ = write!(
                    out,
                    "\n\n{} {}\n\n",
                    "#".repeat(1 + usize::from(level % 6)),
                    text.text()
                );
            }
            Piece::Wiki(id) => {
                let _ = write!(out, "[[{}]]", id.of(&entities));
            }
            Piece::Named(text, id, fragment) => {
                let _ = write!(out, "[{text}](@{}", id.of(&entities));
                if let Some(fragment) = fragment {
                    let _ = write!(out, "#{fragment}");
                }
                out.push(')');
            }
            Piece::Cite(ids) => {
                let ids: Vec<String> = ids
                    .iter()
                    .take(3)
                    .map(|id| format!("@{}", id.of(SOURCES)))
                    .collect();
                let _ = write!(out, " [{}]", ids.join("; "));
            }
            Piece::Code(language, code) => {
                let _ = write!(
                    out,
                    "\n\n```{}\n{code}\n```\n\n",
                    pick(LANGUAGES, *language)
                );
            }
            Piece::List(items) => {
                out.push_str("\n\n");
                for item in items.iter().take(4) {
                    let _ = writeln!(out, "- {item}");
                }
                out.push('\n');
            }
            Piece::Link(text, url) => {
                let _ = write!(out, "[{text}]({url})");
            }
            Piece::Term(term) => {
                let _ = write!(out, " {} ", pick(TERMS, *term));
            }
        }
    }
    out
}

/// A YAML double-quoted string: every character YAML cannot hold as it is, and
/// every line break, escaped.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fefe}' => out.push(c),
            '\u{ff00}'..='\u{fffd}' | '\u{10000}'.. => out.push(c),
            c if u32::from(c) <= 0xff => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            c => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
        }
    }
    out.push('"');
    out
}

fn id_list(ids: &[Id], pool: &[&'static str]) -> String {
    let ids: Vec<String> = ids.iter().take(3).map(|id| quote(&id.of(pool))).collect();
    format!("[{}]", ids.join(", "))
}

/// Front matter followed by a body.
fn document(front: &str, pieces: &[Piece]) -> String {
    format!("---\n{front}---\n{}", body(pieces))
}

/// Whether a file may be called `name` (one path component the file system takes).
fn writable(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name != "."
        && name != ".."
        && !name.contains(['/', '\0'])
}

/// YAML written a `key: value` line at a time; `indent` goes before each key.
#[derive(Default)]
struct Yaml {
    out: String,
    indent: &'static str,
}

impl Yaml {
    fn raw(&mut self, key: &str, value: impl std::fmt::Display) -> &mut Self {
        let _ = writeln!(self.out, "{}{key}: {value}", self.indent);
        self
    }
    /// A quoted string.
    fn text(&mut self, key: &str, value: &str) -> &mut Self {
        self.raw(key, quote(value))
    }
    /// A quoted string, only when there is one.
    fn maybe(&mut self, key: &str, value: Option<&str>) -> &mut Self {
        match value {
            Some(value) => self.text(key, value),
            None => self,
        }
    }
    /// A date, only when there is one.
    fn date(&mut self, key: &str, value: Option<&DateText>) -> &mut Self {
        match value {
            Some(value) => self.raw(key, value.yaml()),
            None => self,
        }
    }
    /// A list of up to three ids drawn from `pool`.
    fn ids(&mut self, key: &str, ids: &[Id], pool: &[&'static str]) -> &mut Self {
        self.raw(key, id_list(ids, pool))
    }
    /// The start of a list entry: `- key: value`, then keys indented under it.
    fn entry(&mut self, key: &str, value: impl std::fmt::Display) -> &mut Self {
        let _ = writeln!(self.out, "- {key}: {value}");
        self.indent = "  ";
        self
    }
}

#[derive(Arbitrary, Debug)]
struct Membership {
    framework: Id,
    from: Option<DateText>,
    until: Option<DateText>,
    role: Option<String>,
}

#[derive(Arbitrary, Debug)]
struct Partner {
    id: Id,
    name: Label,
    organisation: bool,
    region: String,
    iso: Option<String>,
    status: u8,
    summary: Option<String>,
    memberships: Vec<Membership>,
    nato_member: Option<DateText>,
    programmes: Vec<(Id, Option<DateText>)>,
    operations: Vec<(Id, Option<String>)>,
    sources: Vec<Id>,
    body: Vec<Piece>,
}

impl Partner {
    fn text(&self) -> String {
        let kind = if self.organisation {
            "organisation"
        } else {
            "country"
        };
        let status = pick(
            &["partner", "suspended", "member", "interlocutor"],
            self.status,
        );
        let mut front = Yaml::default();
        front
            .text("name", &self.name.text())
            .raw("kind", kind)
            .text("region", &self.region)
            .maybe("iso", self.iso.as_deref())
            .raw("status", status)
            .maybe("summary", self.summary.as_deref())
            .date("nato_member", self.nato_member.as_ref());
        let mut list = |key: &str, entries: Vec<Yaml>| {
            if !entries.is_empty() {
                let _ = writeln!(front.out, "{key}:");
                for entry in entries {
                    for line in entry.out.lines() {
                        let _ = writeln!(front.out, "  {line}");
                    }
                }
            }
        };
        let memberships = self.memberships.iter().take(MAX_RECORDS).map(|m| {
            let mut entry = Yaml::default();
            entry
                .entry("framework", quote(&m.framework.of(FRAMEWORKS)))
                .date("from", m.from.as_ref())
                .date("until", m.until.as_ref())
                .maybe("role", m.role.as_deref());
            entry
        });
        list("memberships", memberships.collect());
        let programmes = self.programmes.iter().take(MAX_RECORDS).map(|(id, from)| {
            let mut entry = Yaml::default();
            entry
                .entry("id", quote(&id.of(PROGRAMMES)))
                .date("from", from.as_ref());
            entry
        });
        list("programmes", programmes.collect());
        let operations = self.operations.iter().take(MAX_RECORDS).map(|(id, role)| {
            let mut entry = Yaml::default();
            match role {
                // An operation may be named alone, without `id:`.
                None => entry.out = format!("- {}\n", quote(&id.of(OPERATIONS))),
                Some(role) => {
                    entry
                        .entry("id", quote(&id.of(OPERATIONS)))
                        .text("role", role);
                }
            }
            entry
        });
        list("operations", operations.collect());
        front.ids("sources", &self.sources, SOURCES);
        document(&front.out, &self.body)
    }
}

#[derive(Arbitrary, Debug)]
struct Framework {
    id: Id,
    name: Label,
    acronym: Option<String>,
    launched: Option<DateText>,
    ended: Option<DateText>,
    replaced_by: Option<Id>,
    summary: Option<String>,
    sources: Vec<Id>,
    body: Vec<Piece>,
}

impl Framework {
    fn text(&self) -> String {
        let replaced_by = self.replaced_by.as_ref().map(|id| id.of(FRAMEWORKS));
        let mut front = Yaml::default();
        front
            .text("name", &self.name.text())
            .maybe("acronym", self.acronym.as_deref())
            .date("launched", self.launched.as_ref())
            .date("ended", self.ended.as_ref())
            .maybe("replaced_by", replaced_by.as_deref())
            .maybe("summary", self.summary.as_deref())
            .ids("sources", &self.sources, SOURCES);
        document(&front.out, &self.body)
    }
}

#[derive(Arbitrary, Debug)]
struct Programme {
    id: Id,
    name: Label,
    acronym: Option<String>,
    launched: Option<DateText>,
    frameworks: Vec<Id>,
    sources: Vec<Id>,
    body: Vec<Piece>,
}

impl Programme {
    fn text(&self) -> String {
        let mut front = Yaml::default();
        front
            .text("name", &self.name.text())
            .maybe("acronym", self.acronym.as_deref())
            .date("launched", self.launched.as_ref())
            .ids("frameworks", &self.frameworks, FRAMEWORKS)
            .ids("sources", &self.sources, SOURCES);
        document(&front.out, &self.body)
    }
}

#[derive(Arbitrary, Debug)]
struct Operation {
    id: Id,
    name: Label,
    acronym: Option<String>,
    from: Option<DateText>,
    until: Option<DateText>,
    theatre: Option<String>,
    sources: Vec<Id>,
    body: Vec<Piece>,
}

impl Operation {
    fn text(&self) -> String {
        let mut front = Yaml::default();
        front
            .text("name", &self.name.text())
            .maybe("acronym", self.acronym.as_deref())
            .date("from", self.from.as_ref())
            .date("until", self.until.as_ref())
            .maybe("theatre", self.theatre.as_deref())
            .ids("sources", &self.sources, SOURCES);
        document(&front.out, &self.body)
    }
}

#[derive(Arbitrary, Debug)]
struct Page {
    id: Id,
    title: Option<Label>,
    body: Vec<Piece>,
}

impl Page {
    fn text(&self) -> String {
        match &self.title {
            Some(title) => document(&format!("title: {}\n", quote(&title.text())), &self.body),
            None => body(&self.body),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct Event {
    date: DateText,
    title: Label,
    kind: u8,
    summary: Vec<Piece>,
    partners: Vec<Id>,
    frameworks: Vec<Id>,
    note: Option<String>,
    sources: Vec<Id>,
}

#[derive(Arbitrary, Debug)]
struct Source {
    id: Id,
    title: Label,
    publisher: String,
    date: String,
    url: Option<String>,
}

#[derive(Arbitrary, Debug)]
struct Term {
    term: u8,
    expansion: String,
    refers_to: Option<Id>,
}

/// A whole content folder. Its `Debug` prints the files as they are written, so
/// `cargo fuzz fmt site <input>` shows the content folder an input stands for.
#[derive(Arbitrary)]
struct Site {
    title: String,
    description: String,
    start: u8,
    end: u8,
    status_as_of: DateText,
    home: Option<Vec<Piece>>,
    partners: Vec<Partner>,
    frameworks: Vec<Framework>,
    programmes: Vec<Programme>,
    operations: Vec<Operation>,
    pages: Vec<Page>,
    events: Vec<Event>,
    sources: Vec<Source>,
    glossary: Vec<Term>,
    /// One file of any name and text, in any folder of `content/`.
    stray: Option<(u8, String, String)>,
}

impl Site {
    /// Every file of the content folder: path relative to `content/`, and text.
    fn files(&self) -> Vec<(String, String)> {
        let mut files = Vec::new();
        files.push((
            "site.yaml".to_string(),
            format!(
                "title: {}\ndescription: {}\ntimeline:\n  start: {}\n  end: {}\nstatus_as_of: {}\n",
                quote(&self.title),
                quote(&self.description),
                1985 + u16::from(self.start % 10),
                2015 + u16::from(self.end % 12),
                self.status_as_of.yaml()
            ),
        ));
        if let Some(home) = &self.home {
            files.push(("index.md".to_string(), body(home)));
        }
        documents(
            &mut files,
            "partners",
            PARTNERS,
            self.partners.iter().map(|p| (&p.id, p.text())),
        );
        documents(
            &mut files,
            "frameworks",
            FRAMEWORKS,
            self.frameworks.iter().map(|f| (&f.id, f.text())),
        );
        documents(
            &mut files,
            "programmes",
            PROGRAMMES,
            self.programmes.iter().map(|p| (&p.id, p.text())),
        );
        documents(
            &mut files,
            "operations",
            OPERATIONS,
            self.operations.iter().map(|o| (&o.id, o.text())),
        );
        documents(
            &mut files,
            "pages",
            PAGES,
            self.pages.iter().map(|p| (&p.id, p.text())),
        );
        let mut list = |path: &str, entries: Vec<Yaml>| {
            if !entries.is_empty() {
                let text = entries.into_iter().map(|entry| entry.out).collect();
                files.push((path.to_string(), text));
            }
        };
        let events = self.events.iter().take(2 * MAX_RECORDS).map(|e| {
            let mut entry = Yaml::default();
            entry
                .entry("date", e.date.yaml())
                .text("title", &e.title.text())
                .raw(
                    "kind",
                    EventKind::ALL[usize::from(e.kind) % EventKind::ALL.len()].name(),
                )
                .text("summary", &body(&e.summary))
                .ids("partners", &e.partners, PARTNERS)
                .ids("frameworks", &e.frameworks, FRAMEWORKS)
                .maybe("note", e.note.as_deref())
                .ids("sources", &e.sources, SOURCES);
            entry
        });
        list("timeline/events.yaml", events.collect());
        let sources = self.sources.iter().take(MAX_RECORDS).map(|s| {
            let mut entry = Yaml::default();
            entry
                .entry("id", quote(&s.id.of(SOURCES)))
                .text("title", &s.title.text())
                .text("publisher", &s.publisher)
                .text("date", &s.date)
                .maybe("url", s.url.as_deref());
            entry
        });
        list("sources.yaml", sources.collect());
        let terms = self.glossary.iter().take(MAX_RECORDS).map(|t| {
            let refers_to = t.refers_to.as_ref().map(|id| id.of(&all_entities()));
            let mut entry = Yaml::default();
            entry
                .entry("term", pick(TERMS, t.term))
                .text("expansion", &t.expansion)
                .maybe("refers_to", refers_to.as_deref());
            entry
        });
        list("glossary.yaml", terms.collect());
        if let Some((folder, name, text)) = &self.stray {
            let folder = pick(
                &[
                    "",
                    "partners/",
                    "frameworks/",
                    "pages/",
                    "timeline/",
                    "other/",
                ],
                *folder,
            );
            if writable(name) {
                files.push((format!("{folder}{name}"), text.clone()));
            }
        }
        files
    }
}

/// Up to [`MAX_RECORDS`] Markdown documents of one kind, as `folder/<id>.md`.
fn documents<'a>(
    files: &mut Vec<(String, String)>,
    folder: &str,
    pool: &[&'static str],
    records: impl Iterator<Item = (&'a Id, String)>,
) {
    for (id, text) in records.take(MAX_RECORDS) {
        files.push((format!("{folder}/{}.md", id.file_name(pool)), text));
    }
}

impl std::fmt::Debug for Site {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (relative, text) in self.files() {
            writeln!(f, "==> content/{relative} <==\n{text}")?;
        }
        Ok(())
    }
}

fn write_site(root: &Path, site: &Site) -> std::io::Result<()> {
    for (relative, text) in site.files() {
        let path = root.join("content").join(relative);
        std::fs::create_dir_all(path.parent().expect("a file in a folder"))?;
        std::fs::write(path, text)?;
    }
    Ok(())
}

fuzz_target!(|site: Site| {
    let dir = tempfile::tempdir().expect("a temporary folder");
    if write_site(dir.path(), &site).is_err() {
        // A name the file system refuses (too long once encoded, say): not a finding.
        return;
    }
    let _ = natopartners::check(dir.path());
});
