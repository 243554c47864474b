//! Running a crawl: as the crawler's owner, scan its location (only new or changed files are
//! read), then create or update tables and add partitions through the catalog's own use
//! cases, so every write is authorized, versioned and in the outbox. Also the scheduler that
//! starts due runs, one replica per run (the lease in the store).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::Utc;
use serde_json::json;

use super::crawl_partitions::Listing;
use super::crawlers::{Crawlers, JOB_KIND};
use super::partitions::PartitionInput;
use super::tables::{ColumnInput, TableError, TableInput, TablePatch, etag};
use super::{ServiceError, ServiceResult};
use crate::crawl::infer::InferredField;
use crate::crawl::merge;
use crate::crawl::scan::{self, Fingerprint, Scan, TableScan};
use crate::domain::audit::{AuditEntry, Decision};
use crate::domain::crawler::{
    Crawler, CrawlerRun, DeletedFolderPolicy, RunIssue, RunStats, RunStatus, SchemaChangePolicy, SchemaChangeRecord,
};
use crate::domain::event::Event;
use crate::domain::job::JobStatus;
use crate::domain::principal::Principal;
use crate::domain::table::{Business, Table};
use crate::jobs::{Attempt, JobHandler};
use crate::store::crawlers::{self, SeenObject};
use crate::store::{outbox, tables};

/// The property that marks a table as a crawler's.
pub const CRAWLER_PROPERTY: &str = "crawler";

/// A crawl that loses a race on a table (someone edited it meanwhile) reports a conflict: it
/// only ever becomes a line in the run's errors.
fn shared(e: TableError) -> ServiceError {
    match e {
        TableError::Service(shared) => shared,
        other => ServiceError::Conflict(other.to_string()),
    }
}

fn columns_of(fields: &[InferredField], skip: &[String]) -> Vec<ColumnInput> {
    fields
        .iter()
        .filter(|f| !skip.iter().any(|k| k == f.name.as_str()))
        .map(|f| ColumnInput {
            name: f.name.to_string(),
            data_type: f.data_type.to_string(),
            nullable: f.nullable,
            description: None,
            sensitivity: None,
        })
        .collect()
}

fn fields_of(table: &Table) -> Vec<InferredField> {
    table
        .definition
        .columns
        .iter()
        .map(|c| InferredField { name: c.name.clone(), data_type: c.data_type.clone(), nullable: c.nullable })
        .collect()
}

impl Crawlers {
    /// Runs one crawl (one attempt of its job) and records it: the run's record, and its audit
    /// record with every decision authz made for it.
    async fn execute(&self, attempt: &Attempt, crawler: Crawler, mut run: CrawlerRun) -> Result<(), String> {
        let progress = Arc::new(AtomicU64::new(0));
        // Show progress in the run's stats while it goes.
        let ticker = {
            let (store, run_id, progress) = (self.store.clone(), run.id.clone(), progress.clone());
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(std::time::Duration::from_secs(1));
                loop {
                    tick.tick().await;
                    let stats = RunStats { files_scanned: progress.load(Ordering::Relaxed), ..Default::default() };
                    let _ = crawlers::progress(&mut store.conn(), &run_id, &stats).await;
                }
            })
        };
        // The run is its own audit scope: every decision authz makes for it lands in its record.
        let (outcome, ctx) = crate::audit::context::scope(self.crawl(&crawler, &mut run, &progress)).await;
        ticker.abort();
        let _ = ticker.await;
        run.finished_at = Some(Utc::now());
        match outcome {
            Ok(()) => run.status = RunStatus::Succeeded,
            Err(e) => {
                run.status = RunStatus::Failed;
                run.message = Some(e.to_string());
            }
        }
        // The run's record and the job run's end commit together: a run seen finished can be
        // started again at once.
        if let Err(e) = self.finish(attempt, &run).await {
            tracing::error!(error = %e, crawler = %crawler.name, "cannot record the end of a crawl");
        }
        let entry = AuditEntry {
            occurred_at: Utc::now(),
            principal: crawler.created_by.clone(),
            client_addr: None,
            request_id: None,
            action: "crawler.complete".to_owned(),
            resource: crawler.name.clone(),
            decision: if ctx.denied { Decision::Deny } else { Decision::Allow },
            outcome: run.status.as_str().to_owned(),
            detail: json!({ "run": run.id, "trigger": run.trigger, "stats": run.stats, "errors": run.errors.len(),
                            "message": run.message, "authz": crate::audit::context::decisions_json(&ctx.decisions) }),
        };
        self.audit.record(entry, true).await;
        match run.status {
            RunStatus::Succeeded => Ok(()),
            _ => Err(run.message.unwrap_or_else(|| "the crawl failed".to_owned())),
        }
    }

    async fn finish(&self, attempt: &Attempt, run: &CrawlerRun) -> ServiceResult<()> {
        let status = if run.status == RunStatus::Succeeded { JobStatus::Succeeded } else { JobStatus::Failed };
        let mut tx = self.store.begin().await?;
        crawlers::finish_run(&mut tx.conn(), run).await?;
        attempt.complete(&mut tx.conn(), status, run.message.as_deref()).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn crawl(&self, crawler: &Crawler, run: &mut CrawlerRun, progress: &AtomicU64) -> ServiceResult<()> {
        // authorize: as the owner, now (grants may have changed since the crawler was made)
        let authz = self.core.authorizer();
        let owner = authz.current(&crawler.owner_id).ok_or_else(|| {
            ServiceError::Conflict(format!("the crawler's owner {} no longer exists", crawler.created_by))
        })?;
        let read = authz.read_location(&owner, &crawler.location)?;
        // scan
        let seen = crawlers::seen_objects(&mut self.store.conn(), &crawler.id).await?;
        let previous: HashMap<String, Fingerprint> = seen
            .iter()
            .map(|(path, s)| {
                let fp =
                    Fingerprint { size: s.size as u64, etag: s.etag.clone(), last_modified_micros: s.last_modified };
                (path.clone(), fp)
            })
            .collect();
        let on_progress = |done: u64, _total: u64| progress.store(done, Ordering::Relaxed);
        // a partition registered after this moment is not judged by what the listing missed
        let listed_at = Utc::now();
        let root = self.files.lake().resolve(read.location())?;
        let scan = scan::scan(self.files.lake(), &read, &previous, &on_progress).await?;
        run.stats.files_listed = scan.objects.len() as u64;
        run.stats.files_scanned = scan.scanned;
        run.stats.files_unchanged = scan.unchanged;
        run.stats.files_failed = scan.issues.len() as u64;
        run.errors = scan.issues.iter().map(|i| RunIssue { path: i.path.clone(), error: i.error.clone() }).collect();
        // write tables and partitions
        let mut failed_tables = std::collections::HashSet::new();
        for (name, table) in &scan.tables {
            if let Err(e) = self.apply_table(crawler, &owner, name, table, &mut run.stats).await {
                run.errors.push(RunIssue { path: name.clone(), error: e.to_string() });
                failed_tables.insert(name.clone());
            }
        }
        self.handle_deleted(crawler, &owner, &scan, run).await?;
        let listing = Listing { root: &root, seen: &seen, scan: &scan, listed_at };
        self.delete_emptied_partitions(crawler, &owner, &listing, &failed_tables, run).await?;
        // remember what was seen, except the files of tables that could not be written: the
        // next run reads them again (after a grant is fixed, say)
        let removed: Vec<String> = seen.keys().filter(|p| !scan.objects.contains_key(*p)).cloned().collect();
        let changed: Vec<(String, SeenObject)> = scan
            .objects
            .iter()
            .filter(|(path, (fp, table))| {
                previous.get(*path) != Some(fp) && table.as_ref().is_none_or(|t| !failed_tables.contains(t))
            })
            .map(|(path, (fp, table))| {
                let seen = SeenObject {
                    size: fp.size as i64,
                    etag: fp.etag.clone(),
                    last_modified: fp.last_modified_micros,
                    table_name: table.clone(),
                };
                (path.clone(), seen)
            })
            .collect();
        let mut tx = self.store.begin().await?;
        crawlers::save_objects(&mut tx.conn(), &crawler.id, &removed, &changed).await?;
        // New and changed files are committed files of their table, as uploads are (data
        // triggers and bookmarks follow them), in the commit that remembers them as seen.
        let issues: std::collections::HashSet<&str> = scan.issues.iter().map(|i| i.path.as_str()).collect();
        for (path, seen) in &changed {
            let (Some(table), Some((_, within))) = (&seen.table_name, path.split_once('/')) else { continue };
            if issues.contains(path.as_str()) {
                continue;
            }
            let event = Event::FileCommitted {
                database: crawler.database.to_string(),
                table: table.clone(),
                path: within.to_owned(),
                bytes: u64::try_from(seen.size).unwrap_or(0),
            };
            outbox::append(&mut tx.conn(), &event).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn apply_table(
        &self,
        crawler: &Crawler,
        owner: &Principal,
        name: &str,
        scanned: &TableScan,
        stats: &mut RunStats,
    ) -> ServiceResult<()> {
        if scanned.changed_files == 0 {
            return Ok(());
        }
        let database = crawler.database.as_str();
        let existing = tables::get(&mut self.store.conn(), database, name).await?;
        let table = match existing {
            None => {
                let keys: Vec<ColumnInput> = scanned
                    .partition_keys
                    .iter()
                    .map(|k| ColumnInput {
                        name: k.clone(),
                        data_type: "utf8".into(),
                        nullable: false,
                        description: None,
                        sensitivity: None,
                    })
                    .collect();
                let mut business = Business::default();
                business.properties.insert(CRAWLER_PROPERTY.to_owned(), crawler.name.clone());
                let input = TableInput {
                    description: None,
                    zone: crawler.zone,
                    format: scanned.format.unwrap_or_default(),
                    format_options: scanned.options.clone(),
                    location: Some(self.files.lake().uri(&scanned.folder)),
                    columns: columns_of(&scanned.fields, &scanned.partition_keys),
                    partition_keys: keys,
                    business,
                };
                let table = self.tables.create(owner, database, name, input).await?;
                stats.tables_created += 1;
                table
            }
            Some(table) => self.evolve(crawler, owner, table, scanned, stats).await?,
        };
        // partitions
        let keys: Vec<&str> = table.definition.partition_keys.iter().map(|k| k.name.as_str()).collect();
        if scanned.partitions.is_empty()
            || keys != scanned.partition_keys.iter().map(String::as_str).collect::<Vec<_>>()
        {
            if !scanned.partitions.is_empty() {
                return Err(ServiceError::Conflict(format!(
                    "partition folders ({}) differ from the table's partition keys ({})",
                    scanned.partition_keys.join(", "),
                    keys.join(", ")
                )));
            }
            return Ok(());
        }
        let inputs: Vec<PartitionInput> = scanned
            .partitions
            .iter()
            .map(|(values, folder)| PartitionInput {
                values: values.clone(),
                location: Some(self.files.lake().uri(folder)),
                format: None,
                parameters: BTreeMap::new(),
            })
            .collect();
        for chunk in inputs.chunks(crate::domain::partition::MAX_BATCH) {
            let added = self.partitions.add_missing(owner, database, name, chunk.to_vec()).await?;
            stats.partitions_added += added as u64;
        }
        Ok(())
    }

    /// Merges new files' schema into an existing table under the crawler's policy.
    async fn evolve(
        &self,
        crawler: &Crawler,
        owner: &Principal,
        table: Table,
        scanned: &TableScan,
        stats: &mut RunStats,
    ) -> ServiceResult<Table> {
        let keys: Vec<String> = table.definition.partition_keys.iter().map(|k| k.name.to_string()).collect();
        let incoming: Vec<InferredField> =
            scanned.fields.iter().filter(|f| !keys.iter().any(|k| k == f.name.as_str())).cloned().collect();
        let before = fields_of(&table);
        let after =
            merge::merge(&before, &incoming).map_err(|e| ServiceError::Conflict(format!("schema conflict: {e}")))?;
        let change = merge::diff(&before, &after);
        if change.is_empty() {
            return Ok(table);
        }
        let mut record = SchemaChangeRecord {
            table: table.name.to_string(),
            added: change.added.clone(),
            widened: change.widened.iter().map(|(c, from, to)| format!("{c}: {from} -> {to}")).collect(),
            now_nullable: change.now_nullable.clone(),
            outcome: String::new(),
        };
        let result = match crawler.schema_change {
            SchemaChangePolicy::Log => {
                record.outcome = "logged".into();
                Ok(table)
            }
            SchemaChangePolicy::Fail => {
                record.outcome = "refused".into();
                Err(ServiceError::Conflict(format!(
                    "the schema changed and the crawler's policy is fail: {}",
                    serde_json::to_string(&record).unwrap_or_default()
                )))
            }
            SchemaChangePolicy::Update => {
                record.outcome = "updated".into();
                let patch = TablePatch { columns: Some(columns_of(&after, &[])), ..Default::default() };
                let tag = etag(&table);
                let updated = self
                    .tables
                    .update(owner, &table.database, table.name.as_str(), Some(&tag), patch)
                    .await
                    .map_err(shared)?;
                stats.tables_updated += 1;
                Ok(updated)
            }
        };
        stats.schema_changes.push(record);
        result
    }

    /// Tables this crawler made whose folders have no files any more.
    async fn handle_deleted(
        &self,
        crawler: &Crawler,
        owner: &Principal,
        scan: &Scan,
        run: &mut CrawlerRun,
    ) -> ServiceResult<()> {
        if crawler.deleted_folders == DeletedFolderPolicy::Ignore {
            return Ok(());
        }
        for table in self.own_tables(crawler).await? {
            let props = &table.definition.business.properties;
            if scan.tables.contains_key(table.name.as_str()) || props.get("deprecated").is_some_and(|v| v == "true") {
                continue;
            }
            let name = table.name.to_string();
            let result = match crawler.deleted_folders {
                DeletedFolderPolicy::Delete => {
                    self.tables.delete(owner, &crawler.database, &name).await.map(|()| run.stats.tables_deleted += 1)
                }
                _ => {
                    let mut business = table.definition.business.clone();
                    business.properties.insert("deprecated".into(), "true".into());
                    let patch = TablePatch { business: Some(business), ..Default::default() };
                    let tag = etag(&table);
                    self.tables
                        .update(owner, &crawler.database, &name, Some(&tag), patch)
                        .await
                        .map_err(shared)
                        .map(|_| run.stats.tables_deprecated += 1)
                }
            };
            if let Err(e) = result {
                run.errors.push(RunIssue { path: name, error: e.to_string() });
            }
        }
        Ok(())
    }

    /// The tables of the crawler's database that the crawler made.
    pub(super) async fn own_tables(&self, crawler: &Crawler) -> ServiceResult<Vec<Table>> {
        let Some(db) = crate::store::databases::get(&mut self.store.conn(), &crawler.database).await? else {
            return Ok(Vec::new());
        };
        let mut own = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let page = tables::list(&mut self.store.conn(), &db.id, after.as_deref(), 500).await?;
            let done = page.len() < 500;
            after = page.last().map(|t| t.name.to_string());
            own.extend(
                page.into_iter()
                    .filter(|t| t.definition.business.properties.get(CRAWLER_PROPERTY) == Some(&crawler.name)),
            );
            if done {
                return Ok(own);
            }
        }
    }
}

/// Crawls are jobs of kind `crawler` on the job runner: it schedules, leases and times them
/// out; this runs one.
#[async_trait::async_trait]
impl JobHandler for Crawlers {
    fn kind(&self) -> &str {
        JOB_KIND
    }

    async fn run(&self, attempt: Attempt) -> Result<(), String> {
        let crawler = crawlers::get_by_id(&mut self.store.conn(), &attempt.job.subject)
            .await
            .map_err(|e| e.to_string())?
            .ok_or_else(|| "the crawler no longer exists".to_owned())?;
        let run = CrawlerRun {
            id: attempt.run.id.clone(),
            crawler_id: crawler.id.clone(),
            trigger: attempt.run.trigger.clone(),
            status: RunStatus::Running,
            started_at: attempt.run.started_at.unwrap_or_else(Utc::now),
            finished_at: None,
            stats: RunStats::default(),
            errors: Vec::new(),
            message: None,
        };
        super::crawlers::record_run(&self.store, &run).await.map_err(|e| e.to_string())?;
        self.execute(&attempt, crawler, run).await
    }
}
