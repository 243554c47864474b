//! The boundary between a table's secured scan and the rest of a query. For a caller with a
//! row filter it is a leaf to the planner and the optimizers: no query predicate, static or
//! dynamic, runs before the row filter on a row it may reject. It reports no statistics but the
//! size of its files (no count or min/max answered from file metadata that covers hidden rows),
//! and `EXPLAIN` shows its name, not its files or filters. Files the row filter provably admits
//! whole (see `admit`) sit in an open branch: the guard hands the query's filters, TopK and join
//! filters included, to their Parquet readers for pruning, since those files hold no hidden
//! row. A caller who may read every row (hidden columns are already projected away) gets the
//! guard transparent: the scan is its child, as in plain DataFusion.

use std::fmt;
use std::sync::{Arc, Mutex};

use datafusion::common::stats::Precision;
use datafusion::common::tree_node::{Transformed, TreeNode, TreeNodeRecursion};
use datafusion::common::{DataFusionError, Result as DfResult, Statistics};
use datafusion::config::ConfigOptions;
use datafusion::datasource::source::DataSourceExec;
use datafusion::execution::{SendableRecordBatchStream, TaskContext};
use datafusion::physical_expr::utils::reassign_expr_columns;
use datafusion::physical_expr::{EquivalenceProperties, PhysicalExpr};
use datafusion::physical_plan::execution_plan::{
    Boundedness, ChildrenPropertiesMode, EmissionType, ReplaceChildrenOptions,
};
use datafusion::physical_plan::filter_pushdown::{
    ChildFilterPushdownResult, ChildPushdownResult, FilterDescription, FilterPushdownPhase, FilterPushdownPropagation,
    PushedDown,
};
use datafusion::physical_plan::statistics::StatisticsArgs;
use datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use datafusion::physical_plan::union::UnionExec;
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
    branches: Vec<Branch>,
    /// What runs: the one branch, or the union of them.
    inner: Arc<dyn ExecutionPlan>,
    properties: Arc<PlanProperties>,
    log: ScanLog,
    index: usize,
}

/// A secured scan of some of a table's files.
#[derive(Debug, Clone)]
pub struct Branch {
    pub plan: Arc<dyn ExecutionPlan>,
    /// Every row of its files passes the row filter: the query's filters may prune them.
    pub open: bool,
}

fn union_of(branches: &[Branch]) -> DfResult<Arc<dyn ExecutionPlan>> {
    match branches {
        [one] => Ok(one.plan.clone()),
        many => UnionExec::try_new(many.iter().map(|b| b.plan.clone()).collect()),
    }
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
    /// `branches` (at least one) all have the same schema; a transparent guard has one.
    pub fn new(
        read: &ReadTable,
        branches: Vec<Branch>,
        listed_bytes: u64,
        log: &ScanLog,
        mode: GuardMode,
    ) -> DfResult<Self> {
        let inner = union_of(&branches)?;
        let table = read.table().to_owned();
        let columns = inner.schema().fields().iter().map(|f| f.name().clone()).collect();
        let index = log.push(Scan { table: table.clone(), columns, executed: None, listed_bytes });
        Ok(Self {
            properties: properties_of(&inner),
            table,
            listed_bytes,
            restricted: mode.restricted,
            transparent: mode.transparent,
            branches,
            inner,
            log: log.clone(),
            index,
        })
    }

    fn with_branches(&self, branches: Vec<Branch>) -> DfResult<Self> {
        let inner = union_of(&branches)?;
        Ok(GuardExec {
            table: self.table.clone(),
            listed_bytes: self.listed_bytes,
            restricted: self.restricted,
            transparent: self.transparent,
            properties: properties_of(&inner),
            branches,
            inner,
            log: self.log.clone(),
            index: self.index,
        })
    }
}

/// `filters` (over the guard's output) handed to every Parquet reader in `plan`, for pruning.
fn push_into_scans(
    plan: &Arc<dyn ExecutionPlan>,
    filters: &[Arc<dyn PhysicalExpr>],
    phase: FilterPushdownPhase,
    config: &ConfigOptions,
) -> DfResult<Arc<dyn ExecutionPlan>> {
    let pushed = Arc::clone(plan).transform_up(|node| {
        if node.downcast_ref::<DataSourceExec>().is_none() {
            return Ok(Transformed::no(node));
        }
        let schema = node.schema();
        // A scan reads the guard's columns under the same names (the pushed filters name no other).
        let parent_filters = filters
            .iter()
            .filter_map(|f| reassign_expr_columns(Arc::clone(f), &schema).ok())
            .map(|filter| ChildFilterPushdownResult { filter, child_results: vec![] })
            .collect();
        let result = ChildPushdownResult { parent_filters, self_filters: vec![] };
        Ok(match node.handle_child_pushdown_result(phase, result, config)?.updated_node {
            Some(updated) => Transformed::yes(updated),
            None => Transformed::no(node),
        })
    })?;
    Ok(pushed.data)
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
        let plan = children.swap_remove(0);
        Ok(Arc::new(self.with_branches(vec![Branch { plan, open: false }])?))
    }

    fn gather_filters_for_pushdown(
        &self,
        _: FilterPushdownPhase,
        parent_filters: Vec<Arc<dyn PhysicalExpr>>,
        _: &ConfigOptions,
    ) -> DfResult<FilterDescription> {
        // When opaque, a leaf: the filters come back in `handle_child_pushdown_result`.
        FilterDescription::from_children(parent_filters, &self.children())
    }

    /// Transparent: the child's answer. Opaque: open branches get the filters for pruning; the
    /// parent always keeps and applies its filters itself.
    fn handle_child_pushdown_result(
        &self,
        phase: FilterPushdownPhase,
        result: ChildPushdownResult,
        config: &ConfigOptions,
    ) -> DfResult<FilterPushdownPropagation<Arc<dyn ExecutionPlan>>> {
        if self.transparent {
            return Ok(FilterPushdownPropagation::if_all(result));
        }
        let kept = vec![PushedDown::No; result.parent_filters.len()];
        let filters: Vec<_> = result.parent_filters.into_iter().map(|f| f.filter).collect();
        if filters.is_empty() || !self.branches.iter().any(|b| b.open) {
            return Ok(FilterPushdownPropagation::with_parent_pushdown_result(kept));
        }
        let branches = self
            .branches
            .iter()
            .map(|branch| match branch.open {
                // Pruning is an optimization: a scan that cannot take the filters reads all.
                true => match push_into_scans(&branch.plan, &filters, phase, config) {
                    Ok(plan) => Branch { plan, open: true },
                    Err(_) => branch.clone(),
                },
                false => branch.clone(),
            })
            .collect::<Vec<_>>();
        let updated: Arc<dyn ExecutionPlan> = Arc::new(self.with_branches(branches)?);
        Ok(FilterPushdownPropagation::with_parent_pushdown_result(kept).with_updated_node(updated))
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
