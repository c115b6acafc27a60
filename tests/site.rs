//! Whole-site behaviour on small fixture hubs: the HTML of each page kind, listings, taxonomies,
//! members, bundles, aliases, sitemap, and `praxis init`.

mod common;

use common::{main_of, Hub};

/// A fixture hub with one page of every kind.
fn every_kind() -> Hub {
    let hub = Hub::new();
    hub.write(
        "hub.yaml",
        "title: Fixture hub\nbase_url: https://hub.example.org/cop/\npaginate_by: 2\n\
vocabularies:\n  topics:\n    - {id: water-quality, name: Water quality, description: Safe water.}\n    - sanitation\n",
    );
    hub.write(
        "content/_index.md",
        "---\ntitle: Fixture hub\nsummary: A hub for tests.\n---\nWelcome to the **hub**.\n",
    );
    hub.write(
        "content/guides/_index.md",
        "---\ntitle: Guides\nsummary: How-to guides.\nsort_by: weight\n---\n",
    );
    hub.write(
        "content/guides/testing-water.md",
        "---\ntitle: Testing water\nweight: 1\nauthors: [ana, Field Team]\ntopics: [water-quality]\ntags: [kits]\n\
aliases: [/old/testing/]\nupdated: 2025-02-01\n---\n\nWhy test water.\n\n## Kits\n\nSee [the story](../stories/clean-taps.md#results).\n\n### Field kits\n\n## Kits\n\nTwice.\n",
    );
    hub.write(
        "content/guides/second.md",
        "---\ntitle: Second guide\nweight: 2\n---\nSecond.\n",
    );
    hub.write(
        "content/guides/third.md",
        "---\ntitle: Third guide\nweight: 3\n---\nThird.\n",
    );
    hub.write(
        "content/stories/clean-taps.md",
        "---\ntitle: Clean taps\ndate: 2025-03-01\nauthors: [ana]\ntopics: [water-quality]\nregions: [east-africa]\n---\n\n## Results\n\nTaps stayed clean.\n",
    );
    hub.write(
        "content/reports/survey-2025/index.md",
        "---\ntitle: Survey 2025\ndate: 2025-04-01\npublisher: Fixture CoP\nreport_number: R-1\n\
resources: [{title: Full report, path: survey.pdf}, {title: Data, url: \"https://data.example.org/x.csv\"}]\n---\n\n![Chart of results](chart.svg)\n",
    );
    hub.write("content/reports/survey-2025/survey.pdf", "%PDF-1.4 fixture");
    hub.write(
        "content/reports/survey-2025/chart.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    hub.write(
        "content/webinars/chlorine.md",
        "---\ntitle: Chlorine at scale\ndate: 2025-05-01T15:00:00+03:00\nrecording: https://video.example.org/1\n\
slides: https://slides.example.org/1\nspeakers: [ana, Guest Speaker]\nduration: 60 min\n---\nNotes.\n",
    );
    hub.write(
        "content/events/exchange.md",
        "---\ntitle: Practice exchange\ndate: 2025-06-01\nstarts: 2099-02-18T14:00\nends: 2099-02-18T16:00\n\
timezone: Africa/Nairobi\nlocation: Nairobi\nonline: true\n---\nJoin us.\n",
    );
    hub.write(
        "content/members/ana.md",
        "---\ntitle: Ana Lima\nrole: Engineer\norganization: Water Co\ncountry: Brazil\nexpertise: [water quality, testing]\n\
languages: [Portuguese, English]\nregions: [latin-america]\nlinks: [{title: Site, url: \"https://ana.example.org\"}, {title: Bad, url: \"javascript:x\"}]\n---\nAna tests water.\n",
    );
    hub.write("content/about.md", "---\ntitle: About\n---\nAbout us.\n");
    hub.write("static/favicon.ico", "icon");
    hub
}

#[test]
fn every_page_kind_renders_as_expected() {
    let hub = every_kind();
    let report = hub.build_ok();
    assert_eq!(report.pages, 9);
    let pages = [
        ("home", "index.html"),
        ("section", "guides/index.html"),
        ("section_page_2", "guides/page/2/index.html"),
        ("guide", "guides/testing-water/index.html"),
        ("story", "stories/clean-taps/index.html"),
        ("report_bundle", "reports/survey-2025/index.html"),
        ("webinar", "webinars/chlorine/index.html"),
        ("event", "events/exchange/index.html"),
        ("member", "members/ana/index.html"),
        ("standalone", "about/index.html"),
        ("taxonomy_list", "topics/index.html"),
        ("taxonomy_term", "topics/water-quality/index.html"),
        ("author_term", "authors/ana/index.html"),
        ("not_found", "404.html"),
    ];
    for (name, path) in pages {
        insta::assert_snapshot!(name, main_of(&hub.read_out(path)));
    }
}

#[test]
fn base_page_has_language_skip_link_and_no_external_requests() {
    let hub = every_kind();
    hub.build_ok();
    let html = hub.read_out("guides/testing-water/index.html");
    assert!(html.starts_with("<!doctype html>\n<html lang=\"en\" dir=\"ltr\">"));
    assert!(html.contains(r##"<a class="skip-link" href="#main">"##));
    assert!(html.contains(
        r#"<link rel="canonical" href="https://hub.example.org/cop/guides/testing-water/">"#
    ));
    assert!(html.contains(r#"href="/cop/praxis.css""#));
    // Scripts only enhance: search is deferred, and JSON-LD is data, not code.
    assert!(
        !common::without_own_scripts(&html).contains("<script"),
        "no other script"
    );
    assert!(html.contains(
        r#"<form class="site-search" role="search" action="/cop/search/" method="get">"#
    ));
    for attr in ["src=\"http", "href=\"//"] {
        assert!(!html.contains(attr), "external request: {attr}");
    }
}

#[test]
fn links_between_content_files_use_final_urls() {
    let hub = every_kind();
    hub.build_ok();
    let guide = hub.read_out("guides/testing-water/index.html");
    assert!(
        guide.contains(r#"href="/cop/stories/clean-taps/#results""#),
        "{guide}"
    );
    assert!(guide.contains(r#"<h2 id="kits">"#) && guide.contains(r#"<h2 id="kits-1">"#));
    let report = hub.read_out("reports/survey-2025/index.html");
    assert!(report.contains(r#"src="/cop/reports/survey-2025/chart.svg""#));
}

#[test]
fn bundles_publish_their_files_beside_the_page() {
    let hub = every_kind();
    hub.build_ok();
    assert_eq!(
        hub.read_out("reports/survey-2025/survey.pdf"),
        "%PDF-1.4 fixture"
    );
    let report = hub.read_out("reports/survey-2025/index.html");
    assert!(
        report.contains(r#"href="/cop/reports/survey-2025/survey.pdf">Full report"#),
        "{report}"
    );
    assert!(
        report.contains("16 B"),
        "size of the local file is shown: {report}"
    );
    assert_eq!(hub.read_out("favicon.ico"), "icon");
    assert!(hub.read_out("praxis.css").contains("prefers-color-scheme"));
}

#[test]
fn aliases_redirect_and_sitemap_lists_pages() {
    let hub = every_kind();
    hub.build_ok();
    let redirect = hub.read_out("old/testing/index.html");
    assert!(redirect
        .contains(r#"<meta http-equiv="refresh" content="0; url=/cop/guides/testing-water/">"#));
    assert!(redirect.contains(r#"rel="canonical""#));
    let sitemap = hub.read_out("sitemap.xml");
    assert!(sitemap.contains(
        "<loc>https://hub.example.org/cop/guides/testing-water/</loc><lastmod>2025-02-01</lastmod>"
    ));
    assert!(sitemap.contains("<loc>https://hub.example.org/cop/guides/page/2/</loc>"));
    assert!(!sitemap.contains("old/testing"));
    assert!(hub
        .read_out("robots.txt")
        .contains("Sitemap: https://hub.example.org/cop/sitemap.xml"));
    assert!(hub
        .read_out("guides/page/1/index.html")
        .contains("url=/cop/guides/"));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let hub = every_kind();
    hub.write(
        "content/guides/wip.md",
        "---\ntitle: Work in progress\ndraft: true\n---\n",
    );
    let report = hub.build_ok();
    assert!(report.diagnostics.iter().any(|d| d.code == "draft"));
    assert!(!hub.out().join("guides/wip").exists());
    let options = praxis::site::BuildOptions {
        drafts: true,
        ..Default::default()
    };
    hub.build_with(&options).unwrap();
    assert!(hub.read_out("guides/wip/index.html").contains("Draft"));
}

#[test]
fn vocabulary_and_member_mistakes_are_warnings() {
    let hub = every_kind();
    hub.write(
        "content/guides/x.md",
        "---\ntitle: X\ntopics: [water-qualty]\nauthors: [anna]\n---\n",
    );
    let report = hub.build_ok();
    let codes: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.line))
        .collect();
    assert!(codes.contains(&("unknown-term", 3)), "{codes:?}");
    assert!(codes.contains(&("unknown-member", 4)), "{codes:?}");
}

#[test]
fn a_hub_theme_overrides_the_embedded_one_file_by_file() {
    let hub = every_kind();
    hub.write("templates/types/guide.html", "{% extends \"page.html\" %}{% block facts %}{% set guides = get_section(path=\"guides\") %}<p class=\"custom\">{{ guides.count }} guides</p>{% endblock facts %}");
    hub.build_ok();
    assert!(hub
        .read_out("guides/testing-water/index.html")
        .contains(r#"<p class="custom">3 guides</p>"#));
}

#[test]
fn init_writes_a_hub_that_builds_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("new-hub");
    let init = std::process::Command::new(env!("CARGO_BIN_EXE_praxis"))
        .arg("init")
        .arg(&target)
        .output()
        .unwrap();
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let build = std::process::Command::new(env!("CARGO_BIN_EXE_praxis"))
        .args(["--root"])
        .arg(&target)
        .arg("build")
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(!stderr.contains("warning"), "{stderr}");
    assert!(target
        .join("public/guides/getting-started/index.html")
        .is_file());
    assert!(target
        .join("public/members/first-member/index.html")
        .is_file());
    // A second init into the same folder refuses to overwrite.
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_praxis"))
        .arg("init")
        .arg(&target)
        .output()
        .unwrap();
    assert!(!again.status.success());
}
