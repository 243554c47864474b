//! Rows of `jobs` and `job_runs`: schedules claimed by compare-and-set, runs leased by one
//! replica at a time, at most one active run per job (a partial unique index).

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_query::{Expr, ExprTrait, Order, Query};
use sqlx::any::AnyRow;

use super::{Conn, StoreError, StoreResult, col, from_micros, to_micros};
use crate::domain::job::{Job, JobRun, JobStatus, RetryPolicy};

const J: &str = "jobs";
const R: &str = "job_runs";
const JOB_COLUMNS: [&str; 14] = [
    "id",
    "kind",
    "subject",
    "owner_id",
    "schedule",
    "next_run_at",
    "retry_interval_ms",
    "max_attempts",
    "backoff_rate_pct",
    "jitter",
    "max_delay_ms",
    "timeout_ms",
    "created_at",
    "max_concurrent",
];
const RUN_COLUMNS: [&str; 14] = [
    "id",
    "job_id",
    "trigger_kind",
    "status",
    "attempt",
    "not_before",
    "lease_owner",
    "lease_until",
    "cancel_requested",
    "created_at",
    "started_at",
    "finished_at",
    "message",
    "slot",
];

fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

fn duration(ms: i64) -> Duration {
    Duration::from_millis(u64::try_from(ms).unwrap_or(0))
}

fn optional_time(row: &AnyRow, name: &str) -> StoreResult<Option<DateTime<Utc>>> {
    col::<Option<i64>>(row, name)?.map(from_micros).transpose()
}

fn job_from(row: &AnyRow) -> StoreResult<Job> {
    Ok(Job {
        id: col(row, "id")?,
        kind: col(row, "kind")?,
        subject: col(row, "subject")?,
        owner_id: col(row, "owner_id")?,
        schedule: col(row, "schedule")?,
        next_run_at: optional_time(row, "next_run_at")?,
        retry: RetryPolicy {
            interval: duration(col(row, "retry_interval_ms")?),
            max_attempts: std::cmp::Ord::max(u32::try_from(col::<i64>(row, "max_attempts")?).unwrap_or(1), 1),
            backoff_rate: col::<i64>(row, "backoff_rate_pct")? as f64 / 100.0,
            jitter: col::<i64>(row, "jitter")? != 0,
            max_delay: duration(col(row, "max_delay_ms")?),
        },
        timeout: duration(col(row, "timeout_ms")?),
        max_concurrent: std::cmp::Ord::max(u32::try_from(col::<i64>(row, "max_concurrent")?).unwrap_or(1), 1),
    })
}

fn run_from(row: &AnyRow) -> StoreResult<JobRun> {
    let status: String = col(row, "status")?;
    Ok(JobRun {
        id: col(row, "id")?,
        job_id: col(row, "job_id")?,
        trigger: col(row, "trigger_kind")?,
        status: JobStatus::parse(&status).ok_or_else(|| StoreError::Corrupt(format!("job run status {status}")))?,
        attempt: u32::try_from(col::<i64>(row, "attempt")?).unwrap_or(0),
        not_before: from_micros(col(row, "not_before")?)?,
        lease_owner: col(row, "lease_owner")?,
        lease_until: optional_time(row, "lease_until")?,
        cancel_requested: col::<i64>(row, "cancel_requested")? != 0,
        created_at: from_micros(col(row, "created_at")?)?,
        started_at: optional_time(row, "started_at")?,
        finished_at: optional_time(row, "finished_at")?,
        message: col(row, "message")?,
        slot: u32::try_from(col::<i64>(row, "slot")?).unwrap_or(0),
    })
}

pub async fn insert_job(c: &mut Conn<'_>, job: &Job) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table(J)
        .columns(JOB_COLUMNS)
        .values_panic([
            job.id.clone().into(),
            job.kind.clone().into(),
            job.subject.clone().into(),
            job.owner_id.clone().into(),
            job.schedule.clone().into(),
            job.next_run_at.map(to_micros).into(),
            millis(job.retry.interval).into(),
            i64::from(job.retry.max_attempts).into(),
            ((job.retry.backoff_rate * 100.0).round() as i64).into(),
            i64::from(job.retry.jitter).into(),
            millis(job.retry.max_delay).into(),
            millis(job.timeout).into(),
            to_micros(Utc::now()).into(),
            i64::from(std::cmp::Ord::max(job.max_concurrent, 1)).into(),
        ])
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

pub async fn job(c: &mut Conn<'_>, kind: &str, subject: &str) -> StoreResult<Option<Job>> {
    let stmt = Query::select()
        .columns(JOB_COLUMNS)
        .from(J)
        .and_where(Expr::col("kind").eq(kind))
        .and_where(Expr::col("subject").eq(subject))
        .to_owned();
    c.fetch_optional(&stmt).await?.as_ref().map(job_from).transpose()
}

pub async fn job_by_id(c: &mut Conn<'_>, id: &str) -> StoreResult<Option<Job>> {
    let stmt = Query::select().columns(JOB_COLUMNS).from(J).and_where(Expr::col("id").eq(id)).to_owned();
    c.fetch_optional(&stmt).await?.as_ref().map(job_from).transpose()
}

/// Deletes a job with its runs.
pub async fn delete_job(c: &mut Conn<'_>, id: &str) -> StoreResult<()> {
    c.execute(&Query::delete().from_table(R).and_where(Expr::col("job_id").eq(id)).to_owned()).await?;
    c.execute(&Query::delete().from_table(J).and_where(Expr::col("id").eq(id)).to_owned()).await?;
    Ok(())
}

/// Scheduled jobs whose next run is due at `now`.
pub async fn due(c: &mut Conn<'_>, now: DateTime<Utc>) -> StoreResult<Vec<Job>> {
    let stmt = Query::select()
        .columns(JOB_COLUMNS)
        .from(J)
        .and_where(Expr::col("next_run_at").lte(to_micros(now)))
        .order_by("next_run_at", Order::Asc)
        .limit(100)
        .to_owned();
    c.fetch_all(&stmt).await?.iter().map(job_from).collect()
}

/// Moves a job's next run from `seen` to `next`, unless another replica moved it first: the
/// one that moves it owns that occurrence.
pub async fn advance(
    c: &mut Conn<'_>,
    id: &str,
    seen: DateTime<Utc>,
    next: Option<DateTime<Utc>>,
) -> StoreResult<bool> {
    let stmt = Query::update()
        .table(J)
        .value("next_run_at", next.map(to_micros))
        .and_where(Expr::col("id").eq(id))
        .and_where(Expr::col("next_run_at").eq(to_micros(seen)))
        .to_owned();
    Ok(c.execute(&stmt).await? == 1)
}

/// Records a run. Fails with [`StoreError::UniqueViolation`] when it is running in a slot
/// another running run of the job holds.
pub async fn insert_run(c: &mut Conn<'_>, run: &JobRun) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table(R)
        .columns(RUN_COLUMNS)
        .values_panic([
            run.id.clone().into(),
            run.job_id.clone().into(),
            run.trigger.clone().into(),
            run.status.as_str().into(),
            i64::from(run.attempt).into(),
            to_micros(run.not_before).into(),
            run.lease_owner.clone().into(),
            run.lease_until.map(to_micros).into(),
            i64::from(run.cancel_requested).into(),
            to_micros(run.created_at).into(),
            run.started_at.map(to_micros).into(),
            run.finished_at.map(to_micros).into(),
            run.message.clone().into(),
            i64::from(run.slot).into(),
        ])
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

pub async fn run(c: &mut Conn<'_>, id: &str) -> StoreResult<Option<JobRun>> {
    let stmt = Query::select().columns(RUN_COLUMNS).from(R).and_where(Expr::col("id").eq(id)).to_owned();
    c.fetch_optional(&stmt).await?.as_ref().map(run_from).transpose()
}

/// A job's runs, newest first.
pub async fn runs_of(c: &mut Conn<'_>, job_id: &str, limit: u64) -> StoreResult<Vec<JobRun>> {
    let stmt = Query::select()
        .columns(RUN_COLUMNS)
        .from(R)
        .and_where(Expr::col("job_id").eq(job_id))
        .order_by("created_at", Order::Desc)
        .limit(limit)
        .to_owned();
    c.fetch_all(&stmt).await?.iter().map(run_from).collect()
}

/// The job's active (queued or running) run, if any.
pub async fn active_run(c: &mut Conn<'_>, job_id: &str) -> StoreResult<Option<JobRun>> {
    let stmt = Query::select()
        .columns(RUN_COLUMNS)
        .from(R)
        .and_where(Expr::col("job_id").eq(job_id))
        .and_where(Expr::col("status").is_in([JobStatus::Queued.as_str(), JobStatus::Running.as_str()]))
        .to_owned();
    c.fetch_optional(&stmt).await?.as_ref().map(run_from).transpose()
}

/// How many active (queued or running) runs the job has.
pub async fn active_count(c: &mut Conn<'_>, job_id: &str) -> StoreResult<u64> {
    let stmt = Query::select()
        .expr(Expr::col("id").count())
        .from(R)
        .and_where(Expr::col("job_id").eq(job_id))
        .and_where(Expr::col("status").is_in([JobStatus::Queued.as_str(), JobStatus::Running.as_str()]))
        .to_owned();
    let rows = c.fetch_all(&stmt).await?;
    let n = rows.first().map_or(Ok(0), |row| {
        use sqlx::Row;
        row.try_get::<i64, _>(0).map_err(StoreError::Db)
    })?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Runs a worker may take now: queued ones whose wait is over, and running ones whose
/// replica stopped renewing the lease (it died).
pub async fn claimable(c: &mut Conn<'_>, now: DateTime<Utc>, limit: u64) -> StoreResult<Vec<JobRun>> {
    let now = to_micros(now);
    let queued = Expr::col("status").eq(JobStatus::Queued.as_str()).and(Expr::col("not_before").lte(now));
    let abandoned = Expr::col("status").eq(JobStatus::Running.as_str()).and(Expr::col("lease_until").lt(now));
    let stmt = Query::select()
        .columns(RUN_COLUMNS)
        .from(R)
        .and_where(queued.or(abandoned))
        .order_by("not_before", Order::Asc)
        .limit(limit)
        .to_owned();
    c.fetch_all(&stmt).await?.iter().map(run_from).collect()
}

/// Takes `run` for `holder` until `until`, if it is still as it was read (`seen`): the next
/// attempt of a queued run in the first of the job's `slots` no running run holds, or the
/// same attempt again of an abandoned one (in its slot). One claimer wins; false when none
/// does or every slot is taken.
pub async fn claim(
    c: &mut Conn<'_>,
    seen: &JobRun,
    holder: &str,
    until: DateTime<Utc>,
    slots: u32,
) -> StoreResult<bool> {
    if seen.status == JobStatus::Running {
        return claim_in(c, seen, holder, until, seen.slot).await;
    }
    for slot in 0..std::cmp::Ord::max(slots, 1) {
        match claim_in(c, seen, holder, until, slot).await {
            Err(StoreError::UniqueViolation) => continue,
            other => return other,
        }
    }
    Ok(false)
}

async fn claim_in(c: &mut Conn<'_>, seen: &JobRun, holder: &str, until: DateTime<Utc>, slot: u32) -> StoreResult<bool> {
    let now = Utc::now();
    let mut stmt = Query::update()
        .table(R)
        .value("status", JobStatus::Running.as_str())
        .value("lease_owner", holder)
        .value("lease_until", to_micros(until))
        .value("started_at", to_micros(now))
        .value("attempt", i64::from(seen.attempt + u32::from(seen.status == JobStatus::Queued)))
        .value("slot", i64::from(slot))
        .and_where(Expr::col("id").eq(&seen.id))
        .and_where(Expr::col("status").eq(seen.status.as_str()))
        .and_where(Expr::col("attempt").eq(i64::from(seen.attempt)))
        .to_owned();
    if seen.status == JobStatus::Running {
        stmt.and_where(Expr::col("lease_until").lt(to_micros(now)));
    }
    Ok(c.execute(&stmt).await? == 1)
}

/// Extends the lease `holder` has on a run; false when it is no longer theirs.
pub async fn renew(c: &mut Conn<'_>, id: &str, holder: &str, until: DateTime<Utc>) -> StoreResult<bool> {
    let stmt = Query::update()
        .table(R)
        .value("lease_until", to_micros(until))
        .and_where(Expr::col("id").eq(id))
        .and_where(Expr::col("lease_owner").eq(holder))
        .and_where(Expr::col("status").eq(JobStatus::Running.as_str()))
        .to_owned();
    Ok(c.execute(&stmt).await? == 1)
}

/// Ends the attempt `holder` ran: `status` final, or `Queued` again until `not_before`.
pub async fn finish(
    c: &mut Conn<'_>,
    id: &str,
    holder: &str,
    status: JobStatus,
    not_before: Option<DateTime<Utc>>,
    message: Option<&str>,
) -> StoreResult<bool> {
    let mut stmt = Query::update()
        .table(R)
        .value("status", status.as_str())
        .value("lease_owner", Option::<String>::None)
        .value("lease_until", Option::<i64>::None)
        .value("message", message.map(str::to_owned))
        .and_where(Expr::col("id").eq(id))
        .and_where(Expr::col("lease_owner").eq(holder))
        .to_owned();
    match not_before {
        Some(at) => stmt.value("not_before", to_micros(at)),
        None => stmt.value("finished_at", to_micros(Utc::now())),
    };
    Ok(c.execute(&stmt).await? == 1)
}

/// Asks for a run to stop: a queued one is cancelled at once (true); a running one is marked
/// and its worker stops it.
pub async fn request_cancel(c: &mut Conn<'_>, id: &str) -> StoreResult<bool> {
    let now = to_micros(Utc::now());
    let queued = Query::update()
        .table(R)
        .value("status", JobStatus::Cancelled.as_str())
        .value("finished_at", now)
        .value("message", "cancelled before it started")
        .and_where(Expr::col("id").eq(id))
        .and_where(Expr::col("status").eq(JobStatus::Queued.as_str()))
        .to_owned();
    if c.execute(&queued).await? == 1 {
        return Ok(true);
    }
    let running = Query::update()
        .table(R)
        .value("cancel_requested", 1)
        .and_where(Expr::col("id").eq(id))
        .and_where(Expr::col("status").eq(JobStatus::Running.as_str()))
        .to_owned();
    c.execute(&running).await?;
    Ok(false)
}

/// Rewrites a job's schedule, retry policy and timeout (its runs stay).
pub async fn update_job(c: &mut Conn<'_>, job: &Job) -> StoreResult<()> {
    let stmt = Query::update()
        .table(J)
        .values([
            ("schedule", job.schedule.clone().into()),
            ("next_run_at", job.next_run_at.map(to_micros).into()),
            ("retry_interval_ms", millis(job.retry.interval).into()),
            ("max_attempts", i64::from(job.retry.max_attempts).into()),
            ("backoff_rate_pct", ((job.retry.backoff_rate * 100.0).round() as i64).into()),
            ("jitter", i64::from(job.retry.jitter).into()),
            ("max_delay_ms", millis(job.retry.max_delay).into()),
            ("timeout_ms", millis(job.timeout).into()),
            ("max_concurrent", i64::from(std::cmp::Ord::max(job.max_concurrent, 1)).into()),
        ])
        .and_where(Expr::col("id").eq(job.id.as_str()))
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}
