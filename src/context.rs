//! Template context: the serializable views of pages, sections and terms that templates see.
//!
//! Views borrow from the site instead of copying it, and the site-wide parts (the hub, each
//! page's summary) are serialized once and reused, because serializing site-wide data for every
//! page is what makes tera-based generators slow. `docs/templates.md` documents every field.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use serde_json::Value;

use crate::content::{Link, Page, PageId, ResourceLink, Section};
use crate::frontmatter::PageDate;
use crate::i18n::Strings;
use crate::markdown::TocEntry;
use crate::site::Site;
use crate::taxonomy::Taxonomy;

/// A date ready to print: machine form for `<time datetime>` and a human form.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// `YYYY-MM-DD` or RFC 3339.
    pub iso: String,
    /// "14 March 2025".
    pub display: String,
    /// The year, for grouping.
    pub year: i32,
}

impl DateView {
    /// Views a front-matter date, written out in `lang`.
    pub fn of(date: &PageDate, strings: &Strings, lang: &str) -> DateView {
        DateView {
            iso: date.to_rfc3339(),
            display: strings.day(lang, date.day),
            year: chrono::Datelike::year(&date.day),
        }
    }
}

/// An event time shown in its own time zone, with the zone named.
#[derive(Debug, Clone, Serialize)]
pub struct TimeView {
    /// RFC 3339.
    pub iso: String,
    /// "18 February 2027, 14:00".
    pub display: String,
    /// "18 February 2027".
    pub date: String,
    /// "14:00".
    pub time: String,
    /// "Africa/Nairobi (UTC+03:00)" or "UTC+03:00".
    pub zone: String,
}

impl TimeView {
    fn of(
        time: &DateTime<FixedOffset>,
        timezone: Option<&str>,
        strings: &Strings,
        lang: &str,
    ) -> TimeView {
        let offset = time.format("UTC%:z").to_string();
        let date = strings.day(lang, time.date_naive());
        let clock = time.format("%H:%M").to_string();
        TimeView {
            iso: time.to_rfc3339(),
            display: format!("{date}, {clock}"),
            date,
            time: clock,
            zone: match timezone {
                Some(tz) => format!("{tz} ({offset})"),
                None => offset,
            },
        }
    }
}

/// What a listing shows of a page.
#[derive(Debug, Serialize)]
pub struct PageSummary<'a> {
    /// Title.
    pub title: &'a str,
    /// Root-relative URL.
    pub url: &'a str,
    /// Content type.
    pub kind: &'a str,
    /// The type's label ("Guide").
    pub type_name: &'a str,
    /// Publication date.
    pub date: Option<DateView>,
    /// Summary text.
    pub summary: &'a str,
    /// Authors, linked to member pages where they are members.
    pub authors: Vec<Link>,
    /// Topics, linked to their term pages.
    pub topics: Vec<Link>,
    /// Regions, linked to their term pages.
    pub regions: Vec<Link>,
    /// Language code.
    pub lang: &'a str,
    /// Whether the page is a draft.
    pub draft: bool,
    /// Events: when they start.
    pub starts: Option<TimeView>,
    /// Events: where.
    pub location: Option<&'a str>,
    /// Members: role and organization.
    pub role: Option<&'a str>,
}

/// Everything a page template sees as `page`.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    /// The listing fields.
    #[serde(flatten)]
    pub summary: PageSummary<'a>,
    /// Full URL when the base URL is absolute.
    pub permalink: String,
    /// The rendered body.
    pub content: &'a str,
    /// Nested table of contents.
    pub toc: &'a [TocEntry],
    /// Last update.
    pub updated: Option<DateView>,
    /// Tags, linked to their term pages.
    pub tags: Vec<Link>,
    /// Resolved resources, with formats and sizes.
    pub resources: &'a [ResourceLink],
    /// Webinar fields.
    pub recording: Option<&'a str>,
    /// Webinar speakers, linked where they are members.
    pub speakers: Vec<Link>,
    /// Webinar duration.
    pub duration: Option<&'a str>,
    /// Event end.
    pub ends: Option<TimeView>,
    /// Event time zone.
    pub timezone: Option<&'a str>,
    /// Whether the event is online.
    pub online: bool,
    /// The link to join an online event.
    pub online_url: Option<&'a str>,
    /// Report publisher.
    pub publisher: Option<&'a str>,
    /// Report number.
    pub report_number: Option<&'a str>,
    /// Words in the body.
    pub word_count: usize,
    /// Minutes to read.
    pub reading_time: usize,
    /// Front-matter keys Praxis does not define.
    pub extra: &'a std::collections::BTreeMap<String, Value>,
    /// Source path relative to `content/`.
    pub source: &'a str,
    /// Members: profile fields read from front-matter, each a list of text.
    pub profile: Profile,
}

/// Member profile fields, read leniently so a stray value type never breaks a template.
#[derive(Debug, Default, Serialize)]
pub struct Profile {
    /// Job title.
    pub role: Option<String>,
    /// Employer or affiliation.
    pub organization: Option<String>,
    /// Country of work.
    pub country: Option<String>,
    /// Areas of expertise.
    pub expertise: Vec<String>,
    /// Languages spoken.
    pub languages: Vec<String>,
    /// Web links (only http and https ones are kept).
    pub links: Vec<Link>,
}

fn text_list(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| match v {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn profile(extra: &std::collections::BTreeMap<String, Value>) -> Profile {
    let text = |key: &str| extra.get(key).and_then(Value::as_str).map(str::to_owned);
    let links = match extra.get("links") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|item| {
                let url = item
                    .get("url")
                    .and_then(Value::as_str)
                    .or_else(|| item.as_str())?;
                let name = item.get("title").and_then(Value::as_str).unwrap_or(url);
                let web = url.starts_with("https://") || url.starts_with("http://");
                web.then(|| Link {
                    name: name.to_string(),
                    url: Some(url.to_string()),
                })
            })
            .collect(),
        _ => Vec::new(),
    };
    Profile {
        role: text("role"),
        organization: text("organization"),
        country: text("country"),
        expertise: text_list(extra.get("expertise")),
        languages: text_list(extra.get("languages")),
        links,
    }
}

/// Lookup tables shared by every view built from one site.
pub struct Views<'a> {
    site: &'a Site,
    /// Interface strings, for dates and type names in the page's language.
    strings: &'a Strings,
    /// (language, taxonomy, term slug) → link: a French page links French term pages.
    terms: HashMap<(&'a str, &'a str, String), Link>,
}

impl<'a> Views<'a> {
    /// Prepares the lookups for a site.
    pub fn new(site: &'a Site, strings: &'a Strings) -> Views<'a> {
        let mut terms = HashMap::new();
        for taxonomy in &site.taxonomies {
            for term in &taxonomy.terms {
                terms.insert(
                    (
                        taxonomy.lang.as_str(),
                        taxonomy.name.as_str(),
                        term.slug.clone(),
                    ),
                    Link {
                        name: term.name.clone(),
                        url: Some(term.url.clone()),
                    },
                );
            }
        }
        Views {
            site,
            strings,
            terms,
        }
    }

    /// The language whose taxonomies a page's terms link to.
    fn term_lang<'p>(&'p self, page: &'p Page) -> &'p str {
        if self.site.config.multilingual() {
            &page.lang
        } else {
            &self.site.config.language
        }
    }

    fn term_links(&self, page: &Page, taxonomy: &str, values: &[String]) -> Vec<Link> {
        let lang = self.term_lang(page);
        values
            .iter()
            .map(|value| {
                self.terms
                    .get(&(lang, taxonomy, crate::paths::slugify(value)))
                    .cloned()
                    .unwrap_or_else(|| Link {
                        name: value.clone(),
                        url: None,
                    })
            })
            .collect()
    }

    fn people(&self, values: &[String]) -> Vec<Link> {
        values
            .iter()
            .map(|value| match self.site.member(value) {
                Some(member) => Link {
                    name: member.fm.title.clone(),
                    url: Some(member.url.clone()),
                },
                None => Link {
                    name: value.clone(),
                    url: None,
                },
            })
            .collect()
    }

    /// A page's type as readers see it: the name hub.yaml gives it in the default language,
    /// else the interface strings' `type_<kind>` in the page's language, else the built-in name.
    fn type_name(&self, page: &Page) -> &'a str {
        let config = &self.site.config;
        let declared = config
            .declared_types
            .get(&page.kind)
            .and_then(|t| t.name.as_deref())
            .filter(|_| page.lang == config.language);
        declared
            .or_else(|| {
                self.strings
                    .lookup(&page.lang, &format!("type_{}", page.kind))
            })
            .or(config.types.get(&page.kind).map(|t| t.name.as_str()))
            .unwrap_or("Page")
    }

    /// The listing view of a page.
    pub fn summary(&self, page: &'a Page) -> PageSummary<'a> {
        let extra_str = |key: &str| page.fm.extra.get(key).and_then(Value::as_str);
        PageSummary {
            title: &page.fm.title,
            url: &page.url,
            kind: &page.kind,
            type_name: self.type_name(page),
            date: page
                .date
                .as_ref()
                .map(|d| DateView::of(d, self.strings, &page.lang)),
            summary: &page.summary,
            authors: self.people(&page.fm.authors),
            topics: self.term_links(page, "topics", &page.fm.topics),
            regions: self.term_links(page, "regions", &page.fm.regions),
            lang: &page.lang,
            draft: page.fm.draft,
            starts: page
                .fm
                .starts
                .as_ref()
                .map(|t| TimeView::of(t, page.fm.timezone.as_deref(), self.strings, &page.lang)),
            location: page.fm.location.as_deref(),
            role: extra_str("role"),
        }
    }

    /// The full view of a page, for its own template.
    pub fn page(&self, page: &'a Page) -> PageView<'a> {
        self.page_showing(page, &page.rendered.html)
    }

    /// [`Views::page`] with the rendered body given apart, when it was taken out of the page.
    pub fn page_showing<'b>(&self, page: &'a Page, content: &'b str) -> PageView<'b>
    where
        'a: 'b,
    {
        let online_url = page.fm.online.as_ref().and_then(Value::as_str);
        PageView {
            summary: self.summary(page),
            permalink: self.site.permalink(&page.url),
            content,
            toc: &page.rendered.toc,
            updated: page
                .fm
                .updated
                .as_ref()
                .map(|d| DateView::of(d, self.strings, &page.lang)),
            tags: self.term_links(page, "tags", &page.fm.tags),
            resources: &page.resources,
            recording: page
                .fm
                .recording
                .as_deref()
                .filter(|u| crate::markdown::is_safe_scheme(u)),
            speakers: self.people(&page.fm.speakers),
            duration: page.fm.duration.as_deref(),
            ends: page
                .fm
                .ends
                .as_ref()
                .map(|t| TimeView::of(t, page.fm.timezone.as_deref(), self.strings, &page.lang)),
            timezone: page.fm.timezone.as_deref(),
            online: online_url.is_some()
                || page
                    .fm
                    .online
                    .as_ref()
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
            online_url: online_url.filter(|u| crate::markdown::is_safe_scheme(u)),
            publisher: page.fm.publisher.as_deref(),
            report_number: page.fm.report_number.as_deref(),
            word_count: page.word_count(),
            reading_time: page.reading_time(),
            extra: &page.fm.extra,
            source: &page.rel,
            profile: if page.member_id.is_some() {
                profile(&page.fm.extra)
            } else {
                Profile::default()
            },
        }
    }

    /// Every page's listing view, serialized once for reuse in every listing.
    pub fn all_summaries(&self) -> Vec<Value> {
        use rayon::prelude::*;
        self.site
            .pages
            .par_iter()
            .map(|page| serde_json::to_value(self.summary(page)).unwrap_or(Value::Null))
            .collect()
    }

    /// The breadcrumb trail above a section (home first), ending with the section itself.
    pub fn breadcrumbs(&self, section_dir: &str) -> Vec<Link> {
        let mut trail = Vec::new();
        let mut dir = section_dir;
        loop {
            let mut home = dir.is_empty();
            if let Some(section) = self.site.sections.iter().find(|s| s.dir == dir) {
                // A language's home ends the trail: French pages do not lead back to English.
                home |= section.home;
                let name = if home {
                    "Home".to_string()
                } else {
                    section.title.clone()
                };
                trail.push(Link {
                    name,
                    url: Some(section.url.clone()),
                });
            }
            if home {
                break;
            }
            dir = dir.rfind('/').map_or("", |i| &dir[..i]);
        }
        trail.reverse();
        trail
    }
}

/// What `section` holds in section and home templates.
#[derive(Debug, Serialize)]
pub struct SectionView<'a> {
    /// Title.
    pub title: &'a str,
    /// Root-relative URL.
    pub url: &'a str,
    /// Rendered `_index.md` body.
    pub content: &'a str,
    /// `_index.md` summary.
    pub summary: Option<&'a str>,
    /// The type of its pages.
    pub kind: Option<&'a str>,
    /// Number of pages.
    pub count: usize,
    /// Sections below it.
    pub subsections: Vec<Link>,
}

/// Views a section.
pub fn section_view<'a>(site: &'a Site, section: &'a Section) -> SectionView<'a> {
    SectionView {
        title: &section.title,
        url: &section.url,
        content: &section.rendered.html,
        summary: section.fm.summary.as_deref(),
        kind: section.kind.as_deref(),
        count: section.pages.len(),
        subsections: section
            .children
            .iter()
            .map(|&i| Link {
                name: site.sections[i].title.clone(),
                url: Some(site.sections[i].url.clone()),
            })
            .collect(),
    }
}

/// One page of a paginated listing.
#[derive(Debug, Serialize)]
pub struct Paginator<'a> {
    /// The items on this page (page summaries, borrowed: serializing them gives the same JSON).
    pub pages: Vec<&'a Value>,
    /// The ids of the pages in `pages`.
    #[serde(skip)]
    pub ids: &'a [PageId],
    /// 1-based number of this page.
    pub current_index: usize,
    /// Number of pages in all.
    pub number_pagers: usize,
    /// Items in all.
    pub total_items: usize,
    /// URL of the first page.
    pub first: String,
    /// URL of the last page.
    pub last: String,
    /// URL of the previous page.
    pub previous: Option<String>,
    /// URL of the next page.
    pub next: Option<String>,
}

impl Paginator<'_> {
    /// The paginator as a template value. Cloning the summaries costs a fraction of serializing
    /// them again, which is what `tera::Context::insert` would do.
    pub fn to_value(&self) -> Value {
        // Not `json!`: it would serialize the cloned pages once more.
        let mut value = serde_json::json!({
            "current_index": self.current_index,
            "number_pagers": self.number_pagers,
            "total_items": self.total_items,
            "first": self.first,
            "last": self.last,
            "previous": self.previous,
            "next": self.next,
        });
        if let Value::Object(map) = &mut value {
            let pages = self.pages.iter().map(|&v| v.clone()).collect();
            map.insert("pages".into(), Value::Array(pages));
        }
        value
    }
}

/// URL of page `n` (1-based) of a listing at `base`.
pub fn pager_url(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

/// Splits a listing into pages of `per_page`; an empty listing still has one (empty) page.
pub fn paginate<'a>(
    ids: &'a [PageId],
    summaries: &'a [Value],
    per_page: usize,
    base: &str,
) -> Vec<Paginator<'a>> {
    (0..pager_count(ids.len(), per_page))
        .map(|n| pager(ids, summaries, per_page, base, n))
        .collect()
}

/// How many pages a listing of `items` has (one even when it is empty).
pub fn pager_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page.max(1)).max(1)
}

/// Page `n` (0-based) of [`paginate`], built alone: a job renders one page of a listing.
pub fn pager<'a>(
    ids: &'a [PageId],
    summaries: &'a [Value],
    per_page: usize,
    base: &str,
    n: usize,
) -> Paginator<'a> {
    let per_page = per_page.max(1);
    let count = pager_count(ids.len(), per_page);
    let start = (n * per_page).min(ids.len());
    let chunk = &ids[start..(start + per_page).min(ids.len())];
    let number = n + 1;
    Paginator {
        pages: chunk.iter().map(|&id| &summaries[id]).collect(),
        ids: chunk,
        current_index: number,
        number_pagers: count,
        total_items: ids.len(),
        first: pager_url(base, 1),
        last: pager_url(base, count),
        previous: (number > 1).then(|| pager_url(base, number - 1)),
        next: (number < count).then(|| pager_url(base, number + 1)),
    }
}

/// A taxonomy as its list page sees it.
#[derive(Debug, Serialize)]
pub struct TaxonomyView<'a> {
    /// Its name (`topics`).
    pub name: &'a str,
    /// Its label ("Topics").
    pub title: String,
    /// Root-relative URL.
    pub url: &'a str,
    /// Terms with their counts.
    pub terms: Vec<TermView<'a>>,
}

/// A term as listed.
#[derive(Debug, Serialize)]
pub struct TermView<'a> {
    /// Display name.
    pub name: &'a str,
    /// URL segment.
    pub slug: &'a str,
    /// Root-relative URL.
    pub url: &'a str,
    /// Vocabulary description.
    pub description: &'a str,
    /// Number of pages.
    pub count: usize,
}

/// Views a taxonomy.
pub fn taxonomy_view(taxonomy: &Taxonomy) -> TaxonomyView<'_> {
    TaxonomyView {
        terms: taxonomy.terms.iter().map(term_view).collect(),
        ..taxonomy_header(taxonomy)
    }
}

/// Views a taxonomy without its terms (for a term's own page).
pub fn taxonomy_header(taxonomy: &Taxonomy) -> TaxonomyView<'_> {
    TaxonomyView {
        name: &taxonomy.name,
        title: crate::config::title_case(&taxonomy.name),
        url: &taxonomy.url,
        terms: Vec::new(),
    }
}

/// Views one term.
pub fn term_view(term: &crate::taxonomy::Term) -> TermView<'_> {
    TermView {
        name: &term.name,
        slug: &term.slug,
        url: &term.url,
        description: &term.description,
        count: term.pages.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pager_of_a_listing_counts_and_links_the_whole_listing() {
        let summaries: Vec<Value> = (0..45).map(|i| Value::from(i as u64)).collect();
        let ids: Vec<PageId> = (0..45).rev().collect();
        let third = pager(&ids, &summaries, 20, "/guides/", 2);
        assert_eq!(
            third.pages,
            vec![
                &summaries[4],
                &summaries[3],
                &summaries[2],
                &summaries[1],
                &summaries[0]
            ]
        );
        assert_eq!(
            (third.current_index, third.number_pagers, third.total_items),
            (3, 3, 45)
        );
        assert_eq!(third.previous.as_deref(), Some("/guides/page/2/"));
        assert_eq!((third.next, third.last.as_str()), (None, "/guides/page/3/"));
        let empty = pager(&[], &summaries, 20, "/guides/", 0);
        assert!(empty.pages.is_empty() && empty.number_pagers == 1);
        assert_eq!(pager_count(40, 20), 2);
        assert_eq!(pager_count(41, 20), 3);
    }

    #[test]
    fn pagination_links_pages() {
        let summaries: Vec<Value> = (0..5).map(Value::from).collect();
        let pages = paginate(&[0, 1, 2, 3, 4], &summaries, 2, "/guides/");
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[0].previous, None);
        assert_eq!(pages[0].next.as_deref(), Some("/guides/page/2/"));
        assert_eq!(pages[2].pages, vec![&Value::from(4)]);
        assert_eq!(pages[1].previous.as_deref(), Some("/guides/"));
        assert_eq!(
            pages[1].to_value(),
            serde_json::to_value(&pages[1]).unwrap()
        );
    }
}
