//! The index on disk, its one writer, and the in-memory registry of what each visibility key
//! (`ord`) stands for. Every write commits with the outbox position it reflects as the commit
//! payload, so the index and its cursor can never disagree, whatever crashes in between.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use serde::{Deserialize, Serialize};
use tantivy::collector::DocSetCollector;
use tantivy::indexer::UserOperation;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::tokenizer::{TextAnalyzer, WhitespaceTokenizer};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use super::SearchError;
use super::documents::{self, DatabaseEntry, Facts, Fields, SCHEMA_VERSION, TableEntry};

/// One change to apply: replace or remove what the index holds for a database or table.
#[derive(Debug, Clone)]
pub enum Change {
    Database(DatabaseEntry),
    Table(Box<TableEntry>),
    /// Remove the database's own document (its tables go by their own changes).
    DropDatabase(String),
    DropTable {
        database: String,
        table: String,
    },
}

impl Change {
    /// The entity whose documents the change replaces.
    fn entity(&self) -> String {
        match self {
            Change::Database(entry) => documents::database_entity(entry.database.name.as_str()),
            Change::DropDatabase(name) => documents::database_entity(name),
            Change::Table(entry) => documents::table_entity(&entry.table.database, entry.table.name.as_str()),
            Change::DropTable { database, table } => documents::table_entity(database, table),
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    schema: u32,
    cursor: i64,
}

/// What each `ord` in the index stands for, and which `ord` each entity has now.
#[derive(Debug, Default)]
pub struct Registry {
    pub facts: HashMap<u64, Arc<Facts>>,
    current: HashMap<String, u64>,
    /// database key -> (name, owner) of every indexed database.
    pub databases: HashMap<u64, (String, String)>,
}

impl Registry {
    fn remember(&mut self, entity: String, ord: u64, facts: Facts) -> Option<u64> {
        if let Facts::Database { name, owner } = &facts {
            self.databases.insert(documents::database_key(name), (name.clone(), owner.clone()));
        }
        self.facts.insert(ord, Arc::new(facts));
        self.current.insert(entity, ord)
    }
}

pub struct SearchIndex {
    pub(super) fields: Fields,
    pub(super) reader: IndexReader,
    /// `None` once closed.
    writer: Mutex<Option<IndexWriter>>,
    pub(super) registry: Arc<RwLock<Registry>>,
    next_ord: AtomicU64,
    cursor: AtomicU64,
    dir: PathBuf,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").field("dir", &self.dir).finish()
    }
}

fn in_use(e: tantivy::TantivyError, dir: &Path) -> SearchError {
    match e {
        tantivy::TantivyError::LockFailure(..) => {
            SearchError::Io(format!("the search index in {} is in use by another process", dir.display()))
        }
        other => other.into(),
    }
}

/// Takes the writer lock of the index in `dir`, if there is a readable one, so that a rebuild
/// cannot swap out an index a running server has open. Holds it until dropped.
pub fn lock_existing(dir: &Path) -> Result<Option<IndexWriter>, SearchError> {
    if !dir.join("meta.json").exists() {
        return Ok(None);
    }
    let Ok(index) = Index::open_in_dir(dir) else { return Ok(None) };
    index.writer_with_num_threads(1, 15_000_000).map(Some).map_err(|e| in_use(e, dir))
}

/// Threads one search may use, one per core up to four.
fn search_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// Whether a write replaces what the index holds for each entity, or only adds (a fresh index).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Deletes {
    Apply,
    Skip,
}

/// Memory the writer may buffer before it flushes a segment.
const WRITER_MEMORY: usize = 128 * 1024 * 1024;

impl SearchIndex {
    /// Opens the index in `dir`, creating an empty one (cursor 0) when there is none. An index
    /// of another schema version is reported as [`SearchError::Stale`]: rebuild it.
    pub fn open(dir: &Path) -> Result<Self, SearchError> {
        std::fs::create_dir_all(dir).map_err(|e| SearchError::Io(format!("{}: {e}", dir.display())))?;
        let (schema, fields) = documents::schema();
        let exists = dir.join("meta.json").exists();
        let mut index = if exists { Index::open_in_dir(dir)? } else { Index::create_in_dir(dir, schema.clone())? };
        // Segments are searched in parallel: a broad query visits 100,000+ documents, and its
        // latency halves on two cores when the server is not busy.
        index.set_multithread_executor(search_threads())?;
        if index.schema() != schema {
            return Err(SearchError::Stale);
        }
        index
            .tokenizers()
            .register(documents::WORDS_TOKENIZER, TextAnalyzer::builder(WhitespaceTokenizer::default()).build());
        let cursor = match index.load_metas()?.payload {
            Some(p) => {
                let payload: Payload = serde_json::from_str(&p).map_err(|_| SearchError::Stale)?;
                if payload.schema != SCHEMA_VERSION {
                    return Err(SearchError::Stale);
                }
                payload.cursor
            }
            None if exists => return Err(SearchError::Stale),
            None => 0,
        };
        let writer = index.writer(WRITER_MEMORY).map_err(|e| in_use(e, dir))?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let search = SearchIndex {
            fields,
            reader,
            writer: Mutex::new(Some(writer)),
            registry: Arc::new(RwLock::new(Registry::default())),
            next_ord: AtomicU64::new(1),
            cursor: AtomicU64::new(u64::try_from(cursor).unwrap_or(0)),
            dir: dir.to_path_buf(),
        };
        search.load_registry()?;
        Ok(search)
    }

    /// The outbox position the index reflects every change up to.
    pub fn cursor(&self) -> i64 {
        i64::try_from(self.cursor.load(Ordering::Acquire)).unwrap_or(i64::MAX)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Reads back what every indexed database and table document stands for.
    fn load_registry(&self) -> Result<(), SearchError> {
        let searcher = self.reader.searcher();
        let f = &self.fields;
        let kinds: Vec<(Occur, Box<dyn Query>)> = ["database", "table"]
            .iter()
            .map(|k| {
                let term = Term::from_field_text(f.filter, &documents::filter_term("kind", k));
                (Occur::Should, Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>)
            })
            .collect();
        let found = searcher.search(&BooleanQuery::new(kinds), &DocSetCollector)?;
        let mut registry = self.registry.write().unwrap_or_else(|p| p.into_inner());
        let mut max_ord = 0;
        // Opened once per segment: opening a column decodes its block index.
        let mut columns = HashMap::new();
        for address in found {
            let doc: TantivyDocument = searcher.doc(address)?;
            let ords = match columns.entry(address.segment_ord) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(searcher.segment_reader(address.segment_ord).fast_fields().u64("ord")?)
                }
            };
            let ord = ords.first(address.doc_id);
            let facts = doc.get_first(f.facts).and_then(|v| v.as_str()).and_then(|s| serde_json::from_str(s).ok());
            let entity = doc.get_first(f.entity).and_then(|v| v.as_str()).map(str::to_owned);
            if let (Some(ord), Some(facts), Some(entity)) = (ord, facts, entity) {
                max_ord = max_ord.max(ord);
                registry.remember(entity, ord, facts);
            }
        }
        self.next_ord.store(max_ord + 1, Ordering::Release);
        Ok(())
    }

    /// Applies `changes` and commits them with `cursor`; searchable once this returns.
    /// Blocking: call from a blocking thread.
    pub fn apply(&self, changes: &[Change], cursor: i64) -> Result<(), SearchError> {
        self.write(changes, Some(cursor), Deletes::Apply)
    }

    /// Adds `changes` to a fresh index without committing (a rebuild commits once, at the end,
    /// with [`SearchIndex::apply`]). Nothing is deleted: a fresh index holds nothing to replace,
    /// and skipping 100,000 delete terms saves their lookups in every segment at commit. No
    /// entity may appear twice before the commit.
    pub fn stage_fresh(&self, changes: &[Change]) -> Result<(), SearchError> {
        self.write(changes, None, Deletes::Skip)
    }

    fn write(&self, changes: &[Change], cursor: Option<i64>, deletes: Deletes) -> Result<(), SearchError> {
        let f = &self.fields;
        let mut guard = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let writer = guard.as_mut().ok_or_else(|| SearchError::Io("the search index is closed".into()))?;
        let mut added: Vec<(String, u64, Facts)> = Vec::new();
        let mut dropped: Vec<String> = Vec::new();
        // One change per entity, the last: a second delete-and-add of the same entity within
        // one commit is not reliable in tantivy (seen to drop both versions).
        let mut last_of: HashMap<String, usize> = HashMap::new();
        for (i, change) in changes.iter().enumerate() {
            last_of.insert(change.entity(), i);
        }
        for (i, change) in changes.iter().enumerate() {
            if last_of.get(&change.entity()) != Some(&i) {
                continue;
            }
            let ord = self.next_ord.fetch_add(1, Ordering::AcqRel);
            match change {
                Change::Database(entry) => {
                    let entity = documents::database_entity(entry.database.name.as_str());
                    if deletes == Deletes::Apply {
                        writer.delete_term(Term::from_field_text(f.entity, &entity));
                    }
                    let (doc, facts) = documents::database_document(f, entry, ord);
                    writer.add_document(doc)?;
                    added.push((entity, ord, facts));
                }
                Change::Table(entry) => {
                    let entity = documents::table_entity(&entry.table.database, entry.table.name.as_str());
                    let (docs, facts) = documents::table_documents(f, entry.as_ref(), ord);
                    // One message to the indexing threads per table, not one per document.
                    let mut ops = Vec::with_capacity(docs.len() + 1);
                    if deletes == Deletes::Apply {
                        ops.push(UserOperation::Delete(Term::from_field_text(f.entity, &entity)));
                    }
                    ops.extend(docs.into_iter().map(UserOperation::Add));
                    writer.run(ops)?;
                    added.push((entity, ord, facts));
                }
                Change::DropDatabase(name) => {
                    let entity = documents::database_entity(name);
                    writer.delete_term(Term::from_field_text(f.entity, &entity));
                    dropped.push(entity);
                }
                Change::DropTable { database, table } => {
                    let entity = documents::table_entity(database, table);
                    writer.delete_term(Term::from_field_text(f.entity, &entity));
                    dropped.push(entity);
                }
            }
        }
        // New facts go in before the reader can see their documents.
        let mut replaced = Vec::new();
        {
            let mut registry = self.registry.write().unwrap_or_else(|p| p.into_inner());
            for (entity, ord, facts) in added {
                replaced.extend(registry.remember(entity, ord, facts));
            }
            for entity in dropped {
                replaced.extend(registry.current.remove(&entity));
            }
        }
        let Some(cursor) = cursor else { return Ok(()) };
        let payload = serde_json::to_string(&Payload { schema: SCHEMA_VERSION, cursor }).unwrap_or_default();
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&payload);
        commit.commit()?;
        drop(guard);
        self.reader.reload()?;
        self.cursor.store(u64::try_from(cursor).unwrap_or(0), Ordering::Release);
        // Old documents are gone from the reader now: forget what they stood for.
        let mut registry = self.registry.write().unwrap_or_else(|p| p.into_inner());
        for ord in replaced {
            registry.facts.remove(&ord);
        }
        Ok(())
    }

    /// Stops writing: waits for merges and releases the directory's writer lock (searches keep
    /// working on what was committed).
    pub fn close(&self) {
        let writer = self.writer.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(writer) = writer {
            if let Err(e) = writer.wait_merging_threads() {
                tracing::warn!(error = %e, "search index merges did not finish cleanly");
            }
        }
    }

    /// Entities (`d:<db>`, `t:<db>.<table>`) whose documents carry tag key `key`.
    pub fn tagged_with(&self, key: &str) -> Result<Vec<String>, SearchError> {
        let searcher = self.reader.searcher();
        let term = Term::from_field_text(self.fields.filter, &documents::filter_term("tagkey", key));
        let found = searcher.search(&TermQuery::new(term, IndexRecordOption::Basic), &DocSetCollector)?;
        let mut entities = std::collections::BTreeSet::new();
        for address in found {
            let doc: TantivyDocument = searcher.doc(address)?;
            if let Some(e) = doc.get_first(self.fields.entity).and_then(|v| v.as_str()) {
                entities.insert(e.to_owned());
            }
        }
        Ok(entities.into_iter().collect())
    }

    /// Number of live documents (databases, tables and columns).
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }
}
