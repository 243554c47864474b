//! `/v1/pipelines/{name}/versions`: a pipeline's definitions as they were, and what changed
//! between any two of them.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::AppState;
use super::error::{ApiResult, Problem};
use super::extract::{Caller, Path, Query};
use super::pipeline_schema::{PipelineStep, PipelineTrigger};
use crate::domain::pipeline::changes::PipelineChange;
use crate::domain::pipeline::run::PipelineVersion;
use crate::domain::pipeline::{Step, Trigger};

#[derive(Debug, Serialize, ToSchema)]
pub struct PipelineVersionResponse {
    pub version: i64,
    pub author: String,
    pub created_at: DateTime<Utc>,
    /// What changed from the version before.
    pub summary: String,
    #[schema(value_type = Vec<PipelineStep>)]
    pub steps: Vec<Step>,
    #[schema(value_type = Vec<PipelineTrigger>)]
    pub triggers: Vec<Trigger>,
}

impl From<PipelineVersion> for PipelineVersionResponse {
    fn from(v: PipelineVersion) -> Self {
        Self {
            version: v.version,
            author: v.author,
            created_at: v.created_at,
            summary: v.summary,
            steps: v.definition.steps,
            triggers: v.definition.triggers,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PipelineVersionList {
    pub versions: Vec<PipelineVersionResponse>,
}

/// List a pipeline's versions
///
/// Every version of the definition, oldest first, each with what changed from the one before.
#[utoipa::path(get, path = "/v1/pipelines/{name}/versions", operation_id = "pipeline.versions", tag = "pipelines",
    params(("name" = String, Path)),
    responses((status = 200, body = PipelineVersionList), (status = "4XX", body = Problem)))]
pub async fn list_versions(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path(name): Path<String>,
) -> ApiResult<Json<PipelineVersionList>> {
    let versions = s.pipelines.versions(&c, &name).await?.into_iter().map(Into::into).collect();
    Ok(Json(PipelineVersionList { versions }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PipelineDiffParams {
    /// The older version to compare with.
    #[param(minimum = 1)]
    pub from: i64,
}

/// One difference between two versions.
#[derive(Debug, Serialize, ToSchema)]
pub struct PipelineChangeResponse {
    /// `added`, `removed` or `changed`.
    pub kind: String,
    /// `step`, or the setting that changed: `triggers`, `incremental`, `retry`,
    /// `timeout_seconds`, `memory_limit_mb`, `max_concurrent_runs`, `description`.
    pub subject: String,
    /// The step's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The step or setting in the older version (absent when added).
    #[schema(value_type = Option<Object>)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<serde_json::Value>,
    /// ...and in this version (absent when removed).
    #[schema(value_type = Option<Object>)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<serde_json::Value>,
}

impl From<PipelineChange> for PipelineChangeResponse {
    fn from(c: PipelineChange) -> Self {
        Self { kind: c.kind.to_owned(), subject: c.subject.to_owned(), name: c.name, before: c.before, after: c.after }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PipelineDiffResponse {
    pub from_version: i64,
    pub to_version: i64,
    pub changes: Vec<PipelineChangeResponse>,
}

/// Compare two pipeline versions
///
/// What changed from version `from` to this version: each step added, removed or changed
/// (with both sides) and each setting that differs.
#[utoipa::path(get, path = "/v1/pipelines/{name}/versions/{version}/diff", operation_id = "pipeline.diff", tag = "pipelines",
    params(("name" = String, Path), ("version" = i64, Path), PipelineDiffParams),
    responses((status = 200, body = PipelineDiffResponse), (status = "4XX", body = Problem)))]
pub async fn diff_versions(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path((name, version)): Path<(String, i64)>,
    Query(params): Query<PipelineDiffParams>,
) -> ApiResult<Json<PipelineDiffResponse>> {
    let changes = s.pipelines.diff_versions(&c, &name, params.from, version).await?;
    Ok(Json(PipelineDiffResponse {
        from_version: params.from,
        to_version: version,
        changes: changes.into_iter().map(Into::into).collect(),
    }))
}
