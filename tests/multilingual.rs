//! Multilingual hubs: translation layouts, language URLs, per-language listings, taxonomies and
//! feeds, alternates in pages and the sitemap, stale translations, and the real Open Source
//! Guides corpus with its ~30 languages.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{corpus_dir, Hub};

const LANGUAGES: &str = "title: Wells hub\nbase_url: https://hub.example.org/\nlanguages:\n  - en\n  - { code: fr, name: Français }\n  - ar\n  - sw\n";

fn story(title: &str, date: &str, topics: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\ntopics: [{topics}]\n---\n\nAbout {title}.\n")
}

/// The same content in both layouts: suffixes beside the original, or a folder per language.
fn hub_with<P: AsRef<str>>(layout: &[(P, String)]) -> Hub {
    let hub = Hub::new();
    hub.write("hub.yaml", LANGUAGES);
    for (rel, text) in layout {
        hub.write(rel.as_ref(), text);
    }
    hub.build_ok();
    hub
}

fn suffix_layout() -> Vec<(&'static str, String)> {
    vec![
        (
            "content/stories/wells.md",
            story("Wells", "2025-03-01", "water"),
        ),
        (
            "content/stories/wells.fr.md",
            story("Puits", "2025-03-02", "water"),
        ),
        (
            "content/stories/wells.ar.md",
            story("آبار", "2025-03-03", "water"),
        ),
        (
            "content/stories/rain.md",
            story("Rain", "2025-04-01", "water"),
        ),
        (
            "content/stories/_index.fr.md",
            "---\ntitle: Récits\n---\n".into(),
        ),
        (
            "content/_index.fr.md",
            "---\ntitle: Le hub des puits\n---\nBienvenue.\n".into(),
        ),
        ("content/about.md", "---\ntitle: About\n---\nUs.\n".into()),
        (
            "content/about.sw.md",
            "---\ntitle: Kuhusu\n---\nSisi.\n".into(),
        ),
    ]
}

/// The same files laid out a folder per language (`content/fr/stories/wells.md`), English in
/// `content/en/`.
fn folder_layout() -> Vec<(String, String)> {
    suffix_layout()
        .into_iter()
        .map(|(rel, text)| {
            let rel = rel.strip_prefix("content/").unwrap();
            let (dir, name) = rel.rsplit_once('/').map_or(("", rel), |(d, n)| (d, n));
            let stem = name.strip_suffix(".md").unwrap();
            let (stem, lang) = match stem.rsplit_once('.') {
                Some((stem, lang)) => (stem, lang),
                None => (stem, "en"),
            };
            let dir = if dir.is_empty() {
                String::new()
            } else {
                format!("{dir}/")
            };
            (format!("content/{lang}/{dir}{stem}.md"), text)
        })
        .collect()
}

/// Every HTML, XML and JSON file of a build, minus what depends on the temporary folder.
fn published(hub: &Hub) -> BTreeMap<String, String> {
    let out = hub.out();
    walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            (name.ends_with(".html") || name.ends_with(".xml"))
                && !e.path().to_string_lossy().contains("/search/")
        })
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(&out)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn suffix_and_folder_layouts_publish_the_same_site() {
    let by_suffix = hub_with(&suffix_layout());
    let by_folder = hub_with(&folder_layout());
    let a = published(&by_suffix);
    let b = published(&by_folder);
    let (ka, kb): (BTreeSet<_>, BTreeSet<_>) = (a.keys().collect(), b.keys().collect());
    assert_eq!(
        ka,
        kb,
        "the same files; only with suffixes: {:?}; only with folders: {:?}",
        ka.difference(&kb).collect::<Vec<_>>(),
        kb.difference(&ka).collect::<Vec<_>>()
    );
    for rel in [
        "stories/wells/index.html",
        "fr/stories/wells/index.html",
        "ar/stories/wells/index.html",
        "sw/about/index.html",
        "fr/index.html",
        "fr/stories/index.html",
        "fr/topics/water/index.html",
    ] {
        assert!(a.contains_key(rel), "{rel} is published: {:?}", a.keys());
    }
    // Pages differ only in what they say about their source files (edit links, ids).
    for site in [&a, &b] {
        assert!(site["fr/stories/wells/index.html"].contains("<h1>Puits</h1>"));
    }
    // The same URLs and alternates (pages are listed in the order of their source paths).
    let lines = |text: &str| text.lines().map(str::to_string).collect::<BTreeSet<_>>();
    assert!(
        lines(&a["sitemap.xml"]) == lines(&b["sitemap.xml"]),
        "sitemaps differ"
    );
}

#[test]
fn front_matter_lang_wins_over_the_path() {
    let hub = Hub::new();
    hub.write("hub.yaml", LANGUAGES)
        .write("content/stories/wells.md", &story("Wells", "2025-03-01", "water"))
        .write(
            "content/stories/puits.md",
            "---\ntitle: Puits\ndate: 2025-03-02\nlang: fr\ntranslation_key: stories/wells.md\n---\nTexte.\n",
        )
        .write(
            "content/fr/stories/kisima.md",
            "---\ntitle: Kisima\ndate: 2025-03-02\nlang: sw\n---\nMaandishi.\n",
        );
    hub.build_ok();
    assert!(hub.out().join("fr/stories/puits/index.html").is_file());
    assert!(hub.out().join("sw/stories/kisima/index.html").is_file());
    assert!(!hub.out().join("stories/puits/index.html").exists());
    // `translation_key` links pages whose file names differ.
    let sitemap = hub.read_out("sitemap.xml");
    assert!(sitemap.contains(
        "<url><loc>https://hub.example.org/stories/wells/</loc><lastmod>2025-03-01</lastmod>\
<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://hub.example.org/stories/wells/\"/>\
<xhtml:link rel=\"alternate\" hreflang=\"fr\" href=\"https://hub.example.org/fr/stories/puits/\"/>\
<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://hub.example.org/stories/wells/\"/></url>"
    ), "{sitemap}");
}

#[test]
fn listings_taxonomies_and_feeds_are_per_language() {
    let hub = hub_with(&suffix_layout());
    let french_list = hub.read_out("fr/stories/index.html");
    assert!(french_list.contains("Puits") && french_list.contains("Récits"));
    assert!(!french_list.contains("Rain") && !french_list.contains(">Wells<"));
    let english_list = hub.read_out("stories/index.html");
    assert!(english_list.contains("Rain") && english_list.contains("Wells"));
    assert!(!english_list.contains("Puits") && !english_list.contains("آبار"));

    let french_term = hub.read_out("fr/topics/water/index.html");
    assert!(french_term.contains("Puits") && !french_term.contains("Rain"));
    let english_term = hub.read_out("topics/water/index.html");
    assert!(english_term.contains("Rain") && !english_term.contains("Puits"));

    let french_home = hub.read_out("fr/index.html");
    assert!(french_home.contains("Le hub des puits"));
    assert!(french_home.contains("Puits") && !french_home.contains("Rain"));
    let home = hub.read_out("index.html");
    assert!(home.contains("Rain") && !home.contains("Puits"));

    let feed = hub.read_out("fr/atom.xml");
    assert!(feed.contains("xml:lang=\"fr\""));
    assert!(feed.contains("Puits") && !feed.contains("Rain") && !feed.contains("آبار"));
    let english_feed = hub.read_out("atom.xml");
    assert!(english_feed.contains("Rain") && !english_feed.contains("Puits"));
    let arabic_feed = hub.read_out("ar/stories/atom.xml");
    assert!(arabic_feed.contains("آبار") && !arabic_feed.contains("<title>Wells</title>"));

    // A French page's topics lead to the French topic pages.
    let french = hub.read_out("fr/stories/wells/index.html");
    assert!(french.contains("href=\"/fr/topics/water/\""), "{french}");
    assert!(!french.contains("href=\"/topics/water/\""));

    // A translation shares every topic with its original, but is never offered as "related".
    let english = hub.read_out("stories/wells/index.html");
    assert!(!english.contains("/fr/stories/wells/\">Puits"));
}

#[test]
fn one_language_hubs_keep_their_urls() {
    // Without `languages`, folders named like languages are ordinary sections.
    let hub = Hub::new();
    hub.write("content/fr/a.md", "---\ntitle: A\nlang: fr\n---\nTexte.\n")
        .write("content/guides/b.fr.md", "---\ntitle: B\n---\nTexte.\n");
    hub.build_ok();
    assert!(hub.out().join("fr/a/index.html").is_file());
    assert!(hub.out().join("guides/b.fr/index.html").is_file());
    assert!(!hub.read_out("sitemap.xml").contains("hreflang"));
}

#[test]
fn a_translation_older_than_its_original_is_reported() {
    // By front-matter: the original was updated after the translation.
    let hub = Hub::new();
    hub.write("hub.yaml", LANGUAGES)
        .write(
            "content/guides/wells.md",
            "---\ntitle: Wells\nupdated: 2025-06-01\n---\nNew.\n",
        )
        .write(
            "content/guides/wells.fr.md",
            "---\ntitle: Puits\nupdated: 2025-07-01\n---\nNeuf.\n",
        )
        .write(
            "content/guides/pumps.md",
            "---\ntitle: Pumps\nupdated: 2025-06-01\n---\nNew.\n",
        )
        .write(
            "content/guides/pumps.sw.md",
            "---\ntitle: Pampu\nupdated: 2025-02-01\n---\nZamani.\n",
        );
    let found = praxis::check::run(hub.root());
    let stale: Vec<_> = found
        .iter()
        .filter(|d| d.code == "stale-translation")
        .collect();
    assert_eq!(stale.len(), 1, "{found:#?}");
    assert_eq!(stale[0].file, Path::new("content/guides/pumps.sw.md"));
    assert!(stale[0].message.contains("2025-06-01"));

    // By git history, when the original has no `updated`.
    let hub = Hub::new();
    hub.write("hub.yaml", LANGUAGES)
        .write("content/guides/wells.md", "---\ntitle: Wells\n---\nOld.\n")
        .write(
            "content/guides/wells.fr.md",
            "---\ntitle: Puits\n---\nVieux.\n",
        );
    hub.git(&["init", "-q"], "2025-01-01T10:00:00Z")
        .git(&["add", "-A"], "2025-01-01T10:00:00Z")
        .git(&["commit", "-qm", "first"], "2025-01-01T10:00:00Z");
    let fresh = praxis::check::run(hub.root());
    assert!(
        fresh.iter().all(|d| d.code != "stale-translation"),
        "{fresh:#?}"
    );
    hub.write(
        "content/guides/wells.md",
        "---\ntitle: Wells\n---\nRewritten.\n",
    )
    .git(&["commit", "-qam", "rewrite"], "2025-05-01T10:00:00Z");
    let found = praxis::check::run(hub.root());
    let stale: Vec<_> = found
        .iter()
        .filter(|d| d.code == "stale-translation")
        .collect();
    assert_eq!(stale.len(), 1, "{found:#?}");
    assert_eq!(stale[0].file, Path::new("content/guides/wells.fr.md"));
    assert!(stale[0].message.contains("last committed"));
}

fn corpus_hub() -> (tempfile::TempDir, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let codes = common::write_multilingual_corpus_hub(dir.path());
    (dir, codes)
}

#[test]
fn every_corpus_translation_names_all_its_siblings() {
    let (dir, codes) = corpus_hub();
    let out = dir.path().join("public");
    let report = praxis::pipeline::build(dir.path(), &out, &Default::default(), &|_| {})
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(report.pages > 300);

    // Which guides exist in which language, from the corpus itself.
    let corpus = corpus_dir();
    let mut siblings: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for code in std::iter::once("en".to_string()).chain(codes.iter().cloned()) {
        let folder = if code == "en" {
            corpus.clone()
        } else {
            corpus.join(&code)
        };
        for entry in std::fs::read_dir(folder).unwrap().filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(slug) = name.strip_suffix(".md").filter(|s| *s != "README") {
                siblings
                    .entry(slug.to_string())
                    .or_default()
                    .insert(code.clone());
            }
        }
    }
    let url = |code: &str, slug: &str| {
        if code == "en" {
            format!("https://osg.example.org/{slug}/")
        } else {
            format!("https://osg.example.org/{code}/{slug}/")
        }
    };
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let mut checked = 0;
    for (slug, langs) in siblings.iter().filter(|(_, l)| l.len() > 1) {
        for code in langs {
            let loc = format!("<url><loc>{}</loc>", url(code, slug));
            let start = sitemap
                .find(&loc)
                .unwrap_or_else(|| panic!("{loc} in the sitemap"));
            let entry = &sitemap[start..start + sitemap[start..].find("</url>").unwrap()];
            for other in langs {
                let alternate = format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{other}\" href=\"{}\"/>",
                    url(other, slug)
                );
                assert!(
                    entry.contains(&alternate),
                    "{code}/{slug} names {other}: {entry}"
                );
            }
            if langs.contains("en") {
                assert!(entry.contains(&format!(
                    "hreflang=\"x-default\" href=\"{}\"",
                    url("en", slug)
                )));
            }
            checked += 1;
        }
    }
    assert!(checked > 300, "{checked} pages checked");

    // Each page's head names the same alternates, and right-to-left scripts read right to left.
    let path = |code: &str, slug: &str| {
        if code == "en" {
            out.join(slug).join("index.html")
        } else {
            out.join(code).join(slug).join("index.html")
        }
    };
    for (slug, langs) in siblings.iter().filter(|(_, l)| l.len() > 1) {
        for code in langs {
            let html = std::fs::read_to_string(path(code, slug)).unwrap();
            for other in langs {
                let alternate = format!(
                    "<link rel=\"alternate\" hreflang=\"{other}\" href=\"{}\">",
                    url(other, slug)
                );
                assert!(html.contains(&alternate), "{code}/{slug} links {other}");
            }
            let dir = if matches!(code.as_str(), "ar" | "fa") {
                "rtl"
            } else {
                "ltr"
            };
            assert!(
                html.contains(&format!("<html lang=\"{code}\" dir=\"{dir}\">")),
                "{code}/{slug} is {dir}"
            );
        }
    }

    // Each language has its own home and listings.
    for code in ["fr", "ar", "ja", "zh-hans"] {
        assert!(out.join(code).join("index.html").is_file(), "{code} home");
    }
}

#[test]
fn menus_terms_dates_and_credits_follow_the_language() {
    let hub = Hub::new();
    hub.write(
        "hub.yaml",
        "title: Wells hub\nbase_url: https://hub.example.org/\nlanguages: [en, fr, es]\n\
menu:\n  - { title: Stories, url: /stories/, titles: { es: Historias } }\n  - { title: About, url: /about/, titles: { fr: À propos } }\n\
vocabularies:\n  topics:\n    - { id: water, name: Water, names: { fr: Eau }, descriptions: { fr: L'eau potable. } }\n",
    )
    .write("content/members/ana.md", "---\ntitle: Ana Ruiz\n---\nHydrologist.\n")
    .write("content/members/ana.fr.md", "---\ntitle: Ana Ruiz\n---\nHydrologue.\n")
    .write("content/stories/wells.md", "---\ntitle: Wells\ndate: 2025-03-14\nauthors: [ana]\ntopics: [water]\n---\nText.\n")
    .write("content/stories/wells.fr.md", "---\ntitle: Puits\ndate: 2025-03-14\nauthors: [ana]\ntopics: [water]\n---\nTexte.\n")
    .write("content/stories/wells.es.md", "---\ntitle: Pozos\ndate: 2025-03-14\nauthors: [ana]\ntopics: [water]\n---\nTexto.\n")
    .write("content/stories/rain.es.md", "---\ntitle: Lluvia\ndate: 2025-04-01\nauthors: [ana]\n---\nTexto.\n")
    .write("content/about.md", "---\ntitle: About\n---\nUs.\n")
    .write("content/about.fr.md", "---\ntitle: À propos du hub\n---\nNous.\n");
    hub.build_ok();

    // Menu links lead to translations and carry the translated titles.
    let french = hub.read_out("fr/stories/wells/index.html");
    assert!(
        french.contains("<a href=\"/fr/about/\">À propos</a>"),
        "{french}"
    );
    assert!(french.contains("<a href=\"/fr/stories/\" aria-current=\"page\">Stories</a>"));
    let spanish = hub.read_out("es/stories/wells/index.html");
    assert!(spanish.contains("<a href=\"/es/stories/\" aria-current=\"page\">Historias</a>"));
    assert!(
        spanish.contains("<a href=\"/about/\">About</a>"),
        "untranslated pages stay"
    );

    // Vocabulary names and descriptions per language.
    assert!(french.contains(">Eau</a>"));
    let term = hub.read_out("fr/topics/water/index.html");
    assert!(
        term.contains("<h1>Eau</h1>") || term.contains(">Eau<"),
        "{term}"
    );
    assert!(term.contains("L&#39;eau potable.") || term.contains("L'eau potable."));

    // Dates in words in the page's language.
    assert!(french.contains("14 mars 2025"), "{french}");
    assert!(spanish.contains("14 de marzo de 2025"));
    assert!(hub
        .read_out("stories/wells/index.html")
        .contains("14 March 2025"));

    // A story translated three times is one contribution; one only in Spanish still counts.
    let profile = hub.read_out("members/ana/index.html");
    assert!(
        profile.contains(">Wells<") && !profile.contains(">Puits<") && !profile.contains(">Pozos<")
    );
    assert!(profile.contains(">Lluvia<"));
    let french_profile = hub.read_out("fr/members/ana/index.html");
    assert!(french_profile.contains(">Puits<") && !french_profile.contains(">Wells<"));

    // Listings declare their own language to search engines.
    let listing = hub.read_out("fr/stories/index.html");
    assert!(listing.contains("\"inLanguage\":\"fr\""), "{listing}");
}

#[test]
fn a_translated_bundle_shares_its_files() {
    let hub = Hub::new();
    hub.write("hub.yaml", LANGUAGES)
        .write(
            "content/reports/r/index.md",
            "---\ntitle: Report\ndate: 2025-01-01\nresources:\n  - {title: PDF, path: report.pdf}\n---\nSee [the PDF](report.pdf).\n",
        )
        .write(
            "content/reports/r/index.fr.md",
            "---\ntitle: Rapport\ndate: 2025-01-01\nresources:\n  - {title: PDF, path: report.pdf}\n---\nVoir [le PDF](report.pdf).\n",
        )
        .write("content/reports/r/report.pdf", "%PDF-1.4 fixture");
    hub.build_ok();
    // Published once, beside the default language's page; both versions link it there.
    assert!(hub.out().join("reports/r/report.pdf").is_file());
    assert!(!hub.out().join("fr/reports/r/report.pdf").exists());
    for page in ["reports/r/index.html", "fr/reports/r/index.html"] {
        let html = hub.read_out(page);
        assert!(html.contains("href=\"/reports/r/report.pdf\""), "{page}");
    }
    assert!(hub
        .read_out("fr/reports/r/index.html")
        .contains("<h1>Rapport</h1>"));
}
