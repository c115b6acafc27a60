//! The reader experience on fixture hubs: responsive images, related content, the home page of
//! a community, offline reading only when the hub asks for it, and what printing needs.

mod common;

use std::path::Path;

use common::Hub;

fn write_jpeg(hub: &Hub, rel: &str, width: u32, height: u32) {
    let path = hub.root().join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    })
    .save(&path)
    .unwrap();
}

fn write_png(hub: &Hub, rel: &str, width: u32, height: u32) {
    let path = hub.root().join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    image::RgbaImage::from_fn(width, height, |x, _| {
        image::Rgba([0, 90, (x % 256) as u8, 255])
    })
    .save(&path)
    .unwrap();
}

fn dimensions(path: &Path) -> (u32, u32) {
    image::image_dimensions(path).unwrap()
}

#[test]
fn large_images_get_resized_copies_srcset_dimensions_and_a_download() {
    let hub = Hub::new();
    hub.write(
        "content/stories/pumps/index.md",
        "---\ntitle: Pumps\ndate: 2025-01-01\n---\n\n![A repaired handpump](pump.jpg)\n\nText.\n\n![Map of the district](map.png)\n\n![Logo](logo.png)\n\n[![Linked photo](pump.jpg)](pump.jpg)\n",
    );
    write_jpeg(&hub, "content/stories/pumps/pump.jpg", 2000, 1500);
    write_png(&hub, "content/stories/pumps/map.png", 1000, 500);
    write_png(&hub, "content/stories/pumps/logo.png", 300, 100);
    hub.write(
        "content/stories/pumps/chart.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 400\"><title>Chart</title></svg>",
    );
    let body = std::fs::read_to_string(hub.root().join("content/stories/pumps/index.md")).unwrap();
    hub.write(
        "content/stories/pumps/index.md",
        &format!("{body}\n![Bar chart of repairs](chart.svg)\n"),
    );
    hub.build_ok();
    let out = hub.out().join("stories/pumps");

    // Copies narrower than the original, at the documented widths, with the aspect ratio kept.
    assert_eq!(dimensions(&out.join("pump-480w.jpg")), (480, 360));
    assert_eq!(dimensions(&out.join("pump-960w.jpg")), (960, 720));
    assert_eq!(dimensions(&out.join("pump-1440w.jpg")), (1440, 1080));
    assert_eq!(dimensions(&out.join("map-480w.png")), (480, 240));
    assert_eq!(dimensions(&out.join("map-960w.png")), (960, 480));
    assert!(
        !out.join("map-1440w.png").exists(),
        "no copy wider than the original"
    );
    assert!(
        !out.join("logo-480w.png").exists(),
        "small images are left as they are"
    );
    // The originals stay published, byte for byte.
    assert_eq!(
        std::fs::read(out.join("pump.jpg")).unwrap(),
        std::fs::read(hub.root().join("content/stories/pumps/pump.jpg")).unwrap()
    );
    let copy = std::fs::metadata(out.join("pump-960w.jpg")).unwrap().len();
    let original = std::fs::metadata(out.join("pump.jpg")).unwrap().len();
    assert!(
        copy < original,
        "the 960 px copy ({copy} B) is lighter than the original ({original} B)"
    );

    let html = hub.read_out("stories/pumps/index.html");
    assert!(html.contains(r#"<img src="/stories/pumps/pump-960w.jpg" alt="A repaired handpump" width="2000" height="1500" srcset="/stories/pumps/pump-480w.jpg 480w, /stories/pumps/pump-960w.jpg 960w, /stories/pumps/pump-1440w.jpg 1440w, /stories/pumps/pump.jpg 2000w" sizes="(min-width: 46rem) 44rem, calc(100vw - 2rem)" decoding="async">"#), "{html}");
    assert!(html.contains(r#"<a class="image-original" href="/stories/pumps/pump.jpg" download>Full-size image<span class="visually-hidden">: A repaired handpump</span></a> <span class="meta">(JPEG, "#), "{html}");
    // Images after the first are lazy; small ones only get their size.
    assert!(html.contains(r#"alt="Map of the district" width="1000" height="500" srcset="/stories/pumps/map-480w.png 480w, /stories/pumps/map-960w.png 960w, /stories/pumps/map.png 1000w""#), "{html}");
    assert!(html.contains(r#"<img src="/stories/pumps/logo.png" alt="Logo" width="300" height="100" loading="lazy" decoding="async">"#), "{html}");
    // An image that already is a link gets no second link inside the first.
    let linked = &html[html.find("alt=\"Linked photo\"").unwrap()..];
    assert!(
        linked[..linked.find("</a>").unwrap()]
            .find("image-original")
            .is_none(),
        "{linked}"
    );
    assert_eq!(
        html.matches("class=\"image-original\"").count(),
        2,
        "{html}"
    );
    // A drawing gets its size from its viewBox, and nothing else.
    assert!(html.contains(r#"<img src="/stories/pumps/chart.svg" alt="Bar chart of repairs" width="640" height="400" loading="lazy" decoding="async">"#), "{html}");
}

#[test]
fn a_damaged_image_is_a_warning_and_the_page_still_builds() {
    let hub = Hub::new();
    hub.write(
        "content/guides/g/index.md",
        "---\ntitle: G\n---\n\n![A chart](chart.png)\n",
    );
    hub.write("content/guides/g/chart.png", "not really a PNG");
    let report = hub.build_ok();
    let warning = report
        .diagnostics
        .iter()
        .find(|d| d.code == "unreadable-image")
        .expect("a warning");
    assert_eq!(warning.file, Path::new("content/guides/g/index.md"));
    assert!(hub
        .read_out("guides/g/index.html")
        .contains(r#"<img src="/guides/g/chart.png" alt="A chart""#));
}

fn community() -> Hub {
    let hub = Hub::new();
    hub.write(
        "hub.yaml",
        "title: Fixture hub\nbase_url: https://hub.example.org/cop/\nvocabularies:\n  topics: [water-quality, sanitation, financing]\n",
    );
    hub.write(
        "content/_index.md",
        "---\ntitle: Fixture hub\nsummary: Practitioners who keep water flowing.\n---\nWe share what works.\n",
    );
    hub.write(
        "content/guides/testing.md",
        "---\ntitle: Testing water\ntopics: [water-quality]\ntags: [kits]\n---\nHow.\n",
    );
    hub.write(
        "content/guides/tariffs.md",
        "---\ntitle: Setting tariffs\ntopics: [financing]\n---\nHow.\n",
    );
    hub.write("content/stories/kits.md", "---\ntitle: Kits in schools\ndate: 2025-03-01\ntopics: [water-quality, financing]\ntags: [kits]\n---\nWhat happened.\n");
    hub.write(
        "content/stories/older.md",
        "---\ntitle: An older story\ndate: 2020-03-01\ntopics: [water-quality]\n---\nLong ago.\n",
    );
    hub.write(
        "content/reports/r.md",
        "---\ntitle: Annual report\ndate: 2025-04-01\ntopics: [sanitation]\n---\nFindings.\n",
    );
    hub.write("content/events/meet.md", "---\ntitle: Annual meeting\ndate: 2099-01-01\nstarts: 2099-02-18T14:00:00+03:00\n---\nCome.\n");
    hub.write(
        "content/members/ana.md",
        "---\ntitle: Ana Lima\nrole: Engineer\nregions: [east-africa]\n---\nAna.\n",
    );
    hub.write(
        "content/members/ben.md",
        "---\ntitle: Ben Okoro\nrole: Economist\nregions: [east-africa]\n---\nBen.\n",
    );
    hub.write("content/about.md", "---\ntitle: About\n---\nAbout us.\n");
    hub
}

#[test]
fn the_home_page_shows_purpose_latest_items_events_topics_and_members() {
    let hub = community();
    hub.build_ok();
    let home = hub.read_out("index.html");
    let at = |text: &str| {
        home.find(text)
            .unwrap_or_else(|| panic!("{text} missing:\n{home}"))
    };
    let purpose = at("Practitioners who keep water flowing.");
    let upcoming = at(r#"<h2 id="upcoming-heading">Upcoming events</h2>"#);
    let latest = at(r#"<h2 id="latest-heading">Latest</h2>"#);
    let topics = at(r#"<h2 id="topics-heading">Topics</h2>"#);
    let members = at(r#"<h2 id="members-heading">Members</h2>"#);
    assert!(purpose < upcoming && upcoming < latest && latest < topics && topics < members);
    assert!(home[upcoming..latest].contains(">Annual meeting</a>"));
    for kind in ["guide", "story", "report", "event"] {
        assert!(
            home.contains(&format!("<h3 id=\"latest-{kind}\">")),
            "{kind}"
        );
    }
    assert!(
        !home.contains("latest-member"),
        "members are not a 'latest' group"
    );
    assert!(home[topics..members].contains(r#"<a href="/cop/topics/water-quality/">Water Quality <span class="count">(3)</span></a>"#), "{home}");
    assert!(home[members..].contains(
        r#"<a href="/cop/members/ana/">Ana Lima</a> <span class="meta">Engineer</span>"#
    ));
    assert!(home[members..].contains(r#"<a href="/cop/members/">All 2 members</a>"#));
    assert_eq!(home.matches("<h1").count(), 1);
}

#[test]
fn every_page_shows_related_content_by_shared_topics_and_tags() {
    let hub = community();
    hub.build_ok();
    let related = |path: &str| -> Vec<String> {
        let html = hub.read_out(path);
        let Some(start) = html.find("<section class=\"related\"") else {
            return Vec::new();
        };
        let section = &html[start..start + html[start..].find("</section>").unwrap()];
        section
            .split("<li><a href=\"")
            .skip(1)
            .map(|li| li[..li.find('"').unwrap()].to_string())
            .collect()
    };
    // Topic and tag in common first, then the topic alone, newest first.
    assert_eq!(
        related("guides/testing/index.html"),
        ["/cop/stories/kits/", "/cop/stories/older/"]
    );
    // Members are related to members (here by region).
    assert_eq!(related("members/ana/index.html"), ["/cop/members/ben/"]);
    // A page that shares nothing still offers somewhere to go: the newest of the hub.
    let about = related("about/index.html");
    assert_eq!(about.len(), 4, "{about:?}");
    assert_eq!(about[0], "/cop/events/meet/");
    for page in [
        "guides/tariffs/index.html",
        "stories/kits/index.html",
        "reports/r/index.html",
        "events/meet/index.html",
    ] {
        assert!(!related(page).is_empty(), "{page} shows related content");
    }
}

#[test]
fn term_pages_show_the_terms_given_together_with_theirs() {
    let hub = community();
    hub.build_ok();
    let water = hub.read_out("topics/water-quality/index.html");
    assert!(
        water.contains(
            r#"<h2 id="related-heading">Related topics</h2>
<ul class="chips"><li><a href="/cop/topics/financing/">financing</a></li></ul>"#
        ),
        "{water}"
    );
    assert!(hub
        .read_out("topics/financing/index.html")
        .contains(r#"<li><a href="/cop/topics/water-quality/">Water Quality</a></li>"#));
    assert!(
        !hub.read_out("topics/sanitation/index.html")
            .contains("related-heading"),
        "a term given alone has no related terms"
    );
}

#[test]
fn offline_reading_is_published_only_when_the_hub_enables_it() {
    let hub = community();
    hub.build_ok();
    for file in ["sw.js", "offline.js", "offline/index.html"] {
        assert!(
            !hub.out().join(file).exists(),
            "{file} without offline: true"
        );
    }
    let guide = hub.read_out("guides/testing/index.html");
    assert!(
        !guide.contains("offline"),
        "no offline markup without offline: true"
    );

    let yaml = std::fs::read_to_string(hub.root().join("hub.yaml")).unwrap();
    hub.write("hub.yaml", &format!("{yaml}offline: true\n"));
    hub.build_ok();
    let sw = hub.read_out("sw.js");
    assert!(sw.contains("self.registration.scope") && sw.contains("caches"));
    assert!(hub.out().join("offline.js").is_file());
    let offline = hub.read_out("offline/index.html");
    assert!(offline.contains("<h1>Saved for offline reading</h1>"));
    assert!(offline.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(
        offline.contains("<noscript>"),
        "it says what happens without JavaScript"
    );

    let script =
        r#"<script src="/cop/offline.js" data-base="/cop/" data-sw="/cop/sw.js" defer></script>"#;
    for page in [
        "index.html",
        "guides/testing/index.html",
        "stories/kits/index.html",
    ] {
        assert!(
            hub.read_out(page).contains(script),
            "{page} registers the service worker"
        );
    }
    let button = r#"<p class="save-offline" data-pending><button type="button" class="button" data-offline-save="/cop/guides/testing/">Save for offline reading</button>"#;
    assert!(hub.read_out("guides/testing/index.html").contains(button));
    assert!(hub
        .read_out("reports/r/index.html")
        .contains(r#"data-offline-save="/cop/reports/r/""#));
    for page in [
        "stories/kits/index.html",
        "members/ana/index.html",
        "about/index.html",
    ] {
        assert!(
            !hub.read_out(page).contains("data-offline-save"),
            "{page}: only guides and reports"
        );
    }
    assert!(hub
        .read_out("index.html")
        .contains(r#"<a href="/cop/offline/">Pages saved for offline reading</a>"#));
}

#[test]
fn printed_pages_can_show_full_link_addresses() {
    let hub = community();
    hub.build_ok();
    let guide = hub.read_out("guides/testing/index.html");
    assert!(
        guide.contains(r#"<body style="--origin:'https://hub.example.org'">"#),
        "{guide}"
    );
    assert!(
        guide.contains(r#"<p class="print-only">https://hub.example.org/cop/guides/testing/</p>"#)
    );
    let css = hub.read_out("praxis.css");
    let print = &css[css.find("@media print").unwrap()..];
    assert!(print.contains(r#"content: " (" var(--origin, "") attr(href) ")""#));
    assert!(
        print.contains(".cite { border-block-start"),
        "the citation block stays in print"
    );

    // A hub published under a path gets no origin to add.
    hub.write("hub.yaml", "title: Fixture hub\nbase_url: /hub/\n");
    hub.build_ok();
    assert!(hub
        .read_out("guides/testing/index.html")
        .contains("\n<body>\n"));
}

#[test]
fn task_list_checkboxes_are_labelled() {
    let hub = Hub::new();
    hub.write(
        "content/guides/check.md",
        "---\ntitle: Checklist\n---\n\n- [x] Soap\n- [ ] Water\n",
    );
    hub.build_ok();
    let html = hub.read_out("guides/check/index.html");
    assert!(html.contains(r#"checked="" aria-label="Done">"#), "{html}");
    assert!(
        html.contains(r#"type="checkbox" aria-label="To do">"#),
        "{html}"
    );
}
