//! Parsing: reading each Markdown file's bytes into front-matter and body.
//!
//! Encoding problems are handled here, once: a byte-order mark and CRLF line ends simply work,
//! and a file that is not UTF-8 gets a diagnostic at the first bad byte.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{line_col, Diagnostic};
use crate::frontmatter::{self, FrontMatter};
use crate::load::SourceFile;

/// A Markdown file read and split, ready to be placed in the site.
#[derive(Debug, Clone)]
pub struct ParsedFile {
    /// Path relative to `content/`.
    pub rel: String,
    /// Path shown in diagnostics (relative to the hub root).
    pub file: PathBuf,
    /// The front-matter fields.
    pub fm: FrontMatter,
    /// The Markdown body.
    pub body: String,
    /// The file line on which the body starts.
    pub body_line: usize,
}

/// Decodes a file's bytes to text with `\n` line ends and no byte-order mark.
pub fn decode(bytes: &[u8], file: &Path) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let good = &bytes[..err.valid_up_to()];
            // valid_up_to is a boundary, so this prefix is always valid UTF-8.
            let prefix = std::str::from_utf8(good).unwrap_or_default();
            let (line, col) = line_col(prefix, prefix.len());
            let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
            return Err(Diagnostic::error(file, line, col, "not-utf8")
                .message(format!(
                    "the file is not UTF-8 text (byte {} is invalid)",
                    err.valid_up_to()
                ))
                .hint(if utf16 {
                    "the file is saved as UTF-16: save it again as UTF-8 in your editor"
                } else {
                    "save the file as UTF-8 in your editor (often under \"Save as\" → \"Encoding\")"
                }));
        }
    };
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    })
}

/// Reads and parses one Markdown file: the parsed file when it has no errors, and every
/// diagnostic found either way.
pub fn parse_file(source: &SourceFile, file: &Path) -> (Option<ParsedFile>, Vec<Diagnostic>) {
    let bytes = match std::fs::read(&source.path) {
        Ok(bytes) => bytes,
        Err(err) => {
            let d = Diagnostic::error(file, 0, 0, "unreadable-file")
                .message(format!("cannot read the file: {err}"))
                .hint("check that the file exists and can be read");
            return (None, vec![d]);
        }
    };
    let text = match decode(&bytes, file) {
        Ok(text) => text,
        Err(d) => return (None, vec![d]),
    };
    let split = match frontmatter::split(&text, file) {
        Ok(split) => split,
        Err(d) => return (None, vec![d]),
    };
    let (fm, body, problems) = match split.yaml {
        Some(yaml) => {
            let (fm, problems) = frontmatter::parse(yaml, 2, file);
            (fm, split.body.to_string(), problems)
        }
        None => untitled(split.body, file),
    };
    if problems.iter().any(Diagnostic::is_error) {
        return (None, problems);
    }
    let parsed = ParsedFile {
        rel: source.rel.clone(),
        file: file.to_path_buf(),
        fm,
        body,
        body_line: split.body_line,
    };
    (Some(parsed), problems)
}

/// A file without front-matter: its first `# heading` becomes the title (and leaves the body,
/// which the theme would otherwise show twice); without one it cannot be published.
fn untitled(body: &str, file: &Path) -> (FrontMatter, String, Vec<Diagnostic>) {
    let heading = body
        .lines()
        .enumerate()
        .find(|(_, line)| !line.trim().is_empty())
        .and_then(|(index, line)| {
            line.strip_prefix("# ")
                .map(|title| (index, title.trim().to_string()))
        });
    match heading {
        Some((index, title)) if !title.is_empty() => {
            let warning = Diagnostic::warning(file, 1, 1, "missing-front-matter")
                .message(format!("the file has no front-matter, so its heading \"{title}\" is used as the title"))
                .hint("start the file with front-matter: a line `---`, then `title: ...` and other fields, then `---`");
            // Blank the heading line rather than remove it so body line numbers stay true.
            let body: String = body
                .split_inclusive('\n')
                .enumerate()
                .map(|(i, line)| if i == index { "\n" } else { line })
                .collect();
            let fm = FrontMatter {
                title,
                ..FrontMatter::default()
            };
            (fm, body, vec![warning])
        }
        _ => {
            let error = Diagnostic::error(file, 1, 1, "missing-front-matter")
                .message("the file has no front-matter and no title")
                .hint("start the file with front-matter: a line `---`, then `title: My page`, then `---`");
            (FrontMatter::default(), String::new(), vec![error])
        }
    }
}

/// Parses every Markdown file in parallel; returns the files that parsed and the diagnostics.
pub fn parse_all(
    sources: &[SourceFile],
    content_prefix: &Path,
) -> (Vec<ParsedFile>, Vec<Diagnostic>) {
    let results: Vec<_> = sources
        .par_iter()
        .map(|source| parse_file(source, &content_prefix.join(&source.rel)))
        .collect();
    let mut parsed = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    for (file, diagnostics) in results {
        parsed.extend(file);
        problems.extend(diagnostics);
    }
    (parsed, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_simply_work() {
        let text = decode(
            b"\xEF\xBB\xBF---\r\ntitle: A\r\n---\r\nBody\r\n",
            Path::new("a.md"),
        )
        .unwrap();
        assert_eq!(text, "---\ntitle: A\n---\nBody\n");
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = decode(b"---\ntitle: caf\xE9\n---\n", Path::new("a.md")).unwrap_err();
        assert_eq!((err.code, err.line, err.col), ("not-utf8", 2, 11));
    }
}
