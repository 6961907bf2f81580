//! Rebuild on change: watch `content/`, `templates/` and `static/` (never the
//! output), let a burst of writes settle, rebuild once, publish the result.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use super::overlay;
use super::state::{Failed, Shared};
use crate::diagnostics::{Failure, render};
use crate::{Session, Timings};

/// The folders whose files make the site.
pub const WATCHED: [&str; 3] = ["content", "templates", "static"];

/// How long the watcher holds each file event to merge it with repeats of itself.
const DEBOUNCE: Duration = Duration::from_millis(50);

/// How long the folders must then be quiet before a rebuild: long enough to cover
/// an editor's save (write, rename, touch), short enough to feel immediate.
pub const SETTLE: Duration = Duration::from_millis(100);

/// Builds into memory and publishes: the files on success, the overlay on failure.
/// Prints one line per build, and every diagnostic of a failed one.
pub fn rebuild(session: &mut Session, shared: &Shared, show_timings: bool) -> bool {
    let started = Instant::now();
    let mut timings = Timings::default();
    let result = session.render(&mut timings);
    if show_timings {
        for (stage, took) in &timings.stages {
            eprintln!("{stage:>10}: {took:.2?}");
        }
    }
    match result {
        Ok(rendered) => {
            for warning in rendered.warnings.sorted() {
                eprintln!("{warning}");
            }
            let publishing = Instant::now();
            shared.publish(&rendered);
            if show_timings {
                eprintln!("{:>10}: {:.2?}", "publish", publishing.elapsed());
            }
            eprintln!(
                "built {} pages in {:.1?}{}{}",
                rendered.html_pages(),
                started.elapsed(),
                match (rendered.reused, rendered.deferred_print.is_some()) {
                    (true, true) => {
                        " (prose only: the edited pages and the search index rendered, \
                         the print edition when asked for, the rest kept)"
                    }
                    (true, false) => {
                        " (prose only: the edited pages and the search index rendered, the rest kept)"
                    }
                    _ => "",
                },
                match rendered.warnings.warning_count() {
                    0 => String::new(),
                    n => format!(", {n} warning(s)"),
                }
            );
            true
        }
        Err(Failure::Content { diagnostics }) => {
            let sources = render::SourceCache::read(session.root(), &diagnostics);
            eprint!(
                "{}",
                render::to_text(&diagnostics, &sources, render::stderr_wants_colour())
            );
            eprintln!(
                "build failed: {} error(s); still serving the last good build",
                diagnostics.error_count()
            );
            let overlay = overlay::render(session.root(), &diagnostics);
            shared.fail(Failed { overlay });
            false
        }
        Err(failure @ Failure::Io { .. }) => {
            eprintln!("error: {failure}");
            let mut diagnostics = crate::diagnostics::Diagnostics::new();
            if let Failure::Io { path, message } = &failure {
                diagnostics.push(crate::diagnostics::Diagnostic::error(path, message.clone()));
            }
            let overlay = overlay::render(session.root(), &diagnostics);
            shared.fail(Failed { overlay });
            false
        }
    }
}

/// The file watcher, set up before the first build so that no save is missed.
pub struct Watcher {
    debouncer: notify_debouncer_full::Debouncer<
        notify_debouncer_full::notify::RecommendedWatcher,
        notify_debouncer_full::RecommendedCache,
    >,
    events: mpsc::Receiver<DebounceEventResult>,
    watching: Vec<PathBuf>,
}

impl Watcher {
    /// Watches the site folders of `root` (and `root` itself, not recursively, to
    /// notice a site folder being created, or deleted and created again, without
    /// watching the output or anything else).
    pub fn start(root: &Path) -> Result<Watcher, String> {
        let (sender, events) = mpsc::channel::<DebounceEventResult>();
        let mut debouncer = new_debouncer(DEBOUNCE, None, sender)
            .map_err(|e| format!("cannot watch files: {e}"))?;
        let watching = watch_folders(&mut debouncer, root, &[], &[]);
        debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        Ok(Watcher {
            debouncer,
            events,
            watching,
        })
    }
}

/// Rebuilds after each settled burst of changes, until the process ends. Runs on
/// its own thread.
pub fn run(mut session: Session, shared: Arc<Shared>, watcher: Watcher, show_timings: bool) {
    let root = session.root().to_path_buf();
    let Watcher {
        mut debouncer,
        events,
        mut watching,
    } = watcher;
    while let Ok(result) = events.recv() {
        let mut changed: Vec<PathBuf> = Vec::new();
        let mut collect = |result: DebounceEventResult| match result {
            Ok(batch) => changed.extend(
                batch
                    .into_iter()
                    // Reading a file (the build itself does) changes nothing.
                    .filter(|e| !matches!(e.event.kind, EventKind::Access(_)))
                    .flat_map(|e| e.event.paths),
            ),
            Err(errors) => {
                for error in errors {
                    eprintln!("watch error: {error}");
                }
            }
        };
        collect(result);
        // The debouncer lets each event go once it is SETTLE old, so a long burst
        // arrives in pieces: wait until the folders have been quiet for SETTLE.
        while let Ok(more) = events.recv_timeout(SETTLE) {
            collect(more);
        }
        let relevant: Vec<&PathBuf> = changed
            .iter()
            .filter(|path| is_site_file(&root, path))
            .collect();
        if relevant.is_empty() {
            continue;
        }
        if relevant
            .iter()
            .any(|path| path.starts_with(root.join("templates")))
        {
            session.templates_changed();
        }
        watching = watch_folders(&mut debouncer, &root, &watching, &changed);
        rebuild(&mut session, &shared, show_timings);
    }
}

/// Is `path` inside one of the watched folders (or one of them itself)?
fn is_site_file(root: &Path, path: &Path) -> bool {
    WATCHED
        .iter()
        .any(|folder| path.starts_with(root.join(folder)))
}

/// Starts watching every site folder that exists and is not watched yet; returns
/// the folders now watched. A folder that `changed` names itself (deleted, created
/// again, renamed into place) is watched anew.
fn watch_folders<W, C>(
    debouncer: &mut notify_debouncer_full::Debouncer<W, C>,
    root: &Path,
    before: &[PathBuf],
    changed: &[PathBuf],
) -> Vec<PathBuf>
where
    W: notify_debouncer_full::notify::Watcher,
    C: notify_debouncer_full::FileIdCache,
{
    let mut now = Vec::new();
    for folder in WATCHED {
        let path = root.join(folder);
        if !path.is_dir() {
            if before.contains(&path) {
                let _ = debouncer.unwatch(&path);
            }
            continue;
        }
        if before.contains(&path) {
            if !changed.contains(&path) {
                now.push(path);
                continue;
            }
            let _ = debouncer.unwatch(&path);
        }
        match debouncer.watch(&path, RecursiveMode::Recursive) {
            Ok(()) => now.push(path),
            Err(error) => eprintln!("cannot watch {}: {error}", path.display()),
        }
    }
    now
}
