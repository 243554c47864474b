//! Pipelines are governed like their owner: they read only what the owner may query (columns
//! and rows), a revoked grant fails the next run with an audited denial, and lineage never
//! names a table the caller may not see.

use reqwest::StatusCode;
use serde_json::json;

use super::pipelines::{create, run};
use super::query::{employees, rows};
use crate::support::{TestApp, each_backend};

/// `ana` reads hr.employees through the `eu` filter (EU rows, no salary) and may create
/// tables in `lab`.
async fn restricted_owner(app: &TestApp) -> crate::support::Session {
    employees(app).await;
    app.create_database("lab").await;
    let (status, body) = app
        .post(
            "/v1/databases/hr/tables/employees/data-filters",
            json!({"name": "eu", "row_filter": "region = 'EU'", "excluded_columns": ["salary"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let ana = app.user("ana").await;
    for (resource, privileges) in [
        (json!({"data_filter": {"database": "hr", "table": "employees", "name": "eu"}}), json!(["SELECT"])),
        (json!({"database": "lab"}), json!(["CREATE_TABLE"])),
    ] {
        let grant = json!({"principal": "user:ana", "privileges": privileges, "resource": resource});
        let (status, body) = app.post("/v1/grants", grant).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    ana
}

#[tokio::test]
async fn a_pipeline_never_sees_more_than_its_owner_may_query() {
    each_backend(|app| async move {
        let ana = restricted_owner(&app).await;
        // Whatever the SQL says: `*` is the granted columns, and only EU rows exist.
        let body = json!({"name": "eu_copy", "steps": [
            {"name": "all", "kind": "sql", "sql": "SELECT * FROM hr.employees"},
            {"name": "out", "kind": "write", "input": "all", "table": "lab.eu_staff"}
        ]});
        let (status, created) = create(&ana, body).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        let done = run(&ana, "eu_copy").await;
        assert_eq!(done["status"], "succeeded", "{done}");
        let out = rows(&app.admin, "SELECT * FROM lab.eu_staff ORDER BY id").await;
        assert_eq!(out.iter().map(|r| r["id"].as_i64().unwrap()).collect::<Vec<_>>(), vec![1, 3, 5]);
        assert!(out.iter().all(|r| r["region"] == "EU" && r.get("salary").is_none()), "{out:?}");
        let (_, table) = app.get("/v1/databases/lab/tables/eu_staff").await;
        let columns: Vec<&str> =
            table["columns"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
        assert!(!columns.contains(&"salary"), "{table}");
        // Naming the hidden column is refused when the pipeline is planned.
        let sneaky = json!({"name": "sneaky", "steps": [
            {"name": "s", "kind": "sql", "sql": "SELECT id, salary FROM hr.employees"},
            {"name": "out", "kind": "write", "input": "s", "table": "lab.salaries"}
        ]});
        let (status, problem) = create(&ana, sneaky).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
        // A revoked grant fails the next run, through the door, audited as a denial.
        let revoke = json!({"principal": "user:ana", "privileges": ["SELECT"],
                            "resource": {"data_filter": {"database": "hr", "table": "employees", "name": "eu"}}});
        assert_eq!(app.post("/v1/grants/revoke", revoke).await.0, StatusCode::OK);
        let failed = run(&ana, "eu_copy").await;
        assert_eq!(failed["status"], "failed", "{failed}");
        let (_, audit) = app.get("/v1/audit?action=pipeline.complete&decision=deny").await;
        assert_eq!(audit["records"].as_array().unwrap().len(), 1, "{audit}");
        assert_eq!(rows(&app.admin, "SELECT id FROM lab.eu_staff").await.len(), 3);
    })
    .await;
}

#[tokio::test]
async fn lineage_shows_a_table_the_caller_may_not_see_as_an_opaque_node() {
    each_backend(|app| async move {
        let ana = restricted_owner(&app).await;
        let body = json!({"name": "eu_copy", "steps": [
            {"name": "all", "kind": "sql", "sql": "SELECT id, name FROM hr.employees"},
            {"name": "out", "kind": "write", "input": "all", "table": "lab.eu_names"}
        ]});
        assert_eq!(create(&ana, body).await.0, StatusCode::CREATED);
        assert_eq!(run(&ana, "eu_copy").await["status"], "succeeded");
        let bob = app.user("bob").await;
        let grant = json!({"principal": "user:bob", "privileges": ["DESCRIBE"], "resource": {"table": {"database": "lab", "name": "eu_names"}}});
        assert_eq!(app.post("/v1/grants", grant).await.0, StatusCode::CREATED);
        let (status, graph) = bob.get("/v1/lineage?database=lab&table=eu_names&column=name").await;
        assert_eq!(status, StatusCode::OK, "{graph}");
        let text = graph.to_string();
        assert!(!text.contains("employees") && !text.contains("\"hr\""), "{graph}");
        let nodes = graph["nodes"].as_array().unwrap();
        assert_eq!(nodes.len(), 2, "{graph}");
        assert_eq!(nodes[1], json!({"id": "hidden-1", "database": null, "table": null, "hidden": true, "depth": 1}));
        assert_eq!(graph["edges"], json!([{"source": "hidden-1", "target": "lab.eu_names"}]));
        assert_eq!(graph["columns"], json!([]));
        // The administrator sees the source, and the table asked about must be visible.
        let (_, full) = app.get("/v1/lineage?database=lab&table=eu_names").await;
        assert!(full.to_string().contains("hr.employees"), "{full}");
        assert_eq!(bob.get("/v1/lineage?database=hr&table=employees").await.0, StatusCode::NOT_FOUND);
    })
    .await;
}

/// The fields the OpenLineage spec (2-0-2) requires of a RunEvent and its datasets and facets.
fn assert_openlineage(event: &serde_json::Value) {
    for key in ["eventType", "eventTime", "producer", "schemaURL"] {
        assert!(event[key].is_string(), "{key} in {event}");
    }
    assert!(["START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER"].contains(&event["eventType"].as_str().unwrap()));
    assert!(chrono::DateTime::parse_from_rfc3339(event["eventTime"].as_str().unwrap()).is_ok());
    assert!(event["schemaURL"].as_str().unwrap().starts_with("https://openlineage.io/spec/2-0-2/OpenLineage.json"));
    assert!(uuid::Uuid::parse_str(event["run"]["runId"].as_str().unwrap()).is_ok(), "{event}");
    assert!(event["job"]["namespace"].is_string() && event["job"]["name"].is_string());
    for dataset in event["inputs"].as_array().unwrap().iter().chain(event["outputs"].as_array().unwrap()) {
        assert!(dataset["namespace"].is_string() && dataset["name"].is_string(), "{dataset}");
        for facet in dataset["facets"].as_object().unwrap().values() {
            assert!(facet["_producer"].is_string() && facet["_schemaURL"].is_string(), "{facet}");
        }
    }
}

/// Rebuilds the events with the OpenLineage project's own model (openlineage-python, generated
/// from the spec's JSON schemas, with its validators) and checks it renders them the same.
fn conforms_to_the_openlineage_model(events: &serde_json::Value) {
    let probe = "python3 -c 'import openlineage.client.event_v2'";
    if !crate::clients::tool(probe, "pip install openlineage-python") {
        return;
    }
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/integration/python/openlineage_model.py");
    let mut child = std::process::Command::new("python3")
        .arg(script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), events.to_string().as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success() && text.starts_with("ok "), "{text}");
}

#[tokio::test]
async fn runs_export_as_openlineage_events_without_tables_the_caller_may_not_see() {
    each_backend(|app| async move {
        let ana = restricted_owner(&app).await;
        let body = json!({"name": "eu_copy", "steps": [
            {"name": "all", "kind": "sql", "sql": "SELECT id, name FROM hr.employees WHERE year = 2024"},
            {"name": "out", "kind": "write", "input": "all", "table": "lab.eu_names"}
        ]});
        assert_eq!(create(&ana, body).await.0, StatusCode::CREATED);
        let done = run(&ana, "eu_copy").await;
        let (status, exported) = app.get("/v1/lineage/events").await;
        assert_eq!(status, StatusCode::OK, "{exported}");
        let events = exported["events"].as_array().unwrap().clone();
        assert_eq!(
            events.iter().map(|e| e["eventType"].as_str().unwrap()).collect::<Vec<_>>(),
            vec!["START", "COMPLETE"]
        );
        events.iter().for_each(assert_openlineage);
        conforms_to_the_openlineage_model(&exported["events"]);
        assert_eq!(events[1]["run"]["runId"], done["id"]);
        assert_eq!(events[1]["job"], json!({"namespace": "tarn", "name": "eu_copy"}));
        assert_eq!(events[1]["inputs"][0]["name"], "hr.employees");
        let output = &events[1]["outputs"][0];
        assert_eq!(output["name"], "lab.eu_names");
        let fields: Vec<&str> = output["facets"]["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(fields, vec!["id", "name"]);
        let name = &output["facets"]["columnLineage"]["fields"]["name"]["inputFields"][0];
        assert_eq!((name["name"].as_str(), name["field"].as_str()), (Some("hr.employees"), Some("name")), "{output}");
        assert_eq!(name["transformations"][0], json!({"type": "DIRECT", "subtype": "IDENTITY"}));
        let whole = output["facets"]["columnLineage"]["dataset"].as_array().unwrap();
        assert!(
            whole.iter().any(|d| d["field"] == "year" && d["transformations"][0]["subtype"] == "FILTER"),
            "{output}"
        );
        // Once ana may no longer see hr.employees, her events name it nowhere.
        let revoke = json!({"principal": "user:ana", "privileges": ["SELECT"],
                            "resource": {"data_filter": {"database": "hr", "table": "employees", "name": "eu"}}});
        assert_eq!(app.post("/v1/grants/revoke", revoke).await.0, StatusCode::OK);
        let (_, mine) = ana.get("/v1/lineage/events").await;
        assert!(!mine.to_string().contains("employees"), "{mine}");
        assert_eq!(mine["events"].as_array().unwrap().len(), 2);
        // Others' pipelines are not exported to a caller who may not see them.
        let bob = app.user("bob").await;
        assert_eq!(bob.get("/v1/lineage/events").await.1["events"], json!([]));
    })
    .await;
}
