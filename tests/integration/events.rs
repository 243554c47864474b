//! The one event follower: a subscriber that stores its position with its effects sees every
//! committed event exactly once, across a restart of the follower and of the server, and
//! after a failed delivery.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::json;
use tarn::events::{Follower, Subscriber, stored_position};
use tarn::store::Store;
use tarn::store::outbox::{self, OutboxEvent};

use crate::support::each_backend;

/// Records each event it is handed in `seen_events` (seq is the primary key: a second
/// delivery of one event fails the insert), with its position, in one transaction.
struct Recorder {
    store: Store,
    /// Fail the next delivery after writing, before committing (a crash mid-apply).
    fail_next: AtomicBool,
}

#[async_trait::async_trait]
impl Subscriber for Recorder {
    fn name(&self) -> &str {
        "test_recorder"
    }

    async fn position(&self) -> anyhow::Result<i64> {
        Ok(stored_position(&self.store, self.name()).await?)
    }

    async fn apply(&self, events: &[OutboxEvent], upto: i64) -> anyhow::Result<()> {
        let mut tx = self.store.begin().await?;
        for e in events {
            let sql = format!("INSERT INTO seen_events (seq, kind) VALUES ({}, '{}')", e.seq, e.event.kind());
            tx.conn().execute_raw(&sql).await?;
        }
        outbox::save_cursor(&mut tx.conn(), self.name(), upto).await?;
        if self.fail_next.swap(false, Ordering::SeqCst) {
            anyhow::bail!("injected failure before commit");
        }
        tx.commit().await?;
        Ok(())
    }
}

async fn seen(store: &Store) -> Vec<i64> {
    use sqlx::Row;
    let rows =
        store.conn().fetch_all(&sea_query::Query::select().column("seq").from("seen_events").to_owned()).await.unwrap();
    let mut seqs: Vec<i64> = rows.iter().map(|r| r.try_get::<i64, _>(0).unwrap()).collect();
    seqs.sort_unstable();
    seqs
}

async fn committed(store: &Store) -> Vec<i64> {
    outbox::after(&mut store.conn(), 0, 1_000_000).await.unwrap().iter().map(|e| e.seq).collect()
}

#[tokio::test]
async fn a_subscriber_sees_every_committed_event_exactly_once_across_a_restart() {
    each_backend(|mut app| async move {
        app.store
            .conn()
            .execute_raw("CREATE TABLE seen_events (seq BIGINT PRIMARY KEY, kind TEXT NOT NULL)")
            .await
            .unwrap();
        let recorder = || Arc::new(Recorder { store: app.store.clone(), fail_next: AtomicBool::new(false) });
        let running = Follower::new(app.store.clone(), vec![recorder()]).spawn();
        app.create_database("sales").await;
        app.create_table("sales", json!({"name": "orders", "columns": [{"name": "id", "type": "int64"}]})).await;
        for _ in 0..100 {
            if seen(&app.store).await == committed(&app.store).await {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert_eq!(seen(&app.store).await, committed(&app.store).await, "delivered while running");
        // The follower stops; changes go on; the server restarts.
        running.abort();
        let _ = running.await;
        app.create_table("sales", json!({"name": "refunds", "columns": [{"name": "id", "type": "int64"}]})).await;
        app.patch("/v1/databases/sales", None, json!({"description": "while the follower was down"})).await;
        app.stop().await.unwrap();
        app.restart().await;
        app.post("/v1/tags", json!({"key": "domain", "values": ["sales"]})).await;
        // A new follower: the first delivery fails before its commit, the retry delivers.
        let flaky = Arc::new(Recorder { store: app.store.clone(), fail_next: AtomicBool::new(true) });
        let follower = Follower::new(app.store.clone(), vec![flaky]);
        assert!(follower.catch_up().await.is_err(), "the injected failure");
        follower.catch_up().await.unwrap();
        let all = committed(&app.store).await;
        assert!(all.len() >= 5, "{all:?}");
        assert_eq!(seen(&app.store).await, all, "every event once: none lost, none twice");
        assert_eq!(stored_position(&app.store, "test_recorder").await.unwrap(), *all.last().unwrap());
        // Nothing new: nothing delivered.
        assert_eq!(follower.catch_up().await.unwrap(), 0);
    })
    .await;
}
