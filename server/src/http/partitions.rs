//! `/v1/databases/{db}/tables/{table}/partitions`: batch add, filtered list, batch delete.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::AppState;
use super::error::{ApiResult, Problem};
use super::extract::{Caller, Json, Path, Query};
use super::tables::FormatDto;
use crate::domain::partition::Partition;
use crate::service::partitions::PartitionInput;

/// A partition value as sent: text, or a JSON number or boolean for convenience.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum ValueDto {
    Text(String),
    #[schema(value_type = f64)]
    Number(serde_json::Number),
    Bool(bool),
}

impl ValueDto {
    fn into_text(self) -> String {
        match self {
            Self::Text(s) => s,
            Self::Number(n) => n.to_string(),
            Self::Bool(b) => b.to_string(),
        }
    }
}

fn texts(values: Vec<ValueDto>) -> Vec<String> {
    values.into_iter().map(ValueDto::into_text).collect()
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartitionSpec {
    /// One value per partition key, in key order.
    pub values: Vec<ValueDto>,
    pub location: Option<String>,
    /// Overrides the table's format for this partition's files.
    pub format: Option<FormatDto>,
    #[serde(default)]
    pub parameters: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddPartitionsRequest {
    /// 1 to 1000 partitions, added all together or not at all.
    pub partitions: Vec<PartitionSpec>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartitionValues {
    pub values: Vec<ValueDto>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeletePartitionsRequest {
    /// 1 to 1000 partitions, deleted all together or not at all.
    pub partitions: Vec<PartitionValues>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BatchResponse {
    pub count: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PartitionResponse {
    pub values: Vec<String>,
    pub location: Option<String>,
    pub format: Option<FormatDto>,
    pub parameters: BTreeMap<String, String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PartitionList {
    pub partitions: Vec<PartitionResponse>,
    pub next_page_token: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct PartitionListParams {
    /// e.g. `year = 2024 AND month IN (5, 6)`; operators `= <> < <= > >= IN BETWEEN AND OR NOT`,
    /// compared by the key's type.
    pub filter: Option<String>,
    #[param(minimum = 1, maximum = 1000)]
    pub max_results: Option<u32>,
    pub page_token: Option<String>,
}

impl From<Partition> for PartitionResponse {
    fn from(p: Partition) -> Self {
        Self {
            values: p.values,
            location: p.location,
            format: p.format.map(Into::into),
            parameters: p.parameters,
            created_at: p.created_at,
        }
    }
}

/// List a table's partitions
///
/// Returns the table's partitions, optionally narrowed by a `filter` on the partition keys, paged
/// with `max_results` and `page_token`. Needs SELECT on the table; a table the caller may not see
/// is reported as 404.
#[utoipa::path(get, path = "/v1/databases/{db}/tables/{table}/partitions", operation_id = "partition.list", tag = "partitions",
    params(("db" = String, Path), ("table" = String, Path), PartitionListParams),
    responses((status = 200, body = PartitionList), (status = "4XX", body = Problem)))]
pub async fn list_partitions(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((db, table)): Path<(String, String)>,
    Query(params): Query<PartitionListParams>,
) -> ApiResult<axum::Json<PartitionList>> {
    let page = state
        .partitions
        .list(&caller, &db, &table, params.filter.as_deref(), params.max_results, params.page_token.as_deref())
        .await?;
    Ok(axum::Json(PartitionList {
        partitions: page.items.into_iter().map(Into::into).collect(),
        next_page_token: page.next_page_token,
    }))
}

/// Add partitions
///
/// Adds 1 to 1000 partitions to a partitioned table, all together or none; a partition that already
/// exists gives 409 `already_exists`. Needs INSERT on the table.
#[utoipa::path(post, path = "/v1/databases/{db}/tables/{table}/partitions", operation_id = "partition.create", tag = "partitions",
    params(("db" = String, Path), ("table" = String, Path)), request_body = AddPartitionsRequest,
    responses((status = 201, body = BatchResponse), (status = "4XX", body = Problem)))]
pub async fn add_partitions(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((db, table)): Path<(String, String)>,
    Json(body): Json<AddPartitionsRequest>,
) -> ApiResult<(StatusCode, axum::Json<BatchResponse>)> {
    let inputs = body
        .partitions
        .into_iter()
        .map(|p| PartitionInput {
            values: texts(p.values),
            location: p.location,
            format: p.format.map(Into::into),
            parameters: p.parameters,
        })
        .collect();
    let count = state.partitions.add(&caller, &db, &table, inputs).await?;
    Ok((StatusCode::CREATED, axum::Json(BatchResponse { count })))
}

/// Delete partitions
///
/// Deletes 1 to 1000 partitions of the table, named by their values, all together or none; a
/// partition that does not exist gives 404. Needs DELETE on the table.
#[utoipa::path(post, path = "/v1/databases/{db}/tables/{table}/partitions/delete", operation_id = "partition.delete", tag = "partitions",
    params(("db" = String, Path), ("table" = String, Path)), request_body = DeletePartitionsRequest,
    responses((status = 200, body = BatchResponse), (status = "4XX", body = Problem)))]
pub async fn delete_partitions(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((db, table)): Path<(String, String)>,
    Json(body): Json<DeletePartitionsRequest>,
) -> ApiResult<axum::Json<BatchResponse>> {
    let values = body.partitions.into_iter().map(|p| texts(p.values)).collect();
    let count = state.partitions.delete(&caller, &db, &table, values).await?;
    Ok(axum::Json(BatchResponse { count }))
}
