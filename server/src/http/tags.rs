//! `/v1/tags` and the tags of databases and tables.

use std::collections::{BTreeMap, BTreeSet};

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::AppState;
use super::error::{ApiResult, Problem};
use super::extract::{Caller, Json, Path};
use super::patch::double_option;
use crate::domain::tag::TagKey;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTagKeyRequest {
    /// Lowercase `[a-z][a-z0-9_]*`.
    #[schema(pattern = "^[a-z][a-z0-9_]*$", min_length = 1, max_length = 128)]
    pub key: String,
    /// The values resources may carry for this key.
    pub values: BTreeSet<String>,
    pub description: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateTagKeyRequest {
    /// Replaces the allowed values; values in use cannot be dropped.
    pub values: Option<BTreeSet<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub description: Option<Option<String>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TagKeyResponse {
    pub key: String,
    pub values: BTreeSet<String>,
    pub description: Option<String>,
    pub created_by: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TagKeyList {
    pub tags: Vec<TagKeyResponse>,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourceTags {
    /// key -> value, replacing the resource's tags.
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    /// column -> (key -> value); tables only. Columns not named lose their tags.
    #[serde(default)]
    pub column_tags: BTreeMap<String, BTreeMap<String, String>>,
}

impl From<TagKey> for TagKeyResponse {
    fn from(k: TagKey) -> Self {
        Self { key: k.key, values: k.allowed_values, description: k.description, created_by: k.created_by }
    }
}

/// List tag keys
///
/// Returns every tag key with its allowed values. Any authenticated caller may read them.
#[utoipa::path(get, path = "/v1/tags", operation_id = "tag.list", tag = "tags", responses((status = 200, body = TagKeyList), (status = "4XX", body = Problem)))]
pub async fn list_tag_keys(State(s): State<AppState>, _caller: Caller) -> axum::Json<TagKeyList> {
    axum::Json(TagKeyList { tags: s.tags.list_keys().into_iter().map(Into::into).collect() })
}

/// Create a tag key
///
/// Defines a tag key and the values resources may carry for it. Needs the lake_admin role.
#[utoipa::path(post, path = "/v1/tags", operation_id = "tag.create", tag = "tags", request_body = CreateTagKeyRequest,
    responses((status = 201, body = TagKeyResponse), (status = "4XX", body = Problem)))]
pub async fn create_tag_key(
    State(s): State<AppState>,
    Caller(c): Caller,
    Json(b): Json<CreateTagKeyRequest>,
) -> ApiResult<(StatusCode, axum::Json<TagKeyResponse>)> {
    let key = s.tags.create_key(&c, &b.key, b.values, b.description).await?;
    Ok((StatusCode::CREATED, axum::Json(key.into())))
}

/// Get a tag key
///
/// Returns one tag key with its allowed values. Any authenticated caller may read it.
#[utoipa::path(get, path = "/v1/tags/{key}", operation_id = "tag.get", tag = "tags", params(("key" = String, Path)),
    responses((status = 200, body = TagKeyResponse), (status = "4XX", body = Problem)))]
pub async fn get_tag_key(
    State(s): State<AppState>,
    _caller: Caller,
    Path(key): Path<String>,
) -> ApiResult<axum::Json<TagKeyResponse>> {
    Ok(axum::Json(s.tags.get_key(&key)?.into()))
}

/// Update a tag key
///
/// Replaces the key's allowed values or description; a value still set on some resource cannot be
/// removed (409). Needs the lake_admin role.
#[utoipa::path(patch, path = "/v1/tags/{key}", operation_id = "tag.update", tag = "tags", params(("key" = String, Path)), request_body = UpdateTagKeyRequest,
    responses((status = 200, body = TagKeyResponse), (status = "4XX", body = Problem)))]
pub async fn update_tag_key(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path(key): Path<String>,
    Json(b): Json<UpdateTagKeyRequest>,
) -> ApiResult<axum::Json<TagKeyResponse>> {
    Ok(axum::Json(s.tags.update_key(&c, &key, b.values, b.description).await?.into()))
}

/// Delete a tag key
///
/// Deletes the key and every tag using it; a key named in a grant's tag expression gives 409 until
/// that grant is revoked. Needs the lake_admin role.
#[utoipa::path(delete, path = "/v1/tags/{key}", operation_id = "tag.delete", tag = "tags", params(("key" = String, Path)),
    responses((status = 204), (status = "4XX", body = Problem)))]
pub async fn delete_tag_key(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path(key): Path<String>,
) -> ApiResult<StatusCode> {
    s.tags.delete_key(&c, &key).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Set a database's tags
///
/// Replaces the database's own tags, which its tables inherit; keys must be defined and values
/// allowed. Needs ALTER on the database or the data_steward role in it. Grants on tag expressions
/// follow the new tags at once.
#[utoipa::path(put, path = "/v1/databases/{db}/tags", operation_id = "database_tags.set", tag = "tags", params(("db" = String, Path)), request_body = ResourceTags,
    responses((status = 200, body = ResourceTags), (status = "4XX", body = Problem)))]
pub async fn set_database_tags(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path(db): Path<String>,
    Json(b): Json<ResourceTags>,
) -> ApiResult<axum::Json<ResourceTags>> {
    if !b.column_tags.is_empty() {
        return Err(super::error::ApiError::new(super::error::ErrorCode::InvalidRequest, "databases have no columns"));
    }
    let tags = s.tags.set_database_tags(&c, &db, b.tags).await?;
    Ok(axum::Json(ResourceTags { tags, column_tags: BTreeMap::new() }))
}

/// Set a table's tags
///
/// Replaces the own tags of the table and of its columns (columns not named lose theirs); keys must
/// be defined and values allowed. Needs ALTER on the table or the data_steward role in its
/// database. Grants on tag expressions follow the new tags at once.
#[utoipa::path(put, path = "/v1/databases/{db}/tables/{table}/tags", operation_id = "table_tags.set", tag = "tags",
    params(("db" = String, Path), ("table" = String, Path)), request_body = ResourceTags,
    responses((status = 200, body = ResourceTags), (status = "4XX", body = Problem)))]
pub async fn set_table_tags(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path((db, table)): Path<(String, String)>,
    Json(b): Json<ResourceTags>,
) -> ApiResult<axum::Json<ResourceTags>> {
    s.tags.set_table_tags(&c, &db, &table, b.tags.clone(), b.column_tags.clone()).await?;
    Ok(axum::Json(b))
}
