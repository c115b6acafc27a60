//! The build pipeline: load, parse, assemble, render, write, one stage after another.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use thiserror::Error;

use crate::config::HubConfig;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::load::{self, FileKind};
use crate::parse;
use crate::render::{self, Output};
use crate::search::index::Texts;
use crate::site::{self, BuildOptions, Site};
use crate::theme::Theme;
use crate::write::{self, WriteError};

/// Why a build did not produce a site.
#[derive(Debug, Error)]
pub enum BuildError {
    /// The hub's input has errors; every diagnostic found is included, warnings too.
    #[error("the hub has {} error(s)", count_errors(.0))]
    Invalid(Vec<Diagnostic>),
    /// The output folder is misplaced (it would contain the hub, or lie in its content).
    #[error("refusing to build into {0}: {1}")]
    BadOutput(PathBuf, &'static str),
    /// Writing the output failed; the previous output is untouched.
    #[error(transparent)]
    Write(#[from] WriteError),
}

fn count_errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.iter().filter(|d| d.is_error()).count()
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Content pages built.
    pub pages: usize,
    /// Sections (home included).
    pub sections: usize,
    /// Taxonomy terms.
    pub terms: usize,
    /// Files in the output.
    pub files: usize,
    /// Wall time of the whole build.
    pub elapsed: Duration,
    /// Warnings and notes.
    pub diagnostics: Vec<Diagnostic>,
    /// Where the site was written.
    pub out_dir: PathBuf,
    /// What the search stage built, when the hub has search.
    pub search: Option<crate::search::SearchReport>,
    /// Each page's source file (relative to the hub root) and URL, for the preview server.
    pub page_urls: Vec<(PathBuf, String)>,
}

/// A hub loaded, parsed, assembled and rendered, not yet written.
pub struct Prepared {
    /// The assembled site.
    pub site: Site,
    /// The resolved theme.
    pub theme: Theme,
    /// Every output page.
    pub outputs: Vec<Output>,
    /// Warnings and notes (errors end the build before this point).
    pub diagnostics: Diagnostics,
}

/// Runs every stage up to rendering. Errors from all files are collected before giving up.
pub fn prepare(
    root: &Path,
    options: &BuildOptions,
    progress: &dyn Fn(&str),
) -> Result<Prepared, BuildError> {
    prepare_into(root, options, progress, None).map(|(prepared, _)| prepared)
}

/// A hub loaded, parsed and assembled with its templates compiled: everything the rendering
/// needs.
pub struct Assembled {
    /// The assembled site.
    pub site: Site,
    /// The resolved theme.
    pub theme: Theme,
    /// The theme's templates, compiled, with the functions of `pulse::prepare` registered.
    pub tera: tera::Tera,
    /// Warnings and notes (errors end the build before this point).
    pub diagnostics: Diagnostics,
    /// A fingerprint of what the pulse's template functions answer
    /// ([`crate::pulse::prepare_with_answers`]).
    pub answers: u64,
}

/// Runs the stages before rendering: load, parse, assemble, compile the templates. Errors
/// from all files are collected before giving up.
pub fn assemble(
    root: &Path,
    options: &BuildOptions,
    progress: &dyn Fn(&str),
) -> Result<Assembled, BuildError> {
    let mut diagnostics = Diagnostics::new();
    let fail = |mut diagnostics: Diagnostics, d: Diagnostic| {
        diagnostics.push(d);
        BuildError::Invalid(diagnostics.into_sorted())
    };
    let mut config = HubConfig::load(root).map_err(|d| fail(Diagnostics::new(), d))?;
    if let Some(base_url) = &options.base_url {
        config.base_url = if base_url.ends_with('/') {
            base_url.clone()
        } else {
            format!("{base_url}/")
        };
    }
    let content_dir = root.join(&config.content_dir);
    if !content_dir.is_dir() {
        let d = Diagnostic::error("hub.yaml", 0, 0, "content-missing")
            .message(format!(
                "there is no content folder at {}",
                content_dir.display()
            ))
            .hint("create content/ with an _index.md, or set `content_dir` in hub.yaml");
        return Err(fail(diagnostics, d));
    }
    let theme = Theme::load(root, &config).map_err(|d| fail(Diagnostics::new(), d))?;

    progress("loading");
    let (files, walk_problems) = load::walk_content(&content_dir, root);
    diagnostics.extend(walk_problems);
    let (markdown, assets): (Vec<_>, Vec<_>) = files
        .into_iter()
        .partition(|f| f.kind == FileKind::Markdown);
    let content_prefix = load::display_path(&content_dir, root);

    progress("parsing");
    let (parsed, parse_problems) = parse::parse_all(&markdown, &content_prefix);
    diagnostics.extend(parse_problems);

    progress("assembling");
    let (mut site, site_problems) =
        site::assemble(config, &markdown, parsed, &assets, options, &content_prefix);
    diagnostics.extend(site_problems);
    diagnostics.extend(crate::discover::git_dates::apply(root, &mut site));
    let tera = render::compile(&theme).map_err(|d| fail(diagnostics.clone(), d))?;
    let (tera, answers) =
        crate::pulse::prepare_with_answers(root, &mut site, tera, &mut diagnostics);
    if diagnostics.has_errors() {
        return Err(BuildError::Invalid(diagnostics.into_sorted()));
    }
    Ok(Assembled {
        site,
        theme,
        tera,
        diagnostics,
        answers,
    })
}

/// Work that writes files of its own into the staging folder (the search index, images). It
/// runs on this thread while the pages are rendered on the others, and writes only paths the
/// pages do not. It is handed the pages' search text when that was moved out of the site.
type During<'a> = dyn Fn(&Site, Option<Texts>, &Path) -> Result<(), WriteError> + 'a;

/// Where [`prepare_into`] writes the pages, and what it runs beside their rendering.
struct Into<'a> {
    /// The output folder, whose staging folder receives the pages.
    dir: &'a Path,
    /// The work beside the rendering.
    during: &'a During<'a>,
    /// Whether the site is kept afterwards whole, so its pages' bodies and search text must
    /// stay in it.
    keep_content: bool,
}

/// [`prepare`]; with an output folder, the pages are written into a staging folder for it as
/// they are rendered (and weighed then) instead of being held in `outputs`, while `during`
/// runs beside the rendering.
fn prepare_into(
    root: &Path,
    options: &BuildOptions,
    progress: &dyn Fn(&str),
    out: Option<Into<'_>>,
) -> Result<(Prepared, Option<write::Staging>), BuildError> {
    let Assembled {
        mut site,
        theme,
        tera,
        mut diagnostics,
        ..
    } = assemble(root, options, progress)?;

    progress("rendering");
    let hub_static = write::static_files(&root.join("static"));
    let staging = out
        .as_ref()
        .map(|out| write::Staging::new(out.dir))
        .transpose()?;
    // From here on, only the search stage reads the pages' text and only each page's own job
    // its body: they take them, and free them as they go rather than at the end.
    let taking = out.as_ref().is_some_and(|out| !out.keep_content);
    let texts = taking.then(|| crate::search::index::take_texts(&mut site));
    let bodies = taking.then(|| render::Bodies::take(&mut site));
    let budget = crate::budget::Budget::new(&site, &theme, &[], &hub_static);
    let over_budget = Mutex::new(Vec::new());
    let write_failed = Mutex::new(None);
    let sink = |output: Output| -> Result<Option<Output>, Diagnostic> {
        let Some(staging) = &staging else {
            return Ok(Some(output));
        };
        if let Some(found) = budget.as_ref().and_then(|b| b.weigh(&output)) {
            if let Ok(mut over) = over_budget.lock() {
                over.push(found);
            }
        }
        staging.write(&output).map_err(|err| {
            let d = Diagnostic::error(&output.path, 0, 0, "build-failed").message(err.to_string());
            if let Ok(mut slot) = write_failed.lock() {
                slot.get_or_insert(err);
            }
            d
        })?;
        Ok(None)
    };
    let rendered = match (&staging, out) {
        (Some(staging), Some(out)) => std::thread::scope(|scope| {
            let render = scope
                .spawn(|| render::render_site_with(&site, &theme, tera, bodies.as_ref(), &sink));
            let beside = (out.during)(&site, texts, staging.path());
            let rendered = render
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            beside.map(|()| rendered)
        })?,
        _ => render::render_site_with(&site, &theme, tera, bodies.as_ref(), &sink),
    };
    if let Some(err) = write_failed.into_inner().ok().flatten() {
        return Err(BuildError::Write(err));
    }
    let outputs = rendered.map_err(|problems| {
        let mut all = diagnostics.clone();
        all.extend(problems);
        BuildError::Invalid(all.into_sorted())
    })?;
    let mut weighed = over_budget.into_inner().unwrap_or_default();
    weighed.extend(crate::budget::check(&site, &theme, &outputs, &hub_static));
    weighed.sort_by(|a, b| a.message.cmp(&b.message));
    diagnostics.extend(weighed);
    Ok((
        Prepared {
            site,
            theme,
            outputs,
            diagnostics,
        },
        staging,
    ))
}

/// Builds the hub at `root` into `out_dir`, replacing the previous build only on success.
pub fn build(
    root: &Path,
    out_dir: &Path,
    options: &BuildOptions,
    progress: &dyn Fn(&str),
) -> Result<BuildReport, BuildError> {
    build_site(root, out_dir, options, progress, false).map(|(report, built)| {
        drop_aside(built);
        report
    })
}

/// Frees a large value on a thread of its own: dropping a 10k-page site takes ~0.1 s, at the
/// very end of a build, when nothing else is left to run beside it.
fn drop_aside<T: Send + 'static>(value: T) {
    // Should no thread be available, the value is dropped here, with the failed closure.
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

/// What the preview server keeps of a successful build to redo part of it later
/// (`serve::incremental`): the assembled site, the theme and the compiled templates.
pub struct Kept {
    /// The assembled site, as rendered.
    pub site: Site,
    /// The resolved theme.
    pub theme: Theme,
    /// The theme's templates, compiled, with the functions of `pulse::prepare` registered
    /// (not the site lookups `get_page`, `get_section`, `get_taxonomy`).
    pub tera: tera::Tera,
    /// A fingerprint of what the pulse's template functions answer.
    pub answers: u64,
}

/// [`build`], also handing back what the preview server needs to re-render pages itself.
pub fn build_keeping(
    root: &Path,
    out_dir: &Path,
    options: &BuildOptions,
    progress: &dyn Fn(&str),
) -> Result<(BuildReport, Kept), BuildError> {
    let (report, (mut site, theme)) = build_site(root, out_dir, options, progress, true)?;
    // The same templates as the build's: compiled again (a few ms), since rendering consumed
    // them; charts are already drawn, so `pulse::prepare` only registers its functions.
    let tera = render::compile(&theme).map_err(|d| BuildError::Invalid(vec![d]))?;
    let (tera, answers) =
        crate::pulse::prepare_with_answers(root, &mut site, tera, &mut Diagnostics::new());
    Ok((
        report,
        Kept {
            site,
            theme,
            tera,
            answers,
        },
    ))
}

/// [`build`], handing back the site and theme with the report; `keep_content` leaves the
/// pages' bodies and search text in the site, for a caller that renders and indexes them
/// again later.
fn build_site(
    root: &Path,
    out_dir: &Path,
    options: &BuildOptions,
    progress: &dyn Fn(&str),
    keep_content: bool,
) -> Result<(BuildReport, (Site, Theme)), BuildError> {
    let started = Instant::now();
    check_output_location(root, out_dir)?;
    let search_report = Mutex::new(None);
    let during = |site: &Site, texts: Option<Texts>, staging: &Path| -> Result<(), WriteError> {
        if site.config.search {
            progress("indexing");
            let report =
                crate::search::build(site, texts, &staging.join(crate::search::SEARCH_DIR))
                    .map_err(|err| WriteError::Stage {
                        stage: "search",
                        source: Box::new(err),
                    })?;
            if let Ok(mut slot) = search_report.lock() {
                *slot = Some(report);
            }
        }
        if !site.images.is_empty() {
            crate::images::write(&site.images, staging).map_err(|source| WriteError::Stage {
                stage: "images",
                source,
            })?;
        }
        Ok(())
    };
    let into = Into {
        dir: out_dir,
        during: &during,
        keep_content,
    };
    let (prepared, staging) = prepare_into(root, options, progress, Some(into))?;
    let staging = match staging {
        Some(staging) => staging,
        None => {
            let staging = write::Staging::new(out_dir)?;
            during(&prepared.site, None, staging.path())?;
            staging
        }
    };
    progress("writing");
    let hub_static = write::static_files(&root.join("static"));
    let site = &prepared.site;
    let stats = staging.finish(
        out_dir,
        &prepared.outputs,
        &prepared.site.assets,
        &prepared.theme.static_files,
        &hub_static,
    )?;
    let report = BuildReport {
        pages: site.pages.len(),
        sections: site.sections.len(),
        terms: site.taxonomies.iter().map(|t| t.terms.len()).sum(),
        files: stats.files,
        elapsed: started.elapsed(),
        diagnostics: prepared
            .diagnostics
            .into_sorted()
            .into_iter()
            .filter(|d| d.severity >= Severity::Note)
            .collect(),
        out_dir: out_dir.to_path_buf(),
        search: search_report.into_inner().ok().flatten(),
        page_urls: site
            .pages
            .iter()
            .map(|p| (p.file.clone(), p.url.clone()))
            .collect(),
    };
    Ok((report, (prepared.site, prepared.theme)))
}

/// Refuses output folders whose replacement would delete the hub itself.
fn check_output_location(root: &Path, out_dir: &Path) -> Result<(), BuildError> {
    let absolute = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        // Canonicalize what exists so `./public/..` and symlinks compare correctly.
        let mut existing = p.clone();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (
                existing.file_name().map(|n| n.to_os_string()),
                existing.parent(),
            ) {
                (Some(name), Some(parent)) => {
                    rest.push(name);
                    existing = parent.to_path_buf();
                }
                _ => break,
            }
        }
        let mut resolved = existing.canonicalize().unwrap_or(existing);
        for part in rest.into_iter().rev() {
            resolved.push(part);
        }
        resolved
    };
    let root = absolute(root);
    let out = absolute(out_dir);
    if root.starts_with(&out) {
        return Err(BuildError::BadOutput(
            out_dir.to_path_buf(),
            "the hub is inside it, and building replaces the output folder whole",
        ));
    }
    for protected in ["content", "static", "templates", "themes", "data", ".git"] {
        if out.starts_with(root.join(protected)) {
            return Err(BuildError::BadOutput(
                out_dir.to_path_buf(),
                "it is inside the hub's sources",
            ));
        }
    }
    Ok(())
}
