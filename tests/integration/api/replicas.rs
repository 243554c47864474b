//! Several replicas on one store: a grant or revoke made through one holds on the other within
//! a bounded time (the policy refresh interval), measured here.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::json;

use crate::support::{Session, each_backend};

/// How long until `session` sees `path` answer `expected`.
async fn time_until(session: &Session, path: &str, expected: StatusCode) -> Duration {
    let started = Instant::now();
    loop {
        let (status, _) = session.get(path).await;
        if status == expected {
            return started.elapsed();
        }
        assert!(started.elapsed() < Duration::from_secs(5), "{path} never answered {expected}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn grants_and_revokes_reach_every_replica_within_a_second() {
    each_backend(|app| async move {
        app.create_database("sales").await;
        app.create_table("sales", json!({"name": "orders", "columns": [{"name": "id", "type": "int64"}]})).await;
        let bob = app.user("bob").await;
        let (other, _stop) = app.replica().await;
        // Bob's token (signed by the first replica) works on the second: the keys are shared.
        let bob_there = Session { base: other, ..bob.clone() };
        let path = "/v1/databases/sales/tables/orders";
        let (status, _) = bob_there.get("/v1/auth/whoami").await;
        assert_eq!(status, StatusCode::OK);

        let grant = json!({"principal": "user:bob", "resource": {"table": {"database": "sales", "name": "orders"}}, "privileges": ["DESCRIBE"]});
        app.post("/v1/grants", grant.clone()).await;
        let (status, _) = bob.get(path).await;
        assert_eq!(status, StatusCode::OK, "on the replica that granted: at once");
        let granted = time_until(&bob_there, path, StatusCode::OK).await;

        app.post("/v1/grants/revoke", grant).await;
        let (status, _) = bob.get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "on the replica that revoked: at once");
        let revoked = time_until(&bob_there, path, StatusCode::NOT_FOUND).await;
        println!("replica staleness: grant {granted:?}, revoke {revoked:?}");
        assert!(granted < Duration::from_secs(1) && revoked < Duration::from_secs(1), "{granted:?} {revoked:?}");
    })
    .await;
}

#[tokio::test]
async fn every_replica_keeps_its_own_search_index_in_sync() {
    each_backend(|app| async move {
        let (other, _stop) = app.replica().await;
        let there = Session { base: other, ..app.admin.clone() };
        app.create_database("sales").await;
        app.create_table("sales", json!({"name": "weekly_revenue", "columns": [{"name": "id", "type": "int64"}]}))
            .await;
        let found = |b: &serde_json::Value| super::search::names(b) == ["sales.weekly_revenue"];
        super::search::search_until(&there, "revenue", found).await;
        super::search::search_until(&app, "revenue", found).await;
        there.delete("/v1/databases/sales/tables/weekly_revenue").await;
        super::search::search_until(&app, "revenue", |b| b["total"] == 0).await;
    })
    .await;
}
