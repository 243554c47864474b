//! What a stream writes: a SQL transform over each buffer, JSON-lines output (gzip, zstd),
//! and records whose partition value cannot name a folder.

use std::time::Duration;

use base64::Engine;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{TestApp, code, each_backend};

async fn stream(app: &TestApp, name: &str, extra: Value) -> (StatusCode, Value) {
    let mut body = json!({
        "name": name, "database": "web", "table": name,
        "schema": {
            "columns": [{"name": "id", "type": "int64", "nullable": false}, {"name": "page", "type": "utf8"}],
            "partition_keys": [{"name": "region", "type": "utf8"}],
        },
        "buffering": {"size_mib": 1, "interval_seconds": 0},
    });
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    app.post("/v1/streams", body).await
}

async fn put(app: &TestApp, name: &str, records: &[Value]) {
    let engine = base64::engine::general_purpose::STANDARD;
    let records: Vec<Value> = records.iter().map(|r| json!({"data": engine.encode(r.to_string())})).collect();
    let request = app.request(Method::POST, &format!("/v1/streams/{name}/records")).json(&json!({"records": records}));
    let (status, body) = app.send(request).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

async fn rows_when(app: &TestApp, sql: &str, count: usize) -> Vec<Value> {
    let mut rows = Vec::new();
    for _ in 0..200 {
        let (status, body) = app.post("/v1/query", json!({"sql": sql})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        rows = body["rows"].as_array().cloned().unwrap_or_default();
        if rows.len() == count {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    rows
}

fn records(n: i64) -> Vec<Value> {
    (1..=n)
        .map(|id| json!({"id": id, "page": format!("/p{id}"), "region": if id % 2 == 0 { "eu" } else { "us" }}))
        .collect()
}

#[tokio::test]
async fn a_transform_filters_and_derives_each_buffer_and_a_record_it_fails_on_goes_to_the_error_table() {
    each_backend(|app| async move {
        app.create_database("web").await;
        let transform = "SELECT id, upper(page) AS page, region FROM records WHERE 10 / (id - 3) <> 1";
        let (status, body) = stream(&app, "clicks", json!({"transform": transform})).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        put(&app, "clicks", &records(6)).await;
        let rows = rows_when(&app, "SELECT id, page FROM web.clicks ORDER BY id", 5).await;
        // id 3 divides by zero (that record alone fails), id 13 would give 1; 1,2,4,5,6 stay.
        let ids: Vec<i64> = rows.iter().map(|r| r["id"].as_i64().unwrap()).collect();
        assert_eq!(ids, [1, 2, 4, 5, 6], "{rows:?}");
        assert_eq!(rows[0]["page"], "/P1");
        let errors = rows_when(&app, "SELECT error_kind, raw FROM web.clicks_errors", 1).await;
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0]["error_kind"], "transform");
        assert!(errors[0]["raw"].as_str().unwrap().contains("\"id\":3"), "{errors:?}");
    })
    .await;
}

#[tokio::test]
async fn a_transform_that_reaches_past_its_records_is_refused_and_leaves_nothing() {
    let app = TestApp::sqlite().await;
    app.create_database("web").await;
    for transform in ["SELECT * FROM web.other", "SELECT id FROM records", "DROP TABLE records"] {
        let (status, body) = stream(&app, "clicks", json!({"transform": transform})).await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_request"), "{transform}: {body}");
    }
    assert_eq!(
        app.get("/v1/databases/web/tables/clicks").await.0,
        StatusCode::NOT_FOUND,
        "the table made for it is gone"
    );
    assert_eq!(app.get("/v1/streams/clicks").await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn json_lines_output_is_compressed_per_partition_and_queryable() {
    each_backend(|app| async move {
        app.create_database("web").await;
        for (name, compression, suffix) in [("gz_lines", "gzip", ".json.gz"), ("zst_lines", "zstd", ".json.zst")] {
            let output = json!({"output": {"format": "json_lines", "compression": compression}});
            let (status, body) = stream(&app, name, output).await;
            assert_eq!(status, StatusCode::CREATED, "{body}");
            assert_eq!(body["output"], json!({"format": "json_lines", "compression": compression}));
            put(&app, name, &records(4)).await;
            let sql = format!("SELECT id, page, region FROM web.{name} ORDER BY id");
            let rows = rows_when(&app, &sql, 4).await;
            assert_eq!(rows.len(), 4, "{rows:?}");
            assert_eq!(rows[1], json!({"id": 2, "page": "/p2", "region": "eu"}));
            let (_, table) = app.get(&format!("/v1/databases/web/tables/{name}")).await;
            assert_eq!(table["format"], "json", "{table}");
            let folder = app.data_dir().join(format!("lake/raw/web/{name}/region=eu"));
            let files: Vec<String> = std::fs::read_dir(&folder)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            assert!(files.iter().all(|f| f.ends_with(suffix) && f.starts_with(name)), "{files:?}");
        }
        // A Parquet table cannot take JSON lines.
        let body = json!({"name": "mixed", "database": "web", "table": "gz_lines", "error_table": "mixed_errors"});
        let (status, body) = app.post("/v1/streams", body).await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_request"), "{body}");
    })
    .await;
}

#[tokio::test]
async fn a_partition_value_that_cannot_name_a_folder_fails_that_record_only() {
    let app = TestApp::sqlite().await;
    app.create_database("web").await;
    let (status, body) = stream(&app, "clicks", json!({})).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    put(
        &app,
        "clicks",
        &[json!({"id": 1, "region": "eu"}), json!({"id": 2, "region": "../x"}), json!({"id": 3, "region": "a=b"})],
    )
    .await;
    let rows = rows_when(&app, "SELECT id FROM web.clicks", 1).await;
    assert_eq!(rows, [json!({"id": 1})]);
    let errors = rows_when(&app, "SELECT error_kind FROM web.clicks_errors", 2).await;
    assert_eq!(errors, [json!({"error_kind": "partition"}), json!({"error_kind": "partition"})]);
}
