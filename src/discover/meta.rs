//! The `meta` object of the template context: what each page, listing and term page needs for
//! its head tags (canonical, feeds, OpenGraph, JSON-LD, citation tags), its "Cite this" block,
//! its calendar link and, for event sections, the upcoming/past split.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

use super::{author_links, calendar, citation, feeds, jsonld, keywords, out_path, rfc3339};
use crate::content::{Page, PageId};
use crate::context::{pager_url, Paginator};
use crate::render::Output;
use crate::site::Site;

/// What the default theme's `partials/head_meta.html` and page templates read as `meta`.
#[derive(Debug, Default, Serialize)]
pub struct Meta {
    /// Absolute URL of this page, for `<link rel="canonical">` and `og:url`.
    pub canonical: Option<String>,
    /// Whether search engines should leave the page out (the 404 page).
    pub noindex: bool,
    /// The page's own title, without the hub's name.
    pub title: String,
    /// One or two sentences.
    pub description: String,
    /// OpenGraph type: `article`, `profile` or `website`.
    pub og_type: &'static str,
    /// OpenGraph locale (`en`, `pt_BR`).
    pub locale: String,
    /// RFC 3339 publication time.
    pub published: Option<String>,
    /// RFC 3339 time of the last change.
    pub modified: Option<String>,
    /// Authors: member profile URLs, else names.
    pub authors: Vec<String>,
    /// Topic and tag names.
    pub tags: Vec<String>,
    /// Feeds that cover this page, most specific first.
    pub feeds: Vec<feeds::FeedLink>,
    /// Listings: the feeds of exactly this listing, for visible "follow" links.
    pub follow: Vec<feeds::FeedLink>,
    /// schema.org JSON-LD, already escaped for a `<script type="application/ld+json">` element.
    pub jsonld: Option<String>,
    /// Highwire Press `citation_*` meta tags.
    pub citation: Vec<MetaTag>,
    /// The "Cite this" block.
    pub cite: Option<citation::Cite>,
    /// Events: the `.ics` download and whether the event is over.
    pub calendar: Option<CalendarLink>,
    /// Whether the page is article-like (shows its reading time).
    pub article_like: bool,
    /// Event sections: upcoming and past events.
    pub events: Option<EventGroups>,
}

/// One `<meta name content>` pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MetaTag {
    /// The `name` attribute.
    pub name: &'static str,
    /// The `content` attribute.
    pub content: String,
}

/// An iCalendar file to link to.
#[derive(Debug, Serialize)]
pub struct CalendarLink {
    /// Root-relative URL of the `.ics` file.
    pub url: String,
    /// Whether the event has ended at build time.
    pub past: bool,
}

/// An event listing split at build time.
#[derive(Debug, Serialize)]
pub struct EventGroups {
    /// Events not yet over, soonest first (only on the first listing page).
    pub upcoming: Vec<Value>,
    /// The other events of this listing page, in the section's order.
    pub past: Vec<Value>,
    /// Root-relative URL of the calendar of all events.
    pub calendar_url: Option<String>,
}

/// Shared lookups for building each page's [`Meta`] during rendering.
pub struct Discovery<'a> {
    site: &'a Site,
    summaries: &'a [Value],
    feeds: Vec<feeds::Feed>,
    /// Listing URL → index into `feeds`.
    feed_at: HashMap<String, usize>,
    upcoming: HashSet<PageId>,
    /// Whether the site has a calendar of events.
    has_calendar: bool,
}

/// The feeds of a [`Discovery`], kept between two of the same front-matter.
pub struct KeptFeeds {
    feeds: Vec<feeds::Feed>,
    feed_at: HashMap<String, usize>,
    has_calendar: bool,
}

impl<'a> Discovery<'a> {
    /// Works out which feeds exist and which events are upcoming, once per build.
    pub fn new(site: &'a Site, summaries: &'a [Value]) -> Discovery<'a> {
        let feeds = feeds::all(site);
        let feed_at = feeds
            .iter()
            .enumerate()
            .map(|(i, f)| (f.listing_url.clone(), i))
            .collect();
        let kept = KeptFeeds {
            feeds,
            feed_at,
            has_calendar: !calendar::events(site).is_empty(),
        };
        Discovery::reusing(site, summaries, kept)
    }

    /// What [`Discovery::new`] works out from front-matter alone (which feeds exist and what
    /// they carry), handed back to be reused by [`Discovery::reusing`] while no front-matter
    /// changes (the preview server's fast path).
    pub fn into_kept(self) -> KeptFeeds {
        KeptFeeds {
            feeds: self.feeds,
            feed_at: self.feed_at,
            has_calendar: self.has_calendar,
        }
    }

    /// [`Discovery::new`] with the feeds of an earlier one of the same front-matter.
    pub fn reusing(site: &'a Site, summaries: &'a [Value], kept: KeptFeeds) -> Discovery<'a> {
        let now = Utc::now();
        let upcoming = site
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| is_upcoming(p, now))
            .map(|(i, _)| i)
            .collect();
        Discovery {
            site,
            summaries,
            feeds: kept.feeds,
            feed_at: kept.feed_at,
            upcoming,
            has_calendar: kept.has_calendar,
        }
    }

    /// Every generated file: feeds, calendars, citation downloads.
    pub fn outputs(&self) -> Vec<Output> {
        self.outputs_through(&|output| output)
    }

    /// [`Discovery::outputs`], each file handed to `sink` as soon as it is made, in the same
    /// order: a build writes them at once instead of holding them (the feeds carry their
    /// entries' content, ~40 MB at 10k pages) until the end.
    pub fn outputs_through<T: Send>(&self, sink: &(dyn Fn(Output) -> T + Sync)) -> Vec<T> {
        use rayon::prelude::*;
        let site = self.site;
        let mut out: Vec<T> = self
            .feeds
            .par_iter()
            .flat_map_iter(|feed| feed_files(site, feed))
            .map(sink)
            .collect();
        let events = calendar::events(site);
        if !events.is_empty() {
            out.push(sink(hub_calendar(site, &events)));
            out.extend(events.iter().map(|&id| sink(event_calendar(site, id))));
        }
        for page in site.pages.iter().filter(|p| citation::citable(p)) {
            out.extend(citation_files(site, page).map(sink));
        }
        out
    }

    /// The files of [`Discovery::outputs`] that show page `id`: the feeds carrying it, its
    /// citation files, and its calendar files when it is an event. The same bytes as there.
    pub fn outputs_of_page(&self, id: PageId) -> Vec<Output> {
        let site = self.site;
        let mut out: Vec<Output> = self
            .feeds
            .iter()
            .filter(|f| f.entries.contains(&id))
            .flat_map(|feed| feed_files(site, feed))
            .collect();
        let events = calendar::events(site);
        if events.contains(&id) {
            out.push(hub_calendar(site, &events));
            out.push(event_calendar(site, id));
        }
        let page = &site.pages[id];
        if citation::citable(page) {
            out.extend(citation_files(site, page));
        }
        out
    }

    fn feed_links(&self, listing_urls: &[&str]) -> Vec<feeds::FeedLink> {
        let mut links = Vec::new();
        let mut seen = HashSet::new();
        for url in listing_urls {
            if let Some(&i) = self.feed_at.get(*url) {
                if seen.insert(i) {
                    links.extend(self.feeds[i].links());
                }
            }
        }
        links
    }

    fn base(&self, url: &str, title: &str, description: &str) -> Meta {
        let site = self.site;
        Meta {
            canonical: Some(site.permalink(url)),
            title: title.to_string(),
            description: description.to_string(),
            og_type: "website",
            locale: og_locale(&site.config.language),
            ..Meta::default()
        }
    }

    /// The `meta` of a content page.
    pub fn page(&self, id: PageId) -> Meta {
        let site = self.site;
        let page = &site.pages[id];
        let mut meta = self.base(&page.url, &page.fm.title, &page.summary);
        meta.locale = og_locale(&page.lang);
        meta.article_like = is_article_like(page);
        meta.og_type = if page.member_id.is_some() {
            "profile"
        } else if meta.article_like || page.date.is_some() {
            "article"
        } else {
            "website"
        };
        meta.published = page.date.as_ref().map(rfc3339);
        meta.modified = page.fm.updated.as_ref().map(rfc3339);
        meta.authors = author_links(site, &page.fm.authors)
            .into_iter()
            .map(|a| a.url.unwrap_or(a.name))
            .collect();
        meta.tags = keywords(site, page);
        let section_url = site
            .sections
            .iter()
            .find(|s| s.dir == page.section)
            .map_or(site.base_path.as_str(), |s| s.url.as_str());
        meta.feeds = self.feed_links(&[section_url, home_url(site, &page.lang)]);
        meta.jsonld = Some(jsonld::script_text(&jsonld::page(site, page)));
        if citation::citable(page) {
            let work = citation::Work::of(site, page);
            meta.citation = work.highwire();
            meta.cite = Some(work.cite(page));
        }
        if calendar::is_event(page) {
            meta.calendar = Some(CalendarLink {
                url: format!("{}{}", page.url, calendar::EVENT_FILE),
                past: !self.upcoming.contains(&id),
            });
        }
        meta
    }

    /// The `meta` of one listing page of a section (the home page is section 0).
    pub fn section(&self, index: usize, pager: &Paginator) -> Meta {
        let site = self.site;
        let section = &site.sections[index];
        let description = section
            .fm
            .summary
            .as_deref()
            .unwrap_or(&site.config.description);
        let url = pager_url(&section.url, pager.current_index);
        let mut meta = self.base(&url, &section.title, description);
        meta.locale = og_locale(&section.lang);
        meta.feeds = self.feed_links(&[&section.url, home_url(site, &section.lang)]);
        meta.follow = self.feed_links(&[&section.url]);
        let value = if section.home {
            jsonld::home(site, index, &url, &pager.pages)
        } else {
            jsonld::collection(site, &section.title, description, &url, &pager.pages)
        };
        meta.jsonld = Some(jsonld::script_text(&value));
        if section.kind.as_deref() == Some("event") {
            meta.events = Some(self.event_groups(index, pager));
        }
        meta
    }

    fn event_groups(&self, index: usize, pager: &Paginator) -> EventGroups {
        let site = self.site;
        let section = &site.sections[index];
        let mut upcoming: Vec<PageId> = if pager.current_index == 1 {
            section
                .pages
                .iter()
                .copied()
                .filter(|i| self.upcoming.contains(i))
                .collect()
        } else {
            Vec::new()
        };
        upcoming.sort_by_key(|&i| site.pages[i].fm.starts);
        let upcoming_urls: HashSet<&str> = section
            .pages
            .iter()
            .filter(|i| self.upcoming.contains(i))
            .map(|&i| site.pages[i].url.as_str())
            .collect();
        let past = pager
            .pages
            .iter()
            .filter(|v| {
                !v.get("url")
                    .and_then(Value::as_str)
                    .is_some_and(|u| upcoming_urls.contains(u))
            })
            .map(|v| (*v).clone())
            .collect();
        EventGroups {
            upcoming: upcoming
                .into_iter()
                .map(|i| self.summaries[i].clone())
                .collect(),
            past,
            calendar_url: self
                .has_calendar
                .then(|| format!("{}calendar.ics", calendar::calendar_dir(site))),
        }
    }

    /// The `meta` of a taxonomy's list of terms.
    pub fn taxonomy(&self, index: usize) -> Meta {
        let site = self.site;
        let taxonomy = &site.taxonomies[index];
        let title = crate::config::title_case(&taxonomy.name);
        let mut meta = self.base(&taxonomy.url, &title, &site.config.description);
        meta.locale = og_locale(&taxonomy.lang);
        meta.feeds = self.feed_links(&[home_url(site, &taxonomy.lang)]);
        let items: Vec<Value> = taxonomy
            .terms
            .iter()
            .map(|t| serde_json::json!({"url": t.url, "title": t.name}))
            .collect();
        let value = jsonld::collection(site, &title, "", &taxonomy.url, &items);
        meta.jsonld = Some(jsonld::script_text(&value));
        meta
    }

    /// The `meta` of one listing page of a taxonomy term.
    pub fn term(&self, taxonomy: usize, term: usize, pager: &Paginator) -> Meta {
        let site = self.site;
        let lang = &site.taxonomies[taxonomy].lang;
        let term = &site.taxonomies[taxonomy].terms[term];
        let url = pager_url(&term.url, pager.current_index);
        let mut meta = self.base(&url, &term.name, &term.description);
        meta.locale = og_locale(lang);
        if meta.description.is_empty() {
            meta.description = site.config.description.clone();
        }
        meta.feeds = self.feed_links(&[&term.url, home_url(site, lang)]);
        meta.follow = self.feed_links(&[&term.url]);
        let value = jsonld::collection(site, &term.name, &term.description, &url, &pager.pages);
        meta.jsonld = Some(jsonld::script_text(&value));
        meta
    }

    /// The `meta` of any other page Praxis renders (such as the search page): its canonical
    /// address, the hub's feeds and social cards, without structured data.
    pub fn other(&self, url: &str, title: &str) -> Meta {
        let site = self.site;
        let mut meta = self.base(url, title, &site.config.description);
        meta.feeds = self.feed_links(&[&site.base_path]);
        meta
    }

    /// The `meta` of the 404 page: no canonical address, not indexed.
    pub fn not_found(&self) -> Meta {
        Meta {
            noindex: true,
            title: "Page not found".into(),
            og_type: "website",
            locale: og_locale(&self.site.config.language),
            ..Meta::default()
        }
    }
}

/// Whether an event has not ended yet.
fn is_upcoming(page: &Page, now: DateTime<Utc>) -> bool {
    match (page.fm.starts, page.fm.ends) {
        (_, Some(ends)) => ends >= now,
        (Some(starts), None) => starts >= now,
        _ => false,
    }
}

/// Pages read like articles: everything except members, events and plain pages.
fn is_article_like(page: &Page) -> bool {
    !matches!(page.kind.as_str(), "member" | "event" | "page")
}

/// A feed's Atom and JSON Feed files.
fn feed_files(site: &Site, feed: &feeds::Feed) -> [Output; 2] {
    [
        Output {
            path: out_path(site, &feed.listing_url, "atom.xml"),
            content: feeds::atom(site, feed),
        },
        Output {
            path: out_path(site, &feed.listing_url, "feed.json"),
            content: feeds::json(site, feed),
        },
    ]
}

/// The hub's calendar of every event.
fn hub_calendar(site: &Site, events: &[PageId]) -> Output {
    Output {
        path: out_path(site, &calendar::calendar_dir(site), "calendar.ics"),
        content: calendar::ics(site, events),
    }
}

/// One event's calendar file, beside its page.
fn event_calendar(site: &Site, id: PageId) -> Output {
    Output {
        path: out_path(site, &site.pages[id].url, calendar::EVENT_FILE),
        content: calendar::ics(site, &[id]),
    }
}

/// A citable page's BibTeX and RIS files.
fn citation_files(site: &Site, page: &crate::content::Page) -> [Output; 2] {
    let work = citation::Work::of(site, page);
    [
        Output {
            path: out_path(site, &page.url, "cite.bib"),
            content: work.bibtex(),
        },
        Output {
            path: out_path(site, &page.url, "cite.ris"),
            content: work.ris(),
        },
    ]
}

/// The home page of a language, whose feed covers everything published in it.
fn home_url<'a>(site: &'a Site, lang: &str) -> &'a str {
    &site.sections[site.home(lang)].url
}

/// `pt-BR` → `pt_BR`, as OpenGraph writes locales.
fn og_locale(lang: &str) -> String {
    lang.replace('-', "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_use_underscores() {
        assert_eq!(og_locale("pt-BR"), "pt_BR");
        assert_eq!(og_locale("en"), "en");
    }
}
