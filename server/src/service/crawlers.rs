//! Crawlers: define, list, delete, start runs and read their history. A crawler runs as its
//! owner (its creator): it needs DATA_LOCATION_ACCESS on its location to read, and whatever
//! its owner may do in the target database to write tables. The run itself is in `crawl_run`.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::files::Files;
use super::partitions::Partitions;
use super::tables::Tables;
use super::{ServiceError, ServiceResult, core::Core};
use crate::audit::AuditLog;
use crate::domain::crawler::{Crawler, CrawlerRun, DeletedFolderPolicy, RunStats, RunStatus, SchemaChangePolicy};
use crate::domain::event::Event;
use crate::domain::job::{Job, RetryPolicy, next_occurrence};
use crate::domain::names::{DatabaseName, TableName};
use crate::domain::principal::{Principal, Privilege};
use crate::domain::role::{Action, Scope};
use crate::domain::table::Zone;
use crate::domain::{ValidationCode, ValidationError};
use crate::jobs::{Runner, StartError};
use crate::store::{Store, StoreError, crawlers, databases, jobs, outbox};

/// The job kind of crawls on the job runner.
pub const JOB_KIND: &str = "crawler";
/// A crawl running longer than this is stopped (and its run marked timed out).
pub const TIMEOUT: Duration = Duration::from_secs(6 * 3600);

/// What starting a crawler can fail with beyond the shared failures.
#[derive(Debug, thiserror::Error)]
pub enum CrawlerError {
    #[error("crawler `{0}` is already running")]
    Running(String),
    #[error(transparent)]
    Service(#[from] ServiceError),
}
shared_failures!(CrawlerError);

#[derive(Debug, Clone)]
pub struct Crawlers {
    pub(super) core: Core,
    pub(super) tables: Tables,
    pub(super) partitions: Partitions,
    pub(super) files: Arc<Files>,
    pub(super) store: Store,
    pub(super) audit: AuditLog,
    /// Schedules, leases and runs every crawl.
    pub(super) runner: Runner,
}

#[derive(Debug, Clone)]
pub struct CrawlerInput {
    pub name: String,
    /// A URI inside the lake, or a path relative to its root (`raw/sales`).
    pub location: String,
    pub database: String,
    pub zone: Zone,
    pub schema_change: SchemaChangePolicy,
    pub deleted_folders: DeletedFolderPolicy,
    pub schedule: Option<String>,
}

fn not_found(name: &str) -> ServiceError {
    ServiceError::NotFound { kind: "crawler", name: name.to_owned() }
}

/// The job that schedules and runs `crawler`.
fn job_of(crawler: &Crawler, next_run_at: Option<DateTime<Utc>>) -> Job {
    Job {
        id: format!("crawler-{}", crawler.id),
        kind: JOB_KIND.to_owned(),
        subject: crawler.id.clone(),
        owner_id: crawler.owner_id.clone(),
        schedule: crawler.schedule.clone(),
        next_run_at,
        // A crawl is not retried (as Glue's are not): the next run picks up where it stopped.
        retry: RetryPolicy::default(),
        timeout: TIMEOUT,
        max_concurrent: 1,
    }
}

impl Crawlers {
    pub fn new(core: Core, files: Arc<Files>, store: Store, audit: AuditLog, runner: Runner) -> Self {
        let (tables, partitions) = (Tables::new(core.clone()), Partitions::new(core.clone()));
        Self { core, tables, partitions, files, store, audit, runner }
    }

    pub async fn create(&self, principal: &Principal, input: CrawlerInput) -> ServiceResult<Crawler> {
        // validate
        TableName::parse(&input.name)
            .map_err(|_| invalid(format!("invalid crawler name `{}`: lowercase [a-z][a-z0-9_]*", input.name)))?;
        DatabaseName::parse(&input.database)?;
        let lake = self.files.lake();
        // A location outside the lake is bad input here (not a conflict, as for a table's
        // existing location): 400 `invalid_path`.
        let resolved = lake.resolve(&input.location).map_err(|e| match e {
            crate::storage::StorageError::OutsideLake(..) => {
                ServiceError::from(crate::storage::PathError(e.to_string()))
            }
            other => other.into(),
        })?;
        let location = lake.uri(&resolved);
        let next = input.schedule.as_deref().map(|s| next_occurrence(s, Utc::now()).map_err(invalid)).transpose()?;
        // authorize: read the location, create tables in the database
        let authz = self.core.authorizer();
        authz.read_location(principal, &location)?;
        let mut tx = self.store.begin().await?;
        let db = databases::get(&mut tx.conn(), &input.database)
            .await?
            .ok_or_else(|| super::databases::not_found(&input.database))?;
        self.core.check_database(principal, Privilege::CreateTable, &db)?;
        // write
        let crawler = Crawler {
            id: uuid::Uuid::now_v7().to_string(),
            name: input.name,
            location,
            database: input.database,
            zone: input.zone,
            schema_change: input.schema_change,
            deleted_folders: input.deleted_folders,
            schedule: input.schedule,
            owner_id: principal.id.clone(),
            created_by: principal.to_string(),
            created_at: Utc::now(),
        };
        match crawlers::insert(&mut tx.conn(), &crawler).await {
            Err(StoreError::UniqueViolation) => {
                return Err(ServiceError::AlreadyExists { kind: "crawler", name: crawler.name });
            }
            other => other?,
        }
        jobs::insert_job(&mut tx.conn(), &job_of(&crawler, next)).await?;
        outbox::append(&mut tx.conn(), &Event::CrawlerCreated { name: crawler.name.clone() }).await?;
        tx.commit().await?;
        Ok(crawler)
    }

    /// A crawler the caller may see: its own, or any with `crawler.read`.
    pub async fn get(&self, principal: &Principal, name: &str) -> ServiceResult<Crawler> {
        self.find(principal, name, false).await
    }

    /// A crawler the caller may see, and with `manage` change, run or delete: its own, or any
    /// with `crawler.manage`. Someone else's crawler that the caller may not read is absent.
    async fn find(&self, principal: &Principal, name: &str, manage: bool) -> ServiceResult<Crawler> {
        let crawler = crawlers::get(&mut self.store.conn(), name).await?.ok_or_else(|| not_found(name))?;
        if crawler.owner_id == principal.id {
            return Ok(crawler);
        }
        let authz = self.core.authorizer();
        let action = if manage { Action::CrawlerManage } else { Action::CrawlerRead };
        if manage && !authz.may(principal, Action::CrawlerRead, &Scope::Lake) {
            crate::audit::context::note_hidden();
            return Err(not_found(name));
        }
        authz.require_role(principal, action, &Scope::Lake).map_err(|denied| {
            if manage {
                ServiceError::Forbidden(denied)
            } else {
                crate::audit::context::note_hidden();
                not_found(name)
            }
        })?;
        Ok(crawler)
    }

    pub async fn list(&self, principal: &Principal) -> ServiceResult<Vec<Crawler>> {
        let everyone = self.core.authorizer().may(principal, Action::CrawlerRead, &Scope::Lake);
        let mut out = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let page = crawlers::list(&mut self.store.conn(), after.as_deref(), 500).await?;
            let done = page.len() < 500;
            after = page.last().map(|c| c.name.clone());
            out.extend(page.into_iter().filter(|c| everyone || c.owner_id == principal.id));
            if done {
                return Ok(out);
            }
        }
    }

    pub async fn delete(&self, principal: &Principal, name: &str) -> ServiceResult<()> {
        let crawler = self.find(principal, name, true).await?;
        let mut tx = self.store.begin().await?;
        jobs::delete_job(&mut tx.conn(), &job_of(&crawler, None).id).await?;
        crawlers::delete(&mut tx.conn(), &crawler.id).await?;
        outbox::append(&mut tx.conn(), &Event::CrawlerDeleted { name: crawler.name.clone() }).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Newest first.
    pub async fn runs(&self, principal: &Principal, name: &str, limit: u32) -> ServiceResult<Vec<CrawlerRun>> {
        let crawler = self.get(principal, name).await?;
        Ok(crawlers::runs(&mut self.store.conn(), &crawler.id, u64::from(limit.clamp(1, 1000))).await?)
    }

    /// Starts a run now on this replica, unless one is going (409 `crawler_running`); the run
    /// goes on in the background and is returned as it starts.
    pub async fn start(&self, principal: &Principal, name: &str) -> Result<CrawlerRun, CrawlerError> {
        let crawler = self.find(principal, name, true).await?;
        let job = jobs::job(&mut self.store.conn(), JOB_KIND, &crawler.id)
            .await?
            .ok_or_else(|| ServiceError::Internal(format!("crawler {} has no job", crawler.name)))?;
        let run = CrawlerRun {
            id: uuid::Uuid::now_v7().to_string(),
            crawler_id: crawler.id.clone(),
            trigger: "manual".to_owned(),
            status: RunStatus::Running,
            started_at: Utc::now(),
            finished_at: None,
            stats: RunStats::default(),
            errors: Vec::new(),
            message: None,
        };
        match self.runner.start_now(&job, &run.id, &run.trigger).await {
            Err(StartError::Busy) => return Err(CrawlerError::Running(crawler.name)),
            Err(StartError::Store(e)) => return Err(e.into()),
            Ok(_) => {}
        }
        // The run's record exists before the answer (the run inserts it too, if it is first).
        record_run(&self.store, &run).await?;
        Ok(run)
    }
}

/// Inserts the crawler's record of a run unless it is there already.
pub(super) async fn record_run(store: &Store, run: &CrawlerRun) -> ServiceResult<()> {
    match crawlers::insert_run(&mut store.conn(), run).await {
        Err(StoreError::UniqueViolation) | Ok(()) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

pub(super) fn invalid(message: String) -> ServiceError {
    ServiceError::Invalid(ValidationError::new(ValidationCode::InvalidRequest, message))
}
