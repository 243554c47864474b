//! `/v1/roles`: the management-plane roles and who holds them.

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::AppState;
use super::error::{ApiResult, Problem};
use super::extract::{Caller, Json, Query};
use crate::domain::role::{Role, RoleAssignment, Scope};
use crate::service::roles::RoleDefinition;

#[derive(Debug, Serialize, ToSchema)]
pub struct RoleResponse {
    /// `lake_admin`, `read_only_admin`, `auditor` or `data_steward`.
    pub name: String,
    /// Held in one database (`data_steward`) rather than lake-wide.
    pub database_scoped: bool,
    /// The management actions it allows, as `policies/roles.csv` says.
    pub actions: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RoleList {
    pub roles: Vec<RoleResponse>,
}

/// A role someone holds: lake-wide, or in one database.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoleHeld {
    pub role: String,
    /// The database a `data_steward` role is held in; absent for lake-wide roles.
    pub database: Option<String>,
}

impl From<(Role, Scope)> for RoleHeld {
    fn from((role, scope): (Role, Scope)) -> Self {
        let database = match scope {
            Scope::Lake => None,
            Scope::Database(db) => Some(db),
        };
        Self { role: role.as_str().to_owned(), database }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignmentBody {
    /// `user:alice`, `group:stewards` or `service:etl`.
    #[schema(pattern = "^(user|group|service):[a-z][a-z0-9_.-]{0,127}$", max_length = 136, example = "group:analysts")]
    pub principal: String,
    #[schema(value_type = super::schema::RoleName)]
    pub role: String,
    /// Required for `data_steward`, refused for the lake-wide roles.
    pub database: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AssignmentResponse {
    pub principal: String,
    pub role: String,
    pub database: Option<String>,
    pub assigned_by: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AssignmentList {
    pub assignments: Vec<AssignmentResponse>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RoleRevokeResponse {
    /// 1 when the assignment existed, 0 otherwise.
    pub count: usize,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct AssignmentFilter {
    /// Only this principal's assignments (`user:alice`).
    pub principal: Option<String>,
}

fn assignment(a: RoleAssignment, principal: String) -> AssignmentResponse {
    let held = RoleHeld::from((a.role, a.scope));
    AssignmentResponse { principal, role: held.role, database: held.database, assigned_by: a.created_by }
}

impl From<RoleDefinition> for RoleResponse {
    fn from(d: RoleDefinition) -> Self {
        Self {
            name: d.role.as_str().to_owned(),
            database_scoped: d.database_scoped,
            actions: d.actions.iter().map(|a| a.as_str().to_owned()).collect(),
        }
    }
}

/// List roles
///
/// Returns the management roles (lake_admin, read_only_admin, auditor, data_steward) and the
/// actions each allows. Any authenticated caller may read them.
#[utoipa::path(get, path = "/v1/roles", operation_id = "role.list", tag = "roles",
    responses((status = 200, body = RoleList), (status = "4XX", body = Problem)))]
pub async fn list_roles(State(s): State<AppState>, Caller(c): Caller) -> ApiResult<axum::Json<RoleList>> {
    let roles = s.roles.definitions(&c)?.into_iter().map(Into::into).collect();
    Ok(axum::Json(RoleList { roles }))
}

/// List role assignments
///
/// Returns who holds which role, optionally for one `principal`. Holders of the role.read
/// permission (roles lake_admin and read_only_admin) see every assignment; others only their own
/// and their groups'.
#[utoipa::path(get, path = "/v1/roles/assignments", operation_id = "assignment.list", tag = "roles", params(AssignmentFilter),
    responses((status = 200, body = AssignmentList), (status = "4XX", body = Problem)))]
pub async fn list_assignments(
    State(s): State<AppState>,
    Caller(c): Caller,
    Query(f): Query<AssignmentFilter>,
) -> ApiResult<axum::Json<AssignmentList>> {
    let found = s.roles.list(&c, f.principal.as_deref()).await?;
    Ok(axum::Json(AssignmentList { assignments: found.into_iter().map(|(a, p)| assignment(a, p)).collect() }))
}

/// Assign a role
///
/// Gives a user, group or service a role, lake-wide or, for data_steward, in one `database`. Needs
/// the lake_admin role; answers 201 for a new assignment and 200 when it already existed.
#[utoipa::path(post, path = "/v1/roles/assignments", operation_id = "assignment.create", tag = "roles", request_body = AssignmentBody,
    responses((status = 201, body = AssignmentResponse), (status = 200, body = AssignmentResponse), (status = "4XX", body = Problem)))]
pub async fn assign(
    State(s): State<AppState>,
    Caller(c): Caller,
    Json(b): Json<AssignmentBody>,
) -> ApiResult<(StatusCode, axum::Json<AssignmentResponse>)> {
    let (a, added) = s.roles.assign(&c, &b.principal, &b.role, b.database.as_deref()).await?;
    let status = if added { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, axum::Json(assignment(a, b.principal))))
}

/// Revoke a role
///
/// Takes a role from a principal; `count` is 1 when the assignment existed and 0 otherwise. Needs
/// the lake_admin role; a change that would leave no lake administrator gives 409
/// `last_lake_admin`.
#[utoipa::path(post, path = "/v1/roles/assignments/revoke", operation_id = "assignment.revoke", tag = "roles", request_body = AssignmentBody,
    responses((status = 200, body = RoleRevokeResponse), (status = "4XX", body = Problem)))]
pub async fn revoke(
    State(s): State<AppState>,
    Caller(c): Caller,
    Json(b): Json<AssignmentBody>,
) -> ApiResult<axum::Json<RoleRevokeResponse>> {
    let removed = s.roles.revoke(&c, &b.principal, &b.role, b.database.as_deref()).await?;
    Ok(axum::Json(RoleRevokeResponse { count: usize::from(removed) }))
}
