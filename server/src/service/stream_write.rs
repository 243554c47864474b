//! One delivery of a stream's buffer: the records above this log's checkpoint converted by
//! the table's schema, the ones that fail written into the error table (first, with their
//! own checkpoint), the rest into the table with the table checkpoint and the delivered
//! idempotency keys, each in one commit through the governed write path, as the stream's
//! owner (authorized now: grants may have changed since the stream was made).

use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::datatypes::Field;

use super::ServiceError;
use super::stream_delivery::{Deliveries, answer};
use super::tables::{ColumnInput, TableInput, Tables};
use super::writes::{Replace, base_location};
use crate::authz::visible::{column_names, table_target};
use crate::domain::principal::Principal;
use crate::domain::stream::{Output, RecordFailure, Stream};
use crate::domain::table::{Format, Table, Zone};
use crate::ingest::buffer::Taken;
use crate::ingest::convert::{self, Failed, Layout, Pending};
use crate::ingest::{lines, transform};
use crate::storage::PartitionPath;
use crate::store::streams::{self, Delivery};
use crate::store::tables;

/// The error table's columns, as [`convert::error_schema`] has them.
pub fn error_table_input(zone: Zone) -> TableInput {
    let column = |name: &str, data_type: &str| ColumnInput {
        name: name.to_owned(),
        data_type: data_type.to_owned(),
        nullable: false,
        description: None,
        sensitivity: None,
    };
    TableInput {
        description: Some("Records of a delivery stream that could not be delivered, with why".to_owned()),
        zone,
        format: Format::Parquet,
        columns: vec![
            column("stream", "utf8"),
            column("log_position", "int64"),
            column("record_index", "int32"),
            column("arrival_time", "timestamp(us, UTC)"),
            column("error_kind", "utf8"),
            column("error_message", "utf8"),
            column("raw", "utf8"),
            column("raw_encoding", "utf8"),
        ],
        ..TableInput::default()
    }
}

fn layout(stream: &Stream, table: &Table) -> Layout {
    let keys = table
        .definition
        .partition_keys
        .iter()
        .map(|k| Field::new(k.name.as_str(), crate::query::schema::to_arrow(&k.data_type, false), true))
        .collect();
    Layout {
        columns: crate::query::schema::file_schema(&table.definition),
        keys,
        timestamp_field: stream.definition.timestamp_field.clone(),
        max_active_partitions: stream.definition.max_active_partitions as usize,
        folder_name: |v| crate::storage::paths::check_partition_value(v).map_err(|e| e.to_string()),
    }
}

/// What a stream's transform reads as `records`: the table's columns, then its partition
/// keys as text (as [`convert::convert`] makes them).
pub fn buffer_schema(table: &Table) -> datafusion::arrow::datatypes::SchemaRef {
    let mut fields: Vec<Field> =
        crate::query::schema::file_schema(&table.definition).fields().iter().map(|f| f.as_ref().clone()).collect();
    for key in &table.definition.partition_keys {
        fields.push(Field::new(key.name.as_str(), datafusion::arrow::datatypes::DataType::Utf8, false));
    }
    std::sync::Arc::new(datafusion::arrow::datatypes::Schema::new(fields))
}

async fn table(d: &Deliveries, database: &str, name: &str) -> Result<Table, String> {
    tables::get(&mut d.store.conn(), database, name)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("table {database}.{name} does not exist"))
}

/// Writes `rows` into `table` as `owner` with `delivery`, in one commit.
async fn write(
    d: &Deliveries,
    owner: &Principal,
    table: &Table,
    rows: RecordBatch,
    prefix: &str,
    delivery: &Delivery,
) -> Result<(), String> {
    let location = base_location(&d.files.location_of(table));
    let names = column_names(table);
    let write = d.authz.write_files(owner, &table_target(table, &names), &location).map_err(|e| e.to_string())?;
    let rows = futures::stream::iter([Ok(rows)]);
    d.files
        .write_stream(owner, &write, table, rows, None, prefix, Replace::Nothing, Some(delivery))
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// The rows of a buffer, once converted (and transformed), and the records that failed.
struct Prepared {
    rows: Option<RecordBatch>,
    failed: Vec<Failed>,
    /// Row `i`'s record, when rows map one to one to records (no transform ran).
    kept: Option<Vec<Pending>>,
}

/// Converts `records` by the table's layout, then runs the stream's transform; a transform
/// that fails on the buffer is run record by record, so each failure has its own message
/// (never one that quotes another producer's record).
async fn prepare(stream: &Stream, target: &Table, records: Vec<Pending>) -> Result<Prepared, String> {
    let layout = layout(stream, target);
    let (records, converted) = tokio::task::spawn_blocking(move || {
        let out = convert::convert(&records, &layout);
        (records, out)
    })
    .await
    .map_err(|e| e.to_string())?;
    let converted = converted?;
    let refused: std::collections::HashSet<(u64, u32)> =
        converted.failed.iter().map(|f| (f.position, f.index)).collect();
    let kept: Vec<Pending> = records.into_iter().filter(|r| !refused.contains(&(r.position, r.index))).collect();
    let mut failed = converted.failed;
    let (Some(sql), Some(rows)) = (&stream.definition.transform, converted.rows.clone()) else {
        return Ok(Prepared { rows: converted.rows, failed, kept: Some(kept) });
    };
    let rows = match transform::apply(sql, rows.clone()).await {
        Ok(out) => out,
        Err(_) => {
            let mut good = Vec::new();
            for (i, record) in kept.iter().enumerate() {
                match transform::apply(sql, rows.slice(i, 1)).await {
                    Ok(out) => good.push(out),
                    Err(message) => failed.push(Failed {
                        position: record.position,
                        index: record.index,
                        arrival: record.arrival,
                        kind: RecordFailure::Transform,
                        message,
                        data: record.data.clone(),
                    }),
                }
            }
            datafusion::arrow::compute::concat_batches(&rows.schema(), &good).map_err(|e| e.to_string())?
        }
    };
    Ok(Prepared { rows: (rows.num_rows() > 0).then_some(rows), failed, kept: None })
}

/// The error table, created (as the owner) when it is gone.
async fn error_table(d: &Deliveries, owner: &Principal, stream: &Stream, zone: Zone) -> Result<Table, String> {
    let def = &stream.definition;
    if let Ok(Some(t)) = tables::get(&mut d.store.conn(), &def.database, &def.error_table).await {
        return Ok(t);
    }
    let input = error_table_input(zone);
    match Tables::new(d.files.core().clone()).create(owner, &def.database, &def.error_table, input).await {
        Ok(t) => Ok(t),
        Err(ServiceError::AlreadyExists { .. }) => table(d, &def.database, &def.error_table).await,
        Err(e) => Err(e.to_string()),
    }
}

/// Writes `rows` as compressed JSON lines, one object per partition.
#[allow(clippy::too_many_arguments)]
async fn write_lines(
    d: &Deliveries,
    owner: &Principal,
    table: &Table,
    prepared: &Prepared,
    rows: &RecordBatch,
    compression: crate::domain::stream::Compression,
    prefix: &str,
    delivery: &Delivery,
) -> Result<(), String> {
    let keys: Vec<String> = table.definition.partition_keys.iter().map(|k| k.name.to_string()).collect();
    let raw: Option<Vec<&Pending>> = prepared.kept.as_ref().map(|k| k.iter().collect());
    let groups = lines::json_lines(rows, &keys, raw.as_deref(), compression)?;
    let mut objects = Vec::with_capacity(groups.len());
    for (pairs, bytes) in groups {
        let folder: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let partition = if folder.is_empty() {
            PartitionPath::default()
        } else {
            PartitionPath::parse(&folder.join("/")).map_err(|e| e.to_string())?
        };
        objects.push((partition, bytes));
    }
    let location = base_location(&d.files.location_of(table));
    let names = column_names(table);
    let write = d.authz.write_files(owner, &table_target(table, &names), &location).map_err(|e| e.to_string())?;
    d.files
        .write_objects(owner, &write, table, objects, prefix, lines::suffix(compression), Some(delivery))
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// Delivers `taken` of the stream `stream_id`; a stream deleted meanwhile delivers nothing.
pub(super) async fn deliver(d: &Deliveries, stream_id: &str, taken: &Taken) -> Result<(), String> {
    let Some(stream) = streams::get_by_id(&mut d.store.conn(), stream_id).await.map_err(|e| e.to_string())? else {
        return Ok(());
    };
    let owner = d
        .authz
        .current(&stream.owner_id)
        .ok_or_else(|| format!("the stream's owner {} no longer exists", stream.created_by))?;
    let def = &stream.definition;
    let (done, errors_done) = {
        let mut conn = d.store.conn();
        let done = streams::checkpoint(&mut conn, &stream.id, &d.writer, "table").await;
        let errors = streams::checkpoint(&mut conn, &stream.id, &d.writer, "errors").await;
        (done.map_err(|e| e.to_string())?, errors.map_err(|e| e.to_string())?)
    };
    let last = taken.last() as i64;
    if last <= done.position {
        return Ok(());
    }
    let records: Vec<Pending> = taken.records().into_iter().filter(|r| r.position as i64 > done.position).collect();
    let first = records.first().map_or(taken.first(), |r| r.position);
    let bytes: i64 = records.iter().map(|r| r.data.len() as i64).sum();
    let target = table(d, &def.database, &def.table).await?;
    let prepared = prepare(&stream, &target, records).await?;
    let prefix = format!("{}-{}-{first}", stream.name, d.writer);
    // Failures first, into the error table, unless an earlier attempt committed them.
    let failed: Vec<Failed> =
        prepared.failed.iter().filter(|f| f.position as i64 > errors_done.position).cloned().collect();
    if !failed.is_empty() {
        let errors = error_table(d, &owner, &stream, target.definition.zone).await?;
        let rows = convert::error_rows(&stream.name, &failed)?;
        let delivery = Delivery {
            stream_id: stream.id.clone(),
            writer: d.writer.clone(),
            target: "errors",
            position: last,
            records: failed.len() as i64,
            bytes: failed.iter().map(|f| f.data.len() as i64).sum(),
            keys: Vec::new(),
        };
        write(d, &owner, &errors, rows, &format!("{prefix}-errors"), &delivery).await?;
    }
    // Then the rows, with the keys of the requests this delivery completes.
    let failed_bytes: i64 = prepared.failed.iter().map(|f| f.data.len() as i64).sum();
    let keys = taken
        .held
        .iter()
        .filter(|h| h.position as i64 > done.position)
        .filter_map(|h| h.batch.key.clone().map(|k| (k, answer(&d.writer, h.position, &h.batch).to_string())))
        .collect();
    let delivery = Delivery {
        stream_id: stream.id.clone(),
        writer: d.writer.clone(),
        target: "table",
        position: last,
        records: prepared.rows.as_ref().map_or(0, |r| r.num_rows() as i64),
        bytes: (bytes - failed_bytes).max(0),
        keys,
    };
    match (&prepared.rows, def.output) {
        (Some(rows), Output::Parquet) => write(d, &owner, &target, rows.clone(), &prefix, &delivery).await,
        (Some(rows), Output::JsonLines { compression }) => {
            write_lines(d, &owner, &target, &prepared, rows, compression, &prefix, &delivery).await
        }
        (None, _) => {
            // Nothing to write: the checkpoint and keys move on their own.
            let mut tx = d.store.begin().await.map_err(|e| e.to_string())?;
            streams::record_delivery(&mut tx.conn(), &delivery).await.map_err(|e| e.to_string())?;
            tx.commit().await.map_err(|e| e.to_string())
        }
    }
}
