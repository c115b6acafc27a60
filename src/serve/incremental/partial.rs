//! The preview server's partial rebuild, for the changes the body-only fast path declines:
//! front-matter edits, created, renamed and deleted pages, sections' `_index.md` files and
//! template edits.
//!
//! The hub is loaded, parsed and assembled again (every site-wide consequence of the change —
//! URLs, listings, terms, related pages, translations, broken links — comes out exactly as in a
//! full build), but only the pages whose template input changed are rendered. Each job's
//! input is its template's variables ([`crate::render::Prepared`]), the text of every template
//! it is made of ([`crate::theme::Theme::template_closure`]) and, when those templates call
//! the pulse's functions, what they answer. A fingerprint of that input is kept per output
//! file; a job whose fingerprint is unchanged would render the same bytes, so it is skipped.
//! Files that are not a job's page (feeds, sitemap, citations, redirects…) are cheap: they
//! are generated again and compared by their bytes' hash. Output files the new site no longer
//! has are removed.
//!
//! The partial rebuild declines (and the server runs the full build) when the change touches
//! anything else — `hub.yaml`, `static/`, `data/`, theme strings or static files, a bundle's
//! files or images — or when the theme calls a site-wide lookup (`get_page`, `get_section`,
//! `get_taxonomy`), whose answers are not part of a page's variables.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::Value;

use super::{write_if_changed, Incremental, Update};
use crate::diagnostic::{Diagnostic, Severity};
use crate::discover::KeptFeeds;
use crate::pipeline::{BuildError, Kept};
use crate::render::{self, hash_of, Output, Renderer};
use crate::site::Site;
use crate::theme::Theme;

/// Template functions answering from the whole site: a theme calling one takes full builds.
const SITE_LOOKUPS: [&str; 3] = ["get_page", "get_section", "get_taxonomy"];

/// What the served site was rendered from, by output path (relative to the served folder).
#[derive(Debug, Default)]
pub struct Fingerprints {
    /// A job's page → the fingerprint of its template input (`None`: the file was written
    /// since by the fast path, so the next partial rebuild renders it again).
    jobs: HashMap<String, Option<u64>>,
    /// Every other generated file → the hash of its bytes.
    files: HashMap<String, u64>,
}

impl Fingerprints {
    /// Forgets what is known of the files in `outputs`, rewritten by the fast path: their jobs
    /// are rendered again by the next partial rebuild, their bytes hashed anew.
    pub fn rewritten(&mut self, outputs: &[Output]) {
        for output in outputs {
            match self.jobs.get_mut(&output.path) {
                Some(fingerprint) => *fingerprint = None,
                None => {
                    self.files
                        .insert(output.path.clone(), hash_of(&output.content));
                }
            }
        }
    }
}

/// Why a partial rebuild did not apply.
pub enum Declined {
    /// The change needs the full build (the reason says why).
    Full(String),
    /// The hub as it is now does not build; nothing was written.
    Failed(BuildError),
}

/// Per template name: a hash of its name and of the text of every template it is made of,
/// and whether any of them calls a pulse function.
fn template_hashes(theme: &Theme) -> HashMap<&str, (u64, bool)> {
    theme
        .templates
        .keys()
        .map(|name| {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            let mut pulse = false;
            name.hash(&mut hasher);
            for used in theme.template_closure(name) {
                used.hash(&mut hasher);
                if let Some((text, _)) = theme.templates.get(used) {
                    text.hash(&mut hasher);
                    pulse |= crate::pulse::SITE_FUNCTIONS
                        .iter()
                        .any(|f| text.contains(f));
                }
            }
            (name.as_str(), (hasher.finish(), pulse))
        })
        .collect()
}

/// Why the theme rules the partial rebuild out, if it does.
pub fn theme_declines(theme: &Theme) -> Option<&'static str> {
    theme
        .templates
        .values()
        .any(|(text, _)| SITE_LOOKUPS.iter().any(|f| text.contains(f)))
        .then_some("the theme calls a site-wide lookup (get_page, get_section or get_taxonomy)")
}

/// One job surveyed: its output path, its fingerprint and, when rendered, its page.
type Surveyed = (String, u64, Option<Output>);

/// Fingerprints every file of a site and, given the fingerprints of the files served, renders
/// the jobs whose input changed and generates the other files whose bytes changed. Hands back
/// the feeds it worked out, for the fast path to keep.
/// `lap` is told when each step ends.
pub fn survey(
    kept: &Kept,
    summaries: &[Value],
    served: Option<&Fingerprints>,
    lap: &mut dyn FnMut(&'static str),
) -> Result<(Fingerprints, Vec<Output>, KeptFeeds), Vec<Diagnostic>> {
    let Kept {
        site,
        theme,
        tera,
        answers,
    } = kept;
    let templates = template_hashes(theme);
    let discovery = crate::discover::Discovery::new(site, summaries);
    let renderer = Renderer::new(site, theme, tera, summaries, &discovery);
    let jobs = render::all_jobs(site, renderer.localizer());
    let shared = renderer.shared_hashes();
    lap("prepare");
    let surveyed: Vec<Result<Surveyed, Diagnostic>> = jobs
        .par_iter()
        .map(|&job| {
            let (template, url, variables) = renderer.fingerprint(job, &shared);
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            variables.hash(&mut hasher);
            if let Some((text, pulse)) = templates.get(template.as_str()) {
                text.hash(&mut hasher);
                if *pulse {
                    answers.hash(&mut hasher);
                }
            }
            let fingerprint = hasher.finish();
            let path = render::output_path(site, &url);
            let unchanged = served.is_none_or(|s| s.jobs.get(&path) == Some(&Some(fingerprint)));
            let output = if unchanged {
                None
            } else {
                Some(renderer.render(job)?)
            };
            Ok((path, fingerprint, output))
        })
        .collect();
    let mut fingerprints = Fingerprints::default();
    let mut outputs = Vec::new();
    let mut problems = Vec::new();
    for result in surveyed {
        match result {
            Ok((path, fingerprint, output)) => {
                fingerprints.jobs.insert(path, Some(fingerprint));
                outputs.extend(output);
            }
            Err(d) => problems.push(d),
        }
    }
    if !problems.is_empty() {
        problems.sort_by(|a, b| a.file.cmp(&b.file));
        problems.dedup_by(|a, b| a.file == b.file);
        return Err(problems);
    }
    lap("pages");
    let keep = |output| Ok(Some(output));
    for output in render::site_files(site, theme, tera, &renderer, &discovery, &keep)? {
        let hash = hash_of(&output.content);
        let unchanged = served.is_none_or(|s| s.files.get(&output.path) == Some(&hash));
        fingerprints.files.insert(output.path.clone(), hash);
        if !unchanged {
            outputs.push(output);
        }
    }
    lap("files");
    drop(renderer);
    Ok((fingerprints, outputs, discovery.into_kept()))
}

/// Whether a changed path is one the partial rebuild handles: a Markdown file of the content
/// folder (edited, created or deleted) or a template.
fn handled(root: &Path, content_dir: &Path, theme_name: &str, path: &Path) -> bool {
    let markdown = path.extension().is_some_and(|e| e == "md");
    if markdown && path.starts_with(content_dir) {
        return true;
    }
    path.starts_with(root.join("templates"))
        || path.starts_with(root.join("themes").join(theme_name).join("templates"))
}

/// `path` with symbolic links resolved, as the root and content folder are, even when it was
/// deleted (its folder is resolved then).
fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| {
        match (
            path.parent().and_then(|p| p.canonicalize().ok()),
            path.file_name(),
        ) {
            (Some(parent), Some(name)) => parent.join(name),
            _ => path.to_path_buf(),
        }
    })
}

/// The files bundles and images publish, which the partial rebuild does not copy.
fn copied_files(site: &Site) -> Vec<(&Path, &str)> {
    let mut files: Vec<(&Path, &str)> = site
        .assets
        .iter()
        .map(|a| (a.source.as_path(), a.out.as_str()))
        .collect();
    files.sort();
    files
}

impl Incremental {
    /// Fingerprints the served site, if not done yet (the server does it while idle after a
    /// full build; a partial rebuild needs it).
    pub fn fingerprint(&mut self) {
        if self.fingerprints.is_some() || self.partial_off.is_some() {
            return;
        }
        if let Ok((fingerprints, ..)) = survey(&self.kept, &self.summaries, None, &mut |_| {}) {
            self.fingerprints = Some(fingerprints);
        } else {
            self.partial_off = Some("the last build's pages could not be fingerprinted");
        }
    }

    /// Whether the served site still has to be fingerprinted ([`Incremental::fingerprint`]).
    pub fn needs_fingerprints(&self) -> bool {
        self.fingerprints.is_none() && self.partial_off.is_none()
    }

    /// Brings the served folder `out` up to date with the hub after the changes `changed`
    /// (every change since this state was served), rendering only the pages whose input
    /// changed; declines what it does not handle.
    pub fn rebuild(&mut self, changed: &[PathBuf], out: &Path) -> Result<Update, Declined> {
        if let Some(reason) = self.partial_off {
            return Err(Declined::Full(reason.to_string()));
        }
        let theme_name = self.kept.site.config.theme.clone();
        // An editor's or tool's temporary file (`sed -i` writes `sedXXXXXX` beside the file and
        // renames it over) may be gone by now: a path that no longer exists and was neither
        // Markdown nor a file the last build published changed nothing.
        let published: std::collections::HashSet<PathBuf> = self
            .kept
            .site
            .assets
            .iter()
            .map(|a| canonical(&a.source))
            .collect();
        let changed: Vec<PathBuf> = changed
            .iter()
            .map(|p| canonical(p))
            .filter(|p| {
                p.exists() || p.extension().is_some_and(|e| e == "md") || published.contains(p)
            })
            .collect();
        if let Some(path) = changed
            .iter()
            .find(|p| !handled(&self.root, &self.content_dir, &theme_name, p))
        {
            return Err(Declined::Full(format!("{} changed", path.display())));
        }
        self.fingerprint();
        let mut update = Update::default();
        let mut clock = std::time::Instant::now();
        let mut lap = |update: &mut Update, step: &'static str| {
            update.steps.push((step, clock.elapsed()));
            clock = std::time::Instant::now();
        };
        let assembled = crate::pipeline::assemble(&self.root, &self.options, &|_| {})
            .map_err(Declined::Failed)?;
        lap(&mut update, "assemble");
        let fresh = Kept {
            site: assembled.site,
            theme: assembled.theme,
            tera: assembled.tera,
            answers: assembled.answers,
        };
        let old = &self.kept;
        if copied_files(&fresh.site) != copied_files(&old.site) {
            return Err(Declined::Full("a bundle's files moved".into()));
        }
        if fresh.site.images != old.site.images {
            return Err(Declined::Full("the images changed".into()));
        }
        if let Some(reason) = theme_declines(&fresh.theme) {
            return Err(Declined::Full(reason.into()));
        }
        let invalid = |problems: Vec<Diagnostic>| Declined::Failed(BuildError::Invalid(problems));
        let summaries =
            render::summaries(&fresh.site, &fresh.theme, &fresh.tera).map_err(invalid)?;
        lap(&mut update, "summaries");
        let (fingerprints, outputs, feeds) = survey(
            &fresh,
            &summaries,
            self.fingerprints.as_ref(),
            &mut |step| lap(&mut update, step),
        )
        .map_err(invalid)?;

        update.rendered = outputs.len();
        update.checked = fingerprints.jobs.len() + fingerprints.files.len();
        for output in &outputs {
            let written = write_if_changed(out, output)
                .map_err(|e| Declined::Full(format!("cannot write: {e}")))?;
            if written {
                update.written.push(output.path.clone());
            }
        }
        if let Some(served) = &self.fingerprints {
            let gone = served.jobs.keys().chain(served.files.keys()).filter(|p| {
                !fingerprints.jobs.contains_key(*p) && !fingerprints.files.contains_key(*p)
            });
            for path in gone {
                if render::is_contained(path) && remove_output(out, path) {
                    update.removed.push(path.clone());
                }
            }
        }
        update.removed.sort();
        lap(&mut update, "write");
        update.urls = changed
            .iter()
            .filter_map(|path| {
                let file = crate::load::display_path(path, &self.root);
                fresh.site.pages.iter().find(|p| p.file == file)
            })
            .map(|p| p.url.clone())
            .collect();
        update.diagnostics = assembled
            .diagnostics
            .into_sorted()
            .into_iter()
            .filter(|d| d.severity >= Severity::Note)
            .collect();
        let search = fresh.site.config.search;
        let renewed =
            Incremental::with_summaries(&self.root, &self.options, fresh, summaries, feeds);
        let old = std::mem::replace(self, renewed);
        // Freeing the old site takes a tenth of the update on a large hub; the tabs need not
        // wait for it.
        std::thread::spawn(move || drop(old));
        self.fingerprints = Some(fingerprints);
        self.search_stale = search;
        lap(&mut update, "renew");
        Ok(update)
    }
}

/// Removes an output file the site no longer has, and the folders it leaves empty; says
/// whether there was a file.
fn remove_output(out: &Path, path: &str) -> bool {
    let target = out.join(path);
    if std::fs::remove_file(&target).is_err() {
        return false;
    }
    let mut dir = target.parent();
    while let Some(d) = dir.filter(|d| *d != out && d.starts_with(out)) {
        if std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::incremental::tests::{assert_fresh, hub, options, write, A_FM};

    /// A preview of the fixture hub, fingerprinted as the server does while idle.
    fn serve(root: &Path) -> (tempfile::TempDir, PathBuf, Incremental) {
        let preview = tempfile::tempdir().unwrap();
        let served = preview.path().join("site");
        let (_, kept) = crate::pipeline::build_keeping(root, &served, &options(), &|_| {}).unwrap();
        let mut incremental = Incremental::new(root, &options(), kept);
        incremental.fingerprint();
        assert!(!incremental.needs_fingerprints());
        (preview, served, incremental)
    }

    /// Brings the search data up to date, then compares the served site with a fresh build.
    fn caught_up(incremental: &mut Incremental, root: &Path, served: &Path) {
        incremental.refresh_search(served).unwrap();
        assert_fresh(root, served);
    }

    fn rebuilt(incremental: &mut Incremental, changed: &[PathBuf], served: &Path) -> Update {
        match incremental.rebuild(changed, served) {
            Ok(update) => update,
            Err(Declined::Full(reason)) => panic!("declined: {reason}"),
            Err(Declined::Failed(err)) => panic!("failed: {err:?}"),
        }
    }

    #[test]
    fn front_matter_edits_render_only_the_pages_that_show_the_page() {
        let hub = hub();
        let root = hub.path();
        let (_preview, served, mut incremental) = serve(root);
        let a = root.join("content/guides/a.md");
        write(
            root,
            "content/guides/a.md",
            "---\ntitle: Renamed A\ndate: 2026-01-02\ntags: [y]\n---\nFirst paragraph.\n",
        );
        let update = rebuilt(&mut incremental, std::slice::from_ref(&a), &served);
        for path in [
            "guides/a/index.html",
            "guides/index.html",
            "index.html",
            "tags/x/index.html",
            "tags/y/index.html",
            "sitemap.xml",
        ] {
            assert!(
                update.written.iter().any(|w| w == path),
                "{path}: {update:?}"
            );
        }
        // Guide B links to A and shows it among its related pages; the search page does not.
        assert!(
            !update
                .written
                .iter()
                .any(|w| w == "search/index.html" || w == "404.html"),
            "{update:?}"
        );
        assert!(update.rendered < update.checked, "{update:?}");
        // Fewer files rendered than checked proves little (unchanged files are checked, not
        // counted): every file rendered again changed, so nothing was rendered needlessly.
        assert_eq!(update.rendered, update.written.len(), "{update:?}");
        assert_eq!(update.urls, vec!["/guides/a/".to_string()]);
        caught_up(&mut incremental, root, &served);
    }

    #[test]
    fn created_renamed_and_deleted_pages_match_a_fresh_build() {
        let hub = hub();
        let root = hub.path();
        let (_preview, served, mut incremental) = serve(root);
        let new = root.join("content/guides/new.md");
        write(
            root,
            "content/guides/new.md",
            "---\ntitle: New guide\ntags: [z]\n---\nNew.\n",
        );
        let update = rebuilt(&mut incremental, std::slice::from_ref(&new), &served);
        assert!(
            update.written.iter().any(|w| w == "guides/new/index.html"),
            "{update:?}"
        );
        assert!(
            update.written.iter().any(|w| w == "tags/z/index.html"),
            "{update:?}"
        );
        caught_up(&mut incremental, root, &served);

        // A rename is a deletion and a creation; B's link to the old name becomes a warning.
        let a = root.join("content/guides/a.md");
        let moved = root.join("content/guides/moved.md");
        std::fs::rename(&a, &moved).unwrap();
        let update = rebuilt(&mut incremental, &[a.clone(), moved], &served);
        assert!(
            update.removed.iter().any(|r| r == "guides/a/index.html"),
            "{update:?}"
        );
        assert!(
            update
                .diagnostics
                .iter()
                .any(|d| d.file.ends_with("b.md") && d.severity == Severity::Warning),
            "{:?}",
            update.diagnostics
        );
        assert!(!served.join("guides/a").exists());
        caught_up(&mut incremental, root, &served);

        std::fs::remove_file(&new).unwrap();
        let update = rebuilt(&mut incremental, std::slice::from_ref(&new), &served);
        assert!(
            update.removed.iter().any(|r| r == "tags/z/index.html"),
            "{update:?}"
        );
        caught_up(&mut incremental, root, &served);
    }

    #[test]
    fn a_template_edit_renders_the_pages_that_use_it() {
        let hub = hub();
        let root = hub.path();
        let default = crate::theme::Theme::load(root, &crate::config::HubConfig::default())
            .unwrap()
            .templates["taxonomy_term.html"]
            .0
            .clone();
        write(root, "templates/taxonomy_term.html", &default);
        let (_preview, served, mut incremental) = serve(root);
        let template = root.join("templates/taxonomy_term.html");
        write(
            root,
            "templates/taxonomy_term.html",
            &default.replacen(
                "<header class=\"page-header\">",
                "<header class=\"page-header edited\">",
                1,
            ),
        );
        let update = rebuilt(&mut incremental, std::slice::from_ref(&template), &served);
        // Every term page was rendered again, and nothing else: each re-rendered file changed.
        assert!(!update.written.is_empty());
        assert_eq!(update.rendered, update.written.len(), "{update:?}");
        for path in &update.written {
            assert!(
                path.starts_with("tags/") && path != "tags/index.html",
                "{path}: {update:?}"
            );
        }
        assert_fresh(root, &served);
    }

    #[test]
    fn a_vanished_temporary_file_is_not_a_change() {
        let hub = hub();
        let root = hub.path();
        let (_preview, served, mut incremental) = serve(root);
        // `sed -i` writes `sedAbC123` beside the file and renames it over the file.
        write(
            root,
            "content/guides/c.md",
            &format!("{A_FM}Edited by sed.\n"),
        );
        let changed = [
            root.join("content/guides/c.md"),
            root.join("content/guides/sedAbC123"),
        ];
        rebuilt(&mut incremental, &changed, &served);
        caught_up(&mut incremental, root, &served);
    }

    #[test]
    fn a_broken_file_fails_and_its_fix_applies_what_was_pending() {
        let hub = hub();
        let root = hub.path();
        let (_preview, served, mut incremental) = serve(root);
        let c = root.join("content/guides/c.md");
        write(
            root,
            "content/guides/c.md",
            "---\ntitle: [broken\n---\nBody.\n",
        );
        let failed = incremental.rebuild(std::slice::from_ref(&c), &served);
        assert!(matches!(failed, Err(Declined::Failed(_))));
        write(root, "content/guides/c.md", &format!("{A_FM}Fixed C.\n"));
        rebuilt(&mut incremental, std::slice::from_ref(&c), &served);
        caught_up(&mut incremental, root, &served);

        for other in ["hub.yaml", "static/site.css", "content/guides/picture.png"] {
            write(root, other, "title: Fixture hub\nbase_url: /\n");
            let declined = incremental.rebuild(&[root.join(other)], &served);
            assert!(matches!(declined, Err(Declined::Full(_))), "{other}");
        }
    }
}

#[cfg(test)]
mod exactness {
    use std::collections::BTreeMap;

    use super::*;
    use crate::serve::incremental::tests::{hub, options, write};

    /// Every job of the hub as it is now: output path → (its template variables as JSON, its
    /// fingerprint).
    fn jobs_of(root: &Path) -> BTreeMap<String, (Value, u64)> {
        let assembled = crate::pipeline::assemble(root, &options(), &|_| {}).unwrap();
        let (site, theme, tera) = (&assembled.site, &assembled.theme, &assembled.tera);
        let summaries = render::summaries(site, theme, tera).unwrap();
        let discovery = crate::discover::Discovery::new(site, &summaries);
        let renderer = Renderer::new(site, theme, tera, &summaries, &discovery);
        let shared = renderer.shared_hashes();
        render::all_jobs(site, renderer.localizer())
            .into_iter()
            .map(|job| {
                let prepared = renderer.prepare(job);
                let (template, url, fingerprint) = renderer.fingerprint(job, &shared);
                assert_eq!((&template, &url), (&prepared.template, &prepared.url));
                let path = render::output_path(site, &url);
                (path, (Value::Object(prepared.data), fingerprint))
            })
            .collect()
    }

    /// A fingerprint changes exactly when the variables its template is given change.
    #[test]
    fn fingerprints_change_exactly_when_template_variables_do() {
        let hub = hub();
        let root = hub.path();
        let mut before = jobs_of(root);
        assert_eq!(before, jobs_of(root), "the same hub fingerprints the same");
        let edits = [
            "---\ntitle: Renamed A\ndate: 2026-01-02\ntags: [x]\n---\nFirst paragraph.\n",
            "---\ntitle: Renamed A\ndate: 2026-01-02\ntags: [y]\n---\nFirst paragraph.\n",
            "---\ntitle: Renamed A\ndate: 2026-01-02\ntags: [y]\n---\nAnother first paragraph.\n",
            "---\ntitle: Renamed A\ndate: 2024-05-05\ntags: [y]\n---\nAnother first paragraph.\n",
        ];
        for edit in edits {
            write(root, "content/guides/a.md", edit);
            let after = jobs_of(root);
            let mut changed = 0;
            for (path, (data, fingerprint)) in &after {
                if let Some((old_data, old_fingerprint)) = before.get(path) {
                    assert_eq!(
                        data == old_data,
                        fingerprint == old_fingerprint,
                        "{path} after {edit:?}"
                    );
                    changed += usize::from(data != old_data);
                }
            }
            assert!(changed > 0 && changed < after.len(), "{edit:?}: {changed}");
            before = after;
        }
    }
}
