//! `praxis check`, `praxis new` and `praxis schema`: one fixture per diagnostic code, the three
//! output formats, exit statuses, and the documentation of every code.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::Hub;

/// (code, files to add to a fresh fixture hub, the file the diagnostic names, line, column).
type Case = (
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static str,
    usize,
    usize,
);

const CASES: &[Case] = &[
    ("empty-file", &[("content/guides/a.md", "")], "content/guides/a.md", 1, 1),
    ("toml-front-matter", &[("content/guides/a.md", "+++\ntitle = 'A'\n+++\n")], "content/guides/a.md", 1, 1),
    ("missing-front-matter", &[("content/guides/a.md", "No title here.\n")], "content/guides/a.md", 1, 1),
    ("unterminated-front-matter", &[("content/guides/a.md", "---\ntitle: A\n")], "content/guides/a.md", 1, 1),
    ("invalid-yaml", &[("content/guides/a.md", "---\ntitle: A\ntags: [a\n---\n")], "content/guides/a.md", 4, 1),
    ("invalid-front-matter", &[("content/guides/a.md", "---\n- just\n- a list\n---\n")], "content/guides/a.md", 2, 1),
    ("invalid-field-type", &[("content/guides/a.md", "---\ntitle: A\nweight: heavy\n---\n")], "content/guides/a.md", 3, 9),
    ("invalid-date", &[("content/stories/a.md", "---\ntitle: A\ndate: 14/03/2025\n---\n")], "content/stories/a.md", 3, 7),
    ("invalid-timezone", &[("content/events/a.md", "---\ntitle: A\ndate: 2025-01-01\ntimezone: Nairobi\n---\n")], "content/events/a.md", 4, 11),
    ("invalid-field-value", &[("content/guides/_index.md", "---\ntitle: G\nsort_by: newest\n---\n")], "content/guides/_index.md", 3, 10),
    ("missing-title", &[("content/guides/a.md", "---\nsummary: S\n---\n")], "content/guides/a.md", 1, 1),
    ("missing-date", &[("content/reports/a.md", "---\ntitle: A\n---\n")], "content/reports/a.md", 1, 1),
    ("missing-field", &[
        ("hub.yaml", "title: T\ntypes:\n  guide:\n    required: [summary]\n"),
        ("content/guides/a.md", "---\ntitle: A\n---\n"),
    ], "content/guides/a.md", 1, 1),
    ("not-utf8", &[("content/guides/a.md", "---\ntitle: A\n---\n\u{0}")], "content/guides/a.md", 0, 0),
    ("unknown-type", &[("content/guides/a.md", "---\ntitle: A\ntype: recipe\n---\n")], "content/guides/a.md", 3, 7),
    ("unsafe-slug", &[("content/guides/a.md", "---\ntitle: A\nslug: ../x\n---\n")], "content/guides/a.md", 3, 7),
    ("unsafe-alias", &[("content/guides/a.md", "---\ntitle: A\naliases: [../../x]\n---\n")], "content/guides/a.md", 3, 10),
    ("duplicate-url", &[
        ("content/guides/a.md", "---\ntitle: A\n---\n"),
        ("content/guides/b.md", "---\ntitle: B\nslug: a\n---\n"),
    ], "content/guides/b.md", 3, 7),
    ("unsafe-url", &[("content/guides/a.md", "---\ntitle: A\nresources: [{title: x, url: \"javascript:x\"}]\n---\n")], "content/guides/a.md", 3, 12),
    ("missing-resource", &[("content/guides/a.md", "---\ntitle: A\nresources: [{title: x, path: x.pdf}]\n---\n")], "content/guides/a.md", 3, 12),
    ("resource-too-large", &[
        ("hub.yaml", "title: T\nmax_resource_size: 10\n"),
        ("content/reports/r/index.md", "---\ntitle: R\ndate: 2025-01-01\nresources:\n  - {title: Big, path: big.pdf}\n---\n"),
        ("content/reports/r/big.pdf", "more than ten bytes"),
    ], "content/reports/r/index.md", 5, 5),
    ("unknown-term", &[
        ("hub.yaml", "title: T\nvocabularies:\n  topics: [water-quality]\n"),
        ("content/guides/a.md", "---\ntitle: A\ntopics: [water-qualty]\n---\n"),
    ], "content/guides/a.md", 3, 9),
    ("unknown-member", &[("content/guides/a.md", "---\ntitle: A\nauthors: [amina-okafor]\n---\n")], "content/guides/a.md", 3, 10),
    ("broken-link", &[("content/guides/a.md", "---\ntitle: A\n---\n\nSee [b](b.md).\n")], "content/guides/a.md", 5, 5),
    ("broken-anchor", &[
        ("content/guides/a.md", "---\ntitle: A\n---\n\nSee [b](b.md#part).\n"),
        ("content/guides/b.md", "---\ntitle: B\n---\n\n## Parts\n"),
    ], "content/guides/a.md", 5, 5),
    ("missing-image", &[("content/guides/a.md", "---\ntitle: A\n---\n\n![A chart](chart.png)\n")], "content/guides/a.md", 5, 1),
    ("missing-alt", &[
        ("content/guides/a/index.md", "---\ntitle: A\n---\n\nText ![](chart.svg)\n"),
        ("content/guides/a/chart.svg", "<svg/>"),
    ], "content/guides/a/index.md", 5, 6),
    ("heading-skip", &[("content/guides/a.md", "---\ntitle: A\n---\n\n## One\n\n#### Three\n")], "content/guides/a.md", 7, 1),
    ("extra-h1", &[("content/guides/a.md", "---\ntitle: A\n---\n\n# A again\n")], "content/guides/a.md", 5, 1),
    ("unreadable-image", &[
        ("content/guides/a/index.md", "---\ntitle: A\n---\n\n![A chart](chart.png)\n"),
        ("content/guides/a/chart.png", "not a PNG"),
    ], "content/guides/a/index.md", 0, 0),
    ("page-over-budget", &[("hub.yaml", "title: T\npage_budget_kb: 1\n")], "content/_index.md", 0, 0),
    ("placeholder", &[("content/guides/a.md", "---\ntitle: A\nsummary: \"TODO: write\"\n---\n")], "content/guides/a.md", 3, 10),
    ("draft", &[("content/guides/a.md", "---\ntitle: A\ndraft: true\n---\n")], "content/guides/a.md", 3, 1),
    ("shadowed-file", &[("content/guides/index.html", "<p>old</p>"), ("content/guides/a.md", "---\ntitle: A\n---\n")], "content/guides/index.html", 0, 0),
    ("unknown-language", &[
        ("hub.yaml", "title: T\nlanguages: [en, fr]\n"),
        ("content/guides/a.md", "---\ntitle: A\nlang: fre\n---\n"),
    ], "content/guides/a.md", 3, 7),
    ("stale-translation", &[
        ("hub.yaml", "title: T\nlanguages: [en, fr]\n"),
        ("content/guides/a.md", "---\ntitle: A\nupdated: 2025-06-01\n---\n"),
        ("content/guides/a.fr.md", "---\ntitle: A (fr)\nupdated: 2025-01-01\n---\n"),
    ], "content/guides/a.fr.md", 3, 10),
    ("template-error", &[("templates/page.html", "{% block main %}{{ page.title }\n")], "templates/page.html", 1, 31),
    ("theme-missing", &[("hub.yaml", "title: T\ntheme: fancy\n")], "hub.yaml", 0, 0),
    ("config-invalid", &[("hub.yaml", "title: T\npaginate_by: 0\n")], "hub.yaml", 0, 0),
    ("content-missing", &[("hub.yaml", "title: T\ncontent_dir: nowhere\n")], "hub.yaml", 0, 0),
];

fn fixture(files: &[(&str, &str)]) -> Hub {
    let hub = Hub::new();
    for (rel, text) in files {
        if text.contains('\u{0}') {
            // The NUL marks where a byte that is not UTF-8 goes.
            hub.write_bytes(
                rel,
                &text
                    .replace('\u{0}', "")
                    .into_bytes()
                    .into_iter()
                    .chain([0xff])
                    .collect::<Vec<_>>(),
            );
        } else {
            hub.write(rel, text);
        }
    }
    hub
}

#[test]
fn every_code_has_a_fixture_that_finds_it_at_the_right_place() {
    let mut failures = Vec::new();
    for &(code, files, file, line, col) in CASES {
        let hub = fixture(files);
        let found = praxis::check::run(hub.root());
        let hit = found.iter().find(|d| d.code == code);
        match hit {
            Some(d)
                if d.file == Path::new(file)
                    && (code == "not-utf8" || (d.line, d.col) == (line, col)) =>
            {
                assert!(
                    !d.message.is_empty() && !d.hint.is_empty(),
                    "{code}: message and hint"
                );
            }
            other => failures.push(format!(
                "{code}: expected {file}:{line}:{col}, got {other:?}\n  all: {found:?}"
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_example_hub_checks_clean() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_praxis"))
        .args(["--root", env!("CARGO_MANIFEST_DIR"), "check", "--strict"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn json_output_parses_and_has_every_field() {
    let hub = fixture(&[(
        "content/stories/a.md",
        "---\ntitle: A\ndate: 2025-02-30\n---\n",
    )]);
    let out = hub.run(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let item = items
        .iter()
        .find(|i| i["code"] == "invalid-date")
        .expect("invalid-date");
    assert_eq!(item["file"], "content/stories/a.md");
    assert_eq!(
        (item["line"].as_u64(), item["col"].as_u64()),
        (Some(3), Some(7))
    );
    assert_eq!(item["severity"], "error");
    for key in ["message", "hint"] {
        assert!(item[key].as_str().is_some_and(|s| !s.is_empty()), "{key}");
    }
}

#[test]
fn github_output_annotates_and_writes_the_job_summary() {
    let hub = fixture(&[
        (
            "content/stories/a.md",
            "---\ntitle: A\ndate: 2025-02-30\n---\n",
        ),
        (
            "content/guides/b.md",
            "---\ntitle: B\n---\n\n## One\n\n#### Three\n",
        ),
    ]);
    let summary = hub.root().join("summary.md");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_praxis"))
        .arg("--root")
        .arg(hub.root())
        .args(["check", "--format", "github"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("::error file=content/stories/a.md,line=3,col=7,title=invalid-date::"),
        "{stdout}"
    );
    assert!(
        stdout.contains("::warning file=content/guides/b.md,line=7,col=1,title=heading-skip::"),
        "{stdout}"
    );
    let summary = std::fs::read_to_string(summary).unwrap();
    assert!(
        summary.contains("| ❌ | `content/stories/a.md:3:7` | **invalid-date**"),
        "{summary}"
    );
}

#[test]
fn strict_turns_warnings_into_a_failure() {
    let hub = fixture(&[(
        "content/guides/b.md",
        "---\ntitle: B\n---\n\n## One\n\n#### Three\n",
    )]);
    assert_eq!(hub.run(&["check"]).status.code(), Some(0));
    assert_eq!(hub.run(&["check", "--strict"]).status.code(), Some(1));
    let human = hub.run(&["check"]);
    let stderr = String::from_utf8_lossy(&human.stderr);
    assert!(stderr.contains("--> content/guides/b.md:7:1"), "{stderr}");
    assert!(stderr.contains("7 | #### Three\n  | ^"), "{stderr}");
}

#[test]
fn check_writes_nothing() {
    let hub = fixture(&[("content/guides/a.md", "---\ntitle: A\n---\n")]);
    assert_eq!(hub.run(&["check"]).status.code(), Some(0));
    assert!(!hub.out().exists());
}

#[test]
fn new_creates_a_file_of_each_type_that_checks_and_never_overwrites() {
    let hub = Hub::new();
    hub.write("hub.yaml", "title: T\nvocabularies:\n  topics: [water]\n");
    for (kind, path) in [
        ("guide", "content/guides/keeping-pumps-running.md"),
        ("story", "content/stories/keeping-pumps-running.md"),
        ("event", "content/events/keeping-pumps-running.md"),
        ("member", "content/members/keeping-pumps-running.md"),
        ("page", "content/keeping-pumps-running.md"),
    ] {
        let out = hub.run(&["new", kind, "Keeping pumps: running"]);
        assert!(
            out.status.success(),
            "{kind}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = std::fs::read_to_string(hub.root().join(path)).unwrap();
        assert!(
            text.starts_with("---\ntitle: \"Keeping pumps: running\"\n"),
            "{text}"
        );
        if kind == "story" {
            assert!(
                text.contains("\ndate: 20"),
                "dated types get today's date: {text}"
            );
            assert!(text.contains("topics: []  # choose from: water"), "{text}");
        }
    }
    let found = praxis::check::run(hub.root());
    // The fixture is not a git repository, so the community page is skipped with a note.
    assert!(
        found
            .iter()
            .all(|d| d.code == "placeholder" || d.code == "pulse-git"),
        "{found:#?}"
    );

    std::fs::write(
        hub.root().join("content/guides/keeping-pumps-running.md"),
        "mine",
    )
    .unwrap();
    let again = hub.run(&["new", "guide", "Keeping pumps: running"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("never overwrites"));
    assert_eq!(
        std::fs::read_to_string(hub.root().join("content/guides/keeping-pumps-running.md"))
            .unwrap(),
        "mine"
    );

    let french = hub.run(&["new", "guide", "Garder les pompes", "--lang", "fr"]);
    assert!(french.status.success());
    assert!(
        std::fs::read_to_string(hub.root().join("content/guides/garder-les-pompes.fr.md"))
            .unwrap()
            .contains("lang: fr")
    );
    assert_eq!(hub.run(&["new", "recipe", "X"]).status.code(), Some(1));
}

#[test]
fn schema_is_json_schema_for_every_type() {
    let hub = Hub::new();
    hub.write("hub.yaml", "title: T\ntypes:\n  toolkit:\n    fields:\n      level: {type: text, values: [basic, advanced], required: true}\n");
    let out = hub.run(&["schema"]);
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for kind in [
        "guide", "story", "report", "webinar", "event", "member", "toolkit",
    ] {
        assert_eq!(schema["$defs"][kind]["type"], "object", "{kind}");
    }
    assert_eq!(
        schema["$defs"]["toolkit"]["required"],
        serde_json::json!(["title", "level"])
    );
    assert!(schema["$defs"]["event"]["properties"]["starts"]["pattern"].is_string());
    let one: serde_json::Value =
        serde_json::from_slice(&hub.run(&["schema", "toolkit"]).stdout).unwrap();
    assert_eq!(
        one["properties"]["level"]["enum"],
        serde_json::json!(["basic", "advanced"])
    );
}

/// The codes the source code can emit: the last string literal of each `Diagnostic::…(` call.
fn codes_in_source() -> BTreeSet<String> {
    let mut codes = BTreeSet::new();
    let files = walkdir::WalkDir::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"));
    for entry in files {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let text = text.split("#[cfg(test)]").next().unwrap();
        for constructor in [
            "Diagnostic::error(",
            "Diagnostic::warning(",
            "Diagnostic::note(",
        ] {
            for (start, _) in text.match_indices(constructor) {
                let args = &text[start + constructor.len()..];
                let mut depth = 1;
                let end = args
                    .char_indices()
                    .find(|&(_, c)| {
                        depth += match c {
                            '(' => 1,
                            ')' => -1,
                            _ => 0,
                        };
                        depth == 0
                    })
                    .map(|(i, _)| i)
                    .unwrap();
                let call = &args[..end];
                if let Some(close) = call.rfind('"') {
                    if let Some(open) = call[..close].rfind('"') {
                        let code = &call[open + 1..close];
                        if !code.is_empty()
                            && code
                                .chars()
                                .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit())
                        {
                            codes.insert(code.to_string());
                        }
                    }
                }
            }
        }
    }
    codes
}

#[test]
fn every_code_is_documented_and_every_fixture_code_is_real() {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diagnostics.md"))
            .unwrap();
    let source = codes_in_source();
    assert!(source.len() > 30, "{source:?}");
    let undocumented: Vec<_> = source
        .iter()
        .filter(|c| !docs.contains(&format!("`{c}`")))
        .collect();
    assert!(
        undocumented.is_empty(),
        "codes missing from docs/diagnostics.md: {undocumented:?}"
    );
    let unknown: Vec<_> = CASES
        .iter()
        .map(|c| c.0)
        .filter(|c| !source.contains(*c))
        .collect();
    assert!(
        unknown.is_empty(),
        "fixtures for codes the source does not emit: {unknown:?}"
    );
}
