//! Discoverability: feeds (parsed with feed-rs), calendars (parsed with icalendar), JSON-LD,
//! OpenGraph, citations (Highwire tags, BibTeX, RIS), download labels, dates and the sitemap.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{DateTime, NaiveDateTime, Utc};
use common::{files_named, Hub};
use serde_json::Value;

/// A fixture hub with a page of each type, events on both sides of the build date and in
/// zones with and without daylight saving time, and text that needs escaping everywhere.
fn discover_hub() -> Hub {
    let hub = Hub::new();
    hub.write(
        "hub.yaml",
        "title: Fixture hub\ndescription: A hub for tests.\nbase_url: https://hub.example.org/cop/\n\
vocabularies:\n  topics:\n    - {id: water-quality, name: Water quality, description: Safe water.}\n",
    );
    hub.write(
        "content/_index.md",
        "---\ntitle: Fixture hub\nsummary: A hub for tests.\n---\nWelcome.\n",
    );
    hub.write(
        "content/members/ana.md",
        "---\ntitle: Ana Lima\nrole: Engineer\norganization: Water Co\nexpertise: [water quality]\n\
links: [{title: Site, url: \"https://ana.example.org\"}]\n---\nAna tests water.\n",
    );
    hub.write(
        "content/guides/testing-water.md",
        "---\ntitle: Testing water\nauthors: [ana, Field team]\ntopics: [water-quality]\ntags: [kits]\n\
updated: 2025-02-01\n---\nWhy test water, and how, in a few words.\n",
    );
    hub.write(
        "content/guides/undated.md",
        "---\ntitle: Undated guide\n---\nNo date at all.\n",
    );
    hub.write(
        "content/guides/wip.md",
        "---\ntitle: Draft guide\ndraft: true\nupdated: 2025-12-01\n---\nNot yet.\n",
    );
    hub.write(
        "content/stories/clean-taps.md",
        "---\ntitle: Clean taps\ndate: 2025-03-01\nauthors: [ana]\ntopics: [water-quality]\n\
summary: \"Taps stayed clean </script><!-- & safe\"\n---\nTaps stayed clean.\n",
    );
    hub.write(
        "content/articles/nudges.md",
        "---\ntitle: Do nudges last?\ndate: 2025-06-03\nauthors: [ana, \"Lucía de la Cruz\"]\n\
topics: [water-quality]\nsummary: What the evidence says.\n---\nSome evidence.\n",
    );
    hub.write(
        "content/reports/survey-2025/index.md",
        "---\ntitle: \"Water & sanitation survey: 100% of {taps}\"\ndate: 2025-04-01\n\
authors: [ana, \"Abena Owusu\", Field team]\npublisher: Fixture CoP\nreport_number: R-1\n\
summary: Findings from 40 districts.\ntopics: [water-quality]\n\
resources: [{title: Full report, path: survey.pdf}, {title: Data, url: \"https://data.example.org/x.csv\"}]\n---\nResults.\n",
    );
    hub.write_bytes(
        "content/reports/survey-2025/survey.pdf",
        &vec![b'%'; 1_234_567],
    );
    hub.write(
        "content/webinars/chlorine.md",
        "---\ntitle: Chlorine at scale\ndate: 2025-05-01T15:00:00+03:00\nrecording: https://video.example.org/1\n\
speakers: [ana, Guest Speaker]\nduration: 60 min\n---\nNotes.\n",
    );
    hub.write(
        "content/events/exchange.md",
        "---\ntitle: Practice exchange\nstarts: 2099-02-18T14:00\nends: 2099-02-18T16:00\ntimezone: Africa/Nairobi\n\
location: \"Hall 3; Room A, Nairobi\"\nonline: true\nsummary: \"Join us, in person or online.\"\n---\nJoin us.\n",
    );
    hub.write(
        "content/events/summer.md",
        "---\ntitle: Summer clinic\nstarts: 2099-07-01T10:00\nends: 2099-07-01T11:30\ntimezone: Europe/Berlin\n\
location: Online\nonline: \"https://meet.example.org/x\"\n---\nOnline clinic.\n",
    );
    hub.write(
        "content/events/founding.md",
        "---\ntitle: Founding meeting\nstarts: 2001-05-10T09:00:00+00:00\nends: 2001-05-10T12:00:00+00:00\n\
location: Accra\nonline: false\n---\nWhere it began.\n",
    );
    hub.write("content/about.md", "---\ntitle: About\n---\nAbout us.\n");
    hub
}

/// The parsed JSON-LD of a page, checking it is the page's only script.
fn jsonld(html: &str) -> Value {
    const OPEN: &str = "<script type=\"application/ld+json\">";
    assert_eq!(html.matches(OPEN).count(), 1, "one JSON-LD block: {html}");
    assert!(
        !common::without_own_scripts(html).contains("<script"),
        "no other script: {html}"
    );
    let start = html.find(OPEN).expect("a JSON-LD script") + OPEN.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).expect("JSON-LD is valid JSON")
}

/// The `content` of every `<meta name="NAME…">` tag, in order, unescaped.
fn meta_tags(html: &str, prefix: &str) -> Vec<(String, String)> {
    html.lines()
        .filter_map(|l| l.strip_prefix("<meta name=\""))
        .filter(|l| l.starts_with(prefix))
        .map(|l| {
            let (name, rest) = l.split_once("\" content=\"").unwrap();
            let content = rest.strip_suffix("\">").unwrap();
            (name.to_string(), content.replace("&amp;", "&"))
        })
        .collect()
}

fn parse_feed(path: &Path) -> feed_rs::model::Feed {
    let bytes = std::fs::read(path).unwrap();
    feed_rs::parser::parse(bytes.as_slice())
        .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()))
}

fn entry_titles(feed: &feed_rs::model::Feed) -> Vec<String> {
    feed.entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.clone())
        .collect()
}

#[test]
fn every_feed_parses_and_carries_what_readers_need() {
    let hub = discover_hub();
    hub.build_ok();
    let atoms = files_named(&hub.out(), "atom.xml");
    let jsons = files_named(&hub.out(), "feed.json");
    assert_eq!(atoms.len(), jsons.len());
    // The hub, each section with dated pages, and each term.
    for dir in [
        "",
        "guides/",
        "stories/",
        "articles/",
        "reports/",
        "webinars/",
        "events/",
        "topics/water-quality/",
        "authors/ana/",
        "tags/kits/",
    ] {
        assert!(
            hub.out().join(dir).join("atom.xml").is_file(),
            "{dir}atom.xml"
        );
    }
    assert!(
        !hub.out().join("members/atom.xml").exists(),
        "profiles are not publications"
    );
    for path in &atoms {
        let feed = parse_feed(path);
        assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
        assert_eq!(feed.language.as_deref(), Some("en"));
        // Each entry names its language (feed-rs reads xml:lang only from <content>).
        let text = std::fs::read_to_string(path).unwrap();
        assert_eq!(
            text.matches("<entry xml:lang=\"en\">").count(),
            feed.entries.len()
        );
        assert!(!feed.entries.is_empty(), "{}", path.display());
        assert!(feed.updated.is_some());
        for entry in &feed.entries {
            assert!(
                entry.id.starts_with("https://hub.example.org/cop/"),
                "{}",
                entry.id
            );
            assert!(entry.updated.is_some(), "Atom entries need <updated>");
            assert!(entry.links[0]
                .href
                .starts_with("https://hub.example.org/cop/"));
        }
    }
    for path in &jsons {
        let feed = parse_feed(path);
        assert_eq!(feed.feed_type, feed_rs::model::FeedType::JSON);
        let raw: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(raw["version"], "https://jsonfeed.org/version/1.1");
        for item in raw["items"].as_array().unwrap() {
            assert!(item["id"].is_string() && item["url"].is_string());
            assert!(
                item["content_text"].is_string(),
                "JSON Feed items need content"
            );
            assert_eq!(item["language"], "en");
        }
    }

    // The whole hub: newest first, dated pages only, no drafts or profiles.
    let hub_feed = parse_feed(&hub.out().join("atom.xml"));
    assert_eq!(
        entry_titles(&hub_feed),
        [
            "Summer clinic",
            "Practice exchange",
            "Do nudges last?",
            "Chlorine at scale",
            "Water & sanitation survey: 100% of {taps}",
            "Clean taps",
            "Testing water",
            "Founding meeting",
        ]
    );
    let guide = &hub_feed.entries[6];
    assert_eq!(
        guide.id,
        "https://hub.example.org/cop/guides/testing-water/"
    );
    assert_eq!(guide.published, None, "a guide has no publication date");
    assert_eq!(
        guide.updated.unwrap().to_rfc3339(),
        "2025-02-01T00:00:00+00:00"
    );
    let authors: Vec<_> = guide
        .authors
        .iter()
        .map(|p| (p.name.clone().unwrap(), p.uri.clone()))
        .collect();
    assert_eq!(
        authors,
        [
            (
                "Ana Lima".to_string(),
                Some("https://hub.example.org/cop/members/ana/".to_string())
            ),
            ("Field team".to_string(), None)
        ]
    );
    assert_eq!(guide.categories[0].term, "water-quality");
    assert_eq!(guide.categories[0].label.as_deref(), Some("Water quality"));
    let webinar = &hub_feed.entries[3];
    assert_eq!(
        webinar.published.unwrap().to_rfc3339(),
        "2025-05-01T12:00:00+00:00"
    );
    let story = &hub_feed.entries[5];
    assert_eq!(
        story.summary.as_ref().unwrap().content,
        "Taps stayed clean </script><!-- & safe"
    );

    let guides = parse_feed(&hub.out().join("guides/atom.xml"));
    assert_eq!(
        entry_titles(&guides),
        ["Testing water"],
        "undated and draft guides are left out"
    );
    let topic = parse_feed(&hub.out().join("topics/water-quality/feed.json"));
    assert_eq!(topic.entries.len(), 4);
    assert_eq!(
        topic.title.unwrap().content,
        "Water quality · Topics · Fixture hub"
    );
}

#[test]
fn feeds_are_linked_from_the_pages_they_cover() {
    let hub = discover_hub();
    hub.build_ok();
    let has_feed = |page: &str, dir: &str| {
        let html = hub.read_out(page);
        for (file, kind) in [
            ("atom.xml", "application/atom+xml"),
            ("feed.json", "application/feed+json"),
        ] {
            let needle = format!("href=\"/cop/{dir}{file}\">");
            let line = html
                .lines()
                .find(|l| l.starts_with("<link rel=\"alternate\"") && l.ends_with(&needle))
                .unwrap_or_else(|| panic!("{page} links {dir}{file}"));
            assert!(line.contains(&format!("type=\"{kind}\"")), "{line}");
        }
    };
    has_feed("index.html", "");
    has_feed("guides/index.html", "guides/");
    has_feed("guides/index.html", "");
    has_feed("guides/testing-water/index.html", "guides/");
    has_feed("guides/testing-water/index.html", "");
    has_feed("topics/water-quality/index.html", "topics/water-quality/");
    has_feed("topics/index.html", "");
    // Listings also show their feeds to people.
    let listing = hub.read_out("guides/index.html");
    assert!(listing.contains(
        "<p class=\"follow\">Follow in a feed reader: <a href=\"/cop/guides/atom.xml\" type=\"application/atom+xml\">Atom</a>"
    ));
}

#[test]
fn feeds_work_without_an_absolute_base_url() {
    let hub = discover_hub();
    hub.write("hub.yaml", "title: Fixture hub\nbase_url: /hub/\n");
    hub.build_ok();
    let feed = parse_feed(&hub.out().join("atom.xml"));
    let ids: BTreeSet<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), feed.entries.len(), "ids are unique");
    assert!(ids.iter().all(|id| id.starts_with("urn:uuid:")), "{ids:?}");
    assert!(feed.entries[0].links[0].href.starts_with("/hub/"));
    // The same hub built again gives the same ids.
    hub.build_ok();
    let again = parse_feed(&hub.out().join("atom.xml"));
    assert_eq!(feed.entries[0].id, again.entries[0].id);
}

/// A property's value and its TZID parameter.
fn prop<'a>(c: &'a icalendar::parser::Component<'a>, name: &str) -> (String, Option<String>) {
    let p = c
        .find_prop(name)
        .unwrap_or_else(|| panic!("{} has no {name}", c.name.as_str()));
    let tzid = p
        .params
        .iter()
        .find(|x| x.key.as_str() == "TZID")
        .and_then(|x| x.val.as_ref())
        .map(|v| v.as_str().to_string());
    (p.val.as_str().to_string(), tzid)
}

/// The UTC instant of a DTSTART or DTEND, read only from the calendar text: a `…Z` time, or a
/// local time with a TZID resolved through the file's own VTIMEZONE observances.
fn utc_of(
    calendar: &icalendar::parser::Calendar,
    event: &icalendar::parser::Component,
    name: &str,
) -> DateTime<Utc> {
    let (value, tzid) = prop(event, name);
    if let Some(utc) = value.strip_suffix('Z') {
        return NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S")
            .unwrap()
            .and_utc();
    }
    let local = NaiveDateTime::parse_from_str(&value, "%Y%m%dT%H%M%S").unwrap();
    let tzid = tzid.expect("a local time names its zone");
    let zone = calendar
        .components
        .iter()
        .find(|c| c.name.as_str() == "VTIMEZONE" && prop(c, "TZID").0 == tzid)
        .unwrap_or_else(|| panic!("no VTIMEZONE for {tzid}"));
    let observance = zone
        .components
        .iter()
        .filter(|o| {
            NaiveDateTime::parse_from_str(&prop(o, "DTSTART").0, "%Y%m%dT%H%M%S").unwrap() <= local
        })
        .max_by_key(|o| prop(o, "DTSTART").0)
        .expect("an observance covers the time");
    let offset = prop(observance, "TZOFFSETTO").0;
    let sign = if offset.starts_with('-') { -1 } else { 1 };
    let hours: i64 = offset[1..3].parse().unwrap();
    let minutes: i64 = offset[3..5].parse().unwrap();
    (local - chrono::Duration::minutes(sign * (hours * 60 + minutes))).and_utc()
}

/// Checks RFC 5545's framing: CRLF line ends and no line longer than 75 octets.
fn check_framing(text: &str, name: &str) {
    assert!(text.ends_with("END:VCALENDAR\r\n"), "{name}");
    assert!(!text.replace("\r\n", "").contains('\n'), "{name}: bare LF");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{name}: {} octets: {line}", line.len());
    }
}

#[test]
fn calendars_parse_and_keep_time_zones() {
    let hub = discover_hub();
    hub.build_ok();
    let text = hub.read_out("events/calendar.ics");
    check_framing(&text, "calendar.ics");
    let unfolded = icalendar::parser::unfold(&text);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("calendar.ics parses");
    let typed: icalendar::Calendar = text.parse().expect("typed parse");
    assert_eq!(typed.components.len(), calendar.components.len());
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect();
    let summaries: Vec<String> = events.iter().map(|e| prop(e, "SUMMARY").0).collect();
    assert_eq!(
        summaries,
        ["Founding meeting", "Practice exchange", "Summer clinic"]
    );

    // Africa/Nairobi, 14:00 local = 11:00 UTC, written with its zone.
    let exchange = events[1];
    assert_eq!(
        prop(exchange, "DTSTART"),
        (
            "20990218T140000".to_string(),
            Some("Africa/Nairobi".to_string())
        )
    );
    assert_eq!(
        utc_of(&calendar, exchange, "DTSTART").to_rfc3339(),
        "2099-02-18T11:00:00+00:00"
    );
    assert_eq!(
        utc_of(&calendar, exchange, "DTEND").to_rfc3339(),
        "2099-02-18T13:00:00+00:00"
    );
    assert!(text.contains("BEGIN:VTIMEZONE\r\nTZID:Africa/Nairobi\r\nBEGIN:STANDARD\r\n"));
    assert!(text.contains("TZOFFSETTO:+0300\r\nTZNAME:EAT\r\n"));
    // Text values are escaped (RFC 5545 §3.3.11) and read back as written.
    assert!(text.contains("\r\nLOCATION:Hall 3\\; Room A\\, Nairobi\r\n"));
    assert_eq!(prop(exchange, "LOCATION").0, "Hall 3; Room A, Nairobi");
    assert_eq!(prop(exchange, "SUMMARY").0, "Practice exchange");
    assert_eq!(
        prop(exchange, "UID").0,
        "https://hub.example.org/cop/events/exchange/"
    );

    // Europe/Berlin in July is on summer time: a DAYLIGHT observance from the March change.
    let summer = events[2];
    assert_eq!(
        utc_of(&calendar, summer, "DTSTART").to_rfc3339(),
        "2099-07-01T08:00:00+00:00"
    );
    assert!(text.contains(
        "TZID:Europe/Berlin\r\nBEGIN:DAYLIGHT\r\nDTSTART:20990329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT\r\n"
    ), "{text}");
    assert!(prop(summer, "DESCRIPTION")
        .0
        .contains("Join online: https://meet.example.org/x"));

    // Without a zone the time is UTC.
    let founding = events[0];
    assert_eq!(
        prop(founding, "DTSTART"),
        ("20010510T090000Z".to_string(), None)
    );

    // One file per event, each a calendar of its own with the same UID.
    for (slug, event) in [
        ("exchange", exchange),
        ("summer", summer),
        ("founding", founding),
    ] {
        let own = hub.read_out(&format!("events/{slug}/event.ics"));
        check_framing(&own, slug);
        let unfolded = icalendar::parser::unfold(&own);
        let parsed = icalendar::parser::read_calendar(&unfolded).expect("event.ics parses");
        let vevents: Vec<_> = parsed
            .components
            .iter()
            .filter(|c| c.name.as_str() == "VEVENT")
            .collect();
        assert_eq!(vevents.len(), 1);
        assert_eq!(prop(vevents[0], "UID"), prop(event, "UID"));
        assert_eq!(
            utc_of(&parsed, vevents[0], "DTSTART"),
            utc_of(&calendar, event, "DTSTART")
        );
        for required in ["DTSTAMP", "DTSTART", "SUMMARY", "URL"] {
            assert!(
                vevents[0].find_prop(required).is_some(),
                "{slug}: {required}"
            );
        }
    }
    let uids: BTreeSet<String> = events.iter().map(|e| prop(e, "UID").0).collect();
    assert_eq!(uids.len(), 3);

    // Rebuilding gives byte-identical calendars (DTSTAMP comes from the content).
    hub.build_ok();
    assert_eq!(hub.read_out("events/calendar.ics"), text);
}

#[test]
fn event_listings_split_upcoming_and_past_at_build_time() {
    let hub = discover_hub();
    hub.build_ok();
    let listing = hub.read_out("events/index.html");
    let upcoming = listing
        .find("<h2 id=\"upcoming-heading\">Upcoming events</h2>")
        .unwrap();
    let past = listing
        .find("<h2 id=\"past-heading\">Past events</h2>")
        .unwrap();
    let position = |title: &str| listing.find(&format!(">{title}</a>")).unwrap();
    assert!(upcoming < position("Practice exchange"));
    assert!(
        position("Practice exchange") < position("Summer clinic"),
        "soonest first"
    );
    assert!(position("Summer clinic") < past);
    assert!(past < position("Founding meeting"));
    assert!(listing
        .contains("<a href=\"/cop/events/calendar.ics\">Subscribe to the events calendar</a>"));
    assert!(listing.contains("<link rel=\"alternate\" type=\"text/calendar\""));

    let future = hub.read_out("events/exchange/index.html");
    assert!(
        future.contains("<a href=\"/cop/events/exchange/event.ics\" download>Add to calendar</a>")
    );
    assert!(!future.contains("This event has ended"));
    assert!(future.contains("<span class=\"zone\">Africa/Nairobi (UTC+03:00)</span>"));
    let over = hub.read_out("events/founding/index.html");
    assert!(over.contains("<strong>This event has ended.</strong>"));
}

#[test]
fn json_ld_of_each_page_type() {
    let hub = discover_hub();
    hub.build_ok();
    let page = |path: &str| jsonld(&hub.read_out(path));
    let root = "https://hub.example.org/cop/";

    let guide = page("guides/testing-water/index.html");
    assert_eq!(guide["@context"], "https://schema.org");
    assert_eq!(guide["@type"], "Article");
    assert_eq!(guide["headline"], "Testing water");
    assert_eq!(guide["url"], format!("{root}guides/testing-water/"));
    assert_eq!(guide["author"][0]["@type"], "Person");
    assert_eq!(guide["author"][0]["url"], format!("{root}members/ana/"));
    assert_eq!(guide["author"][1]["@type"], "Organization");
    assert_eq!(guide["dateModified"], "2025-02-01T00:00:00Z");
    assert_eq!(guide["keywords"], "Water quality, kits");
    assert_eq!(guide["publisher"]["name"], "Fixture hub");

    let story = page("stories/clean-taps/index.html");
    assert_eq!(story["@type"], "Article");
    assert_eq!(story["datePublished"], "2025-03-01T00:00:00Z");
    assert_eq!(
        story["description"],
        "Taps stayed clean </script><!-- & safe"
    );
    let raw = hub.read_out("stories/clean-taps/index.html");
    assert!(raw.contains("Taps stayed clean \\u003c/script\\u003e\\u003c!-- \\u0026 safe"));

    assert_eq!(page("articles/nudges/index.html")["@type"], "Article");

    let report = page("reports/survey-2025/index.html");
    assert_eq!(report["@type"], "Report");
    assert_eq!(report["reportNumber"], "R-1");
    assert_eq!(report["publisher"]["name"], "Fixture CoP");
    assert_eq!(
        report["encoding"][0]["contentUrl"],
        format!("{root}reports/survey-2025/survey.pdf")
    );
    assert_eq!(report["encoding"][0]["encodingFormat"], "application/pdf");

    let webinar = page("webinars/chlorine/index.html");
    assert_eq!(webinar["@type"], "VideoObject");
    assert_eq!(webinar["embedUrl"], "https://video.example.org/1");
    assert_eq!(webinar["uploadDate"], "2025-05-01T15:00:00+03:00");
    assert_eq!(webinar["duration"], "PT1H");
    assert_eq!(webinar["contributor"][1]["name"], "Guest Speaker");

    let mixed = page("events/exchange/index.html");
    assert_eq!(mixed["@type"], "Event");
    assert_eq!(mixed["startDate"], "2099-02-18T14:00:00+03:00");
    assert_eq!(mixed["endDate"], "2099-02-18T16:00:00+03:00");
    assert_eq!(
        mixed["eventAttendanceMode"],
        "https://schema.org/MixedEventAttendanceMode"
    );
    assert_eq!(mixed["location"][0]["@type"], "Place");
    assert_eq!(mixed["location"][0]["name"], "Hall 3; Room A, Nairobi");
    assert_eq!(mixed["location"][1]["@type"], "VirtualLocation");
    let online = page("events/summer/index.html");
    assert_eq!(
        online["eventAttendanceMode"],
        "https://schema.org/OnlineEventAttendanceMode"
    );
    assert_eq!(online["location"]["@type"], "VirtualLocation");
    assert_eq!(online["location"]["url"], "https://meet.example.org/x");
    let offline = page("events/founding/index.html");
    assert_eq!(
        offline["eventAttendanceMode"],
        "https://schema.org/OfflineEventAttendanceMode"
    );
    assert_eq!(offline["location"]["@type"], "Place");

    let member = page("members/ana/index.html");
    assert_eq!(member["@type"], "Person");
    assert_eq!(member["name"], "Ana Lima");
    assert_eq!(member["jobTitle"], "Engineer");
    assert_eq!(member["worksFor"]["name"], "Water Co");
    assert_eq!(member["sameAs"][0], "https://ana.example.org");

    assert_eq!(page("about/index.html")["@type"], "WebPage");

    for (path, items) in [
        ("index.html", 1),
        ("guides/index.html", 2),
        ("events/index.html", 3),
        ("topics/index.html", 1),
        ("topics/water-quality/index.html", 4),
    ] {
        let listing = page(path);
        assert_eq!(listing["@type"], "CollectionPage", "{path}");
        assert_eq!(listing["mainEntity"]["@type"], "ItemList");
        assert_eq!(listing["mainEntity"]["numberOfItems"], items, "{path}");
    }
    let guides = page("guides/index.html");
    assert_eq!(
        guides["mainEntity"]["itemListElement"][0]["url"],
        format!("{root}guides/testing-water/")
    );
}

#[test]
fn every_page_has_one_canonical_link_and_social_cards() {
    let hub = discover_hub();
    hub.build_ok();
    for (path, canonical) in [
        ("index.html", ""),
        ("guides/index.html", "guides/"),
        ("guides/testing-water/index.html", "guides/testing-water/"),
        ("members/ana/index.html", "members/ana/"),
        ("topics/index.html", "topics/"),
        ("topics/water-quality/index.html", "topics/water-quality/"),
    ] {
        let html = hub.read_out(path);
        let expected =
            format!("<link rel=\"canonical\" href=\"https://hub.example.org/cop/{canonical}\">");
        assert_eq!(html.matches("rel=\"canonical\"").count(), 1, "{path}");
        assert!(html.contains(&expected), "{path}");
        assert!(html.contains(&format!(
            "<meta property=\"og:url\" content=\"https://hub.example.org/cop/{canonical}\">"
        )));
        assert!(html.contains("<meta name=\"twitter:card\" content=\"summary\">"));
    }
    let guide = hub.read_out("guides/testing-water/index.html");
    assert!(guide.contains("<meta property=\"og:type\" content=\"article\">"));
    assert!(guide.contains("<meta property=\"og:title\" content=\"Testing water\">"));
    assert!(guide
        .contains("<meta property=\"article:modified_time\" content=\"2025-02-01T00:00:00Z\">"));
    assert!(guide.contains(
        "<meta property=\"article:author\" content=\"https://hub.example.org/cop/members/ana/\">"
    ));
    assert!(hub
        .read_out("members/ana/index.html")
        .contains("<meta property=\"og:type\" content=\"profile\">"));
    assert!(hub
        .read_out("guides/index.html")
        .contains("<meta property=\"og:type\" content=\"website\">"));
    let not_found = hub.read_out("404.html");
    assert!(!not_found.contains("rel=\"canonical\""));
    assert!(not_found.contains("<meta name=\"robots\" content=\"noindex\">"));
}

#[test]
fn a_report_has_citation_tags_and_bibtex_and_ris_downloads() {
    let hub = discover_hub();
    hub.build_ok();
    let html = hub.read_out("reports/survey-2025/index.html");
    let root = "https://hub.example.org/cop/reports/survey-2025/";
    let expected: Vec<(String, String)> = [
        (
            "citation_title",
            "Water & sanitation survey: 100% of {taps}",
        ),
        ("citation_author", "Lima, Ana"),
        ("citation_author", "Owusu, Abena"),
        ("citation_author", "Field team"),
        ("citation_publication_date", "2025/04/01"),
        ("citation_publisher", "Fixture CoP"),
        ("citation_technical_report_institution", "Fixture CoP"),
        ("citation_technical_report_number", "R-1"),
        ("citation_pdf_url", &format!("{root}survey.pdf")),
        ("citation_fulltext_html_url", root),
        ("citation_language", "en"),
    ]
    .iter()
    .map(|(n, c)| (n.to_string(), c.to_string()))
    .collect();
    assert_eq!(meta_tags(&html, "citation_"), expected);

    assert_eq!(
        hub.read_out("reports/survey-2025/cite.bib"),
        "@techreport{lima2025water,
  author = {Lima, Ana and Owusu, Abena and {Field team}},
  title = {{Water \\& sanitation survey: 100\\% of \\textbraceleft{}taps\\textbraceright{}}},
  institution = {Fixture CoP},
  number = {R-1},
  year = {2025},
  month = apr,
  url = {https://hub.example.org/cop/reports/survey-2025/},
  language = {en}
}
"
    );
    assert_eq!(
        hub.read_out("reports/survey-2025/cite.ris"),
        "TY  - RPRT\r
AU  - Lima, Ana\r
AU  - Owusu, Abena\r
AU  - Field team\r
TI  - Water & sanitation survey: 100% of {taps}\r
PY  - 2025\r
DA  - 2025/04/01\r
PB  - Fixture CoP\r
SN  - R-1\r
UR  - https://hub.example.org/cop/reports/survey-2025/\r
L1  - https://hub.example.org/cop/reports/survey-2025/survey.pdf\r
AB  - Findings from 40 districts.\r
KW  - Water quality\r
LA  - en\r
ER  - \r
"
    );
    assert!(html.contains(
        "<p class=\"citation\">Lima, A., Owusu, A., &amp; Field team. (2025). <i>Water &amp; sanitation survey: 100% of {taps}</i> (Report No. R-1). Fixture CoP. https://hub.example.org/cop/reports/survey-2025/</p>"
    ), "{html}");
    assert!(html.contains("<a href=\"/cop/reports/survey-2025/cite.bib\" download>BibTeX</a>"));
    assert!(html.contains("<a href=\"/cop/reports/survey-2025/cite.ris\" download>RIS</a>"));
}

#[test]
fn an_article_is_citable_and_other_pages_are_not() {
    let hub = discover_hub();
    hub.build_ok();
    assert_eq!(
        hub.read_out("articles/nudges/cite.bib"),
        "@misc{lima2025nudges,
  author = {Lima, Ana and de la Cruz, Lucía},
  title = {{Do nudges last?}},
  howpublished = {Fixture hub},
  year = {2025},
  month = jun,
  url = {https://hub.example.org/cop/articles/nudges/},
  language = {en}
}
"
    );
    let html = hub.read_out("articles/nudges/index.html");
    assert!(html.contains(
        "<p class=\"citation\">Lima, A., &amp; de la Cruz, L. (2025, June 3). <i>Do nudges last?</i> Fixture hub. https://hub.example.org/cop/articles/nudges/</p>"
    ));
    let tags = meta_tags(&html, "citation_");
    assert!(tags.contains(&("citation_author".into(), "de la Cruz, Lucía".into())));
    assert!(!tags
        .iter()
        .any(|(n, _)| n == "citation_technical_report_number"));
    assert!(hub
        .read_out("articles/nudges/cite.ris")
        .starts_with("TY  - ELEC\r\n"));
    let guide = hub.read_out("guides/testing-water/index.html");
    assert!(meta_tags(&guide, "citation_").is_empty());
    assert!(!guide.contains("Cite this"));
    assert!(!hub.out().join("guides/testing-water/cite.bib").exists());
}

#[test]
fn downloads_show_type_and_size_in_decimal_units() {
    let hub = discover_hub();
    hub.build_ok();
    let html = hub.read_out("reports/survey-2025/index.html");
    assert!(html.contains(
        "<a class=\"button\" href=\"/cop/reports/survey-2025/survey.pdf\">Full report <span class=\"size\">(PDF, 1.2 MB)</span></a>"
    ), "{html}");
    assert!(html.contains(
        "<li><a href=\"/cop/reports/survey-2025/survey.pdf\">Full report</a> <span class=\"meta\">(PDF, 1.2 MB)</span></li>"
    ));
    assert!(html.contains("<li><a href=\"https://data.example.org/x.csv\">Data</a> <span class=\"meta\">(CSV)</span></li>"));
}

#[test]
fn reading_time_updated_dates_and_sitemap_lastmod() {
    let hub = discover_hub();
    hub.build_ok();
    let guide = hub.read_out("guides/testing-water/index.html");
    assert!(guide.contains(" · 1 min read"), "short guides show it too");
    assert!(guide.contains("Updated <time datetime=\"2025-02-01\">1 February 2025</time>"));
    assert!(!hub.read_out("members/ana/index.html").contains("min read"));
    let sitemap = hub.read_out("sitemap.xml");
    for (url, day) in [
        ("guides/testing-water/", "2025-02-01"),
        ("guides/", "2025-02-01"),
        ("reports/", "2025-04-01"),
        ("topics/water-quality/", "2025-06-03"),
        ("topics/", "2025-06-03"),
        ("", "2099-07-01"),
    ] {
        let entry = format!("<loc>https://hub.example.org/cop/{url}</loc><lastmod>{day}</lastmod>");
        assert!(sitemap.contains(&entry), "{entry}\n{sitemap}");
    }
}

#[test]
fn git_history_gives_last_updated_dates_when_asked() {
    let hub = discover_hub();
    hub.write(
        "hub.yaml",
        "title: Fixture hub\nbase_url: https://hub.example.org/cop/\ngit_dates: true\n",
    );
    // Without a repository the build goes on and says why there are no git dates.
    let report = hub.build_ok();
    assert!(
        report.diagnostics.iter().any(|d| d.code == "git-dates"),
        "{:#?}",
        report.diagnostics
    );
    assert!(!hub
        .read_out("guides/undated/index.html")
        .contains("Updated"));

    hub.git(&["init", "-q"], "2030-01-01T10:00:00+00:00");
    hub.git(&["add", "content"], "2030-01-01T10:00:00+00:00");
    hub.git(
        &["commit", "-q", "-m", "first"],
        "2030-01-01T10:00:00+00:00",
    );
    hub.write(
        "content/guides/undated.md",
        "---\ntitle: Undated guide\n---\nRevised.\n",
    );
    hub.write("content/reports/survey-2025/survey.pdf", "%PDF new edition");
    hub.git(&["add", "content"], "2031-03-04T09:30:00+02:00");
    hub.git(
        &["commit", "-q", "-m", "revise"],
        "2031-03-04T09:30:00+02:00",
    );

    let report = hub.build_ok();
    assert!(!report.diagnostics.iter().any(|d| d.code == "git-dates"));
    let undated = hub.read_out("guides/undated/index.html");
    assert!(
        undated
            .contains("Updated <time datetime=\"2031-03-04T09:30:00+02:00\">4 March 2031</time>"),
        "{undated}"
    );
    // A bundle is as new as its newest file.
    assert!(hub
        .read_out("reports/survey-2025/index.html")
        .contains("Updated <time datetime=\"2031-03-04T09:30:00+02:00\">"));
    // Front-matter `updated` wins over git.
    assert!(hub
        .read_out("guides/testing-water/index.html")
        .contains("Updated <time datetime=\"2025-02-01\">"));
    // A page whose date is later than its last commit shows no update.
    assert!(!hub
        .read_out("events/exchange/index.html")
        .contains("Updated"));
    let sitemap = hub.read_out("sitemap.xml");
    assert!(sitemap.contains(
        "<loc>https://hub.example.org/cop/guides/undated/</loc><lastmod>2031-03-04</lastmod>"
    ));
    let guides = parse_feed(&hub.out().join("guides/atom.xml"));
    assert_eq!(entry_titles(&guides), ["Undated guide", "Testing water"]);
}

#[test]
fn the_example_hub_feeds_calendars_and_structured_data_are_valid() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("site");
    praxis::pipeline::build(root, &out, &Default::default(), &|_| {}).expect("example hub builds");
    let atoms = files_named(&out, "atom.xml");
    let jsons = files_named(&out, "feed.json");
    assert!(atoms.len() > 20, "{} Atom feeds", atoms.len());
    assert_eq!(atoms.len(), jsons.len());
    for path in atoms.iter().chain(&jsons) {
        let feed = parse_feed(path);
        assert!(!feed.entries.is_empty(), "{}", path.display());
        for entry in &feed.entries {
            assert!(
                entry.id.starts_with("https://wellspring.example.org/"),
                "{}",
                entry.id
            );
            assert!(entry.updated.is_some() || entry.published.is_some());
        }
    }
    let calendars: Vec<_> = files_named(&out, "calendar.ics")
        .into_iter()
        .chain(files_named(&out, "event.ics"))
        .collect();
    assert!(calendars.len() >= 3);
    for path in &calendars {
        let text = std::fs::read_to_string(path).unwrap();
        check_framing(&text, &path.display().to_string());
        let unfolded = icalendar::parser::unfold(&text);
        let calendar = icalendar::parser::read_calendar(&unfolded).expect("parses");
        for event in calendar
            .components
            .iter()
            .filter(|c| c.name.as_str() == "VEVENT")
        {
            utc_of(&calendar, event, "DTSTART");
        }
    }
    // The Practice Exchange: 14:00 in Nairobi is 11:00 UTC, as its page says.
    let text =
        std::fs::read_to_string(out.join("events/practice-exchange-2027/event.ics")).unwrap();
    let unfolded = icalendar::parser::unfold(&text);
    let calendar = icalendar::parser::read_calendar(&unfolded).unwrap();
    let event = calendar
        .components
        .iter()
        .find(|c| c.name.as_str() == "VEVENT")
        .unwrap();
    assert_eq!(
        utc_of(&calendar, event, "DTSTART").to_rfc3339(),
        "2027-02-18T11:00:00+00:00"
    );

    // Every HTML page's JSON-LD parses and names a type.
    let pages: Vec<_> = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .collect();
    let mut types = BTreeSet::new();
    for page in &pages {
        let html = std::fs::read_to_string(page.path()).unwrap();
        let Some(start) = html.find("<script type=\"application/ld+json\">") else {
            assert!(
                page.path().ends_with("404.html")
                    || html.contains("http-equiv=\"refresh\"")
                    || page.path().parent().unwrap().ends_with("search")
                    || page.path().parent().unwrap().ends_with("offline"),
                "{} has no JSON-LD",
                page.path().display()
            );
            continue;
        };
        let start = start + "<script type=\"application/ld+json\">".len();
        let end = start + html[start..].find("</script>").unwrap();
        let value: Value = serde_json::from_str(&html[start..end]).unwrap();
        types.insert(value["@type"].as_str().unwrap().to_string());
    }
    let expected: BTreeSet<String> = [
        "Article",
        "CollectionPage",
        "Event",
        "Person",
        "PresentationDigitalDocument",
        "Report",
        "VideoObject",
        "WebPage",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(types, expected);
    let bib = std::fs::read_to_string(out.join("reports/rural-water-functionality-2025/cite.bib"))
        .unwrap();
    assert!(bib.starts_with("@techreport{asante2025rural,\n  author = {Asante, Kwame and Owusu, Abena and Alhassan, Yakubu},"));
}
