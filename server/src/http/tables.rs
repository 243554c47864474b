//! `/v1/databases/{db}/tables`: table DTOs and thin handlers.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::AppState;
use super::databases::ListParams;
use super::error::{ApiResult, Problem};
use super::extract::{Caller, Json, Path, Query};
use super::patch::double_option;
use crate::domain::table::{Business, Column, Format, Table, TableDefinition, Zone};
use crate::service::tables::{ColumnInput, TableInput, TablePatch, etag};

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, Default)]
#[serde(rename_all = "lowercase")]
pub enum ZoneDto {
    #[default]
    Raw,
    Cleaned,
    Curated,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, Default)]
#[serde(rename_all = "lowercase")]
pub enum FormatDto {
    #[default]
    Parquet,
    Csv,
    Json,
    Avro,
    Orc,
    Text,
}

impl From<ZoneDto> for Zone {
    fn from(z: ZoneDto) -> Self {
        match z {
            ZoneDto::Raw => Zone::Raw,
            ZoneDto::Cleaned => Zone::Cleaned,
            ZoneDto::Curated => Zone::Curated,
        }
    }
}

impl From<Zone> for ZoneDto {
    fn from(z: Zone) -> Self {
        match z {
            Zone::Raw => ZoneDto::Raw,
            Zone::Cleaned => ZoneDto::Cleaned,
            Zone::Curated => ZoneDto::Curated,
        }
    }
}

impl From<FormatDto> for Format {
    fn from(f: FormatDto) -> Self {
        match f {
            FormatDto::Parquet => Format::Parquet,
            FormatDto::Csv => Format::Csv,
            FormatDto::Json => Format::Json,
            FormatDto::Avro => Format::Avro,
            FormatDto::Orc => Format::Orc,
            FormatDto::Text => Format::Text,
        }
    }
}

impl From<Format> for FormatDto {
    fn from(f: Format) -> Self {
        match f {
            Format::Parquet => FormatDto::Parquet,
            Format::Csv => FormatDto::Csv,
            Format::Json => FormatDto::Json,
            Format::Avro => FormatDto::Avro,
            Format::Orc => FormatDto::Orc,
            Format::Text => FormatDto::Text,
        }
    }
}

fn default_true() -> bool {
    true
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnDto {
    #[schema(pattern = "^[a-z][a-z0-9_]*$", min_length = 1, max_length = 128)]
    pub name: String,
    /// An Arrow data type: `int64`, `utf8`, `decimal(10,2)`, `timestamp(us, UTC)`,
    /// `list<int32>`, `struct<a: int64, b: utf8>`, `map<utf8, float64>`, ...
    #[serde(rename = "type")]
    pub data_type: String,
    #[serde(default = "default_true")]
    pub nullable: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Business sensitivity label, e.g. `public`, `internal`, `pii`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct BusinessDto {
    pub owner: Option<String>,
    pub steward: Option<String>,
    pub domain: Option<String>,
    pub classification: Option<String>,
    #[serde(default)]
    pub properties: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTableRequest {
    #[schema(pattern = "^[a-z][a-z0-9_]*$", min_length = 1, max_length = 128)]
    pub name: String,
    pub description: Option<String>,
    #[serde(default)]
    pub zone: ZoneDto,
    #[serde(default)]
    pub format: FormatDto,
    #[serde(default)]
    pub format_options: BTreeMap<String, String>,
    pub location: Option<String>,
    #[serde(default)]
    pub columns: Vec<ColumnDto>,
    #[serde(default)]
    pub partition_keys: Vec<ColumnDto>,
    #[serde(default)]
    pub business: BusinessDto,
}

/// Fields present replace the current value (`columns` as a whole list); `null` clears an
/// optional text field. Needs `If-Match` with the ETag from GET.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateTableRequest {
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub description: Option<Option<String>>,
    pub zone: Option<ZoneDto>,
    pub format: Option<FormatDto>,
    pub format_options: Option<BTreeMap<String, String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub location: Option<Option<String>>,
    pub columns: Option<Vec<ColumnDto>>,
    pub partition_keys: Option<Vec<ColumnDto>>,
    pub business: Option<BusinessDto>,
}

/// A table definition as returned in table and version bodies.
#[derive(Debug, Serialize, ToSchema)]
pub struct DefinitionDto {
    pub description: Option<String>,
    pub zone: ZoneDto,
    pub format: FormatDto,
    pub format_options: BTreeMap<String, String>,
    pub location: Option<String>,
    pub columns: Vec<ColumnDto>,
    pub partition_keys: Vec<ColumnDto>,
    pub business: BusinessDto,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TableResponse {
    pub database: String,
    pub name: String,
    /// The current version; every definition change adds one.
    pub version: i64,
    /// Send back in `If-Match` to update this version.
    pub etag: String,
    #[serde(flatten)]
    pub definition: DefinitionDto,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The table's own tags (it also inherits its database's).
    pub tags: BTreeMap<String, String>,
    /// Own tags of the columns shown.
    pub column_tags: BTreeMap<String, BTreeMap<String, String>>,
    /// The latest data-quality result a pipeline measured for the table (GET only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality: Option<super::pipelines::QualityResponse>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TableList {
    pub tables: Vec<TableResponse>,
    pub next_page_token: Option<String>,
}

impl From<ColumnDto> for ColumnInput {
    fn from(c: ColumnDto) -> Self {
        Self {
            name: c.name,
            data_type: c.data_type,
            nullable: c.nullable,
            description: c.description,
            sensitivity: c.sensitivity,
        }
    }
}

impl From<&Column> for ColumnDto {
    fn from(c: &Column) -> Self {
        Self {
            name: c.name.to_string(),
            data_type: c.data_type.to_string(),
            nullable: c.nullable,
            description: c.description.clone(),
            sensitivity: c.sensitivity.clone(),
        }
    }
}

impl From<BusinessDto> for Business {
    fn from(b: BusinessDto) -> Self {
        Self {
            owner: b.owner,
            steward: b.steward,
            domain: b.domain,
            classification: b.classification,
            properties: b.properties,
        }
    }
}

impl From<&TableDefinition> for DefinitionDto {
    fn from(d: &TableDefinition) -> Self {
        let b = &d.business;
        Self {
            description: d.description.clone(),
            zone: d.zone.into(),
            format: d.format.into(),
            format_options: d.format_options.clone(),
            location: d.location.clone(),
            columns: d.columns.iter().map(Into::into).collect(),
            partition_keys: d.partition_keys.iter().map(Into::into).collect(),
            business: BusinessDto {
                owner: b.owner.clone(),
                steward: b.steward.clone(),
                domain: b.domain.clone(),
                classification: b.classification.clone(),
                properties: b.properties.clone(),
            },
        }
    }
}

impl TableResponse {
    fn with_tags(t: &Table, state: &AppState) -> Self {
        let (tags, column_tags) = state.tags.table_tags(t);
        Self { tags, column_tags, ..Self::from(t) }
    }
}

impl From<&Table> for TableResponse {
    fn from(t: &Table) -> Self {
        Self {
            tags: BTreeMap::new(),
            column_tags: BTreeMap::new(),
            quality: None,
            database: t.database.clone(),
            name: t.name.to_string(),
            version: t.version,
            etag: etag(t),
            definition: (&t.definition).into(),
            created_by: t.created_by.clone(),
            created_at: t.created_at,
            updated_at: t.updated_at,
        }
    }
}

/// A table body with its `ETag` header.
fn table_response(state: &AppState, status: StatusCode, table: &Table) -> Response {
    let mut response = (status, axum::Json(TableResponse::with_tags(table, state))).into_response();
    if let Ok(value) = HeaderValue::from_str(&etag(table)) {
        response.headers_mut().insert(header::ETAG, value);
    }
    response
}

/// List tables
///
/// Returns the tables of a database that the caller may see, by name, paged with `max_results` and
/// `page_token`; other tables are left out, as are columns the caller may not read. A database the
/// caller may not see is reported as 404.
#[utoipa::path(get, path = "/v1/databases/{db}/tables", operation_id = "table.list", tag = "tables", params(("db" = String, Path), ListParams),
    responses((status = 200, body = TableList), (status = "4XX", body = Problem)))]
pub async fn list_tables(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path(db): Path<String>,
    Query(params): Query<ListParams>,
) -> ApiResult<axum::Json<TableList>> {
    let page = state.tables.list(&caller, &db, params.max_results, params.page_token.as_deref()).await?;
    Ok(axum::Json(TableList {
        tables: page.items.iter().map(|t| TableResponse::with_tags(t, &state)).collect(),
        next_page_token: page.next_page_token,
    }))
}

/// Create a table
///
/// Creates a table owned by the caller as version 1 of its definition, and returns it with its
/// `ETag`. Needs CREATE_TABLE on the database, and DATA_LOCATION_ACCESS on the `location` when one
/// is given.
#[utoipa::path(post, path = "/v1/databases/{db}/tables", operation_id = "table.create", tag = "tables", params(("db" = String, Path)),
    request_body = CreateTableRequest,
    responses((status = 201, body = TableResponse), (status = "4XX", body = Problem)))]
pub async fn create_table(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path(db): Path<String>,
    Json(body): Json<CreateTableRequest>,
) -> ApiResult<Response> {
    let input = TableInput {
        description: body.description,
        zone: body.zone.into(),
        format: body.format.into(),
        format_options: body.format_options,
        location: body.location,
        columns: body.columns.into_iter().map(Into::into).collect(),
        partition_keys: body.partition_keys.into_iter().map(Into::into).collect(),
        business: body.business.into(),
    };
    let table = state.tables.create(&caller, &db, &body.name, input).await?;
    Ok(table_response(&state, StatusCode::CREATED, &table))
}

/// Get a table
///
/// Returns the table's current definition, version and tags, with an `ETag` header to send back in
/// `If-Match` when updating. Needs any privilege on the table, such as DESCRIBE; columns the caller
/// may not read are left out, and a table it may not see is reported as 404.
#[utoipa::path(get, path = "/v1/databases/{db}/tables/{table}", operation_id = "table.get", tag = "tables",
    params(("db" = String, Path), ("table" = String, Path)),
    responses((status = 200, body = TableResponse, headers(("ETag" = String))), (status = "4XX", body = Problem)))]
pub async fn get_table(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((db, table)): Path<(String, String)>,
) -> ApiResult<Response> {
    let (found, access) = state.tables.get_with_access(&caller, &db, &table).await?;
    let mut body = TableResponse::with_tags(&found, &state);
    body.quality = state.pipelines.quality(&found, &access).await?.map(Into::into);
    let mut response = (StatusCode::OK, axum::Json(body)).into_response();
    if let Ok(value) = HeaderValue::from_str(&etag(&found)) {
        response.headers_mut().insert(header::ETAG, value);
    }
    Ok(response)
}

/// Update a table
///
/// Changes the table's definition and records it as a new version: fields present replace the
/// current value (`columns` as a whole list) and `null` clears an optional text field. Needs ALTER
/// on the table and an `If-Match` header with the ETag from GET; a stale ETag gives 412
/// `version_mismatch` and a missing one 428 `precondition_required`. Partition keys cannot change
/// while the table has partitions (409).
#[utoipa::path(patch, path = "/v1/databases/{db}/tables/{table}", operation_id = "table.update", tag = "tables",
    params(("db" = String, Path), ("table" = String, Path), ("If-Match" = String, Header, description = "ETag of the version this update is based on")),
    request_body = UpdateTableRequest,
    responses((status = 200, body = TableResponse), (status = "4XX", body = Problem)))]
pub async fn update_table(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((db, table)): Path<(String, String)>,
    headers: HeaderMap,
    Json(body): Json<UpdateTableRequest>,
) -> ApiResult<Response> {
    let if_match = headers.get(header::IF_MATCH).and_then(|v| v.to_str().ok());
    let patch = TablePatch {
        description: body.description,
        zone: body.zone.map(Into::into),
        format: body.format.map(Into::into),
        format_options: body.format_options,
        location: body.location,
        columns: body.columns.map(|c| c.into_iter().map(Into::into).collect()),
        partition_keys: body.partition_keys.map(|c| c.into_iter().map(Into::into).collect()),
        business: body.business.map(Into::into),
    };
    let table = state.tables.update(&caller, &db, &table, if_match, patch).await?;
    Ok(table_response(&state, StatusCode::OK, &table))
}

/// Delete a table
///
/// Deletes the table with its versions, partitions, data filters, tags and the grants on it. Needs
/// DROP on the table.
#[utoipa::path(delete, path = "/v1/databases/{db}/tables/{table}", operation_id = "table.delete", tag = "tables",
    params(("db" = String, Path), ("table" = String, Path)),
    responses((status = 204), (status = "4XX", body = Problem)))]
pub async fn delete_table(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((db, table)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    state.tables.delete(&caller, &db, &table).await?;
    Ok(StatusCode::NO_CONTENT)
}
