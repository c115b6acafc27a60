//! The page weight budget of the example hub: every HTML page, with the stylesheets and
//! scripts it loads (and the service worker it registers), gzip-compressed, must transfer in at
//! most 30 kB (30,000 bytes). Measured here independently of the build's own check, which is
//! tested on a fixture below.

mod common;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::Path;

use common::Hub;

const BUDGET: u64 = 30_000;

fn gzip(bytes: &[u8]) -> u64 {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap().len() as u64
}

/// Every `name="…"` value in the tags of `html` that start with `tag`.
fn values<'a>(html: &'a str, tag: &str, name: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    for (start, _) in html.match_indices(tag) {
        let end = html[start..].find('>').map_or(html.len(), |i| start + i);
        let inside = &html[start..end];
        if tag == "<link " && !inside.contains("rel=\"stylesheet\"") {
            continue;
        }
        let key = format!(" {name}=\"");
        if let Some(at) = inside.find(&key) {
            let value = &inside[at + key.len()..];
            out.push(&value[..value.find('"').unwrap()]);
        }
    }
    out
}

#[test]
fn every_page_of_the_example_hub_is_within_30_kb_compressed() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let report = praxis::pipeline::build(repo, &out, &Default::default(), &|_| {}).unwrap();
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.code == "page-over-budget"),
        "the build itself reports no page over its budget"
    );
    let mut weights: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let mut over = Vec::new();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let mut total = gzip(html.as_bytes());
        let html_weight = total;
        let mut files: Vec<&str> = values(&html, "<link ", "href");
        files.extend(values(&html, "<script ", "src"));
        files.extend(values(&html, "<script ", "data-sw"));
        files.sort();
        files.dedup();
        for url in files {
            assert!(
                url.starts_with('/') && !url.starts_with("//"),
                "external file {url}"
            );
            let bytes = std::fs::read(out.join(url.trim_start_matches('/'))).unwrap();
            total += gzip(&bytes);
        }
        let page = entry
            .path()
            .strip_prefix(&out)
            .unwrap()
            .display()
            .to_string();
        if total > BUDGET {
            over.push(format!("{page}: {total} bytes"));
        }
        weights.insert(page, (html_weight, total));
        pages += 1;
    }
    assert!(pages > 100, "{pages} pages");
    let (heaviest, (html, total)) = weights.iter().max_by_key(|(_, w)| w.1).unwrap();
    println!(
        "{pages} pages; heaviest: {heaviest}, {total} bytes compressed ({html} of HTML); budget {BUDGET}"
    );
    for key in [
        "index.html",
        "guides/index.html",
        "guides/handwashing-stations/index.html",
        "reports/rural-water-functionality-2025/index.html",
    ] {
        println!("{key}: {:?}", weights[key]);
    }
    assert!(over.is_empty(), "pages over the budget: {over:#?}");
}

#[test]
fn the_build_warns_about_pages_over_the_hubs_budget() {
    let hub = Hub::new();
    hub.write(
        "hub.yaml",
        "title: Fixture hub\nsearch: false\npage_budget_kb: 5\n",
    );
    hub.write(
        "content/guides/long.md",
        &format!(
            "---\ntitle: Long\n---\n\n{}",
            (0..400)
                .map(|i| format!(
                    "Paragraph {i} about pump {} and its committee.\n\n",
                    i * 7919 % 1000
                ))
                .collect::<String>()
        ),
    );
    hub.write(
        "content/guides/short.md",
        "---\ntitle: Short\n---\n\nShort.\n",
    );
    let report = hub.build_ok();
    let over: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "page-over-budget")
        .collect();
    let long = over
        .iter()
        .find(|d| d.file == Path::new("content/guides/long.md"))
        .expect("the long guide is over 5 kB");
    assert!(long.message.contains("/guides/long/"), "{}", long.message);
    assert!(
        long.message.contains("over this hub's budget of 5 kB"),
        "{}",
        long.message
    );
    assert!(
        !over
            .iter()
            .any(|d| d.file == Path::new("content/guides/short.md")),
        "the short guide is within 5 kB: {over:#?}"
    );

    hub.write(
        "hub.yaml",
        "title: Fixture hub\nsearch: false\npage_budget_kb: 0\n",
    );
    let report = hub.build_ok();
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.code == "page-over-budget"),
        "0 turns the check off"
    );
}
