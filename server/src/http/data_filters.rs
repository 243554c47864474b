//! `/v1/databases/{db}/tables/{table}/data-filters`.

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::AppState;
use super::error::{ApiError, ApiResult, ErrorCode, Problem};
use super::extract::{Caller, Json, Path};
use crate::domain::data_filter::DataFilter;
use crate::domain::grant::ColumnScope;
use crate::service::data_filters::NewDataFilter;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateDataFilterRequest {
    #[schema(pattern = "^[a-z][a-z0-9_]*$", min_length = 1, max_length = 128)]
    pub name: String,
    /// A SQL boolean expression over the table's columns, e.g. `region = 'EU'`; absent: all rows.
    pub row_filter: Option<String>,
    /// Only these columns.
    pub columns: Option<Vec<String>>,
    /// Every column but these (including later ones).
    pub excluded_columns: Option<Vec<String>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DataFilterResponse {
    pub database: String,
    pub table: String,
    pub name: String,
    pub row_filter: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub columns: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excluded_columns: Option<Vec<String>>,
    pub created_by: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DataFilterList {
    pub data_filters: Vec<DataFilterResponse>,
}

impl From<DataFilter> for DataFilterResponse {
    fn from(f: DataFilter) -> Self {
        Self {
            columns: matches!(f.columns, ColumnScope::Include(_)).then(|| f.columns.columns()),
            excluded_columns: matches!(f.columns, ColumnScope::Exclude(_)).then(|| f.columns.columns()),
            database: f.database,
            table: f.table,
            name: f.name,
            row_filter: f.row_filter,
            created_by: f.created_by,
        }
    }
}

/// List a table's data filters
///
/// Returns the named row and column filters defined on the table. Callers who may see the table's
/// whole definition (for example with DESCRIBE or ALTER on it) get every filter; others only the
/// filters granted to them, without columns they may not read. A table the caller may not see is
/// reported as 404.
#[utoipa::path(get, path = "/v1/databases/{db}/tables/{table}/data-filters", operation_id = "data_filter.list", tag = "grants",
    params(("db" = String, Path), ("table" = String, Path)),
    responses((status = 200, body = DataFilterList), (status = "4XX", body = Problem)))]
pub async fn list_data_filters(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path((db, table)): Path<(String, String)>,
) -> ApiResult<axum::Json<DataFilterList>> {
    let filters = s.data_filters.list(&c, &db, &table).await?;
    Ok(axum::Json(DataFilterList { data_filters: filters.into_iter().map(Into::into).collect() }))
}

/// Create a data filter
///
/// Defines a named filter on the table: a SQL row predicate and a column list (`columns` or
/// `excluded_columns`, not both); grants on the filter then give access to only those rows and
/// columns. Needs ALTER on the table or the data_steward role in its database.
#[utoipa::path(post, path = "/v1/databases/{db}/tables/{table}/data-filters", operation_id = "data_filter.create", tag = "grants",
    params(("db" = String, Path), ("table" = String, Path)), request_body = CreateDataFilterRequest,
    responses((status = 201, body = DataFilterResponse), (status = "4XX", body = Problem)))]
pub async fn create_data_filter(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path((db, table)): Path<(String, String)>,
    Json(b): Json<CreateDataFilterRequest>,
) -> ApiResult<(StatusCode, axum::Json<DataFilterResponse>)> {
    let columns = match (b.columns, b.excluded_columns) {
        (Some(_), Some(_)) => {
            return Err(ApiError::new(ErrorCode::InvalidRequest, "give columns or excluded_columns, not both"));
        }
        (Some(c), None) => ColumnScope::Include(c.into_iter().collect()),
        (None, Some(c)) => ColumnScope::Exclude(c.into_iter().collect()),
        (None, None) => ColumnScope::All,
    };
    let filter = s
        .data_filters
        .create(&c, &db, &table, NewDataFilter { name: b.name, row_filter: b.row_filter, columns })
        .await?;
    Ok((StatusCode::CREATED, axum::Json(filter.into())))
}

/// Get a data filter
///
/// Returns one filter of the table. Callers who may not see the table's whole definition see only
/// the filters granted to them; other filters are reported as 404.
#[utoipa::path(get, path = "/v1/databases/{db}/tables/{table}/data-filters/{name}", operation_id = "data_filter.get", tag = "grants",
    params(("db" = String, Path), ("table" = String, Path), ("name" = String, Path)),
    responses((status = 200, body = DataFilterResponse), (status = "4XX", body = Problem)))]
pub async fn get_data_filter(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path((db, table, name)): Path<(String, String, String)>,
) -> ApiResult<axum::Json<DataFilterResponse>> {
    Ok(axum::Json(s.data_filters.get(&c, &db, &table, &name).await?.into()))
}

/// Delete a data filter
///
/// Deletes the filter and every grant on it. Needs ALTER on the table or the data_steward role in
/// its database.
#[utoipa::path(delete, path = "/v1/databases/{db}/tables/{table}/data-filters/{name}", operation_id = "data_filter.delete", tag = "grants",
    params(("db" = String, Path), ("table" = String, Path), ("name" = String, Path)),
    responses((status = 204), (status = "4XX", body = Problem)))]
pub async fn delete_data_filter(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path((db, table, name)): Path<(String, String, String)>,
) -> ApiResult<StatusCode> {
    s.data_filters.delete(&c, &db, &table, &name).await?;
    Ok(StatusCode::NO_CONTENT)
}
