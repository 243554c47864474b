//! Keeps the search index in step with the catalog: a subscriber of the event stream from the
//! index's own cursor (stored in each index commit), it re-reads what changed from the store
//! and replaces its documents. A crash between a catalog commit and indexing loses nothing: the next start
//! catches up from the cursor. `rebuild` makes a fresh index from the store.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;

use crate::domain::database::Database;
use crate::domain::event::{Event, TagTarget};
use crate::domain::tag::Tags;
use crate::events::{Follower, Subscriber};
use crate::search::{Change, DatabaseEntry, Quality, SearchError, SearchIndex, TableEntry};
use crate::store::{Conn, Store, StoreResult, databases, lineage, outbox, tables, tags};

/// Tables per commit during a rebuild.
const REBUILD_BATCH: usize = 5_000;

/// What an outbox event asks the index to re-read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Affected {
    Database(String),
    /// The database and every table in it (their inherited tags changed).
    DatabaseAndTables(String),
    Table(String, String),
    TagKey(String),
}

fn affected(event: &Event) -> Option<Affected> {
    let table = |d: &str, t: &str| Some(Affected::Table(d.to_owned(), t.to_owned()));
    match event {
        Event::DatabaseCreated { database }
        | Event::DatabaseUpdated { database }
        | Event::DatabaseDeleted { database } => Some(Affected::Database(database.clone())),
        Event::TableCreated { database, table: t, .. }
        | Event::TableUpdated { database, table: t, .. }
        | Event::TableDeleted { database, table: t }
        | Event::QualityRecorded { database, table: t } => table(database, t),
        Event::TagsSet { target: TagTarget::Database(db) } => Some(Affected::DatabaseAndTables(db.clone())),
        Event::TagsSet { target: TagTarget::Table { database, table: t } } => table(database, t),
        Event::TagKeyDeleted { key } => Some(Affected::TagKey(key.clone())),
        _ => None,
    }
}

#[derive(Debug, Clone)]
pub struct Indexer {
    store: Store,
    index: Arc<SearchIndex>,
}

/// The index follows the event stream; its position is stored in each index commit, so a
/// crash between a catalog commit and indexing loses nothing.
#[async_trait::async_trait]
impl Subscriber for Indexer {
    fn name(&self) -> &str {
        "search_index"
    }

    async fn position(&self) -> anyhow::Result<i64> {
        Ok(self.index.cursor())
    }

    async fn apply(&self, events: &[outbox::OutboxEvent], upto: i64) -> anyhow::Result<()> {
        let wanted: BTreeSet<Affected> = events.iter().filter_map(|e| affected(&e.event)).collect();
        let mut changes = Vec::new();
        for item in wanted {
            self.resolve(item, &mut changes).await?;
        }
        apply(&self.index, changes, upto).await
    }
}

impl Indexer {
    pub fn new(store: Store, index: Arc<SearchIndex>) -> Self {
        Self { store, index }
    }

    async fn resolve(&self, item: Affected, changes: &mut Vec<Change>) -> anyhow::Result<()> {
        let mut c = self.store.conn();
        match item {
            Affected::Database(name) => changes.push(match load_database(&mut c, &name).await? {
                Some(entry) => Change::Database(entry),
                None => Change::DropDatabase(name),
            }),
            Affected::DatabaseAndTables(name) => match load_database(&mut c, &name).await? {
                Some(entry) => {
                    let tables = load_tables_of(&mut c, &entry.database, &entry.tags).await?;
                    changes.push(Change::Database(entry));
                    changes.extend(tables.into_iter().map(|t| Change::Table(Box::new(t))));
                }
                None => changes.push(Change::DropDatabase(name)),
            },
            Affected::Table(database, table) => changes.push(match load_table(&mut c, &database, &table).await? {
                Some(entry) => Change::Table(Box::new(entry)),
                None => Change::DropTable { database, table },
            }),
            Affected::TagKey(key) => {
                let index = self.index.clone();
                let entities = tokio::task::spawn_blocking(move || index.tagged_with(&key)).await??;
                for entity in entities {
                    let next = match entity.split_once(':') {
                        Some(("d", db)) => Affected::DatabaseAndTables(db.to_owned()),
                        Some(("t", t)) => match t.split_once('.') {
                            Some((d, t)) => Affected::Table(d.to_owned(), t.to_owned()),
                            None => continue,
                        },
                        _ => continue,
                    };
                    Box::pin(self.resolve(next, changes)).await?;
                }
            }
        }
        Ok(())
    }
}

async fn apply(index: &Arc<SearchIndex>, changes: Vec<Change>, cursor: i64) -> anyhow::Result<()> {
    let index = index.clone();
    tokio::task::spawn_blocking(move || index.apply(&changes, cursor)).await??;
    Ok(())
}

/// Own tags of every resource under `prefix`, by resource.
async fn tags_under(c: &mut Conn<'_>, prefix: &str) -> StoreResult<BTreeMap<String, Tags>> {
    let mut out: BTreeMap<String, Tags> = BTreeMap::new();
    for (resource, key, value) in tags::with_prefix(c, prefix).await? {
        out.entry(resource).or_default().insert(key, value);
    }
    Ok(out)
}

/// The tags set on `resource` itself.
async fn own_tags(c: &mut Conn<'_>, resource: &str) -> StoreResult<Tags> {
    Ok(tags_under(c, resource).await?.remove(resource).unwrap_or_default())
}

async fn load_database(c: &mut Conn<'_>, name: &str) -> StoreResult<Option<DatabaseEntry>> {
    let Some(database) = databases::get(c, name).await? else { return Ok(None) };
    let tags = own_tags(c, &format!("database:{name}")).await?;
    Ok(Some(DatabaseEntry { database, tags }))
}

async fn load_table(c: &mut Conn<'_>, database: &str, name: &str) -> StoreResult<Option<TableEntry>> {
    let Some(table) = tables::get(c, database, name).await? else { return Ok(None) };
    let database_tags = own_tags(c, &format!("database:{database}")).await?;
    let tags = own_tags(c, &format!("table:{database}.{name}")).await?;
    let column_prefix = format!("column:{database}.{name}.");
    let column_tags = strip(tags_under(c, &column_prefix).await?, &column_prefix);
    let quality = lineage::latest_quality(c, std::slice::from_ref(&table.id)).await?.remove(&table.id).map(quality);
    Ok(Some(TableEntry { table, database_tags, tags, column_tags, quality }))
}

fn quality((passed, total): (u64, u64)) -> Quality {
    Quality { passed, total }
}

fn strip(tags: BTreeMap<String, Tags>, prefix: &str) -> BTreeMap<String, Tags> {
    tags.into_iter().filter_map(|(k, v)| k.strip_prefix(prefix).map(|rest| (rest.to_owned(), v))).collect()
}

/// Every table of `db` (whose own tags are `database_tags`) with its tags, read in pages.
async fn load_tables_of(c: &mut Conn<'_>, db: &Database, database_tags: &Tags) -> StoreResult<Vec<TableEntry>> {
    let name = db.name.as_str();
    let mut table_tags = strip(tags_under(c, &format!("table:{name}.")).await?, &format!("table:{name}."));
    let mut column_tags: BTreeMap<String, BTreeMap<String, Tags>> = BTreeMap::new();
    for (rest, tags) in strip(tags_under(c, &format!("column:{name}.")).await?, &format!("column:{name}.")) {
        if let Some((table, column)) = rest.split_once('.') {
            column_tags.entry(table.to_owned()).or_default().insert(column.to_owned(), tags);
        }
    }
    let mut entries = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = tables::list(c, &db.id, after.as_deref(), 1_000).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.name.to_string());
        let ids: Vec<String> = page.iter().map(|t| t.id.clone()).collect();
        let mut scores = lineage::latest_quality(c, &ids).await?;
        for table in page {
            let t = table.name.to_string();
            entries.push(TableEntry {
                tags: table_tags.remove(&t).unwrap_or_default(),
                column_tags: column_tags.remove(&t).unwrap_or_default(),
                database_tags: database_tags.clone(),
                quality: scores.remove(&table.id).map(quality),
                table,
            });
        }
    }
    Ok(entries)
}

/// What a rebuild did.
#[derive(Debug, Clone, Copy)]
pub struct RebuildStats {
    pub databases: usize,
    pub tables: usize,
    pub documents: u64,
    pub elapsed: Duration,
}

fn rebuild_dir(dir: &Path) -> PathBuf {
    let mut name = dir.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".rebuild");
    dir.with_file_name(name)
}

/// Builds a fresh index of everything in the store next to `dir`, then swaps it in. The
/// server must not have `dir` open (it holds the index's writer lock).
pub async fn rebuild(store: &Store, dir: &Path) -> anyhow::Result<RebuildStats> {
    let started = Instant::now();
    let held = crate::search::index::lock_existing(dir)?;
    let fresh = rebuild_dir(dir);
    if fresh.exists() {
        std::fs::remove_dir_all(&fresh).with_context(|| format!("cannot remove {}", fresh.display()))?;
    }
    let index = Arc::new(SearchIndex::open(&fresh)?);
    let mut c = store.conn();
    // Read the position first: whatever commits later is replayed from the outbox.
    let cursor = outbox::last_seq(&mut c).await?;
    let mut stats = RebuildStats { databases: 0, tables: 0, documents: 0, elapsed: Duration::ZERO };
    let mut pending: Option<tokio::task::JoinHandle<Result<(), SearchError>>> = None;
    let mut changes = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = databases::list(&mut c, after.as_deref(), 100).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.name.to_string());
        for database in page {
            let tags = own_tags(&mut c, &format!("database:{}", database.name.as_str())).await?;
            let tables = load_tables_of(&mut c, &database, &tags).await?;
            stats.databases += 1;
            stats.tables += tables.len();
            changes.push(Change::Database(DatabaseEntry { database, tags }));
            changes.extend(tables.into_iter().map(|t| Change::Table(Box::new(t))));
            if changes.len() >= REBUILD_BATCH {
                // Index one batch while the next is read from the store.
                if let Some(previous) = pending.take() {
                    previous.await??;
                }
                let batch = std::mem::take(&mut changes);
                let index = index.clone();
                pending = Some(tokio::task::spawn_blocking(move || index.stage_fresh(&batch)));
            }
        }
    }
    if let Some(previous) = pending.take() {
        previous.await??;
    }
    let rest = index.clone();
    tokio::task::spawn_blocking(move || rest.stage_fresh(&changes)).await??;
    // One commit at the end: no merging while the bulk goes in (a crash leaves only the
    // `.rebuild` directory, removed by the next attempt).
    apply(&index, Vec::new(), cursor).await?;
    stats.documents = index.num_docs();
    drop(index);
    drop(held);
    let old = dir.with_extension("old");
    if dir.exists() {
        std::fs::rename(dir, &old).with_context(|| format!("cannot move {} aside", dir.display()))?;
    }
    std::fs::rename(&fresh, dir).with_context(|| format!("cannot move the new index to {}", dir.display()))?;
    if old.exists() {
        std::fs::remove_dir_all(&old).ok();
    }
    stats.elapsed = started.elapsed();
    Ok(stats)
}

/// Opens the index in `dir`; builds it from the store when it is missing or of another
/// version; then catches up with the outbox.
pub async fn open_index(store: &Store, dir: &Path) -> anyhow::Result<Arc<SearchIndex>> {
    let exists = dir.join("meta.json").exists();
    let opened = if exists {
        let owned = dir.to_path_buf();
        tokio::task::spawn_blocking(move || SearchIndex::open(&owned)).await?
    } else {
        Err(SearchError::Stale)
    };
    let index = match opened {
        Ok(index) => index,
        Err(SearchError::Stale) => {
            let stats = rebuild(store, dir).await?;
            tracing::info!(tables = stats.tables, elapsed_ms = stats.elapsed.as_millis() as u64, "search index built");
            let owned = dir.to_path_buf();
            tokio::task::spawn_blocking(move || SearchIndex::open(&owned)).await??
        }
        Err(other) => return Err(other).context("cannot open the search index"),
    };
    let index = Arc::new(index);
    let indexer: Arc<dyn Subscriber> = Arc::new(Indexer::new(store.clone(), index.clone()));
    Follower::new(store.clone(), vec![indexer]).catch_up().await.context("search index catch-up")?;
    Ok(index)
}
