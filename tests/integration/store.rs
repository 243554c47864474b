//! The store itself: outbox discipline and schema invariants.

use serde_json::json;
use sqlx::Row;

use crate::support::{TestApp, each_backend};

#[tokio::test]
async fn every_catalog_change_writes_one_outbox_event_in_order() {
    each_backend(|app| async move {
        let start = app.outbox_len().await;
        app.create_database("sales").await;
        let table = app
            .create_table(
                "sales",
                json!({"name": "t", "columns": [], "partition_keys": [{"name": "k", "type": "int32"}]}),
            )
            .await;
        app.patch("/v1/databases/sales/tables/t", table["etag"].as_str(), json!({"description": "d"})).await;
        app.post("/v1/databases/sales/tables/t/partitions", json!({"partitions": [{"values": [1]}]})).await;
        app.post("/v1/databases/sales/tables/t/partitions/delete", json!({"partitions": [{"values": [1]}]})).await;
        app.patch("/v1/databases/sales", None, json!({"description": "x"})).await;
        app.delete("/v1/databases/sales?cascade=true").await;
        // Reads write nothing.
        app.get("/v1/databases").await;
        let events = tarn::store::outbox::after(&mut app.store.conn(), 0, 1000).await.unwrap();
        let kinds: Vec<&str> = events[start..].iter().map(|e| e.event.kind()).collect();
        assert_eq!(
            kinds,
            [
                "database.created",
                "table.created",
                "table.updated",
                "partitions.added",
                "partitions.deleted",
                "database.updated",
                "table.deleted",
                "database.deleted",
            ]
        );
        assert!(events.windows(2).all(|w| w[0].seq < w[1].seq));
        assert_eq!(events[start + 2].event.resource(), "table:sales.t", "one spelling of resources");
        let updated =
            tarn::domain::event::Event::TableUpdated { database: "sales".into(), table: "t".into(), version: 2 };
        assert_eq!(events[start + 2].event, updated);
    })
    .await;
}

#[tokio::test]
async fn sqlite_runs_in_wal_mode_and_every_foreign_key_is_indexed() {
    let app = TestApp::sqlite().await;
    let pool = sqlite_pool(&app).await;
    let rows = sqlx::query("PRAGMA journal_mode").fetch_all(&pool).await.unwrap();
    assert_eq!(rows[0].get::<String, _>(0), "wal");
    let tables: Vec<String> = sqlx::query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'",
    )
    .fetch_all(&pool)
    .await
    .unwrap()
    .iter()
    .map(|r| r.get(0))
    .collect();
    for table in tables {
        let fks = sqlx::query(&format!("PRAGMA foreign_key_list({table})")).fetch_all(&pool).await.unwrap();
        for fk in fks {
            let column: String = fk.get("from");
            // Some index (or the primary key) must lead with the foreign key column.
            let indexes = sqlx::query(&format!("PRAGMA index_list({table})")).fetch_all(&pool).await.unwrap();
            let mut covered = false;
            for index in indexes {
                let name: String = index.get("name");
                let cols = sqlx::query(&format!("PRAGMA index_info('{name}')")).fetch_all(&pool).await.unwrap();
                if cols.first().is_some_and(|c| c.get::<String, _>("name") == column) {
                    covered = true;
                }
            }
            assert!(covered, "{table}.{column} is a foreign key without an index");
        }
    }
}

async fn sqlite_pool(app: &TestApp) -> sqlx::SqlitePool {
    let url = format!("sqlite://{}", app.data_dir().join("catalog.db").display());
    sqlx::SqlitePool::connect(&url).await.unwrap()
}

#[tokio::test]
async fn filtered_partition_pages_are_served_by_an_index() {
    use sea_query::SqliteQueryBuilder;
    use tarn::domain::data_type::DataType;
    use tarn::domain::names::ColumnName;
    use tarn::domain::partition::compile_filter;
    use tarn::domain::partition_filter::parse_filter;
    use tarn::domain::table::Column;

    let app = TestApp::sqlite().await;
    app.create_database("db").await;
    app.create_table(
        "db",
        json!({"name": "t", "columns": [], "partition_keys": [
        {"name": "year", "type": "int32"}, {"name": "month", "type": "int32"}, {"name": "day", "type": "int32"}]}),
    )
    .await;
    for year in 2000..2010 {
        let batch: Vec<_> = (1..=12).flat_map(|m| (1..=28).map(move |d| json!({"values": [year, m, d]}))).collect();
        app.post("/v1/databases/db/tables/t/partitions", json!({"partitions": batch})).await;
    }
    let pool = sqlite_pool(&app).await;
    let key = |name: &str, data_type| Column {
        name: ColumnName::parse(name).unwrap(),
        data_type,
        nullable: false,
        description: None,
        sensitivity: None,
    };
    let keys = [key("year", DataType::Int32), key("month", DataType::Int32), key("day", DataType::Int32)];
    let cases =
        [("year = 2004 AND month = 6", false), ("year = 2004 AND month = 6", true), ("month = 6 AND day = 3", false)];
    for (text, with_page) in cases {
        let filter = compile_filter(&parse_filter(text).unwrap(), &keys).unwrap();
        let after = with_page
            .then(|| std::array::from_fn(|i| if i < 3 { "8000000000000001".to_owned() } else { String::new() }));
        let stmt = tarn::store::partitions::list_statement("t", keys.len(), Some(&filter), after.as_ref(), 1001);
        let sql = stmt.to_string(SqliteQueryBuilder);
        let plan: Vec<String> = sqlx::query(&format!("EXPLAIN QUERY PLAN {sql}"))
            .fetch_all(&pool)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get::<String, _>("detail"))
            .collect();
        let plan = plan.join(" | ");
        assert!(plan.contains("USING PRIMARY KEY") || plan.contains("USING INDEX"), "{text}: {plan}");
        assert!(!plan.contains("SCAN partitions"), "{text}: no full scan: {plan}");
    }
}

/// On PostgreSQL a transaction holding a lower outbox position can commit after one holding a
/// higher position that a replica's policy snapshot already includes. Simulated here by
/// writing the positions out of order.
#[tokio::test]
async fn a_policy_change_committed_late_below_the_snapshot_is_still_picked_up() {
    use tarn::authz::{Authorizer, Target};
    use tarn::domain::grant::{ColumnScope, Grant, GrantResource};
    use tarn::domain::principal::{PrincipalKind, Privilege};
    let app = TestApp::sqlite().await;
    app.create_database("sales").await;
    app.user("bob").await;
    let authz = Authorizer::load(app.store.clone()).await.unwrap();
    let bob = authz.snapshot().find(PrincipalKind::User, "bob").unwrap().clone();
    let last = tarn::store::outbox::last_seq(&mut app.store.conn()).await.unwrap();
    let event = |seq: i64| {
        format!(
            "INSERT INTO outbox (seq, occurred_at, kind, resource, payload) VALUES ({seq}, 0, 'grant.created', 'x', '{{}}')"
        )
    };
    // The later transaction commits first; the replica refreshes past the hole.
    app.store.conn().execute_raw(&event(last + 2)).await.unwrap();
    let follower = tarn::events::Follower::new(app.store.clone(), vec![authz.policy_cache()]);
    follower.catch_up().await.unwrap();
    assert_eq!(authz.snapshot().seq, last + 2);
    let target = Target::Database { name: "sales", owner: "user:admin" };
    assert!(!authz.access(&bob, &target).visible());
    // Then the earlier one commits: a grant for bob.
    let grant = Grant {
        id: uuid::Uuid::now_v7().to_string(),
        principal_id: bob.id.clone(),
        resource: GrantResource::Database("sales".into()),
        privilege: Privilege::Describe,
        columns: ColumnScope::All,
        grantable: false,
        granted_by: "user:admin".into(),
        created_at: chrono::Utc::now(),
    };
    tarn::store::grants::insert(&mut app.store.conn(), &grant).await.unwrap();
    app.store.conn().execute_raw(&event(last + 1)).await.unwrap();
    follower.catch_up().await.unwrap();
    assert!(authz.access(&bob, &target).visible(), "the late grant holds on this replica too");
}
