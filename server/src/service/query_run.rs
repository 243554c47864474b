//! A query under way: its first batch is awaited before the response starts (so planning,
//! memory and early timeouts are proper errors), the rest streams. However it ends - done,
//! failed, timed out, cancelled, or the client gone - its record and a `query.complete`
//! audit entry say so, with rows returned and bytes scanned.

use std::collections::HashMap;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use chrono::Utc;
use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::execution::SendableRecordBatchStream;
use futures::{Stream, StreamExt};
use serde_json::{Value, json};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use super::queries::{Queries, QueryRequest};
use super::{ServiceError, ServiceResult};
use crate::domain::audit::{AuditEntry, Decision};
use crate::domain::principal::Principal;
use crate::domain::query::{QueryRecord, QueryStatus};
use crate::query::Running;
use crate::query::engine::failure;
use crate::query::output::{Encoder, OutputFormat};
use crate::store::queries;

/// How often a running query looks for a cancel request made through another replica.
const CANCEL_POLL: Duration = Duration::from_secs(1);

/// One of a principal's concurrent queries on this replica; given back when dropped.
#[derive(Debug)]
pub struct Slot {
    counts: Arc<Mutex<HashMap<String, u32>>>,
    principal: String,
}

impl Slot {
    pub fn take(counts: &Arc<Mutex<HashMap<String, u32>>>, principal: &str, limit: u32) -> Option<Slot> {
        let mut map = counts.lock().unwrap_or_else(|p| p.into_inner());
        let count = map.entry(principal.to_owned()).or_default();
        if *count >= limit {
            return None;
        }
        *count += 1;
        Some(Slot { counts: counts.clone(), principal: principal.to_owned() })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut map = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(count) = map.get_mut(&self.principal) {
            *count -= 1;
            if *count == 0 {
                map.remove(&self.principal);
            }
        }
    }
}

/// The response of a query: its id, its media type and the encoded result.
pub struct QueryOutput {
    pub id: String,
    pub format: OutputFormat,
    pub body: Pin<Box<dyn Stream<Item = Result<Bytes, std::io::Error>> + Send>>,
}

/// How a query ended.
enum End {
    Done,
    Failed(ServiceError),
}

struct Run {
    queries: Arc<Queries>,
    principal: String,
    record: QueryRecord,
    running: Option<Running>,
    encoder: Option<Encoder>,
    schema: SchemaRef,
    deadline: Instant,
    cancel: CancellationToken,
    max_rows: Option<u64>,
    audit: Value,
    finished: bool,
    _slot: Slot,
}

/// Starts streaming a query `engine.start` began, or records why it could not start.
#[allow(clippy::too_many_arguments)]
pub async fn begin(
    queries: Arc<Queries>,
    principal: &Principal,
    record: QueryRecord,
    started: ServiceResult<Running>,
    request: QueryRequest,
    cancel: CancellationToken,
    slot: Slot,
    audit: Value,
) -> ServiceResult<QueryOutput> {
    // One time limit from the start of the query, planning included.
    let spent = (Utc::now() - record.started_at).to_std().unwrap_or_default();
    let deadline = Instant::now() + queries.config.timeout.saturating_sub(spent);
    let schema = started
        .as_ref()
        .map(|r| r.schema.clone())
        .unwrap_or_else(|_| Arc::new(datafusion::arrow::datatypes::Schema::empty()));
    let mut run = Run {
        principal: principal.to_string(),
        record,
        running: None,
        encoder: None,
        schema,
        deadline,
        cancel,
        max_rows: request.max_rows,
        audit,
        finished: false,
        queries,
        _slot: slot,
    };
    let running = match started {
        Ok(running) => running,
        Err(e) => {
            run.finish(End::Failed(clone_error(&e))).await;
            return Err(e);
        }
    };
    let columns = json!(running.scans.columns());
    crate::audit::context::add_detail("columns", columns.clone());
    if let Value::Object(detail) = &mut run.audit {
        detail.insert("columns".to_owned(), columns);
    }
    run.running = Some(running);
    run.watch_for_remote_cancel();
    // The first batch decides the status code.
    let first = match run.next_batch().await {
        Ok(batch) => batch,
        Err(e) => {
            run.finish(End::Failed(clone_error(&e))).await;
            return Err(e);
        }
    };
    let (encoder, head) = Encoder::start(request.format, &run.schema).map_err(ServiceError::Internal)?;
    run.encoder = Some(encoder);
    let mut opening = head.to_vec();
    let mut exhausted = first.is_none();
    if let Some(batch) = first {
        match run.encode(&batch) {
            Ok((bytes, limit_reached)) => {
                opening.extend_from_slice(&bytes);
                exhausted = limit_reached;
            }
            Err(e) => {
                run.finish(End::Failed(clone_error(&e))).await;
                return Err(e);
            }
        }
    }
    let id = run.record.id.clone();
    let opening = futures::stream::once(async move { Ok(Bytes::from(opening)) });
    let rest = futures::stream::unfold((run, exhausted), |(mut run, exhausted)| async move {
        if run.finished {
            return None;
        }
        let step = if exhausted { Ok(None) } else { run.next_batch().await };
        match step {
            Ok(Some(batch)) => match run.encode(&batch) {
                Ok((bytes, limit_reached)) => Some((Ok(bytes), (run, limit_reached))),
                Err(e) => {
                    let message = e.to_string();
                    run.finish(End::Failed(e)).await;
                    Some((Err(std::io::Error::other(message)), (run, true)))
                }
            },
            Ok(None) => {
                let tail = run.encoder.take().map(|enc| enc.finish(&run.schema)).transpose();
                match tail {
                    Ok(tail) => {
                        run.finish(End::Done).await;
                        Some((Ok(tail.unwrap_or_default()), (run, true)))
                    }
                    Err(message) => {
                        run.finish(End::Failed(ServiceError::Internal(message.clone()))).await;
                        Some((Err(std::io::Error::other(message)), (run, true)))
                    }
                }
            }
            Err(e) => {
                // Headers are gone: the client sees the body end without its closing bytes.
                let message = e.to_string();
                run.finish(End::Failed(e)).await;
                Some((Err(std::io::Error::other(message)), (run, true)))
            }
        }
    });
    Ok(QueryOutput { id, format: request.format, body: Box::pin(opening.chain(rest)) })
}

/// A copy of a query error for the record (the original goes to the caller).
fn clone_error(e: &ServiceError) -> ServiceError {
    match e {
        ServiceError::Query(q) => ServiceError::Query(q.clone()),
        ServiceError::QueryTimeout => ServiceError::QueryTimeout,
        ServiceError::QueryCancelled => ServiceError::QueryCancelled,
        other => ServiceError::Internal(other.to_string()),
    }
}

impl Run {
    async fn next_batch(&mut self) -> ServiceResult<Option<RecordBatch>> {
        let memory = self.queries.engine.limits().memory_bytes;
        let Some(running) = self.running.as_mut() else { return Ok(None) };
        let stream: &mut SendableRecordBatchStream = &mut running.stream;
        tokio::select! {
            _ = self.cancel.cancelled() => Err(ServiceError::QueryCancelled),
            _ = tokio::time::sleep_until(self.deadline) => Err(ServiceError::QueryTimeout),
            next = stream.next() => match next {
                None => Ok(None),
                Some(Ok(batch)) => Ok(Some(batch)),
                Some(Err(e)) => Err(ServiceError::Query(failure(&e, memory))),
            },
        }
    }

    /// The encoded batch (cut at `max_rows`), and whether the limit is now reached.
    fn encode(&mut self, batch: &RecordBatch) -> ServiceResult<(Bytes, bool)> {
        let room = self.max_rows.map_or(u64::MAX, |max| max - self.record.rows);
        let take = (batch.num_rows() as u64).min(room);
        let batch = if take < batch.num_rows() as u64 { batch.slice(0, take as usize) } else { batch.clone() };
        self.record.rows += take;
        let encoder = self.encoder.as_mut().ok_or_else(|| ServiceError::Internal("no encoder".to_owned()))?;
        let bytes = encoder.batch(&batch).map_err(ServiceError::Internal)?;
        Ok((bytes, self.max_rows.is_some_and(|max| self.record.rows >= max)))
    }

    /// Polls the store for a cancel request while the query runs.
    fn watch_for_remote_cancel(&self) {
        let (store, id, cancel) = (self.queries.store.clone(), self.record.id.clone(), self.cancel.clone());
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    _ = cancel.cancelled() => return,
                    _ = tokio::time::sleep(CANCEL_POLL) => {}
                }
                if queries::cancel_requested(&mut store.conn(), &id).await.unwrap_or(false) {
                    cancel.cancel();
                    return;
                }
            }
        });
    }

    async fn finish(&mut self, end: End) {
        let (status, error) = match &end {
            End::Done => (QueryStatus::Succeeded, None),
            End::Failed(ServiceError::QueryCancelled) => (QueryStatus::Cancelled, None),
            End::Failed(e) => (QueryStatus::Failed, Some(e.to_string())),
        };
        let Some(entry) = self.close(status, error) else { return };
        if let Err(e) = queries::finish(&mut self.queries.store.conn(), &self.record).await {
            tracing::warn!(query = %self.record.id, error = %e, "could not record the end of a query");
        }
        self.queries.audit.record(entry, false).await;
    }

    /// Ends the query once: stops its scans (dropping the stream cancels DataFusion's tasks)
    /// and the cancel watcher, and completes its record. Returns the audit entry to write.
    fn close(&mut self, status: QueryStatus, error: Option<String>) -> Option<AuditEntry> {
        if self.finished {
            return None;
        }
        self.finished = true;
        self.record.status = status;
        self.record.error = error;
        self.record.finished_at = Some(Utc::now());
        self.record.bytes_scanned = self.running.as_ref().map_or(0, |r| r.scans.bytes_scanned());
        self.running = None;
        self.cancel.cancel();
        self.queries.running.lock().unwrap_or_else(|p| p.into_inner()).remove(&self.record.id);
        Some(completion_entry(&self.principal, &self.record, &self.audit))
    }
}

impl Drop for Run {
    /// The client went away mid-stream: the query is cancelled and recorded as such.
    fn drop(&mut self) {
        let Some(entry) = self.close(QueryStatus::Cancelled, Some("the client disconnected".to_owned())) else {
            return;
        };
        let (queries, record) = (self.queries.clone(), self.record.clone());
        if let Ok(handle) = tokio::runtime::Handle::try_current() {
            handle.spawn(async move {
                let _ = queries::finish(&mut queries.store.conn(), &record).await;
                queries.audit.record(entry, false).await;
            });
        }
    }
}

fn completion_entry(principal: &str, record: &QueryRecord, audit: &Value) -> AuditEntry {
    let mut detail = audit.clone();
    if let Value::Object(map) = &mut detail {
        map.insert("query_id".to_owned(), json!(record.id));
        map.insert("tables".to_owned(), json!(record.tables));
        map.insert("rows".to_owned(), json!(record.rows));
        map.insert("bytes_scanned".to_owned(), json!(record.bytes_scanned));
        map.insert("duration_ms".to_owned(), json!(record.duration_ms()));
        if let Some(error) = &record.error {
            map.insert("error".to_owned(), json!(error));
        }
    }
    AuditEntry {
        occurred_at: Utc::now(),
        principal: principal.to_owned(),
        client_addr: None,
        request_id: None,
        action: "query.complete".to_owned(),
        resource: record.tables.join(","),
        decision: Decision::Allow,
        outcome: record.status.as_str().to_owned(),
        detail,
    }
}
