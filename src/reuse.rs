//! What a rebuild can keep from the build before it. An edit that changes only the
//! prose of some pages (not their front matter, not which pages they link or which
//! sources they cite, nothing else in `content/`, no template) can change only those
//! pages and the search index; every other page is kept as it was. Anything else
//! renders the whole site again. The result is the same either way: a test renders
//! both ways and compares every byte.

use std::collections::{BTreeMap, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;

use crate::render::{OutputFile, urls};
use crate::resolve::Site;

/// The last good build, as far as a rebuild needs it.
pub struct Previous {
    /// [`graph_key`] of that build.
    graph: u64,
    /// Each document's body, by file.
    bodies: HashMap<PathBuf, String>,
    /// Every rendered file.
    pages: Vec<OutputFile>,
}

impl Previous {
    pub fn new(site: &Site, templates: u64, pages: &[OutputFile]) -> Previous {
        Previous {
            graph: graph_key(site, templates),
            bodies: site
                .documents
                .iter()
                .map(|d| (d.origin.file.clone(), d.body.clone()))
                .collect(),
            pages: pages.to_vec(),
        }
    }

    /// The documents whose bodies changed, when nothing else did; `None` when the
    /// whole site must be rendered again.
    pub fn changed_bodies(&self, site: &Site, templates: u64) -> Option<Vec<usize>> {
        if graph_key(site, templates) != self.graph {
            return None;
        }
        Some(
            site.documents
                .iter()
                .enumerate()
                .filter(|(_, d)| self.bodies.get(&d.origin.file) != Some(&d.body))
                .map(|(index, _)| index)
                .collect(),
        )
    }

    /// The previous pages with `fresh` ones in their places. The search index's
    /// shards are all in `fresh`: old shards it no longer has are dropped, and new
    /// ones added at the end.
    pub fn merged(&self, fresh: Vec<OutputFile>) -> Vec<OutputFile> {
        let order: Vec<String> = fresh.iter().map(|f| f.path.clone()).collect();
        let mut by_path: HashMap<String, OutputFile> =
            fresh.into_iter().map(|f| (f.path.clone(), f)).collect();
        let mut merged: Vec<OutputFile> = self
            .pages
            .iter()
            .filter_map(|old| match by_path.remove(&old.path) {
                Some(new) => Some(new),
                None if old.path.starts_with(urls::SEARCH_SHARDS) => None,
                None => Some(old.clone()),
            })
            .collect();
        merged.extend(order.iter().filter_map(|path| by_path.remove(path)));
        merged
    }
}

/// A fingerprint of everything a page may read except the documents' bodies: the
/// configuration, every YAML file, the home page, each document's file, id and
/// front matter, who links to whom and who cites what, and the templates' version.
fn graph_key(site: &Site, templates: u64) -> u64 {
    let mut hasher = DefaultHasher::new();
    templates.hash(&mut hasher);
    format!("{:?}", site.config).hash(&mut hasher);
    site.home.as_ref().map(|h| &h.text).hash(&mut hasher);
    for document in &site.documents {
        document.origin.file.hash(&mut hasher);
        document.id.hash(&mut hasher);
        let front = document.text.len().saturating_sub(document.body.len());
        document.text.get(..front).hash(&mut hasher);
    }
    format!(
        "{:?}",
        site.events
            .iter()
            .map(|e| &e.entry.record)
            .collect::<Vec<_>>()
    )
    .hash(&mut hasher);
    format!("{:?}", site.sources).hash(&mut hasher);
    format!("{:?}", site.glossary).hash(&mut hasher);
    let backlinks: BTreeMap<_, _> = site.backlinks.iter().collect();
    format!("{backlinks:?}").hash(&mut hasher);
    let citers: BTreeMap<_, _> = site.citers.iter().collect();
    format!("{citers:?}").hash(&mut hasher);
    hasher.finish()
}
