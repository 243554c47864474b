//! Search benchmark (not a test): 100,000 generated tables of 20 columns (2.1 million
//! documents). Measures the full rebuild rate, query latency over HTTP for free-text,
//! filtered and faceted queries as callers who may see 1% of the tables, all of them table by
//! table, and all of them through a catalog grant, and the time from a committed change to a
//! search that finds it under a stream of 100 updates per second.
//!
//!     cargo bench --bench search

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod search_data;

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tarn::config::{Config, Settings};
use tarn::store::Store;

/// The allocator of the `tarn` binary, so the figures are the server's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const FREE_TEXT: [&str; 8] = [
    "customer",
    "invoice payment",
    "custmer",
    "shipm",
    "refund history",
    "warehouse inventory",
    "email",
    "subscription",
];
const FILTERED: [&str; 6] = [
    "customer zone:curated",
    "owner:alice payment",
    "format:csv order",
    "tag:domain=finance invoice",
    "column:customer_email",
    "database:sales_00 customer",
];
const FACETED: [&str; 3] =
    ["kind:table zone:curated domain:sales", "kind:table owner:bob", "kind:table tag:domain=risk"];
const RUNS: usize = 20;
const REBUILDS: usize = 3;

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1000.0
}

async fn login(client: &reqwest::Client, base: &str, user: &str, password: &str) -> String {
    let body = json!({"grant_type": "password", "username": user, "password": password});
    let token: Value =
        client.post(format!("{base}/v1/auth/token")).json(&body).send().await.unwrap().json().await.unwrap();
    token["access_token"].as_str().unwrap_or_else(|| panic!("login as {user}: {token}")).to_owned()
}

async fn search(client: &reqwest::Client, base: &str, token: &str, q: &str) -> Value {
    let response = client
        .get(format!("{base}/v1/search"))
        .query(&[("q", q), ("max_results", "20")])
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{q}: {}", response.status());
    response.json().await.unwrap()
}

async fn latencies(client: &reqwest::Client, base: &str, users: &[(&str, String)]) {
    println!("\n| queries | caller | p50 | p99 | mean hits |");
    println!("|---|---|---:|---:|---:|");
    for (kind, queries) in [("free text", &FREE_TEXT[..]), ("filtered", &FILTERED[..]), ("faceted", &FACETED[..])] {
        for (user, token) in users {
            let mut times = Vec::new();
            let mut hits = 0u64;
            for q in queries {
                search(client, base, token, q).await;
                let mut own = Vec::new();
                for _ in 0..RUNS {
                    let started = Instant::now();
                    let body = search(client, base, token, q).await;
                    own.push(started.elapsed());
                    hits += body["total"].as_u64().unwrap();
                }
                own.sort();
                if std::env::var_os("TARN_SEARCH_BENCH_VERBOSE").is_some() {
                    eprintln!(
                        "{user:12} {q:40} p50 {:.2} ms p99 {:.2} ms",
                        percentile(&own, 0.5),
                        percentile(&own, 0.99)
                    );
                }
                times.extend(own);
            }
            times.sort();
            println!(
                "| {kind} | {user} | {:.2} ms | {:.2} ms | {} |",
                percentile(&times, 0.5),
                percentile(&times, 0.99),
                hits / times.len() as u64
            );
        }
    }
}

/// 100 updates per second for `seconds`; for each, the time from the PATCH's answer until a
/// search finds the new word. One poller asks every 10 ms for the oldest pending words at once.
async fn freshness(client: &reqwest::Client, base: &str, token: &str, seconds: usize) {
    let database = search_data::database_name(7);
    let list: Value = client
        .get(format!("{base}/v1/databases/{database}/tables?max_results=1000"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let tables: Vec<(String, String)> = list["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["name"].as_str().unwrap().to_owned(), t["etag"].as_str().unwrap().to_owned()))
        .collect();
    let updates = seconds * 100;
    assert!(updates <= tables.len(), "each table is updated once");
    let pending = Arc::new(std::sync::Mutex::new(std::collections::BTreeMap::<String, Instant>::new()));
    let delays = Arc::new(std::sync::Mutex::new(Vec::new()));
    let poller = {
        let (client, base, token) = (client.clone(), base.to_owned(), token.to_owned());
        let (pending, delays) = (pending.clone(), delays.clone());
        tokio::spawn(async move {
            let mut seen = 0;
            while seen < updates {
                tokio::time::sleep(Duration::from_millis(10)).await;
                let words: Vec<String> = pending.lock().unwrap().keys().take(32).cloned().collect();
                if words.is_empty() {
                    continue;
                }
                let q = words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(" OR ");
                let body = search(&client, &base, &token, &q).await;
                for hit in body["results"].as_array().unwrap() {
                    let word = hit["description"].as_str().unwrap_or("").rsplit(' ').next().unwrap_or("");
                    if let Some(committed) = pending.lock().unwrap().remove(word) {
                        delays.lock().unwrap().push(committed.elapsed());
                        seen += 1;
                    }
                }
            }
        })
    };
    let mut tick = tokio::time::interval(Duration::from_millis(10));
    for (i, (name, etag)) in tables.iter().take(updates).enumerate() {
        tick.tick().await;
        let word = format!("freshword{i:05}x");
        let response = client
            .patch(format!("{base}/v1/databases/{database}/tables/{name}"))
            .bearer_auth(token)
            .header("if-match", etag)
            .json(&json!({"description": format!("updated with {word}")}))
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "{}", response.status());
        pending.lock().unwrap().insert(word, Instant::now());
    }
    poller.await.unwrap();
    let mut delays = delays.lock().unwrap().clone();
    delays.sort();
    println!(
        "\ncommit to searchable under 100 updates/s ({} updates): p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms",
        delays.len(),
        percentile(&delays, 0.5),
        percentile(&delays, 0.99),
        delays.last().unwrap().as_secs_f64() * 1000.0
    );
}

fn main() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        // TARN_SEARCH_BENCH_DIR keeps the generated lake between runs (for profiling).
        let temp = tempfile::tempdir().unwrap();
        let kept = std::env::var_os("TARN_SEARCH_BENCH_DIR").map(std::path::PathBuf::from);
        let dir = kept.clone().unwrap_or_else(|| temp.path().to_path_buf());
        std::fs::create_dir_all(&dir).unwrap();
        let reuse = kept.is_some() && dir.join("index/meta.json").exists();
        let url = format!("sqlite://{}", dir.join("bench.db").display());
        let store = Store::connect(&url, 4).await.unwrap();
        store.migrate().await.unwrap();
        if !reuse {
            let started = Instant::now();
            search_data::populate(&store).await;
            println!("generated 100,000 tables of 20 columns in {:.1} s", started.elapsed().as_secs_f64());
            // Three rebuilds, the figure is their median: the first one shares the machine with
            // the write-back of the freshly generated store.
            let mut rates = Vec::new();
            for _ in 0..REBUILDS {
                let stats = tarn::service::indexer::rebuild(&store, &dir.join("index")).await.unwrap();
                let rate = stats.tables as f64 / stats.elapsed.as_secs_f64();
                println!(
                    "full rebuild: {} databases, {} tables, {} documents in {:.1} s = {rate:.0} tables/s",
                    stats.databases,
                    stats.tables,
                    stats.documents,
                    stats.elapsed.as_secs_f64(),
                );
                rates.push(rate);
            }
            rates.sort_by(f64::total_cmp);
            println!("full rebuild, median of {REBUILDS}: {:.0} tables/s", rates[REBUILDS / 2]);
        }

        let settings = Settings {
            data_dir: Some(dir.clone()),
            database_url: Some(url.clone()),
            log_level: Some("warn".into()),
            ..Default::default()
        };
        let config = Config::resolve(settings, Some(search_data::PASSWORD.into())).unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let started = Instant::now();
        tokio::spawn(tarn::server::run(listener, config, std::future::pending()));
        let client = reqwest::Client::new();
        let admin = login(&client, &base, "admin", search_data::PASSWORD).await;
        println!("server start with the existing index: {:.1} s", started.elapsed().as_secs_f64());
        let mut users = Vec::new();
        for user in ["one_percent", "every_db", "catalog"] {
            users.push((user, login(&client, &base, user, search_data::PASSWORD).await));
        }
        latencies(&client, &base, &users).await;
        if !reuse {
            freshness(&client, &base, &admin, 10).await;
        }
    });
}
