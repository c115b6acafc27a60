//! Browser behaviour in a real headless Chromium (Debian's package), driven by playwright-core
//! from `tests/browser/` (installed by `scripts/test-deps.sh`).

mod common;

use common::run_node;

use std::path::Path;

/// Runs one browser script against a fresh build of the example hub.
fn run_browser_script(script: &str) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    run_browser_script_on(script, repo);
}

/// Runs one browser script against a fresh build of the hub at `root`.
fn run_browser_script_on(script: &str, root: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    praxis::pipeline::build(root, &out, &Default::default(), &|_| {}).expect("the hub builds");
    run_node(script, &[out.as_os_str()]);
}

#[test]
fn search_works_in_a_real_browser() {
    run_browser_script("search.mjs");
}

#[test]
fn search_speaks_and_searches_the_readers_language() {
    // The Open Source Guides corpus as a multilingual hub: English at the root, a folder per
    // language.
    let hub = tempfile::tempdir().unwrap();
    common::write_multilingual_corpus_hub(hub.path());
    run_browser_script_on("search-languages.mjs", hub.path());
}

#[test]
fn every_page_type_is_accessible_and_works_without_javascript_on_paper_and_offline() {
    run_browser_script("a11y.mjs");
}

#[test]
fn phones_get_small_images_at_their_final_size_and_lazily() {
    let hub = tempfile::tempdir().unwrap();
    let root = hub.path();
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("hub.yaml", "title: Images\nsearch: false\n");
    write("content/_index.md", "---\ntitle: Images\n---\nPhotos.\n");
    let filler: String = (0..60)
        .map(|i| format!("Paragraph {i} of field notes on the pump and its committee.\n\n"))
        .collect();
    write(
        "content/stories/field/index.md",
        &format!("---\ntitle: Field visit\ndate: 2025-01-01\n---\n\n![A repaired handpump](top.jpg)\n\n{filler}![A committee meeting](bottom.jpg)\n"),
    );
    for (name, seed) in [("top.jpg", 0u32), ("bottom.jpg", 80)] {
        image::RgbImage::from_fn(2400, 1600, |x, y| {
            image::Rgb([
                ((x + seed) % 256) as u8,
                (y % 256) as u8,
                ((x * y) % 256) as u8,
            ])
        })
        .save(root.join("content/stories/field").join(name))
        .unwrap();
    }
    run_browser_script_on("images.mjs", root);
}

#[test]
fn a_tab_reloads_by_itself_under_praxis_serve() {
    let hub = tempfile::tempdir().unwrap();
    std::fs::write(hub.path().join("hub.yaml"), "title: Live\n").unwrap();
    std::fs::create_dir_all(hub.path().join("content/guides")).unwrap();
    std::fs::write(
        hub.path().join("content/_index.md"),
        "---\ntitle: Live\n---\n",
    )
    .unwrap();
    std::fs::write(
        hub.path().join("content/guides/a.md"),
        "---\ntitle: Guide A\n---\nFirst version.\n",
    )
    .unwrap();
    run_node(
        "serve.mjs",
        &[
            env!("CARGO_BIN_EXE_praxis").as_ref(),
            hub.path().as_os_str(),
        ],
    );
}
