//! The allow/deny table of `policies/` through casbin with `policies/model.conf`, and through
//! Tarn's authorizer on the same principals, catalog and grants: both must agree with it.

use casbin::prelude::*;
use reqwest::Method;
use serde_json::{Value, json};

use crate::support::TestApp;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../policies");

struct Table {
    members: Vec<(String, String)>,
    grants: Vec<(String, String, String)>,
    cases: Vec<(bool, String, String, String)>,
}

fn read_table() -> Table {
    let text = std::fs::read_to_string(format!("{DIR}/policy_table.txt")).unwrap();
    let mut table = Table { members: vec![], grants: vec![], cases: vec![] };
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let f: Vec<String> = line.split(',').map(|s| s.trim().to_owned()).collect();
        match f[0].as_str() {
            "member" => table.members.push((f[1].clone(), f[2].clone())),
            "grant" => table.grants.push((f[1].clone(), f[2].clone(), f[3].clone())),
            "allow" | "deny" => table.cases.push((f[0] == "allow", f[1].clone(), f[2].clone(), f[3].clone())),
            other => panic!("unknown line kind {other}"),
        }
    }
    table
}

fn resource_json(resource: &str) -> Value {
    match resource.split_once('.') {
        None if resource == "catalog" => json!({"catalog": {}}),
        None => json!({"database": resource}),
        Some((db, t)) => json!({"table": {"database": db, "name": t}}),
    }
}

/// Sets the table's world up through the API.
async fn setup(app: &TestApp, table: &Table) {
    for (db, tables) in [("sales", vec!["orders", "refunds"]), ("hr", vec!["people"])] {
        app.create_database(db).await;
        for t in tables {
            app.create_table(db, json!({"name": t, "columns": [{"name": "x", "type": "int8"}]})).await;
        }
    }
    for user in ["ann", "bob", "carl", "dan", "eve", "frank"] {
        app.user(user).await;
    }
    for group in ["analysts", "staff"] {
        app.post("/v1/principals/groups", json!({"name": group})).await;
    }
    for (member, group) in &table.members {
        let group = group.trim_start_matches("group:");
        app.send(app.request(Method::PUT, &format!("/v1/principals/groups/{group}/members/{member}"))).await;
    }
    for (principal, resource, privilege) in &table.grants {
        let (status, body) = app
            .post(
                "/v1/grants",
                json!({"principal": principal, "resource": resource_json(resource), "privileges": [privilege]}),
            )
            .await;
        assert!(status.is_success(), "{body}");
    }
}

/// casbin with the model file; its hierarchies derived from the catalog and memberships.
async fn enforcer(app: &TestApp, table: &Table) -> Enforcer {
    let model = DefaultModel::from_file(format!("{DIR}/model.conf")).await.unwrap();
    let mut e = Enforcer::new(model, MemoryAdapter::default()).await.unwrap();
    for (member, group) in &table.members {
        e.add_named_grouping_policy("g", vec![member.clone(), group.clone()]).await.unwrap();
    }
    let (_, dbs) = app.get("/v1/databases").await;
    for db in dbs["databases"].as_array().unwrap() {
        let db = db["name"].as_str().unwrap();
        e.add_named_grouping_policy("g2", vec![db.to_owned(), "catalog".to_owned()]).await.unwrap();
        let (_, tables) = app.get(&format!("/v1/databases/{db}/tables")).await;
        for t in tables["tables"].as_array().unwrap() {
            let t = t["name"].as_str().unwrap();
            e.add_named_grouping_policy("g2", vec![format!("{db}.{t}"), db.to_owned()]).await.unwrap();
        }
    }
    // The policy lines are the grants as Tarn stores them.
    let (_, grants) = app.get("/v1/grants").await;
    for g in grants["grants"].as_array().unwrap() {
        let r = &g["resource"];
        let object = if r.get("catalog").is_some() {
            "catalog".to_owned()
        } else if let Some(db) = r["database"].as_str() {
            db.to_owned()
        } else {
            format!("{}.{}", r["table"]["database"].as_str().unwrap(), r["table"]["name"].as_str().unwrap())
        };
        let line =
            vec![g["principal"].as_str().unwrap().to_owned(), object, g["privilege"].as_str().unwrap().to_owned()];
        e.add_policy(line).await.unwrap();
    }
    e
}

async fn tarn_allows(app: &TestApp, principal: &str, resource: &str, privilege: &str) -> bool {
    let query = match resource.split_once('.') {
        None => format!("principal={principal}&database={resource}"),
        Some((db, t)) => format!("principal={principal}&database={db}&table={t}"),
    };
    let (status, body) = app.get(&format!("/v1/permissions/effective?{query}")).await;
    assert!(status.is_success(), "{body}");
    body["privileges"].as_array().unwrap().iter().any(|p| p["privilege"] == privilege)
}

#[tokio::test]
async fn casbin_and_tarn_agree_with_the_policy_table() {
    let table = read_table();
    assert!(table.cases.len() >= 15);
    let app = TestApp::sqlite().await;
    setup(&app, &table).await;
    let e = enforcer(&app, &table).await;
    for (expected, principal, resource, privilege) in &table.cases {
        let by_casbin = e.enforce((principal.as_str(), resource.as_str(), privilege.as_str())).unwrap();
        let by_tarn = tarn_allows(&app, principal, resource, privilege).await;
        assert_eq!(by_casbin, *expected, "casbin: {principal} {privilege} on {resource}");
        assert_eq!(by_tarn, *expected, "tarn: {principal} {privilege} on {resource}");
    }
}
