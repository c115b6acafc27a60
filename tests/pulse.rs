//! Community pulse: participation figures from a git history made in the test, the email
//! privacy rule and the opt-out, the members directory and its facet pages, data files and
//! the chart short tag. See docs/pulse.md.

mod common;

use std::path::Path;
use std::process::Command;

use common::Hub;
use serde_json::{json, Value};

/// Runs git in the hub as `author` (name, email) with a fixed date for author and committer.
fn git(hub: &Hub, author: (&str, &str), date: &str, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(hub.root())
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(["-c", &format!("user.name={}", author.0)])
        .args(["-c", &format!("user.email={}", author.1)])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env_remove("GIT_AUTHOR_NAME")
        .env_remove("GIT_AUTHOR_EMAIL")
        .env_remove("GIT_COMMITTER_NAME")
        .env_remove("GIT_COMMITTER_EMAIL")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Writes files and commits them as `author` at `date`.
fn commit(hub: &Hub, author: (&str, &str), date: &str, files: &[(&str, &str)]) {
    for (path, text) in files {
        hub.write(path, text);
        git(hub, author, date, &["add", "--", path]);
    }
    git(hub, author, date, &["commit", "-q", "-m", "change"]);
}

const ANA: (&str, &str) = ("Ana Lima", "ana@lima.example");
const BOT: (&str, &str) = ("Hub Bot", "bot@ci.example");
const EVE: (&str, &str) = ("Eve Outsider", "eve@outside.example");
const CYD: (&str, &str) = ("Cyd Okoro", "cyd@okoro.example");

/// Every email address the fixture's history or profiles hold.
const EMAILS: &[&str] = &[
    "ana@lima.example",
    "ana.other@lima.example",
    "bo.chen@work.example",
    "bochen@home.example",
    "bo@laptop.example",
    "cyd@okoro.example",
    "bot@ci.example",
    "eve@outside.example",
];

/// Members and pages of the fixture hub (written, not committed).
fn members(hub: &Hub) {
    hub.write(
        "content/members/ana-lima.md",
        "---\ntitle: Ana Lima\nrole: Water engineer\ngit: [\"Ana Lima\", ana@lima.example]\nexpertise: [water quality, chlorination]\nregions: [east-africa]\nlanguages: [English, Swahili]\n---\nAna tests water.\n",
    );
    hub.write(
        "content/members/bo-chen.md",
        "---\ntitle: Bo Chen\ngit: [\"Bo Chen <bo.chen@work.example>\", bochen@home.example]\nexpertise: [chlorination, sanitation]\nregions: [south-asia]\nlanguages: [English, Mandarin]\n---\nBo builds latrines.\n",
    );
    hub.write(
        "content/members/cyd-okoro.md",
        "---\ntitle: Cyd Okoro\ngit: [cyd@okoro.example]\npulse: false\nexpertise: [sanitation]\nlanguages: [French]\n---\nCyd prefers not to be counted.\n",
    );
    hub.write(
        "content/members/dee-ndlovu.md",
        "---\ntitle: Dee Ndlovu\nexpertise: [Water Quality]\nlanguages: [English]\n---\nDee has no git identity.\n",
    );
}

/// The fixture's hub.yaml. Search is off except where a test reads the search index: these
/// tests are about the pulse pages.
const HUB_YAML: &str = "title: Fixture hub\nbase_url: https://hub.example.org/\nsearch: false\n";

/// A hub whose git history has known commits by known authors over seven months.
fn pulse_hub() -> Hub {
    let hub = Hub::new();
    hub.write("hub.yaml", HUB_YAML);
    members(&hub);
    git(
        &hub,
        ANA,
        "2025-01-01T00:00:00Z",
        &["init", "-q", "-b", "main"],
    );
    // January: Ana (a page and a guide in one commit), the bot (a guide, and a file outside
    // the hub's content that does not count).
    commit(
        &hub,
        ANA,
        "2025-01-10T12:00:00+00:00",
        &[
            (
                "content/_index.md",
                "---\ntitle: Fixture hub\n---\nWelcome.\n",
            ),
            (
                "content/guides/g1.md",
                "---\ntitle: G1\nauthors: [ana-lima]\n---\nOne.\n",
            ),
        ],
    );
    commit(
        &hub,
        BOT,
        "2025-01-20T08:00:00+00:00",
        &[
            (
                "content/guides/g1.md",
                "---\ntitle: G1\nauthors: [ana-lima]\n---\nOne, fixed.\n",
            ),
            ("README.md", "readme\n"),
        ],
    );
    // February: Bo by his work email in capitals under another name (a story and his
    // profile); Ana by her name with an unlisted email (a bundle: page and image count once).
    commit(
        &hub,
        ("B. Chen", "BO.CHEN@WORK.EXAMPLE"),
        "2025-02-05T09:00:00+01:00",
        &[
            (
                "content/stories/s1.md",
                "---\ntitle: S1\ndate: 2025-02-05\nauthors: [ana-lima]\n---\nA story.\n",
            ),
            (
                "content/members/bo-chen.md",
                &std::fs::read_to_string(hub.root().join("content/members/bo-chen.md")).unwrap(),
            ),
        ],
    );
    commit(
        &hub,
        ("ana lima", "ana.other@lima.example"),
        "2025-02-15T10:00:00+00:00",
        &[
            (
                "content/guides/g2/index.md",
                "---\ntitle: G2\n---\n![A photo](photo.svg)\n",
            ),
            (
                "content/guides/g2/photo.svg",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            ),
        ],
    );
    // March: Cyd opted out (her story must count nowhere); Ana changes a data file late on
    // 31 March in her own time zone (1 April in UTC), which is March.
    commit(
        &hub,
        CYD,
        "2025-03-03T10:00:00+00:00",
        &[(
            "content/stories/s2.md",
            "---\ntitle: S2\ndate: 2025-03-03\n---\nCyd's story.\n",
        )],
    );
    commit(
        &hub,
        ANA,
        "2025-03-31T23:30:00-05:00",
        &[(
            "data/x.csv",
            "district,functional\nTamkpali,71\nBunsoli,66\n\"Gbenyiri, east\",63\n",
        )],
    );
    // April: Eve, who has no profile; her README-only commit does not count.
    commit(
        &hub,
        EVE,
        "2025-04-01T10:00:00+00:00",
        &[(
            "content/guides/g1.md",
            "---\ntitle: G1\nauthors: [ana-lima]\n---\nOne, fixed again.\n",
        )],
    );
    commit(
        &hub,
        EVE,
        "2025-04-02T10:00:00+00:00",
        &[("README.md", "readme 2\n")],
    );
    // May: nothing. June: Bo by his home email, and on a branch under his name with an
    // unlisted email, merged by the bot (the merge is not a contribution).
    commit(
        &hub,
        ("Bo Chen", "bochen@home.example"),
        "2025-06-12T10:00:00+00:00",
        &[(
            "content/guides/g1.md",
            "---\ntitle: G1\nauthors: [ana-lima]\n---\nOne, again.\n",
        )],
    );
    git(
        &hub,
        BOT,
        "2025-06-13T10:00:00+00:00",
        &["checkout", "-q", "-b", "side"],
    );
    commit(
        &hub,
        ("Bo Chen", "bo@laptop.example"),
        "2025-06-18T10:00:00+00:00",
        &[("content/guides/g3.md", "---\ntitle: G3\n---\nThree.\n")],
    );
    git(
        &hub,
        BOT,
        "2025-06-19T10:00:00+00:00",
        &["checkout", "-q", "main"],
    );
    commit(
        &hub,
        BOT,
        "2025-06-19T11:00:00+00:00",
        &[("README.md", "readme 3\n")],
    );
    git(
        &hub,
        BOT,
        "2025-06-25T10:00:00+00:00",
        &["merge", "-q", "--no-ff", "side", "-m", "merge side"],
    );
    // July: Ana again, her third month in the six ending with July.
    commit(
        &hub,
        ANA,
        "2025-07-02T10:00:00+00:00",
        &[(
            "content/guides/g1.md",
            "---\ntitle: G1\nauthors: [ana-lima]\n---\nOne, in July.\n",
        )],
    );
    // Uncommitted profiles are built but have no history of their own.
    commit(
        &hub,
        ANA,
        "2025-07-03T10:00:00+00:00",
        &[(
            "content/members/ana-lima.md",
            &std::fs::read_to_string(hub.root().join("content/members/ana-lima.md")).unwrap(),
        )],
    );
    hub
}

fn month(
    month: &str,
    [contributors, new, returning, active, occasional, share, members, other, contributions]: [u64;
        9],
    by_type: Value,
) -> Value {
    let label = {
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul"];
        format!("{} 2025", names[month[5..].parse::<usize>().unwrap() - 1])
    };
    json!({
        "month": month, "label": label,
        "contributors": contributors, "new": new, "returning": returning,
        "active": active, "occasional": occasional, "active_share": share,
        "members": members, "other_contributors": other,
        "contributions": contributions, "by_type": by_type,
    })
}

#[test]
fn monthly_figures_come_from_the_git_history_exactly() {
    let hub = pulse_hub();
    let report = hub.build_ok();
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.code.starts_with("pulse")),
        "{:#?}",
        report.diagnostics
    );
    let pulse: Value = serde_json::from_str(&hub.read_out("community/pulse.json")).unwrap();
    let expected_months = json!([
        //                 contributors new ret active occ share members other contributions
        month(
            "2025-01",
            [2, 2, 0, 0, 2, 0, 1, 1, 2],
            json!({"guide": 2, "page": 1})
        ),
        month(
            "2025-02",
            [2, 1, 1, 0, 2, 0, 2, 0, 2],
            json!({"guide": 1, "member": 1, "story": 1})
        ),
        month("2025-03", [1, 0, 1, 1, 0, 100, 1, 0, 1], json!({"data": 1})),
        month("2025-04", [1, 1, 0, 0, 1, 0, 0, 1, 1], json!({"guide": 1})),
        month("2025-05", [0, 0, 0, 0, 0, 0, 0, 0, 0], json!({})),
        month("2025-06", [1, 0, 1, 0, 1, 0, 1, 0, 2], json!({"guide": 2})),
        month(
            "2025-07",
            [1, 0, 1, 1, 0, 100, 1, 0, 2],
            json!({"guide": 1, "member": 1})
        ),
    ]);
    assert_eq!(pulse["months"], expected_months);
    assert_eq!(
        pulse["totals"],
        json!({
            "contributors": 4, "members": 2, "other_contributors": 2, "contributions": 10,
            "by_type": {"data": 1, "guide": 7, "member": 2, "page": 1, "story": 1},
        })
    );
    assert_eq!(
        pulse["members"],
        json!([
            {"id": "ana-lima", "name": "Ana Lima", "url": "/members/ana-lima/", "contributions": 5,
             "months_active": 4, "first_month": "2025-01", "last_month": "2025-07"},
            {"id": "bo-chen", "name": "Bo Chen", "url": "/members/bo-chen/", "contributions": 3,
             "months_active": 2, "first_month": "2025-02", "last_month": "2025-06"},
        ])
    );
    assert_eq!(
        (pulse["first_month"].as_str(), pulse["last_month"].as_str()),
        (Some("2025-01"), Some("2025-07"))
    );
    assert_eq!(
        pulse["types"][0],
        json!({"kind": "data", "name": "Data file", "plural": "Data files"})
    );
    assert!(pulse["definitions"]["active"]
        .as_str()
        .unwrap()
        .contains("at least 3 of the 6 months"));

    // The page shows the same numbers as charts with text alternatives and tables.
    let page = hub.read_out("community/index.html");
    for id in ["pulse-contributors", "pulse-activity", "pulse-types"] {
        assert!(
            page.contains(&format!(
                "role=\"img\" aria-labelledby=\"{id}-title {id}-desc\""
            )),
            "{id}"
        );
        assert!(page.contains(&format!("<desc id=\"{id}-desc\">")), "{id}");
    }
    assert!(page.contains("<tr><th scope=\"row\">Jun 2025</th><td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">0</td></tr>"));
    assert!(page.contains("<tr><th scope=\"row\">Guides</th><td class=\"num\">7</td></tr>"));
    assert!(
        page.contains("Totals range from 0 (May 2025) to 2 (Jan 2025)."),
        "the description is written from the data"
    );
    assert!(page.contains("<a href=\"/members/ana-lima/\">Ana Lima</a>"));
    assert!(page.contains("2 other contributors without a member profile"));
    assert!(
        !common::without_own_scripts(&page).contains("<script"),
        "the community page needs no JavaScript"
    );
    // The directory links to it.
    assert!(hub
        .read_out("members/index.html")
        .contains("<a href=\"/community/\">How the community takes part</a>"));
}

#[test]
fn no_email_address_and_no_unmapped_name_is_ever_published() {
    let hub = pulse_hub();
    // With search on, so that the search index is checked too.
    hub.write(
        "hub.yaml",
        "title: Fixture hub\nbase_url: https://hub.example.org/\n",
    );
    // The search stage sometimes fails to take tantivy's index lock under load (a race in
    // src/search/index.rs, not in the pulse); one retry on exactly that error keeps this test
    // about privacy. Any other failure fails the test.
    if let Err(err) = hub.build() {
        assert!(err.to_string().contains("LockBusy"), "{err}");
        hub.build_ok();
    }
    assert!(hub.out().join("search").is_dir());
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(hub.out())
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        checked += 1;
        let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).to_lowercase();
        for email in EMAILS {
            assert!(
                !text.contains(email),
                "{email} is in {}",
                entry.path().display()
            );
        }
        for name in ["eve outsider", "hub bot", "b. chen"] {
            assert!(
                !text.contains(name),
                "{name} is in {}",
                entry.path().display()
            );
        }
    }
    assert!(checked > 20, "{checked} files");
}

#[test]
fn a_member_who_opts_out_is_left_out_of_every_figure() {
    let hub = pulse_hub();
    hub.build_ok();
    let pulse = hub.read_out("community/pulse.json");
    let page = hub.read_out("community/index.html");
    for text in [&pulse, &page] {
        assert!(!text.contains("Cyd") && !text.contains("cyd-okoro"));
    }
    let pulse: Value = serde_json::from_str(&pulse).unwrap();
    // Her March story counts nowhere: March has only Ana's data file.
    assert_eq!(pulse["months"][2]["contributors"], 1);
    assert_eq!(pulse["totals"]["by_type"]["story"], 1);
    // She is still in the directory: the opt-out is about the figures.
    assert!(hub.read_out("members/index.html").contains("Cyd Okoro"));

    // Without `pulse: false` her commit would count.
    let text = std::fs::read_to_string(hub.root().join("content/members/cyd-okoro.md")).unwrap();
    hub.write(
        "content/members/cyd-okoro.md",
        &text.replace("pulse: false\n", ""),
    );
    hub.build_ok();
    let pulse: Value = serde_json::from_str(&hub.read_out("community/pulse.json")).unwrap();
    assert_eq!(pulse["months"][2]["contributors"], 2);
    assert_eq!(pulse["members"][2]["id"], "cyd-okoro");
}

#[test]
fn the_members_directory_has_facet_pages_that_list_the_right_members() {
    let hub = pulse_hub();
    hub.build_ok();
    let names = |rel: &str| -> Vec<String> {
        let html = common::main_of(&hub.read_out(rel));
        html.match_indices("<article class=\"card member-card\">\n<h2><a href=\"")
            .map(|(i, m)| {
                let rest = &html[i + m.len()..];
                let start = rest.find('>').unwrap() + 1;
                rest[start..start + rest[start..].find('<').unwrap()].to_string()
            })
            .collect()
    };
    // "water quality" and "Water Quality" are one value.
    assert_eq!(
        names("members/expertise/water-quality/index.html"),
        ["Ana Lima", "Dee Ndlovu"]
    );
    assert_eq!(
        names("members/expertise/chlorination/index.html"),
        ["Ana Lima", "Bo Chen"]
    );
    assert_eq!(
        names("members/expertise/sanitation/index.html"),
        ["Bo Chen", "Cyd Okoro"]
    );
    assert_eq!(
        names("members/languages/english/index.html"),
        ["Ana Lima", "Bo Chen", "Dee Ndlovu"]
    );
    assert_eq!(names("members/languages/french/index.html"), ["Cyd Okoro"]);
    assert_eq!(
        names("members/regions/east-africa/index.html"),
        ["Ana Lima"]
    );
    let region = hub.read_out("members/regions/east-africa/index.html");
    assert!(
        region.contains("<h1>East Africa</h1>"),
        "region ids read as names"
    );

    let index = hub.read_out("members/expertise/index.html");
    assert!(index.contains("<li><a href=\"/members/expertise/chlorination/\">chlorination</a> <span class=\"count\">(2 members)</span></li>"));
    let directory = common::main_of(&hub.read_out("members/index.html"));
    for url in [
        "/members/expertise/sanitation/",
        "/members/regions/south-asia/",
        "/members/languages/mandarin/",
        "/members/languages/",
    ] {
        assert!(
            directory.contains(&format!("href=\"{url}\"")),
            "the directory links {url}"
        );
    }
    // Each card shows the member's facets, linked, and what they wrote.
    assert!(directory.contains("<dt>Languages</dt><dd><a href=\"/members/languages/english/\">English</a>, <a href=\"/members/languages/swahili/\">Swahili</a></dd>"));
    assert!(directory.contains("<dt>Contributions</dt><dd>1 guide, 1 story</dd>"));
    assert!(
        !directory.contains("<script"),
        "filtering needs no JavaScript"
    );

    // The profile lists contributions grouped by type.
    let profile = common::main_of(&hub.read_out("members/ana-lima/index.html"));
    assert!(
        profile.contains(
            "<h3 id=\"contributions-guide\">Guides <span class=\"count\">(1)</span></h3>"
        ),
        "{profile}"
    );
    assert!(profile
        .contains("<h3 id=\"contributions-story\">Stories <span class=\"count\">(1)</span></h3>"));
    assert!(profile.contains("<a href=\"/members/expertise/water-quality/\">water quality</a>"));
}

#[test]
fn a_data_file_renders_to_a_table_and_an_accessible_chart() {
    let hub = pulse_hub();
    hub.write(
        "content/guides/g1.md",
        "---\ntitle: G1\n---\nBefore.\n\n```praxis-chart\nfile: data/x.csv\ntype: bar\nx: district\ny: functional\ntitle: Functional water points, 2025\nunit: \"%\"\nlabels: {district: District, functional: Functional}\n```\n\nAfter.\n",
    );
    let report = hub.build_ok();
    assert!(
        !report.diagnostics.iter().any(|d| d.code == "chart-invalid"),
        "{:#?}",
        report.diagnostics
    );
    let html = common::main_of(&hub.read_out("guides/g1/index.html"));
    let start = html.find("<figure").unwrap();
    let end = html.find("</figure>").unwrap() + "</figure>".len();
    let figure = &html[start..end];
    assert!(figure.contains(
        "<table class=\"chart-data\">\n<caption>Data: Functional water points, 2025</caption>\n\
<thead><tr><th scope=\"col\">District</th><th scope=\"col\" class=\"num\">Functional</th></tr></thead>\n<tbody>\n\
<tr><th scope=\"row\">Tamkpali</th><td class=\"num\">71%</td></tr>\n\
<tr><th scope=\"row\">Bunsoli</th><td class=\"num\">66%</td></tr>\n\
<tr><th scope=\"row\">Gbenyiri, east</th><td class=\"num\">63%</td></tr>\n</tbody>\n</table>\n"
    ), "{figure}");
    assert!(figure.contains("<desc id=\"praxis-chart-1-desc\">Bar chart of Functional by District, 3 categories. Functional: highest 71% (Tamkpali), lowest 63% (Gbenyiri, east). Every value is in the table below the chart.</desc>"));
    assert_eq!(figure.matches("<rect").count(), 3, "one bar per row");
    insta::assert_snapshot!("chart_bar", figure);
    // The block's text is gone from the page and from the text the search index reads.
    assert!(!html.contains("praxis-chart\n") && !html.contains("file: data/x.csv"));
    assert!(html.contains("<p>Before.</p>") && html.contains("<p>After.</p>"));
    let prepared = praxis::pipeline::prepare(hub.root(), &Default::default(), &|_| {}).unwrap();
    let page = prepared
        .site
        .pages
        .iter()
        .find(|p| p.rel == "guides/g1.md")
        .unwrap();
    let text: String = page
        .rendered
        .sections
        .iter()
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(
        page.word_count(),
        6,
        "a chart counts as the words of its title"
    );
    assert_eq!(
        text.split_whitespace().collect::<Vec<_>>(),
        [
            "Before.",
            "Functional",
            "water",
            "points,",
            "2025",
            "After."
        ]
    );
    assert!(page
        .rendered
        .sections
        .iter()
        .all(|s| !s.text.contains("file:")));

    // A line chart of the same data.
    hub.write(
        "content/guides/g1.md",
        "---\ntitle: G1\n---\n```praxis-chart\nfile: data/x.csv\ntype: line\nx: district\ny: [functional]\ntitle: Functional\n```\n",
    );
    hub.build_ok();
    let html = hub.read_out("guides/g1/index.html");
    assert_eq!(html.matches("<polyline").count(), 1);
    assert_eq!(html.matches("<circle cx=").count(), 3);
}

#[test]
fn a_broken_chart_is_a_located_warning() {
    let hub = Hub::new();
    hub.write("hub.yaml", HUB_YAML);
    hub.write("data/x.csv", "district,functional\nA,1\nB,lots\n");
    hub.write(
        "content/guides/a.md",
        "---\ntitle: A\n---\n\nText.\n\n```praxis-chart\nfile: data/x.csv\nx: district\ny: functional\ntitle: T\n```\n\n```praxis-chart\nfile: ../secret.csv\nx: a\ny: b\ntitle: T\n```\n",
    );
    let report = hub.build_ok();
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "chart-invalid")
        .collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        (found[0].file.as_path(), found[0].line),
        (Path::new("content/guides/a.md"), 7)
    );
    assert!(
        found[0].message.contains("row 2 of `functional` is `lots`"),
        "{}",
        found[0].message
    );
    assert_eq!(found[1].line, 14);
    assert!(
        found[1]
            .message
            .contains("not a plain path inside the hub's data/ folder"),
        "{}",
        found[1].message
    );
    assert!(!hub.read_out("guides/a/index.html").contains("<figure"));
}

#[test]
fn load_data_reads_csv_json_and_yaml_from_data_only() {
    let hub = Hub::new();
    hub.write("hub.yaml", HUB_YAML);
    hub.write("data/x.csv", "name,count\n\"Kisumu, town\",3\n");
    hub.write("data/y.json", "{\"targets\": [10, 20]}");
    hub.write("data/sub/z.yaml", "label: Outcome\nvalues: [1, 2]\n");
    hub.write("secret.csv", "a\n1\n");
    hub.write("content/guides/a.md", "---\ntitle: A\n---\nBody.\n");
    hub.write(
        "templates/types/guide.html",
        "{% extends \"page.html\" %}{% block after %}{% set x = load_data(path=\"data/x.csv\") %}{% set y = load_data(path=\"data/y.json\") %}{% set z = load_data(path=\"data/sub/z.yaml\") %}\
<p id=\"data\">{{ x.columns | join(sep=\"|\") }}:{% for r in x.rows %}{{ r.name }}={{ r.count }}{% endfor %};{{ y.targets | join(sep=\",\") }};{{ z.label }}={{ z.values | length }};{{ \"<b>\" }}</p>{% endblock after %}",
    );
    hub.build_ok();
    assert!(hub
        .read_out("guides/a/index.html")
        .contains("<p id=\"data\">name|count:Kisumu, town=3;10,20;Outcome=2;&lt;b&gt;</p>"));

    for bad in [
        "../secret.csv",
        "/etc/passwd",
        "data/../secret.csv",
        "secret.csv",
        "data/missing.csv",
    ] {
        hub.write(
            "templates/types/guide.html",
            &format!("{{% extends \"page.html\" %}}{{% block after %}}{{{{ load_data(path=\"{bad}\") }}}}{{% endblock after %}}"),
        );
        let errors = hub.build_err();
        assert!(
            errors
                .iter()
                .any(|d| d.code == "template-error" && d.message.contains("load_data")),
            "{bad}: {errors:#?}"
        );
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            hub.root().join("secret.csv"),
            hub.root().join("data/link.csv"),
        )
        .unwrap();
        hub.write(
            "templates/types/guide.html",
            "{% extends \"page.html\" %}{% block after %}{{ load_data(path=\"data/link.csv\") }}{% endblock after %}",
        );
        let errors = hub.build_err();
        assert!(
            errors
                .iter()
                .any(|d| d.message.contains("outside the hub's data/ folder")),
            "{errors:#?}"
        );
    }
}

#[test]
fn a_hub_without_history_builds_with_a_note_and_no_community_page() {
    let hub = Hub::new();
    hub.write("hub.yaml", HUB_YAML);
    members(&hub);
    let report = hub.build_ok();
    let note = report
        .diagnostics
        .iter()
        .find(|d| d.code == "pulse-git")
        .expect("a note");
    assert!(!note.is_error() && note.severity == praxis::diagnostic::Severity::Note);
    assert!(!hub.out().join("community").exists());
    // The directory and its facet pages do not need history.
    assert!(hub
        .out()
        .join("members/expertise/chlorination/index.html")
        .is_file());
    assert!(!hub.read_out("members/index.html").contains("/community/"));

    // `pulse: false` turns the page off without a note.
    let hub = pulse_hub();
    hub.write("hub.yaml", &format!("{HUB_YAML}pulse: false\n"));
    let report = hub.build_ok();
    assert!(!report.diagnostics.iter().any(|d| d.code == "pulse-git"));
    assert!(!hub.out().join("community").exists());
}

#[test]
fn content_at_a_generated_address_wins_with_a_warning() {
    let hub = pulse_hub();
    hub.write(
        "content/community.md",
        "---\ntitle: Our community\n---\nHand-written.\n",
    );
    hub.write(
        "content/members/expertise.md",
        "---\ntitle: Expertise\n---\nA member page that takes the facet's address.\n",
    );
    let report = hub.build_ok();
    let taken: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "pulse-url-taken")
        .collect();
    assert_eq!(taken.len(), 2, "{taken:#?}");
    assert!(hub
        .read_out("community/index.html")
        .contains("Hand-written."));
    assert!(!hub.out().join("community/pulse.json").exists());
    assert!(hub
        .read_out("members/expertise/index.html")
        .contains("A member page that takes"));
    assert!(hub
        .out()
        .join("members/languages/english/index.html")
        .is_file());
}

#[test]
fn bad_git_and_pulse_keys_are_warnings_on_the_profile() {
    let hub = pulse_hub();
    hub.write(
        "content/members/dee-ndlovu.md",
        "---\ntitle: Dee Ndlovu\ngit: [ana@lima.example, 42]\npulse: maybe\n---\nDee.\n",
    );
    let report = hub.build_ok();
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "pulse-key")
        .map(|d| {
            (
                d.file.to_string_lossy().into_owned(),
                d.line,
                d.message.clone(),
            )
        })
        .collect();
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found
        .iter()
        .all(|(file, _, _)| file == "content/members/dee-ndlovu.md"));
    assert!(found
        .iter()
        .any(|(_, line, m)| *line == 4 && m.contains("`pulse` must be true or false")));
    assert!(found
        .iter()
        .any(|(_, line, m)| *line == 3 && m.contains("also listed by the member `ana-lima`")));
    assert!(found
        .iter()
        .any(|(_, line, m)| *line == 3 && m.contains("not 42")));

    // Opting out without git identities cannot work: say so.
    hub.write(
        "content/members/dee-ndlovu.md",
        "---\ntitle: Dee Ndlovu\npulse: false\n---\nDee.\n",
    );
    let report = hub.build_ok();
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "pulse-key")
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].line, 3);
    assert!(found[0].message.contains("no `git` names or emails"));
}

#[test]
fn the_example_hub_shows_its_own_pulse_without_leaking_anything() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("site");
    praxis::pipeline::build(root, &out, &Default::default(), &|_| {}).expect("example hub builds");
    let page =
        std::fs::read_to_string(out.join("reports/rural-water-functionality-2025/index.html"))
            .unwrap();
    assert!(page.contains("<figure class=\"chart\" id=\"praxis-chart-1\""));
    assert!(page.contains("<tr><th scope=\"row\">Nasoni</th><td class=\"num\">283</td><td class=\"num\">71%</td><td class=\"num\">67%</td><td class=\"num\">-4</td></tr>"));
    // The repository's own history: whoever made it, no email address reaches the site.
    if out.join("community/pulse.json").exists() {
        let log = Command::new("git")
            .arg("-C")
            .arg(root)
            .args(["log", "--format=%aE%n%cE"])
            .output()
            .unwrap();
        let emails: Vec<String> = String::from_utf8_lossy(&log.stdout)
            .lines()
            .filter(|l| l.contains('@'))
            .map(str::to_lowercase)
            .collect();
        for entry in walkdir::WalkDir::new(&out)
            .into_iter()
            .filter_map(Result::ok)
        {
            if entry.file_type().is_file() {
                let text =
                    String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).to_lowercase();
                for email in &emails {
                    assert!(
                        !text.contains(email.as_str()),
                        "{email} in {}",
                        entry.path().display()
                    );
                }
                for email in [
                    "amina.okafor@clean-communities.example",
                    "kwame@savanna-wash.example",
                ] {
                    assert!(
                        !text.contains(email),
                        "{email} in {}",
                        entry.path().display()
                    );
                }
            }
        }
    }
}

/// The pulse pages in a real browser: axe-core finds no WCAG A/AA violations, nothing is
/// fetched from elsewhere and nothing logs an error (needs `scripts/test-deps.sh`).
#[test]
fn pulse_pages_pass_the_accessibility_checks_in_a_browser() {
    let hub = pulse_hub();
    hub.write(
        "content/guides/g1.md",
        "---\ntitle: G1\n---\n```praxis-chart\nfile: data/x.csv\ntype: column\nx: district\ny: functional\ntitle: Functional water points\nunit: \"%\"\n```\n",
    );
    hub.build_ok();
    common::run_node("pulse.mjs", &[hub.out().as_os_str()]);
}
