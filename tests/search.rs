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

/// Runs each query through tantivy and through the client; asserts the same top 10 URLs in the
/// same order with bit-identical scores. Returns how many queries found something.
fn assert_parity(out: &Path, queries: &[&str]) -> usize {
    let requests: Vec<serde_json::Value> = queries
        .iter()
        .map(|q| serde_json::json!({ "query": q }))
        .collect();
    let from_client = client(out, &serde_json::Value::Array(requests));
    let mut non_empty = 0;
    for (query, client_hits) in queries.iter().zip(from_client) {
        let request = SearchRequest {
            query: query.to_string(),
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
        assert_eq!(ours, theirs, "query {query:?}");
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
    let non_empty = assert_parity(&out, GOLDEN);
    assert!(
        non_empty >= 30,
        "{non_empty} golden queries found something"
    );
}

#[test]
fn filters_agree_too() {
    let (_dir, out) = example_site();
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("search/manifest.json")).unwrap()).unwrap();
    let type_index = |name: &str| {
        manifest["facets"]["type"]
            .as_array()
            .unwrap()
            .iter()
            .position(|t| t[0] == name)
            .unwrap()
    };
    let topic_index = |name: &str| {
        manifest["facets"]["topic"]
            .as_array()
            .unwrap()
            .iter()
            .position(|t| t[0] == name)
            .unwrap()
    };
    let requests = serde_json::json!([
        { "query": "water", "filters": { "type": type_index("story") } },
        { "query": "sanitation", "filters": { "topic": topic_index("urban-sanitation") } },
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
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("search/tantivy/meta.json")).unwrap())
            .unwrap();
    assert_eq!(meta["segments"].as_array().unwrap().len(), 1);
    let manifest = std::fs::read(out.join("search/manifest.json")).unwrap();
    assert!(manifest.len() < 10_000);
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

#[test]
fn client_and_tantivy_agree_on_real_third_party_text() {
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
    assert_eq!(
        assert_parity(&out, &queries),
        queries.len(),
        "every query finds something"
    );
}
