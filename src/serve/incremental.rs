//! The preview server's fast path: a save that only changes the Markdown body of existing
//! pages re-renders those pages and the listings and files that show them, instead of
//! rebuilding the whole hub, and writes only the files whose bytes changed.
//!
//! It is conservative: [`Incremental::update`] either produces exactly the files a full build
//! would produce for them, or declines (with the reason) and the server runs the partial
//! rebuild (`partial`) or the full build.
//! A batch of changed paths takes the fast path only when **all** of these hold:
//!
//! - the hub allows it: `git_dates` is off (git dates are front-matter by another route), and
//!   no template calls `get_page`, `get_section`, `get_taxonomy` or `load_data` (their
//!   answers are site-wide and are not re-computed here);
//! - the last build succeeded and no build error is showing (the server checks this: after a
//!   failed build, changes it did not apply may be pending);
//! - every changed path is an existing `.md` file under the content folder that is a
//!   published page of the last build (not an `_index.md`, not created, deleted or renamed:
//!   a path that does not exist, or is not a page, declines) and not a member profile;
//! - each file parses without error, and its front-matter is equal (`FrontMatter: PartialEq`,
//!   key positions included) to the one of the last build: the page keeps its URL, date,
//!   terms, authors, related pages, translations, feeds and place in every listing;
//! - neither the old nor the new body has an image (`<img`: resized copies are decided site
//!   wide) or a chart (`praxis-chart`, `<svg`: drawn from `data/`).
//!
//! Then, for each changed page, its Markdown is rendered again with the last build's link map
//! (every URL, the drafts left out, the files that failed), task boxes are labelled and the
//! summary recomputed, as [`crate::site::assemble`] does. Re-rendered with the last build's
//! compiled templates through the build's own job renderer ([`crate::render::Renderer`]), so
//! both write the same bytes:
//!
//! - the page itself, always;
//! - when its listing view (its summary as templates see it) changed: the pager page of its
//!   section that lists it, the pager page of each taxonomy term that lists it, every pager
//!   page of every home page (latest items, upcoming events, members), the pages whose
//!   `related` list shows it, and the profile of each member it credits (`contributions`);
//! - always: the feeds that carry it, its citation files and, for an event, its calendar
//!   files and the hub's calendar ([`crate::discover::Discovery::outputs_of_page`]).
//!
//! Everything else (sitemap, aliases, taxonomy lists, search page, pulse pages) depends on the
//! front-matter only and is unchanged. Each re-rendered file is written only if its bytes
//! differ, atomically (a temporary file renamed over it). The search data is brought up to date
//! after the tabs are told to reload ([`Incremental::refresh_search`]): built into a temporary
//! folder and each of its entries swapped into `search/`.
//!
//! Anything else — templates, a front-matter change, a created, deleted or renamed file, a
//! parse error — goes to the partial rebuild (`partial`), or, for `hub.yaml`, `static/`,
//! `data/`, theme strings, bundle files, or a theme using the lookups above, to the full
//! rebuild, which also renews what this module keeps.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::Value;

use crate::content::{truncate_words, PageId};
use crate::diagnostic::Diagnostic;
use crate::load::{FileKind, SourceFile};
use crate::markdown::{self, LinkMap, Rendered, Source};
use crate::pipeline::Kept;
use crate::render::{self, Job, Output, Renderer};

mod partial;
use crate::site::BuildOptions;
pub use partial::Declined;

/// What one fast update did.
#[derive(Debug, Default)]
pub struct Update {
    /// Output files rewritten (their bytes changed), relative to the served folder.
    pub written: Vec<String>,
    /// Output files re-rendered in all (written or found unchanged).
    pub rendered: usize,
    /// Output files whose input was compared with the last build's (partial rebuilds only).
    pub checked: usize,
    /// Output files removed: the site no longer has them (partial rebuilds only).
    pub removed: Vec<String>,
    /// URLs of the edited pages.
    pub urls: Vec<String>,
    /// Warnings and notes of the edited pages' Markdown.
    pub diagnostics: Vec<Diagnostic>,
    /// Time spent in each step: reading and rendering the Markdown, preparing the listings
    /// and feeds, rendering the templates, the discoverability files, writing.
    pub steps: Vec<(&'static str, std::time::Duration)>,
}

/// The last good build, kept to re-render parts of it.
pub struct Incremental {
    root: PathBuf,
    content_dir: PathBuf,
    options: BuildOptions,
    /// The site, theme and templates of the last build.
    kept: Kept,
    /// Every page's listing view, as in the last render.
    summaries: Vec<Value>,
    /// Content-relative path → page.
    by_rel: HashMap<String, PageId>,
    /// For each page, the pages whose `related` list shows it.
    related_in: Vec<Vec<PageId>>,
    /// For each page, the (taxonomy, term) listings that show it.
    terms_of: Vec<Vec<(usize, usize)>>,
    /// Why the fast path is off for this hub, when it is.
    disabled: Option<&'static str>,
    /// Whether the served `search/` lags behind the pages.
    search_stale: bool,
    /// The feeds (they depend on front-matter only), worked out once.
    feeds: Option<crate::discover::KeptFeeds>,
    /// What the served files were rendered from, for the partial rebuild; worked out while
    /// the server is idle after a full build.
    fingerprints: Option<partial::Fingerprints>,
    /// Why the partial rebuild is off for this hub, when it is.
    partial_off: Option<&'static str>,
}

impl Incremental {
    /// Keeps a successful build of the hub at `root`, built with `options`.
    pub fn new(root: &Path, options: &BuildOptions, kept: Kept) -> Incremental {
        let summaries = render::summaries(&kept.site, &kept.theme, &kept.tera).unwrap_or_default();
        let feeds = crate::discover::Discovery::new(&kept.site, &summaries).into_kept();
        Incremental::with_summaries(root, options, kept, summaries, feeds)
    }

    /// [`Incremental::new`], given every page's listing view and the feeds worked out from them.
    fn with_summaries(
        root: &Path,
        options: &BuildOptions,
        kept: Kept,
        summaries: Vec<Value>,
        feeds: crate::discover::KeptFeeds,
    ) -> Incremental {
        let site = &kept.site;
        let theme = &kept.theme;
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let content_dir = root.join(&site.config.content_dir);
        let content_dir = content_dir.canonicalize().unwrap_or(content_dir);
        let by_rel = site
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.rel.clone(), i))
            .collect();
        let mut related_in = vec![Vec::new(); site.pages.len()];
        for (j, related) in site.related.iter().enumerate() {
            for &i in related {
                related_in[i].push(j);
            }
        }
        let mut terms_of = vec![Vec::new(); site.pages.len()];
        for (t, taxonomy) in site.taxonomies.iter().enumerate() {
            for (term, listed) in taxonomy.terms.iter().enumerate() {
                for &i in &listed.pages {
                    terms_of[i].push((t, term));
                }
            }
        }
        let partial_off = partial::theme_declines(theme);
        let disabled = if site.config.git_dates {
            Some("git_dates is on")
        } else if theme
            .templates
            .values()
            .any(|(text, _)| text.contains("load_data"))
        {
            Some("the theme calls load_data")
        } else {
            partial_off
        };
        Incremental {
            root,
            content_dir,
            options: options.clone(),
            kept,
            summaries,
            by_rel,
            related_in,
            terms_of,
            disabled,
            search_stale: false,
            feeds: Some(feeds),
            fingerprints: None,
            partial_off,
        }
    }

    /// Whether the served search data lags behind the pages (see [`Incremental::refresh_search`]).
    pub fn search_stale(&self) -> bool {
        self.search_stale
    }

    /// The page a changed path is, when the fast path may take it.
    fn page_of(&self, path: &Path) -> Result<PageId, String> {
        let shown = path.display();
        let path = path
            .canonicalize()
            .map_err(|_| format!("{shown} was deleted or renamed"))?;
        if !path.is_file() || path.extension().is_none_or(|e| e != "md") {
            return Err(format!("{shown} is not a Markdown file"));
        }
        let rel = path
            .strip_prefix(&self.content_dir)
            .map_err(|_| format!("{shown} is not content"))?;
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let id = *self
            .by_rel
            .get(&rel)
            .ok_or_else(|| format!("{rel} is not a published page of the last build"))?;
        let page = &self.kept.site.pages[id];
        let file = crate::load::display_path(&path, &self.root);
        if page.file != file {
            return Err(format!("{rel} is placed elsewhere (a translation)"));
        }
        if page.member_id.is_some() {
            return Err(format!("{rel} is a member profile"));
        }
        Ok(id)
    }

    /// Re-reads one page: its new rendering and summary, or why the fast path declines.
    fn reread(&self, id: PageId, path: &Path) -> Result<(Rendered, String, usize), String> {
        let page = &self.kept.site.pages[id];
        let source = SourceFile {
            rel: page.rel.clone(),
            path: path.to_path_buf(),
            kind: FileKind::Markdown,
        };
        let (parsed, problems) = crate::parse::parse_file(&source, &page.file);
        let Some(parsed) = parsed else {
            return Err(format!("{} does not parse", page.rel));
        };
        if problems.iter().any(Diagnostic::is_error) {
            return Err(format!("{} does not parse", page.rel));
        }
        if parsed.fm != page.fm {
            return Err(format!("the front-matter of {} changed", page.rel));
        }
        let has_media = |html: &str| {
            html.contains("<img") || html.contains("<svg") || html.contains("praxis-chart")
        };
        if has_media(&page.rendered.html) {
            return Err(format!("{} had an image or chart", page.rel));
        }
        let site = &self.kept.site;
        let links = LinkMap {
            urls: &site.links,
            drafts: &site.drafts_left_out,
            failed: &site.failed_markdown,
        };
        let source = Source {
            file: &page.file,
            dir: &page.dir,
            first_line: parsed.body_line,
        };
        let mut rendered =
            markdown::render(&parsed.body, &source, &links, site.config.sanitize_html);
        if has_media(&rendered.html) {
            return Err(format!("{} has an image or chart", page.rel));
        }
        if let Some(labelled) = crate::body::label_task_checkboxes(&rendered.html) {
            rendered.html = labelled;
        }
        let summary = match &page.fm.summary {
            Some(summary) => summary.trim().to_string(),
            None => truncate_words(&rendered.first_paragraph, 300),
        };
        Ok((rendered, summary, parsed.body_line))
    }

    /// Applies a batch of changed paths to the served folder `out`, or says why it cannot
    /// (then nothing was written, and the caller must rebuild another way).
    pub fn update(&mut self, changed: &[PathBuf], out: &Path) -> Result<Update, String> {
        if let Some(reason) = self.disabled {
            return Err(reason.to_string());
        }
        if changed.is_empty() {
            return Err("nothing changed".into());
        }
        let mut clock = std::time::Instant::now();
        let mut lap = |update: &mut Update, step: &'static str| {
            update.steps.push((step, clock.elapsed()));
            clock = std::time::Instant::now();
        };
        let mut edits: Vec<(PageId, Rendered, String, usize)> = Vec::new();
        for path in changed {
            let id = self.page_of(path)?;
            if edits.iter().any(|(i, ..)| *i == id) {
                continue;
            }
            let (rendered, summary, body_line) = self.reread(id, path)?;
            edits.push((id, rendered, summary, body_line));
        }

        // From here on the kept site is changed; a failure leaves it to the partial or full
        // rebuild, which assemble the hub anew.
        let mut update = Update::default();
        lap(&mut update, "markdown");
        let mut listed_changed = Vec::new();
        let mut ids = Vec::new();
        for (id, mut rendered, summary, body_line) in edits {
            ids.push(id);
            update.diagnostics.append(&mut rendered.diagnostics);
            let page = &mut self.kept.site.pages[id];
            page.rendered = rendered;
            page.summary = summary;
            page.body_line = body_line;
            let value = render::summary(&self.kept.site, &self.kept.theme, &self.kept.tera, id)
                .map_err(|d| format!("a template failed: {}", d.message))?;
            if value != self.summaries[id] {
                self.summaries[id] = value;
                listed_changed.push(id);
            }
            update.urls.push(self.kept.site.pages[id].url.clone());
        }
        let jobs = self.jobs(&ids, &listed_changed);
        let discovery = match self.feeds.take() {
            Some(feeds) => {
                crate::discover::Discovery::reusing(&self.kept.site, &self.summaries, feeds)
            }
            None => crate::discover::Discovery::new(&self.kept.site, &self.summaries),
        };
        lap(&mut update, "prepare");
        let renderer = Renderer::new(
            &self.kept.site,
            &self.kept.theme,
            &self.kept.tera,
            &self.summaries,
            &discovery,
        );
        let jobs: Vec<Job> = jobs.into_iter().collect();
        let mut outputs = jobs
            .par_iter()
            .map(|&job| renderer.render(job))
            .collect::<Result<Vec<Output>, Diagnostic>>()
            .map_err(|d| format!("a template failed: {}", d.message))?;
        lap(&mut update, "templates");
        for &id in &ids {
            outputs.extend(discovery.outputs_of_page(id));
        }
        lap(&mut update, "feeds");
        self.feeds = Some(discovery.into_kept());
        outputs.sort_by(|a, b| a.path.cmp(&b.path));
        outputs.dedup_by(|a, b| a.path == b.path);
        update.rendered = outputs.len();
        for output in &outputs {
            if write_if_changed(out, output).map_err(|e| format!("cannot write: {e}"))? {
                update.written.push(output.path.clone());
            }
        }
        if let Some(fingerprints) = &mut self.fingerprints {
            fingerprints.rewritten(&outputs);
        }
        lap(&mut update, "write");
        self.search_stale |= self.kept.site.config.search;
        Ok(update)
    }

    /// The outputs to render again for edited pages `ids`, of which `listed` changed their
    /// listing view.
    fn jobs(&self, ids: &[PageId], listed: &[PageId]) -> BTreeSet<Job> {
        let site = &self.kept.site;
        let mut jobs: BTreeSet<Job> = ids.iter().map(|&i| Job::Page(i)).collect();
        if listed.is_empty() {
            return jobs;
        }
        for (i, section) in site.sections.iter().enumerate() {
            if section.home {
                let per = section.fm.paginate_by.unwrap_or(site.config.paginate_by);
                let pagers = section.pages.len().div_ceil(per.max(1)).max(1);
                jobs.extend((0..pagers).map(|n| Job::Section(i, n)));
            }
        }
        for &id in listed {
            let page = &site.pages[id];
            for (i, section) in site.sections.iter().enumerate() {
                if let Some(at) = section.pages.iter().position(|&p| p == id) {
                    let per = section.fm.paginate_by.unwrap_or(site.config.paginate_by);
                    jobs.insert(Job::Section(i, at / per.max(1)));
                }
            }
            for &(t, term) in &self.terms_of[id] {
                let listed = &site.taxonomies[t].terms[term].pages;
                if let Some(at) = listed.iter().position(|&p| p == id) {
                    jobs.insert(Job::Term(t, term, at / site.config.paginate_by.max(1)));
                }
            }
            jobs.extend(self.related_in[id].iter().map(|&j| Job::Page(j)));
            for credited in page.fm.authors.iter().chain(&page.fm.speakers) {
                jobs.extend(
                    site.pages
                        .iter()
                        .enumerate()
                        .filter(|(_, p)| p.member_id.as_deref() == Some(credited.as_str()))
                        .map(|(j, _)| Job::Page(j)),
                );
            }
        }
        jobs
    }

    /// Brings the served search data up to date with the pages: the search index and export
    /// are built into a temporary folder beside `out`, then each of their entries replaces
    /// the one of the same name in `out/search/` (a folder by two renames, a file by one).
    pub fn refresh_search(&mut self, out: &Path) -> std::io::Result<()> {
        if !self.search_stale {
            return Ok(());
        }
        let parent = out.parent().unwrap_or(Path::new("."));
        let staging = tempfile::Builder::new()
            .prefix(".praxis-search-")
            .tempdir_in(parent)?;
        let fresh = staging.path().join(crate::search::SEARCH_DIR);
        crate::search::build(&self.kept.site, None, &fresh).map_err(std::io::Error::other)?;
        let served = out.join(crate::search::SEARCH_DIR);
        std::fs::create_dir_all(&served)?;
        let trash = staging.path().join("replaced");
        std::fs::create_dir_all(&trash)?;
        for entry in std::fs::read_dir(&fresh)? {
            let entry = entry?;
            let target = served.join(entry.file_name());
            if entry.file_type()?.is_dir() && target.exists() {
                std::fs::rename(&target, trash.join(entry.file_name()))?;
            }
            std::fs::rename(entry.path(), &target)?;
        }
        self.search_stale = false;
        Ok(())
    }
}

/// Writes one output into `out` when its bytes differ from the file there, through a
/// temporary file renamed over it; says whether it wrote.
fn write_if_changed(out: &Path, output: &Output) -> std::io::Result<bool> {
    if !render::is_contained(&output.path) {
        return Err(std::io::Error::other(format!(
            "{} leaves the output folder",
            output.path
        )));
    }
    let target = out.join(&output.path);
    if std::fs::read(&target).is_ok_and(|old| old == output.content.as_bytes()) {
        return Ok(false);
    }
    let dir = target.parent().unwrap_or(out);
    std::fs::create_dir_all(dir)?;
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let temp = dir.join(format!(".{name}.praxis-tmp"));
    std::fs::write(&temp, output.content.as_bytes())?;
    std::fs::rename(&temp, &target)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::site::BuildOptions;

    pub(super) fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub(super) const A_FM: &str = "---\ntitle: Guide A\ndate: 2026-01-02\ntags: [x]\n---\n";

    pub(super) fn hub() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "hub.yaml", "title: Fixture hub\nbase_url: /\n");
        write(
            root,
            "content/_index.md",
            "---\ntitle: Fixture hub\n---\nWelcome.\n",
        );
        write(
            root,
            "content/guides/a.md",
            &format!("{A_FM}First paragraph.\n\nSecond paragraph.\n"),
        );
        write(
            root,
            "content/guides/b.md",
            "---\ntitle: Guide B\ndate: 2026-01-01\n---\nLinks to [a](a.md#second).\n",
        );
        write(
            root,
            "content/guides/c.md",
            "---\ntitle: Guide C\ndate: 2025-12-01\ntags: [x, y]\n---\nAbout C.\n",
        );
        dir
    }

    pub(super) fn options() -> BuildOptions {
        BuildOptions {
            drafts: false,
            base_url: Some("/".into()),
        }
    }

    /// Every file of a built site but tantivy's (it names its segments at random).
    pub(super) fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap();
                (
                    rel.to_string_lossy().replace('\\', "/"),
                    e.path().to_owned(),
                )
            })
            .filter(|(rel, _)| !rel.starts_with("search/tantivy/"))
            .map(|(rel, path)| (rel, std::fs::read(path).unwrap()))
            .collect()
    }

    pub(super) fn assert_fresh(root: &Path, served: &Path) {
        let fresh = tempfile::tempdir().unwrap();
        let out = fresh.path().join("site");
        crate::pipeline::build(root, &out, &options(), &|_| {}).unwrap();
        let (expected, got) = (snapshot(&out), snapshot(served));
        let differ: Vec<&String> = expected
            .keys()
            .chain(got.keys())
            .filter(|k| expected.get(*k) != got.get(*k))
            .collect();
        assert!(differ.is_empty(), "differs from a fresh build: {differ:?}");
    }

    #[test]
    fn body_edits_rewrite_only_what_shows_the_page() {
        let hub = hub();
        let root = hub.path();
        let preview = tempfile::tempdir().unwrap();
        let served = preview.path().join("site");
        let (_, kept) = crate::pipeline::build_keeping(root, &served, &options(), &|_| {}).unwrap();
        let mut fast = Incremental::new(root, &options(), kept);
        assert_eq!(fast.disabled, None);
        let a = root.join("content/guides/a.md");

        // The summary stays: the page, and only files carrying its body, are rewritten.
        write(
            root,
            "content/guides/a.md",
            &format!("{A_FM}First paragraph.\n\n## Second\n\nNew text.\n"),
        );
        let update = fast.update(std::slice::from_ref(&a), &served).unwrap();
        assert!(
            update.written.contains(&"guides/a/index.html".to_string()),
            "{update:?}"
        );
        for path in &update.written {
            assert!(
                path == "guides/a/index.html"
                    || path.ends_with("atom.xml")
                    || path.ends_with("feed.json")
                    || path.starts_with("guides/a/cite."),
                "{path} was rewritten: {update:?}"
            );
        }
        assert_eq!(update.urls, vec!["/guides/a/".to_string()]);
        assert!(fast.search_stale());
        fast.refresh_search(&served).unwrap();
        assert!(!fast.search_stale());
        assert_fresh(root, &served);

        // A new first paragraph is a new summary: its listings and related pages follow.
        write(
            root,
            "content/guides/a.md",
            &format!("{A_FM}A new first paragraph.\n\n## Second\n\nNew text.\n"),
        );
        let update = fast.update(std::slice::from_ref(&a), &served).unwrap();
        for path in [
            "guides/a/index.html",
            "guides/index.html",
            "tags/x/index.html",
        ] {
            assert!(
                update.written.contains(&path.to_string()),
                "{path}: {update:?}"
            );
        }
        assert!(
            !update.written.contains(&"tags/y/index.html".to_string()),
            "{update:?}"
        );
        fast.refresh_search(&served).unwrap();
        assert_fresh(root, &served);

        // Everything else declines, and writes nothing.
        write(
            root,
            "content/guides/a.md",
            "---\ntitle: Renamed A\ndate: 2026-01-02\ntags: [x]\n---\nBody.\n",
        );
        assert!(fast
            .update(std::slice::from_ref(&a), &served)
            .unwrap_err()
            .contains("front-matter"));
        write(
            root,
            "content/guides/a.md",
            "---\ntitle: [broken\n---\nBody.\n",
        );
        assert!(fast.update(std::slice::from_ref(&a), &served).is_err());
        write(root, "content/guides/a.md", &format!("{A_FM}![x](x.png)\n"));
        assert!(fast.update(std::slice::from_ref(&a), &served).is_err());
        write(
            root,
            "content/guides/new.md",
            "---\ntitle: New\n---\nNew.\n",
        );
        assert!(fast
            .update(&[root.join("content/guides/new.md")], &served)
            .is_err());
        assert!(fast
            .update(&[root.join("content/guides/gone.md")], &served)
            .is_err());
        assert!(fast
            .update(&[root.join("content/_index.md")], &served)
            .is_err());
        assert!(fast.update(&[root.join("hub.yaml")], &served).is_err());
    }

    #[test]
    fn themes_with_site_lookups_take_full_builds() {
        let hub = hub();
        let root = hub.path();
        write(
            root,
            "templates/page.html",
            "{% set other = get_page(path=\"guides/b.md\") %}{{ page.title }} {{ other.title }}",
        );
        let preview = tempfile::tempdir().unwrap();
        let served = preview.path().join("site");
        let (_, kept) = crate::pipeline::build_keeping(root, &served, &options(), &|_| {}).unwrap();
        let mut fast = Incremental::new(root, &options(), kept);
        write(root, "content/guides/a.md", &format!("{A_FM}Changed.\n"));
        let err = fast
            .update(&[root.join("content/guides/a.md")], &served)
            .unwrap_err();
        assert!(err.contains("lookup"), "{err}");
    }
}
