//! Rows of `lineage_edges` (what each pipeline's last successful run recorded for each table
//! it writes) and `quality_results` (data-quality results per run, by measured table).

use sea_query::{Cond, Expr, ExprTrait, Order, Query};
use sqlx::any::AnyRow;

use super::{Conn, StoreResult, col, from_micros, json_col, to_json, to_micros};
use crate::domain::pipeline::run::{LineageEdge, QualityResult};

const L: &str = "lineage_edges";
const Q: &str = "quality_results";
const EDGE_COLUMNS: [&str; 7] =
    ["source_database", "source_table", "source_column", "target_database", "target_table", "target_column", "kind"];

fn edge_from_row(row: &AnyRow) -> StoreResult<LineageEdge> {
    Ok(LineageEdge {
        source_database: col(row, "source_database")?,
        source_table: col(row, "source_table")?,
        source_column: col(row, "source_column")?,
        target_database: col(row, "target_database")?,
        target_table: col(row, "target_table")?,
        target_column: col(row, "target_column")?,
        kind: col(row, "kind")?,
    })
}

/// Replaces what `pipeline_id` recorded for the target table `(database, table)`.
pub async fn replace(
    c: &mut Conn<'_>,
    pipeline_id: &str,
    target: (&str, &str),
    edges: &[LineageEdge],
) -> StoreResult<()> {
    let stmt = Query::delete()
        .from_table(L)
        .and_where(Expr::col("pipeline_id").eq(pipeline_id))
        .and_where(Expr::col("target_database").eq(target.0))
        .and_where(Expr::col("target_table").eq(target.1))
        .to_owned();
    c.execute(&stmt).await?;
    let now = to_micros(chrono::Utc::now());
    for chunk in edges.chunks(200) {
        let mut insert = Query::insert()
            .into_table(L)
            .columns(["pipeline_id"].into_iter().chain(EDGE_COLUMNS).chain(["updated_at"]))
            .to_owned();
        for e in chunk {
            insert.values_panic([
                pipeline_id.into(),
                e.source_database.clone().into(),
                e.source_table.clone().into(),
                e.source_column.clone().into(),
                e.target_database.clone().into(),
                e.target_table.clone().into(),
                e.target_column.clone().into(),
                e.kind.clone().into(),
                now.into(),
            ]);
        }
        c.execute(&insert).await?;
    }
    Ok(())
}

/// Edges into (`upstream`) or out of the given tables, in one round trip.
pub async fn edges(c: &mut Conn<'_>, tables: &[(String, String)], upstream: bool) -> StoreResult<Vec<LineageEdge>> {
    if tables.is_empty() {
        return Ok(Vec::new());
    }
    let (db, t) = if upstream { ("target_database", "target_table") } else { ("source_database", "source_table") };
    let mut any = Cond::any();
    for (database, table) in tables {
        any = any.add(Expr::col(db).eq(database.as_str()).and(Expr::col(t).eq(table.as_str())));
    }
    let stmt = Query::select().distinct().columns(EDGE_COLUMNS).from(L).cond_where(any).to_owned();
    c.fetch_all(&stmt).await?.iter().map(edge_from_row).collect()
}

pub async fn insert_quality(c: &mut Conn<'_>, table_id: &str, q: &QualityResult) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table(Q)
        .columns(["table_id", "run_id", "pipeline", "step", "passed", "total", "rules", "created_at"])
        .values_panic([
            table_id.into(),
            q.run_id.clone().into(),
            q.pipeline.clone().into(),
            q.step.clone().into(),
            i64::try_from(q.passed).unwrap_or(i64::MAX).into(),
            i64::try_from(q.total).unwrap_or(i64::MAX).into(),
            to_json(&q.rules).into(),
            to_micros(q.created_at).into(),
        ])
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// The latest result's (passed, total) of each of `table_ids` that has one.
pub async fn latest_quality(
    c: &mut Conn<'_>,
    table_ids: &[String],
) -> StoreResult<std::collections::HashMap<String, (u64, u64)>> {
    let mut out = std::collections::HashMap::new();
    if table_ids.is_empty() {
        return Ok(out);
    }
    let stmt = Query::select()
        .columns(["table_id", "passed", "total"])
        .from(Q)
        .and_where(Expr::col("table_id").is_in(table_ids.iter().map(String::as_str)))
        .order_by("created_at", Order::Desc)
        .to_owned();
    for row in c.fetch_all(&stmt).await? {
        let id: String = col(&row, "table_id")?;
        if let std::collections::hash_map::Entry::Vacant(latest) = out.entry(id) {
            let passed = u64::try_from(col::<i64>(&row, "passed")?).unwrap_or(0);
            let total = u64::try_from(col::<i64>(&row, "total")?).unwrap_or(0);
            latest.insert((passed, total));
        }
    }
    Ok(out)
}

/// A table's latest results, newest first.
pub async fn quality(c: &mut Conn<'_>, table_id: &str, limit: u64) -> StoreResult<Vec<QualityResult>> {
    let stmt = Query::select()
        .columns(["run_id", "pipeline", "step", "passed", "total", "rules", "created_at"])
        .from(Q)
        .and_where(Expr::col("table_id").eq(table_id))
        .order_by("created_at", Order::Desc)
        .limit(limit)
        .to_owned();
    c.fetch_all(&stmt)
        .await?
        .iter()
        .map(|row| {
            Ok(QualityResult {
                run_id: col(row, "run_id")?,
                pipeline: col(row, "pipeline")?,
                step: col(row, "step")?,
                passed: u64::try_from(col::<i64>(row, "passed")?).unwrap_or(0),
                total: u64::try_from(col::<i64>(row, "total")?).unwrap_or(0),
                rules: json_col(row, "rules")?,
                created_at: from_micros(col(row, "created_at")?)?,
            })
        })
        .collect()
}

/// What one pipeline recorded, for every table it writes.
pub async fn of_pipeline(c: &mut Conn<'_>, pipeline_id: &str) -> StoreResult<Vec<LineageEdge>> {
    let stmt = Query::select()
        .columns(EDGE_COLUMNS)
        .from(L)
        .and_where(Expr::col("pipeline_id").eq(pipeline_id))
        .order_by("target_database", Order::Asc)
        .order_by("target_table", Order::Asc)
        .to_owned();
    c.fetch_all(&stmt).await?.iter().map(edge_from_row).collect()
}
