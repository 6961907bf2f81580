//! Whole content folders drawn at random (ids, dates, titles in any script,
//! references that may or may not resolve) go through load → resolve → lint →
//! render. Whatever is drawn, the generator answers with a site or with
//! diagnostics, never a panic; and when `check` accepts a folder, `build` writes a
//! site whose every internal link resolves.

mod common;

use std::path::Path;

use natopartners::model::EventKind;
use proptest::prelude::*;

/// Ids mostly drawn from a small pool, so that references often resolve and
/// duplicates happen; sometimes any slug, sometimes any text a file name can hold.
fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(&["alpha", "beta", "gamma", "delta", "index", "src-a", "src-b"][..])
            .prop_map(String::from),
        2 => "[a-z0-9-]{1,16}",
        1 => "[^/\\\\\u{0}]{1,24}".prop_filter("a file name", |s| s != "." && s != ".."),
    ]
}

/// Text in any script, long titles included (anchors are cut at 80 bytes).
fn title() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => "\\PC{1,120}",
        1 => any::<String>(),
        2 => "[а-яёé ]{60,100}",
    ]
}

fn date() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (1985u16..2030, 0u8..14, 0u8..31).prop_map(|(y, m, d)| match (m, d) {
            (0, _) => format!("{y}"),
            (m, 0) => format!("{y}-{m:02}"),
            (m, d) => format!("{y}-{m:02}-{d:02}"),
        }),
        1 => "[0-9-]{0,12}",
        1 => any::<String>(),
    ]
}

/// A YAML scalar holding exactly `text` (JSON strings are YAML scalars).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn list(items: &[String]) -> String {
    format!(
        "[{}]",
        items
            .iter()
            .map(|i| quoted(i))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// A Markdown body linking and citing ids, with text around them.
fn body() -> impl Strategy<Value = String> {
    prop::collection::vec((title(), id(), prop::bool::ANY), 0..4).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(text, target, cite)| {
                if cite {
                    format!("{text} [@{target}].\n\n")
                } else {
                    format!("{text} [[{target}]].\n\n")
                }
            })
            .collect()
    })
}

#[derive(Debug, Clone)]
struct Partner {
    id: String,
    name: String,
    kind: &'static str,
    iso: &'static str,
    status: &'static str,
    nato_member: Option<String>,
    memberships: Vec<(String, Option<String>, Option<String>)>,
    sources: Vec<String>,
    body: String,
}

fn partner() -> impl Strategy<Value = Partner> {
    (
        (
            id(),
            title(),
            prop::sample::select(&["country", "organisation", "planet"][..]),
            prop::sample::select(&["AUT", "POL", "XKX", "QQQ", "aut", "AUS"][..]),
            prop::sample::select(&["partner", "member", "suspended", "interlocutor", "x"][..]),
            prop::option::of(date()),
        ),
        prop::collection::vec(
            (id(), prop::option::of(date()), prop::option::of(date())),
            0..3,
        ),
        prop::collection::vec(id(), 0..3),
        body(),
    )
        .prop_map(
            |((id, name, kind, iso, status, nato_member), memberships, sources, body)| Partner {
                id,
                name,
                kind,
                iso,
                status,
                nato_member,
                memberships,
                sources,
                body,
            },
        )
}

impl Partner {
    fn file(&self) -> String {
        let mut text = format!(
            "---\nname: {}\nkind: {}\nregion: Western Europe\n",
            quoted(&self.name),
            self.kind
        );
        if self.kind == "country" {
            text += &format!("iso: {}\n", self.iso);
        }
        text += &format!("status: {}\n", self.status);
        if let Some(date) = &self.nato_member {
            text += &format!("nato_member: {}\n", quoted(date));
        }
        if !self.memberships.is_empty() {
            text += "memberships:\n";
            for (framework, from, until) in &self.memberships {
                text += &format!("  - framework: {}\n", quoted(framework));
                if let Some(from) = from {
                    text += &format!("    from: {}\n", quoted(from));
                }
                if let Some(until) = until {
                    text += &format!("    until: {}\n", quoted(until));
                }
            }
        }
        text += &format!("sources: {}\n---\n{}", list(&self.sources), self.body);
        text
    }
}

#[derive(Debug, Clone)]
struct Event {
    date: String,
    title: String,
    kind: &'static str,
    summary: String,
    partners: Vec<String>,
    frameworks: Vec<String>,
    sources: Vec<String>,
}

fn event() -> impl Strategy<Value = Event> {
    (
        date(),
        title(),
        // Every kind, and one that is not.
        prop::sample::select(
            EventKind::ALL
                .map(EventKind::name)
                .into_iter()
                .chain(["party"])
                .collect::<Vec<_>>(),
        ),
        body(),
        prop::collection::vec(id(), 0..3),
        prop::collection::vec(id(), 0..2),
        prop::collection::vec(id(), 0..2),
    )
        .prop_map(
            |(date, title, kind, summary, partners, frameworks, sources)| Event {
                date,
                title,
                kind,
                summary,
                partners,
                frameworks,
                sources,
            },
        )
}

impl Event {
    fn entry(&self) -> String {
        format!(
            "- date: {}\n  title: {}\n  kind: {}\n  summary: {}\n  partners: {}\n  frameworks: {}\n  sources: {}\n",
            quoted(&self.date),
            quoted(&self.title),
            self.kind,
            quoted(&self.summary),
            list(&self.partners),
            list(&self.frameworks),
            list(&self.sources),
        )
    }
}

#[derive(Debug, Clone)]
struct Folder {
    sources: Vec<(String, String)>,
    frameworks: Vec<(String, String, Option<String>, String)>,
    partners: Vec<Partner>,
    events: Vec<Event>,
    home: String,
}

fn folder() -> impl Strategy<Value = Folder> {
    (
        prop::collection::vec((id(), title()), 0..3),
        prop::collection::vec((id(), title(), prop::option::of(date()), body()), 0..3),
        prop::collection::vec(partner(), 0..4),
        prop::collection::vec(event(), 0..4),
        body(),
    )
        .prop_map(|(sources, frameworks, partners, events, home)| Folder {
            sources,
            frameworks,
            partners,
            events,
            home,
        })
}

impl Folder {
    /// Writes the folder under `root/content`. Files whose names the file system
    /// refuses are left out: that is not what is under test.
    fn write(&self, root: &Path) {
        let content = root.join("content");
        let put = |relative: String, text: String| {
            let path = content.join(relative);
            if let Some(parent) = path.parent() {
                let _ = std::fs::create_dir_all(parent);
            }
            let _ = std::fs::write(path, text);
        };
        put(
            "site.yaml".into(),
            "title: Random\ndescription: Drawn at random.\ntimeline:\n  start: 1990\n  end: 2022\nstatus_as_of: 2022-12-31\n".into(),
        );
        put("index.md".into(), self.home.clone());
        let sources: String = self
            .sources
            .iter()
            .map(|(id, title)| {
                format!(
                    "- id: {}\n  title: {}\n  publisher: NATO\n  date: 2020\n",
                    quoted(id),
                    quoted(title)
                )
            })
            .collect();
        put("sources.yaml".into(), sources);
        for (id, name, launched, body) in &self.frameworks {
            let launched = launched
                .as_ref()
                .map(|d| format!("launched: {}\n", quoted(d)))
                .unwrap_or_default();
            put(
                format!("frameworks/{id}.md"),
                format!(
                    "---\nname: {}\n{launched}sources: [src-a]\n---\n{body}",
                    quoted(name)
                ),
            );
        }
        for partner in &self.partners {
            put(format!("partners/{}.md", partner.id), partner.file());
        }
        let events: String = self.events.iter().map(Event::entry).collect();
        put("timeline/events.yaml".into(), events);
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        max_shrink_iters: 300,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_content_folder_gives_a_site_or_diagnostics(folder in folder()) {
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        folder.write(dir.path());
        // A panic inside fails the case (proptest catches it and shrinks the folder).
        let checked = natopartners::check(dir.path());
        if checked.is_ok() {
            let output = dir.path().join("public");
            let built = natopartners::build(&natopartners::BuildOptions {
                root: dir.path().to_path_buf(),
                output: output.clone(),
                base_url: None,
            });
            prop_assert!(built.is_ok(), "check passed but build failed: {:?}", built.err());
            let broken = common::broken_links(&output);
            prop_assert!(broken.is_empty(), "broken links: {broken:#?}");
        }
    }
}
