//! Tarn's data endpoint: the files of one table, for the bearer of a data token vended for
//! it. Every request re-checks the grant behind the token, so a revoke holds before expiry.

use std::sync::Arc;

use bytes::Bytes;
use futures::Stream;

use super::credentials::{Credentials, Operation, Result, VendError};
use super::files::{Files, Upload, Uploaded};
use super::{ServiceError, core::Core};
use crate::audit::context;
use crate::authn::{AuthnError, DataClaims};
use crate::authz::capability::ReadTable;
use crate::domain::principal::Principal;
use crate::domain::table::Table;
use crate::storage::{ObjectReader, StorageError};

#[derive(Debug)]
pub struct DataAccess {
    core: Core,
    files: Arc<Files>,
    credentials: Arc<Credentials>,
}

/// A file of the table, as listed.
#[derive(Debug, Clone)]
pub struct DataFile {
    pub path: String,
    pub size: u64,
}

impl DataAccess {
    pub fn new(core: Core, files: Arc<Files>, credentials: Arc<Credentials>) -> Self {
        Self { core, files, credentials }
    }

    /// The principal behind `token`, once the token is genuine, unexpired, for this table and
    /// operation, and the table is still the one it was vended for.
    async fn bearer(
        &self,
        token: &str,
        database: &str,
        table: &str,
        op: Operation,
    ) -> Result<(Principal, DataClaims, Table)> {
        let claims = self.credentials.tokens().verify_data(token).await.map_err(|e| match e {
            AuthnError::InvalidToken => {
                context::note_denied();
                VendError::InvalidToken
            }
            AuthnError::Store(e) => e.into(),
        })?;
        let principal = self.core.authorizer().current(&claims.sub).ok_or(VendError::InvalidToken)?;
        context::set_principal(principal.to_string());
        if claims.db != database || claims.tbl != table {
            context::note_denied();
            return Err(VendError::TokenScope(format!(
                "this token is for {}.{}, not {database}.{table}",
                claims.db, claims.tbl
            )));
        }
        if claims.op != op.as_str() {
            context::note_denied();
            return Err(VendError::TokenScope(format!("this token allows {}, not {}", claims.op, op.as_str())));
        }
        let (found, _) = self.core.visible_table(&principal, database, table).await?;
        if found.id != claims.tid {
            context::note_denied();
            return Err(VendError::TokenScope(format!("{database}.{table} was replaced since this token was vended")));
        }
        Ok((principal, claims, found))
    }

    /// SELECT now, and restrictions (now) that the token's engine declared it enforces.
    async fn read_capability(&self, token: &str, database: &str, table: &str) -> Result<ReadTable> {
        let (principal, claims, found) = self.bearer(token, database, table, Operation::Read).await?;
        let read = self.files.read_table(&principal, &found)?;
        self.core
            .authorizer()
            .require_enforced(&principal, &read, found.definition.columns.len(), &claims.perm)
            .map_err(VendError::EnforcementRequired)?;
        Ok(read)
    }

    pub async fn list(&self, token: &str, database: &str, table: &str) -> Result<Vec<DataFile>> {
        let read = self.read_capability(token, database, table).await?;
        let lake = self.files.lake();
        let folder = lake.resolve(read.location())?;
        let objects = lake.list_table_folder(&read, read.location()).await?;
        Ok(objects
            .into_iter()
            .filter_map(|o| Some(DataFile { path: o.path.relative_to(&folder)?.to_owned(), size: o.size }))
            .collect())
    }

    pub async fn open(&self, token: &str, database: &str, table: &str, path: &str) -> Result<ObjectReader> {
        let read = self.read_capability(token, database, table).await?;
        context::add_detail("path", serde_json::json!(path));
        self.files.lake().table_file(&read, path).await.map_err(|e| match e {
            StorageError::NotFound(_) | StorageError::Path(_) => {
                ServiceError::NotFound { kind: "file", name: path.to_owned() }.into()
            }
            other => other.into(),
        })
    }

    pub async fn write<S, E>(&self, token: &str, database: &str, table: &str, path: &str, body: S) -> Result<Uploaded>
    where
        S: Stream<Item = Result<Bytes, E>> + Unpin,
        E: std::fmt::Display,
    {
        let (principal, ..) = self.bearer(token, database, table, Operation::Write).await?;
        let (partition, name) = path.rsplit_once('/').unwrap_or(("", path));
        let upload = Upload {
            database: database.to_owned(),
            table: table.to_owned(),
            name: name.to_owned(),
            partition: Some(partition.to_owned()),
            overwrite: true,
        };
        Ok(self.files.upload(&principal, upload, body).await?)
    }
}
