//! Front-matter: splitting it from the Markdown body and reading its fields.
//!
//! Fields are read from a generic YAML value rather than deserialized into a struct, so that
//! every wrong field in a file is reported (not only the first) with the line of its key, and
//! so that unknown keys can be kept as `extra` without being an error.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use serde::Serialize;
use serde_yaml::Value;

use crate::config::yaml_diagnostic;
use crate::diagnostic::Diagnostic;

/// A file's text split at its front-matter fences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences; `None` when the file has no front-matter.
    pub yaml: Option<&'a str>,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// The 1-based file line on which the body starts.
    pub body_line: usize,
}

/// Splits normalized text (no BOM, `\n` line ends) into front-matter and body.
pub fn split<'a>(text: &'a str, file: &Path) -> Result<Split<'a>, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(file, 1, 1, "empty-file")
            .message("the file is empty")
            .hint("add front-matter with at least a title (a line `---`, then `title: My page`, then `---`), or delete the file"));
    }
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() == "+++" {
        return Err(Diagnostic::error(file, 1, 1, "toml-front-matter")
            .message("TOML front-matter (+++) is not supported")
            .hint("hubs use YAML front-matter between `---` lines: replace `+++` with `---` and write `key: value` instead of `key = value`"));
    }
    if first_line.trim_end() != "---" {
        // Plain Markdown (a README, an imported note) is still publishable; the caller decides
        // whether a title can be found for it.
        return Ok(Split {
            yaml: None,
            body: text,
            body_line: 1,
        });
    }
    let after_open = first_line.len() + 1;
    let rest = text.get(after_open..).unwrap_or("");
    let mut offset = 0;
    for (index, line) in rest.split_inclusive('\n').enumerate() {
        let bare = line.trim_end_matches('\n').trim_end();
        if bare == "---" || bare == "..." {
            let yaml = &rest[..offset];
            let body_start = (offset + line.len()).min(rest.len());
            return Ok(Split {
                yaml: Some(yaml),
                body: &rest[body_start..],
                body_line: index + 3,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(file, 1, 1, "unterminated-front-matter")
        .message("the front-matter that starts here is never closed")
        .hint("add a line with only `---` after the last front-matter field"))
}

/// A date from front-matter: a day, and the full timestamp when one was given.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct PageDate {
    /// The calendar day.
    pub day: NaiveDate,
    /// The exact time, when the value was RFC 3339.
    pub time: Option<DateTime<FixedOffset>>,
}

impl PageDate {
    /// Parses `YYYY-MM-DD` or RFC 3339.
    pub fn parse(raw: &str) -> Option<PageDate> {
        let raw = raw.trim();
        if let Ok(day) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            return Some(PageDate { day, time: None });
        }
        if let Ok(time) = DateTime::parse_from_rfc3339(raw) {
            return Some(PageDate {
                day: time.date_naive(),
                time: Some(time),
            });
        }
        None
    }

    /// RFC 3339 when the time is known, else `YYYY-MM-DD`.
    pub fn to_rfc3339(&self) -> String {
        match &self.time {
            Some(time) => time.to_rfc3339(),
            None => self.day.format("%Y-%m-%d").to_string(),
        }
    }
}

/// A downloadable or linked resource listed in front-matter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resource {
    /// The link text.
    pub title: String,
    /// A file beside the page (relative path), when the resource is local.
    pub path: Option<String>,
    /// A full URL, when the resource is elsewhere.
    pub url: Option<String>,
}

/// The fields a page's front-matter may hold.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FrontMatter {
    /// The title (required).
    pub title: String,
    /// The content type, overriding the section's.
    pub kind: Option<String>,
    /// Publication date.
    pub date: Option<PageDate>,
    /// Last significant update.
    pub updated: Option<PageDate>,
    /// A short summary; else the first paragraph is used.
    pub summary: Option<String>,
    /// Member ids or plain names.
    pub authors: Vec<String>,
    /// Topic terms.
    pub topics: Vec<String>,
    /// Region terms.
    pub regions: Vec<String>,
    /// Free tags.
    pub tags: Vec<String>,
    /// Language of the page.
    pub lang: Option<String>,
    /// Links translations whose paths differ (Hugo's `translationKey`).
    pub translation_key: Option<String>,
    /// Drafts are built only with `--drafts`.
    pub draft: bool,
    /// The last URL segment, replacing the file name.
    pub slug: Option<String>,
    /// Old URLs that redirect here.
    pub aliases: Vec<String>,
    /// Sort key for `sort_by: weight`.
    pub weight: Option<i64>,
    /// Attached resources.
    pub resources: Vec<Resource>,
    /// Webinar: recording URL.
    pub recording: Option<String>,
    /// Webinar: slides URL or path.
    pub slides: Option<String>,
    /// Webinar: speakers (member ids or names).
    pub speakers: Vec<String>,
    /// Webinar: duration, as written.
    pub duration: Option<String>,
    /// Event: start time.
    pub starts: Option<DateTime<FixedOffset>>,
    /// Event: end time.
    pub ends: Option<DateTime<FixedOffset>>,
    /// Event: IANA time zone.
    pub timezone: Option<String>,
    /// Event: where it takes place.
    pub location: Option<String>,
    /// Event: whether it is online (`true`) or its online link.
    pub online: Option<serde_json::Value>,
    /// Report: publisher.
    pub publisher: Option<String>,
    /// Report: report number.
    pub report_number: Option<String>,
    /// Section `_index.md`: how to order items (date, title, weight).
    pub sort_by: Option<String>,
    /// Section `_index.md`: items per page.
    pub paginate_by: Option<usize>,
    /// Every other key, for templates.
    pub extra: BTreeMap<String, serde_json::Value>,
    /// File line and value column of each top-level key, for diagnostics in later stages.
    #[serde(skip)]
    pub positions: BTreeMap<String, (usize, usize)>,
}

impl FrontMatter {
    /// The file line and value column of a key, or the first line when the key is absent.
    pub fn position(&self, key: &str) -> (usize, usize) {
        self.positions.get(key).copied().unwrap_or((1, 1))
    }
}

/// Reads front-matter YAML. Returns the fields that could be read and a diagnostic for each
/// field that could not; `yaml_line` is the file line of the first YAML line.
pub fn parse(yaml: &str, yaml_line: usize, file: &Path) -> (FrontMatter, Vec<Diagnostic>) {
    let mut reader = FieldReader {
        yaml,
        yaml_line,
        file,
        problems: Vec::new(),
    };
    let mut fm = FrontMatter::default();
    let value: Value = match serde_yaml::from_str(yaml) {
        Ok(value) => value,
        Err(err) => {
            return (fm, vec![yaml_diagnostic(file, &err, yaml_line - 1)]);
        }
    };
    let mapping = match value {
        Value::Mapping(mapping) => mapping,
        Value::Null => Default::default(),
        _ => {
            let diagnostic = Diagnostic::error(file, yaml_line, 1, "invalid-front-matter")
                .message("front-matter must be a list of `key: value` fields")
                .hint("write one field per line, e.g. `title: My page`");
            return (fm, vec![diagnostic]);
        }
    };
    let (mut title, mut starts, mut ends) = (None, None, None);
    for (key, value) in mapping {
        let Some(key) = key.as_str().map(str::to_owned) else {
            reader.problems.push(
                Diagnostic::error(file, yaml_line, 1, "invalid-front-matter")
                    .message(format!("front-matter key {key:?} is not text"))
                    .hint("keys are plain words such as `title` or `date`"),
            );
            continue;
        };
        let r = &mut reader;
        fm.positions.insert(key.clone(), r.position(&key));
        match key.as_str() {
            "title" => title = r.string(&key, value),
            "type" => fm.kind = r.string(&key, value),
            "date" => fm.date = r.date(&key, value),
            "updated" | "lastmod" => fm.updated = r.date(&key, value),
            // `description` is what Hugo and Jekyll call it; taking it keeps imported content working.
            "summary" | "description" => fm.summary = fm.summary.take().or(r.string(&key, value)),
            "authors" | "author" => fm.authors = r.list(&key, value),
            "topics" => fm.topics = r.list(&key, value),
            "regions" => fm.regions = r.list(&key, value),
            "tags" => fm.tags = r.list(&key, value),
            "lang" => fm.lang = r.string(&key, value),
            "translation_key" | "translationKey" => fm.translation_key = r.string(&key, value),
            "draft" => fm.draft = r.boolean(&key, value).unwrap_or(false),
            "slug" => fm.slug = r.string(&key, value),
            "aliases" => fm.aliases = r.list(&key, value),
            "weight" => fm.weight = r.integer(&key, value),
            "resources" => fm.resources = r.resources(&key, value),
            "recording" => fm.recording = r.string(&key, value),
            "slides" => fm.slides = r.string(&key, value),
            "speakers" => fm.speakers = r.list(&key, value),
            "duration" => fm.duration = r.string(&key, value),
            "starts" => starts = r.string(&key, value),
            "ends" => ends = r.string(&key, value),
            "timezone" => fm.timezone = r.timezone(&key, value),
            "location" => fm.location = r.string(&key, value),
            "online" => fm.online = r.online(&key, value),
            "publisher" => fm.publisher = r.string(&key, value),
            "report_number" => fm.report_number = r.string(&key, value),
            "sort_by" => fm.sort_by = r.sort_by(&key, value),
            "paginate_by" => {
                fm.paginate_by = r
                    .integer(&key, value)
                    .and_then(|n| usize::try_from(n).ok().filter(|&n| n > 0))
            }
            _ => {
                if let Some(json) = r.json(&key, value) {
                    fm.extra.insert(key, json);
                }
            }
        }
    }
    match title {
        Some(title) if !title.trim().is_empty() => fm.title = title,
        _ => reader.problems.push(
            Diagnostic::error(file, yaml_line.saturating_sub(1).max(1), 1, "missing-title")
                .message("the front-matter has no title")
                .hint("add a line `title: Your title` between the `---` lines"),
        ),
    }
    // Times are read after the loop because a local time needs the `timezone` field.
    let zone = fm
        .timezone
        .as_deref()
        .and_then(|tz| tz.parse::<chrono_tz::Tz>().ok());
    fm.starts = starts.and_then(|raw| reader.timestamp("starts", &raw, zone));
    fm.ends = ends.and_then(|raw| reader.timestamp("ends", &raw, zone));
    if let (Some(starts), Some(ends)) = (&fm.starts, &fm.ends) {
        if ends < starts {
            let (line, col) = reader.position("ends");
            reader.problems.push(
                Diagnostic::error(file, line, col, "invalid-date")
                    .message("the event ends before it starts")
                    .hint("check `starts` and `ends`, including their time-zone offsets"),
            );
        }
    }
    (fm, reader.problems)
}

/// Reads typed values out of YAML, recording a located diagnostic for each mismatch.
struct FieldReader<'a> {
    yaml: &'a str,
    yaml_line: usize,
    file: &'a Path,
    problems: Vec<Diagnostic>,
}

impl FieldReader<'_> {
    /// The file line of a top-level key and the column where its value starts.
    fn position(&self, key: &str) -> (usize, usize) {
        for (index, line) in self.yaml.lines().enumerate() {
            let unquoted = line
                .strip_prefix(key)
                .or_else(|| line.strip_prefix(&format!("\"{key}\"")))
                .or_else(|| line.strip_prefix(&format!("'{key}'")));
            if let Some(after) = unquoted.and_then(|rest| rest.strip_prefix(':')) {
                let key_len = line.len() - after.len();
                let spaces = after.len() - after.trim_start().len();
                let value = after.trim();
                if value.is_empty() || value.starts_with('#') {
                    // A block value starts on the next line; point at its first item.
                    if let Some(next) = self.yaml.lines().nth(index + 1) {
                        let indent = next.len() - next.trim_start().len();
                        let item = next.trim_start();
                        let dash = if item.starts_with("- ") { 2 } else { 0 };
                        return (
                            self.yaml_line + index + 1,
                            next[..indent + dash].chars().count() + 1,
                        );
                    }
                    return (self.yaml_line + index, 1);
                }
                let col = line[..key_len + spaces].chars().count() + 1;
                return (self.yaml_line + index, col);
            }
        }
        (self.yaml_line, 1)
    }

    fn wrong_type(&mut self, key: &str, expected: &str, example: &str) {
        let (line, col) = self.position(key);
        self.problems.push(
            Diagnostic::error(self.file, line, col, "invalid-field-type")
                .message(format!("`{key}` must be {expected}"))
                .hint(format!("write it as {example}")),
        );
    }

    fn string(&mut self, key: &str, value: Value) -> Option<String> {
        match value {
            Value::String(s) => Some(s),
            // A title like `2030` or a report number like `12` is text to a contributor.
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null => None,
            _ => {
                self.wrong_type(key, "text", &format!("`{key}: some text`"));
                None
            }
        }
    }

    fn list(&mut self, key: &str, value: Value) -> Vec<String> {
        match value {
            Value::Null => Vec::new(),
            Value::Sequence(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Value::String(s) => out.push(s),
                        Value::Number(n) => out.push(n.to_string()),
                        Value::Bool(b) => out.push(b.to_string()),
                        Value::Null => {}
                        _ => {
                            self.wrong_type(
                                key,
                                "a list of text items",
                                &format!("`{key}: [first, second]`"),
                            );
                            return Vec::new();
                        }
                    }
                }
                out
            }
            // One value where a list is expected is what people mean by a list of one.
            Value::String(s) => vec![s],
            Value::Number(n) => vec![n.to_string()],
            _ => {
                self.wrong_type(
                    key,
                    "a list of text items",
                    &format!("`{key}: [first, second]`"),
                );
                Vec::new()
            }
        }
    }

    fn boolean(&mut self, key: &str, value: Value) -> Option<bool> {
        match value {
            Value::Bool(b) => Some(b),
            Value::Null => None,
            _ => {
                self.wrong_type(key, "true or false", &format!("`{key}: true`"));
                None
            }
        }
    }

    fn integer(&mut self, key: &str, value: Value) -> Option<i64> {
        match value {
            Value::Number(n) if n.as_i64().is_some() => n.as_i64(),
            Value::Null => None,
            _ => {
                self.wrong_type(key, "a whole number", &format!("`{key}: 10`"));
                None
            }
        }
    }

    fn date(&mut self, key: &str, value: Value) -> Option<PageDate> {
        let raw = self.string(key, value)?;
        let parsed = PageDate::parse(&raw);
        if parsed.is_none() {
            let (line, col) = self.position(key);
            self.problems.push(
                Diagnostic::error(self.file, line, col, "invalid-date")
                    .message(format!("`{key}: {raw}` is not a valid date"))
                    .hint("write dates as YYYY-MM-DD (e.g. 2025-03-14) or RFC 3339 (e.g. 2025-03-14T15:00:00+03:00)"),
            );
        }
        parsed
    }

    fn timestamp(
        &mut self,
        key: &str,
        raw: &str,
        zone: Option<chrono_tz::Tz>,
    ) -> Option<DateTime<FixedOffset>> {
        let raw = raw.trim();
        if let Ok(time) = DateTime::parse_from_rfc3339(raw) {
            return Some(time);
        }
        let naive = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
            .iter()
            .find_map(|format| NaiveDateTime::parse_from_str(raw, format).ok());
        let (line, col) = self.position(key);
        let (message, hint) = match (naive, zone) {
            (Some(naive), Some(zone)) => match zone.from_local_datetime(&naive).earliest() {
                Some(local) => return Some(local.fixed_offset()),
                None => (
                    format!("`{key}: {raw}` does not exist in {zone} (a clock change skips it)"),
                    "pick a time outside the daylight-saving change".to_string(),
                ),
            },
            (Some(_), None) => (
                format!("`{key}: {raw}` has no time zone"),
                format!("add `timezone:` (e.g. Africa/Nairobi) or write the offset: {raw}:00+03:00"),
            ),
            (None, _) => (
                format!("`{key}: {raw}` is not a valid date and time"),
                "write it as RFC 3339 with the offset, e.g. 2027-02-18T14:00:00+03:00, or as 2027-02-18T14:00 together with `timezone:`".to_string(),
            ),
        };
        self.problems.push(
            Diagnostic::error(self.file, line, col, "invalid-date")
                .message(message)
                .hint(hint),
        );
        None
    }

    fn timezone(&mut self, key: &str, value: Value) -> Option<String> {
        let raw = self.string(key, value)?;
        if raw.parse::<chrono_tz::Tz>().is_err() {
            let (line, col) = self.position(key);
            self.problems.push(
                Diagnostic::error(self.file, line, col, "invalid-timezone")
                    .message(format!("`{raw}` is not a known time zone"))
                    .hint("use an IANA time-zone name such as Africa/Nairobi, Asia/Kolkata or America/Bogota"),
            );
            return None;
        }
        Some(raw)
    }

    fn online(&mut self, key: &str, value: Value) -> Option<serde_json::Value> {
        match value {
            Value::Bool(b) => Some(serde_json::Value::Bool(b)),
            Value::String(s) => Some(serde_json::Value::String(s)),
            Value::Null => None,
            _ => {
                self.wrong_type(
                    key,
                    "true, false or the link to join",
                    &format!("`{key}: true`"),
                );
                None
            }
        }
    }

    fn sort_by(&mut self, key: &str, value: Value) -> Option<String> {
        let raw = self.string(key, value)?;
        if matches!(raw.as_str(), "date" | "title" | "weight") {
            return Some(raw);
        }
        let (line, col) = self.position(key);
        self.problems.push(
            Diagnostic::error(self.file, line, col, "invalid-field-value")
                .message(format!("`sort_by: {raw}` is not a known order"))
                .hint("use one of: date, title, weight"),
        );
        None
    }

    fn resources(&mut self, key: &str, value: Value) -> Vec<Resource> {
        let Value::Sequence(items) = value else {
            if !value.is_null() {
                self.wrong_type(
                    key,
                    "a list of resources",
                    "`resources: [{title: Report, path: report.pdf}]`",
                );
            }
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            let Value::Mapping(map) = item else {
                self.wrong_type(
                    key,
                    "a list of resources",
                    "`- {title: Report, path: report.pdf}`",
                );
                continue;
            };
            let get = |name: &str| map.get(name).and_then(Value::as_str).map(str::to_owned);
            let resource = Resource {
                title: get("title").unwrap_or_default(),
                path: get("path"),
                url: get("url"),
            };
            if resource.path.is_none() && resource.url.is_none() {
                self.wrong_type(
                    key,
                    "a list of resources with a `path` or a `url`",
                    "`- {title: Report, path: report.pdf}`",
                );
                continue;
            }
            out.push(resource);
        }
        out
    }

    fn json(&mut self, key: &str, value: Value) -> Option<serde_json::Value> {
        match serde_json::to_value(&value) {
            Ok(json) => Some(json),
            Err(_) => {
                self.wrong_type(key, "plain data with text keys", &format!("`{key}: value`"));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path() -> &'static Path {
        Path::new("content/a.md")
    }

    #[test]
    fn split_finds_the_fences_and_body_line() {
        let s = split("---\ntitle: A\n---\nbody\n", path()).unwrap();
        assert_eq!(s.yaml, Some("title: A\n"));
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn split_reports_each_bad_shape() {
        assert_eq!(split("", path()).unwrap_err().code, "empty-file");
        assert_eq!(
            split("+++\ntitle = 'A'\n+++\n", path()).unwrap_err().code,
            "toml-front-matter"
        );
        assert_eq!(split("# Hello\n", path()).unwrap().yaml, None);
        assert_eq!(
            split("---\ntitle: A\n", path()).unwrap_err().code,
            "unterminated-front-matter"
        );
    }

    #[test]
    fn fields_are_typed_and_unknown_keys_are_extra() {
        let yaml = "title: Water\ndate: 2025-03-14\ntopics: [a, b]\ntags: one\nclass: x\n";
        let (fm, problems) = parse(yaml, 2, path());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(fm.title, "Water");
        assert_eq!(
            fm.date.unwrap().day,
            NaiveDate::from_ymd_opt(2025, 3, 14).unwrap()
        );
        assert_eq!(fm.topics, ["a", "b"]);
        assert_eq!(fm.tags, ["one"]);
        assert_eq!(fm.extra["class"], serde_json::json!("x"));
    }

    #[test]
    fn every_bad_field_is_reported_at_its_line_and_value_column() {
        let yaml = "title: A\ndate: 2025-13-01\ndraft: maybe\ntopics: {a: 1}\n";
        let (_, problems) = parse(yaml, 2, path());
        let found: Vec<_> = problems.iter().map(|d| (d.code, d.line, d.col)).collect();
        assert_eq!(
            found,
            [
                ("invalid-date", 3, 7),
                ("invalid-field-type", 4, 8),
                ("invalid-field-type", 5, 9)
            ]
        );
    }

    #[test]
    fn yaml_errors_are_mapped_to_file_lines() {
        let yaml = "title: A\nsummary: \"unclosed\n";
        let (_, problems) = parse(yaml, 2, path());
        assert_eq!(problems[0].code, "invalid-yaml");
        assert!(problems[0].line >= 3, "{:?}", problems[0]);
    }

    #[test]
    fn missing_title_is_an_error() {
        let (_, problems) = parse("date: 2025-01-01\n", 2, path());
        assert_eq!(problems[0].code, "missing-title");
    }
}
