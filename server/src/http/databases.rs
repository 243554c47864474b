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
    #[schema(pattern = "^[a-z][a-z0-9_]*$", min_length = 1, max_length = 128)]
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
pub struct ListParams {
    /// 1 to 1000, default 100.
    #[param(minimum = 1, maximum = 1000)]
    pub max_results: Option<u32>,
    pub page_token: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
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

/// List databases
///
/// Returns the databases the caller may see, by name, paged with `max_results` (1 to 1000, default
/// 100) and `page_token`. A database is visible with any privilege on it or on something in it; the
/// others are left out.
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

/// Create a database
///
/// Creates a database owned by the caller. Needs CREATE_DATABASE on the catalog; a name already
/// taken gives 409 `already_exists`.
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

/// Get a database
///
/// Returns one database. It is visible with any privilege on it or on something in it; a database
/// the caller may not see is reported as 404.
#[utoipa::path(get, path = "/v1/databases/{db}", operation_id = "database.get", tag = "databases", params(("db" = String, Path)),
    responses((status = 200, body = DatabaseResponse), (status = "4XX", body = Problem)))]
pub async fn get_database(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path(db): Path<String>,
) -> ApiResult<axum::Json<DatabaseResponse>> {
    Ok(axum::Json(state.databases.get(&caller, &db).await?.into()))
}

/// Update a database
///
/// Changes the description, location or parameters: fields present replace the current value and
/// `null` clears the description or location. Needs ALTER on the database.
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

/// Delete a database
///
/// Deletes the database with its tags and the grants on it. Needs DROP on the database; a database
/// that still has tables gives 409 `database_not_empty` unless `cascade=true`, which also deletes
/// its tables with their versions and partitions.
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
