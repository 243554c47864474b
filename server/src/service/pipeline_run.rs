//! Running a pipeline (one attempt of its job): as its owner, planned again now (a revoked
//! grant fails the run with an audited denial), steps in order - views, rules measured and
//! judged (failing rows quarantined), outputs published through the governed write path,
//! each write one commit. A retried attempt does not publish twice: its files are named by
//! run and step, and a step whose files are committed already is not written again. On
//! success the run's lineage, data-quality results, bookmarks, record and event commit
//! together.

use std::collections::BTreeMap;
use std::time::Instant;

use async_trait::async_trait;
use chrono::Utc;
use serde_json::json;
use tokio_util::sync::CancellationToken;

use super::pipeline_plan::{Planned, Target};
use super::pipelines::{JOB_KIND, Pipelines};
use super::tables::{ColumnInput, TableInput};
use super::writes::Replace;
use super::{ServiceError, ServiceResult};
use crate::domain::audit::{AuditEntry, Decision};
use crate::domain::event::Event;
use crate::domain::job::JobStatus;
use crate::domain::pipeline::run::{LineageEdge, Pipeline, PipelineRun, QualityResult, StepRun};
use crate::domain::pipeline::{RuleAction, SchemaChange, Step, WriteMode};
use crate::domain::principal::Principal;
use crate::domain::table::{Column, Format, Table, Zone};
use crate::jobs::{Attempt, JobHandler};
use crate::process::execute::{self, OutputColumn};
use crate::process::{Action, lineage};
use crate::store::{files, lineage as lineage_rows, outbox, pipelines, tables};

/// What a successful run commits at its end.
#[derive(Debug, Default)]
struct Results {
    lineage: BTreeMap<(String, String), Vec<LineageEdge>>,
    quality: Vec<((String, String), QualityResult)>,
    /// Where each incremental input's bookmark moves.
    bookmarks: BTreeMap<String, i64>,
}

fn failed(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// How a write publishes (the write step's settings, or a quarantine's).
struct Publish<'a> {
    step: &'a str,
    target: &'a Target,
    mode: WriteMode,
    zone: Zone,
    partition_keys: &'a [String],
    schema_change: SchemaChange,
}

impl Pipelines {
    async fn attempt(&self, attempt: &Attempt, p: &Pipeline, run: &mut PipelineRun) -> Result<Results, String> {
        let owner = self.owner(p).map_err(failed)?;
        let mut marks = BTreeMap::new();
        for table in &p.definition.incremental {
            marks.insert(
                table.clone(),
                pipelines::bookmark(&mut self.store.conn(), &p.id, table).await.map_err(failed)?,
            );
        }
        let replay = run.replay.clone();
        let planned = self.plan(&owner, p, Some(&marks), replay.as_ref()).await.map_err(failed)?;
        run.log(format!("planned {} steps as {}", planned.compiled.steps.len(), p.created_by));
        if let Some(r) = &replay {
            run.log(format!("replaying the partitions of {} where {} (its bookmark stays)", r.table, r.partitions));
        }
        let mut results = Results::default();
        let cancel = &attempt.cancel;
        for compiled in &planned.compiled.steps {
            let step = &p.definition.steps[compiled.index];
            let clock = Instant::now();
            let mut record = StepRun {
                name: step.name().to_owned(),
                kind: step.kind().to_owned(),
                status: "running".into(),
                ..StepRun::default()
            };
            // A step past its time is stopped as a cancel stops it: its rows stop before they
            // commit (a commit already under way completes).
            let stop = cancel.child_token();
            let timer = step.timeout_seconds().map(|limit| {
                let stop = stop.clone();
                tokio::spawn(async move {
                    tokio::time::sleep(std::time::Duration::from_secs(limit)).await;
                    stop.cancel();
                })
            });
            let mut outcome =
                self.step(&owner, p, run, &planned, compiled, step, &mut record, &mut results, &stop).await;
            if let Some(timer) = timer {
                timer.abort();
            }
            if let (Err(_), Some(limit)) = (&outcome, step.timeout_seconds())
                && stop.is_cancelled()
                && !cancel.is_cancelled()
            {
                outcome = Err(format!("timed out after {limit} s"));
            }
            record.duration_ms = u64::try_from(clock.elapsed().as_millis()).unwrap_or(u64::MAX);
            record.status = if outcome.is_ok() { "succeeded" } else { "failed" }.to_owned();
            if let Err(e) = &outcome {
                record.message = Some(e.clone());
            }
            run.steps.push(record);
            self.progress(run).await;
            outcome.map_err(|e| format!("step `{}`: {e}", step.name()))?;
        }
        crate::domain::pipeline::run::derive_view_counts(&p.definition.steps, &mut run.steps);
        results.bookmarks = planned.bookmarks.clone();
        for (table, position) in &results.bookmarks {
            run.log(format!("bookmark of {table} moves to {position}"));
        }
        Ok(results)
    }

    #[allow(clippy::too_many_arguments)]
    async fn step(
        &self,
        owner: &Principal,
        p: &Pipeline,
        run: &mut PipelineRun,
        planned: &Planned,
        compiled: &crate::process::CompiledStep,
        step: &Step,
        record: &mut StepRun,
        results: &mut Results,
        cancel: &CancellationToken,
    ) -> Result<(), String> {
        let session = &planned.session;
        match (&compiled.action, step) {
            (Action::View, _) => {}
            (Action::Validate { input, rules }, _) => {
                let (outcomes, rows) = execute::evaluate(session, input, rules, cancel).await.map_err(failed)?;
                record.rows_in = rows.unwrap_or(0);
                let broken: Vec<String> = outcomes
                    .iter()
                    .zip(rules)
                    .filter(|(o, r)| !o.passed && r.spec.action == RuleAction::Fail)
                    .map(|(o, _)| o.rule.clone())
                    .collect();
                for o in outcomes.iter().filter(|o| !o.passed) {
                    run.log(format!(
                        "rule `{}` ({}) did not pass: {}",
                        o.rule,
                        o.action,
                        o.message.clone().unwrap_or_default()
                    ));
                }
                let passed = outcomes.iter().filter(|o| o.passed).count() as u64;
                let result = QualityResult {
                    run_id: run.id.clone(),
                    pipeline: p.name.clone(),
                    step: step.name().to_owned(),
                    passed,
                    total: outcomes.len() as u64,
                    rules: outcomes.clone(),
                    created_at: Utc::now(),
                };
                for table in crate::process::downstream_writes(&p.definition, compiled.index) {
                    results.quality.push((table, result.clone()));
                }
                record.rules = outcomes;
                if !broken.is_empty() {
                    return Err(format!("rules failed: {}", broken.join("; ")));
                }
            }
            (Action::Write { plan }, Step::Write { name, table, zone, mode, partition_keys, schema_change, .. }) => {
                let (d, t) = table.split_once('.').unwrap_or_default();
                let target = planned.targets.get(&(d.to_owned(), t.to_owned())).ok_or("the target was not planned")?;
                let publish = Publish {
                    step: name,
                    target,
                    mode: *mode,
                    zone: zone.unwrap_or(Zone::Cleaned),
                    partition_keys,
                    schema_change: *schema_change,
                };
                let edges = lineage_edges(plan, d, t);
                let (rows, bytes) = self.publish(owner, run, &publish, plan.clone(), &planned.session, cancel).await?;
                record.rows_in = rows;
                record.rows_out = rows;
                record.bytes_written = bytes;
                results.lineage.insert((d.to_owned(), t.to_owned()), edges);
            }
            _ => return Err("the step was planned as another kind".to_owned()),
        }
        // Rows that broke a quarantining rule or cast go beside the target.
        if let Some(q) = &compiled.quarantine {
            let target = planned.targets.get(&q.table).ok_or("the quarantine table was not planned")?;
            let zone = target.existing.as_ref().map_or(Zone::Cleaned, |t| t.definition.zone);
            let name = format!("{}_quarantine", step.name());
            let publish = Publish {
                step: &name,
                target,
                mode: WriteMode::Append,
                zone,
                partition_keys: &[],
                schema_change: SchemaChange::AddColumns,
            };
            let (rows, _) = self.publish(owner, run, &publish, q.plan.clone(), session, cancel).await?;
            record.rows_quarantined = rows;
            if rows > 0 {
                run.log(format!("{rows} rows of step `{}` quarantined into {}.{}", step.name(), q.table.0, q.table.1));
            }
        }
        Ok(())
    }

    /// Writes `plan`'s rows into the target (created when missing) in one commit; returns
    /// (rows, bytes). Nothing is written when this run's attempt before committed it.
    async fn publish(
        &self,
        owner: &Principal,
        run: &mut PipelineRun,
        w: &Publish<'_>,
        plan: datafusion::logical_expr::LogicalPlan,
        session: &crate::query::session::Session,
        cancel: &CancellationToken,
    ) -> Result<(u64, u64), String> {
        let replace = match w.mode {
            WriteMode::Append => Replace::Nothing,
            WriteMode::OverwritePartitions => Replace::Partitions,
            WriteMode::Overwrite | WriteMode::Merge => Replace::Table,
        };
        let columns = execute::output_columns(&plan);
        let table = self.ensure_table(owner, w, &columns).await.map_err(failed)?;
        let prefix = format!("part-{}-{}", run.id, w.step);
        if files::any_containing(&mut self.store.conn(), &table.id, &prefix).await.map_err(failed)? {
            run.log(format!(
                "{}.{} already holds this run's output of `{}`: not written again",
                table.database, table.name, w.step
            ));
            return Ok((0, 0));
        }
        let evolve = evolved(&table, &columns, w.schema_change)?;
        // Replacing writes start a generation beside the current one, in the table's folder.
        let location = super::writes::base_location(&self.files.location_of(&table));
        let names = crate::authz::visible::column_names(&table);
        let write = self
            .core
            .authorizer()
            .write_files(owner, &super::core::table_target(&table, &names), &location)
            .map_err(failed)?;
        // Rows are encoded and staged as the plan produces them: the output is never held whole.
        let rows = execute::rows(session, plan, cancel).await.map_err(failed)?;
        let (committed, rows) = self
            .files
            .write_stream(owner, &write, &table, rows, evolve, &prefix, replace, None)
            .await
            .map_err(failed)?;
        let bytes: u64 = committed.files.iter().map(|f| f.size).sum();
        run.log(format!(
            "published {rows} rows in {} files into {}.{} (version {})",
            committed.files.len(),
            table.database,
            table.name,
            committed.version
        ));
        let entry = AuditEntry {
            occurred_at: Utc::now(),
            principal: owner.to_string(),
            client_addr: None,
            request_id: None,
            action: "pipeline.publish".to_owned(),
            resource: format!("table:{}.{}", table.database, table.name),
            decision: Decision::Allow,
            outcome: "committed".to_owned(),
            detail: json!({"run": run.id, "step": w.step, "rows": rows, "files": committed.files.len(), "bytes": bytes}),
        };
        self.audit.record(entry, false).await;
        Ok((rows, bytes))
    }

    /// The target as it stands, or created from the output's columns.
    async fn ensure_table(&self, owner: &Principal, w: &Publish<'_>, columns: &[OutputColumn]) -> ServiceResult<Table> {
        let (database, name) = (&w.target.database, &w.target.name);
        if let Some(t) = tables::get(&mut self.store.conn(), database, name).await? {
            return Ok(t);
        }
        let input = |c: &OutputColumn| ColumnInput {
            name: c.name.clone(),
            data_type: c.data_type.to_string(),
            nullable: true,
            description: None,
            sensitivity: None,
        };
        for key in w.partition_keys {
            if !columns.iter().any(|c| &c.name == key) {
                return Err(crate::domain::pipeline::invalid(format!(
                    "partition key `{key}` is not a column of the output"
                ))
                .into());
            }
        }
        let table = TableInput {
            zone: w.zone,
            format: Format::Parquet,
            columns: columns.iter().filter(|c| !w.partition_keys.contains(&c.name)).map(input).collect(),
            partition_keys: w
                .partition_keys
                .iter()
                .filter_map(|k| columns.iter().find(|c| &c.name == k))
                .map(input)
                .collect(),
            ..TableInput::default()
        };
        match self.tables.create(owner, database, name, table).await {
            Err(ServiceError::AlreadyExists { .. }) => tables::get(&mut self.store.conn(), database, name)
                .await?
                .ok_or_else(|| ServiceError::Conflict(format!("table {database}.{name} was dropped meanwhile"))),
            other => other,
        }
    }

    /// Shows the run's progress while it goes.
    async fn progress(&self, run: &PipelineRun) {
        if let Err(e) = pipelines::save_run(&mut self.store.conn(), run).await {
            tracing::warn!(error = %e, run = %run.id, "cannot record a pipeline run's progress");
        }
    }

    /// Ends the attempt: on success (or a failure no retry follows) the run's record, the
    /// job's end, lineage, quality, bookmarks and the event commit together.
    async fn finish(
        &self,
        attempt: &Attempt,
        p: &Pipeline,
        run: &PipelineRun,
        results: Option<Results>,
    ) -> ServiceResult<()> {
        let last = !attempt.job.retry.retries_after(attempt.run.attempt.max(1));
        let mut tx = self.store.begin().await?;
        pipelines::save_run(&mut tx.conn(), run).await?;
        if let Some(results) = &results {
            for ((d, t), edges) in &results.lineage {
                lineage_rows::replace(&mut tx.conn(), &p.id, (d, t), edges).await?;
            }
            for ((d, t), q) in &results.quality {
                if let Some(table) = tables::get(&mut tx.conn(), d, t).await? {
                    lineage_rows::insert_quality(&mut tx.conn(), &table.id, q).await?;
                    let event = Event::QualityRecorded { database: d.clone(), table: t.clone() };
                    outbox::append(&mut tx.conn(), &event).await?;
                }
            }
            for (table, position) in &results.bookmarks {
                pipelines::set_bookmark(&mut tx.conn(), &p.id, table, *position).await?;
            }
        }
        if results.is_some() || last {
            let status = if results.is_some() { JobStatus::Succeeded } else { JobStatus::Failed };
            attempt.complete(&mut tx.conn(), status, run.message.as_deref()).await?;
            let event = Event::PipelineRunFinished {
                name: p.name.clone(),
                run: run.id.clone(),
                status: status.as_str().to_owned(),
            };
            outbox::append(&mut tx.conn(), &event).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// The output's columns the table lacks become new nullable columns, unless the policy says
/// fail; a new definition only when something is added.
fn evolved(
    table: &Table,
    columns: &[OutputColumn],
    policy: SchemaChange,
) -> Result<Option<crate::domain::table::TableDefinition>, String> {
    let d = &table.definition;
    for key in &d.partition_keys {
        if !columns.iter().any(|c| c.name == key.name.as_str()) {
            return Err(format!("the output has no partition key `{}` of {}.{}", key.name, table.database, table.name));
        }
    }
    let known = |name: &str| d.columns.iter().chain(&d.partition_keys).any(|c| c.name.as_str() == name);
    let added: Vec<&OutputColumn> = columns.iter().filter(|c| !known(&c.name)).collect();
    if added.is_empty() {
        return Ok(None);
    }
    if policy == SchemaChange::Fail {
        let names: Vec<&str> = added.iter().map(|c| c.name.as_str()).collect();
        return Err(format!(
            "the output has columns {}.{} lacks: {} (schema_change: fail)",
            table.database,
            table.name,
            names.join(", ")
        ));
    }
    let mut next = d.clone();
    for c in added {
        let name = crate::domain::names::ColumnName::parse(&c.name).map_err(|e| e.message)?;
        next.columns.push(Column {
            name,
            data_type: c.data_type.clone(),
            nullable: true,
            description: None,
            sensitivity: None,
        });
    }
    Ok(Some(next))
}

/// The write's lineage as catalog edges into `database.table`.
fn lineage_edges(plan: &datafusion::logical_expr::LogicalPlan, database: &str, table: &str) -> Vec<LineageEdge> {
    let found = lineage::of(plan);
    let names: Vec<String> = plan.schema().fields().iter().map(|f| f.name().clone()).collect();
    let edge = |(sd, st, sc): &(String, String, String), target_column: &str, kind: &str| LineageEdge {
        source_database: sd.clone(),
        source_table: st.clone(),
        source_column: sc.clone(),
        target_database: database.to_owned(),
        target_table: table.to_owned(),
        target_column: target_column.to_owned(),
        kind: kind.to_owned(),
    };
    let mut out: Vec<LineageEdge> =
        found.tables().into_iter().map(|(d, t)| edge(&(d, t, String::new()), "", "table")).collect();
    for (column, sources) in names.iter().zip(&found.columns) {
        out.extend(sources.iter().map(|(s, kind)| edge(s, column, kind.as_str())));
    }
    out.extend(found.indirect.iter().filter(|(s, _)| !s.2.is_empty()).map(|(s, kind)| edge(s, "*", kind.as_str())));
    out.sort();
    out.dedup();
    out
}

#[async_trait]
impl JobHandler for Pipelines {
    fn kind(&self) -> &str {
        JOB_KIND
    }

    async fn run(&self, attempt: Attempt) -> Result<(), String> {
        let p = pipelines::get_by_id(&mut self.store.conn(), &attempt.job.subject)
            .await
            .map_err(failed)?
            .ok_or_else(|| "the pipeline no longer exists".to_owned())?;
        let mut run = self.first_record(&p, &attempt.run.id, &attempt.run.trigger);
        // What the start recorded of the run (a replay) holds for every attempt.
        if let Some(saved) = pipelines::run(&mut self.store.conn(), &attempt.run.id).await.map_err(failed)? {
            run.trigger = saved.trigger;
            run.replay = saved.replay;
        }
        run.attempt = attempt.run.attempt.max(1);
        run.started_at = attempt.run.started_at.unwrap_or_else(Utc::now);
        self.progress(&run).await;
        let (outcome, ctx) = crate::audit::context::scope(self.attempt(&attempt, &p, &mut run)).await;
        run.finished_at = Some(Utc::now());
        let results = match outcome {
            Ok(results) => {
                run.status = JobStatus::Succeeded.as_str().to_owned();
                Some(results)
            }
            Err(e) => {
                run.status = JobStatus::Failed.as_str().to_owned();
                run.log(format!("failed: {e}"));
                run.message = Some(e);
                None
            }
        };
        let ok = results.is_some();
        if let Err(e) = self.finish(&attempt, &p, &run, results).await {
            tracing::error!(error = %e, pipeline = %p.name, "cannot record the end of a pipeline run");
        }
        let entry = AuditEntry {
            occurred_at: Utc::now(),
            principal: p.created_by.clone(),
            client_addr: None,
            request_id: None,
            action: "pipeline.complete".to_owned(),
            resource: format!("pipeline:{}", p.name),
            decision: if ctx.denied { Decision::Deny } else { Decision::Allow },
            outcome: run.status.clone(),
            detail: json!({ "run": run.id, "trigger": run.trigger, "attempt": run.attempt, "version": run.version,
                            "steps": run.steps.iter().map(|s| json!({"name": s.name, "status": s.status, "rows_out": s.rows_out,
                                "rows_quarantined": s.rows_quarantined})).collect::<Vec<_>>(),
                            "message": run.message,
                            "authz": crate::audit::context::decisions_json(&ctx.decisions) }),
        };
        self.audit.record(entry, true).await;
        if ok { Ok(()) } else { Err(run.message.unwrap_or_else(|| "the run failed".to_owned())) }
    }
}
