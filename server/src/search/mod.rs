//! Dataset search: a Tantivy index of databases, tables and columns under the data directory.
//! Derived state: the service layer feeds it from the outbox and can rebuild it from the store
//! at any time. It knows nothing of grants: a caller's permissions come in as a [`Gate`].

pub mod columns;
pub mod compile;
pub mod documents;
pub mod expand;
pub mod facets;
pub mod index;
pub mod query;
pub mod run;
pub mod visible;
pub mod words;

use thiserror::Error;

pub use documents::{DatabaseEntry, Hit, Quality, TableEntry};
pub use index::{Change, SearchIndex};
pub use query::QueryError;
pub use run::{FoundHit, SearchRequest, SearchResults};
pub use visible::{Gate, Memo, MemoCache, Scope, View};

#[derive(Debug, Error)]
pub enum SearchError {
    #[error("{0}")]
    Query(#[from] QueryError),
    /// The index on disk was written by another schema version, or lacks its cursor.
    #[error("the search index must be rebuilt")]
    Stale,
    #[error("search index: {0}")]
    Io(String),
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
}
#[cfg(test)]
mod stress_tests;
