//! Real hubs: the repository's example hub and third-party Markdown from the shared corpus.

mod common;

use std::path::Path;

use common::corpus_dir;
use praxis::diagnostic::Severity;
use praxis::pipeline;

#[test]
fn the_example_hub_builds_cleanly_and_shows_every_feature() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("site");
    let report =
        pipeline::build(root, &out, &Default::default(), &|_| {}).expect("example hub builds");
    let warnings: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .collect();
    assert!(
        warnings.is_empty(),
        "the example hub has warnings: {warnings:#?}"
    );
    assert!(report.pages >= 24, "{} pages", report.pages);

    for (kind, dir) in [
        ("guide", "guides"),
        ("story", "stories"),
        ("report", "reports"),
        ("webinar", "webinars"),
        ("article", "articles"),
        ("presentation", "presentations"),
        ("roundtable", "roundtables"),
        ("event", "events"),
    ] {
        let listing = std::fs::read_to_string(out.join(dir).join("index.html")).unwrap();
        assert!(
            listing.contains("class=\"card\""),
            "{kind}: the {dir} listing has items"
        );
    }
    let members = std::fs::read_dir(out.join("members"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_dir())
        .count();
    assert!(members >= 6, "{members} members");
    for page in [
        "about/index.html",
        "contribute/index.html",
        "topics/index.html",
        "regions/index.html",
        "404.html",
        "sitemap.xml",
    ] {
        assert!(out.join(page).is_file(), "{page}");
    }
    let pdfs: Vec<_> = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .collect();
    assert!(!pdfs.is_empty(), "a page bundle publishes its PDF");
    assert!(
        report.diagnostics.iter().any(|d| d.code == "draft"),
        "the example shows a draft"
    );
}

#[test]
fn the_open_source_guides_corpus_builds_without_error() {
    let corpus = corpus_dir();
    assert!(
        corpus.is_dir(),
        "the shared corpus must be at {}",
        corpus.display()
    );
    let hub = tempfile::tempdir().unwrap();
    std::fs::write(
        hub.path().join("hub.yaml"),
        format!(
            "title: Open Source Guides\ncontent_dir: {}\n",
            corpus.canonicalize().unwrap().display()
        ),
    )
    .unwrap();
    let out = hub.path().join("public");
    let report = match pipeline::build(hub.path(), &out, &Default::default(), &|_| {}) {
        Ok(report) => report,
        Err(pipeline::BuildError::Invalid(d)) => panic!(
            "{:#?}",
            d.iter().filter(|d| d.is_error()).collect::<Vec<_>>()
        ),
        Err(err) => panic!("{err}"),
    };
    assert!(report.pages > 300, "{} pages", report.pages);
    // Keys we do not define (class, order, image, related) are kept, not errors.
    assert!(report
        .diagnostics
        .iter()
        .all(|d| d.code != "invalid-field-type"));

    let french = std::fs::read_to_string(out.join("fr/building-community/index.html")).unwrap();
    assert!(french.contains("<html lang=\"fr\" dir=\"ltr\">"));
    assert!(french.contains("<h1>Construire des communautés accueillantes</h1>"));
    // Raw HTML blocks survive sanitization without their unknown attributes.
    let english = std::fs::read_to_string(out.join("building-community/index.html")).unwrap();
    assert!(
        english.contains("<aside class=\"pquote\">"),
        "raw <aside> blocks are kept"
    );
    assert!(!english.contains("markdown=\"1\""));
    let arabic = std::fs::read_to_string(out.join("ar/building-community/index.html")).unwrap();
    assert!(arabic.contains("<html lang=\"ar\" dir=\"rtl\">"));
}
