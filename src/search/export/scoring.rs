//! Reading a key's postings from the index and scoring them as tantivy does.

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, TermInfo};
use tantivy::query::Bm25Weight;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, InvertedIndexReader, SegmentReader, TERMINATED};

use super::keys::Key;
use super::{
    boosted_weight, client_score, encode_postings, Prepared, CARDS_PER_TERM, PARTS_PER_PAGE,
};
use crate::search::index::SEARCHED;
use crate::search::SearchError;

/// One field's postings of a term: (number, term frequency, fieldnorm id), where the number is
/// a page for title and summary and a document for the body.
struct FieldPostings {
    weight: f32,
    postings: Vec<(u32, u32, u8)>,
}

/// A term's postings in the searched fields (title, summary, body), while it is scored.
#[derive(Default)]
struct Entry {
    fields: [Option<FieldPostings>; 3],
}

/// One segment's readers of the searched fields.
pub(super) struct Segment {
    /// Each document's number: one lookup per document instead of one per posting.
    numbers: Vec<u32>,
    fieldnorms: [FieldNormReader; 3],
    pub(super) inverted: [Arc<InvertedIndexReader>; 3],
}

impl Segment {
    pub(super) fn new(
        segment: &SegmentReader,
        fields: &[Field; 3],
    ) -> Result<Segment, SearchError> {
        let numbers_column = segment.fast_fields().u64("doc")?;
        let numbers = (0..segment.max_doc())
            .map(|doc| numbers_column.first(doc).unwrap_or_default() as u32)
            .collect();
        Ok(Segment {
            numbers,
            fieldnorms: [
                segment.get_fieldnorms_reader(fields[0])?,
                segment.get_fieldnorms_reader(fields[1])?,
                segment.get_fieldnorms_reader(fields[2])?,
            ],
            inverted: [
                segment.inverted_index(fields[0])?,
                segment.inverted_index(fields[1])?,
                segment.inverted_index(fields[2])?,
            ],
        })
    }
}

/// What reading and scoring a key needs besides the key.
pub(super) struct Scoring<'a> {
    pub(super) segments: &'a [Segment],
    pub(super) total_docs: u64,
    pub(super) averages: [f32; 3],
}

impl Scoring<'_> {
    /// Reads a key's postings and works out what its shard entry says.
    pub(super) fn prepare(&self, key: Key) -> Result<Prepared, SearchError> {
        let mut entry = Entry::default();
        for (slot, info) in key.infos.iter().enumerate() {
            if let Some((segment, info)) = info {
                entry.fields[slot] =
                    Some(self.read(slot, &self.segments[*segment], info, &key.key)?);
            }
        }
        let (pages, top) = best_pages(&entry, &self.averages);
        let mut prepared = Prepared {
            key: key.key,
            alias: key.alias,
            mask: 0,
            weights: Vec::new(),
            pages,
            top,
            postings: Vec::new(),
        };
        for (slot, field) in entry.fields.iter().enumerate() {
            if let Some(field) = field {
                prepared.mask |= 1 << slot;
                prepared.weights.push(field.weight);
                encode_postings(&mut prepared.postings, &field.postings);
            }
        }
        Ok(prepared)
    }

    /// One field's postings of `term`, sorted by number, after checking that the exported
    /// weight scores its first posting as tantivy does.
    fn read(
        &self,
        slot: usize,
        segment: &Segment,
        info: &TermInfo,
        term: &str,
    ) -> Result<FieldPostings, SearchError> {
        let (name, boost) = SEARCHED[slot];
        let average = self.averages[slot];
        let fieldnorms = &segment.fieldnorms[slot];
        let weight = boosted_weight(u64::from(info.doc_freq), self.total_docs, boost);
        let tantivy_weight = Bm25Weight::for_one_term_without_explain(
            u64::from(info.doc_freq),
            self.total_docs,
            average,
        )
        .boost_by(boost);
        let mut postings = segment.inverted[slot]
            .read_postings_from_terminfo(info, IndexRecordOption::WithFreqs)?;
        let mut list = Vec::with_capacity(info.doc_freq as usize);
        let mut doc = postings.doc();
        while doc != TERMINATED {
            let number = segment.numbers[doc as usize];
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
            // Every part of a page carries the page's title and summary, so one posting per
            // page says it all.
            list = page_level(list);
        }
        Ok(FieldPostings {
            weight,
            postings: list,
        })
    }
}

/// The pages containing a term, and its best documents, one per page, by the term's own
/// score summed over fields in field order.
fn best_pages(entry: &Entry, averages: &[f32; 3]) -> (u32, Vec<(u32, f32)>) {
    // Each page's best part (highest score, then lowest number), then the best pages in that
    // order: the first parts of each page in the sorted list of all parts, without sorting
    // them all.
    let order = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    let mut best: FxHashMap<u32, (u32, f32)> = FxHashMap::default();
    for scored in term_scores(entry, averages) {
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
    let pages = best.len() as u32;
    if best.len() > CARDS_PER_TERM {
        best.select_nth_unstable_by(CARDS_PER_TERM, order);
        best.truncate(CARDS_PER_TERM);
    }
    best.sort_unstable_by(order);
    (pages, best)
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
