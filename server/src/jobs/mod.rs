//! The one job runner: every replica runs one; leases in the store make each run happen on
//! one replica at a time. Cron schedules (an occurrence belongs to the replica that moves the
//! job's next run forward), retries with backoff and jitter (Step Functions' Retry), timeouts,
//! cancellation, and run records with status. A run whose replica dies is taken over once its
//! lease lapses. Crawls run on it; pipelines, stream deliveries and source loads register
//! handlers of their own kind.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use async_trait::async_trait;
use chrono::Utc;
use tokio_util::sync::CancellationToken;

use crate::domain::job::{Job, JobRun, JobStatus};
use crate::store::{Store, StoreError, StoreResult, jobs};

/// How long a run's lease lasts without renewal; a running run renews it every second.
pub const LEASE: Duration = Duration::from_secs(60);

/// What a handler is given for one attempt.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub job: Job,
    pub run: JobRun,
    /// Cancelled when the run is cancelled, times out or loses its lease: stop soon.
    pub cancel: CancellationToken,
    /// The replica holding the run's lease.
    pub holder: String,
}

impl Attempt {
    /// Ends the run as `status` in the caller's transaction, with the handler's own record of
    /// it, so a run seen finished can be started again at once. (Only for final outcomes: the
    /// runner's retry policy is not applied to a run ended here.)
    pub async fn complete(
        &self,
        c: &mut crate::store::Conn<'_>,
        status: JobStatus,
        message: Option<&str>,
    ) -> StoreResult<bool> {
        jobs::finish(c, &self.run.id, &self.holder, status, None, message).await
    }
}

#[async_trait]
pub trait JobHandler: Send + Sync {
    /// The job kind it runs (`crawler`, ...).
    fn kind(&self) -> &str;

    /// Runs one attempt; an error fails it (and it is retried as the job's policy says).
    async fn run(&self, attempt: Attempt) -> Result<(), String>;
}

/// Starting a run refused: the job runs as many as it may at once (or, to queue, already
/// has as many runs active).
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("the job already has as many runs going as it may")]
    Busy,
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Clone)]
pub struct Runner {
    store: Store,
    replica: String,
    lease: Duration,
    handlers: Arc<RwLock<HashMap<String, Arc<dyn JobHandler>>>>,
    /// Runs executing on this replica, by id.
    running: Arc<Mutex<HashMap<String, CancellationToken>>>,
}

impl std::fmt::Debug for Runner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runner").field("replica", &self.replica).field("lease", &self.lease).finish_non_exhaustive()
    }
}

enum Outcome {
    Done(Result<(), String>),
    TimedOut,
    Cancelled,
}

impl Runner {
    /// A runner naming itself `replica` in leases, which last `lease` without renewal.
    pub fn new(store: Store, replica: impl Into<String>, lease: Duration) -> Self {
        Self { store, replica: replica.into(), lease, handlers: Arc::default(), running: Arc::default() }
    }

    pub fn register(&self, handler: Arc<dyn JobHandler>) {
        let kind = handler.kind().to_owned();
        self.handlers.write().unwrap_or_else(|p| p.into_inner()).insert(kind, handler);
    }

    pub fn replica(&self) -> &str {
        &self.replica
    }

    fn until(&self) -> chrono::DateTime<Utc> {
        Utc::now() + chrono::Duration::from_std(self.lease).unwrap_or_default()
    }

    /// A run of `job` waiting for a worker, for callers that insert it in a transaction of
    /// their own (triggers).
    pub fn queued_run(job: &Job, trigger: &str) -> JobRun {
        Self::new_run(job, &uuid::Uuid::now_v7().to_string(), trigger, JobStatus::Queued)
    }

    fn new_run(job: &Job, id: &str, trigger: &str, status: JobStatus) -> JobRun {
        let now = Utc::now();
        JobRun {
            id: id.to_owned(),
            job_id: job.id.clone(),
            trigger: trigger.to_owned(),
            status,
            attempt: u32::from(status == JobStatus::Running),
            not_before: now,
            lease_owner: None,
            lease_until: None,
            cancel_requested: false,
            created_at: now,
            started_at: None,
            finished_at: None,
            message: None,
            slot: 0,
        }
    }

    /// Starts a run of `job` on this replica now (id `run_id`) in a free slot, unless it runs
    /// as many as it may.
    pub async fn start_now(&self, job: &Job, run_id: &str, trigger: &str) -> Result<JobRun, StartError> {
        let mut run = Self::new_run(job, run_id, trigger, JobStatus::Running);
        run.lease_owner = Some(self.replica.clone());
        run.lease_until = Some(self.until());
        run.started_at = Some(Utc::now());
        for slot in 0..job.max_concurrent.max(1) {
            run.slot = slot;
            match jobs::insert_run(&mut self.store.conn(), &run).await {
                Err(StoreError::UniqueViolation) => continue,
                other => other?,
            }
            self.launch(job.clone(), run.clone());
            return Ok(run);
        }
        Err(StartError::Busy)
    }

    /// Queues a run of `job` for whichever replica's worker comes first, unless it has as
    /// many runs active as it may run at once.
    pub async fn enqueue(&self, job: &Job, trigger: &str) -> Result<JobRun, StartError> {
        if jobs::active_count(&mut self.store.conn(), &job.id).await? >= u64::from(job.max_concurrent.max(1)) {
            return Err(StartError::Busy);
        }
        self.queue_behind(job, &uuid::Uuid::now_v7().to_string(), trigger).await
    }

    /// Queues a run of `job` (id `run_id`) behind those it has: it starts when a slot frees.
    pub async fn queue_behind(&self, job: &Job, run_id: &str, trigger: &str) -> Result<JobRun, StartError> {
        let run = Self::new_run(job, run_id, trigger, JobStatus::Queued);
        jobs::insert_run(&mut self.store.conn(), &run).await?;
        Ok(run)
    }

    /// Stops a run: at once when queued, or when running (here, or on the replica that runs
    /// it, which looks for the request at every lease renewal).
    pub async fn cancel(&self, run_id: &str) -> StoreResult<()> {
        let local = self.running.lock().unwrap_or_else(|p| p.into_inner()).get(run_id).cloned();
        jobs::request_cancel(&mut self.store.conn(), run_id).await?;
        if let Some(token) = local {
            token.cancel();
        }
        Ok(())
    }

    /// Claims the scheduled occurrences that are due and the runs that are ready (or whose
    /// replica died), and starts them here. Returns how many it started.
    pub async fn tick(&self) -> StoreResult<usize> {
        let now = Utc::now();
        for job in jobs::due(&mut self.store.conn(), now).await? {
            self.schedule(&job, now).await?;
        }
        let mut started = 0;
        for seen in jobs::claimable(&mut self.store.conn(), now, 32).await? {
            // Only work this replica has a handler for; the job is read once.
            let Some(job) = jobs::job_by_id(&mut self.store.conn(), &seen.job_id).await? else { continue };
            if !self.handlers.read().unwrap_or_else(|p| p.into_inner()).contains_key(&job.kind) {
                continue;
            }
            if jobs::claim(&mut self.store.conn(), &seen, &self.replica, self.until(), job.max_concurrent).await? {
                let Some(run) = jobs::run(&mut self.store.conn(), &seen.id).await? else { continue };
                if seen.status == JobStatus::Running {
                    tracing::info!(run = %run.id, job = %job.id, "taking over a run whose replica stopped renewing it");
                }
                self.launch(job, run);
                started += 1;
            }
        }
        Ok(started)
    }

    /// Queues the due occurrence of `job` if this replica is the one that moves its schedule on.
    async fn schedule(&self, job: &Job, now: chrono::DateTime<Utc>) -> StoreResult<()> {
        let Some(seen) = job.next_run_at else { return Ok(()) };
        let next = job.schedule.as_deref().and_then(|s| crate::domain::job::next_occurrence(s, now).ok());
        let mut tx = self.store.begin().await?;
        if !jobs::advance(&mut tx.conn(), &job.id, seen, next).await? {
            return Ok(());
        }
        // Still running from before (as many as may run): this occurrence is skipped, the
        // schedule moves on.
        if jobs::active_count(&mut tx.conn(), &job.id).await? >= u64::from(job.max_concurrent.max(1)) {
            tx.commit().await?;
            tracing::info!(job = %job.id, "scheduled run skipped: the previous one is still going");
            return Ok(());
        }
        let run = Self::new_run(job, &uuid::Uuid::now_v7().to_string(), "schedule", JobStatus::Queued);
        jobs::insert_run(&mut tx.conn(), &run).await?;
        tx.commit().await
    }

    /// Ticks every `every` until aborted.
    pub fn spawn(self, every: Duration) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            loop {
                tick.tick().await;
                if let Err(e) = self.tick().await {
                    tracing::warn!(error = %e, "job runner tick failed");
                }
            }
        })
    }

    fn launch(&self, job: Job, run: JobRun) {
        // Known as running here before this returns, so a cancel right after finds it.
        let cancel = CancellationToken::new();
        self.running.lock().unwrap_or_else(|p| p.into_inner()).insert(run.id.clone(), cancel.clone());
        let this = self.clone();
        tokio::spawn(async move { this.execute(job, run, cancel).await });
    }

    async fn execute(self, job: Job, run: JobRun, cancel: CancellationToken) {
        let handler = self.handlers.read().unwrap_or_else(|p| p.into_inner()).get(&job.kind).cloned();
        let keeper = self.keep_lease(run.id.clone(), cancel.clone());
        let mut outcome = match handler {
            None => Outcome::Done(Err(format!("no handler for jobs of kind `{}` on this replica", job.kind))),
            Some(handler) => {
                let attempt = Attempt {
                    job: job.clone(),
                    run: run.clone(),
                    cancel: cancel.clone(),
                    holder: self.replica.clone(),
                };
                tokio::select! {
                    result = handler.run(attempt) => Outcome::Done(result),
                    () = tokio::time::sleep(job.timeout) => Outcome::TimedOut,
                    () = cancel.cancelled() => Outcome::Cancelled,
                }
            }
        };
        // A handler that returned because it was stopped was cancelled, whatever it returned.
        if cancel.is_cancelled() && matches!(outcome, Outcome::Done(Err(_))) {
            outcome = Outcome::Cancelled;
        }
        cancel.cancel();
        keeper.abort();
        let _ = keeper.await;
        self.running.lock().unwrap_or_else(|p| p.into_inner()).remove(&run.id);
        if let Err(e) = self.record(&job, &run, outcome).await {
            tracing::error!(error = %e, run = %run.id, "cannot record the end of a job run");
        }
        // Its slot is free: a run queued behind it starts now, not at the next tick.
        if let Err(e) = self.tick().await {
            tracing::warn!(error = %e, "job runner tick failed");
        }
    }

    /// Renews the lease while the run goes; cancels it when asked to or when the lease is lost.
    fn keep_lease(&self, run_id: String, cancel: CancellationToken) -> tokio::task::JoinHandle<()> {
        let this = self.clone();
        tokio::spawn(async move {
            // Every second at most: a cancel asked on another replica is seen within it.
            let every = (this.lease / 3).clamp(Duration::from_millis(50), Duration::from_secs(1));
            let mut tick = tokio::time::interval(every);
            tick.tick().await;
            loop {
                tick.tick().await;
                let renewed = jobs::renew(&mut this.store.conn(), &run_id, &this.replica, this.until()).await;
                let asked =
                    jobs::run(&mut this.store.conn(), &run_id).await.ok().flatten().is_some_and(|r| r.cancel_requested);
                if matches!(renewed, Ok(false)) || asked {
                    cancel.cancel();
                    return;
                }
            }
        })
    }

    async fn record(&self, job: &Job, run: &JobRun, outcome: Outcome) -> StoreResult<()> {
        let attempt = run.attempt.max(1);
        let retry = |message: String, final_status: JobStatus| {
            if job.retry.retries_after(attempt) {
                let wait = job.retry.wait_before(attempt + 1, rand::random::<f64>());
                let at = Utc::now() + chrono::Duration::from_std(wait).unwrap_or_default();
                (JobStatus::Queued, Some(at), Some(message))
            } else {
                (final_status, None, Some(message))
            }
        };
        let (status, not_before, message) = match outcome {
            Outcome::Done(Ok(())) => (JobStatus::Succeeded, None, None),
            Outcome::Done(Err(message)) => retry(message, JobStatus::Failed),
            Outcome::TimedOut => retry(format!("timed out after {} s", job.timeout.as_secs_f64()), JobStatus::TimedOut),
            Outcome::Cancelled => (JobStatus::Cancelled, None, Some("cancelled".to_owned())),
        };
        jobs::finish(&mut self.store.conn(), &run.id, &self.replica, status, not_before, message.as_deref()).await?;
        Ok(())
    }
}
