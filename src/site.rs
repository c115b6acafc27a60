//! Assembly: placing parsed files into a site of sections, pages, assets and aliases, with
//! every URL decided and checked before anything is rendered.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{title_case, HubConfig};
use crate::content::{truncate_words, Page, PageId, ResourceLink, Section};
use crate::diagnostic::Diagnostic;
use crate::frontmatter::{FrontMatter, PageDate};
use crate::load::SourceFile;
use crate::markdown::{self, LinkMap, Source};
use crate::parse::ParsedFile;
use crate::paths::{has_scheme, is_safe_segment, join_relative, safe_site_path, slugify};
use crate::schema;
use crate::taxonomy::{self, Taxonomy};

/// Choices that change what is built, from the command line.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Include pages marked `draft: true`.
    pub drafts: bool,
    /// Replace hub.yaml's base_url.
    pub base_url: Option<String>,
}

/// A non-Markdown file published as it is.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Where it is read from.
    pub source: PathBuf,
    /// The file as shown in diagnostics (relative to the hub root).
    pub file: PathBuf,
    /// Where it is written, relative to the output folder, `/`-separated.
    pub out: String,
}

/// An old URL that redirects to a page.
#[derive(Debug, Clone)]
pub struct Alias {
    /// The folder the redirect is written to, relative to the output folder.
    pub out: String,
    /// The URL it redirects to.
    pub target: String,
}

/// The whole hub, assembled and rendered to HTML fragments, ready for templates.
#[derive(Debug)]
pub struct Site {
    /// The configuration.
    pub config: HubConfig,
    /// The path part of the base URL (`/` or `/hub/`).
    pub base_path: String,
    /// Published pages, sorted by source path.
    pub pages: Vec<Page>,
    /// Sections; index 0 is the home page.
    pub sections: Vec<Section>,
    /// Taxonomies with their terms.
    pub taxonomies: Vec<Taxonomy>,
    /// Files published as they are.
    pub assets: Vec<Asset>,
    /// Redirects from old URLs.
    pub aliases: Vec<Alias>,
    /// Member id → page.
    pub members: HashMap<String, PageId>,
    /// Content-relative path of every published file → its URL.
    pub links: HashMap<String, String>,
    /// Resized copies of large images, written into the output by [`crate::images::write`].
    pub images: Vec<crate::images::Resize>,
    /// Each page's related pages, best first ([`crate::related`]).
    pub related: Vec<Vec<PageId>>,
    /// For each taxonomy and term, the terms most often given with it ([`crate::related::terms`]).
    pub related_terms: Vec<Vec<Vec<usize>>>,
    /// Drafts left out of this build (content-relative paths): with `links` and
    /// `failed_markdown`, what re-rendering one page's Markdown needs (`serve::incremental`).
    pub drafts_left_out: HashSet<String>,
    /// Markdown files that did not parse or place (content-relative paths).
    pub failed_markdown: HashSet<String>,
}

impl Site {
    /// The page of a member id, when there is one.
    pub fn member(&self, id: &str) -> Option<&Page> {
        self.members.get(id).map(|&i| &self.pages[i])
    }

    /// Whether this page is the profile credits link to: a member page, and for a translated
    /// profile the default language's version.
    pub fn is_member_profile(&self, page: &Page) -> bool {
        page.member_id
            .as_deref()
            .and_then(|id| self.member(id))
            .is_some_and(|canonical| std::ptr::eq(canonical, page))
    }

    /// The home section of a language (its `fr` section), or the site's home when it has none.
    pub fn home(&self, lang: &str) -> usize {
        self.sections
            .iter()
            .position(|s| s.home && s.lang == lang)
            .unwrap_or(0)
    }

    /// The language of the listing at a root-relative URL: the one its `/<code>/` names.
    pub fn url_lang(&self, url: &str) -> &str {
        let path = url.strip_prefix(self.base_path.as_str()).unwrap_or(url);
        self.config
            .languages()
            .split_virtual(path.trim_end_matches('/'))
            .0
    }

    /// Whether readers of `lang` are shown this page of a translation group: its version in
    /// `lang`, or, when there is none, the group's first version in the order of hub.yaml. A
    /// page translated three times thus counts once in a member's contributions.
    pub fn shown_in(&self, id: PageId, lang: &str) -> bool {
        let page = &self.pages[id];
        if page.lang == lang || page.translations.is_empty() {
            return true;
        }
        let order = |l: &str| self.config.languages.iter().position(|x| x.code == l);
        let versions = || page.translations.iter().map(|&t| &self.pages[t]);
        !versions().any(|p| p.lang == lang)
            && versions().all(|p| order(&p.lang) > order(&page.lang))
    }

    /// Root-relative URL of a site path given without the base (`topics/water/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path.trim_start_matches('/'))
    }

    /// Full URL, for feeds and sitemaps, when the base URL is absolute.
    pub fn permalink(&self, url: &str) -> String {
        match self.config.base_url.find("://") {
            Some(i) => {
                let origin_end = self.config.base_url[i + 3..]
                    .find('/')
                    .map_or(self.config.base_url.len(), |j| i + 3 + j);
                format!("{}{}", &self.config.base_url[..origin_end], url)
            }
            None => url.to_string(),
        }
    }
}

/// A URL path segment from a file or folder name: kept when it is already clean, else slugified.
pub fn url_segment(name: &str) -> String {
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !name.starts_with('.')
    {
        name.to_string()
    } else {
        let slug = slugify(name);
        if slug.is_empty() {
            "page".into()
        } else {
            slug
        }
    }
}

fn dir_url_path(dir: &str) -> String {
    dir.split('/')
        .filter(|s| !s.is_empty())
        .map(|s| format!("{}/", url_segment(s)))
        .collect()
}

fn parent_dir(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
}

fn file_stem(rel: &str) -> &str {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// Records which file produced each output path, so two files never silently overwrite each other.
#[derive(Default)]
struct UrlClaims {
    owners: HashMap<String, PathBuf>,
}

impl UrlClaims {
    fn claim(&mut self, out_dir: &str, file: &Path, at: (usize, usize)) -> Option<Diagnostic> {
        match self.owners.get(out_dir) {
            Some(owner) if owner != file => Some(
                Diagnostic::error(file, at.0, at.1, "duplicate-url")
                    .message(format!(
                        "this page would be published at /{out_dir}, which {} already uses",
                        owner.display()
                    ))
                    .hint("give one of the two a different `slug`, or rename the file"),
            ),
            Some(_) => None,
            None => {
                self.owners.insert(out_dir.to_string(), file.to_path_buf());
                None
            }
        }
    }
}

/// Assembles parsed files into a site, renders their Markdown and builds the taxonomies.
pub fn assemble(
    config: HubConfig,
    all_markdown: &[SourceFile],
    parsed: Vec<ParsedFile>,
    asset_files: &[SourceFile],
    options: &BuildOptions,
    content_prefix: &Path,
) -> (Site, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let base_path = config.base_path();
    let mut claims = UrlClaims::default();
    let mut drafts_left_out = HashSet::new();

    let mut index_files: BTreeMap<String, ParsedFile> = BTreeMap::new();
    // Section folder (virtual, see `languages`) → the content path of its `_index` file.
    let mut index_rels: HashMap<String, String> = HashMap::new();
    let mut pages: Vec<Page> = Vec::new();
    for file in parsed {
        let placed = config.languages().place(&file.rel, file.fm.lang.as_deref());
        if placed.virtual_rel.rsplit('/').next() == Some("_index.md") {
            let dir = parent_dir(&placed.virtual_rel).to_string();
            index_rels.insert(dir.clone(), file.rel.clone());
            index_files.insert(dir, file);
            continue;
        }
        if file.fm.draft {
            problems.push(
                Diagnostic::note(&file.file, file.fm.position("draft").0, 1, "draft")
                    .message(if options.drafts {
                        "this page is a draft: it is built because of --drafts"
                    } else {
                        "this page is a draft, so it is not published"
                    })
                    .hint("remove `draft: true` when it is ready to publish"),
            );
            if !options.drafts {
                drafts_left_out.insert(file.rel.clone());
                continue;
            }
        }
        match place_page(file, placed, &config, &base_path) {
            Ok((page, found)) => {
                if !found.iter().any(Diagnostic::is_error) {
                    pages.push(page);
                }
                problems.extend(found);
            }
            Err(diagnostic) => problems.push(diagnostic),
        }
    }
    pages.sort_by(|a, b| a.rel.cmp(&b.rel));

    // Sections: every folder with an _index.md or pages, and the folders above them.
    let mut section_dirs: BTreeMap<String, Option<ParsedFile>> = BTreeMap::new();
    section_dirs.insert(String::new(), None);
    for page in &pages {
        let mut dir = page.section.as_str();
        loop {
            section_dirs.entry(dir.to_string()).or_insert(None);
            if dir.is_empty() {
                break;
            }
            dir = parent_dir(dir);
        }
    }
    for (dir, file) in index_files {
        let mut ancestor = parent_dir(&dir);
        loop {
            section_dirs.entry(ancestor.to_string()).or_insert(None);
            if ancestor.is_empty() {
                break;
            }
            ancestor = parent_dir(ancestor);
        }
        section_dirs.insert(dir, Some(file));
    }
    let mut sections: Vec<Section> = section_dirs
        .into_iter()
        .map(|(dir, file)| make_section(dir, file, &config, &base_path))
        .collect();
    let section_index: HashMap<String, usize> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.dir.clone(), i))
        .collect();
    for i in 1..sections.len() {
        // A language's home (`fr`) is a root of its own, not a subsection of the default home.
        if sections[i].home {
            continue;
        }
        let parent = section_index[parent_dir(&sections[i].dir)];
        sections[parent].children.push(i);
    }

    // URLs: sections first, then pages, so a page cannot take a section's place.
    for section in &sections {
        let file = section
            .file
            .clone()
            .unwrap_or_else(|| content_prefix.join(&section.dir));
        if let Some(d) = claims.claim(&dir_url_path(&section.dir), &file, (1, 1)) {
            problems.push(d);
        }
    }
    let mut aliases = Vec::new();
    let mut kept = Vec::with_capacity(pages.len());
    for page in pages {
        let out_dir = page.url[base_path.len()..].to_string();
        if let Some(d) = claims.claim(&out_dir, &page.file, page.fm.position("slug")) {
            problems.push(d);
            continue;
        }
        for alias in &page.fm.aliases {
            let at = page.fm.position("aliases");
            match safe_site_path(alias) {
                Some(segments) if !segments.is_empty() => {
                    let out = segments.iter().map(|s| format!("{s}/")).collect::<String>();
                    match claims.claim(&out, &page.file, at) {
                        Some(d) => problems.push(d),
                        None => aliases.push(Alias {
                            out,
                            target: page.url.clone(),
                        }),
                    }
                }
                _ => problems.push(
                    Diagnostic::error(&page.file, at.0, at.1, "unsafe-alias")
                        .message(format!("the alias `{alias}` is not a path inside this site"))
                        .hint("write aliases as site paths such as /old/page-name/, without `..`, a host or a scheme"),
                ),
            }
        }
        kept.push(page);
    }
    let mut pages = kept;

    // Where every content file ends up, for rewriting links between them.
    let mut urls: HashMap<String, String> = HashMap::new();
    for page in &pages {
        urls.insert(page.rel.clone(), page.url.clone());
        if let Some(bundle) = &page.bundle_dir {
            urls.insert(bundle.clone(), page.url.clone());
        }
    }
    for section in &sections {
        let rel = index_rels
            .get(&section.dir)
            .cloned()
            .unwrap_or_else(|| join(&section.dir, "_index.md"));
        urls.insert(rel, section.url.clone());
    }
    // A translated bundle (`index.md`, `index.fr.md`) shares its files: they are published once,
    // beside the default language's page, and every translation links there.
    let mut bundle_pages: Vec<&Page> = pages.iter().filter(|p| p.bundle_dir.is_some()).collect();
    bundle_pages.sort_by_key(|p| p.lang != config.language);
    let bundles: Vec<(&str, &str)> = bundle_pages
        .iter()
        .filter_map(|p| {
            p.bundle_dir
                .as_deref()
                .map(|b| (b, &p.url[base_path.len()..]))
        })
        .collect();
    let mut assets = Vec::new();
    for file in asset_files {
        let in_draft = drafts_left_out.iter().any(|rel| {
            rel.ends_with("/index.md")
                && file.rel.starts_with(parent_dir(rel))
                && file.rel.as_bytes().get(parent_dir(rel).len()) == Some(&b'/')
        });
        if in_draft {
            continue;
        }
        let bundle = bundles.iter().find(|(dir, _)| {
            file.rel.len() > dir.len()
                && file.rel.starts_with(dir)
                && file.rel.as_bytes()[dir.len()] == b'/'
        });
        let out = match bundle {
            Some((dir, page_out)) => format!("{page_out}{}", &file.rel[dir.len() + 1..]),
            None => {
                let dir = parent_dir(&file.rel);
                let name = file.rel.rsplit('/').next().unwrap_or(&file.rel);
                format!("{}{name}", dir_url_path(dir))
            }
        };
        urls.insert(file.rel.clone(), format!("{base_path}{out}"));
        assets.push(Asset {
            source: file.path.clone(),
            file: content_prefix.join(&file.rel),
            out,
        });
    }

    let asset_sizes: HashMap<&str, u64> = asset_files
        .iter()
        .filter_map(|f| Some((f.rel.as_str(), std::fs::metadata(&f.path).ok()?.len())))
        .collect();
    for page in &mut pages {
        page.resources = resolve_resources(
            page,
            &urls,
            &asset_sizes,
            config.max_resource_size,
            &mut problems,
        );
    }

    // Render Markdown in parallel; pages and sections are independent once URLs are known.
    let parsed_rels: HashSet<&str> = pages
        .iter()
        .map(|p| p.rel.as_str())
        .chain(index_rels.values().map(String::as_str))
        .collect();
    let failed: HashSet<String> = all_markdown
        .iter()
        .map(|f| f.rel.clone())
        .filter(|rel| !parsed_rels.contains(rel.as_str()) && !drafts_left_out.contains(rel))
        .collect();
    let link_map = LinkMap {
        urls: &urls,
        drafts: &drafts_left_out,
        failed: &failed,
    };
    let sanitize = config.sanitize_html;
    let page_problems: Vec<Diagnostic> = pages
        .par_iter_mut()
        .flat_map_iter(|page| {
            let source = Source {
                file: &page.file,
                dir: &page.dir,
                first_line: page.body_line,
            };
            page.rendered = markdown::render(&page.body, &source, &link_map, sanitize);
            // The body is no longer needed once rendered: freed now rather than once every
            // page is rendered, it keeps memory near the output size (450 MB at 100k pages).
            page.body = String::new();
            page.summary = match &page.fm.summary {
                Some(summary) => summary.trim().to_string(),
                None => truncate_words(&page.rendered.first_paragraph, 300),
            };
            std::mem::take(&mut page.rendered.diagnostics)
        })
        .collect();
    problems.extend(page_problems);
    for section in &mut sections {
        let file = section.file.clone().unwrap_or_default();
        let source = Source {
            file: &file,
            dir: &section.dir,
            first_line: section.body_line,
        };
        section.rendered = markdown::render(&section.body, &source, &link_map, sanitize);
        problems.append(&mut section.rendered.diagnostics);
    }

    let (images, image_problems) =
        crate::body::apply_to_site(&mut pages, &mut sections, &assets, &base_path);
    problems.extend(image_problems);

    check_anchors(&pages, &sections, &mut problems);

    // Listings.
    // A member's profile may be translated; credits link to the default language's profile.
    let mut members: HashMap<String, PageId> = HashMap::new();
    for (i, page) in pages.iter().enumerate() {
        if let Some(id) = &page.member_id {
            let slot = members.entry(id.clone()).or_insert(i);
            if page.lang == config.language && pages[*slot].lang != config.language {
                *slot = i;
            }
        }
    }
    for (id, page) in pages.iter().enumerate() {
        let index = section_index[&page.section];
        sections[index].pages.push(id);
    }
    for section in &mut sections {
        let order = section
            .fm
            .sort_by
            .clone()
            .unwrap_or_else(|| default_order(section, &config));
        sort_pages(&mut section.pages, &pages, &order);
    }

    let taxonomies = taxonomy::build(&config, &pages, &members, &base_path, &mut problems);
    for taxonomy in &taxonomies {
        if let Some(d) = claims.claim(
            &taxonomy.url[base_path.len()..],
            Path::new("hub.yaml"),
            (0, 0),
        ) {
            problems.push(d.message(format!(
                "the taxonomy `{}` would be published at /{}/, where a section of content already is",
                taxonomy.name, taxonomy.slug
            )).hint("rename the folder or remove the taxonomy from hub.yaml's `taxonomies`"));
        }
    }
    // Aliases were checked against pages and sections; generated listings come later, so an
    // alias must not land on a taxonomy page or a page of a paginated list either.
    let generated: HashSet<String> = taxonomies
        .iter()
        .flat_map(|t| {
            t.terms
                .iter()
                .map(|term| term.url[base_path.len()..].to_string())
        })
        .collect();
    aliases.retain(|alias| {
        // `<section>/page/<n>/` is a page of a section's list.
        let pager_of = alias
            .out
            .trim_end_matches('/')
            .rsplit_once('/')
            .and_then(|(rest, n)| n.parse::<usize>().ok().and(rest.strip_suffix("page")))
            .map(|section| section.trim_end_matches('/'));
        let listing = generated.contains(&alias.out)
            || pager_of.is_some_and(|parent| {
                sections
                    .iter()
                    .any(|s| dir_url_path(&s.dir).trim_end_matches('/') == parent)
            });
        if listing {
            if let Some(page) = pages.iter().find(|p| p.url == alias.target) {
                let (line, col) = page.fm.position("aliases");
                problems.push(
                    Diagnostic::error(&page.file, line, col, "duplicate-url")
                        .message(format!(
                            "the alias /{} is a page Praxis generates (a topic, tag or list page)",
                            alias.out
                        ))
                        .hint("remove the alias, or choose an old URL that is not in use"),
                );
            }
        }
        !listing
    });
    let claimed: HashSet<&str> = claims.owners.keys().map(|k| k.as_str()).collect();
    let mut published_assets = Vec::with_capacity(assets.len());
    for asset in assets {
        // A generated page wins over a file of the same name (e.g. a Jekyll `fr/index.html`).
        let shadowed = asset
            .out
            .strip_suffix("index.html")
            .is_some_and(|dir| claimed.contains(dir));
        if shadowed {
            problems.push(
                Diagnostic::warning(&asset.file, 0, 0, "shadowed-file")
                    .message(format!(
                        "/{} is generated by Praxis, so this file is not published",
                        asset.out
                    ))
                    .hint("rename the file, or turn it into Markdown with front-matter"),
            );
            continue;
        }
        published_assets.push(asset);
    }
    crate::languages::link_translations(&mut pages, &mut sections, &config);
    let related = crate::related::compute(&pages);
    let related_terms = crate::related::terms(&taxonomies, pages.len());
    let site = Site {
        config,
        base_path,
        pages,
        sections,
        taxonomies,
        assets: published_assets,
        aliases,
        members,
        links: urls,
        images,
        related,
        related_terms,
        drafts_left_out,
        failed_markdown: failed,
    };
    (site, problems)
}

/// Warns about `#anchor` links whose anchor is not a heading or footnote of the target page.
fn check_anchors(pages: &[Page], sections: &[Section], problems: &mut Vec<Diagnostic>) {
    let mut anchors: HashMap<&str, HashSet<&str>> = HashMap::new();
    for page in pages {
        let ids: HashSet<&str> = page.rendered.anchors.iter().map(String::as_str).collect();
        if let Some(bundle) = &page.bundle_dir {
            anchors.insert(bundle, ids.clone());
        }
        anchors.insert(&page.rel, ids);
    }
    let section_rels: Vec<(String, &Section)> = sections
        .iter()
        .map(|s| (join(&s.dir, "_index.md"), s))
        .collect();
    for (rel, section) in &section_rels {
        anchors.insert(
            rel,
            section
                .rendered
                .anchors
                .iter()
                .map(String::as_str)
                .collect(),
        );
    }
    let sources = pages
        .iter()
        .map(|p| (&p.file, p.rel.clone(), &p.rendered.anchor_refs))
        .chain(section_rels.iter().filter_map(|(rel, s)| {
            s.file
                .as_ref()
                .map(|f| (f, rel.clone(), &s.rendered.anchor_refs))
        }));
    for (file, rel, refs) in sources {
        for anchor in refs {
            let target = if anchor.target.is_empty() {
                rel.as_str()
            } else {
                anchor.target.as_str()
            };
            let Some(ids) = anchors.get(target) else {
                continue;
            };
            if !ids.contains(anchor.fragment.as_str()) {
                let known: Vec<&str> = ids.iter().copied().collect();
                problems.push(
                    Diagnostic::warning(file, anchor.line, anchor.col, "broken-anchor")
                        .message(format!(
                            "`#{}` is not a heading of {}{}",
                            anchor.fragment,
                            if anchor.target.is_empty() { "this page".to_string() } else { format!("`{target}`") },
                            crate::suggest::did_you_mean(&anchor.fragment, known)
                        ))
                        .hint("anchors are heading texts in lower case with spaces as hyphens, e.g. `## Key findings` → #key-findings"),
                );
            }
        }
    }
}

/// Resolves a page's resources and slides to URLs, warning about local files that do not exist.
fn resolve_resources(
    page: &Page,
    urls: &HashMap<String, String>,
    sizes: &HashMap<&str, u64>,
    max_size: u64,
    problems: &mut Vec<Diagnostic>,
) -> Vec<ResourceLink> {
    let slides = page.fm.slides.iter().map(|s| {
        let (path, url) = if has_scheme(s) {
            (None, Some(s.clone()))
        } else {
            (Some(s.clone()), None)
        };
        (
            crate::frontmatter::Resource {
                title: "Slides".into(),
                path,
                url,
            },
            "slides",
        )
    });
    let listed = page.fm.resources.iter().cloned().map(|r| (r, "resources"));
    let mut out = Vec::new();
    for (resource, key) in listed.chain(slides) {
        let target = resource
            .path
            .as_deref()
            .or(resource.url.as_deref())
            .unwrap_or_default();
        let format = target
            .rsplit_once('.')
            .map(|(_, ext)| ext)
            .filter(|ext| ext.len() <= 5 && !ext.contains('/'))
            .unwrap_or_default()
            .to_ascii_uppercase();
        if let Some(url) = &resource.url {
            if !markdown::is_safe_scheme(url) {
                let (line, col) = page.fm.position(key);
                problems.push(
                    Diagnostic::warning(&page.file, line, col, "unsafe-url")
                        .message(format!(
                            "the URL `{url}` is not a web address, so it was left out"
                        ))
                        .hint("use an address starting with https://"),
                );
                continue;
            }
        }
        let title = if resource.title.is_empty() {
            target.to_string()
        } else {
            resource.title.clone()
        };
        match &resource.path {
            Some(path) => {
                let rel = join_relative(&page.dir, path);
                match rel
                    .as_deref()
                    .and_then(|rel| urls.get(rel).map(|url| (rel, url)))
                {
                    Some((rel, url)) => {
                        let size = sizes.get(rel).copied();
                        if let Some(size) = size.filter(|&size| max_size > 0 && size > max_size) {
                            let (line, col) = page.fm.position(key);
                            problems.push(
                                Diagnostic::warning(&page.file, line, col, "resource-too-large")
                                    .message(format!(
                                        "`{path}` is {}, over this hub's limit of {}",
                                        human_size(size),
                                        human_size(max_size)
                                    ))
                                    .hint("compress the file (e.g. export the PDF for screen), or host it elsewhere and link it with `url:`"),
                            );
                        }
                        out.push(ResourceLink {
                            title,
                            url: url.clone(),
                            local: true,
                            format,
                            size,
                        })
                    }
                    None => {
                        let (line, col) = page.fm.position(key);
                        problems.push(
                            Diagnostic::warning(&page.file, line, col, "missing-resource")
                                .message(format!("the resource `{path}` does not exist next to this page"))
                                .hint("put the file in the page's folder (make the page a bundle: a folder with index.md) or fix the path"),
                        );
                    }
                }
            }
            None => out.push(ResourceLink {
                title,
                url: resource.url.clone().unwrap_or_default(),
                local: false,
                format,
                size: None,
            }),
        }
    }
    out
}

/// "1.2 MB", "340 kB", "12 B": decimal units, as file managers show them.
pub fn human_size(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{:.0} kB", bytes as f64 / 1e3),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// Decides a page's type, slug, URL and date from its path and front-matter, and checks the
/// front-matter against its type's schema.
fn place_page(
    file: ParsedFile,
    placed: crate::languages::Placement,
    config: &HubConfig,
    base_path: &str,
) -> Result<(Page, Vec<Diagnostic>), Diagnostic> {
    let languages = config.languages();
    // Type, section and slug come from the path without its language marker, so a translation
    // lands in the same section (under its language) whichever layout the hub uses.
    let name = placed.key.rsplit('/').next().unwrap_or(&placed.key);
    let key_dir = parent_dir(&placed.key).to_string();
    let file_dir = parent_dir(&file.rel).to_string();
    let is_bundle = name == "index.md" && !key_dir.is_empty();
    let (plain_section, natural_name, bundle_dir) = if is_bundle {
        let section = parent_dir(&key_dir).to_string();
        let bundle_name = key_dir.rsplit('/').next().unwrap_or(&key_dir).to_string();
        (section, bundle_name, Some(file_dir.clone()))
    } else {
        (key_dir.clone(), file_stem(&placed.key).to_string(), None)
    };
    let prefix = languages.prefix(&placed.lang);
    let section = match (prefix.is_empty(), plain_section.is_empty()) {
        (true, _) => plain_section.clone(),
        (false, true) => prefix.trim_end_matches('/').to_string(),
        (false, false) => format!("{prefix}{plain_section}"),
    };
    let mut found = Vec::new();
    if let (Some(lang), true) = (&file.fm.lang, languages.declared) {
        if languages.find(lang).is_none() {
            let (line, col) = file.fm.position("lang");
            let codes: Vec<&str> = languages.all.iter().map(|l| l.code.as_str()).collect();
            found.push(
                Diagnostic::warning(&file.file, line, col, "unknown-language")
                    .message(format!(
                        "`{lang}` is not one of this hub's languages, so the page is published as {}{}",
                        placed.lang,
                        crate::suggest::did_you_mean(lang, codes.iter().copied())
                    ))
                    .hint(format!(
                        "use one of: {}; or ask a maintainer to add the language to hub.yaml's `languages`",
                        codes.join(", ")
                    )),
            );
        }
    }
    let fm = &file.fm;
    let top = plain_section.split('/').next().unwrap_or("");
    let kind = match &fm.kind {
        Some(kind) if config.types.contains_key(kind) => kind.clone(),
        Some(kind) => {
            let (line, col) = fm.position("type");
            let known: Vec<&str> = config.types.keys().map(String::as_str).collect();
            return Err(Diagnostic::error(&file.file, line, col, "unknown-type")
                .message(format!("`{kind}` is not a content type of this hub"))
                .hint(format!(
                    "use one of: {}; or add the type to hub.yaml's `types`",
                    known.join(", ")
                )));
        }
        None => config.type_for_section(top).unwrap_or("page").to_string(),
    };
    let slug = match &fm.slug {
        Some(slug) if is_safe_segment(slug) => slug.clone(),
        Some(slug) => {
            let (line, col) = fm.position("slug");
            return Err(Diagnostic::error(&file.file, line, col, "unsafe-slug")
                .message(format!("the slug `{slug}` is not a single URL segment, so it could write outside its section"))
                .hint("a slug is one word or hyphenated phrase without `/`, `\\` or `..`, e.g. `slug: water-safety-plans`"));
        }
        None => url_segment(&natural_name),
    };
    found.extend(schema::validate(
        &file.file,
        fm,
        &kind,
        &config.types[&kind],
    ));
    let date = fm.date.clone().or_else(|| {
        fm.starts.map(|t| PageDate {
            day: t.date_naive(),
            time: Some(t),
        })
    });
    let url = format!("{base_path}{}{}/", dir_url_path(&section), slug);
    let member_id = (kind == "member").then(|| natural_name.clone());
    let translation_key = fm.translation_key.clone().unwrap_or(placed.key);
    let page = Page {
        dir: file_dir,
        section,
        kind,
        member_id,
        slug,
        url,
        lang: placed.lang,
        translation_key,
        translations: Vec::new(),
        date,
        bundle_dir,
        rendered: Default::default(),
        summary: String::new(),
        resources: Vec::new(),
        file: file.file,
        rel: file.rel,
        fm: file.fm,
        body: file.body,
        body_line: file.body_line,
    };
    Ok((page, found))
}

fn make_section(
    dir: String,
    file: Option<ParsedFile>,
    config: &HubConfig,
    base_path: &str,
) -> Section {
    let (lang, plain) = config.languages().split_virtual(&dir);
    let top = plain.split('/').next().unwrap_or("");
    let kind = if plain.is_empty() {
        None
    } else {
        config.type_for_section(top).map(str::to_string)
    };
    let default_title = if plain.is_empty() {
        config.title.clone()
    } else if let (Some(kind), false) = (&kind, plain.contains('/')) {
        config.types[kind].plural.clone()
    } else {
        title_case(plain.rsplit('/').next().unwrap_or(plain))
    };
    let (fm, body, body_line, path) = match file {
        Some(f) => (f.fm, f.body, f.body_line, Some(f.file)),
        None => (FrontMatter::default(), String::new(), 1, None),
    };
    let title = if fm.title.is_empty() {
        default_title
    } else {
        fm.title.clone()
    };
    Section {
        file: path,
        url: format!("{base_path}{}", dir_url_path(&dir)),
        lang: lang.to_string(),
        home: plain.is_empty(),
        translations: Vec::new(),
        dir,
        kind,
        title,
        fm,
        body,
        body_line,
        rendered: Default::default(),
        pages: Vec::new(),
        children: Vec::new(),
    }
}

fn default_order(section: &Section, config: &HubConfig) -> String {
    match &section.kind {
        Some(kind) if config.types[kind].dated => "date".into(),
        _ => "weight".into(),
    }
}

/// Sorts page ids: newest first by date, A–Z by title, or by weight then title.
pub fn sort_pages(ids: &mut [PageId], pages: &[Page], order: &str) {
    // Titles are lower-cased once each, not twice per comparison: sorting a section of 10k
    // pages made ~300k lower-cased copies, on the build's sequential path.
    let mut keyed: Vec<(PageId, String)> = ids
        .iter()
        .map(|&id| (id, pages[id].fm.title.to_lowercase()))
        .collect();
    keyed.sort_by(|(a, title_a), (b, title_b)| {
        let (a, b) = (&pages[*a], &pages[*b]);
        let by_title = title_a.cmp(title_b);
        match order {
            "date" => b.date.cmp(&a.date).then(by_title),
            "title" => by_title,
            _ => {
                a.fm.weight
                    .unwrap_or(i64::MAX)
                    .cmp(&b.fm.weight.unwrap_or(i64::MAX))
                    .then(by_title)
            }
        }
    });
    for (slot, (id, _)) in ids.iter_mut().zip(keyed) {
        *slot = id;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_segments_keep_clean_names() {
        assert_eq!(url_segment("water-safety"), "water-safety");
        assert_eq!(url_segment("My Guide"), "my-guide");
        assert_eq!(url_segment("zh-hans"), "zh-hans");
        assert_eq!(url_segment("..."), "page");
    }

    #[test]
    fn dir_paths_end_with_a_slash() {
        assert_eq!(dir_url_path(""), "");
        assert_eq!(dir_url_path("guides/water"), "guides/water/");
    }
}
