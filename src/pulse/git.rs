//! The hub's history, read with the `git` command: who changed which files of the hub, and when.

use std::path::Path;
use std::process::Command;

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    /// The year.
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
}

impl Month {
    /// The month of an ISO 8601 date (`2025-03-14T…`), in the date's own time zone.
    pub fn of_iso(date: &str) -> Option<Month> {
        let year = date.get(0..4)?.parse().ok()?;
        let month = date.get(5..7)?.parse().ok()?;
        (date.as_bytes().get(4) == Some(&b'-') && (1..=12).contains(&month))
            .then_some(Month { year, month })
    }

    /// The month after this one.
    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// Months from this one back to `other` (0 for the same month).
    pub fn since(self, other: Month) -> i64 {
        (i64::from(self.year) * 12 + i64::from(self.month))
            - (i64::from(other.year) * 12 + i64::from(other.month))
    }

    /// `2025-03`.
    pub fn key(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// `Mar 2025`.
    pub fn label(self) -> String {
        const NAMES: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        format!("{} {}", NAMES[(self.month as usize - 1) % 12], self.year)
    }
}

/// One commit: its author as git records them, and the hub files it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// The month of the author date.
    pub month: Month,
    /// Author name (after `.mailmap`).
    pub name: String,
    /// Author email (after `.mailmap`).
    pub email: String,
    /// Changed files, relative to the hub root, `/`-separated.
    pub files: Vec<String>,
}

/// Reads every non-merge commit that changed a file under one of `paths` (relative to the hub
/// root), newest first. The error says why there is no history (no git, not a repository).
pub fn log(root: &Path, paths: &[&str]) -> Result<Vec<Commit>, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args([
            "-c",
            "core.quotepath=off",
            "-c",
            "log.showSignature=false",
            "log",
            "--no-merges",
            "--format=%x1e%aI%x1f%aN%x1f%aE",
            "--name-only",
            "-z",
            "--relative",
            "--",
        ])
        .args(paths)
        .output()
        .map_err(|err| format!("git could not be run ({err})"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr.lines().next().unwrap_or("").trim();
        if first.contains("does not have any commits") {
            return Ok(Vec::new());
        }
        return Err(format!("the hub is not in a git repository ({first})"));
    }
    Ok(parse(&String::from_utf8_lossy(&output.stdout)))
}

/// Whether the repository is a shallow clone (its history is cut).
pub fn is_shallow(root: &Path) -> bool {
    Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "--is-shallow-repository"])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "true")
}

/// Reads `git log --format=%x1e%aI%x1f%aN%x1f%aE --name-only -z`.
fn parse(text: &str) -> Vec<Commit> {
    let mut commits = Vec::new();
    for record in text.split('\u{1e}').filter(|c| !c.is_empty()) {
        let mut parts = record.split('\0');
        let header = parts.next().unwrap_or_default();
        let mut fields = header.split('\u{1f}');
        let (Some(date), Some(name), Some(email)) = (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let Some(month) = Month::of_iso(date.trim()) else {
            continue;
        };
        let files: Vec<String> = parts
            .map(|p| p.trim_start_matches('\n'))
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        if files.is_empty() {
            continue;
        }
        commits.push(Commit {
            month,
            name: name.trim().to_string(),
            email: email.trim().to_string(),
            files,
        });
    }
    commits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_is_read_commit_by_commit() {
        let log = "\u{1e}2026-11-26T11:07:04Z\u{1f}Bo\u{1f}bo@y.org\0\ncontent/guides/a.md\0data/x.csv\0\u{1e}2025-01-15T10:00:00+02:00\u{1f}Ana Lima\u{1f}ana@x.org\0\ncontent/guides/a.md\0content/guides/b c.md\0";
        let commits = parse(log);
        assert_eq!(commits.len(), 2);
        assert_eq!(
            commits[0].month,
            Month {
                year: 2026,
                month: 11
            }
        );
        assert_eq!(commits[0].files, ["content/guides/a.md", "data/x.csv"]);
        assert_eq!(
            (commits[1].name.as_str(), commits[1].email.as_str()),
            ("Ana Lima", "ana@x.org")
        );
        assert_eq!(commits[1].files[1], "content/guides/b c.md");
    }

    #[test]
    fn months_count_and_print() {
        let jan = Month::of_iso("2025-01-31T23:00:00-05:00").unwrap();
        assert_eq!(jan.key(), "2025-01");
        assert_eq!(jan.label(), "Jan 2025");
        let dec = Month {
            year: 2024,
            month: 12,
        };
        assert_eq!(dec.next(), jan);
        assert_eq!(jan.since(dec), 1);
        assert_eq!(Month::of_iso("2025-13-01"), None);
    }
}
