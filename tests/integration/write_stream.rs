//! Rows written as they are computed: files are encoded and staged while the rows still
//! arrive (a write never holds its whole output), and a stream that fails part-way leaves
//! nothing staged and nothing visible.

use std::sync::Arc;
use std::time::Duration;

use arrow_array::{Int64Array, RecordBatch, StringArray};
use futures::StreamExt;
use serde_json::json;
use tarn::service::tables::Tables;
use tarn::service::writes::Replace;
use tarn::storage::StorageError;

use crate::support::each_backend;
use crate::writes::{capability, files, table, walk};

const BATCHES: u64 = 60;
const ROWS: u64 = 10_000;

/// Rows that do not compress away: ids and amounts from a xorshift sequence.
fn batch(n: u64) -> RecordBatch {
    let mut x = 0x9e37_79b9_7f4a_7c15_u64 ^ n;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let ids: Vec<i64> = (0..ROWS).map(|i| (n * ROWS + i) as i64).collect();
    let amounts: Vec<i64> = (0..ROWS).map(|_| (next() >> 1) as i64).collect();
    let regions: Vec<&str> = (0..ROWS).map(|i| if i % 2 == 0 { "eu" } else { "us" }).collect();
    RecordBatch::try_from_iter([
        ("id", Arc::new(Int64Array::from(ids)) as _),
        ("amount", Arc::new(Int64Array::from(amounts)) as _),
        ("region", Arc::new(StringArray::from(regions)) as _),
    ])
    .unwrap()
}

fn staged_bytes(lake: &std::path::Path) -> u64 {
    walk(&lake.join("_tarn").join("staging")).iter().filter_map(|p| std::fs::metadata(p).ok()).map(|m| m.len()).sum()
}

#[tokio::test]
async fn rows_are_encoded_and_staged_while_they_are_still_being_computed() {
    each_backend(|app| async move {
        app.create_database("sales").await;
        let (files, _) = files(&app, None).await;
        let lake_dir = app.data_dir().join("lake");
        // Small files, so some are complete long before the rows end.
        let target = 256 << 10;
        let (partway, dir) = (Arc::new(std::sync::atomic::AtomicU64::new(0)), lake_dir.clone());
        let seen = partway.clone();
        let rows = futures::stream::iter(0..BATCHES)
            .then(move |n| {
                let (dir, seen) = (dir.clone(), seen.clone());
                async move {
                    if n == BATCHES / 2 {
                        // Half the rows are out: their bytes must reach the store before the rest is made.
                        for _ in 0..300 {
                            let bytes = staged_bytes(&dir);
                            if bytes > 0 {
                                seen.store(bytes, std::sync::atomic::Ordering::SeqCst);
                                break;
                            }
                            tokio::time::sleep(Duration::from_millis(100)).await;
                        }
                    }
                    Ok::<_, StorageError>(batch(n))
                }
            })
            .boxed();
        let schema = Arc::new(arrow_schema::Schema::new(vec![
            arrow_schema::Field::new("id", arrow_schema::DataType::Int64, false),
            arrow_schema::Field::new("amount", arrow_schema::DataType::Int64, true),
        ]));
        let staged = files.lake().stage_parquet(rows, schema, vec!["region".to_owned()], target).await.unwrap();
        assert!(partway.load(std::sync::atomic::Ordering::SeqCst) > 0, "nothing was staged before the rows ended");
        assert_eq!(staged.iter().map(|f| f.rows).sum::<u64>(), BATCHES * ROWS);
        for region in ["eu", "us"] {
            let of: Vec<_> = staged.iter().filter(|f| f.values == vec![region.to_owned()]).collect();
            assert!(of.len() > 1, "{region}: files roll over at the target size");
            assert_eq!(of.iter().map(|f| f.rows).sum::<u64>(), BATCHES * ROWS / 2, "{region}");
            assert!(of.iter().all(|f| f.partition.to_folder().trim_end_matches('/') == format!("region={region}")));
        }
        for file in staged {
            files.lake().discard(file.staged).await;
        }
        assert_eq!(staged_bytes(&lake_dir), 0);
    })
    .await;
}

#[tokio::test]
async fn a_stream_that_fails_part_way_leaves_nothing_staged_or_visible() {
    each_backend(|app| async move {
        app.create_database("sales").await;
        table(&app, "cleaned").await;
        let events = app.outbox_len().await;
        let (files, admin) = files(&app, None).await;
        let found = Tables::new(files.core().clone()).get(&admin, "sales", "cleaned").await.unwrap();
        let write = capability(&files, &admin, &found);
        let rows = futures::stream::iter(0..BATCHES)
            .map(|n| if n < 40 { Ok(batch(n)) } else { Err(StorageError::Unsupported("the query failed".into())) })
            .boxed();
        let failed = files.write_stream(&admin, &write, &found, rows, None, "part-x", Replace::Nothing, None).await;
        assert!(failed.unwrap_err().to_string().contains("the query failed"));
        assert_eq!(app.outbox_len().await, events, "no event");
        let left = walk(&app.data_dir().join("lake"));
        assert!(left.is_empty(), "left behind: {left:?}");
        // The same rows without the failure are all there, in one commit.
        let rows = futures::stream::iter(0..BATCHES).map(|n| Ok(batch(n))).boxed();
        let (committed, written) =
            files.write_stream(&admin, &write, &found, rows, None, "part-y", Replace::Nothing, None).await.unwrap();
        assert_eq!(written, BATCHES * ROWS);
        assert_eq!(committed.partitions_added.len(), 2);
        let (_, body) = app
            .post("/v1/query", json!({"sql": "SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS ids FROM sales.cleaned"}))
            .await;
        assert_eq!(body["rows"], json!([{"n": BATCHES * ROWS, "ids": BATCHES * ROWS}]));
    })
    .await;
}

#[tokio::test]
async fn a_retried_write_removes_what_an_earlier_attempt_published_without_committing() {
    each_backend(|app| async move {
        app.create_database("sales").await;
        table(&app, "cleaned").await;
        let (files, admin) = files(&app, None).await;
        let found = Tables::new(files.core().clone()).get(&admin, "sales", "cleaned").await.unwrap();
        let write = capability(&files, &admin, &found);
        // What a first attempt that died between publishing and committing leaves: a file of
        // the run's prefix in a partition folder, under a number this attempt will not use.
        let folder = files.location_of(&found).strip_prefix("file://").unwrap().to_owned();
        let orphan = std::path::Path::new(&folder).join("region=eu").join("part-r1-out-00042.parquet");
        std::fs::create_dir_all(orphan.parent().unwrap()).unwrap();
        let rows = batch(0);
        let data =
            RecordBatch::try_from_iter([("id", rows.column(0).clone()), ("amount", rows.column(1).clone())]).unwrap();
        let mut bytes = Vec::new();
        let mut writer = parquet::arrow::ArrowWriter::try_new(&mut bytes, data.schema(), None).unwrap();
        writer.write(&data).unwrap();
        writer.close().unwrap();
        std::fs::write(&orphan, bytes).unwrap();
        let rows = futures::stream::iter(0..4).map(|n| Ok(batch(n))).boxed();
        files.write_stream(&admin, &write, &found, rows, None, "part-r1-out", Replace::Nothing, None).await.unwrap();
        assert!(!orphan.exists(), "the uncommitted file of the earlier attempt is gone");
        let (_, body) = app.post("/v1/query", json!({"sql": "SELECT COUNT(*) AS n FROM sales.cleaned"})).await;
        assert_eq!(body["rows"], json!([{"n": 4 * ROWS}]), "each row once");
    })
    .await;
}
