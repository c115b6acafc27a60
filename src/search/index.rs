//! Indexing: one tantivy document per part of each page (the text before the first heading,
//! then each heading with what follows), merged into a single segment.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, STORED,
    STRING,
};
use tantivy::{Index, TantivyDocument};

use super::analyzer::{self, TOKENIZER};
use super::export::PARTS_PER_PAGE;
use super::SearchError;
use crate::paths::slugify;
use crate::site::Site;

/// Text fields searched, in the order their scores are added, with their boosts.
pub const SEARCHED: [(&str, f32); 3] = [("title", 3.0), ("summary", 2.0), ("body", 1.0)];

/// The fields of the index.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Page title (searched, stored).
    pub title: Field,
    /// Page summary (searched).
    pub summary: Field,
    /// The text of this part of the page (searched, stored for snippets).
    pub body: Field,
    /// Content type (filter).
    pub kind: Field,
    /// Topics (filter).
    pub topic: Field,
    /// Regions (filter).
    pub region: Field,
    /// Publication year (filter).
    pub year: Field,
    /// Language (filter).
    pub lang: Field,
    /// Page URL (stored).
    pub url: Field,
    /// Heading anchor of this part; empty for the first part (stored).
    pub anchor: Field,
    /// Heading text of this part (stored).
    pub heading: Field,
    /// Publication date, YYYY-MM-DD (stored).
    pub date: Field,
    /// This document's number, the same in the index, the export and the client.
    pub doc: Field,
    /// The page's number (index into the site's pages).
    pub page: Field,
}

/// The index schema.
pub fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let searched = |stored: bool| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqs);
        let options = TextOptions::default().set_indexing_options(indexing);
        if stored {
            options.set_stored()
        } else {
            options
        }
    };
    let number = NumericOptions::default()
        .set_fast()
        .set_stored()
        .set_indexed();
    let fields = Fields {
        title: builder.add_text_field("title", searched(true)),
        summary: builder.add_text_field("summary", searched(false)),
        body: builder.add_text_field("body", searched(true)),
        kind: builder.add_text_field("type", STRING | STORED),
        topic: builder.add_text_field("topic", STRING | STORED),
        region: builder.add_text_field("region", STRING | STORED),
        year: builder.add_text_field("year", STRING | STORED),
        lang: builder.add_text_field("lang", STRING | STORED),
        url: builder.add_text_field("url", STORED),
        anchor: builder.add_text_field("anchor", STORED),
        heading: builder.add_text_field("heading", STORED),
        date: builder.add_text_field("date", STORED),
        doc: builder.add_u64_field("doc", number.clone()),
        page: builder.add_u64_field("page", number),
    };
    (builder.build(), fields)
}

/// The fields of an index opened from disk.
pub fn fields_of(schema: &Schema) -> Result<Fields, SearchError> {
    let get = |name: &str| schema.get_field(name).map_err(SearchError::from);
    Ok(Fields {
        title: get("title")?,
        summary: get("summary")?,
        body: get("body")?,
        kind: get("type")?,
        topic: get("topic")?,
        region: get("region")?,
        year: get("year")?,
        lang: get("lang")?,
        url: get("url")?,
        anchor: get("anchor")?,
        heading: get("heading")?,
        date: get("date")?,
        doc: get("doc")?,
        page: get("page")?,
    })
}

/// One searchable part of a page, as the index and the export see it. It borrows the page's
/// text: a copy of every page's search text would be held for the whole search stage.
#[derive(Debug, Clone)]
pub struct Part<'a> {
    /// The document number: `page × PARTS_PER_PAGE + part`.
    pub number: u32,
    /// The page's number in its language's index (an index into [`Language::pages`]).
    pub page: usize,
    /// Heading anchor; empty for the first part.
    pub anchor: &'a str,
    /// Heading text.
    pub heading: &'a str,
    /// Plain text, heading included (owned only when the page's later parts are folded in).
    pub text: Cow<'a, str>,
}

/// The pages of one language: one index and one export each.
#[derive(Debug, Clone)]
pub struct Language {
    /// The language's key ([`analyzer::language_key`]), its folder in the layout.
    pub key: String,
    /// The site's page numbers of its pages, in site order; a page's position here is its
    /// number in the language's index.
    pub pages: Vec<usize>,
}

/// The languages of the site's pages, by key, in key order.
pub fn languages(site: &Site) -> Vec<Language> {
    let mut by_key: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
    for (i, page) in site.pages.iter().enumerate() {
        by_key
            .entry(analyzer::language_key(&page.lang))
            .or_default()
            .push(i);
    }
    by_key
        .into_iter()
        .map(|(key, pages)| Language { key, pages })
        .collect()
}

/// The text of every page's parts, moved out of the site by [`take_texts`] (site page → part
/// → text), so that the search stage owns it and can let it go once it is indexed.
pub type Texts = Vec<Vec<String>>;

/// Moves the text of every page's parts out of `site`, for a build in which nothing but the
/// search stage reads it once the site is assembled (word counts are taken before). At 100k
/// pages it is 450 MB, freed once indexed instead of held until the site is written.
pub fn take_texts(site: &mut Site) -> Texts {
    site.pages
        .iter_mut()
        .map(|page| {
            page.rendered
                .sections
                .iter_mut()
                .map(|section| std::mem::take(&mut section.text))
                .collect()
        })
        .collect()
}

/// The texts of `language`'s pages taken out of `texts`, by their number in the language.
pub fn texts_of(texts: &mut Texts, language: &Language) -> Texts {
    language
        .pages
        .iter()
        .map(|&global| std::mem::take(&mut texts[global]))
        .collect()
}

/// Every searchable part of every page of `language`, in document-number order. A page with
/// more parts than [`PARTS_PER_PAGE`] has the rest folded into its last part. The text is
/// borrowed from the site, or, when `taken` holds the language's texts ([`texts_of`]), owned.
pub fn parts<'a>(site: &'a Site, language: &Language, mut taken: Option<Texts>) -> Vec<Part<'a>> {
    let mut parts = Vec::new();
    for (page, &global) in language.pages.iter().enumerate() {
        let p = &site.pages[global];
        let mut own = taken.as_mut().map(|texts| std::mem::take(&mut texts[page]));
        let first = parts.len();
        for (i, section) in p.rendered.sections.iter().enumerate() {
            let text = match own.as_mut() {
                Some(texts) => Cow::Owned(trimmed(std::mem::take(&mut texts[i]))),
                None => Cow::Borrowed(section.text.trim()),
            };
            if i >= PARTS_PER_PAGE {
                let last: &mut Part = parts.last_mut().expect("a page with sections has a part");
                let folded = last.text.to_mut();
                folded.push(' ');
                folded.push_str(&text);
                continue;
            }
            parts.push(Part {
                number: (page * PARTS_PER_PAGE + i) as u32,
                page,
                anchor: &section.anchor,
                heading: &section.heading,
                text,
            });
        }
        if parts.len() == first {
            parts.push(Part {
                number: (page * PARTS_PER_PAGE) as u32,
                page,
                anchor: "",
                heading: "",
                text: Cow::Borrowed(""),
            });
        }
    }
    parts
}

/// `text` without its leading and trailing white space, in place.
fn trimmed(mut text: String) -> String {
    text.truncate(text.trim_end().len());
    let leading = text.len() - text.trim_start().len();
    text.drain(..leading);
    text
}

/// Characters of a part's text its result card shows.
pub const SNIPPET_CHARS: usize = 140;

/// What a part's result card shows of its text: the text after its heading, cut at a word
/// within [`SNIPPET_CHARS`] characters.
pub fn snippet(text: &str, heading: &str) -> String {
    let text = text.strip_prefix(heading).unwrap_or(text).trim();
    crate::content::truncate_words(text, SNIPPET_CHARS)
}

/// Cuts the text each part owns down to the start [`snippet`] reads, once the index has
/// read it whole: the export needs no more, and the rest is the largest thing a big hub's
/// build holds. Borrowed text belongs to the site, which keeps it anyway.
pub fn keep_snippets(parts: &mut [Part<'_>]) {
    for part in parts {
        if let Cow::Owned(text) = &mut part.text {
            text.truncate(snippet_source(text, part.heading));
            text.shrink_to_fit();
        }
    }
}

/// How many bytes of `text` [`snippet`] depends on: the heading and the white space after
/// it, then one character more than it shows, extended to the next character that is not
/// white space (so that trimming the cut text cannot make it short enough to show whole).
fn snippet_source(text: &str, heading: &str) -> usize {
    let after_heading = text.strip_prefix(heading).unwrap_or(text);
    let start = text.len() - after_heading.trim_start().len();
    for (count, (at, c)) in text[start..].char_indices().enumerate() {
        if count >= SNIPPET_CHARS && !c.is_whitespace() {
            return start + at + c.len_utf8();
        }
    }
    text.len()
}

/// Writes the tantivy index of `language`'s `parts` into `dir`, merged to one segment.
/// Returns it with the typed forms of its text and the index term of each. Each page's parts
/// are cut down to their snippets ([`keep_snippets`]) as soon as tantivy has their text.
pub fn write_index(
    site: &Site,
    language: &Language,
    parts: &mut [Part<'_>],
    dir: &Path,
) -> Result<(Index, HashMap<String, String>), SearchError> {
    std::fs::create_dir_all(dir).map_err(|source| SearchError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let (schema, f) = schema();
    let index = Index::create_in_dir(dir, schema)?;
    let (analyzer, forms) = analyzer::analyzer_with_forms(&language.key);
    index.tokenizers().register(TOKENIZER, analyzer);
    // One indexing thread: each thread writes a segment of its own, so two threads always
    // meant merging two segments afterwards, and the rendering keeps the other core busy
    // anyway. Its budget holds a 10k-page hub (79k parts) in one segment, which needs no
    // merge; a larger hub makes a few segments, merged below.
    let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, 128_000_000)?;
    // A page's parts share everything but their text, anchor and heading: those values are
    // made once per page (slugs and dates allocate) and only copied into each part's document.
    for same_page in parts.chunk_by_mut(|a, b| a.page == b.page) {
        let page = &site.pages[language.pages[same_page[0].page]];
        let topics: Vec<String> = page.fm.topics.iter().map(|t| slugify(t)).collect();
        let regions: Vec<String> = page.fm.regions.iter().map(|r| slugify(r)).collect();
        let date = page.date.as_ref().map(|date| {
            (
                date.day.format("%Y").to_string(),
                date.day.format("%Y-%m-%d").to_string(),
            )
        });
        for part in same_page.iter() {
            let mut doc = TantivyDocument::default();
            doc.add_text(f.title, &page.fm.title);
            doc.add_text(f.summary, &page.summary);
            doc.add_text(f.body, &part.text);
            doc.add_text(f.kind, &page.kind);
            for topic in &topics {
                doc.add_text(f.topic, topic);
            }
            for region in &regions {
                doc.add_text(f.region, region);
            }
            if let Some((year, day)) = &date {
                doc.add_text(f.year, year);
                doc.add_text(f.date, day);
            }
            doc.add_text(f.lang, &page.lang);
            doc.add_text(f.url, &page.url);
            doc.add_text(f.anchor, part.anchor);
            doc.add_text(f.heading, part.heading);
            doc.add_u64(f.doc, u64::from(part.number));
            doc.add_u64(f.page, part.page as u64);
            writer.add_document(doc)?;
        }
        // The documents hold copies of the text: the parts need no more than their snippets.
        keep_snippets(same_page);
    }
    writer.commit()?;
    let segments = index.searchable_segment_ids()?;
    if segments.len() > 1 {
        writer.merge(&segments).wait()?;
    }
    // Merging leaves the old segments' files behind until a collection pass removes them; the
    // same writer does it, as a second writer could find the lock still held.
    writer.garbage_collect_files().wait()?;
    // Every copy of the analyzer is gone with the writer's threads: the forms are complete.
    writer.wait_merging_threads()?;
    let forms = forms
        .lock()
        .map(|mut f| std::mem::take(&mut *f))
        .unwrap_or_default();
    Ok((index, forms))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned<'a>(heading: &'a str, text: &str) -> Part<'a> {
        Part {
            number: 0,
            page: 0,
            anchor: "",
            heading,
            text: Cow::Owned(text.to_string()),
        }
    }

    #[test]
    fn keeping_snippets_changes_no_snippet() {
        let long = "word ".repeat(40);
        let cases: Vec<(&str, String)> = vec![
            ("", String::new()),
            ("", "short text".into()),
            ("Heading", "Heading short".into()),
            ("Heading", format!("Heading {long}")),
            ("Heading", format!("Heading   \n {long}tail")),
            ("Other", format!("Heading {long}")),
            // The cut falls on white space, then on a run of it.
            ("", format!("{} b", "a".repeat(SNIPPET_CHARS))),
            ("", format!("{}     b c", "a".repeat(SNIPPET_CHARS - 1))),
            ("", format!("{} ", "a".repeat(SNIPPET_CHARS))),
            ("", "é".repeat(SNIPPET_CHARS + 1)),
            ("", "é".repeat(SNIPPET_CHARS)),
            ("Titre", format!("Titre {}", "mot, ".repeat(60))),
            (
                "",
                format!("{} 日本語の文章", "x".repeat(SNIPPET_CHARS - 3)),
            ),
        ];
        for (heading, text) in cases {
            let mut parts = [owned(heading, &text)];
            keep_snippets(&mut parts);
            assert!(parts[0].text.len() <= text.len());
            assert_eq!(
                snippet(&parts[0].text, heading),
                snippet(&text, heading),
                "{heading:?} {text:?} kept as {:?}",
                parts[0].text
            );
        }
        let mut parts = [owned("", &long)];
        keep_snippets(&mut parts);
        assert!(parts[0].text.len() < long.len(), "a long text is cut");
    }

    #[test]
    fn borrowed_text_is_left_to_the_site() {
        let text = "word ".repeat(100);
        let mut parts = [Part {
            text: Cow::Borrowed(&text),
            ..owned("", "")
        }];
        keep_snippets(&mut parts);
        assert_eq!(parts[0].text.len(), text.len());
    }

    #[test]
    fn trimming_in_place_trims_both_ends() {
        assert_eq!(trimmed("  a b \n".into()), "a b");
        assert_eq!(trimmed(" \t ".into()), "");
        assert_eq!(trimmed("é".into()), "é");
    }
}
