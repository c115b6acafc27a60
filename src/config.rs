//! `hub.yaml`: the hub's configuration, with a sensible default for every key.
//!
//! Unknown keys are an error naming the key and its line, because a misspelt key that is
//! silently ignored (`paginte_by`) is worse than a build that stops and says so.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;

/// The file name of a hub's configuration.
pub const CONFIG_FILE: &str = "hub.yaml";

/// A hub's configuration, as read from `hub.yaml` and completed with defaults.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct HubConfig {
    /// The hub's name, shown in every page's header.
    pub title: String,
    /// One or two sentences on the community, used in meta descriptions.
    pub description: String,
    /// Where the site is published, e.g. `https://cop.example.org/` or `/hub/`.
    pub base_url: String,
    /// The default language of content (BCP 47 code); with `languages`, the first of them.
    pub language: String,
    /// The languages of a multilingual hub as written in hub.yaml; the first is the default.
    #[serde(rename = "languages")]
    pub declared_languages: Vec<crate::languages::DeclaredLanguage>,
    /// Every language, complete: the declared ones, or just `language`.
    #[serde(skip)]
    pub languages: Vec<crate::languages::Language>,
    /// The theme: the embedded default, or a folder under `themes/`.
    pub theme: String,
    /// The content folder, relative to the hub root.
    pub content_dir: PathBuf,
    /// Content types as written in hub.yaml, before merging with the built-in ones.
    #[serde(rename = "types")]
    pub declared_types: BTreeMap<String, DeclaredType>,
    /// Content types: the built-in ones with hub.yaml's additions and changes.
    #[serde(skip)]
    pub types: BTreeMap<String, TypeConfig>,
    /// The taxonomies to build term pages for.
    pub taxonomies: Vec<String>,
    /// Controlled vocabularies, by taxonomy (`topics`, `regions`).
    pub vocabularies: BTreeMap<String, Vec<VocabularyTerm>>,
    /// Items per listing page.
    pub paginate_by: usize,
    /// How many of the latest items of each type the home page shows.
    pub home_latest: usize,
    /// Whether raw HTML in contributor Markdown is sanitized.
    pub sanitize_html: bool,
    /// Whether to build the search index and its browser export.
    pub search: bool,
    /// Navigation links; by default the sections that have content.
    pub menu: Option<Vec<MenuLink>>,
    /// Largest size in bytes of a resource file before `check` warns (0: no limit).
    pub max_resource_size: u64,
    /// Take each page's last-updated date from git history when it has no `updated`.
    pub git_dates: bool,
    /// Offline reading: a service worker, a "save for offline" button and an offline page.
    pub offline: bool,
    /// Largest compressed weight of a page (HTML, CSS and JavaScript) in kB before the build warns (0: no check).
    pub page_budget_kb: u64,
    /// Publish the community pulse (`/community/`) from the hub's git history.
    pub pulse: bool,
    /// Free data for templates (`hub.extra`).
    pub extra: BTreeMap<String, serde_yaml::Value>,
}

impl Default for HubConfig {
    fn default() -> Self {
        HubConfig {
            title: "Praxis hub".into(),
            description: String::new(),
            base_url: "/".into(),
            language: "en".into(),
            declared_languages: Vec::new(),
            languages: vec![crate::languages::Language {
                code: "en".into(),
                name: "English".into(),
                dir: "ltr".into(),
            }],
            theme: "default".into(),
            content_dir: PathBuf::from("content"),
            declared_types: BTreeMap::new(),
            types: BTreeMap::new(),
            taxonomies: ["topics", "regions", "tags", "authors"]
                .into_iter()
                .map(String::from)
                .collect(),
            vocabularies: BTreeMap::new(),
            paginate_by: 20,
            home_latest: 3,
            sanitize_html: true,
            search: true,
            menu: None,
            max_resource_size: 20 * 1024 * 1024,
            git_dates: false,
            offline: false,
            page_budget_kb: 30,
            pulse: true,
            extra: BTreeMap::new(),
        }
    }
}

/// A content type as hub.yaml declares it: every key optional, so a hub can change one thing
/// about a built-in type without restating the rest.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DeclaredType {
    /// The section folder under `content/`.
    pub section: Option<String>,
    /// Whether items need a `date`.
    pub dated: Option<bool>,
    /// Singular label.
    pub name: Option<String>,
    /// Plural label.
    pub plural: Option<String>,
    /// Built-in fields this type requires besides title (and date for dated types).
    #[serde(default)]
    pub required: Vec<String>,
    /// The type's own fields.
    #[serde(default)]
    pub fields: BTreeMap<String, FieldSpec>,
}

/// One content type: where its files live, how it is labelled and what its front-matter holds.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TypeConfig {
    /// The section folder under `content/`; empty for top-level pages.
    pub section: String,
    /// Whether items need a `date`.
    pub dated: bool,
    /// Singular label, e.g. "Guide".
    pub name: String,
    /// Plural label, e.g. "Guides".
    pub plural: String,
    /// Built-in fields this type requires besides title (and date for dated types).
    pub required: Vec<String>,
    /// The type's own fields, kept in `page.extra`.
    pub fields: BTreeMap<String, FieldSpec>,
}

/// A field a hub adds to a content type.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// The kind of value.
    #[serde(rename = "type", default)]
    pub kind: FieldKind,
    /// Whether every item of the type must have it.
    #[serde(default)]
    pub required: bool,
    /// The allowed values, when the field is a choice.
    #[serde(default)]
    pub values: Vec<String>,
    /// What the field means, for contributors and editors.
    #[serde(default)]
    pub description: String,
}

/// The kinds of value a field can hold.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    /// Any text.
    #[default]
    Text,
    /// `YYYY-MM-DD` or RFC 3339.
    Date,
    /// RFC 3339 date and time.
    Datetime,
    /// A list of text items.
    List,
    /// true or false.
    Bool,
    /// A whole number.
    Integer,
    /// A web address.
    Url,
}

/// An entry of a controlled vocabulary: an id, or an id with a display name.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(untagged)]
pub enum VocabularyTerm {
    /// Just the id; the name is derived from it.
    Id(String),
    /// An id with a display name and an optional description.
    Full {
        /// The slug used in front-matter and URLs.
        id: String,
        /// The display name.
        name: String,
        /// A sentence shown on the term's page.
        #[serde(default)]
        description: String,
        /// The name in other languages, by language code (`fr: Qualité de l'eau`).
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        names: BTreeMap<String, String>,
        /// The description in other languages, by language code.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        descriptions: BTreeMap<String, String>,
    },
}

impl VocabularyTerm {
    /// The term's id.
    pub fn id(&self) -> &str {
        match self {
            VocabularyTerm::Id(id) => id,
            VocabularyTerm::Full { id, .. } => id,
        }
    }
}

/// A navigation link.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MenuLink {
    /// The link text.
    pub title: String,
    /// A site path (`/guides/`) or a full URL.
    pub url: String,
    /// The link text in other languages, by language code (`fr: À propos`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub titles: BTreeMap<String, String>,
}

/// The built-in content types: (type, section, dated, singular, plural).
const BUILTIN_TYPES: &[(&str, &str, bool, &str, &str)] = &[
    ("guide", "guides", false, "Guide", "Guides"),
    ("story", "stories", true, "Story", "Stories"),
    ("report", "reports", true, "Report", "Reports"),
    ("webinar", "webinars", true, "Webinar", "Webinars"),
    ("article", "articles", true, "Article", "Articles"),
    (
        "presentation",
        "presentations",
        true,
        "Presentation",
        "Presentations",
    ),
    (
        "roundtable",
        "roundtables",
        true,
        "Roundtable",
        "Roundtables",
    ),
    ("event", "events", true, "Event", "Events"),
    ("member", "members", false, "Member", "Members"),
    ("page", "", false, "Page", "Pages"),
];

impl HubConfig {
    /// Reads `ROOT/hub.yaml`; a missing file is an error, an empty one means all defaults.
    pub fn load(root: &Path) -> Result<HubConfig, Diagnostic> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|err| {
            Diagnostic::error(CONFIG_FILE, 0, 0, "config-missing")
                .message(format!("cannot read {}: {err}", path.display()))
                .hint("run praxis in a hub's root folder, pass --root DIR, or create a hub with `praxis init DIR`")
        })?;
        Self::parse(&text)
    }

    /// Parses the text of a `hub.yaml`.
    pub fn parse(text: &str) -> Result<HubConfig, Diagnostic> {
        let text = text.trim_start_matches('\u{feff}');
        let mut config: HubConfig = if text.trim().is_empty() {
            HubConfig::default()
        } else {
            serde_yaml::from_str(text).map_err(|err| yaml_diagnostic(CONFIG_FILE, &err, 0))?
        };
        config.complete()?;
        Ok(config)
    }

    /// Fills in built-in types and derived labels, and checks values serde cannot.
    fn complete(&mut self) -> Result<(), Diagnostic> {
        let mut types = BTreeMap::new();
        for &(name, section, dated, singular, plural) in BUILTIN_TYPES {
            types.insert(
                name.to_string(),
                TypeConfig {
                    section: section.into(),
                    dated,
                    name: singular.into(),
                    plural: plural.into(),
                    required: Vec::new(),
                    fields: BTreeMap::new(),
                },
            );
        }
        for (name, declared) in &self.declared_types {
            let base = types.remove(name);
            let label = declared
                .name
                .clone()
                .or_else(|| base.as_ref().map(|b| b.name.clone()))
                .unwrap_or_else(|| title_case(name));
            let ty = TypeConfig {
                section: declared
                    .section
                    .clone()
                    .or_else(|| base.as_ref().map(|b| b.section.clone()))
                    .unwrap_or_else(|| format!("{name}s")),
                dated: declared
                    .dated
                    .or(base.as_ref().map(|b| b.dated))
                    .unwrap_or(false),
                plural: declared
                    .plural
                    .clone()
                    .or_else(|| {
                        base.as_ref()
                            .filter(|_| declared.name.is_none())
                            .map(|b| b.plural.clone())
                    })
                    .unwrap_or_else(|| format!("{label}s")),
                name: label,
                required: declared.required.clone(),
                fields: declared.fields.clone(),
            };
            if ty.section.contains(['/', '\\']) || ty.section.starts_with('.') {
                return Err(Diagnostic::error(CONFIG_FILE, 0, 0, "config-invalid")
                    .message(format!(
                        "type `{name}` has section `{}`, which is not a single folder name",
                        ty.section
                    ))
                    .hint("a type's section is one folder directly under content/, e.g. `section: toolkits`"));
            }
            types.insert(name.clone(), ty);
        }
        self.types = types;
        if self.paginate_by == 0 {
            return Err(Diagnostic::error(CONFIG_FILE, 0, 0, "config-invalid")
                .message("paginate_by must be at least 1")
                .hint("set paginate_by to the number of items per listing page, e.g. 20"));
        }
        if !self.base_url.ends_with('/') {
            self.base_url.push('/');
        }
        self.complete_languages()
    }

    fn complete_languages(&mut self) -> Result<(), Diagnostic> {
        let invalid = |message: String| {
            Diagnostic::error(CONFIG_FILE, 0, 0, "config-invalid")
                .message(message)
                .hint("write `languages:` as a list of codes or of `{ code, name, dir }`, the default language first")
        };
        let declared = if self.declared_languages.is_empty() {
            vec![crate::languages::DeclaredLanguage::Code(
                self.language.clone(),
            )]
        } else {
            self.declared_languages.clone()
        };
        let mut languages: Vec<crate::languages::Language> = Vec::new();
        for language in &declared {
            let language = language.complete().map_err(invalid)?;
            if languages
                .iter()
                .any(|l| l.code.eq_ignore_ascii_case(&language.code))
            {
                return Err(invalid(format!(
                    "the language `{}` is listed twice",
                    language.code
                )));
            }
            languages.push(language);
        }
        self.language = languages[0].code.clone();
        self.languages = languages;
        Ok(())
    }

    /// The hub's languages, for placing files and building URLs.
    pub fn languages(&self) -> crate::languages::Languages<'_> {
        crate::languages::Languages {
            all: &self.languages,
            declared: !self.declared_languages.is_empty(),
        }
    }

    /// Whether the hub publishes more than one language (or declared its languages).
    pub fn multilingual(&self) -> bool {
        !self.declared_languages.is_empty()
    }

    /// The type whose section is this folder, if any.
    pub fn type_for_section(&self, section: &str) -> Option<&str> {
        self.types
            .iter()
            .find(|(_, ty)| ty.section == section)
            .map(|(name, _)| name.as_str())
    }

    /// The path part of the base URL, always starting and ending with `/`.
    pub fn base_path(&self) -> String {
        let after_scheme = match self.base_url.find("://") {
            Some(i) => {
                let rest = &self.base_url[i + 3..];
                rest.find('/').map_or("/", |j| &rest[j..])
            }
            None => self.base_url.as_str(),
        };
        let trimmed = after_scheme.trim_matches('/');
        if trimmed.is_empty() {
            "/".into()
        } else {
            format!("/{trimmed}/")
        }
    }

    /// The vocabulary for a taxonomy, when hub.yaml defines one.
    pub fn vocabulary(&self, taxonomy: &str) -> Option<&[VocabularyTerm]> {
        self.vocabularies.get(taxonomy).map(Vec::as_slice)
    }
}

/// "climate-adaptation" → "Climate adaptation".
pub fn title_case(id: &str) -> String {
    let spaced = id.replace(['-', '_'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Turns a serde_yaml error into a diagnostic; `line_offset` is the number of lines in the
/// file before the YAML text starts (1 for front-matter after its opening `---`).
pub fn yaml_diagnostic(
    file: impl Into<PathBuf>,
    err: &serde_yaml::Error,
    line_offset: usize,
) -> Diagnostic {
    let (line, col) = err
        .location()
        .map_or((0, 0), |loc| (loc.line() + line_offset, loc.column()));
    let raw = err.to_string();
    // serde_yaml appends " at line X column Y", which would contradict our file-based position.
    let message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw,
    };
    let hint = if message.starts_with("unknown field") {
        "remove the key or fix its spelling; the keys are listed in docs/content.md"
    } else if message.contains("mapping values are not allowed") {
        "a value that contains `: ` must be quoted, e.g. title: \"Water: a guide\""
    } else {
        "check the YAML syntax here: indentation, quotes and `key: value` pairs"
    };
    Diagnostic::error(file, line, col, "invalid-yaml")
        .message(message)
        .hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_is_all_defaults_with_builtin_types() {
        let config = HubConfig::parse("").unwrap();
        assert_eq!(config.paginate_by, 20);
        assert!(config.sanitize_html);
        assert_eq!(config.types["story"].section, "stories");
        assert!(config.types["event"].dated);
        assert_eq!(config.type_for_section("guides"), Some("guide"));
    }

    #[test]
    fn unknown_key_names_the_key_and_line() {
        let err = HubConfig::parse("title: A\npaginte_by: 5\n").unwrap_err();
        assert!(err.message.contains("paginte_by"), "{}", err.message);
        assert_eq!(err.line, 2);
    }

    #[test]
    fn custom_type_gets_labels() {
        let config = HubConfig::parse("types:\n  toolkit:\n    section: toolkits\n").unwrap();
        assert_eq!(config.types["toolkit"].name, "Toolkit");
        assert_eq!(config.types["toolkit"].plural, "Toolkits");
    }

    #[test]
    fn changing_a_builtin_type_keeps_the_rest_of_it() {
        let yaml = "types:\n  report:\n    required: [summary]\n    fields:\n      status: {type: text, values: [draft, final]}\n";
        let config = HubConfig::parse(yaml).unwrap();
        let report = &config.types["report"];
        assert_eq!((report.section.as_str(), report.dated), ("reports", true));
        assert_eq!(report.required, ["summary"]);
        assert_eq!(report.fields["status"].values, ["draft", "final"]);
    }

    #[test]
    fn base_path_is_taken_from_the_url() {
        let mut config = HubConfig::parse("base_url: https://x.org/cop").unwrap();
        assert_eq!(config.base_path(), "/cop/");
        config.base_url = "https://x.org/".into();
        assert_eq!(config.base_path(), "/");
    }
}
