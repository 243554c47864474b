//! `/v1/databases`: thin handlers over the databases service.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::AppState;
use super::error::{ApiResult, Problem};
use super::extract::{Caller, Json, Path, Query};
use super::patch::double_option;
use crate::domain::database::{Database, DatabasePatch};
use crate::service::databases::NewDatabase;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateDatabaseRequest {
    /// Lowercase `[a-z][a-z0-9_]*`.
    pub name: String,
    pub description: Option<String>,
    pub location: Option<String>,
    #[serde(default)]
    pub parameters: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateDatabaseRequest {
    /// A string sets it, `null` clears it, absent keeps it.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub description: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub location: Option<Option<String>>,
    pub parameters: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DatabaseResponse {
    pub name: String,
    pub description: Option<String>,
    pub location: Option<String>,
    pub parameters: BTreeMap<String, String>,
    /// The principal that created and owns the database, e.g. `user:admin`.
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DatabaseList {
    pub databases: Vec<DatabaseResponse>,
    pub next_page_token: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    /// 1 to 1000, default 100.
    pub max_results: Option<u32>,
    pub page_token: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct DeleteParams {
    /// Also delete the database's tables, their versions and partitions.
    #[serde(default)]
    pub cascade: bool,
}

impl From<Database> for DatabaseResponse {
    fn from(db: Database) -> Self {
        Self {
            name: db.name.to_string(),
            description: db.description,
            location: db.location,
            parameters: db.parameters,
            created_by: db.created_by,
            created_at: db.created_at,
            updated_at: db.updated_at,
        }
    }
}

#[utoipa::path(get, path = "/v1/databases", operation_id = "database.list", tag = "databases", params(ListParams),
    responses((status = 200, body = DatabaseList), (status = "4XX", body = Problem)))]
pub async fn list_databases(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Query(params): Query<ListParams>,
) -> ApiResult<axum::Json<DatabaseList>> {
    let page = state.databases.list(&caller, params.max_results, params.page_token.as_deref()).await?;
    Ok(axum::Json(DatabaseList {
        databases: page.items.into_iter().map(Into::into).collect(),
        next_page_token: page.next_page_token,
    }))
}

#[utoipa::path(post, path = "/v1/databases", operation_id = "database.create", tag = "databases", request_body = CreateDatabaseRequest,
    responses((status = 201, body = DatabaseResponse), (status = "4XX", body = Problem)))]
pub async fn create_database(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Json(body): Json<CreateDatabaseRequest>,
) -> ApiResult<(StatusCode, axum::Json<DatabaseResponse>)> {
    let new = NewDatabase {
        name: body.name,
        description: body.description,
        location: body.location,
        parameters: body.parameters,
    };
    let db = state.databases.create(&caller, new).await?;
    Ok((StatusCode::CREATED, axum::Json(db.into())))
}

#[utoipa::path(get, path = "/v1/databases/{db}", operation_id = "database.get", tag = "databases", params(("db" = String, Path)),
    responses((status = 200, body = DatabaseResponse), (status = "4XX", body = Problem)))]
pub async fn get_database(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path(db): Path<String>,
) -> ApiResult<axum::Json<DatabaseResponse>> {
    Ok(axum::Json(state.databases.get(&caller, &db).await?.into()))
}

#[utoipa::path(patch, path = "/v1/databases/{db}", operation_id = "database.update", tag = "databases", params(("db" = String, Path)),
    request_body = UpdateDatabaseRequest,
    responses((status = 200, body = DatabaseResponse), (status = "4XX", body = Problem)))]
pub async fn update_database(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path(db): Path<String>,
    Json(body): Json<UpdateDatabaseRequest>,
) -> ApiResult<axum::Json<DatabaseResponse>> {
    let patch = DatabasePatch { description: body.description, location: body.location, parameters: body.parameters };
    Ok(axum::Json(state.databases.update(&caller, &db, patch).await?.into()))
}

#[utoipa::path(delete, path = "/v1/databases/{db}", operation_id = "database.delete", tag = "databases", params(("db" = String, Path), DeleteParams),
    responses((status = 204), (status = "4XX", body = Problem)))]
pub async fn delete_database(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path(db): Path<String>,
    Query(params): Query<DeleteParams>,
) -> ApiResult<StatusCode> {
    state.databases.delete(&caller, &db, params.cascade).await?;
    Ok(StatusCode::NO_CONTENT)
}
