//! Record batches as Parquet files for a table's folder: rows are split by the table's
//! partition key values (Hive folders `key=value`, the values not repeated in the files), cast
//! to the table's column types, zstd-compressed, and rolled over into a new file at a target
//! size. The bytes are then staged and committed like any other file.

use std::collections::BTreeMap;
use std::sync::Arc;

pub use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::array::{Array, ArrayRef, StringArray, UInt32Array};
use datafusion::arrow::compute::{CastOptions, cast, cast_with_options, take_record_batch};
use datafusion::arrow::datatypes::{DataType, Schema, SchemaRef};
use datafusion::arrow::util::display::FormatOptions;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

use super::{PartitionPath, StorageError, StorageResult};

/// The folder Hive gives rows whose partition value is null.
pub const NULL_PARTITION: &str = "__HIVE_DEFAULT_PARTITION__";

/// One Parquet file's bytes and the partition folder it goes in.
#[derive(Debug)]
pub struct EncodedFile {
    pub partition: PartitionPath,
    /// The partition values, in key order (empty for an unpartitioned table).
    pub values: Vec<String>,
    pub bytes: Vec<u8>,
    pub rows: u64,
}

fn invalid(message: String) -> StorageError {
    StorageError::Unsupported(message)
}

/// `batch` with exactly `schema`'s columns, each cast to its type (a value that does not fit
/// is an error, not a null).
fn conform(batch: &RecordBatch, schema: &SchemaRef) -> StorageResult<RecordBatch> {
    let strict = CastOptions { safe: false, format_options: FormatOptions::default() };
    let mut columns = Vec::with_capacity(schema.fields().len());
    for field in schema.fields() {
        let column = batch
            .column_by_name(field.name())
            .ok_or_else(|| invalid(format!("the rows have no column `{}`", field.name())))?;
        let cast = cast_with_options(column, field.data_type(), &strict)
            .map_err(|e| invalid(format!("column `{}` does not fit {}: {e}", field.name(), field.data_type())))?;
        if !field.is_nullable() && cast.null_count() > 0 {
            return Err(invalid(format!("column `{}` is not nullable but has nulls", field.name())));
        }
        columns.push(cast);
    }
    RecordBatch::try_new(schema.clone(), columns).map_err(|e| invalid(e.to_string()))
}

/// Each row's partition values, as the folder names spell them.
fn partition_values(batch: &RecordBatch, keys: &[String]) -> StorageResult<Vec<Vec<String>>> {
    let mut texts: Vec<StringArray> = Vec::with_capacity(keys.len());
    for key in keys {
        let column: &ArrayRef =
            batch.column_by_name(key).ok_or_else(|| invalid(format!("the rows have no partition key `{key}`")))?;
        let text = cast(column, &DataType::Utf8).map_err(|e| invalid(format!("partition key `{key}`: {e}")))?;
        let text = text.as_any().downcast_ref::<StringArray>().cloned().ok_or_else(|| invalid(key.clone()))?;
        texts.push(text);
    }
    Ok((0..batch.num_rows())
        .map(|row| {
            texts
                .iter()
                .map(|t| if t.is_null(row) { NULL_PARTITION.to_owned() } else { t.value(row).to_owned() })
                .collect()
        })
        .collect())
}

/// Splits `batches` by partition and encodes each partition's rows into files of about
/// `target_bytes` (at least one row group each).
pub fn encode(
    batches: &[RecordBatch],
    data_schema: &SchemaRef,
    keys: &[String],
    target_bytes: usize,
) -> StorageResult<Vec<EncodedFile>> {
    let mut by_partition: BTreeMap<Vec<String>, Vec<RecordBatch>> = BTreeMap::new();
    for batch in batches {
        let data = conform(batch, data_schema)?;
        if keys.is_empty() {
            by_partition.entry(Vec::new()).or_default().push(data);
            continue;
        }
        let mut rows: BTreeMap<Vec<String>, Vec<u32>> = BTreeMap::new();
        for (row, values) in partition_values(batch, keys)?.into_iter().enumerate() {
            rows.entry(values).or_default().push(u32::try_from(row).unwrap_or(u32::MAX));
        }
        for (values, indices) in rows {
            let taken = take_record_batch(&data, &UInt32Array::from(indices)).map_err(|e| invalid(e.to_string()))?;
            by_partition.entry(values).or_default().push(taken);
        }
    }
    // Partitions are encoded in parallel, one thread per core (compression dominates).
    let partitions: Vec<(Vec<String>, Vec<RecordBatch>)> = by_partition.into_iter().collect();
    let threads =
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get).min(partitions.len().max(1));
    let encode_one = |(values, batches): &(Vec<String>, Vec<RecordBatch>)| -> StorageResult<Vec<EncodedFile>> {
        let folders: Vec<String> = keys.iter().zip(values).map(|(k, v)| format!("{k}={v}")).collect();
        let partition =
            if folders.is_empty() { PartitionPath::default() } else { PartitionPath::parse(&folders.join("/"))? };
        Ok(write_files(batches, data_schema, target_bytes)?
            .into_iter()
            .map(|(bytes, rows)| EncodedFile { partition: partition.clone(), values: values.clone(), bytes, rows })
            .collect())
    };
    let mut encoded: Vec<StorageResult<Vec<EncodedFile>>> = Vec::with_capacity(partitions.len());
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let (mine, encode_one) = (&partitions, &encode_one);
                scope.spawn(move || mine.iter().skip(t).step_by(threads).map(encode_one).collect::<Vec<_>>())
            })
            .collect();
        let mut per_worker: Vec<Vec<StorageResult<Vec<EncodedFile>>>> = workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|_| vec![Err(invalid("an encoder panicked".into()))]))
            .collect();
        // Back in partition order: worker t holds partitions t, t + threads, ...
        for i in 0..partitions.len() {
            let (t, k) = (i % threads, i / threads);
            if let Some(slot) = per_worker.get_mut(t).and_then(|w| w.get_mut(k)) {
                encoded.push(std::mem::replace(slot, Ok(Vec::new())));
            }
        }
    });
    let mut files = Vec::new();
    for part in encoded {
        files.extend(part?);
    }
    Ok(files)
}

fn properties() -> WriterProperties {
    WriterProperties::builder().set_compression(Compression::ZSTD(ZstdLevel::try_new(3).unwrap_or_default())).build()
}

/// `batches` as Parquet files, a new one begun once the current one reaches `target_bytes`.
fn write_files(batches: &[RecordBatch], schema: &SchemaRef, target_bytes: usize) -> StorageResult<Vec<(Vec<u8>, u64)>> {
    let failed = |e: parquet::errors::ParquetError| invalid(format!("parquet: {e}"));
    let mut files = Vec::new();
    let mut writer: Option<(ArrowWriter<Vec<u8>>, u64)> = None;
    for batch in batches.iter().filter(|b| b.num_rows() > 0) {
        let (current, rows) = match &mut writer {
            Some(open) => open,
            None => writer
                .insert((ArrowWriter::try_new(Vec::new(), schema.clone(), Some(properties())).map_err(failed)?, 0)),
        };
        current.write(batch).map_err(failed)?;
        *rows += batch.num_rows() as u64;
        if current.bytes_written() + current.in_progress_size() >= target_bytes {
            let (full, rows) = writer.take().unwrap_or_else(|| unreachable!("a writer is open"));
            files.push((full.into_inner().map_err(failed)?, rows));
        }
    }
    if let Some((last, rows)) = writer {
        files.push((last.into_inner().map_err(failed)?, rows));
    }
    Ok(files)
}

/// The schema of the files of a table whose data columns are `schema` (partition keys left
/// out: their values are in the folder names).
pub fn without_keys(schema: &Schema, keys: &[String]) -> SchemaRef {
    Arc::new(Schema::new(schema.fields().iter().filter(|f| !keys.contains(f.name())).cloned().collect::<Vec<_>>()))
}
