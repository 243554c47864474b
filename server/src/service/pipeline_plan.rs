//! Planning a pipeline as its owner: every table it reads through the door (SELECT, as the
//! capability carrying the owner's columns and row filters), every table it writes (INSERT on
//! an existing one, CREATE_TABLE in the database of a new one), then the plans of its steps
//! in a query session of exactly those tables. Used when a definition is stored (nothing is
//! read) and at the start of every run (grants are checked again, now). Incremental inputs
//! are narrowed to the files committed since their bookmark.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use async_trait::async_trait;

use super::pipelines::{PipelineError, Pipelines, Result};
use super::query_files::CatalogFiles;
use super::{ServiceError, core::table_target};
use crate::domain::event::Event;
use crate::domain::partition_filter::FilterExpr;
use crate::domain::pipeline::run::{Pipeline, Replay};
use crate::domain::pipeline::{Step, invalid, parse_table};
use crate::domain::principal::{Principal, Privilege};
use crate::domain::table::Table;
use crate::process::{self, Compiled, Context};
use crate::query::session::Session;
use crate::query::{TableFile, TableFiles, TableSpec};
use crate::store::{Store, databases, outbox, tables};

/// An event not yet visible after this long is taken for a rolled-back transaction.
const HOLE_GRACE: chrono::Duration = chrono::Duration::seconds(10);

/// A table a run writes: as it stands (when it exists).
#[derive(Debug, Clone)]
pub struct Target {
    pub database: String,
    pub name: String,
    pub existing: Option<Table>,
}

pub struct Planned {
    pub session: Session,
    pub compiled: Compiled,
    pub targets: BTreeMap<(String, String), Target>,
    /// Per incremental input: the event-stream position its bookmark moves to on success.
    pub bookmarks: BTreeMap<String, i64>,
}

impl std::fmt::Debug for Planned {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Planned").field("targets", &self.targets).finish_non_exhaustive()
    }
}

/// The files committed into an incremental input since its bookmark, up to `upto`.
#[derive(Debug)]
struct NewFiles {
    inner: CatalogFiles,
    paths: BTreeSet<String>,
}

#[async_trait]
impl TableFiles for NewFiles {
    async fn files(&self, filter: Option<FilterExpr>) -> std::result::Result<Vec<TableFile>, String> {
        let all = self.inner.files(filter).await?;
        Ok(all.into_iter().filter(|f| self.paths.iter().any(|p| f.object_path.ends_with(&format!("/{p}")))).collect())
    }
}

/// A replayed input: only its partitions matching the replay's filter, whatever else is asked.
#[derive(Debug)]
struct Replayed {
    inner: CatalogFiles,
    partitions: FilterExpr,
}

#[async_trait]
impl TableFiles for Replayed {
    async fn files(&self, filter: Option<FilterExpr>) -> std::result::Result<Vec<TableFile>, String> {
        let only = match filter {
            Some(f) => FilterExpr::And(Box::new(self.partitions.clone()), Box::new(f)),
            None => self.partitions.clone(),
        };
        self.inner.files(Some(only)).await
    }
}

/// The partition filter of `replay`, checked against the table it replays.
pub(super) fn replay_filter(replay: &Replay, table: &Table) -> Result<FilterExpr> {
    let filter = crate::domain::partition_filter::parse_filter(&replay.partitions)
        .map_err(|e| invalid(format!("replay partitions `{}`: {e}", replay.partitions)))?;
    let keys: Vec<&str> = table.definition.partition_keys.iter().map(|k| k.name.as_str()).collect();
    if let Some(unknown) = filter.keys().into_iter().find(|k| !keys.contains(k)) {
        return Err(
            invalid(format!("replay partitions: `{unknown}` is not a partition key of {}", replay.table)).into()
        );
    }
    Ok(filter)
}

/// Files committed into `database.table` after `after`: their paths, and the position up to
/// which the stream is known complete (a hole younger than [`HOLE_GRACE`] stops it).
async fn committed_since(store: &Store, database: &str, table: &str, after: i64) -> Result<(BTreeSet<String>, i64)> {
    let mut paths = BTreeSet::new();
    let mut upto = after;
    let now = chrono::Utc::now();
    loop {
        let events = outbox::after(&mut store.conn(), upto, 1_000).await?;
        let Some(last) = events.last().map(|e| e.seq) else { return Ok((paths, upto)) };
        for e in &events {
            if e.seq != upto + 1 && now - e.occurred_at < HOLE_GRACE {
                return Ok((paths, upto));
            }
            if let Event::FileCommitted { database: d, table: t, path, .. } = &e.event
                && d == database
                && t == table
            {
                paths.insert(path.clone());
            }
            upto = e.seq;
        }
        if last == upto && events.len() < 1_000 {
            return Ok((paths, upto));
        }
    }
}

fn not_visible(database: &str, table: &str) -> PipelineError {
    invalid(format!("table {database}.{table} does not exist or the pipeline's owner may not see it")).into()
}

impl Pipelines {
    /// Plans `pipeline` as `owner`; with `bookmarks` (a run), incremental inputs read only
    /// files committed after their position; a `replay` input reads only its matching
    /// partitions, and its bookmark stays.
    pub(super) async fn plan(
        &self,
        owner: &Principal,
        pipeline: &Pipeline,
        bookmarks: Option<&BTreeMap<String, i64>>,
        replay: Option<&Replay>,
    ) -> Result<Planned> {
        let definition = &pipeline.definition;
        let mut read = process::tables_read(definition).map_err(|e| PipelineError::from(planning(e)))?;
        // A merge reads the table it merges into, when it exists.
        let mut merge_targets = BTreeSet::new();
        for step in &definition.steps {
            if let Step::Write { table, mode: crate::domain::pipeline::WriteMode::Merge, .. } = step {
                let (d, t) = parse_table(table)?;
                if tables::get(&mut self.store.conn(), d.as_str(), t.as_str()).await?.is_some() {
                    read.insert((d.to_string(), t.to_string()));
                    merge_targets.insert(table.clone());
                }
            }
        }
        for name in &definition.incremental {
            let (d, t) = parse_table(name)?;
            if !read.contains(&(d.to_string(), t.to_string())) {
                return Err(invalid(format!("incremental input {name} is not read by any step")).into());
            }
        }
        if let Some(r) = replay {
            let (d, t) = parse_table(&r.table)?;
            if !read.contains(&(d.to_string(), t.to_string())) {
                return Err(invalid(format!("replay: {} is not read by any step", r.table)).into());
            }
        }
        // --- every table read: SELECT through the door
        let mut specs = Vec::with_capacity(read.len());
        let mut context = Context { salt: pipeline.id.clone(), ..Context::default() };
        let mut positions = BTreeMap::new();
        for (database, name) in &read {
            let (table, _) = self.core.visible_table(owner, database, name).await.map_err(|e| match e {
                ServiceError::NotFound { .. } => not_visible(database, name),
                other => other.into(),
            })?;
            let key = format!("{database}.{name}");
            for column in &table.definition.columns {
                if let Some(s) = &column.sensitivity {
                    context.sensitive.entry(s.clone()).or_default().insert(column.name.to_string());
                }
            }
            if merge_targets.contains(&key) {
                context.merge_targets.insert(key.clone(), table.definition.clone());
            }
            context.schemas.insert(key.clone(), table.definition.clone());
            let mut spec = self.spec(owner, &table)?;
            if let Some(r) = replay.filter(|r| r.table == key) {
                let partitions = replay_filter(r, &table)?;
                spec.files = Arc::new(Replayed { inner: self.catalog_files(&spec, &table), partitions });
            } else if let (Some(marks), true) = (bookmarks, definition.incremental.contains(&key)) {
                let after = marks.get(&key).copied().unwrap_or(0);
                let (paths, upto) = committed_since(&self.store, database, name, after).await?;
                positions.insert(key, upto);
                // The first run reads everything there is (crawled files too), later runs
                // the files committed since.
                if after > 0 {
                    let inner = self.catalog_files(&spec, &table);
                    spec.files = Arc::new(NewFiles { inner, paths });
                }
            }
            specs.push(spec);
        }
        // --- every table written: INSERT, or CREATE_TABLE for a new one
        let targets = self.targets(owner, pipeline).await?;
        let memory = definition.memory_limit_mb.map_or(self.query.memory_bytes, |mb| (mb as usize) << 20);
        let session = Session::new(specs, memory, self.query.target_partitions).map_err(|e| planning(e.into()))?;
        let compiled = process::compile(&session, definition, &context).await.map_err(planning)?;
        // Quarantine tables are targets too.
        let mut targets = targets;
        for step in &compiled.steps {
            if let Some(q) = &step.quarantine
                && !targets.contains_key(&q.table)
            {
                let t = self.target(owner, &q.table.0, &q.table.1).await?;
                targets.insert(q.table.clone(), t);
            }
        }
        Ok(Planned { session, compiled, targets, bookmarks: positions })
    }

    async fn targets(&self, owner: &Principal, pipeline: &Pipeline) -> Result<BTreeMap<(String, String), Target>> {
        let mut out = BTreeMap::new();
        for step in &pipeline.definition.steps {
            if let Step::Write { table, .. } = step {
                let (d, t) = parse_table(table)?;
                let key = (d.to_string(), t.to_string());
                if let std::collections::btree_map::Entry::Vacant(slot) = out.entry(key) {
                    let (d, t) = slot.key().clone();
                    slot.insert(self.target(owner, &d, &t).await?);
                }
            }
        }
        Ok(out)
    }

    /// Checks the owner may write `database.name` now (INSERT, or CREATE_TABLE).
    pub(super) async fn target(&self, owner: &Principal, database: &str, name: &str) -> Result<Target> {
        let existing = tables::get(&mut self.store.conn(), database, name).await?;
        match existing {
            Some(table) => {
                let columns = crate::authz::visible::column_names(&table);
                let location = self.files.location_of(&table);
                self.core
                    .authorizer()
                    .write_files(owner, &table_target(&table, &columns), &location)
                    .map_err(|d| ServiceError::refused(d, || super::tables::not_found(database, name)))?;
                Ok(Target { database: database.to_owned(), name: name.to_owned(), existing: Some(table) })
            }
            None => {
                let db = databases::get(&mut self.store.conn(), database)
                    .await?
                    .ok_or_else(|| PipelineError::from(invalid(format!("database {database} does not exist"))))?;
                self.core.check_database(owner, Privilege::CreateTable, &db)?;
                Ok(Target { database: database.to_owned(), name: name.to_owned(), existing: None })
            }
        }
    }

    fn spec(&self, owner: &Principal, table: &Table) -> Result<TableSpec> {
        let read = self.files.read_table(owner, table)?;
        let store = self.files.lake().query_store(&read).map_err(|e| invalid(e.to_string()))?;
        let files = CatalogFiles {
            store: self.store.clone(),
            lake: self.files.lake().clone(),
            query_store: store.clone(),
            read: read.clone(),
            table: table.clone(),
        };
        Ok(TableSpec {
            database: table.database.clone(),
            name: table.name.to_string(),
            definition: table.definition.clone(),
            read,
            store,
            files: Arc::new(files),
        })
    }

    fn catalog_files(&self, spec: &TableSpec, table: &Table) -> CatalogFiles {
        CatalogFiles {
            store: self.store.clone(),
            lake: self.files.lake().clone(),
            query_store: spec.store.clone(),
            read: spec.read.clone(),
            table: table.clone(),
        }
    }
}

/// A definition that cannot be planned is bad input (400 `invalid_pipeline`); anything else
/// is the engine's failure.
pub(super) fn planning(e: process::ProcessError) -> ServiceError {
    match e {
        process::ProcessError::Invalid(m) => invalid(m).into(),
        process::ProcessError::Query(q) => ServiceError::Internal(q.to_string()),
    }
}
