//! Vended access for external engines: time-limited, one table's location only. On S3, a
//! pre-signed URL per file; on a local lake, a token for Tarn's data endpoint. A caller whose
//! access is restricted by columns or rows gets access only when its engine declares that it
//! enforces those restrictions (Lake Formation's SupportedPermissionTypes handshake).

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::json;

use super::core::{column_names, table_target};
use super::files::{FileError, Files};
use super::{ServiceError, core::Core};
use crate::audit::context;
use crate::authn::{DataClaims, TokenIssuer};
use crate::config::CREDENTIAL_TTL_SECS;
use crate::domain::principal::Principal;
use crate::domain::table::Table;
use crate::domain::{ValidationCode, ValidationError};
use crate::storage::{FileName, LakePath, PartitionPath};

/// Restrictions an engine may declare it enforces.
pub use crate::authz::capability::{CELL_FILTER_PERMISSION, COLUMN_PERMISSION};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    Read,
    Write,
}

impl Operation {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Read => "READ",
            Self::Write => "WRITE",
        }
    }
}

/// What vending access, or using what was vended, can fail with beyond the shared failures.
#[derive(Debug, thiserror::Error)]
pub enum VendError {
    /// The caller's access is restricted and its engine does not enforce that.
    #[error("{0}")]
    EnforcementRequired(String),
    /// A data token used outside what it was vended for.
    #[error("{0}")]
    TokenScope(String),
    #[error("invalid credentials")]
    InvalidToken,
    /// Writing through a vended token fails as uploads do.
    #[error(transparent)]
    File(#[from] FileError),
    #[error(transparent)]
    Service(#[from] ServiceError),
}
shared_failures!(VendError);

impl From<crate::storage::PathError> for VendError {
    fn from(e: crate::storage::PathError) -> Self {
        Self::File(e.into())
    }
}

impl From<crate::storage::StorageError> for VendError {
    fn from(e: crate::storage::StorageError) -> Self {
        Self::File(e.into())
    }
}

pub(super) type Result<T, E = VendError> = std::result::Result<T, E>;

#[derive(Debug, Clone)]
pub struct VendRequest {
    pub operation: Operation,
    pub supported_permission_types: Vec<String>,
    pub duration: Option<Duration>,
    /// For WRITE on S3: the files to be written, relative to the table's folder.
    pub files: Vec<String>,
}

#[derive(Debug, Clone)]
pub enum VendedAccess {
    /// One URL per file (READ: every file now in the table; WRITE: each named file).
    PresignedUrls(Vec<(String, String)>),
    /// A bearer token for `GET|PUT /v1/data/{db}/{table}/...`.
    DataToken(String),
}

#[derive(Debug, Clone)]
pub struct Vended {
    pub table: Table,
    pub operation: Operation,
    pub location: String,
    pub expires_at: DateTime<Utc>,
    /// Columns the caller may read (data columns granted, then partition keys).
    pub columns: Vec<String>,
    /// The row filter the engine must apply, when one applies.
    pub row_filter: Option<String>,
    pub access: VendedAccess,
}

#[derive(Debug)]
pub struct Credentials {
    core: Core,
    files: Arc<Files>,
    tokens: Arc<TokenIssuer>,
    default_ttl: Duration,
}

fn invalid(message: String) -> VendError {
    ValidationError::new(ValidationCode::InvalidRequest, message).into()
}

/// The union of several row filters as one SQL predicate.
pub fn union_of(filters: &[String]) -> String {
    filters.iter().map(|f| format!("({f})")).collect::<Vec<_>>().join(" OR ")
}

impl Credentials {
    pub fn new(core: Core, files: Arc<Files>, tokens: Arc<TokenIssuer>, default_ttl: Duration) -> Self {
        Self { core, files, tokens, default_ttl }
    }

    pub fn tokens(&self) -> &TokenIssuer {
        &self.tokens
    }

    pub async fn vend(
        &self,
        principal: &Principal,
        database: &str,
        name: &str,
        request: VendRequest,
    ) -> Result<Vended> {
        // validate
        let ttl = request.duration.unwrap_or(self.default_ttl);
        if !CREDENTIAL_TTL_SECS.contains(&ttl.as_secs()) {
            return Err(invalid(format!(
                "duration_seconds is {} to {}",
                CREDENTIAL_TTL_SECS.start(),
                CREDENTIAL_TTL_SECS.end()
            )));
        }
        if let Some(unknown) = request
            .supported_permission_types
            .iter()
            .find(|t| ![COLUMN_PERMISSION, CELL_FILTER_PERMISSION].contains(&t.as_str()))
        {
            return Err(invalid(format!("unknown permission type `{unknown}`")));
        }
        let expires_at = Utc::now() + chrono::Duration::from_std(ttl).unwrap_or_default();
        context::add_detail("operation", json!(request.operation.as_str()));
        // authorize: SELECT (READ) or INSERT (WRITE), as a capability on the table's folder
        let (table, _) = self.core.visible_table(principal, database, name).await?;
        let columns = column_names(&table);
        let location = self.files.location_of(&table);
        let target = table_target(&table, &columns);
        let authz = self.core.authorizer();
        let lake = self.files.lake();
        let (granted, row_filter, access) = match request.operation {
            Operation::Read => {
                let read = self.files.read_table(principal, &table)?;
                let row_filter = read.row_filters().map(union_of);
                authz
                    .require_enforced(principal, &read, columns.len(), &request.supported_permission_types)
                    .map_err(VendError::EnforcementRequired)?;
                let access = if lake.signs_urls() {
                    let mut urls = Vec::new();
                    for object in lake.list_table_folder(&read, read.location()).await? {
                        let relative =
                            object.path.relative_to(&lake.resolve(read.location())?).unwrap_or_default().to_owned();
                        urls.push((relative, lake.presign_read(&read, &object, ttl).await?));
                    }
                    VendedAccess::PresignedUrls(urls)
                } else {
                    VendedAccess::DataToken(self.token(principal, &table, &request, expires_at))
                };
                (read.columns().to_vec(), row_filter, access)
            }
            Operation::Write => {
                let write = authz.write_files(principal, &target, &location)?;
                let access = if lake.signs_urls() {
                    if request.files.is_empty() {
                        return Err(invalid("WRITE on an S3 lake names the files to write in `files`".to_owned()));
                    }
                    let folder = lake.resolve(write.location())?;
                    let mut urls = Vec::new();
                    for relative in &request.files {
                        let path = relative_path(&folder, relative)?;
                        urls.push((relative.clone(), lake.presign_write(&write, &path, ttl).await?));
                    }
                    VendedAccess::PresignedUrls(urls)
                } else {
                    VendedAccess::DataToken(self.token(principal, &table, &request, expires_at))
                };
                (columns.clone(), None, access)
            }
        };
        let mut visible = granted;
        visible.extend(table.definition.partition_keys.iter().map(|k| k.name.to_string()));
        context::add_detail("columns", json!(visible));
        context::add_detail("row_filter", json!(row_filter));
        context::add_detail("expires_at", json!(expires_at));
        context::add_detail("access", json!(if lake.signs_urls() { "presigned_urls" } else { "data_token" }));
        Ok(Vended { table, operation: request.operation, location, expires_at, columns: visible, row_filter, access })
    }

    fn token(&self, principal: &Principal, table: &Table, request: &VendRequest, expires_at: DateTime<Utc>) -> String {
        self.tokens.issue_data(&DataClaims {
            sub: principal.id.clone(),
            tid: table.id.clone(),
            db: table.database.clone(),
            tbl: table.name.to_string(),
            op: request.operation.as_str().to_owned(),
            perm: request.supported_permission_types.clone(),
            exp: expires_at.timestamp(),
        })
    }
}

/// `year=2024/part-0.parquet` as a path in `folder`: partition folders, then a file name.
pub fn relative_path(folder: &LakePath, relative: &str) -> Result<LakePath> {
    let (partition, name) = relative.rsplit_once('/').unwrap_or(("", relative));
    let name = FileName::parse(name)?;
    let partition = if partition.is_empty() { PartitionPath::default() } else { PartitionPath::parse(partition)? };
    Ok(folder.join_partition(&partition).join(name.as_str()))
}
