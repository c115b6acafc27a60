//! The command-line search: queries the prebuilt tantivy index with the same analyzer.

use std::collections::HashSet;
use std::path::Path;

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{
    DocAddress, DocId, Index, Score, SegmentOrdinal, SegmentReader, TantivyDocument, Term,
};

use super::analyzer::{self, TOKENIZER};
use super::export::PARTS_PER_PAGE;
use super::index::{fields_of, Fields, SEARCHED};
use super::{SearchError, LANGUAGES_FILE, SEARCH_DIR, TANTIVY_DIR};

/// A query and its filters.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// The words to find.
    pub query: String,
    /// Only this content type.
    pub kind: Option<String>,
    /// Only this topic (id).
    pub topic: Option<String>,
    /// Only this region (id).
    pub region: Option<String>,
    /// Only this language's index; every language's, merged by score, when `None`.
    pub lang: Option<String>,
    /// How many pages to return.
    pub limit: usize,
}

/// One result: a page, pointing at its best-matching part.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Hit {
    /// The page URL, with the part's anchor.
    pub url: String,
    /// The page title.
    pub title: String,
    /// The content type.
    #[serde(rename = "type")]
    pub kind: String,
    /// The language.
    pub lang: String,
    /// Publication date, when there is one.
    pub date: Option<String>,
    /// tantivy's score of the best part.
    pub score: f32,
    /// A fragment of the part's text around the matches.
    pub snippet: String,
    /// The document number in its language's index (breaks ties between equal scores).
    #[serde(skip)]
    pub doc: u64,
}

/// Collects every matching document with its score: ranking needs all of them, in a defined
/// order, and no pruning (which would change the order in which scores are added).
struct AllScores;

struct SegmentScores {
    ordinal: SegmentOrdinal,
    hits: Vec<(Score, DocAddress)>,
}

impl Collector for AllScores {
    type Fruit = Vec<(Score, DocAddress)>;
    type Child = SegmentScores;

    fn for_segment(
        &self,
        ordinal: SegmentOrdinal,
        _: &SegmentReader,
    ) -> tantivy::Result<SegmentScores> {
        Ok(SegmentScores {
            ordinal,
            hits: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(Score, DocAddress)>>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentScores {
    type Fruit = Vec<(Score, DocAddress)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.hits.push((score, DocAddress::new(self.ordinal, doc)));
    }

    fn harvest(self) -> Self::Fruit {
        self.hits
    }
}

/// The query for analyzed terms: for each term, each searched field with its boost, all
/// optional. Scores add up field by field, then term by term, as the client adds them.
pub fn build_query(fields: &Fields, terms: &[String]) -> BooleanQuery {
    let searched = [fields.title, fields.summary, fields.body];
    let per_term: Vec<(Occur, Box<dyn Query>)> = terms
        .iter()
        .map(|term| {
            let per_field: Vec<(Occur, Box<dyn Query>)> = searched
                .iter()
                .zip(SEARCHED)
                .map(|(&field, (_, boost))| {
                    let query = TermQuery::new(
                        Term::from_field_text(field, term),
                        IndexRecordOption::WithFreqs,
                    );
                    (
                        Occur::Should,
                        Box::new(BoostQuery::new(Box::new(query), boost)) as Box<dyn Query>,
                    )
                })
                .collect();
            (
                Occur::Should,
                Box::new(BooleanQuery::new(per_field)) as Box<dyn Query>,
            )
        })
        .collect();
    BooleanQuery::new(per_term)
}

/// The language keys of the indexes in `out_dir/search`, in the order that breaks ties when
/// results of several languages are merged, and the hub's default language.
pub fn languages(out_dir: &Path) -> Result<(Vec<String>, String), SearchError> {
    let search_dir = out_dir.join(SEARCH_DIR);
    let list: serde_json::Value = std::fs::read(search_dir.join(LANGUAGES_FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or_else(|| SearchError::Missing(search_dir.join(TANTIVY_DIR)))?;
    let keys = list["languages"]
        .as_array()
        .map(|l| {
            l.iter()
                .filter_map(|k| k.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let default = list["default"].as_str().unwrap_or("en").to_string();
    Ok((keys, default))
}

/// Opens the index of language `key` in `out_dir/search/tantivy/<key>` with the analyzer it
/// was built with.
pub fn open(out_dir: &Path, key: &str) -> Result<(Index, Fields), SearchError> {
    let dir = out_dir.join(SEARCH_DIR).join(TANTIVY_DIR).join(key);
    if !dir.join("meta.json").is_file() {
        return Err(SearchError::Missing(dir));
    }
    let index = Index::open_in_dir(&dir)?;
    index
        .tokenizers()
        .register(TOKENIZER, analyzer::analyzer(key));
    let fields = fields_of(&index.schema())?;
    Ok((index, fields))
}

/// Runs a search against the indexes in `out_dir`: `request.lang`'s, or every language's with
/// the results merged by score (ties: the language's place in the list, then the document
/// number). Within a language, pages are ranked by their best part, ties broken by document
/// number: the same order the browser client produces.
pub fn search(out_dir: &Path, request: &SearchRequest) -> Result<Vec<Hit>, SearchError> {
    let (keys, _) = languages(out_dir)?;
    let wanted = request.lang.as_deref().map(analyzer::language_key);
    let mut merged: Vec<(usize, Hit)> = Vec::new();
    for (rank, key) in keys.iter().enumerate() {
        if wanted.as_ref().is_some_and(|w| w != key) {
            continue;
        }
        merged.extend(
            search_language(out_dir, key, request)?
                .into_iter()
                .map(|hit| (rank, hit)),
        );
    }
    merged.sort_by(|a, b| {
        b.1.score
            .total_cmp(&a.1.score)
            .then(a.0.cmp(&b.0))
            .then(a.1.doc.cmp(&b.1.doc))
    });
    merged.truncate(request.limit);
    Ok(merged.into_iter().map(|(_, hit)| hit).collect())
}

/// Runs a search against the index of one language.
fn search_language(
    out_dir: &Path,
    key: &str,
    request: &SearchRequest,
) -> Result<Vec<Hit>, SearchError> {
    let (index, fields) = open(out_dir, key)?;
    let mut analyzer = index
        .tokenizers()
        .get(TOKENIZER)
        .expect("registered in open()");
    let terms = analyzer::query_terms(&mut analyzer, &request.query);
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let query = build_query(&fields, &terms);
    let searcher = index.reader()?.searcher();
    let scored = searcher.search(&query, &AllScores)?;
    let mut ranked: Vec<(Score, u64, DocAddress)> = Vec::with_capacity(scored.len());
    for (score, address) in scored {
        let reader = searcher.segment_reader(address.segment_ord);
        let number = reader
            .fast_fields()
            .u64("doc")?
            .first(address.doc_id)
            .unwrap_or_default();
        ranked.push((score, number, address));
    }
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));

    let snippets = SnippetGenerator::create(&searcher, &query, fields.body)?;
    let mut seen_pages = HashSet::new();
    let mut hits = Vec::new();
    for (score, number, address) in ranked {
        if hits.len() >= request.limit {
            break;
        }
        let page = number as usize / PARTS_PER_PAGE;
        if seen_pages.contains(&page) {
            continue;
        }
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        let all = |field| -> Vec<String> {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        };
        let matches = |wanted: &Option<String>, values: Vec<String>| {
            wanted
                .as_ref()
                .is_none_or(|w| values.iter().any(|v| v == w))
        };
        if !matches(&request.kind, all(fields.kind))
            || !matches(&request.topic, all(fields.topic))
            || !matches(&request.region, all(fields.region))
        {
            // The page's facets are the same in each of its parts.
            seen_pages.insert(page);
            continue;
        }
        seen_pages.insert(page);
        let anchor = text(fields.anchor);
        let url = if anchor.is_empty() {
            text(fields.url)
        } else {
            format!("{}#{anchor}", text(fields.url))
        };
        let date = text(fields.date);
        hits.push(Hit {
            url,
            title: text(fields.title),
            kind: text(fields.kind),
            lang: text(fields.lang),
            date: (!date.is_empty()).then_some(date),
            score,
            snippet: snippets
                .snippet_from_doc(&doc)
                .fragment()
                .trim()
                .to_string(),
            doc: number,
        });
    }
    Ok(hits)
}
