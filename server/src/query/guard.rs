//! The boundary between a table's secured scan and the rest of a query. To the planner and
//! the optimizers it is a leaf: nothing above it can be pushed into it (no query predicate
//! runs before the row filter), it reports no statistics (no count or min/max answered from
//! file metadata that covers hidden rows), and `EXPLAIN` shows its name, not its files or
//! filters.

use std::fmt;
use std::sync::{Arc, Mutex};

use datafusion::common::Result as DfResult;
use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::execution::{SendableRecordBatchStream, TaskContext};
use datafusion::physical_expr::{EquivalenceProperties, PhysicalExpr};
use datafusion::physical_plan::execution_plan::{
    Boundedness, ChildrenPropertiesMode, EmissionType, ReplaceChildrenOptions,
};
use datafusion::physical_plan::{DisplayAs, DisplayFormatType, ExecutionPlan, ExecutionPlanProperties, PlanProperties};

use crate::authz::capability::ReadTable;

/// What the scans of one query read, for its record: filled as tables are planned.
#[derive(Debug, Clone, Default)]
pub struct ScanLog(Arc<Mutex<Vec<Scan>>>);

#[derive(Debug)]
struct Scan {
    files: Vec<Arc<dyn ExecutionPlan>>,
    listed_bytes: u64,
}

impl ScanLog {
    fn push(&self, scan: Scan) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(scan);
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

#[derive(Debug)]
pub struct GuardExec {
    table: String,
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
    ) -> Self {
        log.push(Scan { files, listed_bytes });
        let properties = PlanProperties::new(
            EquivalenceProperties::new(inner.schema()),
            inner.output_partitioning().clone(),
            EmissionType::Incremental,
            Boundedness::Bounded,
        );
        Self { table: read.table().to_owned(), inner, properties: Arc::new(properties) }
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

    fn execute(&self, partition: usize, context: Arc<TaskContext>) -> DfResult<SendableRecordBatchStream> {
        self.inner.execute(partition, context)
    }
}
