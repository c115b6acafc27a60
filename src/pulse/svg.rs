//! Accessible charts drawn at build time: an inline SVG (`role="img"`, named by its `<title>`
//! and described by a `<desc>` written from the data) inside a `<figure>`, followed by the data
//! as a table. No scripts, no external requests, no colour-only distinctions: series differ by
//! fill pattern, line dash and marker shape as well.

use std::fmt::Write as _;

use crate::paths::xml_escape;

/// The width of every chart's drawing, in SVG units; it scales down on narrow screens.
const WIDTH: f64 = 640.0;
/// Font size of labels, in SVG units.
const FONT: f64 = 12.0;
/// A rough width of one character at [`FONT`], for laying out labels.
const CHAR: f64 = 6.8;
/// Most series one chart draws (each needs its own pattern, dash and marker).
pub const MAX_SERIES: usize = 4;
/// The colour of bars and lines: the theme's accent where it has one.
const ACCENT: &str = "color:var(--accent,#0b5d8a)";

/// How values are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Horizontal bars, one row per category: best for long category names.
    Bar,
    /// Vertical bars, categories along the bottom: best for months.
    Column,
    /// Lines through the values, categories along the bottom.
    Line,
}

impl Kind {
    /// The chart kind named in a short tag.
    pub fn parse(name: &str) -> Option<Kind> {
        match name.trim().to_ascii_lowercase().as_str() {
            "bar" => Some(Kind::Bar),
            "column" => Some(Kind::Column),
            "line" => Some(Kind::Line),
            _ => None,
        }
    }

    fn noun(self, stacked: bool) -> &'static str {
        match (self, stacked) {
            (Kind::Bar, _) => "Bar chart",
            (Kind::Column, true) => "Stacked column chart",
            (Kind::Column, false) => "Column chart",
            (Kind::Line, _) => "Line chart",
        }
    }
}

/// One series of values, one per category (`None` where there is no value).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The series' name, shown in the legend and as its table column header.
    pub name: String,
    /// The values.
    pub values: Vec<Option<f64>>,
}

/// A column of the data table beneath a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct TableColumn {
    /// The header.
    pub header: String,
    /// The cells, one per category, as they are shown.
    pub cells: Vec<String>,
    /// Whether the column holds numbers (aligned to the end).
    pub numeric: bool,
}

/// A chart and its data table.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// An id unique in the page; the chart's elements' ids start with it.
    pub id: String,
    /// How values are drawn.
    pub kind: Kind,
    /// The title: the figure's caption and the SVG's accessible name.
    pub title: String,
    /// Text written by a person, placed before the description generated from the data.
    pub description: String,
    /// What the categories are ("District", "Month").
    pub x_label: String,
    /// The categories, in order.
    pub categories: Vec<String>,
    /// The series drawn.
    pub series: Vec<Series>,
    /// Columns only: stack the series instead of placing them side by side.
    pub stacked: bool,
    /// Text after each value ("%").
    pub unit: String,
    /// The value axis reaches at least this far (100 for percentages).
    pub max: Option<f64>,
    /// The table's columns after the category column; by default, the series' values.
    pub table: Option<Vec<TableColumn>>,
    /// A line under the table naming where the data comes from.
    pub source: Option<String>,
}

/// "3", "2.5", "0.33": integers without decimals, others with at most two.
pub fn number(value: f64) -> String {
    if (value - value.round()).abs() < 1e-9 {
        format!("{}", value.round() as i64)
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Parses a cell as a number: `12`, `-4`, `+15`, `3.5`, with spaces around; anything else
/// (thousands separators, `n/a`, `inf`) is not a number.
pub fn parse_number(cell: &str) -> Option<f64> {
    let cell = cell.trim();
    let digits = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    if digits.is_empty()
        || !digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        || digits.chars().filter(|&c| c == '.').count() > 1
        || !digits.chars().any(|c| c.is_ascii_digit())
    {
        return None;
    }
    cell.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// An axis from `lo` to `hi` with "nice" ticks (1, 2 or 5 times a power of ten).
#[derive(Debug, Clone, PartialEq)]
struct Axis {
    lo: f64,
    hi: f64,
    ticks: Vec<f64>,
}

fn axis(min: f64, max: f64) -> Axis {
    let (min, max) = (min.min(0.0), max.max(0.0));
    let span = if max - min <= 0.0 { 1.0 } else { max - min };
    let rough = span / 5.0;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * power);
    // Whole numbers (counts) never get fractional ticks.
    let step = if span >= 1.0 && step < 1.0 { 1.0 } else { step };
    let lo = (min / step).floor() * step;
    let hi = ((max / step).ceil() * step).max(lo + step);
    let count = ((hi - lo) / step).round() as usize;
    let ticks = (0..=count).map(|i| lo + step * i as f64).collect();
    Axis { lo, hi, ticks }
}

impl Axis {
    fn scale(&self, value: f64, from: f64, to: f64) -> f64 {
        from + (value - self.lo) / (self.hi - self.lo) * (to - from)
    }
}

/// Cuts a label to `max` characters, with an ellipsis.
fn fit(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let cut: String = label.chars().take(max.saturating_sub(1).max(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

fn width_of(text: &str) -> f64 {
    text.chars().count() as f64 * CHAR
}

impl Chart {
    /// The chart as HTML: a figure holding the caption, the SVG and the data table.
    pub fn to_html(&self) -> String {
        let id = xml_escape(&self.id);
        let mut html = String::new();
        let _ = write!(
            html,
            "<figure class=\"chart\" id=\"{id}\" style=\"margin-inline:0\">\n<figcaption class=\"chart-title\">{}</figcaption>\n",
            xml_escape(&self.title)
        );
        html.push_str(&self.svg());
        html.push('\n');
        html.push_str(&self.table_html());
        if let Some(source) = &self.source {
            let _ = writeln!(
                html,
                "<p class=\"chart-source\">Source: {}</p>",
                xml_escape(source)
            );
        }
        html.push_str("</figure>\n");
        html
    }

    /// The text alternative: the person's description, then what the data shows.
    pub fn description_text(&self) -> String {
        let mut parts = Vec::new();
        if !self.description.trim().is_empty() {
            parts.push(self.description.trim().to_string());
        }
        let names: Vec<&str> = self.series.iter().map(|s| s.name.as_str()).collect();
        let n = self.categories.len();
        parts.push(format!(
            "{} of {} by {}, {} categor{}.",
            self.kind.noun(self.stacked),
            join_words(&names),
            self.x_label,
            n,
            if n == 1 { "y" } else { "ies" }
        ));
        for series in &self.series {
            let points: Vec<(usize, f64)> = series
                .values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| (i, v)))
                .collect();
            let Some(&(first_i, first_v)) = points.first() else {
                parts.push(format!("{} has no values.", series.name));
                continue;
            };
            let &(last_i, last_v) = points.last().unwrap_or(&(first_i, first_v));
            let high = points
                .iter()
                .fold(points[0], |a, &b| if b.1 > a.1 { b } else { a });
            let low = points
                .iter()
                .fold(points[0], |a, &b| if b.1 < a.1 { b } else { a });
            let v = |value: f64| format!("{}{}", number(value), self.unit);
            let sentence = match self.kind {
                Kind::Line if points.len() > 1 => format!(
                    "{}: {} in {}, {} in {}; highest {} in {}, lowest {} in {}.",
                    series.name,
                    v(first_v),
                    self.categories[first_i],
                    v(last_v),
                    self.categories[last_i],
                    v(high.1),
                    self.categories[high.0],
                    v(low.1),
                    self.categories[low.0]
                ),
                _ if points.len() > 1 => format!(
                    "{}: highest {} ({}), lowest {} ({}).",
                    series.name,
                    v(high.1),
                    self.categories[high.0],
                    v(low.1),
                    self.categories[low.0]
                ),
                _ => format!(
                    "{}: {} ({}).",
                    series.name,
                    v(first_v),
                    self.categories[first_i]
                ),
            };
            parts.push(sentence);
        }
        if self.stacked && self.series.len() > 1 && n > 0 {
            let totals = self.totals();
            let (hi, lo) = extremes(&totals);
            parts.push(format!(
                "Totals range from {}{} ({}) to {}{} ({}).",
                number(totals[lo]),
                self.unit,
                self.categories[lo],
                number(totals[hi]),
                self.unit,
                self.categories[hi]
            ));
        }
        parts.push("Every value is in the table below the chart.".into());
        parts.join(" ")
    }

    fn totals(&self) -> Vec<f64> {
        (0..self.categories.len())
            .map(|i| {
                self.series
                    .iter()
                    .filter_map(|s| s.values.get(i).copied().flatten())
                    .sum()
            })
            .collect()
    }

    /// The data table: categories as row headers, then one column per series (or the
    /// columns given).
    pub fn table_html(&self) -> String {
        let default_columns;
        let columns = match &self.table {
            Some(columns) => columns,
            None => {
                default_columns = self
                    .series
                    .iter()
                    .map(|s| TableColumn {
                        header: s.name.clone(),
                        cells: s
                            .values
                            .iter()
                            .map(|v| {
                                v.map(|v| format!("{}{}", number(v), self.unit))
                                    .unwrap_or_default()
                            })
                            .collect(),
                        numeric: true,
                    })
                    .collect::<Vec<_>>();
                &default_columns
            }
        };
        let mut html = String::new();
        let _ = write!(
            html,
            "<table class=\"chart-data\">\n<caption>Data: {}</caption>\n<thead><tr><th scope=\"col\">{}</th>",
            xml_escape(&self.title),
            xml_escape(&self.x_label)
        );
        for column in columns {
            let _ = write!(
                html,
                "<th scope=\"col\"{}>{}</th>",
                if column.numeric { " class=\"num\"" } else { "" },
                xml_escape(&column.header)
            );
        }
        html.push_str("</tr></thead>\n<tbody>\n");
        for (i, category) in self.categories.iter().enumerate() {
            let _ = write!(html, "<tr><th scope=\"row\">{}</th>", xml_escape(category));
            for column in columns {
                let cell = column.cells.get(i).map_or("", String::as_str);
                let _ = write!(
                    html,
                    "<td{}>{}</td>",
                    if column.numeric { " class=\"num\"" } else { "" },
                    xml_escape(cell)
                );
            }
            html.push_str("</tr>\n");
        }
        html.push_str("</tbody>\n</table>\n");
        html
    }

    /// The SVG drawing.
    pub fn svg(&self) -> String {
        let (height, body) = match self.kind {
            Kind::Bar => self.bars(),
            Kind::Column | Kind::Line => self.columns_or_lines(),
        };
        let id = xml_escape(&self.id);
        let mut svg = String::new();
        let _ = write!(
            svg,
            "<svg class=\"chart-svg\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" style=\"max-width:100%;height:auto\" \
font-size=\"{FONT}\" fill=\"currentColor\" xmlns=\"http://www.w3.org/2000/svg\">\n\
<title id=\"{id}-title\">{title}</title>\n<desc id=\"{id}-desc\">{desc}</desc>\n",
            w = WIDTH,
            h = height.ceil(),
            title = xml_escape(&self.title),
            desc = xml_escape(&self.description_text()),
        );
        svg.push_str(&self.patterns());
        svg.push_str(&body);
        svg.push_str("</svg>");
        svg
    }

    /// Fill patterns for the second and fourth series of bars.
    fn patterns(&self) -> String {
        if self.kind == Kind::Line || self.series.len() < 2 {
            return String::new();
        }
        let id = xml_escape(&self.id);
        format!(
            "<defs><pattern id=\"{id}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\" style=\"{ACCENT}\"><rect width=\"2.5\" height=\"6\" fill=\"currentColor\"/></pattern>\
<pattern id=\"{id}-dots\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\" style=\"{ACCENT}\"><circle cx=\"2.5\" cy=\"2.5\" r=\"1.3\" fill=\"currentColor\"/></pattern></defs>\n"
        )
    }

    /// The fill and stroke of series `i` of bars or columns.
    fn bar_style(&self, i: usize) -> String {
        let id = xml_escape(&self.id);
        match i % MAX_SERIES {
            0 => "fill=\"currentColor\"".into(),
            1 => format!("fill=\"url(#{id}-hatch)\" stroke=\"currentColor\" stroke-width=\"1\""),
            2 => "fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\"".into(),
            _ => format!("fill=\"url(#{id}-dots)\" stroke=\"currentColor\" stroke-width=\"1\""),
        }
    }

    fn legend(&self, y: f64) -> String {
        if self.series.len() < 2 {
            return String::new();
        }
        let mut out = String::new();
        let mut x = 8.0;
        for (i, series) in self.series.iter().enumerate() {
            let _ = write!(out, "<g style=\"{ACCENT}\">");
            match self.kind {
                Kind::Line => {
                    let _ = write!(
                        out,
                        "<line x1=\"{x}\" y1=\"{cy}\" x2=\"{x2}\" y2=\"{cy}\" stroke=\"currentColor\" stroke-width=\"2\"{dash}/>{marker}",
                        cy = y + 6.0,
                        x2 = x + 24.0,
                        dash = dash(i),
                        marker = marker(i, x + 12.0, y + 6.0)
                    );
                }
                _ => {
                    let _ = write!(
                        out,
                        "<rect x=\"{x}\" y=\"{y}\" width=\"14\" height=\"12\" {}/>",
                        self.bar_style(i)
                    );
                }
            }
            out.push_str("</g>");
            let label_x = x + if self.kind == Kind::Line { 30.0 } else { 20.0 };
            let _ = write!(
                out,
                "<text x=\"{label_x}\" y=\"{}\">{}</text>",
                y + 10.5,
                xml_escape(&fit(&series.name, 30))
            );
            x = label_x + width_of(&fit(&series.name, 30)) + 18.0;
        }
        out.push('\n');
        out
    }

    fn value_range(&self) -> (f64, f64) {
        let values: Vec<f64> = if self.stacked {
            self.totals()
        } else {
            self.series
                .iter()
                .flat_map(|s| s.values.iter().copied().flatten())
                .collect()
        };
        let min = values.iter().copied().fold(0.0, f64::min);
        let max = values
            .iter()
            .copied()
            .fold(self.max.unwrap_or(0.0), f64::max);
        (min, max)
    }

    fn label(&self, value: f64) -> String {
        format!("{}{}", number(value), self.unit)
    }

    /// Horizontal bars: category labels on the left, values at the bar ends, ticks below.
    fn bars(&self) -> (f64, String) {
        let n = self.categories.len();
        let s = self.series.len().max(1);
        let legend_h = if self.series.len() > 1 { 24.0 } else { 0.0 };
        let longest = self
            .categories
            .iter()
            .map(|c| c.chars().count())
            .max()
            .unwrap_or(0);
        let label_chars = longest.min(30);
        let label_w = (label_chars as f64 * CHAR + 12.0).min(WIDTH * 0.4);
        let value_w = self
            .series
            .iter()
            .flat_map(|s| s.values.iter().flatten())
            .map(|v| width_of(&self.label(*v)))
            .fold(24.0, f64::max)
            + 10.0;
        let (min, max) = self.value_range();
        let axis = axis(min, max);
        let x0 = label_w + 4.0;
        let x1 = WIDTH - value_w;
        let bar_h = 16.0;
        let group_h = s as f64 * bar_h + 10.0;
        let top = 8.0 + legend_h;
        let plot_bottom = top + n as f64 * group_h;
        let height = plot_bottom + 24.0;
        let mut out = self.legend(8.0);
        out.push_str("<g class=\"grid\" stroke=\"currentColor\" stroke-opacity=\"0.2\">");
        for tick in &axis.ticks {
            let x = axis.scale(*tick, x0, x1);
            let _ = write!(
                out,
                "<line x1=\"{x:.1}\" y1=\"{top}\" x2=\"{x:.1}\" y2=\"{plot_bottom}\"/>"
            );
        }
        out.push_str("</g>\n<g class=\"ticks\" text-anchor=\"middle\">");
        for tick in &axis.ticks {
            let x = axis.scale(*tick, x0, x1);
            let _ = write!(
                out,
                "<text x=\"{x:.1}\" y=\"{}\">{}</text>",
                plot_bottom + 16.0,
                xml_escape(&self.label(*tick))
            );
        }
        out.push_str("</g>\n");
        let zero = axis.scale(0.0, x0, x1);
        let max_label = ((label_w - 12.0) / CHAR + 0.01).floor().max(4.0) as usize;
        for (i, category) in self.categories.iter().enumerate() {
            let gy = top + i as f64 * group_h + 5.0;
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
                label_w - 4.0,
                gy + s as f64 * bar_h / 2.0 + 4.0,
                xml_escape(&fit(category, max_label))
            );
            for (j, series) in self.series.iter().enumerate() {
                let Some(value) = series.values.get(i).copied().flatten() else {
                    continue;
                };
                let end = axis.scale(value, x0, x1);
                let (left, right) = if value < 0.0 {
                    (end, zero)
                } else {
                    (zero, end)
                };
                let y = gy + j as f64 * bar_h;
                if value != 0.0 {
                    let _ = write!(
                    out,
                    "<rect x=\"{left:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\" {} style=\"{ACCENT}\"/>",
                    (right - left).max(0.0),
                    bar_h - 2.0,
                    self.bar_style(j)
                    );
                }
                let (tx, anchor) = if value < 0.0 {
                    (left - 4.0, "end")
                } else {
                    (right + 4.0, "start")
                };
                let _ = write!(
                    out,
                    "<text x=\"{tx:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text>",
                    y + bar_h / 2.0 + 3.0,
                    xml_escape(&self.label(value))
                );
            }
        }
        let _ = writeln!(
            out,
            "<line x1=\"{zero:.1}\" y1=\"{top}\" x2=\"{zero:.1}\" y2=\"{plot_bottom}\" stroke=\"currentColor\"/>"
        );
        (height, out)
    }

    /// Vertical bars or lines: categories along the bottom, a value axis on the left.
    fn columns_or_lines(&self) -> (f64, String) {
        let n = self.categories.len().max(1);
        let s = self.series.len().max(1);
        let legend_h = if self.series.len() > 1 { 24.0 } else { 0.0 };
        let (min, max) = self.value_range();
        let axis = axis(min, max);
        let tick_w = axis
            .ticks
            .iter()
            .map(|t| width_of(&self.label(*t)))
            .fold(0.0, f64::max);
        let x0 = tick_w + 14.0;
        let x1 = WIDTH - 8.0;
        let top = 8.0 + legend_h + 16.0;
        let plot_h = 200.0;
        let bottom = top + plot_h;
        let height = bottom + 26.0;
        let band = (x1 - x0) / n as f64;
        let y_of = |v: f64| axis.scale(v, bottom, top);
        let mut out = self.legend(8.0);
        out.push_str("<g class=\"grid\" stroke=\"currentColor\" stroke-opacity=\"0.2\">");
        for tick in &axis.ticks {
            let y = y_of(*tick);
            let _ = write!(
                out,
                "<line x1=\"{x0:.1}\" y1=\"{y:.1}\" x2=\"{x1:.1}\" y2=\"{y:.1}\"/>"
            );
        }
        out.push_str("</g>\n<g class=\"ticks\" text-anchor=\"end\">");
        for tick in &axis.ticks {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                x0 - 6.0,
                y_of(*tick) + 4.0,
                xml_escape(&self.label(*tick))
            );
        }
        out.push_str("</g>\n");
        // Category labels: every k-th one, so that they never overlap.
        let longest = self
            .categories
            .iter()
            .map(|c| width_of(&fit(c, 14)))
            .fold(0.0, f64::max);
        let every = ((longest + 6.0) / band).ceil().max(1.0) as usize;
        out.push_str("<g class=\"categories\" text-anchor=\"middle\">");
        for (i, category) in self.categories.iter().enumerate() {
            if i % every != 0 {
                continue;
            }
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                x0 + band * (i as f64 + 0.5),
                bottom + 16.0,
                xml_escape(&fit(category, 14))
            );
        }
        out.push_str("</g>\n");
        let zero = y_of(0.0);
        match self.kind {
            Kind::Line => {
                for (j, series) in self.series.iter().enumerate() {
                    let _ = write!(out, "<g style=\"{ACCENT}\">");
                    let mut run: Vec<(f64, f64)> = Vec::new();
                    let mut runs = Vec::new();
                    for (i, value) in series.values.iter().enumerate() {
                        match value {
                            Some(v) => run.push((x0 + band * (i as f64 + 0.5), y_of(*v))),
                            None => runs.push(std::mem::take(&mut run)),
                        }
                    }
                    runs.push(run);
                    for run in runs.iter().filter(|r| r.len() > 1) {
                        let points: Vec<String> =
                            run.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
                        let _ = write!(
                            out,
                            "<polyline points=\"{}\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\"{}/>",
                            points.join(" "),
                            dash(j)
                        );
                    }
                    for (x, y) in runs.iter().flatten() {
                        out.push_str(&marker(j, *x, *y));
                    }
                    out.push_str("</g>\n");
                }
            }
            _ => {
                // Bars stay slim when there are few categories.
                let inner = (band * 0.72).min(if self.stacked { 56.0 } else { 40.0 * s as f64 });
                let width = if self.stacked {
                    inner
                } else {
                    inner / s as f64
                };
                let show_values = (self.stacked || s == 1)
                    && self
                        .value_labels()
                        .iter()
                        .all(|l| width_of(l) + 2.0 <= band);
                for i in 0..self.categories.len() {
                    let left = x0 + band * i as f64 + (band - inner) / 2.0;
                    let mut base = 0.0;
                    for (j, series) in self.series.iter().enumerate() {
                        let Some(value) = series.values.get(i).copied().flatten() else {
                            continue;
                        };
                        let (from, to) = if self.stacked {
                            let from = base;
                            base += value;
                            (from, base)
                        } else {
                            (0.0, value)
                        };
                        if value == 0.0 {
                            continue;
                        }
                        let x = if self.stacked {
                            left
                        } else {
                            left + width * j as f64
                        };
                        let (y_top, y_bottom) = (y_of(from.max(to)), y_of(from.min(to)));
                        let _ = write!(
                            out,
                            "<rect x=\"{x:.1}\" y=\"{y_top:.1}\" width=\"{:.1}\" height=\"{:.1}\" {} style=\"{ACCENT}\"/>",
                            (width - 1.0).max(1.0),
                            (y_bottom - y_top).max(0.0),
                            self.bar_style(j)
                        );
                    }
                    if show_values {
                        let total: Option<f64> = if self.stacked {
                            Some(self.totals()[i])
                        } else {
                            self.series[0].values.get(i).copied().flatten()
                        };
                        if let Some(total) = total {
                            let y = if total < 0.0 {
                                y_of(total) + 13.0
                            } else {
                                y_of(total) - 4.0
                            };
                            let _ = write!(
                                out,
                                "<text x=\"{:.1}\" y=\"{y:.1}\" text-anchor=\"middle\">{}</text>",
                                x0 + band * (i as f64 + 0.5),
                                xml_escape(&self.label(total))
                            );
                        }
                    }
                }
                out.push('\n');
            }
        }
        let _ = writeln!(
            out,
            "<line x1=\"{x0:.1}\" y1=\"{zero:.1}\" x2=\"{x1:.1}\" y2=\"{zero:.1}\" stroke=\"currentColor\"/>"
        );
        (height, out)
    }

    fn value_labels(&self) -> Vec<String> {
        if self.stacked {
            self.totals().iter().map(|v| self.label(*v)).collect()
        } else {
            self.series
                .iter()
                .flat_map(|s| s.values.iter().flatten())
                .map(|v| self.label(*v))
                .collect()
        }
    }
}

/// The dash pattern of line series `i`.
fn dash(i: usize) -> &'static str {
    match i % MAX_SERIES {
        0 => "",
        1 => " stroke-dasharray=\"7 4\"",
        2 => " stroke-dasharray=\"2 3\"",
        _ => " stroke-dasharray=\"9 3 2 3\"",
    }
}

/// The marker of line series `i` at a point: circle, square, triangle, diamond.
fn marker(i: usize, x: f64, y: f64) -> String {
    match i % MAX_SERIES {
        0 => format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.5\" fill=\"currentColor\"/>"),
        1 => format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"7\" height=\"7\" fill=\"currentColor\"/>",
            x - 3.5,
            y - 3.5
        ),
        2 => format!(
            "<path d=\"M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z\" fill=\"currentColor\"/>",
            y - 4.5,
            x + 4.5,
            y + 3.5,
            x - 4.5,
            y + 3.5
        ),
        _ => format!(
            "<path d=\"M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z\" fill=\"currentColor\"/>",
            y - 4.5,
            x + 4.5,
            y + 4.5,
            x - 4.5
        ),
    }
}

/// Indexes of the highest and lowest values (the first of equals).
fn extremes(values: &[f64]) -> (usize, usize) {
    let mut hi = 0;
    let mut lo = 0;
    for (i, v) in values.iter().enumerate() {
        if *v > values[hi] {
            hi = i;
        }
        if *v < values[lo] {
            lo = i;
        }
    }
    (hi, lo)
}

/// "a", "a and b", "a, b and c".
fn join_words(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(kind: Kind) -> Chart {
        Chart {
            id: "c1".into(),
            kind,
            title: "Functional <points>".into(),
            description: String::new(),
            x_label: "District".into(),
            categories: vec!["Tamkpali".into(), "Bunsoli".into(), "Nasoni".into()],
            series: vec![Series {
                name: "2025".into(),
                values: vec![Some(71.0), Some(66.0), Some(67.0)],
            }],
            stacked: false,
            unit: "%".into(),
            max: None,
            table: None,
            source: None,
        }
    }

    #[test]
    fn numbers_are_parsed_strictly_and_printed_briefly() {
        assert_eq!(parse_number(" 12 "), Some(12.0));
        assert_eq!(parse_number("+15"), Some(15.0));
        assert_eq!(parse_number("-4.5"), Some(-4.5));
        for bad in ["", "1,104", "n/a", "inf", "NaN", "1.2.3", ".", "-"] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
        assert_eq!(number(3.0), "3");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(1.0 / 3.0), "0.33");
    }

    #[test]
    fn axes_use_nice_steps_and_include_zero() {
        assert_eq!(axis(0.0, 71.0).ticks, [0.0, 20.0, 40.0, 60.0, 80.0]);
        assert_eq!(axis(0.0, 3.0).ticks, [0.0, 1.0, 2.0, 3.0]);
        assert_eq!(axis(-4.0, 16.0).ticks, [-5.0, 0.0, 5.0, 10.0, 15.0, 20.0]);
        assert_eq!(axis(0.0, 0.0).ticks, [0.0, 1.0]);
    }

    #[test]
    fn the_svg_is_named_and_described_and_escapes_text() {
        let svg = chart(Kind::Bar).svg();
        assert!(svg.starts_with(
            "<svg class=\"chart-svg\" role=\"img\" aria-labelledby=\"c1-title c1-desc\""
        ));
        assert!(svg.contains("<title id=\"c1-title\">Functional &lt;points&gt;</title>"));
        assert!(svg.contains(
            "<desc id=\"c1-desc\">Bar chart of 2025 by District, 3 categories. 2025: highest 71% (Tamkpali), lowest 66% (Bunsoli). Every value is in the table below the chart.</desc>"
        ));
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(!svg.contains("<points>"));
    }

    #[test]
    fn the_table_lists_every_value() {
        let html = chart(Kind::Line).table_html();
        assert!(html.contains("<caption>Data: Functional &lt;points&gt;</caption>"));
        assert!(html.contains("<tr><th scope=\"row\">Bunsoli</th><td class=\"num\">66%</td></tr>"));
    }

    #[test]
    fn lines_describe_their_start_end_and_extremes() {
        let text = chart(Kind::Line).description_text();
        assert!(
            text.contains("2025: 71% in Tamkpali, 67% in Nasoni; highest 71% in Tamkpali, lowest 66% in Bunsoli."),
            "{text}"
        );
        let svg = chart(Kind::Line).svg();
        assert_eq!(svg.matches("<polyline").count(), 1);
        assert_eq!(svg.matches("<circle").count(), 3);
    }

    #[test]
    fn stacked_columns_state_their_totals() {
        let mut c = chart(Kind::Column);
        c.stacked = true;
        c.unit = String::new();
        c.series = vec![
            Series {
                name: "New".into(),
                values: vec![Some(2.0), Some(0.0), Some(1.0)],
            },
            Series {
                name: "Returning".into(),
                values: vec![Some(0.0), Some(2.0), Some(2.0)],
            },
        ];
        let text = c.description_text();
        assert!(
            text.starts_with("Stacked column chart of New and Returning by District"),
            "{text}"
        );
        assert!(
            text.contains("Totals range from 2 (Tamkpali) to 3 (Nasoni)."),
            "{text}"
        );
        let svg = c.svg();
        assert!(
            svg.contains("url(#c1-hatch)"),
            "the second series is hatched, not only coloured"
        );
    }
}
