//! `/v1/grants` and `/v1/permissions/effective`.

use std::collections::{BTreeMap, BTreeSet};

use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::AppState;
use super::error::{ApiError, ApiResult, ErrorCode, Problem};
use super::extract::{Caller, Json, Query};
use crate::domain::grant::{ColumnScope, Grant, GrantResource, TagResourceType};
use crate::domain::principal::Privilege;
use crate::service::grants::GrantRequest;

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Empty {}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TableResource {
    pub database: String,
    pub name: String,
    /// Only these columns (SELECT only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub columns: Option<Vec<String>>,
    /// Every column but these, including columns added later (SELECT only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excluded_columns: Option<Vec<String>>,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DataFilterResource {
    pub database: String,
    pub table: String,
    pub name: String,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum TagResourceTypeDto {
    Database,
    Table,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TagExpression {
    pub resource_type: TagResourceTypeDto,
    /// Every key must have one of its listed values.
    pub tags: BTreeMap<String, Vec<String>>,
}

/// Exactly one of these keys.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ResourceDto {
    Catalog(Empty),
    Database(String),
    Table(TableResource),
    DataFilter(DataFilterResource),
    Location(String),
    TagExpression(TagExpression),
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GrantBody {
    /// `user:alice`, `group:analysts` or `service:etl`.
    #[schema(pattern = "^(user|group|service):[a-z][a-z0-9_.-]{0,127}$", max_length = 136, example = "group:analysts")]
    pub principal: String,
    pub resource: ResourceDto,
    /// CREATE_DATABASE, CREATE_TABLE, ALTER, DROP, DESCRIBE, SELECT, INSERT, DELETE,
    /// DATA_LOCATION_ACCESS, ALL.
    #[schema(value_type = Vec<super::schema::PrivilegeName>, min_items = 1)]
    pub privileges: Vec<String>,
    /// With grant option: the grantee may pass these privileges on.
    #[serde(default)]
    pub grantable: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GrantResponse {
    pub principal: String,
    pub resource: ResourceDto,
    pub privilege: String,
    pub grantable: bool,
    pub granted_by: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GrantList {
    pub grants: Vec<GrantResponse>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RevokeResponse {
    /// Grants removed or narrowed.
    pub count: usize,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct GrantFilter {
    pub principal: Option<String>,
    pub database: Option<String>,
    pub table: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PrivilegeExplanation {
    pub privilege: String,
    /// May be passed on.
    pub grantable: bool,
    /// `admin`, `owner`, or the grants (named or tag-based) that give it.
    pub because: Vec<String>,
    pub grants: Vec<GrantResponse>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ColumnPermission {
    pub name: String,
    pub select: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EffectivePermissions {
    pub principal: String,
    pub privileges: Vec<PrivilegeExplanation>,
    /// For a table: which columns SELECT covers.
    pub columns: Vec<ColumnPermission>,
    /// For a table: `all` rows, `none`, or `filtered` (a row is visible if any filter admits it).
    pub rows: String,
    pub row_filters: Vec<String>,
}

fn bad(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::InvalidRequest, message)
}

fn to_domain(resource: ResourceDto) -> ApiResult<(GrantResource, ColumnScope)> {
    Ok(match resource {
        ResourceDto::Catalog(_) => (GrantResource::Catalog, ColumnScope::All),
        ResourceDto::Database(db) => (GrantResource::Database(db), ColumnScope::All),
        ResourceDto::Table(t) => {
            let scope = match (t.columns, t.excluded_columns) {
                (Some(_), Some(_)) => return Err(bad("give columns or excluded_columns, not both")),
                (Some(c), None) => ColumnScope::Include(c.into_iter().collect()),
                (None, Some(c)) => ColumnScope::Exclude(c.into_iter().collect()),
                (None, None) => ColumnScope::All,
            };
            (GrantResource::Table { database: t.database, table: t.name }, scope)
        }
        ResourceDto::DataFilter(f) => {
            (GrantResource::DataFilter { database: f.database, table: f.table, name: f.name }, ColumnScope::All)
        }
        ResourceDto::Location(uri) => (GrantResource::Location(uri), ColumnScope::All),
        ResourceDto::TagExpression(e) => {
            let resource_type = match e.resource_type {
                TagResourceTypeDto::Database => TagResourceType::Database,
                TagResourceTypeDto::Table => TagResourceType::Table,
            };
            let tags = e.tags.into_iter().map(|(k, v)| (k, v.into_iter().collect::<BTreeSet<_>>())).collect();
            (GrantResource::TagExpression { resource_type, tags }, ColumnScope::All)
        }
    })
}

fn to_dto(resource: &GrantResource, columns: &ColumnScope) -> ResourceDto {
    match resource {
        GrantResource::Catalog => ResourceDto::Catalog(Empty {}),
        GrantResource::Database(db) => ResourceDto::Database(db.clone()),
        GrantResource::Table { database, table } => ResourceDto::Table(TableResource {
            database: database.clone(),
            name: table.clone(),
            columns: matches!(columns, ColumnScope::Include(_)).then(|| columns.columns()),
            excluded_columns: matches!(columns, ColumnScope::Exclude(_)).then(|| columns.columns()),
        }),
        GrantResource::DataFilter { database, table, name } => ResourceDto::DataFilter(DataFilterResource {
            database: database.clone(),
            table: table.clone(),
            name: name.clone(),
        }),
        GrantResource::Location(uri) => ResourceDto::Location(uri.clone()),
        GrantResource::TagExpression { resource_type, tags } => ResourceDto::TagExpression(TagExpression {
            resource_type: match resource_type {
                TagResourceType::Database => TagResourceTypeDto::Database,
                TagResourceType::Table => TagResourceTypeDto::Table,
            },
            tags: tags.iter().map(|(k, v)| (k.clone(), v.iter().cloned().collect())).collect(),
        }),
    }
}

fn grant_response(grant: &Grant, principal: String) -> GrantResponse {
    GrantResponse {
        principal,
        resource: to_dto(&grant.resource, &grant.columns),
        privilege: grant.privilege.as_str().to_owned(),
        grantable: grant.grantable,
        granted_by: grant.granted_by.clone(),
        created_at: grant.created_at,
    }
}

fn request(body: GrantBody) -> ApiResult<GrantRequest> {
    let (resource, columns) = to_domain(body.resource)?;
    let privileges = body
        .privileges
        .iter()
        .map(|p| Privilege::parse(p).ok_or_else(|| bad(format!("unknown privilege `{p}`"))))
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(GrantRequest { principal: body.principal, resource, privileges, columns, grantable: body.grantable })
}

/// Grant privileges
///
/// Grants privileges on a resource (the catalog, a database, a table or some of its columns, a data
/// filter, a location or a tag expression) to a user, group or service, optionally with grant
/// option. The caller must hold each privilege with grant option (for SELECT on at least the
/// columns passed on), or the lake_admin role, or data_steward in the resource's database;
/// locations and tag expressions can only be granted through such a role. A privilege the principal
/// already holds on the resource is merged into its existing grant.
#[utoipa::path(post, path = "/v1/grants", operation_id = "grant.create", tag = "grants", request_body = GrantBody,
    responses((status = 201, body = GrantList), (status = "4XX", body = Problem)))]
pub async fn grant(
    State(s): State<AppState>,
    Caller(c): Caller,
    Json(body): Json<GrantBody>,
) -> ApiResult<(StatusCode, axum::Json<GrantList>)> {
    let principal = body.principal.clone();
    let written = s.grants.grant(&c, request(body)?).await?;
    let grants = written.iter().map(|g| grant_response(g, principal.clone())).collect();
    Ok((StatusCode::CREATED, axum::Json(GrantList { grants })))
}

/// Revoke privileges
///
/// Removes the named privileges of a principal on a resource; with `columns`, only those columns
/// are taken out of a column grant. Needs the same rights as granting them, and gives 404 when no
/// matching grant exists.
#[utoipa::path(post, path = "/v1/grants/revoke", operation_id = "grant.revoke", tag = "grants", request_body = GrantBody,
    responses((status = 200, body = RevokeResponse), (status = "4XX", body = Problem)))]
pub async fn revoke(
    State(s): State<AppState>,
    Caller(c): Caller,
    Json(body): Json<GrantBody>,
) -> ApiResult<axum::Json<RevokeResponse>> {
    let count = s.grants.revoke(&c, request(body)?).await?;
    Ok(axum::Json(RevokeResponse { count }))
}

/// List grants
///
/// Returns grants, optionally filtered by `principal`, `database` and `table` (a table needs its
/// database). Holders of the grant.read permission (lake_admin, read_only_admin, or data_steward in
/// the database) see every grant; others only the grants held by themselves or their groups.
#[utoipa::path(get, path = "/v1/grants", operation_id = "grant.list", tag = "grants", params(GrantFilter),
    responses((status = 200, body = GrantList), (status = "4XX", body = Problem)))]
pub async fn list_grants(
    State(s): State<AppState>,
    Caller(c): Caller,
    Query(f): Query<GrantFilter>,
) -> ApiResult<axum::Json<GrantList>> {
    let found = s.grants.list(&c, f.principal.as_deref(), f.database.as_deref(), f.table.as_deref()).await?;
    let grants = found.into_iter().map(|(g, p)| grant_response(&g, p)).collect();
    Ok(axum::Json(GrantList { grants }))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct EffectiveParams {
    /// `user:alice`, ...; defaults to the caller.
    pub principal: Option<String>,
    pub database: Option<String>,
    pub table: Option<String>,
}

/// Show effective permissions
///
/// Explains what a principal (by default the caller) may do on the catalog, a database or a table,
/// and which role, ownership or grants give each privilege; for a table also the readable columns
/// and the row filters that apply. Anyone may ask about themselves; asking about another principal
/// needs the grant.read permission (lake_admin, read_only_admin, or data_steward in the database).
#[utoipa::path(get, path = "/v1/permissions/effective", operation_id = "permission.effective", tag = "grants", params(EffectiveParams),
    responses((status = 200, body = EffectivePermissions), (status = "4XX", body = Problem)))]
pub async fn effective(
    State(s): State<AppState>,
    Caller(c): Caller,
    Query(q): Query<EffectiveParams>,
) -> ApiResult<axum::Json<EffectivePermissions>> {
    let who = q.principal.unwrap_or_else(|| c.to_string());
    let found = s.grants.effective(&c, &who, q.database.as_deref(), q.table.as_deref()).await?;
    let privileges = found
        .privileges
        .into_iter()
        .map(|e| PrivilegeExplanation {
            privilege: e.privilege.as_str().to_owned(),
            grantable: e.grantable,
            because: e.because,
            grants: e.grants.iter().map(|(g, holder)| grant_response(g, holder.clone())).collect(),
        })
        .collect();
    let columns = found.columns.into_iter().map(|(name, select)| ColumnPermission { name, select }).collect();
    Ok(axum::Json(EffectivePermissions {
        principal: found.principal.to_string(),
        privileges,
        columns,
        rows: found.rows.to_owned(),
        row_filters: found.row_filters,
    }))
}
