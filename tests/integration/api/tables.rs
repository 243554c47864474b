//! `/v1/databases/{db}/tables`: definitions, business metadata, ETags.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{code, each_backend};

pub fn orders() -> Value {
    json!({
        "name": "orders",
        "description": "One row per order",
        "zone": "curated",
        "format": "csv",
        "format_options": {"delimiter": ";", "header": "true"},
        "location": "s3://lake/curated/sales/orders/",
        "columns": [
            {"name": "id", "type": "int64", "nullable": false, "description": "Order id"},
            {"name": "amount", "type": "decimal(12,2)", "sensitivity": "internal"},
            {"name": "email", "type": "utf8", "sensitivity": "pii"},
            {"name": "placed_at", "type": "timestamp(us, UTC)"},
            {"name": "lines", "type": "list<struct<sku: utf8, qty: int32 not null>>"},
            {"name": "attrs", "type": "map<utf8, utf8>"}
        ],
        "partition_keys": [{"name": "year", "type": "int32"}, {"name": "region", "type": "utf8"}],
        "business": {"owner": "sales-eng", "steward": "alice", "domain": "sales",
                     "classification": "confidential", "properties": {"sla": "daily"}}
    })
}

#[tokio::test]
async fn a_table_keeps_its_whole_definition_and_business_metadata() {
    each_backend(|app| async move {
        app.create_database("sales").await;
        let created = app.create_table("sales", orders()).await;
        assert_eq!(created["version"], 1);

        let response = app.request(reqwest::Method::GET, "/v1/databases/sales/tables/orders").send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let etag = response.headers()["etag"].to_str().unwrap().to_owned();
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["etag"], etag);
        assert_eq!(body["zone"], "curated");
        assert_eq!(body["format"], "csv");
        assert_eq!(body["format_options"]["delimiter"], ";");
        assert_eq!(body["columns"][1]["type"], "decimal(12,2)");
        assert_eq!(body["columns"][2]["sensitivity"], "pii");
        assert_eq!(body["columns"][0]["nullable"], false);
        assert_eq!(body["columns"][0]["description"], "Order id");
        assert_eq!(body["columns"][3]["type"], "timestamp(us, UTC)");
        assert_eq!(body["columns"][4]["type"], "list<struct<sku: utf8, qty: int32 not null>>");
        assert_eq!(body["partition_keys"][0]["name"], "year");
        assert_eq!(body["business"]["steward"], "alice");
        assert_eq!(body["business"]["classification"], "confidential");
        assert_eq!(body["business"]["properties"]["sla"], "daily");
        assert_eq!(body["created_by"], "user:admin");
    })
    .await;
}

#[tokio::test]
async fn tables_are_listed_paginated_and_deleted() {
    each_backend(|app| async move {
        app.create_database("sales").await;
        app.create_database("other").await;
        for name in ["c", "a", "b"] {
            app.create_table("sales", json!({"name": name, "columns": [{"name": "x", "type": "int8"}]})).await;
        }
        app.create_table("other", json!({"name": "z", "columns": []})).await;
        let (_, body) = app.get("/v1/databases/sales/tables?max_results=2").await;
        let names: Vec<&str> = body["tables"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["a", "b"]);
        let token = body["next_page_token"].as_str().unwrap();
        let (_, body) = app.get(&format!("/v1/databases/sales/tables?max_results=2&page_token={token}")).await;
        assert_eq!(body["tables"][0]["name"], "c");
        assert_eq!(body["next_page_token"], Value::Null);
        // A token of one database's listing is refused for another's.
        let (status, body) = app.get(&format!("/v1/databases/other/tables?page_token={token}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(code(&body), "invalid_page_token");

        let (status, _) = app.delete("/v1/databases/sales/tables/b").await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, _) = app.get("/v1/databases/sales/tables/b").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = app.get("/v1/databases/nope/tables").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, body) = app.post("/v1/databases/nope/tables", json!({"name": "t", "columns": []})).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    })
    .await;
}

#[tokio::test]
async fn creating_an_existing_table_is_a_conflict() {
    each_backend(|app| async move {
        app.create_database("sales").await;
        app.create_table("sales", orders()).await;
        let (status, body) = app.post("/v1/databases/sales/tables", orders()).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(code(&body), "already_exists");
        let (_, body) = app.get("/v1/databases/sales/tables/orders/versions").await;
        assert_eq!(body["versions"].as_array().unwrap().len(), 1);
    })
    .await;
}
