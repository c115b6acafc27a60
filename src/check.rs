//! `praxis check`: every stage of the build but the writing, and the diagnostics in the form a
//! contributor, a script or GitHub Actions reads.

use std::fmt::Write as _;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Severity};
use crate::pipeline::{self, BuildError};
use crate::site::BuildOptions;

/// GitHub shows at most this many annotations of each severity per step; more are dropped.
pub const GITHUB_ANNOTATION_CAP: usize = 10;

/// Validates the hub at `root` without writing anything; returns every diagnostic, sorted.
pub fn run(root: &Path) -> Vec<Diagnostic> {
    // Drafts are checked too: a draft is where mistakes are made before publishing.
    let options = BuildOptions {
        drafts: true,
        base_url: None,
    };
    let mut diagnostics = match pipeline::prepare(root, &options, &|_| {}) {
        Ok(prepared) => {
            let mut all = prepared.diagnostics;
            let content_dir = root.join(&prepared.site.config.content_dir);
            // Git history tells when a file last changed even when nobody wrote `updated`.
            let git = if prepared.site.config.multilingual() {
                crate::discover::git_dates::last_commits(&content_dir).ok()
            } else {
                None
            };
            all.extend(stale_translations(&prepared.site, git.as_ref()));
            all.into_sorted()
        }
        Err(BuildError::Invalid(diagnostics)) => diagnostics,
        Err(other) => vec![Diagnostic::error("hub.yaml", 0, 0, "build-failed")
            .message(other.to_string())
            .hint("fix the problem above and run praxis check again")],
    };
    for d in &mut diagnostics {
        if d.code == "draft" {
            d.message = "this page is a draft: it is checked, but not published".into();
        }
    }
    diagnostics
}

/// Warns about translations older than the page they translate: by `updated` (else `date`)
/// when the original has `updated`, else by the last commit of each file when `git` is given.
pub fn stale_translations(
    site: &crate::site::Site,
    git: Option<&std::collections::HashMap<String, crate::frontmatter::PageDate>>,
) -> Vec<Diagnostic> {
    let default = &site.config.language;
    let mut found = Vec::new();
    for page in site.pages.iter().filter(|p| p.lang != *default) {
        let Some(original) = page
            .translations
            .iter()
            .map(|&i| &site.pages[i])
            .find(|o| o.lang == *default)
        else {
            continue;
        };
        let (theirs, ours, how) = match &original.fm.updated {
            Some(updated) => (
                Some(updated.clone()),
                page.fm.updated.clone().or(page.date.clone()),
                "updated",
            ),
            None => match git {
                Some(dates) => (
                    dates.get(&original.rel).cloned(),
                    dates.get(&page.rel).cloned(),
                    "last committed",
                ),
                None => continue,
            },
        };
        let (Some(theirs), Some(ours)) = (theirs, ours) else {
            continue;
        };
        if theirs.day > ours.day {
            let (line, col) = page.fm.position("updated");
            found.push(
                Diagnostic::warning(&page.file, line.max(1), col.max(1), "stale-translation")
                    .message(format!(
                        "this translation is older than its original: {} was {how} on {}, this page on {}",
                        original.file.display(),
                        theirs.day,
                        ours.day
                    ))
                    .hint(format!(
                        "bring the translation up to date with {} and set `updated: {}` (or later) in its front-matter",
                        original.file.display(),
                        theirs.day
                    )),
            );
        }
    }
    found
}

/// Whether the diagnostics fail the check: any error, or with `strict` any warning.
pub fn fails(diagnostics: &[Diagnostic], strict: bool) -> bool {
    diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error || (strict && d.severity == Severity::Warning))
}

/// The diagnostics as a JSON array of {file, line, col, severity, code, message, hint}.
pub fn to_json(diagnostics: &[Diagnostic]) -> String {
    serde_json::to_string_pretty(diagnostics).unwrap_or_else(|_| "[]".into())
}

/// Workflow commands for GitHub Actions: at most [`GITHUB_ANNOTATION_CAP`] annotations per
/// severity (GitHub drops the rest), then a line that says how many more there are.
pub fn to_github(diagnostics: &[Diagnostic], strict: bool) -> String {
    let mut out = String::new();
    for severity in [Severity::Error, Severity::Warning, Severity::Note] {
        let of_kind: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .collect();
        let command = match severity {
            Severity::Error => "error",
            Severity::Warning if strict => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        for d in of_kind.iter().take(GITHUB_ANNOTATION_CAP) {
            let mut properties = format!("file={}", escape_property(&d.file.to_string_lossy()));
            if d.line > 0 {
                let _ = write!(properties, ",line={}", d.line);
            }
            if d.col > 0 {
                let _ = write!(properties, ",col={}", d.col);
            }
            let _ = write!(properties, ",title={}", escape_property(d.code));
            let mut message = d.message.clone();
            if !d.hint.is_empty() {
                message.push('\n');
                message.push_str(&d.hint);
            }
            let _ = writeln!(out, "::{command} {properties}::{}", escape_data(&message));
        }
        if of_kind.len() > GITHUB_ANNOTATION_CAP {
            let _ = writeln!(
                out,
                "{} more {}(s) are not annotated; the job summary lists every problem.",
                of_kind.len() - GITHUB_ANNOTATION_CAP,
                severity
            );
        }
    }
    out
}

/// A Markdown summary of every problem, for `$GITHUB_STEP_SUMMARY`.
pub fn to_markdown_summary(diagnostics: &[Diagnostic]) -> String {
    let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
    let mut out = String::from("## praxis check\n\n");
    if diagnostics.is_empty() {
        out.push_str("No problems found. ✅\n");
        return out;
    }
    let _ = writeln!(
        out,
        "{} error(s), {} warning(s), {} note(s).\n\n| | Where | Problem | How to fix it |\n|---|---|---|---|",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note)
    );
    for d in diagnostics {
        let icon = match d.severity {
            Severity::Error => "❌",
            Severity::Warning => "⚠️",
            Severity::Note => "ℹ️",
        };
        let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
        let _ = writeln!(
            out,
            "| {icon} | `{}` | **{}**: {} | {} |",
            cell(&d.location()),
            d.code,
            cell(&d.message),
            cell(&d.hint)
        );
    }
    out
}

/// Escapes the message of a workflow command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property of a workflow command.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(n: usize, severity: Severity) -> Vec<Diagnostic> {
        (0..n)
            .map(|i| Diagnostic {
                severity,
                ..Diagnostic::error("content/a,b.md", i + 1, 2, "invalid-date")
                    .message("bad: 100%")
                    .hint("fix it")
            })
            .collect()
    }

    #[test]
    fn github_annotations_are_escaped_and_capped() {
        let mut diagnostics = sample(12, Severity::Error);
        diagnostics.extend(sample(1, Severity::Warning));
        let out = to_github(&diagnostics, false);
        let first = out.lines().next().unwrap();
        assert_eq!(
            first,
            "::error file=content/a%2Cb.md,line=1,col=2,title=invalid-date::bad: 100%25%0Afix it"
        );
        assert_eq!(out.lines().filter(|l| l.starts_with("::error")).count(), 10);
        assert!(out.contains("2 more error(s)"));
        assert_eq!(
            out.lines().filter(|l| l.starts_with("::warning")).count(),
            1
        );
        assert!(to_github(&diagnostics, true)
            .lines()
            .all(|l| !l.starts_with("::warning")));
    }

    #[test]
    fn strict_counts_warnings() {
        let warnings = sample(1, Severity::Warning);
        assert!(!fails(&warnings, false));
        assert!(fails(&warnings, true));
        assert!(!fails(&sample(1, Severity::Note), true));
    }

    #[test]
    fn summary_is_a_markdown_table() {
        let summary = to_markdown_summary(&sample(1, Severity::Error));
        assert!(
            summary
                .contains("| ❌ | `content/a,b.md:1:2` | **invalid-date**: bad: 100% | fix it |"),
            "{summary}"
        );
    }
}
