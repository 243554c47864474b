//! Schema-only types of pipeline definitions for the OpenAPI document: steps, operations,
//! rules and triggers as tagged unions. The wire body is read straight into the domain's
//! definition (`domain::pipeline`), which these mirror field for field.

#![allow(dead_code)] // documents shapes; never built

use std::collections::BTreeMap;

use utoipa::ToSchema;

/// One step of a pipeline, by `kind`.
#[derive(ToSchema, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PipelineStep {
    /// A DataFusion `SELECT` over catalog tables (`database.table`) and earlier steps (bare names).
    Sql {
        #[schema(pattern = "^[a-z][a-z0-9_]*$", max_length = 128)]
        name: String,
        #[schema(min_length = 1, max_length = 100000)]
        sql: String,
    },
    /// Declarative operations applied in order to `input`.
    Transform {
        #[schema(pattern = "^[a-z][a-z0-9_]*$", max_length = 128)]
        name: String,
        input: String,
        #[schema(min_items = 1)]
        operations: Vec<TransformOperation>,
        /// `database.table` for rows whose quarantining cast fails [default: the downstream write's table + `_quarantine`].
        #[serde(default)]
        quarantine: String,
    },
    /// Data-quality rules (DQDL) over `input`; its output is `input` without quarantined rows.
    Validate {
        #[schema(pattern = "^[a-z][a-z0-9_]*$", max_length = 128)]
        name: String,
        input: String,
        #[schema(min_items = 1, max_items = 200)]
        rules: Vec<QualityRule>,
        #[serde(default)]
        quarantine: String,
        /// The step fails (and the run with it) when its measures take longer.
        #[schema(minimum = 1, maximum = 604800)]
        #[serde(default)]
        timeout_seconds: u64,
    },
    /// Publishes `input` into `table` (`database.table`), created when missing.
    Write {
        #[schema(pattern = "^[a-z][a-z0-9_]*$", max_length = 128)]
        name: String,
        input: String,
        table: String,
        /// Zone of a table this step creates [default: cleaned].
        #[serde(default)]
        zone: super::tables::ZoneDto,
        /// [default: append]
        #[serde(default)]
        mode: WriteMode,
        /// Partition keys of a table this step creates.
        #[serde(default)]
        partition_keys: Vec<String>,
        /// [default: add_columns]
        #[serde(default)]
        schema_change: WriteSchemaChange,
        /// The key of `merge`.
        #[serde(default)]
        keys: Vec<String>,
        /// `merge`: a SQL predicate marking rows whose key is deleted.
        #[serde(default)]
        delete_when: String,
        /// The step fails (and the run with it, nothing published) when it takes longer.
        #[schema(minimum = 1, maximum = 604800)]
        #[serde(default)]
        timeout_seconds: u64,
    },
}

#[derive(ToSchema, serde::Serialize)]
#[schema(rename_all = "snake_case")]
pub enum WriteMode {
    Append,
    Overwrite,
    OverwritePartitions,
    Merge,
}

#[derive(ToSchema, serde::Serialize)]
#[schema(rename_all = "snake_case")]
pub enum WriteSchemaChange {
    AddColumns,
    Fail,
}

#[derive(ToSchema, serde::Serialize)]
#[schema(rename_all = "snake_case")]
pub enum CastFailure {
    Null,
    Quarantine,
}

#[derive(ToSchema, serde::Serialize)]
#[schema(rename_all = "snake_case")]
pub enum RuleAction {
    Fail,
    Warn,
    Quarantine,
}

/// A data-quality rule in DQDL and what its failure does.
#[derive(ToSchema, serde::Serialize)]
pub struct QualityRule {
    /// E.g. `ColumnValues "age" between 0 and 120 with threshold > 0.99`.
    rule: String,
    /// [default: fail]
    #[serde(default)]
    action: RuleAction,
}

/// One operation of a transform step, by `op`.
#[derive(ToSchema, serde::Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum TransformOperation {
    Rename {
        columns: BTreeMap<String, String>,
    },
    Cast {
        column: String,
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
    ParseTimestamp {
        column: String,
        format: String,
    },
    FillNull {
        column: String,
        #[schema(value_type = Object)]
        value: serde_json::Value,
    },
    Deduplicate {
        keys: Vec<String>,
        #[serde(default)]
        latest_by: String,
    },
    Flatten {
        column: String,
    },
    Mask {
        #[serde(default)]
        columns: Vec<String>,
        #[serde(default)]
        sensitivity: String,
        #[serde(default)]
        keep_last: u32,
    },
    Hash {
        #[serde(default)]
        columns: Vec<String>,
        #[serde(default)]
        sensitivity: String,
    },
    Tokenize {
        #[serde(default)]
        columns: Vec<String>,
        #[serde(default)]
        sensitivity: String,
    },
    Filter {
        predicate: String,
    },
}

/// What starts a run, by `kind`.
#[derive(ToSchema, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PipelineTrigger {
    /// Cron in UTC.
    Schedule { cron: String },
    /// Files committed into `table` (`database.table`).
    Data {
        table: String,
        #[schema(minimum = 1, maximum = 10000)]
        #[serde(default)]
        batch_size: u32,
        #[schema(minimum = 0, maximum = 900)]
        #[serde(default)]
        window_seconds: u32,
    },
    /// The end of other pipelines' runs.
    Pipeline {
        #[schema(min_items = 1)]
        pipelines: Vec<String>,
        #[serde(default)]
        condition: TriggerCondition,
    },
}

#[derive(ToSchema, serde::Serialize)]
#[schema(rename_all = "snake_case")]
pub enum TriggerCondition {
    AllSucceeded,
    AnySucceeded,
    AllFailed,
    AnyFailed,
}

/// Step Functions' retry: wait `interval_seconds`, times `backoff_rate` each next attempt.
#[derive(ToSchema, serde::Serialize)]
pub struct PipelineRetry {
    #[schema(minimum = 0, maximum = 3600)]
    #[serde(default)]
    interval_seconds: f64,
    #[schema(minimum = 1, maximum = 20)]
    #[serde(default)]
    max_attempts: u32,
    #[schema(minimum = 1, maximum = 10)]
    #[serde(default)]
    backoff_rate: f64,
    #[serde(default)]
    jitter: bool,
}
