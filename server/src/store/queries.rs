//! Rows of `queries`: the history of SQL queries, and cancel requests for running ones.

use sea_query::{Expr, ExprTrait, Order, Query};
use sqlx::any::AnyRow;

use super::{Conn, StoreError, StoreResult, col, from_micros, json_col, to_json, to_micros};
use crate::domain::query::{QueryRecord, QueryStatus};

const Q: &str = "queries";
const COLUMNS: [&str; 10] = [
    "id",
    "principal_id",
    "sql_text",
    "status",
    "error",
    "tables",
    "rows_returned",
    "bytes_scanned",
    "started_at",
    "finished_at",
];

fn from_row(row: &AnyRow) -> StoreResult<QueryRecord> {
    let status: String = col(row, "status")?;
    Ok(QueryRecord {
        id: col(row, "id")?,
        principal_id: col(row, "principal_id")?,
        sql: col(row, "sql_text")?,
        status: QueryStatus::parse(&status).ok_or_else(|| StoreError::Corrupt(format!("query status {status}")))?,
        error: col(row, "error")?,
        tables: json_col(row, "tables")?,
        rows: u64::try_from(col::<i64>(row, "rows_returned")?).unwrap_or(0),
        bytes_scanned: u64::try_from(col::<i64>(row, "bytes_scanned")?).unwrap_or(0),
        started_at: from_micros(col(row, "started_at")?)?,
        finished_at: col::<Option<i64>>(row, "finished_at")?.map(from_micros).transpose()?,
    })
}

pub async fn insert(c: &mut Conn<'_>, q: &QueryRecord) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table(Q)
        .columns(COLUMNS)
        .values_panic([
            q.id.clone().into(),
            q.principal_id.clone().into(),
            q.sql.clone().into(),
            q.status.as_str().into(),
            q.error.clone().into(),
            to_json(&q.tables).into(),
            (q.rows as i64).into(),
            (q.bytes_scanned as i64).into(),
            to_micros(q.started_at).into(),
            q.finished_at.map(to_micros).into(),
        ])
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Records how a running query ended (a query already ended is left alone).
pub async fn finish(c: &mut Conn<'_>, q: &QueryRecord) -> StoreResult<()> {
    let stmt = Query::update()
        .table(Q)
        .value("status", q.status.as_str())
        .value("error", q.error.clone())
        .value("tables", to_json(&q.tables))
        .value("rows_returned", q.rows as i64)
        .value("bytes_scanned", q.bytes_scanned as i64)
        .value("finished_at", q.finished_at.map(to_micros))
        .and_where(Expr::col("id").eq(q.id.as_str()))
        .and_where(Expr::col("status").eq(QueryStatus::Running.as_str()))
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

pub async fn get(c: &mut Conn<'_>, id: &str) -> StoreResult<Option<QueryRecord>> {
    let stmt = Query::select().columns(COLUMNS).from(Q).and_where(Expr::col("id").eq(id)).to_owned();
    c.fetch_optional(&stmt).await?.as_ref().map(from_row).transpose()
}

/// A principal's most recent queries, newest first.
pub async fn recent(c: &mut Conn<'_>, principal_id: &str, limit: u64) -> StoreResult<Vec<QueryRecord>> {
    let stmt = Query::select()
        .columns(COLUMNS)
        .from(Q)
        .and_where(Expr::col("principal_id").eq(principal_id))
        .order_by("started_at", Order::Desc)
        .limit(limit)
        .to_owned();
    c.fetch_all(&stmt).await?.iter().map(from_row).collect()
}

/// Asks the replica running a query to stop it; false when it is not running.
pub async fn request_cancel(c: &mut Conn<'_>, id: &str) -> StoreResult<bool> {
    let stmt = Query::update()
        .table(Q)
        .value("cancel_requested", 1i64)
        .and_where(Expr::col("id").eq(id))
        .and_where(Expr::col("status").eq(QueryStatus::Running.as_str()))
        .to_owned();
    Ok(c.execute(&stmt).await? > 0)
}

/// Whether a cancel was asked for.
pub async fn cancel_requested(c: &mut Conn<'_>, id: &str) -> StoreResult<bool> {
    let stmt = Query::select().column("cancel_requested").from(Q).and_where(Expr::col("id").eq(id)).to_owned();
    match c.fetch_optional(&stmt).await? {
        Some(row) => Ok(col::<i64>(&row, "cancel_requested")? != 0),
        None => Ok(false),
    }
}
