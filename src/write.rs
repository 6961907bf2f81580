//! Stage four: write the rendered files and static assets into a temporary folder
//! beside the output, then swap it in. A failed run never touches the old output.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::diagnostics::Failure;
use crate::render::{OutputFile, Sink};

/// A static file: where it goes in the output and its bytes.
#[derive(Debug, Clone)]
pub struct StaticFile {
    pub path: String,
    pub contents: Vec<u8>,
    /// The file in `<root>/static/` it came from (relative to the root), or `None`
    /// for a default compiled into the binary.
    pub origin: Option<PathBuf>,
}

/// Collects static files: embedded defaults, then `<root>/static/` over them.
pub fn static_files(root: &Path, defaults: &[(&str, &[u8])]) -> Result<Vec<StaticFile>, Failure> {
    let mut files: std::collections::BTreeMap<String, (Vec<u8>, Option<PathBuf>)> = defaults
        .iter()
        .map(|(path, bytes)| (path.to_string(), (bytes.to_vec(), None)))
        .collect();
    let folder = root.join("static");
    if folder.is_dir() {
        for entry in walkdir::WalkDir::new(&folder).sort_by_file_name() {
            let entry = entry.map_err(|e| Failure::io(&folder, e))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = entry.path().strip_prefix(&folder).unwrap_or(entry.path());
            let bytes = std::fs::read(entry.path()).map_err(|e| Failure::io(entry.path(), e))?;
            let origin = Path::new("static").join(relative);
            files.insert(
                relative.to_string_lossy().replace('\\', "/"),
                (bytes, Some(origin)),
            );
        }
    }
    Ok(files
        .into_iter()
        .map(|(path, (contents, origin))| StaticFile {
            path,
            contents,
            origin,
        })
        .collect())
}

/// Refuses output folders whose replacement would destroy the project itself.
pub fn check_output_location(root: &Path, output: &Path) -> Result<(), Failure> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let root = absolute(root);
    let output = absolute(output);
    let unsafe_reason = if output.parent().is_none() {
        Some("it is the root of the file system")
    } else if root.starts_with(&output) {
        Some("it holds the site root (content, templates) itself")
    } else if output.starts_with(root.join("content"))
        || output.starts_with(root.join("templates"))
        || output.starts_with(root.join("static"))
    {
        Some("it lies inside content/, templates/ or static/")
    } else if output.join(".git").exists() || output.join("Cargo.toml").exists() {
        Some("it looks like a project folder, not a built site")
    } else {
        None
    };
    match unsafe_reason {
        Some(reason) => Err(Failure::io(
            &output,
            format!("refusing to replace this output folder: {reason}"),
        )),
        None => Ok(()),
    }
}

/// Is `relative` a plain path that stays inside the folder it is joined to?
fn stays_inside(relative: &str) -> bool {
    let path = Path::new(relative);
    !relative.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)))
}

/// A fresh folder beside the output that a build writes into. It takes the
/// output's place only in [`Staging::finish`]; dropped before that, it is deleted
/// and the output is left exactly as it was.
pub struct Staging {
    output: PathBuf,
    parent: PathBuf,
    name: String,
    folder: tempfile::TempDir,
    /// The output of the build before, whose unchanged files are linked.
    previous: Option<PathBuf>,
    /// Folders made so far, relative to the staging folder.
    made: Mutex<HashSet<PathBuf>>,
    /// Files written so far.
    files: AtomicUsize,
}

impl Staging {
    pub fn new(output: &Path) -> Result<Staging, Failure> {
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| Failure::io(&parent, e))?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let folder = tempfile::Builder::new()
            .prefix(&format!(".{name}.new-"))
            .tempdir_in(&parent)
            .map_err(|e| Failure::io(&parent, e))?;
        let previous = std::fs::symlink_metadata(output)
            .is_ok_and(|m| m.is_dir())
            .then(|| output.to_path_buf());
        Ok(Staging {
            output: output.to_path_buf(),
            parent,
            name,
            folder,
            previous,
            made: Mutex::new(HashSet::new()),
            files: AtomicUsize::new(0),
        })
    }

    /// Writes one file. A file whose contents did not change since the last build
    /// is linked from the previous output instead of written again: no new inode,
    /// no data copied. Files may be written from several threads at once.
    pub fn put(&self, relative: &str, contents: &[u8]) -> Result<(), Failure> {
        if !stays_inside(relative) {
            return Err(Failure::io(
                Path::new(relative),
                "refusing to write outside the output folder",
            ));
        }
        if let Some(folder) = Path::new(relative).parent()
            && !crate::lock(&self.made).contains(folder)
        {
            // Two threads may make the same folder; `create_dir_all` takes one
            // that appears meanwhile as made.
            let full = self.folder.path().join(folder);
            std::fs::create_dir_all(&full).map_err(|e| Failure::io(&full, e))?;
            crate::lock(&self.made).insert(folder.to_path_buf());
        }
        let target = self.folder.path().join(relative);
        self.files.fetch_add(1, Ordering::Relaxed);
        if let Some(previous) = &self.previous {
            let old = previous.join(relative);
            if unchanged(&old, contents) && std::fs::hard_link(&old, &target).is_ok() {
                return Ok(());
            }
        }
        std::fs::write(&target, contents).map_err(|e| Failure::io(&target, e))
    }

    /// Writes every file of `files`, in parallel; on failure, one of the failures.
    pub fn put_all<'a>(
        &self,
        files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    ) -> Result<(), Failure> {
        let files: Vec<(&str, &[u8])> = files.into_iter().collect();
        files
            .into_par_iter()
            .try_for_each(|(relative, contents)| self.put(relative, contents))
    }

    /// Runs `work` with a sink that writes each file it takes into this folder at
    /// once, on the thread that hands it over, so that making files (which can
    /// cost more than rendering them on a busy file system) is shared by every
    /// thread that renders. The first failure to write is returned (after
    /// `work`'s own); files taken after it are dropped.
    pub fn stream<T>(
        &self,
        work: impl FnOnce(&dyn Sink) -> Result<T, Failure>,
    ) -> Result<T, Failure> {
        let sink = Stream {
            staging: self,
            failed: AtomicBool::new(false),
            first_failure: Mutex::new(None),
        };
        let result = work(&sink);
        let failure = sink
            .first_failure
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let value = result?;
        failure.map_or(Ok(value), Err)
    }

    /// Moves the old output aside, the new one into place, then deletes the old
    /// one. Returns how many files were written.
    pub fn finish(self) -> Result<usize, Failure> {
        let files = self.files.into_inner();
        swap_in(self.folder, &self.output, &self.parent, &self.name)?;
        Ok(files)
    }
}

/// The sink of [`Staging::stream`]: writes each file it takes.
struct Stream<'a> {
    staging: &'a Staging,
    failed: AtomicBool,
    first_failure: Mutex<Option<Failure>>,
}

impl Sink for Stream<'_> {
    fn take(&self, file: OutputFile) -> Option<OutputFile> {
        // After a failure the build fails with it: writing more is wasted.
        if self.failed.load(Ordering::Relaxed) {
            return None;
        }
        if let Err(failure) = self.staging.put(&file.path, &file.contents) {
            self.failed.store(true, Ordering::Relaxed);
            crate::lock(&self.first_failure).get_or_insert(failure);
        }
        None
    }
}

/// Whether `path` is a regular file holding exactly `contents`.
fn unchanged(path: &Path, contents: &[u8]) -> bool {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == contents.len() as u64 => {
            std::fs::read(path).is_ok_and(|old| old == contents)
        }
        _ => false,
    }
}

/// Moves the old output aside, the new one into place, then deletes the old one.
fn swap_in(
    staging: tempfile::TempDir,
    output: &Path,
    parent: &Path,
    name: &str,
) -> Result<(), Failure> {
    let new_path = staging.keep();
    if output.exists() {
        let old = tempfile::Builder::new()
            .prefix(&format!(".{name}.old-"))
            .tempdir_in(parent)
            .map_err(|e| Failure::io(parent, e))?;
        let old_path = old.path().join("site");
        if let Err(error) = std::fs::rename(output, &old_path) {
            let _ = std::fs::remove_dir_all(&new_path);
            return Err(Failure::io(output, error));
        }
        if let Err(error) = std::fs::rename(&new_path, output) {
            // Put the old site back so the reader keeps a working copy.
            let _ = std::fs::rename(&old_path, output);
            let _ = std::fs::remove_dir_all(&new_path);
            return Err(Failure::io(output, error));
        }
        drop(old); // removes the previous site
    } else if let Err(error) = std::fs::rename(&new_path, output) {
        let _ = std::fs::remove_dir_all(&new_path);
        return Err(Failure::io(output, error));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_must_stay_inside() {
        assert!(stays_inside("partners/austria.html"));
        assert!(!stays_inside("../x.html"));
        assert!(!stays_inside("/etc/passwd"));
        assert!(!stays_inside("a/../../b"));
        assert!(!stays_inside(""));
    }

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            contents: bytes::Bytes::copy_from_slice(text.as_bytes()),
        }
    }

    #[test]
    fn streamed_files_appear_only_when_the_staging_folder_is_finished() {
        const FILES: usize = 600;
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        std::fs::create_dir(&output).unwrap();
        std::fs::write(output.join("old.html"), "old").unwrap();
        let staging = Staging::new(&output).unwrap();
        let kept = staging
            .stream(|sink| {
                // From several threads at once, as the render hands them over.
                (0..FILES).into_par_iter().for_each(|n| {
                    let folder = n % 7;
                    let taken = sink.take(file(&format!("p/{folder}/{n}.html"), "new"));
                    assert!(taken.is_none());
                });
                Ok(sink.take(file("a/b/c.html", "deep")))
            })
            .unwrap();
        assert!(kept.is_none());
        assert!(
            output.join("old.html").exists(),
            "nothing visible before finish"
        );
        staging.put("index.html", b"home").unwrap();
        assert_eq!(staging.finish().unwrap(), FILES + 2);
        assert!(!output.join("old.html").exists());
        for n in [0, 7, FILES - 1] {
            let path = output.join(format!("p/{}/{n}.html", n % 7));
            assert_eq!(std::fs::read_to_string(path).unwrap(), "new");
        }
        assert_eq!(
            std::fs::read_to_string(output.join("a/b/c.html")).unwrap(),
            "deep"
        );
    }

    #[test]
    fn a_failed_render_or_write_leaves_the_output_and_no_staging_folder() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        std::fs::create_dir(&output).unwrap();
        std::fs::write(output.join("old.html"), "old").unwrap();
        let leftovers = || std::fs::read_dir(dir.path()).unwrap().count();

        let staging = Staging::new(&output).unwrap();
        let failed: Result<(), Failure> = staging.stream(|sink| {
            sink.take(file("p/1.html", "new"));
            Err(Failure::io(Path::new("content"), "the render failed"))
        });
        assert!(
            failed
                .unwrap_err()
                .to_string()
                .contains("the render failed")
        );
        drop(staging);
        assert_eq!(leftovers(), 1, "only the output");

        let staging = Staging::new(&output).unwrap();
        let failed = staging.stream(|sink| {
            sink.take(file("../escape.html", "x"));
            sink.take(file("p/2.html", "after the failure"));
            Ok(())
        });
        let message = failed.unwrap_err().to_string();
        assert!(message.contains("refusing to write outside"), "{message}");
        drop(staging);
        assert_eq!(leftovers(), 1);
        assert!(!dir.path().join("escape.html").exists());
        assert_eq!(
            std::fs::read_to_string(output.join("old.html")).unwrap(),
            "old"
        );
    }

    #[test]
    fn refuses_to_replace_the_project() {
        let dir = tempfile::tempdir().unwrap();
        assert!(check_output_location(dir.path(), dir.path()).is_err());
        assert!(check_output_location(dir.path(), &dir.path().join("content/x")).is_err());
        assert!(check_output_location(dir.path(), &dir.path().join("public")).is_ok());
    }
}
