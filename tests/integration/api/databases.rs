//! `/v1/databases`: CRUD, pagination, cascade.

use reqwest::StatusCode;
use serde_json::json;

use crate::support::{code, each_backend};

#[tokio::test]
async fn create_get_update_list_and_delete_a_database() {
    each_backend(|app| async move {
        let (status, body) = app
            .post(
                "/v1/databases",
                json!({"name": "sales", "description": "Sales", "location": "s3://lake/sales",
                "parameters": {"team": "revenue"}}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert_eq!(body["created_by"], "user:admin");

        let (status, body) = app.get("/v1/databases/sales").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["description"], "Sales");
        assert_eq!(body["parameters"]["team"], "revenue");

        // A value sets, null clears, absent keeps.
        let (status, body) =
            app.patch("/v1/databases/sales", None, json!({"description": null, "parameters": {}})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["description"], serde_json::Value::Null);
        assert_eq!(body["location"], "s3://lake/sales");
        assert_eq!(body["parameters"], json!({}));

        let (status, body) = app.post("/v1/databases", json!({"name": "sales"})).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(code(&body), "already_exists");

        let (status, _) = app.delete("/v1/databases/sales").await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, body) = app.get("/v1/databases/sales").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(code(&body), "not_found");
        let (status, _) = app.delete("/v1/databases/sales").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    })
    .await;
}

#[tokio::test]
async fn lists_page_through_every_database_in_name_order() {
    each_backend(|app| async move {
        for name in ["e", "a", "d", "b", "c"] {
            app.create_database(name).await;
        }
        let mut seen = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let mut path = "/v1/databases?max_results=2".to_owned();
            if let Some(t) = &token {
                path.push_str(&format!("&page_token={t}"));
            }
            let (status, body) = app.get(&path).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            let page = body["databases"].as_array().unwrap();
            assert!(page.len() <= 2);
            seen.extend(page.iter().map(|d| d["name"].as_str().unwrap().to_owned()));
            match body["next_page_token"].as_str() {
                Some(t) => token = Some(t.to_owned()),
                None => break,
            }
        }
        assert_eq!(seen, ["a", "b", "c", "d", "e"]);
    })
    .await;
}

#[tokio::test]
async fn a_non_empty_database_is_only_deleted_with_cascade() {
    each_backend(|app| async move {
        app.create_database("sales").await;
        app.create_table(
            "sales",
            json!({"name": "orders", "columns": [{"name": "id", "type": "int64"}],
            "partition_keys": [{"name": "year", "type": "int32"}]}),
        )
        .await;
        let (status, _) =
            app.post("/v1/databases/sales/tables/orders/partitions", json!({"partitions": [{"values": [2024]}]})).await;
        assert_eq!(status, StatusCode::CREATED);

        let (status, body) = app.delete("/v1/databases/sales").await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(code(&body), "database_not_empty");
        let (status, _) = app.get("/v1/databases/sales/tables/orders").await;
        assert_eq!(status, StatusCode::OK, "refused delete must leave everything in place");

        let (status, _) = app.delete("/v1/databases/sales?cascade=true").await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, _) = app.get("/v1/databases/sales").await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // A new namesake starts empty: nothing of the old one survived.
        app.create_database("sales").await;
        app.create_table(
            "sales",
            json!({"name": "orders", "columns": [{"name": "id", "type": "int64"}],
            "partition_keys": [{"name": "year", "type": "int32"}]}),
        )
        .await;
        let (_, body) = app.get("/v1/databases/sales/tables/orders/partitions").await;
        assert_eq!(body["partitions"], json!([]));
        let (_, body) = app.get("/v1/databases/sales/tables/orders/versions").await;
        assert_eq!(body["versions"].as_array().unwrap().len(), 1);
    })
    .await;
}
