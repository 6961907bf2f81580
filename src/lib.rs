//! A static reference site generator for NATO's partnerships, 1990–2022.
//!
//! The pipeline, one module per stage:
//! [`load`] (read `content/`) → [`resolve`] (one checked graph, derived lists) →
//! [`render`] (Markdown and Tera) → [`write`](mod@write) (a temporary folder that each page is
//! written into as it is rendered, swapped in only once the whole build succeeded).
//! Each stage takes the previous stage's output and nothing else.

pub mod allocator;
pub mod collisions;
pub mod date;
pub mod diagnostics;
pub mod geo;
pub mod hashing;
pub mod highlight;
pub mod html;
pub mod lint;
pub mod load;
pub mod markdown;
pub mod model;
pub mod offline;
pub mod render;
pub mod resolve;
mod reuse;
pub mod scaffold;
pub mod serve;
pub mod text;
pub mod write;

/// A hash map for the site's ids, names and words: ahash instead of std's SipHash,
/// which costs more than the lookups themselves on short keys.
pub type FastMap<K, V> = std::collections::HashMap<K, V, ahash::RandomState>;
/// The set of [`FastMap`].
pub type FastSet<T> = std::collections::HashSet<T, ahash::RandomState>;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use diagnostics::{Diagnostics, Failure};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The folder holding `content/`, `templates/` and `static/`.
    pub root: PathBuf,
    /// Where the site goes; `<root>/public` by default.
    pub output: PathBuf,
    /// Absolute URL of the published site, used for canonical links and the sitemap.
    pub base_url: Option<String>,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub elapsed: Duration,
    pub warnings: Diagnostics,
    /// Time spent in each stage, in order.
    pub timings: Timings,
}

/// Time spent in each stage of a run.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    pub stages: Vec<(&'static str, Duration)>,
}

impl Timings {
    /// Runs `stage` and records how long it took under `name`.
    pub fn time<T>(&mut self, name: &'static str, stage: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let result = stage();
        self.stages.push((name, started.elapsed()));
        result
    }
}

/// What a successful check found.
#[derive(Debug)]
pub struct CheckReport {
    pub pages: usize,
    pub warnings: Diagnostics,
}

/// Everything a build writes: rendered pages and static files, each path claimed once.
#[derive(Debug)]
pub struct Rendered {
    /// The files still to write (all of them when the render had no sink).
    pub pages: Vec<render::OutputFile>,
    /// The paths of the files a sink took as they were rendered (see
    /// [`Session::render_into`]).
    pub taken: Vec<String>,
    pub statics: Vec<write::StaticFile>,
    pub warnings: Diagnostics,
    /// Whether only the pages of edited prose were rendered, the rest kept from the
    /// build before.
    pub reused: bool,
    /// The print edition, when it was left to render on demand (see
    /// [`Session::deferring_print`]); `pages` then lacks it.
    pub deferred_print: Option<DeferredPrint>,
}

/// What the print edition is rendered from, kept so that it can be rendered when it
/// is first asked for rather than on every rebuild.
#[derive(Clone)]
pub struct DeferredPrint {
    site: Arc<resolve::Site>,
    tera: Arc<tera::Tera>,
    highlighter: Arc<highlight::Highlighter>,
}

impl std::fmt::Debug for DeferredPrint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeferredPrint").finish_non_exhaustive()
    }
}

impl DeferredPrint {
    /// Where the print edition goes.
    pub fn path(&self) -> &'static str {
        render::urls::PRINT
    }

    /// Renders it: the same bytes a full build writes.
    pub fn render(&self) -> Result<Option<render::OutputFile>, Diagnostics> {
        render::print_edition(&self.site, &self.tera, &self.highlighter)
    }
}

impl Rendered {
    /// The HTML pages of the build, the print edition too when it is left to
    /// render on demand.
    pub fn html_pages(&self) -> usize {
        let kept = self.pages.iter().map(|p| p.path.as_str());
        let rendered = kept
            .chain(self.taken.iter().map(String::as_str))
            .filter(|path| path.ends_with(".html"))
            .count();
        rendered + usize::from(self.deferred_print.is_some())
    }
}

/// A build context that lives across rebuilds (for `serve`): the syntax set is
/// loaded once and the templates are parsed again only after a template changed.
/// Each [`Session::render`] is still a pure function of the files on disk.
pub struct Session {
    root: PathBuf,
    base_url: Option<String>,
    highlighter: Option<Arc<highlight::Highlighter>>,
    templates: Option<Arc<tera::Tera>>,
    /// Counts template reloads, so that a rebuild knows the templates changed.
    templates_version: u64,
    /// Whether to remember each build for the next one (see [`Session::reusing`]).
    reuse: bool,
    /// The last good build, whose unchanged pages a rebuild may keep.
    previous: Option<reuse::Previous>,
    /// Parsed content files, kept when reusing.
    load_cache: load::LoadCache,
    /// Whether to make the offline copy (see [`Session::with_offline_copy`]).
    offline_copy: bool,
    /// The output folder of the build before, whose offline copy may lend entries.
    previous_output: Option<PathBuf>,
    /// Whether a prose-only rebuild leaves the print edition to be rendered on demand
    /// (see [`Session::deferring_print`]).
    defer_print: bool,
    /// The search entries' texts of the last build, kept when reusing.
    search_texts: render::SearchTexts,
    /// Whether renders make the search index and data downloads or only claim their
    /// paths (see [`Session::checking`]).
    derived: render::Derived,
}

impl Session {
    pub fn new(root: &Path, base_url: Option<String>) -> Self {
        Session {
            root: root.to_path_buf(),
            base_url,
            highlighter: None,
            templates: None,
            templates_version: 0,
            reuse: false,
            previous: None,
            load_cache: load::LoadCache::default(),
            offline_copy: false,
            previous_output: None,
            defer_print: false,
            search_texts: render::SearchTexts::default(),
            derived: render::Derived::Make,
        }
    }

    /// Render to check, not to publish: every page and the print edition go
    /// through their templates, but the search index and the data downloads, made
    /// from the checked site by code that content cannot make fail, are left out
    /// and only their paths claimed.
    pub fn checking(mut self) -> Self {
        self.derived = render::Derived::Claim;
        self
    }

    /// Make the offline copy, a zip of the whole site, as a build for publishing
    /// does; the pages that link to it give its size. `previous_output` is the
    /// folder the last build wrote, whose archive's entries for unchanged files are
    /// copied rather than compressed again.
    pub fn with_offline_copy(mut self, previous_output: Option<&Path>) -> Self {
        self.offline_copy = true;
        self.previous_output = previous_output.map(Path::to_path_buf);
        self
    }

    /// Remember each good build, so that a rebuild after an edit to prose alone
    /// renders only the pages that edit can change.
    pub fn reusing(mut self) -> Self {
        self.reuse = true;
        self
    }

    /// After an edit to prose alone, leave the print edition (one page holding every
    /// body, the slowest to render) out of the rebuild and hand back, in
    /// [`Rendered::deferred_print`], what renders it when it is asked for. A full
    /// rebuild still renders it, so a template error in it is reported as usual.
    pub fn deferring_print(mut self) -> Self {
        self.defer_print = true;
        self
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Parse the templates again on the next render.
    pub fn templates_changed(&mut self) {
        self.templates = None;
        self.templates_version += 1;
    }

    /// Load, resolve and render: everything but writing. Errors of every stage that
    /// could run are reported together.
    pub fn render(&mut self, timings: &mut Timings) -> Result<Rendered, Failure> {
        self.render_into(timings, None)
    }

    /// As [`Session::render`], handing most files to `sink` as they are rendered
    /// rather than keeping them all: [`Rendered::pages`] then holds only the rest,
    /// and [`Rendered::taken`] the paths of those the sink took. A sink that writes
    /// must not make its files visible before the whole render succeeds.
    pub fn render_into(
        &mut self,
        timings: &mut Timings,
        sink: Option<&dyn render::Sink>,
    ) -> Result<Rendered, Failure> {
        let root = self.root.as_path();
        // The syntax definitions (the first time) and the templates (when they are
        // not parsed yet) load while the content is read: none depends on another.
        let cache = self.reuse.then_some(&mut self.load_cache);
        let need_highlighter = self.highlighter.is_none();
        let need_templates = self.templates.is_none();
        let ((loaded, highlighter), parsed_templates) = timings.time("load", || {
            rayon::join(
                || {
                    rayon::join(
                        || load::load_with(root, cache),
                        || need_highlighter.then(highlight::Highlighter::default),
                    )
                },
                || {
                    need_templates.then(|| {
                        let started = Instant::now();
                        (render::templates::load(root), started.elapsed())
                    })
                },
            )
        });
        let (content, mut diagnostics) = loaded;
        allocator::fit_to_site(content.documents.len());
        if let Some(highlighter) = highlighter {
            self.highlighter = Some(Arc::new(highlighter));
        }
        let parsed_templates = parsed_templates.map(|(parsed, took)| {
            timings.stages.push(("templates", took));
            parsed
        });
        let inputs = self.reuse.then(|| reuse::inputs_key(&content));
        let previous_site = self.previous.as_ref().map(reuse::Previous::site);
        let mut site = timings.time("resolve", || {
            resolve::resolve(content, previous_site, &mut diagnostics)
        });
        if self.base_url.is_some() {
            site.config.base_url = self.base_url.clone();
        }
        // A site too large for one download gets no offline copy.
        site.config.offline_copy = self.offline_copy && render::scale::offline_copy(&site);
        timings.time("lint", || {
            diagnostics.extend(lint::lint(&site));
            resolve::apply_silences(&site.silences, &mut diagnostics);
        });
        // The scans of the bodies are needed again only by a rebuild that reuses
        // them; a single build lets them go (on another thread, since freeing
        // every reference of a large site takes a while) before rendering.
        if !self.reuse {
            let scans = std::mem::take(&mut site.scans);
            rayon::spawn(move || drop(scans));
        }
        // Shared with a print edition left to render later.
        let site = Arc::new(site);
        match parsed_templates {
            Some(Ok(tera)) => self.templates = Some(Arc::new(tera)),
            Some(Err(template_errors)) => {
                diagnostics.extend(template_errors);
                return Err(Failure::Content { diagnostics });
            }
            None => {}
        }
        let Some(tera) = &self.templates else {
            return Err(Failure::Content { diagnostics });
        };
        if diagnostics.has_errors() {
            return Err(Failure::Content { diagnostics });
        }
        let highlighter = self
            .highlighter
            .get_or_insert_with(|| Arc::new(highlight::Highlighter::default()));
        let version = self.templates_version;
        let changed = timings.time("compare", || {
            self.previous
                .as_ref()
                .zip(inputs)
                .and_then(|(previous, inputs)| previous.changed_bodies(&site, inputs, version))
        });
        let defer_print =
            self.defer_print && changed.is_some() && render::scale::print_edition(&site);
        // The offline copy holds every file: those a sink takes are compressed
        // into it as they pass, the rest once the render is done.
        let offline = site.config.offline_copy.then(|| {
            let folder = render::urls::offline_folder(&site.config.title);
            let path = format!("{folder}.zip");
            offline::OfflineCopy::new(&path, &folder, self.previous_output.as_deref())
        });
        let recorder = sink
            .zip(offline.as_ref())
            .map(|(sink, copy)| offline::Recorder::new(sink, copy));
        let sink = match &recorder {
            Some(recorder) => Some(recorder as &dyn render::Sink),
            None => sink,
        };
        let output = timings
            .time("render", || match (&self.previous, &changed) {
                (Some(previous), Some(changed)) => {
                    let texts = Some(&self.search_texts);
                    render::render_bodies(&site, tera, highlighter, changed, !defer_print, texts)
                        .map(|fresh| render::Output {
                            kept: previous.merged(fresh),
                            taken: Vec::new(),
                        })
                }
                _ => {
                    let texts = self.reuse.then_some(&self.search_texts);
                    render::render(&site, tera, highlighter, sink, texts, self.derived)
                }
            })
            .map_err(|errors| {
                let mut all = diagnostics.clone();
                all.extend(errors);
                Failure::Content { diagnostics: all }
            })?;
        let render::Output {
            kept: mut pages,
            taken,
        } = output;
        let statics = timings.time("statics", || {
            write::static_files(root, render::templates::default_static_files())
        })?;
        // A robots.txt of the editor's own replaces the generated one.
        if statics.iter().any(|s| s.path == render::urls::ROBOTS) {
            pages.retain(|p| p.path != render::urls::ROBOTS);
        }
        if let Some(copy) = offline {
            timings.time("offline", || copy.finish(&mut pages, &statics))?;
        }
        let paths = pages.iter().map(|p| p.path.as_str());
        let clashes = timings.time("collisions", || {
            collisions::check(
                &site,
                paths.chain(taken.iter().map(String::as_str)),
                &statics,
            )
        });
        if clashes.has_errors() {
            diagnostics.extend(clashes);
            return Err(Failure::Content { diagnostics });
        }
        // The print edition of the build before is out of date: drop it, after the
        // collision check has seen its path.
        let deferred_print = defer_print.then(|| {
            pages.retain(|p| p.path != render::urls::PRINT);
            DeferredPrint {
                site: Arc::clone(&site),
                tera: Arc::clone(tera),
                highlighter: Arc::clone(highlighter),
            }
        });
        if let Some(inputs) = inputs {
            self.search_texts.roll();
            let previous = reuse::Previous::new(&site, inputs, version, &pages);
            // The build before is let go on another thread: freeing every part of a
            // large site takes a while, and nothing waits for it.
            let replaced = self.previous.replace(previous);
            rayon::spawn(move || drop(replaced));
        }
        // A single build lets the site go the same way, while the last files are
        // written.
        if !self.reuse {
            rayon::spawn(move || drop(site));
        }
        Ok(Rendered {
            pages,
            taken,
            statics,
            warnings: warnings_only(diagnostics),
            reused: changed.is_some(),
            deferred_print,
        })
    }
}

/// A sink that lets every file go: `check` needs only to know they render.
struct Discard;

impl render::Sink for Discard {
    fn take(&self, _file: render::OutputFile) -> Option<render::OutputFile> {
        None
    }
}

/// Locks `mutex`, taking its value even if a thread panicked while holding it (the
/// values guarded this way are lists that a panic cannot leave half-changed).
pub(crate) fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn warnings_only(diagnostics: Diagnostics) -> Diagnostics {
    let mut warnings = Diagnostics::new();
    for warning in diagnostics.warnings() {
        warnings.push(warning.clone());
    }
    warnings
}

/// Builds the site into `options.output`. On any error the previous output is left
/// exactly as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Failure> {
    let started = Instant::now();
    let mut timings = Timings::default();
    write::check_output_location(&options.root, &options.output)?;
    let mut session = Session::new(&options.root, options.base_url.clone())
        .with_offline_copy(Some(&options.output));
    // Pages are written into the staging folder while the rest renders; it takes
    // the place of the output only once everything is written.
    let staging = write::Staging::new(&options.output)?;
    let rendered = staging.stream(|stream| session.render_into(&mut timings, Some(stream)))?;
    let files = timings.time("write", || {
        let rest = rendered
            .pages
            .iter()
            .map(|p| (p.path.as_str(), &*p.contents));
        let statics = rendered
            .statics
            .iter()
            .map(|s| (s.path.as_str(), &*s.contents));
        staging.put_all(statics.chain(rest))?;
        staging.finish()
    })?;
    Ok(BuildReport {
        pages: rendered.html_pages(),
        files,
        elapsed: started.elapsed(),
        warnings: rendered.warnings,
        timings,
    })
}

/// Validates everything a build would, and writes nothing.
pub fn check(root: &Path) -> Result<CheckReport, Failure> {
    let rendered = Session::new(root, None)
        .checking()
        .render_into(&mut Timings::default(), Some(&Discard))?;
    Ok(CheckReport {
        pages: rendered.html_pages(),
        warnings: rendered.warnings,
    })
}
