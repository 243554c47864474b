//! The outbox: catalog changes recorded in the same transaction as the change itself, so
//! consumers (search index, policy cache, triggers, other replicas) that follow it by `seq`
//! never miss one, whatever crashes in between.

use chrono::{DateTime, Utc};
use sea_query::{Expr, ExprTrait, Order, Query};

use super::{Conn, StoreResult, col, from_micros, to_micros};

#[derive(Debug, Clone, PartialEq)]
pub struct OutboxEvent {
    pub seq: i64,
    pub occurred_at: DateTime<Utc>,
    /// What happened, e.g. `table.updated`.
    pub kind: String,
    /// Which resource, e.g. `sales.orders`.
    pub resource: String,
    pub payload: serde_json::Value,
}

pub async fn append(c: &mut Conn<'_>, kind: &str, resource: &str, payload: &serde_json::Value) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table("outbox")
        .columns(["occurred_at", "kind", "resource", "payload"])
        .values_panic([to_micros(Utc::now()).into(), kind.into(), resource.into(), payload.to_string().into()])
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Events after `seq`, oldest first.
pub async fn after(c: &mut Conn<'_>, seq: i64, limit: u64) -> StoreResult<Vec<OutboxEvent>> {
    let stmt = Query::select()
        .columns(["seq", "occurred_at", "kind", "resource", "payload"])
        .from("outbox")
        .and_where(Expr::col("seq").gt(seq))
        .order_by("seq", Order::Asc)
        .limit(limit)
        .to_owned();
    let rows = c.fetch_all(&stmt).await?;
    rows.iter()
        .map(|row| {
            Ok(OutboxEvent {
                seq: col(row, "seq")?,
                occurred_at: from_micros(col(row, "occurred_at")?)?,
                kind: col(row, "kind")?,
                resource: col(row, "resource")?,
                payload: super::json_col(row, "payload")?,
            })
        })
        .collect()
}

/// The newest event's position (0 when empty).
pub async fn last_seq(c: &mut Conn<'_>) -> StoreResult<i64> {
    let stmt = Query::select().expr(Expr::col("seq").max()).from("outbox").to_owned();
    let row = c.fetch_optional(&stmt).await?;
    let value: Option<i64> = match row {
        Some(row) => {
            use sqlx::Row;
            row.try_get(0).map_err(super::StoreError::Db)?
        }
        None => None,
    };
    Ok(value.unwrap_or(0))
}

/// Which of the positions in `from..=to` hold an event (at most 10,000 positions).
pub async fn present(c: &mut Conn<'_>, from: i64, to: i64) -> StoreResult<Vec<i64>> {
    let to = std::cmp::Ord::min(to, from.saturating_add(10_000));
    let stmt = Query::select()
        .column("seq")
        .from("outbox")
        .and_where(Expr::col("seq").gte(from))
        .and_where(Expr::col("seq").lte(to))
        .order_by("seq", Order::Asc)
        .to_owned();
    c.fetch_all(&stmt).await?.iter().map(|row| col(row, "seq")).collect()
}
