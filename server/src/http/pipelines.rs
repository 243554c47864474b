//! `/v1/pipelines`: define pipelines (versioned, `If-Match` on update), start and cancel runs,
//! read their history, reset bookmarks.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::AppState;
use super::error::{ApiError, ApiResult, ErrorCode, Problem};
use super::extract::{Caller, Json as JsonBody, Path, Query};
use super::pipeline_schema::{PipelineRetry, PipelineStep, PipelineTrigger};
use crate::domain::pipeline::run::{Pipeline, PipelineRun, QualityResult, Replay, RuleOutcome, StepRun};
use crate::domain::pipeline::{PipelineDefinition, RetrySpec, Step, Trigger};
use crate::service::pipelines::etag;

/// A pipeline as it is sent: its name (needed to create it; on a replace, the path's name if
/// given) and its definition.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DefinitionBody {
    #[schema(pattern = "^[a-z][a-z0-9_]*$", min_length = 1, max_length = 128)]
    pub name: Option<String>,
    pub description: Option<String>,
    /// The DAG's steps; `write` steps publish, the others are read by name.
    #[schema(value_type = Vec<PipelineStep>, min_items = 1, max_items = 100)]
    pub steps: Vec<Step>,
    #[serde(default)]
    #[schema(value_type = Vec<PipelineTrigger>)]
    pub triggers: Vec<Trigger>,
    /// Input tables (`database.table`) read only for files committed since the last successful run.
    #[serde(default)]
    pub incremental: Vec<String>,
    #[serde(default)]
    #[schema(value_type = PipelineRetry)]
    pub retry: RetrySpec,
    /// [default: 3600]
    #[schema(minimum = 1, maximum = 604800)]
    pub timeout_seconds: Option<u64>,
    /// Memory the run's engine holds before it spills to disk [default: the server's query memory].
    #[schema(minimum = 16, maximum = 1048576)]
    pub memory_limit_mb: Option<u64>,
    /// Runs that may run at once; more wait queued [default: 1]. Above 1 only for pipelines
    /// that only append and read no input incrementally.
    #[schema(minimum = 1, maximum = 16)]
    pub max_concurrent_runs: Option<u32>,
}

impl From<DefinitionBody> for PipelineDefinition {
    fn from(b: DefinitionBody) -> Self {
        Self {
            description: b.description,
            steps: b.steps,
            triggers: b.triggers,
            incremental: b.incremental,
            retry: b.retry,
            timeout_seconds: b.timeout_seconds.unwrap_or(3600),
            memory_limit_mb: b.memory_limit_mb,
            max_concurrent_runs: b.max_concurrent_runs.unwrap_or(1),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PipelineResponse {
    pub name: String,
    pub version: i64,
    /// Send back in `If-Match` to update this version.
    pub etag: String,
    /// The principal it runs as.
    pub owner: String,
    pub description: Option<String>,
    #[schema(value_type = Vec<PipelineStep>)]
    pub steps: Vec<Step>,
    #[schema(value_type = Vec<PipelineTrigger>)]
    pub triggers: Vec<Trigger>,
    pub incremental: Vec<String>,
    #[schema(value_type = PipelineRetry)]
    pub retry: RetrySpec,
    pub timeout_seconds: u64,
    pub memory_limit_mb: Option<u64>,
    pub max_concurrent_runs: u32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Pipeline> for PipelineResponse {
    fn from(p: Pipeline) -> Self {
        let etag = etag(&p);
        let d = p.definition;
        Self {
            name: p.name,
            version: p.version,
            etag,
            owner: p.created_by,
            description: d.description,
            steps: d.steps,
            triggers: d.triggers,
            incremental: d.incremental,
            retry: d.retry,
            timeout_seconds: d.timeout_seconds,
            memory_limit_mb: d.memory_limit_mb,
            max_concurrent_runs: d.max_concurrent_runs,
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

fn with_etag(status: StatusCode, p: Pipeline) -> Response {
    let tag = etag(&p);
    let mut response = (status, Json(PipelineResponse::from(p))).into_response();
    if let Ok(value) = HeaderValue::from_str(&tag) {
        response.headers_mut().insert(header::ETAG, value);
    }
    response
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PipelineList {
    pub pipelines: Vec<PipelineResponse>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RuleOutcomeResponse {
    pub rule: String,
    pub action: String,
    pub passed: bool,
    pub value: Option<f64>,
    pub failing_rows: Option<u64>,
    pub message: Option<String>,
}

impl From<RuleOutcome> for RuleOutcomeResponse {
    fn from(r: RuleOutcome) -> Self {
        Self {
            rule: r.rule,
            action: r.action,
            passed: r.passed,
            value: r.value,
            failing_rows: r.failing_rows,
            message: r.message,
        }
    }
}

/// A table's latest data-quality result: rules passed of rules evaluated, per rule.
#[derive(Debug, Serialize, ToSchema)]
pub struct QualityResponse {
    /// passed / total.
    pub score: f64,
    pub passed: u64,
    pub total: u64,
    pub pipeline: String,
    pub step: String,
    pub run: String,
    pub measured_at: DateTime<Utc>,
    pub rules: Vec<RuleOutcomeResponse>,
}

impl From<QualityResult> for QualityResponse {
    fn from(q: QualityResult) -> Self {
        Self {
            score: q.score(),
            passed: q.passed,
            total: q.total,
            pipeline: q.pipeline,
            step: q.step,
            run: q.run_id,
            measured_at: q.created_at,
            rules: q.rules.into_iter().map(Into::into).collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StepRunResponse {
    pub name: String,
    pub kind: String,
    /// `running`, `succeeded` or `failed`.
    pub status: String,
    pub rows_in: u64,
    pub rows_out: u64,
    pub rows_quarantined: u64,
    pub bytes_written: u64,
    pub duration_ms: u64,
    pub rules: Vec<RuleOutcomeResponse>,
    pub message: Option<String>,
}

impl From<StepRun> for StepRunResponse {
    fn from(s: StepRun) -> Self {
        Self {
            name: s.name,
            kind: s.kind,
            status: s.status,
            rows_in: s.rows_in,
            rows_out: s.rows_out,
            rows_quarantined: s.rows_quarantined,
            bytes_written: s.bytes_written,
            duration_ms: s.duration_ms,
            rules: s.rules.into_iter().map(Into::into).collect(),
            message: s.message,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PipelineRunResponse {
    pub id: String,
    /// The definition version it runs.
    pub version: i64,
    /// `manual`, `replay`, `schedule`, `data` or `pipeline`.
    pub trigger: String,
    /// `queued`, `running`, `succeeded`, `failed`, `cancelled` or `timed_out`.
    pub status: String,
    pub attempt: u32,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub steps: Vec<StepRunResponse>,
    pub logs: Vec<String>,
    pub message: Option<String>,
    /// What a replay run reads again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replay: Option<ReplayResponse>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReplayResponse {
    pub table: String,
    pub partitions: String,
}

impl From<PipelineRun> for PipelineRunResponse {
    fn from(r: PipelineRun) -> Self {
        Self {
            id: r.id,
            version: r.version,
            trigger: r.trigger,
            status: r.status,
            attempt: r.attempt,
            started_at: r.started_at,
            finished_at: r.finished_at,
            steps: r.steps.into_iter().map(Into::into).collect(),
            logs: r.logs,
            message: r.message,
            replay: r.replay.map(|p| ReplayResponse { table: p.table, partitions: p.partitions }),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PipelineRunList {
    pub runs: Vec<PipelineRunResponse>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RunParams {
    /// Newest first [default: 20].
    #[param(minimum = 1, maximum = 1000)]
    pub max_results: Option<u32>,
}

/// Create a pipeline
///
/// Defines a pipeline: a DAG of `sql`, `transform`, `validate` and `write` steps with triggers,
/// retries and incremental inputs. It runs as its creator; creating it plans every step as the
/// creator, so it needs SELECT on every table it reads, INSERT on every existing table it writes
/// and CREATE_TABLE where a table is still to be created. A definition that cannot be planned is
/// 400 `invalid_pipeline` and nothing is stored.
#[utoipa::path(post, path = "/v1/pipelines", operation_id = "pipeline.create", tag = "pipelines", request_body = DefinitionBody,
    responses((status = 201, body = PipelineResponse), (status = "4XX", body = Problem)))]
pub async fn create_pipeline(
    State(s): State<AppState>,
    Caller(c): Caller,
    JsonBody(b): JsonBody<DefinitionBody>,
) -> ApiResult<Response> {
    let Some(name) = b.name.clone() else {
        return Err(ApiError::new(ErrorCode::InvalidRequest, "a pipeline needs a `name`"));
    };
    let p = s.pipelines.create(&c, &name, b.into()).await?;
    Ok(with_etag(StatusCode::CREATED, p))
}

/// List pipelines
///
/// The caller's own pipelines, or every pipeline with the pipeline.read permission (lake_admin,
/// read_only_admin).
#[utoipa::path(get, path = "/v1/pipelines", operation_id = "pipeline.list", tag = "pipelines",
    responses((status = 200, body = PipelineList), (status = "4XX", body = Problem)))]
pub async fn list_pipelines(State(s): State<AppState>, Caller(c): Caller) -> ApiResult<Json<PipelineList>> {
    let pipelines = s.pipelines.list(&c).await?.into_iter().map(Into::into).collect();
    Ok(Json(PipelineList { pipelines }))
}

/// Get a pipeline
///
/// One pipeline's current definition, with its `ETag`. Others' pipelines are 404 without the
/// pipeline.read permission.
#[utoipa::path(get, path = "/v1/pipelines/{name}", operation_id = "pipeline.get", tag = "pipelines", params(("name" = String, Path)),
    responses((status = 200, body = PipelineResponse), (status = "4XX", body = Problem)))]
pub async fn get_pipeline(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path(name): Path<String>,
) -> ApiResult<Response> {
    Ok(with_etag(StatusCode::OK, s.pipelines.get(&c, &name).await?))
}

/// Replace a pipeline's definition
///
/// Writes a new version of the definition, planned as the pipeline's owner. Needs `If-Match` with
/// the current `ETag` (428 without, 412 `version_mismatch` when stale).
#[utoipa::path(put, path = "/v1/pipelines/{name}", operation_id = "pipeline.update", tag = "pipelines",
    params(("name" = String, Path), ("If-Match" = String, Header, description = "ETag of the version this update is based on")),
    request_body = DefinitionBody,
    responses((status = 200, body = PipelineResponse), (status = "4XX", body = Problem)))]
pub async fn update_pipeline(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path(name): Path<String>,
    headers: HeaderMap,
    JsonBody(b): JsonBody<DefinitionBody>,
) -> ApiResult<Response> {
    if b.name.as_ref().is_some_and(|n| *n != name) {
        return Err(ApiError::new(ErrorCode::InvalidRequest, "the body names another pipeline than the path"));
    }
    let if_match = headers.get(header::IF_MATCH).and_then(|v| v.to_str().ok());
    Ok(with_etag(StatusCode::OK, s.pipelines.update(&c, &name, if_match, b.into()).await?))
}

/// Delete a pipeline
///
/// Deletes the pipeline with its versions, runs, bookmarks and lineage; the tables it wrote stay.
/// 409 `pipeline_running` while a run is going.
#[utoipa::path(delete, path = "/v1/pipelines/{name}", operation_id = "pipeline.delete", tag = "pipelines", params(("name" = String, Path)),
    responses((status = 204), (status = "4XX", body = Problem)))]
pub async fn delete_pipeline(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path(name): Path<String>,
) -> ApiResult<StatusCode> {
    s.pipelines.delete(&c, &name).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Start a pipeline run
///
/// Starts a run now and answers 202 with it as it begins; follow it with the run endpoints.
/// While the pipeline runs as many runs as its `max_concurrent_runs`, the run is queued
/// (status `queued`) and starts when one ends, in order; 409 `pipeline_running` when 100
/// wait already.
///
/// With a body `{"replay": {"table": "db.t", "partitions": "day >= '2024-01-01'"}}` the run
/// reads that input's matching partitions only (all their files, whatever its bookmark) and
/// leaves its bookmark where it is: downstream processing replayed after an error or a loss.
#[utoipa::path(post, path = "/v1/pipelines/{name}/run", operation_id = "pipeline.run", tag = "pipelines", params(("name" = String, Path)),
    request_body(content = Option<RunRequest>, description = "optional: a replay"),
    responses((status = 202, body = PipelineRunResponse), (status = "4XX", body = Problem)))]
pub async fn run_pipeline(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path(name): Path<String>,
    body: Option<JsonBody<RunRequest>>,
) -> ApiResult<(StatusCode, Json<PipelineRunResponse>)> {
    let replay = body.and_then(|JsonBody(b)| b.replay).map(Replay::from);
    Ok((StatusCode::ACCEPTED, Json(s.pipelines.start(&c, &name, replay).await?.into())))
}

/// How to start a run.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RunRequest {
    /// Read one input's matching partitions again, leaving its bookmark.
    pub replay: Option<ReplayBody>,
}

/// An input of the pipeline and a filter on its partition keys.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplayBody {
    /// `database.table`
    #[schema(min_length = 3, max_length = 300)]
    pub table: String,
    /// A partition filter, as `GET .../partitions?filter=` takes.
    #[schema(min_length = 1, max_length = 10000)]
    pub partitions: String,
}

impl From<ReplayBody> for Replay {
    fn from(b: ReplayBody) -> Self {
        Self { table: b.table, partitions: b.partitions }
    }
}

/// List a pipeline's runs
///
/// Newest first, queued ones included, with each step's rows, bytes, duration and rule outcomes.
#[utoipa::path(get, path = "/v1/pipelines/{name}/runs", operation_id = "pipeline.runs", tag = "pipelines",
    params(("name" = String, Path), RunParams),
    responses((status = 200, body = PipelineRunList), (status = "4XX", body = Problem)))]
pub async fn list_runs(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path(name): Path<String>,
    Query(params): Query<RunParams>,
) -> ApiResult<Json<PipelineRunList>> {
    let max = params.max_results.unwrap_or(20);
    if !(1..=1000).contains(&max) {
        return Err(ApiError::new(ErrorCode::InvalidRequest, "max_results must be between 1 and 1000"));
    }
    let runs = s.pipelines.runs(&c, &name, max).await?;
    Ok(Json(PipelineRunList { runs: runs.into_iter().map(Into::into).collect() }))
}

/// Get a pipeline run
///
/// One run with its steps and logs.
#[utoipa::path(get, path = "/v1/pipelines/{name}/runs/{run}", operation_id = "pipeline.run_get", tag = "pipelines",
    params(("name" = String, Path), ("run" = String, Path)),
    responses((status = 200, body = PipelineRunResponse), (status = "4XX", body = Problem)))]
pub async fn get_run(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path((name, run)): Path<(String, String)>,
) -> ApiResult<Json<PipelineRunResponse>> {
    Ok(Json(s.pipelines.run(&c, &name, &run).await?.into()))
}

/// Cancel a pipeline run
///
/// Stops a queued or running run (on whichever replica runs it) and returns it as it stands.
#[utoipa::path(post, path = "/v1/pipelines/{name}/runs/{run}/cancel", operation_id = "pipeline.cancel", tag = "pipelines",
    params(("name" = String, Path), ("run" = String, Path)),
    responses((status = 200, body = PipelineRunResponse), (status = "4XX", body = Problem)))]
pub async fn cancel_run(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path((name, run)): Path<(String, String)>,
) -> ApiResult<Json<PipelineRunResponse>> {
    Ok(Json(s.pipelines.cancel(&c, &name, &run).await?.into()))
}

/// Reset a pipeline's bookmarks
///
/// Its incremental inputs are read in full by the next run: all of them, or with a body
/// `{"table": "db.t"}` that one.
#[utoipa::path(post, path = "/v1/pipelines/{name}/bookmarks/reset", operation_id = "pipeline.reset_bookmarks", tag = "pipelines",
    params(("name" = String, Path)),
    request_body(content = Option<ResetBookmarksRequest>, description = "optional: one input"),
    responses((status = 204), (status = "4XX", body = Problem)))]
pub async fn reset_bookmarks(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path(name): Path<String>,
    body: Option<JsonBody<ResetBookmarksRequest>>,
) -> ApiResult<StatusCode> {
    let table = body.and_then(|JsonBody(b)| b.table);
    s.pipelines.reset_bookmarks(&c, &name, table.as_deref()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Which bookmark to reset.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetBookmarksRequest {
    /// An incremental input (`database.table`) [default: every one].
    #[schema(min_length = 3, max_length = 300)]
    pub table: Option<String>,
}
