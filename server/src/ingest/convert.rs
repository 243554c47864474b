//! A buffer of JSON records turned into the rows of a table: decoded by the table's schema,
//! given their partition values (a record field's value, or the year/month/day/hour of the
//! record's time), held to the stream's active-partition limit. A record that cannot be
//! delivered is kept, with why, for the error table; it never fails the others. Each record's
//! error message comes from decoding that record alone, so it never quotes another's data.

use std::collections::HashSet;
use std::sync::Arc;

use base64::Engine;
use bytes::Bytes;
use chrono::{DateTime, Utc};
use datafusion::arrow::array::{
    Array, ArrayRef, BooleanArray, Int32Array, Int64Array, RecordBatch, StringArray, TimestampMicrosecondArray,
};
use datafusion::arrow::compute::{cast, filter_record_batch};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef, TimeUnit};
use datafusion::arrow::json::ReaderBuilder;

use crate::domain::stream::{RecordFailure, TIME_KEYS, time_key_value};

/// A record taken from the log for delivery.
#[derive(Debug, Clone)]
pub struct Pending {
    pub position: u64,
    pub index: u32,
    pub arrival: DateTime<Utc>,
    pub data: Bytes,
}

/// What the rows must look like.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The data columns (what the files hold).
    pub columns: SchemaRef,
    /// The partition keys, in order, with their types.
    pub keys: Vec<Field>,
    /// The column whose time fills the time keys; arrival time when `None`.
    pub timestamp_field: Option<String>,
    pub max_active_partitions: usize,
    /// Whether a value can name a partition folder (the lake's rule): a record whose value
    /// cannot is an error row, not a delivery that fails for everyone.
    pub folder_name: fn(&str) -> Result<(), String>,
}

#[derive(Debug, Clone)]
pub struct Failed {
    pub position: u64,
    pub index: u32,
    pub arrival: DateTime<Utc>,
    pub kind: RecordFailure,
    pub message: String,
    pub data: Bytes,
}

#[derive(Debug)]
pub struct Converted {
    /// Data columns then partition keys; `None` when no record made it.
    pub rows: Option<RecordBatch>,
    pub failed: Vec<Failed>,
}

impl Layout {
    fn is_time_key(&self, key: &str) -> bool {
        TIME_KEYS.contains(&key)
    }

    /// What records are decoded into: the data columns and the keys taken from fields.
    fn decoded(&self) -> SchemaRef {
        let mut fields: Vec<Field> = self.columns.fields().iter().map(|f| f.as_ref().clone()).collect();
        fields.extend(self.keys.iter().filter(|k| !self.is_time_key(k.name())).map(|k| k.clone().with_nullable(true)));
        Arc::new(Schema::new(fields))
    }
}

fn failed(r: &Pending, kind: RecordFailure, message: impl Into<String>) -> Failed {
    Failed {
        position: r.position,
        index: r.index,
        arrival: r.arrival,
        kind,
        message: message.into(),
        data: r.data.clone(),
    }
}

/// Decodes `records` with one decoder; an error (or a record that is not exactly one JSON
/// value) sends every record through [`decode_one`] to find which fail.
fn decode(records: &[Pending], schema: &SchemaRef) -> Result<(RecordBatch, Vec<Failed>), String> {
    let all = || -> Result<RecordBatch, String> {
        let decoder = ReaderBuilder::new(schema.clone()).with_batch_size(records.len().max(1)).build_decoder();
        let mut decoder = decoder.map_err(|e| e.to_string())?;
        for r in records {
            decoder.decode(&r.data).map_err(|e| e.to_string())?;
            decoder.decode(b"\n").map_err(|e| e.to_string())?;
        }
        let batch = decoder.flush().map_err(|e| e.to_string())?;
        let batch = batch.unwrap_or_else(|| RecordBatch::new_empty(schema.clone()));
        if batch.num_rows() != records.len() {
            return Err("a record is not one JSON value".into());
        }
        Ok(batch)
    };
    if let Ok(batch) = all() {
        return Ok((batch, Vec::new()));
    }
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for r in records {
        match decode_one(r, schema) {
            Ok(batch) => good.push(batch),
            Err(f) => bad.push(f),
        }
    }
    let batch = datafusion::arrow::compute::concat_batches(schema, &good).map_err(|e| e.to_string())?;
    Ok((batch, bad))
}

fn decode_one(r: &Pending, schema: &SchemaRef) -> Result<RecordBatch, Failed> {
    if serde_json::from_slice::<serde::de::IgnoredAny>(&r.data).is_err() {
        return Err(failed(r, RecordFailure::Parse, "the record is not one JSON value"));
    }
    let conversion = |e: &dyn std::fmt::Display| failed(r, RecordFailure::Conversion, e.to_string());
    let mut decoder = ReaderBuilder::new(schema.clone()).build_decoder().map_err(|e| conversion(&e))?;
    decoder.decode(&r.data).map_err(|e| conversion(&e))?;
    match decoder.flush().map_err(|e| conversion(&e))? {
        Some(batch) if batch.num_rows() == 1 => Ok(batch),
        _ => Err(failed(r, RecordFailure::Parse, "the record is not a JSON object")),
    }
}

/// The time of each row: its timestamp column read as UTC microseconds, or its arrival.
fn times(batch: &RecordBatch, layout: &Layout, kept: &[&Pending]) -> Result<Vec<Option<DateTime<Utc>>>, String> {
    let Some(field) = &layout.timestamp_field else {
        return Ok(kept.iter().map(|r| Some(r.arrival)).collect());
    };
    let column = batch.column_by_name(field).ok_or_else(|| format!("no column `{field}` for the record time"))?;
    let micros = match column.data_type() {
        DataType::Int64 | DataType::Int32 => {
            // Epoch milliseconds, as producers commonly send them.
            let ms = cast(column, &DataType::Int64).map_err(|e| e.to_string())?;
            let ms = ms.as_any().downcast_ref::<Int64Array>().cloned().ok_or("epoch milliseconds")?;
            let us: Int64Array = ms.iter().map(|v| v.and_then(|v| v.checked_mul(1000))).collect();
            Arc::new(TimestampMicrosecondArray::from(us.into_data())) as ArrayRef
        }
        _ => cast(column, &DataType::Timestamp(TimeUnit::Microsecond, None)).map_err(|e| e.to_string())?,
    };
    let micros = micros.as_any().downcast_ref::<TimestampMicrosecondArray>().ok_or("timestamps")?;
    Ok(micros.iter().map(|v| v.and_then(DateTime::from_timestamp_micros)).collect())
}

/// Turns `records` into rows of `layout`.
pub fn convert(records: &[Pending], layout: &Layout) -> Result<Converted, String> {
    let schema = layout.decoded();
    let (batch, mut failures) = decode(records, &schema)?;
    let refused: HashSet<(u64, u32)> = failures.iter().map(|f| (f.position, f.index)).collect();
    let kept: Vec<&Pending> = records.iter().filter(|r| !refused.contains(&(r.position, r.index))).collect();
    let times = times(&batch, layout, &kept)?;
    // Each row's partition: its values, or why it has none; new ones up to the limit.
    let mut field_values: Vec<StringArray> = Vec::new();
    for key in layout.keys.iter().filter(|k| !layout.is_time_key(k.name())) {
        let column = batch.column_by_name(key.name()).ok_or("a partition key column")?;
        let text = cast(column, &DataType::Utf8).map_err(|e| e.to_string())?;
        field_values.push(text.as_any().downcast_ref::<StringArray>().cloned().ok_or("partition values")?);
    }
    let mut active: HashSet<Vec<String>> = HashSet::new();
    let mut keep = Vec::with_capacity(kept.len());
    let mut key_values: Vec<Vec<String>> = vec![Vec::new(); layout.keys.len()];
    for (row, r) in kept.iter().enumerate() {
        let mut values = Vec::with_capacity(layout.keys.len());
        let mut fields = field_values.iter();
        let mut missing = None;
        for key in &layout.keys {
            let value = if layout.is_time_key(key.name()) {
                times[row].and_then(|t| time_key_value(key.name(), t))
            } else {
                fields.next().and_then(|a| a.is_valid(row).then(|| a.value(row).to_owned()))
            };
            match value {
                Some(v) => values.push(v),
                None => {
                    missing = Some(key.name().clone());
                    break;
                }
            }
        }
        if let Some(key) = missing {
            failures.push(failed(
                r,
                RecordFailure::Partition,
                format!("the record has no value for partition key `{key}`"),
            ));
            keep.push(false);
            continue;
        }
        if let Some(why) = values.iter().find_map(|v| (layout.folder_name)(v).err()) {
            failures.push(failed(r, RecordFailure::Partition, why));
            keep.push(false);
            continue;
        }
        if !active.contains(&values) && active.len() >= layout.max_active_partitions {
            let limit = layout.max_active_partitions;
            failures.push(failed(r, RecordFailure::PartitionLimit, format!("more than {limit} active partitions")));
            keep.push(false);
            continue;
        }
        for (i, v) in values.iter().enumerate() {
            key_values[i].push(v.clone());
        }
        active.insert(values);
        keep.push(true);
    }
    if keep.iter().all(|k| !k) {
        return Ok(Converted { rows: None, failed: failures });
    }
    let batch = filter_record_batch(&batch, &BooleanArray::from(keep)).map_err(|e| e.to_string())?;
    // Data columns, then every key (as text: the folders name them).
    let mut fields: Vec<Field> = layout.columns.fields().iter().map(|f| f.as_ref().clone()).collect();
    let mut columns: Vec<ArrayRef> = fields
        .iter()
        .map(|f| batch.column_by_name(f.name()).cloned().ok_or("a data column"))
        .collect::<Result<_, _>>()?;
    for (i, key) in layout.keys.iter().enumerate() {
        let column: ArrayRef = Arc::new(StringArray::from(std::mem::take(&mut key_values[i])));
        fields.push(Field::new(key.name(), DataType::Utf8, false));
        columns.push(column);
    }
    let rows = RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).map_err(|e| e.to_string())?;
    Ok(Converted { rows: Some(rows), failed: failures })
}

/// The error table's columns.
pub fn error_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("stream", DataType::Utf8, false),
        Field::new("log_position", DataType::Int64, false),
        Field::new("record_index", DataType::Int32, false),
        Field::new("arrival_time", DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())), false),
        Field::new("error_kind", DataType::Utf8, false),
        Field::new("error_message", DataType::Utf8, false),
        Field::new("raw", DataType::Utf8, false),
        Field::new("raw_encoding", DataType::Utf8, false),
    ]))
}

/// The rows of the error table for `failed` records of `stream`.
pub fn error_rows(stream: &str, failed: &[Failed]) -> Result<RecordBatch, String> {
    let (raw, encoding): (Vec<String>, Vec<&str>) = failed
        .iter()
        .map(|f| match std::str::from_utf8(&f.data) {
            Ok(text) => (text.to_owned(), "utf8"),
            Err(_) => (base64::engine::general_purpose::STANDARD.encode(&f.data), "base64"),
        })
        .unzip();
    let columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from(vec![stream; failed.len()])),
        Arc::new(Int64Array::from_iter_values(failed.iter().map(|f| f.position as i64))),
        Arc::new(Int32Array::from_iter_values(failed.iter().map(|f| f.index as i32))),
        Arc::new(
            TimestampMicrosecondArray::from_iter_values(failed.iter().map(|f| f.arrival.timestamp_micros()))
                .with_timezone("UTC"),
        ),
        Arc::new(StringArray::from_iter_values(failed.iter().map(|f| f.kind.as_str()))),
        Arc::new(StringArray::from_iter_values(failed.iter().map(|f| f.message.as_str()))),
        Arc::new(StringArray::from(raw)),
        Arc::new(StringArray::from(encoding)),
    ];
    RecordBatch::try_new(error_schema(), columns).map_err(|e| e.to_string())
}
