//! Operations: probes, metrics, the OpenAPI document, the docs page, graceful shutdown.

use reqwest::StatusCode;
use serde_json::json;

use crate::support::TestApp;

#[tokio::test]
async fn probes_and_metrics_answer_without_a_token() {
    let app = TestApp::sqlite().await;
    let response = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let response = app.client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    app.create_database("sales").await;
    app.get("/v1/databases/sales").await;
    app.get("/v1/databases/missing").await;
    let text = app.client.get(app.url("/metrics")).send().await.unwrap().text().await.unwrap();
    assert!(
        text.contains(r#"tarn_http_requests_total{method="GET",route="/v1/databases/{db}",status="200"} 1"#),
        "{text}"
    );
    assert!(text.contains(r#"tarn_http_requests_total{method="GET",route="/v1/databases/{db}",status="404"} 1"#));
    assert!(
        text.contains(r#"tarn_http_request_duration_seconds_bucket{method="POST",route="/v1/databases",le="+Inf"} 1"#)
    );
    assert!(text.contains("tarn_store_pool_connections{state=\"max\"} 8"));
    assert!(text.contains("tarn_build_info{version="));
}

#[tokio::test]
async fn the_committed_openapi_document_is_current() {
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/openapi.json")).unwrap();
    let generated = tarn::http::openapi_json();
    assert!(
        committed == generated,
        "openapi/openapi.json is stale: run `cargo run -- openapi --out openapi/openapi.json`"
    );
    let doc: serde_json::Value = serde_json::from_str(&generated).unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in [
        "/v1/auth/token",
        "/v1/databases/{db}/tables/{table}/partitions",
        "/v1/databases/{db}/tables/{table}/versions/{version}/diff",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} missing from the spec");
    }
    assert_eq!(doc["paths"]["/v1/auth/token"]["post"]["security"], json!([{}]), "the token endpoint needs no token");
}

#[tokio::test]
async fn the_served_spec_and_docs_page_work_offline() {
    let app = TestApp::sqlite().await;
    let served: serde_json::Value =
        app.client.get(app.url("/v1/openapi.json")).send().await.unwrap().json().await.unwrap();
    let expected: serde_json::Value = serde_json::from_str(&tarn::http::openapi_json()).unwrap();
    assert_eq!(served, expected);
    let page = app.client.get(app.url("/docs/")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("swagger-ui"));
    // Every script and stylesheet is served by Tarn itself: nothing from a CDN.
    assert!(!html.contains("src=\"http") && !html.contains("href=\"http"), "{html}");
    let init = app.client.get(app.url("/docs/swagger-initializer.js")).send().await.unwrap().text().await.unwrap();
    assert!(init.contains("/v1/openapi.json"));
    let bundle = app.client.get(app.url("/docs/swagger-ui-bundle.js")).send().await.unwrap();
    assert_eq!(bundle.status(), StatusCode::OK);
}

#[tokio::test]
async fn shutdown_finishes_and_closes_the_store() {
    let mut app = TestApp::sqlite().await;
    app.create_database("sales").await;
    let (status, _) = app.get("/v1/databases/sales").await;
    assert_eq!(status, StatusCode::OK);
    app.stop().await.expect("the server stops cleanly");
    assert!(app.client.get(app.url("/healthz")).send().await.is_err(), "no longer listening");
}
