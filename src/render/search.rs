//! Search: the index of every entity and event, and the page that searches it.
//!
//! The index comes in shards, each a script (browsers refuse to `fetch` local
//! files, but a `<script src>` added to the page loads from file:// as well as from
//! a server), so that no file grows with the site and a search loads only what it
//! needs:
//! - `search-index.js`, the manifest: how many entries, the card shards, and which
//!   word shard holds the words beginning with each pair of letters;
//! - `search/words-N.js`: words (folded: lower case, without accents) with the
//!   entries holding them and how strongly (in a title, a term, a summary, the
//!   text);
//! - `search/cards-N.js`: what a result shows (title, kind, address, date, terms,
//!   summary and the start of the text), [`CARDS_PER_SHARD`] entries each.
//!
//! A query loads the word shards of its words' first two letters, keeps the
//! entries where every word starts a word of the entry, ranks them, then loads the
//! card shards of the results it shows.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::data::web_safe_json;
use super::views::Search;
use super::{OutputFile, SiteRenderer, urls};
use crate::FastMap;
use crate::diagnostics::Diagnostic;
use crate::lock;
use crate::model::{EntityKind, Meta};
use crate::resolve::name_of;

/// Entries per card shard.
pub const CARDS_PER_SHARD: usize = 200;
/// A word shard is closed once it holds about this many bytes of JSON; one pair of
/// first letters is never split, so a shard can be larger (a word in every entry
/// of a 50,000-partner site takes about 400 kB).
const WORD_SHARD_BYTES: usize = 200_000;
/// How much of an entry's text its card keeps, in characters, to show under a
/// result.
const CARD_TEXT: usize = 300;

/// How strongly a word belongs to an entry; a result's rank is the sum over the
/// query's words. `search.js` reads only the numbers.
const IN_TERM: u8 = 10;
const IN_TITLE: u8 = 8;
const IN_SHORT_TERM: u8 = 3;
const IN_SUMMARY: u8 = 2;
const IN_TEXT: u8 = 1;

/// What a result shows. `search.js` reads these fields by name.
#[derive(Serialize)]
struct Card<'a> {
    /// The result's link text.
    title: String,
    /// "Partner", "Framework", "Programme", "Operation", "Page" or "Event".
    kind: &'static str,
    /// Relative to the site root, like every internal URL.
    url: String,
    /// An event's date as written on the timeline.
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    /// Short names a reader may type: acronym, ISO code, region, event type.
    terms: Vec<&'a str>,
    /// Shown under the result, its matching words marked.
    summary: String,
    /// The start of the page's or event's words, shown when there is no summary.
    text: String,
}

/// The manifest, `window.searchIndex`.
#[derive(Serialize)]
struct Manifest {
    entries: usize,
    #[serde(rename = "cardsPerShard")]
    cards_per_shard: usize,
    /// Card shard files, in entry order.
    cards: Vec<String>,
    /// Word shard files.
    #[serde(rename = "wordShards")]
    word_shards: Vec<String>,
    /// First two letters of a word (one for a one-letter word) → its word shard,
    /// as an index into `word_shards`.
    words: BTreeMap<String, usize>,
}

/// Lower case without accents, as `search.js` folds what a reader types.
///
/// Runs of ASCII are only lowered, byte by byte: decomposition leaves ASCII as it
/// is, and since every ASCII character is a starter, no reordering of combining
/// marks crosses it, so the rest can be folded run by run.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = folded.len();
        folded.push_str(&rest[..ascii]);
        folded[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        let other = rest
            .char_indices()
            .find(|(_, c)| c.is_ascii())
            .map_or(rest.len(), |(at, _)| at);
        folded.extend(fold_by_character(&rest[..other]));
        rest = &rest[other..];
    }
    folded
}

/// [`fold`] done character by character.
fn fold_by_character(text: &str) -> impl Iterator<Item = char> + '_ {
    text.nfd()
        .filter(|c| !('\u{0300}'..='\u{036f}').contains(c))
        .flat_map(char::to_lowercase)
}

/// The folded words of `text`: runs of letters and digits.
fn words(text: &str) -> Vec<String> {
    split_words(&fold(text)).map(str::to_string).collect()
}

fn split_words(folded: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < folded.len() {
            let (is_word, length) = character_at(folded, at);
            if is_word {
                break;
            }
            at += length;
        }
        if at == folded.len() {
            return None;
        }
        let start = at;
        while at < folded.len() {
            let (is_word, length) = character_at(folded, at);
            if !is_word {
                break;
            }
            at += length;
        }
        Some(&folded[start..at])
    })
}

/// Whether the character at byte `at` of `text` is a letter or digit, and its
/// length in bytes; ASCII is tested byte by byte.
fn character_at(text: &str, at: usize) -> (bool, usize) {
    let byte = text.as_bytes()[at];
    if byte.is_ascii() {
        return (byte.is_ascii_alphanumeric(), 1);
    }
    text[at..]
        .chars()
        .next()
        .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8()))
}

/// The shard key of a word: its first two characters.
fn key_of(word: &str) -> &str {
    let end = word.char_indices().nth(2).map_or(word.len(), |(at, _)| at);
    &word[..end]
}

/// Words and their entries, written as one JSON object in the order given.
struct WordMap<'w>(&'w [(String, Vec<u32>)]);

impl Serialize for WordMap<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(word, entries)| (word, entries)))
    }
}

/// What an entry's text gives its card: the start of the text, and its words,
/// each once (each weighs [`IN_TEXT`] as a word of the text).
#[derive(Debug)]
struct TextEntry {
    head: String,
    /// The words, sorted, each once, joined by spaces (a word never holds one): one
    /// allocation, not one per word.
    words: String,
}

impl TextEntry {
    fn words(&self) -> impl Iterator<Item = &str> {
        self.words.split(' ').filter(|word| !word.is_empty())
    }
}

/// The texts of the search entries of the last build, kept across rebuilds (for
/// `serve`). An entry's text depends on its Markdown and on the names of what it
/// links to, so [`SearchTexts::forget`] must be called whenever anything but
/// bodies changed; a rebuild after an edit to prose alone then turns again into
/// plain text only the bodies that changed.
#[derive(Debug, Default)]
pub struct SearchTexts {
    /// The entries of the build before, by the Markdown they were made from.
    before: Mutex<FastMap<String, Arc<TextEntry>>>,
    /// The entries of this build.
    now: Mutex<FastMap<String, Arc<TextEntry>>>,
}

impl SearchTexts {
    /// Forgets every entry: the names links show may have changed.
    pub fn forget(&self) {
        lock(&self.before).clear();
        lock(&self.now).clear();
    }

    /// Begins a build that may reuse the entries of the build before.
    pub fn begin(&self) {
        lock(&self.now).clear();
    }

    /// Ends a good build: the entries it used are those the next one may reuse.
    pub fn roll(&self) {
        let now = std::mem::take(&mut *lock(&self.now));
        *lock(&self.before) = now;
    }

    /// The entry of `source`, made by `make` unless the last build made it.
    fn entry(&self, source: &str, make: impl FnOnce() -> TextEntry) -> Arc<TextEntry> {
        if let Some(entry) = lock(&self.now).get(source) {
            return Arc::clone(entry);
        }
        // Moved, key and all, from the build before to this one.
        let kept = lock(&self.before).remove_entry(source);
        let (source, entry) = kept.unwrap_or_else(|| (source.to_string(), Arc::new(make())));
        lock(&self.now).insert(source, Arc::clone(&entry));
        entry
    }
}

fn text_entry(text: &str) -> TextEntry {
    let folded = fold(text);
    // Sorted by their first eight bytes as a number, then (for words that share
    // them) as strings: the same order as sorting the strings, with far fewer
    // string comparisons.
    let mut words: Vec<(u64, &str)> = split_words(&folded)
        .map(|word| (prefix_key(word), word))
        .collect();
    words.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    words.dedup_by(|later, first| later.1 == first.1);
    let words: Vec<&str> = words.into_iter().map(|(_, word)| word).collect();
    TextEntry {
        head: head(text, CARD_TEXT),
        words: words.join(" "),
    }
}

/// The first eight bytes of `word`, big-endian and padded with zeros: keys in the
/// order of the words (no word holds a zero byte, so a shorter word sorts first).
fn prefix_key(word: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let length = word.len().min(8);
    bytes[..length].copy_from_slice(&word.as_bytes()[..length]);
    u64::from_be_bytes(bytes)
}

/// The first `limit` characters of `text`, cut at a space, with "…" if cut.
fn head(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        None => text.to_string(),
        Some((at, _)) => {
            let cut = text[..at].rfind(' ').unwrap_or(at);
            format!("{} …", &text[..cut])
        }
    }
}

fn kind_label(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Partner => "Partner",
        EntityKind::Framework => "Framework",
        EntityKind::Programme => "Programme",
        EntityKind::Operation => "Operation",
        EntityKind::Page => "Page",
    }
}

fn terms_of(meta: &Meta) -> Vec<&str> {
    match meta {
        Meta::Partner(p) => [Some(p.region.as_str()), p.iso.as_deref()]
            .into_iter()
            .flatten()
            .collect(),
        Meta::Framework(f) => f.acronym.as_deref().into_iter().collect(),
        Meta::Programme(p) => p.acronym.as_deref().into_iter().collect(),
        Meta::Operation(o) => [o.acronym.as_deref(), o.theatre.as_deref()]
            .into_iter()
            .flatten()
            .collect(),
        Meta::Page(_) => Vec::new(),
    }
}

/// The search entries of the documents whose pages file them as they render, from
/// the plain text gathered while rendering their bodies (see
/// [`SiteRenderer::file_page`]), so that no body is parsed again for the index.
/// Each thread files into a slot of its own; the search index gathers the slots
/// once every page is made.
pub(super) struct PageFiling<'a> {
    slots: Vec<Mutex<Filed<'a>>>,
    /// Which documents were filed, by index.
    filed: Vec<AtomicBool>,
}

impl<'a> PageFiling<'a> {
    pub(super) fn new(documents: usize) -> Self {
        // A slot for each thread of rayon's pool, and one for any other.
        let slots = (0..=rayon::current_num_threads())
            .map(|_| Mutex::default())
            .collect();
        PageFiling {
            slots,
            filed: (0..documents).map(|_| AtomicBool::new(false)).collect(),
        }
    }

    /// The slot of the calling thread.
    fn slot(&self) -> &Mutex<Filed<'a>> {
        let last = self.slots.len() - 1;
        let index = rayon::current_thread_index().map_or(last, |index| index.min(last));
        &self.slots[index]
    }

    fn was_filed(&self, index: usize) -> bool {
        self.filed
            .get(index)
            .is_some_and(|filed| filed.load(Ordering::Relaxed))
    }
}

impl<'a> SiteRenderer<'a> {
    /// The entry of a text made from `source` by `make`: the last build's when it
    /// made one from the same source and kept it.
    fn text_of(&self, source: &str, make: impl FnOnce() -> String) -> Arc<TextEntry> {
        match self.search_texts {
            Some(texts) => texts.entry(source, || text_entry(&make())),
            None => Arc::new(text_entry(&make())),
        }
    }

    /// The card of the document at `index`, its text and its card's words.
    fn document_entry(&self, index: usize, text: impl FnOnce() -> String) -> Entry<'a> {
        let site = self.site;
        let document = &site.documents[index];
        let kind = document.meta.kind();
        let text = self.text_of(document.body(), text);
        let card = Card {
            title: name_of(document),
            kind: kind_label(kind),
            url: urls::entity_path(kind, &document.id),
            date: None,
            terms: terms_of(&document.meta),
            summary: document.meta.summary().unwrap_or_default().to_string(),
            text: text.head.clone(),
        };
        let weights = card_weights(&card);
        (index as u32, card, text, weights)
    }

    /// Files the search entry of the document at `index` from `text`, the plain
    /// text of its body gathered while its page rendered, if this render files
    /// entries as pages render.
    pub(super) fn file_page(&self, index: usize, text: String) {
        let Some(filing) = &self.page_filing else {
            return;
        };
        let entry = self.document_entry(index, || text);
        lock(filing.slot()).file_entry(entry);
        if let Some(filed) = filing.filed.get(index) {
            filed.store(true, Ordering::Relaxed);
        }
    }

    /// The search entries of every event, filed in parallel (beside the pages,
    /// which file those of the documents).
    pub(super) fn file_events(&self) -> Filed<'a> {
        let markdown = self.markdown();
        let first_event = self.site.documents.len();
        let site = self.site;
        let entries = site.events.par_iter().enumerate().map(|(number, event)| {
            let record = &event.entry.record;
            let note = record.note.as_deref();
            // Marked apart from any body by a control character no text holds.
            let source = format!("\u{1}{}\u{1}{}", record.summary, note.unwrap_or_default());
            let text = self.text_of(&source, || {
                let mut text = markdown.plain_text(&record.summary);
                if let Some(note) = note {
                    text.push(' ');
                    text.push_str(note);
                }
                text
            });
            let card = Card {
                title: record.title.clone(),
                kind: "Event",
                url: self.event_path(event),
                date: Some(record.date.text()),
                terms: vec![record.kind.label()],
                summary: String::new(),
                text: text.head.clone(),
            };
            let weights = card_weights(&card);
            ((first_event + number) as u32, card, text, weights)
        });
        filed_in_parallel(entries)
    }

    /// `search-index.js` and its shards: every entity, then every event in date
    /// order. Made once the pages are, from the entries they filed, `events` (see
    /// [`Self::file_events`]) and those of documents whose pages were not made.
    pub(super) fn search_index(&self, events: Filed<'a>) -> Result<Vec<OutputFile>, Diagnostic> {
        let markdown = self.markdown();
        let site = self.site;
        let filing = self.page_filing.as_ref();
        let unfiled = (0..site.documents.len())
            .into_par_iter()
            .filter(|index| !filing.is_some_and(|filing| filing.was_filed(*index)))
            .map(|index| {
                let body = site.documents[index].body();
                self.document_entry(index, || markdown.plain_text(body))
            });
        let mut filed = filed_in_parallel(unfiled).merged(events);
        if let Some(filing) = filing {
            for slot in &filing.slots {
                filed = filed.merged(std::mem::take(&mut *lock(slot)));
            }
        }
        let Filed {
            cards: mut numbered,
            postings,
        } = filed;
        numbered.par_sort_unstable_by_key(|(entry, _)| *entry);
        let cards: Vec<Card> = numbered.into_iter().map(|(_, card)| card).collect();
        // Each word with its entries in order, as pairs of numbers (entry, weight);
        // sorted by word, which sorts them by key too (a key starts its word).
        let mut words: Vec<(String, Vec<u32>)> = postings
            .into_par_iter()
            .map(|(word, mut entries)| {
                entries.sort_unstable();
                let flat = entries
                    .into_iter()
                    .flat_map(|(entry, weight)| [entry, u32::from(weight)])
                    .collect();
                (word, flat)
            })
            .collect();
        words.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // Groups of words sharing a key, packed in order into shards.
        let mut packed: Vec<(std::ops::Range<usize>, Vec<&str>)> = Vec::new();
        let (mut start, mut pending_bytes, mut pending_keys) = (0, 0, Vec::new());
        let mut at = 0;
        while at < words.len() {
            let key = key_of(&words[at].0);
            let mut end = at;
            let mut bytes = 0;
            while end < words.len() && key_of(&words[end].0) == key {
                let (word, entries) = &words[end];
                bytes += word.len() + 6 + entries.len() * 5;
                end += 1;
            }
            if pending_bytes > 0 && pending_bytes + bytes > WORD_SHARD_BYTES {
                packed.push((start..at, std::mem::take(&mut pending_keys)));
                start = at;
                pending_bytes = 0;
            }
            pending_keys.push(key);
            pending_bytes += bytes;
            at = end;
        }
        if !pending_keys.is_empty() {
            packed.push((start..words.len(), pending_keys));
        }
        let mut manifest = Manifest {
            entries: cards.len(),
            cards_per_shard: CARDS_PER_SHARD,
            cards: Vec::new(),
            word_shards: Vec::new(),
            words: BTreeMap::new(),
        };
        for number in 0..cards.len().div_ceil(CARDS_PER_SHARD) {
            manifest
                .cards
                .push(format!("{}cards-{number}.js", urls::SEARCH_SHARDS));
        }
        for (number, (_, keys)) in packed.iter().enumerate() {
            manifest
                .word_shards
                .push(format!("{}words-{number}.js", urls::SEARCH_SHARDS));
            for key in keys {
                manifest.words.insert(key.to_string(), number);
            }
        }
        // The shards written in parallel, in the manifest's order.
        let card_shards = cards
            .par_chunks(CARDS_PER_SHARD)
            .zip(&manifest.cards)
            .map(|(chunk, path)| shard(path, chunk));
        let word_shards = packed
            .par_iter()
            .zip(&manifest.word_shards)
            .map(|((range, _), path)| shard(path, &WordMap(&words[range.clone()])));
        let mut files = card_shards
            .chain(word_shards)
            .collect::<Result<Vec<OutputFile>, Diagnostic>>()?;
        let json = web_safe_json(&manifest, urls::SEARCH_INDEX)?;
        files.push(OutputFile {
            path: urls::SEARCH_INDEX.into(),
            contents: format!(
                "// The search index read by search.js: which files hold the cards of every\n\
                 // partner, framework, programme, operation, page and event, and which the\n\
                 // words beginning with each pair of letters.\n\
                 window.searchIndex = {json};\n"
            )
            .into_bytes()
            .into(),
        });
        Ok(files)
    }

    /// `search.html`: a form, and results filled in by `search.js`.
    pub(super) fn search_page(&self) -> Result<OutputFile, Diagnostic> {
        let path = urls::SEARCH.to_string();
        let crumbs = self.crumbs("", &[]);
        let description = "Search every partner, framework, programme, operation, page and \
                           event of the reference."
            .to_string();
        let common = self.common(&path, "Search".into(), Some(description), crumbs);
        let entries = self.site.documents.len() + self.site.events.len();
        self.finish(
            "search.html",
            path,
            common,
            Search {
                index: urls::SEARCH_INDEX,
                entries,
            },
        )
    }
}

/// Cards and the entries of each word, as one thread files them.
#[derive(Default)]
pub(super) struct Filed<'a> {
    cards: Vec<(u32, Card<'a>)>,
    postings: FastMap<String, Vec<(u32, u8)>>,
}

/// An entry of the search index: its number, card, text and card's words.
type Entry<'a> = (u32, Card<'a>, Arc<TextEntry>, Vec<(String, u8)>);

/// `entries` filed by each thread as they come, then merged.
fn filed_in_parallel<'a>(entries: impl ParallelIterator<Item = Entry<'a>>) -> Filed<'a> {
    entries
        .fold(Filed::default, |mut filed, entry| {
            filed.file_entry(entry);
            filed
        })
        .reduce(Filed::default, Filed::merged)
}

impl<'a> Filed<'a> {
    /// Files the card and each word of an entry.
    fn file_entry(&mut self, (entry, card, text, weights): Entry<'a>) {
        each_weighted_word(text.words(), &weights, |word, weight| {
            self.file(word, entry, weight);
        });
        self.cards.push((entry, card));
    }

    /// Files `word` as a word of `entry` weighing `weight`.
    fn file(&mut self, word: &str, entry: u32, weight: u8) {
        match self.postings.get_mut(word) {
            Some(entries) => entries.push((entry, weight)),
            None => {
                self.postings
                    .insert(word.to_string(), vec![(entry, weight)]);
            }
        }
    }

    fn merged(mut self, mut other: Filed<'a>) -> Filed<'a> {
        if self.postings.len() < other.postings.len() {
            std::mem::swap(&mut self, &mut other);
        }
        self.cards.append(&mut other.cards);
        for (word, entries) in other.postings {
            self.postings.entry(word).or_default().extend(entries);
        }
        self
    }
}

/// The words of an entry's card, each once with the greatest weight it has there,
/// in order.
fn card_weights(card: &Card) -> Vec<(String, u8)> {
    let mut weights: Vec<(String, u8)> = Vec::new();
    let mut weigh = |text: &str, weight: u8| {
        weights.extend(words(text).into_iter().map(|word| (word, weight)));
    };
    weigh(&card.title, IN_TITLE);
    for term in &card.terms {
        let whole = words(term).len() == 1;
        weigh(term, if whole { IN_TERM } else { IN_SHORT_TERM });
    }
    weigh(&card.summary, IN_SUMMARY);
    // The strongest weight of a word first, then the rest of that word dropped.
    weights.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    weights.dedup_by(|later, first| later.0 == first.0);
    weights
}

/// Hands `file` each word of an entry once, with its weight: the words of its text
/// (sorted, each once) weigh [`IN_TEXT`], those of its card (see [`card_weights`])
/// what the card gives them, and a word of both the greater. Both lists are read
/// once, side by side.
fn each_weighted_word<'w>(
    text: impl Iterator<Item = &'w str>,
    card: &'w [(String, u8)],
    mut file: impl FnMut(&'w str, u8),
) {
    use std::cmp::Ordering;
    let mut text = text.peekable();
    let mut card = card.iter().peekable();
    loop {
        match (text.peek().copied(), card.peek()) {
            (None, None) => break,
            (Some(word), None) => {
                file(word, IN_TEXT);
                text.next();
            }
            (None, Some((word, weight))) => {
                file(word, *weight);
                card.next();
            }
            (Some(text_word), Some((card_word, weight))) => {
                match text_word.cmp(card_word.as_str()) {
                    Ordering::Less => {
                        file(text_word, IN_TEXT);
                        text.next();
                    }
                    Ordering::Greater => {
                        file(card_word, *weight);
                        card.next();
                    }
                    Ordering::Equal => {
                        file(text_word, (*weight).max(IN_TEXT));
                        text.next();
                        card.next();
                    }
                }
            }
        }
    }
}

/// One shard: a script that hands its data to `search.js`.
fn shard<T: Serialize + ?Sized>(path: &str, data: &T) -> Result<OutputFile, Diagnostic> {
    let json = web_safe_json(data, path)?;
    let name = web_safe_json(path, path)?;
    Ok(OutputFile {
        path: path.to_string(),
        contents: format!("searchShard({name}, {json});\n")
            .into_bytes()
            .into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_accents_and_case_as_the_script_does() {
        assert_eq!(fold("Türkiye ÉLYSÉE"), "turkiye elysee");
        // A combining mark after an ASCII letter, and marks out of canonical order.
        assert_eq!(fold("Cafe\u{301} A\u{323}\u{301}Z ǅ İ"), "cafe az ǆ i");
        assert_eq!(
            words("North Atlantic Co-operation Council (NACC), 1991"),
            [
                "north",
                "atlantic",
                "co",
                "operation",
                "council",
                "nacc",
                "1991"
            ]
        );
        assert_eq!(key_of("ukraine"), "uk");
        assert_eq!(key_of("a"), "a");
        assert_eq!(key_of("ör"), "ör");
    }

    #[test]
    fn each_word_is_filed_once_with_its_strongest_weight() {
        let card = Card {
            title: "Partnership for Peace".into(),
            kind: "Framework",
            url: String::new(),
            date: None,
            terms: vec!["PfP", "Euro-Atlantic"],
            summary: "Peace and partnership".into(),
            text: String::new(),
        };
        let weights = card_weights(&card);
        assert_eq!(
            weights,
            [
                ("and".to_string(), IN_SUMMARY),
                ("atlantic".to_string(), IN_SHORT_TERM),
                ("euro".to_string(), IN_SHORT_TERM),
                ("for".to_string(), IN_TITLE),
                ("partnership".to_string(), IN_TITLE),
                ("peace".to_string(), IN_TITLE),
                ("pfp".to_string(), IN_TERM),
            ]
        );
        let text = text_entry("Peace came; the zone of peace and a treaty.");
        let mut filed = Vec::new();
        each_weighted_word(text.words(), &weights, |word, weight| {
            filed.push((word, weight));
        });
        assert_eq!(
            filed,
            [
                ("a", IN_TEXT),
                ("and", IN_SUMMARY),
                ("atlantic", IN_SHORT_TERM),
                ("came", IN_TEXT),
                ("euro", IN_SHORT_TERM),
                ("for", IN_TITLE),
                ("of", IN_TEXT),
                ("partnership", IN_TITLE),
                ("peace", IN_TITLE),
                ("pfp", IN_TERM),
                ("the", IN_TEXT),
                ("treaty", IN_TEXT),
                ("zone", IN_TEXT),
            ]
        );
    }

    #[test]
    fn a_card_keeps_the_start_of_the_text_cut_at_a_word() {
        assert_eq!(head("short text", 300), "short text");
        assert_eq!(head("one two three", 6), "one …");
    }

    proptest::proptest! {
        #[test]
        fn folding_by_runs_is_folding_by_character(text in "\\PC{0,40}") {
            let by_character: String = fold_by_character(&text).collect();
            proptest::prop_assert_eq!(fold(&text), by_character);
        }

        #[test]
        fn an_entry_holds_each_word_once_in_order(text in "[a-cé0-9 ,.\\-]{0,80}|\\PC{0,40}") {
            let folded = fold(&text);
            let mut expected: Vec<&str> = folded
                .split(|c: char| !c.is_alphanumeric())
                .filter(|word| !word.is_empty())
                .collect();
            proptest::prop_assert_eq!(split_words(&folded).collect::<Vec<_>>(), expected.clone());
            expected.sort_unstable();
            expected.dedup();
            let entry = text_entry(&text);
            proptest::prop_assert_eq!(entry.words().collect::<Vec<_>>(), expected);
        }
    }
}
