//! Delivery streams over HTTP: create, put (base64 JSON and NDJSON), delivery into the table
//! and the error table, idempotency keys, limits, governance, replay after a restart and
//! backpressure.

use std::time::Duration;

use base64::Engine;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Session, TestApp, code, each_backend, each_backend_with};

fn b64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(text)
}

/// A stream `clicks` into `web.clicks` (created from its schema), delivered at once.
async fn clicks(app: &TestApp, extra: Value) -> Value {
    app.create_database("web").await;
    let mut body = json!({
        "name": "clicks", "database": "web", "table": "clicks",
        "schema": {
            "columns": [
                {"name": "id", "type": "int64", "nullable": false},
                {"name": "page", "type": "utf8"},
            ],
            "partition_keys": [{"name": "region", "type": "utf8"}],
        },
        "buffering": {"size_mib": 1, "interval_seconds": 0},
    });
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    let (status, created) = app.post("/v1/streams", body).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    created
}

async fn put(s: &Session, stream: &str, records: &[&str], key: Option<&str>) -> (StatusCode, Value) {
    let records: Vec<Value> = records.iter().map(|r| json!({"data": b64(r)})).collect();
    let mut request =
        s.request(Method::POST, &format!("/v1/streams/{stream}/records")).json(&json!({"records": records}));
    if let Some(key) = key {
        request = request.header("idempotency-key", key);
    }
    s.send(request).await
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let (status, body) = app.post("/v1/query", json!({"sql": sql})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["rows"][0]["n"].as_i64().unwrap()
}

/// Waits until `sql`'s count is `want` (deliveries are asynchronous); returns the last count.
async fn until_count(app: &TestApp, sql: &str, want: i64) -> i64 {
    let mut n = 0;
    for _ in 0..200 {
        n = count(app, sql).await;
        if n == want {
            return n;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    n
}

#[tokio::test]
async fn put_records_are_delivered_into_the_table_and_the_ones_that_do_not_fit_into_the_error_table() {
    each_backend(|app| async move {
        let created = clicks(&app, json!({})).await;
        assert_eq!(created["error_table"], "clicks_errors");
        assert_eq!(created["buffering"], json!({"size_mib": 1, "interval_seconds": 0}));
        let big = format!("{{\"id\": 9, \"page\": \"{}\", \"region\": \"eu\"}}", "x".repeat(1000 << 10));
        let records = [
            r#"{"id": 1, "page": "/a", "region": "eu"}"#,
            r#"{"id": 2, "page": "/b", "region": "us"}"#,
            "not json at all",
            r#"{"id": "three", "page": "/c", "region": "eu"}"#,
            r#"{"id": 4, "page": "/d"}"#,
            big.as_str(),
        ];
        let (status, answer) = put(&app, "clicks", &records, None).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        assert_eq!(answer["failed_put_count"], 1, "only the oversized record is refused at the door: {answer}");
        let results = answer["request_responses"].as_array().unwrap();
        assert_eq!(results.len(), 6);
        assert!(results[..5].iter().all(|r| r["record_id"].is_string()), "{answer}");
        assert_eq!(results[5]["error_code"], "record_too_large");
        // Invalid base64 fails that record alone.
        let request = app
            .request(Method::POST, "/v1/streams/clicks/records")
            .json(&json!({"records": [{"data": "***"}, {"data": b64(r#"{"id": 5, "region": "eu"}"#)}]}));
        let (status, answer) = app.send(request).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        assert_eq!(answer["request_responses"][0]["error_code"], "invalid_base64", "{answer}");
        assert!(answer["request_responses"][1]["record_id"].is_string(), "{answer}");
        // NDJSON bodies: one record per line.
        let ndjson = "{\"id\": 6, \"page\": \"/n\", \"region\": \"us\"}\n\n{\"id\": 7, \"region\": \"us\"}\n";
        let request = app
            .request(Method::POST, "/v1/streams/clicks/records")
            .header("content-type", "application/x-ndjson")
            .body(ndjson);
        let (status, answer) = app.send(request).await;
        assert_eq!((status, answer["request_responses"].as_array().map(Vec::len)), (StatusCode::OK, Some(2)));

        let delivered = until_count(&app, "SELECT COUNT(*) AS n FROM web.clicks", 5).await;
        assert_eq!(delivered, 5);
        let (_, rows) = app.post("/v1/query", json!({"sql": "SELECT id, region FROM web.clicks ORDER BY id"})).await;
        assert_eq!(rows["rows"][0], json!({"id": 1, "region": "eu"}), "{rows}");
        let failed = until_count(&app, "SELECT COUNT(*) AS n FROM web.clicks_errors", 3).await;
        assert_eq!(failed, 3);
        let (_, errors) = app
            .post(
                "/v1/query",
                json!({"sql": "SELECT error_kind, raw FROM web.clicks_errors ORDER BY log_position, record_index"}),
            )
            .await;
        let kinds: Vec<&str> =
            errors["rows"].as_array().unwrap().iter().map(|r| r["error_kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["parse", "conversion", "partition"], "{errors}");
        assert_eq!(errors["rows"][0]["raw"], "not json at all");
        // Partitions are registered as folders of the table.
        let (_, partitions) = app.get("/v1/databases/web/tables/clicks/partitions").await;
        assert_eq!(partitions["partitions"].as_array().map(Vec::len), Some(2), "{partitions}");

        let (status, shown) = app.get("/v1/streams/clicks").await;
        assert_eq!(status, StatusCode::OK, "{shown}");
        assert_eq!(shown["status"]["delivered_records"], 5, "{shown}");
        assert_eq!(shown["status"]["failed_records"], 3, "{shown}");
        assert_eq!(shown["status"]["refused_records"], 2, "{shown}");
        let (_, list) = app.get("/v1/streams").await;
        assert_eq!(list["streams"][0]["name"], "clicks");
    })
    .await;
}

#[tokio::test]
async fn a_retry_with_the_same_idempotency_key_gets_the_first_answer_and_is_applied_once() {
    each_backend(|app| async move {
        clicks(&app, json!({"buffering": {"size_mib": 1, "interval_seconds": 1}})).await;
        let records = [r#"{"id": 1, "region": "eu"}"#, r#"{"id": 2, "region": "eu"}"#];
        let (_, first) = put(&app, "clicks", &records, Some("batch-1")).await;
        let (_, again) = put(&app, "clicks", &records, Some("batch-1")).await;
        assert_eq!(first, again, "a retry before delivery");
        assert_eq!(until_count(&app, "SELECT COUNT(*) AS n FROM web.clicks", 2).await, 2);
        let (_, after) = put(&app, "clicks", &records, Some("batch-1")).await;
        assert_eq!(first, after, "a retry after delivery");
        let (_, other) = put(&app, "clicks", &records, Some("batch-2")).await;
        assert_ne!(first, other);
        assert_eq!(until_count(&app, "SELECT COUNT(*) AS n FROM web.clicks", 4).await, 4);
        tokio::time::sleep(Duration::from_millis(1500)).await;
        assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM web.clicks").await, 4, "never doubled");
    })
    .await;
}

#[tokio::test]
async fn bad_stream_definitions_and_batches_are_refused_with_clear_codes() {
    let app = TestApp::sqlite().await;
    app.create_database("web").await;
    let (status, body) = app.post("/v1/streams", json!({"name": "s", "database": "web", "table": "missing"})).await;
    assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "not_found"), "no table and no schema: {body}");
    clicks_in_existing_db(&app).await;
    for buffering in [json!({"size_mib": 0, "interval_seconds": 1}), json!({"size_mib": 1, "interval_seconds": 901})] {
        let body = json!({"name": "s", "database": "web", "table": "clicks", "buffering": buffering});
        let (status, body) = app.post("/v1/streams", body).await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_request"), "{body}");
    }
    let body = json!({"name": "clicks", "database": "web", "table": "clicks"});
    assert_eq!(app.post("/v1/streams", body).await.0, StatusCode::CONFLICT);

    let many: Vec<String> = (0..501).map(|i| format!("{{\"id\": {i}}}")).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    let (status, body) = put(&app, "clicks", &many, None).await;
    assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "batch_too_large"), "{body}");
    let large = "y".repeat(900 << 10);
    let five: Vec<&str> = vec![large.as_str(); 5];
    let (status, body) = put(&app, "clicks", &five, None).await;
    assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "batch_too_large"), "{body}");
    let (status, body) = put(&app, "nothing", &["{}"], None).await;
    assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "not_found"), "{body}");
    let request =
        app.request(Method::POST, "/v1/streams/clicks/records").header("content-type", "text/plain").body("x");
    assert_eq!(app.send(request).await.0, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let request = app.request(Method::POST, "/v1/streams/clicks/records").json(&json!({"records": []}));
    assert_eq!(app.send(request).await.0, StatusCode::BAD_REQUEST);

    // Without INSERT on the table a user can neither create a stream on it nor put into it.
    let ana = app.user("ana").await;
    let (status, _) = put(&ana, "clicks", &["{}"], None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "the table is hidden from ana, so is the stream");
    let grant = json!({"principal": "user:ana", "privileges": ["DESCRIBE"], "resource": {"table": {"database": "web", "name": "clicks"}}});
    assert_eq!(app.post("/v1/grants", grant).await.0, StatusCode::CREATED);
    let (status, body) = put(&ana, "clicks", &["{}"], None).await;
    assert_eq!((status, code(&body)), (StatusCode::FORBIDDEN, "forbidden"), "{body}");
    let body = json!({"name": "anas", "database": "web", "table": "clicks"});
    let (status, body) = ana.post("/v1/streams", body).await;
    assert_eq!((status, code(&body)), (StatusCode::FORBIDDEN, "forbidden"), "{body}");
    assert_eq!(ana.get("/v1/streams/clicks").await.0, StatusCode::NOT_FOUND, "not ana's stream");
    let grant = json!({"principal": "user:ana", "privileges": ["INSERT"], "resource": {"table": {"database": "web", "name": "clicks"}}});
    assert_eq!(app.post("/v1/grants", grant).await.0, StatusCode::CREATED);
    let (status, body) = put(&ana, "clicks", &[r#"{"id": 1}"#], None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(ana.delete("/v1/streams/clicks").await.0, StatusCode::FORBIDDEN, "no ALTER");
    assert_eq!(app.delete("/v1/streams/clicks").await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.get("/v1/streams/clicks").await.0, StatusCode::NOT_FOUND);
}

async fn clicks_in_existing_db(app: &TestApp) {
    let body = json!({
        "name": "clicks", "database": "web", "table": "clicks",
        "schema": {"columns": [{"name": "id", "type": "int64"}]},
    });
    let (status, body) = app.post("/v1/streams", body).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

#[tokio::test]
async fn records_acknowledged_before_a_restart_are_delivered_after_it_once() {
    let mut app = TestApp::sqlite().await;
    // Never due before the restart: the records are only in the log.
    clicks(&app, json!({"buffering": {"size_mib": 128, "interval_seconds": 2}})).await;
    let (status, first) = put(&app, "clicks", &[r#"{"id": 1, "region": "eu"}"#], Some("k1")).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    put(&app, "clicks", &[r#"{"id": 2, "region": "eu"}"#, r#"{"id": 3, "region": "us"}"#], None).await;
    app.stop().await.unwrap();
    app.restart().await;
    let (_, again) = put(&app, "clicks", &[r#"{"id": 1, "region": "eu"}"#], Some("k1")).await;
    assert_eq!(first, again, "the key's answer is rebuilt from the log");
    assert_eq!(until_count(&app, "SELECT COUNT(*) AS n FROM web.clicks", 3).await, 3);
    // Delivered, then restarted again: nothing is delivered twice.
    app.stop().await.unwrap();
    app.restart().await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM web.clicks").await, 3);
    let (_, again) = put(&app, "clicks", &[r#"{"id": 1, "region": "eu"}"#], Some("k1")).await;
    assert_eq!(first, again, "the key's answer is in the store once delivered");
}

#[tokio::test]
async fn puts_over_the_backlog_limit_get_429_and_nothing_acknowledged_is_dropped() {
    each_backend_with(
        |c| c.streams.backlog_bytes = 64 << 10,
        |app| async move {
            clicks(&app, json!({"buffering": {"size_mib": 128, "interval_seconds": 900}})).await;
            let record = format!("{{\"id\": 1, \"page\": \"{}\", \"region\": \"eu\"}}", "p".repeat(40 << 10));
            let (status, _) = put(&app, "clicks", &[record.as_str(), record.as_str()], None).await;
            assert_eq!(status, StatusCode::OK);
            let request = app
                .request(Method::POST, "/v1/streams/clicks/records")
                .json(&json!({"records": [{"data": b64(&record)}]}));
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
            assert_eq!(response.headers()["retry-after"], "1");
            let body: Value = response.json().await.unwrap();
            assert_eq!(code(&body), "stream_backlog");
            let (_, shown) = app.get("/v1/streams/clicks").await;
            assert_eq!(shown["status"]["buffered_records"], 2, "{shown}");
        },
    )
    .await;
}
