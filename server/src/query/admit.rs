//! Which of a table's files a caller's row filter admits whole, excludes whole or splits,
//! proved from what is known of each file before reading it: its Parquet footer statistics and
//! its partition values. A file admitted whole holds no row the caller may not read, so it is
//! read as for a caller without a row filter: the query's own filters (static, TopK and join
//! filters) prune it as in plain DataFusion. A file excluded whole is not read at all; a split
//! file is read behind the row filter, inside the opaque guard.
//!
//! The proof trusts only exact bounds and null counts, as the file's writer recorded them with
//! its rows (a writer could only misstate its own rows, never reveal another file's), and never
//! floating-point bounds: Parquet leaves NaN out of min/max, and Arrow orders NaN above and -NaN
//! below every number. In a split file the row filter is always evaluated on values read from
//! the file, never on a column the reader would take as a constant from the footer (see
//! [`for_reading`]).

use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, Schema, SchemaRef};
use datafusion::catalog::Session;
use datafusion::common::pruning::PrunableStatistics;
use datafusion::common::stats::Precision;
use datafusion::common::{ColumnStatistics, DFSchema, ScalarValue, Statistics};
use datafusion::logical_expr::{Between, BinaryExpr, Expr, Operator, expr::InList, lit};
use datafusion::parquet::file::metadata::ParquetMetaData;
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

/// A file's statistics over the full schema, for the proof: its own columns from its footer
/// (`file_schema`'s), bounds only of [`provable_type`]s, and each partition key as the one
/// value it has in that file.
pub fn full_statistics(file: &Statistics, file_schema: &Schema, partition_values: &[ScalarValue]) -> Statistics {
    let mut columns: Vec<ColumnStatistics> = file
        .column_statistics
        .iter()
        .zip(file_schema.fields())
        .map(|(column, field)| match provable_type(field.data_type()) {
            true => column.clone(),
            false => ColumnStatistics { min_value: Precision::Absent, max_value: Precision::Absent, ..column.clone() },
        })
        .collect();
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

/// Types whose footer bounds are the bounds of the values read: not floats (NaN is left out of
/// them), not timestamps (a file without a time zone is shifted when read into a column with
/// one, its bounds are not), not unsigned integers or decimals (old writers ordered them as
/// signed or unsigned bytes the wrong way).
fn provable_type(data_type: &DataType) -> bool {
    use DataType::*;
    matches!(data_type, Int8 | Int16 | Int32 | Int64 | Utf8 | LargeUtf8 | Utf8View | Date32 | Boolean)
}

/// `file` (a footer's statistics over `file_schema`) with the bounds of a column left out
/// unless every row group holding a value of it recorded exact min and max in the current
/// format: DataFusion calls a file's bound exact when any row group's is, even if another row
/// group recorded none.
pub fn recorded_in_every_row_group(file: &Statistics, metadata: &ParquetMetaData, file_schema: &Schema) -> Statistics {
    let columns = metadata.file_metadata().schema_descr().columns();
    let mut statistics = file.clone();
    for (column, field) in statistics.column_statistics.iter_mut().zip(file_schema.fields()) {
        let index = columns.iter().position(|c| c.path().parts() == [field.name().as_str()]);
        let recorded = index.is_some_and(|i| {
            metadata.row_groups().iter().all(|group| {
                let chunk = group.column(i);
                let Some(s) = chunk.statistics() else { return false };
                let all_null = s.null_count_opt().is_some_and(|n| n == group.num_rows() as u64);
                all_null
                    || (s.min_bytes_opt().is_some()
                        && s.max_bytes_opt().is_some()
                        && s.min_is_exact()
                        && s.max_is_exact()
                        && !s.is_min_max_deprecated())
            })
        });
        if !recorded {
            column.min_value = Precision::Absent;
            column.max_value = Precision::Absent;
        }
    }
    statistics
}

/// A file's statistics as handed to its reader when a row filter applies: the bounds and null
/// count of the row filter's columns (`filtered`, indexes into the file's columns) made
/// inexact, so that the reader never replaces such a column by a constant from the footer (it
/// does when min equals max, or when every value is null) and the filter always sees the
/// values actually stored, NaN included.
pub fn for_reading(file: &Statistics, filtered: &[usize]) -> Statistics {
    let mut statistics = file.clone();
    for index in filtered {
        if let Some(column) = statistics.column_statistics.get_mut(*index) {
            column.min_value = column.min_value.clone().to_inexact();
            column.max_value = column.max_value.clone().to_inexact();
            column.null_count = column.null_count.to_inexact();
        }
    }
    statistics
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
        // Only between literals of one type: otherwise the two halves would be coerced
        // differently from the whole.
        Expr::Between(Between { expr, negated: false, low, high }) if same_literal_types(low, high) => {
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

fn same_literal_types(low: &Expr, high: &Expr) -> bool {
    match (low, high) {
        (Expr::Literal(low, _), Expr::Literal(high, _)) => {
            !low.is_null() && !high.is_null() && low.data_type() == high.data_type()
        }
        _ => false,
    }
}

fn is_non_null_literal(expr: &Expr) -> bool {
    matches!(expr, Expr::Literal(value, _) if !value.is_null())
}

#[cfg(test)]
mod tests {
    use datafusion::arrow::datatypes::Field;
    use datafusion::logical_expr::col;
    use datafusion::prelude::SessionContext;

    use super::*;

    /// The files' own columns; `region` is the partition key.
    fn file_schema() -> Schema {
        Schema::new(vec![Field::new("amount", DataType::Int64, true), Field::new("price", DataType::Float64, true)])
    }

    fn schema() -> SchemaRef {
        let mut fields: Vec<_> = file_schema().fields().iter().cloned().collect();
        fields.push(Arc::new(Field::new("region", DataType::Utf8, true)));
        Arc::new(Schema::new(fields))
    }

    fn bounds(min: ScalarValue, max: ScalarValue, nulls: usize) -> ColumnStatistics {
        ColumnStatistics::new_unknown()
            .with_min_value(Precision::Exact(min))
            .with_max_value(Precision::Exact(max))
            .with_null_count(Precision::Exact(nulls))
    }

    fn footer(min: i64, max: i64, nulls: usize) -> Statistics {
        let amount = bounds(ScalarValue::Int64(Some(min)), ScalarValue::Int64(Some(max)), nulls);
        let price = bounds(ScalarValue::Float64(Some(1.0)), ScalarValue::Float64(Some(2.0)), 0);
        Statistics {
            num_rows: Precision::Exact(100),
            total_byte_size: Precision::Absent,
            column_statistics: vec![amount, price],
        }
    }

    fn file(min: i64, max: i64, nulls: usize, region: &str) -> Option<Arc<Statistics>> {
        let region = ScalarValue::Utf8(Some(region.into()));
        Some(Arc::new(full_statistics(&footer(min, max, nulls), &file_schema(), &[region])))
    }

    fn verdicts(filter: Expr, files: &[Option<Arc<Statistics>>]) -> Vec<Verdict> {
        let context = SessionContext::new();
        RowFilterProof::new(&context.state(), &filter, schema()).verdicts(files)
    }

    #[test]
    fn comparisons_admit_exclude_or_split_by_min_max_and_nulls() {
        use Verdict::*;
        let files = [file(0, 10, 0, "EU"), file(-5, -1, 0, "EU"), file(-1, 1, 0, "EU"), file(1, 2, 3, "EU"), None];
        assert_eq!(verdicts(col("amount").gt_eq(lit(0)), &files), vec![Admitted, Excluded, Split, Split, Split]);
        let between = col("amount").between(lit(0), lit(10));
        assert_eq!(verdicts(between, &files), vec![Admitted, Excluded, Split, Split, Split]);
        // bounds of different types would be coerced differently apart than together
        let mixed = col("amount").between(lit(0), lit("10"));
        assert_eq!(verdicts(mixed, &files[..1]), vec![Split]);
    }

    #[test]
    fn partition_values_decide_filters_on_keys() {
        use Verdict::*;
        let files = [file(0, 1, 0, "EU"), file(0, 1, 0, "US"), file(0, 10, 0, "US")];
        let eu = col("region").eq(lit("EU"));
        assert_eq!(verdicts(eu.clone(), &files), vec![Admitted, Excluded, Excluded]);
        // an OR of filters admits what either admits whole, and excludes what both exclude
        let union = eu.or(col("amount").gt_eq(lit(5)));
        assert_eq!(verdicts(union, &files), vec![Admitted, Excluded, Split]);
        let both = col("region").in_list(vec![lit("EU"), lit("US")], false);
        assert_eq!(verdicts(both, &files), vec![Admitted, Admitted, Admitted]);
    }

    #[test]
    fn floating_point_bounds_and_unreadable_filters_prove_nothing() {
        // Parquet leaves NaN out of min/max: a price of NaN fails `price <= 5` (NaN sorts
        // above every number), and -NaN passes `price < 0`, whatever the bounds say.
        let files = [file(0, 10, 0, "EU")];
        for filter in [col("price").lt_eq(lit(5.0)), col("price").lt(lit(0.0)), col("region").like(lit("E%"))] {
            assert_eq!(verdicts(filter.clone(), &files), vec![Verdict::Split], "{filter}");
        }
    }

    #[test]
    fn the_reader_gets_no_exact_bounds_for_the_filtered_columns() {
        let file = footer(3, 3, 0);
        let reading = for_reading(&file, &[0]);
        assert!(!reading.column_statistics[0].min_value.is_exact().unwrap_or(true));
        assert!(!reading.column_statistics[0].max_value.is_exact().unwrap_or(true));
        assert!(!reading.column_statistics[0].null_count.is_exact().unwrap_or(true));
        assert_eq!(reading.column_statistics[1], file.column_statistics[1], "other columns keep theirs");
    }

    /// A two-row-group file of `amount`, with statistics recorded or not, and its metadata.
    fn written(statistics: bool) -> (Statistics, Arc<ParquetMetaData>) {
        use datafusion::arrow::array::{Float64Array, Int64Array, RecordBatch};
        use datafusion::datasource::physical_plan::parquet::metadata::DFParquetMetadata;
        use datafusion::parquet::arrow::ArrowWriter;
        use datafusion::parquet::arrow::arrow_reader::ArrowReaderMetadata;
        use datafusion::parquet::file::properties::{EnabledStatistics, WriterProperties};
        let schema = Arc::new(file_schema());
        let enabled = if statistics { EnabledStatistics::Chunk } else { EnabledStatistics::None };
        let props =
            WriterProperties::builder().set_max_row_group_row_count(Some(2)).set_statistics_enabled(enabled).build();
        let batch = RecordBatch::try_new(
            schema.clone(),
            vec![Arc::new(Int64Array::from(vec![1, 2, 3, 4])), Arc::new(Float64Array::from(vec![1.0; 4]))],
        )
        .unwrap();
        let mut bytes = Vec::new();
        let mut writer = ArrowWriter::try_new(&mut bytes, schema.clone(), Some(props)).unwrap();
        writer.write(&batch).unwrap();
        writer.close().unwrap();
        let metadata = ArrowReaderMetadata::load(&bytes::Bytes::from(bytes), Default::default()).unwrap();
        let metadata = metadata.metadata().clone();
        let statistics = DFParquetMetadata::statistics_from_parquet_metadata(&metadata, &schema).unwrap();
        (statistics, metadata)
    }

    #[test]
    fn bounds_count_only_when_every_row_group_recorded_them() {
        let (file, metadata) = written(true);
        let kept = recorded_in_every_row_group(&file, &metadata, &file_schema());
        assert_eq!(kept.column_statistics[0].max_value, Precision::Exact(ScalarValue::Int64(Some(4))));
        let (file, metadata) = written(false);
        let kept = recorded_in_every_row_group(&file, &metadata, &file_schema());
        assert_eq!(kept.column_statistics[0].min_value, Precision::Absent);
        assert_eq!(kept.column_statistics[0].max_value, Precision::Absent);
    }
}
