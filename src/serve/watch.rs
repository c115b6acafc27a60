//! Watching the hub's sources: file-system events, filtered and debounced into batches.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::load::is_ignored_name;

/// How long the tree must be quiet before a batch of changes is rebuilt: editors write a file
/// in several steps (temp file, rename, metadata) within a millisecond or two, and a burst of
/// saves is one change. Short, because a page's fast update takes a few milliseconds; batches
/// that arrive while one is being built are merged by the server before the next build.
pub const DEBOUNCE: Duration = Duration::from_millis(12);

/// The folders and files of a hub that affect its site.
pub fn watched_paths(root: &Path, content_dir: &Path) -> Vec<PathBuf> {
    let mut paths = vec![content_dir.to_path_buf()];
    for name in ["templates", "themes", "static", "data"] {
        paths.push(root.join(name));
    }
    paths.push(root.join(crate::config::CONFIG_FILE));
    paths
}

/// Whether a changed path matters: not an editor's swap, backup or lock file, not hidden.
/// Only the part below the hub's root counts: the hub itself may live in a hidden folder.
pub fn relevant(root: &Path, path: &Path) -> bool {
    !path
        .strip_prefix(root)
        .unwrap_or(path)
        .components()
        .any(|c| c.as_os_str().to_str().is_some_and(is_ignored_name))
}

/// Starts watching; the receiver yields batches of changed paths, each after a quiet period.
pub fn watch(
    root: &Path,
    paths: &[PathBuf],
) -> notify::Result<(notify::RecommendedWatcher, Receiver<Vec<PathBuf>>)> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let (raw_tx, raw_rx) = channel::<PathBuf>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            if matches!(event.kind, notify::EventKind::Access(_)) {
                return;
            }
            for path in event.paths {
                if relevant(&root, &path) {
                    let _ = raw_tx.send(path);
                }
            }
        }
    })?;
    for path in paths {
        if path.exists() {
            let path = path.canonicalize().unwrap_or_else(|_| path.clone());
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    let (batch_tx, batch_rx) = channel();
    std::thread::spawn(move || loop {
        let Ok(first) = raw_rx.recv() else { return };
        let mut batch = vec![first];
        let mut quiet_since = Instant::now();
        loop {
            match raw_rx.recv_timeout(DEBOUNCE.saturating_sub(quiet_since.elapsed())) {
                Ok(path) => {
                    batch.push(path);
                    quiet_since = Instant::now();
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        batch.sort();
        batch.dedup();
        if batch_tx.send(batch).is_err() {
            return;
        }
    });
    Ok((watcher, batch_rx))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_files_are_not_changes() {
        let root = Path::new("/tmp/.hidden-hub");
        for path in [
            "content/.a.md.swp",
            "content/a.md~",
            "content/4913",
            "content/.#a.md",
            "content/.git/x",
        ] {
            assert!(!relevant(root, &root.join(path)), "{path}");
        }
        assert!(relevant(root, &root.join("content/guides/a.md")));
    }
}
