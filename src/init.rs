//! `praxis init`: a minimal hub that builds at once.

use std::path::{Path, PathBuf};

use thiserror::Error;

/// Why a hub could not be created.
#[derive(Debug, Error)]
pub enum InitError {
    /// The folder already holds a hub or other files that would be overwritten.
    #[error("{0} already exists; praxis init never overwrites files")]
    Exists(PathBuf),
    /// Writing failed.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
}

const FILES: &[(&str, &str)] = &[
    (
        "hub.yaml",
        "title: My community of practice\n\
description: Practitioners sharing what works.\n\
base_url: /\n\
language: en\n\
vocabularies:\n  topics: [getting-started]\n",
    ),
    (
        "content/_index.md",
        "---\ntitle: My community of practice\nsummary: Practitioners sharing what works.\n---\n\n\
Welcome! This hub collects the guides, stories and reports of our community.\n",
    ),
    (
        "content/guides/getting-started.md",
        "---\ntitle: Getting started\nsummary: How to add your first guide to this hub.\nauthors: [first-member]\ntopics: [getting-started]\n---\n\n\
## Write a guide\n\nAdd a Markdown file under `content/guides/` with front-matter like this one, then run `praxis build`.\n",
    ),
    (
        "content/members/first-member.md",
        "---\ntitle: First Member\nrole: Coordinator\nexpertise: [facilitation]\n---\n\nFirst Member coordinates this community.\n",
    ),
    (".gitignore", "/public/\n"),
];

/// Writes a minimal hub into `dir`, refusing to overwrite any existing file.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, InitError> {
    for (rel, _) in FILES {
        let path = dir.join(rel);
        if path.exists() {
            return Err(InitError::Exists(path));
        }
    }
    let mut written = Vec::new();
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| InitError::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        std::fs::write(&path, text).map_err(|source| InitError::Io {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}
