//! Management-plane roles: assignment, each role's allowed and refused actions (a matrix, as
//! for the data plane), the last lake administrator, break-glass recovery, and decisions made
//! outside any request.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Session, TestApp, code, each_backend};

async fn assign(app: &TestApp, principal: &str, role: &str, database: Option<&str>) -> (StatusCode, Value) {
    app.post("/v1/roles/assignments", json!({"principal": principal, "role": role, "database": database})).await
}

async fn call(session: &Session, method: Method, path: &str, body: Option<&Value>) -> StatusCode {
    let mut request = session.request(method, path);
    if let Some(b) = body {
        request = request.json(b);
    }
    session.send(request).await.0
}

/// A lake with two databases, a tag key, and one user per role (plus one with none).
async fn world(app: &TestApp) -> [Session; 4] {
    for (db, table) in [("sales", "orders"), ("hr", "people")] {
        app.create_database(db).await;
        app.create_table(db, json!({"name": table, "columns": [{"name": "id", "type": "int64"}]})).await;
    }
    assert_eq!(app.post("/v1/tags", json!({"key": "domain", "values": ["sales", "hr"]})).await.0, StatusCode::CREATED);
    let users = [app.user("ro").await, app.user("aud").await, app.user("stew").await, app.user("plain").await];
    app.user("grantee").await;
    assert_eq!(assign(app, "user:ro", "read_only_admin", None).await.0, StatusCode::CREATED);
    assert_eq!(assign(app, "user:aud", "auditor", None).await.0, StatusCode::CREATED);
    // Through a group: roles reach members.
    app.post("/v1/principals/groups", json!({"name": "stewards"})).await;
    app.send(app.request(Method::PUT, "/v1/principals/groups/stewards/members/user:stew")).await;
    assert_eq!(assign(app, "group:stewards", "data_steward", Some("sales")).await.0, StatusCode::CREATED);
    users
}

#[tokio::test]
async fn each_role_allows_its_management_actions_and_refuses_the_rest() {
    each_backend(|app| async move {
        let users = world(&app).await;
        let tags = json!({"tags": {"domain": "sales"}});
        let grant = |db: &str, t: &str| {
            json!({"principal": "user:grantee", "resource": {"table": {"database": db, "name": t}}, "privileges": ["SELECT"]})
        };
        let filter = json!({"name": "small", "row_filter": "id < 10"});
        let role = json!({"principal": "user:plain", "role": "auditor"});
        let user = json!({"name": "newbie", "password": "password-1"});
        // (method, path, body, [read_only_admin, auditor, data_steward of sales, no role])
        let ok = StatusCode::OK;
        let (no, absent, made) = (StatusCode::FORBIDDEN, StatusCode::NOT_FOUND, StatusCode::CREATED);
        let cases: Vec<(Method, &str, Option<Value>, [StatusCode; 4])> = vec![
            (Method::GET, "/v1/principals/users", None, [ok, no, no, no]),
            (Method::POST, "/v1/principals/users", Some(user), [no, no, no, no]),
            (Method::GET, "/v1/audit", None, [ok, ok, no, no]),
            (Method::GET, "/v1/audit?format=jsonl", None, [no, ok, no, no]),
            (Method::GET, "/v1/audit/verify", None, [no, ok, no, no]),
            (Method::POST, "/v1/tags", Some(json!({"key": "k", "values": ["v"]})), [no, no, no, no]),
            (Method::POST, "/v1/auth/keys/rotate", Some(json!({})), [no, no, no, no]),
            (Method::POST, "/v1/roles/assignments", Some(role), [no, no, no, no]),
            (Method::GET, "/v1/databases/hr/tables/people", None, [ok, absent, absent, absent]),
            (Method::GET, "/v1/databases/sales/tables/orders", None, [ok, absent, ok, absent]),
            (Method::PUT, "/v1/databases/sales/tables/orders/tags", Some(tags.clone()), [no, absent, ok, absent]),
            (Method::PUT, "/v1/databases/hr/tables/people/tags", Some(tags), [no, absent, absent, absent]),
            (Method::POST, "/v1/databases/sales/tables/orders/data-filters", Some(filter), [no, absent, made, absent]),
            (Method::POST, "/v1/grants", Some(grant("sales", "orders")), [no, absent, made, absent]),
            (Method::POST, "/v1/grants", Some(grant("hr", "people")), [no, absent, absent, absent]),
            (Method::POST, "/v1/query", Some(json!({"sql": "SELECT * FROM sales.orders"})), [no, absent, no, absent]),
        ];
        for (method, path, body, expected) in &cases {
            for (session, want) in users.iter().zip(expected) {
                let got = call(session, method.clone(), path, body.as_ref()).await;
                let who = session.get("/v1/auth/whoami").await.1["principal"].clone();
                assert_eq!(got, *want, "{who}: {method} {path}");
            }
        }
        // Holders of role.read see every assignment; others their own (and their groups').
        let (_, all) = users[0].get("/v1/roles/assignments").await;
        assert_eq!(all["assignments"].as_array().unwrap().len(), 4, "{all}");
        let (_, own) = users[2].get("/v1/roles/assignments").await;
        assert_eq!(own["assignments"], json!([{"principal": "group:stewards", "role": "data_steward",
            "database": "sales", "assigned_by": "user:admin"}]));
        let (_, me) = users[2].get("/v1/auth/whoami").await;
        assert_eq!((&me["is_admin"], &me["roles"]), (&json!(false), &json!([{"role": "data_steward", "database": "sales"}])));
        // Every refusal above is audited as a denial, with the role action or privilege behind it.
        let (_, denied) = app.get("/v1/audit?principal=user:aud&decision=deny&max_results=1000").await;
        let records = denied["records"].as_array().unwrap();
        assert!(records.iter().any(|r| r["detail"]["authz"][0]["wanted"] == "principal.read"), "{denied}");
    })
    .await;
}

#[tokio::test]
async fn role_assignments_are_validated_and_take_effect_on_the_next_request() {
    each_backend(|app| async move {
        app.create_database("sales").await;
        let ann = app.user("ann").await;
        let bad = [
            (json!({"principal": "user:ann", "role": "emperor"}), "invalid_request"),
            (json!({"principal": "user:ann", "role": "data_steward"}), "invalid_request"),
            (json!({"principal": "user:ann", "role": "auditor", "database": "sales"}), "invalid_request"),
            (json!({"principal": "user:nobody", "role": "auditor"}), "not_found"),
            (json!({"principal": "user:ann", "role": "data_steward", "database": "nope"}), "not_found"),
        ];
        for (body, want) in bad {
            let (status, err) = app.post("/v1/roles/assignments", body.clone()).await;
            assert_eq!(code(&err), want, "{body}: {status} {err}");
        }
        assert_eq!(ann.get("/v1/audit").await.0, StatusCode::FORBIDDEN);
        assert_eq!(assign(&app, "user:ann", "auditor", None).await.0, StatusCode::CREATED);
        assert_eq!(assign(&app, "user:ann", "auditor", None).await.0, StatusCode::OK, "again: no change");
        assert_eq!(ann.get("/v1/audit").await.0, StatusCode::OK);
        let revoke = json!({"principal": "user:ann", "role": "auditor"});
        let (_, body) = app.post("/v1/roles/assignments/revoke", revoke.clone()).await;
        assert_eq!(body["count"], 1);
        assert_eq!(ann.get("/v1/audit").await.0, StatusCode::FORBIDDEN, "revoked: refused on the next request");
        let (_, body) = app.post("/v1/roles/assignments/revoke", revoke).await;
        assert_eq!(body["count"], 0);
        // The roles and their actions, from the policy.
        let (_, roles) = ann.get("/v1/roles").await;
        let names: Vec<&str> = roles["roles"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["lake_admin", "read_only_admin", "auditor", "data_steward"]);
        assert_eq!(roles["roles"][2]["actions"], json!(["audit.read", "audit.export", "audit.verify"]));
        // Audited with what changed.
        let (_, audit) = app.get("/v1/audit?action=assignment.revoke").await;
        let record = &audit["records"][0];
        assert_eq!(
            (&record["resource"], &record["detail"]["role"]),
            (&json!("user:ann"), &json!("auditor")),
            "{audit}"
        );
    })
    .await;
}

#[tokio::test]
async fn the_last_lake_admin_cannot_lose_the_role_or_be_deleted() {
    each_backend(|app| async move {
        let (status, body) = app.patch("/v1/principals/users/admin", None, json!({"is_admin": false})).await;
        assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "last_lake_admin"), "{body}");
        let revoke = json!({"principal": "user:admin", "role": "lake_admin"});
        let (status, body) = app.post("/v1/roles/assignments/revoke", revoke.clone()).await;
        assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "last_lake_admin"));
        assert_eq!(app.get("/v1/principals/users").await.0, StatusCode::OK, "still an administrator");

        // A second administrator through a group: now the first may step down.
        let bob = app.user("bob").await;
        app.post("/v1/principals/groups", json!({"name": "admins"})).await;
        app.send(app.request(Method::PUT, "/v1/principals/groups/admins/members/user:bob")).await;
        assert_eq!(assign(&app, "group:admins", "lake_admin", None).await.0, StatusCode::CREATED);
        let (status, body) = app.patch("/v1/principals/users/admin", None, json!({"is_admin": false})).await;
        assert_eq!((status, &body["is_admin"]), (StatusCode::OK, &json!(false)), "{body}");
        // The audit record says what changed.
        let (_, audit) = bob.get("/v1/audit?action=user.update").await;
        let records = audit["records"].as_array().unwrap();
        let outcomes: Vec<&Value> = records.iter().map(|r| &r["outcome"]).collect();
        assert_eq!(outcomes, [&json!("last_lake_admin"), &json!("ok")], "{audit}");
        assert_eq!(records[1]["detail"]["changed"], json!({"is_admin": {"before": true, "after": false}}));
        // bob is the last one now: through the group, which can neither lose him nor go.
        let (status, body) =
            bob.send(bob.request(Method::DELETE, "/v1/principals/groups/admins/members/user:bob")).await;
        assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "last_lake_admin"), "{body}");
        let (status, _) = bob.send(bob.request(Method::DELETE, "/v1/principals/groups/admins")).await;
        assert_eq!(status, StatusCode::CONFLICT);
        let (status, _) = bob.send(bob.request(Method::DELETE, "/v1/principals/users/bob")).await;
        assert_eq!(status, StatusCode::CONFLICT, "nobody deletes themselves");
        // admin, no longer an administrator, is refused.
        assert_eq!(app.get("/v1/principals/users").await.0, StatusCode::FORBIDDEN);
    })
    .await;
}

#[tokio::test]
async fn admin_recover_on_the_host_restores_an_administrator_and_is_audited() {
    each_backend(|app| async move {
        // Break the lake behind the server's back: nobody holds lake_admin any more.
        let authz = tarn::authz::Authorizer::load(app.store.clone()).await.unwrap();
        let admin = authz.snapshot().find(tarn::domain::principal::PrincipalKind::User, "admin").cloned().unwrap();
        let mut conn = app.store.conn();
        let (role, lake) = (tarn::domain::role::Role::LakeAdmin, tarn::domain::role::Scope::Lake);
        assert!(tarn::store::roles::delete(&mut conn, &admin.id, role, &lake).await.unwrap());
        // As `tarn admin recover` does: its own connection to the store, no server involved.
        let host = tarn::store::Store::connect(&app.url, 1).await.unwrap();
        let done =
            tarn::service::recover::recover_admin(&host, "admin", true, Some("recovered-password-1")).await.unwrap();
        assert_eq!((done.user.as_str(), done.created, done.generated_password), ("user:admin", false, None));
        // The running server learns it through the outbox; the new password works.
        let session = app.session("admin", "recovered-password-1").await;
        let mut status = StatusCode::FORBIDDEN;
        for _ in 0..40 {
            status = session.get("/v1/principals/users").await.0;
            if status == StatusCode::OK {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(status, StatusCode::OK);
        let (_, audit) = session.get("/v1/audit?action=admin.recover").await;
        let record = &audit["records"][0];
        assert_eq!(record["principal"], "host:tarn-admin-recover", "{audit}");
        assert_eq!(record["detail"]["changed"], json!({"password": "changed"}), "no secret, only that it changed");
        assert!(!audit.to_string().contains("recovered-password-1"));
        let (_, verified) = session.get("/v1/audit/verify").await;
        assert_eq!(verified["valid"], true, "{verified}");
        // A user that does not exist is created, with a generated password shown once.
        let done = tarn::service::recover::recover_admin(&host, "rescue", false, None).await.unwrap();
        assert!(done.created && done.generated_password.is_some());
    })
    .await;
}

#[tokio::test]
async fn a_decision_outside_any_request_is_audited_by_authz_itself() {
    each_backend(|app| async move {
        app.create_database("sales").await;
        app.user("night").await;
        let authz = tarn::authz::Authorizer::load(app.store.clone()).await.unwrap();
        let (log, _writer) = tarn::audit::AuditLog::start(app.store.clone());
        authz.attach_audit(log.clone());
        let night = authz.snapshot().find(tarn::domain::principal::PrincipalKind::User, "night").cloned().unwrap();
        let refused =
            authz.require_role(&night, tarn::domain::role::Action::AuditRead, &tarn::domain::role::Scope::Lake);
        assert!(refused.is_err());
        // Recorded without waiting: let the writer commit it.
        let mut found = Value::Null;
        for _ in 0..40 {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            log.flush().await;
            found = app.get("/v1/audit?principal=user:night&action=authz.audit.read").await.1;
            if !found["records"].as_array().unwrap().is_empty() {
                break;
            }
        }
        let record = &found["records"][0];
        assert_eq!((&record["decision"], &record["resource"]), (&json!("deny"), &json!("catalog")), "{found}");
    })
    .await;
}
