//! The offline copy: the whole site in one zip, to unpack anywhere and open from
//! disk. Reproducible: entries sorted by path, one fixed timestamp and mode, so two
//! builds of the same content give the same bytes.
//!
//! Each file is deflated on the thread that rendered it, by a libdeflate
//! compressor that thread keeps (making one costs more than compressing a small
//! page), and only its compressed bytes are held; rawzip puts the entries together
//! once every file is in.
//!
//! The pages that link to the archive give its size, which is known only once the
//! archive is made: they are rendered with [`SIZE_PLACEHOLDER`] in its place, and
//! the size is written in afterwards. Inside the archive the offer itself, between
//! [`OFFER_START`] and [`OFFER_END`], is left out: a copy cannot hold itself, and
//! its reader already has it.
//!
//! A build into a folder that holds an earlier build copies the compressed entries
//! of files that did not change from the earlier archive instead of compressing
//! them again. The archive's comment names how its entries were compressed (see
//! `fingerprint`); entries are borrowed only from an archive compressed the same
//! way, so the bytes are always those of a fresh build.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use libdeflater::{CompressionLvl, Compressor};
use rawzip::time::UtcDateTime;
use rawzip::{CompressionMethod, DataDescriptorOutput, ZipArchive, ZipArchiveWriter};
use rayon::prelude::*;

use crate::diagnostics::Failure;
use crate::lock;
use crate::render::{OutputFile, Sink};
use crate::write::StaticFile;

/// Stands for the archive's size in the pages that link to it until it is known.
/// Private-use characters, which no template or content has reason to contain.
pub const SIZE_PLACEHOLDER: &str = "\u{F8FF}offline-size\u{F8FF}";

/// The offer of the archive on a page is wrapped in these comments.
pub const OFFER_START: &str = "<!--offline-copy-->";
pub const OFFER_END: &str = "<!--/offline-copy-->";

/// libdeflate's level 1: it compresses a site about three times as fast as its
/// level 6, for an archive about a tenth larger (and still smaller than zlib's
/// level 2 makes it); the archive is remade on every build. Checked when the
/// program is compiled.
const LEVEL: CompressionLvl = match CompressionLvl::new(1) {
    Ok(level) => level,
    Err(_) => panic!("libdeflate has a level 1"),
};

/// The offline copy as it is made: each file is compressed into an entry of its
/// own when it is filed (or found unchanged in the earlier archive), so that only
/// the compressed entries are held until the archive is put together.
pub struct OfflineCopy {
    /// Where the archive goes in the output.
    path: String,
    /// The folder its entries are under.
    folder: String,
    earlier: Option<Earlier>,
    /// Entry (path in the output) and its compressed form.
    parts: Mutex<Vec<(String, Part)>>,
    /// The first failure to compress, reported when the archive is finished.
    failure: Mutex<Option<std::io::Error>>,
}

impl OfflineCopy {
    /// `previous` is the output folder of the build before, if any: its archive's
    /// entries for files that are the same there are copied rather than compressed
    /// again.
    pub fn new(path: &str, folder: &str, previous: Option<&Path>) -> Self {
        OfflineCopy {
            path: path.to_string(),
            folder: folder.to_string(),
            earlier: previous.and_then(|folder_before| Earlier::open(folder_before, path)),
            parts: Mutex::new(Vec::new()),
            failure: Mutex::new(None),
        }
    }

    /// Files `entry`: the pages that offer the archive, without the offer.
    fn file(&self, entry: &str, contents: &[u8]) {
        if entry == self.path {
            return;
        }
        let part = if contains(contents, SIZE_PLACEHOLDER.as_bytes()) {
            Compressed::deflate(&without_offer(contents)).map(Part::Fresh)
        } else if let Some(index) = self
            .earlier
            .as_ref()
            .and_then(|e| e.holds(&format!("{}/{entry}", self.folder), entry, contents))
        {
            Ok(Part::Earlier(index))
        } else {
            Compressed::deflate(contents).map(Part::Fresh)
        };
        match part {
            Ok(part) => lock(&self.parts).push((entry.to_string(), part)),
            Err(error) => {
                lock(&self.failure).get_or_insert(error);
            }
        }
    }

    /// Files `pages` and `statics` too (in parallel), puts the archive together,
    /// adds it to `pages` and writes its size into the pages that give it.
    pub fn finish(
        self,
        pages: &mut Vec<OutputFile>,
        statics: &[StaticFile],
    ) -> Result<(), Failure> {
        let files = statics
            .par_iter()
            .map(|s| (s.path.as_str(), s.contents.as_slice()))
            .chain(pages.par_iter().map(|p| (p.path.as_str(), &*p.contents)));
        files.for_each(|(entry, contents)| self.file(entry, contents));
        let fail = |error: std::io::Error| Failure::io(Path::new(&self.path), error);
        if let Some(error) = lock(&self.failure).take() {
            return Err(fail(error));
        }
        let mut parts = std::mem::take(&mut *lock(&self.parts));
        parts.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        parts.dedup_by(|a, b| a.0 == b.0);
        let archive = assemble(&self.folder, parts, self.earlier.as_ref()).map_err(fail)?;
        let size = human_size(archive.len() as u64);
        let marker = SIZE_PLACEHOLDER.as_bytes();
        for page in pages.iter_mut() {
            if contains(&page.contents, marker) {
                page.contents = replace(&page.contents, marker, size.as_bytes()).into();
            }
        }
        pages.push(OutputFile {
            path: self.path,
            contents: archive.into(),
        });
        Ok(())
    }
}

/// Stands between the render and a build's [`Sink`]: files every file it passes
/// on in the offline copy, and keeps back the pages that give the archive's size
/// (they wait for it, kept with the render; [`OfflineCopy::finish`] files them).
pub struct Recorder<'a> {
    inner: &'a dyn Sink,
    copy: &'a OfflineCopy,
}

impl<'a> Recorder<'a> {
    pub fn new(inner: &'a dyn Sink, copy: &'a OfflineCopy) -> Self {
        Recorder { inner, copy }
    }
}

impl Sink for Recorder<'_> {
    fn take(&self, file: OutputFile) -> Option<OutputFile> {
        if contains(&file.contents, SIZE_PLACEHOLDER.as_bytes()) {
            return Some(file);
        }
        let copy = file.clone();
        let handed_back = self.inner.take(file);
        if handed_back.is_none() {
            self.copy.file(&copy.path, &copy.contents);
        }
        handed_back
    }
}

/// Where an entry of the archive comes from.
enum Part {
    /// Compressed now.
    Fresh(Compressed),
    /// The entry at this index of the earlier archive's list.
    Earlier(usize),
}

/// A file deflated: the raw deflate stream, with the checksum and size of what
/// it holds.
struct Compressed {
    data: Vec<u8>,
    crc: u32,
    size: u64,
}

/// A compressor and the buffer it writes into, kept by each thread.
struct Deflater {
    compressor: Compressor,
    scratch: Vec<u8>,
}

thread_local! {
    /// This thread's compressor.
    static DEFLATE: RefCell<Deflater> = RefCell::new(Deflater {
        compressor: Compressor::new(LEVEL),
        scratch: Vec::new(),
    });
}

impl Compressed {
    /// `contents` deflated at [`LEVEL`], as a raw stream (no zlib header: a zip
    /// entry holds the bare stream).
    fn deflate(contents: &[u8]) -> std::io::Result<Compressed> {
        let data = DEFLATE.with_borrow_mut(|deflater| {
            let bound = deflater.compressor.deflate_compress_bound(contents.len());
            deflater.scratch.resize(bound, 0);
            let written = deflater
                .compressor
                .deflate_compress(contents, &mut deflater.scratch)
                .map_err(|error| std::io::Error::other(format!("deflate: {error:?}")))?;
            Ok::<Vec<u8>, std::io::Error>(deflater.scratch[..written].to_vec())
        })?;
        Ok(Compressed {
            data,
            crc: crc32fast::hash(contents),
            size: contents.len() as u64,
        })
    }
}

/// The archive of the build before, and the folder it was built with.
struct Earlier {
    folder: PathBuf,
    bytes: Vec<u8>,
    /// Every deflated entry, by name: where its compressed bytes lie, their
    /// checksum and size.
    entries: Vec<EarlierEntry>,
    by_name: HashMap<String, usize>,
}

struct EarlierEntry {
    data: Range<usize>,
    crc: u32,
    size: u64,
}

impl Earlier {
    /// The archive at `path` in the output folder `folder`, if there is a readable one.
    fn open(folder: &Path, path: &str) -> Option<Earlier> {
        let bytes = std::fs::read(folder.join(path)).ok()?;
        let (entries, by_name) = {
            let archive = ZipArchive::from_slice(&bytes).ok()?;
            if archive.comment().as_bytes() != fingerprint().as_bytes() {
                return None;
            }
            let mut list = Vec::new();
            let mut by_name = HashMap::new();
            let mut records = archive.entries();
            while let Some(record) = records.next_entry().ok()? {
                if record.compression_method() != CompressionMethod::DEFLATE {
                    continue;
                }
                let name = String::from_utf8(record.file_path().as_ref().to_vec()).ok()?;
                let entry = archive.get_entry(record.wayfinder()).ok()?;
                let (start, end) = entry.compressed_data_range();
                let data = usize::try_from(start).ok()?..usize::try_from(end).ok()?;
                by_name.insert(name, list.len());
                list.push(EarlierEntry {
                    data,
                    crc: record.crc32(),
                    size: record.uncompressed_size_hint(),
                });
            }
            (list, by_name)
        };
        Some(Earlier {
            folder: folder.to_path_buf(),
            bytes,
            entries,
            by_name,
        })
    }

    /// The index of the entry `name` if it holds exactly `contents`: the file at
    /// `entry` in the earlier output has those bytes, and the entry's size and
    /// checksum agree.
    fn holds(&self, name: &str, entry: &str, contents: &[u8]) -> Option<usize> {
        let index = *self.by_name.get(name)?;
        let found = self.entries.get(index)?;
        if found.size != contents.len() as u64 || crc32fast::hash(contents) != found.crc {
            return None;
        }
        let on_disk = std::fs::read(self.folder.join(entry)).ok()?;
        (on_disk == contents).then_some(index)
    }

    /// The compressed bytes, checksum and size of the entry at `index`.
    fn entry(&self, index: usize) -> Option<(&[u8], u32, u64)> {
        let found = self.entries.get(index)?;
        let data = self.bytes.get(found.data.clone())?;
        Some((data, found.crc, found.size))
    }
}

/// The archive: every part's entry, in order, under `folder`. Each part is let go
/// once it is written, so the archive and its parts are not both held whole.
fn assemble(
    folder: &str,
    parts: Vec<(String, Part)>,
    earlier: Option<&Earlier>,
) -> std::io::Result<Vec<u8>> {
    let size: usize = parts
        .iter()
        .map(|(entry, part)| {
            let data = match part {
                Part::Fresh(compressed) => compressed.data.len(),
                Part::Earlier(index) => earlier
                    .and_then(|e| e.entries.get(*index))
                    .map_or(0, |e| e.data.len()),
            };
            // Local header, data descriptor and central record, with the name twice.
            data + 2 * (folder.len() + entry.len()) + 160
        })
        .sum();
    let mut out = Vec::with_capacity(size + 64);
    let mut archive = ZipArchiveWriter::new(&mut out);
    archive.set_comment(fingerprint());
    for (entry, part) in parts {
        let (data, crc, size) = match &part {
            Part::Fresh(compressed) => {
                (compressed.data.as_slice(), compressed.crc, compressed.size)
            }
            Part::Earlier(index) => earlier
                .and_then(|e| e.entry(*index))
                .ok_or_else(|| std::io::Error::other("an entry of the earlier archive is gone"))?,
        };
        add_entry(&mut archive, &format!("{folder}/{entry}"), data, crc, size)?;
    }
    archive.finish().map_err(std::io::Error::other)?;
    Ok(out)
}

/// Writes one entry of deflated `data` (`size` bytes, checksum `crc`, once
/// inflated) as `name`: the DOS epoch as its time, a plain read-write file.
fn add_entry<W: Write>(
    archive: &mut ZipArchiveWriter<W>,
    name: &str,
    data: &[u8],
    crc: u32,
    size: u64,
) -> std::io::Result<()> {
    let (mut entry, _) = archive
        .new_file(name)
        .compression_method(CompressionMethod::DEFLATE)
        .last_modified(epoch())
        .unix_permissions(0o100_644)
        .start()
        .map_err(std::io::Error::other)?;
    entry.write_all(data)?;
    entry
        .finish(DataDescriptorOutput::new(crc, size))
        .map_err(std::io::Error::other)?;
    Ok(())
}

/// 1 January 1980, the earliest time a zip entry can hold: every entry's, so
/// that two builds give the same bytes.
fn epoch() -> UtcDateTime {
    UtcDateTime::from_unix(315_532_800)
}

/// A page as the archive holds it: without the offer of the archive.
fn without_offer(page: &[u8]) -> Vec<u8> {
    let (start, end) = (OFFER_START.as_bytes(), OFFER_END.as_bytes());
    let mut out = Vec::with_capacity(page.len());
    let mut rest = page;
    while let Some(at) = find(rest, start) {
        out.extend_from_slice(&rest[..at]);
        rest = &rest[at..];
        match find(rest, end) {
            Some(close) => rest = &rest[close + end.len()..],
            None => break,
        }
    }
    out.extend_from_slice(rest);
    out
}

/// How this build compresses, as the archive's comment: the checksum of a fixed
/// text deflated as every entry is. A change of level or of deflate library that
/// changes the compressed bytes changes it, and the entries of an archive made
/// before are then not reused.
fn fingerprint() -> String {
    static FINGERPRINT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    FINGERPRINT
        .get_or_init(|| {
            let probe =
                "<p>NATO partnerships, 1990–2022: a probe of the compressor.</p>\n".repeat(40);
            let compressed = Compressed::deflate(probe.as_bytes())
                .map(|c| c.data)
                .unwrap_or_default();
            format!("offline copy; deflate {:08x}", crc32fast::hash(&compressed))
        })
        .clone()
}

/// "2.4 MB", "820 kB": what a reader needs to decide to download.
pub fn human_size(bytes: u64) -> String {
    const KB: f64 = 1000.0;
    let bytes = bytes as f64;
    if bytes >= KB * KB {
        format!("{:.1} MB", bytes / (KB * KB))
    } else {
        format!("{:.0} kB", (bytes / KB).ceil())
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle).is_some()
}

fn replace(haystack: &[u8], needle: &[u8], with: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut rest = haystack;
    while let Some(at) = find(rest, needle) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(with);
        rest = &rest[at + needle.len()..];
    }
    out.extend_from_slice(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Read};
    use zip::ZipArchive;

    fn page(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            contents: bytes::Bytes::copy_from_slice(text.as_bytes()),
        }
    }

    #[test]
    fn sizes_read_as_a_person_would_say_them() {
        assert_eq!(human_size(2_449_000), "2.4 MB");
        assert_eq!(human_size(819_200), "820 kB");
        assert_eq!(human_size(1), "1 kB");
    }

    #[test]
    fn the_archive_holds_every_file_sorted_and_the_pages_give_its_size() {
        let offer =
            format!("{OFFER_START}<a href=\"s.zip\">Download ({SIZE_PLACEHOLDER})</a>{OFFER_END}");
        let mut pages = vec![
            page("index.html", &format!("<p>Home</p>{offer}<p>End</p>")),
            page("b/page.html", "<p>b</p>"),
            page("a.css", "a{}"),
        ];
        OfflineCopy::new("site.zip", "site", None)
            .finish(&mut pages, &[])
            .expect("archive");
        let zip = pages.iter().find(|p| p.path == "site.zip").expect("zip");
        let mut archive = ZipArchive::new(Cursor::new(&*zip.contents)).expect("readable");
        let names: Vec<String> = (0..archive.len())
            .map(|i| archive.by_index(i).expect("entry").name().to_string())
            .collect();
        assert_eq!(names, ["site/a.css", "site/b/page.html", "site/index.html"]);
        let said = human_size(zip.contents.len() as u64);
        let home = String::from_utf8_lossy(&pages[0].contents).into_owned();
        assert_eq!(
            home,
            format!(
                "<p>Home</p>{OFFER_START}<a href=\"s.zip\">Download ({said})</a>{OFFER_END}<p>End</p>"
            )
        );
        let mut inside = String::new();
        archive
            .by_name("site/index.html")
            .expect("home")
            .read_to_string(&mut inside)
            .expect("text");
        assert_eq!(
            inside, "<p>Home</p><p>End</p>",
            "the copy does not offer itself"
        );
    }

    /// A sink that keeps what it takes.
    #[derive(Default)]
    struct Taken(Mutex<Vec<String>>);

    impl Sink for Taken {
        fn take(&self, file: OutputFile) -> Option<OutputFile> {
            lock(&self.0).push(file.path);
            None
        }
    }

    #[test]
    fn files_passing_to_a_sink_are_filed_and_pages_offering_the_copy_wait_for_it() {
        let taken = Taken::default();
        let copy = OfflineCopy::new("s.zip", "s", None);
        let recorder = Recorder::new(&taken, &copy);
        let offer = format!("{OFFER_START}({SIZE_PLACEHOLDER}){OFFER_END}");
        assert!(recorder.take(page("b.html", "b")).is_none());
        let held = recorder.take(page("index.html", &offer));
        assert!(held.is_some(), "the offer waits for the size");
        assert!(recorder.take(page("a.html", "a")).is_none());
        assert_eq!(*lock(&taken.0), ["b.html", "a.html"]);
        let mut pages: Vec<OutputFile> = held.into_iter().collect();
        copy.finish(&mut pages, &[]).expect("archive");
        let zip = pages.iter().find(|p| p.path == "s.zip").expect("zip");
        let mut archive = ZipArchive::new(Cursor::new(&*zip.contents)).expect("readable");
        let names: Vec<String> = (0..archive.len())
            .map(|i| archive.by_index(i).expect("entry").name().to_string())
            .collect();
        assert_eq!(names, ["s/a.html", "s/b.html", "s/index.html"]);
        let said = human_size(zip.contents.len() as u64);
        assert!(String::from_utf8_lossy(&pages[0].contents).contains(&said));
    }

    #[test]
    fn a_reused_compressor_deflates_each_file_as_a_fresh_one_would() {
        let page = "<p>A page of the reference, long enough to find repeats in.</p>\n".repeat(50);
        let other = "<p>Another page, in between.</p>".repeat(30);
        let first = Compressed::deflate(page.as_bytes()).expect("deflate");
        Compressed::deflate(other.as_bytes()).expect("deflate");
        let again = Compressed::deflate(page.as_bytes()).expect("deflate");
        assert_eq!(first.data, again.data, "the same bytes after another file");
        assert!(first.data.len() < page.len() / 10, "compressed");
        let mut inflated = Vec::new();
        flate2::read::DeflateDecoder::new(first.data.as_slice())
            .read_to_end(&mut inflated)
            .expect("inflate");
        assert_eq!(inflated, page.as_bytes());
        assert_eq!(first.crc, crc32fast::hash(page.as_bytes()));
        assert_eq!(first.size, page.len() as u64);
    }

    #[test]
    fn two_builds_give_the_same_bytes() {
        let make = || {
            let mut pages = vec![page("z.html", "z"), page("index.html", SIZE_PLACEHOLDER)];
            OfflineCopy::new("s.zip", "s", None)
                .finish(&mut pages, &[])
                .expect("archive");
            pages.pop().expect("zip").contents
        };
        assert_eq!(make(), make());
    }
}
