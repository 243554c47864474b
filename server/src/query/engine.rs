//! One query: parse, allow only queries, resolve its tables, plan over secured tables, run
//! in its own memory pool.

use std::num::NonZeroUsize;
use std::sync::Arc;

use datafusion::arrow::datatypes::SchemaRef;
use datafusion::catalog::{CatalogProvider, MemoryCatalogProvider, MemorySchemaProvider, SchemaProvider};
use datafusion::common::{DFSchema, DataFusionError, SchemaError, TableReference};
use datafusion::config::Dialect;
use datafusion::execution::SendableRecordBatchStream;
use datafusion::execution::cache::cache_manager::{CacheManager, CacheManagerConfig};
use datafusion::execution::context::SQLOptions;
use datafusion::execution::disk_manager::{DiskManager, DiskManagerBuilder, DiskManagerMode};
use datafusion::execution::memory_pool::{GreedyMemoryPool, TrackConsumersPool};
use datafusion::execution::object_store::DefaultObjectStoreRegistry;
use datafusion::execution::runtime_env::RuntimeEnv;
use datafusion::execution::session_state::{SessionState, SessionStateBuilder};
use datafusion::logical_expr::Expr;
use datafusion::prelude::{SessionConfig, SessionContext};
use datafusion::sql::parser::Statement as DfStatement;
use datafusion::sql::sqlparser::ast::Statement;
use url::Url;

use super::guard::ScanLog;
use super::table::{LAKE_URL, SecuredTable};
use super::{QueryError, QueryResult, TableSpec};

/// The catalog every table is found in; schemas are databases.
pub(super) const CATALOG: &str = "tarn";
/// Unqualified names resolve here, where nothing is: tables are named `database.table`.
pub(super) const NO_SCHEMA: &str = "tarn_unqualified";

#[derive(Debug, Clone)]
pub struct QueryLimits {
    /// Memory one query may hold (hash tables, sorts, buffers) before it fails.
    pub memory_bytes: usize,
    pub target_partitions: usize,
}

/// Shared across queries: the Parquet metadata cache; each query gets its own memory pool.
#[derive(Debug)]
pub struct Engine {
    limits: QueryLimits,
    cache: Arc<CacheManager>,
    disk: Arc<DiskManager>,
}

/// A parsed query whose tables are known but not yet authorized.
pub struct Prepared {
    state: SessionState,
    statement: DfStatement,
    pub tables: Vec<(String, String)>,
}

/// A query under way.
pub struct Running {
    pub stream: SendableRecordBatchStream,
    pub schema: SchemaRef,
    pub scans: ScanLog,
}

impl Engine {
    pub fn new(limits: QueryLimits) -> anyhow::Result<Self> {
        let cache = CacheManager::try_new(&CacheManagerConfig::default())?;
        // No spilling: a query over its memory fails instead of filling the disk.
        let disk = Arc::new(DiskManagerBuilder::default().with_mode(DiskManagerMode::Disabled).build()?);
        Ok(Self { limits, cache, disk })
    }

    pub fn limits(&self) -> &QueryLimits {
        &self.limits
    }

    /// Parses `sql`, refuses anything but a query, and names the tables it reads.
    pub fn prepare(&self, sql: &str) -> QueryResult<Prepared> {
        let config = SessionConfig::new()
            .with_target_partitions(self.limits.target_partitions.max(1))
            .with_information_schema(false)
            .with_create_default_catalog_and_schema(false)
            .with_default_catalog_and_schema(CATALOG, NO_SCHEMA);
        let pool = TrackConsumersPool::new(GreedyMemoryPool::new(self.limits.memory_bytes), NonZeroUsize::MIN);
        let runtime = RuntimeEnv {
            memory_pool: Arc::new(pool),
            disk_manager: self.disk.clone(),
            cache_manager: self.cache.clone(),
            object_store_registry: Arc::new(DefaultObjectStoreRegistry::new()),
        };
        let state = SessionStateBuilder::new()
            .with_config(config)
            .with_runtime_env(Arc::new(runtime))
            .with_default_features()
            .build();
        let statement = state.sql_to_statement(sql, &Dialect::Generic).map_err(|e| invalid(&e))?;
        allow_only_queries(&statement)?;
        let references = state.resolve_table_references(&statement).map_err(|e| invalid(&e))?;
        let mut tables = Vec::new();
        for reference in references {
            // Generators such as generate_series read no files; file readers are not registered.
            if let TableReference::Bare { table } = &reference {
                if state.table_functions().contains_key(table.as_ref()) {
                    continue;
                }
                refuse_files(table)?;
            }
            let table = database_table(&reference)?;
            if !tables.contains(&table) {
                tables.push(table);
            }
        }
        Ok(Prepared { state, statement, tables })
    }

    /// Plans the prepared query over `tables` (one per name in [`Prepared::tables`], already
    /// authorized) and starts it.
    pub async fn start(&self, prepared: Prepared, tables: Vec<TableSpec>) -> QueryResult<Running> {
        let Prepared { state, statement, .. } = prepared;
        let (catalog, log) = secured_catalog(&state, &tables)?;
        let tables: Vec<Arc<TableSpec>> = tables.into_iter().map(Arc::new).collect();
        let context = SessionContext::new_with_state(state);
        context.register_catalog(CATALOG, catalog);
        let plan = context.state().statement_to_plan(statement).await.map_err(|e| planning(&e, &tables))?;
        // `SELECT ... INTO` plans as DDL: only plans that read nothing but the secured tables run.
        SQLOptions::new()
            .with_allow_ddl(false)
            .with_allow_dml(false)
            .with_allow_statements(false)
            .verify_plan(&plan)
            .map_err(|e| QueryError::NotAllowed(format!("only queries are allowed: {}", e.find_root())))?;
        let frame = context.execute_logical_plan(plan).await.map_err(|e| planning(&e, &tables))?;
        let schema = Arc::new(frame.schema().as_arrow().clone());
        let stream = frame.execute_stream().await.map_err(|e| failure(&e, self.limits.memory_bytes))?;
        Ok(Running { stream, schema, scans: log })
    }
}

/// A catalog of `tables` as secured tables (granted columns, row filters in the scan), with
/// one object store scoped to exactly their folders registered in `state`'s runtime.
pub(super) fn secured_catalog(
    state: &SessionState,
    tables: &[TableSpec],
) -> QueryResult<(Arc<MemoryCatalogProvider>, ScanLog)> {
    if let Some(scoped) = crate::storage::QueryStore::union(tables.iter().map(|t| &t.store)) {
        let url = Url::parse(LAKE_URL).map_err(|e| QueryError::Internal(e.to_string()))?;
        state.runtime_env().register_object_store(&url, scoped.store);
    }
    let log = ScanLog::default();
    let catalog = Arc::new(MemoryCatalogProvider::new());
    for spec in tables {
        let spec = Arc::new(spec.clone());
        let table = SecuredTable::new(spec.clone(), log.clone());
        let row_filter = row_filter(state, &table, &spec)?;
        let schema = match catalog.schema(&spec.database) {
            Some(schema) => schema,
            None => {
                let schema: Arc<dyn SchemaProvider> = Arc::new(MemorySchemaProvider::new());
                catalog.register_schema(&spec.database, schema.clone()).map_err(internal)?;
                schema
            }
        };
        schema.register_table(spec.name.clone(), Arc::new(table.with_row_filter(row_filter))).map_err(internal)?;
    }
    Ok((catalog, log))
}

/// The union of the caller's row filters, over the table's full schema.
pub(super) fn row_filter(state: &SessionState, table: &SecuredTable, spec: &TableSpec) -> QueryResult<Option<Expr>> {
    let Some(filters) = spec.read.row_filters() else { return Ok(None) };
    let schema = DFSchema::try_from(table.full_schema().as_ref().clone()).map_err(internal)?;
    let mut union: Option<Expr> = None;
    for text in filters {
        let expr = state.create_logical_expr(text, &schema).map_err(|e| {
            QueryError::Invalid(format!("a row filter on {}.{} cannot be applied: {e}", spec.database, spec.name))
        })?;
        union = Some(match union {
            None => expr,
            Some(so_far) => so_far.or(expr),
        });
    }
    Ok(union)
}

/// Only `SELECT ...` (with CTEs, set operations, ...) and `EXPLAIN` of one.
pub(super) fn allow_only_queries(statement: &DfStatement) -> QueryResult<()> {
    let refused = |what: &str| Err(QueryError::NotAllowed(format!("only queries are allowed, not {what}")));
    match statement {
        DfStatement::Statement(inner) => match inner.as_ref() {
            Statement::Query(_) => Ok(()),
            _ => refused("this statement"),
        },
        DfStatement::Explain(explain) => allow_only_queries(&explain.statement),
        DfStatement::CreateExternalTable(_) => refused("CREATE EXTERNAL TABLE"),
        DfStatement::CopyTo(_) => refused("COPY"),
        _ => refused("this statement"),
    }
}

/// A bare name that is a file path (`'/etc/passwd'`, `'data.csv'`, `'s3://b/k'`) or a file
/// reader (`read_parquet(...)`): refused as a statement, whatever the file. A plain bare name
/// (`orders`) is only misnamed, and left to [`database_table`].
pub(super) fn refuse_files(table: &str) -> QueryResult<()> {
    let path_like = table.contains(['/', '\\', '.', ':']);
    if path_like || table.starts_with("read_") {
        return Err(QueryError::NotAllowed(
            "file paths and file-reading functions are not allowed: name tables as database.table".to_owned(),
        ));
    }
    Ok(())
}

fn database_table(reference: &TableReference) -> QueryResult<(String, String)> {
    let resolved = reference.clone().resolve(CATALOG, NO_SCHEMA);
    if resolved.catalog.as_ref() != CATALOG || resolved.schema.as_ref() == NO_SCHEMA {
        return Err(QueryError::Invalid(format!(
            "table `{reference}`: name tables as database.table (or {CATALOG}.database.table)"
        )));
    }
    Ok((resolved.schema.to_string(), resolved.table.to_string()))
}

fn invalid(e: &DataFusionError) -> QueryError {
    QueryError::Invalid(e.find_root().to_string())
}

fn internal(e: DataFusionError) -> QueryError {
    QueryError::Internal(e.to_string())
}

/// A planning error. A column that is not there is 403 naming it when the caller is kept from
/// some column of a table in the query: hidden and non-existent columns then get the same
/// answer, so the refusal does not confirm that a hidden column exists.
fn planning(e: &DataFusionError, tables: &[Arc<TableSpec>]) -> QueryError {
    if let DataFusionError::SchemaError(schema_error, _) = e.find_root()
        && let SchemaError::FieldNotFound { field, .. } = schema_error.as_ref()
        && tables.iter().any(|spec| spec.hidden_columns().next().is_some())
    {
        return QueryError::HiddenColumn { column: field.name.clone() };
    }
    invalid(e)
}

/// An error while running: memory, the lake's files, or the query itself.
pub fn failure(e: &DataFusionError, memory_limit: usize) -> QueryError {
    match e.find_root() {
        DataFusionError::ResourcesExhausted(detail) => {
            QueryError::MemoryExceeded { limit: memory_limit, detail: detail.clone() }
        }
        DataFusionError::ObjectStore(inner) => QueryError::Files(inner.to_string()),
        root => QueryError::Invalid(root.to_string()),
    }
}
