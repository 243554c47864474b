//! Table versions: optimistic concurrency, history, diffs.

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::tables::orders;
use crate::support::{TestApp, code, each_backend};

async fn setup(app: &TestApp) -> String {
    app.create_database("sales").await;
    let body = app.create_table("sales", orders()).await;
    body["etag"].as_str().unwrap().to_owned()
}

const PATH: &str = "/v1/databases/sales/tables/orders";

#[tokio::test]
async fn every_change_creates_a_version_that_can_be_read_back() {
    each_backend(|app| async move {
        let etag = setup(&app).await;
        let mut columns = orders()["columns"].clone();
        columns.as_array_mut().unwrap().push(json!({"name": "channel", "type": "utf8"}));
        let (status, body) =
            app.patch(PATH, Some(&etag), json!({"columns": columns, "description": "Orders v2"})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["version"], 2);
        let etag2 = body["etag"].as_str().unwrap().to_owned();
        assert_ne!(etag, etag2);

        let (status, body) = app.patch(PATH, Some(&etag2), json!({"business": {"owner": "finance"}})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["version"], 3);

        let (_, body) = app.get(&format!("{PATH}/versions")).await;
        let versions = body["versions"].as_array().unwrap();
        assert_eq!(versions.len(), 3);
        assert_eq!(versions[0]["summary"], "created");
        assert!(versions[1]["summary"].as_str().unwrap().contains("added columns.channel"), "{}", versions[1]);
        assert_eq!(versions[2]["author"], "user:admin");

        let (status, v1) = app.get(&format!("{PATH}/versions/1")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(v1["definition"]["description"], "One row per order");
        assert_eq!(v1["definition"]["columns"].as_array().unwrap().len(), 6);
        let (_, v2) = app.get(&format!("{PATH}/versions/2")).await;
        assert_eq!(v2["definition"]["columns"].as_array().unwrap().len(), 7);
        let (status, body) = app.get(&format!("{PATH}/versions/9")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(code(&body), "not_found");

        // A PATCH that changes nothing creates no version.
        let (_, current) = app.get(PATH).await;
        let (status, body) = app.patch(PATH, current["etag"].as_str(), json!({"description": "Orders v2"})).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["version"], 3);
    })
    .await;
}

#[tokio::test]
async fn the_diff_flags_incompatible_type_changes() {
    each_backend(|app| async move {
        let etag = setup(&app).await;
        let mut columns = orders()["columns"].clone();
        let list = columns.as_array_mut().unwrap();
        list[0]["type"] = json!("utf8"); // int64 -> utf8: incompatible
        list[1]["type"] = json!("decimal(14,2)"); // widening: compatible
        list.remove(2); // email removed: incompatible
        list.push(json!({"name": "note", "type": "utf8"}));
        let (status, body) = app.patch(PATH, Some(&etag), json!({"columns": columns, "zone": "cleaned"})).await;
        assert_eq!(status, StatusCode::OK, "{body}");

        let (status, diff) = app.get(&format!("{PATH}/versions/2/diff?from=1")).await;
        assert_eq!(status, StatusCode::OK, "{diff}");
        assert_eq!(diff["compatible"], false);
        let change = |path: &str| -> Value {
            diff["changes"].as_array().unwrap().iter().find(|c| c["path"] == path).cloned().unwrap_or(Value::Null)
        };
        assert_eq!(change("columns.id.data_type")["compatible"], false);
        assert_eq!(change("columns.id.data_type")["from"], "int64");
        assert_eq!(change("columns.id.data_type")["to"], "utf8");
        assert_eq!(change("columns.amount.data_type")["compatible"], true);
        assert_eq!(change("columns.email")["kind"], "removed");
        assert_eq!(change("columns.note")["kind"], "added");
        assert_eq!(change("zone")["to"], "cleaned");

        let (_, reverse) = app.get(&format!("{PATH}/versions/1/diff?from=2")).await;
        assert_eq!(
            reverse["changes"].as_array().unwrap().iter().find(|c| c["path"] == "columns.email").unwrap()["kind"],
            "added"
        );
        let (status, _) = app.get(&format!("{PATH}/versions/2/diff?from=7")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    })
    .await;
}

#[tokio::test]
async fn a_stale_or_missing_if_match_changes_nothing() {
    each_backend(|app| async move {
        let etag = setup(&app).await;
        let (status, _) = app.patch(PATH, Some(&etag), json!({"description": "first"})).await;
        assert_eq!(status, StatusCode::OK);
        let events = app.outbox_len().await;

        let (status, body) = app.patch(PATH, Some(&etag), json!({"description": "lost update"})).await;
        assert_eq!(status, StatusCode::PRECONDITION_FAILED);
        assert_eq!(code(&body), "version_mismatch");
        let (status, body) = app.patch(PATH, None, json!({"description": "blind"})).await;
        assert_eq!(status, StatusCode::PRECONDITION_REQUIRED);
        assert_eq!(code(&body), "precondition_required");

        let (_, current) = app.get(PATH).await;
        assert_eq!(current["description"], "first");
        assert_eq!(current["version"], 2);
        assert_eq!(app.outbox_len().await, events);
    })
    .await;
}

#[tokio::test]
async fn of_two_concurrent_updates_from_one_version_exactly_one_wins() {
    each_backend(|app| async move {
        let etag = setup(&app).await;
        for round in 0..5 {
            let (_, current) = app.get(PATH).await;
            let tag = if round == 0 { etag.clone() } else { current["etag"].as_str().unwrap().to_owned() };
            let (a, b) = tokio::join!(
                app.patch(PATH, Some(&tag), json!({"description": format!("a{round}")})),
                app.patch(PATH, Some(&tag), json!({"description": format!("b{round}")})),
            );
            let mut statuses = [a.0, b.0];
            statuses.sort();
            assert_eq!(statuses, [StatusCode::OK, StatusCode::PRECONDITION_FAILED], "round {round}: {a:?} {b:?}");
            let winner = if a.0 == StatusCode::OK { format!("a{round}") } else { format!("b{round}") };
            let (_, after) = app.get(PATH).await;
            assert_eq!(after["description"], winner.as_str());
            assert_eq!(after["version"], 2 + round);
        }
        let (_, body) = app.get(&format!("{PATH}/versions?max_results=1000")).await;
        assert_eq!(body["versions"].as_array().unwrap().len(), 6);
    })
    .await;
}
