//! Use cases. Every method has the same shape:
//! validate -> authorize -> transaction -> write -> outbox event -> respond.
//! Authorization happens here and only here.

pub mod audit;
pub mod auth;
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
pub mod ops;
pub mod pagination;
pub mod partitions;
pub mod principals;
pub mod queries;
mod query_files;
pub mod query_run;
pub mod recover;
pub mod roles;
pub mod search;
pub mod tables;
pub mod tags;
mod visibility;
pub mod writes;

use thiserror::Error;

use crate::authz::{Access, Authorizer, Denied, Target};
use crate::domain::ValidationError;
use crate::domain::principal::{Principal, Privilege};
use crate::domain::role::{Action, Scope};
use crate::store::{Store, StoreError};
use pagination::PageTokens;

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
    FileExists(String),
    #[error("crawler `{0}` is already running")]
    CrawlerRunning(String),
    #[error("the upload is larger than the limit of {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("the request body could not be read: {0}")]
    BadBody(String),
    /// The lake's storage failed; the message is logged, not shown.
    #[error("storage: {0}")]
    Storage(String),
    #[error("database `{0}` is not empty; delete its tables first or pass cascade=true")]
    DatabaseNotEmpty(String),
    #[error("the table changed since version {expected}; it is now at version {current}")]
    VersionMismatch { expected: String, current: i64 },
    #[error("this update needs an If-Match header with the table's current ETag")]
    PreconditionRequired,
    #[error("{0}")]
    Forbidden(Denied),
    #[error("{0}")]
    NoGrantOption(String),
    #[error("this would leave the lake without a lake administrator; give lake_admin to another user first")]
    LastAdmin,
    #[error("too many failed logins; try again in {retry_after} s")]
    RateLimited { retry_after: u64 },
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("the page token is invalid or belongs to another listing")]
    InvalidPageToken,
    #[error(transparent)]
    Query(crate::query::QueryError),
    #[error("the query ran longer than its time limit")]
    QueryTimeout,
    #[error("the query was cancelled")]
    QueryCancelled,
    /// Vending refused: the caller's access is restricted and its engine does not enforce that.
    #[error("{0}")]
    EnforcementRequired(String),
    /// A data token used outside what it was vended for.
    #[error("{0}")]
    TokenScope(String),
    #[error("you already run {limit} queries at once; wait for one to finish")]
    TooManyQueries { limit: u32 },
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A failure of a component other than the store (search index, background task).
    #[error("{0}")]
    Internal(String),
}

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

/// Databases, tables, versions and partitions.
#[derive(Debug, Clone)]
pub struct Catalog {
    store: Store,
    authz: Authorizer,
    pages: PageTokens,
}

impl Catalog {
    pub fn new(store: Store, authz: Authorizer, pages: PageTokens) -> Self {
        Self { store, authz, pages }
    }

    pub fn authorizer(&self) -> &Authorizer {
        &self.authz
    }

    /// Authorizes `privilege` on `target` through the door: a target the caller may not see
    /// at all is absent (`absent` is the not-found error to return), one it sees but lacks the
    /// privilege on is forbidden, naming the privilege.
    fn check(
        &self,
        principal: &Principal,
        privilege: Privilege,
        target: &Target<'_>,
        absent: impl FnOnce() -> ServiceError,
    ) -> ServiceResult<Access> {
        self.authz.require(principal, privilege, target).map_err(|d| ServiceError::refused(d, absent))
    }

    /// `privilege` on `target`, or a role allowing `action` in the target's database (what a
    /// data steward holds instead of the privilege).
    fn check_or_role(
        &self,
        principal: &Principal,
        privilege: Privilege,
        action: Action,
        target: &Target<'_>,
        absent: impl FnOnce() -> ServiceError,
    ) -> ServiceResult<()> {
        let database = match target {
            Target::Catalog => None,
            Target::Database { name, .. } => Some(*name),
            Target::Table { database, .. } => Some(*database),
        };
        if database.is_some_and(|db| self.authz.may(principal, action, &Scope::Database(db.to_owned()))) {
            return Ok(());
        }
        self.check(principal, privilege, target, absent).map(|_| ())
    }
}

fn page_size(max_results: Option<u32>) -> ServiceResult<u32> {
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
