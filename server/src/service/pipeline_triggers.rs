//! Pipeline triggers from the event stream: files committed into a data trigger's table count
//! towards its batch (a run is queued once `batch_size` files arrived, or `window_seconds`
//! after the first), and a pipeline run's end queues the pipelines that wait for it (all or
//! any of their upstreams succeeded or failed). One cursor is shared by every replica and
//! moved with compare-and-set in the transaction that applies the events, so each event
//! counts once however many replicas follow the stream.

use std::collections::BTreeSet;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::pipelines::job_of;
use crate::domain::event::Event;
use crate::domain::pipeline::run::Pipeline;
use crate::domain::pipeline::{Condition, Trigger};
use crate::events::Subscriber;
use crate::store::outbox::{self, OutboxEvent};
use crate::store::{Conn, Store, StoreResult, jobs, pipelines};

pub const SUBSCRIBER: &str = "pipeline-triggers";

#[derive(Debug, Clone)]
pub struct Triggers {
    store: Store,
    /// Claims the runs triggers queue at once, instead of at its next tick.
    runner: crate::jobs::Runner,
}

impl Triggers {
    pub fn new(store: Store, runner: crate::jobs::Runner) -> Arc<Self> {
        Arc::new(Self { store, runner })
    }

    /// Queues the runs whose data-trigger batch is complete or whose window has passed.
    pub async fn tick(&self) -> StoreResult<usize> {
        let now = Utc::now();
        let every = all(&mut self.store.conn()).await?;
        let mut started = 0;
        for (pipeline_id, files, first_at) in pipelines::pending(&mut self.store.conn()).await? {
            let Some(p) = every.iter().find(|p| p.id == pipeline_id) else { continue };
            if !due(p, files, first_at, now) {
                continue;
            }
            let mut tx = self.store.begin().await?;
            if queue(&mut tx.conn(), p, "data").await? && pipelines::take_pending(&mut tx.conn(), &p.id, files).await? {
                tx.commit().await?;
                started += 1;
            }
        }
        if started > 0 {
            self.runner.tick().await?;
        }
        Ok(started)
    }

    /// Ticks every `every` until aborted.
    pub fn spawn(self: Arc<Self>, every: std::time::Duration) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            loop {
                tick.tick().await;
                if let Err(e) = self.tick().await {
                    tracing::warn!(error = %e, "pipeline trigger tick failed");
                }
            }
        })
    }
}

async fn all(c: &mut Conn<'_>) -> StoreResult<Vec<Pipeline>> {
    let mut out = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = pipelines::list(c, after.as_deref(), 500).await?;
        let done = page.len() < 500;
        after = page.last().map(|p| p.name.clone());
        out.extend(page.into_iter().filter(|p| !p.definition.triggers.is_empty()));
        if done {
            return Ok(out);
        }
    }
}

/// Whether `files` pending since `first_at` complete a batch of one of the data triggers.
fn due(p: &Pipeline, files: i64, first_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    p.definition.triggers.iter().any(|t| match t {
        Trigger::Data { batch_size, window_seconds, .. } => {
            files >= i64::from(*batch_size)
                || (*window_seconds > 0 && now - first_at >= chrono::Duration::seconds(i64::from(*window_seconds)))
        }
        _ => false,
    })
}

/// Queues a run of `p` unless it has as many going as may run at once (a data trigger's
/// files stay pending until one ends); true when queued.
async fn queue(c: &mut Conn<'_>, p: &Pipeline, trigger: &str) -> StoreResult<bool> {
    let Ok(job) = job_of(p) else { return Ok(false) };
    if jobs::active_count(c, &job.id).await? >= u64::from(job.max_concurrent) {
        return Ok(false);
    }
    let run = crate::jobs::Runner::queued_run(&job, trigger);
    jobs::insert_run(c, &run).await?;
    Ok(true)
}

/// Whether the upstream pipelines' latest runs meet `condition`, each finished after `since`.
async fn met(
    c: &mut Conn<'_>,
    upstream: &[String],
    condition: Condition,
    finished: (&str, &str),
    since: Option<DateTime<Utc>>,
) -> StoreResult<bool> {
    let wanted = match condition {
        Condition::AllSucceeded | Condition::AnySucceeded => "succeeded",
        Condition::AllFailed | Condition::AnyFailed => "failed",
    };
    let (name, status) = finished;
    if matches!(condition, Condition::AnySucceeded | Condition::AnyFailed) {
        return Ok(status == wanted);
    }
    if status != wanted {
        return Ok(false);
    }
    for other in upstream.iter().filter(|u| u.as_str() != name) {
        let Some(p) = pipelines::get(c, other).await? else { return Ok(false) };
        let latest = pipelines::runs(c, &p.id, 5).await?.into_iter().find(|r| r.finished_at.is_some());
        let ok =
            latest.is_some_and(|r| r.status == wanted && since.is_none_or(|s| r.finished_at.is_some_and(|f| f > s)));
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

impl Triggers {
    async fn apply_one(&self, c: &mut Conn<'_>, every: &[Pipeline], event: &OutboxEvent) -> StoreResult<()> {
        match &event.event {
            Event::FileCommitted { database, table, .. } => {
                let name = format!("{database}.{table}");
                for p in every {
                    let watches =
                        p.definition.triggers.iter().any(|t| matches!(t, Trigger::Data { table: t, .. } if *t == name));
                    if watches {
                        pipelines::add_pending(c, &p.id, 1, event.occurred_at).await?;
                    }
                }
            }
            Event::PipelineRunFinished { name, status, .. } => {
                for p in every {
                    for t in &p.definition.triggers {
                        let Trigger::Pipeline { pipelines: upstream, condition } = t else { continue };
                        if !upstream.contains(name) {
                            continue;
                        }
                        let since = pipelines::runs(c, &p.id, 1).await?.first().map(|r| r.started_at);
                        if met(c, upstream, *condition, (name, status), since).await? {
                            queue(c, p, "pipeline").await?;
                        }
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }
}

#[async_trait]
impl Subscriber for Triggers {
    fn name(&self) -> &str {
        SUBSCRIBER
    }

    async fn position(&self) -> anyhow::Result<i64> {
        Ok(crate::events::stored_position(&self.store, SUBSCRIBER).await?)
    }

    async fn apply(&self, events: &[OutboxEvent], upto: i64) -> anyhow::Result<()> {
        let relevant =
            events.iter().any(|e| matches!(e.event, Event::FileCommitted { .. } | Event::PipelineRunFinished { .. }));
        let from = crate::events::stored_position(&self.store, SUBSCRIBER).await?;
        let mut tx = self.store.begin().await?;
        if relevant {
            let every = all(&mut tx.conn()).await?;
            let touched: BTreeSet<&str> = every.iter().map(|p| p.name.as_str()).collect();
            if !touched.is_empty() {
                for event in events {
                    self.apply_one(&mut tx.conn(), &every, event).await?;
                }
            }
        }
        // Another replica applied these first: its effects stand, ours are dropped.
        if !outbox::advance_cursor(&mut tx.conn(), SUBSCRIBER, from, upto).await? {
            return Ok(());
        }
        tx.commit().await?;
        // Batches complete now start now, not at the next tick.
        if relevant {
            self.tick().await?;
            self.runner.tick().await?;
        }
        Ok(())
    }
}
