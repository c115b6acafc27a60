//! Interface strings of the theme in the reader's language ("Search", "Read more", "Page 2
//! of 5"), from `i18n/<code>.yaml` files, and the `t` template function that looks them up.
//!
//! Files are layered key by key: the default theme's, then the hub's theme's, then the hub's own
//! `i18n/` folder, so a hub can change one string or add a language without copying the rest.
//! A string missing in a language falls back to its base language (`pt` for `pt-br`), then to
//! the hub's default language, then to English, so a page never shows an empty label.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use serde_json::Value;

use crate::diagnostic::Diagnostic;

/// The keys `search.js` uses, so they travel with every page that has the search box.
pub const CLIENT_KEYS: &[&str] = &[
    "search_results",
    "search_result_one",
    "search_result_other",
    "search_close_spellings",
    "search_no_results",
    "search_unavailable",
    "search_all_results",
    "search_facet_type",
    "search_facet_topic",
    "search_facet_region",
    "search_facet_year",
    "search_facet_language",
    "search_all_languages",
    "search_facet_all",
    "search_facet_none",
];

/// Every interface string, by language code and key.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    by_lang: HashMap<String, HashMap<String, String>>,
    default: String,
}

impl Strings {
    /// Starts empty, with the hub's default language to fall back to.
    pub fn new(default: &str) -> Strings {
        Strings {
            by_lang: HashMap::new(),
            default: default.to_lowercase(),
        }
    }

    /// Adds the strings of one `i18n/<code>.yaml` file over those already there.
    pub fn add_file(&mut self, code: &str, text: &str, shown: &Path) -> Result<(), Diagnostic> {
        let text = text.trim_start_matches('\u{feff}');
        let map: BTreeMap<String, String> = if text.trim().is_empty() {
            BTreeMap::new()
        } else {
            serde_yaml::from_str(text).map_err(|err| {
                crate::config::yaml_diagnostic(shown, &err, 0)
                    .hint("an i18n file is a list of `key: text` lines, e.g. `search: Rechercher`")
            })?
        };
        self.by_lang
            .entry(code.to_lowercase())
            .or_default()
            .extend(map);
        Ok(())
    }

    /// The string `key` in `lang`, falling back as the module says; the key itself when no
    /// language has it (so a typo in a template shows up on the page rather than as a blank).
    pub fn get<'a>(&'a self, lang: &str, key: &'a str) -> &'a str {
        self.lookup(lang, key).unwrap_or(key)
    }

    /// The string `key` in `lang` with the same fallbacks, or `None` when no language has it.
    pub fn lookup(&self, lang: &str, key: &str) -> Option<&str> {
        let lang = lang.to_lowercase();
        let base = lang.split('-').next().unwrap_or(&lang).to_string();
        [lang.as_str(), base.as_str(), self.default.as_str(), "en"]
            .iter()
            .find_map(|code| self.by_lang.get(*code).and_then(|m| m.get(key)))
            .map(String::as_str)
    }

    /// A day in words (`14 March 2025`, `14 de marzo de 2025`), from `date_format` and
    /// `month_1` … `month_12`; chrono's English form when the strings lack them.
    pub fn day(&self, lang: &str, day: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let month = format!("month_{}", day.month());
        match (self.lookup(lang, "date_format"), self.lookup(lang, &month)) {
            (Some(format), Some(month)) => format
                .replace("{day}", &day.day().to_string())
                .replace("{month}", month)
                .replace("{year}", &day.year().to_string()),
            _ => day.format("%-d %B %Y").to_string(),
        }
    }

    /// The strings of the search client in `lang`, as the JSON object `search.js` reads from
    /// its script tag (`search_result_one` is given as `result_one`).
    /// `languages` names the search indexes in the language filter (`fr` → `Français`).
    pub fn client_json(&self, lang: &str, languages: &[crate::languages::Language]) -> String {
        let mut map: serde_json::Map<String, Value> = CLIENT_KEYS
            .iter()
            .map(|key| {
                (
                    key["search_".len()..].to_string(),
                    Value::from(self.get(lang, key)),
                )
            })
            .collect();
        if languages.len() > 1 {
            let names: serde_json::Map<String, Value> = languages
                .iter()
                .map(|l| (l.code.to_lowercase(), Value::from(l.name.as_str())))
                .collect();
            map.insert("langs".into(), Value::Object(names));
        }
        Value::Object(map).to_string()
    }
}

/// The `t` template function: `{{ t(key="search", lang=lang) }}`; any other argument fills the
/// placeholder of its name (`t(key="page_of", lang=lang, n=2, total=5)` with `Page {n} of {total}`).
pub struct Translate(pub Arc<Strings>);

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let key = args
            .get("key")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("t needs `key=\"…\"`"))?;
        let lang = args
            .get("lang")
            .and_then(Value::as_str)
            .unwrap_or(&self.0.default);
        let mut text = self.0.get(lang, key).to_string();
        for (name, value) in args {
            if name == "key" || name == "lang" {
                continue;
            }
            let value = match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            text = text.replace(&format!("{{{name}}}"), &value);
        }
        Ok(Value::String(text))
    }

    fn is_safe(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings() -> Strings {
        let mut s = Strings::new("en");
        s.add_file(
            "en",
            "search: Search\npage_of: Page {n} of {total}\nhome: Home\n",
            Path::new("en.yaml"),
        )
        .unwrap();
        s.add_file("fr", "search: Rechercher\n", Path::new("fr.yaml"))
            .unwrap();
        s.add_file("pt", "home: Início\n", Path::new("pt.yaml"))
            .unwrap();
        s
    }

    #[test]
    fn missing_strings_fall_back() {
        let s = strings();
        assert_eq!(s.get("fr", "search"), "Rechercher");
        assert_eq!(s.get("fr", "home"), "Home");
        assert_eq!(s.get("pt-BR", "home"), "Início");
        assert_eq!(s.get("xx", "search"), "Search");
        assert_eq!(s.get("fr", "no-such-key"), "no-such-key");
    }

    #[test]
    fn days_are_written_in_the_language() {
        let mut s = strings();
        s.add_file(
            "es",
            "date_format: \"{day} de {month} de {year}\"\nmonth_3: marzo\n",
            Path::new("es.yaml"),
        )
        .unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2025, 3, 14).unwrap();
        assert_eq!(s.day("es", day), "14 de marzo de 2025");
        assert_eq!(s.day("fr", day), "14 March 2025");
    }

    #[test]
    fn the_function_fills_placeholders() {
        let t = Translate(Arc::new(strings()));
        let args: HashMap<String, Value> = [
            ("key".to_string(), Value::from("page_of")),
            ("lang".to_string(), Value::from("fr")),
            ("n".to_string(), Value::from(2)),
            ("total".to_string(), Value::from(5)),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            tera::Function::call(&t, &args).unwrap(),
            Value::from("Page 2 of 5")
        );
    }

    #[test]
    fn bad_yaml_is_located() {
        let mut s = Strings::new("en");
        let err = s
            .add_file("fr", "search: [unclosed\n", Path::new("i18n/fr.yaml"))
            .unwrap_err();
        assert!(err.file.ends_with("fr.yaml"));
    }
}
