//! Authentication: tokens, refusals, and no anonymous access anywhere under /v1.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::{ADMIN_PASSWORD, TestApp, code, each_backend};

#[tokio::test]
async fn every_v1_endpoint_requires_a_bearer_token() {
    each_backend(|app| async move {
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
    })
    .await;
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
    each_backend(|app| async move {
        assert_eq!(app.login("admin", "wrong-password").await, Err(StatusCode::UNAUTHORIZED));
        assert_eq!(app.login("nobody", ADMIN_PASSWORD).await, Err(StatusCode::UNAUTHORIZED));
        let (status, body) = app
            .send(app.client.post(app.url("/v1/auth/token")).json(&json!({"grant_type": "magic", "username": "admin"})))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(code(&body), "invalid_request");
        let (status, _) = app
            .send(
                app.client.post(app.url("/v1/auth/token")).body("{not json").header("content-type", "application/json"),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    })
    .await;
}

#[tokio::test]
async fn a_tampered_token_is_refused() {
    each_backend(|app| async move {
        let mut forged = app.token.clone();
        // Flip one character of the signature.
        let last = forged.pop().unwrap();
        forged.push(if last == 'A' { 'B' } else { 'A' });
        let response = app.client.get(app.url("/v1/databases")).bearer_auth(&forged).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    })
    .await;
}

#[tokio::test]
async fn a_generated_admin_password_is_only_created_once() {
    // The bootstrap admin exists after the first start; a second start with another
    // password must not replace it.
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("catalog.db").display());
    let config = TestApp::config(dir.path(), &url);
    let store = tarn::server::open_store(&config).await.unwrap();
    // The first server stops before the second starts (each holds the search index's lock).
    drop(tarn::server::build_state(store.clone(), &config).await.unwrap());
    let mut other = config.clone();
    other.admin_password = Some("another-password".into());
    let (state, _writer) = tarn::server::build_state(store.clone(), &other).await.unwrap();
    assert!(state.auth.login_with_password("admin", ADMIN_PASSWORD, None).await.is_ok());
    assert!(state.auth.login_with_password("admin", "another-password", None).await.is_err());
}

fn claims_of(token: &str) -> serde_json::Value {
    use base64::Engine;
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

async fn status_with(app: &TestApp, token: &str) -> StatusCode {
    app.client.get(app.url("/v1/databases")).bearer_auth(token).send().await.unwrap().status()
}

#[tokio::test]
async fn forged_expired_unsigned_and_revoked_key_tokens_are_refused() {
    use base64::Engine;
    use jsonwebtoken::{Algorithm, EncodingKey, Header};
    each_backend(|app| async move {
        let keys = tarn::store::signing_keys::active(&mut app.store.conn(), "jwt").await.unwrap();
        let secret = base64::engine::general_purpose::STANDARD.decode(&keys[0].secret).unwrap();
        let mut claims = claims_of(&app.token);
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some(keys[0].kid.clone());
        let sign = |claims: &serde_json::Value, key: &[u8]| {
            jsonwebtoken::encode(&header, claims, &EncodingKey::from_secret(key)).unwrap()
        };
        // The real key signs a valid token: the crafting itself is right.
        assert_eq!(status_with(&app, &sign(&claims, &secret)).await, StatusCode::OK);
        // Expired an hour ago.
        let now = chrono::Utc::now().timestamp();
        claims["exp"] = json!(now - 3600);
        claims["iat"] = json!(now - 7200);
        assert_eq!(status_with(&app, &sign(&claims, &secret)).await, StatusCode::UNAUTHORIZED);
        claims["exp"] = json!(now + 3600);
        // Signed with another key under the real kid.
        assert_eq!(
            status_with(&app, &sign(&claims, b"not-the-key-not-the-key-not-the")).await,
            StatusCode::UNAUTHORIZED
        );
        // alg=none with no signature.
        let b64 = |v: &serde_json::Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
        let unsigned = format!("{}.{}.", b64(&json!({"alg": "none", "typ": "JWT", "kid": keys[0].kid})), b64(&claims));
        assert_eq!(status_with(&app, &unsigned).await, StatusCode::UNAUTHORIZED);
        // Claims of another principal under a valid signature of a different payload.
        let mut parts: Vec<String> = app.token.split('.').map(str::to_owned).collect();
        let mut elevated = claims_of(&app.token);
        elevated["name"] = json!("someone-else");
        parts[1] = b64(&elevated);
        assert_eq!(status_with(&app, &parts.join(".")).await, StatusCode::UNAUTHORIZED);

        // Rotation: new tokens carry the new key, old ones keep working...
        let old_token = app.token.clone();
        let (status, body) = app.post("/v1/auth/keys/rotate", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let fresh = app.login("admin", ADMIN_PASSWORD).await.unwrap();
        assert_ne!(
            jsonwebtoken::decode_header(&fresh).unwrap().kid,
            jsonwebtoken::decode_header(&old_token).unwrap().kid
        );
        assert_eq!(status_with(&app, &old_token).await, StatusCode::OK);
        // ... until the previous keys are revoked.
        let response = app
            .client
            .post(app.url("/v1/auth/keys/rotate"))
            .bearer_auth(&fresh)
            .json(&json!({"revoke_previous": true}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(status_with(&app, &old_token).await, StatusCode::UNAUTHORIZED);
        assert_eq!(status_with(&app, &fresh).await, StatusCode::UNAUTHORIZED);
        let newest = app.login("admin", ADMIN_PASSWORD).await.unwrap();
        assert_eq!(status_with(&app, &newest).await, StatusCode::OK);
    })
    .await;
}

#[tokio::test]
async fn brute_force_logins_are_throttled() {
    each_backend(|app| async move {
        app.user("nina").await;
        for _ in 0..5 {
            assert_eq!(app.login("nina", "guess-guess").await, Err(StatusCode::UNAUTHORIZED));
        }
        let body = json!({"grant_type": "password", "username": "nina", "password": "nina-password"});
        let response = app.client.post(app.url("/v1/auth/token")).json(&body).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS, "even the right password waits");
        let retry: u64 = response.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!(retry > 0 && retry <= 300);
        let problem: serde_json::Value = response.json().await.unwrap();
        assert_eq!(code(&problem), "too_many_requests");
        // Others are not locked out by it.
        assert!(app.login("admin", ADMIN_PASSWORD).await.is_ok());
        // Spraying many names from one address is throttled per address.
        for i in 0..20 {
            let _ = app.login(&format!("ghost{i}"), "x-x-x-x-x").await;
        }
        assert_eq!(app.login("admin", "wrong-again").await, Err(StatusCode::TOO_MANY_REQUESTS));
    })
    .await;
}
