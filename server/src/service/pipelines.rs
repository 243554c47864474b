//! Pipelines: define (versioned like tables, `If-Match` on update), list, read, delete, start
//! runs, read and cancel runs, reset bookmarks. A pipeline runs as its owner (its creator):
//! creating or changing one plans it in full as the owner - SELECT on every table it reads,
//! INSERT on every table it writes, CREATE_TABLE where a table is still to be created - so a
//! definition that could not run is refused before anything is stored. The run itself is
//! `pipeline_run`, its planning `pipeline_plan`.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use serde_json::json;

use super::files::Files;
use super::tables::Tables;
use super::{ServiceError, ServiceResult, core::Core};
use crate::audit::{AuditLog, context};
use crate::config::QueryConfig;
use crate::domain::event::Event;
use crate::domain::job::{Job, JobStatus, RetryPolicy, next_occurrence};
use crate::domain::names::TableName;
use crate::domain::pipeline::changes::{self, PipelineChange};
use crate::domain::pipeline::run::{Pipeline, PipelineRun, PipelineVersion, QualityResult, Replay};
use crate::domain::pipeline::{PipelineDefinition, Trigger, invalid, parse_table};
use crate::domain::principal::Principal;
use crate::domain::role::{Action, Scope};
use crate::domain::table::Table;
use crate::jobs::{Runner, StartError};
use crate::store::{Store, StoreError, jobs, outbox, pipelines};

/// The job kind of pipeline runs on the job runner.
pub const JOB_KIND: &str = "pipeline";
/// Runs a pipeline may have waiting behind its running ones.
pub const MAX_QUEUED: u64 = 100;

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("pipeline `{0}` already has a run going")]
    Running(String),
    #[error("the pipeline changed since version {expected}; it is now at version {current}")]
    VersionMismatch { expected: String, current: i64 },
    #[error("this update needs an If-Match header with the pipeline's current ETag")]
    PreconditionRequired,
    #[error(transparent)]
    Service(#[from] ServiceError),
}
shared_failures!(PipelineError);

pub type Result<T, E = PipelineError> = std::result::Result<T, E>;

#[derive(Debug, Clone)]
pub struct Pipelines {
    pub(super) core: Core,
    pub(super) tables: Tables,
    pub(super) files: Arc<Files>,
    pub(super) store: Store,
    pub(super) audit: AuditLog,
    pub(super) runner: Runner,
    pub(super) query: QueryConfig,
}

pub fn etag(p: &Pipeline) -> String {
    format!("\"{}.{}\"", p.id, p.version)
}

pub(super) fn not_found(name: &str) -> ServiceError {
    ServiceError::NotFound { kind: "pipeline", name: name.to_owned() }
}

/// The job that schedules, retries and times out the pipeline's runs.
pub(super) fn job_of(p: &Pipeline) -> ServiceResult<Job> {
    let d = &p.definition;
    let schedules: Vec<&str> = d
        .triggers
        .iter()
        .filter_map(|t| match t {
            Trigger::Schedule { cron } => Some(cron.as_str()),
            _ => None,
        })
        .collect();
    if schedules.len() > 1 {
        return Err(invalid("a pipeline has at most one schedule trigger").into());
    }
    let schedule = schedules.first().map(|s| (*s).to_owned());
    let next_run_at = schedule.as_deref().map(|s| next_occurrence(s, Utc::now()).map_err(invalid)).transpose()?;
    let retry = RetryPolicy {
        interval: Duration::from_secs_f64(d.retry.interval_seconds),
        max_attempts: d.retry.max_attempts,
        backoff_rate: d.retry.backoff_rate,
        jitter: d.retry.jitter,
        max_delay: Duration::from_secs(3600),
    };
    Ok(Job {
        id: format!("pipeline-{}", p.id),
        kind: JOB_KIND.to_owned(),
        subject: p.id.clone(),
        owner_id: p.owner_id.clone(),
        schedule,
        next_run_at,
        retry,
        timeout: Duration::from_secs(d.timeout_seconds),
        max_concurrent: d.max_concurrent_runs,
    })
}

/// The runner's view of a run wins while the handler's record still says it runs: a run
/// cancelled or timed out (its handler stopped) or queued for a retry.
fn overlay(run: &mut PipelineRun, job: &crate::domain::job::JobRun) {
    if run.status == "running" || run.status == "queued" || job.status.is_active() {
        run.status = job.status.as_str().to_owned();
        run.attempt = job.attempt.max(run.attempt);
        if !job.status.is_active() {
            run.finished_at = run.finished_at.or(job.finished_at);
            run.message = run.message.clone().or_else(|| job.message.clone());
        }
    }
}

impl Pipelines {
    pub fn new(
        core: Core,
        files: Arc<Files>,
        store: Store,
        audit: AuditLog,
        runner: Runner,
        query: QueryConfig,
    ) -> Self {
        Self { tables: Tables::new(core.clone()), core, files, store, audit, runner, query }
    }

    pub async fn create(&self, principal: &Principal, name: &str, definition: PipelineDefinition) -> Result<Pipeline> {
        // validate
        TableName::parse(name)
            .map_err(|_| invalid(format!("invalid pipeline name `{name}`: lowercase [a-z][a-z0-9_]*")))?;
        definition.validate()?;
        context::add_detail("pipeline", json!(name));
        let now = Utc::now();
        let pipeline = Pipeline {
            id: uuid::Uuid::now_v7().to_string(),
            name: name.to_owned(),
            version: 1,
            definition,
            owner_id: principal.id.clone(),
            created_by: principal.to_string(),
            created_at: now,
            updated_at: now,
        };
        // authorize: planned in full as the owner
        self.plan(principal, &pipeline, None, None).await?;
        let job = job_of(&pipeline)?;
        // write
        let mut tx = self.store.begin().await?;
        match pipelines::insert(&mut tx.conn(), &pipeline).await {
            Err(StoreError::UniqueViolation) => {
                return Err(ServiceError::AlreadyExists { kind: "pipeline", name: name.to_owned() }.into());
            }
            other => other?,
        }
        let first = PipelineVersion {
            version: 1,
            author: principal.to_string(),
            created_at: now,
            definition: pipeline.definition.clone(),
            summary: "created".to_owned(),
        };
        pipelines::insert_version(&mut tx.conn(), &pipeline.id, &first).await?;
        jobs::insert_job(&mut tx.conn(), &job).await?;
        outbox::append(&mut tx.conn(), &Event::PipelineCreated { name: name.to_owned(), version: 1 }).await?;
        tx.commit().await?;
        Ok(pipeline)
    }

    /// Replaces the definition, guarded by `If-Match`; the change is planned as the owner.
    pub async fn update(
        &self,
        principal: &Principal,
        name: &str,
        if_match: Option<&str>,
        definition: PipelineDefinition,
    ) -> Result<Pipeline> {
        definition.validate()?;
        let current = self.find(principal, name, true).await?;
        let Some(if_match) = if_match else { return Err(PipelineError::PreconditionRequired) };
        if !if_match.split(',').map(str::trim).any(|t| t == "*" || t == etag(&current)) {
            return Err(PipelineError::VersionMismatch { expected: if_match.to_owned(), current: current.version });
        }
        let mut next = current.clone();
        next.definition = definition;
        next.version += 1;
        next.updated_at = Utc::now();
        // The owner runs it: the owner's grants decide.
        let owner = self.owner(&current)?;
        self.plan(&owner, &next, None, None).await?;
        let job = job_of(&next)?;
        let mut tx = self.store.begin().await?;
        if !pipelines::update_if_version(&mut tx.conn(), &next, current.version).await? {
            let now = pipelines::get(&mut tx.conn(), name).await?.map_or(current.version, |p| p.version);
            return Err(PipelineError::VersionMismatch { expected: if_match.to_owned(), current: now });
        }
        let version = PipelineVersion {
            version: next.version,
            author: principal.to_string(),
            created_at: next.updated_at,
            definition: next.definition.clone(),
            summary: changes::summary(&current.definition, &next.definition),
        };
        pipelines::insert_version(&mut tx.conn(), &next.id, &version).await?;
        jobs::update_job(&mut tx.conn(), &job).await?;
        outbox::append(&mut tx.conn(), &Event::PipelineUpdated { name: name.to_owned(), version: next.version })
            .await?;
        tx.commit().await?;
        Ok(next)
    }

    /// The owner as a principal now (its groups and grants as they stand).
    pub(super) fn owner(&self, p: &Pipeline) -> ServiceResult<Principal> {
        self.core
            .authorizer()
            .current(&p.owner_id)
            .ok_or_else(|| ServiceError::Conflict(format!("the pipeline's owner {} no longer exists", p.created_by)))
    }

    pub async fn get(&self, principal: &Principal, name: &str) -> Result<Pipeline> {
        self.find(principal, name, false).await
    }

    /// A pipeline the caller may see (its own, or any with `pipeline.read`), and with
    /// `manage` change, run or delete (its own, or any with `pipeline.manage`).
    pub(super) async fn find(&self, principal: &Principal, name: &str, manage: bool) -> Result<Pipeline> {
        let p = pipelines::get(&mut self.store.conn(), name).await?.ok_or_else(|| not_found(name))?;
        if p.owner_id == principal.id {
            return Ok(p);
        }
        let authz = self.core.authorizer();
        if !authz.may(principal, Action::PipelineRead, &Scope::Lake) {
            context::note_hidden();
            return Err(not_found(name).into());
        }
        if manage {
            authz.require_role(principal, Action::PipelineManage, &Scope::Lake).map_err(ServiceError::Forbidden)?;
        }
        Ok(p)
    }

    pub async fn list(&self, principal: &Principal) -> Result<Vec<Pipeline>> {
        let everyone = self.core.authorizer().may(principal, Action::PipelineRead, &Scope::Lake);
        let mut out = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let page = pipelines::list(&mut self.store.conn(), after.as_deref(), 500).await?;
            let done = page.len() < 500;
            after = page.last().map(|p| p.name.clone());
            out.extend(page.into_iter().filter(|p| everyone || p.owner_id == principal.id));
            if done {
                return Ok(out);
            }
        }
    }

    pub async fn delete(&self, principal: &Principal, name: &str) -> Result<()> {
        let p = self.find(principal, name, true).await?;
        let job = job_of(&p).map(|j| j.id).unwrap_or_else(|_| format!("pipeline-{}", p.id));
        if jobs::active_run(&mut self.store.conn(), &job).await?.is_some() {
            return Err(PipelineError::Running(p.name));
        }
        let mut tx = self.store.begin().await?;
        pipelines::delete(&mut tx.conn(), &p.id).await?;
        jobs::delete_job(&mut tx.conn(), &job).await?;
        outbox::append(&mut tx.conn(), &Event::PipelineDeleted { name: p.name.clone() }).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn versions(&self, principal: &Principal, name: &str) -> Result<Vec<PipelineVersion>> {
        let p = self.get(principal, name).await?;
        Ok(pipelines::versions(&mut self.store.conn(), &p.id).await?)
    }

    /// What changed from version `from` to version `to`.
    pub async fn diff_versions(
        &self,
        principal: &Principal,
        name: &str,
        from: i64,
        to: i64,
    ) -> Result<Vec<PipelineChange>> {
        let versions = self.versions(principal, name).await?;
        let find = |v: i64| {
            versions
                .iter()
                .find(|x| x.version == v)
                .ok_or_else(|| ServiceError::NotFound { kind: "pipeline version", name: format!("{name} version {v}") })
        };
        Ok(changes::changes(&find(from)?.definition, &find(to)?.definition))
    }

    /// Starts a run now on this replica or, while the pipeline runs as many as it may at
    /// once, queues it behind the others (it starts, in order, when one ends); 409
    /// `pipeline_running` when [`MAX_QUEUED`] wait already.
    /// With `replay`, the run reads that input's matching partitions only (see [`Replay`]).
    pub async fn start(&self, principal: &Principal, name: &str, replay: Option<Replay>) -> Result<PipelineRun> {
        let p = self.find(principal, name, true).await?;
        let job = job_of(&p)?;
        if let Some(r) = &replay {
            self.check_replay(&p, r).await?;
        }
        let id = uuid::Uuid::now_v7().to_string();
        let mut run = self.first_record(&p, &id, if replay.is_some() { "replay" } else { "manual" });
        run.replay = replay;
        // The detail exists before the answer; the run's handler replaces it as it goes.
        pipelines::save_run(&mut self.store.conn(), &run).await?;
        let started = match self.runner.start_now(&job, &id, &run.trigger).await {
            Err(StartError::Busy) => {
                let active = jobs::active_count(&mut self.store.conn(), &job.id).await?;
                if active >= u64::from(job.max_concurrent) + MAX_QUEUED {
                    crate::store::pipelines::delete_run(&mut self.store.conn(), &id).await?;
                    return Err(PipelineError::Running(p.name));
                }
                run.status = JobStatus::Queued.as_str().to_owned();
                pipelines::save_run(&mut self.store.conn(), &run).await?;
                self.runner.queue_behind(&job, &id, &run.trigger).await
            }
            other => other,
        };
        if let Err(StartError::Store(e)) = started {
            return Err(e.into());
        }
        Ok(run)
    }

    /// A replay names a table the pipeline reads and a filter on its partition keys.
    async fn check_replay(&self, p: &Pipeline, replay: &Replay) -> Result<()> {
        let (d, t) = parse_table(&replay.table)?;
        let read = crate::process::tables_read(&p.definition).map_err(|e| invalid(e.to_string()))?;
        if !read.contains(&(d.to_string(), t.to_string())) {
            return Err(invalid(format!("replay: {} is not read by any step of {}", replay.table, p.name)).into());
        }
        let Some(table) = crate::store::tables::get(&mut self.store.conn(), d.as_str(), t.as_str()).await? else {
            return Err(invalid(format!("replay: {} does not exist", replay.table)).into());
        };
        super::pipeline_plan::replay_filter(replay, &table).map(|_| ())
    }

    pub(super) fn first_record(&self, p: &Pipeline, id: &str, trigger: &str) -> PipelineRun {
        PipelineRun {
            id: id.to_owned(),
            pipeline_id: p.id.clone(),
            version: p.version,
            trigger: trigger.to_owned(),
            status: "running".to_owned(),
            attempt: 1,
            started_at: Utc::now(),
            finished_at: None,
            steps: Vec::new(),
            logs: Vec::new(),
            message: None,
            replay: None,
        }
    }

    /// Newest first: queued runs (from the job runner) before the recorded ones. A recorded
    /// run the runner ended without its handler (cancelled, timed out) shows the runner's end.
    pub async fn runs(&self, principal: &Principal, name: &str, limit: u32) -> Result<Vec<PipelineRun>> {
        let p = self.get(principal, name).await?;
        let limit = u64::from(limit.clamp(1, 1000));
        let mut recorded = pipelines::runs(&mut self.store.conn(), &p.id, limit).await?;
        let job_runs = jobs::runs_of(&mut self.store.conn(), &format!("pipeline-{}", p.id), limit).await?;
        for r in &mut recorded {
            if let Some(j) = job_runs.iter().find(|j| j.id == r.id) {
                overlay(r, j);
            }
        }
        for queued in job_runs {
            if !recorded.iter().any(|r| r.id == queued.id) {
                let mut r = self.first_record(&p, &queued.id, &queued.trigger);
                r.started_at = queued.created_at;
                overlay(&mut r, &queued);
                recorded.insert(0, r);
            }
        }
        Ok(recorded)
    }

    pub async fn run(&self, principal: &Principal, name: &str, id: &str) -> Result<PipelineRun> {
        let p = self.get(principal, name).await?;
        let missing = || ServiceError::NotFound { kind: "pipeline run", name: id.to_owned() };
        let job_run = jobs::run(&mut self.store.conn(), id).await?.filter(|r| r.job_id == format!("pipeline-{}", p.id));
        let recorded = pipelines::run(&mut self.store.conn(), id).await?.filter(|r| r.pipeline_id == p.id);
        let mut run = match (recorded, &job_run) {
            (Some(run), _) => run,
            (None, Some(queued)) => {
                let mut r = self.first_record(&p, &queued.id, &queued.trigger);
                r.started_at = queued.created_at;
                r
            }
            (None, None) => return Err(missing().into()),
        };
        if let Some(j) = &job_run {
            overlay(&mut run, j);
        }
        Ok(run)
    }

    /// Cancels a queued or running run (on whichever replica runs it).
    pub async fn cancel(&self, principal: &Principal, name: &str, id: &str) -> Result<PipelineRun> {
        let p = self.find(principal, name, true).await?;
        let job_run = jobs::run(&mut self.store.conn(), id)
            .await?
            .filter(|r| r.job_id == format!("pipeline-{}", p.id))
            .ok_or_else(|| ServiceError::NotFound { kind: "pipeline run", name: id.to_owned() })?;
        if job_run.status.is_active() {
            self.runner.cancel(id).await?;
        }
        self.run(principal, name, id).await
    }

    /// Forgets what incremental inputs have read: the next run reads everything again.
    /// The next run reads `table` (one of the pipeline's incremental inputs), or all of them,
    /// in full.
    pub async fn reset_bookmarks(&self, principal: &Principal, name: &str, table: Option<&str>) -> Result<()> {
        let p = self.find(principal, name, true).await?;
        if let Some(t) = table
            && !p.definition.incremental.iter().any(|i| i == t)
        {
            return Err(invalid(format!("{t} is not an incremental input of {}", p.name)).into());
        }
        pipelines::reset_bookmarks(&mut self.store.conn(), &p.id, table).await?;
        Ok(())
    }
}

impl Pipelines {
    /// The latest data-quality result of a table the caller sees with `access`. A caller kept
    /// from some of its columns or rows sees the score and only the rules on columns it may
    /// read, without the measured values (they are computed over every row and column).
    pub async fn quality(&self, table: &Table, access: &crate::authz::Access) -> Result<Option<QualityResult>> {
        let latest = crate::store::lineage::quality(&mut self.store.conn(), &table.id, 1).await?.into_iter().next();
        let Some(mut result) = latest else { return Ok(None) };
        let unrestricted = access.blanket.is_some()
            || (matches!(access.columns, crate::authz::ColumnAccess::All)
                && matches!(access.rows, crate::authz::RowAccess::All));
        if !unrestricted {
            result.rules.retain(|r| {
                crate::domain::pipeline::dqdl::parse(&r.rule).is_ok_and(|rule| {
                    !rule.columns().is_empty() && rule.columns().iter().all(|c| access.columns.allows(c))
                })
            });
            for rule in &mut result.rules {
                rule.value = None;
                rule.failing_rows = None;
                rule.message = None;
            }
        }
        Ok(Some(result))
    }
}
