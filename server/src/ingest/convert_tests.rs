//! Records into rows: bad records go aside with why, the others are delivered.

use std::sync::Arc;

use bytes::Bytes;
use chrono::{DateTime, Utc};
use datafusion::arrow::array::{AsArray, RecordBatch};
use datafusion::arrow::datatypes::{DataType, Field, Int64Type, Schema};

use super::convert::{Layout, Pending, convert, error_rows};
use crate::domain::stream::RecordFailure;

fn records(texts: &[&str]) -> Vec<Pending> {
    let arrival = DateTime::parse_from_rfc3339("2026-12-04T13:05:00Z").unwrap().with_timezone(&Utc);
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| Pending { position: 7, index: i as u32, arrival, data: Bytes::from(t.to_string()) })
        .collect()
}

fn layout(keys: &[&str], limit: usize) -> Layout {
    Layout {
        columns: Arc::new(Schema::new(vec![
            Field::new("user_id", DataType::Int64, false),
            Field::new("page", DataType::Utf8, true),
        ])),
        keys: keys.iter().map(|k| Field::new(*k, DataType::Utf8, true)).collect(),
        timestamp_field: None,
        folder_name: |v| if v.contains('/') { Err(format!("`{v}` has a separator")) } else { Ok(()) },
        max_active_partitions: limit,
    }
}

fn column(batch: &RecordBatch, name: &str) -> Vec<String> {
    let c = datafusion::arrow::compute::cast(batch.column_by_name(name).unwrap(), &DataType::Utf8).unwrap();
    c.as_string::<i32>().iter().map(|v| v.unwrap_or("null").to_owned()).collect()
}

#[test]
fn good_records_become_rows_with_their_arrival_hour_as_partition() {
    let out = convert(
        &records(&[r#"{"user_id": 1, "page": "/a"}"#, r#"{"user_id": 2}"#]),
        &layout(&["year", "month", "day", "hour"], 10),
    )
    .unwrap();
    assert!(out.failed.is_empty());
    let rows = out.rows.unwrap();
    assert_eq!(rows.column_by_name("user_id").unwrap().as_primitive::<Int64Type>().values().to_vec(), [1, 2]);
    assert_eq!(column(&rows, "page"), ["/a", "null"]);
    assert_eq!(column(&rows, "hour"), ["13", "13"]);
    assert_eq!(column(&rows, "month"), ["12", "12"]);
}

#[test]
fn each_bad_record_goes_aside_with_its_kind_and_the_others_are_kept() {
    let input = records(&[
        r#"{"user_id": 1, "region": "eu"}"#,
        "not json",
        r#"{"page": "/no-user"}"#,
        r#"{"user_id": "abc", "region": "eu"}"#,
        r#"{"user_id": 5}"#,
        r#"{"user_id": 6, "region": "us"}"#,
    ]);
    let out = convert(&input, &layout(&["region"], 1)).unwrap();
    let kinds: Vec<(u32, RecordFailure)> = out.failed.iter().map(|f| (f.index, f.kind)).collect();
    assert_eq!(
        kinds,
        [
            (1, RecordFailure::Parse),
            (2, RecordFailure::Conversion),
            (3, RecordFailure::Conversion),
            (4, RecordFailure::Partition),
            (5, RecordFailure::PartitionLimit),
        ]
    );
    let rows = out.rows.unwrap();
    assert_eq!(column(&rows, "region"), ["eu"]);
    // A record's message speaks of that record only.
    assert!(!out.failed[2].message.contains("eu"), "{}", out.failed[2].message);
    let errors = error_rows("clicks", &out.failed).unwrap();
    assert_eq!(errors.num_rows(), 5);
    assert_eq!(column(&errors, "raw")[0], "not json");
    assert_eq!(column(&errors, "error_kind")[4], "partition_limit");
}
