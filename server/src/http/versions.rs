//! `/v1/databases/{db}/tables/{table}/versions`: the history of a table's definition.

use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::AppState;
use super::databases::ListParams;
use super::error::{ApiResult, Problem};
use super::extract::{Caller, Path, Query};
use super::tables::DefinitionDto;
use crate::domain::diff::{Change, ChangeKind, TableDiff};
use crate::domain::table::TableVersion;

#[derive(Debug, Serialize, ToSchema)]
pub struct VersionResponse {
    pub version: i64,
    /// The principal whose change created this version.
    pub author: String,
    pub created_at: DateTime<Utc>,
    /// What changed from the previous version.
    pub summary: String,
    pub definition: DefinitionDto,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VersionList {
    pub versions: Vec<VersionResponse>,
    pub next_page_token: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChangeDto {
    /// `added`, `removed` or `changed`.
    pub kind: String,
    /// The changed field, e.g. `columns.amount.data_type`.
    pub path: String,
    pub from: Option<String>,
    pub to: Option<String>,
    /// False when data written under the old definition may not read under the new one.
    pub compatible: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DiffResponse {
    pub from_version: i64,
    pub to_version: i64,
    /// True when every change is compatible.
    pub compatible: bool,
    pub changes: Vec<ChangeDto>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct DiffParams {
    /// The older version to compare with.
    pub from: i64,
}

impl From<TableVersion> for VersionResponse {
    fn from(v: TableVersion) -> Self {
        Self {
            version: v.version,
            author: v.author,
            created_at: v.created_at,
            summary: v.summary,
            definition: (&v.definition).into(),
        }
    }
}

impl From<Change> for ChangeDto {
    fn from(c: Change) -> Self {
        let kind = match c.kind {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        };
        Self { kind: kind.to_owned(), path: c.path, from: c.from, to: c.to, compatible: c.compatible }
    }
}

/// List a table's versions
///
/// Returns the history of the table's definition, oldest first, with each version's author and
/// change summary, paged with `max_results` and `page_token`. Visible to callers who may see the
/// table; columns they may not read are left out of every version.
#[utoipa::path(get, path = "/v1/databases/{db}/tables/{table}/versions", operation_id = "version.list", tag = "tables",
    params(("db" = String, Path), ("table" = String, Path), ListParams),
    responses((status = 200, body = VersionList), (status = "4XX", body = Problem)))]
pub async fn list_versions(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((db, table)): Path<(String, String)>,
    Query(params): Query<ListParams>,
) -> ApiResult<axum::Json<VersionList>> {
    let page =
        state.tables.list_versions(&caller, &db, &table, params.max_results, params.page_token.as_deref()).await?;
    Ok(axum::Json(VersionList {
        versions: page.items.into_iter().map(Into::into).collect(),
        next_page_token: page.next_page_token,
    }))
}

/// Get a table version
///
/// Returns one version of the table's definition. Visible to callers who may see the table; columns
/// they may not read are left out.
#[utoipa::path(get, path = "/v1/databases/{db}/tables/{table}/versions/{version}", operation_id = "version.get", tag = "tables",
    params(("db" = String, Path), ("table" = String, Path), ("version" = i64, Path)),
    responses((status = 200, body = VersionResponse), (status = "4XX", body = Problem)))]
pub async fn get_version(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((db, table, version)): Path<(String, String, i64)>,
) -> ApiResult<axum::Json<VersionResponse>> {
    Ok(axum::Json(state.tables.get_version(&caller, &db, &table, version).await?.into()))
}

/// Compare two table versions
///
/// Lists what changed from version `from` to this version, and whether each change is compatible
/// with data written under the older definition. Visible to callers who may see the table; columns
/// they may not read are left out.
#[utoipa::path(get, path = "/v1/databases/{db}/tables/{table}/versions/{version}/diff", operation_id = "version.diff", tag = "tables",
    params(("db" = String, Path), ("table" = String, Path), ("version" = i64, Path), DiffParams),
    responses((status = 200, body = DiffResponse), (status = "4XX", body = Problem)))]
pub async fn diff_versions(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path((db, table, version)): Path<(String, String, i64)>,
    Query(params): Query<DiffParams>,
) -> ApiResult<axum::Json<DiffResponse>> {
    let diff: TableDiff = state.tables.diff_versions(&caller, &db, &table, params.from, version).await?;
    Ok(axum::Json(DiffResponse {
        from_version: params.from,
        to_version: version,
        compatible: diff.is_compatible(),
        changes: diff.changes.into_iter().map(Into::into).collect(),
    }))
}
