//! Untrusted input cannot run script in readers' browsers, write outside the output folder,
//! or destroy a previous build.

mod common;

use common::{snapshot_tree, without_own_scripts, Hub};
use praxis::pipeline::BuildError;

#[test]
fn script_and_event_handlers_in_markdown_never_reach_the_output() {
    let hub = Hub::new();
    hub.write(
        "content/guides/a.md",
        "---\ntitle: A\n---\n\n<script>alert(1)</script>\n\n<img src=\"x.png\" onerror=\"alert(2)\">\n\n\
<a href=\"javascript:alert(3)\">x</a> [y](javascript:alert(4)) <div onclick=\"alert(5)\">z</div>\n\n<aside class=\"note\">kept</aside>\n\n## Heading {#h onclick=alert(6)}\n",
    );
    hub.build_ok();
    let html = without_own_scripts(&hub.read_out("guides/a/index.html"));
    for needle in ["<script", "onerror", "onclick", "javascript:", "alert("] {
        assert!(!html.contains(needle), "{needle} leaked:\n{html}");
    }
    assert!(
        html.contains(r#"<aside class="note">kept</aside>"#),
        "safe HTML is kept:\n{html}"
    );
    assert!(html.contains(r#"<img src="x.png">"#), "{html}");
}

#[test]
fn script_in_front_matter_fields_is_escaped_everywhere() {
    let hub = Hub::new();
    hub.write(
        "content/stories/a.md",
        "---\ntitle: \"<script>alert(1)</script>\"\ndate: 2025-01-01\nsummary: \"<img src=x onerror=alert(2)>\"\n\
authors: [\"<b onmouseover=alert(3)>x</b>\"]\ntopics: [\"<script>t</script>\"]\n\
resources: [{title: r, url: \"javascript:alert(4)\"}]\nextra_field: \"<script>e</script>\"\n---\nBody.\n",
    );
    let report = hub.build_ok();
    assert!(report.diagnostics.iter().any(|d| d.code == "unsafe-url"));
    for entry in walkdir::WalkDir::new(hub.out())
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file()
            && entry
                .path()
                .extension()
                .is_some_and(|e| e == "html" || e == "xml")
        {
            let text = without_own_scripts(&std::fs::read_to_string(entry.path()).unwrap());
            for needle in ["<script", "<img src=x", "<b onmouseover", "javascript:"] {
                assert!(
                    !text.contains(needle),
                    "{needle} leaked in {}",
                    entry.path().display()
                );
            }
        }
    }
    assert!(hub
        .read_out("stories/a/index.html")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn a_hub_can_trust_its_own_html() {
    let hub = Hub::new();
    hub.write("hub.yaml", "title: Trusted\nsanitize_html: false\n");
    hub.write(
        "content/guides/a.md",
        "---\ntitle: A\n---\n\n<div onclick=\"go()\">x</div>\n",
    );
    hub.build_ok();
    assert!(hub
        .read_out("guides/a/index.html")
        .contains("onclick=\"go()\""));
}

#[test]
fn a_slug_that_climbs_out_is_refused() {
    let hub = Hub::new();
    hub.write("content/guides/a.md", "---\ntitle: A\nslug: ../../x\n---\n");
    let errors = hub.build_err();
    let d = errors
        .iter()
        .find(|d| d.code == "unsafe-slug")
        .expect("unsafe-slug");
    assert_eq!((d.line, d.col), (3, 7));
    assert!(!hub.root().join("x").exists());
    assert!(!hub.root().parent().unwrap().join("x").exists());
    assert!(!hub.out().exists(), "nothing was written");
}

#[test]
fn an_alias_cannot_replace_a_generated_page() {
    let hub = Hub::new();
    hub.write(
        "content/guides/a.md",
        "---\ntitle: A\ntopics: [finance]\naliases: [/topics/finance/]\n---\n",
    );
    let errors = hub.build_err();
    assert!(
        errors
            .iter()
            .any(|d| d.code == "duplicate-url" && d.line == 4),
        "{errors:#?}"
    );
}

#[test]
fn an_alias_that_climbs_out_is_refused() {
    let hub = Hub::new();
    hub.write(
        "content/guides/a.md",
        "---\ntitle: A\naliases: [/old/, ../../../etc/x, \"https://evil.example/\"]\n---\n",
    );
    let errors = hub.build_err();
    assert_eq!(
        errors.iter().filter(|d| d.code == "unsafe-alias").count(),
        2,
        "{errors:#?}"
    );
}

#[test]
fn a_broken_file_leaves_the_previous_output_byte_identical() {
    let hub = Hub::new();
    hub.write(
        "content/guides/a.md",
        "---\ntitle: A\n---\nFirst version.\n",
    );
    hub.write("content/guides/files/report.pdf", "%PDF-1.4 fake");
    hub.build_ok();
    let before = snapshot_tree(&hub.out());
    assert!(before.len() > 5);

    hub.write(
        "content/guides/a.md",
        "---\ntitle: A\n---\nSecond version.\n",
    );
    hub.write("content/guides/b.md", "---\ntitle: [unclosed\n---\n");
    hub.build_err();
    assert_eq!(
        snapshot_tree(&hub.out()),
        before,
        "the old site is untouched"
    );
    let leftovers: Vec<_> = std::fs::read_dir(hub.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".praxis"))
        .collect();
    assert!(leftovers.is_empty(), "no staging folder is left behind");

    std::fs::remove_file(hub.root().join("content/guides/b.md")).unwrap();
    hub.build_ok();
    assert!(hub
        .read_out("guides/a/index.html")
        .contains("Second version."));
}

#[test]
fn a_template_error_also_leaves_the_previous_output() {
    let hub = Hub::new();
    hub.write("content/guides/a.md", "---\ntitle: A\n---\n");
    hub.build_ok();
    let before = snapshot_tree(&hub.out());
    hub.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}{{ page.title }\n{% endblock main %}\n",
    );
    let errors = hub.build_err();
    assert_eq!(errors[0].code, "template-error");
    assert_eq!(errors[0].file, std::path::Path::new("templates/page.html"));
    assert_eq!(errors[0].line, 2);
    assert_eq!(snapshot_tree(&hub.out()), before);
}

#[test]
fn a_page_failing_while_others_are_already_written_leaves_the_previous_output() {
    // Pages are written into the staging folder as they are rendered: a page that fails to
    // render after others were written must still leave the old site and no staging folder.
    let hub = Hub::new();
    hub.write("content/guides/a.md", "---\ntitle: A\n---\n");
    hub.write(
        "content/stories/b.md",
        "---\ntitle: B\ndate: 2025-01-01\n---\n",
    );
    hub.build_ok();
    let before = snapshot_tree(&hub.out());
    hub.write(
        "templates/types/story.html",
        "{% extends \"base.html\" %}\n{% block main %}{{ page.missing.field }}{% endblock main %}\n",
    );
    let errors = hub.build_err();
    assert!(
        errors.iter().any(|d| d.code == "template-error"),
        "{errors:?}"
    );
    assert_eq!(snapshot_tree(&hub.out()), before);
    let leftovers: Vec<_> = std::fs::read_dir(hub.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".praxis"))
        .collect();
    assert!(leftovers.is_empty(), "no staging folder is left behind");
}

#[test]
fn an_output_folder_praxis_did_not_write_is_never_replaced() {
    let hub = Hub::new();
    hub.write("public/precious.txt", "keep me");
    match hub.build() {
        Err(BuildError::Write(err)) => {
            assert!(err.to_string().contains("not written by praxis"), "{err}")
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(hub.read_out("precious.txt"), "keep me");
}

#[test]
fn the_hub_itself_is_never_the_output() {
    let hub = Hub::new();
    let out = praxis::pipeline::build(hub.root(), hub.root(), &Default::default(), &|_| {});
    assert!(matches!(out, Err(BuildError::BadOutput(..))), "{out:?}");
    let out = praxis::pipeline::build(
        hub.root(),
        &hub.root().join("content/x"),
        &Default::default(),
        &|_| {},
    );
    assert!(matches!(out, Err(BuildError::BadOutput(..))), "{out:?}");
    assert!(hub.root().join("content/_index.md").exists());
}
