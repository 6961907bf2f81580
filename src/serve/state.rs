//! What the server hands out: the files of the last good build, held in memory, and
//! the diagnostics of the last build if it failed. A snapshot is replaced whole, so
//! a request never sees a half-built site.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};

use tokio::sync::watch;

use crate::{DeferredPrint, Rendered};

/// One file of the served site.
pub use bytes::Bytes;

/// The site as served at one moment.
#[derive(Default)]
pub struct Snapshot {
    /// Output path (`partners/austria.html`) → contents, from the last good build.
    pub files: HashMap<String, Bytes>,
    /// The errors of the latest build, when it failed; the files stay those of the
    /// build before.
    pub failure: Option<Failed>,
    /// A file of the same build left to render when first asked for (the print
    /// edition after an edit to prose alone).
    pub deferred: Option<Arc<Deferred>>,
}

impl Snapshot {
    /// Whether `path` is the file left to render on demand.
    pub fn is_deferred(&self, path: &str) -> bool {
        self.deferred.as_ref().is_some_and(|d| d.job.path() == path)
    }
}

/// A file rendered once, when first asked for.
pub struct Deferred {
    job: DeferredPrint,
    done: OnceLock<Option<Bytes>>,
}

impl Deferred {
    /// The file, rendered on the first call (which may take a while: call it off
    /// the async workers); `None` when it failed to render or the site has none.
    pub fn get(&self) -> Option<Bytes> {
        self.done
            .get_or_init(|| match self.job.render() {
                Ok(file) => file.map(|f| f.contents),
                Err(errors) => {
                    for error in errors.sorted() {
                        eprintln!("{error}");
                    }
                    None
                }
            })
            .clone()
    }
}

/// A failed rebuild, ready to show.
pub struct Failed {
    /// The overlay's markup listing every diagnostic, made once per failure.
    pub overlay: String,
}

/// The server's shared state: the current snapshot and a counter of builds that
/// open pages watch to know when to reload.
pub struct Shared {
    current: RwLock<Arc<Snapshot>>,
    generation: watch::Sender<u64>,
}

impl Shared {
    pub fn new() -> Self {
        let (generation, _) = watch::channel(0);
        Shared {
            current: RwLock::new(Arc::new(Snapshot::default())),
            generation,
        }
    }

    /// The snapshot to answer one request from.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        match self.current.read() {
            Ok(guard) => Arc::clone(&guard),
            // A writer panicked mid-swap; the Arc inside is still whole.
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Builds counted so far; changes after every rebuild, good or bad.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.generation.subscribe()
    }

    /// A successful build replaces every file and clears any failure.
    pub fn publish(&self, rendered: &Rendered) {
        let mut files: HashMap<String, Bytes> =
            HashMap::with_capacity(rendered.pages.len() + rendered.statics.len());
        for file in &rendered.statics {
            files.insert(file.path.clone(), Bytes::copy_from_slice(&file.contents));
        }
        for page in &rendered.pages {
            files.insert(page.path.clone(), page.contents.clone());
        }
        let deferred = rendered.deferred_print.clone().map(|job| {
            Arc::new(Deferred {
                job,
                done: OnceLock::new(),
            })
        });
        self.replace(Snapshot {
            files,
            failure: None,
            deferred,
        });
    }

    /// A failed build keeps the last good files and adds the failure.
    pub fn fail(&self, failed: Failed) {
        let last = self.snapshot();
        self.replace(Snapshot {
            files: last.files.clone(),
            failure: Some(failed),
            deferred: last.deferred.clone(),
        });
    }

    fn replace(&self, snapshot: Snapshot) {
        let snapshot = Arc::new(snapshot);
        match self.current.write() {
            Ok(mut guard) => *guard = snapshot,
            Err(poisoned) => *poisoned.into_inner() = snapshot,
        }
        self.generation.send_modify(|n| *n += 1);
    }
}

impl Default for Shared {
    fn default() -> Self {
        Self::new()
    }
}

/// Why a request path was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// Not valid percent-encoded UTF-8, or holds a NUL or a backslash.
    Malformed,
    /// A `..` segment, raw or percent-encoded: an attempt to leave the site.
    Traversal,
}

/// The output path a request path names: percent-decoded, `.` and empty segments
/// dropped, a trailing `/` meaning its `index.html`. Any `..` is refused, whether
/// written raw or encoded, rather than resolved: the server only ever looks up
/// keys of the in-memory site, so nothing outside it can be named at all.
pub fn output_path(request_path: &str) -> Result<String, Refused> {
    let decoded = percent_encoding::percent_decode_str(request_path)
        .decode_utf8()
        .map_err(|_| Refused::Malformed)?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return Err(Refused::Malformed);
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Err(Refused::Traversal),
            other => segments.push(other),
        }
    }
    let mut path = segments.join("/");
    if path.is_empty() || decoded.ends_with('/') {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_map_to_output_paths() {
        assert_eq!(output_path("/").as_deref(), Ok("index.html"));
        assert_eq!(output_path("").as_deref(), Ok("index.html"));
        assert_eq!(
            output_path("/partners/").as_deref(),
            Ok("partners/index.html")
        );
        assert_eq!(
            output_path("/partners/austria.html").as_deref(),
            Ok("partners/austria.html")
        );
        assert_eq!(output_path("//./a//b.css").as_deref(), Ok("a/b.css"));
        assert_eq!(
            output_path("/pages/caf%C3%A9.html").as_deref(),
            Ok("pages/café.html")
        );
    }

    #[test]
    fn traversal_is_refused_however_it_is_written() {
        for path in [
            "/../etc/passwd",
            "/partners/../../x",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/a/%2e%2e",
            "/..",
        ] {
            assert_eq!(output_path(path), Err(Refused::Traversal), "{path}");
        }
        for path in ["/a%5c..%5cb", "/a%00.html", "/%ff.html"] {
            assert_eq!(output_path(path), Err(Refused::Malformed), "{path}");
        }
    }
}
