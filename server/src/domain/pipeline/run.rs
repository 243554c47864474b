//! A pipeline as stored (identity, version, owner) and what its runs record: per step rows in,
//! out and quarantined, bytes written, duration and outcome, and every rule's result.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{CastFailure, Operation, PipelineDefinition, Step, WriteMode};

#[derive(Debug, Clone, PartialEq)]
pub struct Pipeline {
    pub id: String,
    pub name: String,
    pub version: i64,
    pub definition: PipelineDefinition,
    /// The principal it runs as: its creator.
    pub owner_id: String,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PipelineVersion {
    pub version: i64,
    pub author: String,
    pub created_at: DateTime<Utc>,
    pub definition: PipelineDefinition,
    pub summary: String,
}

/// A run that reads one input again: only its partitions that match `partitions` (a
/// partition filter, as `GET .../partitions?filter=` takes), whatever its bookmark - which
/// the replay leaves where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Replay {
    /// `database.table`, an input the pipeline reads.
    pub table: String,
    pub partitions: String,
}

/// One run: the job runner's run (same id) with the detail of its last attempt.
#[derive(Debug, Clone, PartialEq)]
pub struct PipelineRun {
    pub id: String,
    pub pipeline_id: String,
    /// The definition version it ran.
    pub version: i64,
    /// `manual`, `schedule`, `data`, `pipeline`.
    pub trigger: String,
    /// A job status: `queued`, `running`, `succeeded`, `failed`, `cancelled`, `timed_out`.
    pub status: String,
    pub attempt: u32,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub steps: Vec<StepRun>,
    pub logs: Vec<String>,
    pub message: Option<String>,
    pub replay: Option<Replay>,
}

/// Lines of a run's log kept at most.
pub const MAX_LOG_LINES: usize = 1_000;

impl PipelineRun {
    /// Appends a line to the run's log (timestamped; the oldest go past the limit).
    pub fn log(&mut self, line: impl Into<String>) {
        if self.logs.len() >= MAX_LOG_LINES {
            self.logs.remove(0);
        }
        self.logs.push(format!("{} {}", Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ"), line.into()));
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct StepRun {
    pub name: String,
    pub kind: String,
    /// `pending`, `running`, `succeeded`, `failed`, `skipped`.
    pub status: String,
    pub rows_in: u64,
    pub rows_out: u64,
    pub rows_quarantined: u64,
    pub bytes_written: u64,
    pub duration_ms: u64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<RuleOutcome>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// One data-quality rule's result in one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleOutcome {
    pub rule: String,
    pub action: String,
    pub passed: bool,
    /// The measured value (a count, a share, a mean, an age in seconds, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Rows that broke a row-level rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failing_rows: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// The latest data-quality result of a table: rules passed of rules evaluated.
#[derive(Debug, Clone, PartialEq)]
pub struct QualityResult {
    pub run_id: String,
    pub pipeline: String,
    pub step: String,
    pub passed: u64,
    pub total: u64,
    pub rules: Vec<RuleOutcome>,
    pub created_at: DateTime<Utc>,
}

impl QualityResult {
    pub fn score(&self) -> f64 {
        if self.total == 0 { 1.0 } else { self.passed as f64 / self.total as f64 }
    }
}

/// One lineage edge: `source` feeds `target`; columns empty for the table-level edge.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineageEdge {
    pub source_database: String,
    pub source_table: String,
    pub source_column: String,
    pub target_database: String,
    pub target_table: String,
    pub target_column: String,
    /// `table`; for columns `identity`, `transformation`, `aggregation` (direct) or
    /// `filter`, `join`, `group_by`, `sort`, `window` (indirect).
    pub kind: String,
}

/// Fills in the rows of steps that are views (`sql`, `transform`: fused into their readers,
/// they are never run alone) from the steps that read them: a `validate` step counts all of
/// its input, a `write` that is not a merge writes all of it, a transform that drops no row
/// passes on as many as it reads, and every transform reads all of its input. A `validate`
/// step passes on what it does not quarantine. Counts no reader made stay 0.
pub fn derive_view_counts(steps: &[Step], records: &mut [StepRun]) {
    let find = |records: &[StepRun], name: &str| records.iter().position(|r| r.name == name && r.status == "succeeded");
    for r in records.iter_mut().filter(|r| r.kind == "validate" && r.status == "succeeded") {
        r.rows_out = r.rows_in.saturating_sub(r.rows_quarantined);
    }
    // Readers come after what they read: one pass down the steps sets every output, one more
    // every transform's input.
    for step in steps {
        let Some(input) = step.input() else { continue };
        let counts_all = match step {
            Step::Validate { .. } => true,
            Step::Write { mode, .. } => *mode != WriteMode::Merge,
            _ => false,
        };
        let (Some(reader), Some(read)) = (find(records, step.name()), find(records, input)) else { continue };
        if counts_all && matches!(records[read].kind.as_str(), "sql" | "transform") && records[read].rows_out == 0 {
            records[read].rows_out = records[reader].rows_in;
        }
    }
    // A transform that keeps every row read as many as it wrote: back up the chain...
    for step in steps.iter().rev() {
        let Step::Transform { input, operations, .. } = step else { continue };
        let (Some(me), Some(read)) = (find(records, step.name()), find(records, input)) else { continue };
        if keeps_every_row(operations) && records[read].rows_out == 0 {
            records[read].rows_out = records[me].rows_out;
        }
    }
    // ...and every transform read all its input.
    for step in steps.iter().filter(|s| matches!(s, Step::Transform { .. })) {
        let (Some(me), Some(read)) = (find(records, step.name()), step.input().and_then(|i| find(records, i))) else {
            continue;
        };
        if records[me].rows_in == 0 {
            records[me].rows_in = records[read].rows_out;
        }
    }
}

/// No operation drops a row: no filter, no deduplication, no cast that quarantines.
fn keeps_every_row(operations: &[Operation]) -> bool {
    !operations.iter().any(|op| {
        matches!(op, Operation::Filter { .. } | Operation::Deduplicate { .. })
            || matches!(op, Operation::Cast { on_error: CastFailure::Quarantine, .. })
    })
}
