//! Partition benchmark (not a test): adds 1,000,000 partitions with 4 keys through the HTTP
//! API in batches of 1,000, then times the first page of 1,000 partitions matching filters
//! on two keys. Runs against SQLite, and against PostgreSQL when `TARN_TEST_DATABASE_URL`
//! (or `TARN_BENCH_DATABASE_URL`) names a server.
//!
//!     cargo bench --bench partitions                      # 1,000,000 partitions
//!     cargo bench --bench partitions -- 100000            # fewer, for a quick look

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tarn::config::{Config, Settings};

/// The allocator of the `tarn` binary, so the figures are the server's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const PASSWORD: &str = "bench-password-1";
const YEARS: std::ops::Range<i32> = 2000..2025;
const REGIONS: usize = 120;

struct Server {
    base: String,
    token: String,
    client: reqwest::Client,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

async fn start(url: &str, dir: &std::path::Path) -> Server {
    let settings = Settings {
        data_dir: Some(dir.to_path_buf()),
        database_url: Some(url.to_owned()),
        log_level: Some("warn".into()),
        max_body_bytes: Some(64 << 20),
        ..Default::default()
    };
    let config = Config::resolve(settings, Some(PASSWORD.into())).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(tarn::server::run(listener, config, async {
        let _ = rx.await;
    }));
    let client = reqwest::Client::new();
    let body = json!({"grant_type": "password", "username": "admin", "password": PASSWORD});
    let token: Value =
        client.post(format!("{base}/v1/auth/token")).json(&body).send().await.unwrap().json().await.unwrap();
    let token = token["access_token"].as_str().unwrap().to_owned();
    Server { base, token, client, stop: Some(tx) }
}

impl Server {
    async fn post(&self, path: &str, body: &Value) -> Value {
        let response =
            self.client.post(format!("{}{path}", self.base)).bearer_auth(&self.token).json(body).send().await.unwrap();
        assert!(response.status().is_success(), "{path}: {}", response.status());
        response.json().await.unwrap()
    }

    async fn list(&self, filter: &str) -> (Duration, usize) {
        let started = Instant::now();
        let response = self
            .client
            .get(format!("{}/v1/databases/bench/tables/events/partitions", self.base))
            .bearer_auth(&self.token)
            .query(&[("filter", filter), ("max_results", "1000")])
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success());
        let body: Value = response.json().await.unwrap();
        (started.elapsed(), body["partitions"].as_array().unwrap().len())
    }
}

/// Every (year, month, day, region) combination, in an order unlike the key order.
fn partition(i: usize) -> Value {
    let region = i % REGIONS;
    let rest = i / REGIONS;
    let day = rest % 28 + 1;
    let rest = rest / 28;
    let month = rest % 12 + 1;
    let year = YEARS.start + (rest / 12) as i32;
    json!({"values": [year, month, day, format!("r{region:03}")],
        "location": format!("s3://lake/raw/bench/events/year={year}/month={month:02}/day={day:02}/region=r{region:03}/")})
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

async fn run(backend: &str, url: &str, total: usize) {
    let dir = tempfile::tempdir().unwrap();
    let server = start(url, dir.path()).await;
    server.post("/v1/databases", &json!({"name": "bench"})).await;
    let keys = json!([{"name": "year", "type": "int32"}, {"name": "month", "type": "int32"},
        {"name": "day", "type": "int32"}, {"name": "region", "type": "utf8"}]);
    server
        .post(
            "/v1/databases/bench/tables",
            &json!({"name": "events", "columns": [{"name": "v", "type": "utf8"}], "partition_keys": keys}),
        )
        .await;

    let started = Instant::now();
    for batch_start in (0..total).step_by(1000) {
        let batch: Vec<Value> = (batch_start..(batch_start + 1000).min(total)).map(partition).collect();
        server.post("/v1/databases/bench/tables/events/partitions", &json!({"partitions": batch})).await;
    }
    let add = started.elapsed();
    println!(
        "{backend}: added {total} partitions in batches of 1000 in {:.1} s ({:.0} partitions/s)",
        add.as_secs_f64(),
        total as f64 / add.as_secs_f64()
    );
    for filter in
        ["year = 2020 AND month = 6", "day = 15 AND region = 'r042'", "year >= 2023 AND region IN ('r001', 'r002')"]
    {
        server.list(filter).await; // warm up
        let mut times = Vec::new();
        let mut rows = 0;
        for _ in 0..50 {
            let (t, n) = server.list(filter).await;
            times.push(t);
            rows = n;
        }
        times.sort();
        println!(
            "{backend}: first page for `{filter}`: {rows} partitions, p50 {:.2} ms, p99 {:.2} ms (50 runs, over HTTP)",
            percentile(&times, 0.5),
            percentile(&times, 0.99)
        );
    }
    drop(server.stop);
}

fn main() {
    let total: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(1_000_000);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("bench.db").display());
        run("sqlite", &url, total).await;
        let admin = std::env::var("TARN_BENCH_DATABASE_URL").or_else(|_| std::env::var("TARN_TEST_DATABASE_URL"));
        if let Ok(admin) = admin {
            use sqlx::Connection;
            let name = format!("tarn_bench_{}", uuid::Uuid::new_v4().simple());
            let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.unwrap();
            let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
            run("postgres", &format!("{base}/{name}"), total).await;
            tokio::time::sleep(Duration::from_millis(200)).await;
            sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)")).execute(&mut conn).await.unwrap();
        }
    });
}
