//! Writing: the built site goes to a staging folder beside the output and is swapped in only
//! once every file is written, so a failed build never leaves a half-written site.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use thiserror::Error;

use crate::render::{is_contained, Output};
use crate::site::Asset;
use crate::theme::ThemeFile;

/// Marks a folder as written by Praxis, so it may be replaced by the next build.
pub const MARKER: &str = ".praxis-output";

/// Why the site could not be written.
#[derive(Debug, Error)]
pub enum WriteError {
    /// A file system operation failed.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The output folder holds files Praxis did not write.
    #[error("refusing to replace {0}: it is not empty and was not written by praxis (no {MARKER} file); remove it or choose another --out")]
    NotPraxisOutput(PathBuf),
    /// An output path would leave the output folder.
    #[error("refusing to write {0}: the path leaves the output folder")]
    Escapes(String),
    /// A stage that writes its own files into the staging folder (the search index) failed.
    #[error("{stage}: {source}")]
    Stage {
        /// Which stage.
        stage: &'static str,
        /// What went wrong.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Where one output file's bytes come from.
enum Content<'a> {
    Text(&'a str),
    Bytes(&'static [u8]),
    Copy(&'a Path),
}

/// Counts of what was written.
#[derive(Debug, Default, Clone, Copy)]
pub struct WriteStats {
    /// Files written in all.
    pub files: usize,
    /// Bytes of generated text.
    pub bytes: u64,
}

/// The staging folder beside the output that a build writes into: swapped in whole by
/// [`Staging::finish`] once every file is written, removed (the previous output untouched) if
/// it is dropped before.
pub struct Staging {
    dir: tempfile::TempDir,
    parent: PathBuf,
    /// Files written as they were rendered, with their sizes.
    written: std::sync::Mutex<Vec<(String, u64)>>,
}

impl Staging {
    /// Creates the staging folder for `out_dir`, after checking `out_dir` may be replaced.
    pub fn new(out_dir: &Path) -> Result<Staging, WriteError> {
        check_replaceable(out_dir)?;
        let parent = match out_dir.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(io(&parent))?;
        // Dropping the TempDir on any error below removes the half-written staging folder.
        let dir = tempfile::Builder::new()
            .prefix(".praxis-staging-")
            .tempdir_in(&parent)
            .map_err(io(&parent))?;
        Ok(Staging {
            dir,
            parent,
            written: std::sync::Mutex::new(Vec::new()),
        })
    }

    /// The staging folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes one generated file now, so it need not be held in memory until the end.
    pub fn write(&self, output: &Output) -> Result<(), WriteError> {
        if !is_contained(&output.path) {
            return Err(WriteError::Escapes(output.path.clone()));
        }
        let target = self.dir.path().join(&output.path);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        std::fs::write(&target, &output.content).map_err(io(&target))?;
        if let Ok(mut written) = self.written.lock() {
            written.push((output.path.clone(), output.content.len() as u64));
        }
        Ok(())
    }

    /// Writes the rest of the site and swaps it in for `out_dir`. Later sources win: theme
    /// static files, then the hub's `static/`, then content assets, then generated pages
    /// (those already written, then `outputs`).
    pub fn finish(
        self,
        out_dir: &Path,
        outputs: &[Output],
        assets: &[Asset],
        theme_static: &BTreeMap<String, ThemeFile>,
        hub_static: &[(String, PathBuf)],
    ) -> Result<WriteStats, WriteError> {
        let written = self.written.into_inner().unwrap_or_default();
        let mut files: BTreeMap<&str, Content<'_>> = BTreeMap::new();
        for (path, file) in theme_static {
            let content = match file {
                ThemeFile::Embedded(bytes) => Content::Bytes(bytes),
                ThemeFile::Disk(source) => Content::Copy(source),
            };
            files.insert(path, content);
        }
        for (path, source) in hub_static {
            files.insert(path, Content::Copy(source));
        }
        for asset in assets {
            files.insert(&asset.out, Content::Copy(&asset.source));
        }
        // A page already written wins over the static files and assets at its path.
        for (path, _) in &written {
            files.remove(path.as_str());
        }
        // A written page that `outputs` writes again is counted once, as part of `outputs`.
        let again: std::collections::HashSet<&str> =
            outputs.iter().map(|o| o.path.as_str()).collect();
        let (already, written_bytes) = written
            .iter()
            .filter(|(path, _)| !again.contains(path.as_str()))
            .fold((0, 0), |(n, sum), (_, len)| (n + 1, sum + len));
        for output in outputs {
            files.insert(&output.path, Content::Text(&output.content));
        }
        if let Some(bad) = files.keys().find(|path| !is_contained(path)) {
            return Err(WriteError::Escapes(bad.to_string()));
        }
        let (staging, parent) = (self.dir, self.parent);
        let root = staging.path();

        let mut dirs: Vec<PathBuf> = files
            .keys()
            .filter_map(|p| Path::new(p).parent().map(|d| root.join(d)))
            .collect();
        dirs.sort();
        dirs.dedup();
        // Creating a folder locks its parent, so two threads gain only when they work in different
        // parents: rayon hands each thread a contiguous run of the sorted list, which mostly shares
        // one parent. create_dir_all makes missing ancestors and tolerates a sibling thread's race.
        dirs.par_iter()
            .try_for_each(|dir| std::fs::create_dir_all(dir).map_err(io(dir)))?;
        let bytes = files
            .par_iter()
            .map(|(path, content)| {
                let target = root.join(path);
                match content {
                    Content::Text(text) => std::fs::write(&target, text).map(|_| text.len() as u64),
                    Content::Bytes(bytes) => std::fs::write(&target, bytes).map(|_| 0),
                    Content::Copy(source) => std::fs::copy(source, &target).map(|_| 0),
                }
                .map_err(io(&target))
            })
            .try_reduce(|| 0, |a, b| Ok(a + b))?;
        let marker = root.join(MARKER);
        std::fs::write(
            &marker,
            "This folder is written by `praxis build` and replaced whole by the next build.\n",
        )
        .map_err(io(&marker))?;

        swap_in(staging, out_dir, &parent)?;
        Ok(WriteStats {
            files: files.len() + already,
            bytes: bytes + written_bytes,
        })
    }
}

/// Refuses to replace a folder that holds anything but a previous Praxis build.
fn check_replaceable(out_dir: &Path) -> Result<(), WriteError> {
    if !out_dir.exists() {
        return Ok(());
    }
    if out_dir.join(MARKER).is_file() {
        return Ok(());
    }
    let mut entries = std::fs::read_dir(out_dir).map_err(io(out_dir))?;
    if entries.next().is_some() {
        return Err(WriteError::NotPraxisOutput(out_dir.to_path_buf()));
    }
    Ok(())
}

/// Moves the staging folder into place: the old site is renamed away first and removed only
/// after the new one is in place, so at every moment one complete site exists on disk.
fn swap_in(staging: tempfile::TempDir, out_dir: &Path, parent: &Path) -> Result<(), WriteError> {
    let staged = staging.keep();
    let old = if out_dir.exists() {
        let old = tempfile::Builder::new()
            .prefix(".praxis-old-")
            .tempdir_in(parent)
            .map_err(io(parent))?
            .keep();
        // rename() needs the target not to exist as a non-empty folder; the fresh one is empty.
        std::fs::remove_dir(&old).map_err(io(&old))?;
        if let Err(err) = std::fs::rename(out_dir, &old) {
            let _ = std::fs::remove_dir_all(&staged);
            return Err(WriteError::Io {
                path: out_dir.to_path_buf(),
                source: err,
            });
        }
        Some(old)
    } else {
        None
    };
    if let Err(err) = std::fs::rename(&staged, out_dir) {
        if let Some(old) = &old {
            let _ = std::fs::rename(old, out_dir);
        }
        let _ = std::fs::remove_dir_all(&staged);
        return Err(WriteError::Io {
            path: out_dir.to_path_buf(),
            source: err,
        });
    }
    if let Some(old) = old {
        remove_tree(&old).map_err(io(&old))?;
    }
    Ok(())
}

/// Removes a folder and everything in it, the folders of each level in parallel: unlinking is
/// file-system work that serializes only within one folder. Symbolic links are removed, never
/// followed.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let entries = std::fs::read_dir(dir)?.collect::<Result<Vec<_>, _>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            std::fs::remove_file(entry.path())
        }
    })?;
    std::fs::remove_dir(dir)
}

/// Lists the files of a hub's `static/` folder as (output path, source).
pub fn static_files(dir: &Path) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !e
                    .file_name()
                    .to_str()
                    .is_some_and(crate::load::is_ignored_name)
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?;
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            Some((rel, e.path().to_path_buf()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(path: &str, content: &str) -> Output {
        Output {
            path: path.into(),
            content: content.into(),
        }
    }

    type Stage<'a> = &'a dyn Fn(&Path) -> Result<(), Box<dyn std::error::Error + Send + Sync>>;

    /// What a build does: work that writes its own files (the search index) into the staging
    /// folder first, then the rest of the site; a failure drops the staging folder.
    fn write_site(
        out: &Path,
        outputs: &[Output],
        stage: Option<Stage>,
    ) -> Result<WriteStats, WriteError> {
        let staging = Staging::new(out)?;
        if let Some(run) = stage {
            run(staging.path()).map_err(|source| WriteError::Stage {
                stage: "search",
                source,
            })?;
        }
        staging.finish(out, outputs, &[], &BTreeMap::new(), &[])
    }

    #[test]
    fn a_second_build_replaces_the_first_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(
            &out,
            &[output("a/index.html", "one"), output("old.html", "x")],
            None,
        )
        .unwrap();
        write_site(&out, &[output("a/index.html", "two")], None).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "two"
        );
        assert!(!out.join("old.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "staging and old folders are cleaned up");
    }

    #[test]
    fn a_folder_praxis_did_not_write_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("precious.txt"), "keep").unwrap();
        let err = write_site(dir.path(), &[output("index.html", "x")], None).unwrap_err();
        assert!(matches!(err, WriteError::NotPraxisOutput(_)));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("precious.txt")).unwrap(),
            "keep"
        );
    }

    #[test]
    fn a_failing_stage_leaves_the_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &[output("index.html", "old")], None).unwrap();
        let failing = |_: &Path| -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
            Err("index broke".into())
        };
        let err = write_site(&out, &[output("index.html", "new")], Some(&failing)).unwrap_err();
        assert_eq!(err.to_string(), "search: index broke");
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "old"
        );
    }

    #[test]
    fn paths_that_escape_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_site(
            &dir.path().join("out"),
            &[output("../evil.html", "x")],
            None,
        )
        .unwrap_err();
        assert!(matches!(err, WriteError::Escapes(_)));
        assert!(!dir.path().join("evil.html").exists());
    }

    #[test]
    fn extra_stages_write_beside_the_pages_and_their_failure_keeps_the_old_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let stage = |staging: &Path| -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
            std::fs::create_dir_all(staging.join("search/t"))?;
            std::fs::write(staging.join("search/t/0.json"), "[]")?;
            Ok(())
        };
        let pages: Vec<Output> = (0..200)
            .map(|i| output(&format!("p/{i}/index.html"), "page"))
            .chain([output("search/index.html", "search page")])
            .collect();
        write_site(&out, &pages, Some(&stage)).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("search/t/0.json")).unwrap(),
            "[]"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("search/index.html")).unwrap(),
            "search page"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("p/199/index.html")).unwrap(),
            "page"
        );

        let failing = |_: &Path| -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
            Err("no index".into())
        };
        let err = write_site(&out, &[output("index.html", "new")], Some(&failing)).unwrap_err();
        assert!(matches!(
            err,
            WriteError::Stage {
                stage: "search",
                ..
            }
        ));
        assert!(
            out.join("p/199/index.html").exists(),
            "the previous site is untouched"
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "the staging folder is removed");
    }

    #[cfg(unix)]
    #[test]
    fn removing_the_old_site_never_follows_links_out_of_it() {
        let dir = tempfile::tempdir().unwrap();
        let precious = dir.path().join("precious");
        std::fs::create_dir(&precious).unwrap();
        std::fs::write(precious.join("keep.txt"), "keep").unwrap();
        let old = dir.path().join("old");
        for i in 0..50 {
            std::fs::create_dir_all(old.join(format!("a/{i}/b"))).unwrap();
            std::fs::write(old.join(format!("a/{i}/b/index.html")), "x").unwrap();
        }
        std::os::unix::fs::symlink(&precious, old.join("a/link")).unwrap();
        remove_tree(&old).unwrap();
        assert!(!old.exists());
        assert_eq!(
            std::fs::read_to_string(precious.join("keep.txt")).unwrap(),
            "keep"
        );
    }
}
