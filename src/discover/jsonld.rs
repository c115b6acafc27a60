//! schema.org structured data (JSON-LD) for every page kind.

use std::borrow::Borrow;

use serde_json::{json, Map, Value};

use super::{author_links, modified, rfc3339, Author};
use crate::content::Page;
use crate::site::Site;

/// JSON for inside `<script type="application/ld+json">`: `<`, `>` and `&` are written as
/// `\u` escapes, which JSON allows in strings (the only place they can occur), so no value can
/// close the element or open a comment.
pub fn script_text(value: &Value) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn organization(name: &str, url: Option<String>) -> Value {
    let mut org = json!({"@type": "Organization", "name": name});
    if let Some(url) = url {
        org["url"] = json!(url);
    }
    org
}

fn hub_organization(site: &Site) -> Value {
    organization(
        &site.config.title,
        Some(site.permalink(&site.base_path)).filter(|u| u.contains("://")),
    )
}

fn website(site: &Site) -> Value {
    let mut value = json!({
        "@type": "WebSite",
        "name": site.config.title,
        "url": site.permalink(&site.base_path),
    });
    if !site.config.description.is_empty() {
        value["description"] = json!(site.config.description);
    }
    value
}

/// Members as Person with their profile URL; other names as Person, or Organization when the
/// name reads like a group ("Field team").
fn people(authors: Vec<Author>) -> Vec<Value> {
    authors
        .into_iter()
        .map(|a| {
            let kind = if a.url.is_none() && super::Name::parse(&a.name).group {
                "Organization"
            } else {
                "Person"
            };
            let mut value = json!({"@type": kind, "name": a.name});
            if let Some(url) = a.url {
                value["url"] = json!(url);
            }
            value
        })
        .collect()
}

/// Fields every creative work page shares.
fn creative_work(site: &Site, page: &Page, kind: &str) -> Map<String, Value> {
    let permalink = site.permalink(&page.url);
    let mut map = Map::new();
    map.insert("@context".into(), json!("https://schema.org"));
    map.insert("@type".into(), json!(kind));
    map.insert("name".into(), json!(page.fm.title));
    if !page.summary.is_empty() {
        map.insert("description".into(), json!(page.summary));
    }
    map.insert("url".into(), json!(permalink));
    map.insert("mainEntityOfPage".into(), json!(permalink));
    map.insert("inLanguage".into(), json!(page.lang));
    map.insert("isPartOf".into(), website(site));
    let authors = people(author_links(site, &page.fm.authors));
    if !authors.is_empty() {
        map.insert("author".into(), Value::Array(authors));
    }
    if let Some(date) = &page.date {
        map.insert("datePublished".into(), json!(rfc3339(date)));
    }
    if let Some(date) = modified(page) {
        map.insert("dateModified".into(), json!(rfc3339(date)));
    }
    let keywords = super::keywords(site, page);
    if !keywords.is_empty() {
        map.insert("keywords".into(), json!(keywords.join(", ")));
    }
    map.insert("publisher".into(), hub_organization(site));
    map
}

fn article(site: &Site, page: &Page, kind: &str) -> Map<String, Value> {
    let mut map = creative_work(site, page, kind);
    map.insert("headline".into(), json!(page.fm.title));
    map.insert("wordCount".into(), json!(page.word_count()));
    map.insert(
        "timeRequired".into(),
        json!(format!("PT{}M", page.reading_time())),
    );
    if let Some(section) = site.sections.iter().find(|s| s.dir == page.section) {
        if !section.dir.is_empty() {
            map.insert("articleSection".into(), json!(section.title));
        }
    }
    map
}

fn report(site: &Site, page: &Page) -> Map<String, Value> {
    let mut map = article(site, page, "Report");
    if let Some(number) = &page.fm.report_number {
        map.insert("reportNumber".into(), json!(number));
    }
    if let Some(publisher) = &page.fm.publisher {
        map.insert("publisher".into(), organization(publisher, None));
    }
    let files: Vec<Value> = page
        .resources
        .iter()
        .filter(|r| r.local)
        .map(|r| {
            let mut file = json!({
                "@type": "MediaObject",
                "name": r.title,
                "contentUrl": site.permalink(&r.url),
            });
            if let Some(mime) = super::media_type(&r.format) {
                file["encodingFormat"] = json!(mime);
            }
            if let Some(size) = r.size {
                file["contentSize"] = json!(crate::site::human_size(size));
            }
            file
        })
        .collect();
    if !files.is_empty() {
        map.insert("encoding".into(), Value::Array(files));
    }
    map
}

fn is_online_place(location: &str) -> bool {
    matches!(
        location.trim().to_lowercase().as_str(),
        "online" | "virtual" | "remote" | "zoom" | "web"
    )
}

fn event(site: &Site, page: &Page) -> Map<String, Value> {
    let permalink = site.permalink(&page.url);
    let mut map = creative_work(site, page, "Event");
    // Event is not a CreativeWork: its authors are its organizers.
    let organizers = map.remove("author");
    for key in [
        "keywords",
        "publisher",
        "datePublished",
        "dateModified",
        "isPartOf",
    ] {
        map.remove(key);
    }
    map.insert(
        "organizer".into(),
        organizers.unwrap_or_else(|| hub_organization(site)),
    );
    match (page.fm.starts, &page.date) {
        (Some(starts), _) => {
            map.insert("startDate".into(), json!(starts.to_rfc3339()));
        }
        (None, Some(date)) => {
            map.insert("startDate".into(), json!(date.to_rfc3339()));
        }
        _ => {}
    }
    if let Some(ends) = page.fm.ends {
        map.insert("endDate".into(), json!(ends.to_rfc3339()));
    }
    map.insert(
        "eventStatus".into(),
        json!("https://schema.org/EventScheduled"),
    );
    let online_url = page
        .fm
        .online
        .as_ref()
        .and_then(Value::as_str)
        .filter(|u| crate::markdown::is_safe_scheme(u));
    let online = online_url.is_some()
        || page.fm.online.as_ref().and_then(Value::as_bool) == Some(true)
        || page.kind == "webinar";
    let place = page
        .fm
        .location
        .as_deref()
        .filter(|l| !l.trim().is_empty() && !is_online_place(l));
    let mut locations = Vec::new();
    if let Some(place) = place {
        locations.push(json!({"@type": "Place", "name": place, "address": place}));
    }
    if online || locations.is_empty() {
        locations.push(json!({
            "@type": "VirtualLocation",
            "url": online_url.map_or(permalink, str::to_string),
        }));
    }
    let mode = match (online, place.is_some()) {
        (true, true) => "MixedEventAttendanceMode",
        (false, true) => "OfflineEventAttendanceMode",
        _ => "OnlineEventAttendanceMode",
    };
    map.insert(
        "eventAttendanceMode".into(),
        json!(format!("https://schema.org/{mode}")),
    );
    map.insert(
        "location".into(),
        if locations.len() == 1 {
            locations.remove(0)
        } else {
            Value::Array(locations)
        },
    );
    let performers = people(author_links(site, &page.fm.speakers));
    if !performers.is_empty() {
        map.insert("performer".into(), Value::Array(performers));
    }
    map
}

fn video(site: &Site, page: &Page, recording: &str) -> Map<String, Value> {
    let mut map = creative_work(site, page, "VideoObject");
    let is_file = [".mp4", ".webm", ".ogv", ".mov", ".m4v"]
        .iter()
        .any(|ext| recording.to_lowercase().ends_with(ext));
    map.insert(
        if is_file { "contentUrl" } else { "embedUrl" }.into(),
        json!(recording),
    );
    if let Some(date) = &page.date {
        map.insert("uploadDate".into(), json!(rfc3339(date)));
    }
    if let Some(duration) = page
        .fm
        .duration
        .as_deref()
        .and_then(super::duration::iso_duration)
    {
        map.insert("duration".into(), json!(duration));
    }
    let speakers = people(author_links(site, &page.fm.speakers));
    if !speakers.is_empty() {
        map.insert("contributor".into(), Value::Array(speakers));
    }
    map
}

fn person(site: &Site, page: &Page) -> Map<String, Value> {
    let permalink = site.permalink(&page.url);
    let extra = &page.fm.extra;
    let text = |key: &str| extra.get(key).and_then(Value::as_str);
    let list = |key: &str| -> Vec<Value> {
        match extra.get(key) {
            Some(Value::Array(items)) => items.iter().filter(|v| v.is_string()).cloned().collect(),
            Some(Value::String(s)) => vec![json!(s)],
            _ => Vec::new(),
        }
    };
    let mut map = Map::new();
    map.insert("@context".into(), json!("https://schema.org"));
    map.insert("@type".into(), json!("Person"));
    map.insert("name".into(), json!(page.fm.title));
    map.insert("url".into(), json!(permalink));
    map.insert("mainEntityOfPage".into(), json!(permalink));
    if !page.summary.is_empty() {
        map.insert("description".into(), json!(page.summary));
    }
    if let Some(role) = text("role") {
        map.insert("jobTitle".into(), json!(role));
    }
    if let Some(org) = text("organization") {
        map.insert("worksFor".into(), organization(org, None));
    }
    if let Some(country) = text("country") {
        map.insert(
            "workLocation".into(),
            json!({"@type": "Place", "name": country}),
        );
    }
    for (key, field) in [("expertise", "knowsAbout"), ("languages", "knowsLanguage")] {
        let values = list(key);
        if !values.is_empty() {
            map.insert(field.into(), Value::Array(values));
        }
    }
    let links: Vec<&str> = match extra.get("links") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|i| i.get("url").and_then(Value::as_str).or(i.as_str()))
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
            .collect(),
        _ => Vec::new(),
    };
    if !links.is_empty() {
        map.insert("sameAs".into(), json!(links));
    }
    map.insert(
        "memberOf".into(),
        json!({"@type": "Organization", "name": site.config.title}),
    );
    map
}

/// The JSON-LD of a content page, by its type.
pub fn page(site: &Site, page: &Page) -> Value {
    let dated = site.config.types.get(&page.kind).is_some_and(|t| t.dated);
    let map = match page.kind.as_str() {
        "member" => person(site, page),
        "report" => report(site, page),
        "event" => event(site, page),
        "webinar" => match page.fm.recording.as_deref() {
            Some(rec) if crate::markdown::is_safe_scheme(rec) => video(site, page, rec),
            _ => event(site, page),
        },
        "presentation" => article(site, page, "PresentationDigitalDocument"),
        "page" => creative_work(site, page, "WebPage"),
        "guide" | "article" | "story" | "roundtable" => article(site, page, "Article"),
        _ if page.fm.starts.is_some() => event(site, page),
        _ if dated => article(site, page, "Article"),
        _ => creative_work(site, page, "WebPage"),
    };
    Value::Object(map)
}

/// A listing: CollectionPage whose main entity is the list of items on this listing page.
pub fn collection<V: Borrow<Value>>(
    site: &Site,
    name: &str,
    description: &str,
    url: &str,
    items: &[V],
) -> Value {
    let elements: Vec<Value> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let item = item.borrow();
            let url = item.get("url").and_then(Value::as_str).unwrap_or_default();
            json!({
                "@type": "ListItem",
                "position": i + 1,
                "url": site.permalink(url),
                "name": item.get("title").cloned().unwrap_or(Value::Null),
            })
        })
        .collect();
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": name,
        "url": site.permalink(url),
        "inLanguage": site.url_lang(url),
        "isPartOf": website(site),
        "mainEntity": {
            "@type": "ItemList",
            "numberOfItems": elements.len(),
            "itemListElement": elements,
        },
    });
    if !description.is_empty() {
        value["description"] = json!(description);
    }
    value
}

/// The home page: the site's CollectionPage, with the WebSite it introduces.
pub fn home<V: Borrow<Value>>(site: &Site, index: usize, url: &str, items: &[V]) -> Value {
    let section = &site.sections[index];
    let description = section
        .fm
        .summary
        .as_deref()
        .unwrap_or(&site.config.description);
    let mut value = collection(site, &section.title, description, url, items);
    value["about"] = website(site);
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_text_cannot_close_the_element() {
        let text = script_text(&json!({"name": "</script><!-- & more"}));
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "</script><!-- & more");
    }
}
