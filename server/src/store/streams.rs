//! Rows of `streams`, `stream_checkpoints` (how far each replica's log has delivered a
//! stream, written in the delivery's commit) and `stream_keys` (delivered puts' idempotency
//! keys with their answers).

use chrono::{DateTime, Utc};
use sea_query::{Expr, ExprTrait, OnConflict, Order, Query};
use sqlx::any::AnyRow;

use super::{Conn, StoreResult, col, from_micros, json_col, to_json, to_micros};
use crate::domain::stream::Stream;

const S: &str = "streams";
const C: &str = "stream_checkpoints";
const K: &str = "stream_keys";
const COLUMNS: [&str; 6] = ["id", "name", "definition", "owner_id", "created_by", "created_at"];

fn from_row(row: &AnyRow) -> StoreResult<Stream> {
    Ok(Stream {
        id: col(row, "id")?,
        name: col(row, "name")?,
        definition: json_col(row, "definition")?,
        owner_id: col(row, "owner_id")?,
        created_by: col(row, "created_by")?,
        created_at: from_micros(col(row, "created_at")?)?,
    })
}

pub async fn insert(c: &mut Conn<'_>, s: &Stream) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table(S)
        .columns(COLUMNS)
        .values_panic([
            s.id.clone().into(),
            s.name.clone().into(),
            to_json(&s.definition).into(),
            s.owner_id.clone().into(),
            s.created_by.clone().into(),
            to_micros(s.created_at).into(),
        ])
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

pub async fn get(c: &mut Conn<'_>, name: &str) -> StoreResult<Option<Stream>> {
    let stmt = Query::select().columns(COLUMNS).from(S).and_where(Expr::col("name").eq(name)).to_owned();
    c.fetch_optional(&stmt).await?.as_ref().map(from_row).transpose()
}

pub async fn get_by_id(c: &mut Conn<'_>, id: &str) -> StoreResult<Option<Stream>> {
    let stmt = Query::select().columns(COLUMNS).from(S).and_where(Expr::col("id").eq(id)).to_owned();
    c.fetch_optional(&stmt).await?.as_ref().map(from_row).transpose()
}

/// Every stream (a replica delivers them all).
pub async fn all(c: &mut Conn<'_>) -> StoreResult<Vec<Stream>> {
    let stmt = Query::select().columns(COLUMNS).from(S).order_by("name", Order::Asc).to_owned();
    c.fetch_all(&stmt).await?.iter().map(from_row).collect()
}

pub async fn list(c: &mut Conn<'_>, after: Option<&str>, limit: u64) -> StoreResult<Vec<Stream>> {
    let mut stmt = Query::select().columns(COLUMNS).from(S).order_by("name", Order::Asc).limit(limit).to_owned();
    if let Some(after) = after {
        stmt.and_where(Expr::col("name").gt(after));
    }
    c.fetch_all(&stmt).await?.iter().map(from_row).collect()
}

pub async fn delete(c: &mut Conn<'_>, id: &str) -> StoreResult<()> {
    for table in [K, C] {
        c.execute(&Query::delete().from_table(table).and_where(Expr::col("stream_id").eq(id)).to_owned()).await?;
    }
    c.execute(&Query::delete().from_table(S).and_where(Expr::col("id").eq(id)).to_owned()).await?;
    Ok(())
}

/// How far one log has delivered a stream into one of its targets, and what it delivered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checkpoint {
    /// Every entry of the log at or below it is delivered.
    pub position: i64,
    pub records: i64,
    pub bytes: i64,
    pub deliveries: i64,
    pub delivered_at: Option<DateTime<Utc>>,
}

/// What a delivery records in its commit: the checkpoint it moves and the keys it delivered.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub stream_id: String,
    pub writer: String,
    /// `table` or `errors`.
    pub target: &'static str,
    pub position: i64,
    pub records: i64,
    pub bytes: i64,
    /// (idempotency key, answer as JSON)
    pub keys: Vec<(String, String)>,
}

pub async fn checkpoint(c: &mut Conn<'_>, stream_id: &str, writer: &str, target: &str) -> StoreResult<Checkpoint> {
    let stmt = Query::select()
        .columns(["position", "records", "bytes", "deliveries", "delivered_at"])
        .from(C)
        .and_where(Expr::col("stream_id").eq(stream_id))
        .and_where(Expr::col("writer").eq(writer))
        .and_where(Expr::col("target").eq(target))
        .to_owned();
    c.fetch_optional(&stmt).await?.as_ref().map_or(Ok(Checkpoint::default()), checkpoint_from_row)
}

fn checkpoint_from_row(row: &AnyRow) -> StoreResult<Checkpoint> {
    Ok(Checkpoint {
        position: col(row, "position")?,
        records: col(row, "records")?,
        bytes: col(row, "bytes")?,
        deliveries: col(row, "deliveries")?,
        delivered_at: Some(from_micros(col(row, "delivered_at")?)?),
    })
}

/// The totals over every log and target: (target, records, bytes, deliveries, last delivery).
pub async fn totals(c: &mut Conn<'_>, stream_id: &str) -> StoreResult<Vec<(String, Checkpoint)>> {
    let stmt = Query::select()
        .columns(["target", "position", "records", "bytes", "deliveries", "delivered_at"])
        .from(C)
        .and_where(Expr::col("stream_id").eq(stream_id))
        .to_owned();
    c.fetch_all(&stmt).await?.iter().map(|row| Ok((col(row, "target")?, checkpoint_from_row(row)?))).collect()
}

/// Moves the checkpoint (adding to its counts) and keeps the delivered keys' answers.
pub async fn record_delivery(c: &mut Conn<'_>, d: &Delivery) -> StoreResult<()> {
    let now = to_micros(Utc::now());
    let before = checkpoint(c, &d.stream_id, &d.writer, d.target).await?;
    let stmt = Query::insert()
        .into_table(C)
        .columns(["stream_id", "writer", "target", "position", "records", "bytes", "deliveries", "delivered_at"])
        .values_panic([
            d.stream_id.clone().into(),
            d.writer.clone().into(),
            d.target.into(),
            std::cmp::Ord::max(d.position, before.position).into(),
            (before.records + d.records).into(),
            (before.bytes + d.bytes).into(),
            (before.deliveries + 1).into(),
            now.into(),
        ])
        .on_conflict(
            OnConflict::columns(["stream_id", "writer", "target"])
                .update_columns(["position", "records", "bytes", "deliveries", "delivered_at"])
                .to_owned(),
        )
        .to_owned();
    c.execute(&stmt).await?;
    for (key, answer) in &d.keys {
        let stmt = Query::insert()
            .into_table(K)
            .columns(["stream_id", "idem_key", "answer", "created_at"])
            .values_panic([d.stream_id.clone().into(), key.clone().into(), answer.clone().into(), now.into()])
            .on_conflict(OnConflict::columns(["stream_id", "idem_key"]).do_nothing().to_owned())
            .to_owned();
        c.execute(&stmt).await?;
    }
    Ok(())
}

/// The first answer to a put with this idempotency key, once delivered.
pub async fn answer(c: &mut Conn<'_>, stream_id: &str, key: &str) -> StoreResult<Option<String>> {
    let stmt = Query::select()
        .column("answer")
        .from(K)
        .and_where(Expr::col("stream_id").eq(stream_id))
        .and_where(Expr::col("idem_key").eq(key))
        .to_owned();
    c.fetch_optional(&stmt).await?.map(|row| col(&row, "answer")).transpose()
}

/// Forgets keys older than the dedupe window.
pub async fn prune_keys(c: &mut Conn<'_>, before: DateTime<Utc>) -> StoreResult<u64> {
    let stmt = Query::delete().from_table(K).and_where(Expr::col("created_at").lt(to_micros(before))).to_owned();
    c.execute(&stmt).await
}
