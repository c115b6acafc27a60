//! The content model: pages and sections as the rest of the pipeline sees them.

use std::path::PathBuf;

use serde::Serialize;

use crate::frontmatter::{FrontMatter, PageDate};
use crate::markdown::Rendered;

/// Index of a page in [`crate::site::Site::pages`].
pub type PageId = usize;

/// A published page: a Markdown file that is not a section index.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path shown in diagnostics (relative to the hub root).
    pub file: PathBuf,
    /// Path relative to `content/`.
    pub rel: String,
    /// The folder links in the body are relative to (content-relative).
    pub dir: String,
    /// The section this page is listed in (content-relative folder; empty at the top).
    pub section: String,
    /// The content type.
    pub kind: String,
    /// For members: the id authors use to credit them (the file stem).
    pub member_id: Option<String>,
    /// The last URL segment.
    pub slug: String,
    /// Root-relative URL, including the base path.
    pub url: String,
    /// The language of the page.
    pub lang: String,
    /// What its translations share: the path without language marker, or `translation_key`.
    pub translation_key: String,
    /// Its translations into the hub's other languages, in the order of hub.yaml.
    pub translations: Vec<PageId>,
    /// The date used for sorting and display (for events without `date`, their start).
    pub date: Option<PageDate>,
    /// The front-matter fields.
    pub fm: FrontMatter,
    /// The Markdown body.
    pub body: String,
    /// The file line on which the body starts.
    pub body_line: usize,
    /// A page bundle's folder (content-relative), whose other files publish beside the page.
    pub bundle_dir: Option<String>,
    /// The rendered body.
    pub rendered: Rendered,
    /// The summary: front-matter `summary`, else the start of the first paragraph.
    pub summary: String,
    /// Front-matter `resources` (and webinar `slides`) resolved to URLs.
    pub resources: Vec<ResourceLink>,
}

/// A resource of a page, resolved: where it is and, for local files, what and how big.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResourceLink {
    /// The link text.
    pub title: String,
    /// Root-relative URL for local files, else the URL as written.
    pub url: String,
    /// Whether the file is published with the hub.
    pub local: bool,
    /// File type label from the extension, e.g. "PDF".
    pub format: String,
    /// Size in bytes of a local file.
    pub size: Option<u64>,
}

impl Page {
    /// Words in the body.
    pub fn word_count(&self) -> usize {
        self.rendered.words
    }

    /// Minutes to read at 200 words a minute, at least one.
    pub fn reading_time(&self) -> usize {
        self.word_count().div_ceil(200).max(1)
    }
}

/// What `text.split_whitespace().count()` counts, a byte at a time where the text is ASCII:
/// every page's words are counted for its view and its JSON-LD, and decoding each character
/// was ~2% of a build.
pub(crate) fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut words, mut in_word, mut i) = (0, false, 0);
    while i < bytes.len() {
        let (space, len) = if bytes[i].is_ascii() {
            // char::is_whitespace in ASCII: tab, line feed, vertical tab, form feed, carriage
            // return and space.
            (matches!(bytes[i], b'\t'..=b'\r' | b' '), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or_default();
            (c.is_whitespace(), c.len_utf8())
        };
        if !space && !in_word {
            words += 1;
        }
        in_word = !space;
        i += len;
    }
    words
}

/// A listing: the home page or a folder of pages.
#[derive(Debug, Clone)]
pub struct Section {
    /// The `_index.md`, when there is one.
    pub file: Option<PathBuf>,
    /// Content-relative folder; empty for the home page. In a multilingual hub, sections of
    /// languages other than the default are under `<code>/` (`fr/guides`), whatever the layout.
    pub dir: String,
    /// The language of the section's listings.
    pub lang: String,
    /// Whether this is a home page: the site's, or a language's (`fr`).
    pub home: bool,
    /// The same section in the hub's other languages.
    pub translations: Vec<usize>,
    /// The type of its pages, when the folder belongs to one.
    pub kind: Option<String>,
    /// Root-relative URL.
    pub url: String,
    /// The title, from `_index.md` or the type's plural label.
    pub title: String,
    /// The `_index.md` front-matter (default when there is none).
    pub fm: FrontMatter,
    /// The `_index.md` body.
    pub body: String,
    /// The file line on which the body starts.
    pub body_line: usize,
    /// The rendered body.
    pub rendered: Rendered,
    /// Pages listed here, in display order.
    pub pages: Vec<PageId>,
    /// Sections directly below this one (indexes into the site's sections).
    pub children: Vec<usize>,
}

/// A label and a link, for breadcrumbs, taxonomy terms and authors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// The text to show.
    pub name: String,
    /// Root-relative URL, when there is a page to link to.
    pub url: Option<String>,
}

/// Cuts text at a word boundary near `max` characters, adding an ellipsis when it cut.
pub fn truncate_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let at_word = match cut.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut,
    };
    format!(
        "{}…",
        at_word.trim_end_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            "   ",
            "one",
            " two  words ",
            "tab\tline\nfeed\x0bvertical\x0cform\rreturn",
            "non\u{a0}breaking\u{2003}em\u{3000}ideographic\u{85}next",
            "café naïve 日本語 ünïcödé\u{200b}zero-width",
        ] {
            assert_eq!(
                super::count_words(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    use super::*;

    #[test]
    fn truncation_cuts_at_a_word() {
        assert_eq!(truncate_words("short", 10), "short");
        assert_eq!(truncate_words("one two three four", 10), "one two…");
    }
}
