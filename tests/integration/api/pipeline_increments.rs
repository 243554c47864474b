//! Incremental inputs (job bookmarks) and data triggers: a run reads only the files committed
//! since the last successful one, a failed run does not move the bookmark, a reset reads
//! everything again, and committed files start runs in batches.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::files::put;
use super::pipelines::{create, finished_runs, run};
use super::query::rows;
use crate::support::{TestApp, each_backend, each_backend_with};

async fn landing(app: &TestApp) {
    app.create_database("shop").await;
    app.create_table(
        "shop",
        json!({"name": "orders", "zone": "raw", "format": "csv", "format_options": {"header": "true"},
               "columns": [{"name": "id", "type": "int64"}, {"name": "amount", "type": "float64"}]}),
    )
    .await;
}

async fn upload(app: &TestApp, name: &str, ids: std::ops::Range<i64>) {
    let mut csv = String::from("id,amount\n");
    for id in ids {
        csv.push_str(&format!("{id},{}.5\n", id * 10));
    }
    let (status, body) = put(&app.admin, &format!("/v1/databases/shop/tables/orders/files/{name}"), csv).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

fn copy(extra: Value) -> Value {
    let mut body = json!({
        "name": "orders_copy",
        "steps": [
            {"name": "new", "kind": "sql", "sql": "SELECT id, amount FROM shop.orders"},
            {"name": "checked", "kind": "validate", "input": "new", "rules": [{"rule": "ColumnValues \"id\" < 100"}]},
            {"name": "out", "kind": "write", "input": "checked", "table": "shop.orders_clean"}
        ],
        "incremental": ["shop.orders"]
    });
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    body
}

fn rows_out(run: &Value) -> i64 {
    run["steps"].as_array().unwrap().iter().find(|s| s["name"] == "out").map_or(-1, |s| s["rows_out"].as_i64().unwrap())
}

#[tokio::test]
async fn a_run_reads_only_the_files_committed_since_the_last_successful_one() {
    each_backend(|app| async move {
        landing(&app).await;
        upload(&app, "a.csv", 1..4).await;
        assert_eq!(create(&app.admin, copy(json!({}))).await.0, StatusCode::CREATED);
        let first = run(&app.admin, "orders_copy").await;
        assert_eq!((first["status"].as_str(), rows_out(&first)), (Some("succeeded"), 3), "{first}");
        upload(&app, "b.csv", 4..6).await;
        let second = run(&app.admin, "orders_copy").await;
        assert_eq!((second["status"].as_str(), rows_out(&second)), (Some("succeeded"), 2), "{second}");
        // Nothing new: nothing read.
        let third = run(&app.admin, "orders_copy").await;
        assert_eq!(rows_out(&third), 0, "{third}");
        // A failing run does not move the bookmark: the bad file is read again next time.
        upload(&app, "c.csv", 100..102).await;
        assert_eq!(run(&app.admin, "orders_copy").await["status"], "failed");
        let (_, current) = app.get("/v1/pipelines/orders_copy").await;
        let mut fixed = copy(json!({}));
        fixed.as_object_mut().unwrap().remove("name");
        fixed["steps"][1]["rules"] = json!([{"rule": "ColumnValues \"id\" < 1000"}]);
        let request = app
            .admin
            .request(reqwest::Method::PUT, "/v1/pipelines/orders_copy")
            .header("If-Match", current["etag"].as_str().unwrap())
            .json(&fixed);
        assert_eq!(app.admin.send(request).await.0, StatusCode::OK);
        let retried = run(&app.admin, "orders_copy").await;
        assert_eq!((retried["status"].as_str(), rows_out(&retried)), (Some("succeeded"), 2), "{retried}");
        let ids = rows(&app.admin, "SELECT id FROM shop.orders_clean ORDER BY id").await;
        assert_eq!(ids.len(), 7, "{ids:?}");
        // A reset reads everything again.
        assert_eq!(app.post("/v1/pipelines/orders_copy/bookmarks/reset", json!({})).await.0, StatusCode::NO_CONTENT);
        assert_eq!(rows_out(&run(&app.admin, "orders_copy").await), 7);
    })
    .await;
}

#[tokio::test]
async fn committed_files_start_runs_in_batches() {
    each_backend_with(
        |c| c.scheduler_interval = Duration::from_millis(200),
        |app| async move {
            landing(&app).await;
            let trigger =
                json!({"triggers": [{"kind": "data", "table": "shop.orders", "batch_size": 2, "window_seconds": 600}]});
            assert_eq!(create(&app.admin, copy(trigger)).await.0, StatusCode::CREATED);
            upload(&app, "a.csv", 1..3).await;
            tokio::time::sleep(Duration::from_millis(1500)).await;
            let (_, runs) = app.get("/v1/pipelines/orders_copy/runs").await;
            assert_eq!(runs["runs"], json!([]), "one file of a batch of two starts nothing");
            upload(&app, "b.csv", 3..4).await;
            let done = finished_runs(&app.admin, "orders_copy", 1).await;
            assert_eq!(
                (done[0]["trigger"].as_str(), done[0]["status"].as_str()),
                (Some("data"), Some("succeeded")),
                "{done:?}"
            );
            assert_eq!(rows_out(&done[0]), 3);
            // A window: one file starts a run once the window passes.
            let (_, current) = app.get("/v1/pipelines/orders_copy").await;
            let mut windowed = copy(
                json!({"triggers": [{"kind": "data", "table": "shop.orders", "batch_size": 100, "window_seconds": 1}]}),
            );
            windowed.as_object_mut().unwrap().remove("name");
            let request = app
                .admin
                .request(reqwest::Method::PUT, "/v1/pipelines/orders_copy")
                .header("If-Match", current["etag"].as_str().unwrap())
                .json(&windowed);
            assert_eq!(app.admin.send(request).await.0, StatusCode::OK);
            upload(&app, "c.csv", 4..5).await;
            let done = finished_runs(&app.admin, "orders_copy", 2).await;
            assert_eq!(rows_out(&done[0]), 1, "{done:?}");
        },
    )
    .await;
}
