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
        self.rendered.text.split_whitespace().count()
    }

    /// Minutes to read at 200 words a minute, at least one.
    pub fn reading_time(&self) -> usize {
        self.word_count().div_ceil(200).max(1)
    }
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
    use super::*;

    #[test]
    fn truncation_cuts_at_a_word() {
        assert_eq!(truncate_words("short", 10), "short");
        assert_eq!(truncate_words("one two three four", 10), "one two…");
    }
}
