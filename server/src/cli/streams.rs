//! `tarn streams`: create delivery streams, put records from stdin in batches with a progress
//! line, list them and show their status.

use std::io::BufRead;
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow};
use clap::Subcommand;
use reqwest::Method;
use serde_json::{Value, json};

use super::{ApiFailure, Client, output};

/// PutRecordBatch's limits: records and bytes per request, bytes per record.
const MAX_RECORDS: usize = 500;
const MAX_BYTES: usize = 4 << 20;
const MAX_RECORD: usize = 1000 << 10;

#[derive(Debug, Subcommand)]
pub enum StreamCommand {
    /// List delivery streams.
    List,
    /// A stream's definition and status.
    Show {
        name: String,
    },
    /// Create a stream from a YAML or JSON file (the body of POST /v1/streams), or from flags.
    Create {
        /// The stream's name (else the file's `name`).
        name: Option<String>,
        #[arg(short = 'f', long = "file", conflicts_with_all = ["table"])]
        file: Option<std::path::PathBuf>,
        /// The target table, database.table (it must exist).
        #[arg(long, required_unless_present = "file")]
        table: Option<String>,
        /// Buffer size hint in MiB, 1 to 128 [default: 5].
        #[arg(long)]
        size_mib: Option<u32>,
        /// Buffer interval hint in seconds, 0 to 900 [default: 60].
        #[arg(long)]
        interval: Option<u32>,
    },
    /// Put records from stdin, one JSON record per line, in batches.
    Put {
        name: String,
        /// Records per request, at most 500.
        #[arg(long, default_value_t = 500)]
        batch: usize,
    },
    Delete {
        name: String,
    },
}

fn create_body(
    name: Option<String>,
    file: Option<std::path::PathBuf>,
    table: Option<String>,
    size_mib: Option<u32>,
    interval: Option<u32>,
) -> anyhow::Result<Value> {
    let mut body = match file {
        Some(file) => super::pipelines::read_file(&file)?,
        None => {
            let table = table.unwrap_or_default();
            let (database, table) =
                table.split_once('.').ok_or_else(|| anyhow!("--table must be database.table, got `{table}`"))?;
            json!({"database": database, "table": table})
        }
    };
    if let Some(name) = name {
        body["name"] = json!(name);
    }
    if body["name"].is_null() {
        return Err(anyhow!("the stream needs a name"));
    }
    if size_mib.is_some() || interval.is_some() {
        body["buffering"] = json!({"size_mib": size_mib.unwrap_or(5), "interval_seconds": interval.unwrap_or(60)});
    }
    Ok(body)
}

/// Sends one batch, retrying (with the same idempotency key, so it is applied once) while the
/// server pushes back or cannot be reached.
async fn send_batch(client: &Client, path: &str, body: Vec<u8>, key: &str) -> anyhow::Result<Value> {
    let mut wait = Duration::from_millis(250);
    for attempt in 1.. {
        match client.post_ndjson(path, body.clone(), key).await {
            Ok(answer) => return Ok(answer),
            Err(e) => {
                let retry = e.downcast_ref::<ApiFailure>().is_none_or(|f| f.status == 429 || f.status == 503);
                if !retry || attempt >= 20 {
                    return Err(e);
                }
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(Duration::from_secs(5));
            }
        }
    }
    unreachable!("the loop returns")
}

struct Progress {
    sent: u64,
    failed: u64,
    bytes: u64,
    started: Instant,
    shown: Instant,
}

impl Progress {
    fn show(&mut self, last: bool) {
        if !last && self.shown.elapsed() < Duration::from_millis(500) {
            return;
        }
        self.shown = Instant::now();
        let secs = self.started.elapsed().as_secs_f64().max(0.001);
        eprint!(
            "\r{} records put ({} failed), {:.1} MiB, {:.0} records/s{}",
            self.sent,
            self.failed,
            self.bytes as f64 / (1 << 20) as f64,
            self.sent as f64 / secs,
            if last { "\n" } else { "" }
        );
    }
}

/// Reads stdin line by line and puts it in batches; refused records are counted and reported.
async fn put(client: &Client, name: &str, batch: usize) -> anyhow::Result<()> {
    let batch = batch.clamp(1, MAX_RECORDS);
    let path = format!("/v1/streams/{name}/records");
    // One run's batches share a prefix: a retried batch keeps its key.
    let run = uuid::Uuid::new_v4().simple().to_string();
    let now = Instant::now();
    let mut p = Progress { sent: 0, failed: 0, bytes: 0, started: now, shown: now };
    let (mut body, mut count, mut number) = (Vec::new(), 0usize, 0u64);
    let mut lines = std::io::stdin().lock().lines();
    loop {
        let line = lines.next().transpose().context("cannot read stdin")?;
        let full = line.as_ref().is_some_and(|l| count == batch || body.len() + l.len() + 1 > MAX_BYTES);
        if (line.is_none() || full) && count > 0 {
            let answer = send_batch(client, &path, std::mem::take(&mut body), &format!("{run}-{number}")).await?;
            number += 1;
            p.sent += count as u64;
            p.failed += answer["failed_put_count"].as_u64().unwrap_or(0);
            if !client.json() {
                p.show(false);
            }
            count = 0;
        }
        let Some(line) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        if line.len() > MAX_RECORD {
            p.failed += 1;
            continue;
        }
        p.bytes += line.len() as u64;
        body.extend_from_slice(line.as_bytes());
        body.push(b'\n');
        count += 1;
    }
    if client.json() {
        output::json(&json!({"records": p.sent, "failed": p.failed, "bytes": p.bytes}));
    } else {
        p.show(true);
    }
    if p.failed > 0 {
        return Err(anyhow!("{} records were refused (larger than 1,000 KiB)", p.failed));
    }
    Ok(())
}

pub async fn streams(client: &Client, command: StreamCommand) -> anyhow::Result<()> {
    match command {
        StreamCommand::List => {
            let answer = client.call(Method::GET, "/v1/streams", None).await?;
            let rows: Vec<Value> = answer["streams"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|s| {
                    json!({"name": s["name"], "table": format!("{}.{}", s["database"].as_str().unwrap_or(""), s["table"].as_str().unwrap_or("")),
                           "size_mib": s["buffering"]["size_mib"], "interval_seconds": s["buffering"]["interval_seconds"], "owner": s["owner"]})
                })
                .collect();
            output::list(&rows, &["name", "table", "size_mib", "interval_seconds", "owner"], client.json());
        }
        StreamCommand::Show { name } => {
            output::json(&client.call(Method::GET, &format!("/v1/streams/{name}"), None).await?)
        }
        StreamCommand::Create { name, file, table, size_mib, interval } => {
            let body = create_body(name, file, table, size_mib, interval)?;
            let created = client.call(Method::POST, "/v1/streams", Some(body)).await?;
            let message = format!(
                "created stream {} into {}.{}",
                created["name"].as_str().unwrap_or("?"),
                created["database"].as_str().unwrap_or("?"),
                created["table"].as_str().unwrap_or("?")
            );
            output::done(client.json(), &message, &created);
        }
        StreamCommand::Put { name, batch } => put(client, &name, batch).await?,
        StreamCommand::Delete { name } => {
            client.call(Method::DELETE, &format!("/v1/streams/{name}"), None).await?;
            output::done(client.json(), &format!("deleted stream {name}"), &json!({"name": name, "deleted": true}));
        }
    }
    Ok(())
}
