//! A query under way: its first batch is awaited before the response starts (so planning,
//! memory and early timeouts are proper errors), the rest streams. However it ends - done,
//! failed, timed out, cancelled, or the client gone - its record and a `query.complete`
//! audit entry say so, with rows returned and bytes scanned. The execution itself (batches,
//! deadline, cancellation, encoding) is `query::execution`'s; this is the bookkeeping.

use std::collections::HashMap;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use chrono::Utc;
use futures::{Stream, StreamExt};
use serde_json::{Value, json};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use super::ServiceError;
use super::queries::{QueryRunError, Result};
use crate::audit::AuditLog;
use crate::domain::audit::{AuditEntry, Decision};
use crate::domain::principal::Principal;
use crate::domain::query::{QueryRecord, QueryStatus};
use crate::query::Running;
use crate::query::execution::{Bounds, Encoded, Execution, Stop};
use crate::query::output::OutputFormat;
use crate::store::{Store, queries};

/// How often a running query looks for a cancel request made through another replica.
const CANCEL_POLL: Duration = Duration::from_secs(1);

/// What the records of running queries need: the store, the audit log, and the queries
/// running on this replica (for cancelling).
#[derive(Debug)]
pub struct QueryBook {
    pub store: Store,
    pub audit: AuditLog,
    pub running: Mutex<HashMap<String, CancellationToken>>,
}

/// How one query is to run: its format, row limit, time limit and memory limit.
#[derive(Debug, Clone)]
pub struct RunLimits {
    pub format: OutputFormat,
    pub max_rows: Option<u64>,
    pub timeout: Duration,
    pub memory_bytes: usize,
}

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
    Failed(QueryRunError),
}

struct Run {
    book: Arc<QueryBook>,
    principal: String,
    record: QueryRecord,
    output: Option<Encoded>,
    cancel: CancellationToken,
    audit: Value,
    finished: bool,
    _slot: Slot,
}

fn service_error(stop: Stop) -> QueryRunError {
    match stop {
        Stop::Cancelled => QueryRunError::Cancelled,
        Stop::TimedOut => QueryRunError::Timeout,
        Stop::Failed(e) => QueryRunError::Query(e),
    }
}

/// Starts streaming a query `engine.start` began, or records why it could not start.
#[allow(clippy::too_many_arguments)]
pub async fn begin(
    book: Arc<QueryBook>,
    principal: &Principal,
    record: QueryRecord,
    started: Result<Running>,
    limits: RunLimits,
    cancel: CancellationToken,
    slot: Slot,
    audit: Value,
) -> Result<QueryOutput> {
    // One time limit from the start of the query, planning included.
    let spent = (Utc::now() - record.started_at).to_std().unwrap_or_default();
    let deadline = Instant::now() + limits.timeout.saturating_sub(spent);
    let mut run = Run {
        book,
        principal: principal.to_string(),
        record,
        output: None,
        cancel: cancel.clone(),
        audit,
        finished: false,
        _slot: slot,
    };
    let running = match started {
        Ok(running) => running,
        Err(e) => {
            run.finish(End::Failed(clone_error(&e))).await;
            return Err(e);
        }
    };
    let bounds = Bounds { deadline, cancel, max_rows: limits.max_rows, memory_bytes: limits.memory_bytes };
    let execution = Execution::new(running, bounds);
    let columns = json!(execution.columns());
    crate::audit::context::add_detail("columns", columns.clone());
    if let Value::Object(detail) = &mut run.audit {
        detail.insert("columns".to_owned(), columns);
    }
    run.output = Some(execution.encoded(limits.format).map_err(QueryRunError::Query)?);
    run.watch_for_remote_cancel();
    // The first batch decides the status code.
    let opening = match run.next_chunk().await {
        Ok(chunk) => chunk.unwrap_or_default(),
        Err(e) => {
            run.finish(End::Failed(clone_error(&e))).await;
            return Err(e);
        }
    };
    let id = run.record.id.clone();
    let opening = futures::stream::once(async move { Ok(opening) });
    let rest = futures::stream::unfold(run, |mut run| async move {
        if run.finished {
            return None;
        }
        match run.next_chunk().await {
            Ok(Some(bytes)) => Some((Ok(bytes), run)),
            Ok(None) => {
                run.finish(End::Done).await;
                None
            }
            Err(e) => {
                // Headers are gone: the client sees the body end without its closing bytes.
                let message = e.to_string();
                run.finish(End::Failed(e)).await;
                Some((Err(std::io::Error::other(message)), run))
            }
        }
    });
    Ok(QueryOutput { id, format: limits.format, body: Box::pin(opening.chain(rest)) })
}

/// A copy of a query error for the record (the original goes to the caller).
fn clone_error(e: &QueryRunError) -> QueryRunError {
    match e {
        QueryRunError::Query(q) => QueryRunError::Query(q.clone()),
        QueryRunError::Timeout => QueryRunError::Timeout,
        QueryRunError::Cancelled => QueryRunError::Cancelled,
        other => ServiceError::Internal(other.to_string()).into(),
    }
}

impl Run {
    async fn next_chunk(&mut self) -> Result<Option<Bytes>> {
        let Some(output) = self.output.as_mut() else { return Ok(None) };
        let chunk = output.next_chunk().await.map_err(service_error)?;
        self.record.rows = output.execution().rows();
        Ok(chunk)
    }

    /// Polls the store for a cancel request while the query runs.
    fn watch_for_remote_cancel(&self) {
        let (store, id, cancel) = (self.book.store.clone(), self.record.id.clone(), self.cancel.clone());
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
            End::Failed(QueryRunError::Cancelled) => (QueryStatus::Cancelled, None),
            End::Failed(e) => (QueryStatus::Failed, Some(e.to_string())),
        };
        let Some(entry) = self.close(status, error) else { return };
        if let Err(e) = queries::finish(&mut self.book.store.conn(), &self.record).await {
            tracing::warn!(query = %self.record.id, error = %e, "could not record the end of a query");
        }
        self.book.audit.record(entry, false).await;
    }

    /// Ends the query once: stops its scans and the cancel watcher, and completes its
    /// record. Returns the audit entry to write.
    fn close(&mut self, status: QueryStatus, error: Option<String>) -> Option<AuditEntry> {
        if self.finished {
            return None;
        }
        self.finished = true;
        self.record.status = status;
        self.record.error = error;
        self.record.finished_at = Some(Utc::now());
        if let Some(output) = self.output.as_mut() {
            output.execution_mut().stop();
            self.record.rows = output.execution().rows();
            self.record.bytes_scanned = output.execution().bytes_scanned();
        }
        self.output = None;
        self.cancel.cancel();
        self.book.running.lock().unwrap_or_else(|p| p.into_inner()).remove(&self.record.id);
        Some(completion_entry(&self.principal, &self.record, &self.audit))
    }
}

impl Drop for Run {
    /// The client went away mid-stream: the query is cancelled and recorded as such.
    fn drop(&mut self) {
        let Some(entry) = self.close(QueryStatus::Cancelled, Some("the client disconnected".to_owned())) else {
            return;
        };
        let (book, record) = (self.book.clone(), self.record.clone());
        if let Ok(handle) = tokio::runtime::Handle::try_current() {
            handle.spawn(async move {
                let _ = queries::finish(&mut book.store.conn(), &record).await;
                book.audit.record(entry, false).await;
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
