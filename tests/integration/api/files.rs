//! Uploads into a table's raw-zone folder: checksums, idempotent re-uploads, conflicts,
//! partitions, hostile names, limits, grants, a body that breaks off, encryption, and S3.

use std::time::Duration;

use futures::StreamExt;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::support::{Session, TestApp, code, each_backend, each_backend_with, moto};

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

pub async fn raw_table(app: &TestApp, database: &str, table: &str, partition_keys: Value) {
    let (status, _) = app.get(&format!("/v1/databases/{database}")).await;
    if status == StatusCode::NOT_FOUND {
        app.create_database(database).await;
    }
    app.create_table(
        database,
        json!({"name": table, "zone": "raw", "format": "csv",
               "columns": [{"name": "id", "type": "int64"}], "partition_keys": partition_keys}),
    )
    .await;
}

pub async fn put(app: &Session, path: &str, body: impl Into<reqwest::Body>) -> (StatusCode, Value) {
    app.send(app.request(Method::PUT, path).body(body)).await
}

fn lake_file(app: &TestApp, rel: &str) -> std::path::PathBuf {
    app.data_dir().join("lake").join(rel)
}

fn staging_is_empty(app: &TestApp) -> bool {
    let dir = app.data_dir().join("lake/_tarn/staging");
    !dir.exists() || std::fs::read_dir(dir).unwrap().next().is_none()
}

#[tokio::test]
async fn uploads_land_in_the_table_folder_and_reuploads_are_idempotent_or_conflict() {
    each_backend(|app| async move {
        raw_table(&app, "sales", "orders", json!([])).await;
        let path = "/v1/databases/sales/tables/orders/files/jan.csv";
        let (status, body) = put(&app, path, "id\n1\n2\n").await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert_eq!(body["size"], 7);
        assert_eq!(body["sha256"], hex(b"id\n1\n2\n"));
        assert_eq!(body["path"], "jan.csv");
        assert!(body["location"].as_str().unwrap().ends_with("/raw/sales/orders/jan.csv"), "{body}");
        assert_eq!(std::fs::read(lake_file(&app, "raw/sales/orders/jan.csv")).unwrap(), b"id\n1\n2\n");

        let (status, body) = put(&app, path, "id\n1\n2\n").await;
        assert_eq!((status, body["created"].clone()), (StatusCode::OK, json!(false)));
        let (status, body) = put(&app, path, "id\n3\n").await;
        assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "file_exists"), "{body}");
        assert_eq!(std::fs::read(lake_file(&app, "raw/sales/orders/jan.csv")).unwrap(), b"id\n1\n2\n");
        let (status, _) = put(&app, &format!("{path}?overwrite=true"), "id\n3\n").await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!(std::fs::read(lake_file(&app, "raw/sales/orders/jan.csv")).unwrap(), b"id\n3\n");
        assert!(staging_is_empty(&app));

        // The upload is audited with its checksum.
        let (_, audit) = app.get("/v1/audit?action=file.upload").await;
        let records = audit["records"].as_array().unwrap();
        assert!(records.iter().any(|r| r["detail"]["sha256"] == hex(b"id\n3\n")), "{audit}");
    })
    .await;
}

#[tokio::test]
async fn partitioned_tables_take_hive_folders_and_hostile_names_are_refused() {
    each_backend(|app| async move {
        raw_table(
            &app,
            "web",
            "clicks",
            json!([{"name": "year", "type": "int32"}, {"name": "month", "type": "int32"}]),
        )
        .await;
        let base = "/v1/databases/web/tables/clicks/files";
        let (status, body) = put(&app, &format!("{base}/a.csv"), "id\n1\n").await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_partition_values"), "{body}");
        let (status, body) = put(&app, &format!("{base}/a.csv?partition=year=2024/month=06"), "id\n1\n").await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert_eq!(body["path"], "year=2024/month=06/a.csv");
        assert!(lake_file(&app, "raw/web/clicks/year=2024/month=06/a.csv").exists());

        for (name, partition) in [
            ("..%2F..%2Fescape.csv", "year=1/month=1"),
            ("_hidden.csv", "year=1/month=1"),
            (".env", "year=1/month=1"),
            ("ok.csv", "year=../month=1"),
            ("ok.csv", "2024/06"),
            ("ok.csv", "year=1%2F..%2F..%2Fx/month=1"),
            // object storage would store it as `Z%C3%BCrich.csv`, not under the recorded name
            ("Z%C3%BCrich.csv", "year=1/month=1"),
        ] {
            let url = format!("{base}/{name}?partition={}", partition.replace('%', "%25"));
            let (status, body) = put(&app, &url, "x").await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{name} {partition}: {body}");
            assert!(matches!(code(&body), "invalid_path" | "invalid_partition_values"), "{body}");
        }
        let mut found = Vec::new();
        for entry in walk(&app.data_dir().join("lake")) {
            found.push(entry.strip_prefix(app.data_dir().join("lake")).unwrap().display().to_string());
        }
        assert_eq!(found, vec!["raw/web/clicks/year=2024/month=06/a.csv".to_owned()]);
    })
    .await;
}

#[tokio::test]
async fn an_upload_registers_its_partition_in_the_catalog() {
    each_backend(|app| async move {
        raw_table(&app, "web", "visits", json!([{"name": "year", "type": "int32"}, {"name": "day", "type": "utf8"}]))
            .await;
        let base = "/v1/databases/web/tables/visits/files";
        let (status, body) = put(&app, &format!("{base}/a.csv?partition=year=2024/day=mon"), "id\n1\n").await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let (status, body) = put(&app, &format!("{base}/b.csv?partition=year=2024/day=mon"), "id\n2\n").await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let (status, body) = put(&app, &format!("{base}/a.csv?partition=year=2025/day=tue"), "id\n3\n").await;
        assert_eq!(status, StatusCode::CREATED, "{body}");

        let (_, listed) = app.get("/v1/databases/web/tables/visits/partitions").await;
        let partitions = listed["partitions"].as_array().unwrap();
        let values: Vec<&Value> = partitions.iter().map(|p| &p["values"]).collect();
        assert_eq!(values, [&json!(["2024", "mon"]), &json!(["2025", "tue"])], "{listed}");
        let location = partitions[0]["location"].as_str().unwrap();
        assert!(location.ends_with("/raw/web/visits/year=2024/day=mon/"), "{location}");

        // A value the key's type refuses is a 400 before any byte is stored.
        let (status, body) = put(&app, &format!("{base}/c.csv?partition=year=soon/day=wed"), "id\n4\n").await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_partition_values"), "{body}");
        assert!(!lake_file(&app, "raw/web/visits/year=soon").exists());
        let (_, listed) = app.get("/v1/databases/web/tables/visits/partitions").await;
        assert_eq!(listed["partitions"].as_array().unwrap().len(), 2, "{listed}");
        assert!(staging_is_empty(&app));

        let (_, audit) = app.get("/v1/audit?action=file.upload").await;
        let added: Vec<&Value> =
            audit["records"].as_array().unwrap().iter().filter_map(|r| r["detail"].get("partition_added")).collect();
        assert_eq!(added.len(), 2, "only the first file of each partition adds it: {audit}");
    })
    .await;
}

#[tokio::test]
async fn an_upload_into_another_spelling_of_a_registered_partition_is_refused() {
    each_backend(|app| async move {
        raw_table(&app, "web", "visits", json!([{"name": "year", "type": "int32"}])).await;
        let base = "/v1/databases/web/tables/visits/files";
        assert_eq!(put(&app, &format!("{base}/a.csv?partition=year=2024"), "id\n1\n").await.0, StatusCode::CREATED);
        // `02024` is the same partition value, in a folder queries would never read.
        let (status, body) = put(&app, &format!("{base}/b.csv?partition=year=02024"), "id\n2\n").await;
        assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "conflict"), "{body}");
        assert!(body["detail"].as_str().unwrap().contains("partition=year=2024"), "{body}");
        assert!(!lake_file(&app, "raw/web/visits/year=02024").exists());
        assert!(staging_is_empty(&app));
        // It is refused before the body is read: this body never ends.
        let endless =
            futures::stream::iter([Ok::<_, std::io::Error>(vec![b'x'; 1000])]).chain(futures::stream::pending());
        let request = app.request(Method::PUT, &format!("{base}/c.csv?partition=year=02024"));
        let sent =
            tokio::time::timeout(Duration::from_secs(20), request.body(reqwest::Body::wrap_stream(endless)).send());
        assert_eq!(sent.await.expect("answered without reading the body").unwrap().status(), StatusCode::CONFLICT);

        // Registered through the API without a location, the folder is spelled from the values.
        let (status, body) =
            app.post("/v1/databases/web/tables/visits/partitions", json!({"partitions": [{"values": ["2025"]}]})).await;
        assert!(status.is_success(), "{body}");
        assert_eq!(put(&app, &format!("{base}/a.csv?partition=year=2025"), "id\n3\n").await.0, StatusCode::CREATED);

        // The same file again after its partition was deleted registers the partition again.
        let deleted = json!({"partitions": [{"values": ["2024"]}]});
        let (status, body) = app.post("/v1/databases/web/tables/visits/partitions/delete", deleted).await;
        assert!(status.is_success(), "{body}");
        let (status, body) = put(&app, &format!("{base}/a.csv?partition=year=2024"), "id\n1\n").await;
        assert_eq!((status, body["created"].clone()), (StatusCode::OK, json!(false)), "{body}");
        let (_, listed) = app.get("/v1/databases/web/tables/visits/partitions").await;
        let values: Vec<&Value> = listed["partitions"].as_array().unwrap().iter().map(|p| &p["values"]).collect();
        assert_eq!(values, [&json!(["2024"]), &json!(["2025"])], "{listed}");
    })
    .await;
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() { out.extend(walk(&path)) } else { out.push(path) }
    }
    out.sort();
    out
}

#[tokio::test]
async fn uploading_needs_insert_and_only_raw_tables_take_files() {
    each_backend(|app| async move {
    raw_table(&app, "sales", "orders", json!([])).await;
    app.create_table(
        "sales",
        json!({"name": "gold", "zone": "curated", "format": "parquet", "columns": [{"name": "id", "type": "int64"}]}),
    )
    .await;
    let bob = app.user("bob").await;
    let path = "/v1/databases/sales/tables/orders/files/x.csv";
    let (status, _) = put(&bob, path, "id\n1\n").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "invisible table");
    let grant = |privileges: Value| json!({"principal": "user:bob", "resource": {"table": {"database": "sales", "name": "orders"}}, "privileges": privileges});
    assert_eq!(app.post("/v1/grants", grant(json!(["SELECT"]))).await.0, StatusCode::CREATED);
    let (status, body) = put(&bob, path, "id\n1\n").await;
    assert_eq!((status, code(&body)), (StatusCode::FORBIDDEN, "forbidden"), "{body}");
    assert!(body["detail"].as_str().unwrap().contains("INSERT"));
    assert_eq!(app.post("/v1/grants", grant(json!(["INSERT"]))).await.0, StatusCode::CREATED);
    let (status, body) = put(&bob, path, "id\n1\n").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");

    let (status, body) = put(&app, "/v1/databases/sales/tables/gold/files/x.parquet", "PAR1").await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body["detail"].as_str().unwrap().contains("raw"));
    })
    .await;
}

#[tokio::test]
async fn uploads_over_the_limit_and_broken_bodies_leave_nothing_behind() {
    each_backend_with(
        |c| c.max_upload_bytes = 64 * 1024,
        |app| async move {
            raw_table(&app, "sales", "orders", json!([])).await;
            let path = "/v1/databases/sales/tables/orders/files/big.csv";
            let (status, body) = put(&app, path, vec![b'1'; 64 * 1024 + 1]).await;
            assert_eq!((status, code(&body)), (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"), "{body}");
            assert!(!lake_file(&app, "raw/sales/orders/big.csv").exists());

            // The client breaks off mid-body: the request fails and nothing is registered.
            let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
                vec![Ok(vec![b'a'; 1000]), Ok(vec![b'b'; 1000]), Err(std::io::Error::other("client gave up"))];
            let body = reqwest::Body::wrap_stream(futures::stream::iter(chunks));
            match app.request(Method::PUT, path).body(body).send().await {
                Err(_) => {}
                Ok(response) => assert!(response.status().is_client_error(), "{}", response.status()),
            }
            // The server notices the broken body on its own time: wait until its staging object goes.
            let mut clean = false;
            for _ in 0..250 {
                clean = staging_is_empty(&app);
                if clean {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
            assert!(clean, "the staging object of the broken upload is removed");
            assert!(!lake_file(&app, "raw/sales/orders/big.csv").exists());
            // Nothing was recorded under the name: a new upload is new, not a conflict.
            let (status, body) = put(&app, path, "id\n1\n").await;
            assert_eq!(status, StatusCode::CREATED, "{body}");
        },
    )
    .await;
}

#[tokio::test]
async fn a_failing_storage_backend_registers_nothing() {
    each_backend(|app| async move {
        raw_table(&app, "sales", "orders", json!([])).await;
        // The staging area cannot be written: the backend fails the write.
        std::fs::create_dir_all(app.data_dir().join("lake/_tarn")).unwrap();
        std::fs::write(app.data_dir().join("lake/_tarn/staging"), b"not a folder").unwrap();
        let path = "/v1/databases/sales/tables/orders/files/a.csv";
        let (status, body) = put(&app, path, "id\n1\n").await;
        assert_eq!((status, code(&body)), (StatusCode::INTERNAL_SERVER_ERROR, "internal"), "{body}");
        assert!(body["error_id"].is_string(), "the cause is logged, not shown: {body}");
        assert!(!lake_file(&app, "raw/sales/orders/a.csv").exists());
        std::fs::remove_file(app.data_dir().join("lake/_tarn/staging")).unwrap();
        let (status, body) = put(&app, path, "id\n2\n").await;
        assert_eq!(status, StatusCode::CREATED, "nothing was recorded by the failed upload: {body}");
    })
    .await;
}

#[tokio::test]
async fn an_encrypted_local_lake_stores_no_plaintext() {
    each_backend_with(
        |c| {
            c.lake.encryption_keys = vec![tarn::storage::cipher::Key::new("k1", &[9u8; 32]).unwrap()];
        },
        |app| async move {
            raw_table(&app, "sales", "orders", json!([])).await;
            let content = format!("id,secret\n{}", "1,hunter2\n".repeat(20_000));
            let (status, body) = put(&app, "/v1/databases/sales/tables/orders/files/a.csv", content.clone()).await;
            assert_eq!(status, StatusCode::CREATED, "{body}");
            assert_eq!(body["sha256"], hex(content.as_bytes()), "the checksum is of the content");
            let stored = std::fs::read(lake_file(&app, "raw/sales/orders/a.csv")).unwrap();
            assert!(stored.starts_with(b"TARNENC1\x02k1"));
            assert!(!stored.windows(7).any(|w| w == b"hunter2"));

            // Crawlers read through the same keys.
            let crawler = json!({"name": "enc", "location": "raw/sales", "database": "sales"});
            assert_eq!(crate::api::crawlers::create_crawler(&app, crawler).await.0, StatusCode::CREATED);
            let run = crate::api::crawlers::run(&app, "enc").await;
            assert_eq!(run["stats"]["files_failed"], 0, "{run}");
            let (_, table) = app.get("/v1/databases/sales/tables/orders").await;
            let names: Vec<&str> =
                table["columns"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
            assert_eq!(names, ["id", "secret"], "the crawl widened the table from the decrypted file: {table}");
        },
    )
    .await;
}

#[tokio::test]
async fn uploads_to_an_s3_lake_stream_through_multipart() {
    if !moto::available() {
        return;
    }
    let bucket = moto::bucket().await;
    let b = bucket.clone();
    let app = TestApp::sqlite_with(move |c| moto::use_s3(c, &b)).await;
    raw_table(&app, "sales", "orders", json!([])).await;
    // Larger than one part, so it goes up as a multipart upload.
    let content: Vec<u8> = (0..20 * 1024 * 1024).map(|i| (i % 251) as u8).collect();
    let path = "/v1/databases/sales/tables/orders/files/big.bin";
    let (status, body) = put(&app, path, content.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["location"], format!("s3://{bucket}/lake/raw/sales/orders/big.bin"));
    assert_eq!(body["sha256"], hex(&content));
    let stored = moto::object(&bucket, "lake/raw/sales/orders/big.bin").await.unwrap();
    assert!(stored == content, "stored object differs");
    let (status, _) = put(&app, path, content.clone()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(moto::keys(&bucket, "lake/").await, vec!["lake/raw/sales/orders/big.bin".to_owned()], "no staging left");
}
