//! Rows of `audit_log`. Appending is serialised (SQLite's write lock, a PostgreSQL advisory
//! lock) so each batch links onto the true last record, whichever replica writes it.

use chrono::{DateTime, Utc};
use sea_query::{Expr, ExprTrait, Order, Query};
use sqlx::any::AnyRow;

use super::{Backend, Conn, StoreError, StoreResult, col, from_micros, json_col, to_micros};
use crate::domain::audit::{AuditEntry, AuditRecord, Decision, GENESIS, links};

const T: &str = "audit_log";
const COLUMNS: [&str; 12] = [
    "seq",
    "occurred_at",
    "principal",
    "client_addr",
    "request_id",
    "action",
    "resource",
    "decision",
    "outcome",
    "detail",
    "prev_hash",
    "hash",
];
/// Arbitrary, fixed: the advisory lock key that serialises audit appends on PostgreSQL.
const APPEND_LOCK: i64 = 0x7461_726e_6175_6474;

fn from_row(row: &AnyRow) -> StoreResult<AuditRecord> {
    let decision: String = col(row, "decision")?;
    Ok(AuditRecord {
        seq: col(row, "seq")?,
        entry: AuditEntry {
            occurred_at: from_micros(col(row, "occurred_at")?)?,
            principal: col(row, "principal")?,
            client_addr: col(row, "client_addr")?,
            request_id: col(row, "request_id")?,
            action: col(row, "action")?,
            resource: col(row, "resource")?,
            decision: if decision == "deny" { Decision::Deny } else { Decision::Allow },
            outcome: col(row, "outcome")?,
            detail: json_col(row, "detail")?,
        },
        prev_hash: col(row, "prev_hash")?,
        hash: col(row, "hash")?,
    })
}

/// Appends `entries` to the chain. Call inside a write transaction.
pub async fn append(c: &mut Conn<'_>, entries: &[&AuditEntry]) -> StoreResult<()> {
    if c.backend() == Backend::Postgres {
        c.execute_raw(&format!("SELECT pg_advisory_xact_lock({APPEND_LOCK})")).await?;
    }
    let last = Query::select().columns(["seq", "hash"]).from(T).order_by("seq", Order::Desc).limit(1).to_owned();
    let (seq, hash) = match c.fetch_optional(&last).await? {
        Some(row) => (col::<i64>(&row, "seq")?, col::<String>(&row, "hash")?),
        None => (0, GENESIS.to_owned()),
    };
    let linked = links(seq, hash, entries);
    for (chunk_entries, chunk_links) in entries.chunks(200).zip(linked.chunks(200)) {
        let mut stmt = Query::insert().into_table(T).columns(COLUMNS).to_owned();
        for (e, (seq, prev_hash, hash)) in chunk_entries.iter().zip(chunk_links) {
            stmt.values_panic([
                (*seq).into(),
                to_micros(e.occurred_at).into(),
                e.principal.clone().into(),
                e.client_addr.clone().into(),
                e.request_id.clone().into(),
                e.action.clone().into(),
                e.resource.clone().into(),
                e.decision.as_str().into(),
                e.outcome.clone().into(),
                e.detail.to_string().into(),
                prev_hash.clone().into(),
                hash.clone().into(),
            ]);
        }
        c.execute(&stmt).await?;
    }
    Ok(())
}

/// Filters for listing.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub principal: Option<String>,
    pub action: Option<String>,
    pub decision: Option<Decision>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

/// Records matching `filter` with `seq > after`, oldest first.
pub async fn list(c: &mut Conn<'_>, filter: &AuditFilter, after: i64, limit: u64) -> StoreResult<Vec<AuditRecord>> {
    let mut stmt = Query::select()
        .columns(COLUMNS)
        .from(T)
        .and_where(Expr::col("seq").gt(after))
        .order_by("seq", Order::Asc)
        .limit(limit)
        .to_owned();
    if let Some(p) = &filter.principal {
        stmt.and_where(Expr::col("principal").eq(p.as_str()));
    }
    if let Some(a) = &filter.action {
        stmt.and_where(Expr::col("action").eq(a.as_str()));
    }
    if let Some(d) = filter.decision {
        stmt.and_where(Expr::col("decision").eq(d.as_str()));
    }
    if let Some(t) = filter.since {
        stmt.and_where(Expr::col("occurred_at").gte(to_micros(t)));
    }
    if let Some(t) = filter.until {
        stmt.and_where(Expr::col("occurred_at").lt(to_micros(t)));
    }
    c.fetch_all(&stmt).await?.iter().map(from_row).collect()
}

pub async fn count(c: &mut Conn<'_>) -> StoreResult<i64> {
    let stmt = Query::select().expr(Expr::col("seq").count()).from(T).to_owned();
    let row = c.fetch_optional(&stmt).await?;
    row.map_or(Ok(0), |row| {
        use sqlx::Row;
        row.try_get::<i64, _>(0).map_err(StoreError::Db)
    })
}
