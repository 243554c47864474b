//! SQL over catalogued tables with DataFusion, with the caller's grants built into the tables
//! themselves: a table shows only its granted columns, and its rows pass the caller's row
//! filters inside an opaque scan ([`guard::GuardExec`]) before any part of the query sees them.
//! So a hidden column cannot be named anywhere, and no predicate, sort, join or error of the
//! query ever runs on a row the caller may not read. Only `SELECT` (and `EXPLAIN` of one) over
//! catalog tables is accepted: no DDL, DML, `COPY`, settings or file-reading table functions.

mod admit;
pub mod engine;
pub mod execution;
mod guard;
pub mod output;
mod prune;
pub mod schema;
pub mod session;
mod table;

use std::sync::Arc;

use async_trait::async_trait;

use crate::authz::capability::ReadTable;
use crate::domain::partition_filter::FilterExpr;
use crate::domain::table::{Format, TableDefinition};
use crate::storage::QueryStore;

pub use engine::{Engine, Prepared, QueryLimits, Running};

/// Why a query was refused or failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum QueryError {
    #[error("{0}")]
    Invalid(String),
    /// A statement other than a query (DDL, DML, COPY, SET, ...).
    #[error("{0}")]
    NotAllowed(String),
    #[error("column `{column}` does not exist or is not granted to you")]
    HiddenColumn { column: String },
    #[error("{0}")]
    Unsupported(String),
    #[error("the query needed more than its memory limit of {limit} bytes: {detail}")]
    MemoryExceeded { limit: usize, detail: String },
    #[error("reading the table's files failed: {0}")]
    Files(String),
    #[error("{0}")]
    Internal(String),
}

pub type QueryResult<T> = Result<T, QueryError>;

/// One file of a table, as the store names it, with its partition's values.
#[derive(Debug, Clone)]
pub struct TableFile {
    pub object_path: String,
    pub size: u64,
    /// With the size, what tells a cached footer from a stale one.
    pub last_modified: chrono::DateTime<chrono::Utc>,
    pub etag: Option<String>,
    /// One value per partition key, as text (empty for an unpartitioned table).
    pub partition_values: Vec<String>,
    pub format: Format,
}

/// Where a table's files come from: the catalog's partitions (pruned by `filter`) and a
/// listing of their folders. Implemented by `service`, which holds the store and the lake.
#[async_trait]
pub trait TableFiles: Send + Sync + std::fmt::Debug {
    async fn files(&self, filter: Option<FilterExpr>) -> Result<Vec<TableFile>, String>;
}

/// Everything a query needs to know about one table it may read.
#[derive(Debug, Clone)]
pub struct TableSpec {
    pub database: String,
    pub name: String,
    pub definition: TableDefinition,
    pub read: ReadTable,
    pub store: QueryStore,
    pub files: Arc<dyn TableFiles>,
}

impl TableSpec {
    /// The data columns the caller may not read.
    pub fn hidden_columns(&self) -> impl Iterator<Item = &str> {
        let granted = self.read.columns();
        self.definition.columns.iter().map(|c| c.name.as_str()).filter(move |c| !granted.iter().any(|g| g == c))
    }
}
