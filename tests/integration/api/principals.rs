//! `/v1/principals`: users, groups, service principals; tokens of deleted principals.

use reqwest::StatusCode;
use serde_json::json;

use crate::support::{code, each_backend};

#[tokio::test]
async fn administrators_manage_principals_and_others_may_not() {
    each_backend(|app| async move {
        let alice = app.user("alice").await;
        let (status, body) = alice.get("/v1/principals/users").await;
        assert_eq!((status, code(&body)), (StatusCode::FORBIDDEN, "forbidden"));
        let (status, _) = alice.post("/v1/principals/groups", json!({"name": "x"})).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, body) = alice.get("/v1/principals/users/alice").await;
        assert_eq!(status, StatusCode::OK, "a user reads itself");
        assert_eq!(body["principal"], "user:alice");
        let (status, _) = alice.get("/v1/principals/users/admin").await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        let (_, body) = app.get("/v1/principals/users").await;
        let names: Vec<&str> =
            body["principals"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["admin", "alice"]);
        let (status, body) = app.post("/v1/principals/users", json!({"name": "alice", "password": "whatever-1"})).await;
        assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "already_exists"));
        let (status, body) =
            app.post("/v1/principals/users", json!({"name": "Bad Name", "password": "whatever-1"})).await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_name"));
        let (status, _) = app.post("/v1/principals/users", json!({"name": "bob", "password": "short"})).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);

        // A user changes its own password, but cannot make itself an administrator.
        let (status, _) = alice.patch("/v1/principals/users/alice", None, json!({"password": "new-password-1"})).await;
        assert_eq!(status, StatusCode::OK);
        assert!(app.login("alice", "new-password-1").await.is_ok());
        let (status, _) = alice.patch("/v1/principals/users/alice", None, json!({"is_admin": true})).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    })
    .await;
}

#[tokio::test]
async fn a_deleted_or_demoted_principal_loses_its_rights_on_the_next_request() {
    each_backend(|app| async move {
        let (status, _) = app
            .post("/v1/principals/users", json!({"name": "root2", "password": "root2-password", "is_admin": true}))
            .await;
        assert_eq!(status, StatusCode::CREATED);
        let root2 = app.session("root2", "root2-password").await;
        let (status, _) = root2.get("/v1/principals/users").await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = app.patch("/v1/principals/users/root2", None, json!({"is_admin": false})).await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = root2.get("/v1/principals/users").await;
        assert_eq!(status, StatusCode::FORBIDDEN, "the token still says admin, the policy no longer does");

        let (status, _) = app.delete("/v1/principals/users/root2").await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, body) = root2.get("/v1/auth/whoami").await;
        assert_eq!((status, code(&body)), (StatusCode::UNAUTHORIZED, "unauthenticated"));
        let (status, _) = app.delete("/v1/principals/users/admin").await;
        assert_eq!(status, StatusCode::CONFLICT, "nobody deletes themselves");
    })
    .await;
}

#[tokio::test]
async fn service_principals_log_in_with_client_credentials() {
    each_backend(|app| async move {
        let (status, body) =
            app.post("/v1/principals/services", json!({"name": "etl", "description": "nightly loads"})).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let client_id = body["client_id"].as_str().unwrap().to_owned();
        let secret = body["client_secret"].as_str().unwrap().to_owned();
        let token_for = |id: String, secret: String| {
            let form = [("grant_type", "client_credentials".to_owned()), ("client_id", id), ("client_secret", secret)];
            app.client.post(app.url("/v1/auth/token")).form(&form).send()
        };
        let response = token_for(client_id.clone(), secret.clone()).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let token: serde_json::Value = response.json().await.unwrap();
        let me = app
            .client
            .get(app.url("/v1/auth/whoami"))
            .bearer_auth(token["access_token"].as_str().unwrap())
            .send()
            .await
            .unwrap();
        let me: serde_json::Value = me.json().await.unwrap();
        assert_eq!(me["principal"], "service:etl");
        let response = token_for(client_id.clone(), "wrong".into()).await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        // The secret is shown once: listings carry the client id only.
        let (_, body) = app.get("/v1/principals/services").await;
        assert_eq!(body["principals"][0]["client_id"], client_id.as_str());
        assert!(body.to_string().find(&secret).is_none());
    })
    .await;
}

#[tokio::test]
async fn groups_nest_but_never_in_a_cycle() {
    each_backend(|app| async move {
        app.user("carol").await;
        for g in ["analysts", "staff", "everyone"] {
            let (status, _) = app.post("/v1/principals/groups", json!({"name": g})).await;
            assert_eq!(status, StatusCode::CREATED);
        }
        let put = |group: &str, member: &str| {
            app.send(app.request(reqwest::Method::PUT, &format!("/v1/principals/groups/{group}/members/{member}")))
        };
        assert_eq!(put("analysts", "user:carol").await.0, StatusCode::NO_CONTENT);
        assert_eq!(put("staff", "group:analysts").await.0, StatusCode::NO_CONTENT);
        assert_eq!(put("everyone", "group:staff").await.0, StatusCode::NO_CONTENT);
        let (status, body) = put("analysts", "group:everyone").await;
        assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "conflict"));
        let (status, _) = put("analysts", "group:analysts").await;
        assert_eq!(status, StatusCode::CONFLICT);
        let (status, _) = put("analysts", "user:nobody").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = put("analysts", "robot:x").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (_, body) = app.get("/v1/principals/groups/staff").await;
        assert_eq!(body["members"], json!(["group:analysts"]));
    })
    .await;
}
