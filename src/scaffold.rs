//! Scaffolding: `praxis init` writes a minimal hub, `praxis new` a content file of a type.

use std::path::{Path, PathBuf};

use thiserror::Error;

/// Why a hub or a content file could not be created.
#[derive(Debug, Error)]
pub enum ScaffoldError {
    /// The file already exists.
    #[error("{0} already exists; praxis never overwrites files (choose another title, or edit the file)")]
    Exists(PathBuf),
    /// The type is not one of the hub's.
    #[error("`{0}` is not a content type of this hub; use one of: {1}")]
    UnknownType(String, String),
    /// The title gives no usable file name.
    #[error("the title `{0}` has no letters or digits to make a file name from")]
    EmptySlug(String),
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
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    for (rel, _) in FILES {
        let path = dir.join(rel);
        if path.exists() {
            return Err(ScaffoldError::Exists(path));
        }
    }
    let mut written = Vec::new();
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| ScaffoldError::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        std::fs::write(&path, text).map_err(|source| ScaffoldError::Io {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}

/// Creates `content/<section>/<slug>.md` (or `<slug>.<lang>.md` for another language) with the
/// type's front-matter filled in; returns its path. Never overwrites.
pub fn new_content(
    root: &Path,
    config: &crate::config::HubConfig,
    kind: &str,
    title: &str,
    lang: Option<&str>,
    today: chrono::NaiveDate,
) -> Result<PathBuf, ScaffoldError> {
    let Some(ty) = config.types.get(kind) else {
        let known: Vec<&str> = config.types.keys().map(String::as_str).collect();
        return Err(ScaffoldError::UnknownType(
            kind.to_string(),
            known.join(", "),
        ));
    };
    let slug = crate::paths::slugify(title);
    if slug.is_empty() {
        return Err(ScaffoldError::EmptySlug(title.to_string()));
    }
    let lang = lang.filter(|l| *l != config.language);
    let name = match lang {
        Some(lang) => format!("{slug}.{lang}.md"),
        None => format!("{slug}.md"),
    };
    let dir = root.join(&config.content_dir).join(&ty.section);
    let path = dir.join(name);
    if path.exists() || dir.join(&slug).join("index.md").exists() {
        return Err(ScaffoldError::Exists(path));
    }
    let text = crate::schema::new_file_text(config, kind, title, lang, today)
        .ok_or_else(|| ScaffoldError::UnknownType(kind.to_string(), String::new()))?;
    std::fs::create_dir_all(&dir).map_err(|source| ScaffoldError::Io {
        path: dir.clone(),
        source,
    })?;
    // create_new: even a file created between the check above and now is never overwritten.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|source| match source.kind() {
            std::io::ErrorKind::AlreadyExists => ScaffoldError::Exists(path.clone()),
            _ => ScaffoldError::Io {
                path: path.clone(),
                source,
            },
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|source| ScaffoldError::Io {
        path: path.clone(),
        source,
    })?;
    Ok(path)
}
