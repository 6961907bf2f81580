//! Stage four: write the rendered files and static assets into a temporary folder
//! beside the output, then swap it in. A failed run never touches the old output.

use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::Failure;
use crate::render::OutputFile;

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

/// Writes everything to a fresh folder beside `output`, then swaps it in.
pub fn write(
    output: &Path,
    pages: &[OutputFile],
    statics: &[StaticFile],
) -> Result<usize, Failure> {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| Failure::io(&parent, e))?;
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)
        .map_err(|e| Failure::io(&parent, e))?;
    let all: Vec<(&String, &[u8])> = statics
        .iter()
        .map(|s| (&s.path, s.contents.as_slice()))
        .chain(pages.iter().map(|p| (&p.path, &*p.contents)))
        .collect();
    // Folders first, once each; then the files, in parallel.
    let mut folders = std::collections::BTreeSet::new();
    for (relative, _) in &all {
        if !stays_inside(relative) {
            return Err(Failure::io(
                Path::new(relative.as_str()),
                "refusing to write outside the output folder",
            ));
        }
        if let Some(folder) = Path::new(relative.as_str()).parent() {
            folders.insert(folder.to_path_buf());
        }
    }
    for folder in folders {
        let folder = staging.path().join(folder);
        std::fs::create_dir_all(&folder).map_err(|e| Failure::io(&folder, e))?;
    }
    // A file whose contents did not change since the last build is linked from
    // the previous output instead of written again: no new inode, no data copied.
    let previous = std::fs::symlink_metadata(output)
        .is_ok_and(|m| m.is_dir())
        .then_some(output);
    all.par_iter().try_for_each(|(relative, contents)| {
        let target = staging.path().join(relative.as_str());
        if let Some(previous) = previous {
            let old = previous.join(relative.as_str());
            if unchanged(&old, contents) && std::fs::hard_link(&old, &target).is_ok() {
                return Ok(());
            }
        }
        std::fs::write(&target, contents).map_err(|e| Failure::io(&target, e))
    })?;
    swap_in(staging, output, &parent, &name)?;
    Ok(all.len())
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

    #[test]
    fn refuses_to_replace_the_project() {
        let dir = tempfile::tempdir().unwrap();
        assert!(check_output_location(dir.path(), dir.path()).is_err());
        assert!(check_output_location(dir.path(), &dir.path().join("content/x")).is_err());
        assert!(check_output_location(dir.path(), &dir.path().join("public")).is_ok());
    }
}
