//! Pipelines: a DAG of named steps that read catalog tables (and earlier steps' outputs) and
//! publish relations into tables, with triggers, retries and data-quality rules. The
//! definition is what a pipeline version snapshots; it is stored as JSON in this shape.
//! Rules that need the tables' schemas (columns, SQL, cycles through SQL) are checked when the
//! pipeline is planned, not here.

pub mod changes;
pub mod dqdl;
pub mod run;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::names::{ColumnName, DatabaseName, TableName};
use super::table::Zone;
use super::{ValidationCode, ValidationError};

pub const MAX_STEPS: usize = 100;
pub const MAX_RULES: usize = 200;
pub const MAX_SQL_BYTES: usize = 100_000;
/// Longest run time a definition may ask for.
pub const MAX_TIMEOUT_SECONDS: u64 = 7 * 24 * 3600;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PipelineDefinition {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub steps: Vec<Step>,
    #[serde(default)]
    pub triggers: Vec<Trigger>,
    /// Input tables (`database.table`) read only for files committed since the last
    /// successful run (job bookmarks).
    #[serde(default)]
    pub incremental: Vec<String>,
    #[serde(default)]
    pub retry: RetrySpec,
    #[serde(default = "default_timeout")]
    pub timeout_seconds: u64,
    /// Memory the run's query engine may hold; sorts, joins and aggregations spill to disk
    /// beyond it [default: the server's query memory].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_limit_mb: Option<u64>,
    /// Runs that may run at once (1 to 16); runs started beyond it wait queued, in order.
    /// Above 1 only for pipelines that only append and read no input incrementally (their
    /// runs cannot step on each other's bookmarks or replaced data).
    #[serde(default = "one_run")]
    pub max_concurrent_runs: u32,
}

fn default_timeout() -> u64 {
    3600
}

fn one_run() -> u32 {
    1
}

/// Step Functions' Retry: `interval_seconds` before the second attempt, times
/// `backoff_rate` before each next one, `max_attempts` in all (1 = none), optional jitter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetrySpec {
    #[serde(default = "one")]
    pub interval_seconds: f64,
    #[serde(default = "one_attempt")]
    pub max_attempts: u32,
    #[serde(default = "two")]
    pub backoff_rate: f64,
    #[serde(default)]
    pub jitter: bool,
}

fn one() -> f64 {
    1.0
}
fn two() -> f64 {
    2.0
}
fn one_attempt() -> u32 {
    1
}

impl Default for RetrySpec {
    fn default() -> Self {
        Self { interval_seconds: 1.0, max_attempts: 1, backoff_rate: 2.0, jitter: false }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Step {
    /// A DataFusion `SELECT` over catalog tables (`database.table`) and earlier steps (by
    /// their bare name).
    Sql { name: String, sql: String },
    /// Declarative operations applied in order to `input`.
    Transform {
        name: String,
        input: String,
        operations: Vec<Operation>,
        /// Where rows that fail a cast with `on_error: quarantine` go (`database.table`)
        /// [default: the first downstream write's table with `_quarantine` appended].
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quarantine: Option<String>,
    },
    /// Data-quality rules over `input` (DQDL); its output is `input` without quarantined rows.
    Validate {
        name: String,
        input: String,
        rules: Vec<RuleSpec>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quarantine: Option<String>,
        /// The step fails (and the run with it) when its measures take longer.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        timeout_seconds: Option<u64>,
    },
    /// Publishes `input` into `table` (`database.table`), created when missing.
    Write {
        name: String,
        input: String,
        table: String,
        /// Zone of a table this step creates [default: cleaned].
        #[serde(default, skip_serializing_if = "Option::is_none")]
        zone: Option<Zone>,
        #[serde(default)]
        mode: WriteMode,
        /// Partition keys of a table this step creates (columns of the output).
        #[serde(default)]
        partition_keys: Vec<String>,
        #[serde(default)]
        schema_change: SchemaChange,
        /// The key of `merge`.
        #[serde(default)]
        keys: Vec<String>,
        /// `merge`: a SQL predicate over the output that marks rows whose key is deleted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        delete_when: Option<String>,
        /// The step fails (and the run with it, nothing published) when it takes longer.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        timeout_seconds: Option<u64>,
    },
}

impl Step {
    pub fn name(&self) -> &str {
        match self {
            Self::Sql { name, .. }
            | Self::Transform { name, .. }
            | Self::Validate { name, .. }
            | Self::Write { name, .. } => name,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Self::Sql { .. } => "sql",
            Self::Transform { .. } => "transform",
            Self::Validate { .. } => "validate",
            Self::Write { .. } => "write",
        }
    }

    /// How long the step may take. Only steps that execute have one: `sql` and `transform`
    /// steps are fused into the steps that read them, and their time counts there.
    pub fn timeout_seconds(&self) -> Option<u64> {
        match self {
            Self::Validate { timeout_seconds, .. } | Self::Write { timeout_seconds, .. } => *timeout_seconds,
            Self::Sql { .. } | Self::Transform { .. } => None,
        }
    }

    /// The step it reads explicitly (SQL steps name theirs in their SQL).
    pub fn input(&self) -> Option<&str> {
        match self {
            Self::Sql { .. } => None,
            Self::Transform { input, .. } | Self::Validate { input, .. } | Self::Write { input, .. } => Some(input),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum WriteMode {
    #[default]
    Append,
    /// Replace the whole table.
    Overwrite,
    /// Replace only the partitions present in the output.
    OverwritePartitions,
    /// Upsert by `keys` (and delete where `delete_when` holds).
    Merge,
}

impl WriteMode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Append => "append",
            Self::Overwrite => "overwrite",
            Self::OverwritePartitions => "overwrite_partitions",
            Self::Merge => "merge",
        }
    }
}

/// What a write does when the output has columns the table lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SchemaChange {
    #[default]
    AddColumns,
    Fail,
}

/// What a failed cast does with its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CastFailure {
    /// The value becomes null.
    #[default]
    Null,
    /// The row goes to the quarantine table.
    Quarantine,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Operation {
    Rename {
        columns: BTreeMap<String, String>,
    },
    Cast {
        column: String,
        /// A Tarn type name (`int64`, `float64`, `date32`, `decimal128(10,2)`, ...).
        to: String,
        #[serde(default)]
        on_error: CastFailure,
    },
    Trim {
        columns: Vec<String>,
    },
    Lower {
        columns: Vec<String>,
    },
    Upper {
        columns: Vec<String>,
    },
    /// Text to a timestamp with a chrono format (`%Y-%m-%d %H:%M:%S`).
    ParseTimestamp {
        column: String,
        format: String,
    },
    FillNull {
        column: String,
        value: serde_json::Value,
    },
    /// One row per key: the latest by `latest_by` (descending), else any.
    Deduplicate {
        keys: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        latest_by: Option<String>,
    },
    /// A struct column's fields become columns `<column>_<field>`.
    Flatten {
        column: String,
    },
    /// Replace all but the last `keep_last` characters with `*`.
    Mask {
        #[serde(default)]
        columns: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sensitivity: Option<String>,
        #[serde(default)]
        keep_last: u32,
    },
    /// SHA-256 of the value, in hex.
    Hash {
        #[serde(default)]
        columns: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sensitivity: Option<String>,
    },
    /// A stable pseudonym per value (`tok_` and 16 hex digits of a SHA-256 salted per pipeline).
    Tokenize {
        #[serde(default)]
        columns: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sensitivity: Option<String>,
    },
    /// Keep only the rows a SQL predicate admits.
    Filter {
        predicate: String,
    },
}

/// One data-quality rule: a DQDL rule and what a failure does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// A DQDL rule, e.g. `ColumnValues "age" between 0 and 120 with threshold > 0.99`.
    pub rule: String,
    #[serde(default)]
    pub action: RuleAction,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum RuleAction {
    /// The run fails.
    #[default]
    Fail,
    /// Recorded; the run goes on.
    Warn,
    /// Failing rows go to the quarantine table; the run goes on with the others.
    Quarantine,
}

impl RuleAction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Fail => "fail",
            Self::Warn => "warn",
            Self::Quarantine => "quarantine",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Trigger {
    /// Cron, five or six fields, UTC.
    Schedule { cron: String },
    /// New files committed in `table` (uploads, stream deliveries, other pipelines' output):
    /// a run starts once `batch_size` files have arrived, or `window_seconds` after the first
    /// of them when fewer have (Glue's event batching).
    Data {
        table: String,
        #[serde(default = "one_file")]
        batch_size: u32,
        #[serde(default)]
        window_seconds: u32,
    },
    /// After other pipelines' runs end.
    Pipeline {
        pipelines: Vec<String>,
        #[serde(default)]
        condition: Condition,
    },
}

fn one_file() -> u32 {
    1
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// Every listed pipeline's latest run succeeded, each since this pipeline last ran.
    #[default]
    AllSucceeded,
    AnySucceeded,
    AllFailed,
    AnyFailed,
}

/// `database.table`, validated.
pub fn parse_table(text: &str) -> Result<(DatabaseName, TableName), ValidationError> {
    let Some((database, table)) = text.split_once('.') else {
        return Err(invalid(format!("`{text}` is not a table: name it database.table")));
    };
    Ok((DatabaseName::parse(database)?, TableName::parse(table)?))
}

pub fn invalid(message: impl Into<String>) -> ValidationError {
    ValidationError::new(ValidationCode::InvalidPipeline, message)
}

impl PipelineDefinition {
    /// Checks everything that needs no schema: names, references between steps, rules'
    /// syntax, cron, tables' names, retry and limits. Cycles are refused here for explicit
    /// inputs; SQL steps' references are checked when the pipeline is planned.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.steps.is_empty() || self.steps.len() > MAX_STEPS {
            return Err(invalid(format!("a pipeline has 1 to {MAX_STEPS} steps")));
        }
        let mut names = BTreeSet::new();
        for step in &self.steps {
            ColumnName::parse(step.name())
                .map_err(|_| invalid(format!("invalid step name `{}`: lowercase [a-z][a-z0-9_]*", step.name())))?;
            if !names.insert(step.name()) {
                return Err(invalid(format!("two steps are named `{}`", step.name())));
            }
        }
        for step in &self.steps {
            if let Some(input) = step.input()
                && !names.contains(input)
            {
                return Err(invalid(format!("step `{}` reads `{input}`, which is not a step", step.name())));
            }
            if step.input() == Some(step.name()) {
                return Err(invalid(format!("step `{}` reads itself", step.name())));
            }
            self.validate_step(step)?;
            if step.timeout_seconds().is_some_and(|t| !(1..=MAX_TIMEOUT_SECONDS).contains(&t)) {
                return Err(invalid(format!("step `{}`: timeout_seconds is 1 to {MAX_TIMEOUT_SECONDS}", step.name())));
            }
        }
        for table in &self.incremental {
            parse_table(table)?;
        }
        for trigger in &self.triggers {
            validate_trigger(trigger)?;
        }
        let r = &self.retry;
        if !(1..=20).contains(&r.max_attempts)
            || !(0.0..=3600.0).contains(&r.interval_seconds)
            || !(1.0..=10.0).contains(&r.backoff_rate)
        {
            return Err(invalid("retry: max_attempts 1-20, interval_seconds 0-3600, backoff_rate 1-10"));
        }
        if !(1..=MAX_TIMEOUT_SECONDS).contains(&self.timeout_seconds) {
            return Err(invalid(format!("timeout_seconds is 1 to {MAX_TIMEOUT_SECONDS}")));
        }
        if self.memory_limit_mb.is_some_and(|m| !(16..=1 << 20).contains(&m)) {
            return Err(invalid("memory_limit_mb is 16 to 1048576"));
        }
        if !(1..=16).contains(&self.max_concurrent_runs) {
            return Err(invalid("max_concurrent_runs is 1 to 16"));
        }
        let replaces = self.steps.iter().any(|s| matches!(s, Step::Write { mode, .. } if *mode != WriteMode::Append));
        if self.max_concurrent_runs > 1 && (replaces || !self.incremental.is_empty()) {
            return Err(invalid(
                "max_concurrent_runs above 1 needs a pipeline that only appends and reads no input incrementally",
            ));
        }
        Ok(())
    }

    fn validate_step(&self, step: &Step) -> Result<(), ValidationError> {
        match step {
            Step::Sql { sql, .. } if sql.trim().is_empty() || sql.len() > MAX_SQL_BYTES => {
                Err(invalid(format!("step `{}`: sql is 1 to {MAX_SQL_BYTES} bytes", step.name())))
            }
            Step::Sql { .. } => Ok(()),
            Step::Transform { operations, quarantine, .. } => {
                if operations.is_empty() {
                    return Err(invalid(format!("step `{}` has no operations", step.name())));
                }
                quarantine.as_deref().map(parse_table).transpose()?;
                Ok(())
            }
            Step::Validate { rules, quarantine, .. } => {
                if rules.is_empty() || rules.len() > MAX_RULES {
                    return Err(invalid(format!("step `{}` has 1 to {MAX_RULES} rules", step.name())));
                }
                for rule in rules {
                    dqdl::parse(&rule.rule)
                        .map_err(|e| invalid(format!("step `{}`: rule `{}`: {e}", step.name(), rule.rule)))?;
                }
                quarantine.as_deref().map(parse_table).transpose()?;
                Ok(())
            }
            Step::Write { table, mode, partition_keys, keys, delete_when, .. } => {
                parse_table(table)?;
                for key in partition_keys.iter().chain(keys) {
                    ColumnName::parse(key)?;
                }
                if *mode == WriteMode::Merge && keys.is_empty() {
                    return Err(invalid(format!("step `{}`: merge needs keys", step.name())));
                }
                if *mode != WriteMode::Merge && (delete_when.is_some() || !keys.is_empty()) {
                    return Err(invalid(format!("step `{}`: keys and delete_when are for merge", step.name())));
                }
                if self.steps.iter().any(|s| s.input() == Some(step.name())) {
                    return Err(invalid(format!("step `{}` writes a table; no step can read it", step.name())));
                }
                Ok(())
            }
        }
    }

    /// Every table the steps write, in order.
    pub fn outputs(&self) -> Vec<&str> {
        self.steps
            .iter()
            .filter_map(|s| match s {
                Step::Write { table, .. } => Some(table.as_str()),
                _ => None,
            })
            .collect()
    }
}

fn validate_trigger(trigger: &Trigger) -> Result<(), ValidationError> {
    match trigger {
        Trigger::Schedule { cron } => {
            super::job::next_occurrence(cron, chrono::Utc::now()).map_err(invalid)?;
        }
        Trigger::Data { table, batch_size, window_seconds } => {
            parse_table(table)?;
            if !(1..=10_000).contains(batch_size) || *window_seconds > 900 {
                return Err(invalid("data trigger: batch_size 1-10000, window_seconds 0-900"));
            }
        }
        Trigger::Pipeline { pipelines, .. } => {
            if pipelines.is_empty() {
                return Err(invalid("a pipeline trigger names at least one pipeline"));
            }
            for p in pipelines {
                TableName::parse(p).map_err(|_| invalid(format!("invalid pipeline name `{p}`")))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
