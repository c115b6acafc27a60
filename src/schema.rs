//! The front-matter schema of each content type, derived from hub.yaml: the one source of truth
//! for the build's checks, `praxis check`, `praxis new` and `praxis schema`.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{json, Value};

use crate::config::{FieldKind, FieldSpec, HubConfig, TypeConfig};
use crate::diagnostic::Diagnostic;
use crate::frontmatter::FrontMatter;

/// A built-in field: its name, kind, and a description for editors and contributors.
struct Builtin {
    name: &'static str,
    kind: FieldKind,
    description: &'static str,
}

const fn field(name: &'static str, kind: FieldKind, description: &'static str) -> Builtin {
    Builtin {
        name,
        kind,
        description,
    }
}

/// Fields every type has.
const COMMON: &[Builtin] = &[
    field("title", FieldKind::Text, "The title."),
    field(
        "type",
        FieldKind::Text,
        "The content type, when it differs from the folder's.",
    ),
    field(
        "date",
        FieldKind::Date,
        "Publication date: YYYY-MM-DD or RFC 3339.",
    ),
    field(
        "updated",
        FieldKind::Date,
        "Date of the last significant update.",
    ),
    field(
        "summary",
        FieldKind::Text,
        "One or two sentences; else the first paragraph is used.",
    ),
    field(
        "authors",
        FieldKind::List,
        "Member ids (linked to their profiles) or names.",
    ),
    field(
        "topics",
        FieldKind::List,
        "Topics, from the hub's vocabulary when it has one.",
    ),
    field(
        "regions",
        FieldKind::List,
        "Regions, from the hub's vocabulary when it has one.",
    ),
    field("tags", FieldKind::List, "Free keywords."),
    field(
        "lang",
        FieldKind::Text,
        "Language code, when it differs from the hub's.",
    ),
    field(
        "translation_key",
        FieldKind::Text,
        "Links translations whose file names differ: give each the same key.",
    ),
    field(
        "draft",
        FieldKind::Bool,
        "true keeps the page out of the published site.",
    ),
    field(
        "slug",
        FieldKind::Text,
        "The last part of the URL, replacing the file name.",
    ),
    field(
        "aliases",
        FieldKind::List,
        "Old URL paths that redirect here.",
    ),
    field(
        "weight",
        FieldKind::Integer,
        "Sort order in sections sorted by weight.",
    ),
];

/// Fields of particular built-in types.
fn type_fields(kind: &str) -> &'static [Builtin] {
    const WEBINAR: &[Builtin] = &[
        field("recording", FieldKind::Url, "Link to the recording."),
        field(
            "slides",
            FieldKind::Text,
            "Link to the slides, or the slides file beside the page.",
        ),
        field(
            "speakers",
            FieldKind::List,
            "Member ids or names of the speakers.",
        ),
        field(
            "duration",
            FieldKind::Text,
            "How long it lasted, e.g. 75 min.",
        ),
    ];
    const EVENT: &[Builtin] = &[
        field(
            "starts",
            FieldKind::Datetime,
            "Start: RFC 3339 with offset, or local time with `timezone`.",
        ),
        field(
            "ends",
            FieldKind::Datetime,
            "End, in the same form as `starts`.",
        ),
        field(
            "timezone",
            FieldKind::Text,
            "IANA time zone, e.g. Africa/Nairobi.",
        ),
        field("location", FieldKind::Text, "Where it takes place."),
        field(
            "online",
            FieldKind::Text,
            "true, false, or the link to join.",
        ),
    ];
    const REPORT: &[Builtin] = &[
        field("publisher", FieldKind::Text, "Who published the report."),
        field(
            "report_number",
            FieldKind::Text,
            "The publisher's report number.",
        ),
    ];
    const MEMBER: &[Builtin] = &[
        field("role", FieldKind::Text, "Job title."),
        field("organization", FieldKind::Text, "Employer or affiliation."),
        field("country", FieldKind::Text, "Country of work."),
        field("expertise", FieldKind::List, "Areas of expertise."),
        field("languages", FieldKind::List, "Languages spoken."),
    ];
    match kind {
        "webinar" => WEBINAR,
        "event" => EVENT,
        "report" => REPORT,
        "member" => MEMBER,
        _ => &[],
    }
}

/// The names of the fields a type requires, in the order `praxis new` writes them.
pub fn required_fields(kind: &str, ty: &TypeConfig) -> Vec<String> {
    let mut required = vec!["title".to_string()];
    if ty.dated {
        required.push("date".into());
    }
    if kind == "event" {
        required.push("starts".into());
    }
    for name in &ty.required {
        if !required.contains(name) {
            required.push(name.clone());
        }
    }
    for (name, spec) in &ty.fields {
        if spec.required && !required.contains(name) {
            required.push(name.clone());
        }
    }
    required
}

/// "a" or "an", by the sound of the word's first letter.
fn indefinite_article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// Whether the front-matter gives a value for a field.
fn has_field(fm: &FrontMatter, name: &str) -> bool {
    fm.positions.contains_key(name) && !fm.extra.get(name).is_some_and(Value::is_null)
        || (name == "date" && fm.date.is_some())
        || (name == "summary" && fm.summary.is_some())
        || (name == "authors" && !fm.authors.is_empty())
}

/// Checks front-matter against its type: required fields, the types and allowed values of the
/// hub's own fields, and placeholders left by `praxis new`.
pub fn validate(file: &Path, fm: &FrontMatter, kind: &str, ty: &TypeConfig) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for name in required_fields(kind, ty) {
        // Events may give `starts` instead of `date`; title and date have their own codes.
        if name == "title" || (name == "date" && kind == "event" && fm.starts.is_some()) {
            continue;
        }
        if name == "starts" && fm.positions.contains_key("starts") {
            continue;
        }
        if !has_field(fm, &name) {
            let missing = if name == "date" {
                Diagnostic::error(file, 1, 1, "missing-date")
            } else {
                Diagnostic::error(file, 1, 1, "missing-field")
            };
            problems.push(
                missing
                    .message(format!(
                        "{} {kind} needs `{name}`",
                        indefinite_article(kind)
                    ))
                    .hint(format!(
                        "add a line `{name}: ...` between the `---` lines; {}",
                        describe(kind, ty, &name)
                    )),
            );
        }
    }
    for (name, spec) in &ty.fields {
        let Some(value) = fm.extra.get(name) else {
            continue;
        };
        let (line, col) = fm.position(name);
        if let Some(expected) = mismatch(spec.kind, value) {
            problems.push(
                Diagnostic::error(file, line, col, "invalid-field-type")
                    .message(format!("`{name}` must be {expected}"))
                    .hint(describe(kind, ty, name)),
            );
            continue;
        }
        if !spec.values.is_empty() {
            let given: Vec<&str> = match value {
                Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
                other => other.as_str().into_iter().collect(),
            };
            for v in given {
                if !spec.values.iter().any(|allowed| allowed == v) {
                    let suggestion =
                        crate::suggest::did_you_mean(v, spec.values.iter().map(String::as_str));
                    problems.push(
                        Diagnostic::error(file, line, col, "invalid-field-value")
                            .message(format!(
                                "`{v}` is not an allowed value of `{name}`{suggestion}"
                            ))
                            .hint(format!("use one of: {}", spec.values.join(", "))),
                    );
                }
            }
        }
    }
    for (name, (line, col)) in &fm.positions {
        if is_placeholder(fm, name) {
            problems.push(
                Diagnostic::warning(file, *line, *col, "placeholder")
                    .message(format!(
                        "`{name}` still has the placeholder text from `praxis new`"
                    ))
                    .hint("replace the TODO text with the real value"),
            );
        }
    }
    problems
}

fn is_placeholder(fm: &FrontMatter, name: &str) -> bool {
    let text = match name {
        "title" => Some(fm.title.as_str()),
        "summary" | "description" => fm.summary.as_deref(),
        "location" => fm.location.as_deref(),
        _ => fm.extra.get(name).and_then(Value::as_str),
    };
    text.is_some_and(|t| t.trim_start().starts_with("TODO"))
        || (name == "authors" && fm.authors.iter().any(|a| a.starts_with("TODO")))
}

/// The description of a field, for hints.
fn describe(kind: &str, ty: &TypeConfig, name: &str) -> String {
    if let Some(spec) = ty.fields.get(name) {
        if !spec.description.is_empty() {
            return spec.description.clone();
        }
    }
    COMMON
        .iter()
        .chain(type_fields(kind))
        .find(|b| b.name == name)
        .map_or_else(
            || "see docs/content.md".to_string(),
            |b| b.description.to_string(),
        )
}

/// What a value should have been, when it does not fit the field's kind.
fn mismatch(kind: FieldKind, value: &Value) -> Option<&'static str> {
    let ok = match kind {
        FieldKind::Text => value.is_string() || value.is_number() || value.is_boolean(),
        FieldKind::Date => value
            .as_str()
            .is_some_and(|s| crate::frontmatter::PageDate::parse(s).is_some()),
        FieldKind::Datetime => value
            .as_str()
            .is_some_and(|s| chrono::DateTime::parse_from_rfc3339(s).is_ok()),
        FieldKind::List => value.is_array() || value.is_string(),
        FieldKind::Bool => value.is_boolean(),
        FieldKind::Integer => value.is_i64() || value.is_u64(),
        FieldKind::Url => value.as_str().is_some_and(crate::markdown::is_safe_scheme),
    };
    (!ok).then_some(match kind {
        FieldKind::Text => "text",
        FieldKind::Date => "a date such as 2025-03-14",
        FieldKind::Datetime => "a date and time such as 2025-03-14T15:00:00+03:00",
        FieldKind::List => "a list such as [first, second]",
        FieldKind::Bool => "true or false",
        FieldKind::Integer => "a whole number",
        FieldKind::Url => "a web address starting with https://",
    })
}

fn json_type(kind: FieldKind) -> Value {
    match kind {
        FieldKind::Text => json!({"type": ["string", "number", "boolean"]}),
        FieldKind::Date => {
            json!({"type": "string", "anyOf": [{"format": "date"}, {"format": "date-time"}]})
        }
        FieldKind::Datetime => {
            json!({"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}"})
        }
        FieldKind::List => {
            json!({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": ["string", "number"]}}]})
        }
        FieldKind::Bool => json!({"type": "boolean"}),
        FieldKind::Integer => json!({"type": "integer"}),
        FieldKind::Url => {
            json!({"type": "string", "format": "uri", "pattern": "^(https?|mailto|tel|ftp):"})
        }
    }
}

/// The JSON Schema of one type's front-matter.
pub fn type_schema(config: &HubConfig, kind: &str) -> Option<Value> {
    let ty = config.types.get(kind)?;
    let mut properties = BTreeMap::new();
    for builtin in COMMON.iter().chain(type_fields(kind)) {
        let mut schema = json_type(builtin.kind);
        schema["description"] = json!(builtin.description);
        properties.insert(builtin.name.to_string(), schema);
    }
    properties.insert("summary".into(), json!({"type": "string", "description": "One or two sentences; else the first paragraph is used."}));
    properties.insert(
        "resources".into(),
        json!({"type": "array", "description": "Files beside the page or links elsewhere.", "items": {
            "type": "object", "required": ["title"],
            "properties": {"title": {"type": "string"}, "path": {"type": "string"}, "url": {"type": "string", "format": "uri"}},
            "anyOf": [{"required": ["path"]}, {"required": ["url"]}]}}),
    );
    if kind == "event" {
        properties.insert("online".into(), json!({"type": ["boolean", "string"], "description": "true, false, or the link to join."}));
    }
    for taxonomy in ["topics", "regions"] {
        if let Some(vocabulary) = config.vocabulary(taxonomy) {
            let ids: Vec<&str> = vocabulary.iter().map(|t| t.id()).collect();
            properties.insert(
                taxonomy.into(),
                json!({"type": "array", "items": {"enum": ids}, "description": format!("{taxonomy} from the hub's vocabulary")}),
            );
        }
    }
    for (name, spec) in &ty.fields {
        properties.insert(name.clone(), field_schema(spec));
    }
    Some(json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": format!("{} front-matter", ty.name),
        "type": "object",
        "required": required_fields(kind, ty).into_iter().filter(|f| !(kind == "event" && f == "date")).collect::<Vec<_>>(),
        "properties": properties,
        "additionalProperties": true,
    }))
}

fn field_schema(spec: &FieldSpec) -> Value {
    let mut schema = json_type(spec.kind);
    if !spec.values.is_empty() {
        schema = match spec.kind {
            FieldKind::List => json!({"type": "array", "items": {"enum": spec.values}}),
            _ => json!({"enum": spec.values}),
        };
    }
    if !spec.description.is_empty() {
        schema["description"] = json!(spec.description);
    }
    schema
}

/// A JSON Schema document with every type's front-matter under `$defs`.
pub fn hub_schema(config: &HubConfig) -> Value {
    let defs: BTreeMap<&String, Value> = config
        .types
        .keys()
        .filter_map(|kind| type_schema(config, kind).map(|s| (kind, s)))
        .collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": format!("{}: front-matter of each content type", config.title),
        "$defs": defs,
    })
}

/// The text of a new content file: front-matter with the type's fields filled in or marked TODO.
pub fn new_file_text(
    config: &HubConfig,
    kind: &str,
    title: &str,
    lang: Option<&str>,
    today: chrono::NaiveDate,
) -> Option<String> {
    let ty = config.types.get(kind)?;
    let quoted = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let mut yaml = format!("---\ntitle: {}\n", quoted(title));
    if let Some(lang) = lang {
        yaml.push_str(&format!("lang: {lang}\n"));
    }
    if ty.dated {
        yaml.push_str(&format!("date: {}\n", today.format("%Y-%m-%d")));
    }
    if kind == "member" {
        yaml.push_str("role: \"TODO: job title\"\norganization: \"TODO: organization\"\ncountry: \"TODO\"\nexpertise: []\nlanguages: []\n");
    } else {
        yaml.push_str(
            "summary: \"TODO: one or two sentences that say what readers will get from this\"\n",
        );
        yaml.push_str("authors: [\"TODO: your member id or name\"]\n");
    }
    for taxonomy in ["topics", "regions"] {
        match config.vocabulary(taxonomy) {
            Some(vocabulary) => {
                let ids: Vec<&str> = vocabulary.iter().map(|t| t.id()).collect();
                yaml.push_str(&format!(
                    "{taxonomy}: []  # choose from: {}\n",
                    ids.join(", ")
                ));
            }
            None => yaml.push_str(&format!("{taxonomy}: []\n")),
        }
    }
    match kind {
        "event" => yaml.push_str(&format!(
            "starts: {0}T09:00\nends: {0}T10:00\ntimezone: UTC  # e.g. Africa/Nairobi\nlocation: \"TODO: place, or Online\"\nonline: false\n",
            today.format("%Y-%m-%d")
        )),
        "webinar" => yaml.push_str("recording: \"\"  # https://… link to the recording\nspeakers: []\nduration: \"60 min\"\n"),
        "report" => yaml.push_str("publisher: \"TODO: publisher\"\nreport_number: \"\"\nresources: []  # e.g. [{title: Full report, path: report.pdf}]\n"),
        _ => {}
    }
    for name in &ty.required {
        if !yaml.contains(&format!("\n{name}:")) {
            yaml.push_str(&format!("{name}: \"TODO\"\n"));
        }
    }
    for (name, spec) in &ty.fields {
        if spec.required && !yaml.contains(&format!("\n{name}:")) {
            let value = match (spec.kind, spec.values.first()) {
                (_, Some(first)) => {
                    format!("{}  # one of: {}", quoted(first), spec.values.join(", "))
                }
                (FieldKind::List, None) => "[]".into(),
                (FieldKind::Bool, None) => "false".into(),
                (FieldKind::Integer, None) => "0".into(),
                (FieldKind::Date, None) => today.format("%Y-%m-%d").to_string(),
                _ => "\"TODO\"".into(),
            };
            yaml.push_str(&format!("{name}: {value}\n"));
        }
    }
    yaml.push_str("---\n\n");
    yaml.push_str(if kind == "member" {
        "TODO: a short biography in the third person.\n"
    } else {
        "TODO: write here. Start sections with `## Heading`.\n"
    });
    Some(yaml)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> HubConfig {
        HubConfig::parse(
            "vocabularies:\n  topics: [water, sanitation]\ntypes:\n  toolkit:\n    required: [summary]\n    fields:\n      \
level: {type: text, values: [beginner, expert], required: true}\n      pages: {type: integer}\n",
        )
        .unwrap()
    }

    #[test]
    fn new_files_satisfy_their_schema_except_for_placeholders() {
        let config = config();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        for kind in config.types.keys() {
            let text = new_file_text(&config, kind, "A: title", None, today).unwrap();
            let split = crate::frontmatter::split(&text, Path::new("x.md")).unwrap();
            let (fm, problems) =
                crate::frontmatter::parse(split.yaml.unwrap(), 2, Path::new("x.md"));
            assert!(problems.is_empty(), "{kind}: {problems:?}\n{text}");
            assert_eq!(fm.title, "A: title");
            let problems = validate(Path::new("x.md"), &fm, kind, &config.types[kind]);
            assert!(
                problems.iter().all(|d| d.code == "placeholder"),
                "{kind}: {problems:?}\n{text}"
            );
        }
    }

    #[test]
    fn custom_fields_are_checked() {
        let config = config();
        let (fm, _) = crate::frontmatter::parse(
            "title: T\nlevel: expret\npages: many\n",
            2,
            Path::new("x.md"),
        );
        let problems = validate(Path::new("x.md"), &fm, "toolkit", &config.types["toolkit"]);
        let found: Vec<_> = problems.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(
            found,
            [
                ("missing-field", 1),
                ("invalid-field-value", 3),
                ("invalid-field-type", 4)
            ]
        );
        assert!(
            problems[1].message.contains("did you mean `expert`"),
            "{}",
            problems[1].message
        );
    }

    #[test]
    fn schema_lists_required_fields_and_vocabularies() {
        let schema = hub_schema(&config());
        assert_eq!(
            schema["$defs"]["story"]["required"],
            json!(["title", "date"])
        );
        assert_eq!(
            schema["$defs"]["guide"]["properties"]["topics"]["items"]["enum"],
            json!(["water", "sanitation"])
        );
        assert_eq!(
            schema["$defs"]["toolkit"]["properties"]["level"]["enum"],
            json!(["beginner", "expert"])
        );
        assert_eq!(
            schema["$defs"]["toolkit"]["required"],
            json!(["title", "summary", "level"])
        );
    }
}
