//! Running planned steps: a relation's batches (stopped by a cancel token), the measures of a
//! validate step evaluated into rule outcomes, and an output's columns as catalog types.

use std::pin::Pin;

use datafusion::arrow::array::{Array, AsArray, RecordBatch};
use datafusion::arrow::datatypes::{DataType as ArrowType, Float64Type};
use datafusion::logical_expr::LogicalPlan;
use futures::{Stream, StreamExt};
use tokio_util::sync::CancellationToken;

use super::quality::{self, CompiledRule, Measure};
use super::{ProcessError, plan_measure};
use crate::domain::data_type::DataType;
use crate::domain::pipeline::run::RuleOutcome;
use crate::query::QueryError;
use crate::query::session::Session;
use crate::storage::{StorageError, StorageResult};

/// A column of a step's output, as the catalog types it.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputColumn {
    pub name: String,
    pub data_type: DataType,
    pub nullable: bool,
}

pub fn output_columns(plan: &LogicalPlan) -> Vec<OutputColumn> {
    plan.schema()
        .fields()
        .iter()
        .map(|f| {
            // String views are how DataFusion reads text; the catalog stores text as utf8.
            let arrow = match f.data_type() {
                ArrowType::Utf8View => ArrowType::Utf8,
                ArrowType::BinaryView => ArrowType::Binary,
                other => other.clone(),
            };
            OutputColumn { name: f.name().clone(), data_type: crate::crawl::infer::to_domain(&arrow), nullable: true }
        })
        .collect()
}

/// Every batch of `plan`, unless cancelled first.
pub async fn collect(
    session: &Session,
    plan: LogicalPlan,
    cancel: &CancellationToken,
) -> Result<Vec<RecordBatch>, ProcessError> {
    let mut stream = session.execute(plan).await?;
    let mut out = Vec::new();
    loop {
        let next = tokio::select! {
            () = cancel.cancelled() => return Err(ProcessError::Query(QueryError::Internal("cancelled".into()))),
            next = stream.next() => next,
        };
        match next {
            None => return Ok(out),
            Some(Ok(batch)) => out.push(batch),
            Some(Err(e)) => return Err(crate::query::engine::failure(&e, session.memory_bytes()).into()),
        }
    }
}

/// `plan`'s rows as they are computed, for a write; a cancel or a failure ends the stream with
/// an error (so the write commits nothing).
pub type Rows = Pin<Box<dyn Stream<Item = StorageResult<RecordBatch>> + Send>>;

pub async fn rows(session: &Session, plan: LogicalPlan, cancel: &CancellationToken) -> Result<Rows, ProcessError> {
    let batches = session.execute(plan).await?;
    let memory = session.memory_bytes();
    let state = Some((batches, cancel.clone()));
    Ok(Box::pin(futures::stream::unfold(state, move |state| async move {
        let (mut batches, cancel) = state?;
        let next = tokio::select! {
            () = cancel.cancelled() => Some(Err("cancelled".to_owned())),
            next = batches.next() => next.map(|r| r.map_err(|e| crate::query::engine::failure(&e, memory).to_string())),
        };
        match next {
            None => None,
            Some(Ok(batch)) => Some((Ok(batch), Some((batches, cancel)))),
            Some(Err(message)) => Some((Err(StorageError::Unsupported(message)), None)),
        }
    })))
}

/// The first row's values as numbers (null: `None`).
fn numbers(batches: &[RecordBatch]) -> Result<Vec<Option<f64>>, ProcessError> {
    let Some(batch) = batches.iter().find(|b| b.num_rows() > 0) else { return Ok(Vec::new()) };
    let mut out = Vec::with_capacity(batch.num_columns());
    for column in batch.columns() {
        let cast = datafusion::arrow::compute::cast(column, &ArrowType::Float64)
            .map_err(|e| ProcessError::invalid(format!("a measure is not a number: {e}")))?;
        let values = cast.as_primitive::<Float64Type>();
        out.push(if values.is_null(0) { None } else { Some(values.value(0)) });
    }
    Ok(out)
}

/// Measures every rule of a validate step over `input` and judges it.
pub async fn evaluate(
    session: &Session,
    input: &str,
    rules: &[CompiledRule],
    cancel: &CancellationToken,
) -> Result<(Vec<RuleOutcome>, Option<u64>), ProcessError> {
    let mut measured: Vec<Option<f64>> = vec![None; rules.len()];
    let mut failing: Vec<Option<u64>> = vec![None; rules.len()];
    let mut rows = None;
    if let Some((sql, at)) = quality::aggregate_query(input, rules) {
        let sql = sql.replacen("SELECT ", "SELECT CAST(COUNT(*) AS DOUBLE) AS rows_in, ", 1);
        let values = numbers(&collect(session, session.plan(&sql).await?, cancel).await?)?;
        rows = values.first().copied().flatten().map(|v| v as u64);
        for (i, (m, f)) in at.into_iter().enumerate() {
            if let Some(m) = m {
                measured[i] = values.get(m + 1).copied().flatten();
            }
            if let Some(f) = f {
                failing[i] = Some(values.get(f + 1).copied().flatten().unwrap_or(0.0) as u64);
            }
        }
    }
    let mut outcomes = Vec::with_capacity(rules.len());
    for (i, rule) in rules.iter().enumerate() {
        let value = match &rule.measure {
            Measure::Known(v) => Some(*v),
            Measure::Aggregate(_) => measured[i],
            Measure::Query(sql) => {
                let plan = plan_measure(session, input, sql).await?;
                numbers(&collect(session, plan, cancel).await?)?.first().copied().flatten()
            }
        };
        let passed = quality::passes(rule, value);
        outcomes.push(RuleOutcome {
            rule: rule.spec.rule.clone(),
            action: rule.spec.action.as_str().to_owned(),
            passed,
            value,
            failing_rows: failing[i],
            message: (!passed).then(|| match value {
                Some(v) => format!("measured {v}"),
                None => "no value".to_owned(),
            }),
        });
    }
    Ok((outcomes, rows))
}
