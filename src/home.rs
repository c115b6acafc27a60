//! What the home page shows of the community besides its latest items: its members and its
//! topics (`members` and `topics` in `index.html`).

use serde::Serialize;
use serde_json::Value;

use crate::context::{taxonomy_header, term_view, TaxonomyView};
use crate::site::Site;

/// How many member profiles the home page lists.
pub const MEMBERS: usize = 12;
/// How many topics the home page lists (the most used ones).
pub const TOPICS: usize = 24;

/// The members on the home page.
#[derive(Debug, Serialize)]
pub struct Members<'a> {
    /// The members section's title ("Members").
    pub title: &'a str,
    /// The members section's URL.
    pub url: &'a str,
    /// How many member profiles there are in all.
    pub count: usize,
    /// The first [`MEMBERS`] profiles, in the section's order.
    pub pages: Vec<&'a Value>,
}

/// The top-level section of member profiles, if the hub has one with profiles in it.
pub fn members<'a>(site: &'a Site, home: usize, summaries: &'a [Value]) -> Option<Members<'a>> {
    let section = site.sections[home]
        .children
        .iter()
        .map(|&i| &site.sections[i])
        .find(|s| s.kind.as_deref() == Some("member") && !s.pages.is_empty())?;
    Some(Members {
        title: &section.title,
        url: &section.url,
        count: section.pages.len(),
        pages: section
            .pages
            .iter()
            .take(MEMBERS)
            .map(|&i| &summaries[i])
            .collect(),
    })
}

/// The `topics` taxonomy with its [`TOPICS`] most used terms, in alphabetical order.
pub fn topics<'a>(site: &'a Site, lang: &str) -> Option<TaxonomyView<'a>> {
    let taxonomy = site
        .taxonomies
        .iter()
        .find(|t| t.name == "topics" && (t.lang == lang || !site.config.multilingual()))?;
    if taxonomy.terms.is_empty() {
        return None;
    }
    let mut terms: Vec<_> = taxonomy.terms.iter().collect();
    terms.sort_by_key(|t| std::cmp::Reverse(t.pages.len()));
    terms.truncate(TOPICS);
    terms.sort_by_key(|t| t.name.to_lowercase());
    Some(TaxonomyView {
        terms: terms.into_iter().map(term_view).collect(),
        ..taxonomy_header(taxonomy)
    })
}
