//! Atom 1.0 (RFC 4287) and JSON Feed 1.1 feeds of the whole hub, of each section and of each
//! taxonomy term, written by hand: both formats are small and the escaping rules are simple.

use serde::Serialize;

use super::{author_links, instant, modified, rfc3339, stable_id, topics, Author, FEED_LIMIT};
use crate::content::{Page, PageId};
use crate::paths::xml_escape;
use crate::site::Site;

/// One feed: the newest dated pages of a listing.
#[derive(Debug)]
pub struct Feed {
    /// Root-relative URL of the listing the feed follows; the feed files sit in its folder.
    pub listing_url: String,
    /// The feed's title.
    pub title: String,
    /// What it covers.
    pub description: String,
    /// Pages, newest first, at most [`FEED_LIMIT`].
    pub entries: Vec<PageId>,
    /// The language of the listing (a multilingual hub has feeds per language).
    pub lang: String,
}

/// A `<link rel="alternate">` to a feed.
#[derive(Debug, Clone, Serialize)]
pub struct FeedLink {
    /// Link title, naming the feed and its format.
    pub title: String,
    /// Root-relative URL.
    pub url: String,
    /// Media type.
    pub mime: &'static str,
    /// The format's name, for a visible link: "Atom" or "JSON Feed".
    pub format: &'static str,
}

impl Feed {
    /// The Atom and JSON Feed links of this feed.
    pub fn links(&self) -> [FeedLink; 2] {
        [
            FeedLink {
                title: format!("{} (Atom)", self.title),
                url: format!("{}atom.xml", self.listing_url),
                mime: "application/atom+xml",
                format: "Atom",
            },
            FeedLink {
                title: format!("{} (JSON Feed)", self.title),
                url: format!("{}feed.json", self.listing_url),
                mime: "application/feed+json",
                format: "JSON Feed",
            },
        ]
    }
}

/// The date a page is listed under in feeds: its `date`, else its `updated`.
fn feed_date(page: &Page) -> Option<&crate::frontmatter::PageDate> {
    page.date.as_ref().or(page.fm.updated.as_ref())
}

/// The pages of `ids` a feed carries: published, not member profiles, dated; newest first.
fn select(site: &Site, ids: impl IntoIterator<Item = PageId>) -> Vec<PageId> {
    let mut ids: Vec<PageId> = ids
        .into_iter()
        .filter(|&i| {
            let page = &site.pages[i];
            !page.fm.draft && page.member_id.is_none() && feed_date(page).is_some()
        })
        .collect();
    ids.sort_by(|&a, &b| {
        let (a, b) = (&site.pages[a], &site.pages[b]);
        let key = |p: &Page| feed_date(p).map(instant);
        key(b)
            .cmp(&key(a))
            .then_with(|| a.fm.title.cmp(&b.fm.title))
    });
    ids.dedup();
    ids.truncate(FEED_LIMIT);
    ids
}

/// Every feed with at least one entry: the hub, each section, each taxonomy term.
pub fn all(site: &Site) -> Vec<Feed> {
    let hub = &site.config.title;
    let mut feeds = Vec::new();
    for section in &site.sections {
        let entries = if section.home {
            // A language's home feed carries that language; a one-language hub's carries all.
            let multilingual = site.config.multilingual();
            select(
                site,
                (0..site.pages.len())
                    .filter(|&i| !multilingual || site.pages[i].lang == section.lang),
            )
        } else {
            let prefix = format!("{}/", section.dir);
            select(
                site,
                site.pages
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.section == section.dir || p.section.starts_with(&prefix))
                    .map(|(i, _)| i),
            )
        };
        let (title, description) = if section.home {
            (hub.clone(), site.config.description.clone())
        } else {
            (
                format!("{} · {hub}", section.title),
                section.fm.summary.clone().unwrap_or_default(),
            )
        };
        feeds.push(Feed {
            listing_url: section.url.clone(),
            title,
            description,
            entries,
            lang: section.lang.clone(),
        });
    }
    for taxonomy in &site.taxonomies {
        let label = crate::config::title_case(&taxonomy.name);
        for term in &taxonomy.terms {
            feeds.push(Feed {
                listing_url: term.url.clone(),
                title: format!("{} · {label} · {hub}", term.name),
                description: term.description.clone(),
                entries: select(site, term.pages.iter().copied()),
                lang: taxonomy.lang.clone(),
            });
        }
    }
    feeds.retain(|f| !f.entries.is_empty());
    feeds
}

/// Text safe for XML 1.0: escaped, and without the control characters XML forbids.
fn xml_text(text: &str) -> String {
    let allowed: String = text
        .chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}')
        })
        .collect();
    xml_escape(&allowed)
}

/// The newest change among a feed's entries.
fn feed_updated(site: &Site, feed: &Feed) -> String {
    feed.entries
        .iter()
        .filter_map(|&i| modified(&site.pages[i]))
        .max_by_key(|d| instant(d))
        .map(rfc3339)
        .unwrap_or_default()
}

fn atom_person(xml: &mut String, person: &Author) {
    xml.push_str("<author><name>");
    xml.push_str(&xml_text(&person.name));
    xml.push_str("</name>");
    if let Some(url) = &person.url {
        xml.push_str("<uri>");
        xml.push_str(&xml_text(url));
        xml.push_str("</uri>");
    }
    xml.push_str("</author>\n");
}

/// The Atom document of a feed.
pub fn atom(site: &Site, feed: &Feed) -> String {
    let self_url = site.permalink(&format!("{}atom.xml", feed.listing_url));
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml_text(&feed.lang)
    ));
    xml.push_str(&format!("<title>{}</title>\n", xml_text(&feed.title)));
    if !feed.description.is_empty() {
        xml.push_str(&format!(
            "<subtitle>{}</subtitle>\n",
            xml_text(&feed.description)
        ));
    }
    xml.push_str(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_text(&self_url)
    ));
    xml.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_text(&site.permalink(&feed.listing_url))
    ));
    xml.push_str(&format!(
        "<id>{}</id>\n",
        xml_text(&stable_id(site, &format!("{}atom.xml", feed.listing_url)))
    ));
    xml.push_str(&format!(
        "<updated>{}</updated>\n",
        feed_updated(site, feed)
    ));
    atom_person(
        &mut xml,
        &Author {
            name: site.config.title.clone(),
            url: Some(site.permalink(&site.base_path)),
        },
    );
    xml.push_str(&format!(
        "<generator version=\"{}\">Praxis</generator>\n",
        env!("CARGO_PKG_VERSION")
    ));
    let topics_url = site
        .taxonomies
        .iter()
        .find(|t| t.name == "topics")
        .map(|t| site.permalink(&t.url));
    for &id in &feed.entries {
        let page = &site.pages[id];
        xml.push_str(&format!("<entry xml:lang=\"{}\">\n", xml_text(&page.lang)));
        xml.push_str(&format!("<title>{}</title>\n", xml_text(&page.fm.title)));
        xml.push_str(&format!(
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml_text(&site.permalink(&page.url))
        ));
        xml.push_str(&format!(
            "<id>{}</id>\n",
            xml_text(&stable_id(site, &page.url))
        ));
        if let Some(date) = &page.date {
            xml.push_str(&format!("<published>{}</published>\n", rfc3339(date)));
        }
        if let Some(date) = modified(page) {
            xml.push_str(&format!("<updated>{}</updated>\n", rfc3339(date)));
        }
        for author in author_links(site, &page.fm.authors) {
            atom_person(&mut xml, &author);
        }
        for (slug, name) in topics(site, page) {
            xml.push_str(&format!(
                "<category term=\"{}\" label=\"{}\"{}/>\n",
                xml_text(&slug),
                xml_text(&name),
                topics_url
                    .as_ref()
                    .map(|u| format!(" scheme=\"{}\"", xml_text(u)))
                    .unwrap_or_default()
            ));
        }
        if !page.summary.is_empty() {
            xml.push_str(&format!(
                "<summary type=\"text\">{}</summary>\n",
                xml_text(&page.summary)
            ));
        }
        xml.push_str("</entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: String,
    feed_url: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    language: &'a str,
    authors: Vec<JsonAuthor>,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonAuthor {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: String,
    url: String,
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    content_text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<JsonAuthor>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    language: &'a str,
}

fn json_author(author: Author) -> JsonAuthor {
    JsonAuthor {
        name: author.name,
        url: author.url,
    }
}

/// The JSON Feed 1.1 document of a feed.
pub fn json(site: &Site, feed: &Feed) -> String {
    let items = feed
        .entries
        .iter()
        .map(|&id| {
            let page = &site.pages[id];
            JsonItem {
                id: stable_id(site, &page.url),
                url: site.permalink(&page.url),
                title: &page.fm.title,
                summary: &page.summary,
                // JSON Feed needs content_html or content_text; feeds carry summaries only.
                content_text: &page.summary,
                date_published: page.date.as_ref().map(rfc3339),
                date_modified: modified(page).map(rfc3339),
                authors: author_links(site, &page.fm.authors)
                    .into_iter()
                    .map(json_author)
                    .collect(),
                tags: super::keywords(site, page),
                language: &page.lang,
            }
        })
        .collect();
    let document = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: &feed.title,
        home_page_url: site.permalink(&feed.listing_url),
        feed_url: site.permalink(&format!("{}feed.json", feed.listing_url)),
        description: &feed.description,
        language: &feed.lang,
        authors: vec![JsonAuthor {
            name: site.config.title.clone(),
            url: Some(site.permalink(&site.base_path)),
        }],
        items,
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_escapes_and_drops_forbidden_characters() {
        assert_eq!(
            xml_text("a & <b> \"c\"\u{1}"),
            "a &amp; &lt;b&gt; &quot;c&quot;"
        );
        assert_eq!(xml_text("tab\tand\nline"), "tab\tand\nline");
    }
}
