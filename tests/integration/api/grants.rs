//! Grants: deny by default, absent when invisible, column scopes, groups, revoke, grant option.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{Session, TestApp, code, each_backend};

async fn setup(app: &TestApp) {
    app.create_database("sales").await;
    app.create_table(
        "sales",
        json!({"name": "orders", "columns": [
        {"name": "id", "type": "int64"}, {"name": "amount", "type": "float64"},
        {"name": "email", "type": "utf8"}, {"name": "region", "type": "utf8"}],
        "partition_keys": [{"name": "year", "type": "int32"}]}),
    )
    .await;
    app.create_table("sales", json!({"name": "refunds", "columns": [{"name": "id", "type": "int64"}]})).await;
    app.create_database("hr").await;
    app.create_table("hr", json!({"name": "people", "columns": [{"name": "salary", "type": "int64"}]})).await;
}

async fn grant(app: &TestApp, body: Value) {
    let (status, response) = app.post("/v1/grants", body.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{body}: {response}");
}

fn column_names(table: &Value) -> Vec<String> {
    table["columns"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_owned()).collect()
}

async fn names(session: &Session, path: &str, field: &str) -> Vec<String> {
    let (status, body) = session.get(path).await;
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    body[field].as_array().unwrap().iter().map(|d| d["name"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn without_grants_nothing_exists_and_with_them_exactly_what_was_granted() {
    each_backend(|app| async move {
        setup(&app).await;
        let bob = app.user("bob").await;
        assert!(names(&bob, "/v1/databases", "databases").await.is_empty());
        for path in ["/v1/databases/sales", "/v1/databases/sales/tables/orders", "/v1/databases/sales/tables", "/v1/databases/sales/tables/orders/versions"] {
            let (status, body) = bob.get(path).await;
            assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "not_found"), "{path}");
        }
        let (status, body) = bob.post("/v1/databases", json!({"name": "mine"})).await;
        assert_eq!((status, code(&body)), (StatusCode::FORBIDDEN, "forbidden"));
        assert!(body["detail"].as_str().unwrap().contains("CREATE_DATABASE"), "{body}");

        grant(&app, json!({"principal": "user:bob", "resource": {"table": {"database": "sales", "name": "orders"}}, "privileges": ["DESCRIBE"]})).await;
        assert_eq!(names(&bob, "/v1/databases", "databases").await, ["sales"]);
        assert_eq!(names(&bob, "/v1/databases/sales/tables", "tables").await, ["orders"]);
        let (status, table) = bob.get("/v1/databases/sales/tables/orders").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(column_names(&table).len(), 4);
        // Visible, but DESCRIBE is not ALTER or SELECT: 403 naming the privilege.
        let (status, body) = bob.patch("/v1/databases/sales/tables/orders", table["etag"].as_str(), json!({"description": "x"})).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(body["detail"].as_str().unwrap().contains("ALTER"), "{body}");
        let (status, body) = bob.get("/v1/databases/sales/tables/orders/partitions").await;
        assert!(status == StatusCode::FORBIDDEN && body["detail"].as_str().unwrap().contains("SELECT"), "{body}");
        let (status, _) = bob.get("/v1/databases/hr/tables/people").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    })
    .await;
}

#[tokio::test]
async fn column_grants_include_and_exclude_and_union() {
    each_backend(|app| async move {
        setup(&app).await;
        let ann = app.user("ann").await;
        grant(&app, json!({"principal": "user:ann", "resource": {"table": {"database": "sales", "name": "orders", "columns": ["id", "amount"]}}, "privileges": ["SELECT"]})).await;
        let (_, table) = ann.get("/v1/databases/sales/tables/orders").await;
        assert_eq!(column_names(&table), ["id", "amount"]);
        let (_, version) = ann.get("/v1/databases/sales/tables/orders/versions/1").await;
        assert_eq!(column_names(&version["definition"]), ["id", "amount"], "history must not leak hidden columns");

        let cid = app.user("cid").await;
        grant(&app, json!({"principal": "user:cid", "resource": {"table": {"database": "sales", "name": "orders", "excluded_columns": ["email"]}}, "privileges": ["SELECT"]})).await;
        let (_, table) = cid.get("/v1/databases/sales/tables/orders").await;
        assert_eq!(column_names(&table), ["id", "amount", "region"]);
        // An exclude list covers columns added later.
        let (_, current) = app.get("/v1/databases/sales/tables/orders").await;
        let mut columns = current["columns"].clone();
        columns.as_array_mut().unwrap().push(json!({"name": "channel", "type": "utf8"}));
        let (status, _) = app.patch("/v1/databases/sales/tables/orders", current["etag"].as_str(), json!({"columns": columns})).await;
        assert_eq!(status, StatusCode::OK);
        let (_, table) = cid.get("/v1/databases/sales/tables/orders").await;
        assert_eq!(column_names(&table), ["id", "amount", "region", "channel"]);
        // ... and is never a deny against another grant.
        grant(&app, json!({"principal": "user:cid", "resource": {"table": {"database": "sales", "name": "orders", "columns": ["email"]}}, "privileges": ["SELECT"]})).await;
        let (_, table) = cid.get("/v1/databases/sales/tables/orders").await;
        assert_eq!(column_names(&table), ["id", "amount", "email", "region", "channel"]);

        let (status, _) = app.post("/v1/grants", json!({"principal": "user:ann", "resource": {"table": {"database": "sales", "name": "orders", "columns": ["nope"]}}, "privileges": ["SELECT"]})).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, _) = app.post("/v1/grants", json!({"principal": "user:ann", "resource": {"table": {"database": "sales", "name": "orders", "columns": ["id"]}}, "privileges": ["ALTER"]})).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    })
    .await;
}

#[tokio::test]
async fn grants_to_groups_reach_nested_members_and_revokes_hold_on_the_next_request() {
    each_backend(|app| async move {
        setup(&app).await;
        let dan = app.user("dan").await;
        for g in ["analysts", "staff"] {
            app.post("/v1/principals/groups", json!({"name": g})).await;
        }
        app.send(app.request(reqwest::Method::PUT, "/v1/principals/groups/analysts/members/user:dan")).await;
        app.send(app.request(reqwest::Method::PUT, "/v1/principals/groups/staff/members/group:analysts")).await;
        let body = json!({"principal": "group:staff", "resource": {"database": "sales"}, "privileges": ["SELECT", "DESCRIBE"]});
        grant(&app, body.clone()).await;
        // A database grant covers its tables, today's and tomorrow's.
        assert_eq!(names(&dan, "/v1/databases/sales/tables", "tables").await, ["orders", "refunds"]);
        app.create_table("sales", json!({"name": "returns", "columns": []})).await;
        let (status, _) = dan.get("/v1/databases/sales/tables/returns").await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = dan.get("/v1/databases/sales/tables/orders/partitions").await;
        assert_eq!(status, StatusCode::OK);

        let (_, effective) = app.get("/v1/permissions/effective?principal=user:dan&database=sales&table=orders").await;
        let select = effective["privileges"].as_array().unwrap().iter().find(|p| p["privilege"] == "SELECT").unwrap().clone();
        assert_eq!(select["grants"][0]["principal"], "group:staff");
        assert_eq!(select["because"][0], "grant on database:sales");
        assert!(effective["columns"].as_array().unwrap().iter().all(|c| c["select"] == true));

        let (status, response) = app.post("/v1/grants/revoke", body).await;
        assert_eq!(status, StatusCode::OK, "{response}");
        let (status, _) = dan.get("/v1/databases/sales/tables/orders").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "revoked on the very next request");
        let (_, effective) = app.get("/v1/permissions/effective?principal=user:dan&database=sales&table=orders").await;
        assert_eq!(effective["privileges"], json!([]));
        let (status, _) = app.post("/v1/grants/revoke", json!({"principal": "group:staff", "resource": {"database": "sales"}, "privileges": ["SELECT"]})).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "nothing left to revoke");
    })
    .await;
}

#[tokio::test]
async fn grant_option_passes_on_what_one_holds_and_never_more() {
    each_backend(|app| async move {
        setup(&app).await;
        let eve = app.user("eve").await;
        app.user("fay").await;
        grant(&app, json!({"principal": "user:eve", "resource": {"table": {"database": "sales", "name": "orders", "columns": ["id", "region"]}}, "privileges": ["SELECT"], "grantable": true})).await;
        grant(&app, json!({"principal": "user:eve", "resource": {"table": {"database": "sales", "name": "refunds"}}, "privileges": ["SELECT"]})).await;
        let (status, body) = eve.post("/v1/grants", json!({"principal": "user:fay", "resource": {"table": {"database": "sales", "name": "orders", "columns": ["id"]}}, "privileges": ["SELECT"]})).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        for (resource, privileges) in [
            (json!({"table": {"database": "sales", "name": "orders", "columns": ["email"]}}), json!(["SELECT"])),
            (json!({"table": {"database": "sales", "name": "orders"}}), json!(["SELECT"])),
            (json!({"table": {"database": "sales", "name": "orders"}}), json!(["DROP"])),
            (json!({"table": {"database": "sales", "name": "refunds"}}), json!(["SELECT"])),
        ] {
            let (status, body) = eve.post("/v1/grants", json!({"principal": "user:fay", "resource": resource, "privileges": privileges})).await;
            assert_eq!((status, code(&body)), (StatusCode::FORBIDDEN, "forbidden"), "{resource}");
        }
        let (status, _) = eve.post("/v1/grants", json!({"principal": "user:fay", "resource": {"table": {"database": "hr", "name": "people"}}, "privileges": ["SELECT"]})).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "a table eve cannot see is absent");
        let (status, _) = eve.post("/v1/grants", json!({"principal": "user:fay", "resource": {"catalog": {}}, "privileges": ["CREATE_DATABASE"]})).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    })
    .await;
}

#[tokio::test]
async fn creators_own_what_they_create() {
    each_backend(|app| async move {
        let gus = app.user("gus").await;
        app.user("hal").await;
        grant(&app, json!({"principal": "user:gus", "resource": {"catalog": {}}, "privileges": ["CREATE_DATABASE"]})).await;
        let (status, body) = gus.post("/v1/databases", json!({"name": "lab"})).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let (status, _) = gus.post("/v1/databases/lab/tables", json!({"name": "t", "columns": [{"name": "x", "type": "int32"}]})).await;
        assert_eq!(status, StatusCode::CREATED);
        let (status, body) = gus.post("/v1/grants", json!({"principal": "user:hal", "resource": {"table": {"database": "lab", "name": "t"}}, "privileges": ["SELECT"]})).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let (status, _) = gus.delete("/v1/databases/lab?cascade=true").await;
        assert_eq!(status, StatusCode::NO_CONTENT);
    })
    .await;
}

#[tokio::test]
async fn the_right_to_create_reveals_nothing_already_there() {
    each_backend(|app| async move {
        setup(&app).await;
        let ida = app.user("ida").await;
        grant(&app, json!({"principal": "user:ida", "resource": {"catalog": {}}, "privileges": ["CREATE_DATABASE"]}))
            .await;
        grant(&app, json!({"principal": "user:ida", "resource": {"database": "hr"}, "privileges": ["CREATE_TABLE"]}))
            .await;
        assert_eq!(names(&ida, "/v1/databases", "databases").await, ["hr"], "CREATE_TABLE on hr shows hr only");
        assert!(names(&ida, "/v1/databases/hr/tables", "tables").await.is_empty(), "but none of its tables");
        let (status, _) = ida.get("/v1/databases/hr/tables/people").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = ida.get("/v1/databases/sales").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "CREATE_DATABASE on the catalog reveals no database");
    })
    .await;
}

#[tokio::test]
async fn bad_grants_are_refused_with_clear_codes() {
    each_backend(|app| async move {
        setup(&app).await;
        app.user("ivy").await;
        let cases = [
            (json!({"principal": "user:nobody", "resource": {"database": "sales"}, "privileges": ["DESCRIBE"]}), StatusCode::NOT_FOUND),
            (json!({"principal": "user:ivy", "resource": {"database": "nosuch"}, "privileges": ["DESCRIBE"]}), StatusCode::NOT_FOUND),
            (json!({"principal": "user:ivy", "resource": {"table": {"database": "sales", "name": "nosuch"}}, "privileges": ["SELECT"]}), StatusCode::NOT_FOUND),
            (json!({"principal": "user:ivy", "resource": {"database": "sales"}, "privileges": ["FLY"]}), StatusCode::BAD_REQUEST),
            (json!({"principal": "user:ivy", "resource": {"database": "sales"}, "privileges": []}), StatusCode::BAD_REQUEST),
            (json!({"principal": "user:ivy", "resource": {"database": "sales"}, "privileges": ["CREATE_DATABASE"]}), StatusCode::BAD_REQUEST),
            (json!({"principal": "user:ivy", "resource": {"database": "sales; DROP TABLE grants"}, "privileges": ["DESCRIBE"]}), StatusCode::BAD_REQUEST),
            (json!({"principal": "user:ivy", "resource": {"database": "../etc"}, "privileges": ["DESCRIBE"]}), StatusCode::BAD_REQUEST),
            (json!({"principal": "ivy", "resource": {"database": "sales"}, "privileges": ["DESCRIBE"]}), StatusCode::BAD_REQUEST),
            (json!({"principal": "user:ivy", "resource": {"tag_expression": {"resource_type": "table", "tags": {"nokey": ["x"]}}}, "privileges": ["SELECT"]}), StatusCode::NOT_FOUND),
            (json!({"principal": "user:ivy", "resource": {"database": "sales", "table": {"database": "sales", "name": "orders"}}, "privileges": ["SELECT"]}), StatusCode::BAD_REQUEST),
        ];
        for (body, expected) in cases {
            let (status, problem) = app.post("/v1/grants", body.clone()).await;
            assert_eq!(status, expected, "{body}: {problem}");
        }
        let (_, grants) = app.get("/v1/grants?principal=user:ivy").await;
        assert_eq!(grants["grants"], json!([]));
    })
    .await;
}

#[tokio::test]
async fn a_partial_viewer_pages_through_exactly_its_tables() {
    each_backend(|app| async move {
        app.create_database("wide").await;
        for i in 0..9 {
            app.create_table("wide", json!({"name": format!("t{i}"), "columns": [{"name": "x", "type": "int8"}]})).await;
        }
        let pat = app.user("pat").await;
        for i in [1, 2, 4, 7, 8] {
            grant(&app, json!({"principal": "user:pat", "resource": {"table": {"database": "wide", "name": format!("t{i}")}}, "privileges": ["DESCRIBE"]})).await;
        }
        let mut seen = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let path = match &token {
                Some(t) => format!("/v1/databases/wide/tables?max_results=2&page_token={t}"),
                None => "/v1/databases/wide/tables?max_results=2".to_owned(),
            };
            let (status, body) = pat.get(&path).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            seen.extend(body["tables"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap().to_owned()));
            match body["next_page_token"].as_str() {
                Some(t) => token = Some(t.to_owned()),
                None => break,
            }
        }
        assert_eq!(seen, ["t1", "t2", "t4", "t7", "t8"]);
    })
    .await;
}

/// Partition keys name a table's folders, so every reader reads them: a column grant may list
/// them and may not exclude them.
#[tokio::test]
async fn column_grants_may_name_partition_keys_but_not_exclude_them() {
    each_backend(|app| async move {
        setup(&app).await;
        app.user("bob").await;
        let table = |columns: Value| json!({"database": "sales", "name": "orders", "columns": columns});
        grant(&app, json!({"principal": "user:bob", "resource": {"table": table(json!(["id", "year"]))}, "privileges": ["SELECT"]}))
            .await;
        let excluded = json!({"database": "sales", "name": "orders", "excluded_columns": ["year"]});
        let (status, body) = app
            .post("/v1/grants", json!({"principal": "user:bob", "resource": {"table": excluded}, "privileges": ["SELECT"]}))
            .await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_request"), "{body}");
        assert!(body["detail"].as_str().unwrap().contains("partition key"), "{body}");
        let unknown = table(json!(["id", "nope"]));
        let (status, body) = app
            .post("/v1/grants", json!({"principal": "user:bob", "resource": {"table": unknown}, "privileges": ["SELECT"]}))
            .await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_request"), "{body}");
    })
    .await;
}
