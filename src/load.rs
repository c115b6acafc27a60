//! Loading: finding the files of a hub's content folder.
//!
//! Only paths are collected here; reading and parsing happen in parallel in the parse stage.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::Diagnostic;

/// What a file under `content/` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A Markdown file with front-matter: a page, a section index or a bundle.
    Markdown,
    /// Any other file, published as it is.
    Asset,
}

/// A file found under `content/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to `content/`, with `/` separators on every platform.
    pub rel: String,
    /// Path on disk.
    pub path: PathBuf,
    /// Markdown or asset.
    pub kind: FileKind,
}

/// Whether a file name is an editor's swap, backup or lock file, or hidden.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        // vim writes and deletes a file named 4913 to test whether a folder is writable.
        || name == "4913"
}

/// Lists the files under `content_dir`, skipping hidden and editor files. Symbolic links are
/// followed only while they stay inside `root`, so a contributed link cannot publish files
/// from elsewhere on the build machine.
pub fn walk_content(content_dir: &Path, root: &Path) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let root_real = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let content_real = content_dir
        .canonicalize()
        .unwrap_or_else(|_| content_dir.to_path_buf());
    let walker = WalkDir::new(content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !entry.file_name().to_str().is_some_and(is_ignored_name)
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().map(Path::to_path_buf).unwrap_or_default();
                let message = if err.loop_ancestor().is_some() {
                    "this symbolic link loops back to a folder that contains it".to_string()
                } else {
                    format!("cannot read: {err}")
                };
                problems.push(
                    Diagnostic::warning(display_path(&path, root), 0, 0, "unreadable-file")
                        .message(message)
                        .hint(
                            "remove the link or fix the file's permissions; the file was skipped",
                        ),
                );
                continue;
            }
        };
        if entry.path_is_symlink() {
            let escapes = entry.path().canonicalize().map_or(true, |real| {
                !real.starts_with(&root_real) && !real.starts_with(&content_real)
            });
            if escapes {
                problems.push(
                    Diagnostic::warning(
                        display_path(entry.path(), root),
                        0,
                        0,
                        "symlink-outside-hub",
                    )
                    .message("this symbolic link points outside the hub, so it was skipped")
                    .hint("copy the file into the hub instead of linking to it"),
                );
                continue;
            }
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(content_dir) else {
            continue;
        };
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let kind = if rel.ends_with(".md") || rel.ends_with(".markdown") {
            FileKind::Markdown
        } else {
            FileKind::Asset
        };
        files.push(SourceFile {
            rel,
            path: entry.path().to_path_buf(),
            kind,
        });
    }
    (files, problems)
}

/// A path as shown in diagnostics: relative to the hub root when it is inside it.
pub fn display_path(path: &Path, root: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_files_are_ignored() {
        for name in [".x.md.swp", "x.md~", ".#x.md", "#x.md#", "4913", ".git"] {
            assert!(is_ignored_name(name), "{name}");
        }
        assert!(!is_ignored_name("x.md"));
    }

    #[test]
    fn walk_skips_hidden_and_links_out_of_the_hub() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "x").unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("guides/.hidden")).unwrap();
        std::fs::write(content.join("guides/a.md"), "---\ntitle: A\n---\n").unwrap();
        std::fs::write(content.join("guides/.hidden/b.md"), "").unwrap();
        std::fs::write(content.join("guides/a.md~"), "").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(outside.path().join("secret.txt"), content.join("leak.txt"))
                .unwrap();
            std::os::unix::fs::symlink(&content, content.join("guides/loop")).unwrap();
        }
        let (files, problems) = walk_content(&content, dir.path());
        let rels: Vec<_> = files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, ["guides/a.md"]);
        #[cfg(unix)]
        assert_eq!(problems.len(), 2, "{problems:?}");
    }
}
