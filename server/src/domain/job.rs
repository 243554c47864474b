//! Jobs and their runs: the work the job runner leases, schedules, retries, times out and
//! cancels - crawls today; pipelines, stream deliveries and source loads next.

use std::time::Duration;

use chrono::{DateTime, Utc};

/// Retries as Step Functions defines them: wait `interval` before the second attempt,
/// `interval * backoff_rate` before the third, ...; `max_attempts` counts every attempt (1 =
/// no retry); with `jitter` each wait is drawn uniformly from zero to the computed wait.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    pub interval: Duration,
    pub max_attempts: u32,
    pub backoff_rate: f64,
    pub jitter: bool,
    /// At most this long between attempts, whatever the rate.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            interval: Duration::from_secs(1),
            max_attempts: 1,
            backoff_rate: 2.0,
            jitter: false,
            max_delay: Duration::from_secs(3600),
        }
    }
}

impl RetryPolicy {
    /// The wait before attempt `next` (2 for the first retry), before jitter.
    pub fn delay_before(&self, next: u32) -> Duration {
        let exponent = i32::try_from(next.saturating_sub(2)).unwrap_or(i32::MAX);
        let seconds = self.interval.as_secs_f64() * self.backoff_rate.max(1.0).powi(exponent);
        Duration::from_secs_f64(seconds.min(self.max_delay.as_secs_f64()))
    }

    /// The wait before attempt `next`, jittered with `unit` (a number in [0, 1)) when asked.
    pub fn wait_before(&self, next: u32, unit: f64) -> Duration {
        let delay = self.delay_before(next);
        if self.jitter { delay.mul_f64(unit.clamp(0.0, 1.0)) } else { delay }
    }

    /// Whether a failed attempt `attempt` may be followed by another.
    pub fn retries_after(&self, attempt: u32) -> bool {
        attempt < self.max_attempts
    }
}

/// The next time the cron `schedule` fires after `after` (a leading seconds field is allowed).
pub fn next_occurrence(schedule: &str, after: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    let cron: croner::Cron = schedule.parse().map_err(|e| format!("invalid schedule `{schedule}`: {e}"))?;
    cron.find_next_occurrence(&after, false).map_err(|e| format!("schedule `{schedule}` never fires: {e}"))
}

/// Work the runner knows: what kind (the handler that runs it), about what (`subject`: a
/// crawler id, ...), as whom, when, and how to retry and time it out.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub id: String,
    /// `crawler`, later `pipeline`, `stream`, `source`.
    pub kind: String,
    pub subject: String,
    /// The principal the work runs as; every decision it needs is made for this principal.
    pub owner_id: String,
    /// A cron expression; `None` for runs started by hand or by events only.
    pub schedule: Option<String>,
    pub next_run_at: Option<DateTime<Utc>>,
    pub retry: RetryPolicy,
    pub timeout: Duration,
    /// Runs that may run at once (at least 1); more wait queued.
    pub max_concurrent: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobStatus {
    /// Waiting for a worker (a new run, or a retry after its wait).
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
    TimedOut,
}

impl JobStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Running => "running",
            Self::Succeeded => "succeeded",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
            Self::TimedOut => "timed_out",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Queued, Self::Running, Self::Succeeded, Self::Failed, Self::Cancelled, Self::TimedOut]
            .into_iter()
            .find(|x| x.as_str() == s)
    }

    /// Queued or running: the job's one active run.
    pub fn is_active(self) -> bool {
        matches!(self, Self::Queued | Self::Running)
    }
}

/// One run of a job: every attempt of it, in one record.
#[derive(Debug, Clone, PartialEq)]
pub struct JobRun {
    pub id: String,
    pub job_id: String,
    /// `schedule`, `manual`, `event`, ...
    pub trigger: String,
    pub status: JobStatus,
    /// The attempt running or last run (1 for the first).
    pub attempt: u32,
    /// A queued run waits until then (retries wait out their backoff).
    pub not_before: DateTime<Utc>,
    pub lease_owner: Option<String>,
    pub lease_until: Option<DateTime<Utc>>,
    pub cancel_requested: bool,
    pub created_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub message: Option<String>,
    /// Which of its job's `max_concurrent` slots the run holds while it runs.
    pub slot: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_by_the_backoff_rate_up_to_the_cap_and_jitter_stays_below() {
        let policy = RetryPolicy {
            interval: Duration::from_secs(2),
            max_attempts: 4,
            backoff_rate: 3.0,
            jitter: true,
            max_delay: Duration::from_secs(10),
        };
        assert_eq!(policy.delay_before(2), Duration::from_secs(2));
        assert_eq!(policy.delay_before(3), Duration::from_secs(6));
        assert_eq!(policy.delay_before(4), Duration::from_secs(10), "18 s capped at 10");
        assert_eq!(policy.wait_before(3, 0.5), Duration::from_secs(3));
        assert!(policy.retries_after(3) && !policy.retries_after(4));
        let plain = RetryPolicy { jitter: false, ..policy };
        assert_eq!(plain.wait_before(3, 0.5), Duration::from_secs(6));
    }
}
