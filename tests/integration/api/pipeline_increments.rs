//! Incremental inputs (job bookmarks) and data triggers: a run reads only the files committed
//! since the last successful one, a failed run does not move the bookmark, a reset reads
//! everything again, and committed files start runs in batches.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::files::put;
use super::pipelines::{create, finished_runs, run};
use super::query::rows;
use crate::support::{TestApp, each_backend, each_backend_with};

async fn landing(app: &TestApp) {
    app.create_database("shop").await;
    app.create_table(
        "shop",
        json!({"name": "orders", "zone": "raw", "format": "csv", "format_options": {"header": "true"},
               "columns": [{"name": "id", "type": "int64"}, {"name": "amount", "type": "float64"}]}),
    )
    .await;
}

async fn upload(app: &TestApp, name: &str, ids: std::ops::Range<i64>) {
    let mut csv = String::from("id,amount\n");
    for id in ids {
        csv.push_str(&format!("{id},{}.5\n", id * 10));
    }
    let (status, body) = put(&app.admin, &format!("/v1/databases/shop/tables/orders/files/{name}"), csv).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

fn copy(extra: Value) -> Value {
    let mut body = json!({
        "name": "orders_copy",
        "steps": [
            {"name": "new", "kind": "sql", "sql": "SELECT id, amount FROM shop.orders"},
            {"name": "checked", "kind": "validate", "input": "new", "rules": [{"rule": "ColumnValues \"id\" < 100"}]},
            {"name": "out", "kind": "write", "input": "checked", "table": "shop.orders_clean"}
        ],
        "incremental": ["shop.orders"]
    });
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    body
}

fn rows_out(run: &Value) -> i64 {
    run["steps"].as_array().unwrap().iter().find(|s| s["name"] == "out").map_or(-1, |s| s["rows_out"].as_i64().unwrap())
}

#[tokio::test]
async fn a_run_reads_only_the_files_committed_since_the_last_successful_one() {
    each_backend(|app| async move {
        landing(&app).await;
        upload(&app, "a.csv", 1..4).await;
        assert_eq!(create(&app.admin, copy(json!({}))).await.0, StatusCode::CREATED);
        let first = run(&app.admin, "orders_copy").await;
        assert_eq!((first["status"].as_str(), rows_out(&first)), (Some("succeeded"), 3), "{first}");
        upload(&app, "b.csv", 4..6).await;
        let second = run(&app.admin, "orders_copy").await;
        assert_eq!((second["status"].as_str(), rows_out(&second)), (Some("succeeded"), 2), "{second}");
        // Nothing new: nothing read.
        let third = run(&app.admin, "orders_copy").await;
        assert_eq!(rows_out(&third), 0, "{third}");
        // A failing run does not move the bookmark: the bad file is read again next time.
        upload(&app, "c.csv", 100..102).await;
        assert_eq!(run(&app.admin, "orders_copy").await["status"], "failed");
        let (_, current) = app.get("/v1/pipelines/orders_copy").await;
        let mut fixed = copy(json!({}));
        fixed.as_object_mut().unwrap().remove("name");
        fixed["steps"][1]["rules"] = json!([{"rule": "ColumnValues \"id\" < 1000"}]);
        let request = app
            .admin
            .request(reqwest::Method::PUT, "/v1/pipelines/orders_copy")
            .header("If-Match", current["etag"].as_str().unwrap())
            .json(&fixed);
        assert_eq!(app.admin.send(request).await.0, StatusCode::OK);
        let retried = run(&app.admin, "orders_copy").await;
        assert_eq!((retried["status"].as_str(), rows_out(&retried)), (Some("succeeded"), 2), "{retried}");
        let ids = rows(&app.admin, "SELECT id FROM shop.orders_clean ORDER BY id").await;
        assert_eq!(ids.len(), 7, "{ids:?}");
        // A reset reads everything again: every input's bookmark, or one input's.
        assert_eq!(app.post("/v1/pipelines/orders_copy/bookmarks/reset", json!({})).await.0, StatusCode::NO_CONTENT);
        assert_eq!(rows_out(&run(&app.admin, "orders_copy").await), 7);
        assert_eq!(rows_out(&run(&app.admin, "orders_copy").await), 0);
        let one = json!({"table": "shop.orders"});
        assert_eq!(app.post("/v1/pipelines/orders_copy/bookmarks/reset", one).await.0, StatusCode::NO_CONTENT);
        assert_eq!(rows_out(&run(&app.admin, "orders_copy").await), 7);
        let (status, body) =
            app.post("/v1/pipelines/orders_copy/bookmarks/reset", json!({"table": "shop.other"})).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    })
    .await;
}

#[tokio::test]
async fn committed_files_start_runs_in_batches() {
    each_backend_with(
        |c| c.scheduler_interval = Duration::from_millis(200),
        |app| async move {
            landing(&app).await;
            let trigger =
                json!({"triggers": [{"kind": "data", "table": "shop.orders", "batch_size": 2, "window_seconds": 600}]});
            assert_eq!(create(&app.admin, copy(trigger)).await.0, StatusCode::CREATED);
            upload(&app, "a.csv", 1..3).await;
            tokio::time::sleep(Duration::from_millis(1500)).await;
            let (_, runs) = app.get("/v1/pipelines/orders_copy/runs").await;
            assert_eq!(runs["runs"], json!([]), "one file of a batch of two starts nothing");
            upload(&app, "b.csv", 3..4).await;
            let done = finished_runs(&app.admin, "orders_copy", 1).await;
            assert_eq!(
                (done[0]["trigger"].as_str(), done[0]["status"].as_str()),
                (Some("data"), Some("succeeded")),
                "{done:?}"
            );
            assert_eq!(rows_out(&done[0]), 3);
            // A window: one file starts a run once the window passes.
            let (_, current) = app.get("/v1/pipelines/orders_copy").await;
            let mut windowed = copy(
                json!({"triggers": [{"kind": "data", "table": "shop.orders", "batch_size": 100, "window_seconds": 1}]}),
            );
            windowed.as_object_mut().unwrap().remove("name");
            let request = app
                .admin
                .request(reqwest::Method::PUT, "/v1/pipelines/orders_copy")
                .header("If-Match", current["etag"].as_str().unwrap())
                .json(&windowed);
            assert_eq!(app.admin.send(request).await.0, StatusCode::OK);
            upload(&app, "c.csv", 4..5).await;
            let done = finished_runs(&app.admin, "orders_copy", 2).await;
            assert_eq!(rows_out(&done[0]), 1, "{done:?}");
        },
    )
    .await;
}

async fn upload_day(app: &TestApp, day: &str, ids: std::ops::Range<i64>) {
    let csv: String = ids.map(|id| format!("{id},{id}.5\n")).collect();
    let path = format!("/v1/databases/shop/tables/daily/files/a.csv?partition=day={day}");
    let (status, body) = put(&app.admin, &path, format!("id,amount\n{csv}")).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

#[tokio::test]
async fn a_replay_reads_the_chosen_partitions_again_and_leaves_the_bookmark() {
    each_backend(|app| async move {
        app.create_database("shop").await;
        app.create_table(
            "shop",
            json!({"name": "daily", "zone": "raw", "format": "csv", "format_options": {"header": "true"},
                   "columns": [{"name": "id", "type": "int64"}, {"name": "amount", "type": "float64"}],
                   "partition_keys": [{"name": "day", "type": "utf8"}]}),
        )
        .await;
        upload_day(&app, "2024-01-01", 1..4).await;
        upload_day(&app, "2024-01-02", 4..6).await;
        upload_day(&app, "2024-01-03", 6..10).await;
        let pipeline = json!({"name": "daily_copy", "incremental": ["shop.daily"], "steps": [
            {"name": "new", "kind": "sql", "sql": "SELECT id, amount, day FROM shop.daily"},
            {"name": "out", "kind": "write", "input": "new", "table": "shop.daily_clean"}]});
        assert_eq!(create(&app.admin, pipeline).await.0, StatusCode::CREATED);
        assert_eq!(rows_out(&run(&app.admin, "daily_copy").await), 9);
        // A new day lands; then the first two days are replayed: only they are read again...
        upload_day(&app, "2024-01-04", 10..12).await;
        let replay = json!({"replay": {"table": "shop.daily", "partitions": "day <= '2024-01-02'"}});
        let (status, started) = app.post("/v1/pipelines/daily_copy/run", replay).await;
        assert_eq!(status, StatusCode::ACCEPTED, "{started}");
        assert_eq!(
            (started["trigger"].as_str(), started["replay"]["table"].as_str()),
            (Some("replay"), Some("shop.daily"))
        );
        let replayed = super::pipelines::wait(&app.admin, "daily_copy", started["id"].as_str().unwrap()).await;
        assert_eq!(replayed["status"], "succeeded", "{replayed}");
        assert_eq!(rows_out(&replayed), 5, "{replayed}");
        // ...and the bookmark stays: the next run still reads the new day.
        assert_eq!(rows_out(&run(&app.admin, "daily_copy").await), 2);
        let days = rows(&app.admin, "SELECT day, COUNT(*) AS n FROM shop.daily_clean GROUP BY day ORDER BY day").await;
        let counts: Vec<i64> = days.iter().map(|r| r["n"].as_i64().unwrap()).collect();
        assert_eq!(counts, [6, 4, 4, 2], "{days:?}");
        // A replay names an input the pipeline reads and a filter on its partition keys.
        for bad in [
            json!({"replay": {"table": "shop.other", "partitions": "day = 'x'"}}),
            json!({"replay": {"table": "shop.daily", "partitions": "region = 'eu'"}}),
            json!({"replay": {"table": "shop.daily", "partitions": "day >>"}}),
            json!({"replay": {"table": "shop.daily"}}),
        ] {
            let (status, body) = app.post("/v1/pipelines/daily_copy/run", bad.clone()).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
        }
    })
    .await;
}

#[tokio::test]
async fn files_a_crawl_finds_count_as_committed_for_bookmarks_and_data_triggers() {
    each_backend_with(
        |c| c.scheduler_interval = Duration::from_millis(200),
        |app| async move {
            use super::crawlers::{create_crawler, run as crawl, write_local};
            app.create_database("landing").await;
            write_local(&app, "raw/landing", &[("sensors/day=1/a.csv", b"id,reading\n1,0.5\n2,1.5\n".to_vec())]);
            let crawler = json!({"name": "landing", "location": "raw/landing", "database": "landing"});
            assert_eq!(create_crawler(&app.admin, crawler).await.0, StatusCode::CREATED);
            assert_eq!(crawl(&app.admin, "landing").await["status"], "succeeded");
            // The triggers have seen the crawl's files before the pipeline exists.
            let last = tarn::store::outbox::last_seq(&mut app.store.conn()).await.unwrap();
            for _ in 0..200 {
                let seen = tarn::events::stored_position(&app.store, "pipeline-triggers").await.unwrap();
                if seen >= last {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            let pipeline = json!({"name": "sensors_copy", "incremental": ["landing.sensors"],
                "triggers": [{"kind": "data", "table": "landing.sensors", "batch_size": 1}],
                "steps": [{"name": "all", "kind": "sql", "sql": "SELECT id, reading FROM landing.sensors"},
                          {"name": "out", "kind": "write", "input": "all", "table": "landing.sensors_clean"}]});
            assert_eq!(create(&app.admin, pipeline).await.0, StatusCode::CREATED);
            assert_eq!(rows_out(&run(&app.admin, "sensors_copy").await), 2);
            // A file the next crawl finds starts a run, which reads only that file.
            write_local(&app, "raw/landing", &[("sensors/day=2/b.csv", b"id,reading\n3,1\n4,2\n5,3\n".to_vec())]);
            assert_eq!(crawl(&app.admin, "landing").await["status"], "succeeded");
            let done = finished_runs(&app.admin, "sensors_copy", 2).await;
            assert_eq!((done[0]["trigger"].as_str(), rows_out(&done[0])), (Some("data"), 3), "{done:?}");
            assert_eq!(rows(&app.admin, "SELECT id FROM landing.sensors_clean").await.len(), 5);
        },
    )
    .await;
}

#[tokio::test]
async fn a_schedule_starts_runs_on_its_cron() {
    each_backend_with(
        |c| c.scheduler_interval = Duration::from_millis(100),
        |app| async move {
            landing(&app).await;
            upload(&app, "a.csv", 1..4).await;
            // Every second (a leading seconds field), until the schedule is taken away.
            let every = copy(json!({"triggers": [{"kind": "schedule", "cron": "* * * * * *"}]}));
            assert_eq!(create(&app.admin, every).await.0, StatusCode::CREATED);
            let done = finished_runs(&app.admin, "orders_copy", 2).await;
            assert!(done.iter().all(|r| r["trigger"] == "schedule" && r["status"] == "succeeded"), "{done:?}");
            // The first read the file; the next ones found nothing new (the input is incremental).
            let oldest = done.last().unwrap();
            assert_eq!(rows_out(oldest), 3, "{done:?}");
            assert_eq!(rows(&app.admin, "SELECT id FROM shop.orders_clean").await.len(), 3);
        },
    )
    .await;
}

#[tokio::test]
async fn chained_pipelines_start_on_the_condition_their_trigger_names() {
    each_backend_with(
        |c| c.scheduler_interval = Duration::from_millis(200),
        |app| async move {
            app.create_database("lab").await;
            let one = |name: &str, extra: Value| {
                let mut body = json!({"name": name, "steps": [
                    {"name": "one", "kind": "sql", "sql": "SELECT 1 AS n"},
                    {"name": "out", "kind": "write", "input": "one", "table": format!("lab.{name}")}]});
                for (k, v) in extra.as_object().unwrap() {
                    body[k] = v.clone();
                }
                body
            };
            let after = |pipelines: Value, condition: &str| {
                json!({"triggers": [{"kind": "pipeline", "pipelines": pipelines, "condition": condition}]})
            };
            let failing = json!({"name": "bad_up", "steps": [
                {"name": "one", "kind": "sql", "sql": "SELECT 1 AS n"},
                {"name": "v", "kind": "validate", "input": "one", "rules": [{"rule": "RowCount > 10"}]}]});
            for body in [
                one("ok_up", json!({})),
                failing,
                one("on_failure", after(json!(["bad_up"]), "any_failed")),
                one("either_good", after(json!(["ok_up", "bad_up"]), "any_succeeded")),
                one("both_good", after(json!(["ok_up", "bad_up"]), "all_succeeded")),
                one("both_failed", after(json!(["ok_up", "bad_up"]), "all_failed")),
            ] {
                let (status, created) = create(&app.admin, body).await;
                assert_eq!(status, StatusCode::CREATED, "{created}");
            }
            assert_eq!(run(&app.admin, "ok_up").await["status"], "succeeded");
            assert_eq!(run(&app.admin, "bad_up").await["status"], "failed");
            for name in ["on_failure", "either_good"] {
                let done = finished_runs(&app.admin, name, 1).await;
                assert_eq!((done[0]["trigger"].as_str(), done[0]["status"].as_str()), (Some("pipeline"), Some("succeeded")));
            }
            // Neither every upstream succeeded nor every one failed: those two never start.
            tokio::time::sleep(Duration::from_millis(1500)).await;
            for name in ["both_good", "both_failed"] {
                let (_, runs) = app.get(&format!("/v1/pipelines/{name}/runs")).await;
                assert_eq!(runs["runs"], json!([]), "{name}: {runs}");
            }
        },
    )
    .await;
}
