//! Search: a tantivy index prebuilt at build time, and a static export of it that a small
//! browser client reads from any static host.
//!
//! tantivy is the source of truth for ranking: the command-line search queries the index, and
//! the export carries what the client needs to compute the same BM25 scores.

pub mod analyzer;
pub mod export;
pub mod index;
pub mod query;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use thiserror::Error;

use crate::site::Site;

/// The folder of the search files inside the output.
pub const SEARCH_DIR: &str = "search";
/// The folder of the tantivy index inside [`SEARCH_DIR`].
pub const TANTIVY_DIR: &str = "tantivy";

/// Why the search index could not be built or queried.
#[derive(Debug, Error)]
pub enum SearchError {
    /// tantivy failed.
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// A file could not be read or written.
    #[error("search index: cannot write {path}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The export could not be serialized.
    #[error("search export: {0}")]
    Json(#[from] serde_json::Error),
    /// The exported scores would not match tantivy's; the export is refused rather than wrong.
    #[error("search export does not reproduce tantivy's scores: {0}")]
    Parity(String),
    /// There is no index where one was expected.
    #[error("no search index in {0}: build the hub first with `praxis build`")]
    Missing(PathBuf),
    /// A tantivy merge did not finish.
    #[error("search index merge failed: {0}")]
    Merge(String),
}

impl From<std::io::Error> for SearchError {
    fn from(err: std::io::Error) -> Self {
        SearchError::Tantivy(err.into())
    }
}

impl From<tantivy::directory::error::OpenDirectoryError> for SearchError {
    fn from(err: tantivy::directory::error::OpenDirectoryError) -> Self {
        SearchError::Tantivy(err.into())
    }
}

/// The list of languages at the top of [`SEARCH_DIR`].
pub const LANGUAGES_FILE: &str = "languages.json";

/// What building the search files did.
#[derive(Debug, Default, Clone)]
pub struct SearchReport {
    /// Documents (parts of pages) indexed, all languages together.
    pub documents: usize,
    /// The languages indexed (their keys), one index and one export each.
    pub languages: Vec<String>,
    /// What the exports wrote, all languages together.
    pub export: export::ExportStats,
    /// Time spent building the tantivy indexes (summed over languages).
    pub index_time: Duration,
    /// Time spent exporting them for the browser (summed over languages).
    pub export_time: Duration,
}

/// One language's index, built.
struct Indexed<'a> {
    language: index::Language,
    parts: Vec<index::Part<'a>>,
    index: tantivy::Index,
    forms: std::collections::HashMap<String, String>,
    time: Duration,
}

/// Builds one tantivy index and one static export per language of the site's pages into
/// `search_dir` (`public/search/`): `tantivy/<lang>/`, `<lang>/…`, and `languages.json`, the
/// list of languages with the hub's default. The pages' text is read from the site, or from
/// `taken` when it was moved out of it ([`index::take_texts`]), and then cut down to the
/// result cards' snippets as each page is indexed.
pub fn build(
    site: &Site,
    mut taken: Option<index::Texts>,
    search_dir: &Path,
) -> Result<SearchReport, SearchError> {
    let (_, fields) = index::schema();
    let languages: Vec<(index::Language, Option<index::Texts>)> = index::languages(site)
        .into_iter()
        .map(|language| {
            let texts = taken
                .as_mut()
                .map(|texts| index::texts_of(texts, &language));
            (language, texts)
        })
        .collect();
    drop(taken);
    // Languages are independent; small ones mostly wait for tantivy's file syncs, so they
    // overlap well. Indexes first: each language's export maps the typed forms of every
    // language's text.
    let indexed: Vec<Indexed<'_>> = languages
        .into_par_iter()
        .map(|(language, texts)| {
            let started = Instant::now();
            let mut parts = index::parts(site, &language, texts);
            let (index, forms) = index::write_index(
                site,
                &language,
                &mut parts,
                &search_dir.join(TANTIVY_DIR).join(&language.key),
            )?;
            Ok(Indexed {
                language,
                parts,
                index,
                forms,
                time: started.elapsed(),
            })
        })
        .collect::<Result<_, SearchError>>()?;
    let others: HashSet<String> = if indexed.len() > 1 {
        indexed
            .iter()
            .flat_map(|i| i.forms.keys().cloned())
            .collect()
    } else {
        HashSet::new()
    };
    let built: Vec<(String, usize, export::ExportStats, Duration, Duration)> = indexed
        .into_par_iter()
        .map(|i| {
            let started = Instant::now();
            let stats = export::export(
                site,
                &i.language,
                &i.parts,
                &i.index,
                &fields,
                export::TypedForms {
                    own: &i.forms,
                    others: &others,
                },
                &search_dir.join(&i.language.key),
            )?;
            Ok((
                i.language.key,
                i.parts.len(),
                stats,
                i.time,
                started.elapsed(),
            ))
        })
        .collect::<Result<_, SearchError>>()?;
    let mut report = SearchReport::default();
    for (key, documents, stats, index_time, export_time) in built {
        report.index_time += index_time;
        report.export_time += export_time;
        report.documents += documents;
        report.export.terms += stats.terms;
        report.export.shards += stats.shards;
        report.export.meta_shards += stats.meta_shards;
        report.export.manifest_bytes += stats.manifest_bytes;
        report.export.total_bytes += stats.total_bytes;
        report.languages.push(key);
    }
    let default = analyzer::language_key(&site.config.language);
    let default = if report.languages.contains(&default) || report.languages.is_empty() {
        default
    } else {
        report.languages[0].clone()
    };
    let text = serde_json::to_string(&serde_json::json!({
        "default": default,
        "languages": report.languages,
    }))?;
    std::fs::create_dir_all(search_dir).map_err(|source| SearchError::Io {
        path: search_dir.to_path_buf(),
        source,
    })?;
    let path = search_dir.join(LANGUAGES_FILE);
    std::fs::write(&path, &text).map_err(|source| SearchError::Io { path, source })?;
    report.export.total_bytes += text.len();
    Ok(report)
}
