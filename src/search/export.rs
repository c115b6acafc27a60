//! The static export: what a browser on a plain static host needs to rank exactly as tantivy
//! does, cut into small files so a query downloads only the parts it needs.
//!
//! - `manifest.json`: shard boundaries, per-field average lengths, facet dictionaries;
//! - `t/N.bin`: term shards, cut by term ranges. For each term: its ten best pages with their
//!   BM25 scores exactly as tantivy computes them (fields combined with their boosts) and their
//!   result cards, which answer a one-word query with no further request; and, per searched
//!   field, the boosted BM25 weight (tantivy's idf × (1 + k1) × boost, as f32 bits) and the
//!   postings (document, term frequency, tantivy's quantized fieldnorm id), from which the client
//!   computes tantivy's scores with the same f32 arithmetic for queries of several words. Title
//!   and summary postings are per page (every part of a page has the same title); postings too
//!   large to carry inline live in `p/N.bin`, fetched only by queries that need them. Forms a
//!   reader types (`pumps`, `café`) are aliases of the index term (`pump`, `cafe`), so the
//!   client needs no stemmer: the build ran tantivy's analyzer for it;
//! - `p/N.bin`: the postings of one frequent term;
//! - `m/N.json`: result cards of every document, grouped by page, for results a term's cards
//!   do not cover;
//! - `facets.json`: type, topic, region, year and language of every page, for filter counts.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use serde_json::json;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::Postings;
use tantivy::query::{Bm25StatisticsProvider, Bm25Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Index, TERMINATED};

use super::analyzer;
use super::index::{Fields, Language, Part, SEARCHED};
use super::SearchError;
use crate::content::truncate_words;
use crate::site::Site;

/// Estimated compressed bytes at which a term shard is cut.
const SHARD_TARGET_BYTES: usize = 10_000;
/// Postings larger than this many bytes are stored in a file of their own.
const INLINE_POSTINGS_BYTES: usize = 4_000;
/// Pages per metadata shard.
const PAGES_PER_META_SHARD: usize = 10;
/// Result cards carried by each term.
const CARDS_PER_TERM: usize = 10;
/// Characters of a part's text kept for the snippet.
const SNIPPET_CHARS: usize = 140;

/// Document numbers are `page × PARTS_PER_PAGE + part`, so the client derives the page from
/// the number without a lookup table.
pub const PARTS_PER_PAGE: usize = 64;

/// What the export wrote, for reports and benchmarks.
#[derive(Debug, Default, Clone, Serialize)]
pub struct ExportStats {
    /// Distinct index terms.
    pub terms: usize,
    /// Term shards.
    pub shards: usize,
    /// Metadata shards.
    pub meta_shards: usize,
    /// Bytes of the manifest.
    pub manifest_bytes: usize,
    /// Bytes of all exported files.
    pub total_bytes: usize,
}

/// One field's postings of a term: (number, term frequency, fieldnorm id), where the number is
/// a page for title and summary and a document for the body.
struct FieldPostings {
    weight: f32,
    postings: Vec<(u32, u32, u8)>,
}

/// Everything known about one key of the export.
#[derive(Default)]
struct Entry {
    /// The index term a typed form stands for, when it differs.
    alias: Option<String>,
    /// Postings per searched field (title, summary, body), when the key is an index term.
    fields: [Option<FieldPostings>; 3],
    /// Best documents for this term, one per page, with the term's score.
    top: Vec<(u32, f32)>,
    /// Pages containing the term.
    pages: u32,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SearchError + '_ {
    move |source| SearchError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// tantivy's idf × (1 + k1), times the field boost, in tantivy's f32 arithmetic.
fn boosted_weight(doc_freq: u64, total_docs: u64, boost: f32) -> f32 {
    let x = ((total_docs - doc_freq) as f32 + 0.5) / (doc_freq as f32 + 0.5);
    let weight = (1.0 + x).ln() * (1.0 + 1.2f32);
    if boost == 1.0 {
        weight
    } else {
        weight * boost
    }
}

/// tantivy's BM25 from an exported weight, the way the client computes it.
fn client_score(weight: f32, tf: u32, fieldnorm_id: u8, average: f32) -> f32 {
    let fieldnorm = FieldNormReader::id_to_fieldnorm(fieldnorm_id) as f32;
    let norm = 1.2f32 * (1.0 - 0.75f32 + 0.75f32 * fieldnorm / average);
    let tf = tf as f32;
    weight * (tf / (tf + norm))
}

/// The forms readers type that the export maps to index terms.
#[derive(Clone, Copy)]
pub struct TypedForms<'a> {
    /// The forms of the language's own text, with the term indexing made of each.
    pub own: &'a HashMap<String, String>,
    /// The forms of the other languages' text.
    pub others: &'a HashSet<String>,
}

/// Writes the export of `language`'s `index` into `dir` (`search/<language>/`).
pub fn export(
    site: &Site,
    language: &Language,
    parts: &[Part<'_>],
    index: &Index,
    f: &Fields,
    forms: TypedForms<'_>,
    dir: &Path,
) -> Result<ExportStats, SearchError> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let total_docs = searcher.total_num_docs()?;
    let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
    let mut averages = [0f32; 3];

    for (slot, &(name, boost)) in SEARCHED.iter().enumerate() {
        let field = [f.title, f.summary, f.body][slot];
        let average = searcher.total_num_tokens(field)? as f32 / total_docs as f32;
        averages[slot] = average;
        for segment in searcher.segment_readers() {
            let numbers_column = segment.fast_fields().u64("doc")?;
            // One lookup per document instead of one per posting.
            let numbers: Vec<u32> = (0..segment.max_doc())
                .map(|doc| numbers_column.first(doc).unwrap_or_default() as u32)
                .collect();
            let fieldnorms = segment.get_fieldnorms_reader(field)?;
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted.terms().stream()?;
            while stream.advance() {
                let term = String::from_utf8_lossy(stream.key()).into_owned();
                let info = stream.value().clone();
                let weight = boosted_weight(u64::from(info.doc_freq), total_docs, boost);
                let tantivy_weight = Bm25Weight::for_one_term_without_explain(
                    u64::from(info.doc_freq),
                    total_docs,
                    average,
                )
                .boost_by(boost);
                let mut postings =
                    inverted.read_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?;
                let mut list = Vec::with_capacity(info.doc_freq as usize);
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    let number = numbers[doc as usize];
                    let tf = postings.term_freq();
                    let fieldnorm_id = fieldnorms.fieldnorm_id(doc);
                    if list.is_empty() {
                        // The client's arithmetic must give tantivy's score bit for bit.
                        let ours = client_score(weight, tf, fieldnorm_id, average);
                        let theirs = tantivy_weight.score(fieldnorm_id, tf);
                        if ours.to_bits() != theirs.to_bits() {
                            return Err(SearchError::Parity(format!(
                                "{name}:{term}: exported weight gives {ours}, tantivy {theirs}"
                            )));
                        }
                    }
                    list.push((number, tf, fieldnorm_id));
                    doc = postings.advance();
                }
                list.sort_unstable_by_key(|p| p.0);
                if slot < 2 {
                    // Every part of a page carries the page's title and summary, so one posting
                    // per page says it all.
                    list = page_level(list);
                }
                entries.entry(term).or_default().fields[slot] = Some(FieldPostings {
                    weight,
                    postings: list,
                });
            }
        }
    }

    // Best documents per term, by the term's own score summed over fields in field order.
    entries.par_iter_mut().for_each(|(_, entry)| {
        // Each page's best part (highest score, then lowest number), then the best pages in
        // that order: the first parts of each page in the sorted list of all parts, without
        // sorting them all.
        let order = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        let mut best: FxHashMap<u32, (u32, f32)> = FxHashMap::default();
        for scored in term_scores(entry, &averages) {
            let page = scored.0 / PARTS_PER_PAGE as u32;
            best.entry(page)
                .and_modify(|b| {
                    if order(&scored, b).is_lt() {
                        *b = scored;
                    }
                })
                .or_insert(scored);
        }
        let mut best: Vec<(u32, f32)> = best.into_values().collect();
        entry.pages = best.len() as u32;
        if best.len() > CARDS_PER_TERM {
            best.select_nth_unstable_by(CARDS_PER_TERM, order);
            best.truncate(CARDS_PER_TERM);
        }
        best.sort_unstable_by(order);
        entry.top = best;
    });

    // Forms readers type, mapped to the index term the analyzer makes of them: those of this
    // language's text, as indexing met them, and those of the other languages' text, so a
    // word typed in one language finds what tantivy finds in another index (`inclusive` →
    // French `inclus`).
    let mut full = analyzer::analyzer(&language.key);
    let TypedForms { own, others } = forms;
    let mut aliases: Vec<(String, String)> = own
        .iter()
        .filter(|(form, term)| form != term && entries.contains_key(*term))
        .map(|(form, term)| (form.clone(), term.clone()))
        .collect();
    for form in others.iter().filter(|form| !own.contains_key(*form)) {
        let Some(term) = analyzer::terms(&mut full, form).into_iter().next() else {
            continue;
        };
        if &term != form && entries.contains_key(&term) {
            aliases.push((form.clone(), term));
        }
    }
    for (form, term) in aliases {
        entries.entry(form).or_default().alias = Some(term);
    }

    std::fs::create_dir_all(dir.join("t")).map_err(io(dir))?;
    std::fs::create_dir_all(dir.join("m")).map_err(io(dir))?;
    let cards = Cards::new(site, language, parts);
    let mut stats = ExportStats {
        terms: entries
            .values()
            .filter(|e| e.fields.iter().any(Option::is_some))
            .count(),
        ..ExportStats::default()
    };

    // Cut shards by key ranges. Cutting is sequential (each cut depends on the sizes before
    // it); the shards' headers, whose result cards are most of the work, are made afterwards
    // in parallel, and every file is written as soon as it is made rather than all held.
    let mut boundaries: Vec<String> = Vec::new();
    let mut shard = ShardWriter::default();
    let mut shards: Vec<ShardWriter> = Vec::new();
    let mut postings_files: Vec<Vec<u8>> = Vec::new();
    let mut last_key = String::new();
    for (key, entry) in &entries {
        // A typed form stays in the shard of the term it stands for (`chlorine` → `chlorin`),
        // so looking it up never costs a second request.
        let follows_target = entry
            .alias
            .as_ref()
            .is_some_and(|target| shard.keys.contains(target));
        if shard.estimate >= SHARD_TARGET_BYTES && !follows_target {
            shards.push(std::mem::take(&mut shard));
        }
        if shard.previous.is_none() {
            boundaries.push(if boundaries.is_empty() {
                String::new()
            } else {
                separator(&last_key, key)
            });
        }
        shard.add(key, entry, &mut postings_files);
        last_key.clone_from(key);
    }
    if shard.previous.is_some() {
        shards.push(shard);
    }
    drop(entries);
    stats.shards = shards.len();
    std::fs::create_dir_all(dir.join("p")).map_err(io(dir))?;
    let write = |path: std::path::PathBuf, bytes: &[u8]| -> Result<usize, SearchError> {
        std::fs::write(&path, bytes).map_err(io(&path))?;
        Ok(bytes.len())
    };
    stats.total_bytes += shards
        .into_par_iter()
        .enumerate()
        .map(|(i, shard)| write(dir.join(format!("t/{i}.bin")), &shard.finish(&cards)))
        .chain(
            postings_files
                .par_iter()
                .enumerate()
                .map(|(i, bytes)| write(dir.join(format!("p/{i}.bin")), bytes)),
        )
        .sum::<Result<usize, SearchError>>()?;
    drop(postings_files);

    // Metadata shards: every part's card, grouped by page. Parts are in page order, so each
    // shard's parts are one run of them.
    let pages = language.pages.len();
    let meta_shards: Vec<usize> = (0..pages).step_by(PAGES_PER_META_SHARD).collect();
    stats.meta_shards = meta_shards.len();
    stats.total_bytes += meta_shards
        .into_par_iter()
        .enumerate()
        .map(|(shard, first)| {
            let last = (first + PAGES_PER_META_SHARD).min(pages);
            let from = parts.partition_point(|p| p.page < first);
            let to = parts.partition_point(|p| p.page < last);
            let mut docs = serde_json::Map::new();
            for part in &parts[from..to] {
                docs.insert(part.number.to_string(), cards.card(part.number));
            }
            let pages: serde_json::Map<String, serde_json::Value> = (first..last)
                .map(|p| (p.to_string(), cards.page(p)))
                .collect();
            let text = serde_json::to_string(&json!({ "docs": docs, "pages": pages }))?;
            write(dir.join(format!("m/{shard}.json")), text.as_bytes())
        })
        .sum::<Result<usize, SearchError>>()?;

    let facets = facets(site, language);
    let facets_text = serde_json::to_string(&facets.columns)?;
    let path = dir.join("facets.json");
    std::fs::write(&path, &facets_text).map_err(io(&path))?;
    stats.total_bytes += facets_text.len();

    let manifest = json!({
        "version": 1,
        "language": language.key,
        "pages": pages,
        "parts_per_page": PARTS_PER_PAGE,
        "pages_per_meta_shard": PAGES_PER_META_SHARD,
        "boosts": SEARCHED.iter().map(|(_, b)| b).collect::<Vec<_>>(),
        "averages": averages.iter().map(|a| a.to_bits()).collect::<Vec<_>>(),
        "shards": boundaries,
        "facets": facets.dictionaries,
    });
    let text = serde_json::to_string(&manifest)?;
    let path = dir.join("manifest.json");
    std::fs::write(&path, &text).map_err(io(&path))?;
    stats.manifest_bytes = text.len();
    stats.total_bytes += text.len();
    Ok(stats)
}

/// Collapses postings of parts to postings of their pages (the first part's values).
fn page_level(list: Vec<(u32, u32, u8)>) -> Vec<(u32, u32, u8)> {
    let mut out: Vec<(u32, u32, u8)> = Vec::new();
    for (number, tf, fieldnorm_id) in list {
        let page = (number as usize / PARTS_PER_PAGE) as u32;
        if out.last().is_none_or(|last| last.0 != page) {
            out.push((page, tf, fieldnorm_id));
        }
    }
    out
}

/// A term's score in every document, as tantivy adds it: title, then summary, then body. Title
/// and summary apply to every part of their page; a page matched only there is represented by
/// its first part, which wins the tie with its other parts.
fn term_scores(entry: &Entry, averages: &[f32; 3]) -> Vec<(u32, f32)> {
    // Fast hashes of page numbers: a frequent term has postings in most pages. Nothing here
    // depends on the maps' order (scores are summed field by field, then totally ordered).
    let mut pages: FxHashMap<u32, f32> = FxHashMap::default();
    for (slot, field) in entry.fields.iter().enumerate().take(2) {
        let Some(field) = field else {
            continue;
        };
        for &(page, tf, fieldnorm_id) in &field.postings {
            let score = client_score(field.weight, tf, fieldnorm_id, averages[slot]);
            pages
                .entry(page)
                .and_modify(|s| *s += score)
                .or_insert(score);
        }
    }
    let mut scores: Vec<(u32, f32)> = Vec::new();
    let mut first_parts = FxHashSet::default();
    if let Some(body) = &entry.fields[2] {
        scores.reserve(body.postings.len() + pages.len());
        for &(number, tf, fieldnorm_id) in &body.postings {
            let score = client_score(body.weight, tf, fieldnorm_id, averages[2]);
            let page = (number as usize / PARTS_PER_PAGE) as u32;
            if number as usize % PARTS_PER_PAGE == 0 {
                first_parts.insert(page);
            }
            scores.push((number, pages.get(&page).map_or(score, |p| p + score)));
        }
    }
    for (page, score) in pages {
        if !first_parts.contains(&page) {
            scores.push((page * PARTS_PER_PAGE as u32, score));
        }
    }
    scores
}

/// Result cards: what a result shows of a part and of its page.
struct Cards<'a> {
    site: &'a Site,
    language: &'a Language,
    parts: FxHashMap<u32, &'a Part<'a>>,
}

impl<'a> Cards<'a> {
    fn new(site: &'a Site, language: &'a Language, parts: &'a [Part<'a>]) -> Cards<'a> {
        Cards {
            site,
            language,
            parts: parts.iter().map(|p| (p.number, p)).collect(),
        }
    }

    /// [page, anchor, heading, snippet text].
    fn card(&self, number: u32) -> serde_json::Value {
        match self.parts.get(&number) {
            Some(part) => {
                let text = part
                    .text
                    .strip_prefix(part.heading)
                    .unwrap_or(&part.text)
                    .trim();
                json!([
                    part.page,
                    part.anchor,
                    part.heading,
                    truncate_words(text, SNIPPET_CHARS)
                ])
            }
            None => serde_json::Value::Null,
        }
    }

    /// [title, url, type label, date, language].
    fn page(&self, page: usize) -> serde_json::Value {
        let p = &self.site.pages[self.language.pages[page]];
        let label = self
            .site
            .config
            .types
            .get(&p.kind)
            .map_or("Page", |t| t.name.as_str());
        let date = p
            .date
            .as_ref()
            .map(|d| d.day.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        json!([p.fm.title, p.url, label, date, p.lang])
    }
}

/// Writes one term shard: a JSON header with the cards its terms point to, then the terms.
#[derive(Default)]
struct ShardWriter {
    bytes: Vec<u8>,
    previous: Option<String>,
    keys: HashSet<String>,
    referenced: Vec<u32>,
    /// Estimated compressed size of the term data and cards so far.
    estimate: usize,
}

fn varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Encodes one field's postings: count, then (number delta, term frequency, fieldnorm id).
fn encode_postings(out: &mut Vec<u8>, postings: &[(u32, u32, u8)]) {
    varint(out, postings.len() as u64);
    let mut last = 0u32;
    for &(number, tf, fieldnorm_id) in postings {
        varint(out, u64::from(number - last));
        last = number;
        varint(out, u64::from(tf));
        out.push(fieldnorm_id);
    }
}

impl ShardWriter {
    /// Appends a key: front-coded against the previous key, then its alias, best pages,
    /// weights and postings (inline, or the number of the file that holds them).
    fn add(&mut self, key: &str, entry: &Entry, postings_files: &mut Vec<Vec<u8>>) {
        let start = self.bytes.len();
        let previous = self.previous.as_deref().unwrap_or("");
        let shared = key
            .bytes()
            .zip(previous.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        varint(&mut self.bytes, shared as u64);
        varint(&mut self.bytes, (key.len() - shared) as u64);
        self.bytes.extend_from_slice(&key.as_bytes()[shared..]);
        let mask = entry
            .fields
            .iter()
            .enumerate()
            .filter(|(_, f)| f.is_some())
            .fold(0u8, |mask, (i, _)| mask | (1 << i));
        let mut postings = Vec::new();
        for field in entry.fields.iter().flatten() {
            encode_postings(&mut postings, &field.postings);
        }
        let outside = postings.len() > INLINE_POSTINGS_BYTES;
        let flags =
            mask | if entry.alias.is_some() { 0x80 } else { 0 } | if outside { 0x08 } else { 0 };
        self.bytes.push(flags);
        if let Some(alias) = &entry.alias {
            varint(&mut self.bytes, alias.len() as u64);
            self.bytes.extend_from_slice(alias.as_bytes());
        }
        if mask != 0 {
            varint(&mut self.bytes, u64::from(entry.pages));
            varint(&mut self.bytes, entry.top.len() as u64);
            for &(number, score) in &entry.top {
                varint(&mut self.bytes, u64::from(number));
                self.bytes.extend_from_slice(&score.to_bits().to_le_bytes());
                self.referenced.push(number);
            }
            for field in entry.fields.iter().flatten() {
                self.bytes
                    .extend_from_slice(&field.weight.to_bits().to_le_bytes());
            }
            if outside {
                varint(&mut self.bytes, postings_files.len() as u64);
                postings_files.push(postings);
            } else {
                self.bytes.extend_from_slice(&postings);
            }
        }
        // Term data compresses to about two thirds; a card of text and JSON to about a third.
        self.estimate += (self.bytes.len() - start) * 2 / 3 + entry.top.len() * CARD_ESTIMATE;
        self.previous = Some(key.to_string());
        self.keys.insert(key.to_string());
    }

    /// The shard's bytes: header length (u32, little-endian), JSON header, term data.
    fn finish(mut self, cards: &Cards<'_>) -> Vec<u8> {
        self.referenced.sort_unstable();
        self.referenced.dedup();
        let mut docs = serde_json::Map::new();
        let mut pages = serde_json::Map::new();
        for &number in &self.referenced {
            let card = cards.card(number);
            if let Some(page) = card.get(0).and_then(serde_json::Value::as_u64) {
                pages
                    .entry(page.to_string())
                    .or_insert_with(|| cards.page(page as usize));
            }
            docs.insert(number.to_string(), card);
        }
        let header =
            serde_json::to_vec(&json!({ "docs": docs, "pages": pages })).unwrap_or_default();
        let mut out = Vec::with_capacity(4 + header.len() + self.bytes.len());
        out.extend_from_slice(&(header.len() as u32).to_le_bytes());
        out.extend_from_slice(&header);
        out.extend_from_slice(&self.bytes);
        out
    }
}

/// Estimated compressed bytes of one result card in a shard header.
const CARD_ESTIMATE: usize = 110;

/// The shortest prefix of `key` that still sorts after `previous`: shard boundaries in the
/// manifest only need to separate shards, not name their first key in full.
fn separator(previous: &str, key: &str) -> String {
    for (i, _) in key
        .char_indices()
        .skip(1)
        .chain(std::iter::once((key.len(), ' ')))
    {
        let prefix = &key[..i];
        if prefix > previous {
            return prefix.to_string();
        }
    }
    key.to_string()
}

struct Facets {
    dictionaries: serde_json::Value,
    columns: serde_json::Value,
}

/// Facet dictionaries (for the manifest) and per-page columns (for facets.json) of one
/// language's pages; topics and regions none of its pages has are left out.
fn facets(site: &Site, language: &Language) -> Facets {
    fn index_of(list: &mut Vec<String>, value: &str) -> usize {
        match list.iter().position(|v| v == value) {
            Some(i) => i,
            None => {
                list.push(value.to_string());
                list.len() - 1
            }
        }
    }
    let mut types = Vec::new();
    let mut years = Vec::new();
    let mut langs = Vec::new();
    let mut kind_col = Vec::new();
    let mut year_col = Vec::new();
    let mut lang_col = Vec::new();
    let local: HashMap<usize, usize> = language
        .pages
        .iter()
        .enumerate()
        .map(|(i, &global)| (global, i))
        .collect();
    for page in language.pages.iter().map(|&p| &site.pages[p]) {
        kind_col.push(index_of(&mut types, &page.kind));
        let year = page
            .date
            .as_ref()
            .map(|d| d.day.format("%Y").to_string())
            .unwrap_or_default();
        year_col.push(index_of(&mut years, &year));
        lang_col.push(index_of(&mut langs, &page.lang));
    }
    let multi = |name: &str| -> (Vec<(String, String)>, Vec<Vec<usize>>) {
        let mut terms = Vec::new();
        let mut lists = Vec::new();
        for term in site
            .taxonomies
            .iter()
            .filter(|t| t.name == name)
            .flat_map(|t| &t.terms)
        {
            let mut pages: Vec<usize> = term
                .pages
                .iter()
                .filter_map(|p| local.get(p).copied())
                .collect();
            if pages.is_empty() {
                continue;
            }
            pages.sort_unstable();
            let mut last = 0;
            lists.push(
                pages
                    .into_iter()
                    .map(|p| {
                        let delta = p - last;
                        last = p;
                        delta
                    })
                    .collect(),
            );
            terms.push((term.slug.clone(), term.name.clone()));
        }
        (terms, lists)
    };
    let (topics, topic_pages) = multi("topics");
    let (regions, region_pages) = multi("regions");
    let labels: Vec<String> = types
        .iter()
        .map(|t| {
            site.config
                .types
                .get(t)
                .map_or_else(|| t.clone(), |c| c.plural.clone())
        })
        .collect();
    Facets {
        dictionaries: json!({
            "type": types.iter().zip(&labels).map(|(t, l)| [t, l]).collect::<Vec<_>>(),
            "year": years,
            "lang": langs,
            "topic": topics,
            "region": regions,
        }),
        columns: json!({
            "type": kind_col,
            "year": year_col,
            "lang": lang_col,
            "topic": topic_pages,
            "region": region_pages,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exported_weights_score_like_tantivy() {
        for (df, total, boost, average) in [
            (1, 10, 3.0, 7.5),
            (40, 1000, 2.0, 31.2),
            (999, 1000, 1.0, 250.0),
        ] {
            let theirs =
                Bm25Weight::for_one_term_without_explain(df, total, average).boost_by(boost);
            let weight = boosted_weight(df, total, boost);
            for fieldnorm_id in [0u8, 1, 17, 40, 90, 200, 255] {
                for tf in [1u32, 2, 7, 300] {
                    assert_eq!(
                        client_score(weight, tf, fieldnorm_id, average).to_bits(),
                        theirs.score(fieldnorm_id, tf).to_bits()
                    );
                }
            }
        }
    }

    #[test]
    fn separators_are_short_and_keep_the_order() {
        assert_eq!(separator("water", "waterborne"), "waterb");
        assert_eq!(separator("apple", "banana"), "b");
        assert_eq!(separator("a", "ab"), "ab");
    }

    #[test]
    fn varints_are_little_endian_base_128() {
        let mut out = Vec::new();
        varint(&mut out, 5);
        varint(&mut out, 300);
        assert_eq!(out, [5, 0xAC, 0x02]);
    }
}
