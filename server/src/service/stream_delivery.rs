//! A replica's side of its delivery streams: the one write-ahead log every put lands in
//! (`<data_dir>/streams`), each stream's buffer fed from it in log order, and the loop that
//! delivers due buffers through the governed write path as the stream's owner. Deliveries
//! run on this loop, not on the job runner: a buffer lives in this replica's memory and log,
//! so no other replica could run its delivery.
//!
//! A delivery covers whole requests, from the lowest undelivered position; its files are
//! named `{stream}-{log}-{first position}` and its commit records the last position it
//! covers (per log and per target: the error table commits first, the table second). So a
//! crash anywhere is followed by a replay of what is above the table's checkpoint, its files
//! replace whatever an unfinished attempt left under the same names, and error rows at or
//! below the error table's checkpoint are not written twice.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::sync::Notify;

use super::files::Files;
use super::{ServiceError, ServiceResult};
use crate::authz::Authorizer;
use crate::domain::stream::Stream;
use crate::ingest::StreamConfig;
use crate::ingest::batch::Batch;
use crate::ingest::buffer::{Buffer, Held, Taken};
use crate::ingest::wal::{Entry, OnDurable, Wal, WalError};
use crate::store::Store;
use crate::store::streams;

/// A failed delivery is tried again after this long (doubling up to a minute).
const FIRST_BACKOFF: Duration = Duration::from_millis(500);
/// How often buffers are looked at for their interval.
const TICK: Duration = Duration::from_millis(100);

/// A request's idempotency key on this replica, before its delivery.
#[derive(Debug, Clone)]
enum KeyState {
    /// Its request is being appended: a retry waits for the outcome.
    Appending(Arc<Notify>),
    Appended(Arc<Value>),
}

/// One stream's state on this replica.
#[derive(Debug, Default)]
pub(super) struct Open {
    pub(super) name: String,
    pub(super) size_bytes: usize,
    pub(super) interval: Duration,
    pub(super) buffer: Buffer,
    /// The first position of the delivery in flight.
    pub(super) delivering: Option<u64>,
    keys: HashMap<String, KeyState>,
    pub(super) put_records: u64,
    pub(super) put_bytes: u64,
    pub(super) refused: u64,
    pub(super) last_error: Option<String>,
    retry_at: Option<Instant>,
    backoff: Duration,
}

/// What this replica knows of a stream, for its status.
#[derive(Debug, Clone, Default)]
pub struct Local {
    pub buffered_records: u64,
    pub buffered_bytes: u64,
    pub buffer_age: Option<Duration>,
    pub put_records: u64,
    pub put_bytes: u64,
    pub refused: u64,
    pub last_error: Option<String>,
}

/// The buffers, shared with the log's writer thread (which feeds them).
#[derive(Debug, Default)]
struct Buffers {
    open: Mutex<HashMap<String, Open>>,
    /// Undelivered bytes in every buffer and delivery in flight.
    backlog: AtomicUsize,
    /// One past the highest durable position.
    next: AtomicU64,
    wake: Notify,
}

/// The answer to a put, rebuilt from the request as the log keeps it.
pub fn answer(writer: &str, position: u64, batch: &Batch) -> Value {
    let mut results = vec![Value::Null; batch.len()];
    for (index, why) in &batch.refused {
        if let Some(slot) = results.get_mut(*index as usize) {
            *slot = json!({"error_code": why.code(), "error_message": why.message()});
        }
    }
    for (index, _) in &batch.records {
        if let Some(slot) = results.get_mut(*index as usize) {
            *slot = json!({"record_id": format!("{writer}-{position}-{index}")});
        }
    }
    json!({"failed_put_count": batch.refused.len(), "request_responses": results})
}

impl Buffers {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Open>> {
        self.open.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// An entry is durable: into its stream's buffer (a deleted stream's is dropped).
    fn push(&self, writer: &str, entry: Entry, since: Instant) {
        self.next.fetch_max(entry.position + 1, Ordering::Relaxed);
        let Some(batch) = Batch::decode(entry.payload) else {
            tracing::error!(position = entry.position, "an ingestion log entry of an unknown layout is skipped");
            return;
        };
        let mut open = self.lock();
        let Some(stream) = open.get_mut(&entry.stream) else { return };
        if let Some(key) = &batch.key {
            let done = Arc::new(answer(writer, entry.position, &batch));
            if let Some(KeyState::Appending(waiting)) = stream.keys.insert(key.clone(), KeyState::Appended(done)) {
                waiting.notify_waiters();
            }
        }
        self.backlog.fetch_add(batch.record_bytes(), Ordering::Relaxed);
        let due = stream.buffer.bytes() + batch.record_bytes() >= stream.size_bytes;
        stream.buffer.push(Held { position: entry.position, batch, since });
        if due {
            self.wake.notify_one();
        }
    }
}

/// Why a put was not taken.
#[derive(Debug, thiserror::Error)]
pub enum AcceptError {
    #[error("the stream's undelivered backlog on this server is over its limit; retry after a second")]
    Backlog,
    #[error("the ingestion log's disk is full: nothing of the request was accepted")]
    StorageFull,
    #[error("the ingestion log cannot be written: {0}")]
    Unavailable(String),
    #[error(transparent)]
    Service(#[from] ServiceError),
}

/// This replica's log and buffers.
#[derive(Debug, Clone)]
pub struct Deliveries {
    pub(super) wal: Wal,
    /// This log's id: in record ids, file names and checkpoints.
    pub(super) writer: String,
    buffers: Arc<Buffers>,
    pub(super) files: Arc<Files>,
    pub(super) store: Store,
    pub(super) authz: Authorizer,
    backlog_limit: usize,
}

/// The log's id, kept beside it so a restarted replica delivers its own log under its name.
fn writer_id(dir: &Path) -> std::io::Result<String> {
    let path = dir.join("log-id");
    match std::fs::read_to_string(&path) {
        Ok(id) if !id.trim().is_empty() => Ok(id.trim().to_owned()),
        _ => {
            std::fs::create_dir_all(dir)?;
            let id = uuid::Uuid::new_v4().simple().to_string()[..12].to_owned();
            let tmp = dir.join("log-id.tmp");
            std::fs::write(&tmp, &id)?;
            std::fs::File::open(&tmp)?.sync_all()?;
            std::fs::rename(&tmp, &path)?;
            std::fs::File::open(dir)?.sync_all()?;
            Ok(id)
        }
    }
}

impl Deliveries {
    /// Opens the log and replays into the buffers what it holds above each stream's checkpoint.
    pub async fn open(
        config: &StreamConfig,
        files: Arc<Files>,
        store: Store,
        authz: Authorizer,
    ) -> ServiceResult<Self> {
        let failed = |e: &dyn std::fmt::Display| ServiceError::Internal(format!("the ingestion log: {e}"));
        let writer = writer_id(&config.dir).map_err(|e| failed(&e))?;
        let buffers = Arc::new(Buffers::default());
        let hook: OnDurable = {
            let (buffers, writer) = (buffers.clone(), writer.clone());
            Arc::new(move |entry| buffers.push(&writer, entry, Instant::now()))
        };
        let (dir, options) = (config.dir.clone(), config.wal);
        let opened = tokio::task::spawn_blocking(move || Wal::open_with(&dir, options, Some(hook)))
            .await
            .map_err(|e| failed(&e))?;
        let (wal, entries) = opened.map_err(|e| failed(&e))?;
        let this = Self { wal, writer, buffers, files, store, authz, backlog_limit: config.backlog_bytes };
        let mut delivered = HashMap::new();
        for stream in streams::all(&mut this.store.conn()).await? {
            let point = streams::checkpoint(&mut this.store.conn(), &stream.id, &this.writer, "table").await?;
            delivered.insert(stream.id.clone(), point.position);
            this.register(&stream);
        }
        let (mut replayed, now) = (0usize, Instant::now());
        for entry in entries {
            this.buffers.next.fetch_max(entry.position + 1, Ordering::Relaxed);
            if delivered.get(&entry.stream).is_some_and(|done| (entry.position as i64) > *done) {
                replayed += 1;
                this.buffers.push(&this.writer, entry, now);
            }
        }
        if replayed > 0 {
            tracing::info!(requests = replayed, "replaying undelivered stream records from the ingestion log");
        }
        Ok(this)
    }

    pub fn writer(&self) -> &str {
        &self.writer
    }

    pub fn wal_stats(&self) -> crate::ingest::wal::WalStats {
        self.wal.stats()
    }

    /// Makes `stream` known to this replica (its buffering hints as they are now).
    pub fn register(&self, stream: &Stream) {
        let mut open = self.buffers.lock();
        let state = open.entry(stream.id.clone()).or_default();
        state.name = stream.name.clone();
        state.size_bytes = stream.definition.buffer_bytes();
        state.interval = Duration::from_secs(u64::from(stream.definition.buffering.interval_seconds));
    }

    /// Forgets a deleted stream: what it still buffers is dropped with it.
    pub fn forget(&self, stream_id: &str) {
        if let Some(gone) = self.buffers.lock().remove(stream_id) {
            self.buffers.backlog.fetch_sub(gone.buffer.bytes(), Ordering::Relaxed);
        }
    }

    pub fn local(&self, stream_id: &str) -> Local {
        let open = self.buffers.lock();
        let Some(s) = open.get(stream_id) else { return Local::default() };
        Local {
            buffered_records: s.buffer.records(),
            buffered_bytes: s.buffer.bytes() as u64,
            buffer_age: s.buffer.age(Instant::now()),
            put_records: s.put_records,
            put_bytes: s.put_bytes,
            refused: s.refused,
            last_error: s.last_error.clone(),
        }
    }

    /// Undelivered bytes on this replica.
    pub fn backlog(&self) -> usize {
        self.buffers.backlog.load(Ordering::Relaxed)
    }

    /// Appends a put request to the log; once it returns, its records are durable. A request
    /// with a key already accepted gets the first answer again.
    pub async fn accept(&self, stream: &Stream, batch: Batch) -> Result<Value, AcceptError> {
        if let Some(key) = batch.key.clone() {
            if let Some(first) = self.claim(stream, &key).await? {
                return Ok(first);
            }
            let result = self.append(stream, batch).await;
            if result.is_err() {
                self.release_claim(&stream.id, &key);
            }
            return result;
        }
        self.append(stream, batch).await
    }

    /// The first answer to `key`, or `None` once this request holds the key (it appends).
    async fn claim(&self, stream: &Stream, key: &str) -> Result<Option<Value>, AcceptError> {
        loop {
            let waiting = {
                let mut open = self.buffers.lock();
                let state = open.entry(stream.id.clone()).or_default();
                match state.keys.get(key) {
                    Some(KeyState::Appended(first)) => return Ok(Some(first.as_ref().clone())),
                    Some(KeyState::Appending(waiting)) => waiting.clone(),
                    None => {
                        state.keys.insert(key.to_owned(), KeyState::Appending(Arc::new(Notify::new())));
                        break;
                    }
                }
            };
            let notified = waiting.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            // The append may have finished between the look and the wait.
            let settled = !matches!(self.buffers.lock().get(&stream.id).and_then(|s| s.keys.get(key)),
                Some(KeyState::Appending(w)) if Arc::ptr_eq(w, &waiting));
            if !settled {
                notified.await;
            }
        }
        // Delivered already (by this log before a restart, or by another replica's).
        match streams::answer(&mut self.store.conn(), &stream.id, key).await {
            Ok(Some(first)) => {
                self.release_claim(&stream.id, key);
                Ok(Some(serde_json::from_str(&first).unwrap_or(Value::Null)))
            }
            Ok(None) => Ok(None),
            Err(e) => {
                self.release_claim(&stream.id, key);
                Err(ServiceError::from(e).into())
            }
        }
    }

    fn release_claim(&self, stream_id: &str, key: &str) {
        let mut open = self.buffers.lock();
        let Some(state) = open.get_mut(stream_id) else { return };
        if let Some(KeyState::Appending(waiting)) = state.keys.get(key) {
            waiting.notify_waiters();
            state.keys.remove(key);
        }
    }

    async fn append(&self, stream: &Stream, batch: Batch) -> Result<Value, AcceptError> {
        if self.backlog() >= self.backlog_limit {
            return Err(AcceptError::Backlog);
        }
        let (records, bytes, refused) = (batch.records.len(), batch.record_bytes(), batch.refused.len());
        let payload = batch.encode();
        let position = self.wal.append(&stream.id, vec![payload]).await.map_err(|e| match e {
            WalError::Full => AcceptError::StorageFull,
            other => AcceptError::Unavailable(other.to_string()),
        })?;
        {
            let mut open = self.buffers.lock();
            if let Some(s) = open.get_mut(&stream.id) {
                s.put_records += records as u64;
                s.put_bytes += bytes as u64;
                s.refused += refused as u64;
            }
        }
        Ok(answer(&self.writer, position, &batch))
    }

    /// Delivers due buffers until dropped.
    pub async fn run(self) {
        loop {
            let _ = tokio::time::timeout(TICK, self.buffers.wake.notified()).await;
            for (stream_id, taken) in self.due(Instant::now()) {
                let this = self.clone();
                tokio::spawn(async move { this.deliver_taken(stream_id, taken).await });
            }
        }
    }

    /// Takes every due buffer that has no delivery in flight.
    fn due(&self, now: Instant) -> Vec<(String, Taken)> {
        let mut out = Vec::new();
        let mut open = self.buffers.lock();
        for (id, s) in open.iter_mut() {
            if s.delivering.is_some() || s.retry_at.is_some_and(|at| at > now) {
                continue;
            }
            if s.buffer.due(s.size_bytes, s.interval, now) {
                if let Some(taken) = s.buffer.take(s.size_bytes) {
                    s.delivering = Some(taken.first());
                    out.push((id.clone(), taken));
                }
            }
        }
        out
    }

    async fn deliver_taken(&self, stream_id: String, taken: Taken) -> Result<(), String> {
        let result = self.deliver(&stream_id, &taken).await;
        let bytes = taken.bytes();
        let keys = taken.keys();
        let mut open = self.buffers.lock();
        let Some(s) = open.get_mut(&stream_id) else {
            self.buffers.backlog.fetch_sub(bytes, Ordering::Relaxed);
            return Ok(());
        };
        s.delivering = None;
        match &result {
            Ok(()) => {
                self.buffers.backlog.fetch_sub(bytes, Ordering::Relaxed);
                for (key, _) in keys {
                    s.keys.remove(&key);
                }
                s.last_error = None;
                s.retry_at = None;
                s.backoff = Duration::ZERO;
            }
            Err(e) => {
                tracing::warn!(stream = %s.name, error = %e, "a stream delivery failed; it will be tried again");
                s.last_error = Some(e.clone());
                s.backoff = (s.backoff * 2).clamp(FIRST_BACKOFF, Duration::from_secs(60));
                s.retry_at = Some(Instant::now() + s.backoff);
                s.buffer.restore(taken);
            }
        }
        let lowest = open
            .values()
            .filter_map(|s| match (s.delivering, s.buffer.oldest_position()) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            })
            .min()
            .unwrap_or_else(|| self.buffers.next.load(Ordering::Relaxed));
        drop(open);
        if result.is_ok() {
            let wal = self.wal.clone();
            tokio::spawn(async move {
                if let Err(e) = wal.release(lowest).await {
                    tracing::warn!(error = %e, "releasing delivered ingestion log segments failed");
                }
            });
        }
        result
    }

    async fn deliver(&self, stream_id: &str, taken: &Taken) -> Result<(), String> {
        super::stream_write::deliver(self, stream_id, taken).await
    }
}
