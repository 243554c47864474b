//! The outbox: catalog changes recorded in the same transaction as the change itself, so
//! consumers (search index, policy cache, triggers, other replicas) that follow it by `seq`
//! never miss one, whatever crashes in between.

use chrono::{DateTime, Utc};
use sea_query::{Expr, ExprTrait, OnConflict, Order, Query};

use super::{Conn, StoreResult, col, from_micros, to_micros};
use crate::domain::event::Event;

/// An event as committed, with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxEvent {
    pub seq: i64,
    pub occurred_at: DateTime<Utc>,
    pub event: Event,
}

/// Records `event` in the caller's transaction.
pub async fn append(c: &mut Conn<'_>, event: &Event) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table("outbox")
        .columns(["occurred_at", "kind", "resource", "payload"])
        .values_panic([
            to_micros(Utc::now()).into(),
            event.kind().into(),
            event.resource().into(),
            event.payload().to_string().into(),
        ])
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// A subscriber's stored position (0 when it has none yet).
pub async fn cursor(c: &mut Conn<'_>, subscriber: &str) -> StoreResult<i64> {
    let stmt = Query::select()
        .column("position")
        .from("event_cursors")
        .and_where(Expr::col("subscriber").eq(subscriber))
        .to_owned();
    match c.fetch_optional(&stmt).await? {
        Some(row) => col(&row, "position"),
        None => Ok(0),
    }
}

/// Stores a subscriber's position; in the transaction that applied the events, so the two
/// commit together (exactly once across a restart).
pub async fn save_cursor(c: &mut Conn<'_>, subscriber: &str, position: i64) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table("event_cursors")
        .columns(["subscriber", "position", "updated_at"])
        .values_panic([subscriber.into(), position.into(), to_micros(Utc::now()).into()])
        .on_conflict(OnConflict::column("subscriber").update_columns(["position", "updated_at"]).to_owned())
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Moves a cursor shared by every replica from `from` to `to`; false when another replica
/// moved it first (its events are then applied there, not here).
pub async fn advance_cursor(c: &mut Conn<'_>, subscriber: &str, from: i64, to: i64) -> StoreResult<bool> {
    let seed = Query::insert()
        .into_table("event_cursors")
        .columns(["subscriber", "position", "updated_at"])
        .values_panic([subscriber.into(), 0i64.into(), to_micros(Utc::now()).into()])
        .on_conflict(OnConflict::column("subscriber").do_nothing().to_owned())
        .to_owned();
    c.execute(&seed).await?;
    let stmt = Query::update()
        .table("event_cursors")
        .values([("position", to.into()), ("updated_at", to_micros(Utc::now()).into())])
        .and_where(Expr::col("subscriber").eq(subscriber))
        .and_where(Expr::col("position").eq(from))
        .to_owned();
    Ok(c.execute(&stmt).await? == 1)
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
            let kind: String = col(row, "kind")?;
            let resource: String = col(row, "resource")?;
            let payload: serde_json::Value = super::json_col(row, "payload")?;
            Ok(OutboxEvent {
                seq: col(row, "seq")?,
                occurred_at: from_micros(col(row, "occurred_at")?)?,
                event: Event::parse(&kind, &resource, &payload),
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
