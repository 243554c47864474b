//! A pipeline's runs queue: beyond its `max_concurrent_runs` a start is queued and begins, in
//! order, when a running one ends; pipelines that replace data or read incrementally run one
//! at a time. A step past its own time limit fails the run; a run over more data than its
//! memory limit spills to disk and completes.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::pipelines::{create, endless, run, wait};
use crate::support::{Session, code, each_backend};

async fn start(session: &Session) -> (String, String) {
    let (status, run) = session.post("/v1/pipelines/endless/run", json!({})).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{run}");
    (run["id"].as_str().unwrap().to_owned(), run["status"].as_str().unwrap().to_owned())
}

async fn status(session: &Session, id: &str) -> String {
    let (_, run) = session.get(&format!("/v1/pipelines/endless/runs/{id}")).await;
    run["status"].as_str().unwrap().to_owned()
}

async fn cancel(session: &Session, id: &str) -> Value {
    let (code, body) = session.post(&format!("/v1/pipelines/endless/runs/{id}/cancel"), json!({})).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    wait(session, "endless", id).await
}

async fn until_running(session: &Session, id: &str) {
    for _ in 0..200 {
        if status(session, id).await == "running" {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("run {id} never started");
}

#[tokio::test]
async fn runs_beyond_the_concurrency_limit_wait_queued_and_start_in_order() {
    each_backend(|app| async move {
        let mut two = endless(3600);
        two["max_concurrent_runs"] = json!(2);
        assert_eq!(create(&app.admin, two).await.0, StatusCode::CREATED);
        let (_, p) = app.get("/v1/pipelines/endless").await;
        assert_eq!(p["max_concurrent_runs"], 2, "{p}");
        let mut runs = Vec::new();
        for _ in 0..4 {
            runs.push(start(&app.admin).await);
        }
        let started: Vec<&str> = runs.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(started, ["running", "running", "queued", "queued"]);
        assert_eq!(status(&app.admin, &runs[2].0).await, "queued");
        // A queued run cancelled ends at once, without running.
        assert_eq!(cancel(&app.admin, &runs[3].0).await["status"], "cancelled");
        // One ends: the oldest queued run takes its slot.
        assert_eq!(cancel(&app.admin, &runs[0].0).await["status"], "cancelled");
        until_running(&app.admin, &runs[2].0).await;
        assert_eq!(status(&app.admin, &runs[1].0).await, "running");
        for (id, _) in &runs[1..3] {
            assert_eq!(cancel(&app.admin, id).await["status"], "cancelled");
        }
        let (_, list) = app.get("/v1/pipelines/endless/runs").await;
        let statuses: Vec<&str> =
            list["runs"].as_array().unwrap().iter().map(|r| r["status"].as_str().unwrap()).collect();
        assert_eq!(statuses, ["cancelled"; 4], "{list}");
    })
    .await;
}

#[tokio::test]
async fn one_run_at_a_time_queues_the_next_and_replacing_pipelines_cannot_run_concurrently() {
    each_backend(|app| async move {
        assert_eq!(create(&app.admin, endless(3600)).await.0, StatusCode::CREATED);
        let (first, s1) = start(&app.admin).await;
        let (second, s2) = start(&app.admin).await;
        assert_eq!((s1.as_str(), s2.as_str()), ("running", "queued"));
        cancel(&app.admin, &first).await;
        until_running(&app.admin, &second).await;
        cancel(&app.admin, &second).await;
        // Above 1 only for pipelines that append and read nothing incrementally; 1 to 16.
        app.create_database("sales").await;
        let overwrite = json!({"name": "replacer", "max_concurrent_runs": 2, "steps": [
            {"name": "one", "kind": "sql", "sql": "SELECT 1 AS n"},
            {"name": "out", "kind": "write", "input": "one", "table": "sales.ones", "mode": "overwrite"}
        ]});
        let mut incremental = json!({"name": "incr", "max_concurrent_runs": 3, "incremental": ["sales.ones"],
            "steps": [{"name": "one", "kind": "sql", "sql": "SELECT 1 AS n"},
                      {"name": "out", "kind": "write", "input": "one", "table": "sales.twos"}]});
        for bad in [overwrite, incremental.clone()] {
            let (status, body) = create(&app.admin, bad).await;
            assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_pipeline"), "{body}");
            assert!(body["detail"].as_str().unwrap().contains("max_concurrent_runs"), "{body}");
        }
        incremental["incremental"] = json!([]);
        for limit in [0, 17] {
            incremental["max_concurrent_runs"] = json!(limit);
            let (status, body) = create(&app.admin, incremental.clone()).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{limit}: {body}");
        }
        let (_, list) = app.get("/v1/pipelines").await;
        assert_eq!(list["pipelines"].as_array().unwrap().len(), 1, "nothing stored: {list}");
    })
    .await;
}

#[tokio::test]
async fn a_step_past_its_time_limit_fails_the_run() {
    each_backend(|app| async move {
        let mut slow = endless(3600);
        slow["steps"][1]["timeout_seconds"] = json!(1);
        assert_eq!(create(&app.admin, slow.clone()).await.0, StatusCode::CREATED);
        let done = run(&app.admin, "endless").await;
        assert_eq!(done["status"], "failed", "{done}");
        let step = &done["steps"][1];
        assert_eq!((step["name"].as_str(), step["status"].as_str()), (Some("v"), Some("failed")), "{done}");
        assert!(step["message"].as_str().unwrap().contains("timed out after 1 s"), "{done}");
        slow["name"] = json!("other");
        slow["steps"][1]["timeout_seconds"] = json!(0);
        let (status, body) = create(&app.admin, slow).await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_pipeline"), "{body}");
    })
    .await;
}

#[tokio::test]
async fn a_run_over_more_data_than_its_memory_limit_spills_and_completes() {
    each_backend(|app| async move {
        app.create_database("lab").await;
        // Three million int64 values sorted: 24 MB of sort buffers under a 16 MiB limit.
        let body = json!({"name": "sorted", "memory_limit_mb": 16, "steps": [
            {"name": "all", "kind": "sql", "sql": "SELECT value AS v FROM generate_series(1, 3000000) ORDER BY value DESC"},
            {"name": "out", "kind": "write", "input": "all", "table": "lab.sorted"}
        ]});
        assert_eq!(create(&app.admin, body).await.0, StatusCode::CREATED);
        let done = run(&app.admin, "sorted").await;
        assert_eq!(done["status"], "succeeded", "{done}");
        assert_eq!(done["steps"][1]["rows_out"], 3_000_000, "{done}");
        let (_, body) = app.post("/v1/query", json!({"sql": "SELECT COUNT(*) AS n, MAX(v) AS top FROM lab.sorted"})).await;
        assert_eq!(body["rows"], json!([{"n": 3_000_000, "top": 3_000_000}]), "{body}");
    })
    .await;
}
