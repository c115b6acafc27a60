//! Every bad-file case gets a located diagnostic, never a panic; errors are collected across files.

mod common;

use common::Hub;
use praxis::diagnostic::Diagnostic;

/// Builds a hub with one extra file and returns the diagnostics for that file.
fn diagnose(rel: &str, bytes: &[u8]) -> Vec<Diagnostic> {
    let hub = Hub::new();
    hub.write_bytes(rel, bytes);
    let file = std::path::Path::new("content").join(rel.trim_start_matches("content/"));
    hub.build_err()
        .into_iter()
        .filter(|d| d.file == file)
        .collect()
}

fn first_error(rel: &str, bytes: &[u8]) -> (String, usize, usize) {
    let found = diagnose(rel, bytes);
    let d = found
        .iter()
        .find(|d| d.is_error())
        .unwrap_or_else(|| panic!("no error in {found:#?}"));
    assert!(
        !d.message.is_empty() && !d.hint.is_empty(),
        "message and hint: {d:#?}"
    );
    (d.code.to_string(), d.line, d.col)
}

#[test]
fn no_front_matter_and_no_heading() {
    assert_eq!(
        first_error("content/guides/a.md", b"Just text.\n"),
        ("missing-front-matter".into(), 1, 1)
    );
}

#[test]
fn unterminated_front_matter() {
    assert_eq!(
        first_error("content/guides/a.md", b"---\ntitle: A\n\nBody\n"),
        ("unterminated-front-matter".into(), 1, 1)
    );
}

#[test]
fn invalid_yaml_is_mapped_to_the_file_line() {
    let (code, line, _) = first_error(
        "content/guides/a.md",
        b"---\ntitle: A\ntopics: [a, b\nsummary: x\n---\n",
    );
    assert_eq!(code, "invalid-yaml");
    assert!((3..=4).contains(&line), "line {line}");
}

#[test]
fn unquoted_colon_gets_a_quoting_hint() {
    let found = diagnose("content/guides/a.md", b"---\ntitle: Water: a guide\n---\n");
    assert_eq!((found[0].code, found[0].line), ("invalid-yaml", 2));
    assert!(found[0].hint.contains("quoted"), "{}", found[0].hint);
}

#[test]
fn wrong_field_types_point_at_the_value() {
    assert_eq!(
        first_error(
            "content/guides/a.md",
            b"---\ntitle: A\ndraft: perhaps\n---\n"
        ),
        ("invalid-field-type".into(), 3, 8)
    );
    assert_eq!(
        first_error(
            "content/guides/a.md",
            b"---\ntitle: A\ntopics:\n  nested: map\n---\n"
        ),
        ("invalid-field-type".into(), 4, 3)
    );
}

#[test]
fn bad_dates() {
    assert_eq!(
        first_error(
            "content/stories/a.md",
            b"---\ntitle: A\ndate: 2025-02-30\n---\n"
        ),
        ("invalid-date".into(), 3, 7)
    );
    assert_eq!(
        first_error(
            "content/events/a.md",
            b"---\ntitle: A\ndate: 2025-02-01\nstarts: 2025-02-03 09:00\n---\n"
        ),
        ("invalid-date".into(), 4, 9)
    );
    assert_eq!(
        first_error(
            "content/events/a.md",
            b"---\ntitle: A\ndate: 2025-02-01\ntimezone: Mars/Olympus\n---\n"
        ),
        ("invalid-timezone".into(), 4, 11)
    );
}

#[test]
fn dated_types_need_a_date() {
    assert_eq!(
        first_error("content/reports/a.md", b"---\ntitle: A\n---\n"),
        ("missing-date".into(), 1, 1)
    );
}

#[test]
fn missing_title() {
    assert_eq!(
        first_error("content/guides/a.md", b"---\nsummary: x\n---\n").0,
        "missing-title"
    );
}

#[test]
fn toml_front_matter_says_hubs_use_yaml() {
    let found = diagnose("content/guides/a.md", b"+++\ntitle = \"A\"\n+++\n");
    assert_eq!(
        (found[0].code, found[0].line, found[0].col),
        ("toml-front-matter", 1, 1)
    );
    assert!(found[0].hint.contains("YAML"));
}

#[test]
fn empty_file() {
    assert_eq!(
        first_error("content/guides/a.md", b""),
        ("empty-file".into(), 1, 1)
    );
    assert_eq!(
        first_error("content/guides/a.md", b"  \n\n"),
        ("empty-file".into(), 1, 1)
    );
}

#[test]
fn non_utf8_is_located_at_the_first_bad_byte() {
    assert_eq!(
        first_error("content/guides/a.md", b"---\ntitle: Caf\xe9\n---\n"),
        ("not-utf8".into(), 2, 11)
    );
}

#[test]
fn unknown_type() {
    assert_eq!(
        first_error("content/guides/a.md", b"---\ntitle: A\ntype: recipe\n---\n"),
        ("unknown-type".into(), 3, 7)
    );
}

#[test]
fn duplicate_output_urls_name_both_files() {
    let hub = Hub::new();
    hub.write("content/guides/a.md", "---\ntitle: A\n---\n");
    hub.write("content/guides/b.md", "---\ntitle: B\nslug: a\n---\n");
    let errors = hub.build_err();
    let d = errors
        .iter()
        .find(|d| d.code == "duplicate-url")
        .expect("duplicate-url");
    assert_eq!(d.file, std::path::Path::new("content/guides/b.md"));
    assert_eq!((d.line, d.col), (3, 7));
    assert!(d.message.contains("content/guides/a.md"), "{}", d.message);
}

#[test]
fn bom_and_crlf_simply_work() {
    let hub = Hub::new();
    hub.write_bytes(
        "content/guides/a.md",
        b"\xEF\xBB\xBF---\r\ntitle: Windows guide\r\n---\r\n\r\nLine one\r\n",
    );
    hub.build_ok();
    let html = hub.read_out("guides/a/index.html");
    assert!(html.contains("<h1>Windows guide</h1>"));
    assert!(html.contains("<p>Line one</p>"));
}

#[test]
fn errors_are_collected_across_all_files() {
    let hub = Hub::new();
    hub.write("content/guides/a.md", "no front matter\n");
    hub.write("content/guides/b.md", "---\ntitle: B\ndate: never\n---\n");
    hub.write("content/stories/c.md", "---\ntitle: C\n---\n");
    let errors: Vec<_> = hub
        .build_err()
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    let codes: Vec<_> = errors.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        ["missing-front-matter", "invalid-date", "missing-date"]
    );
}

#[test]
fn unknown_hub_yaml_key_names_key_and_line() {
    let hub = Hub::new();
    hub.write("hub.yaml", "title: X\n\npaginte_by: 5\n");
    let errors = hub.build_err();
    assert_eq!((errors[0].code, errors[0].line), ("invalid-yaml", 3));
    assert!(errors[0].message.contains("paginte_by"));
}

#[test]
fn a_file_without_front_matter_but_with_a_heading_builds_with_a_warning() {
    let hub = Hub::new();
    hub.write("content/notes/readme.md", "# Read me\n\nSome notes.\n");
    let report = hub.build_ok();
    assert!(report
        .diagnostics
        .iter()
        .any(|d| d.code == "missing-front-matter" && !d.is_error()));
    let html = hub.read_out("notes/readme/index.html");
    assert_eq!(
        html.matches("Read me</h1>").count(),
        1,
        "the heading becomes the title once"
    );
}

#[test]
fn broken_links_are_warnings_at_their_position() {
    let hub = Hub::new();
    hub.write(
        "content/guides/a.md",
        "---\ntitle: A\n---\n\nSee [b](b.md) and\n[c](../c.md#x).\n",
    );
    hub.write("content/guides/b.md", "---\ntitle: B\n---\n");
    let report = hub.build_ok();
    let broken: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "broken-link")
        .collect();
    assert_eq!(broken.len(), 1, "{broken:#?}");
    assert_eq!((broken[0].line, broken[0].col), (6, 1));
}

#[test]
fn the_command_line_prints_file_line_column_and_exits_1() {
    let hub = Hub::new();
    hub.write(
        "content/stories/a.md",
        "---\ntitle: A\ndate: 2025-13-01\n---\n",
    );
    let out = hub.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("content/stories/a.md:3:7"), "{stderr}");
    assert!(stderr.contains("3 | date: 2025-13-01"), "{stderr}");
    assert!(stderr.contains("hint:"), "{stderr}");
}
