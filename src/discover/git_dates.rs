//! Last-updated dates from git history, for hubs whose `hub.yaml` sets `git_dates: true`.
//!
//! One `git log` over the content folder gives the newest commit of every file. A page without
//! `updated` gets its file's commit date (for a bundle, the newest of its files) when that is
//! later than its `date`. When the hub is not a git repository, or git is missing, the build
//! goes on without these dates and says so in a note.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use crate::config::CONFIG_FILE;
use crate::diagnostic::Diagnostic;
use crate::frontmatter::PageDate;
use crate::site::Site;

/// Fills in `updated` from git history where the front-matter has none; returns notes about
/// anything that kept it from doing so.
pub fn apply(root: &Path, site: &mut Site) -> Vec<Diagnostic> {
    if !site.config.git_dates {
        return Vec::new();
    }
    let content_dir = root.join(&site.config.content_dir);
    let dates = match last_commits(&content_dir) {
        Ok(dates) => dates,
        Err(reason) => {
            return vec![Diagnostic::note(CONFIG_FILE, 0, 0, "git-dates")
                .message(format!(
                    "`git_dates: true`, but {reason}, so pages without `updated` show no last-updated date"
                ))
                .hint("build from a git clone of the hub with git installed, or set `updated:` in front-matter")]
        }
    };
    let mut notes = Vec::new();
    if crate::pulse::git::is_shallow(&content_dir) {
        notes.push(
            Diagnostic::note(CONFIG_FILE, 0, 0, "git-dates")
                .message("this is a shallow git clone, so last-updated dates may be the date of the clone's oldest commit")
                .hint("clone with full history (in GitHub Actions: `fetch-depth: 0` in actions/checkout)"),
        );
    }
    for page in &mut site.pages {
        if page.fm.updated.is_some() {
            continue;
        }
        let own = dates.get(&page.rel);
        let newest = match &page.bundle_dir {
            Some(bundle) => {
                let prefix = format!("{bundle}/");
                dates
                    .iter()
                    .filter(|(path, _)| path.starts_with(&prefix))
                    .map(|(_, date)| date)
                    .chain(own)
                    .max_by_key(|d| d.time)
            }
            None => own,
        };
        let Some(newest) = newest else {
            continue;
        };
        let later = page.date.as_ref().is_none_or(|d| newest.day > d.day);
        if later {
            page.fm.updated = Some(newest.clone());
        }
    }
    notes
}

/// Content-relative path → date of the newest commit that touched it.
pub(crate) fn last_commits(content_dir: &Path) -> Result<HashMap<String, PageDate>, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(content_dir)
        .args([
            "-c",
            "core.quotepath=off",
            "-c",
            "log.showSignature=false",
            "log",
            "--format=%x1e%cI",
            "--name-only",
            "--relative",
            "-z",
            "--",
            ".",
        ])
        .output()
        .map_err(|err| format!("git could not be run ({err})"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr.lines().next().unwrap_or("").trim();
        return Err(format!(
            "the hub's content is not in a git repository ({first})"
        ));
    }
    Ok(parse_log(&String::from_utf8_lossy(&output.stdout)))
}

/// Reads `git log --format=%x1e%cI --name-only -z`: newest commits come first, so the first
/// date seen for a path is its last change.
fn parse_log(text: &str) -> HashMap<String, PageDate> {
    let mut dates = HashMap::new();
    for commit in text.split('\u{1e}').filter(|c| !c.is_empty()) {
        let mut parts = commit.split('\0');
        let Some(date) = parts.next().and_then(|d| PageDate::parse(d.trim())) else {
            continue;
        };
        for path in parts
            .map(|p| p.trim_start_matches('\n'))
            .filter(|p| !p.is_empty())
        {
            dates
                .entry(path.to_string())
                .or_insert_with(|| date.clone());
        }
    }
    dates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_commit_of_each_file_wins() {
        let log = "\u{1e}2026-03-02T10:00:00+01:00\0\na.md\0guides/b.md\0\u{1e}2025-01-01T00:00:00Z\0\na.md\0c d.md\0";
        let dates = parse_log(log);
        assert_eq!(dates["a.md"].to_rfc3339(), "2026-03-02T10:00:00+01:00");
        assert_eq!(dates["guides/b.md"].day.to_string(), "2026-03-02");
        assert_eq!(dates["c d.md"].day.to_string(), "2025-01-01");
        assert_eq!(dates.len(), 3);
    }
}
