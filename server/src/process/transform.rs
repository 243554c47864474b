//! A transform step's operations as SQL, each a `SELECT` over the previous one (a view): what
//! Glue users reach for (rename, cast, trim, case, timestamps, nulls, deduplication,
//! flattening, masking, hashing, tokenizing, filtering), each something a `sql` step could
//! also say.

use std::collections::{BTreeMap, BTreeSet};

use datafusion::arrow::datatypes::{DataType as ArrowType, Schema};

use super::{ProcessError, q};
use crate::domain::pipeline::{CastFailure, Operation};

/// SQL type of an Arrow type a cast can target.
fn sql_type(t: &ArrowType) -> Option<String> {
    use ArrowType::*;
    Some(match t {
        Boolean => "BOOLEAN".into(),
        Int8 => "TINYINT".into(),
        Int16 => "SMALLINT".into(),
        Int32 => "INT".into(),
        Int64 => "BIGINT".into(),
        UInt8 => "TINYINT UNSIGNED".into(),
        UInt16 => "SMALLINT UNSIGNED".into(),
        UInt32 => "INT UNSIGNED".into(),
        UInt64 => "BIGINT UNSIGNED".into(),
        Float32 => "REAL".into(),
        Float64 => "DOUBLE".into(),
        Utf8 | LargeUtf8 | Utf8View => "VARCHAR".into(),
        Date32 => "DATE".into(),
        Timestamp(_, None) => "TIMESTAMP".into(),
        Decimal128(p, s) => format!("DECIMAL({p}, {s})"),
        _ => return None,
    })
}

/// The SQL type a cast to the Tarn type `to` names.
fn cast_type(to: &str) -> Result<String, ProcessError> {
    let tarn: crate::domain::data_type::DataType =
        to.parse().map_err(|e: crate::domain::data_type::DataTypeError| ProcessError::invalid(format!("cast: {e}")))?;
    let arrow = crate::query::schema::to_arrow(&tarn, false);
    sql_type(&arrow).ok_or_else(|| {
        ProcessError::invalid(format!("cast: cannot cast to `{to}` here; use a sql step with arrow_cast"))
    })
}

/// The casts with `on_error: quarantine`, as (the predicate a passing row of the step's input
/// satisfies, the reason). They judge the value as it entered the step (followed through
/// renames), so their rows leave before any operation runs.
pub fn quarantining_casts(operations: &[Operation], input: &Schema) -> Result<Vec<(String, String)>, ProcessError> {
    let mut original: BTreeMap<String, String> = BTreeMap::new();
    let mut out = Vec::new();
    for op in operations {
        match op {
            Operation::Rename { columns } => {
                for (old, new) in columns {
                    let source = original.get(old).cloned().unwrap_or_else(|| old.clone());
                    original.insert(new.clone(), source);
                }
            }
            Operation::Cast { column, to, on_error: CastFailure::Quarantine } => {
                let source = original.get(column).cloned().unwrap_or_else(|| column.clone());
                if input.field_with_name(&source).is_err() {
                    return Err(ProcessError::invalid(format!(
                        "cast of `{column}` quarantines, so it is judged on the step's input, which has no column `{source}`"
                    )));
                }
                let ok =
                    format!("({c} IS NULL OR TRY_CAST({c} AS {t}) IS NOT NULL)", c = q(&source), t = cast_type(to)?);
                out.push((ok, format!("cast of {column} to {to} failed")));
            }
            _ => {}
        }
    }
    Ok(out)
}

fn columns_of(schema: &Schema) -> Vec<&str> {
    schema.fields().iter().map(|f| f.name().as_str()).collect()
}

fn need(schema: &Schema, column: &str, op: &str) -> Result<(), ProcessError> {
    if schema.field_with_name(column).is_err() {
        return Err(ProcessError::invalid(format!("{op}: the input has no column `{column}`")));
    }
    Ok(())
}

/// `SELECT` of every column, with `replace` giving the expression of some.
fn select_replacing(schema: &Schema, from: &str, replace: &BTreeMap<&str, String>) -> String {
    let list: Vec<String> = columns_of(schema)
        .into_iter()
        .map(|c| match replace.get(c) {
            Some(expr) => format!("{expr} AS {}", q(c)),
            None => q(c),
        })
        .collect();
    format!("SELECT {} FROM {}", list.join(", "), q(from))
}

/// The columns an operation applies to: those named, and those of the sensitivity.
fn selected<'a>(
    schema: &'a Schema,
    columns: &'a [String],
    sensitivity: Option<&str>,
    sensitive: &'a BTreeMap<String, BTreeSet<String>>,
    op: &str,
) -> Result<Vec<&'a str>, ProcessError> {
    if columns.is_empty() && sensitivity.is_none() {
        return Err(ProcessError::invalid(format!("{op}: name columns or a sensitivity")));
    }
    for c in columns {
        need(schema, c, op)?;
    }
    let by_sensitivity = sensitivity.and_then(|s| sensitive.get(s));
    Ok(columns_of(schema)
        .into_iter()
        .filter(|c| columns.iter().any(|x| x == c) || by_sensitivity.is_some_and(|set| set.contains(*c)))
        .collect())
}

/// Compiles `op` over the view `from` whose schema is `schema`. `sensitive` maps a
/// sensitivity to the input tables' columns that carry it; `salt` keys tokens.
pub fn compile(
    op: &Operation,
    from: &str,
    schema: &Schema,
    sensitive: &BTreeMap<String, BTreeSet<String>>,
    salt: &str,
) -> Result<String, ProcessError> {
    let plain = Ok;
    let per_column = |columns: &[&str], f: &dyn Fn(&str) -> String| {
        let replace: BTreeMap<&str, String> = columns.iter().map(|c| (*c, f(&q(c)))).collect();
        select_replacing(schema, from, &replace)
    };
    match op {
        Operation::Rename { columns } => {
            for old in columns.keys() {
                need(schema, old, "rename")?;
            }
            let list: Vec<String> = columns_of(schema)
                .into_iter()
                .map(|c| match columns.get(c) {
                    Some(new) => format!("{} AS {}", q(c), q(new)),
                    None => q(c),
                })
                .collect();
            plain(format!("SELECT {} FROM {}", list.join(", "), q(from)))
        }
        Operation::Cast { column, to, .. } => {
            need(schema, column, "cast")?;
            let cast = format!("TRY_CAST({} AS {})", q(column), cast_type(to)?);
            plain(select_replacing(schema, from, &BTreeMap::from([(column.as_str(), cast)])))
        }
        Operation::Trim { columns } | Operation::Lower { columns } | Operation::Upper { columns } => {
            let (name, function) = match op {
                Operation::Trim { .. } => ("trim", "btrim"),
                Operation::Lower { .. } => ("lower", "lower"),
                _ => ("upper", "upper"),
            };
            let cols = selected(schema, columns, None, sensitive, name)?;
            plain(per_column(&cols, &|c| format!("{function}({c})")))
        }
        Operation::ParseTimestamp { column, format } => {
            need(schema, column, "parse_timestamp")?;
            let f = super::lit(&crate::domain::pipeline::dqdl::Value::Text(format.clone()));
            plain(per_column(&[column.as_str()], &|c| format!("to_timestamp_micros({c}, {f})")))
        }
        Operation::FillNull { column, value } => {
            need(schema, column, "fill_null")?;
            let literal = match value {
                serde_json::Value::String(s) => super::lit(&crate::domain::pipeline::dqdl::Value::Text(s.clone())),
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::Bool(b) => b.to_string(),
                _ => return Err(ProcessError::invalid("fill_null: the value is a string, number or boolean")),
            };
            let target = schema.field_with_name(column).ok().and_then(|f| sql_type(f.data_type()));
            let filled = match target {
                Some(t) => format!("CAST({literal} AS {t})"),
                None => literal,
            };
            plain(per_column(&[column.as_str()], &|c| format!("COALESCE({c}, {filled})")))
        }
        Operation::Deduplicate { keys, latest_by } => {
            if keys.is_empty() {
                return Err(ProcessError::invalid("deduplicate: name the key columns"));
            }
            for k in keys.iter().chain(latest_by) {
                need(schema, k, "deduplicate")?;
            }
            let partition: Vec<String> = keys.iter().map(|k| q(k)).collect();
            let order = latest_by.as_ref().map(|c| format!(" ORDER BY {} DESC NULLS LAST", q(c))).unwrap_or_default();
            let list: Vec<String> = columns_of(schema).into_iter().map(q).collect();
            plain(format!(
                "SELECT {list} FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY {partition}{order}) AS \"__tarn_rank\" \
                 FROM {from}) WHERE \"__tarn_rank\" = 1",
                list = list.join(", "),
                partition = partition.join(", "),
                from = q(from)
            ))
        }
        Operation::Flatten { column } => flatten(column, from, schema),
        Operation::Mask { .. } | Operation::Hash { .. } | Operation::Tokenize { .. } => {
            protect(op, from, schema, sensitive, salt)
        }
        Operation::Filter { predicate } => {
            if predicate.trim().is_empty() {
                return Err(ProcessError::invalid("filter: the predicate is empty"));
            }
            let list: Vec<String> = columns_of(schema).into_iter().map(q).collect();
            plain(format!("SELECT {} FROM {} WHERE {predicate}", list.join(", "), q(from)))
        }
    }
}

/// Masking, hashing and tokenizing: the value replaced, null kept null.
fn protect(
    op: &Operation,
    from: &str,
    schema: &Schema,
    sensitive: &BTreeMap<String, BTreeSet<String>>,
    salt: &str,
) -> Result<String, ProcessError> {
    let per_column = |columns: &[&str], f: &dyn Fn(&str) -> String| {
        let replace: BTreeMap<&str, String> = columns.iter().map(|c| (*c, f(&q(c)))).collect();
        select_replacing(schema, from, &replace)
    };
    Ok(match op {
        Operation::Mask { columns, sensitivity, keep_last } => {
            let cols = selected(schema, columns, sensitivity.as_deref(), sensitive, "mask")?;
            per_column(&cols, &|c| {
                let text = format!("CAST({c} AS VARCHAR)");
                format!(
                    "CASE WHEN {c} IS NULL THEN NULL ELSE concat(repeat('*', greatest(character_length({text}) - {keep_last}, 0)), \
                 right({text}, {keep_last})) END"
                )
            })
        }
        Operation::Hash { columns, sensitivity } => {
            let cols = selected(schema, columns, sensitivity.as_deref(), sensitive, "hash")?;
            per_column(&cols, &|c| {
                format!("CASE WHEN {c} IS NULL THEN NULL ELSE encode(sha256(CAST({c} AS VARCHAR)), 'hex') END")
            })
        }
        Operation::Tokenize { columns, sensitivity } => {
            let cols = selected(schema, columns, sensitivity.as_deref(), sensitive, "tokenize")?;
            let salt = super::lit(&crate::domain::pipeline::dqdl::Value::Text(salt.to_owned()));
            per_column(&cols, &|c| {
                format!(
                    "CASE WHEN {c} IS NULL THEN NULL ELSE concat('tok_', substr(encode(sha256(concat({salt}, CAST({c} AS VARCHAR))), 'hex'), 1, 16)) END"
                )
            })
        }
        _ => return Err(ProcessError::invalid("not a masking operation")),
    })
}

/// A struct column's fields as columns `<column>_<field>`, where the struct was.
fn flatten(column: &str, from: &str, schema: &Schema) -> Result<String, ProcessError> {
    let field = schema
        .field_with_name(column)
        .map_err(|_| ProcessError::invalid(format!("flatten: the input has no column `{column}`")))?;
    let ArrowType::Struct(children) = field.data_type() else {
        return Err(ProcessError::invalid(format!("flatten: `{column}` is not a struct")));
    };
    let mut list = Vec::new();
    for c in columns_of(schema) {
        if c == column {
            for child in children {
                let name = format!("{column}_{}", child.name());
                list.push(format!(
                    "get_field({}, {}) AS {}",
                    q(c),
                    super::lit(&crate::domain::pipeline::dqdl::Value::Text(child.name().clone())),
                    q(&name)
                ));
            }
        } else {
            list.push(q(c));
        }
    }
    Ok(format!("SELECT {} FROM {}", list.join(", "), q(from)))
}
