//! Search: a tantivy index prebuilt at build time, and a static export of it that a small
//! browser client reads from any static host.
//!
//! tantivy is the source of truth for ranking: the command-line search queries the index, and
//! the export carries what the client needs to compute the same BM25 scores.

pub mod analyzer;
pub mod export;
pub mod index;
pub mod query;

use std::path::{Path, PathBuf};

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

/// What building the search files did.
#[derive(Debug, Default, Clone)]
pub struct SearchReport {
    /// Documents (parts of pages) indexed.
    pub documents: usize,
    /// What the export wrote.
    pub export: export::ExportStats,
    /// Time spent building the tantivy index.
    pub index_time: std::time::Duration,
    /// Time spent exporting it for the browser.
    pub export_time: std::time::Duration,
}

/// Builds the tantivy index and its static export into `search_dir` (`public/search/`).
pub fn build(site: &Site, search_dir: &Path) -> Result<SearchReport, SearchError> {
    let started = std::time::Instant::now();
    let parts = index::parts(site);
    let index = index::write_index(site, &parts, &search_dir.join(TANTIVY_DIR))?;
    let indexed = started.elapsed();
    let (_, fields) = index::schema();
    let export = export::export(site, &parts, &index, &fields, search_dir)?;
    Ok(SearchReport {
        documents: parts.len(),
        export,
        index_time: indexed,
        export_time: started.elapsed() - indexed,
    })
}
