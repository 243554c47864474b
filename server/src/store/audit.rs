//! Rows of `audit_log`. Appending is serialised (SQLite's write lock, a PostgreSQL advisory
//! lock) so each batch links onto the true last record, whichever replica writes it.

use sea_query::{Expr, ExprTrait, Order, Query};
use sqlx::Arguments;
use sqlx::any::{AnyArguments, AnyRow};

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
    let details: Vec<String> = entries.iter().map(|e| e.detail.to_string()).collect();
    // Hand-built multi-row INSERT with borrowed values: this runs for every request.
    for start in (0..entries.len()).step_by(200) {
        let end = (start + 200).min(entries.len());
        let sql = insert_sql(c.backend(), end - start);
        let mut args = AnyArguments::default();
        for i in start..end {
            let (e, (seq, prev_hash, hash)) = (entries[i], &linked[i]);
            bind(&mut args, *seq)?;
            bind(&mut args, to_micros(e.occurred_at))?;
            bind(&mut args, e.principal.as_str())?;
            bind(&mut args, e.client_addr.as_deref())?;
            bind(&mut args, e.request_id.as_deref())?;
            bind(&mut args, e.action.as_str())?;
            bind(&mut args, e.resource.as_str())?;
            bind(&mut args, e.decision.as_str())?;
            bind(&mut args, e.outcome.as_str())?;
            bind(&mut args, details[i].as_str())?;
            bind(&mut args, prev_hash.as_str())?;
            bind(&mut args, hash.as_str())?;
        }
        c.execute_with(&sql, args).await?;
    }
    Ok(())
}

fn bind<'q, T>(args: &mut AnyArguments<'q>, value: T) -> StoreResult<()>
where
    T: 'q + sqlx::Encode<'q, sqlx::Any> + sqlx::Type<sqlx::Any>,
{
    args.add(value).map_err(|e| StoreError::Corrupt(format!("audit bind: {e}")))
}

/// `INSERT INTO audit_log (...) VALUES (...), ...` for `rows` rows in the backend's placeholders.
fn insert_sql(backend: Backend, rows: usize) -> String {
    use std::fmt::Write;
    let mut sql = format!("INSERT INTO {T} ({}) VALUES ", COLUMNS.join(", "));
    let mut n = 0;
    for row in 0..rows {
        sql.push_str(if row == 0 { "(" } else { ", (" });
        for col in 0..COLUMNS.len() {
            n += 1;
            if col > 0 {
                sql.push_str(", ");
            }
            match backend {
                Backend::Sqlite => sql.push('?'),
                Backend::Postgres => {
                    let _ = write!(sql, "${n}");
                }
            }
        }
        sql.push(')');
    }
    sql
}

pub use crate::domain::audit::AuditFilter;

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
