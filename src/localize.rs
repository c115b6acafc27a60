//! What templates need to show a page in its language: the hub as that language sees it (menu,
//! home, search page), and the links to the same page in the hub's other languages (the language
//! switcher, `hreflang` alternates in the head and in the sitemap).

use std::collections::HashMap;

use serde::Serialize;

use crate::site::Site;

/// The same page in one language, for the switcher and `<link rel="alternate" hreflang>`.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageLink<'a> {
    /// BCP 47 code.
    pub code: &'a str,
    /// The language's own name.
    pub name: &'a str,
    /// `ltr` or `rtl`.
    pub dir: &'a str,
    /// Root-relative URL: the same page in that language, or that language's home.
    pub url: String,
    /// Full URL (with the base URL's origin), for `hreflang` links.
    pub href: String,
    /// Whether this is the language being read.
    pub current: bool,
    /// Whether `url` is this very page translated (else it is the language's home).
    pub translated: bool,
}

/// Language homes and search pages, computed once per build.
#[derive(Debug)]
pub struct Localizer<'a> {
    site: &'a Site,
    /// Language code → URL of its home, for every language with published content.
    homes: HashMap<&'a str, &'a str>,
}

impl<'a> Localizer<'a> {
    /// Finds each language's home.
    pub fn new(site: &'a Site) -> Localizer<'a> {
        let homes = site
            .sections
            .iter()
            .filter(|s| s.home)
            .map(|s| (s.lang.as_str(), s.url.as_str()))
            .collect();
        Localizer { site, homes }
    }

    /// Whether the hub publishes in more than one language (else no switcher, no alternates).
    pub fn multilingual(&self) -> bool {
        self.site.config.multilingual() && self.homes.len() > 1
    }

    /// The languages that have content, in the order of hub.yaml.
    pub fn languages(&self) -> impl Iterator<Item = &'a crate::languages::Language> + '_ {
        self.site
            .config
            .languages
            .iter()
            .filter(|l| self.homes.contains_key(l.code.as_str()))
    }

    /// The home URL of a language (the site's home when the language has none).
    pub fn home(&self, lang: &str) -> &'a str {
        self.homes
            .get(lang)
            .copied()
            .unwrap_or(self.site.sections[0].url.as_str())
    }

    /// A site path (`search/`) inside a language: `/search/`, `/fr/search/`.
    pub fn url_in(&self, lang: &str, path: &str) -> String {
        let prefix = self.site.config.languages().prefix(lang);
        self.site.url(&format!("{prefix}{path}"))
    }

    /// Links to this page in every language; `versions` holds (language, URL) of the versions
    /// that exist, the current one included. Empty on a one-language hub.
    pub fn links(&self, current: &str, versions: &[(&str, &str)]) -> Vec<LanguageLink<'a>> {
        if !self.multilingual() {
            return Vec::new();
        }
        self.languages()
            .map(|language| {
                let code = language.code.as_str();
                let found = versions.iter().find(|(lang, _)| *lang == code);
                let url = found.map_or_else(|| self.home(code).to_string(), |(_, u)| u.to_string());
                LanguageLink {
                    code,
                    name: &language.name,
                    dir: &language.dir,
                    href: self.site.permalink(&url),
                    url,
                    current: code == current,
                    translated: found.is_some(),
                }
            })
            .collect()
    }

    /// (language, URL) of a page and its translations.
    pub fn page_versions(&self, id: usize) -> Vec<(&'a str, &'a str)> {
        let pages = &self.site.pages;
        std::iter::once(id)
            .chain(pages[id].translations.iter().copied())
            .map(|i| (pages[i].lang.as_str(), pages[i].url.as_str()))
            .collect()
    }

    /// (language, URL) of a section and its translations.
    pub fn section_versions(&self, i: usize) -> Vec<(&'a str, &'a str)> {
        let sections = &self.site.sections;
        std::iter::once(i)
            .chain(sections[i].translations.iter().copied())
            .map(|j| (sections[j].lang.as_str(), sections[j].url.as_str()))
            .collect()
    }

    /// (language, URL) of a taxonomy's list page, or of one of its terms, in every language.
    pub fn taxonomy_versions(&self, t: usize, term: Option<usize>) -> Vec<(&'a str, &'a str)> {
        let taxonomies = &self.site.taxonomies;
        let name = &taxonomies[t].name;
        let slug = term.map(|i| taxonomies[t].terms[i].slug.as_str());
        taxonomies
            .iter()
            .filter(|other| other.name == *name)
            .filter_map(|other| match slug {
                None => Some((other.lang.as_str(), other.url.as_str())),
                Some(slug) => other
                    .terms
                    .iter()
                    .find(|t| t.slug == slug)
                    .map(|t| (other.lang.as_str(), t.url.as_str())),
            })
            .collect()
    }

    /// The `hreflang` alternates of a URL for the sitemap: every version and `x-default`.
    pub fn alternates(&self, versions: &[(&str, &str)]) -> Vec<(String, String)> {
        if !self.multilingual() || versions.len() < 2 {
            return Vec::new();
        }
        let mut out: Vec<(String, String)> = versions
            .iter()
            .map(|(lang, url)| (lang.to_string(), self.site.permalink(url)))
            .collect();
        let default = &self.site.config.language;
        if let Some((_, url)) = versions.iter().find(|(lang, _)| lang == default) {
            out.push(("x-default".into(), self.site.permalink(url)));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_language_hubs_get_no_links() {
        let config = crate::config::HubConfig::parse("title: x\n").unwrap();
        let (site, _) = crate::site::assemble(
            config,
            &[],
            Vec::new(),
            &[],
            &Default::default(),
            std::path::Path::new("content"),
        );
        let localizer = Localizer::new(&site);
        assert!(!localizer.multilingual());
        assert!(localizer.links("en", &[("en", "/")]).is_empty());
        assert_eq!(localizer.url_in("en", "search/"), "/search/");
    }
}
