//! Printing results: aligned columns and sentences in a terminal, JSON with `--json` (the same
//! answer the API gave, so scripts read one shape on every command).

use serde_json::Value;

fn cell(v: &Value) -> String {
    match v {
        Value::Null => "-".to_owned(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `definition.zone` reaches into nested objects.
fn field<'a>(row: &'a Value, path: &str) -> &'a Value {
    path.split('.').fold(row, |v, key| &v[key])
}

/// Prints `rows` (objects) as a table of `columns` (dotted paths reach into nested objects).
pub fn table(rows: &[Value], columns: &[&str]) {
    let cells: Vec<Vec<String>> = rows.iter().map(|r| columns.iter().map(|c| cell(field(r, c))).collect()).collect();
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| cells.iter().map(|r| r[i].chars().count()).chain([c.len()]).max().unwrap_or(0))
        .collect();
    let line = |values: Vec<String>| {
        let padded: Vec<String> = values.iter().zip(&widths).map(|(v, w)| format!("{v:<w$}")).collect();
        println!("{}", padded.join("  ").trim_end());
    };
    line(columns.iter().map(|c| c.rsplit('.').next().unwrap_or(c).to_uppercase()).collect());
    for row in cells {
        line(row);
    }
}

pub fn json(value: &Value) {
    println!("{}", serde_json::to_string_pretty(value).unwrap_or_default());
}

/// A list: a table in a terminal, the items as a JSON array with `--json`.
pub fn list(items: &[Value], columns: &[&str], as_json: bool) {
    if as_json {
        json(&Value::Array(items.to_vec()));
    } else {
        table(items, columns);
    }
}

/// One resource: a one-row table, or its JSON with `--json`.
pub fn one(item: &Value, columns: &[&str], as_json: bool) {
    if as_json {
        json(item);
    } else {
        table(std::slice::from_ref(item), columns);
    }
}

/// What a command that acts says: `message` in a terminal, `value` as JSON with `--json`.
pub fn done(as_json: bool, message: &str, value: &Value) {
    if as_json {
        json(value);
    } else {
        println!("{message}");
    }
}
