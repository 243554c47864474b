//! Rows of `crawlers`, `crawler_runs` and `crawler_objects` (runs are scheduled and leased by
//! the job runner: `jobs`).

use std::collections::HashMap;

use sea_query::{Expr, ExprTrait, Order, Query};
use sqlx::any::AnyRow;

use super::{Conn, StoreError, StoreResult, col, from_micros, json_col, to_json, to_micros};
use crate::domain::crawler::{Crawler, CrawlerRun, RunStatus};

const C: &str = "crawlers";
const R: &str = "crawler_runs";
const O: &str = "crawler_objects";

fn parse<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> StoreResult<T> {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .map_err(|e| StoreError::Corrupt(format!("crawler {what}: {e}")))
}

fn crawler_from_row(row: &AnyRow) -> StoreResult<Crawler> {
    Ok(Crawler {
        id: col(row, "id")?,
        name: col(row, "name")?,
        location: col(row, "location")?,
        database: col(row, "database_name")?,
        zone: parse(&col::<String>(row, "zone")?, "zone")?,
        schema_change: parse(&col::<String>(row, "schema_change")?, "schema_change")?,
        deleted_folders: parse(&col::<String>(row, "deleted_folders")?, "deleted_folders")?,
        schedule: col(row, "schedule")?,
        owner_id: col(row, "owner_id")?,
        created_by: col(row, "created_by")?,
        created_at: from_micros(col(row, "created_at")?)?,
    })
}

const CRAWLER_COLUMNS: [&str; 11] = [
    "id",
    "name",
    "location",
    "database_name",
    "zone",
    "schema_change",
    "deleted_folders",
    "schedule",
    "owner_id",
    "created_by",
    "created_at",
];

pub async fn insert(c: &mut Conn<'_>, crawler: &Crawler) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table(C)
        .columns(CRAWLER_COLUMNS)
        .values_panic([
            crawler.id.clone().into(),
            crawler.name.clone().into(),
            crawler.location.clone().into(),
            crawler.database.clone().into(),
            crawler.zone.as_str().into(),
            crawler.schema_change.as_str().into(),
            crawler.deleted_folders.as_str().into(),
            crawler.schedule.clone().into(),
            crawler.owner_id.clone().into(),
            crawler.created_by.clone().into(),
            to_micros(crawler.created_at).into(),
        ])
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

pub async fn get(c: &mut Conn<'_>, name: &str) -> StoreResult<Option<Crawler>> {
    let stmt = Query::select().columns(CRAWLER_COLUMNS).from(C).and_where(Expr::col("name").eq(name)).to_owned();
    c.fetch_optional(&stmt).await?.as_ref().map(crawler_from_row).transpose()
}

pub async fn get_by_id(c: &mut Conn<'_>, id: &str) -> StoreResult<Option<Crawler>> {
    let stmt = Query::select().columns(CRAWLER_COLUMNS).from(C).and_where(Expr::col("id").eq(id)).to_owned();
    c.fetch_optional(&stmt).await?.as_ref().map(crawler_from_row).transpose()
}

pub async fn list(c: &mut Conn<'_>, after: Option<&str>, limit: u64) -> StoreResult<Vec<Crawler>> {
    let mut stmt =
        Query::select().columns(CRAWLER_COLUMNS).from(C).order_by("name", Order::Asc).limit(limit).to_owned();
    if let Some(after) = after {
        stmt.and_where(Expr::col("name").gt(after));
    }
    c.fetch_all(&stmt).await?.iter().map(crawler_from_row).collect()
}

pub async fn delete(c: &mut Conn<'_>, id: &str) -> StoreResult<()> {
    for table in [O, R] {
        c.execute(&Query::delete().from_table(table).and_where(Expr::col("crawler_id").eq(id)).to_owned()).await?;
    }
    c.execute(&Query::delete().from_table(C).and_where(Expr::col("id").eq(id)).to_owned()).await?;
    Ok(())
}

pub async fn insert_run(c: &mut Conn<'_>, run: &CrawlerRun) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table(R)
        .columns(["id", "crawler_id", "trigger", "status", "started_at", "finished_at", "stats", "errors", "message"])
        .values_panic([
            run.id.clone().into(),
            run.crawler_id.clone().into(),
            run.trigger.clone().into(),
            run.status.as_str().into(),
            to_micros(run.started_at).into(),
            run.finished_at.map(to_micros).into(),
            to_json(&run.stats).into(),
            to_json(&run.errors).into(),
            run.message.clone().into(),
        ])
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

pub async fn finish_run(c: &mut Conn<'_>, run: &CrawlerRun) -> StoreResult<()> {
    let stmt = Query::update()
        .table(R)
        .value("status", run.status.as_str())
        .value("finished_at", run.finished_at.map(to_micros))
        .value("stats", to_json(&run.stats))
        .value("errors", to_json(&run.errors))
        .value("message", run.message.clone())
        .and_where(Expr::col("id").eq(run.id.as_str()))
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Progress of a running run (a finished run is left alone).
pub async fn progress(c: &mut Conn<'_>, run_id: &str, stats: &crate::domain::crawler::RunStats) -> StoreResult<()> {
    let stmt = Query::update()
        .table(R)
        .value("stats", to_json(stats))
        .and_where(Expr::col("id").eq(run_id))
        .and_where(Expr::col("status").eq(RunStatus::Running.as_str()))
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

fn run_from_row(row: &AnyRow) -> StoreResult<CrawlerRun> {
    let status: String = col(row, "status")?;
    let finished: Option<i64> = col(row, "finished_at")?;
    Ok(CrawlerRun {
        id: col(row, "id")?,
        crawler_id: col(row, "crawler_id")?,
        trigger: col(row, "trigger")?,
        status: RunStatus::parse(&status).ok_or_else(|| StoreError::Corrupt("run status".into()))?,
        started_at: from_micros(col(row, "started_at")?)?,
        finished_at: finished.map(from_micros).transpose()?,
        stats: json_col(row, "stats")?,
        errors: json_col(row, "errors")?,
        message: col(row, "message")?,
    })
}

/// Newest first.
pub async fn runs(c: &mut Conn<'_>, crawler_id: &str, limit: u64) -> StoreResult<Vec<CrawlerRun>> {
    let stmt = Query::select()
        .columns(["id", "crawler_id", "trigger", "status", "started_at", "finished_at", "stats", "errors", "message"])
        .from(R)
        .and_where(Expr::col("crawler_id").eq(crawler_id))
        .order_by("started_at", Order::Desc)
        .limit(limit)
        .to_owned();
    c.fetch_all(&stmt).await?.iter().map(run_from_row).collect()
}

/// What a crawler saw of one object last time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenObject {
    pub size: i64,
    pub etag: Option<String>,
    pub last_modified: i64,
    pub table_name: Option<String>,
}

pub async fn seen_objects(c: &mut Conn<'_>, crawler_id: &str) -> StoreResult<HashMap<String, SeenObject>> {
    let stmt = Query::select()
        .columns(["path", "size", "etag", "last_modified", "table_name"])
        .from(O)
        .and_where(Expr::col("crawler_id").eq(crawler_id))
        .to_owned();
    let mut out = HashMap::new();
    for row in c.fetch_all(&stmt).await? {
        let seen = SeenObject {
            size: col(&row, "size")?,
            etag: col(&row, "etag")?,
            last_modified: col(&row, "last_modified")?,
            table_name: col(&row, "table_name")?,
        };
        out.insert(col(&row, "path")?, seen);
    }
    Ok(out)
}

/// Applies the difference between what was seen and what is now: removed paths go, new or
/// changed ones are written.
pub async fn save_objects(
    c: &mut Conn<'_>,
    crawler_id: &str,
    removed: &[String],
    changed: &[(String, SeenObject)],
) -> StoreResult<()> {
    for chunk in removed.chunks(500) {
        let stmt = Query::delete()
            .from_table(O)
            .and_where(Expr::col("crawler_id").eq(crawler_id))
            .and_where(Expr::col("path").is_in(chunk.iter().map(String::as_str)))
            .to_owned();
        c.execute(&stmt).await?;
    }
    for chunk in changed.chunks(250) {
        let stmt = Query::delete()
            .from_table(O)
            .and_where(Expr::col("crawler_id").eq(crawler_id))
            .and_where(Expr::col("path").is_in(chunk.iter().map(|(p, _)| p.as_str())))
            .to_owned();
        c.execute(&stmt).await?;
        let mut insert = Query::insert()
            .into_table(O)
            .columns(["crawler_id", "path", "size", "etag", "last_modified", "table_name"])
            .to_owned();
        for (path, seen) in chunk {
            insert.values_panic([
                crawler_id.into(),
                path.clone().into(),
                seen.size.into(),
                seen.etag.clone().into(),
                seen.last_modified.into(),
                seen.table_name.clone().into(),
            ]);
        }
        c.execute(&insert).await?;
    }
    Ok(())
}
