//! The boundary between a table's secured scan and the rest of a query. To the planner and
//! the optimizers it is a leaf: nothing above it can be pushed into it (no query predicate
//! runs before the row filter), it reports no statistics (no count or min/max answered from
//! file metadata that covers hidden rows), and `EXPLAIN` shows its name, not its files or
//! filters.

use std::fmt;
use std::sync::{Arc, Mutex};

use datafusion::common::stats::Precision;
use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::common::{DataFusionError, Result as DfResult, Statistics};
use datafusion::execution::{SendableRecordBatchStream, TaskContext};
use datafusion::physical_expr::{EquivalenceProperties, PhysicalExpr};
use datafusion::physical_plan::execution_plan::{
    Boundedness, ChildrenPropertiesMode, EmissionType, ReplaceChildrenOptions,
};
use datafusion::physical_plan::statistics::StatisticsArgs;
use datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use datafusion::physical_plan::{DisplayAs, DisplayFormatType, ExecutionPlan, ExecutionPlanProperties, PlanProperties};
use futures::StreamExt;

use crate::authz::capability::ReadTable;

/// What the scans of one query read, for its record: filled as tables are planned.
#[derive(Debug, Clone, Default)]
pub struct ScanLog(Arc<Mutex<Vec<Scan>>>);

#[derive(Debug)]
struct Scan {
    table: String,
    columns: Vec<String>,
    files: Vec<Arc<dyn ExecutionPlan>>,
    listed_bytes: u64,
}

impl ScanLog {
    fn push(&self, scan: Scan) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(scan);
    }

    /// The columns read of each table (a table scanned twice: the union).
    pub fn columns(&self) -> std::collections::BTreeMap<String, Vec<String>> {
        let scans = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let mut out: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        for scan in scans.iter() {
            let columns = out.entry(scan.table.clone()).or_default();
            for column in &scan.columns {
                if !columns.contains(column) {
                    columns.push(column.clone());
                }
            }
        }
        out
    }

    /// Bytes read from the lake: Parquet's own count where it keeps one, else the size of
    /// every file the scan was given.
    pub fn bytes_scanned(&self) -> u64 {
        let scans = self.0.lock().unwrap_or_else(|p| p.into_inner());
        scans
            .iter()
            .map(|scan| {
                let counted: Option<usize> = scan
                    .files
                    .iter()
                    .filter_map(|plan| plan.metrics()?.sum_by_name("bytes_scanned"))
                    .map(|v| v.as_usize())
                    .reduce(|a, b| a + b);
                counted.map_or(scan.listed_bytes, |b| b as u64)
            })
            .sum()
    }
}

/// The error as a restricted caller may see it: memory exhaustion as is (it names no data),
/// anything else as an id to look up in the server log.
fn mask(table: &str, error: DataFusionError) -> DataFusionError {
    if matches!(error.find_root(), DataFusionError::ResourcesExhausted(_)) {
        return error;
    }
    let id = uuid::Uuid::new_v4().simple().to_string();
    tracing::warn!(error_id = %id, table, error = %error, "reading a table for a restricted query failed");
    DataFusionError::Execution(format!("reading {table} failed; the server log has the details under error id {id}"))
}

#[derive(Debug)]
pub struct GuardExec {
    table: String,
    /// Bytes of the files it reads: the one statistic it gives the planner (to pick a join's
    /// build side), as an estimate. Row counts and column statistics could describe hidden rows.
    listed_bytes: u64,
    /// Errors from inside (a CSV reader quotes the whole bad record, hidden columns and rows
    /// included) reach a restricted caller only as a reference to the server log.
    restricted: bool,
    inner: Arc<dyn ExecutionPlan>,
    properties: Arc<PlanProperties>,
}

impl GuardExec {
    pub fn new(
        read: &ReadTable,
        inner: Arc<dyn ExecutionPlan>,
        files: Vec<Arc<dyn ExecutionPlan>>,
        listed_bytes: u64,
        log: &ScanLog,
        restricted: bool,
    ) -> Self {
        let table = read.table().to_owned();
        let columns = inner.schema().fields().iter().map(|f| f.name().clone()).collect();
        log.push(Scan { table: table.clone(), columns, files, listed_bytes });
        let properties = PlanProperties::new(
            EquivalenceProperties::new(inner.schema()),
            inner.output_partitioning().clone(),
            EmissionType::Incremental,
            Boundedness::Bounded,
        );
        Self { table, listed_bytes, restricted, inner, properties: Arc::new(properties) }
    }
}

impl DisplayAs for GuardExec {
    fn fmt_as(&self, _: DisplayFormatType, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "TarnTableScan: {}", self.table)
    }
}

impl ExecutionPlan for GuardExec {
    fn name(&self) -> &str {
        "TarnTableScan"
    }

    fn properties(&self) -> &Arc<PlanProperties> {
        &self.properties
    }

    fn children(&self) -> Vec<&Arc<dyn ExecutionPlan>> {
        vec![]
    }

    fn apply_expressions(
        &self,
        _: &mut dyn FnMut(&Arc<dyn PhysicalExpr>) -> DfResult<TreeNodeRecursion>,
    ) -> DfResult<TreeNodeRecursion> {
        Ok(TreeNodeRecursion::Continue)
    }

    fn replace_children(
        self: Arc<Self>,
        _: Vec<Arc<dyn ExecutionPlan>>,
        _: ReplaceChildrenOptions,
    ) -> DfResult<Arc<dyn ExecutionPlan>> {
        Ok(self)
    }

    fn with_new_children(self: Arc<Self>, children: Vec<Arc<dyn ExecutionPlan>>) -> DfResult<Arc<dyn ExecutionPlan>> {
        self.replace_children(children, ReplaceChildrenOptions::new(ChildrenPropertiesMode::Recompute))
    }

    fn statistics_from_inputs(&self, _: &[Arc<Statistics>], args: &StatisticsArgs) -> DfResult<Arc<Statistics>> {
        let partitions = self.properties.partitioning.partition_count().max(1) as u64;
        let bytes = match args.partition() {
            None => self.listed_bytes,
            Some(_) => self.listed_bytes / partitions,
        };
        let mut statistics = Statistics::new_unknown(&self.inner.schema());
        statistics.total_byte_size = Precision::Inexact(bytes as usize);
        Ok(Arc::new(statistics))
    }

    fn execute(&self, partition: usize, context: Arc<TaskContext>) -> DfResult<SendableRecordBatchStream> {
        let stream = self.inner.execute(partition, context)?;
        if !self.restricted {
            return Ok(stream);
        }
        let (schema, table) = (stream.schema(), self.table.clone());
        let masked = stream.map(move |item| item.map_err(|e| mask(&table, e)));
        Ok(Box::pin(RecordBatchStreamAdapter::new(schema, masked)))
    }
}
