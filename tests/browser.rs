//! Browser behaviour in a real headless Chromium (Debian's package), driven by playwright-core
//! from `tests/browser/` (installed by `scripts/test-deps.sh`).

use std::path::Path;
use std::process::Command;

/// Runs one browser script against a fresh build of the example hub.
fn run_browser_script(script: &str) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let browser_dir = repo.join("tests/browser");
    assert!(
        browser_dir.join("node_modules/playwright-core").is_dir(),
        "browser test dependencies are missing: run scripts/test-deps.sh (it installs Chromium and the npm packages)"
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    praxis::pipeline::build(repo, &out, &Default::default(), &|_| {}).expect("example hub builds");
    let run = Command::new("node")
        .arg(browser_dir.join(script))
        .arg(&out)
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

#[test]
fn search_works_in_a_real_browser() {
    run_browser_script("search.mjs");
}
