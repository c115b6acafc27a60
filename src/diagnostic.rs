//! Diagnostics: what is wrong with a hub, where, and what to do about it.
//!
//! Every problem Praxis finds in contributor input becomes a [`Diagnostic`] that names the file,
//! line and column, carries a stable code (documented in `docs/diagnostics.md`) and a hint.
//! Stages collect diagnostics instead of stopping at the first, so a contributor sees every
//! problem in one run.

use std::fmt;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational: drafts, skipped optional steps.
    Note,
    /// The site builds, but something is probably wrong.
    Warning,
    /// The site cannot be built until this is fixed.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem found in a hub's input, located in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file, relative to the hub root where possible.
    pub file: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column, counted in characters; 0 when unknown.
    pub col: usize,
    /// How serious it is.
    pub severity: Severity,
    /// Stable kebab-case code, documented in docs/diagnostics.md.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

impl Diagnostic {
    /// An error at a position in a file.
    pub fn error(file: impl Into<PathBuf>, line: usize, col: usize, code: &'static str) -> Self {
        Diagnostic {
            file: file.into(),
            line,
            col,
            severity: Severity::Error,
            code,
            message: String::new(),
            hint: String::new(),
        }
    }

    /// A warning at a position in a file.
    pub fn warning(file: impl Into<PathBuf>, line: usize, col: usize, code: &'static str) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, line, col, code)
        }
    }

    /// A note at a position in a file.
    pub fn note(file: impl Into<PathBuf>, line: usize, col: usize, code: &'static str) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(file, line, col, code)
        }
    }

    /// Sets the message.
    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// Sets the hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = hint.into();
        self
    }

    /// Whether this diagnostic stops a build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col`, leaving out what is unknown.
    pub fn location(&self) -> String {
        let file = self.file.display();
        match (self.line, self.col) {
            (0, _) => file.to_string(),
            (line, 0) => format!("{file}:{line}"),
            (line, col) => format!("{file}:{line}:{col}"),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}]: {}: {}",
            self.severity,
            self.code,
            self.location(),
            self.message
        )?;
        if !self.hint.is_empty() {
            write!(f, "\n  hint: {}", self.hint)?;
        }
        Ok(())
    }
}

/// A growing list of diagnostics, shared by the stages of one run.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds many.
    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(diagnostics);
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// How many diagnostics have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    /// All diagnostics, sorted by file, then position, so output is stable across runs.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.col, a.code).cmp(&(&b.file, b.line, b.col, b.code))
        });
        self.items.dedup();
        self.items
    }

    /// The diagnostics collected so far.
    pub fn as_slice(&self) -> &[Diagnostic] {
        &self.items
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// Renders diagnostics the way rustc does: location, message, the source line with a caret,
/// and the hint. `root` resolves the relative file names to read the source lines.
pub fn render_human(diagnostics: &[Diagnostic], root: &Path, color: bool) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let (bold, red, yellow, blue, reset) = if color {
            (
                "\x1b[1m",
                "\x1b[1;31m",
                "\x1b[1;33m",
                "\x1b[1;34m",
                "\x1b[0m",
            )
        } else {
            ("", "", "", "", "")
        };
        let sev_color = match d.severity {
            Severity::Error => red,
            Severity::Warning => yellow,
            Severity::Note => blue,
        };
        out.push_str(&format!(
            "{sev_color}{}[{}]{reset}{bold}: {}{reset}\n",
            d.severity, d.code, d.message
        ));
        out.push_str(&format!("  {blue}-->{reset} {}\n", d.location()));
        if let Some(source_line) = source_line(root, d) {
            let number = d.line.to_string();
            let pad = " ".repeat(number.len());
            out.push_str(&format!("{pad} {blue}|{reset}\n"));
            out.push_str(&format!("{blue}{number} |{reset} {source_line}\n"));
            if d.col > 0 {
                // Tabs keep their width so the caret lands under the right character.
                let lead: String = source_line
                    .chars()
                    .take(d.col - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                out.push_str(&format!("{pad} {blue}|{reset} {lead}{sev_color}^{reset}\n"));
            }
        }
        if !d.hint.is_empty() {
            out.push_str(&format!("  {blue}= hint:{reset} {}\n", d.hint));
        }
        out.push('\n');
    }
    out
}

fn source_line(root: &Path, d: &Diagnostic) -> Option<String> {
    if d.line == 0 {
        return None;
    }
    let path = if d.file.is_absolute() {
        d.file.clone()
    } else {
        root.join(&d.file)
    };
    let bytes = std::fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let line = text.lines().nth(d.line - 1)?;
    Some(
        line.trim_start_matches('\u{feff}')
            .trim_end_matches('\r')
            .to_string(),
    )
}

/// Whether stderr is a terminal that understands colour.
pub fn stderr_wants_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Converts a byte offset in `text` to a 1-based line and character column.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a\nçé x";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 2), (2, 1));
        // 'x' is after two 2-byte characters and a space.
        assert_eq!(line_col(text, text.find('x').unwrap()), (2, 4));
    }

    #[test]
    fn human_output_points_a_caret_at_the_column() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "---\ndate: 2024-13-01\n---\n").unwrap();
        let d = Diagnostic::error("a.md", 2, 7, "invalid-date")
            .message("bad date")
            .hint("use YYYY-MM-DD");
        let text = render_human(&[d], dir.path(), false);
        assert!(text.contains("error[invalid-date]: bad date"), "{text}");
        assert!(text.contains("--> a.md:2:7"), "{text}");
        assert!(text.contains("2 | date: 2024-13-01\n  |       ^"), "{text}");
        assert!(text.contains("= hint: use YYYY-MM-DD"), "{text}");
    }

    #[test]
    fn sorted_output_is_stable_and_deduplicated() {
        let mut all = Diagnostics::new();
        all.push(Diagnostic::warning("b.md", 1, 1, "x"));
        all.push(Diagnostic::error("a.md", 3, 1, "y"));
        all.push(Diagnostic::error("a.md", 3, 1, "y"));
        let sorted = all.into_sorted();
        assert_eq!(sorted.len(), 2);
        assert_eq!(sorted[0].file, PathBuf::from("a.md"));
    }
}
