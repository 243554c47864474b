//! Pipelines: definitions planned as the owner (bad ones refused with nothing stored),
//! versions with If-Match, and runs that move data raw -> cleaned -> curated with transforms,
//! data-quality rules, quarantine, lineage and chained triggers.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::query::{employees, rows};
use super::search::search_until;
use crate::support::{Session, code, each_backend, each_backend_with};

pub async fn create(session: &Session, body: Value) -> (StatusCode, Value) {
    session.post("/v1/pipelines", body).await
}

/// Starts a run and waits for its end; returns the run.
pub async fn run(session: &Session, name: &str) -> Value {
    let (status, started) = session.post(&format!("/v1/pipelines/{name}/run"), json!({})).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{started}");
    wait(session, name, started["id"].as_str().unwrap()).await
}

/// Waits for run `id` of `name` to end.
pub async fn wait(session: &Session, name: &str, id: &str) -> Value {
    for _ in 0..600 {
        let (status, body) = session.get(&format!("/v1/pipelines/{name}/runs/{id}")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        if !["queued", "running"].contains(&body["status"].as_str().unwrap_or_default()) {
            return body;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("run {id} of {name} did not end");
}

/// Waits for `name` to have `count` finished runs; returns them, newest first.
pub async fn finished_runs(session: &Session, name: &str, count: usize) -> Vec<Value> {
    for _ in 0..600 {
        let (_, body) = session.get(&format!("/v1/pipelines/{name}/runs")).await;
        let runs: Vec<Value> = body["runs"].as_array().cloned().unwrap_or_default();
        let done: Vec<Value> = runs
            .into_iter()
            .filter(|r| !["queued", "running"].contains(&r["status"].as_str().unwrap_or_default()))
            .collect();
        if done.len() >= count {
            return done;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{name} did not finish {count} runs");
}

/// raw hr.employees -> transform, validate (salary over 450 quarantined) -> hr.staff_clean.
fn cleaning() -> Value {
    json!({
        "name": "clean_staff",
        "description": "employees, typed and checked",
        "steps": [
            {"name": "src", "kind": "sql", "sql": "SELECT id, name, region, salary, year FROM hr.employees"},
            {"name": "typed", "kind": "transform", "input": "src", "operations": [
                {"op": "lower", "columns": ["region"]},
                {"op": "cast", "column": "salary", "to": "float64"},
                {"op": "rename", "columns": {"name": "first_name"}},
                {"op": "mask", "columns": ["first_name"], "keep_last": 1}
            ]},
            {"name": "checked", "kind": "validate", "input": "typed", "rules": [
                {"rule": "RowCount > 0"},
                {"rule": "IsComplete \"id\""},
                {"rule": "IsUnique \"id\""},
                {"rule": "ColumnValues \"region\" in [\"eu\", \"us\", \"apac\"]"},
                {"rule": "Mean \"salary\" between 100 and 1000", "action": "warn"},
                {"rule": "ColumnCount = 99", "action": "warn"},
                {"rule": "ColumnValues \"salary\" <= 450", "action": "quarantine"}
            ]},
            {"name": "out", "kind": "write", "input": "checked", "table": "hr.staff_clean", "zone": "cleaned",
             "partition_keys": ["year"]}
        ]
    })
}

#[tokio::test]
async fn a_run_transforms_checks_quarantines_publishes_and_records_lineage() {
    each_backend(|app| async move {
        employees(&app).await;
        let (status, created) = create(&app.admin, cleaning()).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        assert_eq!(created["version"], 1);
        let done = run(&app.admin, "clean_staff").await;
        assert_eq!(done["status"], "succeeded", "{done}");
        let steps = done["steps"].as_array().unwrap();
        let step = |name: &str| steps.iter().find(|s| s["name"] == name).unwrap().clone();
        assert_eq!(step("checked")["rows_in"], 6, "{done}");
        assert_eq!(step("checked")["rows_quarantined"], 2, "{done}");
        // Views are counted by the steps that read them.
        let counts = |name: &str| (step(name)["rows_in"].as_u64(), step(name)["rows_out"].as_u64());
        assert_eq!((counts("src").1, counts("typed"), counts("checked").1), (Some(6), (Some(6), Some(6)), Some(4)), "{done}");
        let rules = step("checked")["rules"].as_array().unwrap().clone();
        assert_eq!(rules.len(), 7);
        let outcome =
            |rule: &str| rules.iter().find(|r| r["rule"].as_str().unwrap().starts_with(rule)).unwrap().clone();
        assert_eq!(outcome("ColumnCount")["passed"], false);
        assert_eq!(outcome("ColumnCount")["value"], 5.0);
        assert_eq!(outcome("RowCount")["value"], 6.0);
        assert_eq!(outcome("ColumnValues \"salary\"")["failing_rows"], 2);
        assert_eq!(step("out")["rows_out"], 4, "{done}");
        // The output: typed, masked, partitioned, without the quarantined rows.
        let table =
            rows(&app.admin, "SELECT id, first_name, region, salary, year FROM hr.staff_clean ORDER BY id").await;
        assert_eq!(table.iter().map(|r| r["id"].as_i64().unwrap()).collect::<Vec<_>>(), vec![1, 2, 3, 4]);
        assert_eq!(table[0], json!({"id": 1, "first_name": "**n", "region": "eu", "salary": 100.0, "year": 2023}));
        let (_, t) = app.get("/v1/databases/hr/tables/staff_clean").await;
        assert_eq!(t["zone"], "cleaned");
        assert_eq!(t["partition_keys"][0]["name"], "year");
        let (_, parts) = app.get("/v1/databases/hr/tables/staff_clean/partitions").await;
        assert_eq!(parts["partitions"].as_array().unwrap().len(), 2, "{parts}");
        // The quarantine table beside it: the failing rows with their reason.
        let quarantined = rows(&app.admin, "SELECT id, dq_reason FROM hr.staff_clean_quarantine ORDER BY id").await;
        assert_eq!(quarantined.len(), 2);
        assert_eq!(quarantined[0]["id"], 5);
        assert!(quarantined[0]["dq_reason"].as_str().unwrap().contains("salary"), "{quarantined:?}");
        // Lineage: table level, and the masked column back to its source through the rename.
        let (status, graph) = app.get("/v1/lineage?database=hr&table=staff_clean&column=first_name&direction=up").await;
        assert_eq!(status, StatusCode::OK, "{graph}");
        assert!(graph["nodes"].as_array().unwrap().iter().any(|n| n["id"] == "hr.employees"), "{graph}");
        assert!(
            graph["edges"].as_array().unwrap().contains(&json!({"source": "hr.employees", "target": "hr.staff_clean"}))
        );
        let columns = graph["columns"].as_array().unwrap();
        assert!(
            columns.iter().any(|c| c["source_node"] == "hr.employees"
                && c["source_column"] == "name"
                && c["target_column"] == "first_name"
                && c["kind"] == "transformation"),
            "{graph}"
        );
        // The latest data-quality result shows on the table; a caller kept from a column sees
        // the score and the rules on the columns it may read, without measured values.
        let (_, t) = app.get("/v1/databases/hr/tables/staff_clean").await;
        assert_eq!((t["quality"]["passed"].as_u64(), t["quality"]["total"].as_u64()), (Some(5), Some(7)), "{t}");
        assert_eq!(t["quality"]["rules"].as_array().unwrap().len(), 7);
        let carol = app.user("carol").await;
        let grant = json!({"principal": "user:carol", "privileges": ["SELECT"],
                           "resource": {"table": {"database": "hr", "name": "staff_clean", "excluded_columns": ["salary"]}}});
        assert_eq!(app.post("/v1/grants", grant).await.0, StatusCode::CREATED);
        let (_, seen) = carol.get("/v1/databases/hr/tables/staff_clean").await;
        let rules = seen["quality"]["rules"].as_array().unwrap().clone();
        assert!(seen["quality"]["score"].as_f64().is_some(), "{seen}");
        assert!(!rules.is_empty() && rules.iter().all(|r| !r["rule"].as_str().unwrap().contains("salary") && r["value"].is_null()), "{seen}");
        // Search shows the score to those who see every column, and not to carol.
        let table_hit = |body: &Value| {
            body["results"].as_array().unwrap().iter().find(|h| h["kind"] == "table" && h["table"] == "staff_clean").cloned()
        };
        let found = search_until(&app.admin, "staff_clean", |b| table_hit(b).is_some_and(|h| h["quality"]["total"] == 7)).await;
        let quality = &table_hit(&found).unwrap()["quality"];
        assert_eq!((quality["passed"].as_u64(), quality["score"].as_f64()), (Some(5), Some(5.0 / 7.0)), "{found}");
        let theirs = search_until(&carol, "staff_clean", |b| table_hit(b).is_some()).await;
        assert!(table_hit(&theirs).unwrap().get("quality").is_none(), "{theirs}");
        let (_, down) = app.get("/v1/lineage?database=hr&table=employees&direction=down").await;
        assert!(down["nodes"].as_array().unwrap().iter().any(|n| n["id"] == "hr.staff_clean"), "{down}");
        // A second run of the same definition appends again (new files, named by run).
        let again = run(&app.admin, "clean_staff").await;
        assert_eq!(again["status"], "succeeded", "{again}");
        assert_eq!(rows(&app.admin, "SELECT id FROM hr.staff_clean").await.len(), 8);
        // Every run is audited with the decisions made for it.
        let (_, audit) = app.get("/v1/audit?action=pipeline.complete").await;
        assert_eq!(audit["records"].as_array().unwrap().len(), 2, "{audit}");
        let (_, published) = app.get("/v1/audit?action=pipeline.publish").await;
        assert!(published["records"].as_array().unwrap().len() >= 4, "{published}");
    })
    .await;
}

#[tokio::test]
async fn a_failing_rule_fails_the_run_and_publishes_nothing() {
    each_backend(|app| async move {
        employees(&app).await;
        let mut body = cleaning();
        body["steps"][2]["rules"] = json!([{"rule": "RowCount > 100"}, {"rule": "IsComplete \"id\""}]);
        assert_eq!(create(&app.admin, body).await.0, StatusCode::CREATED);
        let done = run(&app.admin, "clean_staff").await;
        assert_eq!(done["status"], "failed", "{done}");
        assert!(done["message"].as_str().unwrap().contains("RowCount > 100"), "{done}");
        let checked = done["steps"].as_array().unwrap().iter().find(|s| s["name"] == "checked").unwrap().clone();
        assert_eq!(checked["status"], "failed");
        assert!(!done["steps"].as_array().unwrap().iter().any(|s| s["name"] == "out"), "{done}");
        assert_eq!(app.get("/v1/databases/hr/tables/staff_clean").await.0, StatusCode::NOT_FOUND);
        assert!(done["logs"].as_array().unwrap().iter().any(|l| l.as_str().unwrap().contains("did not pass")));
    })
    .await;
}

#[tokio::test]
async fn bad_definitions_are_refused_with_a_stable_code_and_nothing_is_stored() {
    each_backend(|app| async move {
        employees(&app).await;
        let with = |steps: Value| json!({"name": "bad", "steps": steps});
        let write = json!({"name": "out", "kind": "write", "input": "a", "table": "hr.out"});
        let cases = [
            with(json!([{"name": "a", "kind": "sql", "sql": "SELECT * FROM b"}, {"name": "b", "kind": "sql", "sql": "SELECT * FROM a"}, write.clone()])),
            with(json!([{"name": "a", "kind": "sql", "sql": "SELECT * FROM hr.nowhere"}, write.clone()])),
            with(json!([{"name": "a", "kind": "sql", "sql": "SELECT nope FROM hr.employees"}, write.clone()])),
            with(json!([{"name": "a", "kind": "sql", "sql": "INSERT INTO hr.employees VALUES (1)"}, write.clone()])),
            with(json!([{"name": "a", "kind": "sql", "sql": "SELECT * FROM hr.employees"},
                        {"name": "v", "kind": "validate", "input": "a", "rules": [{"rule": "IsComplete \"missing\""}]}])),
            with(json!([{"name": "a", "kind": "sql", "sql": "SELECT * FROM hr.employees"},
                        {"name": "v", "kind": "validate", "input": "a", "rules": [{"rule": "RowCount > 1", "action": "quarantine"}]}])),
            with(json!([{"name": "a", "kind": "sql", "sql": "SELECT * FROM hr.employees"},
                        {"name": "t", "kind": "transform", "input": "a", "operations": [{"op": "trim", "columns": ["nope"]}]}])),
            with(json!([{"name": "a", "kind": "sql", "sql": "SELECT * FROM hr.employees"},
                        {"name": "out", "kind": "write", "input": "a", "table": "nodb.out"}])),
            json!({"name": "bad", "steps": [{"name": "a", "kind": "sql", "sql": "SELECT 1 AS x"}],
                   "triggers": [{"kind": "schedule", "cron": "every day"}]}),
        ];
        for body in cases {
            let (status, problem) = create(&app.admin, body.clone()).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {problem}");
            assert_eq!(code(&problem), "invalid_pipeline", "{body}: {problem}");
        }
        let (status, problem) = create(&app.admin, json!({"name": "bad", "steps": [], "extra": 1})).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
        let (_, listed) = app.get("/v1/pipelines").await;
        assert_eq!(listed["pipelines"], json!([]));
        assert_eq!(app.get("/v1/databases/hr/tables/out").await.0, StatusCode::NOT_FOUND);
    })
    .await;
}

#[tokio::test]
async fn definitions_are_versioned_and_updates_need_the_current_etag() {
    each_backend(|app| async move {
        employees(&app).await;
        let (_, created) = create(&app.admin, cleaning()).await;
        let etag = created["etag"].as_str().unwrap().to_owned();
        let mut next = cleaning();
        next.as_object_mut().unwrap().remove("name");
        next["steps"][0]["sql"] = json!("SELECT id, name, region, salary, year FROM hr.employees WHERE id > 1");
        let put = |tag: Option<String>, body: Value| {
            let mut request = app.admin.request(reqwest::Method::PUT, "/v1/pipelines/clean_staff").json(&body);
            if let Some(tag) = tag {
                request = request.header("If-Match", tag);
            }
            app.admin.send(request)
        };
        let (status, problem) = put(None, next.clone()).await;
        assert_eq!((status, code(&problem)), (StatusCode::PRECONDITION_REQUIRED, "precondition_required"));
        let (status, updated) = put(Some(etag.clone()), next.clone()).await;
        assert_eq!(status, StatusCode::OK, "{updated}");
        assert_eq!(updated["version"], 2);
        let (status, problem) = put(Some(etag), next).await;
        assert_eq!((status, code(&problem)), (StatusCode::PRECONDITION_FAILED, "version_mismatch"));
        let (_, versions) = app.get("/v1/pipelines/clean_staff/versions").await;
        let versions = versions["versions"].as_array().unwrap().clone();
        assert_eq!(versions.len(), 2);
        assert_eq!(versions[0]["summary"], "created");
        assert_eq!(versions[1]["summary"], "changed step src");
        // Any two versions compare step by step, with both sides of a change.
        let (status, diff) = app.get("/v1/pipelines/clean_staff/versions/2/diff?from=1").await;
        assert_eq!(status, StatusCode::OK, "{diff}");
        let change = &diff["changes"][0];
        assert_eq!(
            (diff["changes"].as_array().unwrap().len(), change["kind"].as_str(), change["name"].as_str()),
            (1, Some("changed"), Some("src"))
        );
        assert!(!change["before"]["sql"].as_str().unwrap().contains("WHERE"), "{diff}");
        assert!(change["after"]["sql"].as_str().unwrap().ends_with("WHERE id > 1"), "{diff}");
        let (status, body) = app.get("/v1/pipelines/clean_staff/versions/9/diff?from=1").await;
        assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "not_found"), "{body}");
        // A run runs the version current when it starts.
        let done = run(&app.admin, "clean_staff").await;
        assert_eq!((done["status"].as_str(), done["version"].as_i64()), (Some("succeeded"), Some(2)), "{done}");
        assert_eq!(rows(&app.admin, "SELECT id FROM hr.staff_clean").await.len(), 3);
        // Deleting removes it; the table it wrote stays.
        assert_eq!(app.delete("/v1/pipelines/clean_staff").await.0, StatusCode::NO_CONTENT);
        assert_eq!(app.get("/v1/pipelines/clean_staff").await.0, StatusCode::NOT_FOUND);
        assert_eq!(app.get("/v1/databases/hr/tables/staff_clean").await.0, StatusCode::OK);
    })
    .await;
}

#[tokio::test]
async fn a_finished_run_starts_the_pipelines_that_wait_for_it() {
    each_backend_with(
        |c| c.scheduler_interval = Duration::from_millis(200),
        |app| async move {
            employees(&app).await;
            assert_eq!(create(&app.admin, cleaning()).await.0, StatusCode::CREATED);
            let curated = json!({
                "name": "region_totals",
                "steps": [
                    {"name": "agg", "kind": "sql", "sql": "SELECT region, SUM(salary) AS total, COUNT(*) AS people FROM hr.staff_clean GROUP BY region"},
                    {"name": "out", "kind": "write", "input": "agg", "table": "hr.region_totals", "zone": "curated"}
                ],
                "triggers": [{"kind": "pipeline", "pipelines": ["clean_staff"], "condition": "all_succeeded"}]
            });
            // The upstream table must exist to plan the curated step; the trigger follower
            // has seen that run's end before the curated pipeline exists.
            assert_eq!(run(&app.admin, "clean_staff").await["status"], "succeeded");
            tokio::time::sleep(Duration::from_millis(1500)).await;
            let (status, body) = create(&app.admin, curated).await;
            assert_eq!(status, StatusCode::CREATED, "{body}");
            assert_eq!(run(&app.admin, "clean_staff").await["status"], "succeeded");
            let runs = finished_runs(&app.admin, "region_totals", 1).await;
            assert_eq!(runs[0]["status"], "succeeded", "{runs:?}");
            assert_eq!(runs[0]["trigger"], "pipeline");
            let totals = rows(&app.admin, "SELECT region, total, people FROM hr.region_totals ORDER BY region").await;
            assert_eq!(totals, vec![json!({"region": "eu", "total": 800.0, "people": 4}), json!({"region": "us", "total": 1200.0, "people": 4})]);
            let (_, t) = app.get("/v1/databases/hr/tables/region_totals").await;
            assert_eq!(t["zone"], "curated");
            // Two hops upstream: curated <- cleaned <- raw.
            let (_, graph) = app.get("/v1/lineage?database=hr&table=region_totals&depth=5").await;
            let ids: Vec<&str> = graph["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
            assert_eq!(ids, vec!["hr.region_totals", "hr.staff_clean", "hr.employees"], "{graph}");
        },
    )
    .await;
}

#[tokio::test]
async fn a_failed_run_is_retried_as_its_retry_policy_says() {
    each_backend(|app| async move {
        employees(&app).await;
        let body = json!({
            "name": "flaky",
            "steps": [
                {"name": "a", "kind": "sql", "sql": "SELECT id FROM hr.employees"},
                {"name": "v", "kind": "validate", "input": "a", "rules": [{"rule": "RowCount > 10"}]}
            ],
            "retry": {"interval_seconds": 0, "max_attempts": 2}
        });
        assert_eq!(create(&app.admin, body).await.0, StatusCode::CREATED);
        let (_, started) = app.post("/v1/pipelines/flaky/run", json!({})).await;
        let id = started["id"].as_str().unwrap().to_owned();
        let mut done = Value::Null;
        for _ in 0..400 {
            done = wait(&app.admin, "flaky", &id).await;
            if done["attempt"] == 2 && done["status"] == "failed" {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!((done["attempt"].as_i64(), done["status"].as_str()), (Some(2), Some("failed")), "{done}");
    })
    .await;
}

#[tokio::test]
async fn pipelines_of_others_are_absent_and_runs_need_the_manage_permission() {
    each_backend(|app| async move {
        employees(&app).await;
        assert_eq!(create(&app.admin, cleaning()).await.0, StatusCode::CREATED);
        let bob = app.user("bob").await;
        assert_eq!(bob.get("/v1/pipelines/clean_staff").await.0, StatusCode::NOT_FOUND);
        assert_eq!(bob.post("/v1/pipelines/clean_staff/run", json!({})).await.0, StatusCode::NOT_FOUND);
        let (_, listed) = bob.get("/v1/pipelines").await;
        assert_eq!(listed["pipelines"], json!([]));
        // Bob may not read hr.employees: his own pipeline over it is refused when planned.
        let mut mine = cleaning();
        mine["name"] = json!("bobs");
        let (status, problem) = create(&bob, mine).await;
        assert_eq!((status, code(&problem)), (StatusCode::BAD_REQUEST, "invalid_pipeline"), "{problem}");
    })
    .await;
}

/// A pipeline whose one query counts twenty billion generated rows: it runs until stopped.
pub fn endless(timeout_seconds: u64) -> Value {
    json!({"name": "endless", "timeout_seconds": timeout_seconds, "steps": [
        {"name": "big", "kind": "sql", "sql": "SELECT value FROM generate_series(1, 20000000000)"},
        {"name": "v", "kind": "validate", "input": "big", "rules": [{"rule": "RowCount > 0"}]}
    ]})
}

#[tokio::test]
async fn runs_are_cancelled_on_request_and_stopped_at_their_timeout() {
    each_backend(|app| async move {
        assert_eq!(create(&app.admin, endless(3600)).await.0, StatusCode::CREATED);
        let (_, started) = app.post("/v1/pipelines/endless/run", json!({})).await;
        let id = started["id"].as_str().unwrap().to_owned();
        tokio::time::sleep(Duration::from_millis(300)).await;
        let (status, cancelled) = app.post(&format!("/v1/pipelines/endless/runs/{id}/cancel"), json!({})).await;
        assert_eq!(status, StatusCode::OK, "{cancelled}");
        let done = wait(&app.admin, "endless", &id).await;
        assert_eq!(done["status"], "cancelled", "{done}");
        // A new run may start at once; this one stops at its time limit.
        let etag = app.get("/v1/pipelines/endless").await.1["etag"].as_str().unwrap().to_owned();
        let mut short = endless(1);
        short.as_object_mut().unwrap().remove("name");
        let request =
            app.admin.request(reqwest::Method::PUT, "/v1/pipelines/endless").header("If-Match", etag).json(&short);
        assert_eq!(app.admin.send(request).await.0, StatusCode::OK);
        let timed = run(&app.admin, "endless").await;
        assert_eq!(timed["status"], "timed_out", "{timed}");
        let (_, runs) = app.get("/v1/pipelines/endless/runs").await;
        let statuses: Vec<&str> =
            runs["runs"].as_array().unwrap().iter().map(|r| r["status"].as_str().unwrap()).collect();
        assert_eq!(statuses, vec!["timed_out", "cancelled"], "{runs}");
    })
    .await;
}
