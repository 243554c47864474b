//! Data-quality rules as SQL over a step's input (a view under its bare name): every
//! aggregate measure of a step in one query, the rest (uniqueness, keys, references, custom
//! SQL) one query each, schema rules from the schema alone. Row-level rules also give the
//! predicate a passing row satisfies, which quarantine uses.

use datafusion::arrow::datatypes::{DataType as ArrowType, Schema};

use super::{ProcessError, lit, q};
use crate::domain::pipeline::dqdl::{Check, Rule, Value};
use crate::domain::pipeline::{RuleAction, RuleSpec};

/// How a rule's value is measured.
#[derive(Debug, Clone, PartialEq)]
pub enum Measure {
    /// A SQL aggregate over the input, evaluated with the step's other aggregates.
    Aggregate(String),
    /// A query returning one number.
    Query(String),
    /// Known from the schema.
    Known(f64),
}

#[derive(Debug, Clone)]
pub struct CompiledRule {
    pub spec: RuleSpec,
    pub rule: Rule,
    pub measure: Measure,
    /// What a passing row satisfies (row-level rules only).
    pub row_ok: Option<String>,
    /// The check on the measured value.
    pub check: Check,
}

fn check_sql(expr: &str, check: &Check) -> String {
    match check {
        Check::Compare(op, v) => format!("{expr} {} {}", op.sql(), lit(v)),
        Check::Between(a, b) => format!("{expr} BETWEEN {} AND {}", lit(a), lit(b)),
        Check::In { values, negated } => {
            let list: Vec<String> = values.iter().map(lit).collect();
            format!("{expr} {}IN ({})", if *negated { "NOT " } else { "" }, list.join(", "))
        }
        Check::Matches(pattern) => {
            format!("regexp_like(CAST({expr} AS VARCHAR), {})", lit(&Value::Text(pattern.clone())))
        }
    }
}

fn all_rows() -> Check {
    Check::Compare(crate::domain::pipeline::dqdl::Op::Eq, Value::Number(1.0))
}

/// The share of rows satisfying `ok` (null counts as not).
fn share(ok: &str) -> String {
    format!("AVG(CASE WHEN {ok} THEN 1.0 ELSE 0.0 END)")
}

/// Whether an Arrow type is what a DQDL or Tarn type name says.
fn type_matches(actual: &ArrowType, wanted: &str) -> bool {
    use ArrowType::*;
    let family = match wanted.to_ascii_uppercase().as_str() {
        "STRING" | "VARCHAR" | "TEXT" => matches!(actual, Utf8 | LargeUtf8 | Utf8View),
        "INTEGER" | "INT" | "BIGINT" | "LONG" | "SMALLINT" | "TINYINT" => actual.is_integer(),
        "FLOAT" | "DOUBLE" | "REAL" => actual.is_floating(),
        "BOOLEAN" | "BOOL" => matches!(actual, Boolean),
        "DATE" => matches!(actual, Date32 | Date64),
        "TIMESTAMP" => matches!(actual, Timestamp(..)),
        "DECIMAL" => matches!(actual, Decimal128(..) | Decimal256(..)),
        _ => false,
    };
    family
        || wanted
            .parse::<crate::domain::data_type::DataType>()
            .ok()
            .map(|t| crate::query::schema::to_arrow(&t, false))
            .is_some_and(|t| &t == actual)
}

/// Compiles one rule over `input` (a view name) with schema `schema`; `reference` gives the
/// Arrow schema of a `SchemaMatch` reference table.
pub fn compile(
    spec: &RuleSpec,
    input: &str,
    schema: &Schema,
    reference: impl Fn(&str) -> Option<Schema>,
) -> Result<CompiledRule, ProcessError> {
    let rule = crate::domain::pipeline::dqdl::parse(&spec.rule)
        .map_err(|e| ProcessError::invalid(format!("rule `{}`: {e}", spec.rule)))?;
    for column in rule.columns() {
        if schema.field_with_name(column).is_err() {
            return Err(ProcessError::invalid(format!("rule `{}`: the input has no column `{column}`", spec.rule)));
        }
    }
    let (measure, row_ok, check) = measure(&rule, spec, input, schema, reference)?;
    if spec.action == RuleAction::Quarantine && row_ok.is_none() {
        return Err(ProcessError::invalid(format!(
            "rule `{}` is not row-level: quarantine works with IsComplete, Completeness, ColumnValues and ColumnLength; use fail or warn",
            spec.rule
        )));
    }
    Ok(CompiledRule { spec: spec.clone(), rule, measure, row_ok, check })
}

/// How a rule is measured, what a passing row satisfies, and the check on the value.
fn measure(
    rule: &Rule,
    spec: &RuleSpec,
    input: &str,
    schema: &Schema,
    reference: impl Fn(&str) -> Option<Schema>,
) -> Result<(Measure, Option<String>, Check), ProcessError> {
    if let Some(found) = keyed_or_schema(rule, spec, input, schema, reference)? {
        return Ok(found);
    }
    Ok(match rule {
        Rule::RowCount(c) => (Measure::Aggregate("CAST(COUNT(*) AS DOUBLE)".into()), None, c.clone()),
        Rule::Completeness { column, check } => {
            let ok = format!("{} IS NOT NULL", q(column));
            (Measure::Aggregate(share(&ok)), Some(ok), check.clone())
        }
        Rule::IsComplete(column) => {
            let ok = format!("{} IS NOT NULL", q(column));
            (Measure::Aggregate(share(&ok)), Some(ok), all_rows())
        }
        Rule::DistinctValuesCount { column, check } => {
            (Measure::Aggregate(format!("CAST(COUNT(DISTINCT {}) AS DOUBLE)", q(column))), None, check.clone())
        }
        Rule::ColumnValues { column, check, threshold } => {
            let ok = check_sql(&q(column), check);
            (Measure::Aggregate(share(&ok)), Some(ok), threshold.clone().unwrap_or_else(all_rows))
        }
        Rule::ColumnLength { column, check, threshold } => {
            let ok = check_sql(&format!("character_length(CAST({} AS VARCHAR))", q(column)), check);
            (Measure::Aggregate(share(&ok)), Some(ok), threshold.clone().unwrap_or_else(all_rows))
        }
        Rule::Mean { column, check } => {
            (Measure::Aggregate(format!("CAST(AVG({}) AS DOUBLE)", q(column))), None, check.clone())
        }
        Rule::Sum { column, check } => {
            (Measure::Aggregate(format!("CAST(SUM({}) AS DOUBLE)", q(column))), None, check.clone())
        }
        Rule::StandardDeviation { column, check } => {
            (Measure::Aggregate(format!("CAST(STDDEV({}) AS DOUBLE)", q(column))), None, check.clone())
        }
        Rule::DataFreshness { column, check } => (
            Measure::Aggregate(format!(
                "CAST(to_unixtime(now()) AS DOUBLE) - CAST(to_unixtime(MAX(CAST({} AS TIMESTAMP))) AS DOUBLE)",
                q(column)
            )),
            None,
            check.clone(),
        ),
        Rule::CustomSql { sql, check } => (Measure::Query(sql.clone()), None, check.clone()),
        // Measured by `keyed_or_schema`.
        _ => return Err(ProcessError::invalid(format!("rule `{}` cannot be measured", spec.rule))),
    })
}

/// Rules measured from the schema alone, and those that need a query of their own
/// (grouping, joining).
fn keyed_or_schema(
    rule: &Rule,
    spec: &RuleSpec,
    input: &str,
    schema: &Schema,
    reference: impl Fn(&str) -> Option<Schema>,
) -> Result<Option<(Measure, Option<String>, Check)>, ProcessError> {
    let from = q(input);
    Ok(Some(match rule {
        Rule::ColumnCount(c) => (Measure::Known(schema.fields().len() as f64), None, c.clone()),
        Rule::ColumnExists(column) => {
            (Measure::Known(f64::from(u8::from(schema.field_with_name(column).is_ok()))), None, all_rows())
        }
        Rule::ColumnDataType { column, types } => {
            let actual = schema.field_with_name(column).map(|f| f.data_type().clone()).ok();
            let ok = actual.is_some_and(|a| types.iter().any(|t| type_matches(&a, t)));
            (Measure::Known(f64::from(u8::from(ok))), None, all_rows())
        }
        Rule::SchemaMatch { reference: name, check } => {
            let wanted = reference(name)
                .ok_or_else(|| ProcessError::invalid(format!("rule `{}`: no table `{name}` to match", spec.rule)))?;
            let present = wanted
                .fields()
                .iter()
                .filter(|f| schema.field_with_name(f.name()).is_ok_and(|a| a.data_type() == f.data_type()))
                .count();
            let value = if wanted.fields().is_empty() { 1.0 } else { present as f64 / wanted.fields().len() as f64 };
            (Measure::Known(value), None, check.clone())
        }
        Rule::Uniqueness { column, check } => (
            Measure::Query(format!(
                "SELECT CAST(SUM(CASE WHEN n = 1 THEN 1 ELSE 0 END) AS DOUBLE) / NULLIF(SUM(n), 0) \
                 FROM (SELECT COUNT(*) AS n FROM {from} GROUP BY {})",
                q(column)
            )),
            None,
            check.clone(),
        ),
        Rule::IsUnique(column) => (
            Measure::Aggregate(format!("CAST(COUNT(DISTINCT {}) AS DOUBLE) / NULLIF(COUNT(*), 0)", q(column))),
            None,
            all_rows(),
        ),
        Rule::IsPrimaryKey(columns) => {
            let cols: Vec<String> = columns.iter().map(|c| q(c)).collect();
            let complete: Vec<String> = cols.iter().map(|c| format!("{c} IS NOT NULL")).collect();
            (
                Measure::Query(format!(
                    "SELECT CAST((SELECT COUNT(*) FROM (SELECT {list} FROM {from} WHERE {complete} GROUP BY {list})) AS DOUBLE) \
                     / NULLIF((SELECT COUNT(*) FROM {from}), 0)",
                    list = cols.join(", "),
                    complete = complete.join(" AND ")
                )),
                None,
                all_rows(),
            )
        }
        Rule::ReferentialIntegrity { column, reference, check } => {
            let mut parts = reference.split('.');
            let (database, table, key) = (parts.next(), parts.next(), parts.next());
            let (Some(database), Some(table), Some(key)) = (database, table, key) else {
                return Err(ProcessError::invalid(format!(
                    "rule `{}`: the reference is database.table.column",
                    spec.rule
                )));
            };
            (
                Measure::Query(format!(
                    "SELECT AVG(CASE WHEN r.k IS NULL THEN 0.0 ELSE 1.0 END) FROM {from} AS i \
                     LEFT JOIN (SELECT DISTINCT {} AS k FROM {}.{}) AS r ON i.{} = r.k",
                    q(key),
                    q(database),
                    q(table),
                    q(column)
                )),
                None,
                check.clone(),
            )
        }
        _ => return Ok(None),
    }))
}

/// Whether a measured value passes; an empty input (no value) passes.
pub fn passes(rule: &CompiledRule, value: Option<f64>) -> bool {
    value.is_none_or(|v| rule.check.passes(v))
}

/// Where a rule's measure and failing-row count are in the aggregate query's row.
pub type Columns = (Option<usize>, Option<usize>);

/// The one query of a step's aggregate measures, with the failing-row count of each
/// row-level rule after them: (sql, for each rule its measure's column and its count's).
pub fn aggregate_query(input: &str, rules: &[CompiledRule]) -> Option<(String, Vec<Columns>)> {
    let mut select = Vec::new();
    let mut at = Vec::with_capacity(rules.len());
    for rule in rules {
        let measure = match &rule.measure {
            Measure::Aggregate(sql) => {
                select.push(format!("{sql} AS m{}", select.len()));
                Some(select.len() - 1)
            }
            _ => None,
        };
        let failing = rule.row_ok.as_ref().map(|ok| {
            select.push(format!("SUM(CASE WHEN {ok} THEN 0 ELSE 1 END) AS m{}", select.len()));
            select.len() - 1
        });
        at.push((measure, failing));
    }
    if select.is_empty() {
        return None;
    }
    Some((format!("SELECT {} FROM {}", select.join(", "), q(input)), at))
}
