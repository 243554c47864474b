//! `/v1/crawlers`: define crawlers, start runs, read their history.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::AppState;
use super::error::{ApiResult, Problem};
use super::extract::{Caller, Json as JsonBody, Path, Query};
use crate::domain::crawler::{Crawler, CrawlerRun, DeletedFolderPolicy, RunIssue, RunStats, SchemaChangePolicy};
use crate::domain::table::Zone;
use crate::service::crawlers::CrawlerInput;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCrawlerRequest {
    #[schema(pattern = "^[a-z][a-z0-9_]*$", min_length = 1, max_length = 128)]
    pub name: String,
    /// A location in the lake: `s3://bucket/prefix/raw/sales` or relative to the lake, `raw/sales`.
    /// Each folder directly below it becomes a table.
    pub location: String,
    /// The database the tables go into.
    #[schema(pattern = "^[a-z][a-z0-9_]*$", min_length = 1, max_length = 128)]
    pub database: String,
    /// Zone of the tables it creates [default: raw].
    #[serde(default)]
    #[schema(value_type = super::tables::ZoneDto)]
    pub zone: Zone,
    /// `update` (new table version), `log` or `fail` [default: update].
    #[serde(default)]
    #[schema(value_type = super::schema::SchemaChange)]
    pub schema_change: SchemaChangePolicy,
    /// For tables whose folder is gone: `deprecate`, `delete` or `ignore` [default: deprecate].
    /// `delete` also deletes partitions whose folders held files at the previous run and hold none now.
    #[serde(default)]
    #[schema(value_type = super::schema::DeletedFolders)]
    pub deleted_folders: DeletedFolderPolicy,
    /// Cron expression in UTC, e.g. `0 */6 * * *`.
    pub schedule: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CrawlerResponse {
    pub name: String,
    pub location: String,
    pub database: String,
    pub zone: String,
    pub schema_change: String,
    pub deleted_folders: String,
    pub schedule: Option<String>,
    /// The principal it runs as.
    pub owner: String,
    pub created_at: DateTime<Utc>,
}

impl From<Crawler> for CrawlerResponse {
    fn from(c: Crawler) -> Self {
        Self {
            zone: c.zone.as_str().to_owned(),
            schema_change: c.schema_change.as_str().to_owned(),
            deleted_folders: c.deleted_folders.as_str().to_owned(),
            name: c.name,
            location: c.location,
            database: c.database,
            schedule: c.schedule,
            owner: c.created_by,
            created_at: c.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CrawlerList {
    pub crawlers: Vec<CrawlerResponse>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RunResponse {
    pub id: String,
    /// `manual` or `schedule`.
    pub trigger: String,
    /// `running`, `succeeded` or `failed`.
    pub status: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    #[schema(value_type = Object)]
    pub stats: RunStats,
    /// Files that could not be used and tables that could not be written.
    #[schema(value_type = Vec<Object>)]
    pub errors: Vec<RunIssue>,
    pub message: Option<String>,
}

impl From<CrawlerRun> for RunResponse {
    fn from(r: CrawlerRun) -> Self {
        Self {
            id: r.id,
            trigger: r.trigger,
            status: r.status.as_str().to_owned(),
            started_at: r.started_at,
            finished_at: r.finished_at,
            stats: r.stats,
            errors: r.errors,
            message: r.message,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RunList {
    pub runs: Vec<RunResponse>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RunParams {
    /// Newest first [default: 20].
    #[param(minimum = 1, maximum = 1000)]
    pub max_results: Option<u32>,
}

/// Create a crawler
///
/// Defines a crawler that scans a lake location and makes each folder directly below it a table in
/// the target database, on demand or on a cron `schedule`. Needs DATA_LOCATION_ACCESS on the
/// location and CREATE_TABLE on the database; the crawler runs as its creator.
#[utoipa::path(post, path = "/v1/crawlers", operation_id = "crawler.create", tag = "crawlers", request_body = CreateCrawlerRequest,
    responses((status = 201, body = CrawlerResponse), (status = "4XX", body = Problem)))]
pub async fn create_crawler(
    State(s): State<AppState>,
    Caller(c): Caller,
    JsonBody(b): JsonBody<CreateCrawlerRequest>,
) -> ApiResult<(StatusCode, Json<CrawlerResponse>)> {
    let input = CrawlerInput {
        name: b.name,
        location: b.location,
        database: b.database,
        zone: b.zone,
        schema_change: b.schema_change,
        deleted_folders: b.deleted_folders,
        schedule: b.schedule,
    };
    Ok((StatusCode::CREATED, Json(s.crawlers.create(&c, input).await?.into())))
}

/// List crawlers
///
/// Returns the caller's own crawlers, or every crawler for holders of the crawler.read permission
/// (roles lake_admin and read_only_admin).
#[utoipa::path(get, path = "/v1/crawlers", operation_id = "crawler.list", tag = "crawlers",
    responses((status = 200, body = CrawlerList), (status = "4XX", body = Problem)))]
pub async fn list_crawlers(State(s): State<AppState>, Caller(c): Caller) -> ApiResult<Json<CrawlerList>> {
    let crawlers = s.crawlers.list(&c).await?.into_iter().map(Into::into).collect();
    Ok(Json(CrawlerList { crawlers }))
}

/// Get a crawler
///
/// Returns one crawler's definition. Callers see their own crawlers, and every crawler with the
/// crawler.read permission (lake_admin, read_only_admin); others are reported as 404.
#[utoipa::path(get, path = "/v1/crawlers/{name}", operation_id = "crawler.get", tag = "crawlers", params(("name" = String, Path)),
    responses((status = 200, body = CrawlerResponse), (status = "4XX", body = Problem)))]
pub async fn get_crawler(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path(name): Path<String>,
) -> ApiResult<Json<CrawlerResponse>> {
    Ok(Json(s.crawlers.get(&c, &name).await?.into()))
}

/// Delete a crawler
///
/// Deletes the crawler and its schedule; the tables it created stay. Allowed to its owner and to
/// holders of the crawler.manage permission (lake_admin); a crawler the caller may not see is
/// reported as 404.
#[utoipa::path(delete, path = "/v1/crawlers/{name}", operation_id = "crawler.delete", tag = "crawlers", params(("name" = String, Path)),
    responses((status = 204), (status = "4XX", body = Problem)))]
pub async fn delete_crawler(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path(name): Path<String>,
) -> ApiResult<StatusCode> {
    s.crawlers.delete(&c, &name).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Start a crawler run
///
/// Starts a manual run now and answers 202 with the run as it begins; the run goes on in the
/// background (follow it in the run history). Allowed to the crawler's owner and to holders of the
/// crawler.manage permission (lake_admin). Gives 409 `crawler_running` while a run is already
/// going.
#[utoipa::path(post, path = "/v1/crawlers/{name}/run", operation_id = "crawler.run", tag = "crawlers", params(("name" = String, Path)),
    responses((status = 202, body = RunResponse), (status = "4XX", body = Problem)))]
pub async fn run_crawler(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path(name): Path<String>,
) -> ApiResult<(StatusCode, Json<RunResponse>)> {
    Ok((StatusCode::ACCEPTED, Json(s.crawlers.start(&c, &name).await?.into())))
}

/// List a crawler's runs
///
/// Returns the crawler's runs newest first, with their status, statistics and errors; `max_results`
/// limits how many (default 20). Visible to the crawler's owner and to holders of the crawler.read
/// permission.
#[utoipa::path(get, path = "/v1/crawlers/{name}/runs", operation_id = "crawler_run.list", tag = "crawlers", params(("name" = String, Path), RunParams),
    responses((status = 200, body = RunList), (status = "4XX", body = Problem)))]
pub async fn list_runs(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path(name): Path<String>,
    Query(p): Query<RunParams>,
) -> ApiResult<Json<RunList>> {
    let runs = s.crawlers.runs(&c, &name, p.max_results.unwrap_or(20)).await?;
    Ok(Json(RunList { runs: runs.into_iter().map(Into::into).collect() }))
}
