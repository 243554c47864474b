//! Data filters: row predicates and column lists, granted as SELECT.

use reqwest::StatusCode;
use serde_json::json;

use crate::support::{code, each_backend};

const FILTERS: &str = "/v1/databases/sales/tables/orders/data-filters";

#[tokio::test]
async fn a_grant_on_a_data_filter_gives_its_rows_and_columns() {
    each_backend(|app| async move {
        app.create_database("sales").await;
        app.create_table(
            "sales",
            json!({"name": "orders", "columns": [
            {"name": "id", "type": "int64"}, {"name": "region", "type": "utf8"}, {"name": "salary", "type": "int64"}]}),
        )
        .await;
        for (body, expected) in [
            (json!({"name": "bad", "row_filter": "region = "}), "invalid_filter"),
            (json!({"name": "bad", "row_filter": "salery > 0"}), "invalid_filter"),
            (json!({"name": "bad", "row_filter": "region IN (SELECT x FROM t)"}), "invalid_filter"),
            (json!({"name": "bad", "row_filter": "1=1; DROP TABLE grants"}), "invalid_filter"),
            (json!({"name": "bad", "columns": ["nope"]}), "invalid_request"),
            (json!({"name": "Bad", "row_filter": "region = 'EU'"}), "invalid_name"),
        ] {
            let (status, problem) = app.post(FILTERS, body.clone()).await;
            assert_eq!((status, code(&problem)), (StatusCode::BAD_REQUEST, expected), "{body}: {problem}");
        }
        let (status, body) = app
            .post(FILTERS, json!({"name": "eu_only", "row_filter": "region = 'EU'", "excluded_columns": ["salary"]}))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let (status, _) = app.post(FILTERS, json!({"name": "eu_only"})).await;
        assert_eq!(status, StatusCode::CONFLICT);

        let olga = app.user("olga").await;
        let (status, _) = olga.get(&format!("{FILTERS}/eu_only")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let grant = json!({"principal": "user:olga", "privileges": ["SELECT"],
            "resource": {"data_filter": {"database": "sales", "table": "orders", "name": "eu_only"}}});
        let (status, body) = app.post("/v1/grants", grant.clone()).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let (status, table) = olga.get("/v1/databases/sales/tables/orders").await;
        assert_eq!(status, StatusCode::OK);
        let names: Vec<&str> =
            table["columns"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["id", "region"]);
        let (_, effective) = olga.get("/v1/permissions/effective?database=sales&table=orders").await;
        assert_eq!(effective["rows"], "filtered");
        assert_eq!(effective["row_filters"], json!(["region = 'EU'"]));
        let (_, filter) = olga.get(&format!("{FILTERS}/eu_only")).await;
        assert_eq!(filter["excluded_columns"], json!([]), "olga may not learn the hidden column's name");
        let (_, filter) = app.get(&format!("{FILTERS}/eu_only")).await;
        assert_eq!(filter["excluded_columns"], json!(["salary"]));
        let (status, _) = olga.delete(&format!("{FILTERS}/eu_only")).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "reading is not altering");

        // A plain table grant as well: all rows (the union of what the grants admit).
        app.post(
            "/v1/grants",
            json!({"principal": "user:olga", "privileges": ["SELECT"],
            "resource": {"table": {"database": "sales", "name": "orders", "columns": ["id"]}}}),
        )
        .await;
        let (_, effective) = olga.get("/v1/permissions/effective?database=sales&table=orders").await;
        assert_eq!(effective["rows"], "all");

        let (status, _) = app
            .post(
                "/v1/grants",
                json!({"principal": "user:olga", "privileges": ["SELECT"],
            "resource": {"data_filter": {"database": "sales", "table": "orders", "name": "nosuch"}}}),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = app.delete(&format!("{FILTERS}/eu_only")).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (_, grants) = app.get("/v1/grants?principal=user:olga").await;
        assert_eq!(grants["grants"].as_array().unwrap().len(), 1, "the filter's grant went with it: {grants}");
    })
    .await;
}
