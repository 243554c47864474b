//! Bad input: a clear 4xx with a stable code, and nothing half-written.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{code, each_backend};

#[tokio::test]
async fn bad_table_definitions_are_refused_and_leave_nothing_behind() {
    each_backend(|app| async move {
        app.create_database("sales").await;
        let events = app.outbox_len().await;
        let column = |name: &str, ty: &str| json!({"name": name, "type": ty});
        let cases: Vec<(Value, &str)> = vec![
            (json!({"name": "Orders", "columns": []}), "invalid_name"),
            (json!({"name": "a-b", "columns": []}), "invalid_name"),
            (json!({"name": "t", "columns": [column("Bad Name", "int64")]}), "invalid_name"),
            (json!({"name": "t", "columns": [column("x", "int65")]}), "invalid_type"),
            (json!({"name": "t", "columns": [column("x", "decimal(40,2)")]}), "invalid_type"),
            (json!({"name": "t", "columns": [column("x", "list<int32")]}), "invalid_type"),
            (json!({"name": "t", "columns": [column("x", "int64"), column("x", "utf8")]}), "duplicate_column"),
            (
                json!({"name": "t", "columns": [column("x", "int64")], "partition_keys": [column("x", "int32")]}),
                "duplicate_column",
            ),
            (json!({"name": "t", "columns": [], "partition_keys": [column("p", "float64")]}), "invalid_partition_keys"),
            (json!({"name": "t", "columns": [], "colums": []}), "invalid_request"),
            (json!({"name": "t", "columns": [], "zone": "gold"}), "invalid_request"),
            (json!({"name": "t", "columns": [{"name": "x"}]}), "invalid_request"),
            (json!({"columns": []}), "invalid_request"),
        ];
        for (body, expected) in cases {
            let (status, problem) = app.post("/v1/databases/sales/tables", body.clone()).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {problem}");
            assert_eq!(code(&problem), expected, "{body}: {problem}");
            assert!(!problem["detail"].as_str().unwrap().is_empty());
        }
        let (_, list) = app.get("/v1/databases/sales/tables").await;
        assert_eq!(list["tables"], json!([]));
        assert_eq!(app.outbox_len().await, events);
    })
    .await;
}

#[tokio::test]
async fn malformed_bodies_and_paths_get_problem_documents() {
    each_backend(|app| async move {
        let (status, body) = app
            .send(
                app.request(Method::POST, "/v1/databases")
                    .header("content-type", "application/json")
                    .body("{\"name\": "),
            )
            .await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "malformed_json"));
        let (status, body) = app.send(app.request(Method::POST, "/v1/databases").body("name=x")).await;
        assert_eq!((status, code(&body)), (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"));
        let (status, body) = app.get("/v1/databases/Not-Valid").await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_name"));
        let (status, body) = app.get("/v1/databases/x/tables/y/versions/notanumber").await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_request"));
        let (status, body) = app.get("/v1/databases?page_token=garbage").await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_page_token"));
        let (status, body) = app.get("/v1/nothing-here").await;
        assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "not_found"));
        let (status, body) = app.send(app.request(Method::PUT, "/v1/databases")).await;
        assert_eq!((status, code(&body)), (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"));
        let huge = "x".repeat(17 << 20);
        let (status, body) = app.post("/v1/databases", json!({"name": "big", "description": huge})).await;
        assert_eq!((status, code(&body)), (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"));
        let long = "d".repeat(9_000);
        let (status, body) = app.post("/v1/databases", json!({"name": "long", "description": long})).await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_request"));
        let (_, list) = app.get("/v1/databases").await;
        assert_eq!(list["databases"], json!([]));
    })
    .await;
}

#[tokio::test]
async fn problem_documents_follow_rfc_9457_and_carry_the_request_id() {
    each_backend(|app| async move {
        let response =
            app.request(Method::GET, "/v1/databases/missing").header("x-request-id", "req-123").send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert_eq!(response.headers()["x-request-id"], "req-123");
        assert_eq!(response.headers()["content-type"], "application/problem+json");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["type"], "urn:tarn:problem:not_found");
        assert_eq!(body["status"], 404);
        assert_eq!(body["title"], "Not Found");
        assert_eq!(body["request_id"], "req-123");
        // Without one, the server makes one up and still echoes it.
        let response = app.request(Method::GET, "/v1/databases").send().await.unwrap();
        assert!(!response.headers()["x-request-id"].is_empty());
    })
    .await;
}

/// Generated clients and proxies add query parameters of their own (cache busters, tracing):
/// unknown ones are ignored. Unknown body fields stay refused: a mistyped field of a grant
/// would otherwise widen it.
#[tokio::test]
async fn unknown_query_parameters_are_ignored_and_unknown_body_fields_refused() {
    each_backend(|app| async move {
        app.create_database("sales").await;
        let (status, body) = app.get("/v1/databases?max_results=10&_cache=1&utm_source=x").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["databases"][0]["name"], "sales");
        let (status, body) = app.get("/v1/databases/sales/tables?trace=abc").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = app.get("/v1/databases?max_results=0").await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_request"), "{body}");
        let grant = json!({"principal": "user:admin", "resource": {"database": "sales"},
            "privileges": ["DESCRIBE"], "excluded_column": ["x"]});
        let (status, body) = app.post("/v1/grants", grant).await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_request"), "{body}");
    })
    .await;
}

/// What schemathesis found, pinned: a body is a JSON object (serde would fill a struct from an
/// array of its fields), `300.0` is an integer as JSON Schema says, an empty page token is the
/// first page, and a filter naming something that could not exist is refused, not answered
/// with an empty list.
#[tokio::test]
async fn bodies_numbers_page_tokens_and_filters_hold_to_the_document() {
    each_backend(|app| async move {
        app.create_database("sales").await;
        let raw = |body: &str| {
            app.request(Method::POST, "/v1/databases").header("content-type", "application/json").body(body.to_owned())
        };
        let (status, problem) = app.send(raw(r#"["shop", null]"#)).await;
        assert_eq!((status, code(&problem)), (StatusCode::BAD_REQUEST, "invalid_request"), "{problem}");
        assert_eq!(app.get("/v1/databases/shop").await.0, StatusCode::NOT_FOUND, "nothing was created");
        let (status, problem) = app.send(raw("{\"name\": ")).await;
        assert_eq!((status, code(&problem)), (StatusCode::BAD_REQUEST, "malformed_json"), "{problem}");

        let (status, result) = app.post("/v1/query", json!({"sql": "SELECT 1 AS one", "max_rows": 5.0})).await;
        assert_eq!(status, StatusCode::OK, "{result}");
        let (status, _) = app.post("/v1/query", json!({"sql": "SELECT 1 AS one", "max_rows": 5.5})).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "a fraction is no integer");

        let (status, page) = app.get("/v1/databases?page_token=").await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert_eq!(page["databases"][0]["name"], "sales");
        let (status, problem) = app.get("/v1/databases?page_token=abc.def").await;
        assert_eq!((status, code(&problem)), (StatusCode::BAD_REQUEST, "invalid_page_token"));

        let (status, problem) = app.get("/v1/grants?database=0.5").await;
        assert_eq!((status, code(&problem)), (StatusCode::BAD_REQUEST, "invalid_name"), "{problem}");
    })
    .await;
}
