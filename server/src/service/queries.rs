//! SQL queries over the catalog: validate, authorize every table read (SELECT, as a
//! [`ReadTable`] capability carrying the granted columns and row filters), record, run with
//! limits, stream the result. `GET /v1/queries` and cancellation work on the records.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::Utc;
use serde_json::json;
use tokio_util::sync::CancellationToken;

use super::files::Files;
use super::query_files::CatalogFiles;
use super::query_run::{QueryBook, QueryOutput, RunLimits, Slot};
use super::{ServiceError, core::Core};
use crate::audit::{AuditLog, context};
use crate::config::QueryConfig;
use crate::domain::principal::{Principal, Privilege, Resource};
use crate::domain::query::{QueryRecord, QueryStatus};
use crate::domain::role::{Action, Scope};
use crate::domain::{ValidationCode, ValidationError};
use crate::query::output::OutputFormat;
use crate::query::{Engine, QueryError, QueryLimits, TableSpec};
use crate::store::{Store, queries};

/// How many of a principal's queries `GET /v1/queries` returns.
pub const HISTORY: u64 = 100;
/// Largest `max_rows`.
pub const MAX_ROWS: u64 = 100_000_000;

#[derive(Debug, Clone)]
pub struct QueryRequest {
    pub sql: String,
    pub format: OutputFormat,
    pub max_rows: Option<u64>,
}

#[derive(Debug)]
pub struct Queries {
    pub(super) core: Core,
    pub(super) files: Arc<Files>,
    pub(super) store: Store,
    pub(super) engine: Engine,
    pub(super) config: QueryConfig,
    /// The records of running queries, and those running on this replica by id.
    pub(super) book: Arc<QueryBook>,
    /// Queries running on this replica, by principal id.
    pub(super) per_principal: Arc<Mutex<HashMap<String, u32>>>,
}

/// What running a query can fail with beyond the shared failures.
#[derive(Debug, thiserror::Error)]
pub enum QueryRunError {
    #[error(transparent)]
    Query(QueryError),
    #[error("the query ran longer than its time limit")]
    Timeout,
    #[error("the query was cancelled")]
    Cancelled,
    #[error("you already run {limit} queries at once; wait for one to finish")]
    TooMany { limit: u32 },
    #[error(transparent)]
    Service(#[from] ServiceError),
}
shared_failures!(QueryRunError);

pub(super) type Result<T, E = QueryRunError> = std::result::Result<T, E>;

impl From<QueryError> for QueryRunError {
    fn from(e: QueryError) -> Self {
        Self::Query(e)
    }
}

impl Queries {
    pub fn new(
        core: Core,
        files: Arc<Files>,
        store: Store,
        audit: AuditLog,
        config: QueryConfig,
    ) -> anyhow::Result<Self> {
        let limits = QueryLimits { memory_bytes: config.memory_bytes, target_partitions: config.target_partitions };
        let book = Arc::new(QueryBook { store: store.clone(), audit: audit.clone(), running: Mutex::default() });
        Ok(Self { core, files, store, engine: Engine::new(limits)?, config, book, per_principal: Arc::default() })
    }

    /// Runs `request` as `principal`; the result streams from the returned output.
    pub async fn run(self: &Arc<Self>, principal: &Principal, request: QueryRequest) -> Result<QueryOutput> {
        // validate
        let clock = std::time::Instant::now();
        let sql = request.sql.trim();
        if sql.is_empty() || sql.len() > self.config.max_sql_bytes {
            let message = format!("sql is 1 to {} bytes", self.config.max_sql_bytes);
            return Err(ValidationError::new(ValidationCode::InvalidRequest, message).into());
        }
        if request.max_rows.is_some_and(|n| n == 0 || n > MAX_ROWS) {
            let message = format!("max_rows is 1 to {MAX_ROWS}");
            return Err(ValidationError::new(ValidationCode::InvalidRequest, message).into());
        }
        context::add_detail("sql", json!(sql));
        let slot = Slot::take(&self.per_principal, &principal.id, self.config.max_concurrent)
            .ok_or(QueryRunError::TooMany { limit: self.config.max_concurrent })?;
        let prepared = self.engine.prepare(sql)?;
        // authorize: SELECT on every table, as the capability to read what was granted
        let mut specs = Vec::with_capacity(prepared.tables.len());
        for (database, name) in &prepared.tables {
            specs.push(self.table_spec(principal, database, name).await?);
        }
        let authorized = clock.elapsed();
        let touched: Vec<String> = specs.iter().map(|s| s.read.table().to_owned()).collect();
        let filters: serde_json::Map<String, serde_json::Value> =
            specs.iter().filter_map(|s| Some((s.read.table().to_owned(), json!(s.read.row_filters()?)))).collect();
        context::add_detail("tables", json!(touched));
        context::add_detail("row_filters", json!(filters));
        // record, then run
        let record = QueryRecord {
            id: uuid::Uuid::now_v7().to_string(),
            principal_id: principal.id.clone(),
            sql: sql.to_owned(),
            status: QueryStatus::Running,
            error: None,
            tables: touched,
            rows: 0,
            bytes_scanned: 0,
            started_at: Utc::now(),
            finished_at: None,
        };
        queries::insert(&mut self.store.conn(), &record).await?;
        let recorded = clock.elapsed();
        context::add_detail("query_id", json!(record.id));
        let cancel = CancellationToken::new();
        self.book.running.lock().unwrap_or_else(|p| p.into_inner()).insert(record.id.clone(), cancel.clone());
        let audit = json!({ "sql": sql, "row_filters": filters });
        // The deadline and a cancel hold from planning on.
        let started = tokio::select! {
            started = self.engine.start(prepared, specs) => started.map_err(|e| self.refused_column(principal, e)),
            _ = cancel.cancelled() => Err(QueryRunError::Cancelled),
            _ = tokio::time::sleep(self.config.timeout) => Err(QueryRunError::Timeout),
        };
        tracing::debug!(query = %record.id, authorized_us = authorized.as_micros(), recorded_us = recorded.as_micros(),
            planned_us = clock.elapsed().as_micros(), "query started");
        let limits = RunLimits {
            format: request.format,
            max_rows: request.max_rows,
            timeout: self.config.timeout,
            memory_bytes: self.engine.limits().memory_bytes,
        };
        super::query_run::begin(self.book.clone(), principal, record, started, limits, cancel, slot, audit).await
    }

    /// A query naming a column outside its capabilities is refused through the door, so the
    /// refusal is recorded as authz's like any other.
    fn refused_column(&self, principal: &Principal, e: QueryError) -> QueryRunError {
        if let QueryError::HiddenColumn { column } = &e {
            let denied =
                self.core.authorizer().refuse_beyond(principal, Privilege::Select, Resource::Column(column.clone()));
            tracing::debug!(%denied, "query refused");
        }
        QueryRunError::Query(e)
    }

    /// The table as the query reads it, once the caller holds SELECT on it.
    async fn table_spec(&self, principal: &Principal, database: &str, name: &str) -> Result<TableSpec> {
        let (table, _) = self.core.visible_table(principal, database, name).await?;
        let read = self.files.read_table(principal, &table)?;
        let lake = self.files.lake();
        let query_store = lake.query_store(&read).map_err(|e| QueryError::Unsupported(e.to_string()))?;
        let files = CatalogFiles {
            store: self.store.clone(),
            lake: lake.clone(),
            query_store: query_store.clone(),
            read: read.clone(),
            table: table.clone(),
        };
        Ok(TableSpec {
            database: database.to_owned(),
            name: name.to_owned(),
            definition: table.definition,
            read,
            store: query_store,
            files: Arc::new(files),
        })
    }

    /// The caller's recent queries, newest first.
    pub async fn list(&self, principal: &Principal) -> Result<Vec<QueryRecord>> {
        Ok(queries::recent(&mut self.store.conn(), &principal.id, HISTORY).await?)
    }

    /// Cancels one of the caller's running queries (administrators: anyone's). A query of
    /// someone else is absent. Returns the record as it stands.
    pub async fn cancel(&self, principal: &Principal, id: &str) -> Result<QueryRecord> {
        let not_found = || ServiceError::NotFound { kind: "query", name: id.to_owned() };
        let record = queries::get(&mut self.store.conn(), id).await?.ok_or_else(not_found)?;
        if record.principal_id != principal.id {
            self.core.authorizer().require_role(principal, Action::QueryManage, &Scope::Lake).map_err(|_| {
                context::note_hidden();
                not_found()
            })?;
        }
        if record.status != QueryStatus::Running {
            return Err(
                ServiceError::Conflict(format!("query {id} is not running; it {}", record.status.as_str())).into()
            );
        }
        let local = self.book.running.lock().unwrap_or_else(|p| p.into_inner()).get(id).cloned();
        match local {
            Some(token) => token.cancel(),
            // Running on another replica, which looks for cancel requests every second.
            None => {
                queries::request_cancel(&mut self.store.conn(), id).await?;
            }
        }
        Ok(record)
    }
}
