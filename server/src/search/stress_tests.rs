//! Upserts of the same documents across many commits (with merges running) never lose them.

use std::collections::BTreeMap;

use super::documents::{DatabaseEntry, TableEntry};
use super::index::{Change, SearchIndex};
use crate::domain::database::Database;
use crate::domain::names::{ColumnName, DatabaseName, TableName};
use crate::domain::table::{Business, Column, Format, Table, TableDefinition, Zone};

fn table(database: &str, name: &str, version: i64) -> TableEntry {
    let now = chrono::Utc::now();
    let columns = (0..5)
        .map(|i| Column {
            name: ColumnName::parse(&format!("c{i}")).unwrap(),
            data_type: "int64".parse().unwrap(),
            nullable: true,
            description: Some(format!("version {version}")),
            sensitivity: None,
        })
        .collect();
    TableEntry {
        table: Table {
            id: format!("{database}.{name}"),
            database: database.into(),
            name: TableName::parse(name).unwrap(),
            version,
            definition: TableDefinition {
                description: Some(format!("version {version}")),
                zone: Zone::Curated,
                format: Format::Parquet,
                format_options: BTreeMap::new(),
                location: None,
                columns,
                partition_keys: vec![],
                business: Business::default(),
            },
            created_by: "user:admin".into(),
            created_at: now,
            updated_at: now,
        },
        database_tags: BTreeMap::from([("domain".to_owned(), format!("v{version}"))]),
        tags: BTreeMap::new(),
        column_tags: BTreeMap::new(),
        quality: None,
    }
}

#[test]
fn repeated_upserts_across_commits_keep_exactly_one_version() {
    let dir = tempfile::tempdir().unwrap();
    let index = SearchIndex::open(dir.path()).unwrap();
    let now = chrono::Utc::now();
    let db = Database {
        id: "d".into(),
        name: DatabaseName::parse("sales").unwrap(),
        description: None,
        location: None,
        parameters: BTreeMap::new(),
        created_by: "user:admin".into(),
        created_at: now,
        updated_at: now,
    };
    let names = ["orders", "customer_orders", "shipments"];
    for round in 0..150i64 {
        let mut changes = vec![Change::Database(DatabaseEntry { database: db.clone(), tags: BTreeMap::new() })];
        for name in names {
            changes.push(Change::Table(Box::new(table("sales", name, round))));
        }
        // A second change for one table in the same batch, as a table event next to a
        // database tag event produces.
        changes.push(Change::Table(Box::new(table("sales", names[(round % 3) as usize], round))));
        index.apply(&changes, round + 1).unwrap();
        let searcher = index.reader.searcher();
        let count = searcher.num_docs();
        assert_eq!(count, 1 + 3 * 6, "round {round}: {count} documents");
    }
}
