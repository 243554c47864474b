//! A stream delivery's checkpoint (how far a replica's log is delivered, the counts, the
//! delivered idempotency keys' answers) commits in the same transaction as its files: a
//! failed commit moves nothing, so a replay after a crash delivers those positions again and
//! a committed delivery is never delivered twice.

use std::sync::Arc;

use arrow_array::{Int64Array, RecordBatch, StringArray};
use chrono::Utc;
use serde_json::json;
use tarn::domain::stream::{Stream, StreamDefinition};
use tarn::service::tables::Tables;
use tarn::service::writes::Replace;
use tarn::store::streams::{self, Delivery};

use crate::support::each_backend;
use crate::writes::{capability, files, table};

fn rows() -> RecordBatch {
    RecordBatch::try_from_iter([
        ("id", Arc::new(Int64Array::from(vec![1, 2])) as _),
        ("amount", Arc::new(Int64Array::from(vec![10, 20])) as _),
        ("region", Arc::new(StringArray::from(vec!["eu", "us"])) as _),
    ])
    .unwrap()
}

fn delivery(stream: &Stream, position: i64) -> Delivery {
    Delivery {
        stream_id: stream.id.clone(),
        writer: "wal-a".into(),
        target: "table",
        position,
        records: 2,
        bytes: 64,
        keys: vec![("batch-1".into(), json!({"failed_put_count": 0}).to_string())],
    }
}

#[tokio::test]
async fn a_delivery_checkpoint_commits_with_its_files_or_not_at_all() {
    each_backend(|app| async move {
        app.create_database("sales").await;
        table(&app, "raw").await;
        let (files, admin) = files(&app, None).await;
        let stream = Stream {
            id: uuid::Uuid::now_v7().to_string(),
            name: "clicks".into(),
            definition: serde_json::from_value::<StreamDefinition>(json!({
                "database": "sales", "table": "raw", "max_active_partitions": 5000, "error_table": "raw_errors"
            }))
            .unwrap(),
            owner_id: admin.id.clone(),
            created_by: admin.to_string(),
            created_at: Utc::now(),
        };
        streams::insert(&mut app.store.conn(), &stream).await.unwrap();
        let found = Tables::new(files.core().clone()).get(&admin, "sales", "raw").await.unwrap();

        // A commit that fails (the second publish) moves no checkpoint and keeps no key.
        let (failing, _) = crate::writes::files(&app, Some(1)).await;
        let write = capability(&failing, &admin, &found);
        let rows_in = futures::stream::iter([Ok(rows())]);
        let first = delivery(&stream, 7);
        let failed = failing
            .write_stream(&admin, &write, &found, rows_in, None, "clicks-wal-a-7", Replace::Nothing, Some(&first))
            .await;
        assert!(failed.is_err());
        let none = streams::checkpoint(&mut app.store.conn(), &stream.id, "wal-a", "table").await.unwrap();
        assert_eq!(none, streams::Checkpoint::default());
        assert_eq!(streams::answer(&mut app.store.conn(), &stream.id, "batch-1").await.unwrap(), None);

        // The same delivery again (the replay) commits files, checkpoint and key together.
        let write = capability(&files, &admin, &found);
        let rows_in = futures::stream::iter([Ok(rows())]);
        let (done, written) = files
            .write_stream(&admin, &write, &found, rows_in, None, "clicks-wal-a-7", Replace::Nothing, Some(&first))
            .await
            .unwrap();
        assert_eq!((done.files.len(), written), (2, 2), "{done:?}");
        assert!(done.files.iter().all(|f| f.relative.contains("clicks-wal-a-7-")), "{done:?}");
        let point = streams::checkpoint(&mut app.store.conn(), &stream.id, "wal-a", "table").await.unwrap();
        assert_eq!((point.position, point.records, point.bytes, point.deliveries), (7, 2, 64, 1));
        let answer = streams::answer(&mut app.store.conn(), &stream.id, "batch-1").await.unwrap();
        assert_eq!(answer.as_deref(), Some(r#"{"failed_put_count":0}"#));
        let (_, body) = app.post("/v1/query", json!({"sql": "SELECT COUNT(*) AS n FROM sales.raw"})).await;
        assert_eq!(body["rows"], json!([{"n": 2}]), "{body}");

        // Counts add up per log and target; a later delivery never moves the position back.
        let mut later = delivery(&stream, 3);
        later.keys.clear();
        let mut tx = app.store.begin().await.unwrap();
        streams::record_delivery(&mut tx.conn(), &later).await.unwrap();
        tx.commit().await.unwrap();
        let point = streams::checkpoint(&mut app.store.conn(), &stream.id, "wal-a", "table").await.unwrap();
        assert_eq!((point.position, point.records, point.deliveries), (7, 4, 2));
        let totals = streams::totals(&mut app.store.conn(), &stream.id).await.unwrap();
        assert_eq!(totals.len(), 1);

        // Deleting the stream takes its checkpoints and keys with it.
        streams::delete(&mut app.store.conn(), &stream.id).await.unwrap();
        assert!(streams::get(&mut app.store.conn(), "clicks").await.unwrap().is_none());
        assert!(streams::totals(&mut app.store.conn(), &stream.id).await.unwrap().is_empty());
    })
    .await;
}
