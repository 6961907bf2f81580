//! What a rebuild can keep from the build before it. An edit that changes only the
//! prose of some pages (not their front matter, not which pages they link or which
//! sources they cite, nothing else in `content/`, no template) can change only those
//! pages and the search index; every other page is kept as it was. Anything else
//! renders the whole site again. The result is the same either way: a test renders
//! both ways and compares every byte.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

use crate::model::LoadedContent;
use crate::render::{OutputFile, urls};
use crate::resolve::Site;

/// The last good build, as far as a rebuild needs it.
pub struct Previous {
    /// [`graph_key`] of that build.
    graph: u64,
    /// That build's site, for its documents' bodies.
    site: Arc<Site>,
    /// Every rendered file.
    pages: Vec<OutputFile>,
}

impl Previous {
    /// `inputs` is the [`inputs_key`] of the content `site` was resolved from.
    pub fn new(site: &Arc<Site>, inputs: u64, templates: u64, pages: &[OutputFile]) -> Previous {
        Previous {
            graph: graph_key(site, inputs, templates),
            site: Arc::clone(site),
            pages: pages.to_vec(),
        }
    }

    /// That build's site.
    pub fn site(&self) -> &Site {
        &self.site
    }

    /// The documents whose bodies changed, when nothing else did; `None` when the
    /// whole site must be rendered again.
    pub fn changed_bodies(&self, site: &Site, inputs: u64, templates: u64) -> Option<Vec<usize>> {
        if graph_key(site, inputs, templates) != self.graph {
            return None;
        }
        let before: HashMap<&Path, &str> = self
            .site
            .documents
            .iter()
            .map(|d| (d.origin.file.as_path(), d.body()))
            .collect();
        Some(
            site.documents
                .iter()
                .enumerate()
                .filter(|(_, d)| before.get(d.origin.file.as_path()) != Some(&d.body()))
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

/// A fingerprint of everything `load` read except the documents' bodies: the
/// configuration, every YAML file, the home page, and each document's file, id and
/// front matter. Computed before resolving, from the texts as they were read.
pub fn inputs_key(content: &LoadedContent) -> u64 {
    let mut hasher = DefaultHasher::new();
    format!("{:?}", content.site).hash(&mut hasher);
    content.home.as_ref().map(|h| &h.text).hash(&mut hasher);
    for document in &content.documents {
        document.origin.file.hash(&mut hasher);
        document.id.hash(&mut hasher);
        let front = document.text.len().saturating_sub(document.body().len());
        document.text.get(..front).hash(&mut hasher);
    }
    let mut texts: Vec<_> = content.texts.iter().collect();
    texts.sort_unstable();
    texts.hash(&mut hasher);
    hasher.finish()
}

/// A fingerprint of everything a page may read except the documents' bodies: the
/// [`inputs_key`] of the content, the configuration as the session set it, who
/// links to whom and who cites what, and the templates' version.
fn graph_key(site: &Site, inputs: u64, templates: u64) -> u64 {
    let mut hasher = DefaultHasher::new();
    inputs.hash(&mut hasher);
    templates.hash(&mut hasher);
    format!("{:?}", site.config).hash(&mut hasher);
    let mut backlinks: Vec<_> = site.backlinks.iter().collect();
    backlinks.sort_unstable_by_key(|(id, _)| *id);
    backlinks.hash(&mut hasher);
    let mut citers: Vec<_> = site.citers.iter().collect();
    citers.sort_unstable_by_key(|(id, _)| *id);
    citers.hash(&mut hasher);
    hasher.finish()
}
