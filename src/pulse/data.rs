//! Data files under the hub's `data/` folder (CSV, JSON, YAML), read for templates
//! (`load_data`) and for charts, with every path confined to that folder.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use serde_json::{Map, Value};

/// The folder, relative to the hub root, that data files live in.
pub const DATA_DIR: &str = "data";

/// Largest data file read, in bytes: a guard against a hub pointing a chart at a huge export.
pub const MAX_DATA_SIZE: u64 = 20 * 1024 * 1024;

/// A table of text cells: what a CSV file is, and what charts draw from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Column names, from the header row.
    pub columns: Vec<String>,
    /// Rows of cells, one per column.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// The index of a column by name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// The table as `load_data` returns it: `{columns: [...], rows: [{column: cell}]}`.
    pub fn to_value(&self) -> Value {
        let rows = self
            .rows
            .iter()
            .map(|row| {
                let mut map = Map::new();
                for (name, cell) in self.columns.iter().zip(row) {
                    map.insert(name.clone(), Value::String(cell.clone()));
                }
                Value::Object(map)
            })
            .collect();
        serde_json::json!({ "columns": self.columns, "rows": Value::Array(rows) })
    }

    /// A table from JSON or YAML data: a list of records (objects), or `{columns, rows}` as
    /// `load_data` returns it. Cells that are numbers or booleans become their text.
    pub fn from_value(value: &Value) -> Result<Table, String> {
        let records = match value {
            Value::Array(items) => items,
            Value::Object(map) => match map.get("rows") {
                Some(Value::Array(items)) => items,
                _ => return Err("the data is an object without a `rows` list; a chart needs a list of records such as `[{district: A, value: 3}]`".into()),
            },
            _ => return Err("a chart needs a list of records such as `[{district: A, value: 3}]`".into()),
        };
        let mut columns: Vec<String> = Vec::new();
        if let Some(Value::Array(names)) = value.get("columns") {
            columns.extend(names.iter().filter_map(Value::as_str).map(str::to_owned));
        }
        for record in records {
            let Value::Object(map) = record else {
                return Err("every record must be a mapping of column names to values".into());
            };
            for key in map.keys() {
                if !columns.contains(key) {
                    columns.push(key.clone());
                }
            }
        }
        let rows = records
            .iter()
            .map(|record| {
                columns
                    .iter()
                    .map(|c| match record.get(c) {
                        None | Some(Value::Null) => String::new(),
                        Some(Value::String(s)) => s.clone(),
                        Some(other @ (Value::Number(_) | Value::Bool(_))) => other.to_string(),
                        Some(other) => other.to_string(),
                    })
                    .collect()
            })
            .collect();
        Ok(Table { columns, rows })
    }
}

/// Resolves a path written in a template or a chart (`data/indicators.csv`, relative to the
/// hub root) to the file, refusing anything that is not a file inside the hub's `data/`:
/// absolute paths, `..`, and symbolic links that lead out of it.
pub fn resolve(root: &Path, path: &str) -> Result<PathBuf, String> {
    let clean = path.trim();
    let relative = Path::new(clean);
    let plain = !clean.is_empty()
        && !clean.contains('\\')
        && relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if !plain {
        return Err(format!(
            "`{clean}` is not a plain path inside the hub's data/ folder (no `..`, no absolute paths)"
        ));
    }
    if relative.components().next() != Some(Component::Normal(DATA_DIR.as_ref()))
        || relative.components().count() < 2
    {
        return Err(format!(
            "`{clean}` is not in the hub's data/ folder; write the path from the hub root, e.g. `data/{clean}`"
        ));
    }
    let data_dir = root.join(DATA_DIR);
    let (Ok(root_real), Ok(data_real)) = (root.canonicalize(), data_dir.canonicalize()) else {
        return Err(format!(
            "`{clean}` cannot be read: the hub has no data/ folder"
        ));
    };
    if !data_real.starts_with(&root_real) {
        return Err("the hub's data/ folder is a link to a place outside the hub".into());
    }
    let real = root
        .join(relative)
        .canonicalize()
        .map_err(|err| format!("`{clean}` cannot be read: {err}"))?;
    if !real.starts_with(&data_real) {
        return Err(format!(
            "`{clean}` is a link to a file outside the hub's data/ folder, so it is not read"
        ));
    }
    if !real.is_file() {
        return Err(format!("`{clean}` is not a file"));
    }
    Ok(real)
}

/// Reads a data file by its extension: CSV to a [`Table`] value, JSON and YAML as they are.
pub fn load(root: &Path, path: &str) -> Result<Value, String> {
    let file = resolve(root, path)?;
    let size = std::fs::metadata(&file).map_or(0, |m| m.len());
    if size > MAX_DATA_SIZE {
        return Err(format!(
            "`{path}` is {}, larger than the {} Praxis reads for a data file",
            crate::site::human_size(size),
            crate::site::human_size(MAX_DATA_SIZE)
        ));
    }
    let bytes = std::fs::read(&file).map_err(|err| format!("`{path}` cannot be read: {err}"))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("`{path}` is not UTF-8 text"))?;
    let text = text.trim_start_matches('\u{feff}');
    let extension = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match extension.as_str() {
        "csv" => parse_csv(text)
            .map(|t| t.to_value())
            .map_err(|err| format!("`{path}`: {err}")),
        "json" => serde_json::from_str(text).map_err(|err| format!("`{path}`: {err}")),
        "yaml" | "yml" => {
            let yaml: serde_yaml::Value =
                serde_yaml::from_str(text).map_err(|err| format!("`{path}`: {err}"))?;
            serde_json::to_value(yaml).map_err(|err| format!("`{path}`: {err}"))
        }
        _ => Err(format!(
            "`{path}` is not a CSV, JSON or YAML file (.csv, .json, .yaml, .yml)"
        )),
    }
}

/// Reads a data file as a table, for charts.
pub fn load_table(root: &Path, path: &str) -> Result<Table, String> {
    let value = load(root, path)?;
    Table::from_value(&value).map_err(|err| format!("`{path}`: {err}"))
}

/// Parses CSV as RFC 4180 describes it: comma-separated fields, records ending in CRLF or LF,
/// fields in double quotes may hold commas, line breaks and doubled quotes (`""`). The first
/// record names the columns. Blank lines are skipped; every record must have as many fields
/// as the header.
pub fn parse_csv(text: &str) -> Result<Table, String> {
    let records = csv_records(text)?;
    let mut records = records.into_iter();
    let Some((_, header)) = records.next() else {
        return Err("the CSV file is empty; its first line must name the columns".into());
    };
    let columns: Vec<String> = header.into_iter().map(|c| c.trim().to_string()).collect();
    for (i, name) in columns.iter().enumerate() {
        if name.is_empty() {
            return Err(format!("column {} of the header row has no name", i + 1));
        }
        if columns[..i].contains(name) {
            return Err(format!("the header row names the column `{name}` twice"));
        }
    }
    let mut rows = Vec::new();
    for (line, record) in records {
        if record.len() != columns.len() {
            return Err(format!(
                "line {line} has {} field(s), but the header has {} column(s)",
                record.len(),
                columns.len()
            ));
        }
        rows.push(record);
    }
    Ok(Table { columns, rows })
}

/// The records of a CSV text, each with the line it starts on.
fn csv_records(text: &str) -> Result<Vec<(usize, Vec<String>)>, String> {
    let mut records = Vec::new();
    let mut record: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    let mut record_line = 1;
    // Whether the current field was quoted, and whether we are inside its quotes.
    let mut quoted = false;
    let mut in_quotes = false;
    let mut quote_line = 0;
    // Whether the current record has any content yet (to skip blank lines).
    let mut started = false;
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                other => field.push(other),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() && !quoted => {
                quoted = true;
                in_quotes = true;
                quote_line = line;
                started = true;
            }
            '"' if !quoted => {
                // A quote inside an unquoted field is kept as it is (common in hand-made files).
                field.push('"');
            }
            ',' => {
                record.push(std::mem::take(&mut field));
                quoted = false;
                started = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                if started {
                    record.push(std::mem::take(&mut field));
                    records.push((record_line, std::mem::take(&mut record)));
                } else {
                    field.clear();
                }
                quoted = false;
                started = false;
                line += 1;
                record_line = line;
            }
            other if quoted => {
                if !other.is_whitespace() {
                    return Err(format!(
                        "line {line}: `{other}` after a closing quote; a quoted field ends at the quote, so put the whole field in quotes and double any quote inside it (\"\")"
                    ));
                }
            }
            other => {
                field.push(other);
                started |= !other.is_whitespace();
            }
        }
    }
    if in_quotes {
        return Err(format!(
            "line {quote_line}: a quoted field is never closed; add the closing `\"`"
        ));
    }
    if started {
        record.push(field);
        records.push((record_line, record));
    }
    Ok(records)
}

/// The `load_data(path="data/…")` template function: the file's data, read once per build.
pub struct LoadData {
    root: PathBuf,
    cache: Mutex<HashMap<String, Result<Value, String>>>,
}

impl LoadData {
    /// A loader for the hub at `root`.
    pub fn new(root: &Path) -> LoadData {
        LoadData {
            root: root.to_path_buf(),
            cache: Mutex::new(HashMap::new()),
        }
    }
}

impl tera::Function for LoadData {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let path = args.get("path").and_then(Value::as_str).ok_or_else(|| {
            tera::Error::msg("load_data needs `path=\"data/…\"`, a file in the hub's data/ folder")
        })?;
        let mut cache = self
            .cache
            .lock()
            .map_err(|_| tera::Error::msg("load_data: the cache is unusable"))?;
        let result = cache
            .entry(path.to_string())
            .or_insert_with(|| load(&self.root, path))
            .clone();
        result.map_err(|err| tera::Error::msg(format!("load_data: {err}")))
    }

    fn is_safe(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(text: &str) -> Table {
        parse_csv(text).unwrap()
    }

    #[test]
    fn csv_reads_quotes_commas_and_line_breaks() {
        let table =
            csv("name,note\r\n\"Tamale, North\",\"said \"\"yes\"\"\"\r\nBolga,\"two\nlines\"\r\n");
        assert_eq!(table.columns, ["name", "note"]);
        assert_eq!(
            table.rows,
            [
                vec!["Tamale, North".to_string(), "said \"yes\"".into()],
                vec!["Bolga".to_string(), "two\nlines".into()],
            ]
        );
    }

    #[test]
    fn csv_keeps_empty_fields_and_skips_blank_lines() {
        let table = csv("a,b,c\n1,,3\n\n  \n,,\n4,5,6");
        assert_eq!(table.rows.len(), 3);
        assert_eq!(table.rows[0], ["1", "", "3"]);
        assert_eq!(table.rows[1], ["", "", ""]);
        assert_eq!(table.rows[2], ["4", "5", "6"]);
    }

    #[test]
    fn csv_errors_name_the_line() {
        let err = parse_csv("a,b\n1,2\n3\n").unwrap_err();
        assert!(err.starts_with("line 3 has 1 field(s)"), "{err}");
        let err = parse_csv("a,b\n\"1,2\n").unwrap_err();
        assert!(
            err.starts_with("line 2: a quoted field is never closed"),
            "{err}"
        );
        let err = parse_csv("a,b\n\"1\"x,2\n").unwrap_err();
        assert!(
            err.starts_with("line 2: `x` after a closing quote"),
            "{err}"
        );
        assert!(parse_csv("a,a\n1,2\n").unwrap_err().contains("twice"));
        assert!(parse_csv("").unwrap_err().contains("empty"));
        // The line of a record after a quoted line break counts both lines.
        let err = parse_csv("a,b\n\"x\ny\",1\n2\n").unwrap_err();
        assert!(err.starts_with("line 4 has"), "{err}");
    }

    #[test]
    fn records_become_a_table_in_column_order_of_first_appearance() {
        let value = serde_json::json!([{"district": "A", "n": 3}, {"district": "B", "n": 4.5, "note": true}]);
        let table = Table::from_value(&value).unwrap();
        assert_eq!(table.columns, ["district", "n", "note"]);
        assert_eq!(table.rows[0], ["A", "3", ""]);
        assert_eq!(table.rows[1], ["B", "4.5", "true"]);
        assert!(Table::from_value(&serde_json::json!({"a": 1})).is_err());
    }

    #[test]
    fn paths_stay_inside_the_data_folder() {
        let hub = tempfile::tempdir().unwrap();
        let root = hub.path();
        std::fs::create_dir_all(root.join("data/sub")).unwrap();
        std::fs::write(root.join("data/sub/x.csv"), "a\n1\n").unwrap();
        std::fs::write(root.join("secret.csv"), "a\n1\n").unwrap();
        assert!(resolve(root, "data/sub/x.csv").is_ok());
        for bad in [
            "../secret.csv",
            "data/../secret.csv",
            "/etc/passwd",
            "secret.csv",
            "data",
            "./data/sub/x.csv",
            "data\\sub\\x.csv",
            "",
        ] {
            assert!(resolve(root, bad).is_err(), "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("secret.csv"), root.join("data/link.csv"))
                .unwrap();
            let err = resolve(root, "data/link.csv").unwrap_err();
            assert!(err.contains("outside"), "{err}");
            std::os::unix::fs::symlink(root.join("data/sub/x.csv"), root.join("data/inside.csv"))
                .unwrap();
            assert!(resolve(root, "data/inside.csv").is_ok());
        }
        assert_eq!(
            load(root, "data/sub/x.csv").unwrap(),
            serde_json::json!({"columns": ["a"], "rows": [{"a": "1"}]})
        );
    }
}
