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

const PARTNERS: &[&str] = &["austria", "poland", "un", "georgia"];
const FRAMEWORKS: &[&str] = &["pfp", "eapc", "md"];
const PROGRAMMES: &[&str] = &["parp", "pcm"];
const OPERATIONS: &[&str] = &["kfor", "isaf"];
const PAGES: &[&str] = &["about", "method"];
const SOURCES: &[&str] = &["src-a", "src-b", "src-c"];
const LANGUAGES: &[&str] = &["", "rust", "yaml", "html", "js", "markdown", "nope"];
const EVENT_KINDS: &[&str] = &[
    "summit",
    "launch",
    "accession",
    "membership",
    "policy",
    "operation",
    "suspension",
    "other",
];

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
        let writable = !id.is_empty()
            && id.len() <= 64
            && id != "."
            && id != ".."
            && !id.contains(['/', '\0']);
        if writable { id } else { pool[0].to_string() }
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

fn optional(out: &mut String, key: &str, value: Option<String>) {
    if let Some(value) = value {
        let _ = writeln!(out, "{key}: {value}");
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
        let mut front = String::new();
        let _ = writeln!(front, "name: {}", quote(&self.name.text()));
        let kind = if self.organisation {
            "organisation"
        } else {
            "country"
        };
        let _ = writeln!(front, "kind: {kind}");
        let _ = writeln!(front, "region: {}", quote(&self.region));
        optional(&mut front, "iso", self.iso.as_deref().map(quote));
        let status = pick(
            &["partner", "suspended", "member", "interlocutor"],
            self.status,
        );
        let _ = writeln!(front, "status: {status}");
        optional(&mut front, "summary", self.summary.as_deref().map(quote));
        optional(
            &mut front,
            "nato_member",
            self.nato_member.as_ref().map(DateText::yaml),
        );
        if !self.memberships.is_empty() {
            front.push_str("memberships:\n");
            for m in self.memberships.iter().take(MAX_RECORDS) {
                let _ = writeln!(
                    front,
                    "  - framework: {}",
                    quote(&m.framework.of(FRAMEWORKS))
                );
                optional(&mut front, "    from", m.from.as_ref().map(DateText::yaml));
                optional(
                    &mut front,
                    "    until",
                    m.until.as_ref().map(DateText::yaml),
                );
                optional(&mut front, "    role", m.role.as_deref().map(quote));
            }
        }
        if !self.programmes.is_empty() {
            front.push_str("programmes:\n");
            for (id, from) in self.programmes.iter().take(MAX_RECORDS) {
                let _ = writeln!(front, "  - id: {}", quote(&id.of(PROGRAMMES)));
                optional(&mut front, "    from", from.as_ref().map(DateText::yaml));
            }
        }
        if !self.operations.is_empty() {
            front.push_str("operations:\n");
            for (id, role) in self.operations.iter().take(MAX_RECORDS) {
                match role {
                    None => {
                        let _ = writeln!(front, "  - {}", quote(&id.of(OPERATIONS)));
                    }
                    Some(role) => {
                        let _ = writeln!(front, "  - id: {}", quote(&id.of(OPERATIONS)));
                        let _ = writeln!(front, "    role: {}", quote(role));
                    }
                }
            }
        }
        let _ = writeln!(front, "sources: {}", id_list(&self.sources, SOURCES));
        document(&front, &self.body)
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
        let mut front = String::new();
        let _ = writeln!(front, "name: {}", quote(&self.name.text()));
        optional(&mut front, "acronym", self.acronym.as_deref().map(quote));
        optional(
            &mut front,
            "launched",
            self.launched.as_ref().map(DateText::yaml),
        );
        optional(&mut front, "ended", self.ended.as_ref().map(DateText::yaml));
        optional(
            &mut front,
            "replaced_by",
            self.replaced_by
                .as_ref()
                .map(|id| quote(&id.of(FRAMEWORKS))),
        );
        optional(&mut front, "summary", self.summary.as_deref().map(quote));
        let _ = writeln!(front, "sources: {}", id_list(&self.sources, SOURCES));
        document(&front, &self.body)
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
        let mut front = String::new();
        let _ = writeln!(front, "name: {}", quote(&self.name.text()));
        optional(&mut front, "acronym", self.acronym.as_deref().map(quote));
        optional(
            &mut front,
            "launched",
            self.launched.as_ref().map(DateText::yaml),
        );
        let _ = writeln!(
            front,
            "frameworks: {}",
            id_list(&self.frameworks, FRAMEWORKS)
        );
        let _ = writeln!(front, "sources: {}", id_list(&self.sources, SOURCES));
        document(&front, &self.body)
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
        let mut front = String::new();
        let _ = writeln!(front, "name: {}", quote(&self.name.text()));
        optional(&mut front, "acronym", self.acronym.as_deref().map(quote));
        optional(&mut front, "from", self.from.as_ref().map(DateText::yaml));
        optional(&mut front, "until", self.until.as_ref().map(DateText::yaml));
        optional(&mut front, "theatre", self.theatre.as_deref().map(quote));
        let _ = writeln!(front, "sources: {}", id_list(&self.sources, SOURCES));
        document(&front, &self.body)
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
        for p in self.partners.iter().take(MAX_RECORDS) {
            files.push((
                format!("partners/{}.md", p.id.file_name(PARTNERS)),
                p.text(),
            ));
        }
        for f in self.frameworks.iter().take(MAX_RECORDS) {
            files.push((
                format!("frameworks/{}.md", f.id.file_name(FRAMEWORKS)),
                f.text(),
            ));
        }
        for p in self.programmes.iter().take(MAX_RECORDS) {
            files.push((
                format!("programmes/{}.md", p.id.file_name(PROGRAMMES)),
                p.text(),
            ));
        }
        for o in self.operations.iter().take(MAX_RECORDS) {
            files.push((
                format!("operations/{}.md", o.id.file_name(OPERATIONS)),
                o.text(),
            ));
        }
        for p in self.pages.iter().take(MAX_RECORDS) {
            files.push((format!("pages/{}.md", p.id.file_name(PAGES)), p.text()));
        }
        if !self.events.is_empty() {
            let mut text = String::new();
            for e in self.events.iter().take(2 * MAX_RECORDS) {
                let _ = writeln!(text, "- date: {}", e.date.yaml());
                let _ = writeln!(text, "  title: {}", quote(&e.title.text()));
                let _ = writeln!(text, "  kind: {}", pick(EVENT_KINDS, e.kind));
                let _ = writeln!(text, "  summary: {}", quote(&body(&e.summary)));
                let _ = writeln!(text, "  partners: {}", id_list(&e.partners, PARTNERS));
                let _ = writeln!(text, "  frameworks: {}", id_list(&e.frameworks, FRAMEWORKS));
                optional(&mut text, "  note", e.note.as_deref().map(quote));
                let _ = writeln!(text, "  sources: {}", id_list(&e.sources, SOURCES));
            }
            files.push(("timeline/events.yaml".to_string(), text));
        }
        if !self.sources.is_empty() {
            let mut text = String::new();
            for s in self.sources.iter().take(MAX_RECORDS) {
                let _ = writeln!(text, "- id: {}", quote(&s.id.of(SOURCES)));
                let _ = writeln!(text, "  title: {}", quote(&s.title.text()));
                let _ = writeln!(text, "  publisher: {}", quote(&s.publisher));
                let _ = writeln!(text, "  date: {}", quote(&s.date));
                optional(&mut text, "  url", s.url.as_deref().map(quote));
            }
            files.push(("sources.yaml".to_string(), text));
        }
        if !self.glossary.is_empty() {
            let mut text = String::new();
            for t in self.glossary.iter().take(MAX_RECORDS) {
                let _ = writeln!(text, "- term: {}", pick(TERMS, t.term));
                let _ = writeln!(text, "  expansion: {}", quote(&t.expansion));
                let refers_to = t
                    .refers_to
                    .as_ref()
                    .map(|id| quote(&id.of(&all_entities())));
                optional(&mut text, "  refers_to", refers_to);
            }
            files.push(("glossary.yaml".to_string(), text));
        }
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
            let writable = !name.is_empty()
                && name.len() <= 64
                && name != "."
                && name != ".."
                && !name.contains(['/', '\0']);
            if writable {
                files.push((format!("{folder}{name}"), text.clone()));
            }
        }
        files
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
