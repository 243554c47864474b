//! Streams with several replicas (each its own log, delivering into the same table) and on an
//! S3 lake.

use std::time::Duration;

use base64::Engine;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Session, TestApp, moto};

async fn create(app: &TestApp) {
    app.create_database("iot").await;
    let body = json!({
        "name": "telemetry", "database": "iot", "table": "readings",
        "schema": {
            "columns": [{"name": "id", "type": "int64", "nullable": false}, {"name": "value", "type": "float64"}],
            "partition_keys": [{"name": "day", "type": "utf8"}],
        },
        "buffering": {"size_mib": 1, "interval_seconds": 0},
    });
    let (status, body) = app.post("/v1/streams", body).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

async fn put(s: &Session, ids: std::ops::Range<i64>, key: &str) -> Value {
    let engine = base64::engine::general_purpose::STANDARD;
    let records: Vec<Value> =
        ids.map(|id| json!({"data": engine.encode(json!({"id": id, "value": id as f64 / 2.0}).to_string())})).collect();
    let request = s
        .request(Method::POST, "/v1/streams/telemetry/records")
        .header("idempotency-key", key)
        .json(&json!({"records": records}));
    let (status, body) = s.send(request).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

async fn delivered(app: &TestApp, want: i64) -> (i64, i64) {
    let mut last = (0, 0);
    for _ in 0..200 {
        let sql = "SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS d FROM iot.readings";
        let (_, body) = app.post("/v1/query", json!({"sql": sql})).await;
        last = (body["rows"][0]["n"].as_i64().unwrap_or(0), body["rows"][0]["d"].as_i64().unwrap_or(0));
        if last.0 >= want {
            return last;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    last
}

#[tokio::test]
async fn two_replicas_on_postgres_each_deliver_their_own_log_into_the_same_table() {
    let Some(app) = TestApp::postgres().await else {
        eprintln!("TARN_TEST_DATABASE_URL is not set: skipping the two-replica stream test");
        return;
    };
    create(&app).await;
    let (other, _stop) = app.replica().await;
    let there = Session { base: other, ..app.admin.clone() };
    let mut answers = Vec::new();
    for n in 0..10 {
        let target = if n % 2 == 0 { &app.admin } else { &there };
        answers.push(put(target, n * 100..(n + 1) * 100, &format!("batch-{n}")).await);
    }
    // Record ids name the log that accepted them: two logs.
    let logs: std::collections::BTreeSet<String> = answers
        .iter()
        .map(|a| a["request_responses"][0]["record_id"].as_str().unwrap().split('-').next().unwrap().to_owned())
        .collect();
    assert_eq!(logs.len(), 2, "{logs:?}");
    assert_eq!(delivered(&app, 1000).await, (1000, 1000));
    // The status adds up the deliveries of every log.
    let mut shown = Value::Null;
    for _ in 0..100 {
        shown = app.get("/v1/streams/telemetry").await.1;
        if shown["status"]["delivered_records"] == 1000 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(shown["status"]["delivered_records"], 1000, "{shown}");
    // A retry sent to the replica that accepted the batch is applied once.
    assert_eq!(put(&there, 100..200, "batch-1").await, answers[1]);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(delivered(&app, 1000).await, (1000, 1000));
}

#[tokio::test]
async fn a_stream_delivers_into_an_s3_lake() {
    if !moto::available() {
        return;
    }
    let bucket = moto::bucket().await;
    let b = bucket.clone();
    let app = TestApp::sqlite_with(move |c| moto::use_s3(c, &b)).await;
    create(&app).await;
    put(&app, 0..250, "b0").await;
    put(&app, 250..500, "b1").await;
    assert_eq!(delivered(&app, 500).await, (500, 500));
    let keys = moto::keys(&bucket, "lake/raw/iot/readings/").await;
    assert!(!keys.is_empty(), "the files are in the bucket");
    assert!(
        keys.iter().all(|k| k.contains("/day=") && k.contains("telemetry-") && k.ends_with(".parquet")),
        "{keys:?}"
    );
}
