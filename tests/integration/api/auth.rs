//! Authentication: tokens, refusals, and no anonymous access anywhere under /v1.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::{ADMIN_PASSWORD, TestApp, code, each_backend};

#[tokio::test]
async fn every_v1_endpoint_requires_a_bearer_token() {
    let app = TestApp::sqlite().await;
    let endpoints = [
        (Method::GET, "/v1/auth/whoami"),
        (Method::GET, "/v1/databases"),
        (Method::POST, "/v1/databases"),
        (Method::GET, "/v1/databases/sales"),
        (Method::PATCH, "/v1/databases/sales"),
        (Method::DELETE, "/v1/databases/sales"),
        (Method::GET, "/v1/databases/sales/tables"),
        (Method::POST, "/v1/databases/sales/tables"),
        (Method::GET, "/v1/databases/sales/tables/orders"),
        (Method::PATCH, "/v1/databases/sales/tables/orders"),
        (Method::DELETE, "/v1/databases/sales/tables/orders"),
        (Method::GET, "/v1/databases/sales/tables/orders/versions"),
        (Method::GET, "/v1/databases/sales/tables/orders/versions/1"),
        (Method::GET, "/v1/databases/sales/tables/orders/versions/2/diff?from=1"),
        (Method::GET, "/v1/databases/sales/tables/orders/partitions"),
        (Method::POST, "/v1/databases/sales/tables/orders/partitions"),
        (Method::POST, "/v1/databases/sales/tables/orders/partitions/delete"),
    ];
    for (method, path) in endpoints {
        for auth in [None, Some("Bearer not-a-jwt"), Some("Basic YWRtaW46eA==")] {
            let mut request = app.client.request(method.clone(), app.url(path)).json(&json!({}));
            if let Some(value) = auth {
                request = request.header("authorization", value);
            }
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{method} {path} with {auth:?}");
            assert_eq!(response.headers()["www-authenticate"], "Bearer");
            let body: serde_json::Value = response.json().await.unwrap();
            assert_eq!(code(&body), "unauthenticated");
        }
    }
}

#[tokio::test]
async fn admin_logs_in_with_json_or_form_and_whoami_names_them() {
    each_backend(|app| async move {
        let (status, body) = app.get("/v1/auth/whoami").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["principal"], "user:admin");
        assert_eq!(body["is_admin"], true);

        let form = [("grant_type", "password"), ("username", "admin"), ("password", ADMIN_PASSWORD)];
        let response = app.client.post(app.url("/v1/auth/token")).form(&form).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["token_type"], "Bearer");
        assert_eq!(body["expires_in"], 3600);
        let token = body["access_token"].as_str().unwrap();
        let response = app.client.get(app.url("/v1/databases")).bearer_auth(token).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
    })
    .await;
}

#[tokio::test]
async fn wrong_password_unknown_user_and_bad_grants_are_refused() {
    let app = TestApp::sqlite().await;
    assert_eq!(app.login("admin", "wrong-password").await, Err(StatusCode::UNAUTHORIZED));
    assert_eq!(app.login("nobody", ADMIN_PASSWORD).await, Err(StatusCode::UNAUTHORIZED));
    let (status, body) = app
        .send(app.client.post(app.url("/v1/auth/token")).json(&json!({"grant_type": "magic", "username": "admin"})))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(code(&body), "invalid_request");
    let (status, _) = app
        .send(app.client.post(app.url("/v1/auth/token")).body("{not json").header("content-type", "application/json"))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_tampered_token_is_refused() {
    let app = TestApp::sqlite().await;
    let mut forged = app.token.clone();
    // Flip one character of the signature.
    let last = forged.pop().unwrap();
    forged.push(if last == 'A' { 'B' } else { 'A' });
    let response = app.client.get(app.url("/v1/databases")).bearer_auth(&forged).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_generated_admin_password_is_only_created_once() {
    // The bootstrap admin exists after the first start; a second start with another
    // password must not replace it.
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("catalog.db").display());
    let config = TestApp::config(dir.path(), &url);
    let store = tarn::server::open_store(&config).await.unwrap();
    let _first = tarn::server::build_state(store.clone(), &config).await.unwrap();
    let mut other = config.clone();
    other.admin_password = Some("another-password".into());
    let (state, _writer) = tarn::server::build_state(store.clone(), &other).await.unwrap();
    assert!(state.auth.login_with_password("admin", ADMIN_PASSWORD).await.is_ok());
    assert!(state.auth.login_with_password("admin", "another-password").await.is_err());
}
