//! Authorization: the one decision point. Every service method and background job asks the
//! [`Authorizer`] before it touches anything - `require` (data-plane privileges),
//! `require_visible` (may see), `require_role` and `may` (management-plane roles, casbin), and
//! the capabilities built on them - so `grep 'authz.require\|\.may('` lists every check in
//! the server, and each decision is recorded in the audit trail (`door.rs`). `access` and the
//! `visible` filters evaluate without recording, for filtering lists and search results.
//!
//! Decisions are made on an in-memory [`Snapshot`] of principals, memberships, grants and tags
//! read from the metadata store. A change made through this replica replaces the snapshot
//! before the change is acknowledged (so a revoke holds on the very next request); changes
//! made through other replicas arrive through the event stream (`events`), to which the
//! policy cache subscribes.
//! Deny by default.

pub mod capability;
pub mod decide;
mod door;
pub mod roles;
pub mod snapshot;
pub mod visible;

use std::sync::{Arc, RwLock};
use std::time::Duration;

pub use decide::{Access, ColumnAccess, Reason, RowAccess, Target};
pub use door::{Denied, GrantRefusal, Permit, Wanted};
pub use snapshot::Snapshot;

use crate::audit::AuditLog;
use crate::domain::principal::{Principal, Resource};
use crate::store::{Store, StoreResult, outbox};

/// How long a hole in the outbox sequence below the snapshot's position is watched. On
/// PostgreSQL a transaction that took a lower `seq` can commit after one with a higher `seq`
/// that a snapshot already includes: without watching, that change would go unseen here.
pub const HOLE_WATCH: Duration = Duration::from_secs(5);
/// How far below the snapshot's position holes are looked for.
const HOLE_WINDOW: i64 = 1_000;

#[derive(Debug, Clone)]
pub struct Authorizer {
    store: Store,
    snapshot: Arc<RwLock<Arc<Snapshot>>>,
    refresh_lock: Arc<tokio::sync::Mutex<()>>,
    /// Positions missing below the snapshot's, and when they were first seen missing.
    holes: Arc<std::sync::Mutex<Vec<(i64, std::time::Instant)>>>,
    /// Where decisions made outside any request are recorded; set once the log runs.
    audit: Arc<std::sync::OnceLock<AuditLog>>,
}

impl Authorizer {
    pub async fn load(store: Store) -> StoreResult<Self> {
        let snapshot = Snapshot::load(&store).await?;
        Ok(Self {
            store,
            snapshot: Arc::new(RwLock::new(Arc::new(snapshot))),
            refresh_lock: Arc::new(tokio::sync::Mutex::new(())),
            holes: Arc::default(),
            audit: Arc::default(),
        })
    }

    /// Records decisions made outside any request through `audit` from now on.
    pub fn attach_audit(&self, audit: AuditLog) {
        let _ = self.audit.set(audit);
    }

    /// The current snapshot; cheap (one `Arc` clone).
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Re-reads the policy from the store. Called after every governance change commits.
    pub async fn refresh(&self) -> StoreResult<()> {
        let _one_at_a_time = self.refresh_lock.lock().await;
        let fresh = Arc::new(Snapshot::load(&self.store).await?);
        let seq = fresh.seq;
        *self.snapshot.write().unwrap_or_else(|p| p.into_inner()) = fresh;
        self.note_holes(seq).await
    }

    /// Remembers the positions below `seq` that hold no event yet.
    async fn note_holes(&self, seq: i64) -> StoreResult<()> {
        let from = (seq - HOLE_WINDOW).max(1);
        let present = outbox::present(&mut self.store.conn(), from, seq).await?;
        let now = std::time::Instant::now();
        let mut holes = self.holes.lock().unwrap_or_else(|p| p.into_inner());
        let seen: std::collections::HashMap<i64, std::time::Instant> = holes.iter().copied().collect();
        let mut present = present.into_iter().peekable();
        holes.clear();
        for position in from..=seq {
            if present.peek() == Some(&position) {
                present.next();
            } else {
                let since = seen.get(&position).copied().unwrap_or(now);
                if since.elapsed() < HOLE_WATCH {
                    holes.push((position, since));
                }
            }
        }
        Ok(())
    }

    /// Whether `seq` was an empty position below the current snapshot's when it was loaded (a
    /// transaction that committed after the snapshot was read): its event is not in it yet.
    fn missed(&self, seq: i64) -> bool {
        let holes = self.holes.lock().unwrap_or_else(|p| p.into_inner());
        holes.iter().any(|(position, since)| *position == seq && since.elapsed() < HOLE_WATCH)
    }

    /// The policy cache as a subscriber of the event stream: changes made through other
    /// replicas arrive through it.
    pub fn policy_cache(&self) -> Arc<dyn crate::events::Subscriber> {
        let followed = self.snapshot().seq;
        Arc::new(PolicyCache { authz: self.clone(), followed: std::sync::atomic::AtomicI64::new(followed) })
    }

    /// The principal as the policy knows it now: `None` once deleted, so a deleted principal's
    /// token stops working on the next request (its roles are looked up per decision).
    pub fn current(&self, principal_id: &str) -> Option<Principal> {
        self.snapshot().principal(principal_id).cloned()
    }

    /// What `principal` may do on `target`, and why; not recorded: for filtering what a
    /// listing shows. A decision that lets something happen goes through `require*`.
    pub fn access(&self, principal: &Principal, target: &Target<'_>) -> Access {
        decide::access(&self.snapshot(), principal, target)
    }
}

pub fn resource_of(target: &Target<'_>) -> Resource {
    match target {
        Target::Catalog => Resource::Catalog,
        Target::Database { name, .. } => Resource::Database((*name).to_owned()),
        Target::Table { database, name, .. } => {
            Resource::Table { database: (*database).to_owned(), table: (*name).to_owned() }
        }
    }
}

/// Reloads the snapshot when an event that can change a decision arrives and is not in it.
struct PolicyCache {
    authz: Authorizer,
    /// The last position handed to this cache (eager: may run ahead of holes below it).
    followed: std::sync::atomic::AtomicI64,
}

#[async_trait::async_trait]
impl crate::events::Subscriber for PolicyCache {
    fn name(&self) -> &str {
        "policy_cache"
    }

    fn in_order(&self) -> bool {
        false
    }

    async fn position(&self) -> anyhow::Result<i64> {
        Ok(self.followed.load(std::sync::atomic::Ordering::Acquire))
    }

    async fn apply(&self, events: &[outbox::OutboxEvent], upto: i64) -> anyhow::Result<()> {
        let seq = self.authz.snapshot().seq;
        let stale = events.iter().any(|e| e.event.touches_policy() && (e.seq > seq || self.authz.missed(e.seq)));
        if stale {
            self.authz.refresh().await?;
        }
        self.followed.fetch_max(upto, std::sync::atomic::Ordering::AcqRel);
        Ok(())
    }
}
