//! A pipeline as stored (identity, version, owner) and what its runs record: per step rows in,
//! out and quarantined, bytes written, duration and outcome, and every rule's result.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::PipelineDefinition;

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
