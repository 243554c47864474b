//! `/v1/audit`: every decision recorded, filters, export, and tamper detection.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{TestApp, code, each_backend};

async fn records(app: &TestApp, query: &str) -> Vec<Value> {
    let (status, body) = app.get(&format!("/v1/audit?max_results=1000&{query}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["records"].as_array().unwrap().clone()
}

#[tokio::test]
async fn every_login_read_change_and_denial_is_recorded() {
    each_backend(|app| async move {
        app.create_database("sales").await;
        app.create_database("hr").await;
        let mallory = app.user("mallory").await;
        assert!(app.login("mallory", "wrong-password").await.is_err());
        let (status, _) = mallory.get("/v1/databases/hr").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = mallory.post("/v1/databases", json!({"name": "evil"})).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        app.get("/v1/databases/sales").await;
        app.post(
            "/v1/grants",
            json!({"principal": "user:mallory", "resource": {"database": "sales"}, "privileges": ["DESCRIBE"]}),
        )
        .await;

        let all = records(&app, "").await;
        let find = |action: &str, principal: &str| -> Vec<Value> {
            all.iter().filter(|r| r["action"] == action && r["principal"] == principal).cloned().collect()
        };
        let logins = find("auth.token", "user:mallory");
        assert_eq!(logins.len(), 2, "{logins:?}");
        assert_eq!((&logins[0]["decision"], &logins[0]["outcome"]), (&json!("allow"), &json!("ok")));
        assert_eq!((&logins[1]["decision"], &logins[1]["outcome"]), (&json!("deny"), &json!("invalid_credentials")));
        let hidden = &find("database.get", "user:mallory")[0];
        assert_eq!(
            (&hidden["decision"], &hidden["outcome"], &hidden["resource"]),
            (&json!("deny"), &json!("not_found"), &json!("hr"))
        );
        let refused = &find("database.create", "user:mallory")[0];
        assert_eq!((&refused["decision"], &refused["outcome"]), (&json!("deny"), &json!("forbidden")));
        assert!(refused["detail"]["error"].as_str().unwrap().contains("CREATE_DATABASE"));
        let read = &find("database.get", "user:admin")[0];
        assert_eq!((&read["decision"], &read["resource"]), (&json!("allow"), &json!("sales")));
        let granted = &find("grant.create", "user:admin")[0];
        assert_eq!(granted["resource"], "database:sales");
        assert_eq!(granted["detail"]["grantee"], "user:mallory");
        assert!(all.iter().all(|r| r["request_id"].as_str().is_some_and(|id| !id.is_empty())));
        assert!(all.iter().all(|r| r["client_addr"] == "127.0.0.1"), "{all:?}");

        // Filters.
        let denials = records(&app, "decision=deny&principal=user:mallory").await;
        assert_eq!(denials.len(), 3);
        let only = records(&app, "action=grant.create").await;
        assert_eq!(only.len(), 1);
        // Only administrators read the trail; their refusal is recorded too.
        let (status, body) = mallory.get("/v1/audit").await;
        assert_eq!((status, code(&body)), (StatusCode::FORBIDDEN, "forbidden"));
        assert_eq!(records(&app, "action=audit.list&principal=user:mallory").await.len(), 1);

        // JSON lines export of the same records.
        let response =
            app.request(reqwest::Method::GET, "/v1/audit?format=jsonl&principal=user:mallory").send().await.unwrap();
        assert_eq!(response.headers()["content-type"], "application/x-ndjson");
        let text = response.text().await.unwrap();
        let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert!(lines.len() >= 5);
        assert!(lines.windows(2).all(|w| w[0]["seq"].as_i64() < w[1]["seq"].as_i64()));
        assert!(lines.iter().all(|l| l["principal"] == "user:mallory"), "{text}");
    })
    .await;
}

#[tokio::test]
async fn verification_finds_an_edited_and_a_deleted_record() {
    each_backend(|app| async move {
        for name in ["a", "b", "c", "d"] {
            app.create_database(name).await;
        }
        let (_, report) = app.get("/v1/audit/verify").await;
        assert_eq!(report["valid"], true, "{report}");
        let total = report["records"].as_i64().unwrap();
        assert!(total >= 5);

        // Someone with database access rewrites history: an allowed request becomes a denial.
        let (_, third) = app.get("/v1/audit?max_results=3").await;
        assert_eq!(third["records"][2]["seq"], 3);
        assert_eq!(third["records"][2]["decision"], "allow", "{third}");
        app.store.conn().execute_raw("UPDATE audit_log SET decision = 'deny' WHERE seq = 3").await.unwrap();
        let (_, report) = app.get("/v1/audit/verify").await;
        assert_eq!(report["valid"], false);
        assert_eq!(report["first_broken_seq"], 3);
        assert!(report["reason"].as_str().unwrap().contains("edited"), "{report}");
        assert_eq!(report["records"], 2);

        // Put it back, then delete a record instead.
        app.store.conn().execute_raw("UPDATE audit_log SET decision = 'allow' WHERE seq = 3").await.unwrap();
        let (_, report) = app.get("/v1/audit/verify").await;
        assert_eq!(report["valid"], true, "{report}");
        app.store.conn().execute_raw("DELETE FROM audit_log WHERE seq = 4").await.unwrap();
        let (_, report) = app.get("/v1/audit/verify").await;
        assert_eq!(report["valid"], false);
        assert_eq!(report["first_broken_seq"], 5);
        assert!(report["reason"].as_str().unwrap().contains("missing"), "{report}");
    })
    .await;
}
