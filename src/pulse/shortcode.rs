//! The chart short tag: a fenced block in Markdown that becomes a chart and its data table.
//!
//! ````markdown
//! ```praxis-chart
//! file: data/functionality.csv
//! type: bar
//! x: district
//! y: functional_2025
//! title: Functional water points by district, 2025
//! ```
//! ````
//!
//! Markdown renders the block as `<pre><code class="language-praxis-chart">`; once every page
//! is rendered, [`expand`] replaces each such element with the chart (see docs/pulse.md).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::data;
use super::svg::{self, Chart, Kind, Series, TableColumn};
use crate::diagnostic::Diagnostic;

/// The info string that marks a chart block.
pub const TAG: &str = "praxis-chart";
const OPEN: &str = "<pre><code class=\"language-praxis-chart\">";
const CLOSE: &str = "</code></pre>";

/// One column name, or several.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Columns {
    One(String),
    Many(Vec<String>),
}

/// What a chart block holds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    file: String,
    #[serde(rename = "type", default)]
    kind: Option<String>,
    x: String,
    y: Columns,
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    labels: BTreeMap<String, String>,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    stacked: bool,
    #[serde(default)]
    max: Option<f64>,
    #[serde(default)]
    table: Option<Vec<String>>,
    #[serde(default)]
    source: Option<String>,
}

/// A chart block found in rendered HTML.
pub struct Expanded {
    /// The HTML with every chart block replaced.
    pub html: String,
    /// For each block: its text as written, and the chart's title (for the search text).
    pub blocks: Vec<(String, String)>,
}

/// Replaces the chart blocks of a page's HTML. `source` is the page's file as written (to
/// locate problems); problems are warnings, and a chart that cannot be drawn is left out.
pub fn expand(
    html: &str,
    root: &Path,
    file: &Path,
    source: Option<&str>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Expanded> {
    if !html.contains(OPEN) {
        return None;
    }
    let lines = source.map(fence_lines).unwrap_or_default();
    let mut out = String::with_capacity(html.len());
    let mut blocks = Vec::new();
    let mut rest = html;
    let mut n = 0;
    while let Some(start) = rest.find(OPEN) {
        let after = &rest[start + OPEN.len()..];
        let Some(end) = after.find(CLOSE) else {
            break;
        };
        out.push_str(&rest[..start]);
        let text = unescape(&after[..end]);
        let line = lines.get(n).copied().unwrap_or(0);
        n += 1;
        match chart(&text, root, &format!("praxis-chart-{n}")) {
            Ok(chart) => {
                out.push_str(&chart.to_html());
                blocks.push((text, chart.title.clone()));
            }
            Err(message) => {
                problems.push(
                    Diagnostic::warning(file, line, if line > 0 { 1 } else { 0 }, "chart-invalid")
                        .message(format!("this chart cannot be drawn: {message}"))
                        .hint("a chart block needs `file: data/….csv`, `x:` and `y:` column names and a `title:`; see docs/pulse.md"),
                );
                blocks.push((text, String::new()));
            }
        }
        rest = &after[end + CLOSE.len()..];
    }
    out.push_str(rest);
    Some(Expanded { html: out, blocks })
}

/// The file lines (1-based) on which chart blocks open.
fn fence_lines(text: &str) -> Vec<usize> {
    let mut lines = Vec::new();
    let mut open_fence: Option<String> = None;
    for (i, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let trimmed = line.trim_start_matches(' ');
        let fence: String = trimmed
            .chars()
            .take_while(|&c| c == '`' || c == '~')
            .collect();
        let is_fence = indent <= 3
            && fence.len() >= 3
            && fence
                .chars()
                .all(|c| c == fence.chars().next().unwrap_or('`'));
        match &open_fence {
            Some(open)
                if is_fence
                    && fence.starts_with(open.as_str())
                    && trimmed[fence.len()..].trim().is_empty() =>
            {
                open_fence = None;
            }
            Some(_) => {}
            None if is_fence => {
                let info = trimmed[fence.len()..].split_whitespace().next();
                if info == Some(TAG) {
                    lines.push(i + 1);
                }
                open_fence = Some(fence);
            }
            None => {}
        }
    }
    lines
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// Builds the chart a block describes.
fn chart(text: &str, root: &Path, id: &str) -> Result<Chart, String> {
    let spec: Spec = serde_yaml::from_str(text).map_err(|err| {
        let raw = err.to_string();
        match raw.find(" at line ") {
            Some(i) => raw[..i].to_string(),
            None => raw,
        }
    })?;
    let kind = match spec.kind.as_deref() {
        None => Kind::Bar,
        Some(name) => Kind::parse(name).ok_or_else(|| {
            format!("`type: {name}` is not a chart type; use bar, column or line")
        })?,
    };
    if spec.title.trim().is_empty() {
        return Err(
            "`title` is empty; every chart needs a title, which is its accessible name".into(),
        );
    }
    let table = data::load_table(root, &spec.file)?;
    let find = |name: &str| {
        table.column(name).ok_or_else(|| {
            format!(
                "`{}` has no column `{name}` (its columns: {}){}",
                spec.file,
                table.columns.join(", "),
                crate::suggest::did_you_mean(name, table.columns.iter().map(String::as_str))
            )
        })
    };
    let x = find(&spec.x)?;
    let y_names = match &spec.y {
        Columns::One(name) => vec![name.clone()],
        Columns::Many(names) => names.clone(),
    };
    if y_names.is_empty() {
        return Err("`y` names no column".into());
    }
    if y_names.len() > svg::MAX_SERIES {
        return Err(format!(
            "`y` names {} columns; a chart draws at most {}",
            y_names.len(),
            svg::MAX_SERIES
        ));
    }
    if spec.stacked && kind != Kind::Column {
        return Err("`stacked: true` is only for `type: column`".into());
    }
    let label = |name: &str| {
        spec.labels
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string())
    };
    let mut series = Vec::new();
    let mut y_columns = Vec::new();
    for name in &y_names {
        let index = find(name)?;
        let mut values = Vec::new();
        for (row, cells) in table.rows.iter().enumerate() {
            let cell = cells[index].trim();
            if cell.is_empty() {
                values.push(None);
                continue;
            }
            match svg::parse_number(cell) {
                Some(v) if spec.stacked && v < 0.0 => {
                    return Err(format!(
                        "row {} of `{name}` is negative ({cell}); stacked columns need values of 0 or more",
                        row + 1
                    ))
                }
                Some(v) => values.push(Some(v)),
                None => {
                    return Err(format!(
                        "row {} of `{name}` is `{cell}`, which is not a number (write numbers like 12 or 3.5, without thousands separators)",
                        row + 1
                    ))
                }
            }
        }
        series.push(Series {
            name: label(name),
            values,
        });
        y_columns.push(index);
    }
    let table_names: Vec<String> = match &spec.table {
        Some(names) => names.clone(),
        None => y_names.clone(),
    };
    let mut columns = Vec::new();
    for name in table_names.iter().filter(|n| **n != spec.x) {
        let index = find(name)?;
        let is_y = y_columns.contains(&index);
        let cells: Vec<String> = table
            .rows
            .iter()
            .map(|row| {
                let cell = row[index].trim();
                if is_y && !cell.is_empty() {
                    format!("{cell}{}", spec.unit)
                } else {
                    cell.to_string()
                }
            })
            .collect();
        let numeric = table.rows.iter().all(|row| {
            let cell = row[index].trim();
            cell.is_empty() || svg::parse_number(cell).is_some()
        });
        columns.push(TableColumn {
            header: label(name),
            cells,
            numeric,
        });
    }
    Ok(Chart {
        id: id.to_string(),
        kind,
        title: spec.title.trim().to_string(),
        description: spec.description,
        x_label: label(&spec.x),
        categories: table.rows.iter().map(|r| r[x].trim().to_string()).collect(),
        series,
        stacked: spec.stacked,
        unit: spec.unit,
        max: spec.max,
        table: Some(columns),
        source: spec.source.filter(|s| !s.trim().is_empty()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_are_found_by_their_info_string_only() {
        let text = "---\ntitle: x\n---\n\n```praxis-chart\nfile: a\n```\n\n````markdown\n```praxis-chart\n````\n\n~~~ praxis-chart\n~~~\n";
        assert_eq!(fence_lines(text), [5, 13]);
    }

    #[test]
    fn escaped_text_is_restored_once() {
        assert_eq!(
            unescape("a &amp;lt; &quot;b&quot; &lt;c&gt;"),
            "a &lt; \"b\" <c>"
        );
    }

    #[test]
    fn bad_blocks_become_warnings_at_their_line() {
        let hub = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(hub.path().join("data")).unwrap();
        std::fs::write(hub.path().join("data/d.csv"), "district,value\nA,3\nB,x\n").unwrap();
        let html = "<p>x</p>\n<pre><code class=\"language-praxis-chart\">file: data/d.csv\nx: district\ny: valu\ntitle: T\n</code></pre>\n<pre><code class=\"language-praxis-chart\">file: data/d.csv\nx: district\ny: value\ntitle: T\n</code></pre>\n";
        let source = "---\ntitle: P\n---\n\n```praxis-chart\n```\n\n```praxis-chart\n```\n";
        let mut problems = Vec::new();
        let out = expand(
            html,
            hub.path(),
            Path::new("content/p.md"),
            Some(source),
            &mut problems,
        )
        .unwrap();
        assert_eq!(out.html, "<p>x</p>\n\n\n");
        assert_eq!(problems.len(), 2);
        assert_eq!((problems[0].line, problems[1].line), (5, 8));
        assert!(
            problems[0]
                .message
                .contains("no column `valu` (its columns: district, value); did you mean `value`?"),
            "{}",
            problems[0].message
        );
        assert!(
            problems[1].message.contains("row 2 of `value` is `x`"),
            "{}",
            problems[1].message
        );
    }
}
