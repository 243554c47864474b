//! The audit trail: every `/v1` request (logins, reads, changes, grants, denials) becomes a
//! record in a SHA-256 hash chain in the metadata store.
//!
//! One writer task appends records in batches (one transaction per batch, so a busy server
//! does not pay one commit per request). Requests that change something, and logins, wait
//! until their record is committed before they are answered; reads do not wait, so a crash can
//! lose the records of reads answered in the last few milliseconds, never of a change.

pub mod context;

use std::time::Duration;

use tokio::sync::{mpsc, oneshot};

use crate::domain::audit::{AuditEntry, AuditRecord, BrokenLink, GENESIS, check_link};
use crate::store::{Store, StoreResult, audit};

const BATCH: usize = 2_048;
/// How long a batch started by a read record waits for company before it is written: one
/// commit then carries many records (and on SQLite each commit costs the catalog's readers
/// their page caches, so fewer commits make reads cheaper). A batch started by a change is
/// written at once, and a change arriving during the wait cuts it short.
const LINGER: Duration = Duration::from_millis(25);
const QUEUE: usize = 16_384;

struct Pending {
    /// `None` is a flush marker: it commits with the batch it lands in.
    entry: Option<AuditEntry>,
    committed: Option<oneshot::Sender<bool>>,
}

/// A handle to the writer; cheap to clone.
#[derive(Debug, Clone)]
pub struct AuditLog {
    queue: mpsc::Sender<Pending>,
    /// Wakes a lingering writer when someone waits for a commit.
    urgent: std::sync::Arc<tokio::sync::Notify>,
}

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pending")
    }
}

impl AuditLog {
    /// Starts the writer. It stops once every handle is dropped and the queue is drained.
    pub fn start(store: Store) -> (AuditLog, tokio::task::JoinHandle<()>) {
        let (queue, receiver) = mpsc::channel(QUEUE);
        let urgent = std::sync::Arc::new(tokio::sync::Notify::new());
        let writer = tokio::spawn(write_batches(store, receiver, urgent.clone()));
        (AuditLog { queue, urgent }, writer)
    }

    /// Queues `entry`; with `wait`, returns once it is committed (true) or failed (false).
    pub async fn record(&self, entry: AuditEntry, wait: bool) -> bool {
        let (committed, done) = if wait {
            let (tx, rx) = oneshot::channel();
            (Some(tx), Some(rx))
        } else {
            (None, None)
        };
        if self.queue.send(Pending { entry: Some(entry), committed }).await.is_err() {
            tracing::error!("audit writer is gone; record lost");
            return false;
        }
        if wait {
            self.urgent.notify_one();
        }
        match done {
            Some(rx) => rx.await.unwrap_or(false),
            None => true,
        }
    }
}

impl AuditLog {
    /// Returns once every record queued before the call is committed.
    pub async fn flush(&self) -> bool {
        let (tx, rx) = oneshot::channel();
        if self.queue.send(Pending { entry: None, committed: Some(tx) }).await.is_err() {
            return false;
        }
        self.urgent.notify_one();
        rx.await.unwrap_or(false)
    }
}

async fn write_batch(store: &Store, entries: &[&AuditEntry]) -> StoreResult<()> {
    let mut tx = store.begin().await?;
    audit::append(&mut tx.conn(), entries).await?;
    tx.commit().await
}

async fn write_batches(
    store: Store,
    mut receiver: mpsc::Receiver<Pending>,
    urgent: std::sync::Arc<tokio::sync::Notify>,
) {
    while let Some(first) = receiver.recv().await {
        // Sleep instead of awaiting each record: senders then enqueue without waking us. Only
        // someone waiting for a commit wakes us early.
        if first.committed.is_none() {
            tokio::select! {
                () = tokio::time::sleep(LINGER) => {}
                () = urgent.notified() => {}
            }
        }
        let mut batch = vec![first];
        while batch.len() < BATCH {
            match receiver.try_recv() {
                Ok(next) => batch.push(next),
                Err(_) => break,
            }
        }
        let entries: Vec<&AuditEntry> = batch.iter().filter_map(|p| p.entry.as_ref()).collect();
        let mut written = if entries.is_empty() { Ok(()) } else { write_batch(&store, &entries).await };
        if let Err(e) = &written {
            tracing::warn!(error = %e, "audit batch failed; retrying once");
            tokio::time::sleep(Duration::from_millis(50)).await;
            written = write_batch(&store, &entries).await;
        }
        if let Err(e) = &written {
            tracing::error!(error = %e, records = batch.len(), "audit records could not be written");
        }
        for pending in batch {
            if let Some(done) = pending.committed {
                let _ = done.send(written.is_ok());
            }
        }
    }
}

/// The result of walking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub records: i64,
    pub first_broken: Option<BrokenLink>,
}

/// Walks the chain from the first record and reports the first broken link.
pub async fn verify(store: &Store) -> StoreResult<Verification> {
    let mut expected = 1;
    let mut prev = GENESIS.to_owned();
    let mut after = 0;
    loop {
        let page: Vec<AuditRecord> =
            audit::list(&mut store.conn(), &audit::AuditFilter::default(), after, 2_000).await?;
        let Some(last) = page.last() else { break };
        after = last.seq;
        for record in &page {
            if let Err(broken) = check_link(record, expected, &prev) {
                return Ok(Verification { records: expected - 1, first_broken: Some(broken) });
            }
            expected += 1;
            prev.clone_from(&record.hash);
        }
    }
    Ok(Verification { records: expected - 1, first_broken: None })
}
