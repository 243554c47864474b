//! `tarn pipelines` and `tarn lineage`: apply definitions from YAML or JSON files, run them
//! with progress, read runs, logs and lineage.

use std::time::Duration;

use anyhow::{Context, anyhow};
use clap::Subcommand;
use reqwest::Method;
use serde_json::{Value, json};

use super::{ApiFailure, Client, output};

#[derive(Debug, Subcommand)]
pub enum PipelineCommand {
    /// List pipelines.
    List,
    /// A pipeline's definition.
    Show {
        name: String,
    },
    /// Create the pipeline a YAML or JSON file defines, or replace its definition (a new version).
    Apply {
        #[arg(short = 'f', long = "file")]
        file: std::path::PathBuf,
    },
    /// Run a pipeline and show each step as it ends, then a summary.
    Run {
        name: String,
        /// Start the run and return at once.
        #[arg(long)]
        no_wait: bool,
        /// Replay this input (`database.table`): read its partitions matching --partitions
        /// again, whatever its bookmark (which stays).
        #[arg(long, requires = "partitions")]
        replay: Option<String>,
        /// The partitions to replay, as a partition filter: "day >= '2024-01-01'".
        #[arg(long, requires = "replay")]
        partitions: Option<String>,
    },
    /// A pipeline's recent runs.
    Runs {
        name: String,
    },
    /// What changed between two versions of a pipeline (default: the latest two).
    Diff {
        name: String,
        #[arg(long)]
        from: Option<i64>,
        #[arg(long)]
        to: Option<i64>,
    },
    /// The log of a run (the latest when RUN is left out).
    Logs {
        name: String,
        run: Option<String>,
    },
    /// Cancel a queued or running run.
    Cancel {
        name: String,
        run: String,
    },
    /// Read every incremental input in full on the next run.
    ResetBookmarks {
        name: String,
        /// Only this incremental input (`database.table`).
        #[arg(long)]
        table: Option<String>,
    },
    Delete {
        name: String,
    },
}

pub(super) fn read_file(path: &std::path::Path) -> anyhow::Result<Value> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
        serde_norway::from_str(&text).with_context(|| format!("{} is not valid YAML", path.display()))
    } else {
        serde_json::from_str(&text).with_context(|| format!("{} is not valid JSON", path.display()))
    }
}

fn is_missing(error: &anyhow::Error) -> bool {
    error.downcast_ref::<ApiFailure>().is_some_and(|f| f.status == 404)
}

fn step_rows(run: &Value) -> Vec<Value> {
    run["steps"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            let failed_rules = s["rules"].as_array().map_or(0, |r| r.iter().filter(|r| r["passed"] == false).count());
            json!({"step": s["name"], "kind": s["kind"], "status": s["status"], "rows_in": s["rows_in"],
                   "rows_out": s["rows_out"], "quarantined": s["rows_quarantined"], "ms": s["duration_ms"],
                   "rules_failed": failed_rules})
        })
        .collect()
}

const STEP_COLUMNS: [&str; 8] = ["step", "kind", "status", "rows_in", "rows_out", "quarantined", "rules_failed", "ms"];

async fn follow(client: &Client, name: &str, id: &str) -> anyhow::Result<Value> {
    let mut shown = 0;
    loop {
        let run = client.call(Method::GET, &format!("/v1/pipelines/{name}/runs/{id}"), None).await?;
        let steps = run["steps"].as_array().cloned().unwrap_or_default();
        if !client.json() {
            for s in steps.iter().skip(shown) {
                println!(
                    "{name}: step {} {} ({} rows out, {} ms)",
                    s["name"].as_str().unwrap_or("?"),
                    s["status"].as_str().unwrap_or("?"),
                    s["rows_out"],
                    s["duration_ms"]
                );
            }
        }
        shown = steps.len();
        if !["queued", "running"].contains(&run["status"].as_str().unwrap_or_default()) {
            return Ok(run);
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// Creates the pipeline `file` defines, or replaces its definition.
async fn apply(client: &Client, file: &std::path::Path) -> anyhow::Result<()> {
    let mut body = read_file(file)?;
    let name = body["name"].as_str().ok_or_else(|| anyhow!("{} has no `name`", file.display()))?.to_owned();
    let path = format!("/v1/pipelines/{name}");
    let (verb, answer) = match client.call(Method::GET, &path, None).await {
        Err(e) if is_missing(&e) => ("created", client.call(Method::POST, "/v1/pipelines", Some(body)).await?),
        Err(e) => return Err(e),
        Ok(current) => {
            body.as_object_mut().map(|b| b.remove("name"));
            let etag = current["etag"].as_str().unwrap_or_default().to_owned();
            ("updated", client.call_if_match(Method::PUT, &path, body, &etag).await?)
        }
    };
    let message = format!("{verb} pipeline {name} (version {})", answer["version"]);
    output::done(client.json(), &message, &json!({"name": name, "version": answer["version"], "result": verb}));
    Ok(())
}

/// Prints the changes from version `from` to `to` (default: the latest and the one before).
async fn diff(client: &Client, name: &str, from: Option<i64>, to: Option<i64>) -> anyhow::Result<()> {
    let to = match to {
        Some(v) => v,
        None => {
            client.call(Method::GET, &format!("/v1/pipelines/{name}"), None).await?["version"].as_i64().unwrap_or(1)
        }
    };
    let from = from.unwrap_or(to - 1).max(1);
    let answer =
        client.call(Method::GET, &format!("/v1/pipelines/{name}/versions/{to}/diff?from={from}"), None).await?;
    let compact = |v: &Value| if v.is_null() { Value::Null } else { Value::String(v.to_string()) };
    let rows: Vec<Value> = answer["changes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            json!({"kind": c["kind"], "subject": c["subject"], "name": c["name"],
                        "before": compact(&c["before"]), "after": compact(&c["after"])})
        })
        .collect();
    if client.json() {
        output::json(&answer);
    } else {
        output::list(&rows, &["kind", "subject", "name", "before", "after"], false);
    }
    Ok(())
}

/// Runs `name`, following it unless `no_wait`; a run that does not succeed fails the command.
async fn run(client: &Client, name: &str, no_wait: bool, body: Option<Value>) -> anyhow::Result<()> {
    let started = client.call(Method::POST, &format!("/v1/pipelines/{name}/run"), body).await?;
    let id = started["id"].as_str().unwrap_or_default().to_owned();
    if no_wait {
        output::done(client.json(), &format!("started run {id} of {name}"), &started);
        return Ok(());
    }
    let run = follow(client, name, &id).await?;
    if client.json() {
        output::json(&run);
    } else {
        output::table(&step_rows(&run), &STEP_COLUMNS);
        println!("run {id}: {}", run["status"].as_str().unwrap_or("?"));
    }
    if run["status"] != "succeeded" {
        return Err(anyhow!(
            "run {id} of {name} {}: {}",
            run["status"].as_str().unwrap_or("?"),
            run["message"].as_str().unwrap_or("")
        ));
    }
    Ok(())
}

pub async fn pipelines(client: &Client, command: PipelineCommand) -> anyhow::Result<()> {
    match command {
        PipelineCommand::List => {
            let answer = client.call(Method::GET, "/v1/pipelines", None).await?;
            let rows: Vec<Value> = answer["pipelines"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| json!({"name": p["name"], "version": p["version"], "steps": p["steps"].as_array().map_or(0, Vec::len),
                                "triggers": p["triggers"].as_array().map_or(0, Vec::len), "owner": p["owner"]}))
                .collect();
            output::list(&rows, &["name", "version", "steps", "triggers", "owner"], client.json());
        }
        PipelineCommand::Show { name } => {
            let p = client.call(Method::GET, &format!("/v1/pipelines/{name}"), None).await?;
            output::json(&p);
        }
        PipelineCommand::Apply { file } => apply(client, &file).await?,
        PipelineCommand::Run { name, no_wait, replay, partitions } => {
            let body = replay
                .zip(partitions)
                .map(|(table, partitions)| json!({"replay": {"table": table, "partitions": partitions}}));
            run(client, &name, no_wait, body).await?;
        }
        PipelineCommand::Diff { name, from, to } => diff(client, &name, from, to).await?,
        PipelineCommand::Runs { name } => {
            let answer = client.call(Method::GET, &format!("/v1/pipelines/{name}/runs"), None).await?;
            let rows: Vec<Value> = answer["runs"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|r| {
                    json!({"id": r["id"], "trigger": r["trigger"], "status": r["status"], "attempt": r["attempt"],
                                "version": r["version"], "started_at": r["started_at"], "message": r["message"]})
                })
                .collect();
            output::list(
                &rows,
                &["id", "trigger", "status", "attempt", "version", "started_at", "message"],
                client.json(),
            );
        }
        PipelineCommand::Logs { name, run } => {
            let id = match run {
                Some(id) => id,
                None => {
                    let answer =
                        client.call(Method::GET, &format!("/v1/pipelines/{name}/runs?max_results=1"), None).await?;
                    answer["runs"][0]["id"].as_str().ok_or_else(|| anyhow!("{name} has no runs"))?.to_owned()
                }
            };
            let run = client.call(Method::GET, &format!("/v1/pipelines/{name}/runs/{id}"), None).await?;
            if client.json() {
                output::json(&run["logs"]);
            } else {
                for line in run["logs"].as_array().into_iter().flatten() {
                    println!("{}", line.as_str().unwrap_or_default());
                }
            }
        }
        PipelineCommand::Cancel { name, run } => {
            let answer = client.call(Method::POST, &format!("/v1/pipelines/{name}/runs/{run}/cancel"), None).await?;
            output::done(
                client.json(),
                &format!("run {run} of {name}: {}", answer["status"].as_str().unwrap_or("?")),
                &answer,
            );
        }
        PipelineCommand::ResetBookmarks { name, table } => {
            let body = table.as_ref().map(|t| json!({"table": t}));
            client.call(Method::POST, &format!("/v1/pipelines/{name}/bookmarks/reset"), body).await?;
            let what = table.map_or_else(|| format!("bookmarks of {name}"), |t| format!("bookmark of {name} on {t}"));
            output::done(client.json(), &format!("{what} reset"), &json!({"reset": name}));
        }
        PipelineCommand::Delete { name } => {
            client.call(Method::DELETE, &format!("/v1/pipelines/{name}"), None).await?;
            output::done(client.json(), &format!("deleted pipeline {name}"), &json!({"deleted": name}));
        }
    }
    Ok(())
}

/// `tarn lineage db.table`: the graph as edges, one per line.
pub async fn lineage(client: &Client, table: &str, column: Option<&str>, down: bool, depth: u32) -> anyhow::Result<()> {
    let (database, name) = table.split_once('.').ok_or_else(|| anyhow!("name the table as database.table"))?;
    let depth = depth.to_string();
    let query = Client::query(&[
        ("database", Some(database)),
        ("table", Some(name)),
        ("column", column),
        ("direction", Some(if down { "down" } else { "up" })),
        ("depth", Some(&depth)),
    ]);
    let graph = client.call(Method::GET, &format!("/v1/lineage{query}"), None).await?;
    if client.json() {
        output::json(&graph);
        return Ok(());
    }
    let rows: Vec<Value> = if column.is_some() {
        graph["columns"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| json!({"source": format!("{}.{}", c["source_node"].as_str().unwrap_or(""), c["source_column"].as_str().unwrap_or("")),
                            "target": format!("{}.{}", c["target_node"].as_str().unwrap_or(""), c["target_column"].as_str().unwrap_or("")),
                            "kind": c["kind"]}))
            .collect()
    } else {
        graph["edges"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| json!({"source": e["source"], "target": e["target"]}))
            .collect()
    };
    output::table(&rows, &["source", "target", "kind"]);
    Ok(())
}
