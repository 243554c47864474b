//! Governed writes: the one way table data is written, into any zone. A write capability
//! (INSERT on the table, from authz) names the table's folder; files are staged, then one
//! transaction records them, registers their partitions, writes a new table version when the
//! schema changes and appends the events; the staged objects are published just before it
//! commits. A failure at any point leaves nothing visible and no staged object behind.
//! Uploads commit through it; `write_batches` writes record batches as Parquet for
//! pipelines and streams.

use std::collections::BTreeSet;

use chrono::Utc;
use futures::Stream;

use super::ServiceError;
use super::files::{FileError, Files, Result, check_same_folder};
use crate::authz::capability::WriteFiles;
use crate::domain::diff::diff;
use crate::domain::event::Event;
use crate::domain::partition::{Partition, Slots};
use crate::domain::principal::Principal;
use crate::domain::table::{Table, TableDefinition, TableVersion};
use crate::domain::{ValidationCode, ValidationError};
use crate::storage::parquet::RecordBatch;
use crate::storage::{FileName, LakePath, Staged, StorageError, StorageResult};
use crate::store::files::{self, FileRecord};
use crate::store::streams::{self, Delivery};
use crate::store::{StoreError, Tx, outbox, partitions, tables};

/// Parquet files are rolled over at about this size.
pub const TARGET_FILE_BYTES: usize = 128 << 20;

/// A staged file and where it is to be published.
#[derive(Debug)]
pub struct StagedFile {
    pub staged: Staged,
    pub file: LakePath,
    /// Its path within the table's folder.
    pub relative: String,
    /// The catalog partition it belongs to (partitioned tables).
    pub partition: Option<(Slots, Partition)>,
}

/// What a write replaces of what the table holds. A replacing write puts its files in a new
/// hidden generation folder (`_<name>/` in the table's folder, which no listing of an older
/// generation's folders sees) and, in its commit, points the catalog there: the replaced
/// partitions get the new folders (or, unpartitioned, the table's location moves), so readers
/// see the old data or the new, never both. Older generations' files stay until a vacuum
/// removes them (a reader planned before the commit may still be reading them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    Nothing,
    /// The partitions present in the output (the whole table when it is unpartitioned).
    Partitions,
    /// Everything.
    Table,
}

/// The folder a table's generations live in: `location` without the generation folders that
/// replacing writes moved it into.
pub fn base_location(location: &str) -> String {
    let mut base = location.trim_end_matches('/');
    while let Some((parent, last)) = base.rsplit_once('/') {
        if !last.starts_with("_part-") {
            break;
        }
        base = parent;
    }
    format!("{base}/")
}

/// What to do with a file already recorded under the same name with other content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    Refuse,
    Replace,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CommittedFile {
    pub relative: String,
    pub size: u64,
    pub sha256: String,
    /// False when the same content was already recorded under the name (nothing published).
    pub created: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Committed {
    pub files: Vec<CommittedFile>,
    /// The values of the partitions this commit registered.
    pub partitions_added: Vec<Vec<String>>,
    /// The table's version after the commit.
    pub version: i64,
}

impl Files {
    /// Commits `files` into `table` as one change; every staged object not published in the
    /// end (an identical re-upload, or all of them on failure) is removed.
    #[allow(clippy::too_many_arguments)]
    pub async fn commit(
        &self,
        principal: &Principal,
        write: &WriteFiles,
        table: &Table,
        files: Vec<StagedFile>,
        evolve: Option<TableDefinition>,
        existing: Existing,
        replace: Replace,
        delivery: Option<&Delivery>,
    ) -> Result<Committed> {
        let result = self.commit_staged(principal, write, table, &files, evolve, existing, replace, delivery).await;
        let published: BTreeSet<&str> = match &result {
            Ok(done) => done.files.iter().filter(|f| f.created).map(|f| f.relative.as_str()).collect(),
            Err(_) => BTreeSet::new(),
        };
        let lake = self.lake();
        for file in files.into_iter().filter(|f| !published.contains(f.relative.as_str())) {
            lake.discard(file.staged).await;
        }
        result
    }

    #[allow(clippy::too_many_arguments)]
    async fn commit_staged(
        &self,
        principal: &Principal,
        write: &WriteFiles,
        table: &Table,
        files: &[StagedFile],
        evolve: Option<TableDefinition>,
        existing: Existing,
        replace: Replace,
        delivery: Option<&Delivery>,
    ) -> Result<Committed> {
        let mut tx = self.store().begin().await?;
        // --- the table as it was read: a table changed meanwhile is refused
        let current = tables::get(&mut tx.conn(), &table.database, table.name.as_str()).await?;
        let unchanged = current.as_ref().is_some_and(|t| {
            t.id == table.id
                && t.definition.partition_keys == table.definition.partition_keys
                && (evolve.is_none() || t.version == table.version)
        });
        if !unchanged {
            return Err(ServiceError::Conflict(format!(
                "table {}.{} was changed during the write; write again",
                table.database, table.name
            ))
            .into());
        }
        // --- what the write replaces leaves the catalog in the same transaction
        replace_partitions(&mut tx, table, files, replace).await?;
        // --- partitions, each once: visible to queries with the files
        let mut partitions_added = Vec::new();
        let mut seen = BTreeSet::new();
        for (slots, partition) in files.iter().filter_map(|f| f.partition.as_ref()) {
            if seen.insert(partition.values.clone()) && register_partition(&mut tx, table, slots, partition).await? {
                partitions_added.push(partition.values.clone());
            }
        }
        // --- files
        let mut committed = Vec::with_capacity(files.len());
        for f in files {
            let record = FileRecord { size: f.staged.size as i64, sha256: f.staged.sha256.clone() };
            let created = record_file(&mut tx, principal, table, f, &record, existing).await?;
            committed.push(CommittedFile {
                relative: f.relative.clone(),
                size: f.staged.size,
                sha256: f.staged.sha256.clone(),
                created,
            });
        }
        // --- a new version when the schema changes
        let version = match evolve {
            Some(definition) => new_version(&mut tx, principal, table, definition).await?,
            None => table.version,
        };
        // --- a stream delivery's log positions, so a replay never delivers them again
        if let Some(d) = delivery {
            streams::record_delivery(&mut tx.conn(), d).await?;
        }
        // --- publish before commit (a failed publish records nothing), undo if the commit fails
        let to_publish: Vec<&StagedFile> =
            files.iter().zip(&committed).filter(|(_, c)| c.created).map(|(f, _)| f).collect();
        let lake = self.lake();
        for (i, f) in to_publish.iter().enumerate() {
            if let Err(e) = lake.publish(write, &f.staged, &f.file).await {
                for done in &to_publish[..i] {
                    lake.unpublish(write, &done.file).await;
                }
                return Err(e.into());
            }
        }
        if let Err(e) = tx.commit().await {
            for f in &to_publish {
                lake.unpublish(write, &f.file).await;
            }
            return Err(e.into());
        }
        Ok(Committed { files: committed, partitions_added, version })
    }

    /// Writes `batches` into `table` as Parquet files (zstd, one folder per partition, rolled
    /// over at [`TARGET_FILE_BYTES`]), in one commit; `evolve` is the table's new definition
    /// when the rows carry a changed schema. Any zone: the capability decides.
    pub async fn write_batches(
        &self,
        principal: &Principal,
        write: &WriteFiles,
        table: &Table,
        batches: &[RecordBatch],
        evolve: Option<TableDefinition>,
    ) -> Result<Committed> {
        let prefix = format!("part-{}", uuid::Uuid::now_v7());
        self.write_batches_named(principal, write, table, batches, evolve, &prefix, Replace::Nothing).await
    }

    /// [`Self::write_batches`] with files named `<prefix>-<n>.parquet`: a writer that may
    /// write the same output again (a retried run) names its files by what they hold; with
    /// `replace`, into the generation folder `_<prefix>`.
    #[allow(clippy::too_many_arguments)]
    pub async fn write_batches_named(
        &self,
        principal: &Principal,
        write: &WriteFiles,
        table: &Table,
        batches: &[RecordBatch],
        evolve: Option<TableDefinition>,
        prefix: &str,
        replace: Replace,
    ) -> Result<Committed> {
        let rows = futures::stream::iter(batches.iter().cloned().map(Ok));
        Ok(self.write_stream(principal, write, table, rows, evolve, prefix, replace, None).await?.0)
    }

    /// [`Self::write_batches_named`] for rows that are still being computed: they are encoded
    /// and staged as they arrive (a write never holds its whole output) and committed once
    /// the stream ends; an error in the stream leaves nothing. Also returns the rows written.
    /// A stream's `delivery` commits with the files.
    #[allow(clippy::too_many_arguments)]
    pub async fn write_stream<S>(
        &self,
        principal: &Principal,
        write: &WriteFiles,
        table: &Table,
        rows: S,
        evolve: Option<TableDefinition>,
        prefix: &str,
        replace: Replace,
        delivery: Option<&Delivery>,
    ) -> Result<(Committed, u64)>
    where
        S: Stream<Item = StorageResult<RecordBatch>> + Send + Unpin,
    {
        let definition = evolve.as_ref().unwrap_or(&table.definition);
        let keys: Vec<String> = definition.partition_keys.iter().map(|k| k.name.to_string()).collect();
        let schema = crate::query::schema::file_schema(definition);
        let folder = self.lake().resolve(write.location())?;
        let generation = if replace == Replace::Nothing { folder.clone() } else { folder.join(&format!("_{prefix}")) };
        // Unpartitioned, a replacing write moves the table's location to its generation.
        let evolve = if replace != Replace::Nothing && keys.is_empty() {
            let mut moved = evolve.unwrap_or_else(|| table.definition.clone());
            moved.location = Some(self.lake().uri(&generation));
            Some(moved)
        } else {
            evolve
        };
        let encoded = self.lake().stage_parquet(rows, schema, keys, TARGET_FILE_BYTES).await.map_err(|e| match e {
            StorageError::Unsupported(message) => {
                ServiceError::Invalid(ValidationError::new(ValidationCode::InvalidRequest, message)).into()
            }
            other => FileError::from(other),
        })?;
        let written: u64 = encoded.iter().map(|f| f.rows).sum();
        let mut staged = Vec::with_capacity(encoded.len());
        let mut folders = BTreeSet::new();
        let mut failure = None;
        for (n, file) in encoded.into_iter().enumerate() {
            folders.insert(generation.join_partition(&file.partition));
            let placed =
                FileName::parse(&format!("{prefix}-{n:05}.parquet")).map_err(FileError::from).and_then(|name| {
                    let path = generation.join_partition(&file.partition).join(name.as_str());
                    let relative = path.relative_to(&folder).unwrap_or_default().to_owned();
                    Ok((path, relative, self.catalog_partition(table, &generation, &file.partition)?))
                });
            match placed {
                Ok((path, relative, partition)) => {
                    staged.push(StagedFile { staged: file.staged, file: path, relative, partition });
                }
                Err(e) => {
                    self.lake().discard(file.staged).await;
                    failure = failure.or(Some(e));
                }
            }
        }
        // An earlier attempt of this writer that died between publishing and committing left
        // files under the same prefix, numbered as its encoders happened to open them: they go
        // before this attempt publishes, or the folders would hold both.
        if failure.is_none() {
            let keep: BTreeSet<String> = staged.iter().map(|f| f.file.as_str().to_owned()).collect();
            for folder in &folders {
                match self.lake().remove_uncommitted(write, folder, prefix, &keep).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(
                        folder = folder.as_str(),
                        files = n,
                        "removed uncommitted files of an earlier attempt"
                    ),
                    Err(e) => {
                        failure = Some(e.into());
                        break;
                    }
                }
            }
        }
        if let Some(e) = failure {
            for done in staged {
                self.lake().discard(done.staged).await;
            }
            return Err(e);
        }
        let committed =
            self.commit(principal, write, table, staged, evolve, Existing::Refuse, replace, delivery).await?;
        Ok((committed, written))
    }
}

/// Takes out of the catalog what a replacing write replaces: every partition, or those its
/// files go into; each such change is an event.
async fn replace_partitions(tx: &mut Tx, table: &Table, files: &[StagedFile], replace: Replace) -> Result<()> {
    let mut deleted = 0u64;
    match replace {
        Replace::Nothing => return Ok(()),
        Replace::Table => deleted = partitions::delete_all(&mut tx.conn(), &table.id).await?,
        Replace::Partitions => {
            let mut seen = BTreeSet::new();
            for (slots, partition) in files.iter().filter_map(|f| f.partition.as_ref()) {
                if seen.insert(partition.values.clone())
                    && partitions::delete_one(&mut tx.conn(), &table.id, slots).await?
                {
                    deleted += 1;
                }
            }
        }
    }
    if deleted > 0 {
        let event = Event::PartitionsDeleted {
            database: table.database.clone(),
            table: table.name.to_string(),
            count: deleted,
        };
        outbox::append(&mut tx.conn(), &event).await?;
    }
    Ok(())
}

/// Registers a file's partition unless it exists; true if it was added. A partition that
/// exists under another folder is a conflict: queries read only the registered folder.
async fn register_partition(tx: &mut Tx, table: &Table, slots: &Slots, partition: &Partition) -> Result<bool> {
    let new = (slots.clone(), partition.clone());
    if partitions::insert_missing(&mut tx.conn(), &table.id, std::slice::from_ref(&new)).await? > 0 {
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

/// Records one file; false when the same content is already recorded under its name.
async fn record_file(
    tx: &mut Tx,
    principal: &Principal,
    table: &Table,
    f: &StagedFile,
    record: &FileRecord,
    existing: Existing,
) -> Result<bool> {
    match files::get(&mut tx.conn(), &table.id, &f.relative).await? {
        Some(old) if &old == record => return Ok(false),
        Some(_) if existing == Existing::Refuse => {
            return Err(FileError::Exists(format!(
                "file `{}` already exists with different content; pass overwrite=true to replace it",
                f.relative
            )));
        }
        _ => {}
    }
    match files::put(&mut tx.conn(), &table.id, &f.relative, record, &principal.to_string()).await {
        Err(StoreError::UniqueViolation) => {
            return Err(ServiceError::Conflict(format!("file `{}` is being written", f.relative)).into());
        }
        other => other?,
    }
    let event = Event::FileCommitted {
        database: table.database.clone(),
        table: table.name.to_string(),
        path: f.relative.clone(),
        bytes: f.staged.size,
    };
    outbox::append(&mut tx.conn(), &event).await?;
    Ok(true)
}

/// Writes `definition` as the table's next version (guarded by the version it was read at).
async fn new_version(tx: &mut Tx, principal: &Principal, table: &Table, definition: TableDefinition) -> Result<i64> {
    definition.validate()?;
    let changes = diff(&table.definition, &definition);
    let mut next = table.clone();
    next.definition = definition;
    next.version += 1;
    next.updated_at = Utc::now();
    if !tables::update_if_version(&mut tx.conn(), &next, table.version).await? {
        return Err(ServiceError::Conflict(format!(
            "table {}.{} changed during the write",
            table.database, table.name
        ))
        .into());
    }
    let version = TableVersion {
        version: next.version,
        author: principal.to_string(),
        created_at: next.updated_at,
        definition: next.definition.clone(),
        summary: changes.summary(),
    };
    tables::insert_version(&mut tx.conn(), &table.id, &version).await?;
    let event =
        Event::TableUpdated { database: table.database.clone(), table: table.name.to_string(), version: next.version };
    outbox::append(&mut tx.conn(), &event).await?;
    Ok(next.version)
}
