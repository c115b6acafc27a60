//! Search: the tantivy index (the command-line path) and the browser client (run under Node on
//! the exported files) rank the same results in the same order, with the same scores.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use praxis::search::query::{search, SearchRequest};

/// Builds the repository's example hub once per test into a temporary folder.
fn example_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    praxis::pipeline::build(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &out,
        &Default::default(),
        &|_| {},
    )
    .expect("example hub builds");
    (dir, out)
}

/// Results of the browser client under Node, one list per query.
fn client(out: &Path, requests: &serde_json::Value) -> Vec<Vec<serde_json::Value>> {
    let queries = out.parent().unwrap().join("queries.json");
    std::fs::write(&queries, requests.to_string()).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js/search-cli.js");
    let run = Command::new("node")
        .arg(script)
        .arg(out.join("search"))
        .arg(&queries)
        .output()
        .expect("node is installed (see .ci/run)");
    assert!(
        run.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    serde_json::from_slice(&run.stdout).unwrap()
}

/// Runs each query through tantivy and through the client, in `lang`'s index or (`None`) in
/// every language's, merged; asserts the same top 10 URLs in the same order with bit-identical
/// scores. Returns how many queries found something.
fn assert_parity(out: &Path, queries: &[&str], lang: Option<&str>) -> usize {
    let requests: Vec<serde_json::Value> = queries
        .iter()
        .map(|q| serde_json::json!({ "query": q, "lang": lang.unwrap_or("*") }))
        .collect();
    let from_client = client(out, &serde_json::Value::Array(requests));
    let mut non_empty = 0;
    for (query, client_hits) in queries.iter().zip(from_client) {
        let request = SearchRequest {
            query: query.to_string(),
            lang: lang.map(str::to_owned),
            limit: 10,
            ..Default::default()
        };
        let tantivy_hits = search(out, &request).unwrap();
        let ours: Vec<(&str, f32)> = tantivy_hits
            .iter()
            .map(|h| (h.url.as_str(), h.score))
            .collect();
        let theirs: Vec<(&str, f32)> = client_hits
            .iter()
            .map(|h| {
                (
                    h["url"].as_str().unwrap(),
                    h["score"].as_f64().unwrap() as f32,
                )
            })
            .collect();
        assert_eq!(ours, theirs, "query {query:?} in {lang:?}");
        non_empty += usize::from(!ours.is_empty());
    }
    non_empty
}

const GOLDEN: &[&str] = &[
    "water",
    "handwashing",
    "handwashing stations",
    "chlorine",
    "chlorine dispensers",
    "dispenser",
    "latrine",
    "latrines slippage",
    "open defecation",
    "open defecation free",
    "groundwater recharge",
    "recharge",
    "borehole",
    "boreholes drought",
    "tariffs",
    "water committee tariffs",
    "menstrual health schools",
    "desludging",
    "scheduled desludging vietnam",
    "faecal sludge",
    "monitoring functionality",
    "functional water points",
    "ghana",
    "kisumu",
    "nudges evidence",
    "financing household sanitation",
    "microfinance",
    "climate",
    "flood resilient sanitation",
    "maintenance who pays",
    "area mechanic",
    "soap",
    "CLTS facilitator",
    "Practice Exchange 2027",
    "café",
    "the",
    "a water point",
    "community led total sanitation guide",
    "women girls",
    "survey",
];

#[test]
fn client_and_tantivy_agree_on_every_golden_query() {
    let (_dir, out) = example_site();
    let non_empty = assert_parity(&out, GOLDEN, None);
    assert_eq!(assert_parity(&out, GOLDEN, Some("en")), non_empty);
    assert!(
        non_empty >= 30,
        "{non_empty} golden queries found something"
    );
}

#[test]
fn filters_agree_too() {
    let (_dir, out) = example_site();
    let requests = serde_json::json!([
        { "query": "water", "filters": { "type": "story" } },
        { "query": "sanitation", "filters": { "topic": "urban-sanitation" } },
    ]);
    let from_client = client(&out, &requests);
    let story = search(
        &out,
        &SearchRequest {
            query: "water".into(),
            kind: Some("story".into()),
            limit: 10,
            ..Default::default()
        },
    )
    .unwrap();
    let urban = search(
        &out,
        &SearchRequest {
            query: "sanitation".into(),
            topic: Some("urban-sanitation".into()),
            limit: 10,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(!story.is_empty() && story.iter().all(|h| h.kind == "story"));
    for (ours, theirs) in [(story, &from_client[0]), (urban, &from_client[1])] {
        let ours: Vec<&str> = ours.iter().map(|h| h.url.as_str()).collect();
        let theirs: Vec<&str> = theirs.iter().map(|h| h["url"].as_str().unwrap()).collect();
        assert_eq!(ours, theirs);
    }
}

#[test]
fn the_index_is_one_merged_segment_in_the_output() {
    let (_dir, out) = example_site();
    // A list of the languages, then one index and one export per language (the example hub
    // is written in five).
    let languages: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("search/languages.json")).unwrap()).unwrap();
    assert_eq!(
        languages,
        serde_json::json!({ "default": "en", "languages": ["ar", "en", "es", "fr", "sw"] })
    );
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("search/tantivy/en/meta.json")).unwrap())
            .unwrap();
    assert_eq!(meta["segments"].as_array().unwrap().len(), 1);
    let manifest = std::fs::read(out.join("search/en/manifest.json")).unwrap();
    assert!(manifest.len() < 10_000);
}

#[test]
fn the_client_stays_under_8_kb_compressed() {
    use std::io::Write;
    let script = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/search.js"),
    )
    .unwrap();
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(&script).unwrap();
    let compressed = encoder.finish().unwrap().len();
    assert!(
        compressed <= 8 * 1024,
        "search.js is {compressed} bytes gzipped"
    );
}

#[test]
fn the_command_line_prints_json() {
    let (dir, out) = example_site();
    let run = Command::new(env!("CARGO_BIN_EXE_praxis"))
        .args([
            "--root",
            dir.path().to_str().unwrap(),
            "search",
            "chlorine dispensers",
            "--json",
            "--limit",
            "3",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(hits.len(), 3);
    for key in ["url", "title", "type", "lang", "date", "score", "snippet"] {
        assert!(hits[0].get(key).is_some(), "{key}");
    }
    assert!(hits[0]["url"]
        .as_str()
        .unwrap()
        .starts_with("/stories/kisumu-chlorine-dispensers/"));
    let missing = Command::new(env!("CARGO_BIN_EXE_praxis"))
        .args(["search", "x", "--out"])
        .arg(dir.path().join("nowhere"))
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("praxis build"));
}

#[test]
fn the_client_completes_the_last_word_and_forgives_a_typo() {
    let (_dir, out) = example_site();
    let requests = serde_json::json!([
        { "query": "handwash", "exact": false },
        { "query": "chlorne", "exact": true },
        { "query": "Café", "exact": true },
    ]);
    let from_client = client(&out, &requests);
    assert!(
        from_client[0].iter().any(|h| h["url"]
            .as_str()
            .unwrap()
            .starts_with("/guides/handwashing-stations/")),
        "{:?}",
        from_client[0]
    );
    assert!(!from_client[1].is_empty(), "one typo is forgiven");
    assert_eq!(
        from_client[1][0]["url"],
        serde_json::json!(
            search(
                &out,
                &SearchRequest {
                    query: "chlorine".into(),
                    limit: 1,
                    ..Default::default()
                }
            )
            .unwrap()[0]
                .url
        )
    );
}

/// The Open Source Guides, English at the root and about thirty languages in folders, built
/// into a temporary folder.
fn corpus_site() -> (tempfile::TempDir, PathBuf) {
    let corpus = common::corpus_dir()
        .canonicalize()
        .expect("the shared corpus is beside the repository");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("hub.yaml"),
        format!("title: OSG\ncontent_dir: {}\n", corpus.display()),
    )
    .unwrap();
    let out = dir.path().join("public");
    praxis::pipeline::build(dir.path(), &out, &Default::default(), &|_| {}).expect("corpus builds");
    (dir, out)
}

/// Golden queries in other languages than English, by index.
const GOLDEN_LANGUAGES: &[(&str, &[&str])] = &[
    (
        "fr",
        &[
            "lancer un projet",
            "licence",
            "code de conduite",
            "contributeurs",
            "documentation",
            "financement",
        ],
    ),
    (
        "ar",
        &["الجانب القانوني", "مدونة السلوك", "ترخيص", "المساهمين"],
    ),
    (
        "ja",
        &[
            "プロジェクトを始め",
            "行動規範",
            "ライセンス",
            "法的側面",
            "資金",
            "コミュニティ",
        ],
    ),
    ("zh-hans", &["行为准则", "开源项目"]),
    ("ko", &["행동 강령", "오픈소스"]),
];

#[test]
fn client_and_tantivy_agree_on_real_third_party_text() {
    let (_dir, out) = corpus_site();
    let queries = [
        "readme",
        "code of conduct",
        "license",
        "contributors",
        "funding",
        "maintainer burnout",
        "governance",
        "security policy",
        "metrics",
        "community",
        "open source",
        "issue tracker",
        "pull requests",
        "documentation",
        "sponsors",
        "donations",
        "trademark",
        "apache license",
        "copyright",
        "inclusive",
        "accessibility",
        "onboarding new contributors",
        "saying no",
        "moderation",
        "roles",
        "foundation",
        "vulnerability disclosure",
        "dependencies",
        "analytics",
        "getting paid",
        "grants",
        "the",
        "a good first issue",
    ];
    // English alone, and every language merged by score.
    assert_eq!(
        assert_parity(&out, &queries, Some("en")),
        queries.len(),
        "every query finds something"
    );
    assert_parity(&out, &queries, None);
    for (lang, queries) in GOLDEN_LANGUAGES {
        assert_eq!(
            assert_parity(&out, queries, Some(lang)),
            queries.len(),
            "every {lang} query finds something"
        );
        assert_parity(&out, queries, None);
    }
}

/// A query in French, Arabic and Japanese (and Chinese and Korean) finds the right guide in
/// its language, through `praxis search --lang` and through the client.
#[test]
fn queries_in_other_languages_find_their_guides() {
    let (dir, out) = corpus_site();
    let cases = [
        ("fr", "lancer un projet", "/fr/starting-a-project/"),
        ("fr", "code de conduite", "/fr/code-of-conduct/"),
        ("ar", "الجانب القانوني", "/ar/legal/"),
        ("ar", "مدونة السلوك", "/ar/code-of-conduct/"),
        ("ja", "プロジェクトを始め", "/ja/starting-a-project/"),
        ("ja", "行動規範", "/ja/code-of-conduct/"),
        ("zh-hans", "行为准则", "/zh-hans/code-of-conduct/"),
        ("ko", "행동 강령", "/ko/code-of-conduct/"),
    ];
    let requests: Vec<serde_json::Value> = cases
        .iter()
        .map(|(lang, query, _)| serde_json::json!({ "query": query, "lang": lang }))
        .collect();
    let from_client = client(&out, &serde_json::Value::Array(requests));
    for ((lang, query, guide), client_hits) in cases.iter().zip(from_client) {
        let run = Command::new(env!("CARGO_BIN_EXE_praxis"))
            .args([
                "--root",
                dir.path().to_str().unwrap(),
                "search",
                query,
                "--lang",
                lang,
                "--json",
                "--out",
            ])
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let hits: Vec<serde_json::Value> = serde_json::from_slice(&run.stdout).unwrap();
        for (path, hits) in [("praxis search", &hits), ("search.js", &client_hits)] {
            assert!(
                hits.first()
                    .and_then(|h| h["url"].as_str())
                    .is_some_and(|url| url.starts_with(guide)),
                "{path}: {query:?} in {lang} should find {guide} first: {hits:?}"
            );
            assert!(
                hits.iter().all(|h| h["lang"] == *lang),
                "{path}: {query:?} stays in {lang}"
            );
        }
    }
    // A typed form the hub only has in another language is found when the reader widens the
    // search to every language.
    let all = client(
        &out,
        &serde_json::json!([{ "query": "行動規範", "lang": "*" }, { "query": "行動規範", "lang": "fr" }]),
    );
    assert!(all[0][0]["url"].as_str().unwrap().starts_with("/ja/"));
    assert!(all[1].iter().all(|h| h["lang"] == "fr"));
}

/// A build frees each page's body once written and its search text once indexed; the preview
/// server's build keeps both in the site it renders again later. Both must write the same
/// site, search export included (tantivy's segment files have random names, so they are left
/// out), on real multilingual text.
#[test]
fn a_build_that_frees_as_it_goes_writes_what_one_that_keeps_everything_writes() {
    let dir = tempfile::tempdir().unwrap();
    common::write_multilingual_corpus_hub(dir.path());
    let (freed, kept) = (dir.path().join("freed"), dir.path().join("kept"));
    let options = Default::default();
    praxis::pipeline::build(dir.path(), &freed, &options, &|_| {}).expect("corpus builds");
    praxis::pipeline::build_keeping(dir.path(), &kept, &options, &|_| {}).expect("corpus builds");
    let without_tantivy = |out: &Path| {
        let mut files = common::snapshot_tree(out);
        files.retain(|path, _| !path.starts_with("search/tantivy"));
        files
    };
    let (freed, kept) = (without_tantivy(&freed), without_tantivy(&kept));
    assert!(freed.len() > 1000, "{} files", freed.len());
    assert_eq!(
        freed.keys().collect::<Vec<_>>(),
        kept.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &freed {
        assert!(bytes == &kept[path], "{} differs", path.display());
    }
    // Result cards carry real snippets, cut from the text the build let go of.
    let meta = String::from_utf8(freed[Path::new("search/fr/m/0.json")].clone()).unwrap();
    assert!(meta.contains('…'), "{meta}");
}
