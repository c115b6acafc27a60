//! Languages of a multilingual hub: which language a file is written in, where its translation
//! is published, and which files are translations of each other.
//!
//! A translation is marked by a file-name suffix (`guides/wells.fr.md`), by a folder per language
//! (`fr/guides/wells.md`, also `en/guides/wells.md` for the default language) or by front-matter
//! `lang`, which wins over both. Every page is then placed on a *virtual path*: the path without
//! its language marker, under `<code>/` for languages other than the default. Sections, URLs and
//! listings are built from virtual paths, so `/fr/guides/` lists exactly the French guides
//! whichever of the two layouts a hub chose.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// A language as hub.yaml declares it: a code, or a code with a name and a direction.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(untagged)]
pub enum DeclaredLanguage {
    /// Just the code (`fr`); name and direction are derived from it.
    Code(String),
    /// A code with its own name (`Français`) and, optionally, direction (`rtl`).
    Full {
        /// BCP 47 code, also the URL prefix (`fr`, `pt-br`, `zh-hans`).
        code: String,
        /// The name readers know it by, written in the language itself.
        #[serde(default)]
        name: Option<String>,
        /// `ltr` or `rtl`.
        #[serde(default)]
        dir: Option<String>,
    },
}

/// One language of the hub, complete.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Language {
    /// BCP 47 code, also the URL prefix for languages other than the default.
    pub code: String,
    /// The language's own name for itself (`Français`, `العربية`).
    pub name: String,
    /// Text direction: `ltr` or `rtl`.
    pub dir: String,
}

/// Scripts written right to left; a language is RTL when its primary subtag is one of these.
const RTL: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "syr", "ug", "ur", "yi",
];

/// Autonyms of common languages, so `languages: [fr, ar]` needs no names.
const NAMES: &[(&str, &str)] = &[
    ("ar", "العربية"),
    ("bg", "Български"),
    ("bn", "বাংলা"),
    ("be", "Беларуская"),
    ("de", "Deutsch"),
    ("el", "Ελληνικά"),
    ("en", "English"),
    ("es", "Español"),
    ("fa", "فارسی"),
    ("fr", "Français"),
    ("ha", "Hausa"),
    ("he", "עברית"),
    ("hi", "हिन्दी"),
    ("hu", "Magyar"),
    ("id", "Bahasa Indonesia"),
    ("it", "Italiano"),
    ("ja", "日本語"),
    ("ko", "한국어"),
    ("ms", "Bahasa Melayu"),
    ("nl", "Nederlands"),
    ("pcm", "Naijá"),
    ("pl", "Polski"),
    ("pt", "Português"),
    ("pt-br", "Português (Brasil)"),
    ("ro", "Română"),
    ("ru", "Русский"),
    ("sa", "संस्कृतम्"),
    ("sw", "Kiswahili"),
    ("ta", "தமிழ்"),
    ("tr", "Türkçe"),
    ("uk", "Українська"),
    ("ur", "اردو"),
    ("vi", "Tiếng Việt"),
    ("yo", "Yorùbá"),
    ("zh", "中文"),
    ("zh-hans", "简体中文"),
    ("zh-hant", "繁體中文"),
];

/// `rtl` for right-to-left scripts, else `ltr`.
pub fn direction(code: &str) -> &'static str {
    let primary = code.split(['-', '_']).next().unwrap_or(code);
    if RTL.iter().any(|r| r.eq_ignore_ascii_case(primary)) {
        "rtl"
    } else {
        "ltr"
    }
}

/// The language's name for itself when known, else its code.
pub fn autonym(code: &str) -> String {
    NAMES
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .map_or_else(|| code.to_string(), |(_, name)| name.to_string())
}

impl DeclaredLanguage {
    /// Completes a declaration with the derived name and direction.
    pub fn complete(&self) -> Result<Language, String> {
        let (code, name, dir) = match self {
            DeclaredLanguage::Code(code) => (code, None, None),
            DeclaredLanguage::Full { code, name, dir } => (code, name.as_ref(), dir.as_ref()),
        };
        let valid = !code.is_empty()
            && code.len() <= 35
            && code
                .split('-')
                .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()));
        if !valid {
            return Err(format!(
                "`{code}` is not a language code: use a BCP 47 code such as `fr`, `pt-br` or `zh-hans`"
            ));
        }
        let dir = match dir.map(String::as_str) {
            None => direction(code).to_string(),
            Some(d @ ("ltr" | "rtl")) => d.to_string(),
            Some(other) => {
                return Err(format!(
                    "language `{code}` has dir `{other}`: write `ltr` or `rtl`"
                ))
            }
        };
        Ok(Language {
            code: code.clone(),
            name: name.cloned().unwrap_or_else(|| autonym(code)),
            dir,
        })
    }
}

/// Where a content file belongs once its language marker is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// The declared language code the file is in (the hub's default when nothing marks it).
    pub lang: String,
    /// The path without its language marker: the same for a page and its translations.
    pub key: String,
    /// `key` under `<code>/` for languages other than the default: where sections and URLs
    /// are derived from.
    pub virtual_rel: String,
}

/// The languages of a hub, in the order of hub.yaml; the first is the default.
#[derive(Debug, Clone)]
pub struct Languages<'a> {
    /// Every language.
    pub all: &'a [Language],
    /// Whether hub.yaml declared `languages` (else language folders and suffixes mean nothing).
    pub declared: bool,
}

impl<'a> Languages<'a> {
    /// The default language.
    pub fn default_code(&self) -> &'a str {
        &self.all[0].code
    }

    /// The declared language with this code (case-insensitive).
    pub fn find(&self, code: &str) -> Option<&'a Language> {
        self.all.iter().find(|l| l.code.eq_ignore_ascii_case(code))
    }

    /// The URL prefix of a language: empty for the default, `fr/` for others.
    pub fn prefix(&self, code: &str) -> String {
        if !self.declared || code == self.default_code() {
            String::new()
        } else {
            format!("{code}/")
        }
    }

    /// Splits a virtual folder (`fr/guides`) into its language and the folder without it.
    pub fn split_virtual<'p>(&self, dir: &'p str) -> (&'a str, &'p str) {
        if self.declared {
            let (first, rest) = dir.split_once('/').unwrap_or((dir, ""));
            if let Some(lang) = self.find(first) {
                if lang.code != self.default_code() {
                    return (&lang.code, rest);
                }
            }
        }
        (self.default_code(), dir)
    }

    /// Places a content file (`rel`, relative to content/) given its front-matter `lang`.
    pub fn place(&self, rel: &str, fm_lang: Option<&str>) -> Placement {
        let mut key = rel.to_string();
        let mut path_lang = None;
        if self.declared {
            if let Some((first, rest)) = rel.split_once('/') {
                if let Some(lang) = self.find(first) {
                    path_lang = Some(lang.code.clone());
                    key = rest.to_string();
                }
            }
            let (dir, name) = match key.rsplit_once('/') {
                Some((dir, name)) => (Some(dir), name),
                None => (None, key.as_str()),
            };
            if let Some((stem, code)) = name
                .strip_suffix(".md")
                .and_then(|base| base.rsplit_once('.'))
            {
                if let Some(lang) = self.find(code).filter(|_| !stem.is_empty()) {
                    path_lang = Some(lang.code.clone());
                    let name = format!("{stem}.md");
                    key = match dir {
                        Some(dir) => format!("{dir}/{name}"),
                        None => name,
                    };
                }
            }
        }
        let lang = if self.declared {
            fm_lang
                .and_then(|code| self.find(code))
                .map(|l| l.code.clone())
                .or_else(|| path_lang.clone())
                .unwrap_or_else(|| self.default_code().to_string())
        } else {
            // A one-language hub takes `lang` as it is: it only labels the page.
            fm_lang.unwrap_or(self.default_code()).to_string()
        };
        let virtual_rel = format!("{}{key}", self.prefix(&lang));
        Placement {
            lang,
            key,
            virtual_rel,
        }
    }
}

/// Links every page and section to its translations (same key, other languages), ordered as
/// the languages in hub.yaml.
pub fn link_translations(
    pages: &mut [crate::content::Page],
    sections: &mut [crate::content::Section],
    config: &crate::config::HubConfig,
) {
    let languages = config.languages();
    if !languages.declared {
        return;
    }
    let order = |code: &str| languages.all.iter().position(|l| l.code == code);
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, page) in pages.iter().enumerate() {
        groups.entry(&page.translation_key).or_default().push(i);
    }
    let groups: Vec<Vec<usize>> = groups
        .into_values()
        .filter(|ids| ids.len() > 1)
        .map(|mut ids| {
            ids.sort_by_key(|&i| (order(&pages[i].lang), i));
            ids
        })
        .collect();
    for ids in groups {
        for &i in &ids {
            let lang = &pages[i].lang;
            pages[i].translations = ids
                .iter()
                .copied()
                .filter(|&j| pages[j].lang != *lang)
                .collect();
        }
    }
    let mut by_dir: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, section) in sections.iter().enumerate() {
        let key = match &section.fm.translation_key {
            Some(key) => key.clone(),
            None => languages.split_virtual(&section.dir).1.to_string(),
        };
        by_dir.entry(key).or_default().push(i);
    }
    for mut ids in by_dir.into_values().filter(|ids| ids.len() > 1) {
        ids.sort_by_key(|&i| (order(&sections[i].lang), i));
        for &i in &ids {
            let lang = sections[i].lang.clone();
            sections[i].translations = ids
                .iter()
                .copied()
                .filter(|&j| sections[j].lang != lang)
                .collect();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hub() -> Vec<Language> {
        ["en", "fr", "ar", "zh-hans"]
            .iter()
            .map(|c| DeclaredLanguage::Code(c.to_string()).complete().unwrap())
            .collect()
    }

    #[test]
    fn suffix_and_folder_layouts_place_alike() {
        let all = hub();
        let langs = Languages {
            all: &all,
            declared: true,
        };
        let by_suffix = langs.place("guides/wells.fr.md", None);
        let by_folder = langs.place("fr/guides/wells.md", None);
        assert_eq!(by_suffix.virtual_rel, "fr/guides/wells.md");
        assert_eq!(by_suffix, by_folder);
        assert_eq!(by_suffix.key, "guides/wells.md");
        let default = langs.place("en/guides/wells.md", None);
        assert_eq!(default.virtual_rel, "guides/wells.md");
        assert_eq!(default.lang, "en");
        let bundle = langs.place("guides/wells/index.zh-hans.md", None);
        assert_eq!(bundle.virtual_rel, "zh-hans/guides/wells/index.md");
    }

    #[test]
    fn front_matter_lang_wins() {
        let all = hub();
        let langs = Languages {
            all: &all,
            declared: true,
        };
        let placed = langs.place("fr/wells.md", Some("ar"));
        assert_eq!(placed.lang, "ar");
        assert_eq!(placed.virtual_rel, "ar/wells.md");
        assert_eq!(placed.key, "wells.md", "the folder's marker is still read");
        // An undeclared code cannot move a page; the path decides.
        assert_eq!(langs.place("fr/wells.md", Some("xx")).lang, "fr");
    }

    #[test]
    fn single_language_hubs_read_no_markers() {
        let all = hub();
        let langs = Languages {
            all: &all[..1],
            declared: false,
        };
        let placed = langs.place("fr/wells.fr.md", Some("fr"));
        assert_eq!(placed.virtual_rel, "fr/wells.fr.md");
        assert_eq!(placed.lang, "fr");
    }

    #[test]
    fn directions_and_names_are_derived() {
        assert_eq!(direction("ar"), "rtl");
        assert_eq!(direction("fa-IR"), "rtl");
        assert_eq!(direction("fr"), "ltr");
        assert_eq!(autonym("sw"), "Kiswahili");
        assert!(DeclaredLanguage::Code("../x".into()).complete().is_err());
        let full = DeclaredLanguage::Full {
            code: "xx".into(),
            name: Some("Ex".into()),
            dir: Some("sideways".into()),
        };
        assert!(full.complete().is_err());
    }
}
