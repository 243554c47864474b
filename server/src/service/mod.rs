//! Use cases. Every method has the same shape:
//! validate -> authorize -> transaction -> write -> outbox event -> respond.
//! Authorization happens here and only here.

use thiserror::Error;

use crate::authz::Denied;
use crate::domain::ValidationError;
use crate::store::StoreError;

/// The failures every service shares. A service whose use cases can also fail in ways of their
/// own has a small enum of its own (`TableError`, `QueryRunError`, ...) with a `Service`
/// variant for these; each converts into the HTTP edge's `ApiError`.
#[derive(Debug, Error)]
pub enum ServiceError {
    #[error("{0}")]
    Invalid(#[from] ValidationError),
    #[error("{kind} `{name}` does not exist")]
    NotFound { kind: &'static str, name: String },
    #[error("{kind} `{name}` already exists")]
    AlreadyExists { kind: &'static str, name: String },
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Forbidden(Denied),
    #[error("the page token is invalid or belongs to another listing")]
    InvalidPageToken,
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A failure of a component other than the store (search index, background task).
    #[error("{0}")]
    Internal(String),
}

/// The shared failures' sources reach a service's own error enum through its `Service`
/// variant, so `?` works on store calls, validation and the door alike.
macro_rules! shared_failures {
    ($error:ty) => {
        impl From<crate::store::StoreError> for $error {
            fn from(e: crate::store::StoreError) -> Self {
                Self::Service(e.into())
            }
        }
        impl From<crate::domain::ValidationError> for $error {
            fn from(e: crate::domain::ValidationError) -> Self {
                Self::Service(e.into())
            }
        }
        impl From<crate::authz::Denied> for $error {
            fn from(e: crate::authz::Denied) -> Self {
                Self::Service(e.into())
            }
        }
    };
}

pub mod audit;
pub mod auth;
pub mod core;
pub mod crawl_partitions;
pub mod crawl_run;
pub mod crawlers;
pub mod credentials;
pub mod data;
pub mod data_filters;
pub mod databases;
pub mod files;
pub mod grants;
pub mod indexer;
pub mod lineage;
pub mod lineage_events;
pub mod ops;
pub mod pagination;
pub mod partitions;
mod pipeline_plan;
mod pipeline_run;
pub mod pipeline_triggers;
pub mod pipelines;
pub mod principals;
pub mod queries;
mod query_files;
pub mod query_run;
pub mod recover;
pub mod roles;
pub mod search;
pub mod stream_delivery;
mod stream_sources;
mod stream_write;
pub mod streams;
pub mod tables;
pub mod tags;
mod write_objects;
pub mod writes;

impl From<Denied> for ServiceError {
    fn from(denied: Denied) -> Self {
        Self::Forbidden(denied)
    }
}

impl ServiceError {
    /// A refusal from the door, where a hidden resource is reported absent as `absent`.
    pub fn refused(denied: Denied, absent: impl FnOnce() -> ServiceError) -> Self {
        if denied.hidden { absent() } else { Self::Forbidden(denied) }
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;

/// Largest page a list call returns.
pub const MAX_PAGE: u32 = 1_000;
pub const DEFAULT_PAGE: u32 = 100;

/// A page of results and the token for the next one.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_page_token: Option<String>,
}

pub(crate) fn page_size(max_results: Option<u32>) -> ServiceResult<u32> {
    match max_results {
        None => Ok(DEFAULT_PAGE),
        Some(n) if (1..=MAX_PAGE).contains(&n) => Ok(n),
        Some(_) => Err(ValidationError::new(
            crate::domain::ValidationCode::InvalidRequest,
            format!("max_results must be between 1 and {MAX_PAGE}"),
        )
        .into()),
    }
}
