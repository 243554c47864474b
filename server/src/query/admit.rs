//! Which of a table's files a caller's row filter admits whole, excludes whole or splits,
//! proved from what is known of each file before reading it: its Parquet footer statistics and
//! its partition values. A file admitted whole holds no row the caller may not read, so the
//! query's own filters (static, TopK and join filters) may prune it as in plain DataFusion; a
//! file excluded whole is not read at all; a split file is read only behind the opaque guard.
//! Each file's rows still pass the row filter: the proof decides what may prune, never what is
//! returned, so a footer whose statistics are wrong cannot show a hidden row.

use std::sync::Arc;

use datafusion::arrow::datatypes::SchemaRef;
use datafusion::catalog::Session;
use datafusion::common::pruning::PrunableStatistics;
use datafusion::common::stats::Precision;
use datafusion::common::{ColumnStatistics, DFSchema, ScalarValue, Statistics};
use datafusion::logical_expr::{Between, BinaryExpr, Expr, Operator, expr::InList, lit};
use datafusion::physical_optimizer::pruning::{PruningPredicate, PruningPredicateBuilder};

/// What a row filter does to one file, as far as its statistics tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Every row passes the filter.
    Admitted,
    /// No row passes.
    Excluded,
    /// Some may pass, or nothing is known.
    Split,
}

/// A row filter, ready to be checked against files' statistics.
pub struct RowFilterProof {
    /// Can any row pass? (false: excluded)
    passes: Option<Arc<PruningPredicate>>,
    /// Can any row fail? (false: admitted)
    fails: Option<Arc<PruningPredicate>>,
    schema: SchemaRef,
}

impl RowFilterProof {
    /// `schema` is the table's full schema (data columns, then partition keys), the one
    /// `row_filter` is written against. A filter the pruning machinery cannot read proves
    /// nothing: every file is then [`Verdict::Split`].
    pub fn new(state: &dyn Session, row_filter: &Expr, schema: SchemaRef) -> Self {
        let predicate = |expr: Expr| {
            let df_schema = DFSchema::try_from(schema.as_ref().clone()).ok()?;
            let physical = state.create_physical_expr(expr, &df_schema).ok()?;
            PruningPredicateBuilder::new().with_file_schema(schema.clone()).build(physical)
        };
        Self { passes: predicate(row_filter.clone()), fails: rejected(row_filter).and_then(predicate), schema }
    }

    /// One verdict per file. `statistics` are over the full schema (see [`full_statistics`]);
    /// `None` where a file has none (CSV, JSON, Avro).
    pub fn verdicts(&self, statistics: &[Option<Arc<Statistics>>]) -> Vec<Verdict> {
        let known: Vec<Arc<Statistics>> = statistics.iter().flatten().cloned().collect();
        let prunable = PrunableStatistics::new(known, self.schema.clone());
        let check = |p: &Option<Arc<PruningPredicate>>| p.as_ref().and_then(|p| p.prune(&prunable).ok());
        // `prune` answers "may match" per container; false is a proof that nothing matches.
        let (passes, fails) = (check(&self.passes), check(&self.fails));
        let mut known_index = 0;
        statistics
            .iter()
            .map(|s| {
                if s.is_none() {
                    return Verdict::Split;
                }
                let i = known_index;
                known_index += 1;
                if passes.as_ref().is_some_and(|p| !p[i]) {
                    Verdict::Excluded
                } else if fails.as_ref().is_some_and(|f| !f[i]) {
                    Verdict::Admitted
                } else {
                    Verdict::Split
                }
            })
            .collect()
    }
}

/// A file's statistics over the full schema: its own columns from its footer, and each
/// partition key as the one value it has in that file.
pub fn full_statistics(file: &Statistics, partition_values: &[ScalarValue]) -> Statistics {
    let mut columns = file.column_statistics.clone();
    columns.extend(partition_values.iter().map(|value| {
        match value.is_null() {
            true => ColumnStatistics::new_unknown(),
            false => ColumnStatistics::new_unknown()
                .with_min_value(Precision::Exact(value.clone()))
                .with_max_value(Precision::Exact(value.clone()))
                .with_null_count(Precision::Exact(0)),
        }
    }));
    Statistics { num_rows: file.num_rows, total_byte_size: file.total_byte_size, column_statistics: columns }
}

/// An expression true exactly for the rows `filter` does not admit (where it is false or
/// null), when one can be written with comparisons the pruning machinery understands.
fn rejected(filter: &Expr) -> Option<Expr> {
    match filter {
        Expr::BinaryExpr(BinaryExpr { left, op: Operator::And, right }) => Some(rejected(left)?.or(rejected(right)?)),
        Expr::BinaryExpr(BinaryExpr { left, op: Operator::Or, right }) => Some(rejected(left)?.and(rejected(right)?)),
        Expr::BinaryExpr(BinaryExpr { left, op, right }) if is_comparison(*op) => {
            let negated = op.negate()?;
            let opposite = Expr::BinaryExpr(BinaryExpr::new(left.clone(), negated, right.clone()));
            Some(or_null(or_null(opposite, left), right))
        }
        Expr::Between(Between { expr, negated: false, low, high }) => {
            let expr = expr.as_ref().clone();
            let below = expr.clone().lt(low.as_ref().clone());
            let above = expr.clone().gt(high.as_ref().clone());
            Some(or_null(or_null(or_null(below.or(above), &expr), low), high))
        }
        Expr::InList(InList { expr, list, negated: false }) if list.iter().all(is_non_null_literal) => {
            let expr = expr.as_ref().clone();
            Some(expr.clone().in_list(list.clone(), true).or(expr.is_null()))
        }
        Expr::IsNull(expr) => Some(expr.as_ref().clone().is_not_null()),
        Expr::IsNotNull(expr) => Some(expr.as_ref().clone().is_null()),
        Expr::Literal(ScalarValue::Boolean(Some(true)), _) => Some(lit(false)),
        _ => None,
    }
}

/// `rejected` or'ed with "`operand` is null", which a non-null literal never is.
fn or_null(rejected: Expr, operand: &Expr) -> Expr {
    match operand {
        Expr::Literal(value, _) if value.is_null() => lit(true),
        Expr::Literal(..) => rejected,
        other => rejected.or(other.clone().is_null()),
    }
}

fn is_comparison(op: Operator) -> bool {
    use Operator::*;
    matches!(op, Eq | NotEq | Lt | LtEq | Gt | GtEq)
}

fn is_non_null_literal(expr: &Expr) -> bool {
    matches!(expr, Expr::Literal(value, _) if !value.is_null())
}

#[cfg(test)]
mod tests {
    use datafusion::arrow::datatypes::{DataType, Field, Schema};
    use datafusion::logical_expr::col;
    use datafusion::prelude::SessionContext;

    use super::*;

    fn schema() -> SchemaRef {
        Arc::new(Schema::new(vec![
            Field::new("amount", DataType::Float64, true),
            Field::new("region", DataType::Utf8, true),
        ]))
    }

    fn file(min: f64, max: f64, nulls: usize, region: &str) -> Option<Arc<Statistics>> {
        let amount = ColumnStatistics::new_unknown()
            .with_min_value(Precision::Exact(ScalarValue::Float64(Some(min))))
            .with_max_value(Precision::Exact(ScalarValue::Float64(Some(max))))
            .with_null_count(Precision::Exact(nulls));
        let file = Statistics {
            num_rows: Precision::Exact(100),
            total_byte_size: Precision::Absent,
            column_statistics: vec![amount],
        };
        Some(Arc::new(full_statistics(&file, &[ScalarValue::Utf8(Some(region.into()))])))
    }

    fn verdicts(filter: Expr, files: &[Option<Arc<Statistics>>]) -> Vec<Verdict> {
        let context = SessionContext::new();
        RowFilterProof::new(&context.state(), &filter, schema()).verdicts(files)
    }

    #[test]
    fn comparisons_admit_exclude_or_split_by_min_max_and_nulls() {
        let files = [
            file(0.0, 10.0, 0, "EU"),
            file(-5.0, -1.0, 0, "EU"),
            file(-1.0, 1.0, 0, "EU"),
            file(1.0, 2.0, 3, "EU"),
            None,
        ];
        let got = verdicts(col("amount").gt_eq(lit(0.0)), &files);
        use Verdict::*;
        assert_eq!(got, vec![Admitted, Excluded, Split, Split, Split]);
    }

    #[test]
    fn partition_values_decide_filters_on_keys() {
        use Verdict::*;
        let files = [file(0.0, 1.0, 0, "EU"), file(0.0, 1.0, 0, "US"), file(0.0, 10.0, 0, "US")];
        let eu = col("region").eq(lit("EU"));
        assert_eq!(verdicts(eu.clone(), &files), vec![Admitted, Excluded, Excluded]);
        // an OR of filters admits what either admits whole, and excludes what both exclude
        let union = eu.or(col("amount").gt_eq(lit(5.0)));
        assert_eq!(verdicts(union, &files), vec![Admitted, Excluded, Split]);
        let both = col("region").in_list(vec![lit("EU"), lit("US")], false);
        assert_eq!(verdicts(both, &files), vec![Admitted, Admitted, Admitted]);
    }

    #[test]
    fn a_filter_the_statistics_cannot_read_proves_nothing() {
        let files = [file(0.0, 10.0, 0, "EU")];
        let opaque = col("region").like(lit("E%"));
        assert_eq!(verdicts(opaque, &files), vec![Verdict::Split]);
    }
}
