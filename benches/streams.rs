//! Streaming ingestion benchmark (not a test). In one process, one run:
//! - the floors of this machine's disk, in the folder the log lives in: small appends each
//!   followed by fdatasync (the fsync rate), and one large sequential write (MiB/s);
//! - Tarn: 16 producers (tasks of this compiled generator, one HTTP connection each) put 1 KiB
//!   JSON records in batches of 500 into a stream delivering Parquet, for
//!   `TARN_STREAM_BENCH_SECS` (default 20); records/s, MiB/s, acknowledgement latency p50/p99,
//!   once with Firehose's base64 JSON bodies and once with NDJSON bodies;
//! - ack to queryable with a 1 s buffer interval: one record put, then queried until found;
//! - the process's peak RSS (server and generator together).
//!
//!     cargo bench --bench streams     # TARN_STREAM_BENCH_SECS, TARN_STREAM_BENCH_DIR

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{Value, json};
use tarn::config::{Config, Settings};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const PASSWORD: &str = "bench-admin-password";
const PRODUCERS: usize = 16;
const PER_BATCH: usize = 500;
const RECORD: usize = 1024;

struct Tarn {
    base: String,
    token: String,
}

async fn start(dir: &Path) -> Tarn {
    let settings = Settings { data_dir: Some(dir.to_path_buf()), log_level: Some("warn".into()), ..Default::default() };
    let config = Config::resolve(settings, Some(PASSWORD.into())).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(tarn::server::run(listener, config, std::future::pending()));
    let client = reqwest::Client::new();
    while client.get(format!("{base}/healthz")).send().await.is_err() {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let body: Value = client
        .post(format!("{base}/v1/auth/token"))
        .json(&json!({"grant_type": "password", "username": "admin", "password": PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    Tarn { base, token: body["access_token"].as_str().unwrap().to_owned() }
}

impl Tarn {
    async fn post(&self, client: &reqwest::Client, path: &str, body: Value) -> Value {
        let response =
            client.post(format!("{}{path}", self.base)).bearer_auth(&self.token).json(&body).send().await.unwrap();
        let status = response.status();
        let body: Value = response.json().await.unwrap_or(Value::Null);
        assert!(status.is_success(), "{path}: {status} {body}");
        body
    }
}

/// 4 KiB appends each followed by fdatasync, for 2 s: syncs per second.
fn fsync_floor(dir: &Path) -> f64 {
    let path = dir.join("fsync-floor");
    let mut file = std::fs::OpenOptions::new().create(true).append(true).open(&path).unwrap();
    let block = vec![7u8; 4096];
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_secs(2) {
        file.write_all(&block).unwrap();
        file.sync_data().unwrap();
        n += 1;
    }
    std::fs::remove_file(&path).ok();
    n as f64 / start.elapsed().as_secs_f64()
}

/// 1 GiB in 1 MiB writes, then one fsync: MiB/s.
fn write_floor(dir: &Path) -> f64 {
    let path = dir.join("write-floor");
    let mut file = std::fs::File::create(&path).unwrap();
    let block = vec![7u8; 1 << 20];
    let start = Instant::now();
    for _ in 0..1024 {
        file.write_all(&block).unwrap();
    }
    file.sync_all().unwrap();
    let rate = 1024.0 / start.elapsed().as_secs_f64();
    std::fs::remove_file(&path).ok();
    rate
}

/// One producer's request bodies (distinct ids, so the table proves nothing was merged).
fn record(id: u64) -> String {
    let head =
        format!("{{\"id\": {id}, \"device\": \"d{}\", \"value\": {}, \"payload\": \"", id % 1000, id as f64 / 3.0);
    let pad = RECORD.saturating_sub(head.len() + 2);
    format!("{head}{}\"}}", "x".repeat(pad))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

struct Load {
    records: u64,
    bytes: u64,
    seconds: f64,
    latencies: Vec<Duration>,
}

/// `pace`: requests per second per producer (open loop), or as fast as answers come.
async fn load(tarn: Arc<Tarn>, stream: &str, ndjson: bool, seconds: u64, pace: Option<f64>) -> Load {
    let start = Instant::now();
    let deadline = start + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for p in 0..PRODUCERS {
        let tarn = tarn.clone();
        let path = format!("{}/v1/streams/{stream}/records", tarn.base);
        tasks.push(tokio::spawn(async move {
            let engine = base64::engine::general_purpose::STANDARD;
            let client = reqwest::Client::new();
            let (mut latencies, mut records, mut bytes, mut batch) = (Vec::new(), 0u64, 0u64, 0u64);
            let mut next = Instant::now();
            while Instant::now() < deadline {
                if let Some(rate) = pace {
                    tokio::time::sleep_until(next.into()).await;
                    next += Duration::from_secs_f64(1.0 / rate);
                }
                let first = ((p as u64) << 40) | (batch * PER_BATCH as u64);
                let texts: Vec<String> = (0..PER_BATCH as u64).map(|i| record(first + i)).collect();
                let request = client.post(&path).bearer_auth(&tarn.token);
                let request = if ndjson {
                    request.header("content-type", "application/x-ndjson").body(texts.join("\n"))
                } else {
                    let records: Vec<Value> = texts.iter().map(|t| json!({"data": engine.encode(t)})).collect();
                    request.json(&json!({"records": records}))
                };
                let sent = Instant::now();
                let response = request.send().await.unwrap();
                let status = response.status();
                let _ = response.bytes().await;
                if status.as_u16() == 429 {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
                assert!(status.is_success(), "put: {status}");
                latencies.push(sent.elapsed());
                records += PER_BATCH as u64;
                bytes += texts.iter().map(|t| t.len() as u64).sum::<u64>();
                batch += 1;
            }
            (latencies, records, bytes)
        }));
    }
    let mut out = Load { records: 0, bytes: 0, seconds: 0.0, latencies: Vec::new() };
    for t in tasks {
        let (l, r, b) = t.await.unwrap();
        out.latencies.extend(l);
        out.records += r;
        out.bytes += b;
    }
    out.seconds = start.elapsed().as_secs_f64();
    out.latencies.sort();
    out
}

fn rss_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

async fn create(tarn: &Tarn, client: &reqwest::Client, name: &str, interval: u32) {
    let body = json!({
        "name": name, "database": "bench", "table": name,
        "schema": {
            "columns": [
                {"name": "id", "type": "int64", "nullable": false}, {"name": "device", "type": "utf8"},
                {"name": "value", "type": "float64"}, {"name": "payload", "type": "utf8"},
            ],
            "partition_keys": [{"name": "day", "type": "utf8"}, {"name": "hour", "type": "utf8"}],
        },
        "buffering": {"size_mib": 64, "interval_seconds": interval},
    });
    tarn.post(client, "/v1/streams", body).await;
}

async fn count(tarn: &Tarn, client: &reqwest::Client, sql: &str) -> i64 {
    let answer = tarn.post(client, "/v1/query", json!({"sql": sql})).await;
    answer["rows"][0]["n"].as_i64().unwrap_or(0)
}

#[tokio::main]
async fn main() {
    let seconds: u64 = std::env::var("TARN_STREAM_BENCH_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(20);
    let root =
        std::env::var("TARN_STREAM_BENCH_DIR").map(std::path::PathBuf::from).unwrap_or_else(|_| std::env::temp_dir());
    let dir = tempfile::tempdir_in(root).unwrap();
    println!("floors in {}:", dir.path().display());
    println!("  fsync rate (4 KiB append + fdatasync): {:.0} /s", fsync_floor(dir.path()));
    println!("  sequential write (1 GiB, one fsync): {:.0} MiB/s", write_floor(dir.path()));

    let tarn = Arc::new(start(dir.path()).await);
    let client = reqwest::Client::new();
    tarn.post(&client, "/v1/databases", json!({"name": "bench"})).await;
    assert!(serde_json::from_str::<Value>(&record(1 << 41)).is_ok() && record(7).len() == RECORD);
    // 50 MiB/s in all: 100 requests of 500 KiB a second over 16 producers.
    let target = Some(50.0 * 1024.0 / (PER_BATCH as f64 * RECORD as f64 / 1024.0) / PRODUCERS as f64);
    for (name, ndjson, pace) in [("firehose_json", false, None), ("ndjson", true, None), ("paced_50mib", false, target)]
    {
        create(&tarn, &client, name, 10).await;
        let l = load(tarn.clone(), name, ndjson, seconds, pace).await;
        let mib = l.bytes as f64 / (1 << 20) as f64;
        println!(
            "{name}: {} producers, {:.0} records/s, {:.1} MiB/s of records, ack p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms ({} requests)",
            PRODUCERS,
            l.records as f64 / l.seconds,
            mib / l.seconds,
            percentile(&l.latencies, 0.5).as_secs_f64() * 1000.0,
            percentile(&l.latencies, 0.99).as_secs_f64() * 1000.0,
            percentile(&l.latencies, 1.0).as_secs_f64() * 1000.0,
            l.latencies.len()
        );
        let started = Instant::now();
        let sql = format!("SELECT COUNT(*) AS n FROM bench.{name}");
        let mut shown = Instant::now();
        while count(&tarn, &client, &sql).await < l.records as i64 {
            tokio::time::sleep(Duration::from_millis(200)).await;
            if shown.elapsed() > Duration::from_secs(5) {
                shown = Instant::now();
                let status = client
                    .get(format!("{}/v1/streams/{name}", tarn.base))
                    .bearer_auth(&tarn.token)
                    .send()
                    .await
                    .unwrap()
                    .json::<Value>()
                    .await
                    .unwrap();
                let s = &status["status"];
                println!(
                    "  waiting: {} delivered, {} failed, {} buffered",
                    s["delivered_records"], s["failed_records"], s["buffered_records"]
                );
            }
        }
        println!("  all {} records queryable {:.1} s after the load ended", l.records, started.elapsed().as_secs_f64());
        println!("  RSS now {} MiB, peak {} MiB", rss_kib("VmRSS:") / 1024, rss_kib("VmHWM:") / 1024);
    }

    create(&tarn, &client, "latency", 1).await;
    let mut waits = Vec::new();
    let engine = base64::engine::general_purpose::STANDARD;
    for id in 0..20u64 {
        let data = engine.encode(record(id));
        tarn.post(&client, "/v1/streams/latency/records", json!({"records": [{"data": data}]})).await;
        let acked = Instant::now();
        let sql = format!("SELECT COUNT(*) AS n FROM bench.latency WHERE id = {id}");
        while count(&tarn, &client, &sql).await < 1 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        waits.push(acked.elapsed());
        tokio::time::sleep(Duration::from_millis(137 * (id % 7))).await;
    }
    waits.sort();
    println!(
        "ack to queryable (1 s interval, 20 records): p50 {:.2} s, p99 {:.2} s",
        percentile(&waits, 0.5).as_secs_f64(),
        percentile(&waits, 0.99).as_secs_f64()
    );
    println!("peak RSS of the process (server and generator): {} MiB", rss_kib("VmHWM:") / 1024);
}
