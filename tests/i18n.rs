//! Multilingual hubs through the default theme: each page in its language and direction, the
//! interface strings of that language (with a hub's own strings over the theme's), the language
//! switcher and the `hreflang` alternates; and the theme's own string files: every language
//! complete, every template free of hard-coded English.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::Hub;

/// English, French and Arabic; the wells guide in all three, the pumps guide in English and
/// French only.
fn trilingual() -> Hub {
    let hub = Hub::new();
    hub.write(
        "hub.yaml",
        "title: Fixture hub\nbase_url: https://hub.example.org/\n\
languages: [en, {code: fr, name: Français}, ar]\n",
    );
    hub.write(
        "content/_index.fr.md",
        "---\ntitle: Accueil\n---\nBienvenue.\n",
    );
    hub.write(
        "content/_index.ar.md",
        "---\ntitle: الرئيسية\n---\nمرحبا.\n",
    );
    hub.write(
        "content/guides/wells.md",
        "---\ntitle: Wells\ntopics: [groundwater]\n---\nDig deep.\n",
    );
    hub.write(
        "content/guides/wells.fr.md",
        "---\ntitle: Puits\ntopics: [groundwater]\n---\nCreuser profond.\n",
    );
    hub.write(
        "content/guides/wells.ar.md",
        "---\ntitle: الآبار\ntopics: [groundwater]\n---\nاحفر عميقًا.\n",
    );
    hub.write("content/guides/pumps.md", "---\ntitle: Pumps\n---\nPump.\n");
    hub.write(
        "content/guides/pumps.fr.md",
        "---\ntitle: Pompes\n---\nPomper.\n",
    );
    hub
}

/// The `<head>` of a page.
fn head_of(html: &str) -> &str {
    &html[..html.find("</head>").expect("a head")]
}

/// The language switcher of a page.
fn switcher_of(html: &str) -> &str {
    let start = html
        .find("<nav class=\"languages\"")
        .expect("a language switcher");
    let end = start + html[start..].find("</nav>").unwrap();
    &html[start..end]
}

#[test]
fn each_page_speaks_its_language_in_its_direction() {
    let hub = trilingual();
    hub.build_ok();
    let english = hub.read_out("guides/wells/index.html");
    assert!(english.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(english.contains(">Skip to content</a>"));

    let french = hub.read_out("fr/guides/wells/index.html");
    assert!(
        french.contains("<html lang=\"fr\" dir=\"ltr\">"),
        "{french}"
    );
    assert!(french.contains("<a class=\"skip-link\" href=\"#main\">Aller au contenu</a>"));
    assert!(french.contains("<label for=\"site-search-q\">Rechercher</label>"));
    assert!(french.contains("<button type=\"submit\">Rechercher</button>"));
    assert!(
        french.contains("action=\"/fr/search/\""),
        "the French search page"
    );
    assert!(
        french.contains("<a class=\"brand\" href=\"/fr/\">"),
        "the brand leads to the French home"
    );
    assert!(
        french.contains("<li><a href=\"/fr/\">Accueil</a></li>"),
        "the home crumb, in French, to the French home"
    );
    assert!(!french.contains(">Skip to content<") && !french.contains(">Search<"));

    let arabic = hub.read_out("ar/guides/wells/index.html");
    assert!(
        arabic.contains("<html lang=\"ar\" dir=\"rtl\">"),
        "{arabic}"
    );
    assert!(arabic.contains(">انتقل إلى المحتوى</a>"));
    assert!(arabic.contains("<label for=\"site-search-q\">بحث</label>"));
    assert!(arabic.contains("<li><a href=\"/ar/\">الرئيسية</a></li>"));

    // Every page of a language speaks it: listings, taxonomy pages and search included.
    let topics = hub.read_out("fr/topics/index.html");
    assert!(topics.contains("<h1>Thèmes</h1>"), "{topics}");
    let term = hub.read_out("ar/topics/groundwater/index.html");
    assert!(term.contains("<p class=\"kind\">المواضيع</p>"));
    let search = hub.read_out("fr/search/index.html");
    assert!(search.contains("<html lang=\"fr\" dir=\"ltr\">"));
    assert!(search.contains("<h1>Rechercher</h1>"));
}

#[test]
fn hub_strings_override_the_theme_and_fall_back_to_its_french_then_english() {
    let hub = trilingual();
    hub.write("i18n/fr.yaml", "search: Chercher\n");
    hub.write(
        "i18n/en.yaml",
        "hub_note: Written in English only\nskip_to_content: Skip to content\n",
    );
    // A hub template (listings include it) printing a string only the hub's English file has.
    hub.write(
        "templates/partials/follow.html",
        "<p class=\"note\">{{ t(key=\"hub_note\", lang=lang) }}</p>",
    );
    hub.build_ok();
    let french = hub.read_out("fr/guides/wells/index.html");
    assert!(
        french.contains("<label for=\"site-search-q\">Chercher</label>"),
        "the hub's French wins"
    );
    assert!(
        french.contains(">Aller au contenu</a>"),
        "a string the hub's French lacks comes from the theme's French, not the hub's English"
    );
    let listing = hub.read_out("fr/guides/index.html");
    assert!(
        listing.contains("<p class=\"note\">Written in English only</p>"),
        "a string no French file has falls back to English"
    );
    let arabic = hub.read_out("ar/guides/wells/index.html");
    assert!(arabic.contains("<label for=\"site-search-q\">بحث</label>"));
}

#[test]
fn alternates_link_every_translation_and_the_default_language() {
    let hub = trilingual();
    hub.build_ok();
    let expected = [
        r#"<link rel="alternate" hreflang="en" href="https://hub.example.org/guides/wells/">"#,
        r#"<link rel="alternate" hreflang="x-default" href="https://hub.example.org/guides/wells/">"#,
        r#"<link rel="alternate" hreflang="fr" href="https://hub.example.org/fr/guides/wells/">"#,
        r#"<link rel="alternate" hreflang="ar" href="https://hub.example.org/ar/guides/wells/">"#,
    ];
    for page in [
        "guides/wells/index.html",
        "fr/guides/wells/index.html",
        "ar/guides/wells/index.html",
    ] {
        let html = hub.read_out(page);
        let head = head_of(&html);
        for link in expected {
            assert!(head.contains(link), "{page} lacks {link}:\n{head}");
        }
        assert_eq!(head.matches("hreflang=").count(), 4, "{page}");
    }
    // The pumps guide is not in Arabic: no alternate for it.
    let html = hub.read_out("fr/guides/pumps/index.html");
    let head = head_of(&html);
    assert!(head.contains(
        r#"<link rel="alternate" hreflang="fr" href="https://hub.example.org/fr/guides/pumps/">"#
    ));
    assert!(head.contains(
        r#"<link rel="alternate" hreflang="x-default" href="https://hub.example.org/guides/pumps/">"#
    ));
    assert!(!head.contains("hreflang=\"ar\""), "{head}");
}

#[test]
fn the_switcher_leads_to_translations_or_to_a_language_home() {
    let hub = trilingual();
    hub.build_ok();
    let html = hub.read_out("guides/wells/index.html");
    let switcher = switcher_of(&html);
    assert!(switcher.contains("aria-label=\"Languages\""));
    assert!(switcher.contains(
        r#"<a href="/guides/wells/" hreflang="en" lang="en" aria-current="true">English</a>"#
    ));
    assert!(
        switcher.contains(r#"<a href="/fr/guides/wells/" hreflang="fr" lang="fr">Français</a>"#)
    );
    assert!(switcher
        .contains(r#"<a href="/ar/guides/wells/" hreflang="ar" lang="ar" dir="rtl">العربية</a>"#));
    assert!(!switcher.contains("untranslated"));

    // Not in Arabic: the Arabic link leads to the Arabic home and says so, in Arabic.
    let html = hub.read_out("fr/guides/pumps/index.html");
    let switcher = switcher_of(&html);
    assert!(switcher.contains("aria-label=\"Langues\""));
    assert!(switcher.contains(
        r#"<a href="/fr/guides/pumps/" hreflang="fr" lang="fr" aria-current="true">Français</a>"#
    ));
    assert!(switcher.contains(r#"<a href="/guides/pumps/" hreflang="en" lang="en">English</a>"#));
    let arabic = &switcher[switcher.find("hreflang=\"ar\"").unwrap() - 60..];
    assert!(
        arabic.contains(r#"<a class="untranslated" href="/ar/" hreflang="ar" lang="ar" dir="rtl" title="لم تُترجم بعد"#),
        "{switcher}"
    );
    assert!(arabic.contains("<span class=\"visually-hidden\">"));
    assert_eq!(switcher.matches("aria-current").count(), 1);
}

#[test]
fn one_language_hubs_have_no_switcher_and_no_alternates() {
    let hub = Hub::new();
    hub.write("content/guides/wells.md", "---\ntitle: Wells\n---\nDig.\n");
    hub.build_ok();
    let html = hub.read_out("guides/wells/index.html");
    assert!(html.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(!html.contains("class=\"languages\""));
    assert!(!html.contains("hreflang"));
}

/// The theme's string files: `code` → key → text.
fn theme_strings() -> BTreeMap<String, BTreeMap<String, String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n");
    std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let code = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            let map = serde_yaml::from_str(&text)
                .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            (code, map)
        })
        .collect()
}

/// The `{name}` placeholders of a string.
fn placeholders(text: &str) -> BTreeSet<&str> {
    text.match_indices('{')
        .filter_map(|(i, _)| {
            let rest = &text[i + 1..];
            let end = rest.find('}')?;
            let name = &rest[..end];
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
                .then_some(name)
        })
        .collect()
}

#[test]
fn every_theme_language_has_exactly_the_english_keys_and_placeholders() {
    let strings = theme_strings();
    let english = &strings["en"];
    assert!(english.len() > 100, "{} keys", english.len());
    for code in ["fr", "es", "pt", "ar", "sw"] {
        let other = strings
            .get(code)
            .unwrap_or_else(|| panic!("no {code}.yaml"));
        let missing: Vec<_> = english.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{code}.yaml lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{code}.yaml has keys English lacks: {extra:?}"
        );
        for (key, text) in other {
            assert!(!text.trim().is_empty(), "{code}.yaml: {key} is empty");
            let want = placeholders(&english[key]);
            let have = placeholders(text);
            // A singular may spell its count out ("عنصر واحد"); nothing else drops or adds one.
            let dropped: Vec<_> = want
                .difference(&have)
                .filter(|p| !(key.ends_with("_one") && **p == "n"))
                .collect();
            assert!(dropped.is_empty(), "{code}.yaml: {key} lacks {dropped:?}");
            assert!(
                have.is_subset(&want),
                "{code}.yaml: {key} has unknown placeholders {:?}",
                have.difference(&want).collect::<Vec<_>>()
            );
            if key.ends_with("_html") {
                assert_eq!(
                    text.matches('<').count(),
                    english[key].matches('<').count(),
                    "{code}.yaml: {key} keeps the markup of English"
                );
            }
        }
    }
}

#[test]
fn every_key_a_template_uses_is_in_english() {
    let strings = theme_strings();
    let english = &strings["en"];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    for entry in walkdir::WalkDir::new(&dir) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for (i, _) in text.match_indices("t(key=\"") {
            let rest = &text[i + 7..];
            let key = &rest[..rest.find('"').unwrap()];
            assert!(
                english.contains_key(key),
                "{} uses `{key}`, which en.yaml lacks",
                entry.path().display()
            );
        }
    }
}

#[test]
fn templates_print_no_hard_coded_english() {
    const ENGLISH: &[&str] = &[
        ">Search<",
        "Skip to content",
        ">Home<",
        "aria-label=\"Main\"",
        "aria-label=\"Breadcrumb\"",
        "aria-label=\"Browse\"",
        "aria-label=\"Pages\"",
        "aria-label=\"Search results\"",
        "Guides, stories, reports",
        "Read more",
        "Newer",
        "Older",
        " of {{ paginator",
        ">Related<",
        "Other members",
        ">Contributions<",
        "On this page",
        "min read",
        "Updated ",
        "Upcoming events",
        "Page not found",
        "Go to the home page",
        "Save for offline reading",
        "Saved for offline reading",
        "Cite this",
        "Follow in a feed reader",
        "Downloads and links",
        ">Draft<",
        "Community pulse",
        "item{{",
        "member{{",
        "contributor{{",
        "JavaScript",
        ">Topics<",
        ">Regions<",
        ">Tags<",
        ">Expertise<",
        ">Languages<",
        ">When<",
        ">Where<",
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(&dir) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        // Comments explain templates in English; they are never printed.
        let mut printed = String::new();
        let mut rest = text.as_str();
        while let Some(start) = rest.find("{#") {
            printed.push_str(&rest[..start]);
            rest = rest[start..]
                .find("#}")
                .map_or("", |end| &rest[start + end + 2..]);
        }
        printed.push_str(rest);
        for english in ENGLISH {
            if printed.contains(english) {
                found.push(format!("{}: {english}", entry.path().display()));
            }
        }
    }
    assert!(found.is_empty(), "hard-coded English: {found:#?}");
}

#[test]
fn the_stylesheet_mirrors_in_right_to_left_pages() {
    let css = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/praxis.css"),
    )
    .unwrap();
    // Comments may say "left" and "right"; rules may not.
    let mut rules = String::new();
    let mut rest = css.as_str();
    while let Some(start) = rest.find("/*") {
        rules.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    rules.push_str(rest);
    // Physical sides do not flip under `dir="rtl"`; logical properties and `start`/`end` do.
    for physical in ["left", "right", "float", "translateX"] {
        let found: Vec<&str> = rules
            .lines()
            .filter(|line| line.contains(physical))
            .collect();
        assert!(found.is_empty(), "`{physical}` in praxis.css: {found:#?}");
    }
}
