//! One output page from its job (a content page, a page of a listing, a taxonomy page, the
//! search page…) with everything its template sees. The full build renders every job; the
//! preview server's fast path (`serve::incremental`) renders the few a saved page shows up in,
//! through the same code, so both write the same bytes.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;

use serde_json::Value;
use tera::{Context, Tera};

use super::{error_chain, hub_value, latest, summary_list, upcoming, Credits, Output};
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
    /// The pages' rendered bodies, when they were taken out of the site.
    bodies: Option<&'a Bodies>,
}

/// Every page's rendered body, moved out of the site for a build that renders each page once:
/// its job takes it, and the memory is freed with the written page instead of being held to
/// the end of the build (500 MB at 100k pages). Only the page's own job shows its body.
pub struct Bodies(Vec<std::sync::Mutex<String>>);

impl Bodies {
    /// Moves every page's rendered body out of `site`.
    pub fn take(site: &mut Site) -> Bodies {
        Bodies(
            site.pages
                .iter_mut()
                .map(|page| std::sync::Mutex::new(std::mem::take(&mut page.rendered.html)))
                .collect(),
        )
    }

    /// Page `id`'s body, taken: a second call gets nothing.
    fn take_one(&self, id: PageId) -> String {
        self.0[id]
            .lock()
            .map(|mut body| std::mem::take(&mut *body))
            .unwrap_or_default()
    }
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
            bodies: None,
        }
    }

    /// Renders pages with the bodies taken out of the site instead of the site's own. Each
    /// page's job takes its body, so such a renderer renders each page once and is not for
    /// fingerprinting.
    pub fn with_bodies(mut self, bodies: &'a Bodies) -> Renderer<'a> {
        self.bodies = Some(bodies);
        self
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
    fn base(&self, ctx: &mut impl Vars, lang: &str, url: &str, versions: &[(&str, &str)]) {
        let site = self.site;
        ctx.insert_hub(lang, self.hub(lang));
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
        self.render_prepared(self.prepare(job))
    }

    /// What one job's template is given, before it is rendered.
    pub fn prepare(&self, job: Job) -> Prepared {
        let mut data = Data {
            summaries: self.summaries,
            map: serde_json::Map::new(),
        };
        let (template, url, file) = self.fill(job, &mut data);
        Prepared {
            template,
            url,
            file,
            data: data.map,
        }
    }

    /// A fingerprint of what one job's template is given ([`Renderer::prepare`]), worked out
    /// without copying it: the hub of each language and each page's summary are hashed once,
    /// in `hashes`, and everything else is hashed as it is serialized. Returns the job's
    /// template and URL with it.
    pub fn fingerprint(&self, job: Job, hashes: &SharedHashes) -> (String, String, u64) {
        let mut hasher = Fingerprint {
            hashes,
            hasher: std::collections::hash_map::DefaultHasher::new(),
        };
        let (template, url, _) = self.fill(job, &mut hasher);
        (template, url, hasher.hasher.finish())
    }

    /// The hashes [`Renderer::fingerprint`] shares between jobs.
    pub fn shared_hashes(&self) -> SharedHashes {
        SharedHashes {
            hubs: self
                .hubs
                .iter()
                .map(|(lang, hub)| (lang.to_string(), hash_of(hub)))
                .collect(),
            summaries: self.summaries.par_iter().map(hash_of).collect(),
        }
    }

    /// Gives one job's template variables to `ctx`; returns its template, URL and source.
    fn fill(&self, job: Job, ctx: &mut impl Vars) -> (String, String, PathBuf) {
        let (site, theme, summaries) = (self.site, self.theme, self.summaries);
        let (views, localizer, discovery) = (&self.views, &self.localizer, self.discovery);
        match job {
            Job::Page(id) => {
                let page = &site.pages[id];
                self.base(ctx, &page.lang, &page.url, &localizer.page_versions(id));
                let taken = self.bodies.map(|bodies| bodies.take_one(id));
                let content = taken.as_deref().unwrap_or(&page.rendered.html);
                ctx.insert("page", &views.page_showing(page, content));
                ctx.insert("breadcrumbs", &views.breadcrumbs(&page.section));
                ctx.insert("meta", &discovery.page(id));
                ctx.insert_summaries("related", site.related[id].iter().copied());
                if let Some(member_id) = &page.member_id {
                    let credits = self.credits.get_or_init(|| Credits::new(site));
                    let credited = credits.of(site, member_id, &page.lang);
                    ctx.insert_summaries("contributions", credited);
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
                self.base(ctx, &section.lang, &url, &versions);
                ctx.insert("section", &section_view(site, section));
                ctx.insert_pager("paginator", &pager);
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
                self.base(ctx, &taxonomy.lang, &taxonomy.url, &versions);
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
                self.base(ctx, &taxonomy.lang, &url, &versions);
                // A term page names its taxonomy but does not list its (possibly thousands
                // of) sibling terms: copying them into every term page was quadratic.
                ctx.insert("term", &term_view(&taxonomy.terms[term]));
                ctx.insert("taxonomy", &taxonomy_header(taxonomy));
                ctx.insert_pager("paginator", &pager);
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
                self.base(ctx, lang, &url, &versions);
                let sections = super::top_sections(site, lang);
                ctx.insert("sections", &sections);
                ("search.html".into(), url, PathBuf::from("search.html"))
            }
            Job::Offline => {
                let url = site.url("offline/");
                self.base(ctx, &site.config.language, &url, &[]);
                let mut meta = discovery.not_found();
                meta.title = "Saved for offline reading".into();
                ctx.insert("meta", &meta);
                ("offline.html".into(), url, PathBuf::from("offline.html"))
            }
            Job::NotFound => {
                let url = site.url("404.html");
                self.base(ctx, &site.config.language, &url, &[]);
                ctx.insert("meta", &discovery.not_found());
                ("404.html".into(), url, PathBuf::from("404.html"))
            }
        }
    }

    /// Renders a prepared job through its template.
    pub fn render_prepared(&self, prepared: Prepared) -> Result<Output, Diagnostic> {
        let Prepared {
            template,
            url,
            file,
            data,
        } = prepared;
        let (site, theme) = (self.site, self.theme);
        let ctx = Context::from_value(Value::Object(data)).unwrap_or_default();
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
        Ok(Output {
            path: output_path(site, &url),
            content: html,
        })
    }
}

/// Where the page at `url` is written, relative to the output folder.
pub fn output_path(site: &Site, url: &str) -> String {
    if url.ends_with(".html") {
        url[site.base_path.len()..].to_string()
    } else {
        format!("{}index.html", &url[site.base_path.len()..])
    }
}

/// One job ready for its template: the template's name, the page's URL and source file (for
/// error messages), and everything the template sees.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The template that renders it.
    pub template: String,
    /// The URL of the page.
    pub url: String,
    /// The source the page comes from, for error messages.
    pub file: PathBuf,
    /// The template's variables.
    pub data: serde_json::Map<String, Value>,
}

/// Where a job's template variables go: gathered as JSON to render them ([`Data`]), or
/// hashed to tell whether they changed since the last build ([`Fingerprint`]). Both take the
/// same variables from the same code ([`Renderer::fill`]), so a fingerprint covers everything
/// a template sees.
trait Vars {
    /// A variable, serialized.
    fn insert<T: Serialize + ?Sized>(&mut self, key: &str, value: &T);
    /// `hub`, the same for every page of a language.
    fn insert_hub(&mut self, lang: &str, hub: &Value);
    /// A list of pages' summaries.
    fn insert_summaries(&mut self, key: &str, ids: impl Iterator<Item = PageId>);
    /// A page of a listing.
    fn insert_pager(&mut self, key: &str, pager: &Paginator);
}

/// A template's variables as JSON, ready for tera.
struct Data<'a> {
    summaries: &'a [Value],
    map: serde_json::Map<String, Value>,
}

impl Vars for Data<'_> {
    fn insert<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        self.map.insert(
            key.to_string(),
            serde_json::to_value(value).unwrap_or(Value::Null),
        );
    }

    // Values already serialized are inserted as they are: `Context::insert` would serialize
    // them again, field by field, which costs several times a clone.
    fn insert_hub(&mut self, _: &str, hub: &Value) {
        self.map.insert("hub".into(), hub.clone());
    }

    fn insert_summaries(&mut self, key: &str, ids: impl Iterator<Item = PageId>) {
        self.map
            .insert(key.to_string(), summary_list(self.summaries, ids));
    }

    fn insert_pager(&mut self, key: &str, pager: &Paginator) {
        self.map.insert(key.to_string(), pager.to_value());
    }
}

/// Hashes of the values many jobs share, for [`Renderer::fingerprint`].
pub struct SharedHashes {
    /// Language → the hash of `hub` in it.
    hubs: HashMap<String, u64>,
    /// Page → the hash of its summary.
    summaries: Vec<u64>,
}

/// A template's variables hashed as they are given, without building them.
struct Fingerprint<'a> {
    hashes: &'a SharedHashes,
    hasher: std::collections::hash_map::DefaultHasher,
}

impl Vars for Fingerprint<'_> {
    fn insert<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        key.hash(&mut self.hasher);
        // The same serialization as `Data`'s, into the hasher: equal bytes, equal JSON.
        let _ = serde_json::to_writer(HashWriter(&mut self.hasher), value);
    }

    fn insert_hub(&mut self, lang: &str, hub: &Value) {
        "hub".hash(&mut self.hasher);
        match self.hashes.hubs.get(lang) {
            Some(hash) => hash.hash(&mut self.hasher),
            None => hub.hash(&mut self.hasher),
        }
    }

    fn insert_summaries(&mut self, key: &str, ids: impl Iterator<Item = PageId>) {
        key.hash(&mut self.hasher);
        for id in ids {
            self.hashes.summaries[id].hash(&mut self.hasher);
        }
    }

    fn insert_pager(&mut self, key: &str, pager: &Paginator) {
        self.insert(key, &PagerFields(pager));
        for &id in pager.ids {
            self.hashes.summaries[id].hash(&mut self.hasher);
        }
    }
}

/// A paginator without its pages (hashed apart, by their summaries' hashes).
struct PagerFields<'p, 'a>(&'p Paginator<'a>);

impl Serialize for PagerFields<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let p = self.0;
        (
            p.current_index,
            p.number_pagers,
            p.total_items,
            &p.first,
            &p.last,
            &p.previous,
            &p.next,
        )
            .serialize(serializer)
    }
}

/// Feeds what is written to it into a hasher.
struct HashWriter<'a>(&'a mut std::collections::hash_map::DefaultHasher);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A hash of `value`, for telling within one preview session whether something changed.
pub(crate) fn hash_of(value: &(impl Hash + ?Sized)) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// A hash of `value`'s JSON, streamed into the hasher rather than written out first: for
/// values that are not `Hash` (maps of template values).
pub(crate) fn hash_json(value: &(impl Serialize + ?Sized)) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let _ = serde_json::to_writer(HashWriter(&mut hasher), value);
    hasher.finish()
}
