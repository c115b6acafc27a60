//! Themes: the default theme embedded in the binary, overridden file by file by the hub's
//! `themes/<name>/` and `templates/` folders.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use walkdir::WalkDir;

use crate::config::HubConfig;
use crate::diagnostic::Diagnostic;
use crate::load::is_ignored_name;

/// The repository's `themes/default/`, compiled in so a hub needs no theme folder.
static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Static files of the theme that exist only for offline reading (`offline: true`).
pub const OFFLINE_FILES: &[&str] = &["offline.js", "sw.js"];

/// Where a theme file comes from.
#[derive(Debug, Clone)]
pub enum ThemeFile {
    /// Compiled into the binary.
    Embedded(&'static [u8]),
    /// A file of the hub.
    Disk(PathBuf),
}

/// A theme resolved for one hub: every template and static file, with overrides applied.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Template name (`page.html`, `types/guide.html`) → its text and the file it came from.
    pub templates: BTreeMap<String, (String, PathBuf)>,
    /// Output path → the theme's static file (CSS, scripts, icons).
    pub static_files: BTreeMap<String, ThemeFile>,
    /// Interface strings from the layered `i18n/` folders.
    pub strings: crate::i18n::Strings,
}

impl Theme {
    /// Resolves the theme named in hub.yaml for the hub at `root`.
    pub fn load(root: &Path, config: &HubConfig) -> Result<Theme, Diagnostic> {
        let mut theme = Theme {
            strings: crate::i18n::Strings::new(&config.language),
            ..Theme::default()
        };
        add_embedded(&DEFAULT_THEME, &mut theme)?;
        let theme_dir = root.join("themes").join(&config.theme);
        if theme_dir.is_dir() {
            add_disk(&theme_dir.join("templates"), root, &mut theme, true)?;
            add_disk(&theme_dir.join("static"), root, &mut theme, false)?;
            add_strings(&theme_dir.join("i18n"), root, &mut theme)?;
        } else if config.theme != "default" {
            return Err(Diagnostic::error("hub.yaml", 0, 0, "theme-missing")
                .message(format!(
                    "the theme `{}` is not in themes/{}/",
                    config.theme, config.theme
                ))
                .hint("remove `theme:` to use the default theme, or add the theme's folder"));
        }
        add_disk(&root.join("templates"), root, &mut theme, true)?;
        add_strings(&root.join("i18n"), root, &mut theme)?;
        if !config.offline {
            // Offline reading is opt-in: without it, its scripts are not published at all.
            for name in OFFLINE_FILES {
                theme.static_files.remove(*name);
            }
        }
        Ok(theme)
    }

    /// The templates that rendering `name` reads: itself and, recursively, every template it
    /// extends, includes or imports macros from, each once, in the order found.
    pub fn template_closure<'a>(&'a self, name: &'a str) -> Vec<&'a str> {
        let mut found: Vec<&str> = vec![name];
        let mut next = 0;
        while let Some(&current) = found.get(next) {
            next += 1;
            if let Some((text, _)) = self.templates.get(current) {
                for used in used_templates(text) {
                    if !found.contains(&used) {
                        found.push(used);
                    }
                }
            }
        }
        found
    }
}

/// The templates a template's text names in its `extends`, `include` and `import` tags (tera
/// takes only literal names there, so reading the tags finds them all).
fn used_templates(text: &str) -> Vec<&str> {
    let mut used = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{%") {
        rest = &rest[start + 2..];
        let end = rest.find("%}").unwrap_or(rest.len());
        let tag = rest[..end].trim_start_matches('-').trim_start();
        rest = &rest[end..];
        let Some(keyword) = ["extends", "include", "import"]
            .into_iter()
            .find(|k| tag.starts_with(k))
        else {
            continue;
        };
        let mut args = &tag[keyword.len()..];
        // `import "macros.html" as m` names one template; `include ["a", "b"]` several.
        while let Some(open) = args.find(['"', '\'']) {
            let quote = args.as_bytes()[open] as char;
            let after = &args[open + 1..];
            let Some(close) = after.find(quote) else {
                break;
            };
            used.push(&after[..close]);
            args = &after[close + 1..];
            if keyword != "include" {
                break;
            }
        }
    }
    used
}

fn add_embedded(dir: &'static Dir<'static>, theme: &mut Theme) -> Result<(), Diagnostic> {
    for entry in dir.entries() {
        if let Some(sub) = entry.as_dir() {
            add_embedded(sub, theme)?;
        } else if let Some(file) = entry.as_file() {
            let path = file.path().to_string_lossy().replace('\\', "/");
            if let Some(code) = path
                .strip_prefix("i18n/")
                .and_then(|name| name.strip_suffix(".yaml"))
            {
                let text = String::from_utf8_lossy(file.contents());
                let shown = PathBuf::from("<default theme>").join(&path);
                theme.strings.add_file(code, &text, &shown)?;
            } else if let Some(name) = path.strip_prefix("templates/") {
                let text = String::from_utf8_lossy(file.contents()).into_owned();
                theme.templates.insert(
                    name.to_string(),
                    (text, PathBuf::from("<default theme>").join(&path)),
                );
            } else if let Some(name) = path.strip_prefix("static/") {
                theme
                    .static_files
                    .insert(name.to_string(), ThemeFile::Embedded(file.contents()));
            }
        }
    }
    Ok(())
}

/// Reads `DIR/<code>.yaml` interface strings over those already loaded.
fn add_strings(dir: &Path, root: &Path, theme: &mut Theme) -> Result<(), Diagnostic> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    files.sort();
    for path in files {
        let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        let Some(code) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let text = std::fs::read_to_string(&path).map_err(|err| {
            Diagnostic::error(&shown, 0, 0, "unreadable-file")
                .message(format!("cannot read the interface strings: {err}"))
                .hint("i18n files must be UTF-8 text files")
        })?;
        theme.strings.add_file(code, &text, &shown)?;
    }
    Ok(())
}

fn add_disk(dir: &Path, root: &Path, theme: &mut Theme, templates: bool) -> Result<(), Diagnostic> {
    if !dir.is_dir() {
        return Ok(());
    }
    let walker = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_str().is_some_and(is_ignored_name));
    for entry in walker.filter_map(Result::ok) {
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let name = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let shown = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        if templates {
            let text = std::fs::read_to_string(entry.path()).map_err(|err| {
                Diagnostic::error(&shown, 0, 0, "unreadable-file")
                    .message(format!("cannot read the template: {err}"))
                    .hint("templates must be UTF-8 text files")
            })?;
            theme.templates.insert(name, (text, shown));
        } else {
            theme
                .static_files
                .insert(name, ThemeFile::Disk(entry.path().to_path_buf()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_theme_has_every_required_template() {
        let theme = Theme::load(Path::new("/nonexistent"), &HubConfig::default()).unwrap();
        for name in [
            "base.html",
            "index.html",
            "section.html",
            "page.html",
            "taxonomy_list.html",
            "taxonomy_term.html",
            "404.html",
        ] {
            assert!(theme.templates.contains_key(name), "{name}");
        }
    }

    #[test]
    fn hub_templates_override_file_by_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/404.html"), "custom").unwrap();
        let theme = Theme::load(dir.path(), &HubConfig::default()).unwrap();
        assert_eq!(theme.templates["404.html"].0, "custom");
        assert!(theme.templates["page.html"]
            .1
            .starts_with("<default theme>"));
    }

    #[test]
    fn closure_follows_extends_include_and_import() {
        let mut theme = Theme::default();
        let mut add = |name: &str, text: &str| {
            theme
                .templates
                .insert(name.into(), (text.into(), PathBuf::from(name)));
        };
        add(
            "base.html",
            "{% include \"partials/head.html\" %}{% block main %}{% endblock %}",
        );
        add(
            "partials/head.html",
            "{%- import 'macros.html' as m -%}<head>",
        );
        add("macros.html", "{% macro x() %}{% endmacro %}");
        add(
            "page.html",
            "{% extends \"base.html\" %}{% include [\"a.html\", \"b.html\"] ignore missing %}",
        );
        add("b.html", "{{ page.title }}");
        add("unrelated.html", "{% include \"macros.html\" %}");
        assert_eq!(
            theme.template_closure("page.html"),
            [
                "page.html",
                "base.html",
                "a.html",
                "b.html",
                "partials/head.html",
                "macros.html"
            ]
        );
        assert_eq!(theme.template_closure("b.html"), ["b.html"]);
    }
}
