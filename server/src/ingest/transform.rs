//! A stream's transform: one `SELECT ... FROM records` run over each converted buffer before it
//! is written (the use Firehose puts a Lambda to: project, filter, derive). The query sees one
//! table, `records` (the buffer's rows: the table's columns, then its partition keys), and
//! nothing else - no catalog, no files, no statements but a query. Its result is taken back
//! into the same columns by name (cast to their types; a nullable column it leaves out is
//! null), so a transform can drop rows and change values, never the table's shape.

use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, RecordBatch, new_null_array};
use datafusion::arrow::compute::{cast, concat_batches};
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::datasource::MemTable;
use datafusion::execution::context::SQLOptions;
use datafusion::prelude::{SessionConfig, SessionContext};

/// The one table a transform reads.
pub const TABLE: &str = "records";

fn options() -> SQLOptions {
    SQLOptions::new().with_allow_ddl(false).with_allow_dml(false).with_allow_statements(false)
}

/// Runs `sql` over `rows` and returns rows of `rows`' schema.
pub async fn apply(sql: &str, rows: RecordBatch) -> Result<RecordBatch, String> {
    let schema = rows.schema();
    let config = SessionConfig::new().with_target_partitions(1).with_information_schema(false);
    let ctx = SessionContext::new_with_config(config);
    let table = MemTable::try_new(schema.clone(), vec![vec![rows]]).map_err(|e| e.to_string())?;
    ctx.register_table(TABLE, Arc::new(table)).map_err(|e| e.to_string())?;
    let frame = ctx.sql_with_options(sql, options()).await.map_err(|e| e.to_string())?;
    let out_schema: SchemaRef = Arc::new(frame.schema().as_arrow().clone());
    let batches = frame.collect().await.map_err(|e| e.to_string())?;
    let out = concat_batches(&out_schema, &batches).map_err(|e| e.to_string())?;
    align(&out, &schema)
}

/// Checks `sql` against an empty buffer of `schema` (at create, so a stream never starts
/// with a transform that cannot plan).
pub async fn check(sql: &str, schema: SchemaRef) -> Result<(), String> {
    apply(sql, RecordBatch::new_empty(schema)).await.map(|_| ())
}

fn align(out: &RecordBatch, want: &SchemaRef) -> Result<RecordBatch, String> {
    let columns: Vec<ArrayRef> = want
        .fields()
        .iter()
        .map(|f| match out.column_by_name(f.name()) {
            Some(c) => {
                let c = cast(c, f.data_type()).map_err(|e| format!("column `{}`: {e}", f.name()))?;
                if !f.is_nullable() && c.null_count() > 0 {
                    return Err(format!(
                        "the transform left column `{}` null, which the table does not allow",
                        f.name()
                    ));
                }
                Ok(c)
            }
            None if f.is_nullable() => Ok(new_null_array(f.data_type(), out.num_rows())),
            None => Err(format!("the transform's result has no column `{}`", f.name())),
        })
        .collect::<Result<_, String>>()?;
    RecordBatch::try_new(want.clone(), columns).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use datafusion::arrow::array::{Int64Array, StringArray};
    use datafusion::arrow::datatypes::{DataType, Field, Schema};

    use super::*;

    fn rows() -> RecordBatch {
        let schema = Arc::new(Schema::new(vec![
            Field::new("id", DataType::Int64, false),
            Field::new("page", DataType::Utf8, true),
            Field::new("region", DataType::Utf8, false),
        ]));
        let columns: Vec<ArrayRef> = vec![
            Arc::new(Int64Array::from(vec![1, 2, 3])),
            Arc::new(StringArray::from(vec![Some("/a"), None, Some("/c")])),
            Arc::new(StringArray::from(vec!["eu", "us", "eu"])),
        ];
        RecordBatch::try_new(schema, columns).unwrap()
    }

    #[tokio::test]
    async fn a_transform_filters_and_derives_into_the_same_columns() {
        let sql = "SELECT id * 10 AS id, upper(region) AS region FROM records WHERE id <> 2";
        let out = apply(sql, rows()).await.unwrap();
        assert_eq!(out.schema(), rows().schema());
        let ids = out.column(0).as_any().downcast_ref::<Int64Array>().unwrap();
        assert_eq!(ids.values(), &[10, 30]);
        assert_eq!(out.column(1).null_count(), 2, "a nullable column left out is null");
    }

    #[tokio::test]
    async fn a_transform_reaches_nothing_but_its_records() {
        for sql in [
            "SELECT * FROM other",
            "CREATE TABLE t AS SELECT 1",
            "SELECT id FROM records",
            "SELECT NULL AS id, region FROM records",
            "SELECT * FROM 'data.parquet'",
        ] {
            assert!(apply(sql, rows()).await.is_err(), "{sql}");
        }
        assert!(check("SELECT * FROM records", rows().schema()).await.is_ok());
    }
}
