//! Crawlers: formats, schema inference and widening, hive partitions, per-file errors,
//! incremental re-runs, schema-change and deleted-folder policies, grants, and S3.

use std::io::Write;
use std::sync::Arc;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{Session, TestApp, code, each_backend, moto};

fn parquet_bytes() -> Vec<u8> {
    use arrow_array::{ArrayRef, Float64Array, Int64Array, RecordBatch};
    use arrow_schema::{DataType, Field, Schema};
    let schema = Arc::new(Schema::new(vec![
        Field::new("sensorId", DataType::Int64, false),
        Field::new("reading", DataType::Float64, true),
    ]));
    let columns: Vec<ArrayRef> =
        vec![Arc::new(Int64Array::from(vec![1, 2])), Arc::new(Float64Array::from(vec![Some(0.5), None]))];
    let batch = RecordBatch::try_new(schema.clone(), columns).unwrap();
    let mut buf = Vec::new();
    let mut writer = parquet::arrow::ArrowWriter::try_new(&mut buf, schema, None).unwrap();
    writer.write(&batch).unwrap();
    writer.close().unwrap();
    buf
}

fn avro_bytes() -> Vec<u8> {
    use arrow_array::{ArrayRef, Int32Array, RecordBatch, StringArray};
    use arrow_schema::{DataType, Field, Schema};
    let schema =
        Schema::new(vec![Field::new("pageId", DataType::Int32, false), Field::new("url", DataType::Utf8, true)]);
    let columns: Vec<ArrayRef> =
        vec![Arc::new(Int32Array::from(vec![1, 2])), Arc::new(StringArray::from(vec![Some("/a"), None]))];
    let batch = RecordBatch::try_new(Arc::new(schema.clone()), columns).unwrap();
    let mut writer = arrow_avro::writer::AvroWriter::new(Vec::new(), schema).unwrap();
    writer.write(&batch).unwrap();
    writer.finish().unwrap();
    writer.into_inner()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// The landing folder: four good tables and eight files that must be reported, not crawled.
pub fn landing_files() -> Vec<(&'static str, Vec<u8>)> {
    let parquet = parquet_bytes();
    vec![
        ("orders/year=2024/month=01/a.csv", b"id,amount,note\n1,2.5,x\n2,3,y\n".to_vec()),
        ("orders/year=2024/month=02/b.csv", b"id,amount,note\n3,4,z\n".to_vec()),
        ("orders/year=2024/month=02/c.csv.zst", zstd::encode_all(&b"id,amount,note\n5,6,w\n"[..], 3).unwrap()),
        ("orders/year=2024/month=01/ragged.csv", b"id,amount,note\n1,2,x\n3,4\n".to_vec()),
        ("pages/p.avro", avro_bytes()),
        ("orders/year=2024/month=02/bad.csv", b"id,amount\n1,2\n".to_vec()),
        ("orders/notkv/c.csv", b"id,amount,note\n1,2,3\n".to_vec()),
        ("orders/year=2024/month=03/latin1.csv", b"id,amount,note\n1,2,caf\xe9\n".to_vec()),
        ("events/e1.jsonl.gz", gzip(b"{\"eventId\": 1, \"kind\": \"a\"}\n{\"eventId\": 2, \"kind\": \"b\"}\n")),
        ("events/e2.jsonl", b"{\"eventId\": 2.5, \"extra\": true}\n".to_vec()),
        ("events/e9.jsonl", b"{\"eventId\": {\"nested\": 1}}\n".to_vec()),
        ("metrics/m.parquet", parquet.clone()),
        ("metrics/broken.parquet", parquet[..parquet.len() - 20].to_vec()),
        ("empty/x.csv", Vec::new()),
        ("top.csv", b"a,b\n1,2\n".to_vec()),
    ]
}

pub fn write_local(app: &TestApp, folder: &str, files: &[(&str, Vec<u8>)]) {
    for (path, bytes) in files {
        let full = app.data_dir().join("lake").join(folder).join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, bytes).unwrap();
    }
}

pub async fn create_crawler(app: &Session, body: Value) -> (StatusCode, Value) {
    app.send(app.request(reqwest::Method::POST, "/v1/crawlers").json(&body)).await
}

/// Starts a run and waits for it to finish; returns the run.
pub async fn run(app: &Session, name: &str) -> Value {
    let (status, started) = app.send(app.request(reqwest::Method::POST, &format!("/v1/crawlers/{name}/run"))).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{started}");
    for _ in 0..600 {
        let (_, runs) = app.send(app.request(reqwest::Method::GET, &format!("/v1/crawlers/{name}/runs"))).await;
        let latest =
            runs["runs"].as_array().unwrap().iter().find(|r| r["id"] == started["id"]).cloned().unwrap_or(Value::Null);
        if latest["status"] != "running" {
            return latest;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("crawl {name} did not finish");
}

fn columns(table: &Value) -> Vec<(String, String, bool)> {
    table["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (c["name"].as_str().unwrap().to_owned(), c["type"].as_str().unwrap().to_owned(), c["nullable"] == true)
        })
        .collect()
}

fn col(name: &str, ty: &str, nullable: bool) -> (String, String, bool) {
    (name.to_owned(), ty.to_owned(), nullable)
}

#[tokio::test]
async fn a_crawl_makes_tables_and_partitions_reports_bad_files_and_rereads_only_changes() {
    each_backend(|app| async move {
        app.create_database("landing").await;
        write_local(&app, "raw/landing", &landing_files());
        let (status, body) =
            create_crawler(&app, json!({"name": "landing", "location": "raw/landing", "database": "landing"})).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert!(body["location"].as_str().unwrap().starts_with("file:///"), "{body}");

        let first = run(&app, "landing").await;
        assert_eq!(first["status"], "succeeded", "{first}");
        let stats = &first["stats"];
        assert_eq!(
            (stats["tables_created"].clone(), stats["partitions_added"].clone()),
            (json!(4), json!(2)),
            "{first}"
        );
        assert_eq!(stats["files_listed"], 15);
        assert_eq!(stats["files_failed"], 8, "{first}");
        let failed: Vec<&str> =
            first["errors"].as_array().unwrap().iter().map(|e| e["path"].as_str().unwrap()).collect();
        for path in [
            "orders/year=2024/month=02/bad.csv",
            "orders/notkv/c.csv",
            "orders/year=2024/month=01/ragged.csv",
            "orders/year=2024/month=03/latin1.csv",
            "events/e9.jsonl",
            "metrics/broken.parquet",
            "empty/x.csv",
            "top.csv",
        ] {
            assert!(failed.contains(&path), "{path} not reported: {first}");
        }

        let (_, orders) = app.get("/v1/databases/landing/tables/orders").await;
        assert_eq!(
            columns(&orders),
            vec![col("id", "int64", false), col("amount", "float64", false), col("note", "utf8", false)],
            "{orders}"
        );
        let keys: Vec<&str> =
            orders["partition_keys"].as_array().unwrap().iter().map(|k| k["name"].as_str().unwrap()).collect();
        assert_eq!(keys, ["year", "month"]);
        assert_eq!(orders["format"], "csv");
        assert_eq!(orders["format_options"]["delimiter"], ",");
        assert!(orders["location"].as_str().unwrap().ends_with("/raw/landing/orders/"), "{orders}");
        let (_, parts) = app.get("/v1/databases/landing/tables/orders/partitions").await;
        assert_eq!(parts["partitions"].as_array().unwrap().len(), 2, "{parts}");

        let (_, events) = app.get("/v1/databases/landing/tables/events").await;
        assert_eq!(events["format"], "json");
        assert_eq!(
            columns(&events),
            vec![col("event_id", "float64", false), col("kind", "utf8", true), col("extra", "bool", true)],
            "int64 and float64 widen to float64; fields missing from some files are nullable: {events}"
        );
        let (_, metrics) = app.get("/v1/databases/landing/tables/metrics").await;
        assert_eq!(metrics["format"], "parquet");
        assert_eq!(columns(&metrics), vec![col("sensor_id", "int64", false), col("reading", "float64", true)]);
        let (_, pages) = app.get("/v1/databases/landing/tables/pages").await;
        assert_eq!(pages["format"], "avro");
        assert_eq!(columns(&pages), vec![col("page_id", "int32", false), col("url", "utf8", true)], "{pages}");
        let (status, _) = app.get("/v1/databases/landing/tables/empty").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "a folder of unusable files makes no table");

        // Unchanged: nothing is read again.
        let second = run(&app, "landing").await;
        assert_eq!(second["stats"]["files_scanned"], 0, "{second}");
        assert_eq!(second["stats"]["files_unchanged"], 15, "{second}");
        assert_eq!(second["stats"]["tables_updated"], 0);

        // A new file with a new column: one file read, one new table version.
        write_local(&app, "raw/landing", &[("events/e3.jsonl", b"{\"eventId\": 3, \"source\": \"web\"}\n".to_vec())]);
        let third = run(&app, "landing").await;
        assert_eq!(third["stats"]["files_scanned"], 1, "{third}");
        assert_eq!(third["stats"]["tables_updated"], 1, "{third}");
        assert_eq!(third["stats"]["schema_changes"][0]["added"], json!(["source"]), "{third}");
        let (_, events) = app.get("/v1/databases/landing/tables/events").await;
        assert_eq!(events["version"], 2);
        assert!(columns(&events).contains(&col("source", "utf8", true)), "{events}");

        // Runs are audited.
        let (_, audit) = app.get("/v1/audit?action=crawler.complete").await;
        assert_eq!(audit["records"].as_array().unwrap().len(), 3, "{audit}");
    })
    .await;
}

#[tokio::test]
async fn schema_change_and_deleted_folder_policies() {
    each_backend(|app| async move {
    app.create_database("logs").await;
    write_local(&app, "raw/logs", &[("a/1.csv", b"x,y\n1,2\n".to_vec()), ("b/1.csv", b"x\n1\n".to_vec())]);
    for (name, policy, deleted) in [("strict", "fail", "delete"), ("lenient", "log", "deprecate")] {
        let db = format!("logs_{name}");
        app.create_database(&db).await;
        let body = json!({"name": name, "location": "raw/logs", "database": db, "schema_change": policy, "deleted_folders": deleted});
        assert_eq!(create_crawler(&app, body).await.0, StatusCode::CREATED);
        assert_eq!(run(&app, name).await["stats"]["tables_created"], 2);
    }
    // `a` gains a float where it had ints; `b` disappears.
    write_local(&app, "raw/logs", &[("a/2.csv", b"x,y\n1.5,2\n".to_vec())]);
    std::fs::remove_dir_all(app.data_dir().join("lake/raw/logs/b")).unwrap();

    let strict = run(&app, "strict").await;
    assert_eq!(strict["stats"]["schema_changes"][0]["outcome"], "refused", "{strict}");
    assert!(strict["errors"].as_array().unwrap().iter().any(|e| e["path"] == "a"), "{strict}");
    let (_, a) = app.get("/v1/databases/logs_strict/tables/a").await;
    assert_eq!((a["version"].clone(), columns(&a)[0].1.clone()), (json!(1), "int64".to_owned()));
    assert_eq!(app.get("/v1/databases/logs_strict/tables/b").await.0, StatusCode::NOT_FOUND, "deleted");
    let again = run(&app, "strict").await;
    assert_eq!(again["stats"]["files_scanned"], 1, "a table that was not written has its files read again: {again}");
    assert_eq!(again["stats"]["schema_changes"][0]["outcome"], "refused");

    let lenient = run(&app, "lenient").await;
    assert_eq!(lenient["stats"]["schema_changes"][0]["outcome"], "logged", "{lenient}");
    assert_eq!(lenient["stats"]["schema_changes"][0]["widened"], json!(["x: int64 -> float64"]));
    let (_, a) = app.get("/v1/databases/logs_lenient/tables/a").await;
    assert_eq!(a["version"], 1, "logged only");
    let (_, b) = app.get("/v1/databases/logs_lenient/tables/b").await;
    assert_eq!(b["business"]["properties"]["deprecated"], "true", "{b}");
    })
    .await;
}

#[tokio::test]
async fn emptied_partition_folders_are_deleted_only_under_the_delete_policy() {
    each_backend(|app| async move {
        let files = [
            ("clicks/day=1/a.csv", b"id\n1\n".to_vec()),
            ("clicks/day=2/a.csv", b"id\n2\n".to_vec()),
            ("clicks/day=3/a.csv", b"id\n3\n".to_vec()),
            ("clicks/day=3/b.csv", b"id\n4\n".to_vec()),
        ];
        write_local(&app, "raw/web", &files);
        for (name, deleted) in [("pruner", "delete"), ("keeper", "deprecate")] {
            let db = format!("web_{name}");
            app.create_database(&db).await;
            let body = json!({"name": name, "location": "raw/web", "database": db, "deleted_folders": deleted});
            assert_eq!(create_crawler(&app, body).await.0, StatusCode::CREATED);
            assert_eq!(run(&app, name).await["stats"]["partitions_added"], 3);
        }
        // day=9 is registered by hand ahead of its data: it never held a file, so it stays.
        let (_, table) = app.get("/v1/databases/web_pruner/tables/clicks").await;
        let location = format!("{}day=9/", table["location"].as_str().unwrap());
        let ahead = json!({"partitions": [{"values": ["9"], "location": location}]});
        let (status, body) = app.post("/v1/databases/web_pruner/tables/clicks/partitions", ahead).await;
        assert!(status.is_success(), "{body}");
        // day=2 loses its only file; day=3 one of two.
        std::fs::remove_dir_all(app.data_dir().join("lake/raw/web/clicks/day=2")).unwrap();
        std::fs::remove_file(app.data_dir().join("lake/raw/web/clicks/day=3/b.csv")).unwrap();

        let days = |listed: &Value| -> Vec<String> {
            listed["partitions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["values"][0].as_str().unwrap().to_owned())
                .collect()
        };
        let pruned = run(&app, "pruner").await;
        assert_eq!(pruned["stats"]["partitions_deleted"], 1, "{pruned}");
        let (_, listed) = app.get("/v1/databases/web_pruner/tables/clicks/partitions").await;
        assert_eq!(days(&listed), ["1", "3", "9"]);
        assert_eq!(run(&app, "pruner").await["stats"]["partitions_deleted"], 0, "nothing more to delete");

        let kept = run(&app, "keeper").await;
        assert_eq!(kept["stats"]["partitions_deleted"], 0, "{kept}");
        let (_, listed) = app.get("/v1/databases/web_keeper/tables/clicks/partitions").await;
        assert_eq!(days(&listed), ["1", "2", "3"]);
    })
    .await;
}

#[tokio::test]
async fn crawlers_need_location_access_and_run_as_their_owner() {
    each_backend(|app| async move {
    app.create_database("landing").await;
    write_local(&app, "raw/landing", &[("t/1.csv", b"x\n1\n".to_vec())]);
    let bob = app.user("bob").await;
    let body = json!({"name": "bobs", "location": "raw/landing", "database": "landing"});
    let (status, err) = create_crawler(&bob, body.clone()).await;
    assert_eq!((status, code(&err)), (StatusCode::FORBIDDEN, "forbidden"), "{err}");
    assert!(err["detail"].as_str().unwrap().contains("DATA_LOCATION_ACCESS"), "{err}");

    let lake = app.data_dir().join("lake").canonicalize().unwrap();
    let location = format!("file://{}/raw/landing", lake.display());
    let grant =
        json!({"principal": "user:bob", "resource": {"location": location}, "privileges": ["DATA_LOCATION_ACCESS"]});
    assert_eq!(app.post("/v1/grants", grant.clone()).await.0, StatusCode::CREATED);
    // A grant on raw/landing does not reach raw (nor raw/landing2).
    let (status, _) = create_crawler(&bob, json!({"name": "wide", "location": "raw", "database": "landing"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, err) = create_crawler(&bob, body.clone()).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "no access to the database: {err}");
    let db_grant =
        json!({"principal": "user:bob", "resource": {"database": "landing"}, "privileges": ["CREATE_TABLE"]});
    assert_eq!(app.post("/v1/grants", db_grant).await.0, StatusCode::CREATED);
    let (status, err) = create_crawler(&bob, body).await;
    assert_eq!(status, StatusCode::CREATED, "{err}");
    // Placing a table at a location takes DATA_LOCATION_ACCESS there too.
    let table = |name: &str, location: &str| json!({"name": name, "columns": [{"name": "x", "type": "int64"}], "location": location});
    let tables = "/v1/databases/landing/tables";
    let (status, err) =
        bob.send(bob.request(reqwest::Method::POST, tables).json(&table("elsewhere", "s3://other/x/"))).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{err}");
    assert!(err["detail"].as_str().unwrap().contains("DATA_LOCATION_ACCESS"), "{err}");
    let inside = format!("{location}/t2/");
    let (status, err) = bob.send(bob.request(reqwest::Method::POST, tables).json(&table("inside", &inside))).await;
    assert_eq!(status, StatusCode::CREATED, "{err}");
    let (status, _) =
        create_crawler(&bob, json!({"name": "../x", "location": "raw/landing", "database": "landing"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    for location in ["raw/../etc", "file:///etc/", "s3://other-bucket/x", "raw/%2e%2e/x"] {
        let body = json!({"name": "esc", "location": location, "database": "landing"});
        let (status, err) = create_crawler(&bob, body).await;
        assert_eq!((status, code(&err)), (StatusCode::BAD_REQUEST, "invalid_path"), "{location}: {err}");
    }

    let done = run(&bob, "bobs").await;
    assert_eq!(done["status"], "succeeded", "{done}");
    let (_, t) = app.get("/v1/databases/landing/tables/t").await;
    assert_eq!(t["created_by"], "user:bob", "{t}");
    // Other users do not see bob's crawler.
    let eve = app.user("eve").await;
    let (status, _) = eve.send(eve.request(reqwest::Method::GET, "/v1/crawlers/bobs")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Without the location grant the next run fails, and says why.
    assert_eq!(app.post("/v1/grants/revoke", grant).await.0, StatusCode::OK);
    let failed = run(&bob, "bobs").await;
    assert_eq!(failed["status"], "failed", "{failed}");
    assert!(failed["message"].as_str().unwrap().contains("DATA_LOCATION_ACCESS"), "{failed}");
    // The background run is audited as a denial by authz itself, naming what was refused
    // (not guessed from the message).
    let (_, audit) = app.get("/v1/audit?action=crawler.complete&principal=user:bob").await;
    let records = audit["records"].as_array().unwrap();
    assert_eq!(records.len(), 2, "{audit}");
    let last = &records[1];
    assert_eq!((&last["decision"], &last["outcome"]), (&json!("deny"), &json!("failed")), "{last}");
    let decisions = last["detail"]["authz"].as_array().unwrap();
    assert!(decisions.iter().any(|d| d["wanted"] == "DATA_LOCATION_ACCESS" && d["decision"] == "deny"), "{last}");
    assert_eq!(records[0]["decision"], "allow", "the first run was allowed: {audit}");
    })
    .await;
}

#[tokio::test]
async fn crawling_an_s3_lake_on_moto() {
    use object_store::ObjectStoreExt;
    if !moto::available() {
        return;
    }
    let bucket = moto::bucket().await;
    let b = bucket.clone();
    let app = TestApp::sqlite_with(move |c| moto::use_s3(c, &b)).await;
    app.create_database("landing").await;
    let s3 = moto::client(&bucket);
    for (path, bytes) in landing_files() {
        s3.put(&object_store::path::Path::from(format!("lake/raw/landing/{path}")), bytes.into()).await.unwrap();
    }
    let (status, body) =
        create_crawler(&app, json!({"name": "landing", "location": "raw/landing", "database": "landing"})).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["location"], format!("s3://{bucket}/lake/raw/landing/"));
    let first = run(&app, "landing").await;
    assert_eq!(first["stats"]["tables_created"], 4, "{first}");
    assert_eq!(first["stats"]["files_failed"], 8, "{first}");
    let (_, metrics) = app.get("/v1/databases/landing/tables/metrics").await;
    assert_eq!(metrics["location"], format!("s3://{bucket}/lake/raw/landing/metrics/"));
    let second = run(&app, "landing").await;
    assert_eq!(second["stats"]["files_scanned"], 0, "{second}");
}

#[tokio::test]
async fn scheduled_crawls_run_on_one_replica_at_a_time() {
    let fast = |c: &mut tarn::config::Config| c.scheduler_interval = std::time::Duration::from_millis(100);
    let app = TestApp::sqlite_with(fast).await;
    let (_other, _stop) = app.replica_with(fast).await;
    app.create_database("landing").await;
    write_local(&app, "raw/landing", &[("t/1.csv", b"x\n1\n".to_vec())]);
    let body = json!({"name": "often", "location": "raw/landing", "database": "landing", "schedule": "* * * * * *"});
    let (status, created) = create_crawler(&app, body).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let (status, bad) =
        create_crawler(&app, json!({"name": "bad", "location": "raw", "database": "landing", "schedule": "every day"}))
            .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");

    let mut runs = Vec::new();
    for _ in 0..100 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let (_, body) = app.get("/v1/crawlers/often/runs").await;
        runs = body["runs"].as_array().unwrap().iter().filter(|r| r["status"] != "running").cloned().collect();
        if runs.len() >= 3 {
            break;
        }
    }
    assert!(runs.len() >= 3, "scheduled runs: {runs:?}");
    assert!(runs.iter().all(|r| r["trigger"] == "schedule" && r["status"] == "succeeded"), "{runs:?}");
    // Each second's run was started once, by one replica: runs never overlap.
    let mut spans: Vec<(String, String)> = runs
        .iter()
        .map(|r| (r["started_at"].as_str().unwrap().to_owned(), r["finished_at"].as_str().unwrap().to_owned()))
        .collect();
    spans.sort();
    for pair in spans.windows(2) {
        assert!(pair[0].1 <= pair[1].0, "overlapping runs {pair:?}");
    }
}
