//! Dataset search for a caller: parse, page, and ask the index with the caller's permissions
//! as a gate, so hits, totals and facet counts only ever include what the caller may DESCRIBE
//! (and of tables with column-level access, only the columns it may see).

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::pagination::PageTokens;
use super::{ServiceError, ServiceResult, page_size};
use crate::authz::decide::{self, sees_everything};
use crate::authz::visible::sees_database;
use crate::authz::{Authorizer, Snapshot, Target};
use crate::domain::principal::Principal;
use crate::domain::{ValidationCode, ValidationError};
use crate::search::{FoundHit, Gate, MemoCache, Scope, SearchError, SearchIndex, SearchRequest, View, query};

/// Deepest result a search pages to (as Elasticsearch's default window).
pub const MAX_WINDOW: usize = 10_000;

#[derive(Debug)]
pub struct Search {
    authz: Authorizer,
    index: Arc<SearchIndex>,
    pages: PageTokens,
    memos: Arc<MemoCache>,
}

/// One page of search results with the facet counts of the whole result set.
#[derive(Debug, Clone)]
pub struct SearchPage {
    pub hits: Vec<FoundHit>,
    pub total: u64,
    pub facets: BTreeMap<&'static str, Vec<(String, u64)>>,
    pub next_page_token: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct Position {
    offset: usize,
}

/// The caller's permissions under one policy snapshot.
struct PolicyGate {
    snapshot: Arc<Snapshot>,
    principal: Principal,
}

impl Gate for PolicyGate {
    fn everything(&self) -> bool {
        sees_everything(&self.snapshot, &self.principal)
    }

    fn scope(&self, name: &str, owner: &str) -> Scope {
        let access = decide::access(&self.snapshot, &self.principal, &Target::Database { name, owner });
        if access.reveals_all_within() {
            Scope::Everything
        } else if !sees_database(&self.snapshot, &self.principal, name, owner) {
            Scope::Nothing
        } else {
            Scope::PerTable
        }
    }

    fn database(&self, name: &str, owner: &str) -> bool {
        sees_database(&self.snapshot, &self.principal, name, owner)
    }

    fn table(&self, database: &str, name: &str, owner: &str, columns: &[String]) -> View {
        let access = decide::access(&self.snapshot, &self.principal, &Target::Table { database, name, owner, columns });
        if !access.visible() {
            View::Hidden
        } else if access.sees_all_columns() {
            View::All
        } else {
            View::Columns(columns.iter().map(|c| access.columns.allows(c)).collect())
        }
    }
}

impl Search {
    pub fn new(authz: Authorizer, index: Arc<SearchIndex>, pages: PageTokens) -> Self {
        Self { authz, index, pages, memos: Arc::new(MemoCache::default()) }
    }

    pub fn index(&self) -> &Arc<SearchIndex> {
        &self.index
    }

    /// Searches for `q` as `caller` sees the catalog.
    pub async fn search(
        &self,
        caller: &Principal,
        q: &str,
        max_results: Option<u32>,
        page_token: Option<&str>,
    ) -> ServiceResult<SearchPage> {
        // --- validate
        let parsed = query::parse(q).map_err(|e| ValidationError::new(ValidationCode::InvalidQuery, e.0))?;
        let limit = page_size(max_results)? as usize;
        let scope = format!("search:{q}");
        let offset = self.pages.resume::<Position>(&scope, page_token)?.map_or(0, |p| p.offset);
        // --- authorize: the gate is the caller's permissions, checked on every matching document
        let snapshot = self.authz.snapshot();
        let memo = self.memos.get(&caller.id, snapshot.generation);
        let gate: Arc<dyn Gate> = Arc::new(PolicyGate { snapshot, principal: caller.clone() });
        // --- search
        let index = self.index.clone();
        let request = SearchRequest { query: parsed, offset, limit: limit.min(MAX_WINDOW.saturating_sub(offset)) };
        let results = tokio::task::spawn_blocking(move || index.search(&request, gate, memo))
            .await
            .map_err(|e| ServiceError::Internal(format!("search task: {e}")))?
            .map_err(search_error)?;
        let next = offset + results.hits.len();
        let more = !results.hits.is_empty() && (next as u64) < results.total && next < MAX_WINDOW;
        Ok(SearchPage {
            next_page_token: more.then(|| self.pages.encode(&scope, &Position { offset: next })),
            hits: results.hits,
            total: results.total,
            facets: results.facets,
        })
    }
}

pub(super) fn search_error(e: SearchError) -> ServiceError {
    match e {
        SearchError::Query(q) => ValidationError::new(ValidationCode::InvalidQuery, q.0).into(),
        other => ServiceError::Internal(other.to_string()),
    }
}
