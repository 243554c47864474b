//! What the operational endpoints report: whether the metadata store answers, its pool, and
//! its backend.

use crate::store::{Store, StoreResult};

#[derive(Debug, Clone)]
pub struct Operations {
    store: Store,
}

impl Operations {
    pub fn new(store: Store) -> Self {
        Self { store }
    }

    /// Whether the metadata store answers.
    pub async fn ready(&self) -> StoreResult<()> {
        self.store.ping().await
    }

    /// Pool connections: (open, idle, max).
    pub fn pool_usage(&self) -> (u32, u32, u32) {
        self.store.pool_usage()
    }

    pub fn backend(&self) -> &'static str {
        self.store.backend().as_str()
    }
}
