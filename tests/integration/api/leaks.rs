//! Regression tests from the security review: no way around grant option, no hidden column or
//! hidden table revealed through a side door.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{TestApp, each_backend};

async fn setup(app: &TestApp) {
    app.create_database("hr").await;
    app.create_table(
        "hr",
        json!({"name": "people", "columns": [
        {"name": "id", "type": "int64"}, {"name": "region", "type": "utf8"}, {"name": "ssn", "type": "utf8"}]}),
    )
    .await;
    app.create_table("hr", json!({"name": "secret", "columns": [{"name": "x", "type": "int64"}]})).await;
}

async fn grant(app: &TestApp, body: Value) {
    let (status, response) = app.post("/v1/grants", body.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{body}: {response}");
}

fn people(columns: Option<Vec<&str>>) -> Value {
    match columns {
        Some(c) => json!({"table": {"database": "hr", "name": "people", "columns": c}}),
        None => json!({"table": {"database": "hr", "name": "people"}}),
    }
}

#[tokio::test]
async fn grant_option_on_a_filter_or_some_columns_does_not_pass_on_more() {
    each_backend(|app| async move {
        setup(&app).await;
        app.post("/v1/databases/hr/tables/people/data-filters", json!({"name": "eu", "row_filter": "region = 'EU'", "columns": ["id", "region"]})).await;
        let olga = app.user("olga").await;
        app.user("mike").await;
        grant(&app, json!({"principal": "user:olga", "privileges": ["SELECT"], "grantable": true,
            "resource": {"data_filter": {"database": "hr", "table": "people", "name": "eu"}}})).await;
        let (status, body) = olga.post("/v1/grants", json!({"principal": "user:mike", "privileges": ["SELECT"], "resource": people(Some(vec!["id", "region"]))})).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "a filter's holder cannot hand out the whole table: {body}");

        let pam = app.user("pam").await;
        grant(&app, json!({"principal": "user:pam", "privileges": ["SELECT"], "grantable": true, "resource": people(Some(vec!["id"]))})).await;
        grant(&app, json!({"principal": "user:pam", "privileges": ["SELECT"], "resource": people(None)})).await;
        for privileges in [json!(["SELECT"]), json!(["ALL"])] {
            let (status, body) = pam.post("/v1/grants", json!({"principal": "user:mike", "privileges": privileges, "resource": people(None)})).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{privileges}: {body}");
        }
        let (status, _) = pam.post("/v1/grants", json!({"principal": "user:mike", "privileges": ["SELECT"], "resource": people(Some(vec!["id"]))})).await;
        assert_eq!(status, StatusCode::CREATED, "what pam holds grantable, pam may pass on");
    })
    .await;
}

#[tokio::test]
async fn only_table_level_describe_shows_every_column() {
    each_backend(|app| async move {
        setup(&app).await;
        let ned = app.user("ned").await;
        grant(&app, json!({"principal": "user:ned", "privileges": ["SELECT"], "resource": people(Some(vec!["id"]))}))
            .await;
        grant(&app, json!({"principal": "user:ned", "privileges": ["INSERT"], "resource": people(None)})).await;
        grant(&app, json!({"principal": "user:ned", "privileges": ["CREATE_DATABASE"], "resource": {"catalog": {}}}))
            .await;
        let (_, table) = ned.get("/v1/databases/hr/tables/people").await;
        let names: Vec<&str> =
            table["columns"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["id"], "INSERT and CREATE_DATABASE do not reveal the schema");

        // History: a new hidden column must not show up in summaries either.
        let (_, current) = app.get("/v1/databases/hr/tables/people").await;
        let mut columns = current["columns"].clone();
        columns.as_array_mut().unwrap().push(json!({"name": "salary", "type": "int64"}));
        app.patch("/v1/databases/hr/tables/people", current["etag"].as_str(), json!({"columns": columns})).await;
        let (status, versions) = ned.get("/v1/databases/hr/tables/people/versions").await;
        assert_eq!(status, StatusCode::OK, "{versions}");
        assert!(!versions["versions"].as_array().unwrap().is_empty(), "{versions}");
        assert!(!versions.to_string().contains("salary") && !versions.to_string().contains("ssn"), "{versions}");
        let (status, effective) = ned.get("/v1/permissions/effective?database=hr&table=people").await;
        assert_eq!(status, StatusCode::OK, "{effective}");
        assert!(effective["columns"].as_array().is_some_and(|c| !c.is_empty()), "{effective}");
        assert!(!effective.to_string().contains("ssn"), "{effective}");

        grant(&app, json!({"principal": "user:ned", "privileges": ["DESCRIBE"], "resource": people(None)})).await;
        let (_, table) = ned.get("/v1/databases/hr/tables/people").await;
        assert_eq!(table["columns"].as_array().unwrap().len(), 4);
    })
    .await;
}

#[tokio::test]
async fn requests_cannot_probe_for_hidden_tables_or_columns() {
    each_backend(|app| async move {
        setup(&app).await;
        let pry = app.user("pry").await;
        grant(&app, json!({"principal": "user:pry", "privileges": ["SELECT"], "resource": people(Some(vec!["id"]))}))
            .await;
        // A hidden table answers like a missing one, whatever else the request says.
        for resource in [
            json!({"table": {"database": "hr", "name": "secret", "columns": ["nope"]}}),
            json!({"table": {"database": "hr", "name": "missing", "columns": ["nope"]}}),
            json!({"data_filter": {"database": "hr", "table": "secret", "name": "f"}}),
        ] {
            let (status, body) = pry
                .post("/v1/grants", json!({"principal": "user:nobody", "privileges": ["SELECT"], "resource": resource}))
                .await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{resource}: {body}");
        }
        let (status, _) =
            pry.post("/v1/databases/hr/tables/secret/partitions", json!({"partitions": [{"values": ["x"]}]})).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        // On the visible table, guessing a column name gets the same answer as a wrong guess.
        for column in ["ssn", "not_a_column"] {
            let body = json!({"tags": {}, "column_tags": {column: {}}});
            let (status, _) =
                pry.send(pry.request(Method::PUT, "/v1/databases/hr/tables/people/tags").json(&body)).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{column}");
            let (status, _) = pry
                .post("/v1/databases/hr/tables/people/data-filters", json!({"name": "x", "columns": [column]}))
                .await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{column}");
        }
    })
    .await;
}

#[tokio::test]
async fn principal_names_cannot_be_probed() {
    let app = TestApp::sqlite().await;
    let quinn = app.user("quinn").await;
    app.user("real").await;
    for who in ["user:real", "user:ghost"] {
        let (status, _) = quinn.get(&format!("/v1/permissions/effective?principal={who}")).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{who}");
        let (status, _) = quinn.get(&format!("/v1/grants?principal={who}")).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{who}");
    }
    let (status, _) = quinn.get("/v1/grants?principal=user:quinn").await;
    assert_eq!(status, StatusCode::OK);
}
