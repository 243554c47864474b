//! The boundary between a table's secured scan and the rest of a query. For a caller with a
//! row filter it is a leaf to the planner and the optimizers: nothing above it can be pushed
//! into it (no query predicate, static or dynamic, runs before the row filter), it reports no
//! statistics but the size of its files (no count or min/max answered from file metadata that
//! covers hidden rows), and `EXPLAIN` shows its name, not its files or filters. A caller who
//! may read every row (hidden columns are already projected away) gets it transparent: the
//! scan is its child, so the query's filters, including TopK and join dynamic filters, reach
//! the Parquet reader as in plain DataFusion.

use std::fmt;
use std::sync::{Arc, Mutex};

use datafusion::common::stats::Precision;
use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::common::{DataFusionError, Result as DfResult, Statistics};
use datafusion::config::ConfigOptions;
use datafusion::execution::{SendableRecordBatchStream, TaskContext};
use datafusion::physical_expr::{EquivalenceProperties, PhysicalExpr};
use datafusion::physical_plan::execution_plan::{
    Boundedness, ChildrenPropertiesMode, EmissionType, ReplaceChildrenOptions,
};
use datafusion::physical_plan::filter_pushdown::{FilterDescription, FilterPushdownPhase};
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
    /// The scan as it finally ran (optimizers may have rebuilt it), once executed.
    executed: Option<Arc<dyn ExecutionPlan>>,
    listed_bytes: u64,
}

impl ScanLog {
    fn push(&self, scan: Scan) -> usize {
        let mut scans = self.0.lock().unwrap_or_else(|p| p.into_inner());
        scans.push(scan);
        scans.len() - 1
    }

    fn executed(&self, index: usize, plan: &Arc<dyn ExecutionPlan>) {
        let mut scans = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(scan) = scans.get_mut(index)
            && scan.executed.is_none()
        {
            scan.executed = Some(plan.clone());
        }
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
                let counted = scan.executed.as_ref().and_then(|plan| counted_bytes(plan.as_ref()));
                counted.map_or(scan.listed_bytes, |b| b as u64)
            })
            .sum()
    }
}

/// The `bytes_scanned` metrics of every node in `plan`, if any keeps one.
fn counted_bytes(plan: &dyn ExecutionPlan) -> Option<usize> {
    let own = plan.metrics().and_then(|m| m.sum_by_name("bytes_scanned")).map(|v| v.as_usize());
    plan.children().into_iter().filter_map(|c| counted_bytes(c.as_ref())).chain(own).reduce(|a, b| a + b)
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
    /// No row filter: the scan is shown to the optimizers as this node's child.
    transparent: bool,
    inner: Arc<dyn ExecutionPlan>,
    properties: Arc<PlanProperties>,
    log: ScanLog,
    index: usize,
}

/// How a guard treats its scan: what it tells, and what it shows.
#[derive(Debug, Clone, Copy)]
pub struct GuardMode {
    /// Some column or row is withheld: errors from inside are masked.
    pub restricted: bool,
    /// No row filter: the scan is open to the optimizers.
    pub transparent: bool,
}

impl GuardExec {
    pub fn new(
        read: &ReadTable,
        inner: Arc<dyn ExecutionPlan>,
        listed_bytes: u64,
        log: &ScanLog,
        mode: GuardMode,
    ) -> Self {
        let table = read.table().to_owned();
        let columns = inner.schema().fields().iter().map(|f| f.name().clone()).collect();
        let index = log.push(Scan { table: table.clone(), columns, executed: None, listed_bytes });
        Self {
            properties: properties_of(&inner),
            table,
            listed_bytes,
            restricted: mode.restricted,
            transparent: mode.transparent,
            inner,
            log: log.clone(),
            index,
        }
    }
}

fn properties_of(inner: &Arc<dyn ExecutionPlan>) -> Arc<PlanProperties> {
    Arc::new(PlanProperties::new(
        EquivalenceProperties::new(inner.schema()),
        inner.output_partitioning().clone(),
        EmissionType::Incremental,
        Boundedness::Bounded,
    ))
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
        if self.transparent { vec![&self.inner] } else { vec![] }
    }

    fn apply_expressions(
        &self,
        _: &mut dyn FnMut(&Arc<dyn PhysicalExpr>) -> DfResult<TreeNodeRecursion>,
    ) -> DfResult<TreeNodeRecursion> {
        Ok(TreeNodeRecursion::Continue)
    }

    fn replace_children(
        self: Arc<Self>,
        mut children: Vec<Arc<dyn ExecutionPlan>>,
        _: ReplaceChildrenOptions,
    ) -> DfResult<Arc<dyn ExecutionPlan>> {
        if !self.transparent || children.len() != 1 {
            return Ok(self);
        }
        let inner = children.swap_remove(0);
        Ok(Arc::new(GuardExec {
            table: self.table.clone(),
            listed_bytes: self.listed_bytes,
            restricted: self.restricted,
            transparent: true,
            properties: properties_of(&inner),
            inner,
            log: self.log.clone(),
            index: self.index,
        }))
    }

    fn gather_filters_for_pushdown(
        &self,
        _: FilterPushdownPhase,
        parent_filters: Vec<Arc<dyn PhysicalExpr>>,
        _: &ConfigOptions,
    ) -> DfResult<FilterDescription> {
        // Only reached when transparent: a leaf has no children to pass filters to.
        FilterDescription::from_children(parent_filters, &self.children())
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
        self.log.executed(self.index, &self.inner);
        let stream = self.inner.execute(partition, context)?;
        if !self.restricted {
            return Ok(stream);
        }
        let (schema, table) = (stream.schema(), self.table.clone());
        let masked = stream.map(move |item| item.map_err(|e| mask(&table, e)));
        Ok(Box::pin(RecordBatchStreamAdapter::new(schema, masked)))
    }
}
