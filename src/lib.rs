//! A static reference site generator for NATO's partnerships, 1990–2022.
//!
//! The pipeline, one module per stage:
//! [`load`] (read `content/`) → [`resolve`] (one checked graph, derived lists) →
//! [`render`] (Markdown and Tera, in memory) → [`write`] (temporary folder, swapped
//! in on success). Each stage takes the previous stage's output and nothing else.

pub mod collisions;
pub mod date;
pub mod diagnostics;
pub mod highlight;
pub mod html;
pub mod lint;
pub mod load;
pub mod markdown;
pub mod model;
pub mod render;
pub mod resolve;
pub mod text;
pub mod write;

use std::path::{Path, PathBuf};
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
    fn time<T>(&mut self, name: &'static str, stage: impl FnOnce() -> T) -> T {
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
struct Rendered {
    pages: Vec<render::OutputFile>,
    statics: Vec<write::StaticFile>,
    warnings: Diagnostics,
}

impl Rendered {
    fn html_pages(&self) -> usize {
        self.pages
            .iter()
            .filter(|p| p.path.ends_with(".html"))
            .count()
    }
}

/// Load, resolve and render: everything but writing. Errors of every stage that
/// could run are reported together.
fn render_site(
    root: &Path,
    base_url: Option<String>,
    timings: &mut Timings,
) -> Result<Rendered, Failure> {
    // The syntax definitions load while the content is read.
    let ((content, mut diagnostics), highlighter) = timings.time("load", || {
        rayon::join(|| load::load(root), highlight::Highlighter::default)
    });
    let mut site = timings.time("resolve", || resolve::resolve(content, &mut diagnostics));
    if base_url.is_some() {
        site.config.base_url = base_url;
    }
    diagnostics.extend(timings.time("lint", || lint::lint(&site)));
    let tera = match timings.time("templates", || render::templates::load(root)) {
        Ok(tera) => tera,
        Err(template_errors) => {
            diagnostics.extend(template_errors);
            return Err(Failure::Content { diagnostics });
        }
    };
    if diagnostics.has_errors() {
        return Err(Failure::Content { diagnostics });
    }
    let pages = timings
        .time("render", || render::render(&site, &tera, &highlighter))
        .map_err(|errors| {
            let mut all = diagnostics.clone();
            all.extend(errors);
            Failure::Content { diagnostics: all }
        })?;
    let statics = write::static_files(root, render::templates::default_static_files())?;
    let clashes = collisions::check(&site, &pages, &statics);
    if clashes.has_errors() {
        diagnostics.extend(clashes);
        return Err(Failure::Content { diagnostics });
    }
    Ok(Rendered {
        pages,
        statics,
        warnings: warnings_only(diagnostics),
    })
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
    let rendered = render_site(&options.root, options.base_url.clone(), &mut timings)?;
    let files = timings.time("write", || {
        write::write(&options.output, &rendered.pages, &rendered.statics)
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
    let rendered = render_site(root, None, &mut Timings::default())?;
    Ok(CheckReport {
        pages: rendered.html_pages(),
        warnings: rendered.warnings,
    })
}
