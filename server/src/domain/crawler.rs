//! Crawlers: a location prefix walked on demand or on a schedule, whose folders become tables.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::table::Zone;

/// What a crawler does when a table's files no longer match its schema (Glue's
/// SchemaChangePolicy.UpdateBehavior).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SchemaChangePolicy {
    /// Write a new table version.
    #[default]
    Update,
    /// Record the change in the run, leave the table alone.
    Log,
    /// Record the change as an error of the run, leave the table alone.
    Fail,
}

impl SchemaChangePolicy {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Update => "update",
            Self::Log => "log",
            Self::Fail => "fail",
        }
    }
}

/// What a crawler does with a table whose folder has gone (Glue's DeleteBehavior).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DeletedFolderPolicy {
    /// Mark the table with the property `deprecated = true`.
    #[default]
    Deprecate,
    /// Drop the table; also delete partitions whose folders held files at the previous run and
    /// hold none now.
    Delete,
    Ignore,
}

impl DeletedFolderPolicy {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Deprecate => "deprecate",
            Self::Delete => "delete",
            Self::Ignore => "ignore",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Crawler {
    pub id: String,
    pub name: String,
    /// A URI inside the lake.
    pub location: String,
    pub database: String,
    pub zone: Zone,
    pub schema_change: SchemaChangePolicy,
    pub deleted_folders: DeletedFolderPolicy,
    /// Cron expression (five fields, UTC).
    pub schedule: Option<String>,
    /// The principal the crawler runs as: its creator.
    pub owner_id: String,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    Running,
    Succeeded,
    Failed,
}

impl RunStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::Succeeded => "succeeded",
            Self::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Running, Self::Succeeded, Self::Failed].into_iter().find(|r| r.as_str() == s)
    }
}

/// A schema change found in a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchemaChangeRecord {
    pub table: String,
    pub added: Vec<String>,
    /// `column: from -> to`
    pub widened: Vec<String>,
    pub now_nullable: Vec<String>,
    /// `updated`, `logged` or `refused`.
    pub outcome: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunStats {
    pub files_listed: u64,
    pub files_scanned: u64,
    pub files_unchanged: u64,
    pub files_failed: u64,
    pub tables_created: u64,
    pub tables_updated: u64,
    pub tables_deprecated: u64,
    pub tables_deleted: u64,
    pub partitions_added: u64,
    /// Partitions whose folders were emptied (the `delete` policy); absent in older runs.
    #[serde(default)]
    pub partitions_deleted: u64,
    pub schema_changes: Vec<SchemaChangeRecord>,
}

/// A file the run could not use, or a table it could not write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunIssue {
    /// Path below the crawler's location, or the table name.
    pub path: String,
    pub error: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CrawlerRun {
    pub id: String,
    pub crawler_id: String,
    /// `manual` or `schedule`.
    pub trigger: String,
    pub status: RunStatus,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub stats: RunStats,
    pub errors: Vec<RunIssue>,
    pub message: Option<String>,
}
