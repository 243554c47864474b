//! What the operational endpoints report (whether the metadata store answers, its pool, its
//! backend) and what a replica keeps up to date in the background.

use std::sync::Arc;

use crate::authz::Authorizer;
use crate::events::Subscriber;
use crate::search::SearchIndex;
use crate::store::{Store, StoreResult};

use super::indexer::Indexer;

#[derive(Debug, Clone)]
pub struct Operations {
    store: Store,
    authz: Authorizer,
}

impl Operations {
    pub fn new(store: Store, authz: Authorizer) -> Self {
        Self { store, authz }
    }

    /// What follows the event stream on this replica: the policy cache (changes made through
    /// other replicas) and the search index (changes from every replica).
    pub fn event_subscribers(&self, index: Arc<SearchIndex>) -> Vec<Arc<dyn Subscriber>> {
        vec![self.authz.policy_cache(), Arc::new(Indexer::new(self.store.clone(), index))]
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
