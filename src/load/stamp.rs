//! What a file's metadata says about its text, so that a load kept across rebuilds
//! (by `serve`) need not read again a file nobody touched. A file is read again
//! unless its size, modification time and (on Unix) inode and change time are all
//! as they were, and it had been quiet for [`SETTLED`] when it was last read: a
//! write in the same tick of the file system's clock as that read could otherwise
//! leave the times unchanged (the same care git takes with its index).

use std::fs::Metadata;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// How long before a read a file must have been last changed for its stamp to be
/// trusted later. Longer than the coarsest clock of a common file system (FAT
/// keeps modification times to 2 s).
const SETTLED: Duration = Duration::from_secs(3);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    len: u64,
    modified: SystemTime,
    /// Inode and change time: a save that replaces the file, or sets its
    /// modification time back, changes them.
    #[cfg(unix)]
    inode: u64,
    #[cfg(unix)]
    changed: (i64, i64),
}

impl Stamp {
    /// The stamp of the file at `path`, if its metadata can be read.
    pub(super) fn of(path: &Path) -> Option<Stamp> {
        std::fs::metadata(path)
            .ok()
            .and_then(|m| Stamp::from_metadata(&m))
    }

    fn from_metadata(metadata: &Metadata) -> Option<Stamp> {
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        Some(Stamp {
            len: metadata.len(),
            modified: metadata.modified().ok()?,
            #[cfg(unix)]
            inode: metadata.ino(),
            #[cfg(unix)]
            changed: (metadata.ctime(), metadata.ctime_nsec()),
        })
    }

    /// Whether the file had been quiet for [`SETTLED`] at `read_at`, so that the
    /// same stamp later means the same text.
    pub(super) fn settled_at(&self, read_at: SystemTime) -> bool {
        let Some(before) = read_at.checked_sub(SETTLED) else {
            return false;
        };
        #[cfg(unix)]
        let changed = {
            let (seconds, nanos) = self.changed;
            u64::try_from(seconds)
                .ok()
                .zip(u32::try_from(nanos).ok())
                .map(|(s, n)| SystemTime::UNIX_EPOCH + Duration::new(s, n))
        };
        #[cfg(not(unix))]
        let changed = Some(self.modified);
        self.modified < before && changed.is_some_and(|changed| changed < before)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_just_written_is_not_settled_and_any_write_changes_its_stamp() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("a.md");
        std::fs::write(&path, "one").expect("write");
        let first = Stamp::of(&path).expect("stamp");
        assert!(!first.settled_at(SystemTime::now()), "written just now");
        assert!(first.settled_at(SystemTime::now() + Duration::from_secs(60)));
        // Same length, new text: a rename over it (as editors save) or a rewrite.
        std::fs::write(dir.path().join("b.md"), "two").expect("write");
        std::fs::rename(dir.path().join("b.md"), &path).expect("rename");
        assert_ne!(Stamp::of(&path), Some(first));
        assert_eq!(Stamp::of(&dir.path().join("missing.md")), None);
    }
}
