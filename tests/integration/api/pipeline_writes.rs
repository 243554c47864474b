//! Write modes: overwrite replaces the whole table, overwrite_partitions only the partitions in
//! the output, merge upserts and deletes by key - each in one commit.

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::files::put;
use super::pipelines::{create, run};
use super::query::rows;
use crate::support::{TestApp, each_backend, moto};

async fn landing(app: &TestApp) {
    app.create_database("shop").await;
    app.create_table(
        "shop",
        json!({"name": "orders", "zone": "raw", "format": "csv", "format_options": {"header": "true"},
               "columns": [{"name": "id", "type": "int64"}, {"name": "amount", "type": "float64"}, {"name": "op", "type": "utf8"}],
               "partition_keys": [{"name": "day", "type": "utf8"}]}),
    )
    .await;
    upload(app, "d1", "a.csv", "id,amount,op\n1,10,U\n2,20,U\n3,30,U\n").await;
    upload(app, "d2", "a.csv", "id,amount,op\n4,40,U\n5,50,U\n").await;
}

async fn upload(app: &TestApp, day: &str, name: &str, csv: &'static str) {
    let path = format!("/v1/databases/shop/tables/orders/files/{name}?partition=day={day}");
    let (status, body) = put(&app.admin, &path, csv).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

async fn replace(app: &TestApp, name: &str, body: Value) {
    let (_, current) = app.get(&format!("/v1/pipelines/{name}")).await;
    let request = app
        .admin
        .request(reqwest::Method::PUT, &format!("/v1/pipelines/{name}"))
        .header("If-Match", current["etag"].as_str().unwrap())
        .json(&body);
    let (status, answer) = app.admin.send(request).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
}

fn writing(sql: &str, table: &str, mode: &str, extra: Value) -> Value {
    let mut write = json!({"name": "out", "kind": "write", "input": "src", "table": table, "mode": mode});
    for (k, v) in extra.as_object().unwrap() {
        write[k] = v.clone();
    }
    json!({"steps": [{"name": "src", "kind": "sql", "sql": sql}, write]})
}

fn ids(rows: Vec<Value>) -> Vec<i64> {
    rows.iter().map(|r| r["id"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn overwrite_replaces_the_table_and_overwrite_partitions_only_the_partitions_written() {
    each_backend(|app| async move {
        landing(&app).await;
        // Unpartitioned, overwrite: the second run's output is all there is.
        let mut body = writing("SELECT id, amount FROM shop.orders", "shop.snapshot", "overwrite", json!({}));
        body["name"] = json!("snap");
        assert_eq!(create(&app.admin, body).await.0, StatusCode::CREATED);
        assert_eq!(run(&app.admin, "snap").await["status"], "succeeded");
        assert_eq!(run(&app.admin, "snap").await["status"], "succeeded");
        assert_eq!(ids(rows(&app.admin, "SELECT id FROM shop.snapshot ORDER BY id").await), vec![1, 2, 3, 4, 5]);
        replace(
            &app,
            "snap",
            writing("SELECT id, amount FROM shop.orders WHERE amount > 25", "shop.snapshot", "overwrite", json!({})),
        )
        .await;
        assert_eq!(run(&app.admin, "snap").await["status"], "succeeded");
        assert_eq!(ids(rows(&app.admin, "SELECT id FROM shop.snapshot ORDER BY id").await), vec![3, 4, 5]);
        // Partitioned, overwrite_partitions: d2 is replaced, d1 stays as it was.
        let daily = |sql: &str| writing(sql, "shop.by_day", "overwrite_partitions", json!({"partition_keys": ["day"]}));
        let mut body = daily("SELECT id, amount, day FROM shop.orders");
        body["name"] = json!("days");
        assert_eq!(create(&app.admin, body).await.0, StatusCode::CREATED);
        assert_eq!(run(&app.admin, "days").await["status"], "succeeded");
        upload(&app, "d2", "b.csv", "id,amount,op\n6,60,U\n").await;
        replace(&app, "days", daily("SELECT id, amount, day FROM shop.orders WHERE day = 'd2'")).await;
        assert_eq!(run(&app.admin, "days").await["status"], "succeeded");
        assert_eq!(run(&app.admin, "days").await["status"], "succeeded");
        let by_day = rows(&app.admin, "SELECT day, COUNT(*) AS n FROM shop.by_day GROUP BY day ORDER BY day").await;
        assert_eq!(by_day, vec![json!({"day": "d1", "n": 3}), json!({"day": "d2", "n": 3})]);
        // A whole-table overwrite of a partitioned table drops the partitions it does not write.
        replace(
            &app,
            "days",
            writing(
                "SELECT id, amount, day FROM shop.orders WHERE day = 'd1'",
                "shop.by_day",
                "overwrite",
                json!({"partition_keys": ["day"]}),
            ),
        )
        .await;
        assert_eq!(run(&app.admin, "days").await["status"], "succeeded");
        let (_, parts) = app.get("/v1/databases/shop/tables/by_day/partitions").await;
        assert_eq!(parts["partitions"].as_array().unwrap().len(), 1, "{parts}");
        assert_eq!(ids(rows(&app.admin, "SELECT id FROM shop.by_day ORDER BY id").await), vec![1, 2, 3]);
    })
    .await;
}

#[tokio::test]
async fn merge_upserts_and_deletes_by_key() {
    each_backend(|app| async move {
        landing(&app).await;
        let merge =
            |sql: &str| writing(sql, "shop.current", "merge", json!({"keys": ["id"], "delete_when": "op = 'D'"}));
        let mut body = merge("SELECT id, amount, op FROM shop.orders WHERE day = 'd1'");
        body["name"] = json!("upsert");
        assert_eq!(create(&app.admin, body).await.0, StatusCode::CREATED);
        assert_eq!(run(&app.admin, "upsert").await["status"], "succeeded");
        assert_eq!(ids(rows(&app.admin, "SELECT id FROM shop.current ORDER BY id").await), vec![1, 2, 3]);
        // Changes: 2 updated, 3 deleted, 7 new.
        upload(&app, "d3", "c.csv", "id,amount,op\n2,22,U\n3,0,D\n7,70,U\n").await;
        replace(&app, "upsert", merge("SELECT id, amount, op FROM shop.orders WHERE day = 'd3'")).await;
        assert_eq!(run(&app.admin, "upsert").await["status"], "succeeded");
        let current = rows(&app.admin, "SELECT id, amount FROM shop.current ORDER BY id").await;
        assert_eq!(
            current,
            vec![json!({"id": 1, "amount": 10.0}), json!({"id": 2, "amount": 22.0}), json!({"id": 7, "amount": 70.0})]
        );
        // Merging the same changes again changes nothing.
        assert_eq!(run(&app.admin, "upsert").await["status"], "succeeded");
        assert_eq!(rows(&app.admin, "SELECT id, amount FROM shop.current ORDER BY id").await, current);
    })
    .await;
}

#[tokio::test]
async fn pipelines_publish_into_an_s3_lake() {
    if !moto::available() {
        return;
    }
    let bucket = moto::bucket().await;
    let b = bucket.clone();
    let app = TestApp::sqlite_with(move |c| moto::use_s3(c, &b)).await;
    landing(&app).await;
    let mut body = writing(
        "SELECT id, amount, day FROM shop.orders",
        "shop.by_day",
        "overwrite_partitions",
        json!({"partition_keys": ["day"]}),
    );
    body["name"] = json!("days");
    assert_eq!(create(&app.admin, body).await.0, StatusCode::CREATED);
    for _ in 0..2 {
        let done = run(&app.admin, "days").await;
        assert_eq!(done["status"], "succeeded", "{done}");
    }
    assert_eq!(ids(rows(&app.admin, "SELECT id FROM shop.by_day ORDER BY id").await), vec![1, 2, 3, 4, 5]);
    let keys = moto::keys(&bucket, "lake/cleaned/shop/by_day/").await;
    assert_eq!(keys.len(), 4, "two generations of two partitions: {keys:?}");
    assert!(keys.iter().all(|k| k.contains("/_part-") && k.ends_with(".parquet")), "{keys:?}");
    assert!(moto::keys(&bucket, "lake/_tarn/").await.is_empty(), "no staging left");
}
