//! Rows of `partitions`. Values live in the encoded slots `v0..v9` (see
//! `domain::partition`); the primary key `(table_id, v0, ..., v9)` orders them, so a filtered
//! page is an index range scan and the next page starts strictly after the last key.

use chrono::Utc;
use sea_query::{Expr, ExprTrait, Order, Query};
use sqlx::any::AnyRow;

use super::{Conn, StoreError, StoreResult, col, from_micros, json_col, to_json, to_micros};
use crate::domain::partition::{Partition, SlotFilter, Slots};
use crate::domain::partition_filter::CompareOp;
use crate::domain::table::{Format, MAX_PARTITION_KEYS};

const T: &str = "partitions";
const SLOTS: [&str; MAX_PARTITION_KEYS] = ["v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9"];
const DATA: [&str; 5] = ["raw_values", "location", "format", "parameters", "created_at"];

fn from_row(row: &AnyRow) -> StoreResult<Partition> {
    let format: Option<String> = col(row, "format")?;
    let format = format
        .map(|f| serde_json::from_value::<Format>(serde_json::Value::String(f)))
        .transpose()
        .map_err(|e| StoreError::Corrupt(format!("partition format: {e}")))?;
    Ok(Partition {
        values: json_col(row, "raw_values")?,
        location: col(row, "location")?,
        format,
        parameters: json_col(row, "parameters")?,
        created_at: from_micros(col(row, "created_at")?)?,
    })
}

fn key_matches(table_id: &str, slots: &Slots) -> Expr {
    SLOTS
        .iter()
        .zip(slots)
        .fold(Expr::col("table_id").eq(table_id), |acc, (name, value)| acc.and(Expr::col(*name).eq(value.as_str())))
}

/// Inserts every partition or, on a duplicate key, fails with `UniqueViolation` (the
/// caller's transaction then rolls back, so nothing of the batch remains).
pub async fn insert_batch(c: &mut Conn<'_>, table_id: &str, batch: &[(Slots, Partition)]) -> StoreResult<()> {
    insert_rows(c, table_id, batch, false).await.map(|_| ())
}

/// Inserts the partitions that do not exist yet; returns how many were new.
pub async fn insert_missing(c: &mut Conn<'_>, table_id: &str, batch: &[(Slots, Partition)]) -> StoreResult<u64> {
    insert_rows(c, table_id, batch, true).await
}

async fn insert_rows(
    c: &mut Conn<'_>,
    table_id: &str,
    batch: &[(Slots, Partition)],
    skip_existing: bool,
) -> StoreResult<u64> {
    let mut inserted = 0;
    // 16 parameters a row: 250 rows stay far below either backend's parameter limit.
    for chunk in batch.chunks(250) {
        let mut stmt = Query::insert().into_table(T).to_owned();
        stmt.columns(std::iter::once("table_id").chain(SLOTS).chain(DATA));
        let now = to_micros(Utc::now());
        for (slots, p) in chunk {
            let mut values: Vec<Expr> = vec![table_id.into()];
            values.extend(slots.iter().map(|s| Expr::from(s.as_str())));
            values.extend([
                to_json(&p.values).into(),
                p.location.clone().into(),
                p.format.map(|f| f.as_str().to_owned()).into(),
                to_json(&p.parameters).into(),
                now.into(),
            ]);
            stmt.values_panic(values);
        }
        if skip_existing {
            stmt.on_conflict(sea_query::OnConflict::new().do_nothing().to_owned());
        }
        inserted += c.execute(&stmt).await?;
    }
    Ok(inserted)
}

/// The values of the first partition of `candidates` that already exists.
pub async fn first_existing(
    c: &mut Conn<'_>,
    table_id: &str,
    candidates: &[Slots],
) -> StoreResult<Option<Vec<String>>> {
    for slots in candidates {
        let stmt = Query::select().column("raw_values").from(T).cond_where(key_matches(table_id, slots)).to_owned();
        if let Some(row) = c.fetch_optional(&stmt).await? {
            return Ok(Some(json_col(&row, "raw_values")?));
        }
    }
    Ok(None)
}

/// The partition with exactly these key values.
pub async fn get_one(c: &mut Conn<'_>, table_id: &str, slots: &Slots) -> StoreResult<Option<Partition>> {
    let stmt = Query::select().columns(DATA).from(T).cond_where(key_matches(table_id, slots)).to_owned();
    c.fetch_optional(&stmt).await?.as_ref().map(from_row).transpose()
}

/// Deletes one partition; false if it did not exist.
pub async fn delete_one(c: &mut Conn<'_>, table_id: &str, slots: &Slots) -> StoreResult<bool> {
    let stmt = Query::delete().from_table(T).cond_where(key_matches(table_id, slots)).to_owned();
    Ok(c.execute(&stmt).await? == 1)
}

/// Deletes every partition of a table; how many there were.
pub async fn delete_all(c: &mut Conn<'_>, table_id: &str) -> StoreResult<u64> {
    let stmt = Query::delete().from_table(T).and_where(Expr::col("table_id").eq(table_id)).to_owned();
    c.execute(&stmt).await
}

pub async fn any_exist(c: &mut Conn<'_>, table_id: &str) -> StoreResult<bool> {
    let stmt = Query::select().column("v0").from(T).and_where(Expr::col("table_id").eq(table_id)).limit(1).to_owned();
    Ok(c.fetch_optional(&stmt).await?.is_some())
}

fn filter_expr(filter: &SlotFilter) -> Expr {
    match filter {
        SlotFilter::Compare { slot, op, value } => {
            let column = Expr::col(SLOTS[*slot]);
            let value = value.as_str();
            match op {
                CompareOp::Eq => column.eq(value),
                CompareOp::NotEq => column.ne(value),
                CompareOp::Lt => column.lt(value),
                CompareOp::LtEq => column.lte(value),
                CompareOp::Gt => column.gt(value),
                CompareOp::GtEq => column.gte(value),
            }
        }
        SlotFilter::In { slot, values, negated } => {
            let values = values.iter().map(String::as_str);
            if *negated { Expr::col(SLOTS[*slot]).is_not_in(values) } else { Expr::col(SLOTS[*slot]).is_in(values) }
        }
        SlotFilter::Between { slot, low, high, negated } => {
            let column = Expr::col(SLOTS[*slot]);
            if *negated {
                column.not_between(low.as_str(), high.as_str())
            } else {
                column.between(low.as_str(), high.as_str())
            }
        }
        SlotFilter::And(a, b) => filter_expr(a).and(filter_expr(b)),
        SlotFilter::Or(a, b) => filter_expr(a).or(filter_expr(b)),
        SlotFilter::Not(a) => filter_expr(a).not(),
    }
}

/// The statement behind [`list`], exposed so tests can check its query plan.
pub fn list_statement(
    table_id: &str,
    key_count: usize,
    filter: Option<&SlotFilter>,
    after: Option<&Slots>,
    limit: u64,
) -> sea_query::SelectStatement {
    let used = &SLOTS[..key_count.clamp(1, MAX_PARTITION_KEYS)];
    // Only the data columns: the caller re-encodes the last row's values for its page token.
    let mut stmt =
        Query::select().columns(DATA).from(T).and_where(Expr::col("table_id").eq(table_id)).limit(limit).to_owned();
    for slot in used {
        stmt.order_by(*slot, Order::Asc);
    }
    if let Some(filter) = filter {
        stmt.and_where(filter_expr(filter));
    }
    if let Some(after) = after {
        let columns = used.iter().map(|s| Expr::col(*s));
        let values = after[..used.len()].iter().map(|v| Expr::from(v.as_str()));
        stmt.and_where(Expr::tuple(columns).gt(Expr::tuple(values)));
    }
    stmt
}

/// One page of a table's partitions in key order: those matching `filter`, after `after`.
pub async fn list(
    c: &mut Conn<'_>,
    table_id: &str,
    key_count: usize,
    filter: Option<&SlotFilter>,
    after: Option<&Slots>,
    limit: u64,
) -> StoreResult<Vec<Partition>> {
    let stmt = list_statement(table_id, key_count, filter, after, limit);
    c.fetch_all(&stmt).await?.iter().map(from_row).collect()
}
