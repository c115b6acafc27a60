//! Discoverability outputs: feeds, calendars, structured metadata and citations.
//!
//! Everything here is derived from the assembled site after rendering; nothing feeds back into
//! page rendering except through the template context (`meta`, built by [`Discovery`]).
//! `docs/discoverability.md` describes what is produced and why.

mod calendar;
mod citation;
mod duration;
mod feeds;
pub mod git_dates;
mod jsonld;
mod meta;
mod names;

use chrono::{DateTime, NaiveTime, Utc};
use serde_json::Value;

use crate::content::{Page, PageId};
use crate::frontmatter::PageDate;
use crate::render::Output;
use crate::site::Site;

pub use meta::{CalendarLink, Discovery, EventGroups, KeptFeeds, Meta, MetaTag};
pub(crate) use names::Name;

/// Most entries one feed carries, newest first.
pub const FEED_LIMIT: usize = 50;

/// Extra files for feed readers, calendars and reference managers.
pub fn outputs(site: &Site, summaries: &[Value]) -> Vec<Output> {
    Discovery::new(site, summaries).outputs()
}

/// The tera filter `human_size`: a number of bytes as "1.2 MB", in the decimal units of
/// [`crate::site::human_size`], so every download shows its size the same way.
pub fn human_size_filter(
    value: &Value,
    _args: &std::collections::HashMap<String, Value>,
) -> tera::Result<Value> {
    value
        .as_u64()
        .map(|bytes| Value::String(crate::site::human_size(bytes)))
        .ok_or_else(|| tera::Error::msg(format!("human_size needs a number of bytes, not {value}")))
}

/// Newest last-change day (`YYYY-MM-DD`) of some pages, for `<lastmod>` in the sitemap.
pub fn lastmod(site: &Site, ids: impl IntoIterator<Item = PageId>) -> Option<String> {
    ids.into_iter()
        .map(|i| &site.pages[i])
        .filter(|p| !p.fm.draft)
        .filter_map(modified)
        .max_by_key(|d| instant(d))
        .map(|d| d.day.format("%Y-%m-%d").to_string())
}

/// A person or organization credited on a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Author {
    /// Display name: the member's profile title, or the name as written.
    pub name: String,
    /// Absolute URL of the member profile.
    pub url: Option<String>,
}

/// Resolves `authors` (member ids or names) to names and profile URLs.
pub(crate) fn author_links(site: &Site, authors: &[String]) -> Vec<Author> {
    authors
        .iter()
        .map(|a| match site.member(a) {
            Some(member) => Author {
                name: member.fm.title.clone(),
                url: Some(site.permalink(&member.url)),
            },
            None => Author {
                name: a.clone(),
                url: None,
            },
        })
        .collect()
}

/// The topics of a page as (slug, display name), named as on their term pages.
pub(crate) fn topics(site: &Site, page: &Page) -> Vec<(String, String)> {
    let taxonomy = site.taxonomies.iter().find(|t| t.name == "topics");
    page.fm
        .topics
        .iter()
        .map(|value| {
            let slug = crate::paths::slugify(value);
            let name = taxonomy
                .and_then(|t| t.terms.iter().find(|term| term.slug == slug))
                .map_or_else(|| value.clone(), |term| term.name.clone());
            (slug, name)
        })
        .collect()
}

/// Keywords of a page: its topics by display name, then its tags as written.
pub(crate) fn keywords(site: &Site, page: &Page) -> Vec<String> {
    topics(site, page)
        .into_iter()
        .map(|(_, name)| name)
        .chain(page.fm.tags.iter().cloned())
        .collect()
}

/// The UTC instant of a date; a day without a time counts from its start in UTC.
pub(crate) fn instant(date: &PageDate) -> DateTime<Utc> {
    match &date.time {
        Some(time) => time.with_timezone(&Utc),
        None => date.day.and_time(NaiveTime::MIN).and_utc(),
    }
}

/// RFC 3339 with a time, as feeds and OpenGraph need: a bare day becomes midnight UTC.
pub(crate) fn rfc3339(date: &PageDate) -> String {
    match &date.time {
        Some(time) => time.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        None => instant(date).to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    }
}

/// When a page last changed: `updated` (or its git date), else its date.
pub(crate) fn modified(page: &Page) -> Option<&PageDate> {
    page.fm.updated.as_ref().or(page.date.as_ref())
}

/// A stable, globally unique id for a URL of this hub (feed entry ids, calendar UIDs): the
/// absolute URL when `base_url` is absolute, else a name-based UUID.
pub(crate) fn stable_id(site: &Site, url: &str) -> String {
    let permalink = site.permalink(url);
    if permalink.contains("://") {
        return permalink;
    }
    // FNV-1a, 128 bits: stable across Rust versions, unlike the standard library's hasher.
    let mut hash: u128 = 0x6c62272e07bb014262b821756295c58d;
    for byte in site.config.title.bytes().chain([0]).chain(url.bytes()) {
        hash ^= u128::from(byte);
        hash = hash.wrapping_mul(0x0000000001000000000000000000013B);
    }
    let mut bytes = hash.to_be_bytes();
    bytes[6] = (bytes[6] & 0x0f) | 0x80; // version 8: custom
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// The media type of a file type label ("PDF"), for structured data.
pub(crate) fn media_type(format: &str) -> Option<&'static str> {
    Some(match format {
        "PDF" => "application/pdf",
        "CSV" => "text/csv",
        "TXT" => "text/plain",
        "HTML" | "HTM" => "text/html",
        "JSON" => "application/json",
        "ZIP" => "application/zip",
        "DOC" => "application/msword",
        "DOCX" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "XLS" => "application/vnd.ms-excel",
        "XLSX" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "PPT" => "application/vnd.ms-powerpoint",
        "PPTX" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "ODT" => "application/vnd.oasis.opendocument.text",
        "ODS" => "application/vnd.oasis.opendocument.spreadsheet",
        "ODP" => "application/vnd.oasis.opendocument.presentation",
        "EPUB" => "application/epub+zip",
        "PNG" => "image/png",
        "JPG" | "JPEG" => "image/jpeg",
        "SVG" => "image/svg+xml",
        "WEBP" => "image/webp",
        "MP3" => "audio/mpeg",
        "MP4" => "video/mp4",
        "WEBM" => "video/webm",
        _ => return None,
    })
}

/// Where a generated file goes, relative to the output folder.
fn out_path(site: &Site, url: &str, name: &str) -> String {
    format!("{}{name}", url.get(site.base_path.len()..).unwrap_or(""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn bare_days_become_midnight_utc() {
        let day = PageDate::parse("2025-03-14").unwrap();
        assert_eq!(rfc3339(&day), "2025-03-14T00:00:00Z");
        let time = PageDate::parse("2025-03-14T15:00:00+03:00").unwrap();
        assert_eq!(rfc3339(&time), "2025-03-14T15:00:00+03:00");
        assert_eq!(
            instant(&time).date_naive(),
            NaiveDate::from_ymd_opt(2025, 3, 14).unwrap()
        );
    }
}
