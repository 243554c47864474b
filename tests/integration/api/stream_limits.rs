//! A stream's edges: a full log disk, puts sharing fsyncs, and how puts are audited.

use base64::Engine;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Session, TestApp, code};

async fn stream(app: &TestApp, interval: u32) {
    app.create_database("web").await;
    let body = json!({
        "name": "clicks", "database": "web", "table": "clicks",
        "schema": {"columns": [{"name": "id", "type": "int64"}, {"name": "page", "type": "utf8"}]},
        "buffering": {"size_mib": 128, "interval_seconds": interval},
    });
    let (status, body) = app.post("/v1/streams", body).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

fn put_request(s: &Session, records: &[String]) -> reqwest::RequestBuilder {
    let engine = base64::engine::general_purpose::STANDARD;
    let records: Vec<Value> = records.iter().map(|r| json!({"data": engine.encode(r)})).collect();
    s.request(Method::POST, "/v1/streams/clicks/records").json(&json!({"records": records}))
}

#[tokio::test]
async fn a_full_log_disk_is_a_503_and_refuses_the_whole_request() {
    let app = TestApp::sqlite_with(|c| c.streams.wal.max_bytes = 64 << 10).await;
    stream(&app, 900).await;
    let record = format!("{{\"id\": 1, \"page\": \"{}\"}}", "p".repeat(40 << 10));
    let (status, body) = app.send(put_request(&app, std::slice::from_ref(&record))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let response = put_request(&app, &[record.clone(), "{\"id\": 2}".to_owned()]).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(response.headers().contains_key("retry-after"));
    let body: Value = response.json().await.unwrap();
    assert_eq!(code(&body), "storage_full", "{body}");
    let (_, shown) = app.get("/v1/streams/clicks").await;
    assert_eq!(shown["status"]["buffered_records"], 1, "nothing of the refused request is kept: {shown}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_puts_share_fsyncs() {
    let app = TestApp::sqlite().await;
    stream(&app, 900).await;
    let before = app.get("/v1/streams/clicks").await.1["status"]["log_syncs"].as_u64().unwrap();
    let puts: Vec<_> = (0..64)
        .map(|i| {
            let request = put_request(&app, &[format!("{{\"id\": {i}}}")]);
            tokio::spawn(async move { request.send().await.unwrap().status() })
        })
        .collect();
    for p in puts {
        assert_eq!(p.await.unwrap(), StatusCode::OK);
    }
    let (_, shown) = app.get("/v1/streams/clicks").await;
    let status = &shown["status"];
    let syncs = status["log_syncs"].as_u64().unwrap() - before;
    assert_eq!(status["put_records"], 64, "{shown}");
    assert!(syncs < 64, "64 concurrent puts took {syncs} fsyncs: none was shared ({shown})");
}

#[tokio::test]
async fn successful_puts_are_audited_as_one_summary_per_minute_and_refusals_one_by_one() {
    let mut app = TestApp::sqlite().await;
    stream(&app, 1).await;
    for i in 0..3 {
        let (status, _) = app.send(put_request(&app, &[format!("{{\"id\": {i}}}"), "{}".to_owned()])).await;
        assert_eq!(status, StatusCode::OK);
    }
    let ana = app.user("ana").await;
    assert_eq!(ana.send(put_request(&ana, &["{}".to_owned()])).await.0, StatusCode::NOT_FOUND);
    // The minute's summary is written when the minute ends, or when the server stops.
    app.stop().await.unwrap();
    app.restart().await;
    let (_, summaries) = app.get("/v1/audit?action=stream_record.put_summary").await;
    let records = summaries["records"].as_array().unwrap();
    let mine: Vec<&Value> = records.iter().filter(|r| r["principal"] == "user:admin").collect();
    let requests: u64 = mine.iter().map(|r| r["detail"]["requests"].as_u64().unwrap()).sum();
    let put: u64 = mine.iter().map(|r| r["detail"]["records"].as_u64().unwrap()).sum();
    assert_eq!((requests, put), (3, 6), "{summaries}");
    assert!(mine.iter().all(|r| r["resource"] == "clicks"), "{summaries}");
    let (_, each) = app.get("/v1/audit?action=stream_record.put").await;
    let each = each["records"].as_array().unwrap();
    assert_eq!(each.len(), 1, "only the refused put has a record of its own: {each:?}");
    assert_eq!((each[0]["principal"].as_str(), each[0]["decision"].as_str()), (Some("user:ana"), Some("deny")));
}
