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

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use serde_json::json;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::termdict::TermDictionary;
use tantivy::Index;

use super::analyzer;
use super::index::{Fields, Language, Part, SEARCHED};
use super::SearchError;
use crate::site::Site;

mod keys;
mod scoring;
mod stream;

use keys::Keys;
use scoring::{Scoring, Segment};

/// Estimated compressed bytes at which a term shard is cut.
const SHARD_TARGET_BYTES: usize = 10_000;
/// Postings larger than this many bytes are stored in a file of their own.
const INLINE_POSTINGS_BYTES: usize = 4_000;
/// Pages per metadata shard.
const PAGES_PER_META_SHARD: usize = 10;
/// Result cards carried by each term.
const CARDS_PER_TERM: usize = 10;

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

/// A key ready for its shard.
struct Prepared {
    key: String,
    /// The index term a typed form stands for, when it differs.
    alias: Option<String>,
    /// The searched fields holding the key as an index term, one bit each.
    mask: u8,
    /// Those fields' boosted weights, in field order.
    weights: Vec<f32>,
    /// Pages containing the term.
    pages: u32,
    /// Best documents for this term, one per page, with the term's score.
    top: Vec<(u32, f32)>,
    /// Those fields' encoded postings, in field order.
    postings: Vec<u8>,
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
    let fields = [f.title, f.summary, f.body];
    let mut averages = [0f32; 3];
    for (average, &field) in averages.iter_mut().zip(&fields) {
        *average = searcher.total_num_tokens(field)? as f32 / total_docs as f32;
    }
    let segments = searcher
        .segment_readers()
        .iter()
        .map(|segment| Segment::new(segment, &fields))
        .collect::<Result<Vec<_>, SearchError>>()?;
    let dictionaries: [Vec<&TermDictionary>; 3] = std::array::from_fn(|slot| {
        segments
            .iter()
            .map(|segment| segment.inverted[slot].terms())
            .collect()
    });
    let is_term = |term: &str| -> Result<bool, SearchError> {
        for dictionary in dictionaries.iter().flatten() {
            if dictionary.term_ord(term)?.is_some() {
                return Ok(true);
            }
        }
        Ok(false)
    };

    // Forms readers type, mapped to the index term the analyzer makes of them: those of this
    // language's text, as indexing met them, and those of the other languages' text, so a
    // word typed in one language finds what tantivy finds in another index (`inclusive` →
    // French `inclus`).
    let mut full = analyzer::analyzer(&language.key);
    let TypedForms { own, others } = forms;
    let mut aliases: Vec<(String, String)> = Vec::new();
    for (form, term) in own {
        if form != term && is_term(term)? {
            aliases.push((form.clone(), term.clone()));
        }
    }
    for form in others.iter().filter(|form| !own.contains_key(*form)) {
        let Some(term) = analyzer::terms(&mut full, form).into_iter().next() else {
            continue;
        };
        if &term != form && is_term(&term)? {
            aliases.push((form.clone(), term));
        }
    }

    for sub in ["t", "m", "p"] {
        std::fs::create_dir_all(dir.join(sub)).map_err(io(dir))?;
    }
    let cards = Cards::new(site, language, parts);
    let scoring = Scoring {
        segments: &segments,
        total_docs,
        averages,
    };
    let mut stats = ExportStats::default();

    // Keys are read from the dictionaries in order, a chunk at a time, rather than every
    // term's postings at once: the postings of a large site's whole vocabulary were most of
    // the build's peak memory.
    let keys = Keys::new(&dictionaries, aliases)?;
    let terms = stream::write_terms(keys, &scoring, &cards, dir)?;
    stats.terms = terms.terms;
    stats.shards = terms.shards;
    stats.total_bytes += terms.bytes;
    let boundaries = terms.boundaries;

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
            write_file(dir.join(format!("m/{shard}.json")), text.as_bytes())
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

fn write_file(path: PathBuf, bytes: &[u8]) -> Result<usize, SearchError> {
    std::fs::write(&path, bytes).map_err(io(&path))?;
    Ok(bytes.len())
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
            Some(part) => json!([
                part.page,
                part.anchor,
                part.heading,
                super::index::snippet(&part.text, part.heading)
            ]),
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
    /// weights and postings (inline, or the number of the file that holds them). Returns the
    /// postings when they go to file `next_file`.
    fn add(&mut self, entry: &mut Prepared, next_file: usize) -> Option<Vec<u8>> {
        let start = self.bytes.len();
        let key = entry.key.as_str();
        let previous = self.previous.as_deref().unwrap_or("");
        let shared = key
            .bytes()
            .zip(previous.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        varint(&mut self.bytes, shared as u64);
        varint(&mut self.bytes, (key.len() - shared) as u64);
        self.bytes.extend_from_slice(&key.as_bytes()[shared..]);
        let mask = entry.mask;
        let outside = entry.postings.len() > INLINE_POSTINGS_BYTES;
        let flags =
            mask | if entry.alias.is_some() { 0x80 } else { 0 } | if outside { 0x08 } else { 0 };
        self.bytes.push(flags);
        if let Some(alias) = &entry.alias {
            varint(&mut self.bytes, alias.len() as u64);
            self.bytes.extend_from_slice(alias.as_bytes());
        }
        let mut file = None;
        if mask != 0 {
            varint(&mut self.bytes, u64::from(entry.pages));
            varint(&mut self.bytes, entry.top.len() as u64);
            for &(number, score) in &entry.top {
                varint(&mut self.bytes, u64::from(number));
                self.bytes.extend_from_slice(&score.to_bits().to_le_bytes());
                self.referenced.push(number);
            }
            for weight in &entry.weights {
                self.bytes
                    .extend_from_slice(&weight.to_bits().to_le_bytes());
            }
            if outside {
                varint(&mut self.bytes, next_file as u64);
                file = Some(std::mem::take(&mut entry.postings));
            } else {
                self.bytes.extend_from_slice(&entry.postings);
            }
        }
        // Term data compresses to about two thirds; a card of text and JSON to about a third.
        self.estimate += (self.bytes.len() - start) * 2 / 3 + entry.top.len() * CARD_ESTIMATE;
        self.previous = Some(key.to_string());
        self.keys.insert(key.to_string());
        file
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
    use tantivy::query::Bm25Weight;

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
