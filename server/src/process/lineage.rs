//! Column lineage from a DataFusion logical plan: for each output column, the catalog columns
//! it is computed from, directly (identity, transformation, aggregation), and for the whole
//! relation the columns that decide which rows exist or how they are arranged (filter, join,
//! group by, sort, window). Steps are views, so a write's plan reaches back through every
//! step to the catalog tables it reads.

use std::collections::BTreeMap;

use datafusion::common::{Column, DFSchema};
use datafusion::logical_expr::{Expr, LogicalPlan};

/// A catalog column: (database, table, column).
pub type Source = (String, String, String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Direct {
    Identity,
    Transformation,
    Aggregation,
}

impl Direct {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Identity => "identity",
            Self::Transformation => "transformation",
            Self::Aggregation => "aggregation",
        }
    }

    /// A value computed from a value: identity only when both steps are.
    fn then(self, next: Direct) -> Direct {
        self.max(next)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Indirect {
    Filter,
    Join,
    GroupBy,
    Sort,
    Window,
}

impl Indirect {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Filter => "filter",
            Self::Join => "join",
            Self::GroupBy => "group_by",
            Self::Sort => "sort",
            Self::Window => "window",
        }
    }
}

/// The lineage of a relation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lineage {
    /// Per output column (in order): its sources and how.
    pub columns: Vec<BTreeMap<Source, Direct>>,
    /// Columns that shape the whole relation.
    pub indirect: BTreeMap<Source, Indirect>,
}

impl Lineage {
    /// Every catalog table the relation reads.
    pub fn tables(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .columns
            .iter()
            .flat_map(|c| c.keys())
            .chain(self.indirect.keys())
            .map(|(d, t, _)| (d.clone(), t.clone()))
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

/// The lineage of `plan`; `tables` names the catalog tables seen in scans.
pub fn of(plan: &LogicalPlan) -> Lineage {
    let mut tables = Vec::new();
    let mut lineage = walk(plan, &mut tables);
    // A table read only to decide which rows exist still feeds the output.
    for (database, table) in tables {
        if !lineage.tables().contains(&(database.clone(), table.clone())) {
            lineage.indirect.insert((database, table, String::new()), Indirect::Filter);
        }
    }
    lineage
}

fn sources_of(expr: &Expr, schema: &DFSchema, input: &Lineage) -> BTreeMap<Source, Direct> {
    let mut out = BTreeMap::new();
    for column in expr.column_refs() {
        if let Some(i) = index(schema, column)
            && let Some(sources) = input.columns.get(i)
        {
            for (source, kind) in sources {
                let entry = out.entry(source.clone()).or_insert(*kind);
                *entry = (*entry).max(*kind);
            }
        }
    }
    out
}

fn index(schema: &DFSchema, column: &Column) -> Option<usize> {
    schema.maybe_index_of_column(column).or_else(|| schema.index_of_column_by_name(None, &column.name))
}

fn is_plain_column(expr: &Expr) -> bool {
    match expr {
        Expr::Column(_) => true,
        Expr::Alias(alias) => is_plain_column(&alias.expr),
        _ => false,
    }
}

fn add_indirect(lineage: &mut Lineage, exprs: &[&Expr], schema: &DFSchema, input: &Lineage, kind: Indirect) {
    for expr in exprs {
        for source in sources_of(expr, schema, input).into_keys() {
            lineage.indirect.entry(source).or_insert(kind);
        }
    }
}

fn derived(expr: &Expr, schema: &DFSchema, input: &Lineage, how: Direct) -> BTreeMap<Source, Direct> {
    let step = if is_plain_column(expr) { Direct::Identity } else { how };
    sources_of(expr, schema, input).into_iter().map(|(s, k)| (s, k.then(step))).collect()
}

fn scan_lineage(scan: &datafusion::logical_expr::TableScan, tables: &mut Vec<(String, String)>) -> Lineage {
    let full = match scan.source.get_logical_plan() {
        Some(view) => walk(&view, tables),
        None => {
            let (database, table) = match &scan.table_name {
                datafusion::common::TableReference::Full { schema, table, .. }
                | datafusion::common::TableReference::Partial { schema, table } => {
                    (schema.to_string(), table.to_string())
                }
                datafusion::common::TableReference::Bare { table } => (String::new(), table.to_string()),
            };
            tables.push((database.clone(), table.clone()));
            let schema = scan.source.schema();
            let columns = schema
                .fields()
                .iter()
                .map(|f| BTreeMap::from([((database.clone(), table.clone(), f.name().clone()), Direct::Identity)]))
                .collect();
            Lineage { columns, indirect: BTreeMap::new() }
        }
    };
    let columns = match &scan.projection {
        Some(indices) => indices.iter().map(|i| full.columns.get(*i).cloned().unwrap_or_default()).collect(),
        None => full.columns.clone(),
    };
    let mut out = Lineage { columns, indirect: full.indirect.clone() };
    let filters: Vec<&Expr> = scan.filters.iter().collect();
    // Pushed-down filters name the source's columns, projected or not.
    if let Ok(source) = DFSchema::try_from_qualified_schema(scan.table_name.clone(), &scan.source.schema()) {
        let unprojected = Lineage { columns: full.columns, ..Lineage::default() };
        add_indirect(&mut out, &filters, &source, &unprojected, Indirect::Filter);
    }
    out
}

fn join_lineage(j: &datafusion::logical_expr::Join, plan: &LogicalPlan, tables: &mut Vec<(String, String)>) -> Lineage {
    let (left, right) = (walk(&j.left, tables), walk(&j.right, tables));
    let mut both = Lineage { columns: left.columns.clone(), indirect: left.indirect.clone() };
    both.columns.extend(right.columns.iter().cloned());
    both.indirect.extend(right.indirect.clone());
    let mut keys: Vec<&Expr> = j.on.iter().flat_map(|(l, r)| [l, r]).collect();
    keys.extend(j.filter.iter());
    let combined = j.left.schema().join(j.right.schema()).unwrap_or_else(|_| j.left.schema().as_ref().clone());
    let mut out = both.clone();
    add_indirect(&mut out, &keys, &combined, &both, Indirect::Join);
    // Semi and anti joins output one side only.
    let width = plan.schema().fields().len();
    if width == left.columns.len() && width != out.columns.len() {
        out.columns.truncate(width);
    } else if width == right.columns.len() && width != out.columns.len() {
        out.columns = right.columns;
    }
    out
}

fn walk(plan: &LogicalPlan, tables: &mut Vec<(String, String)>) -> Lineage {
    match plan {
        LogicalPlan::TableScan(scan) => scan_lineage(scan, tables),
        LogicalPlan::Projection(p) => {
            let input = walk(&p.input, tables);
            let columns = p.expr.iter().map(|e| derived(e, p.input.schema(), &input, Direct::Transformation)).collect();
            Lineage { columns, indirect: input.indirect }
        }
        LogicalPlan::Filter(f) => {
            let input = walk(&f.input, tables);
            let mut out = input.clone();
            add_indirect(&mut out, &[&f.predicate], f.input.schema(), &input, Indirect::Filter);
            out
        }
        LogicalPlan::Aggregate(a) => {
            let input = walk(&a.input, tables);
            let mut columns: Vec<_> =
                a.group_expr.iter().map(|e| derived(e, a.input.schema(), &input, Direct::Transformation)).collect();
            columns.extend(a.aggr_expr.iter().map(|e| {
                sources_of(e, a.input.schema(), &input).into_keys().map(|s| (s, Direct::Aggregation)).collect()
            }));
            let mut out = Lineage { columns, indirect: input.indirect.clone() };
            let groups: Vec<&Expr> = a.group_expr.iter().collect();
            add_indirect(&mut out, &groups, a.input.schema(), &input, Indirect::GroupBy);
            out
        }
        LogicalPlan::Window(w) => {
            let input = walk(&w.input, tables);
            let mut out = input.clone();
            for e in &w.window_expr {
                out.columns.push(
                    sources_of(e, w.input.schema(), &input).into_keys().map(|s| (s, Direct::Aggregation)).collect(),
                );
            }
            let exprs: Vec<&Expr> = w.window_expr.iter().collect();
            add_indirect(&mut out, &exprs, w.input.schema(), &input, Indirect::Window);
            out
        }
        LogicalPlan::Sort(s) => {
            let input = walk(&s.input, tables);
            let mut out = input.clone();
            let exprs: Vec<&Expr> = s.expr.iter().map(|e| &e.expr).collect();
            add_indirect(&mut out, &exprs, s.input.schema(), &input, Indirect::Sort);
            out
        }
        LogicalPlan::Join(j) => join_lineage(j, plan, tables),
        LogicalPlan::Union(u) => {
            let inputs: Vec<Lineage> = u.inputs.iter().map(|i| walk(i, tables)).collect();
            let mut out = Lineage::default();
            for input in inputs {
                for (i, column) in input.columns.into_iter().enumerate() {
                    if out.columns.len() <= i {
                        out.columns.push(BTreeMap::new());
                    }
                    out.columns[i].extend(column);
                }
                out.indirect.extend(input.indirect);
            }
            out
        }
        other => {
            let inputs: Vec<Lineage> = other.inputs().into_iter().map(|i| walk(i, tables)).collect();
            let width = other.schema().fields().len();
            match inputs.as_slice() {
                [single] if single.columns.len() == width => single.clone(),
                _ => {
                    // A node whose columns cannot be followed one by one: every output column
                    // comes from every input column.
                    let mut all = BTreeMap::new();
                    let mut indirect = BTreeMap::new();
                    for input in &inputs {
                        for column in &input.columns {
                            all.extend(column.keys().map(|s| (s.clone(), Direct::Transformation)));
                        }
                        indirect.extend(input.indirect.clone());
                    }
                    Lineage { columns: vec![all; width], indirect }
                }
            }
        }
    }
}
