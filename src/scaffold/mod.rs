//! `new`: starts a content file with every field of the content contract
//! (docs/content.md) written out. Required fields get a placeholder that `check`
//! accepts, optional ones are YAML comments saying what they hold, and the body says
//! what to write. Nothing is invented: no date, no source, no membership.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::load::{CONTENT_DIR, RESERVED_IDS, frontmatter, is_valid_id};
use crate::model::EntityKind;

mod stub;
#[cfg(test)]
use stub::scalar;
pub use stub::stub;

/// The regions of the partners index (docs/content.md, "Partners").
pub const REGIONS: &[&str] = &[
    "Central Europe",
    "Baltic states",
    "South-Eastern Europe",
    "Western Balkans",
    "Nordic countries",
    "Western Europe",
    "Eastern Europe",
    "South Caucasus",
    "Central Asia",
    "North Africa",
    "Middle East",
    "Gulf",
    "Asia-Pacific",
    "South Asia",
    "Latin America",
    "Africa",
    "Europe",
    "Global",
];

/// The region a new partner starts with, until the editor sets its own.
const PLACEHOLDER_REGION: &str = "Global";

/// Column where the explaining comments start, as in docs/content.md.
const COMMENT_COLUMN: usize = 34;

/// Why `new` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum NewError {
    #[error(
        "`{id}` is not a valid id: an id holds only lowercase letters (a-z), digits and hyphens, and starts with a letter or digit"
    )]
    InvalidId { id: String },
    #[error(
        "the id `{id}` is reserved: it names the home page and every section's index page (reserved ids: {reserved}); choose another id",
        reserved = RESERVED_IDS.join(", ")
    )]
    ReservedId { id: String },
    #[error(
        "the id `{id}` is taken: {taken_by}; ids are unique across partners, frameworks, programmes, operations, pages and sources, so choose another id or edit the existing file"
    )]
    Taken { id: String, taken_by: String },
    #[error(
        "the partner `{id}` would be the country with ISO code {iso}, but {holder} already has `iso: {iso}` and no two partners may share a code; edit that file instead"
    )]
    IsoTaken {
        id: String,
        iso: String,
        holder: String,
    },
    #[error(
        "no content folder at {}: run `new` in a site root, or give it with --root DIR",
        path.display()
    )]
    NoContent { path: PathBuf },
    #[error("{}: {message}", path.display())]
    Io { path: PathBuf, message: String },
}

impl NewError {
    fn io(path: &Path, error: io::Error) -> Self {
        NewError::Io {
            path: path.to_path_buf(),
            message: error.to_string(),
        }
    }
}

/// What `new` wrote.
#[derive(Debug, Clone)]
pub struct Created {
    pub kind: EntityKind,
    pub id: String,
    /// The file written: `<root>/content/<folder>/<id>.md`.
    pub path: PathBuf,
    /// Placeholders and guesses the editor should look at first.
    pub notes: Vec<String>,
}

/// The name a new entity starts with: its id's words, capitalised
/// (`partnership-for-peace` → "Partnership For Peace").
pub fn name_from_id(id: &str) -> String {
    id.split('-')
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// The country ISO 3166-1 knows by a new partner's name, if any.
fn country_of(id: &str) -> Option<celes::Country> {
    crate::resolve::country_named(&name_from_id(id))
}

/// Writes `content/<folder>/<id>.md` under `root`, after checking that the id is
/// valid, not reserved and not taken by any entity or source. An existing file is
/// never overwritten; on any error nothing is written.
pub fn create(root: &Path, kind: EntityKind, id: &str) -> Result<Created, NewError> {
    if !is_valid_id(id) {
        return Err(NewError::InvalidId { id: id.to_string() });
    }
    if RESERVED_IDS.contains(&id) {
        return Err(NewError::ReservedId { id: id.to_string() });
    }
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        return Err(NewError::NoContent { path: content });
    }
    if let Some(taken_by) = taken_by(&content, id)? {
        return Err(NewError::Taken {
            id: id.to_string(),
            taken_by,
        });
    }
    let country = (kind == EntityKind::Partner)
        .then(|| country_of(id))
        .flatten();
    if let Some(country) = &country
        && let Some(holder) = partner_with_iso(&content, country.alpha3)
    {
        return Err(NewError::IsoTaken {
            id: id.to_string(),
            iso: country.alpha3.to_string(),
            holder,
        });
    }

    let folder = content.join(kind.folder());
    fs::create_dir_all(&folder).map_err(|e| NewError::io(&folder, e))?;
    let path = folder.join(format!("{id}.md"));
    let text = stub(kind, id);
    let mut file = match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
            return Err(NewError::Taken {
                id: id.to_string(),
                taken_by: format!("{} exists", shown(&content, &path)),
            });
        }
        Err(error) => return Err(NewError::io(&path, error)),
    };
    if let Err(error) = file
        .write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
    {
        drop(file);
        let _ = fs::remove_file(&path);
        return Err(NewError::io(&path, error));
    }

    let mut notes = Vec::new();
    if kind == EntityKind::Partner {
        notes.push(match &country {
            Some(country) => format!(
                "`kind: country` and `iso: {}` ({}) come from the name; check them",
                country.alpha3, country.long_name
            ),
            None => "ISO 3166-1 knows no country of this name, so it is written as an organisation; for a country, set `kind: country` and its `iso`".to_string(),
        });
        notes.push(format!(
            "`region: {PLACEHOLDER_REGION}` is a placeholder: set the partner's own region"
        ));
    }
    if kind != EntityKind::Page {
        notes.push(
            "`sources` is empty: `check` warns until it lists the sources the page rests on"
                .to_string(),
        );
    }
    Ok(Created {
        kind,
        id: id.to_string(),
        path,
        notes,
    })
}

/// `path` as the content contract names it: `content/partners/<id>.md`.
fn shown(content: &Path, path: &Path) -> String {
    Path::new(CONTENT_DIR)
        .join(path.strip_prefix(content).unwrap_or(path))
        .display()
        .to_string()
}

/// What already holds `id`: a file of any kind, or a source in `sources.yaml`.
fn taken_by(content: &Path, id: &str) -> Result<Option<String>, NewError> {
    for kind in EntityKind::ALL {
        let path = content.join(kind.folder()).join(format!("{id}.md"));
        if path.exists() {
            return Ok(Some(format!(
                "{} exists ({})",
                shown(content, &path),
                crate::text::with_article(kind.singular())
            )));
        }
    }
    let sources = content.join("sources.yaml");
    let text = match fs::read_to_string(&sources) {
        Ok(text) => text,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(NewError::io(&sources, error)),
    };
    Ok(source_ids(&text)
        .iter()
        .any(|source| source == id)
        .then(|| format!("{} has a source `{id}`", shown(content, &sources))))
}

/// The `id` of every entry of a `sources.yaml`, read lightly: entries that would
/// fail the full check still count. A file that is not valid YAML is read line by
/// line for `id:` keys.
fn source_ids(text: &str) -> Vec<String> {
    use serde_yaml::Value;
    match serde_yaml::from_str::<Value>(text) {
        Ok(Value::Sequence(entries)) => entries
            .iter()
            .filter_map(|entry| match entry.get("id")? {
                Value::String(id) => Some(id.clone()),
                Value::Number(number) => Some(number.to_string()),
                _ => None,
            })
            .collect(),
        Ok(_) => Vec::new(),
        Err(_) => text
            .lines()
            .filter_map(|line| {
                let line = line.trim_start();
                let line = line.strip_prefix("- ").unwrap_or(line).trim_start();
                let value = line.strip_prefix("id:")?;
                let value = value.split(" #").next().unwrap_or(value).trim();
                Some(value.trim_matches(['"', '\'']).to_string())
            })
            .collect(),
    }
}

/// The partner file that already claims `iso`, if any. Files that cannot be read
/// or parsed are passed over: `check` reports them.
fn partner_with_iso(content: &Path, iso: &str) -> Option<String> {
    let folder = content.join(EntityKind::Partner.folder());
    let mut entries: Vec<PathBuf> = fs::read_dir(&folder)
        .ok()?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|x| x == "md"))
        .collect();
    entries.sort();
    entries.into_iter().find_map(|path| {
        let text = fs::read_to_string(&path).ok()?;
        let front = frontmatter::split(&text).ok()?.front_matter?;
        let meta: serde_yaml::Value = serde_yaml::from_str(front).ok()?;
        (meta.get("iso")?.as_str()? == iso).then(|| shown(content, &path))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_ids() {
        assert_eq!(
            name_from_id("partnership-for-peace"),
            "Partnership For Peace"
        );
        assert_eq!(name_from_id("g7"), "G7");
        assert_eq!(name_from_id("a--b-"), "A B");
    }

    #[test]
    fn names_that_read_as_other_types_are_quoted() {
        assert_eq!(scalar("Example Name"), "Example Name");
        assert_eq!(scalar("1999"), "'1999'");
        assert_eq!(scalar("True"), "'True'");
        assert_eq!(scalar("Null"), "'Null'");
    }

    #[test]
    fn source_ids_are_read_even_from_broken_files() {
        let good = "- id: a\n  title: T\n- id: b\n  publisher: P\n- title: no id\n";
        assert_eq!(source_ids(good), ["a", "b"]);
        let broken = "- id: a\n  title: [unclosed\n- id: 'b'  # note\n";
        assert_eq!(source_ids(broken), ["a", "b"]);
    }

    #[test]
    fn comments_line_up() {
        let text = stub(EntityKind::Operation, "test-operation");
        let line = text.lines().find(|l| l.starts_with("sources:")).unwrap();
        assert_eq!(line.find('#'), Some(COMMENT_COLUMN));
    }
}
