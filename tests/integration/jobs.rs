//! The job runner on a real store: a scheduled run runs exactly once across two replicas, a
//! run whose replica died is taken over once its lease lapses, failed attempts are retried
//! with backoff, runs time out, and a cancelled run stops.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;
use tarn::domain::job::{Job, JobRun, JobStatus, RetryPolicy};
use tarn::jobs::{Attempt, JobHandler, Runner};
use tarn::store::{Store, jobs};

use crate::support::{TestApp, each_backend};

/// What a test handler does with an attempt.
#[derive(Clone, Copy)]
enum Behaviour {
    Succeed,
    Fail,
    Hang,
}

/// Records every attempt it is handed: (replica, run id, when).
struct Probe {
    replica: String,
    behaviour: Behaviour,
    seen: Arc<Mutex<Vec<(String, String, Instant)>>>,
}

#[async_trait::async_trait]
impl JobHandler for Probe {
    fn kind(&self) -> &str {
        "probe"
    }

    async fn run(&self, attempt: Attempt) -> Result<(), String> {
        self.seen.lock().unwrap().push((self.replica.clone(), attempt.run.id.clone(), Instant::now()));
        match self.behaviour {
            Behaviour::Succeed => Ok(()),
            Behaviour::Fail => Err("the probe fails".to_owned()),
            Behaviour::Hang => {
                attempt.cancel.cancelled().await;
                Err("stopped".to_owned())
            }
        }
    }
}

type Seen = Arc<Mutex<Vec<(String, String, Instant)>>>;

fn runner(store: &Store, replica: &str, behaviour: Behaviour, lease: Duration, seen: &Seen) -> Runner {
    let runner = Runner::new(store.clone(), replica, lease);
    runner.register(Arc::new(Probe { replica: replica.to_owned(), behaviour, seen: seen.clone() }));
    runner
}

async fn job(app: &TestApp, schedule: Option<&str>, retry: RetryPolicy, timeout: Duration) -> Job {
    // The owner the job runs as: the bootstrap administrator, as the policy knows it.
    let authz = tarn::authz::Authorizer::load(app.store.clone()).await.unwrap();
    let admin = authz.snapshot().find(tarn::domain::principal::PrincipalKind::User, "admin").cloned().unwrap();
    let job = Job {
        id: uuid::Uuid::now_v7().to_string(),
        kind: "probe".into(),
        subject: uuid::Uuid::now_v7().to_string(),
        owner_id: admin.id,
        schedule: schedule.map(str::to_owned),
        next_run_at: schedule.map(|_| Utc::now() - chrono::Duration::seconds(1)),
        retry,
        timeout,
        max_concurrent: 1,
    };
    jobs::insert_job(&mut app.store.conn(), &job).await.unwrap();
    job
}

async fn finished(store: &Store, job: &Job) -> JobRun {
    for _ in 0..200 {
        let runs = jobs::runs_of(&mut store.conn(), &job.id, 10).await.unwrap();
        if let Some(run) = runs.first().filter(|r| !r.status.is_active()) {
            return run.clone();
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let runs = jobs::runs_of(&mut store.conn(), &job.id, 10).await.unwrap();
    panic!("the run did not finish: {runs:?}");
}

#[tokio::test]
async fn a_scheduled_run_runs_exactly_once_across_two_replicas() {
    each_backend(|app| async move {
        let seen = Seen::default();
        let lease = Duration::from_secs(30);
        let (a, b) = (
            runner(&app.store, "a", Behaviour::Succeed, lease, &seen),
            runner(&app.store, "b", Behaviour::Succeed, lease, &seen),
        );
        // Due once (yearly), both replicas looking at the same moment, many times.
        let yearly = job(&app, Some("0 0 1 1 *"), RetryPolicy::default(), Duration::from_secs(10)).await;
        for _ in 0..10 {
            let (x, y) = tokio::join!(a.tick(), b.tick());
            x.unwrap();
            y.unwrap();
        }
        let run = finished(&app.store, &yearly).await;
        assert_eq!(run.status, JobStatus::Succeeded);
        assert_eq!(seen.lock().unwrap().len(), 1, "one occurrence, one execution");
        let moved = jobs::job_by_id(&mut app.store.conn(), &yearly.id).await.unwrap().unwrap();
        assert!(moved.next_run_at.unwrap() > Utc::now() + chrono::Duration::days(1), "the schedule moved on");

        // Every second for a while, both replicas ticking: each occurrence runs once.
        seen.lock().unwrap().clear();
        let often = job(&app, Some("* * * * * *"), RetryPolicy::default(), Duration::from_secs(10)).await;
        let (ta, tb) = (a.clone().spawn(Duration::from_millis(20)), b.clone().spawn(Duration::from_millis(20)));
        tokio::time::sleep(Duration::from_millis(3_200)).await;
        ta.abort();
        tb.abort();
        tokio::time::sleep(Duration::from_millis(200)).await;
        let runs = jobs::runs_of(&mut app.store.conn(), &often.id, 100).await.unwrap();
        let executions = seen.lock().unwrap().clone();
        let mut ids: Vec<&String> = executions.iter().map(|(_, id, _)| id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), executions.len(), "no run executed twice: {executions:?}");
        assert_eq!(executions.len(), runs.len(), "every run executed once");
        assert!((2..=5).contains(&runs.len()), "about one a second: {}", runs.len());
    })
    .await;
}

#[tokio::test]
async fn a_run_whose_replica_died_is_taken_over_once_its_lease_lapses() {
    each_backend(|app| async move {
        let seen = Seen::default();
        let survivor = runner(&app.store, "survivor", Behaviour::Succeed, Duration::from_secs(30), &seen);
        let work = job(&app, None, RetryPolicy::default(), Duration::from_secs(10)).await;
        // What a replica killed mid-run leaves behind: a running run, its lease not renewed.
        let now = Utc::now();
        let orphan = JobRun {
            id: uuid::Uuid::now_v7().to_string(),
            job_id: work.id.clone(),
            trigger: "manual".into(),
            status: JobStatus::Running,
            attempt: 1,
            not_before: now,
            lease_owner: Some("dead".into()),
            lease_until: Some(now + chrono::Duration::milliseconds(500)),
            cancel_requested: false,
            created_at: now,
            started_at: Some(now),
            finished_at: None,
            message: None,
            slot: 0,
        };
        jobs::insert_run(&mut app.store.conn(), &orphan).await.unwrap();
        assert_eq!(survivor.tick().await.unwrap(), 0, "the lease is still live");
        assert!(survivor.enqueue(&work, "manual").await.is_err(), "one active run per job");
        tokio::time::sleep(Duration::from_millis(600)).await;
        assert_eq!(survivor.tick().await.unwrap(), 1, "taken over");
        let run = finished(&app.store, &work).await;
        assert_eq!((run.id.as_str(), run.status), (orphan.id.as_str(), JobStatus::Succeeded));
        assert_eq!(seen.lock().unwrap()[0].0, "survivor");
    })
    .await;
}

#[tokio::test]
async fn failed_attempts_are_retried_with_backoff_and_runs_time_out_or_are_cancelled() {
    each_backend(|app| async move {
        let seen = Seen::default();
        let lease = Duration::from_secs(30);
        let failing = runner(&app.store, "r", Behaviour::Fail, lease, &seen);
        let retry = RetryPolicy {
            interval: Duration::from_millis(200),
            max_attempts: 3,
            backoff_rate: 2.0,
            jitter: false,
            max_delay: Duration::from_secs(5),
        };
        let work = job(&app, None, retry, Duration::from_secs(10)).await;
        failing.enqueue(&work, "manual").await.unwrap();
        let ticking = failing.clone().spawn(Duration::from_millis(20));
        let run = finished(&app.store, &work).await;
        ticking.abort();
        assert_eq!((run.status, run.attempt), (JobStatus::Failed, 3), "{run:?}");
        assert_eq!(run.message.as_deref(), Some("the probe fails"));
        let at: Vec<Instant> = seen.lock().unwrap().iter().map(|(_, _, t)| *t).collect();
        assert_eq!(at.len(), 3);
        assert!(at[1] - at[0] >= Duration::from_millis(190), "waited the interval: {:?}", at[1] - at[0]);
        assert!(at[2] - at[1] >= Duration::from_millis(390), "then interval x rate: {:?}", at[2] - at[1]);

        // A hanging attempt times out; with no retries left the run is timed out.
        let hanging = runner(&app.store, "h", Behaviour::Hang, lease, &seen);
        let slow = job(&app, None, RetryPolicy::default(), Duration::from_millis(300)).await;
        hanging.enqueue(&slow, "manual").await.unwrap();
        assert_eq!(hanging.tick().await.unwrap(), 1);
        assert_eq!(finished(&app.store, &slow).await.status, JobStatus::TimedOut);

        // A cancelled run stops; a queued one never starts.
        let long = job(&app, None, RetryPolicy::default(), Duration::from_secs(60)).await;
        let started = hanging.enqueue(&long, "manual").await.unwrap();
        assert_eq!(hanging.tick().await.unwrap(), 1);
        hanging.cancel(&started.id).await.unwrap();
        assert_eq!(finished(&app.store, &long).await.status, JobStatus::Cancelled);
        let queued = hanging.enqueue(&long, "manual").await.unwrap();
        hanging.cancel(&queued.id).await.unwrap();
        let run = jobs::run(&mut app.store.conn(), &queued.id).await.unwrap().unwrap();
        assert_eq!((run.status, run.started_at), (JobStatus::Cancelled, None));
    })
    .await;
}
