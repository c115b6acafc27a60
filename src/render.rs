//! Rendering: every output page of the site through the theme's tera templates, in parallel.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;
use tera::{Context, Tera};

use crate::content::Link;
use crate::context::{
    pager_url, paginate, section_view, taxonomy_header, taxonomy_view, term_view, Paginator, Views,
};
use crate::diagnostic::Diagnostic;
use crate::paths::xml_escape;
use crate::site::Site;
use crate::theme::Theme;

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
    Ok(tera)
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
    let localized = |url: &str| -> Option<&crate::content::Section> {
        let path = url.strip_prefix(site.base_path.as_str())?;
        let target = site.url(&format!("{prefix}{path}"));
        site.sections.iter().find(|s| s.url == target)
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
                match localized(&url).filter(|_| !prefix.is_empty()) {
                    Some(section) => Link {
                        // A translated section names itself in its own language.
                        name: if section.file.is_some() {
                            section.title.clone()
                        } else {
                            l.title.clone()
                        },
                        url: Some(section.url.clone()),
                    },
                    None => Link {
                        name: l.title.clone(),
                        url: Some(url),
                    },
                }
            })
            .collect(),
        None => {
            let home = site
                .sections
                .iter()
                .position(|s| s.home && s.lang == lang)
                .unwrap_or(0);
            site.sections[home]
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
    };
    let view = HubView {
        title: &config.title,
        description: &config.description,
        base_url: &config.base_url,
        base_path: &site.base_path,
        language: &config.language,
        home_url: localizer.home(lang),
        search_url: localizer.url_in(lang, "search/"),
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

/// Registers lookup functions so custom templates can reach any page, section or taxonomy
/// without the whole site being copied into every page's context.
fn register_functions(tera: &mut Tera, site: &Site, summaries: &[Value]) {
    let pages: Arc<HashMap<String, Value>> = Arc::new(
        site.pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.rel.clone(), summaries[i].clone()))
            .collect(),
    );
    let sections: Arc<HashMap<String, Value>> = Arc::new(
        site.sections
            .iter()
            .map(|s| {
                let mut value = serde_json::to_value(section_view(site, s)).unwrap_or(Value::Null);
                if let Value::Object(map) = &mut value {
                    let items = s.pages.iter().map(|&i| summaries[i].clone()).collect();
                    map.insert("pages".into(), Value::Array(items));
                }
                (s.dir.clone(), value)
            })
            .collect(),
    );
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
    tera.register_function("get_page", lookup(pages, "path", "get_page"));
    tera.register_function("get_section", lookup(sections, "path", "get_section"));
    tera.register_function("get_taxonomy", lookup(taxonomies, "name", "get_taxonomy"));
}

fn lookup(
    table: Arc<HashMap<String, Value>>,
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
            .cloned()
            .ok_or_else(|| tera::Error::msg(format!("{function}: nothing found at `{key}`")))
    }
}

enum Job {
    Page(usize),
    Section(usize, usize),
    TaxonomyList(usize),
    Term(usize, usize, usize),
    NotFound,
    /// The search page of one language (index into the hub's languages).
    Search(usize),
    Offline,
}

/// Renders every page of the site; returns the outputs or one diagnostic per failed page.
pub fn render_site(
    site: &Site,
    theme: &Theme,
    mut tera: Tera,
) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let views = Views::new(site, &theme.strings);
    let summaries = views.all_summaries();
    register_functions(&mut tera, site, &summaries);
    let localizer = crate::localize::Localizer::new(site);
    let hubs: HashMap<&str, Value> = site
        .config
        .languages
        .iter()
        .map(|l| {
            (
                l.code.as_str(),
                hub_value(site, &localizer, &theme.strings, &l.code),
            )
        })
        .collect();
    let hub = &hubs[site.config.language.as_str()];
    let paginate_by = site.config.paginate_by;

    let section_pagers: Vec<Vec<Paginator>> = site
        .sections
        .iter()
        .map(|s| {
            paginate(
                &s.pages,
                &summaries,
                s.fm.paginate_by.unwrap_or(paginate_by),
                &s.url,
            )
        })
        .collect();
    let term_pagers: Vec<Vec<Vec<Paginator>>> = site
        .taxonomies
        .iter()
        .map(|t| {
            t.terms
                .iter()
                .map(|term| paginate(&term.pages, &summaries, paginate_by, &term.url))
                .collect()
        })
        .collect();

    let mut jobs: Vec<Job> = (0..site.pages.len()).map(Job::Page).collect();
    for (i, pagers) in section_pagers.iter().enumerate() {
        jobs.extend((0..pagers.len()).map(|n| Job::Section(i, n)));
    }
    for (t, terms) in term_pagers.iter().enumerate() {
        jobs.push(Job::TaxonomyList(t));
        for (term, pagers) in terms.iter().enumerate() {
            jobs.extend((0..pagers.len()).map(|n| Job::Term(t, term, n)));
        }
    }
    jobs.push(Job::NotFound);
    if site.config.search {
        let with_content = localizer
            .languages()
            .map(|l| l.code.as_str())
            .collect::<Vec<_>>();
        for (i, language) in site.config.languages.iter().enumerate() {
            if i == 0 || with_content.contains(&language.code.as_str()) {
                jobs.push(Job::Search(i));
            }
        }
    }
    if site.config.offline {
        jobs.push(Job::Offline);
    }

    let discovery = crate::discover::Discovery::new(site, &summaries);
    let base = |ctx: &mut Context, lang: &str, url: &str, versions: &[(&str, &str)]| {
        ctx.insert("hub", hubs.get(lang).unwrap_or(hub));
        ctx.insert("lang", lang);
        let dir = match site.config.languages().find(lang) {
            Some(language) => language.dir.as_str(),
            None => crate::languages::direction(lang),
        };
        ctx.insert("dir", dir);
        ctx.insert("current_url", url);
        ctx.insert("languages", &localizer.links(lang, versions));
    };
    let results: Vec<Result<Output, Diagnostic>> = jobs
        .par_iter()
        .map(|job| {
            let mut ctx = Context::new();
            let (template, url, file): (String, String, PathBuf) = match *job {
                Job::Page(id) => {
                    let page = &site.pages[id];
                    base(&mut ctx, &page.lang, &page.url, &localizer.page_versions(id));
                    ctx.insert("page", &views.page(page));
                    ctx.insert("breadcrumbs", &views.breadcrumbs(&page.section));
                    ctx.insert("meta", &discovery.page(id));
                    ctx.insert("related", &site.related[id].iter().map(|&i| &summaries[i]).collect::<Vec<_>>());
                    if let Some(member_id) = &page.member_id {
                        let contributions: Vec<&Value> = contributions(site, member_id).map(|i| &summaries[i]).collect();
                        ctx.insert("contributions", &contributions);
                    }
                    let typed = format!("types/{}.html", page.kind);
                    let template = if theme.templates.contains_key(&typed) { typed } else { "page.html".into() };
                    (template, page.url.clone(), page.file.clone())
                }
                Job::Section(i, n) => {
                    let section = &site.sections[i];
                    let pager = &section_pagers[i][n];
                    let versions = if n == 0 { localizer.section_versions(i) } else { Vec::new() };
                    base(&mut ctx, &section.lang, &pager_url(&section.url, n + 1), &versions);
                    ctx.insert("section", &section_view(site, section));
                    ctx.insert("paginator", pager);
                    ctx.insert("breadcrumbs", &views.breadcrumbs(&section.dir));
                    ctx.insert("meta", &discovery.section(i, pager));
                    let template = if section.home {
                        ctx.insert("latest", &latest(site, i, &summaries));
                        ctx.insert("upcoming", &upcoming(site, &section.lang, &summaries));
                        ctx.insert("members", &crate::home::members(site, i, &summaries));
                        ctx.insert("topics", &crate::home::topics(site, &section.lang));
                        "index.html"
                    } else {
                        crate::pulse::section_template(site, theme, section).unwrap_or("section.html")
                    };
                    let file = section.file.clone().unwrap_or_else(|| PathBuf::from(&section.dir));
                    (template.into(), pager_url(&section.url, n + 1), file)
                }
                Job::TaxonomyList(t) => {
                    let taxonomy = &site.taxonomies[t];
                    base(&mut ctx, &taxonomy.lang, &taxonomy.url, &localizer.taxonomy_versions(t, None));
                    ctx.insert("taxonomy", &taxonomy_view(taxonomy));
                    ctx.insert("meta", &discovery.taxonomy(t));
                    ("taxonomy_list.html".into(), taxonomy.url.clone(), PathBuf::from("hub.yaml"))
                }
                Job::Term(t, term, n) => {
                    let taxonomy = &site.taxonomies[t];
                    let url = pager_url(&taxonomy.terms[term].url, n + 1);
                    let versions = if n == 0 { localizer.taxonomy_versions(t, Some(term)) } else { Vec::new() };
                    base(&mut ctx, &taxonomy.lang, &url, &versions);
                    // A term page names its taxonomy but does not list its (possibly thousands
                    // of) sibling terms: copying them into every term page was quadratic.
                    ctx.insert("term", &term_view(&taxonomy.terms[term]));
                    ctx.insert("taxonomy", &taxonomy_header(taxonomy));
                    ctx.insert("paginator", &term_pagers[t][term][n]);
                    ctx.insert("related_terms", &crate::related::term_links(site, t, term));
                    ctx.insert("meta", &discovery.term(t, term, &term_pagers[t][term][n]));
                    ("taxonomy_term.html".into(), url, PathBuf::from("hub.yaml"))
                }
                Job::Search(l) => {
                    let lang = site.config.languages[l].code.as_str();
                    let url = localizer.url_in(lang, "search/");
                    let versions: Vec<(String, String)> = localizer
                        .languages()
                        .map(|other| (other.code.clone(), localizer.url_in(&other.code, "search/")))
                        .collect();
                    let versions: Vec<(&str, &str)> = versions.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
                    base(&mut ctx, lang, &url, &versions);
                    let home = site.sections.iter().position(|s| s.home && s.lang == lang).unwrap_or(0);
                    let sections: Vec<crate::content::Link> = site.sections[home]
                        .children
                        .iter()
                        .map(|&i| &site.sections[i])
                        .filter(|s| !s.pages.is_empty())
                        .map(|s| crate::content::Link { name: s.title.clone(), url: Some(s.url.clone()) })
                        .collect();
                    ctx.insert("sections", &sections);
                    ("search.html".into(), url, PathBuf::from("search.html"))
                }
                Job::Offline => {
                    let url = site.url("offline/");
                    base(&mut ctx, &site.config.language, &url, &[]);
                    let mut meta = discovery.not_found();
                    meta.title = "Saved for offline reading".into();
                    ctx.insert("meta", &meta);
                    ("offline.html".into(), url, PathBuf::from("offline.html"))
                }
                Job::NotFound => {
                    base(&mut ctx, &site.config.language, &site.url("404.html"), &[]);
                    ctx.insert("meta", &discovery.not_found());
                    ("404.html".into(), site.url("404.html"), PathBuf::from("404.html"))
                }
            };
            let html = tera.render(&template, &ctx).map_err(|err| {
                let origin = theme.templates.get(&template).map_or(PathBuf::from(&template), |(_, f)| f.clone());
                Diagnostic::error(origin, 0, 0, "template-error")
                    .message(format!("rendering {} for {}: {}", template, file.display(), error_chain(&err)))
                    .hint("fix the template, or the front-matter value it reads; docs/templates.md lists what each template sees")
            })?;
            let path = if url.ends_with(".html") {
                url[site.base_path.len()..].to_string()
            } else {
                format!("{}index.html", &url[site.base_path.len()..])
            };
            Ok(Output { path, content: html })
        })
        .collect();

    let mut outputs = Vec::with_capacity(results.len() + site.aliases.len() + 2);
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(output) => outputs.push(output),
            Err(d) => problems.push(d),
        }
    }
    if !problems.is_empty() {
        // One broken template fails every page that uses it; one diagnostic per template is enough.
        problems.sort_by(|a, b| a.file.cmp(&b.file));
        problems.dedup_by(|a, b| a.file == b.file);
        return Err(problems);
    }
    for alias in &site.aliases {
        outputs.push(Output {
            path: format!("{}index.html", alias.out),
            content: redirect_page(&alias.target),
        });
    }
    for (i, pagers) in section_pagers.iter().enumerate() {
        if pagers.len() > 1 {
            let url = &site.sections[i].url;
            outputs.push(Output {
                path: format!("{}page/1/index.html", &url[site.base_path.len()..]),
                content: redirect_page(url),
            });
        }
    }
    outputs.extend(crate::discover::outputs(site, &summaries));
    outputs.extend(crate::pulse::outputs(site, theme, &tera, hub)?);
    outputs.push(sitemap(site, &section_pagers, &localizer));
    outputs.push(Output {
        path: "robots.txt".into(),
        content: format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            site.permalink(&site.url("sitemap.xml"))
        ),
    });
    Ok(outputs)
}

/// Ids of the pages a member wrote or spoke in.
pub fn contributions<'a>(site: &'a Site, member_id: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut ids: Vec<usize> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.fm.authors
                .iter()
                .chain(&p.fm.speakers)
                .any(|a| a == member_id)
        })
        .map(|(i, _)| i)
        .collect();
    crate::site::sort_pages(&mut ids, &site.pages, "date");
    ids.into_iter()
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

fn sitemap(
    site: &Site,
    section_pagers: &[Vec<Paginator>],
    localizer: &crate::localize::Localizer,
) -> Output {
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
        for n in 1..=section_pagers[i].len() {
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
