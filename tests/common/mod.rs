//! Fixture hubs in temporary folders, shared by the integration tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use praxis::diagnostic::Diagnostic;
use praxis::pipeline::{self, BuildError, BuildReport};
use praxis::site::BuildOptions;

/// A hub written into a temporary folder.
pub struct Hub {
    dir: tempfile::TempDir,
}

impl Hub {
    /// An empty hub with a minimal hub.yaml.
    pub fn new() -> Hub {
        let hub = Hub {
            dir: tempfile::tempdir().unwrap(),
        };
        hub.write(
            "hub.yaml",
            "title: Fixture hub\nbase_url: https://hub.example.org/\n",
        );
        hub.write(
            "content/_index.md",
            "---\ntitle: Fixture hub\n---\nWelcome.\n",
        );
        hub
    }

    /// The hub's root folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The default output folder.
    pub fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Writes a file, creating folders.
    pub fn write(&self, rel: &str, text: &str) -> &Hub {
        self.write_bytes(rel, text.as_bytes())
    }

    /// Writes raw bytes, creating folders.
    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Hub {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    /// Builds into `public/` through the library.
    pub fn build(&self) -> Result<BuildReport, BuildError> {
        self.build_with(&BuildOptions::default())
    }

    /// Builds with options.
    pub fn build_with(&self, options: &BuildOptions) -> Result<BuildReport, BuildError> {
        pipeline::build(self.root(), &self.out(), options, &|_| {})
    }

    /// Builds and expects success.
    pub fn build_ok(&self) -> BuildReport {
        match self.build() {
            Ok(report) => report,
            Err(BuildError::Invalid(diagnostics)) => panic!("build failed: {diagnostics:#?}"),
            Err(err) => panic!("build failed: {err}"),
        }
    }

    /// Builds and expects diagnostics with errors.
    pub fn build_err(&self) -> Vec<Diagnostic> {
        match self.build() {
            Err(BuildError::Invalid(diagnostics)) => diagnostics,
            Err(err) => panic!("expected diagnostics, got {err}"),
            Ok(_) => panic!("expected the build to fail"),
        }
    }

    /// Reads a file of the output.
    pub fn read_out(&self, rel: &str) -> String {
        let path = self.out().join(rel);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// Runs the praxis binary with `--root` set to this hub.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_praxis"))
            .arg("--root")
            .arg(self.root())
            .args(args)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    }
}

/// Every file under a folder with its bytes, for comparing whole outputs.
pub fn snapshot_tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The `<main>` element of a page, the part that differs between page kinds.
pub fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("page has a <main>");
    let end = html.find("</main>").expect("page closes <main>") + "</main>".len();
    html[start..end].to_string()
}

/// The shared Open Source Guides corpus, beside the repository.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/opensource-guide/_articles")
}

/// Writes a hub.yaml at `root` that publishes the corpus as a multilingual hub (English
/// first, then every language folder, with a base URL); returns the folders' language codes.
pub fn write_multilingual_corpus_hub(root: &Path) -> Vec<String> {
    let corpus = corpus_dir()
        .canonicalize()
        .expect("the shared corpus is beside the repository");
    let mut codes: Vec<String> = std::fs::read_dir(&corpus)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    codes.sort();
    std::fs::write(
        root.join("hub.yaml"),
        format!(
            "title: Open Source Guides\nbase_url: https://osg.example.org/\ncontent_dir: {}\nlanguages: [en, {}]\n",
            corpus.display(),
            codes.join(", ")
        ),
    )
    .unwrap();
    codes
}

impl Hub {
    /// Runs git in the hub's root with a fixed identity and commit date (RFC 3339), as a
    /// repository's history would have it; panics when git fails.
    pub fn git(&self, args: &[&str], date: &str) -> &Hub {
        let out = Command::new("git")
            .arg("-C")
            .arg(self.root())
            .args(args)
            .env("GIT_AUTHOR_NAME", "Fixture")
            .env("GIT_AUTHOR_EMAIL", "fixture@example.org")
            .env("GIT_COMMITTER_NAME", "Fixture")
            .env("GIT_COMMITTER_EMAIL", "fixture@example.org")
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.root())
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        self
    }
}

/// Every file under a folder whose name is `name`, sorted.
pub fn files_named(dir: &Path, name: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() == name)
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// The HTML without the scripts Praxis itself adds (the deferred search client and JSON-LD
/// data blocks), so tests can assert that no other script reached a page.
pub fn without_own_scripts(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let tag_end = rest[start..]
            .find('>')
            .map_or(rest.len(), |i| start + i + 1);
        let tag = &rest[start..tag_end];
        let own = tag.contains("search.js\" data-base=")
            || tag == "<script type=\"application/ld+json\">";
        let close = rest[tag_end..]
            .find("</script>")
            .map_or(rest.len(), |i| tag_end + i + "</script>".len());
        out.push_str(&rest[..start]);
        if !own {
            out.push_str(&rest[start..close]);
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// Runs `tests/browser/<script>` under Node with `args` (a built site, a binary…), and fails
/// with its output if it fails; checks first that `scripts/test-deps.sh` installed what the
/// browser scripts import.
pub fn run_node(script: &str, args: &[&std::ffi::OsStr]) {
    let browser_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    assert!(
        browser_dir.join("node_modules/playwright-core").is_dir()
            && browser_dir.join("node_modules/axe-core").is_dir(),
        "browser test dependencies are missing: run scripts/test-deps.sh (it installs Chromium and the npm packages)"
    );
    let run = Command::new("node")
        .arg(browser_dir.join(script))
        .args(args)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    println!("{stdout}");
    assert!(
        run.status.success(),
        "{script} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}
