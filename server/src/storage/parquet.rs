//! Record batches as Parquet files for a table's folder: rows are split by the table's
//! partition key values (Hive folders `key=value`, the values not repeated in the files), cast
//! to the table's column types, zstd-compressed, and rolled over into a new file at a target
//! size. The [`Encoder`] works as rows arrive - a file's bytes are handed on as its row groups
//! fill, so a write never holds its whole output - and [`super::Lake::stage_parquet`] stages
//! those bytes; they are then committed like any other file.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasher, RandomState};
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use bytes::Bytes;
pub use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::array::{Array, ArrayRef, StringArray, UInt32Array};
use datafusion::arrow::compute::{CastOptions, cast, cast_with_options, take_record_batch};
use datafusion::arrow::datatypes::{DataType, SchemaRef};
use datafusion::arrow::util::display::FormatOptions;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

use super::{PartitionPath, StorageError, StorageResult};

/// The folder Hive gives rows whose partition value is null.
pub const NULL_PARTITION: &str = "__HIVE_DEFAULT_PARTITION__";
/// A file's bytes are handed on in pieces of about this size.
const CHUNK: usize = 4 << 20;
/// Rows of an unpartitioned write that go to one encoder thread before the next takes over
/// (a row group's worth: small writes stay one file).
const ROWS_PER_TURN: usize = 1 << 20;

/// What the encoder produces; the pieces of one file come in order.
#[derive(Debug)]
pub enum Piece {
    Open { file: usize, partition: PartitionPath, values: Vec<String> },
    Bytes { file: usize, bytes: Bytes },
    Close { file: usize, rows: u64 },
}

/// Where pieces go (to the async side that stages them).
pub type PieceSender = tokio::sync::mpsc::Sender<Piece>;

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

/// The rows of `batch` grouped by their partition values (as the folder names spell them).
fn split(batch: &RecordBatch, keys: &[String]) -> StorageResult<Vec<(Vec<String>, Vec<u32>)>> {
    let mut texts: Vec<StringArray> = Vec::with_capacity(keys.len());
    for key in keys {
        let column: &ArrayRef =
            batch.column_by_name(key).ok_or_else(|| invalid(format!("the rows have no partition key `{key}`")))?;
        let text = cast(column, &DataType::Utf8).map_err(|e| invalid(format!("partition key `{key}`: {e}")))?;
        let text = text.as_any().downcast_ref::<StringArray>().cloned().ok_or_else(|| invalid(key.clone()))?;
        texts.push(text);
    }
    fn value(t: &StringArray, row: usize) -> &str {
        if t.is_null(row) { NULL_PARTITION } else { t.value(row) }
    }
    let mut groups: Vec<(Vec<&str>, Vec<u32>)> = Vec::new();
    let mut index: HashMap<Vec<&str>, usize> = HashMap::new();
    let mut last: Option<usize> = None;
    for row in 0..batch.num_rows() {
        // Rows usually come clustered by partition: the previous row's group, without hashing.
        let same = last.filter(|&g| texts.iter().zip(&groups[g].0).all(|(t, v)| value(t, row) == *v));
        let group = match same {
            Some(g) => g,
            None => {
                let key: Vec<&str> = texts.iter().map(|t| value(t, row)).collect();
                *index.entry(key.clone()).or_insert_with(|| {
                    groups.push((key, Vec::new()));
                    groups.len() - 1
                })
            }
        };
        groups[group].1.push(u32::try_from(row).unwrap_or(u32::MAX));
        last = Some(group);
    }
    Ok(groups.into_iter().map(|(k, rows)| (k.into_iter().map(str::to_owned).collect(), rows)).collect())
}

/// Rows per row group: a writer holds its open row group, and a write may have a file open per
/// partition, so groups are kept small enough for many partitions at once (DuckDB's size).
const ROW_GROUP_ROWS: usize = 122_880;

fn properties() -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::try_new(3).unwrap_or_default()))
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        .build()
}

/// A file being written: its bytes go out in [`CHUNK`]s.
struct Chunks {
    file: usize,
    buffer: Vec<u8>,
    out: PieceSender,
}

impl Chunks {
    fn send(&mut self) -> std::io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let bytes = Bytes::from(std::mem::take(&mut self.buffer));
        self.out
            .blocking_send(Piece::Bytes { file: self.file, bytes })
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the stager stopped"))
    }
}

impl Write for Chunks {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(data);
        if self.buffer.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// One encoder thread: the files it has open, one per partition.
struct Shard {
    schema: SchemaRef,
    keys: Vec<String>,
    target_bytes: usize,
    out: PieceSender,
    ids: Arc<AtomicUsize>,
    open: HashMap<Vec<String>, (usize, ArrowWriter<Chunks>, u64)>,
}

fn failed(e: parquet::errors::ParquetError) -> StorageError {
    invalid(format!("parquet: {e}"))
}

fn stopped() -> StorageError {
    StorageError::Body("the stager stopped".to_owned())
}

impl Shard {
    fn run(mut self, input: Receiver<(Vec<String>, RecordBatch)>) -> StorageResult<()> {
        for (values, batch) in input {
            self.write(values, &batch)?;
        }
        for (_, (file, writer, rows)) in std::mem::take(&mut self.open) {
            self.close(file, writer, rows)?;
        }
        Ok(())
    }

    fn write(&mut self, values: Vec<String>, batch: &RecordBatch) -> StorageResult<()> {
        let (file, writer, rows) = match self.open.entry(values) {
            Entry::Occupied(open) => open.into_mut(),
            Entry::Vacant(new) => {
                let file = self.ids.fetch_add(1, Ordering::Relaxed);
                let folders: Vec<String> = self.keys.iter().zip(new.key()).map(|(k, v)| format!("{k}={v}")).collect();
                let partition = if folders.is_empty() {
                    PartitionPath::default()
                } else {
                    PartitionPath::parse(&folders.join("/"))?
                };
                let open = Piece::Open { file, partition, values: new.key().clone() };
                self.out.blocking_send(open).map_err(|_| stopped())?;
                let sink = Chunks { file, buffer: Vec::new(), out: self.out.clone() };
                new.insert((
                    file,
                    ArrowWriter::try_new(sink, self.schema.clone(), Some(properties())).map_err(failed)?,
                    0,
                ))
            }
        };
        writer.write(batch).map_err(failed)?;
        *rows += batch.num_rows() as u64;
        if writer.bytes_written() + writer.in_progress_size() >= self.target_bytes {
            let full = (*file, *rows);
            let key = self.open.iter().find(|(_, (f, _, _))| *f == full.0).map(|(k, _)| k.clone());
            if let Some((file, writer, rows)) = key.and_then(|k| self.open.remove(&k)) {
                self.close(file, writer, rows)?;
            }
        }
        Ok(())
    }

    fn close(&self, file: usize, writer: ArrowWriter<Chunks>, rows: u64) -> StorageResult<()> {
        let mut chunks = writer.into_inner().map_err(failed)?;
        chunks.send().map_err(|_| stopped())?;
        self.out.blocking_send(Piece::Close { file, rows }).map_err(|_| stopped())
    }
}

/// Encodes rows as they are pushed, on one thread per core (compression dominates): a
/// partition's rows always go to the same thread, so it gets one file (per target size).
/// Blocking: run it off the async workers.
pub struct Encoder {
    schema: SchemaRef,
    keys: Vec<String>,
    shards: Vec<SyncSender<(Vec<String>, RecordBatch)>>,
    threads: Vec<JoinHandle<StorageResult<()>>>,
    hasher: RandomState,
    turn: (usize, usize),
}

impl Encoder {
    /// `data_schema` is the files' schema (partition keys left out), `keys` the partition keys.
    pub fn start(data_schema: SchemaRef, keys: Vec<String>, target_bytes: usize, out: PieceSender) -> Self {
        let ids = Arc::new(AtomicUsize::new(0));
        let n = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        let (mut shards, mut threads) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for _ in 0..n {
            let (to, input) = sync_channel(4);
            let shard = Shard {
                schema: data_schema.clone(),
                keys: keys.clone(),
                target_bytes,
                out: out.clone(),
                ids: ids.clone(),
                open: HashMap::new(),
            };
            shards.push(to);
            threads.push(std::thread::spawn(move || shard.run(input)));
        }
        Self { schema: data_schema, keys, shards, threads, hasher: RandomState::new(), turn: (0, 0) }
    }

    /// Conforms `batch` to the files' schema and hands its rows to the encoder threads.
    pub fn push(&mut self, batch: &RecordBatch) -> StorageResult<()> {
        if batch.num_rows() == 0 {
            return Ok(());
        }
        let data = conform(batch, &self.schema)?;
        if self.keys.is_empty() {
            let shard = self.turn.0;
            self.turn.1 += data.num_rows();
            if self.turn.1 >= ROWS_PER_TURN {
                self.turn = ((shard + 1) % self.shards.len(), 0);
            }
            return self.send(shard, Vec::new(), data);
        }
        for (values, rows) in split(batch, &self.keys)? {
            let taken = take_record_batch(&data, &UInt32Array::from(rows)).map_err(|e| invalid(e.to_string()))?;
            let shard = (self.hasher.hash_one(&values) % self.shards.len() as u64) as usize;
            self.send(shard, values, taken)?;
        }
        Ok(())
    }

    fn send(&mut self, shard: usize, values: Vec<String>, batch: RecordBatch) -> StorageResult<()> {
        // A thread that stopped did so on an error, which `finish` returns.
        self.shards[shard].send((values, batch)).map_err(|_| stopped())
    }

    /// Closes every open file; the first error of any thread (the cause of a failed push).
    pub fn finish(self) -> StorageResult<()> {
        drop(self.shards);
        let mut result = Ok(());
        for thread in self.threads {
            let done = thread.join().unwrap_or_else(|_| Err(invalid("an encoder thread panicked".into())));
            if result.is_ok() {
                result = done;
            }
        }
        result
    }
}
