//! Community pulse: pages built from the hub itself. Participation figures from the hub's git
//! history (`/community/` and `/community/pulse.json`), the members directory with its facet
//! pages, data files for templates (`load_data`) and charts drawn from them in Markdown.
//!
//! [`prepare`] runs once the site is assembled: it draws the charts of every page, reads the
//! history and registers the template functions. [`outputs`] renders the extra pages once the
//! rest of the site is rendered. docs/pulse.md describes what is published and how it is
//! counted.

pub mod data;
pub mod directory;
pub mod git;
pub mod shortcode;
pub mod stats;
pub mod svg;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use tera::{Context, Tera};

use crate::config::CONFIG_FILE;
use crate::content::{Link, Section};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::render::Output;
use crate::site::Site;
use crate::theme::Theme;
use stats::{Identity, Pulse, TypeLabel};
use svg::{Chart, Kind, Series, TableColumn};

/// The template of the members section's listing pages.
pub const DIRECTORY_TEMPLATE: &str = "members_directory.html";
/// The template of the directory's facet pages.
pub const FACET_TEMPLATE: &str = "members_facet.html";
/// The template of `/community/`.
pub const COMMUNITY_TEMPLATE: &str = "community.html";
/// Where the community page is published, relative to the base path.
pub const COMMUNITY_DIR: &str = "community/";
/// The figures as JSON, relative to the base path.
pub const PULSE_JSON: &str = "community/pulse.json";
/// How many of the latest months the community page charts.
pub const WINDOW: usize = 24;

/// What each figure means, published with them in pulse.json.
pub const DEFINITIONS: &[(&str, &str)] = &[
    ("contribution", "a commit (not a merge) that changed the hub's content/ or data/ folder"),
    ("contributors", "people with at least one contribution in the month (commit author date, in the author's time zone)"),
    ("new", "contributors whose first contribution was in the month"),
    ("returning", "contributors who had contributed in an earlier month"),
    ("active", "contributors of the month who contributed in at least 3 of the 6 months ending with it"),
    ("occasional", "contributors of the month who are not active"),
    ("active_share", "active contributors as a whole percentage of the month's contributors"),
    ("contributions", "the number of contributions"),
    ("by_type", "contributions by content type: a contribution counts once under each type of page (or data file) it changed"),
    ("members", "contributors recognised as members through the `git` key of their profile"),
    ("other_contributors", "contributors without a member profile: counted, never named"),
    ("opt_out", "the contributions of members whose profile says `pulse: false` are left out of every figure"),
];

/// A template function that returns a value computed once per build.
struct Constant(Value);

impl tera::Function for Constant {
    fn call(&self, _args: &HashMap<String, Value>) -> tera::Result<Value> {
        Ok(self.0.clone())
    }

    fn is_safe(&self) -> bool {
        false
    }
}

/// `member_profile(url=…)`: one member's directory entry, or null.
struct Profiles(HashMap<String, Value>);

impl tera::Function for Profiles {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let url = args.get("url").and_then(Value::as_str).ok_or_else(|| {
            tera::Error::msg("member_profile needs `url=\"…\"`, a member's profile URL")
        })?;
        Ok(self.0.get(url).cloned().unwrap_or(Value::Null))
    }
}

/// Draws the charts of every page, reads the hub's history, builds the members directory and
/// registers the template functions `load_data`, `community_pulse`, `member_directory`,
/// `member_profile` and `content_types`. Problems are warnings and notes.
pub fn prepare(root: &Path, site: &mut Site, tera: Tera, diagnostics: &mut Diagnostics) -> Tera {
    prepare_with_answers(root, site, tera, diagnostics).0
}

/// The template functions of [`prepare`] whose answers come from the site, not the context:
/// a page calling one of them changes when [`prepare_with_answers`]'s fingerprint does.
pub const SITE_FUNCTIONS: [&str; 4] = [
    "community_pulse",
    "member_directory",
    "member_profile",
    "content_types",
];

/// [`prepare`], also returning a fingerprint of what the functions in [`SITE_FUNCTIONS`]
/// answer, so the preview server can tell whether pages calling them must be rendered again.
pub fn prepare_with_answers(
    root: &Path,
    site: &mut Site,
    mut tera: Tera,
    diagnostics: &mut Diagnostics,
) -> (Tera, u64) {
    let mut problems = Vec::new();
    expand_charts(root, site, &mut problems);
    let claimed = claimed_paths(site);
    let directory = directory::build(site, &claimed, &mut problems);
    let identities = identities(site, &mut problems);
    let community = if site.config.pulse {
        let community_url = site.url(COMMUNITY_DIR);
        if claimed.contains(COMMUNITY_DIR) || claimed.contains(PULSE_JSON) {
            problems.push(directory::url_taken(
                &community_url,
                "the community pulse page",
            ));
            None
        } else {
            read_pulse(root, site, &identities, &mut problems)
                .map(|pulse| community_value(site, &pulse))
        }
    } else {
        None
    };
    diagnostics.extend(problems);

    let community_url = community
        .as_ref()
        .and_then(|c| c["url"].as_str().map(str::to_owned));
    let (summary, profiles) = match &directory {
        Some(d) => (
            d.summary_value(community_url.as_deref()),
            d.members
                .iter()
                .map(|m| {
                    (
                        m.url.clone(),
                        serde_json::to_value(m).unwrap_or(Value::Null),
                    )
                })
                .collect(),
        ),
        None => (Value::Null, HashMap::new()),
    };
    let community = community.unwrap_or(Value::Null);
    let types = content_types(site);
    let answers = {
        let mut profiled: Vec<(&String, &Value)> = profiles.iter().collect();
        profiled.sort_by(|a, b| a.0.cmp(b.0));
        crate::render::hash_json(&(&community, &summary, &profiled, &types))
    };
    tera.register_function("load_data", data::LoadData::new(root));
    tera.register_function("community_pulse", Constant(community));
    tera.register_function("member_directory", Constant(summary));
    tera.register_function("member_profile", Profiles(profiles));
    tera.register_function("content_types", Constant(types));
    (tera, answers)
}

/// The template of a section's listing pages when it is the members section.
pub fn section_template(site: &Site, theme: &Theme, section: &Section) -> Option<&'static str> {
    let member = site.config.types.get("member")?;
    (!member.section.is_empty()
        && section.dir == member.section
        && theme.templates.contains_key(DIRECTORY_TEMPLATE))
    .then_some(DIRECTORY_TEMPLATE)
}

/// Type name → `{name, plural}`, for templates (`data` is data files).
fn content_types(site: &Site) -> Value {
    let mut map: serde_json::Map<String, Value> = site
        .config
        .types
        .iter()
        .map(|(kind, t)| (kind.clone(), json!({"name": t.name, "plural": t.plural})))
        .collect();
    map.insert(
        "data".into(),
        json!({"name": "Data file", "plural": "Data files"}),
    );
    Value::Object(map)
}

/// Replaces the chart blocks of every page and section with their charts.
fn expand_charts(root: &Path, site: &mut Site, problems: &mut Vec<Diagnostic>) {
    let targets = site
        .pages
        .iter_mut()
        .map(|p| (&mut p.rendered, Some(&p.file)))
        .chain(
            site.sections
                .iter_mut()
                .map(|s| (&mut s.rendered, s.file.as_ref())),
        );
    for (rendered, file) in targets {
        if !rendered.html.contains(shortcode::TAG) {
            continue;
        }
        let file = file.cloned().unwrap_or_else(|| PathBuf::from(CONFIG_FILE));
        let source = std::fs::read_to_string(root.join(&file)).ok();
        let Some(expanded) =
            shortcode::expand(&rendered.html, root, &file, source.as_deref(), problems)
        else {
            continue;
        };
        rendered.html = expanded.html;
        // The search index and word counts read the text: a chart counts as its title.
        for (raw, title) in &expanded.blocks {
            if let Some(section) = rendered
                .sections
                .iter_mut()
                .find(|s| s.text.contains(raw.as_str()))
            {
                section.text = section.text.replacen(raw.as_str(), title, 1);
            }
        }
        rendered.count_words();
    }
}

/// Every output folder and file the site already uses, relative to the base path.
fn claimed_paths(site: &Site) -> HashSet<String> {
    let base = site.base_path.len();
    let rel = |url: &str| url.get(base..).unwrap_or_default().to_string();
    let mut claimed: HashSet<String> = HashSet::new();
    claimed.extend(site.pages.iter().map(|p| rel(&p.url)));
    claimed.extend(site.sections.iter().map(|s| rel(&s.url)));
    claimed.extend(site.aliases.iter().map(|a| a.out.clone()));
    for taxonomy in &site.taxonomies {
        claimed.insert(rel(&taxonomy.url));
        claimed.extend(taxonomy.terms.iter().map(|t| rel(&t.url)));
    }
    for asset in &site.assets {
        claimed.insert(asset.out.clone());
        if let Some(dir) = asset.out.strip_suffix("index.html") {
            claimed.insert(dir.to_string());
        }
    }
    if site.config.search {
        claimed.insert("search/".into());
    }
    claimed
}

/// The members' git identities and opt-outs, from their profiles' `git` and `pulse` keys.
fn identities(site: &Site, problems: &mut Vec<Diagnostic>) -> Vec<Identity> {
    let mut owners: HashMap<String, String> = HashMap::new();
    let mut out = Vec::new();
    for page in site.pages.iter().filter(|p| site.is_member_profile(p)) {
        let mut identity = Identity {
            id: page.member_id.clone().unwrap_or_default(),
            name: page.fm.title.clone(),
            url: page.url.clone(),
            ..Identity::default()
        };
        match page.fm.extra.get("pulse") {
            None | Some(Value::Null) | Some(Value::Bool(true)) => {}
            Some(Value::Bool(false)) => identity.opted_out = true,
            Some(other) => {
                let (line, col) = page.fm.position("pulse");
                problems.push(
                    Diagnostic::warning(&page.file, line, col, "pulse-key")
                        .message(format!("`pulse` must be true or false, not {other}; this member is left out of the community figures until it is fixed"))
                        .hint("write `pulse: false` to leave your contributions out of the community figures, or remove the line"),
                );
                identity.opted_out = true;
            }
        }
        let entries: Vec<&Value> = match page.fm.extra.get("git") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items.iter().collect(),
            Some(one) => vec![one],
        };
        for entry in entries {
            let (line, col) = page.fm.position("git");
            let Some(text) = entry.as_str().map(str::trim).filter(|t| !t.is_empty()) else {
                problems.push(
                    Diagnostic::warning(&page.file, line, col, "pulse-key")
                        .message(format!("`git` lists names and emails as text, not {entry}"))
                        .hint("write `git: [\"Ana Lima\", ana@example.org]`: the names and emails you commit with"),
                );
                continue;
            };
            let (name, email) = match (text.find('<'), text.strip_suffix('>')) {
                (Some(open), Some(inner)) => (Some(&text[..open]), Some(&inner[open + 1..])),
                _ if text.contains('@') => (None, Some(text)),
                _ => (Some(text), None),
            };
            for (key, is_email) in [(email, true), (name, false)] {
                let Some(key) = key.map(stats::normalize).filter(|k| !k.is_empty()) else {
                    continue;
                };
                if let Some(owner) = owners.get(&key) {
                    if owner != &identity.id {
                        problems.push(
                            Diagnostic::warning(&page.file, line, col, "pulse-key")
                                .message(format!(
                                    "the git {} in `git` is also listed by the member `{owner}`; commits go to `{owner}`",
                                    if is_email { "email" } else { "name" }
                                ))
                                .hint("list each name and email in one member's profile only"),
                        );
                        continue;
                    }
                }
                owners.insert(key.clone(), identity.id.clone());
                if is_email {
                    identity.emails.insert(key);
                } else {
                    identity.names.insert(key);
                }
            }
        }
        let explicit = page.fm.extra.get("pulse") == Some(&Value::Bool(false));
        if explicit && identity.emails.is_empty() && identity.names.is_empty() {
            let (line, col) = page.fm.position("pulse");
            problems.push(
                Diagnostic::warning(&page.file, line, col, "pulse-key")
                    .message("`pulse: false`, but no `git` names or emails: commits cannot be linked to this profile, so they still count, unnamed, among the other contributors")
                    .hint("add the names and emails you commit with, e.g. `git: [\"Ana Lima\", ana@example.org]`, so they can be left out"),
            );
        }
        out.push(identity);
    }
    // The first profile (in source order) that lists a key keeps it.
    for identity in &mut out {
        identity
            .emails
            .retain(|k| owners.get(k) == Some(&identity.id));
        identity
            .names
            .retain(|k| owners.get(k) == Some(&identity.id));
    }
    out
}

/// Reads the history and computes the figures; `None`, with a note, when there is none.
fn read_pulse(
    root: &Path,
    site: &Site,
    identities: &[Identity],
    problems: &mut Vec<Diagnostic>,
) -> Option<Pulse> {
    let content = site
        .config
        .content_dir
        .to_string_lossy()
        .replace('\\', "/")
        .trim_end_matches('/')
        .to_string();
    let commits = match git::log(root, &[content.as_str(), data::DATA_DIR]) {
        Ok(commits) => commits,
        Err(reason) => {
            problems.push(
                Diagnostic::note(CONFIG_FILE, 0, 0, "pulse-git")
                    .message(format!("{reason}, so the community pulse page (/community/) is not built"))
                    .hint("build from a git clone of the hub with git installed, or set `pulse: false` in hub.yaml"),
            );
            return None;
        }
    };
    if git::is_shallow(root) {
        problems.push(
            Diagnostic::note(CONFIG_FILE, 0, 0, "pulse-git")
                .message("this is a shallow git clone, so the community figures only cover the clone's history")
                .hint("clone with full history (in GitHub Actions: `fetch-depth: 0` in actions/checkout)"),
        );
    }
    let pages: HashMap<&str, &str> = site
        .pages
        .iter()
        .map(|p| (p.rel.as_str(), p.kind.as_str()))
        .collect();
    let bundles: HashMap<&str, &str> = site
        .pages
        .iter()
        .filter_map(|p| p.bundle_dir.as_deref().map(|b| (b, p.kind.as_str())))
        .collect();
    let content_prefix = format!("{content}/");
    let data_prefix = format!("{}/", data::DATA_DIR);
    let config = &site.config;
    let classify = |file: &str| -> Option<String> {
        if file.starts_with(&data_prefix) {
            return Some("data".into());
        }
        let rel = file.strip_prefix(&content_prefix)?;
        if let Some(kind) = pages.get(rel) {
            return Some(kind.to_string());
        }
        let mut dir = rel;
        while let Some(i) = dir.rfind('/') {
            dir = &dir[..i];
            if let Some(kind) = bundles.get(dir) {
                return Some(kind.to_string());
            }
        }
        let top = if rel.contains('/') {
            rel.split('/').next().unwrap_or("")
        } else {
            ""
        };
        Some(config.type_for_section(top).unwrap_or("page").to_string())
    };
    let label = |kind: &str| -> TypeLabel {
        match config.types.get(kind) {
            Some(t) => TypeLabel {
                kind: kind.into(),
                name: t.name.clone(),
                plural: t.plural.clone(),
            },
            None if kind == "data" => TypeLabel {
                kind: kind.into(),
                name: "Data file".into(),
                plural: "Data files".into(),
            },
            None => TypeLabel {
                kind: kind.into(),
                name: crate::config::title_case(kind),
                plural: crate::config::title_case(kind),
            },
        }
    };
    Some(stats::compute(&commits, identities, &classify, &label))
}

/// What `community_pulse()` returns: the figures, the months charted, and the charts.
fn community_value(site: &Site, pulse: &Pulse) -> Value {
    let start = pulse.months.len().saturating_sub(WINDOW);
    let window = &pulse.months[start..];
    let kinds: Vec<&TypeLabel> = pulse
        .types
        .iter()
        .filter(|t| window.iter().any(|m| m.by_type.contains_key(&t.kind)))
        .collect();
    let categories: Vec<String> = window.iter().map(|m| m.label.clone()).collect();
    let count = |f: fn(&stats::MonthFigures) -> usize| -> Vec<Option<f64>> {
        window.iter().map(|m| Some(f(m) as f64)).collect()
    };
    let cells = |f: fn(&stats::MonthFigures) -> usize| -> Vec<String> {
        window.iter().map(|m| f(m).to_string()).collect()
    };
    let column = |header: &str, cells: Vec<String>| TableColumn {
        header: header.into(),
        cells,
        numeric: true,
    };
    let contributors = Chart {
        id: "pulse-contributors".into(),
        kind: Kind::Column,
        title: "Contributors each month, new and returning".into(),
        description: String::new(),
        x_label: "Month".into(),
        categories: categories.clone(),
        series: vec![
            Series {
                name: "New".into(),
                values: count(|m| m.new),
            },
            Series {
                name: "Returning".into(),
                values: count(|m| m.returning),
            },
        ],
        stacked: true,
        unit: String::new(),
        max: None,
        table: Some(vec![
            column("New", cells(|m| m.new)),
            column("Returning", cells(|m| m.returning)),
            column("All contributors", cells(|m| m.contributors)),
            column("Members", cells(|m| m.members)),
            column("Other contributors", cells(|m| m.other_contributors)),
        ]),
        source: None,
    };
    let activity = Chart {
        id: "pulse-activity".into(),
        kind: Kind::Line,
        title: "Share of each month's contributors who are active".into(),
        description: String::new(),
        x_label: "Month".into(),
        categories: categories.clone(),
        series: vec![Series {
            name: "Active share".into(),
            values: window
                .iter()
                .map(|m| (m.contributors > 0).then_some(f64::from(m.active_share)))
                .collect(),
        }],
        stacked: false,
        unit: "%".into(),
        max: Some(100.0),
        table: Some(vec![
            column("Active", cells(|m| m.active)),
            column("Occasional", cells(|m| m.occasional)),
            column(
                "Active share",
                window
                    .iter()
                    .map(|m| {
                        if m.contributors > 0 {
                            format!("{}%", m.active_share)
                        } else {
                            String::new()
                        }
                    })
                    .collect(),
            ),
        ]),
        source: None,
    };
    let totals: Vec<usize> = kinds
        .iter()
        .map(|t| window.iter().filter_map(|m| m.by_type.get(&t.kind)).sum())
        .collect();
    let types = Chart {
        id: "pulse-types".into(),
        kind: Kind::Bar,
        title: format!(
            "Contributions by content type, {}",
            match (window.first(), window.last()) {
                (Some(a), Some(b)) if a.month != b.month => format!("{} to {}", a.label, b.label),
                (Some(a), _) => a.label.clone(),
                _ => String::new(),
            }
        ),
        description: String::new(),
        x_label: "Content type".into(),
        categories: kinds.iter().map(|t| t.plural.clone()).collect(),
        series: vec![Series {
            name: "Contributions".into(),
            values: totals.iter().map(|t| Some(*t as f64)).collect(),
        }],
        stacked: false,
        unit: String::new(),
        max: None,
        table: None,
        source: None,
    };
    let by_month: Vec<Value> = window
        .iter()
        .map(|m| {
            json!({
                "label": m.label,
                "month": m.month,
                "counts": kinds.iter().map(|t| m.by_type.get(&t.kind).copied().unwrap_or(0)).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "url": site.url(COMMUNITY_DIR),
        "json_url": site.url(PULSE_JSON),
        "figures": pulse,
        "window": window,
        "window_types": kinds,
        "by_month": by_month,
        "charts": {
            "contributors": contributors.to_html(),
            "activity": activity.to_html(),
            "types": types.to_html(),
        },
        "definitions": DEFINITIONS.iter().map(|(k, v)| ((*k).to_string(), json!(v))).collect::<serde_json::Map<_, _>>(),
        "active_min_months": stats::ACTIVE_MIN_MONTHS,
        "active_window": stats::ACTIVE_WINDOW,
    })
}

/// The community page, its JSON and the directory's facet pages, rendered with the theme.
pub fn outputs(
    site: &Site,
    theme: &Theme,
    tera: &Tera,
    hub: &Value,
) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let call = |name: &str, args: &HashMap<String, Value>| -> Value {
        tera.get_function(name)
            .ok()
            .and_then(|f| f.call(args).ok())
            .unwrap_or(Value::Null)
    };
    let no_args = HashMap::new();
    let community = call("community_pulse", &no_args);
    let directory = call("member_directory", &no_args);
    let mut outputs = Vec::new();
    let mut problems = Vec::new();
    let base = |ctx: &mut Context, url: &str, title: &str, description: &str, jsonld: Value| {
        let mut meta = meta(site, url, title, description);
        meta.jsonld = Some(script_text(&jsonld));
        ctx.insert("hub", hub);
        ctx.insert("lang", &site.config.language);
        ctx.insert("current_url", url);
        ctx.insert("meta", &meta);
    };
    let mut render = |template: &str, ctx: &Context, url: &str| match tera.render(template, ctx) {
        Ok(html) => outputs.push(Output {
            path: format!("{}index.html", &url[site.base_path.len()..]),
            content: html,
        }),
        Err(err) => {
            let origin = theme
                .templates
                .get(template)
                .map_or(PathBuf::from(template), |(_, f)| f.clone());
            problems.push(
                Diagnostic::error(origin, 0, 0, "template-error")
                    .message(format!(
                        "rendering {template} for {url}: {}",
                        crate::render::error_chain(&err)
                    ))
                    .hint("fix the template; docs/pulse.md lists what it sees"),
            );
        }
    };

    if let Some(url) = community["url"].as_str() {
        let mut ctx = Context::new();
        let description = format!(
            "How members take part in {}, month by month.",
            site.config.title
        );
        let mut page = web_page(site, "WebPage", "Community pulse", &description, url);
        page["mainEntity"] = json!({
            "@type": "Dataset",
            "name": format!("{}: community participation by month", site.config.title),
            "description": "Contributors, new and returning, active and occasional, and contributions by content type, per month, counted from the hub's git history.",
            "isAccessibleForFree": true,
            "distribution": {
                "@type": "DataDownload",
                "encodingFormat": "application/json",
                "contentUrl": site.permalink(community["json_url"].as_str().unwrap_or_default()),
            },
        });
        base(&mut ctx, url, "Community pulse", &description, page);
        ctx.insert("community", &community);
        ctx.insert(
            "breadcrumbs",
            &vec![Link {
                name: "Home".into(),
                url: Some(site.base_path.clone()),
            }],
        );
        render(COMMUNITY_TEMPLATE, &ctx, url);
    }

    if let Some(facets) = directory["facets"].as_array() {
        let title = directory["title"].as_str().unwrap_or("Members");
        for facet in facets {
            let (Some(url), Some(facet_title)) = (facet["url"].as_str(), facet["title"].as_str())
            else {
                continue;
            };
            let mut ctx = Context::new();
            let name = format!("{title} by {}", facet_title.to_lowercase());
            let items: Vec<Value> = facet["values"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|v| json!({"url": v["url"], "title": v["name"]}))
                .collect();
            base(
                &mut ctx,
                url,
                &name,
                "",
                collection(site, &name, url, &items),
            );
            ctx.insert("directory", &directory);
            ctx.insert("facet", facet);
            ctx.insert("value", &Value::Null);
            ctx.insert("entries", &Vec::<Value>::new());
            render(FACET_TEMPLATE, &ctx, url);
            for value in facet["values"].as_array().into_iter().flatten() {
                let (Some(value_url), Some(name)) = (value["url"].as_str(), value["name"].as_str())
                else {
                    continue;
                };
                let entries: Vec<Value> = value["members"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|member| {
                        let args = HashMap::from([("url".to_string(), member.clone())]);
                        call("member_profile", &args)
                    })
                    .filter(|v| !v.is_null())
                    .collect();
                let mut ctx = Context::new();
                let page_name = format!("{title}: {name}");
                let items: Vec<Value> = entries
                    .iter()
                    .map(|e| json!({"url": e["url"], "title": e["title"]}))
                    .collect();
                let jsonld = collection(site, &page_name, value_url, &items);
                base(&mut ctx, value_url, &page_name, "", jsonld);
                ctx.insert("directory", &directory);
                ctx.insert("facet", facet);
                ctx.insert("value", value);
                ctx.insert("entries", &entries);
                render(FACET_TEMPLATE, &ctx, value_url);
            }
        }
    }
    if !problems.is_empty() {
        problems.truncate(1);
        return Err(problems);
    }

    if !community.is_null() {
        let mut figures = community["figures"].clone();
        if let Value::Object(map) = &mut figures {
            map.insert("hub".into(), json!(site.config.title));
            map.insert("definitions".into(), community["definitions"].clone());
        }
        outputs.push(Output {
            path: PULSE_JSON.into(),
            content: format!(
                "{}\n",
                serde_json::to_string_pretty(&figures).unwrap_or_default()
            ),
        });
    }
    Ok(outputs)
}

/// The head metadata of a generated page.
fn meta(site: &Site, url: &str, title: &str, description: &str) -> crate::discover::Meta {
    let absolute = site.config.base_url.contains("://");
    crate::discover::Meta {
        canonical: absolute.then(|| site.permalink(url)),
        title: title.to_string(),
        description: if description.is_empty() {
            site.config.description.clone()
        } else {
            description.to_string()
        },
        og_type: "website",
        locale: site.config.language.replace('-', "_"),
        ..Default::default()
    }
}

/// JSON for inside `<script type="application/ld+json">`, unable to close the element.
fn script_text(value: &Value) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// A schema.org page of this hub.
fn web_page(site: &Site, kind: &str, name: &str, description: &str, url: &str) -> Value {
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": kind,
        "name": name,
        "url": site.permalink(url),
        "inLanguage": site.config.language,
        "isPartOf": {"@type": "WebSite", "name": site.config.title, "url": site.permalink(&site.base_path)},
    });
    if !description.is_empty() {
        value["description"] = json!(description);
    }
    value
}

/// A schema.org CollectionPage listing `items` (`{url, title}`).
fn collection(site: &Site, name: &str, url: &str, items: &[Value]) -> Value {
    let mut value = web_page(site, "CollectionPage", name, "", url);
    let elements: Vec<Value> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            json!({
                "@type": "ListItem",
                "position": i + 1,
                "url": site.permalink(item["url"].as_str().unwrap_or_default()),
                "name": item["title"],
            })
        })
        .collect();
    value["mainEntity"] =
        json!({"@type": "ItemList", "numberOfItems": elements.len(), "itemListElement": elements});
    value
}
