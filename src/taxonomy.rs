//! Taxonomies: topics, regions, tags, authors (and any a hub adds) with their terms.

use std::collections::{BTreeMap, HashMap};

use crate::config::{title_case, HubConfig, VocabularyTerm};
use crate::content::{Page, PageId};
use crate::diagnostic::Diagnostic;
use crate::paths::slugify;
use crate::site::sort_pages;

/// One taxonomy and its terms.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// Its name as in hub.yaml (`topics`).
    pub name: String,
    /// Its URL segment.
    pub slug: String,
    /// Root-relative URL of its list page.
    pub url: String,
    /// The language of its pages (a multilingual hub has each taxonomy once per language).
    pub lang: String,
    /// Terms, sorted by name.
    pub terms: Vec<Term>,
}

/// One term of a taxonomy and the pages that carry it.
#[derive(Debug, Clone)]
pub struct Term {
    /// The display name.
    pub name: String,
    /// The URL segment (and the id used in front-matter for controlled vocabularies).
    pub slug: String,
    /// Root-relative URL.
    pub url: String,
    /// A sentence from the vocabulary, if any.
    pub description: String,
    /// Pages with this term, newest first.
    pub pages: Vec<PageId>,
}

/// The values a page gives for a taxonomy.
pub fn page_terms<'a>(page: &'a Page, taxonomy: &str) -> Vec<&'a str> {
    match taxonomy {
        "topics" => page.fm.topics.iter().map(String::as_str).collect(),
        "regions" => page.fm.regions.iter().map(String::as_str).collect(),
        "tags" => page.fm.tags.iter().map(String::as_str).collect(),
        "authors" => page.fm.authors.iter().map(String::as_str).collect(),
        other => match page.fm.extra.get(other) {
            Some(serde_json::Value::Array(items)) => {
                items.iter().filter_map(|v| v.as_str()).collect()
            }
            Some(serde_json::Value::String(s)) => vec![s.as_str()],
            _ => Vec::new(),
        },
    }
}

/// Whether an author string is written like a member id (`amina-okafor`) rather than a name.
pub fn looks_like_member_id(author: &str) -> bool {
    !author.is_empty()
        && author
            .chars()
            .all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// The display name of a term value: a vocabulary's name, a member's name, or the value itself.
pub fn term_name(
    taxonomy: &str,
    value: &str,
    config: &HubConfig,
    pages: &[Page],
    members: &HashMap<String, PageId>,
) -> String {
    if taxonomy == "authors" {
        if let Some(&id) = members.get(value) {
            return pages[id].fm.title.clone();
        }
    }
    if let Some(vocabulary) = config.vocabulary(taxonomy) {
        let slug = slugify(value);
        for term in vocabulary {
            if let VocabularyTerm::Full { id, name, .. } = term {
                if *id == slug {
                    return name.clone();
                }
            }
        }
    }
    if value.contains('-') && looks_like_member_id(value) {
        // An id such as `east-africa` reads best with every word capitalized.
        value
            .split(['-', '_'])
            .filter(|w| !w.is_empty())
            .map(title_case)
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        value.to_string()
    }
}

/// Builds every taxonomy in hub.yaml from the pages, once per language that has pages (the
/// default language's first); warns about terms outside a vocabulary and authors that look like
/// member ids but name no member.
pub fn build(
    config: &HubConfig,
    pages: &[Page],
    members: &HashMap<String, PageId>,
    base_path: &str,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Taxonomy> {
    let languages = config.languages();
    if !languages.declared {
        let all: Vec<PageId> = (0..pages.len()).collect();
        return build_language(config, pages, &all, members, base_path, "", problems);
    }
    let mut out = Vec::new();
    for language in languages.all {
        let ids: Vec<PageId> = (0..pages.len())
            .filter(|&i| pages[i].lang == language.code)
            .collect();
        if ids.is_empty() && language.code != languages.default_code() {
            continue;
        }
        let prefix = languages.prefix(&language.code);
        out.extend(build_language(
            config, pages, &ids, members, base_path, &prefix, problems,
        ));
    }
    out
}

fn build_language(
    config: &HubConfig,
    pages: &[Page],
    ids: &[PageId],
    members: &HashMap<String, PageId>,
    base_path: &str,
    prefix: &str,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Taxonomy> {
    let lang = match prefix {
        "" => config.language.clone(),
        _ => prefix.trim_end_matches('/').to_string(),
    };
    let mut out = Vec::new();
    for name in &config.taxonomies {
        let slug = slugify(name);
        let vocabulary = config.vocabulary(name);
        let mut terms: BTreeMap<String, Term> = BTreeMap::new();
        for &id in ids {
            let page = &pages[id];
            for value in page_terms(page, name) {
                let term_slug = slugify(value);
                if term_slug.is_empty() {
                    continue;
                }
                if let Some(vocabulary) = vocabulary {
                    if !vocabulary.iter().any(|t| t.id() == term_slug) {
                        let (line, col) = page.fm.position(name);
                        problems.push(
                            Diagnostic::warning(&page.file, line, col, "unknown-term")
                                .message(format!(
                                    "`{value}` is not in this hub's list of {name}{}",
                                    crate::suggest::did_you_mean(
                                        &term_slug,
                                        vocabulary.iter().map(VocabularyTerm::id)
                                    )
                                ))
                                .hint(format!(
                                    "use one of: {}; or ask a maintainer to add it to hub.yaml",
                                    vocabulary
                                        .iter()
                                        .map(VocabularyTerm::id)
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                )),
                        );
                    }
                }
                if name == "authors" && looks_like_member_id(value) && !members.contains_key(value)
                {
                    let (line, col) = page.fm.position("authors");
                    problems.push(
                        Diagnostic::warning(&page.file, line, col, "unknown-member")
                            .message(format!(
                                "the author `{value}` looks like a member id, but there is no members/{value}.md{}",
                                crate::suggest::did_you_mean(value, members.keys().map(String::as_str))
                            ))
                            .hint("check the spelling of the id, add a member profile, or write the person's full name"),
                    );
                }
                let term = terms.entry(term_slug.clone()).or_insert_with(|| {
                    let (translated, description) = vocabulary_entry(vocabulary, value, &lang);
                    Term {
                        name: translated
                            .unwrap_or_else(|| term_name(name, value, config, pages, members)),
                        url: format!("{base_path}{prefix}{slug}/{term_slug}/"),
                        slug: term_slug,
                        description,
                        pages: Vec::new(),
                    }
                });
                if term.pages.last() != Some(&id) {
                    term.pages.push(id);
                }
            }
        }
        let mut terms: Vec<Term> = terms.into_values().collect();
        for term in &mut terms {
            sort_pages(&mut term.pages, pages, "date");
        }
        terms.sort_by_key(|t| t.name.to_lowercase());
        out.push(Taxonomy {
            name: name.clone(),
            url: format!("{base_path}{prefix}{slug}/"),
            lang: lang.clone(),
            slug,
            terms,
        });
    }
    out
}

/// What the vocabulary says of a term in `lang`: its name there, when hub.yaml gives one, and
/// its description there, else its description (empty when the term is not in a vocabulary).
fn vocabulary_entry(
    vocabulary: Option<&[VocabularyTerm]>,
    value: &str,
    lang: &str,
) -> (Option<String>, String) {
    let slug = slugify(value);
    vocabulary
        .into_iter()
        .flatten()
        .find_map(|term| match term {
            VocabularyTerm::Full {
                id,
                description,
                names,
                descriptions,
                ..
            } if *id == slug => Some((
                names.get(lang).cloned(),
                descriptions.get(lang).unwrap_or(description).clone(),
            )),
            _ => None,
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_ids_are_recognized() {
        assert!(looks_like_member_id("amina-okafor"));
        assert!(!looks_like_member_id("Field team, Kisumu"));
        assert!(!looks_like_member_id("Amina"));
    }
}
