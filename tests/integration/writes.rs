//! Governed writes through the one commit path: record batches into cleaned and curated
//! tables, partitioned, queryable at once; a schema change makes a new version in the same
//! commit; a storage failure at publish leaves nothing visible and no staged object behind.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use arrow_array::{Int32Array, Int64Array, RecordBatch, StringArray};
use async_trait::async_trait;
use futures::stream::BoxStream;
use object_store::path::Path;
use object_store::{
    CopyOptions, GetOptions, GetResult, ListResult, MultipartUpload, ObjectMeta, ObjectStore, PutMultipartOptions,
    PutOptions, PutPayload, PutResult, RenameOptions, Result,
};
use reqwest::StatusCode;
use serde_json::{Value, json};
use tarn::authz::Authorizer;
use tarn::authz::visible::{column_names, table_target};
use tarn::domain::principal::{Principal, PrincipalKind};
use tarn::service::core::Core;
use tarn::service::files::Files;
use tarn::service::pagination::PageTokens;
use tarn::service::tables::Tables;
use tarn::storage::Lake;

use crate::support::{TestApp, code, each_backend};

/// The lake's store, failing every rename after the first `allowed` (a publish).
#[derive(Debug)]
struct FailingRenames {
    inner: Arc<dyn ObjectStore>,
    allowed: usize,
    renames: AtomicUsize,
}

impl std::fmt::Display for FailingRenames {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FailingRenames({})", self.inner)
    }
}

#[async_trait]
impl ObjectStore for FailingRenames {
    async fn put_opts(&self, location: &Path, payload: PutPayload, opts: PutOptions) -> Result<PutResult> {
        self.inner.put_opts(location, payload, opts).await
    }
    async fn put_multipart_opts(&self, location: &Path, opts: PutMultipartOptions) -> Result<Box<dyn MultipartUpload>> {
        self.inner.put_multipart_opts(location, opts).await
    }
    async fn get_opts(&self, location: &Path, options: GetOptions) -> Result<GetResult> {
        self.inner.get_opts(location, options).await
    }
    fn delete_stream(&self, locations: BoxStream<'static, Result<Path>>) -> BoxStream<'static, Result<Path>> {
        self.inner.delete_stream(locations)
    }
    fn list(&self, prefix: Option<&Path>) -> BoxStream<'static, Result<ObjectMeta>> {
        self.inner.list(prefix)
    }
    async fn list_with_delimiter(&self, prefix: Option<&Path>) -> Result<ListResult> {
        self.inner.list_with_delimiter(prefix).await
    }
    async fn copy_opts(&self, from: &Path, to: &Path, options: CopyOptions) -> Result<()> {
        self.inner.copy_opts(from, to, options).await
    }
    async fn rename_opts(&self, from: &Path, to: &Path, options: RenameOptions) -> Result<()> {
        if self.renames.fetch_add(1, Ordering::SeqCst) >= self.allowed {
            return Err(object_store::Error::Generic { store: "FailingRenames", source: "injected failure".into() });
        }
        self.inner.rename_opts(from, to, options).await
    }
}

/// The server's write services over the test's store and lake (optionally with faults).
pub(crate) async fn files(app: &TestApp, failing_after: Option<usize>) -> (Files, Principal) {
    let config = TestApp::config(app.data_dir(), &app.url);
    let mut lake = Lake::open(&config.lake).unwrap();
    if let Some(allowed) = failing_after {
        lake = lake.wrapping_store(|inner| Arc::new(FailingRenames { inner, allowed, renames: AtomicUsize::new(0) }));
    }
    let authz = Authorizer::load(app.store.clone()).await.unwrap();
    let pages = PageTokens::load(&app.store).await.unwrap();
    let admin = authz.snapshot().find(PrincipalKind::User, "admin").cloned().unwrap();
    let core = Core::new(app.store.clone(), authz, pages);
    (Files::new(core, app.store.clone(), lake, 1 << 30), admin)
}

/// INSERT on `table`, as the write capability authz hands out.
pub(crate) fn capability(
    files: &Files,
    admin: &Principal,
    table: &tarn::domain::table::Table,
) -> tarn::authz::capability::WriteFiles {
    let columns = column_names(table);
    files.core().authorizer().write_files(admin, &table_target(table, &columns), &files.location_of(table)).unwrap()
}

fn rows() -> RecordBatch {
    RecordBatch::try_from_iter([
        ("id", Arc::new(Int64Array::from(vec![1, 2, 3, 4])) as _),
        ("amount", Arc::new(Int32Array::from(vec![10, 20, 30, 40])) as _),
        ("region", Arc::new(StringArray::from(vec!["eu", "us", "eu", "us"])) as _),
    ])
    .unwrap()
}

pub(crate) async fn table(app: &TestApp, zone: &str) {
    app.create_table(
        "sales",
        json!({"name": zone, "zone": zone, "format": "parquet",
               "columns": [{"name": "id", "type": "int64", "nullable": false}, {"name": "amount", "type": "int64"}],
               "partition_keys": [{"name": "region", "type": "utf8"}]}),
    )
    .await;
}

async fn sql(app: &TestApp, sql: &str) -> Value {
    let (status, body) = app.post("/v1/query", json!({"sql": sql})).await;
    assert_eq!(status, StatusCode::OK, "{sql}: {body}");
    body
}

#[tokio::test]
async fn batches_are_written_into_cleaned_and_curated_tables_in_one_commit() {
    each_backend(|app| async move {
        app.create_database("sales").await;
        let (files, admin) = files(&app, None).await;
        for zone in ["cleaned", "curated"] {
            table(&app, zone).await;
            let found = Tables::new(files.core().clone()).get(&admin, "sales", zone).await.unwrap();
            let write = capability(&files, &admin, &found);
            let done = files.write_batches(&admin, &write, &found, &[rows()], None).await.unwrap();
            assert_eq!(done.files.len(), 2, "one file per partition: {done:?}");
            assert_eq!(done.partitions_added.len(), 2);
            assert!(done.files.iter().all(|f| f.created && f.relative.starts_with("region=")));
            let location = files.location_of(&found);
            assert!(location.contains(&format!("/{zone}/sales/{zone}")), "{location}");
            // queryable at once: partitions registered in the commit, amount cast to int64
            let body = sql(
                &app,
                &format!("SELECT region, SUM(amount) AS s FROM sales.{zone} GROUP BY region ORDER BY region"),
            )
            .await;
            assert_eq!(body["rows"], json!([{"region": "eu", "s": 40}, {"region": "us", "s": 60}]), "{body}");
            let (_, parts) = app.get(&format!("/v1/databases/sales/tables/{zone}/partitions")).await;
            assert_eq!(parts["partitions"].as_array().unwrap().len(), 2, "{parts}");
        }
        // A schema change commits with the data as the next version.
        let found = Tables::new(files.core().clone()).get(&admin, "sales", "curated").await.unwrap();
        let mut evolved = found.definition.clone();
        let mut note = evolved.columns[1].clone();
        note.name = tarn::domain::names::ColumnName::parse("note").unwrap();
        note.data_type = "utf8".parse().unwrap();
        evolved.columns.push(note);
        let more = RecordBatch::try_from_iter([
            ("id", Arc::new(Int64Array::from(vec![5])) as _),
            ("amount", Arc::new(Int64Array::from(vec![50])) as _),
            ("note", Arc::new(StringArray::from(vec!["late"])) as _),
            ("region", Arc::new(StringArray::from(vec!["apac"])) as _),
        ])
        .unwrap();
        let write = capability(&files, &admin, &found);
        let done = files.write_batches(&admin, &write, &found, &[more], Some(evolved)).await.unwrap();
        assert_eq!(done.version, found.version + 1);
        let (_, now) = app.get("/v1/databases/sales/tables/curated").await;
        assert_eq!(now["version"], found.version + 1, "{now}");
        let body = sql(&app, "SELECT note FROM sales.curated WHERE region = 'apac'").await;
        assert_eq!(body["rows"], json!([{"note": "late"}]), "{body}");
        // Rows that do not fit the table are refused before anything is written.
        let bad = RecordBatch::try_from_iter([("id", Arc::new(StringArray::from(vec!["x"])) as _)]).unwrap();
        let refused = files.write_batches(&admin, &write, &found, &[bad], None).await.unwrap_err();
        assert!(refused.to_string().contains("amount") || refused.to_string().contains("id"), "{refused}");
    })
    .await;
}

#[tokio::test]
async fn a_storage_failure_during_the_commit_leaves_nothing_visible_and_nothing_staged() {
    each_backend(|app| async move {
        app.create_database("sales").await;
        table(&app, "cleaned").await;
        let events = app.outbox_len().await;
        // The second publish fails: the first is undone, the transaction never commits.
        let (files, admin) = files(&app, Some(1)).await;
        let found = Tables::new(files.core().clone()).get(&admin, "sales", "cleaned").await.unwrap();
        let write = capability(&files, &admin, &found);
        let failed = files.write_batches(&admin, &write, &found, &[rows()], None).await;
        assert!(failed.is_err());
        assert_eq!(app.outbox_len().await, events, "no event");
        let (_, parts) = app.get("/v1/databases/sales/tables/cleaned/partitions").await;
        assert_eq!(parts["partitions"], json!([]), "no partition");
        let body = sql(&app, "SELECT COUNT(*) AS n FROM sales.cleaned").await;
        assert_eq!(body["rows"], json!([{"n": 0}]));
        // No file in the lake: neither published nor staged.
        let lake = app.data_dir().join("lake");
        let mut left = Vec::new();
        for entry in walk(&lake) {
            left.push(entry);
        }
        assert!(left.is_empty(), "left behind: {left:?}");
        // Without INSERT there is no capability to write with.
        let bob = app.user("bob").await;
        let (status, body) = bob.get("/v1/databases/sales/tables/cleaned").await;
        assert_eq!((status, code(&body)), (StatusCode::NOT_FOUND, "not_found"));
        let authz = files.core().authorizer();
        authz.refresh().await.unwrap();
        let bob = authz.snapshot().find(PrincipalKind::User, "bob").cloned().unwrap();
        let columns = column_names(&found);
        assert!(authz.write_files(&bob, &table_target(&found, &columns), &files.location_of(&found)).is_err());
    })
    .await;
}

pub(crate) fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return out };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() { out.extend(walk(&path)) } else { out.push(path) }
    }
    out
}
