//! A session for a pipeline run: the same secured tables as a query (granted columns only, row
//! filters inside the scan), plus the run's steps as views under their bare names. Memory is
//! bounded per run by a fair spilling pool; sorts, joins and aggregations spill to the
//! operating system's temporary folder instead of failing. Only queries are planned.

use std::num::NonZeroUsize;
use std::sync::Arc;

use datafusion::catalog::{CatalogProvider, MemorySchemaProvider, SchemaProvider};
use datafusion::common::TableReference;
use datafusion::config::Dialect;
use datafusion::datasource::ViewTable;
use datafusion::execution::SendableRecordBatchStream;
use datafusion::execution::cache::cache_manager::{CacheManager, CacheManagerConfig};
use datafusion::execution::context::SQLOptions;
use datafusion::execution::disk_manager::{DiskManagerBuilder, DiskManagerMode};
use datafusion::execution::memory_pool::{FairSpillPool, TrackConsumersPool};
use datafusion::execution::object_store::DefaultObjectStoreRegistry;
use datafusion::execution::runtime_env::RuntimeEnv;
use datafusion::execution::session_state::SessionStateBuilder;
use datafusion::logical_expr::LogicalPlan;
use datafusion::prelude::{SessionConfig, SessionContext};

use super::engine::{CATALOG, NO_SCHEMA, allow_only_queries, refuse_files, secured_catalog};
use super::guard::ScanLog;
use super::{QueryError, QueryResult, TableSpec};

/// The runtime pipeline plans execute on: one worker per core, apart from the server's.
fn compute() -> &'static tokio::runtime::Runtime {
    static COMPUTE: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    COMPUTE.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .thread_name("tarn-compute")
            .enable_all()
            .build()
            .unwrap_or_else(|e| panic!("the compute runtime cannot start: {e}"))
    })
}

/// What a step's SQL names: catalog tables and (bare) other steps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct References {
    pub tables: Vec<(String, String)>,
    pub steps: Vec<String>,
}

/// Parses `sql`, refuses anything but a query, and names what it reads.
pub fn references(sql: &str) -> QueryResult<References> {
    let state = SessionStateBuilder::new()
        .with_config(SessionConfig::new().with_default_catalog_and_schema(CATALOG, NO_SCHEMA))
        .with_default_features()
        .build();
    let statement = state.sql_to_statement(sql, &Dialect::Generic).map_err(|e| invalid(&e))?;
    allow_only_queries(&statement)?;
    let mut out = References::default();
    for reference in state.resolve_table_references(&statement).map_err(|e| invalid(&e))? {
        match &reference {
            TableReference::Bare { table } => {
                if state.table_functions().contains_key(table.as_ref()) {
                    continue;
                }
                refuse_files(table)?;
                if !out.steps.iter().any(|s| s == table.as_ref()) {
                    out.steps.push(table.to_string());
                }
            }
            TableReference::Partial { schema, table } => push(&mut out.tables, schema, table),
            TableReference::Full { catalog, schema, table } if catalog.as_ref() == CATALOG => {
                push(&mut out.tables, schema, table);
            }
            TableReference::Full { .. } => {
                return Err(QueryError::Invalid(format!("table `{reference}`: name tables as database.table")));
            }
        }
    }
    Ok(out)
}

fn push(tables: &mut Vec<(String, String)>, schema: &str, table: &str) {
    let t = (schema.to_owned(), table.to_owned());
    if !tables.contains(&t) {
        tables.push(t);
    }
}

fn invalid(e: &datafusion::error::DataFusionError) -> QueryError {
    QueryError::Invalid(e.find_root().to_string())
}

pub struct Session {
    context: SessionContext,
    steps: Arc<dyn SchemaProvider>,
    log: ScanLog,
    memory_bytes: usize,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session").field("memory_bytes", &self.memory_bytes).finish_non_exhaustive()
    }
}

impl Session {
    /// A session over `tables` (each authorized already), holding at most `memory_bytes`.
    pub fn new(tables: Vec<TableSpec>, memory_bytes: usize, target_partitions: usize) -> QueryResult<Self> {
        let internal = |e: datafusion::error::DataFusionError| QueryError::Internal(e.to_string());
        let disk = Arc::new(
            DiskManagerBuilder::default().with_mode(DiskManagerMode::OsTmpDirectory).build().map_err(internal)?,
        );
        let pool = TrackConsumersPool::new(
            FairSpillPool::new(memory_bytes),
            NonZeroUsize::new(3).unwrap_or(NonZeroUsize::MIN),
        );
        let runtime = RuntimeEnv {
            memory_pool: Arc::new(pool),
            disk_manager: disk,
            cache_manager: CacheManager::try_new(&CacheManagerConfig::default()).map_err(internal)?,
            object_store_registry: Arc::new(DefaultObjectStoreRegistry::new()),
        };
        let config = SessionConfig::new()
            .with_target_partitions(target_partitions.max(1))
            .with_information_schema(false)
            .with_create_default_catalog_and_schema(false)
            .with_default_catalog_and_schema(CATALOG, NO_SCHEMA);
        let state = SessionStateBuilder::new()
            .with_config(config)
            .with_runtime_env(Arc::new(runtime))
            .with_default_features()
            .build();
        let (catalog, log) = secured_catalog(&state, &tables)?;
        let steps: Arc<dyn SchemaProvider> = Arc::new(MemorySchemaProvider::new());
        catalog.register_schema(NO_SCHEMA, steps.clone()).map_err(internal)?;
        let context = SessionContext::new_with_state(state);
        context.register_catalog(CATALOG, catalog);
        Ok(Self { context, steps, log, memory_bytes })
    }

    /// Plans a query over the tables and the views registered so far.
    pub async fn plan(&self, sql: &str) -> QueryResult<LogicalPlan> {
        let state = self.context.state();
        let statement = state.sql_to_statement(sql, &Dialect::Generic).map_err(|e| invalid(&e))?;
        allow_only_queries(&statement)?;
        let plan = state.statement_to_plan(statement).await.map_err(|e| invalid(&e))?;
        SQLOptions::new()
            .with_allow_ddl(false)
            .with_allow_dml(false)
            .with_allow_statements(false)
            .verify_plan(&plan)
            .map_err(|e| QueryError::NotAllowed(format!("only queries are allowed: {}", e.find_root())))?;
        Ok(plan)
    }

    /// Makes `plan` readable as the bare name `name` (replacing a view of that name).
    pub fn register_view(&self, name: &str, plan: LogicalPlan) -> QueryResult<()> {
        let view = ViewTable::new(plan, None);
        self.steps.deregister_table(name).map_err(|e| QueryError::Internal(e.to_string()))?;
        self.steps.register_table(name.to_owned(), Arc::new(view)).map_err(|e| QueryError::Internal(e.to_string()))?;
        Ok(())
    }

    pub fn deregister_view(&self, name: &str) {
        let _ = self.steps.deregister_table(name);
    }

    /// Runs `plan` as a stream of batches. The plan executes on the compute runtime, not on
    /// the server's: a long pipeline step keeps the cores busy but never the workers that
    /// answer requests and commit transactions (DataFusion's own tasks are spawned where the
    /// plan is polled). Dropping the stream stops the plan.
    pub async fn execute(&self, plan: LogicalPlan) -> QueryResult<SendableRecordBatchStream> {
        let frame = self.context.execute_logical_plan(plan).await.map_err(|e| invalid(&e))?;
        let schema = frame.schema().inner().clone();
        let (to_caller, batches) = tokio::sync::mpsc::channel(2);
        compute().spawn(async move {
            let mut stream = match frame.execute_stream().await {
                Ok(stream) => stream,
                Err(e) => {
                    let _ = to_caller.send(Err(e)).await;
                    return;
                }
            };
            while let Some(batch) = futures::StreamExt::next(&mut stream).await {
                if to_caller.send(batch).await.is_err() {
                    return; // the caller stopped reading
                }
            }
        });
        let stream = futures::stream::unfold(batches, |mut rx| async move { rx.recv().await.map(|b| (b, rx)) });
        Ok(Box::pin(datafusion::physical_plan::stream::RecordBatchStreamAdapter::new(schema, stream)))
    }

    pub fn memory_bytes(&self) -> usize {
        self.memory_bytes
    }

    /// Bytes the scans read so far.
    pub fn bytes_scanned(&self) -> u64 {
        self.log.bytes_scanned()
    }
}
