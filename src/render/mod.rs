//! Rendering: every output page of the site through the theme's tera templates, in parallel.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;
use tera::{Context, Tera};

use crate::content::{Link, PageId};
use crate::context::{pager_url, section_view, taxonomy_view, Views};
use crate::diagnostic::Diagnostic;
use crate::paths::xml_escape;
use crate::site::Site;
use crate::theme::Theme;

mod jobs;
pub use jobs::{all_jobs, output_path, section_pagers, Bodies, Job, Prepared, Renderer};
pub(crate) use jobs::{hash_json, hash_of};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Path relative to the output folder, `/`-separated.
    pub path: String,
    /// The file's text.
    pub content: String,
}

/// Compiles the theme's templates; a syntax error names the template file, line and column.
pub fn compile(theme: &Theme) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::default();
    let templates: Vec<(&str, &str)> = theme
        .templates
        .iter()
        .map(|(name, (text, _))| (name.as_str(), text.as_str()))
        .collect();
    if let Err(err) = tera.add_raw_templates(templates) {
        let chain = error_chain(&err);
        let origin = theme
            .templates
            .iter()
            .find(|(name, _)| chain.contains(&format!("'{name}'")))
            .map(|(_, (_, file))| file.clone())
            .unwrap_or_else(|| PathBuf::from("templates"));
        let (line, col) = tera_position(&chain);
        return Err(Diagnostic::error(origin, line, col, "template-error")
            .message(chain)
            .hint("fix the template syntax; see docs/templates.md and the tera documentation"));
    }
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's default also escapes `/`, which bloats every URL in every page for no safety gain.
    tera.set_escape_fn(xml_escape);
    tera.register_filter("human_size", crate::discover::human_size_filter);
    tera.register_function(
        "t",
        crate::i18n::Translate(std::sync::Arc::new(theme.strings.clone())),
    );
    tera.register_filter("heading", heading_filter);
    Ok(tera)
}

/// The summaries of the pages `ids`, as one template value.
fn summary_list(summaries: &[Value], ids: impl Iterator<Item = usize>) -> Value {
    Value::Array(ids.map(|i| summaries[i].clone()).collect())
}

/// The theme's listing card, rendered once per page into its summary's `card_html`.
const CARD: &str = "partials/card.html";

/// Stands for the card's heading element in `card_html` until the `heading` filter names it.
pub const HEADING: &str = "\u{E000}";

/// `{{ item.card_html | heading(level="h2") | safe }}`: a card with its heading element set.
fn heading_filter(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let text = value
        .as_str()
        .ok_or_else(|| tera::Error::msg("`heading` applies to a page's `card_html`"))?;
    let level = args.get("level").and_then(Value::as_str).unwrap_or("h2");
    if !matches!(level, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
        return Err(tera::Error::msg(format!(
            "`heading` takes level=\"h1\" to \"h6\", not `{level}`"
        )));
    }
    Ok(Value::String(text.replace(HEADING, level)))
}

/// Renders every page's card once, in parallel, and keeps it in the page's summary as
/// `card_html`: listings reuse it instead of rendering the card again in each of them.
fn add_cards(tera: &Tera, theme: &Theme, summaries: &mut [Value]) -> Result<(), Vec<Diagnostic>> {
    if !theme.templates.contains_key(CARD) {
        return Ok(());
    }
    let cards = summaries
        .par_iter()
        .map(|summary| {
            let mut ctx = Context::new();
            ctx.insert("page", summary);
            ctx.insert("heading", HEADING);
            // A card speaks its page's language, whichever listing shows it.
            ctx.insert("lang", summary.get("lang").unwrap_or(&Value::Null));
            tera.render(CARD, &ctx)
        })
        .collect::<Result<Vec<String>, _>>()
        .map_err(|err| {
            let origin = theme.templates.get(CARD).map_or(PathBuf::from(CARD), |(_, f)| f.clone());
            vec![Diagnostic::error(origin, 0, 0, "template-error")
                .message(format!("rendering {CARD}: {}", error_chain(&err)))
                .hint("fix the template, or the front-matter value it reads; docs/templates.md lists what each template sees")]
        })?;
    for (summary, card) in summaries.iter_mut().zip(cards) {
        if let Value::Object(map) = summary {
            map.insert("card_html".into(), Value::String(card));
        }
    }
    Ok(())
}

/// Every page's listing view (`PageSummary`) as a template value, with its card.
pub fn summaries(site: &Site, theme: &Theme, tera: &Tera) -> Result<Vec<Value>, Vec<Diagnostic>> {
    let mut summaries = Views::new(site, &theme.strings).all_summaries();
    add_cards(tera, theme, &mut summaries)?;
    Ok(summaries)
}

/// One page's listing view as [`summaries`] makes it, after the page changed.
pub fn summary(site: &Site, theme: &Theme, tera: &Tera, id: PageId) -> Result<Value, Diagnostic> {
    let view = Views::new(site, &theme.strings).summary(&site.pages[id]);
    let mut one = [serde_json::to_value(view).unwrap_or(Value::Null)];
    add_cards(tera, theme, &mut one).map_err(|mut problems| problems.remove(0))?;
    let [value] = one;
    Ok(value)
}

/// The whole error chain of a tera error in one line: tera puts the useful part in sources.
pub(crate) fn error_chain(err: &tera::Error) -> String {
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    text
}

/// Finds pest's ` --> line:col` in a tera parse error.
fn tera_position(text: &str) -> (usize, usize) {
    let Some(i) = text.find("--> ") else {
        return (0, 0);
    };
    let rest = &text[i + 4..];
    let end = rest
        .find(|c: char| !c.is_ascii_digit() && c != ':')
        .unwrap_or(rest.len());
    let mut parts = rest[..end].split(':');
    let line = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    let col = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    (line, col)
}

#[derive(Serialize)]
struct HubView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    /// The hub's default language.
    language: &'a str,
    /// The home page in the language being read (`base_path` in the default language).
    home_url: &'a str,
    /// The search page in the language being read.
    search_url: String,
    /// The search client's interface strings in the language being read, as JSON.
    search_strings: String,
    menu: Vec<Link>,
    taxonomies: Vec<Link>,
    extra: &'a std::collections::BTreeMap<String, serde_yaml::Value>,
    generator: &'static str,
    search: bool,
    offline: bool,
}

/// The hub as templates see it, in one language: menu links lead to that language's sections
/// where they exist, and the taxonomies listed are that language's.
pub(crate) fn hub_value(
    site: &Site,
    localizer: &crate::localize::Localizer,
    strings: &crate::i18n::Strings,
    lang: &str,
) -> Value {
    let config = &site.config;
    let prefix = config.languages().prefix(lang);
    // The same section or page in this language: (its own title, if it has one; its URL).
    let localized = |url: &str| -> Option<(Option<&str>, &str)> {
        let path = url.strip_prefix(site.base_path.as_str())?;
        let target = site.url(&format!("{prefix}{path}"));
        let section = site
            .sections
            .iter()
            .find(|s| s.url == target)
            .map(|s| (s.file.is_some().then_some(s.title.as_str()), s.url.as_str()));
        section.or_else(|| {
            site.pages
                .iter()
                .find(|p| p.url == target)
                .map(|p| (None, p.url.as_str()))
        })
    };
    let menu = match &config.menu {
        Some(links) => links
            .iter()
            .map(|l| {
                if !l.url.starts_with('/') {
                    return Link {
                        name: l.title.clone(),
                        url: Some(l.url.clone()),
                    };
                }
                let url = site.url(&l.url);
                let (name, url) = match localized(&url).filter(|_| !prefix.is_empty()) {
                    // A translated section or page names itself in its own language.
                    Some((title, target)) => (title.unwrap_or(&l.title), target.to_string()),
                    None => (l.title.as_str(), url),
                };
                Link {
                    name: l.titles.get(lang).map_or(name, String::as_str).to_string(),
                    url: Some(url),
                }
            })
            .collect(),
        None => top_sections(site, lang),
    };
    // A language's home page summary describes the hub in that language.
    let home = &site.sections[site.home(lang)];
    let description = home
        .fm
        .summary
        .as_deref()
        .filter(|_| home.lang == lang && lang != config.language)
        .unwrap_or(&config.description);
    let view = HubView {
        title: &config.title,
        description,
        base_url: &config.base_url,
        base_path: &site.base_path,
        language: &config.language,
        home_url: localizer.home(lang),
        search_url: localizer.url_in(lang, "search/"),
        search_strings: strings.client_json(lang, &config.languages),
        menu,
        taxonomies: site
            .taxonomies
            .iter()
            .filter(|t| t.lang == lang)
            .map(|t| Link {
                // The interface strings may name the taxonomy (`topics: Thèmes`).
                name: match strings.get(lang, &t.name) {
                    same if same == t.name => crate::config::title_case(&t.name),
                    label => label.to_string(),
                },
                url: Some(t.url.clone()),
            })
            .collect(),
        extra: &config.extra,
        generator: concat!("Praxis ", env!("CARGO_PKG_VERSION")),
        search: config.search,
        offline: config.offline,
    };
    serde_json::to_value(view).unwrap_or(Value::Null)
}

/// The sections directly under a language's home that list pages: the default menu, and
/// where the search page sends readers without JavaScript.
pub(crate) fn top_sections(site: &Site, lang: &str) -> Vec<Link> {
    site.sections[site.home(lang)]
        .children
        .iter()
        .map(|&i| &site.sections[i])
        .filter(|s| !s.pages.is_empty())
        .map(|s| Link {
            name: s.title.clone(),
            url: Some(s.url.clone()),
        })
        .collect()
}

/// Registers lookup functions so custom templates can reach any page, section or taxonomy
/// without the whole site being copied into every page's context.
pub(crate) fn register_functions(tera: &mut Tera, site: &Site, summaries: &Arc<Vec<Value>>) {
    // The tables point into the one list of summaries; a lookup copies only what it returns.
    let pages: HashMap<String, usize> = site
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.rel.clone(), i))
        .collect();
    let sections: HashMap<String, (Value, Vec<usize>)> = site
        .sections
        .iter()
        .map(|s| {
            let value = serde_json::to_value(section_view(site, s)).unwrap_or(Value::Null);
            (s.dir.clone(), (value, s.pages.clone()))
        })
        .collect();
    let taxonomies: Arc<HashMap<String, Value>> = Arc::new(
        site.taxonomies
            .iter()
            .map(|t| {
                // Another language's taxonomy is reached by its folder: `fr/topics`.
                let prefix = site.config.languages().prefix(&t.lang);
                (
                    format!("{prefix}{}", t.name),
                    serde_json::to_value(taxonomy_view(t)).unwrap_or(Value::Null),
                )
            })
            .collect(),
    );
    let all = Arc::clone(summaries);
    let page = move |i: &usize| all[*i].clone();
    let all = Arc::clone(summaries);
    let section = move |(value, ids): &(Value, Vec<usize>)| {
        let mut value = value.clone();
        if let Value::Object(map) = &mut value {
            let items = ids.iter().map(|&i| all[i].clone()).collect();
            map.insert("pages".into(), Value::Array(items));
        }
        value
    };
    tera.register_function(
        "get_page",
        lookup(Arc::new(pages), page, "path", "get_page"),
    );
    tera.register_function(
        "get_section",
        lookup(Arc::new(sections), section, "path", "get_section"),
    );
    tera.register_function(
        "get_taxonomy",
        lookup(taxonomies, Value::clone, "name", "get_taxonomy"),
    );
}

fn lookup<T: Send + Sync + 'static>(
    table: Arc<HashMap<String, T>>,
    view: impl Fn(&T) -> Value + Send + Sync + 'static,
    arg: &'static str,
    function: &'static str,
) -> impl tera::Function {
    move |args: &HashMap<String, Value>| -> tera::Result<Value> {
        let key = args
            .get(arg)
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg(format!("{function} needs `{arg}=\"…\"`")))?;
        table
            .get(key.trim_matches('/'))
            .map(&view)
            .ok_or_else(|| tera::Error::msg(format!("{function}: nothing found at `{key}`")))
    }
}

/// Renders every page of the site; returns the outputs or one diagnostic per failed page.
pub fn render_site(site: &Site, theme: &Theme, tera: Tera) -> Result<Vec<Output>, Vec<Diagnostic>> {
    render_site_with(site, theme, tera, None, &|output| Ok(Some(output)))
}

/// What happens to each rendered page, as soon as it is rendered: `Ok(Some(output))` keeps it
/// among the returned outputs, `Ok(None)` means it was dealt with (written to disk).
pub type Sink<'a> = dyn Fn(Output) -> Result<Option<Output>, Diagnostic> + Sync + 'a;

/// [`render_site`], handing each page of the site (the pages, listings and term pages, the
/// bulk of the output) to `sink` as soon as it is rendered instead of keeping them all.
pub fn render_site_with(
    site: &Site,
    theme: &Theme,
    mut tera: Tera,
    bodies: Option<&Bodies>,
    sink: &Sink<'_>,
) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let summaries = Arc::new(summaries(site, theme, &tera)?);
    register_functions(&mut tera, site, &summaries);
    let discovery = crate::discover::Discovery::new(site, &summaries);
    let renderer = Renderer::new(site, theme, &tera, &summaries, &discovery);
    let renderer = match bodies {
        Some(bodies) => renderer.with_bodies(bodies),
        None => renderer,
    };
    let jobs = all_jobs(site, renderer.localizer());
    let results: Vec<Result<Option<Output>, Diagnostic>> = jobs
        .par_iter()
        .map(|&job| renderer.render(job).and_then(sink))
        .collect();

    let mut outputs = Vec::with_capacity(results.len() + site.aliases.len() + 2);
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(kept) => outputs.extend(kept),
            Err(d) => problems.push(d),
        }
    }
    if !problems.is_empty() {
        // One broken template fails every page that uses it; one diagnostic per template is enough.
        problems.sort_by(|a, b| a.file.cmp(&b.file));
        problems.dedup_by(|a, b| a.file == b.file);
        return Err(problems);
    }
    outputs.extend(site_files(site, theme, &tera, &renderer, &discovery, sink)?);
    Ok(outputs)
}

/// Every file of the site that is not a job's page: the redirects of aliases and of first
/// pager pages, the discoverability files (feeds, citations, calendars…), the pulse pages, the
/// sitemap and robots.txt.
pub fn site_files(
    site: &Site,
    theme: &Theme,
    tera: &Tera,
    renderer: &Renderer,
    discovery: &crate::discover::Discovery,
    sink: &Sink<'_>,
) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let mut outputs = Vec::with_capacity(site.aliases.len() + 2);
    for alias in &site.aliases {
        outputs.push(Output {
            path: format!("{}index.html", alias.out),
            content: redirect_page(&alias.target),
        });
    }
    for i in 0..site.sections.len() {
        if section_pagers(site, i) > 1 {
            let url = &site.sections[i].url;
            outputs.push(Output {
                path: format!("{}page/1/index.html", &url[site.base_path.len()..]),
                content: redirect_page(url),
            });
        }
    }
    // The discoverability files are handed to the sink like the pages, as they are made.
    let mut problems = Vec::new();
    for result in discovery.outputs_through(sink) {
        match result {
            Ok(kept) => outputs.extend(kept),
            Err(d) => problems.push(d),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    outputs.extend(crate::pulse::outputs(
        site,
        theme,
        tera,
        renderer.hub(&site.config.language),
    )?);
    outputs.push(sitemap(site, renderer.localizer()));
    outputs.push(Output {
        path: "robots.txt".into(),
        content: format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            site.permalink(&site.url("sitemap.xml"))
        ),
    });
    Ok(outputs)
}

/// Every member's credited pages, in site order: looking them up per member profile scanned
/// every page of the hub for each profile (quadratic; most of the rendering at 100k pages).
pub(crate) struct Credits(HashMap<String, Vec<usize>>);

impl Credits {
    /// Indexes the authors and speakers of every page.
    pub(crate) fn new(site: &Site) -> Credits {
        let mut credits: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, page) in site.pages.iter().enumerate() {
            for member in page.fm.authors.iter().chain(&page.fm.speakers) {
                let ids = credits.entry(member.clone()).or_default();
                // A page naming the member twice (author and speaker) counts once.
                if ids.last() != Some(&i) {
                    ids.push(i);
                }
            }
        }
        Credits(credits)
    }

    /// Ids of the pages `member_id` wrote or spoke in, each translated page once, in `lang`
    /// when it is translated into it, newest first.
    pub(crate) fn of(&self, site: &Site, member_id: &str, lang: &str) -> std::vec::IntoIter<usize> {
        let mut ids: Vec<usize> = self
            .0
            .get(member_id)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&i| site.shown_in(i, lang))
            .collect();
        crate::site::sort_pages(&mut ids, &site.pages, "date");
        ids.into_iter()
    }
}

#[derive(Serialize)]
pub(crate) struct LatestGroup<'a> {
    kind: &'a str,
    name: &'a str,
    plural: &'a str,
    url: &'a str,
    pages: Vec<&'a Value>,
}

/// The latest items of each type under a home page (the site's or a language's).
pub(crate) fn latest<'a>(
    site: &'a Site,
    home: usize,
    summaries: &'a [Value],
) -> Vec<LatestGroup<'a>> {
    let config = &site.config;
    let mut groups = Vec::new();
    for &child in &site.sections[home].children {
        let section = &site.sections[child];
        let Some(kind) = section.kind.as_deref() else {
            continue;
        };
        if kind == "member" || section.pages.is_empty() {
            continue;
        }
        let mut ids = section.pages.clone();
        crate::site::sort_pages(
            &mut ids,
            &site.pages,
            if config.types[kind].dated {
                "date"
            } else {
                "weight"
            },
        );
        groups.push(LatestGroup {
            kind,
            name: &config.types[kind].name,
            plural: &section.title,
            url: &section.url,
            pages: ids
                .iter()
                .take(config.home_latest)
                .map(|&i| &summaries[i])
                .collect(),
        });
    }
    groups
}

pub(crate) fn upcoming<'a>(site: &'a Site, lang: &str, summaries: &'a [Value]) -> Vec<&'a Value> {
    let now = chrono::Utc::now();
    let mut events: Vec<(chrono::DateTime<chrono::FixedOffset>, usize)> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| !site.config.multilingual() || p.lang == lang)
        .filter_map(|(i, p)| p.fm.starts.filter(|s| *s >= now).map(|s| (s, i)))
        .collect();
    events.sort();
    events.into_iter().map(|(_, i)| &summaries[i]).collect()
}

/// A page that sends readers (and search engines, through the canonical link) to `target`.
pub fn redirect_page(target: &str) -> String {
    let target = xml_escape(target);
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Redirecting…</title>\
<link rel=\"canonical\" href=\"{target}\"><meta name=\"robots\" content=\"noindex\">\
<meta http-equiv=\"refresh\" content=\"0; url={target}\"></head>\
<body><p>This page has moved to <a href=\"{target}\">{target}</a>.</p></body></html>\n"
    )
}

fn sitemap(site: &Site, localizer: &crate::localize::Localizer) -> Output {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"");
    if localizer.multilingual() {
        xml.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    xml.push_str(">\n");
    // Translations name each other with `xhtml:link` alternates, as Google documents for sitemaps.
    let mut entry = |url: &str, lastmod: Option<String>, versions: &[(&str, &str)]| {
        xml.push_str("  <url><loc>");
        xml.push_str(&xml_escape(&site.permalink(url)));
        xml.push_str("</loc>");
        if let Some(lastmod) = lastmod {
            xml.push_str(&format!("<lastmod>{lastmod}</lastmod>"));
        }
        for (lang, href) in localizer.alternates(versions) {
            xml.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                xml_escape(&lang),
                xml_escape(&href)
            ));
        }
        xml.push_str("</url>\n");
    };
    for (i, section) in site.sections.iter().enumerate() {
        let listed = if section.home {
            let multilingual = site.config.multilingual();
            (0..site.pages.len())
                .filter(|&p| !multilingual || site.pages[p].lang == section.lang)
                .collect()
        } else {
            section.pages.clone()
        };
        let lastmod = crate::discover::lastmod(site, listed);
        for n in 1..=section_pagers(site, i) {
            let versions = if n == 1 {
                localizer.section_versions(i)
            } else {
                Vec::new()
            };
            entry(&pager_url(&section.url, n), lastmod.clone(), &versions);
        }
    }
    for (id, page) in site.pages.iter().enumerate() {
        if page.fm.draft {
            continue;
        }
        let lastmod = page
            .fm
            .updated
            .as_ref()
            .or(page.date.as_ref())
            .map(|d| d.day.format("%Y-%m-%d").to_string());
        entry(&page.url, lastmod, &localizer.page_versions(id));
    }
    for (t, taxonomy) in site.taxonomies.iter().enumerate() {
        let every_term = taxonomy.terms.iter().flat_map(|t| t.pages.iter().copied());
        entry(
            &taxonomy.url,
            crate::discover::lastmod(site, every_term),
            &localizer.taxonomy_versions(t, None),
        );
        for (i, term) in taxonomy.terms.iter().enumerate() {
            entry(
                &term.url,
                crate::discover::lastmod(site, term.pages.iter().copied()),
                &localizer.taxonomy_versions(t, Some(i)),
            );
        }
    }
    xml.push_str("</urlset>\n");
    Output {
        path: "sitemap.xml".into(),
        content: xml,
    }
}

/// Whether a path is a plain relative path that stays inside the folder it is joined to.
pub fn is_contained(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tera_positions_are_read_from_errors() {
        assert_eq!(tera_position("Failed to parse 'x': --> 3:14\n"), (3, 14));
        assert_eq!(tera_position("no position"), (0, 0));
    }

    #[test]
    fn containment_refuses_escapes() {
        assert!(is_contained("guides/x/index.html"));
        assert!(!is_contained("../x/index.html"));
        assert!(!is_contained("/etc/passwd"));
    }

    #[test]
    fn redirects_escape_the_target() {
        let page = redirect_page("/a/\"><script>/");
        assert!(!page.contains("<script>"));
        assert!(page.contains("url=/a/&quot;&gt;&lt;script&gt;/"));
    }
}
