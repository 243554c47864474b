//! Vended credentials: the SupportedPermissionTypes handshake for restricted callers, data
//! tokens for the local lake (scope, expiry, revocation, writes) and pre-signed URLs on S3.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::query::{employees, employees_parquet, rows};
use crate::support::{Session, TestApp, code, each_backend, moto};

const VEND: &str = "/v1/databases/hr/tables/employees/credentials";
const BOTH: [&str; 2] = ["COLUMN_PERMISSION", "CELL_FILTER_PERMISSION"];

async fn grant(app: &TestApp, who: &str, privileges: Value, resource: Value) {
    let (status, body) = app
        .post("/v1/grants", json!({"principal": format!("user:{who}"), "privileges": privileges, "resource": resource}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

async fn vend(session: &Session, path: &str, body: Value) -> (StatusCode, Value) {
    session.post(path, body).await
}

/// GET on the data endpoint with a data token.
async fn data(app: &TestApp, token: &str, path: &str, range: Option<&str>) -> (StatusCode, Vec<u8>) {
    let mut request = app.admin.client.get(app.admin.url(path)).bearer_auth(token);
    if let Some(range) = range {
        request = request.header("range", range);
    }
    let response = request.send().await.unwrap();
    (response.status(), response.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn restricted_callers_get_credentials_only_from_engines_that_enforce_the_restrictions() {
    each_backend(|app| async move {
        employees(&app).await;
        let (status, body) = app
            .post(
                "/v1/databases/hr/tables/employees/data-filters",
                json!({"name": "eu", "row_filter": "region = 'EU'", "excluded_columns": ["salary"]}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let ana = app.user("ana").await;
        grant(
            &app,
            "ana",
            json!(["SELECT"]),
            json!({"data_filter": {"database": "hr", "table": "employees", "name": "eu"}}),
        )
        .await;
        let cal = app.user("cal").await;
        grant(
            &app,
            "cal",
            json!(["SELECT"]),
            json!({"table": {"database": "hr", "name": "employees", "excluded_columns": ["salary"]}}),
        )
        .await;
        let dee = app.user("dee").await;
        grant(&app, "dee", json!(["SELECT"]), json!({"table": {"database": "hr", "name": "employees"}})).await;

        for (who, declared, expected) in [
            (&ana, json!([]), Err("enforcement_required")),
            (&ana, json!(["COLUMN_PERMISSION"]), Err("enforcement_required")),
            (&ana, json!(BOTH), Ok(Some("(region = 'EU')"))),
            (&cal, json!([]), Err("enforcement_required")),
            (&cal, json!(["COLUMN_PERMISSION"]), Ok(None)),
            (&dee, json!([]), Ok(None)),
        ] {
            let (status, body) =
                vend(who, VEND, json!({"operation": "READ", "supported_permission_types": declared})).await;
            match expected {
                Err(expected_code) => {
                    assert_eq!((status, code(&body)), (StatusCode::FORBIDDEN, expected_code), "{declared}: {body}");
                    assert!(body["detail"].as_str().unwrap().contains("/v1/query"), "{body}");
                }
                Ok(row_filter) => {
                    assert_eq!(status, StatusCode::OK, "{declared}: {body}");
                    assert_eq!(body["row_filter"].as_str(), row_filter, "{body}");
                    assert_eq!(body["access_type"], "data_token");
                    let columns = body["columns"].as_array().unwrap();
                    assert_eq!(
                        columns.contains(&json!("salary")),
                        row_filter.is_none() && columns.len() == 5,
                        "{body}"
                    );
                    assert!(columns.contains(&json!("year")));
                }
            }
        }
        // No SELECT: refused; WRITE needs INSERT; bad requests are 400.
        let eve = app.user("eve").await;
        let (status, _) = vend(&eve, VEND, json!({"operation": "READ"})).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "an invisible table is absent");
        let (status, body) = vend(&dee, VEND, json!({"operation": "WRITE"})).await;
        assert_eq!((status, code(&body)), (StatusCode::FORBIDDEN, "forbidden"), "{body}");
        for bad in [
            json!({"operation": "DELETE"}),
            json!({"operation": "READ", "duration_seconds": 60}),
            json!({"operation": "READ", "duration_seconds": 86_400}),
            json!({"operation": "READ", "supported_permission_types": ["EVERYTHING"]}),
        ] {
            let (status, body) = vend(&dee, VEND, bad.clone()).await;
            assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_request"), "{bad}: {body}");
        }
        let (_, audit) = app.get("/v1/audit?action=credential.vend").await;
        let records = audit["records"].as_array().unwrap();
        assert!(records.iter().any(|r| r["principal"] == "user:ana" && r["decision"] == "deny"), "{audit}");
        let allowed = records.iter().find(|r| r["principal"] == "user:ana" && r["decision"] == "allow").unwrap();
        assert_eq!(allowed["detail"]["row_filter"], "(region = 'EU')", "{allowed}");
        assert!(allowed["detail"]["columns"].as_array().is_some(), "{allowed}");
    })
    .await;
}

#[tokio::test]
async fn data_tokens_read_only_their_table_until_they_expire_or_the_grant_goes() {
    each_backend(|app| async move {
        employees(&app).await;
        let dee = app.user("dee").await;
        grant(&app, "dee", json!(["SELECT"]), json!({"table": {"database": "hr", "name": "employees"}})).await;
        let (status, body) = vend(&dee, VEND, json!({"operation": "READ"})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let token = body["token"].as_str().unwrap().to_owned();
        assert_eq!(body["endpoint"], "/v1/data/hr/employees");
        let expires: chrono::DateTime<chrono::Utc> = body["expires_at"].as_str().unwrap().parse().unwrap();
        let left = expires - chrono::Utc::now();
        assert!(left > chrono::Duration::minutes(14) && left <= chrono::Duration::minutes(15), "{left}");

        let (status, listing) = data(&app, &token, "/v1/data/hr/employees", None).await;
        assert_eq!(status, StatusCode::OK);
        let listing: Value = serde_json::from_slice(&listing).unwrap();
        let paths: Vec<&str> =
            listing["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
        assert_eq!(paths, ["year=2023/part-0.parquet", "year=2024/part-0.parquet"]);
        let expected = employees_parquet(&[(1, "ann", "EU", 100), (2, "bob", "US", 200), (3, "cid", "EU", 300)]);
        let (status, bytes) = data(&app, &token, "/v1/data/hr/employees/year=2023/part-0.parquet", None).await;
        assert_eq!((status, bytes.clone()), (StatusCode::OK, expected.clone()));
        let (status, tail) =
            data(&app, &token, "/v1/data/hr/employees/year=2023/part-0.parquet", Some("bytes=-8")).await;
        assert_eq!((status, tail.as_slice()), (StatusCode::PARTIAL_CONTENT, &expected[expected.len() - 8..]));
        let (status, _) = data(&app, &token, "/v1/data/hr/employees/year=2023/../../regions/r.csv", None).await;
        assert!(status.is_client_error(), "no escape from the table's folder: {status}");
        let (status, _) = data(&app, &token, "/v1/data/hr/employees/nope.parquet", None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // Another table, another kind of token, an expired or forged one: refused.
        let (status, body) = data(&app, &token, "/v1/data/hr/regions/r.csv", None).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{}", String::from_utf8_lossy(&body));
        let (status, _) = data(&app, &dee.token, "/v1/data/hr/employees", None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "an access token is not a data token");
        let (status, _) = dee.send(dee.client.get(dee.url("/v1/databases")).bearer_auth(&token)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "a data token is not an access token");
        let issuer =
            tarn::authn::TokenIssuer::load(app.store.clone(), std::time::Duration::from_secs(60)).await.unwrap();
        let claims: tarn::authn::DataClaims = {
            let mut parts = token.split('.');
            let payload = parts.nth(1).unwrap();
            use base64::Engine;
            let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).unwrap();
            serde_json::from_slice(&raw).unwrap()
        };
        let expired =
            issuer.issue_data(&tarn::authn::DataClaims { exp: chrono::Utc::now().timestamp() - 60, ..claims.clone() });
        let (status, _) = data(&app, &expired, "/v1/data/hr/employees", None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "expired");
        let forged = format!("{}x", &token[..token.len() - 1]);
        let (status, _) = data(&app, &forged, "/v1/data/hr/employees", None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "forged");

        // A restriction added after vending holds for a token whose engine did not declare it.
        let (status, body) = app
            .post(
                "/v1/databases/hr/tables/employees/data-filters",
                json!({"name": "no_salary", "excluded_columns": ["salary"]}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let employees = json!({"table": {"database": "hr", "name": "employees"}});
        let (status, body) = app
            .post(
                "/v1/grants/revoke",
                json!({"principal": "user:dee", "privileges": ["SELECT"], "resource": employees}),
            )
            .await;
        assert!(status.is_success(), "{body}");
        grant(
            &app,
            "dee",
            json!(["SELECT"]),
            json!({"data_filter": {"database": "hr", "table": "employees", "name": "no_salary"}}),
        )
        .await;
        let (status, body) = data(&app, &token, "/v1/data/hr/employees", None).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{}", String::from_utf8_lossy(&body));
        assert!(String::from_utf8_lossy(&body).contains("enforcement_required"));
        grant(&app, "dee", json!(["SELECT"]), employees.clone()).await;
        let (status, _) = data(&app, &token, "/v1/data/hr/employees", None).await;
        assert_eq!(status, StatusCode::OK);

        // Revoking the grant ends the token's use before it expires.
        let (status, body) = app
            .post(
                "/v1/grants/revoke",
                json!({"principal": "user:dee", "privileges": ["SELECT"],
                                                "resource": {"table": {"database": "hr", "name": "employees"}}}),
            )
            .await;
        assert!(status.is_success(), "{body}");
        // dee still sees some columns through another grant, and the token's engine declared
        // no enforcement: refused as restricted access for such an engine, not as absent.
        let (status, body) = data(&app, &token, "/v1/data/hr/employees", None).await;
        let problem: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!((status, code(&problem)), (StatusCode::FORBIDDEN, "enforcement_required"), "{problem}");
    })
    .await;
}

#[tokio::test]
async fn write_tokens_put_files_into_their_table_only() {
    let app = TestApp::sqlite().await;
    employees(&app).await;
    let (status, body) =
        vend(&app.admin, "/v1/databases/hr/tables/regions/credentials", json!({"operation": "WRITE"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let write = body["token"].as_str().unwrap().to_owned();
    let put = |path: &str, token: &str| {
        app.admin
            .client
            .request(Method::PUT, app.admin.url(path))
            .bearer_auth(token.to_owned())
            .body("region,manager\nAPAC,Ari\n")
    };
    let response = put("/v1/data/hr/regions/more.csv", &write).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(rows(&app.admin, "SELECT count(*) AS n FROM hr.regions").await[0]["n"], 3);
    let response = put("/v1/data/hr/employees/x.csv", &write).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let (status, _) = data(&app, &write, "/v1/data/hr/regions", None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a WRITE token does not read");
    let (_, body) = vend(&app.admin, "/v1/databases/hr/tables/regions/credentials", json!({"operation": "READ"})).await;
    let read = body["token"].as_str().unwrap().to_owned();
    let response = put("/v1/data/hr/regions/other.csv", &read).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN, "a READ token does not write");
}

#[tokio::test]
async fn on_s3_engines_get_presigned_urls_for_the_table_only_and_queries_read_it() {
    if !moto::available() {
        return;
    }
    let bucket = moto::bucket().await;
    let b = bucket.clone();
    let app = TestApp::sqlite_with(move |c| moto::use_s3(c, &b)).await;
    employees(&app).await;
    assert_eq!(rows(&app.admin, "SELECT count(*) AS n FROM hr.employees WHERE year = 2024").await[0]["n"], 3);

    let (status, body) = vend(&app.admin, VEND, json!({"operation": "READ", "duration_seconds": 300})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["access_type"], "presigned_urls");
    let files = body["files"].as_array().unwrap();
    assert_eq!(files.len(), 2, "{body}");
    for file in files {
        let url = file["url"].as_str().unwrap();
        assert!(url.contains("/lake/raw/hr/employees/") && url.contains("X-Amz-Expires=300"), "{url}");
        let got = reqwest::get(url).await.unwrap();
        assert_eq!(got.status(), StatusCode::OK);
        assert!(got.bytes().await.unwrap().starts_with(b"PAR1"));
    }
    let (status, body) = vend(&app.admin, VEND, json!({"operation": "WRITE"})).await;
    assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_request"), "S3 writes name their files");
    let (status, body) = vend(
        &app.admin,
        VEND,
        json!({"operation": "WRITE", "files": ["year=2025/new.parquet", "../../regions/x.csv"]}),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, body) =
        vend(&app.admin, VEND, json!({"operation": "WRITE", "files": ["year=2025/new.parquet"]})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let url = body["files"][0]["url"].as_str().unwrap();
    let put = reqwest::Client::new().put(url).body("PAR1").send().await.unwrap();
    assert!(put.status().is_success(), "{}", put.status());
    assert_eq!(moto::object(&bucket, "lake/raw/hr/employees/year=2025/new.parquet").await.unwrap(), b"PAR1");
}
