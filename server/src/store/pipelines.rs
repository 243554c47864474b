//! Rows of `pipelines`, `pipeline_versions`, `pipeline_runs` (the detail of the job runner's
//! runs, same id), `pipeline_bookmarks` and `pipeline_pending`.

use sea_query::{Expr, ExprTrait, OnConflict, Order, Query};
use sqlx::any::AnyRow;

use super::{Conn, StoreResult, col, from_micros, json_col, to_json, to_micros};
use crate::domain::pipeline::run::{Pipeline, PipelineRun, PipelineVersion};

const P: &str = "pipelines";
const V: &str = "pipeline_versions";
const R: &str = "pipeline_runs";
const B: &str = "pipeline_bookmarks";
const PENDING: &str = "pipeline_pending";

const COLUMNS: [&str; 8] =
    ["id", "name", "version", "definition", "owner_id", "created_by", "created_at", "updated_at"];

fn from_row(row: &AnyRow) -> StoreResult<Pipeline> {
    Ok(Pipeline {
        id: col(row, "id")?,
        name: col(row, "name")?,
        version: col(row, "version")?,
        definition: json_col(row, "definition")?,
        owner_id: col(row, "owner_id")?,
        created_by: col(row, "created_by")?,
        created_at: from_micros(col(row, "created_at")?)?,
        updated_at: from_micros(col(row, "updated_at")?)?,
    })
}

pub async fn insert(c: &mut Conn<'_>, p: &Pipeline) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table(P)
        .columns(COLUMNS)
        .values_panic([
            p.id.clone().into(),
            p.name.clone().into(),
            p.version.into(),
            to_json(&p.definition).into(),
            p.owner_id.clone().into(),
            p.created_by.clone().into(),
            to_micros(p.created_at).into(),
            to_micros(p.updated_at).into(),
        ])
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

pub async fn get(c: &mut Conn<'_>, name: &str) -> StoreResult<Option<Pipeline>> {
    let stmt = Query::select().columns(COLUMNS).from(P).and_where(Expr::col("name").eq(name)).to_owned();
    c.fetch_optional(&stmt).await?.as_ref().map(from_row).transpose()
}

pub async fn get_by_id(c: &mut Conn<'_>, id: &str) -> StoreResult<Option<Pipeline>> {
    let stmt = Query::select().columns(COLUMNS).from(P).and_where(Expr::col("id").eq(id)).to_owned();
    c.fetch_optional(&stmt).await?.as_ref().map(from_row).transpose()
}

pub async fn list(c: &mut Conn<'_>, after: Option<&str>, limit: u64) -> StoreResult<Vec<Pipeline>> {
    let mut stmt = Query::select().columns(COLUMNS).from(P).order_by("name", Order::Asc).limit(limit).to_owned();
    if let Some(after) = after {
        stmt.and_where(Expr::col("name").gt(after));
    }
    c.fetch_all(&stmt).await?.iter().map(from_row).collect()
}

/// Writes the pipeline's new definition if it is still at `expected` (false otherwise).
pub async fn update_if_version(c: &mut Conn<'_>, p: &Pipeline, expected: i64) -> StoreResult<bool> {
    let stmt = Query::update()
        .table(P)
        .values([
            ("version", p.version.into()),
            ("definition", to_json(&p.definition).into()),
            ("updated_at", to_micros(p.updated_at).into()),
        ])
        .and_where(Expr::col("id").eq(p.id.as_str()))
        .and_where(Expr::col("version").eq(expected))
        .to_owned();
    Ok(c.execute(&stmt).await? == 1)
}

/// Deletes the pipeline with its versions, runs, bookmarks and lineage.
pub async fn delete(c: &mut Conn<'_>, id: &str) -> StoreResult<()> {
    for table in [V, R, B, PENDING, "lineage_edges"] {
        c.execute(&Query::delete().from_table(table).and_where(Expr::col("pipeline_id").eq(id)).to_owned()).await?;
    }
    c.execute(&Query::delete().from_table(P).and_where(Expr::col("id").eq(id)).to_owned()).await?;
    Ok(())
}

pub async fn insert_version(c: &mut Conn<'_>, pipeline_id: &str, v: &PipelineVersion) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table(V)
        .columns(["pipeline_id", "version", "author", "created_at", "definition", "summary"])
        .values_panic([
            pipeline_id.into(),
            v.version.into(),
            v.author.clone().into(),
            to_micros(v.created_at).into(),
            to_json(&v.definition).into(),
            v.summary.clone().into(),
        ])
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

fn version_from_row(row: &AnyRow) -> StoreResult<PipelineVersion> {
    Ok(PipelineVersion {
        version: col(row, "version")?,
        author: col(row, "author")?,
        created_at: from_micros(col(row, "created_at")?)?,
        definition: json_col(row, "definition")?,
        summary: col(row, "summary")?,
    })
}

pub async fn versions(c: &mut Conn<'_>, pipeline_id: &str) -> StoreResult<Vec<PipelineVersion>> {
    let stmt = Query::select()
        .columns(["version", "author", "created_at", "definition", "summary"])
        .from(V)
        .and_where(Expr::col("pipeline_id").eq(pipeline_id))
        .order_by("version", Order::Asc)
        .to_owned();
    c.fetch_all(&stmt).await?.iter().map(version_from_row).collect()
}

const RUN_COLUMNS: [&str; 12] = [
    "id",
    "pipeline_id",
    "version",
    "trigger_kind",
    "status",
    "attempt",
    "started_at",
    "finished_at",
    "steps",
    "logs",
    "message",
    "replay",
];

fn run_from_row(row: &AnyRow) -> StoreResult<PipelineRun> {
    Ok(PipelineRun {
        id: col(row, "id")?,
        pipeline_id: col(row, "pipeline_id")?,
        version: col(row, "version")?,
        trigger: col(row, "trigger_kind")?,
        status: col(row, "status")?,
        attempt: u32::try_from(col::<i64>(row, "attempt")?).unwrap_or(0),
        started_at: from_micros(col(row, "started_at")?)?,
        finished_at: col::<Option<i64>>(row, "finished_at")?.map(from_micros).transpose()?,
        steps: json_col(row, "steps")?,
        logs: json_col(row, "logs")?,
        message: col(row, "message")?,
        replay: col::<Option<String>>(row, "replay")?
            .map(|text| serde_json::from_str(&text))
            .transpose()
            .map_err(|e| crate::store::StoreError::Corrupt(format!("pipeline run replay: {e}")))?,
    })
}

/// Records (or, for a later attempt of the same run, replaces) a run's detail.
pub async fn save_run(c: &mut Conn<'_>, run: &PipelineRun) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table(R)
        .columns(RUN_COLUMNS)
        .values_panic([
            run.id.clone().into(),
            run.pipeline_id.clone().into(),
            run.version.into(),
            run.trigger.clone().into(),
            run.status.clone().into(),
            i64::from(run.attempt).into(),
            to_micros(run.started_at).into(),
            run.finished_at.map(to_micros).into(),
            to_json(&run.steps).into(),
            to_json(&run.logs).into(),
            run.message.clone().into(),
            run.replay.as_ref().map(to_json).into(),
        ])
        .on_conflict(
            OnConflict::column("id")
                .update_columns([
                    "version",
                    "status",
                    "attempt",
                    "started_at",
                    "finished_at",
                    "steps",
                    "logs",
                    "message",
                ])
                .to_owned(),
        )
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

pub async fn run(c: &mut Conn<'_>, id: &str) -> StoreResult<Option<PipelineRun>> {
    let stmt = Query::select().columns(RUN_COLUMNS).from(R).and_where(Expr::col("id").eq(id)).to_owned();
    c.fetch_optional(&stmt).await?.as_ref().map(run_from_row).transpose()
}

/// Newest first.
pub async fn runs(c: &mut Conn<'_>, pipeline_id: &str, limit: u64) -> StoreResult<Vec<PipelineRun>> {
    let stmt = Query::select()
        .columns(RUN_COLUMNS)
        .from(R)
        .and_where(Expr::col("pipeline_id").eq(pipeline_id))
        .order_by("started_at", Order::Desc)
        .order_by("id", Order::Desc)
        .limit(limit)
        .to_owned();
    c.fetch_all(&stmt).await?.iter().map(run_from_row).collect()
}

/// The event-stream position up to which `table` has been read by the pipeline (0: never).
pub async fn bookmark(c: &mut Conn<'_>, pipeline_id: &str, table: &str) -> StoreResult<i64> {
    let stmt = Query::select()
        .column("position")
        .from(B)
        .and_where(Expr::col("pipeline_id").eq(pipeline_id))
        .and_where(Expr::col("table_name").eq(table))
        .to_owned();
    Ok(match c.fetch_optional(&stmt).await? {
        Some(row) => col(&row, "position")?,
        None => 0,
    })
}

pub async fn set_bookmark(c: &mut Conn<'_>, pipeline_id: &str, table: &str, position: i64) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table(B)
        .columns(["pipeline_id", "table_name", "position"])
        .values_panic([pipeline_id.into(), table.into(), position.into()])
        .on_conflict(OnConflict::columns(["pipeline_id", "table_name"]).update_column("position").to_owned())
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Forgets the pipeline's bookmarks: of `table` only, or all of them.
pub async fn reset_bookmarks(c: &mut Conn<'_>, pipeline_id: &str, table: Option<&str>) -> StoreResult<()> {
    let mut stmt = Query::delete().from_table(B).and_where(Expr::col("pipeline_id").eq(pipeline_id)).to_owned();
    if let Some(table) = table {
        stmt.and_where(Expr::col("table_name").eq(table));
    }
    c.execute(&stmt).await?;
    Ok(())
}

/// Counts `files` more committed files towards the pipeline's data trigger.
pub async fn add_pending(
    c: &mut Conn<'_>,
    pipeline_id: &str,
    files: i64,
    at: chrono::DateTime<chrono::Utc>,
) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table(PENDING)
        .columns(["pipeline_id", "files", "first_at"])
        .values_panic([pipeline_id.into(), files.into(), to_micros(at).into()])
        .on_conflict(
            OnConflict::column("pipeline_id").value("files", Expr::col((PENDING, "files")).add(files)).to_owned(),
        )
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Every pipeline with pending files: (pipeline id, files, first file's time).
pub async fn pending(c: &mut Conn<'_>) -> StoreResult<Vec<(String, i64, chrono::DateTime<chrono::Utc>)>> {
    let stmt = Query::select().columns(["pipeline_id", "files", "first_at"]).from(PENDING).to_owned();
    c.fetch_all(&stmt)
        .await?
        .iter()
        .map(|row| Ok((col(row, "pipeline_id")?, col(row, "files")?, from_micros(col(row, "first_at")?)?)))
        .collect()
}

/// Takes the pending count if it is still `files` (one replica wins); true if taken.
pub async fn take_pending(c: &mut Conn<'_>, pipeline_id: &str, files: i64) -> StoreResult<bool> {
    let stmt = Query::delete()
        .from_table(PENDING)
        .and_where(Expr::col("pipeline_id").eq(pipeline_id))
        .and_where(Expr::col("files").eq(files))
        .to_owned();
    Ok(c.execute(&stmt).await? == 1)
}

pub async fn delete_run(c: &mut Conn<'_>, id: &str) -> StoreResult<()> {
    c.execute(&Query::delete().from_table(R).and_where(Expr::col("id").eq(id)).to_owned()).await?;
    Ok(())
}
