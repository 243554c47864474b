//! `tarn upload` and `tarn crawl`: files into tables, crawlers and their runs. Progress goes
//! to a bar on a terminal and to plain lines otherwise.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow, bail};
use clap::Subcommand;
use futures::StreamExt;
use indicatif::{ProgressBar, ProgressStyle};
use reqwest::Method;
use serde_json::{Value, json};

use super::{Client, output};

#[derive(Debug, Subcommand)]
pub enum CrawlCommand {
    /// List crawlers.
    List,
    /// Define a crawler: each folder below LOCATION becomes a table in DATABASE.
    Create {
        name: String,
        #[arg(long)]
        location: String,
        #[arg(long)]
        database: String,
        #[arg(long, default_value = "raw")]
        zone: String,
        /// update, log or fail
        #[arg(long, default_value = "update")]
        schema_change: String,
        /// deprecate, delete or ignore
        #[arg(long, default_value = "deprecate")]
        deleted_folders: String,
        /// Cron expression (UTC)
        #[arg(long)]
        schedule: Option<String>,
    },
    /// Run a crawler and show its progress, then a summary.
    Run {
        name: String,
        /// Start the run and return at once.
        #[arg(long)]
        no_wait: bool,
    },
    /// A crawler's recent runs.
    Runs {
        name: String,
    },
    Delete {
        name: String,
    },
}

/// The files to send: every file named, and every file below each folder named, with the
/// hive partition (`k=v` folders) it sits in relative to that folder.
fn collect(paths: &[PathBuf]) -> anyhow::Result<Vec<(PathBuf, Option<String>)>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, path, &mut out)?;
        } else if path.is_file() {
            out.push((path.clone(), None));
        } else {
            bail!("{} is not a file or folder", path.display());
        }
    }
    Ok(out)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<(PathBuf, Option<String>)>) -> anyhow::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(root, &path, out)?;
        } else {
            let folders = path.parent().and_then(|p| p.strip_prefix(root).ok()).map(|p| p.display().to_string());
            out.push((path, folders.filter(|f| !f.is_empty())));
        }
    }
    Ok(())
}

fn human(bytes: f64) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < units.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", units[unit])
}

pub async fn upload(
    client: &Client,
    paths: &[PathBuf],
    table: &str,
    partition: Option<&str>,
    overwrite: bool,
) -> anyhow::Result<()> {
    let (database, table) = table.split_once('.').ok_or_else(|| anyhow!("--table is database.table"))?;
    let files = collect(paths)?;
    let total: u64 = files.iter().map(|(p, _)| p.metadata().map(|m| m.len()).unwrap_or(0)).sum();
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(total);
        bar.set_style(
            ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        Some(bar)
    } else {
        None
    };
    let started = Instant::now();
    let mut answers = Vec::with_capacity(files.len());
    for (path, folders) in &files {
        let name =
            path.file_name().and_then(|n| n.to_str()).ok_or_else(|| anyhow!("{} has no name", path.display()))?;
        let partition = partition.map(str::to_owned).or_else(|| folders.clone());
        let query = Client::query(&[("partition", partition.as_deref()), ("overwrite", overwrite.then_some("true"))]);
        let file = tokio::fs::File::open(path).await.with_context(|| format!("cannot open {}", path.display()))?;
        let size = file.metadata().await?.len();
        if let Some(bar) = &bar {
            bar.set_message(name.to_owned());
        }
        let counter = bar.clone();
        let stream = tokio_util::io::ReaderStream::with_capacity(file, 1 << 20).inspect(move |chunk| {
            if let (Some(bar), Ok(chunk)) = (&counter, chunk) {
                bar.inc(chunk.len() as u64);
            }
        });
        let one = Instant::now();
        let url = format!("/v1/databases/{database}/tables/{table}/files/{name}{query}");
        let answer = client.put_body(&url, reqwest::Body::wrap_stream(stream)).await;
        let answer = answer.map_err(|mut e| {
            if let Some(bar) = &bar {
                bar.abandon();
            }
            if let Some(failure) = e.downcast_mut::<super::ApiFailure>() {
                failure.message = in_flags(&failure.message);
            }
            e.context(format!("uploading {}", path.display()))
        })?;
        let rate = size as f64 / one.elapsed().as_secs_f64().max(1e-6);
        let what = if answer["created"] == true { "uploaded" } else { "unchanged" };
        let line = format!(
            "{what} {} ({}, {}/s) sha256 {}",
            answer["path"].as_str().unwrap_or(name),
            human(size as f64),
            human(rate),
            answer["sha256"].as_str().unwrap_or("")
        );
        match &bar {
            Some(bar) => bar.println(line),
            None if !client.json() => println!("{line}"),
            None => {}
        }
        answers.push(answer);
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let secs = started.elapsed().as_secs_f64().max(1e-6);
    let message =
        format!("{} file(s), {} in {secs:.1} s ({}/s)", files.len(), human(total as f64), human(total as f64 / secs));
    output::done(client.json(), &message, &json!({"files": answers, "bytes": total, "seconds": secs}));
    Ok(())
}

const RUN_COLUMNS: [&str; 10] = [
    "files_listed",
    "files_scanned",
    "files_unchanged",
    "files_failed",
    "tables_created",
    "tables_updated",
    "tables_deprecated",
    "tables_deleted",
    "partitions_added",
    "partitions_deleted",
];

fn summary(run: &Value) {
    let stats = &run["stats"];
    let rows: Vec<Value> = RUN_COLUMNS.iter().map(|k| json!({"stat": k, "value": stats[*k]})).collect();
    println!("run {} {}", run["id"].as_str().unwrap_or("?"), run["status"].as_str().unwrap_or("?"));
    output::table(&rows, &["stat", "value"]);
    for change in stats["schema_changes"].as_array().into_iter().flatten() {
        println!("schema change in {}: {}", change["table"].as_str().unwrap_or("?"), change);
    }
    let errors: Vec<Value> = run["errors"].as_array().cloned().unwrap_or_default();
    if !errors.is_empty() {
        println!();
        output::table(&errors, &["path", "error"]);
    }
    if let Some(message) = run["message"].as_str() {
        println!("{message}");
    }
}

pub async fn crawl(client: &Client, command: CrawlCommand) -> anyhow::Result<()> {
    match command {
        CrawlCommand::List => {
            let answer = client.call(Method::GET, "/v1/crawlers", None).await?;
            let rows = answer["crawlers"].as_array().cloned().unwrap_or_default();
            output::list(&rows, &["name", "location", "database", "zone", "schedule", "owner"], client.json());
        }
        CrawlCommand::Create { name, location, database, zone, schema_change, deleted_folders, schedule } => {
            let body = json!({"name": name, "location": location, "database": database, "zone": zone,
                "schema_change": schema_change, "deleted_folders": deleted_folders, "schedule": schedule});
            let created = client.call(Method::POST, "/v1/crawlers", Some(body)).await?;
            output::one(&created, &["name", "location", "database", "zone", "schedule", "owner"], client.json());
        }
        CrawlCommand::Run { name, no_wait } => {
            let started = client.call(Method::POST, &format!("/v1/crawlers/{name}/run"), None).await?;
            if no_wait {
                output::json(&started);
                return Ok(());
            }
            let spinner = std::io::stderr().is_terminal().then(ProgressBar::new_spinner);
            loop {
                tokio::time::sleep(Duration::from_millis(500)).await;
                let runs = client.call(Method::GET, &format!("/v1/crawlers/{name}/runs?max_results=5"), None).await?;
                let run = runs["runs"].as_array().into_iter().flatten().find(|r| r["id"] == started["id"]).cloned();
                let Some(run) = run else { bail!("the run disappeared") };
                if run["status"] != "running" {
                    if let Some(s) = &spinner {
                        s.finish_and_clear();
                    }
                    if client.json() {
                        output::json(&run);
                    } else {
                        summary(&run);
                    }
                    if run["status"] == "failed" {
                        bail!("the crawl failed");
                    }
                    return Ok(());
                }
                let scanned = &run["stats"]["files_scanned"];
                match &spinner {
                    Some(s) => {
                        s.set_message(format!("crawling {name}: {scanned} files read"));
                        s.tick();
                    }
                    None if !client.json() => println!("crawling {name}: {scanned} files read"),
                    None => {}
                }
            }
        }
        CrawlCommand::Runs { name } => {
            let answer = client.call(Method::GET, &format!("/v1/crawlers/{name}/runs"), None).await?;
            if client.json() {
                output::json(&answer["runs"]);
                return Ok(());
            }
            let rows: Vec<Value> = answer["runs"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|r| {
                    json!({"id": r["id"], "trigger": r["trigger"], "status": r["status"], "started_at": r["started_at"],
                        "scanned": r["stats"]["files_scanned"], "failed": r["stats"]["files_failed"],
                        "created": r["stats"]["tables_created"], "updated": r["stats"]["tables_updated"]})
                })
                .collect();
            output::table(&rows, &["id", "trigger", "status", "started_at", "scanned", "failed", "created", "updated"]);
        }
        CrawlCommand::Delete { name } => {
            client.call(Method::DELETE, &format!("/v1/crawlers/{name}"), None).await?;
            output::done(client.json(), &format!("deleted crawler {name}"), &json!({"deleted": name}));
        }
    }
    Ok(())
}

/// The server's hints name its API parameters; a CLI user needs the flags.
fn in_flags(message: &str) -> String {
    message.replace("overwrite=true", "--overwrite").replace("partition=", "--partition ")
}
