//! `/v1/query` and `/v1/queries`: SQL over catalogued files, result formats, partition
//! pruning, limits, history and cancellation. The leakage suite is in `query_leaks.rs`.

use std::sync::Arc;

use datafusion::arrow::array::{Int64Array, RecordBatch, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::parquet::arrow::ArrowWriter;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::files::put;
use crate::support::{Session, TestApp, code, each_backend, each_backend_with};

/// A Parquet file of (id, name, region, salary) rows.
pub fn employees_parquet(rows: &[(i64, &str, &str, i64)]) -> Vec<u8> {
    let schema = Arc::new(Schema::new(vec![
        Field::new("id", DataType::Int64, false),
        Field::new("name", DataType::Utf8, false),
        Field::new("region", DataType::Utf8, false),
        Field::new("salary", DataType::Int64, false),
    ]));
    let batch = RecordBatch::try_new(
        schema.clone(),
        vec![
            Arc::new(Int64Array::from(rows.iter().map(|r| r.0).collect::<Vec<_>>())),
            Arc::new(StringArray::from(rows.iter().map(|r| r.1).collect::<Vec<_>>())),
            Arc::new(StringArray::from(rows.iter().map(|r| r.2).collect::<Vec<_>>())),
            Arc::new(Int64Array::from(rows.iter().map(|r| r.3).collect::<Vec<_>>())),
        ],
    )
    .unwrap();
    let mut out = Vec::new();
    let mut writer = ArrowWriter::try_new(&mut out, schema, None).unwrap();
    writer.write(&batch).unwrap();
    writer.close().unwrap();
    out
}

/// `hr.employees` (Parquet, partitioned by year: ids 1-3 in 2023, 4-6 in 2024) and
/// `hr.regions` (CSV).
pub async fn employees(app: &TestApp) {
    app.create_database("hr").await;
    app.create_table(
        "hr",
        json!({"name": "employees", "zone": "raw", "format": "parquet",
               "columns": [{"name": "id", "type": "int64"}, {"name": "name", "type": "utf8"},
                           {"name": "region", "type": "utf8"}, {"name": "salary", "type": "int64"}],
               "partition_keys": [{"name": "year", "type": "int32"}]}),
    )
    .await;
    let files = [
        ("2023", employees_parquet(&[(1, "ann", "EU", 100), (2, "bob", "US", 200), (3, "cid", "EU", 300)])),
        ("2024", employees_parquet(&[(4, "dan", "US", 400), (5, "eve", "EU", 500), (6, "fay", "APAC", 600)])),
    ];
    for (year, bytes) in files {
        let path = format!("/v1/databases/hr/tables/employees/files/part-0.parquet?partition=year={year}");
        let (status, body) = put(&app.admin, &path, bytes).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    // Each upload registered its partition, so queries see both years without a crawl.
    let (_, listed) = app.get("/v1/databases/hr/tables/employees/partitions").await;
    assert_eq!(listed["partitions"].as_array().map(Vec::len), Some(2), "{listed}");
    app.create_table(
        "hr",
        json!({"name": "regions", "zone": "raw", "format": "csv", "format_options": {"header": "true"},
               "columns": [{"name": "region", "type": "utf8"}, {"name": "manager", "type": "utf8"}]}),
    )
    .await;
    let (status, body) =
        put(&app.admin, "/v1/databases/hr/tables/regions/files/r.csv", "region,manager\nEU,Eva\nUS,Sam\n").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

pub async fn query(session: &Session, sql: &str) -> (StatusCode, Value) {
    session.post("/v1/query", json!({"sql": sql})).await
}

/// The rows of a successful JSON result.
pub async fn rows(session: &Session, sql: &str) -> Vec<Value> {
    let (status, body) = query(session, sql).await;
    assert_eq!(status, StatusCode::OK, "{sql}: {body}");
    body["rows"].as_array().unwrap().clone()
}

#[tokio::test]
async fn queries_read_catalogued_parquet_and_csv_with_partition_values_and_joins() {
    each_backend(|app| async move {
        employees(&app).await;
        let (status, body) = query(&app.admin, "SELECT * FROM hr.employees ORDER BY id").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let names: Vec<&str> =
            body["columns"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["id", "name", "region", "salary", "year"]);
        assert_eq!(body["rows"].as_array().unwrap().len(), 6);
        assert_eq!(body["rows"][5], json!({"id": 6, "name": "fay", "region": "APAC", "salary": 600, "year": 2024}));

        let joined = rows(
            &app.admin,
            "SELECT e.name, r.manager FROM hr.employees e JOIN hr.regions r ON e.region = r.region \
             WHERE e.year = 2024 ORDER BY e.name",
        )
        .await;
        assert_eq!(joined, vec![json!({"name": "dan", "manager": "Sam"}), json!({"name": "eve", "manager": "Eva"})]);
        let grouped =
            rows(&app.admin, "SELECT year, sum(salary) AS total FROM hr.employees GROUP BY year ORDER BY year").await;
        assert_eq!(grouped, vec![json!({"year": 2023, "total": 600}), json!({"year": 2024, "total": 1500})]);

        // Unknown tables, unqualified names and bad SQL are clear 4xx.
        let (status, body) = query(&app.admin, "SELECT * FROM hr.nope").await;
        assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "not_found"), "{body}");
        let (status, body) = query(&app.admin, "SELECT * FROM employees").await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_query"), "{body}");
        let (status, body) = query(&app.admin, "SELEC 1").await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_query"), "{body}");
        let (status, body) = query(&app.admin, "SELECT nope FROM hr.employees").await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_query"), "{body}");
    })
    .await;
}

#[tokio::test]
async fn only_the_partitions_a_filter_can_match_are_read() {
    each_backend(|app| async move {
        employees(&app).await;
        // A partition whose only file is not Parquet at all: reading it fails the query.
        let (status, _) =
            put(&app.admin, "/v1/databases/hr/tables/employees/files/x.parquet?partition=year=2022", "garbage").await;
        assert_eq!(status, StatusCode::CREATED);

        assert_eq!(rows(&app.admin, "SELECT count(*) AS n FROM hr.employees WHERE year = 2024").await[0]["n"], 3);
        assert_eq!(rows(&app.admin, "SELECT count(*) AS n FROM hr.employees WHERE year >= 2023").await[0]["n"], 6);
        let n = rows(&app.admin, "SELECT count(*) AS n FROM hr.employees WHERE year IN (2023, 2024) AND salary > 150")
            .await;
        assert_eq!(n[0]["n"], 5);
        let (status, body) = query(&app.admin, "SELECT count(*) FROM hr.employees").await;
        assert!(!status.is_success(), "the broken partition is read without a filter: {body}");

        // The history shows what each query scanned.
        let (_, history) = app.get("/v1/queries").await;
        let recent = history["queries"].as_array().unwrap();
        assert_eq!(recent.len(), 4, "{history}");
        assert_eq!(recent[0]["status"], "failed");
        assert_eq!(recent[1]["status"], "succeeded");
        assert_eq!(recent[1]["tables"], json!(["hr.employees"]));
        assert_eq!(recent[3]["rows"], 1);
        // count(*) alone reads only Parquet footers; a filter on salary reads its pages.
        assert!(recent[1]["bytes_scanned"].as_u64().unwrap() > 0, "{history}");
    })
    .await;
}

#[tokio::test]
async fn results_come_as_csv_arrow_and_parquet_and_stop_at_max_rows() {
    each_backend(|app| async move {
        employees(&app).await;
        let sql = "SELECT id, name FROM hr.employees ORDER BY id";
        let fetch = |format: &'static str, max_rows: Option<u64>| {
            let request = app
                .admin
                .request(Method::POST, "/v1/query")
                .json(&json!({"sql": sql, "format": format, "max_rows": max_rows}));
            async move {
                let response = request.send().await.unwrap();
                assert_eq!(response.status(), StatusCode::OK);
                assert!(response.headers().contains_key("x-tarn-query-id"));
                let kind = response.headers()["content-type"].to_str().unwrap().to_owned();
                (kind, response.bytes().await.unwrap())
            }
        };
        let (kind, csv) = fetch("csv", Some(2)).await;
        assert!(kind.starts_with("text/csv"));
        assert_eq!(std::str::from_utf8(&csv).unwrap(), "id,name\n1,ann\n2,bob\n");

        let (kind, arrow) = fetch("arrow", None).await;
        assert_eq!(kind, "application/vnd.apache.arrow.stream");
        let reader =
            datafusion::arrow::ipc::reader::StreamReader::try_new(std::io::Cursor::new(arrow.to_vec()), None).unwrap();
        let total: usize = reader.map(|b| b.unwrap().num_rows()).sum();
        assert_eq!(total, 6);

        let (_, parquet) = fetch("parquet", Some(4)).await;
        let reader = datafusion::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(parquet)
            .unwrap()
            .build()
            .unwrap();
        let total: usize = reader.map(|b| b.unwrap().num_rows()).sum();
        assert_eq!(total, 4);

        let (_, json) = fetch("json", Some(1)).await;
        let body: Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(body["rows"], json!([{"id": 1, "name": "ann"}]));
        let (status, body) = app.admin.post("/v1/query", json!({"sql": sql, "format": "xml"})).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        let (status, body) = app.admin.post("/v1/query", json!({"sql": sql, "max_rows": 0})).await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_request"));
    })
    .await;
}

/// A query that streams for as long as it is allowed to.
const ENDLESS: &str = "SELECT count(*) FROM generate_series(1, 1000000000000) AS t(v) WHERE v % 7 = 3";

#[tokio::test]
async fn limits_hold_and_the_server_lives_on() {
    each_backend_with(
        |c| {
            // Small enough that the grouping below runs out of memory well before the time limit
            // even in a debug build on a loaded machine.
            c.query.memory_bytes = 4 << 20;
            c.query.timeout = std::time::Duration::from_secs(3);
            c.query.max_sql_bytes = 2_048;
        },
        |app| async move {
            let (status, body) = query(
                &app.admin,
                "SELECT v % 5000000 AS k, count(*) FROM generate_series(1, 5000000) AS t(v) GROUP BY 1",
            )
            .await;
            assert_eq!((status, code(&body)), (StatusCode::UNPROCESSABLE_ENTITY, "query_memory_exceeded"), "{body}");
            let (status, body) = query(&app.admin, ENDLESS).await;
            assert_eq!((status, code(&body)), (StatusCode::REQUEST_TIMEOUT, "query_timeout"), "{body}");
            let long = format!("SELECT 1 {}", " ".repeat(3_000));
            let (status, body) = query(&app.admin, &format!("{long} + 1")).await;
            assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_request"), "{body}");
            // Still serving, and the failures are on record.
            assert_eq!(rows(&app.admin, "SELECT 1 + 1 AS two").await, vec![json!({"two": 2})]);
            let (_, history) = app.get("/v1/queries").await;
            let statuses: Vec<&str> =
                history["queries"].as_array().unwrap().iter().map(|q| q["status"].as_str().unwrap()).collect();
            assert_eq!(statuses, ["succeeded", "failed", "failed"]);
        },
    )
    .await;
}

#[tokio::test]
async fn concurrent_queries_per_principal_are_capped_and_running_ones_can_be_cancelled() {
    each_backend_with(
        |c| c.query.max_concurrent = 1,
        |app| async move {
            let first = {
                let request = app.admin.request(Method::POST, "/v1/query").json(&json!({"sql": ENDLESS}));
                tokio::spawn(async move { request.send().await.unwrap() })
            };
            // Wait until it is on record as running.
            let mut id = None;
            for _ in 0..100 {
                let (_, history) = app.get("/v1/queries").await;
                if let Some(q) = history["queries"].as_array().unwrap().first() {
                    id = Some(q["id"].as_str().unwrap().to_owned());
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            let id = id.expect("the query is recorded");
            let (status, body) = query(&app.admin, "SELECT 1").await;
            assert_eq!((status, code(&body)), (StatusCode::TOO_MANY_REQUESTS, "too_many_queries"), "{body}");
            let other = app.user("olga").await;
            assert_eq!(rows(&other, "SELECT 1 AS one").await.len(), 1, "the cap is per principal");
            let (status, _) = other.delete(&format!("/v1/queries/{id}")).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "someone else's query is absent");

            let (status, body) = app.delete(&format!("/v1/queries/{id}")).await;
            assert_eq!(status, StatusCode::ACCEPTED, "{body}");
            let response = first.await.unwrap();
            assert_eq!(response.status(), StatusCode::CONFLICT);
            let (_, history) = app.get("/v1/queries").await;
            assert_eq!(history["queries"][0]["status"], "cancelled");
            let (status, body) = app.delete(&format!("/v1/queries/{id}")).await;
            assert_eq!(status, StatusCode::CONFLICT, "{body}");
            assert_eq!(rows(&app.admin, "SELECT 2 AS two").await.len(), 1, "the slot was given back");
        },
    )
    .await;
}

#[tokio::test]
async fn a_client_that_goes_away_cancels_its_query() {
    each_backend(|app| async move {
        // Results stream: a query with a first batch starts its response at once.
        let sql = "SELECT v FROM generate_series(1, 1000000000000) AS t(v)";
        let response = app
            .admin
            .request(Method::POST, "/v1/query")
            .json(&json!({"sql": sql, "format": "csv"}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        drop(response);
        let mut status = String::new();
        for _ in 0..100 {
            let (_, history) = app.get("/v1/queries").await;
            status = history["queries"][0]["status"].as_str().unwrap_or_default().to_owned();
            if status != "running" {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert_eq!(status, "cancelled");
    })
    .await;
}

#[tokio::test]
async fn a_query_running_on_another_replica_is_cancelled_through_the_store() {
    each_backend(|app| async move {
        let (base, _stop) = app.replica().await;
        let other = Session { base, ..app.admin.clone() };
        let running = {
            let request = other.request(Method::POST, "/v1/query").json(&json!({"sql": ENDLESS}));
            tokio::spawn(async move { request.send().await.unwrap().status() })
        };
        let mut id = None;
        for _ in 0..100 {
            let (_, history) = app.get("/v1/queries").await;
            if let Some(q) = history["queries"].as_array().unwrap().first() {
                id = Some(q["id"].as_str().unwrap().to_owned());
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let (status, body) = app.delete(&format!("/v1/queries/{}", id.expect("recorded"))).await;
        assert_eq!(status, StatusCode::ACCEPTED, "{body}");
        assert_eq!(running.await.unwrap(), StatusCode::CONFLICT, "the other replica stopped it");
        let (_, history) = app.get("/v1/queries").await;
        assert_eq!(history["queries"][0]["status"], "cancelled");
    })
    .await;
}

#[tokio::test]
async fn an_encrypted_lake_is_queried_like_any_other() {
    each_backend_with(
        |c| {
            c.lake.encryption_keys = vec![tarn::storage::cipher::Key::new("k1", &[9u8; 32]).unwrap()];
        },
        |app| async move {
            employees(&app).await;
            let stored = std::fs::read(app.data_dir().join("lake/raw/hr/employees/year=2023/part-0.parquet")).unwrap();
            assert!(!stored.starts_with(b"PAR1"), "stored encrypted");
            assert_eq!(rows(&app.admin, "SELECT sum(salary) AS s FROM hr.employees").await, vec![json!({"s": 2100})]);
            let names = rows(
                &app.admin,
                "SELECT e.name FROM hr.employees e JOIN hr.regions r ON e.region = r.region \
                                  WHERE r.manager = 'Sam' ORDER BY e.name",
            )
            .await;
            assert_eq!(names, vec![json!({"name": "bob"}), json!({"name": "dan"})]);
        },
    )
    .await;
}
