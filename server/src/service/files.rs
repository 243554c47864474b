//! Uploading files into a table's folder in the raw zone. The body streams to a staging
//! object; the catalog then decides (new, identical re-upload, conflict, overwrite) inside a
//! transaction, and only then is the object published under its name.

use std::collections::BTreeMap;
use std::sync::Arc;

use bytes::Bytes;
use chrono::Utc;
use futures::Stream;
use serde_json::json;

use super::visibility::{column_names, table_target};
use super::{Catalog, ServiceError, ServiceResult};
use crate::audit::context;
use crate::authz::capability::{ReadTable, WriteFiles};
use crate::domain::event::Event;
use crate::domain::partition::{Partition, Slots, encode_values};
use crate::domain::principal::Principal;
use crate::domain::table::{Table, Zone};
use crate::domain::{ValidationCode, ValidationError};
use crate::storage::{FileName, Lake, LakePath, PartitionPath, PathError, Staged, StorageError};
use crate::store::files::{self, FileRecord};
use crate::store::{Store, StoreError, Tx, outbox, partitions, tables};

#[derive(Debug, Clone)]
pub struct Files {
    catalog: Arc<Catalog>,
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

impl From<StorageError> for ServiceError {
    fn from(e: StorageError) -> Self {
        match e {
            StorageError::Path(p) => p.into(),
            StorageError::TooLarge { limit } => ServiceError::TooLarge { limit },
            StorageError::OutsideLake(..) => ServiceError::Conflict(e.to_string()),
            StorageError::Body(m) => ServiceError::BadBody(m),
            other => ServiceError::Storage(other.to_string()),
        }
    }
}

impl From<PathError> for ServiceError {
    fn from(e: PathError) -> Self {
        ServiceError::Invalid(ValidationError::new(ValidationCode::InvalidPath, e.0))
    }
}

impl Files {
    pub fn new(catalog: Arc<Catalog>, store: Store, lake: Lake, max_upload_bytes: u64) -> Self {
        Self { catalog, store, lake, max_upload_bytes }
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
    pub fn read_table(&self, principal: &Principal, table: &Table) -> ServiceResult<ReadTable> {
        let columns = column_names(table);
        let location = self.location_of(table);
        Ok(self.catalog.authorizer().read_table(principal, &table_target(table, &columns), &location)?)
    }

    pub async fn upload<S, E>(&self, principal: &Principal, upload: Upload, body: S) -> ServiceResult<Uploaded>
    where
        S: Stream<Item = Result<Bytes, E>> + Unpin,
        E: std::fmt::Display,
    {
        // validate
        let name = FileName::parse(&upload.name)?;
        let partition = upload.partition.as_deref().filter(|p| !p.is_empty()).map(PartitionPath::parse).transpose()?;
        let partition = partition.unwrap_or_default();
        // authorize: INSERT on the table, as the capability to write into its folder
        let (table, _) = self.catalog.visible_table(principal, &upload.database, &upload.table).await?;
        let columns = column_names(&table);
        let location = self.location_of(&table);
        let write = self
            .catalog
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
        let record = FileRecord { size: staged.size as i64, sha256: staged.sha256.clone() };
        context::add_detail("size", json!(staged.size));
        context::add_detail("sha256", json!(staged.sha256));
        // decide in a transaction; publish before commit so a failed publish records nothing.
        // Whatever happens, the staging object does not outlive the request.
        let target =
            Target { write: &write, table: &table, relative: &relative, file: &file, partition: &catalog_partition };
        let decided = self.record(principal, &target, &staged, &record, upload.overwrite).await;
        if !matches!(decided, Ok((_, true))) {
            self.lake.discard(staged).await;
        }
        decided.map(|(uploaded, _)| uploaded)
    }

    /// Records the staged upload and publishes it; the flag says whether it was published.
    async fn record(
        &self,
        principal: &Principal,
        target: &Target<'_>,
        staged: &Staged,
        record: &FileRecord,
        overwrite: bool,
    ) -> ServiceResult<(Uploaded, bool)> {
        let Target { write, table, relative, file, partition } = *target;
        let mut tx = self.store.begin().await?;
        // the partition keys were read before the body; a table changed since then is refused
        let current = tables::get(&mut tx.conn(), &table.database, table.name.as_str()).await?;
        if current.is_none_or(|t| t.id != table.id || t.definition.partition_keys != table.definition.partition_keys) {
            return Err(ServiceError::Conflict(format!(
                "table {}.{} was changed during the upload; upload the file again",
                table.database, table.name
            )));
        }
        // the file's partition becomes visible to queries with the file, as a crawl would make it
        let partition_added = match partition {
            Some(partition) => register_partition(&mut tx, table, partition).await?,
            None => false,
        };
        let added_detail = || {
            if let Some((_, p)) = partition.as_ref().filter(|_| partition_added) {
                context::add_detail("partition_added", json!(p.values));
            }
        };
        let existing = files::get(&mut tx.conn(), &table.id, relative).await?;
        let uploaded = |created| Uploaded {
            path: relative.to_owned(),
            location: self.lake.uri(file).trim_end_matches('/').to_owned(),
            size: staged.size,
            sha256: staged.sha256.clone(),
            created,
        };
        match existing {
            Some(old) if &old == record => {
                // nothing to store, but a partition deleted since (or never made) is registered
                if partition_added {
                    tx.commit().await?;
                    added_detail();
                }
                return Ok((uploaded(false), false));
            }
            Some(_) if !overwrite => {
                return Err(ServiceError::FileExists(format!(
                    "file `{relative}` already exists with different content; pass overwrite=true to replace it"
                )));
            }
            _ => {}
        }
        match files::put(&mut tx.conn(), &table.id, relative, record, &principal.to_string()).await {
            Err(StoreError::UniqueViolation) => {
                return Err(ServiceError::Conflict(format!("file `{relative}` is being uploaded")));
            }
            other => other?,
        }
        let event = Event::FileCommitted {
            database: table.database.clone(),
            table: table.name.to_string(),
            path: relative.to_owned(),
            bytes: staged.size,
        };
        outbox::append(&mut tx.conn(), &event).await?;
        self.lake.publish(write, staged, file).await?;
        if let Err(e) = tx.commit().await {
            self.lake.unpublish(write, file).await;
            return Err(e.into());
        }
        added_detail();
        Ok((uploaded(true), true))
    }
}

/// Registers the upload's partition unless it exists; true if it was added. A partition that
/// exists under another folder (`month=6` for `month=06`, or a location of its own) is a
/// conflict: queries read only the registered folder, so they would never see this file.
async fn register_partition(tx: &mut Tx, table: &Table, new: &(Slots, Partition)) -> ServiceResult<bool> {
    let (slots, partition) = new;
    if partitions::insert_missing(&mut tx.conn(), &table.id, std::slice::from_ref(new)).await? > 0 {
        let event =
            Event::PartitionsAdded { database: table.database.clone(), table: table.name.to_string(), count: 1 };
        outbox::append(&mut tx.conn(), &event).await?;
        return Ok(true);
    }
    if let Some(existing) = partitions::get_one(&mut tx.conn(), &table.id, slots).await? {
        check_same_folder(table, &existing, partition)?;
    }
    Ok(false)
}

/// A conflict if the registered partition `existing` lives in another folder than `partition`.
fn check_same_folder(table: &Table, existing: &Partition, partition: &Partition) -> ServiceResult<()> {
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
    )))
}

impl Files {
    /// The catalog partition an upload into `partition` belongs to (none for a table without
    /// partition keys); its values are checked against the keys' types before any byte is read.
    fn catalog_partition(
        &self,
        table: &Table,
        folder: &LakePath,
        partition: &PartitionPath,
    ) -> ServiceResult<Option<(Slots, Partition)>> {
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

/// Where an upload goes, as the service resolved it.
#[derive(Clone, Copy)]
struct Target<'a> {
    write: &'a WriteFiles,
    table: &'a Table,
    relative: &'a str,
    file: &'a LakePath,
    /// The catalog partition to register with the file, if the table is partitioned.
    partition: &'a Option<(Slots, Partition)>,
}

/// Uploads land in raw-zone tables, in partition folders matching the table's partition keys.
fn check_target(table: &Table, partition: &PartitionPath) -> ServiceResult<()> {
    if table.definition.zone != Zone::Raw {
        return Err(ServiceError::Conflict(format!(
            "table {}.{} is in the {} zone; files are uploaded into raw-zone tables",
            table.database,
            table.name,
            table.definition.zone.as_str()
        )));
    }
    let keys = &table.definition.partition_keys;
    if !keys.is_empty() && !keys.iter().map(|k| k.name.as_str()).eq(partition.keys()) {
        let wanted: Vec<String> = keys.iter().map(|k| format!("{}=...", k.name)).collect();
        return Err(ServiceError::Invalid(ValidationError::new(
            ValidationCode::InvalidPartitionValues,
            format!("this table is partitioned by {}: pass partition={}", wanted.join("/"), wanted.join("/")),
        )));
    }
    Ok(())
}
