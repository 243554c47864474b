//! Uploading files into a table's folder in the raw zone. The body streams to a staging
//! object; the catalog then decides (new, identical re-upload, conflict, overwrite) inside a
//! transaction, and only then is the object published under its name.

use std::collections::BTreeMap;

use bytes::Bytes;
use chrono::Utc;
use futures::Stream;
use serde_json::json;

use super::core::{column_names, table_target};
use super::writes::{Existing, StagedFile};
use super::{ServiceError, core::Core};
use crate::audit::context;
use crate::authz::capability::ReadTable;
use crate::domain::partition::{Partition, Slots, encode_values};
use crate::domain::principal::Principal;
use crate::domain::table::{Table, Zone};
use crate::domain::{ValidationCode, ValidationError};
use crate::storage::{FileName, Lake, LakePath, PartitionPath, PathError, StorageError};
use crate::store::{Store, partitions};

#[derive(Debug, Clone)]
pub struct Files {
    core: Core,
    store: Store,
    lake: Lake,
    max_upload_bytes: u64,
}

/// Where an upload goes and what to do when the name is taken.
#[derive(Debug, Clone)]
pub struct Upload {
    pub database: String,
    pub table: String,
    pub name: String,
    /// Hive-style partition folders, `year=2024/month=06`.
    pub partition: Option<String>,
    pub overwrite: bool,
}

#[derive(Debug, Clone)]
pub struct Uploaded {
    /// Path within the table's folder.
    pub path: String,
    pub location: String,
    pub size: u64,
    pub sha256: String,
    /// False when the same content was already there under this name.
    pub created: bool,
}

/// What writing a table's files can fail with beyond the shared failures.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{0}")]
    Exists(String),
    #[error("the upload is larger than the limit of {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("the request body could not be read: {0}")]
    BadBody(String),
    /// The lake's storage failed; the message is logged, not shown.
    #[error("storage: {0}")]
    Storage(String),
    #[error(transparent)]
    Service(#[from] ServiceError),
}
shared_failures!(FileError);

pub(super) type Result<T, E = FileError> = std::result::Result<T, E>;

impl From<StorageError> for FileError {
    fn from(e: StorageError) -> Self {
        match e {
            StorageError::Path(p) => Self::Service(p.into()),
            StorageError::TooLarge { limit } => Self::TooLarge { limit },
            StorageError::OutsideLake(..) => Self::Service(ServiceError::Conflict(e.to_string())),
            StorageError::Body(m) => Self::BadBody(m),
            other => Self::Storage(other.to_string()),
        }
    }
}

/// Outside a write (a crawl's scan), a storage failure is the shared kind.
impl From<StorageError> for ServiceError {
    fn from(e: StorageError) -> Self {
        match FileError::from(e) {
            FileError::Service(shared) => shared,
            other => ServiceError::Internal(other.to_string()),
        }
    }
}

impl From<PathError> for FileError {
    fn from(e: PathError) -> Self {
        Self::Service(e.into())
    }
}

impl From<PathError> for ServiceError {
    fn from(e: PathError) -> Self {
        ServiceError::Invalid(ValidationError::new(ValidationCode::InvalidPath, e.0))
    }
}

impl Files {
    pub fn new(core: Core, store: Store, lake: Lake, max_upload_bytes: u64) -> Self {
        Self { core, store, lake, max_upload_bytes }
    }

    pub fn core(&self) -> &Core {
        &self.core
    }

    pub fn lake(&self) -> &Lake {
        &self.lake
    }

    /// The folder of a table: its own location, or its place in the lake's zones.
    pub fn location_of(&self, table: &Table) -> String {
        table
            .definition
            .location
            .clone()
            .unwrap_or_else(|| self.lake.table_location(table.definition.zone, &table.database, table.name.as_str()))
    }

    /// SELECT on `table`, as the capability to read its granted columns and rows in its folder.
    pub fn read_table(&self, principal: &Principal, table: &Table) -> super::ServiceResult<ReadTable> {
        let columns = column_names(table);
        let location = self.location_of(table);
        Ok(self.core.authorizer().read_table(principal, &table_target(table, &columns), &location)?)
    }

    pub async fn upload<S, E>(&self, principal: &Principal, upload: Upload, body: S) -> Result<Uploaded>
    where
        S: Stream<Item = Result<Bytes, E>> + Unpin,
        E: std::fmt::Display,
    {
        // validate
        let name = FileName::parse(&upload.name)?;
        let partition = upload.partition.as_deref().filter(|p| !p.is_empty()).map(PartitionPath::parse).transpose()?;
        let partition = partition.unwrap_or_default();
        // authorize: INSERT on the table, as the capability to write into its folder
        let (table, _) = self.core.visible_table(principal, &upload.database, &upload.table).await?;
        let columns = column_names(&table);
        let location = self.location_of(&table);
        let write = self
            .core
            .authorizer()
            .write_files(principal, &table_target(&table, &columns), &location)
            .map_err(ServiceError::Forbidden)?;
        check_target(&table, &partition)?;
        let file = self.lake.file_path(&write, &partition, &name)?;
        let folder = self.lake.resolve(&location)?;
        let relative = file.relative_to(&folder).unwrap_or_default().to_owned();
        let catalog_partition = self.catalog_partition(&table, &folder, &partition)?;
        context::add_detail("file", json!(relative));
        // a partition registered in another folder is refused before any byte is read
        // (and again in the transaction, which decides)
        if let Some((slots, new)) = &catalog_partition
            && let Some(existing) = partitions::get_one(&mut self.store.conn(), &table.id, slots).await?
        {
            check_same_folder(&table, &existing, new)?;
        }
        // stream the body to a staging object
        let staged = self.lake.stage(body, self.max_upload_bytes).await?;
        context::add_detail("size", json!(staged.size));
        context::add_detail("sha256", json!(staged.sha256));
        // one governed commit: the file record, its partition and the event, published just
        // before the transaction commits; the staging object does not outlive the request
        let staged = StagedFile { staged, file, relative: relative.clone(), partition: catalog_partition };
        let existing = if upload.overwrite { Existing::Replace } else { Existing::Refuse };
        let done = self
            .commit(principal, &write, &table, vec![staged], None, existing, super::writes::Replace::Nothing, None)
            .await?;
        if let Some(values) = done.partitions_added.first() {
            context::add_detail("partition_added", json!(values));
        }
        let committed =
            done.files.into_iter().next().ok_or_else(|| ServiceError::Internal("no file committed".into()))?;
        Ok(Uploaded {
            path: committed.relative,
            location: self.lake.uri(&folder.join(&relative)).trim_end_matches('/').to_owned(),
            size: committed.size,
            sha256: committed.sha256,
            created: committed.created,
        })
    }

    pub(super) fn store(&self) -> &Store {
        &self.store
    }
}

/// A conflict if the registered partition `existing` lives in another folder than `partition`.
pub(super) fn check_same_folder(table: &Table, existing: &Partition, partition: &Partition) -> Result<()> {
    let folder = |location: &Option<String>| location.as_deref().map(|l| l.trim_end_matches('/').to_owned());
    let same_folder = match &existing.location {
        Some(_) => folder(&existing.location) == folder(&partition.location),
        // without a location of its own, the partition's folder is spelled from its values
        None => existing.values == partition.values,
    };
    if same_folder {
        return Ok(());
    }
    let keys = &table.definition.partition_keys;
    let spelled = keys.iter().zip(&existing.values).map(|(k, v)| format!("{}={v}", k.name)).collect::<Vec<_>>();
    let registered = existing.location.clone().unwrap_or_else(|| spelled.join("/"));
    Err(ServiceError::Conflict(format!(
        "partition ({}) is registered at `{registered}`; upload into that folder (partition={}) so queries read the file",
        existing.values.join(", "),
        spelled.join("/")
    )).into())
}

impl Files {
    /// The catalog partition an upload into `partition` belongs to (none for a table without
    /// partition keys); its values are checked against the keys' types before any byte is read.
    pub(super) fn catalog_partition(
        &self,
        table: &Table,
        folder: &LakePath,
        partition: &PartitionPath,
    ) -> Result<Option<(Slots, Partition)>> {
        let keys = &table.definition.partition_keys;
        if keys.is_empty() {
            return Ok(None);
        }
        let values: Vec<String> = partition.pairs().iter().map(|(_, v)| v.clone()).collect();
        let slots = encode_values(keys, &values)?;
        let location = Some(self.lake.uri(&folder.join_partition(partition)));
        let partition =
            Partition { values, location, format: None, parameters: BTreeMap::new(), created_at: Utc::now() };
        Ok(Some((slots, partition)))
    }
}

/// Uploads land in raw-zone tables, in partition folders matching the table's partition keys.
fn check_target(table: &Table, partition: &PartitionPath) -> Result<()> {
    if table.definition.zone != Zone::Raw {
        return Err(ServiceError::Conflict(format!(
            "table {}.{} is in the {} zone; files are uploaded into raw-zone tables",
            table.database,
            table.name,
            table.definition.zone.as_str()
        ))
        .into());
    }
    let keys = &table.definition.partition_keys;
    if !keys.is_empty() && !keys.iter().map(|k| k.name.as_str()).eq(partition.keys()) {
        let wanted: Vec<String> = keys.iter().map(|k| format!("{}=...", k.name)).collect();
        return Err(ServiceError::Invalid(ValidationError::new(
            ValidationCode::InvalidPartitionValues,
            format!("this table is partitioned by {}: pass partition={}", wanted.join("/"), wanted.join("/")),
        ))
        .into());
    }
    Ok(())
}
