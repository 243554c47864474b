//! A server killed with SIGKILL, again and again, while producers put records into a stream
//! that delivers as fast as it can: every acknowledged record is in the table after the last
//! restart - once for producers that send idempotency keys (retrying a failed batch with the
//! same key), at least once for those that do not.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::sync::RwLock;

use crate::support::spawned::Spawned;

const PASSWORD: &str = "crash-admin-password";
const PRODUCERS: u64 = 4;
const PER_BATCH: u64 = 50;
/// Kills in one run; `TARN_STREAM_CRASH_KILLS` raises it (the benchmark's 50).
fn kills() -> usize {
    std::env::var("TARN_STREAM_CRASH_KILLS").ok().and_then(|k| k.parse().ok()).unwrap_or(4)
}

struct Target {
    base: RwLock<String>,
    token: RwLock<String>,
    client: reqwest::Client,
}

impl Target {
    async fn post(&self, path: &str, body: &Value, key: Option<&str>) -> Result<(u16, Value), reqwest::Error> {
        let base = self.base.read().await.clone();
        let token = self.token.read().await.clone();
        let mut request = self.client.post(format!("{base}{path}")).bearer_auth(token).json(body);
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        let response = request.timeout(Duration::from_secs(10)).send().await?;
        let status = response.status().as_u16();
        Ok((status, response.json().await.unwrap_or(Value::Null)))
    }
}

/// Puts batches until `stop`; returns the ids acknowledged. Keyed producers retry a batch
/// with its key until it is acknowledged; the others move on to a new batch.
async fn produce(target: Arc<Target>, producer: u64, keyed: bool, stop: Arc<AtomicBool>) -> Vec<u64> {
    let mut acked = Vec::new();
    let mut batch = 0u64;
    while !stop.load(Ordering::Relaxed) {
        let ids: Vec<u64> = (0..PER_BATCH).map(|i| (producer * 1_000_000) + batch * PER_BATCH + i).collect();
        let records: Vec<Value> = ids
            .iter()
            .map(|id| {
                let data = json!({"id": id, "producer": producer}).to_string();
                json!({"data": base64::Engine::encode(&base64::engine::general_purpose::STANDARD, data)})
            })
            .collect();
        let body = json!({"records": records});
        let key = format!("p{producer}-b{batch}");
        loop {
            match target.post("/v1/streams/events/records", &body, keyed.then_some(key.as_str())).await {
                Ok((200, answer)) => {
                    assert_eq!(answer["failed_put_count"], 0, "{answer}");
                    acked.extend(&ids);
                    break;
                }
                _ if keyed && !stop.load(Ordering::Relaxed) => tokio::time::sleep(Duration::from_millis(20)).await,
                _ => break,
            }
        }
        batch += 1;
    }
    acked
}

async fn start(dir: &std::path::Path, target: &Target) -> Spawned {
    let server = Spawned::start(dir, &["serve"], PASSWORD).await;
    *target.base.write().await = server.base();
    *target.token.write().await = server.token(PASSWORD).await;
    server
}

#[tokio::test]
async fn records_acknowledged_before_sigkills_are_all_delivered_once_with_keys() {
    let dir = tempfile::tempdir().unwrap();
    let target = Arc::new(Target { base: RwLock::default(), token: RwLock::default(), client: reqwest::Client::new() });
    let mut server = start(dir.path(), &target).await;
    let (status, body) = target.post("/v1/databases", &json!({"name": "iot"}), None).await.unwrap();
    assert_eq!(status, 201, "{body}");
    let stream = json!({
        "name": "events", "database": "iot", "table": "events",
        "schema": {"columns": [{"name": "id", "type": "int64", "nullable": false}, {"name": "producer", "type": "int64"}]},
        "buffering": {"size_mib": 1, "interval_seconds": 0},
    });
    let (status, body) = target.post("/v1/streams", &stream, None).await.unwrap();
    assert_eq!(status, 201, "{body}");

    let stop = Arc::new(AtomicBool::new(false));
    let producers: Vec<_> =
        (0..PRODUCERS).map(|p| tokio::spawn(produce(target.clone(), p, p % 2 == 0, stop.clone()))).collect();
    let kills = kills();
    for _ in 0..kills {
        tokio::time::sleep(Duration::from_millis(1500)).await;
        server.child.start_kill().unwrap();
        server.child.wait().await.unwrap();
        server = start(dir.path(), &target).await;
    }
    tokio::time::sleep(Duration::from_millis(1000)).await;
    stop.store(true, Ordering::Relaxed);
    let mut acked: HashMap<u64, Vec<u64>> = HashMap::new();
    for (p, handle) in producers.into_iter().enumerate() {
        acked.insert(p as u64, handle.await.unwrap());
    }
    let total: usize = acked.values().map(Vec::len).sum();
    assert!(total > 1000, "the producers got {total} records acknowledged: too few to prove anything");

    // Everything acknowledged is delivered, once the buffers drain.
    let mut seen: HashMap<u64, u64> = HashMap::new();
    for _ in 0..200 {
        let sql = json!({"sql": "SELECT id, COUNT(*) AS n FROM iot.events GROUP BY id", "max_rows": 10_000_000});
        let (status, body) = target.post("/v1/query", &sql, None).await.unwrap();
        assert_eq!(status, 200, "{body}");
        seen = body["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["id"].as_u64().unwrap(), r["n"].as_u64().unwrap()))
            .collect();
        if acked.values().flatten().all(|id| seen.contains_key(id)) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    for (producer, ids) in &acked {
        let missing = ids.iter().filter(|id| !seen.contains_key(id)).count();
        assert_eq!(missing, 0, "producer {producer}: {missing} of {} acknowledged records lost", ids.len());
        if producer % 2 == 0 {
            let doubled = ids.iter().filter(|id| seen[id] > 1).count();
            assert_eq!(doubled, 0, "producer {producer} (idempotency keys): {doubled} records delivered twice");
        }
    }
    let doubled_unkeyed: usize =
        acked.iter().filter(|(p, _)| *p % 2 == 1).map(|(_, ids)| ids.iter().filter(|id| seen[id] > 1).count()).sum();
    println!(
        "stream crash: {kills} SIGKILLs, {total} records acknowledged, 0 lost, 0 doubled with keys, {doubled_unkeyed} doubled without"
    );
    let log = Spawned::log(dir.path());
    assert!(!log.contains("panicked"), "{log}");
    drop(server);
}
