//! The one follower of the typed event stream (the outbox). Each [`Subscriber`] - the search
//! index, the policy cache, pipeline triggers - declares where it stands and how it wants
//! events; the follower reads the outbox after that position, handles holes in the sequence
//! (written once, in `gaps`), and hands the subscriber its events in order. A subscriber that
//! stores its position with its effects sees every committed event exactly once, across
//! restarts; the follower keeps nothing durable of its own.

pub mod gaps;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;

use crate::store::outbox::{self, OutboxEvent};
use crate::store::{Store, StoreResult};
use gaps::{GapWatch, LateWatch};

/// How often the follower looks for new events.
pub const POLL_INTERVAL: Duration = Duration::from_millis(50);
const BATCH: u64 = 1_000;

#[async_trait]
pub trait Subscriber: Send + Sync {
    /// For logs and stored cursors.
    fn name(&self) -> &str;

    /// Every event up to this position has been applied (durably, for exactly-once).
    async fn position(&self) -> anyhow::Result<i64>;

    /// In order (the default): events only once every position before them is filled or given
    /// up on ([`gaps::GAP_GRACE`]) - for subscribers that keep one cursor. Eager: every event
    /// as soon as it is visible, and late commits below the position when they appear - for
    /// idempotent caches that must not lag (the policy cache).
    fn in_order(&self) -> bool {
        true
    }

    /// Applies `events`, in order, and records `upto` as the new position. An error leaves the
    /// position where it was: the same events come again.
    async fn apply(&self, events: &[OutboxEvent], upto: i64) -> anyhow::Result<()>;
}

struct Follow {
    subscriber: Arc<dyn Subscriber>,
    gaps: Mutex<GapWatch>,
    late: Mutex<LateWatch>,
}

/// Feeds every subscriber from the outbox.
#[derive(Clone)]
pub struct Follower {
    store: Store,
    follows: Arc<Vec<Follow>>,
}

impl std::fmt::Debug for Follower {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.follows.iter().map(|s| s.subscriber.name()).collect();
        f.debug_struct("Follower").field("subscribers", &names).finish()
    }
}

impl Follower {
    pub fn new(store: Store, subscribers: Vec<Arc<dyn Subscriber>>) -> Self {
        let follows = subscribers
            .into_iter()
            .map(|subscriber| Follow { subscriber, gaps: Mutex::default(), late: Mutex::default() })
            .collect();
        Self { store, follows: Arc::new(follows) }
    }

    /// Brings every subscriber up to what is committed now; returns the events handed out.
    pub async fn catch_up(&self) -> anyhow::Result<usize> {
        let mut total = 0;
        for follow in self.follows.iter() {
            total += self.catch_up_one(follow).await?;
        }
        Ok(total)
    }

    async fn catch_up_one(&self, follow: &Follow) -> anyhow::Result<usize> {
        if !follow.subscriber.in_order() {
            return self.catch_up_eager(follow).await;
        }
        let mut total = 0;
        loop {
            let position = follow.subscriber.position().await?;
            let mut events = self.read(position).await?;
            let ready = follow.gaps.lock().unwrap_or_else(|p| p.into_inner()).ready(position, &events);
            events.truncate(ready);
            let Some(upto) = events.last().map(|e| e.seq) else { return Ok(total) };
            follow.subscriber.apply(&events, upto).await?;
            total += events.len();
        }
    }

    async fn catch_up_eager(&self, follow: &Follow) -> anyhow::Result<usize> {
        let mut total = 0;
        // Late commits below the position first.
        let watched = follow.late.lock().unwrap_or_else(|p| p.into_inner()).watched();
        if let (Some(first), Some(last)) = (watched.first(), watched.last()) {
            let present = outbox::present(&mut self.store.conn(), *first, *last).await?;
            let filled: Vec<i64> = present.into_iter().filter(|p| watched.contains(p)).collect();
            if let Some(upto) = filled.last().copied() {
                let late: Vec<OutboxEvent> =
                    self.read(first - 1).await?.into_iter().filter(|e| filled.contains(&e.seq)).collect();
                let position = follow.subscriber.position().await?;
                follow.subscriber.apply(&late, position.max(upto)).await?;
                follow.late.lock().unwrap_or_else(|p| p.into_inner()).filled(&filled);
                total += late.len();
            }
        }
        loop {
            let position = follow.subscriber.position().await?;
            let events = self.read(position).await?;
            let Some(upto) = events.last().map(|e| e.seq) else { return Ok(total) };
            follow.late.lock().unwrap_or_else(|p| p.into_inner()).note(position, &events);
            follow.subscriber.apply(&events, upto).await?;
            total += events.len();
        }
    }

    async fn read(&self, after: i64) -> StoreResult<Vec<OutboxEvent>> {
        outbox::after(&mut self.store.conn(), after, BATCH).await
    }

    /// Follows the outbox until aborted; a failing subscriber is retried, the others go on.
    pub fn spawn(self) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            loop {
                for follow in self.follows.iter() {
                    if let Err(e) = self.catch_up_one(follow).await {
                        tracing::warn!(error = %e, subscriber = follow.subscriber.name(), "event delivery failed; retrying");
                    }
                }
                tokio::time::sleep(POLL_INTERVAL).await;
            }
        })
    }
}

/// A position kept in the store (`event_cursors`), for subscribers whose effects are in the
/// store too: save it with [`outbox::save_cursor`] in the transaction that applies the events.
pub async fn stored_position(store: &Store, subscriber: &str) -> StoreResult<i64> {
    outbox::cursor(&mut store.conn(), subscriber).await
}
