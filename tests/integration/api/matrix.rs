//! The permission matrix: for every endpoint, an unprivileged user is refused, a granted one
//! allowed, and the audit trail shows both decisions.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Session, TestApp, each_backend};

struct Case {
    method: Method,
    /// `{db}` is replaced by the case's own database.
    path: &'static str,
    body: Option<Value>,
    action: &'static str,
    /// Granted before the first try, so the resource is visible (403 rather than 404).
    visible_with: Option<(&'static str, &'static str)>,
    /// The grant that makes the second try succeed: (resource, privilege).
    needs: (&'static str, &'static str),
    allowed: StatusCode,
}

fn case(
    method: Method,
    path: &'static str,
    body: Option<Value>,
    action: &'static str,
    needs: (&'static str, &'static str),
    allowed: StatusCode,
) -> Case {
    Case { method, path, body, action, visible_with: Some(("table", "DESCRIBE")), needs, allowed }
}

fn cases() -> Vec<Case> {
    database_cases().into_iter().chain(table_cases()).collect()
}

fn database_cases() -> Vec<Case> {
    use Method as M;
    let ok = StatusCode::OK;
    vec![
        Case {
            visible_with: None,
            ..case(
                M::POST,
                "/v1/databases",
                Some(json!({"name": "{db}_new"})),
                "database.create",
                ("catalog", "CREATE_DATABASE"),
                StatusCode::CREATED,
            )
        },
        Case {
            visible_with: None,
            ..case(M::GET, "/v1/databases/{db}", None, "database.get", ("database", "DESCRIBE"), ok)
        },
        case(
            M::PATCH,
            "/v1/databases/{db}",
            Some(json!({"description": "x"})),
            "database.update",
            ("database", "ALTER"),
            ok,
        ),
        case(
            M::DELETE,
            "/v1/databases/{db}?cascade=true",
            None,
            "database.delete",
            ("database", "DROP"),
            StatusCode::NO_CONTENT,
        ),
        Case {
            visible_with: None,
            ..case(M::GET, "/v1/databases/{db}/tables", None, "table.list", ("database", "DESCRIBE"), ok)
        },
        case(
            M::POST,
            "/v1/databases/{db}/tables",
            Some(json!({"name": "t2", "columns": []})),
            "table.create",
            ("database", "CREATE_TABLE"),
            StatusCode::CREATED,
        ),
    ]
}

fn table_cases() -> Vec<Case> {
    use Method as M;
    let ok = StatusCode::OK;
    vec![
        Case {
            visible_with: None,
            ..case(M::GET, "/v1/databases/{db}/tables/t", None, "table.get", ("table", "DESCRIBE"), ok)
        },
        case(
            M::PATCH,
            "/v1/databases/{db}/tables/t",
            Some(json!({"description": "y"})),
            "table.update",
            ("table", "ALTER"),
            ok,
        ),
        case(M::DELETE, "/v1/databases/{db}/tables/t", None, "table.delete", ("table", "DROP"), StatusCode::NO_CONTENT),
        Case {
            visible_with: None,
            ..case(M::GET, "/v1/databases/{db}/tables/t/versions", None, "version.list", ("table", "DESCRIBE"), ok)
        },
        Case {
            visible_with: None,
            ..case(M::GET, "/v1/databases/{db}/tables/t/versions/1", None, "version.get", ("table", "DESCRIBE"), ok)
        },
        Case {
            visible_with: None,
            ..case(
                M::GET,
                "/v1/databases/{db}/tables/t/versions/1/diff?from=1",
                None,
                "version.diff",
                ("table", "DESCRIBE"),
                ok,
            )
        },
        case(M::GET, "/v1/databases/{db}/tables/t/partitions", None, "partition.list", ("table", "SELECT"), ok),
        case(
            M::POST,
            "/v1/databases/{db}/tables/t/partitions",
            Some(json!({"partitions": [{"values": [2]}]})),
            "partition.create",
            ("table", "INSERT"),
            StatusCode::CREATED,
        ),
        case(
            M::POST,
            "/v1/databases/{db}/tables/t/partitions/delete",
            Some(json!({"partitions": [{"values": [1]}]})),
            "partition.delete",
            ("table", "DELETE"),
            ok,
        ),
        Case {
            visible_with: None,
            ..case(
                M::GET,
                "/v1/databases/{db}/tables/t/data-filters",
                None,
                "data_filter.list",
                ("table", "DESCRIBE"),
                ok,
            )
        },
        case(
            M::POST,
            "/v1/databases/{db}/tables/t/data-filters",
            Some(json!({"name": "f2", "row_filter": "x > 1"})),
            "data_filter.create",
            ("table", "ALTER"),
            StatusCode::CREATED,
        ),
        case(
            M::DELETE,
            "/v1/databases/{db}/tables/t/data-filters/f",
            None,
            "data_filter.delete",
            ("table", "ALTER"),
            StatusCode::NO_CONTENT,
        ),
        case(
            M::PUT,
            "/v1/databases/{db}/tables/t/tags",
            Some(json!({"tags": {}})),
            "table_tags.set",
            ("table", "ALTER"),
            ok,
        ),
        Case {
            visible_with: Some(("database", "DESCRIBE")),
            ..case(
                M::PUT,
                "/v1/databases/{db}/tags",
                Some(json!({"tags": {}})),
                "database_tags.set",
                ("database", "ALTER"),
                ok,
            )
        },
    ]
}

fn resource(kind: &str, db: &str) -> Value {
    match kind {
        "catalog" => json!({"catalog": {}}),
        "database" => json!({"database": db}),
        _ => json!({"table": {"database": db, "name": "t"}}),
    }
}

async fn call(session: &Session, app: &TestApp, case: &Case, db: &str) -> (StatusCode, Value) {
    let path = case.path.replace("{db}", db);
    let mut request = session.request(case.method.clone(), &path);
    if let Some(body) = &case.body {
        request = request.json(&serde_json::from_str::<Value>(&body.to_string().replace("{db}", db)).unwrap());
    }
    if case.method == Method::PATCH && path.contains("/tables/") {
        let (_, table) = app.get(&path).await;
        request = request.header("if-match", table["etag"].as_str().unwrap_or(""));
    }
    session.send(request).await
}

#[tokio::test]
async fn every_endpoint_refuses_the_unprivileged_and_admits_the_granted() {
    each_backend(|app| async move {
        for (i, case) in cases().iter().enumerate() {
            let db = format!("m{i}");
            let user = format!("u{i}");
            app.create_database(&db).await;
            app.create_table(&db, json!({"name": "t", "columns": [{"name": "x", "type": "int32"}], "partition_keys": [{"name": "p", "type": "int32"}]})).await;
            app.post(&format!("/v1/databases/{db}/tables/t/partitions"), json!({"partitions": [{"values": [1]}]})).await;
            app.post(&format!("/v1/databases/{db}/tables/t/data-filters"), json!({"name": "f", "row_filter": "x > 0"})).await;
            let session = app.user(&user).await;
            let grant = |kind: &str, privilege: &str| {
                json!({"principal": format!("user:{user}"), "resource": resource(kind, &db), "privileges": [privilege]})
            };
            if let Some((kind, privilege)) = case.visible_with {
                let (status, body) = app.post("/v1/grants", grant(kind, privilege)).await;
                assert_eq!(status, StatusCode::CREATED, "{body}");
            }
            let (refused, body) = call(&session, &app, case, &db).await;
            let expected_refusal = if case.visible_with.is_some() || case.needs.0 == "catalog" { StatusCode::FORBIDDEN } else { StatusCode::NOT_FOUND };
            assert_eq!(refused, expected_refusal, "{} {}: {body}", case.method, case.path);
            let (status, body) = app.post("/v1/grants", grant(case.needs.0, case.needs.1)).await;
            assert_eq!(status, StatusCode::CREATED, "{body}");
            let (admitted, body) = call(&session, &app, case, &db).await;
            assert_eq!(admitted, case.allowed, "{} {} after granting {:?}: {body}", case.method, case.path, case.needs);

            let (_, audit) = app.get(&format!("/v1/audit?principal=user:{user}&action={}&max_results=1000", case.action)).await;
            let decisions: Vec<&str> = audit["records"].as_array().unwrap().iter().map(|r| r["decision"].as_str().unwrap()).collect();
            assert_eq!(decisions, ["deny", "allow"], "{}: audit of {}", case.path, case.action);
        }
    })
    .await;
}

#[tokio::test]
async fn administrative_endpoints_refuse_everyone_but_administrators() {
    let app = TestApp::sqlite().await;
    let user = app.user("plain").await;
    let admin_only: [(Method, &str, Option<Value>); 9] = [
        (Method::GET, "/v1/principals/users", None),
        (Method::POST, "/v1/principals/users", Some(json!({"name": "x", "password": "password-1"}))),
        (Method::GET, "/v1/principals/groups", None),
        (Method::POST, "/v1/principals/groups", Some(json!({"name": "g"}))),
        (Method::POST, "/v1/principals/services", Some(json!({"name": "s"}))),
        (Method::POST, "/v1/tags", Some(json!({"key": "k", "values": ["v"]}))),
        (Method::GET, "/v1/audit", None),
        (Method::GET, "/v1/audit/verify", None),
        (Method::POST, "/v1/auth/keys/rotate", Some(json!({}))),
    ];
    for (method, path, body) in admin_only {
        let mut request = user.request(method.clone(), path);
        let mut admin_request = app.request(method.clone(), path);
        if let Some(b) = &body {
            request = request.json(b);
            admin_request = admin_request.json(b);
        }
        let (status, _) = user.send(request).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{method} {path}");
        let (status, body) = app.send(admin_request).await;
        assert!(status.is_success(), "{method} {path}: {body}");
    }
    let (_, denials) = app.get("/v1/audit?principal=user:plain&decision=deny&max_results=1000").await;
    assert_eq!(denials["records"].as_array().unwrap().len(), 9);
}
