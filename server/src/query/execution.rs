//! A started query as a stream that ends in time: record batches (for pipeline steps) or
//! encoded chunks (for responses), stopped by a cancellation token or a deadline, cut at a row
//! limit, with what it scanned. No HTTP here: the caller decides where the bytes go.

use std::collections::BTreeMap;

use bytes::Bytes;
use datafusion::arrow::array::RecordBatch;
use futures::StreamExt;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use super::engine::failure;
use super::output::{Encoder, OutputFormat};
use super::{QueryError, Running};

/// Why a query stopped before its end.
#[derive(Debug, Clone)]
pub enum Stop {
    Cancelled,
    TimedOut,
    Failed(QueryError),
}

/// How a running query is bounded.
#[derive(Debug, Clone)]
pub struct Bounds {
    pub deadline: Instant,
    pub cancel: CancellationToken,
    /// Rows handed out at most (the rest is not read).
    pub max_rows: Option<u64>,
    /// For naming a memory failure.
    pub memory_bytes: usize,
}

pub struct Execution {
    running: Option<Running>,
    bounds: Bounds,
    rows: u64,
    bytes_scanned: u64,
    columns: BTreeMap<String, Vec<String>>,
}

impl std::fmt::Debug for Execution {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Execution").field("rows", &self.rows).finish_non_exhaustive()
    }
}

impl Execution {
    pub fn new(running: Running, bounds: Bounds) -> Self {
        let columns = running.scans.columns();
        Self { running: Some(running), bounds, rows: 0, bytes_scanned: 0, columns }
    }

    /// The next batch (cut at the row limit), `None` at the end.
    pub async fn next_batch(&mut self) -> Result<Option<RecordBatch>, Stop> {
        let room = self.bounds.max_rows.map_or(u64::MAX, |max| max.saturating_sub(self.rows));
        if room == 0 {
            return Ok(None);
        }
        let Some(running) = self.running.as_mut() else { return Ok(None) };
        let next = tokio::select! {
            () = self.bounds.cancel.cancelled() => return Err(Stop::Cancelled),
            () = tokio::time::sleep_until(self.bounds.deadline) => return Err(Stop::TimedOut),
            next = running.stream.next() => next,
        };
        match next {
            None => Ok(None),
            Some(Err(e)) => Err(Stop::Failed(failure(&e, self.bounds.memory_bytes))),
            Some(Ok(batch)) => {
                let take = (batch.num_rows() as u64).min(room);
                self.rows += take;
                Ok(Some(if take < batch.num_rows() as u64 { batch.slice(0, take as usize) } else { batch }))
            }
        }
    }

    /// Rows handed out so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Bytes the scans read (final once the query is stopped).
    pub fn bytes_scanned(&self) -> u64 {
        self.running.as_ref().map_or(self.bytes_scanned, |r| r.scans.bytes_scanned())
    }

    /// The columns read, by table.
    pub fn columns(&self) -> &BTreeMap<String, Vec<String>> {
        &self.columns
    }

    /// Stops the scans now (dropping the stream cancels DataFusion's tasks).
    pub fn stop(&mut self) {
        if let Some(running) = self.running.take() {
            self.bytes_scanned = running.scans.bytes_scanned();
        }
    }

    /// The query's output as encoded chunks: the opening bytes first, then one chunk per
    /// batch, then the closing bytes.
    pub fn encoded(self, format: OutputFormat) -> Result<Encoded, QueryError> {
        let schema = self
            .running
            .as_ref()
            .map(|r| r.schema.clone())
            .unwrap_or_else(|| std::sync::Arc::new(datafusion::arrow::datatypes::Schema::empty()));
        let (encoder, head) = Encoder::start(format, &schema).map_err(QueryError::Internal)?;
        Ok(Encoded { execution: self, encoder: Some(encoder), head: Some(head), schema })
    }
}

/// An [`Execution`] encoded as it goes.
pub struct Encoded {
    execution: Execution,
    encoder: Option<Encoder>,
    head: Option<Bytes>,
    schema: datafusion::arrow::datatypes::SchemaRef,
}

impl Encoded {
    /// The next chunk of output, `None` after the closing bytes.
    pub async fn next_chunk(&mut self) -> Result<Option<Bytes>, Stop> {
        let Some(encoder) = self.encoder.as_mut() else { return Ok(None) };
        let failed = |e: String| Stop::Failed(QueryError::Internal(e));
        let body = match self.execution.next_batch().await? {
            Some(batch) => encoder.batch(&batch).map_err(failed)?,
            None => {
                let tail = self.encoder.take().map(|e| e.finish(&self.schema)).transpose().map_err(failed)?;
                self.execution.stop();
                tail.unwrap_or_default()
            }
        };
        // Only the first chunk carries the opening bytes: the others go out without a copy.
        Ok(Some(match self.head.take() {
            Some(head) => [head, body].concat().into(),
            None => body,
        }))
    }

    pub fn execution(&self) -> &Execution {
        &self.execution
    }

    pub fn execution_mut(&mut self) -> &mut Execution {
        &mut self.execution
    }
}
