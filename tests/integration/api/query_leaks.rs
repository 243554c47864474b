//! The leakage suite: an analyst whose data filter hides `salary` and admits only
//! `region = 'EU'` tries every way of reaching hidden columns and rows through SQL.

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::files::put;
use super::query::{employees, employees_parquet, query, rows};
use crate::support::{Session, TestApp, code, each_backend};

/// `ana` may read hr.employees through the `eu` filter (EU rows, no salary) and all of hr.regions.
async fn analyst(app: &TestApp) -> Session {
    employees(app).await;
    let (status, body) = app
        .post(
            "/v1/databases/hr/tables/employees/data-filters",
            json!({"name": "eu", "row_filter": "region = 'EU'", "excluded_columns": ["salary"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let ana = app.user("ana").await;
    for resource in [
        json!({"data_filter": {"database": "hr", "table": "employees", "name": "eu"}}),
        json!({"table": {"database": "hr", "name": "regions"}}),
    ] {
        let (status, body) = app
            .post("/v1/grants", json!({"principal": "user:ana", "privileges": ["SELECT"], "resource": resource}))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    ana
}

fn ids(rows: &[Value]) -> Vec<i64> {
    rows.iter().map(|r| r["id"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn a_hidden_column_cannot_be_named_anywhere() {
    each_backend(|app| async move {
        let ana = analyst(&app).await;
        for sql in [
            "SELECT salary FROM hr.employees",
            "SELECT e.salary FROM hr.employees e",
            "SELECT \"salary\" FROM hr.employees",
            "SELECT id FROM hr.employees WHERE salary > 250",
            "SELECT id FROM hr.employees WHERE SALARY > 250",
            "SELECT e.id FROM hr.employees e JOIN hr.regions r ON e.salary > 0 AND e.region = r.region",
            "SELECT region, count(*) FROM hr.employees GROUP BY region, salary",
            "SELECT id FROM hr.employees ORDER BY salary",
            "SELECT id, rank() OVER (ORDER BY salary) FROM hr.employees",
            "SELECT id, sum(id) OVER (PARTITION BY salary) FROM hr.employees",
            "SELECT abs(salary) FROM hr.employees",
            "SELECT coalesce(NULL, salary) FROM hr.employees",
            "SELECT count(DISTINCT salary) FROM hr.employees",
            "SELECT id FROM hr.employees WHERE id IN (SELECT salary FROM hr.employees)",
            "SELECT id FROM hr.employees e WHERE EXISTS (SELECT 1 FROM hr.employees x WHERE x.salary > 450)",
            "SELECT (SELECT max(salary) FROM hr.employees) AS m",
            "WITH c AS (SELECT salary FROM hr.employees) SELECT * FROM c",
            "SELECT id FROM hr.employees UNION SELECT salary FROM hr.employees",
            "SELECT region FROM hr.employees GROUP BY region HAVING max(salary) > 400",
            "SELECT id FROM hr.employees WHERE CASE WHEN salary > 100 THEN true ELSE false END",
            "EXPLAIN SELECT salary FROM hr.employees",
        ] {
            let (status, body) = query(&ana, sql).await;
            assert_eq!((status, code(&body)), (StatusCode::FORBIDDEN, "column_not_permitted"), "{sql}: {body}");
            assert!(body["detail"].as_str().unwrap().contains("salary"), "{sql}: {body}");
        }
        // A column that does not exist gets the same answer: the refusal confirms nothing.
        let (status, body) = query(&ana, "SELECT salery FROM hr.employees").await;
        assert_eq!((status, code(&body)), (StatusCode::FORBIDDEN, "column_not_permitted"), "{body}");
        // The same queries are fine for the administrator: the refusal is about the grant.
        assert_eq!(rows(&app.admin, "SELECT id FROM hr.employees ORDER BY salary").await.len(), 6);
    })
    .await;
}

#[tokio::test]
async fn only_admitted_rows_and_granted_columns_come_back() {
    each_backend(|app| async move {
        let ana = analyst(&app).await;
        let (status, body) = query(&ana, "SELECT * FROM hr.employees ORDER BY id").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let names: Vec<&str> = body["columns"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["id", "name", "region", "year"], "SELECT * is the permitted columns");
        assert_eq!(ids(body["rows"].as_array().unwrap()), [1, 3, 5]);
        for (sql, expected) in [
            ("SELECT count(*) AS n FROM hr.employees", json!([{"n": 3}])),
            ("SELECT count(*) AS n FROM hr.employees WHERE region = 'US'", json!([{"n": 0}])),
            ("SELECT max(id) AS m, min(id) AS l FROM hr.employees", json!([{"m": 5, "l": 1}])),
            ("SELECT year, count(*) AS n FROM hr.employees GROUP BY year ORDER BY year",
             json!([{"year": 2023, "n": 2}, {"year": 2024, "n": 1}])),
            ("SELECT DISTINCT region FROM hr.employees", json!([{"region": "EU"}])),
            ("SELECT count(*) AS n FROM hr.employees a JOIN hr.employees b ON a.id <> b.id", json!([{"n": 6}])),
            ("SELECT r.region, count(e.id) AS n FROM hr.regions r LEFT JOIN hr.employees e ON e.region = r.region \
              GROUP BY r.region ORDER BY r.region", json!([{"region": "EU", "n": 3}, {"region": "US", "n": 0}])),
            ("SELECT count(*) AS n FROM hr.employees WHERE EXISTS (SELECT 1 FROM hr.employees x WHERE x.region = 'US')",
             json!([{"n": 0}])),
            ("WITH t AS (SELECT * FROM hr.employees) SELECT count(*) AS n FROM t", json!([{"n": 3}])),
            ("SELECT count(*) AS n FROM (SELECT id FROM hr.employees UNION ALL SELECT id FROM hr.employees)",
             json!([{"n": 6}])),
            ("SELECT id FROM hr.employees ORDER BY id DESC LIMIT 1", json!([{"id": 5}])),
        ] {
            assert_eq!(Value::Array(rows(&ana, sql).await), expected, "{sql}");
        }
        // A predicate that fails on any row it is evaluated on, unless the row is in the EU:
        // it never meets a hidden row, so it never fails.
        let sql = "SELECT id FROM hr.employees WHERE id / (CASE WHEN region = 'EU' THEN 1 ELSE 0 END) > 0 ORDER BY id";
        assert_eq!(ids(&rows(&ana, sql).await), [1, 3, 5]);
        let (status, _) = query(&app.admin, sql).await;
        assert_ne!(status, StatusCode::OK, "for the administrator the same predicate meets US rows and fails");
    })
    .await;
}

/// What each of ana's queries read, newest first, from her query history.
async fn bytes_scanned(session: &Session, last: usize) -> Vec<u64> {
    let (status, history) = session.get("/v1/queries").await;
    assert_eq!(status, reqwest::StatusCode::OK, "{history}");
    history["queries"].as_array().unwrap()[..last].iter().map(|q| q["bytes_scanned"].as_u64().unwrap()).collect()
}

#[tokio::test]
async fn files_the_row_filter_admits_whole_are_pruned_by_the_query_and_mixed_ones_are_not() {
    each_backend(|app| async move {
        let ana = analyst(&app).await;
        // 2025 holds only EU rows (admitted whole by ana's filter), 2026 only US rows (excluded
        // whole); 2023 and 2024 mix both and are read behind the row filter.
        for (year, bytes) in [
            (2025, employees_parquet(&[(7, "gus", "EU", 700), (8, "hal", "EU", 800)])),
            (2026, employees_parquet(&[(9, "ida", "US", 900)])),
        ] {
            let path = format!("/v1/databases/hr/tables/employees/files/part-0.parquet?partition=year={year}");
            assert_eq!(put(&app.admin, &path, bytes).await.0, StatusCode::CREATED);
        }

        assert_eq!(ids(&rows(&ana, "SELECT id FROM hr.employees ORDER BY id").await), [1, 3, 5, 7, 8]);
        assert_eq!(ids(&rows(&ana, "SELECT id FROM hr.employees ORDER BY id DESC LIMIT 2").await), [8, 7]);
        assert_eq!(ids(&rows(&ana, "SELECT id FROM hr.employees WHERE id > 4 ORDER BY id").await), [5, 7, 8]);
        let joined = "SELECT e.id FROM hr.employees e JOIN hr.regions r ON e.region = r.region ORDER BY e.id";
        assert_eq!(ids(&rows(&ana, joined).await), [1, 3, 5, 7, 8]);
        // The query's filters prune only files without hidden rows: the probe still never
        // meets a US row.
        let probe =
            "SELECT id FROM hr.employees WHERE id / (CASE WHEN region = 'EU' THEN 1 ELSE 0 END) > 0 ORDER BY id";
        assert_eq!(ids(&rows(&ana, probe).await), [1, 3, 5, 7, 8]);

        for sql in [
            "SELECT id FROM hr.employees WHERE year = 2024 AND id > 100",
            "SELECT id FROM hr.employees WHERE year = 2025 AND id > 100",
            "SELECT id FROM hr.employees WHERE year = 2026",
        ] {
            assert!(rows(&ana, sql).await.is_empty(), "{sql}");
        }
        let [excluded, admitted, mixed] = bytes_scanned(&ana, 3).await[..] else { unreachable!() };
        assert!(mixed > 0, "a file with hidden rows is read whatever the query's filter says");
        assert_eq!(admitted, 0, "the admitted file's statistics rule out id > 100");
        assert_eq!(excluded, 0, "a file without a visible row is not read");
        // The administrator's view of the same files is unchanged.
        assert_eq!(rows(&app.admin, "SELECT count(*) AS n FROM hr.employees").await[0]["n"], 9);
    })
    .await;
}

/// A Parquet file of (id, score) rows.
fn scores_parquet(rows: &[(i64, f64)]) -> Vec<u8> {
    use datafusion::arrow::array::{Float64Array, Int64Array, RecordBatch};
    use datafusion::arrow::datatypes::{DataType, Field, Schema};
    let schema = std::sync::Arc::new(Schema::new(vec![
        Field::new("id", DataType::Int64, false),
        Field::new("score", DataType::Float64, false),
    ]));
    let ids = Int64Array::from(rows.iter().map(|r| r.0).collect::<Vec<_>>());
    let scores = Float64Array::from(rows.iter().map(|r| r.1).collect::<Vec<_>>());
    let batch = RecordBatch::try_new(schema.clone(), vec![std::sync::Arc::new(ids), std::sync::Arc::new(scores)]);
    let mut out = Vec::new();
    let mut writer = datafusion::parquet::arrow::ArrowWriter::try_new(&mut out, schema, None).unwrap();
    writer.write(&batch.unwrap()).unwrap();
    writer.close().unwrap();
    out
}

#[tokio::test]
async fn a_nan_left_out_of_footer_bounds_neither_shows_a_hidden_row_nor_lets_the_query_prune() {
    let app = TestApp::sqlite().await;
    app.create_database("lab").await;
    let columns = json!([{"name": "id", "type": "int64"}, {"name": "score", "type": "float64"}]);
    let table = json!({"name": "scores", "zone": "raw", "format": "parquet", "columns": columns});
    app.create_table("lab", table).await;
    // Parquet leaves NaN out of min/max: `single` claims every score is 50, `range` 50 to 60.
    // NaN sorts above every number, so `score <= 100` rejects the NaN rows (ids 2 and 5).
    for (name, rows) in
        [("single", vec![(1, 50.0), (2, f64::NAN)]), ("range", vec![(3, 50.0), (4, 60.0), (5, f64::NAN)])]
    {
        let path = format!("/v1/databases/lab/tables/scores/files/{name}.parquet");
        assert_eq!(put(&app.admin, &path, scores_parquet(&rows)).await.0, StatusCode::CREATED);
    }
    let filter = json!({"name": "low", "row_filter": "score <= 100", "columns": ["id"]});
    let (status, body) = app.post("/v1/databases/lab/tables/scores/data-filters", filter).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let ana = app.user("ana").await;
    let resource = json!({"data_filter": {"database": "lab", "table": "scores", "name": "low"}});
    let grant = json!({"principal": "user:ana", "privileges": ["SELECT"], "resource": resource});
    assert_eq!(app.post("/v1/grants", grant).await.0, StatusCode::CREATED);

    assert_eq!(ids(&rows(&app.admin, "SELECT id FROM lab.scores ORDER BY id").await), [1, 2, 3, 4, 5]);
    assert_eq!(ids(&rows(&ana, "SELECT id FROM lab.scores ORDER BY id").await), [1, 3, 4], "the filter saw the NaNs");
    // Float bounds prove nothing: both files hold a hidden row, so the query's filter prunes
    // neither (its effect would tell something of the hidden row).
    assert!(rows(&ana, "SELECT id FROM lab.scores WHERE id > 100").await.is_empty());
    assert!(bytes_scanned(&ana, 1).await[0] > 0);
}

#[tokio::test]
async fn explain_and_catalog_introspection_show_nothing_hidden() {
    each_backend(|app| async move {
        let ana = analyst(&app).await;
        let plan = rows(&ana, "EXPLAIN SELECT * FROM hr.employees WHERE id > 1").await;
        let text = serde_json::to_string(&plan).unwrap();
        assert!(text.contains("TarnTableScan: hr.employees"), "{text}");
        for hidden in ["salary", "'EU'", "lake", ".parquet"] {
            assert!(!text.contains(hidden), "EXPLAIN shows {hidden}: {text}");
        }
        // A caller kept only from a column sees the scan itself: nothing of the column.
        let cal = app.user("cal").await;
        let (status, body) = app
            .post(
                "/v1/grants",
                json!({"principal": "user:cal", "privileges": ["SELECT"],
                "resource": {"table": {"database": "hr", "name": "employees", "excluded_columns": ["salary"]}}}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let plan = rows(&cal, "EXPLAIN SELECT * FROM hr.employees WHERE id > 1 ORDER BY name LIMIT 2").await;
        let text = serde_json::to_string(&plan).unwrap();
        assert!(text.contains("TarnTableScan: hr.employees") && !text.contains("salary"), "{text}");
        assert_eq!(ids(&rows(&cal, "SELECT id FROM hr.employees WHERE id > 1 ORDER BY name LIMIT 2").await), [2, 3]);
        for sql in [
            "SELECT * FROM information_schema.columns",
            "SELECT * FROM information_schema.tables",
            "SHOW TABLES",
            "SHOW COLUMNS FROM hr.employees",
            "DESCRIBE hr.employees",
        ] {
            let (status, body) = query(&ana, sql).await;
            assert!(status.is_client_error(), "{sql}: {status} {body}");
            assert!(!body.to_string().contains("salary"), "{sql}: {body}");
        }
    })
    .await;
}

#[tokio::test]
async fn queries_may_not_write_create_or_read_files() {
    each_backend(|app| async move {
        let ana = analyst(&app).await;
        for sql in [
            "CREATE EXTERNAL TABLE x STORED AS CSV LOCATION '/etc/'",
            "CREATE TABLE x AS SELECT * FROM hr.employees",
            "CREATE VIEW v AS SELECT * FROM hr.employees",
            "COPY (SELECT * FROM hr.employees) TO '/tmp/tarn-leak.csv'",
            "COPY hr.employees TO '/tmp/tarn-leak.csv'",
            "INSERT INTO hr.employees VALUES (9, 'x', 'EU', 1, 2024)",
            "DELETE FROM hr.employees",
            "DROP TABLE hr.employees",
            "SET datafusion.execution.target_partitions = 1",
            "EXPLAIN COPY (SELECT 1) TO '/tmp/tarn-leak.csv'",
            "SELECT * INTO copied FROM hr.employees",
            "SELECT v INTO big FROM generate_series(1, 10000000000) AS t(v)",
            "WITH c AS (SELECT id FROM hr.employees) SELECT * INTO copied FROM c",
        ] {
            let (status, body) = query(&ana, sql).await;
            assert_eq!((status, code(&body)), (StatusCode::FORBIDDEN, "statement_not_allowed"), "{sql}: {body}");
        }
        // File paths and file readers are refused as the README says.
        for sql in [
            "SELECT * FROM '/etc/passwd'",
            "SELECT * FROM 'data.csv'",
            "SELECT * FROM read_csv('/etc/passwd')",
            "SELECT * FROM read_parquet('/etc/passwd')",
        ] {
            let (status, body) = query(&ana, sql).await;
            assert_eq!((status, code(&body)), (StatusCode::FORBIDDEN, "statement_not_allowed"), "{sql}: {body}");
            assert!(!body.to_string().contains("root:"), "{sql}: {body}");
        }
        for sql in ["SELECT * FROM datafusion.public.x", "SELECT * FROM employees"] {
            let (status, body) = query(&ana, sql).await;
            assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_query"), "{sql}: {body}");
        }
        assert!(!std::path::Path::new("/tmp/tarn-leak.csv").exists());
        // A table the analyst may not see is absent; one it may see but not read is 403.
        app.create_table("hr", json!({"name": "payroll", "columns": [{"name": "id", "type": "int64"}]})).await;
        let (status, body) = query(&ana, "SELECT * FROM hr.payroll").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        let (status, body) = app
            .post(
                "/v1/grants",
                json!({"principal": "user:ana", "privileges": ["DESCRIBE"],
                                        "resource": {"table": {"database": "hr", "name": "payroll"}}}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let (status, body) = query(&ana, "SELECT * FROM hr.payroll").await;
        assert_eq!((status, code(&body)), (StatusCode::FORBIDDEN, "forbidden"), "{body}");
    })
    .await;
}

#[tokio::test]
async fn several_grants_give_the_union_of_rows_and_columns_and_every_query_is_audited() {
    each_backend(|app| async move {
        let ana = analyst(&app).await;
        let (status, body) = app
            .post(
                "/v1/databases/hr/tables/employees/data-filters",
                json!({"name": "us_names", "row_filter": "region = 'US'", "columns": ["id", "name"]}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let (status, body) = app
            .post(
                "/v1/grants",
                json!({"principal": "user:ana", "privileges": ["SELECT"],
                    "resource": {"data_filter": {"database": "hr", "table": "employees", "name": "us_names"}}}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert_eq!(ids(&rows(&ana, "SELECT id FROM hr.employees ORDER BY id").await), [1, 2, 3, 4, 5]);
        let (status, body) = query(&ana, "SELECT salary FROM hr.employees").await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");

        let (_, audit) = app.get("/v1/audit?action=query.complete").await;
        let last = audit["records"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["principal"] == "user:ana")
            .expect("audited")
            .clone();
        assert_eq!(last["outcome"], "succeeded", "{last}");
        assert_eq!(last["detail"]["rows"], 5);
        assert_eq!(last["detail"]["sql"], "SELECT id FROM hr.employees ORDER BY id");
        assert_eq!(last["detail"]["tables"], json!(["hr.employees"]));
        assert_eq!(last["detail"]["columns"], json!({"hr.employees": ["id"]}), "{last}");
        let filters = last["detail"]["row_filters"]["hr.employees"].as_array().unwrap();
        assert_eq!(filters.len(), 2, "{last}");
        let (_, denied) = app.get("/v1/audit?action=query.run&decision=deny").await;
        let denied = denied["records"].as_array().unwrap();
        assert!(
            denied.iter().any(|r| r["principal"] == "user:ana" && r["outcome"] == "column_not_permitted"),
            "{denied:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_bad_value_in_a_hidden_row_does_not_come_back_in_an_error() {
    let app = TestApp::sqlite().await;
    let ana = analyst(&app).await;
    app.create_table(
        "hr",
        json!({"name": "contacts", "zone": "raw", "format": "csv", "format_options": {"header": "true"},
               "columns": [{"name": "id", "type": "int64"}, {"name": "region", "type": "utf8"},
                           {"name": "ssn", "type": "utf8"}]}),
    )
    .await;
    let body = "id,region,ssn\n1,EU,111\nX,US,999-SECRET\n";
    let (status, _) = super::files::put(&app.admin, "/v1/databases/hr/tables/contacts/files/c.csv", body).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, body) = app
        .post(
            "/v1/databases/hr/tables/contacts/data-filters",
            json!({"name": "eu", "row_filter": "region = 'EU'", "excluded_columns": ["ssn"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, body) = app
        .post(
            "/v1/grants",
            json!({"principal": "user:ana", "privileges": ["SELECT"],
                "resource": {"data_filter": {"database": "hr", "table": "contacts", "name": "eu"}}}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, body) = query(&ana, "SELECT id FROM hr.contacts").await;
    assert!(!status.is_success(), "{body}");
    assert!(!body.to_string().contains("SECRET") && body.to_string().contains("error id"), "{body}");
    let (status, history) = ana.get("/v1/queries").await;
    assert_eq!(status, StatusCode::OK, "{history}");
    assert!(!history.to_string().contains("SECRET"), "{history}");
    let (status, body) = query(&app.admin, "SELECT id FROM hr.contacts").await;
    assert!(!status.is_success() && body.to_string().contains("SECRET"), "the administrator sees the record: {body}");
}
