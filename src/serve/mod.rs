//! `praxis serve`: builds the hub, serves it on loopback, watches its sources, rebuilds on every
//! change and tells open tabs to reload, apply new CSS, follow the edited page, or show the
//! error that a broken save caused (while the last good build keeps being served).
//!
//! A save that only changes the Markdown body of existing pages takes a fast path
//! ([`incremental`]): those pages and the listings, feeds and files that show them are rendered
//! again with the last build's site and templates, and only files whose bytes changed are
//! written, each atomically; the search data follows right after the reload message. Edits of
//! front-matter and templates, and created, renamed or deleted pages, take the partial rebuild
//! (`incremental::partial`): the hub is assembled again, but only the pages whose template
//! input changed are rendered, and files the site no longer has are removed. Anything else
//! (`hub.yaml`, `static/`, `data/`, theme strings, a bundle's files) is a full build into the
//! served folder, swapped in atomically. Either way the served site equals a fresh
//! `praxis build` of the same files and no page is ever half-written.

pub mod http;
pub mod incremental;
pub mod watch;

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use thiserror::Error;

use crate::diagnostic::Diagnostic;
use crate::pipeline::{self, BuildError, BuildReport};
use crate::site::BuildOptions;
use http::State;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to listen on; loopback unless asked.
    pub bind: String,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Build drafts (and mark them as drafts on the page).
    pub drafts: bool,
    /// Send tabs to the page whose source was just edited.
    pub follow: bool,
}

/// Why the server could not run.
#[derive(Debug, Error)]
pub enum ServeError {
    /// The address could not be bound.
    #[error("cannot listen on {address}: {message}")]
    Bind {
        /// The address asked for.
        address: String,
        /// What the system said.
        message: String,
    },
    /// The sources could not be watched.
    #[error("cannot watch the hub's files: {0}")]
    Watch(#[from] notify::Error),
    /// The served folder could not be created.
    #[error("cannot create the preview folder: {0}")]
    Io(#[from] std::io::Error),
}

/// What a build did, for the terminal.
pub enum Outcome<'a> {
    /// The build succeeded.
    Built(&'a BuildReport, Duration),
    /// The build failed; the last good site is still served.
    Failed(&'a [Diagnostic]),
    /// Edited pages were re-rendered without a full build.
    Updated(&'a incremental::Update, Duration),
    /// The search data caught up with a fast update (after the tabs were told to reload).
    SearchUpdated(Duration),
    /// A change needs the full build; the reason says why.
    FullBuild(&'a str),
    /// The served pages were fingerprinted for partial rebuilds, while the server was idle.
    Fingerprinted(Duration),
}

/// Told about every build; called from the rebuild thread.
pub type Reporter = Arc<dyn Fn(Outcome<'_>) + Send + Sync>;

/// Builds, serves and watches until the process is stopped; `listening` is told the address
/// once the first build is done and the server accepts requests.
pub fn serve(
    root: &Path,
    options: &ServeOptions,
    listening: &dyn Fn(&str),
    report: Reporter,
) -> Result<(), ServeError> {
    let address = format!("{}:{}", options.bind, options.port);
    let server = tiny_http::Server::http(&address).map_err(|e| ServeError::Bind {
        address: address.clone(),
        message: e.to_string(),
    })?;
    let port = server
        .server_addr()
        .to_ip()
        .map_or(options.port, |a| a.port());
    let preview = tempfile::Builder::new().prefix("praxis-serve-").tempdir()?;
    let site = preview.path().join("site");
    let build_options = BuildOptions {
        drafts: options.drafts,
        base_url: Some("/".into()),
    };
    let state = Arc::new(State {
        site: site.clone(),
        clients: Mutex::new(Vec::new()),
        current_error: Mutex::new(None),
    });

    let config = crate::config::HubConfig::load(root).unwrap_or_default();
    let (_watcher, batches) = watch::watch(
        root,
        &watch::watched_paths(root, &root.join(&config.content_dir)),
    )?;
    let mut kept = None;
    let mut pending = Vec::new();
    rebuild(
        root,
        &build_options,
        &state,
        &[],
        false,
        &report,
        &mut kept,
        &mut pending,
    );

    let rebuild_state = Arc::clone(&state);
    let root_owned = root.to_path_buf();
    let follow = options.follow;
    std::thread::spawn(move || {
        while let Some(batch) = next_batch(&batches, &rebuild_state.site, &mut kept, &report) {
            rebuild(
                &root_owned,
                &build_options,
                &rebuild_state,
                &batch,
                follow,
                &report,
                &mut kept,
                &mut pending,
            );
        }
    });

    let host = if options.bind == "0.0.0.0" || options.bind == "::" {
        "127.0.0.1"
    } else {
        options.bind.as_str()
    };
    listening(&format!("http://{host}:{port}/"));
    for request in server.incoming_requests() {
        let state = Arc::clone(&state);
        std::thread::spawn(move || http::handle(request, &state));
    }
    drop(preview);
    Ok(())
}

/// Waits for the next batch of changes, merging every batch already waiting (saves that came
/// in while the last one was being built are one change). While the server is idle, it
/// catches up: the search data lagging behind a fast update is brought up to date, then the
/// served pages are fingerprinted for the next partial rebuild, unless a batch is waiting.
fn next_batch(
    batches: &Receiver<Vec<PathBuf>>,
    site: &Path,
    kept: &mut Option<incremental::Incremental>,
    report: &Reporter,
) -> Option<Vec<PathBuf>> {
    let mut batch = loop {
        match batches.try_recv() {
            Ok(batch) => break batch,
            Err(TryRecvError::Disconnected) => return None,
            Err(TryRecvError::Empty) => {}
        }
        match kept.as_mut() {
            Some(incremental) if incremental.search_stale() => {
                let started = Instant::now();
                if incremental.refresh_search(site).is_ok() {
                    report(Outcome::SearchUpdated(started.elapsed()));
                } else {
                    // The next change takes a full build, which writes the search data anew.
                    *kept = None;
                }
            }
            Some(incremental) if incremental.needs_fingerprints() => {
                let started = Instant::now();
                incremental.fingerprint();
                report(Outcome::Fingerprinted(started.elapsed()));
            }
            _ => break batches.recv().ok()?,
        }
    };
    while let Ok(more) = batches.try_recv() {
        batch.extend(more);
    }
    batch.sort();
    batch.dedup();
    Some(batch)
}

/// Brings the served folder up to date with the hub and tells the open tabs what changed:
/// through the fast path when it applies, else the partial rebuild, else a full build.
/// `pending` holds the changes not yet applied (a failed build leaves them there).
#[allow(clippy::too_many_arguments)]
fn rebuild(
    root: &Path,
    options: &BuildOptions,
    state: &State,
    changed: &[PathBuf],
    follow: bool,
    report: &Reporter,
    kept: &mut Option<incremental::Incremental>,
    pending: &mut Vec<PathBuf>,
) {
    let started = Instant::now();
    pending.extend_from_slice(changed);
    pending.sort();
    pending.dedup();
    let in_error = state
        .current_error
        .lock()
        .map(|e| e.is_some())
        .unwrap_or(true);
    // The fast path and the partial rebuild decline what they do not handle: the fast path's
    // reason is not shown (the partial rebuild is tried next), the partial rebuild's is.
    if let Some(incremental) = kept.as_mut() {
        // After a failed build, changes it did not apply may be pending: the fast path only
        // compares the saved files with the last good build, so it is skipped then.
        let fast = (!in_error)
            .then(|| incremental.update(pending, &state.site).ok())
            .flatten();
        let applied = match fast {
            Some(update) => Some(update),
            None => match incremental.rebuild(pending, &state.site) {
                Ok(update) => Some(update),
                Err(incremental::Declined::Failed(err)) => {
                    show_error(state, report, err);
                    return;
                }
                Err(incremental::Declined::Full(reason)) => {
                    report(Outcome::FullBuild(&reason));
                    None
                }
            },
        };
        if let Some(update) = applied {
            pending.clear();
            if let Ok(mut current) = state.current_error.lock() {
                *current = None;
            }
            let took = started.elapsed();
            match update.urls.first().filter(|_| follow) {
                Some(url) => {
                    state.broadcast("follow", &serde_json::json!({ "url": url }).to_string());
                }
                None => state.broadcast(
                    "reload",
                    &serde_json::json!({ "written": update.written }).to_string(),
                ),
            }
            report(Outcome::Updated(&update, took));
            return;
        }
    }
    // The old site is not needed any more: dropping it first keeps one site in memory.
    *kept = None;
    let result = pipeline::build_keeping(root, &state.site, options, &|_| {});
    match result {
        Ok((build, new_kept)) => {
            let had_error = state
                .current_error
                .lock()
                .map(|mut e| e.take().is_some())
                .unwrap_or(false);
            let css_only = pending
                .iter()
                .all(|p| p.extension().is_some_and(|e| e == "css"));
            if !pending.is_empty() {
                if css_only && !had_error {
                    state.broadcast("css", "{}");
                } else if let Some(url) =
                    follow.then(|| edited_page(root, pending, &build)).flatten()
                {
                    state.broadcast("follow", &serde_json::json!({ "url": url }).to_string());
                } else {
                    state.broadcast("reload", "{}");
                }
            }
            pending.clear();
            report(Outcome::Built(&build, started.elapsed()));
            *kept = Some(incremental::Incremental::new(root, options, new_kept));
        }
        Err(err) => show_error(state, report, err),
    }
}

/// Shows a failed build's errors in open tabs and in the terminal; the last good build is
/// still served.
fn show_error(state: &State, report: &Reporter, err: BuildError) {
    let diagnostics = match err {
        BuildError::Invalid(diagnostics) => diagnostics,
        other => vec![Diagnostic::error("hub.yaml", 0, 0, "build-failed")
            .message(other.to_string())
            .hint("fix the problem and save again")],
    };
    let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
    let json = serde_json::to_string(&errors).unwrap_or_else(|_| "[]".into());
    if let Ok(mut current) = state.current_error.lock() {
        *current = Some(json.clone());
    }
    state.broadcast("build-error", &json);
    report(Outcome::Failed(&diagnostics));
}

/// The URL of the page whose source was among the changed files.
fn edited_page(root: &Path, changed: &[PathBuf], build: &BuildReport) -> Option<String> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    changed.iter().find_map(|path| {
        let path = path.canonicalize().unwrap_or_else(|_| path.clone());
        let relative = path.strip_prefix(&root).ok()?;
        build
            .page_urls
            .iter()
            .find(|(file, _)| file == relative)
            .map(|(_, url)| url.clone())
    })
}
