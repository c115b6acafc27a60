//! One output page from its job (a content page, a page of a listing, a taxonomy page, the
//! search page…) with everything its template sees. The full build renders every job; the
//! preview server's fast path (`serve::incremental`) renders the few a saved page shows up in,
//! through the same code, so both write the same bytes.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::Value;
use tera::{Context, Tera};

use super::{
    error_chain, hub_value, insert_value, latest, summary_list, upcoming, Credits, Output,
};
use crate::content::PageId;
use crate::context::{
    pager, pager_count, pager_url, section_view, taxonomy_header, taxonomy_view, term_view,
    Paginator, Views,
};
use crate::diagnostic::Diagnostic;
use crate::discover::Discovery;
use crate::localize::Localizer;
use crate::site::Site;
use crate::theme::Theme;

/// One output page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Job {
    /// A content page.
    Page(PageId),
    /// Page `n` (0-based) of a section's listing (section 0 and language homes: the home page).
    Section(usize, usize),
    /// A taxonomy's list of terms.
    TaxonomyList(usize),
    /// Page `n` (0-based) of a taxonomy term's listing.
    Term(usize, usize, usize),
    /// The 404 page.
    NotFound,
    /// The search page of one language (index into the hub's languages).
    Search(usize),
    /// The page listing what was saved for offline reading.
    Offline,
}

/// Every job of a site, in the order the build renders them.
pub fn all_jobs(site: &Site, localizer: &Localizer) -> Vec<Job> {
    let mut jobs: Vec<Job> = (0..site.pages.len()).map(Job::Page).collect();
    for i in 0..site.sections.len() {
        jobs.extend((0..section_pagers(site, i)).map(|n| Job::Section(i, n)));
    }
    for (t, taxonomy) in site.taxonomies.iter().enumerate() {
        jobs.push(Job::TaxonomyList(t));
        for (term, entry) in taxonomy.terms.iter().enumerate() {
            let count = pager_count(entry.pages.len(), site.config.paginate_by);
            jobs.extend((0..count).map(|n| Job::Term(t, term, n)));
        }
    }
    jobs.push(Job::NotFound);
    if site.config.search {
        let with_content: Vec<&str> = localizer.languages().map(|l| l.code.as_str()).collect();
        for (i, language) in site.config.languages.iter().enumerate() {
            if i == 0 || with_content.contains(&language.code.as_str()) {
                jobs.push(Job::Search(i));
            }
        }
    }
    if site.config.offline {
        jobs.push(Job::Offline);
    }
    jobs
}

/// How many pages a section's listing has.
pub fn section_pagers(site: &Site, i: usize) -> usize {
    let section = &site.sections[i];
    pager_count(section.pages.len(), per_page(site, i))
}

fn per_page(site: &Site, i: usize) -> usize {
    site.sections[i]
        .fm
        .paginate_by
        .unwrap_or(site.config.paginate_by)
}

/// What every job's template sees besides its own data, prepared once.
pub struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    tera: &'a Tera,
    summaries: &'a [Value],
    discovery: &'a Discovery<'a>,
    views: Views<'a>,
    localizer: Localizer<'a>,
    /// The hub as each language sees it (`hub` in templates).
    hubs: HashMap<&'a str, Value>,
    /// Every member's credited pages, indexed when the first member profile is rendered.
    credits: OnceLock<Credits>,
}

impl<'a> Renderer<'a> {
    /// Prepares the views shared by every job.
    pub fn new(
        site: &'a Site,
        theme: &'a Theme,
        tera: &'a Tera,
        summaries: &'a [Value],
        discovery: &'a Discovery<'a>,
    ) -> Renderer<'a> {
        let localizer = Localizer::new(site);
        let hubs = site
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
        Renderer {
            site,
            theme,
            tera,
            summaries,
            discovery,
            views: Views::new(site, &theme.strings),
            localizer,
            hubs,
            credits: OnceLock::new(),
        }
    }

    /// The hub as templates in `lang` see it.
    pub fn hub(&self, lang: &str) -> &Value {
        self.hubs
            .get(lang)
            .unwrap_or(&self.hubs[self.site.config.language.as_str()])
    }

    /// The language homes and alternates of the site.
    pub fn localizer(&self) -> &Localizer<'a> {
        &self.localizer
    }

    /// Page `n` of a section's listing.
    fn section_pager(&self, i: usize, n: usize) -> Paginator<'a> {
        let section = &self.site.sections[i];
        pager(
            &section.pages,
            self.summaries,
            per_page(self.site, i),
            &section.url,
            n,
        )
    }

    /// Page `n` of a term's listing.
    fn term_pager(&self, t: usize, term: usize, n: usize) -> Paginator<'a> {
        let term = &self.site.taxonomies[t].terms[term];
        pager(
            &term.pages,
            self.summaries,
            self.site.config.paginate_by,
            &term.url,
            n,
        )
    }

    /// What every template sees: the hub in the page's language, the language, its direction,
    /// the URL and the links to the page in the other languages.
    fn base(&self, ctx: &mut Context, lang: &str, url: &str, versions: &[(&str, &str)]) {
        let site = self.site;
        insert_value(ctx, "hub", self.hub(lang).clone());
        ctx.insert("lang", lang);
        let dir = match site.config.languages().find(lang) {
            Some(language) => language.dir.as_str(),
            None => crate::languages::direction(lang),
        };
        ctx.insert("dir", dir);
        ctx.insert("current_url", url);
        ctx.insert("languages", &self.localizer.links(lang, versions));
    }

    /// Renders one job.
    pub fn render(&self, job: Job) -> Result<Output, Diagnostic> {
        let (site, theme, summaries) = (self.site, self.theme, self.summaries);
        let (views, localizer, discovery) = (&self.views, &self.localizer, self.discovery);
        let mut ctx = Context::new();
        let (template, url, file): (String, String, PathBuf) = match job {
            Job::Page(id) => {
                let page = &site.pages[id];
                self.base(
                    &mut ctx,
                    &page.lang,
                    &page.url,
                    &localizer.page_versions(id),
                );
                ctx.insert("page", &views.page(page));
                ctx.insert("breadcrumbs", &views.breadcrumbs(&page.section));
                ctx.insert("meta", &discovery.page(id));
                let related = summary_list(summaries, site.related[id].iter().copied());
                insert_value(&mut ctx, "related", related);
                if let Some(member_id) = &page.member_id {
                    let credits = self.credits.get_or_init(|| Credits::new(site));
                    let credited = credits.of(site, member_id, &page.lang);
                    insert_value(&mut ctx, "contributions", summary_list(summaries, credited));
                }
                let typed = format!("types/{}.html", page.kind);
                let template = if theme.templates.contains_key(&typed) {
                    typed
                } else {
                    "page.html".into()
                };
                (template, page.url.clone(), page.file.clone())
            }
            Job::Section(i, n) => {
                let section = &site.sections[i];
                let pager = self.section_pager(i, n);
                let versions = if n == 0 {
                    localizer.section_versions(i)
                } else {
                    Vec::new()
                };
                let url = pager_url(&section.url, n + 1);
                self.base(&mut ctx, &section.lang, &url, &versions);
                ctx.insert("section", &section_view(site, section));
                insert_value(&mut ctx, "paginator", pager.to_value());
                ctx.insert("breadcrumbs", &views.breadcrumbs(&section.dir));
                ctx.insert("meta", &discovery.section(i, &pager));
                let template = if section.home {
                    ctx.insert("latest", &latest(site, i, summaries));
                    ctx.insert("upcoming", &upcoming(site, &section.lang, summaries));
                    ctx.insert("members", &crate::home::members(site, i, summaries));
                    ctx.insert("topics", &crate::home::topics(site, &section.lang));
                    "index.html"
                } else {
                    crate::pulse::section_template(site, theme, section).unwrap_or("section.html")
                };
                let file = section
                    .file
                    .clone()
                    .unwrap_or_else(|| PathBuf::from(&section.dir));
                (template.into(), url, file)
            }
            Job::TaxonomyList(t) => {
                let taxonomy = &site.taxonomies[t];
                let versions = localizer.taxonomy_versions(t, None);
                self.base(&mut ctx, &taxonomy.lang, &taxonomy.url, &versions);
                ctx.insert("taxonomy", &taxonomy_view(taxonomy));
                ctx.insert("meta", &discovery.taxonomy(t));
                let url = taxonomy.url.clone();
                ("taxonomy_list.html".into(), url, PathBuf::from("hub.yaml"))
            }
            Job::Term(t, term, n) => {
                let taxonomy = &site.taxonomies[t];
                let pager = self.term_pager(t, term, n);
                let url = pager_url(&taxonomy.terms[term].url, n + 1);
                let versions = if n == 0 {
                    localizer.taxonomy_versions(t, Some(term))
                } else {
                    Vec::new()
                };
                self.base(&mut ctx, &taxonomy.lang, &url, &versions);
                // A term page names its taxonomy but does not list its (possibly thousands
                // of) sibling terms: copying them into every term page was quadratic.
                ctx.insert("term", &term_view(&taxonomy.terms[term]));
                ctx.insert("taxonomy", &taxonomy_header(taxonomy));
                insert_value(&mut ctx, "paginator", pager.to_value());
                ctx.insert("related_terms", &crate::related::term_links(site, t, term));
                ctx.insert("meta", &discovery.term(t, term, &pager));
                ("taxonomy_term.html".into(), url, PathBuf::from("hub.yaml"))
            }
            Job::Search(l) => {
                let lang = site.config.languages[l].code.as_str();
                let url = localizer.url_in(lang, "search/");
                let versions: Vec<(String, String)> = localizer
                    .languages()
                    .map(|other| (other.code.clone(), localizer.url_in(&other.code, "search/")))
                    .collect();
                let versions: Vec<(&str, &str)> = versions
                    .iter()
                    .map(|(a, b)| (a.as_str(), b.as_str()))
                    .collect();
                self.base(&mut ctx, lang, &url, &versions);
                let sections = super::top_sections(site, lang);
                ctx.insert("sections", &sections);
                ("search.html".into(), url, PathBuf::from("search.html"))
            }
            Job::Offline => {
                let url = site.url("offline/");
                self.base(&mut ctx, &site.config.language, &url, &[]);
                let mut meta = discovery.not_found();
                meta.title = "Saved for offline reading".into();
                ctx.insert("meta", &meta);
                ("offline.html".into(), url, PathBuf::from("offline.html"))
            }
            Job::NotFound => {
                let url = site.url("404.html");
                self.base(&mut ctx, &site.config.language, &url, &[]);
                ctx.insert("meta", &discovery.not_found());
                ("404.html".into(), url, PathBuf::from("404.html"))
            }
        };
        let html = self.tera.render(&template, &ctx).map_err(|err| {
            let origin = theme
                .templates
                .get(&template)
                .map_or(PathBuf::from(&template), |(_, f)| f.clone());
            Diagnostic::error(origin, 0, 0, "template-error")
                .message(format!(
                    "rendering {} for {}: {}",
                    template,
                    file.display(),
                    error_chain(&err)
                ))
                .hint("fix the template, or the front-matter value it reads; docs/templates.md lists what each template sees")
        })?;
        let path = if url.ends_with(".html") {
            url[site.base_path.len()..].to_string()
        } else {
            format!("{}index.html", &url[site.base_path.len()..])
        };
        Ok(Output {
            path,
            content: html,
        })
    }
}
