//! `/v1/tags` and tag-expression grants (Lake Formation's LF-Tags).

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{TestApp, code, each_backend};

async fn put(app: &TestApp, path: &str, body: Value) -> (StatusCode, Value) {
    app.send(app.request(Method::PUT, path).json(&body)).await
}

fn column_names(table: &Value) -> Vec<String> {
    table["columns"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn tag_keys_have_allowed_values() {
    each_backend(|app| async move {
        let (status, body) = app.post("/v1/tags", json!({"key": "domain", "values": ["sales", "marketing"]})).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let (status, body) = app.post("/v1/tags", json!({"key": "domain", "values": ["x"]})).await;
        assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "already_exists"));
        let (status, _) = app.post("/v1/tags", json!({"key": "Bad-Key", "values": ["x"]})).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, _) = app.post("/v1/tags", json!({"key": "empty", "values": []})).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let kim = app.user("kim").await;
        let (status, _) = kim.post("/v1/tags", json!({"key": "mine", "values": ["x"]})).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, body) = kim.get("/v1/tags/domain").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["values"], json!(["marketing", "sales"]));

        app.create_database("sales").await;
        let (status, body) = put(&app, "/v1/databases/sales/tags", json!({"tags": {"domain": "finance"}})).await;
        // A key=value pair that is not defined is a missing resource, like an unknown key.
        assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "not_found"), "a value outside the allowed set");
        let (status, body) = put(&app, "/v1/databases/sales/tags", json!({"tags": {"nokey": "x"}})).await;
        assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "not_found"), "an unknown key");
        let (status, _) = put(&app, "/v1/databases/sales/tags", json!({"tags": {"domain": "sales"}})).await;
        assert_eq!(status, StatusCode::OK);
        let (status, body) = app.patch("/v1/tags/domain", None, json!({"values": ["marketing"]})).await;
        assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "conflict"), "`sales` is in use");
        let (status, _) = app.patch("/v1/tags/domain", None, json!({"values": ["sales", "marketing", "hr"]})).await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = put(&app, "/v1/databases/sales/tags", json!({"tags": {"domain": "hr"}})).await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) =
            kim.send(kim.request(Method::PUT, "/v1/databases/sales/tags").json(&json!({"tags": {}}))).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "kim cannot see the database");
    })
    .await;
}

#[tokio::test]
async fn a_tag_expression_grant_covers_matching_tables_and_columns_including_future_ones() {
    each_backend(|app| async move {
        app.post("/v1/tags", json!({"key": "domain", "values": ["sales", "marketing"]})).await;
        app.post("/v1/tags", json!({"key": "sensitivity", "values": ["public", "internal", "pii"]})).await;
        app.create_database("sales").await;
        app.create_database("marketing").await;
        put(&app, "/v1/databases/sales/tags", json!({"tags": {"domain": "sales"}})).await;
        put(&app, "/v1/databases/marketing/tags", json!({"tags": {"domain": "marketing"}})).await;
        let columns = json!([{"name": "id", "type": "int64"}, {"name": "email", "type": "utf8"}, {"name": "amount", "type": "float64"}]);
        for (db, table) in [("sales", "orders"), ("sales", "untagged"), ("marketing", "campaigns")] {
            app.create_table(db, json!({"name": table, "columns": columns})).await;
        }
        let (status, body) = put(&app, "/v1/databases/sales/tables/orders/tags",
            json!({"tags": {"sensitivity": "internal"}, "column_tags": {"email": {"sensitivity": "pii"}}})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        put(&app, "/v1/databases/marketing/tables/campaigns/tags", json!({"tags": {"sensitivity": "internal"}})).await;

        app.post("/v1/principals/groups", json!({"name": "analysts"})).await;
        let lee = app.user("lee").await;
        app.send(app.request(Method::PUT, "/v1/principals/groups/analysts/members/user:lee")).await;
        let (status, body) = app.post("/v1/grants", json!({"principal": "group:analysts", "privileges": ["SELECT"],
            "resource": {"tag_expression": {"resource_type": "table", "tags": {"domain": ["sales"], "sensitivity": ["public", "internal"]}}}})).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");

        // Matching table, without the column tagged pii.
        let (status, table) = lee.get("/v1/databases/sales/tables/orders").await;
        assert_eq!(status, StatusCode::OK, "{table}");
        assert_eq!(column_names(&table), ["id", "amount"]);
        assert_eq!(table["tags"], json!({"sensitivity": "internal"}));
        assert_eq!(table["column_tags"], json!({}), "the hidden column's tags are hidden too");
        // No sensitivity tag, or another domain: not covered.
        for path in ["/v1/databases/sales/tables/untagged", "/v1/databases/marketing/tables/campaigns"] {
            let (status, _) = lee.get(path).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        }
        let (_, dbs) = lee.get("/v1/databases").await;
        assert_eq!(dbs["databases"].as_array().unwrap().len(), 1);
        assert_eq!(dbs["databases"][0]["name"], "sales");

        // A table created (and tagged) tomorrow is covered without a new grant.
        app.create_table("sales", json!({"name": "refunds", "columns": columns})).await;
        put(&app, "/v1/databases/sales/tables/refunds/tags", json!({"tags": {"sensitivity": "public"}})).await;
        let (status, table) = lee.get("/v1/databases/sales/tables/refunds").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(column_names(&table), ["id", "email", "amount"]);
        let (_, list) = lee.get("/v1/databases/sales/tables").await;
        let names: Vec<&str> = list["tables"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["orders", "refunds"]);

        let (_, effective) = lee.get("/v1/permissions/effective?database=sales&table=orders").await;
        assert_eq!(effective["privileges"][0]["privilege"], "SELECT");
        assert!(effective["privileges"][0]["because"][0].as_str().unwrap().starts_with("grant on tags:table:"), "{effective}");
        let columns: Vec<&str> = effective["columns"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
        assert_eq!(columns, ["id", "amount"], "a non-admin learns nothing of hidden columns");
        let (_, as_admin) = app.get("/v1/permissions/effective?principal=user:lee&database=sales&table=orders").await;
        let email = as_admin["columns"].as_array().unwrap().iter().find(|c| c["name"] == "email").unwrap().clone();
        assert_eq!(email["select"], false);
        // Retagging the column out of pii shows it on the next request.
        put(&app, "/v1/databases/sales/tables/orders/tags", json!({"tags": {"sensitivity": "internal"}})).await;
        let (_, table) = lee.get("/v1/databases/sales/tables/orders").await;
        assert_eq!(column_names(&table), ["id", "email", "amount"]);
        let (status, _) = app.delete("/v1/tags/sensitivity").await;
        assert_eq!(status, StatusCode::CONFLICT, "a grant still uses the key");
    })
    .await;
}
