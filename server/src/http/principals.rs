//! `/v1/principals`: users, groups and service principals.

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::AppState;
use super::databases::ListParams;
use super::error::{ApiResult, Problem};
use super::extract::{Caller, Json, Path, Query};
use super::patch::double_option;
use crate::domain::principal::{Principal, PrincipalKind};
use crate::service::principals::PrincipalView;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUserRequest {
    #[schema(pattern = "^[a-z][a-z0-9_.-]*$", min_length = 1, max_length = 128)]
    pub name: String,
    /// At least 8 characters.
    #[schema(min_length = 8)]
    pub password: String,
    #[serde(default)]
    pub is_admin: bool,
    pub description: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUserRequest {
    #[schema(min_length = 8)]
    pub password: Option<String>,
    pub is_admin: Option<bool>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub description: Option<Option<String>>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePrincipalRequest {
    #[schema(pattern = "^[a-z][a-z0-9_.-]*$", min_length = 1, max_length = 128)]
    pub name: String,
    pub description: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PrincipalResponse {
    /// `kind:name`, as written in grants.
    pub principal: String,
    pub kind: String,
    pub name: String,
    pub is_admin: bool,
    pub description: Option<String>,
    /// Service principals only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PrincipalList {
    pub principals: Vec<PrincipalResponse>,
    pub next_page_token: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GroupResponse {
    #[serde(flatten)]
    pub group: PrincipalResponse,
    /// Direct members, `kind:name`.
    pub members: Vec<String>,
}

/// Returned once, when the service principal is created: the secret is not stored in clear.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceCreated {
    #[serde(flatten)]
    pub service: PrincipalResponse,
    pub client_secret: String,
}

impl From<PrincipalView> for PrincipalResponse {
    fn from(row: PrincipalView) -> Self {
        let p = row.principal;
        Self {
            principal: p.to_string(),
            kind: p.kind.as_str().to_owned(),
            name: p.name,
            is_admin: row.is_admin,
            description: row.description,
            client_id: row.client_id,
        }
    }
}

fn list(page: crate::service::Page<PrincipalView>) -> axum::Json<PrincipalList> {
    axum::Json(PrincipalList {
        principals: page.items.into_iter().map(Into::into).collect(),
        next_page_token: page.next_page_token,
    })
}

/// List users
///
/// Returns the users by name, paged with `max_results` and `page_token`. Needs the principal.read
/// permission (roles lake_admin and read_only_admin).
#[utoipa::path(get, path = "/v1/principals/users", operation_id = "user.list", tag = "principals", params(ListParams),
    responses((status = 200, body = PrincipalList), (status = "4XX", body = Problem)))]
pub async fn list_users(
    State(s): State<AppState>,
    Caller(c): Caller,
    Query(q): Query<ListParams>,
) -> ApiResult<axum::Json<PrincipalList>> {
    Ok(list(s.principals.list(&c, PrincipalKind::User, q.max_results, q.page_token.as_deref()).await?))
}

/// Create a user
///
/// Creates a user who logs in with the given password (at least 8 characters). Needs the lake_admin
/// role; `is_admin=true` also makes the new user a lake administrator.
#[utoipa::path(post, path = "/v1/principals/users", operation_id = "user.create", tag = "principals", request_body = CreateUserRequest,
    responses((status = 201, body = PrincipalResponse), (status = "4XX", body = Problem)))]
pub async fn create_user(
    State(s): State<AppState>,
    Caller(c): Caller,
    Json(b): Json<CreateUserRequest>,
) -> ApiResult<(StatusCode, axum::Json<PrincipalResponse>)> {
    let row = s.principals.create_user(&c, &b.name, &b.password, b.is_admin, b.description.as_deref()).await?;
    Ok((StatusCode::CREATED, axum::Json(row.into())))
}

/// Get a user
///
/// Returns one user. Users may read themselves; reading others needs the principal.read permission
/// (roles lake_admin and read_only_admin).
#[utoipa::path(get, path = "/v1/principals/users/{name}", operation_id = "user.get", tag = "principals", params(("name" = String, Path)),
    responses((status = 200, body = PrincipalResponse), (status = "4XX", body = Problem)))]
pub async fn get_user(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path(name): Path<String>,
) -> ApiResult<axum::Json<PrincipalResponse>> {
    Ok(axum::Json(s.principals.get(&c, PrincipalKind::User, &name).await?.into()))
}

/// Update a user
///
/// Changes a user's password, description or lake_admin role (`is_admin`). Needs the lake_admin
/// role, except that users may change their own password; a change that would leave no lake
/// administrator gives 409 `last_lake_admin`.
#[utoipa::path(patch, path = "/v1/principals/users/{name}", operation_id = "user.update", tag = "principals", params(("name" = String, Path)),
    request_body = UpdateUserRequest, responses((status = 200, body = PrincipalResponse), (status = "4XX", body = Problem)))]
pub async fn update_user(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path(name): Path<String>,
    Json(b): Json<UpdateUserRequest>,
) -> ApiResult<axum::Json<PrincipalResponse>> {
    let description = b.description.as_ref().map(|d| d.as_deref());
    Ok(axum::Json(s.principals.update_user(&c, &name, b.password.as_deref(), b.is_admin, description).await?.into()))
}

/// Delete a user
///
/// Deletes the user with its group memberships and grants; its tokens stop working at once. Needs
/// the lake_admin role; deleting yourself or the last lake administrator gives 409.
#[utoipa::path(delete, path = "/v1/principals/users/{name}", operation_id = "user.delete", tag = "principals", params(("name" = String, Path)),
    responses((status = 204), (status = "4XX", body = Problem)))]
pub async fn delete_user(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path(name): Path<String>,
) -> ApiResult<StatusCode> {
    s.principals.delete(&c, PrincipalKind::User, &name).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// List groups
///
/// Returns the groups by name, paged with `max_results` and `page_token`. Needs the principal.read
/// permission (roles lake_admin and read_only_admin).
#[utoipa::path(get, path = "/v1/principals/groups", operation_id = "group.list", tag = "principals", params(ListParams),
    responses((status = 200, body = PrincipalList), (status = "4XX", body = Problem)))]
pub async fn list_groups(
    State(s): State<AppState>,
    Caller(c): Caller,
    Query(q): Query<ListParams>,
) -> ApiResult<axum::Json<PrincipalList>> {
    Ok(list(s.principals.list(&c, PrincipalKind::Group, q.max_results, q.page_token.as_deref()).await?))
}

/// Create a group
///
/// Creates a group; grants and roles given to it apply to its members, and groups may be nested.
/// Needs the lake_admin role.
#[utoipa::path(post, path = "/v1/principals/groups", operation_id = "group.create", tag = "principals", request_body = CreatePrincipalRequest,
    responses((status = 201, body = PrincipalResponse), (status = "4XX", body = Problem)))]
pub async fn create_group(
    State(s): State<AppState>,
    Caller(c): Caller,
    Json(b): Json<CreatePrincipalRequest>,
) -> ApiResult<(StatusCode, axum::Json<PrincipalResponse>)> {
    let row = s.principals.create_group(&c, &b.name, b.description.as_deref()).await?;
    Ok((StatusCode::CREATED, axum::Json(row.into())))
}

/// Get a group
///
/// Returns one group with its direct members. Needs the principal.read permission (roles lake_admin
/// and read_only_admin).
#[utoipa::path(get, path = "/v1/principals/groups/{name}", operation_id = "group.get", tag = "principals", params(("name" = String, Path)),
    responses((status = 200, body = GroupResponse), (status = "4XX", body = Problem)))]
pub async fn get_group(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path(name): Path<String>,
) -> ApiResult<axum::Json<GroupResponse>> {
    let details = s.principals.get_group(&c, &name).await?;
    let members = details.members.iter().map(Principal::to_string).collect();
    Ok(axum::Json(GroupResponse { group: details.row.into(), members }))
}

/// Delete a group
///
/// Deletes the group with its memberships and grants. Needs the lake_admin role; a change that
/// would leave no lake administrator gives 409 `last_lake_admin`.
#[utoipa::path(delete, path = "/v1/principals/groups/{name}", operation_id = "group.delete", tag = "principals", params(("name" = String, Path)),
    responses((status = 204), (status = "4XX", body = Problem)))]
pub async fn delete_group(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path(name): Path<String>,
) -> ApiResult<StatusCode> {
    s.principals.delete(&c, PrincipalKind::Group, &name).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Add a member to a group
///
/// Puts a user, group or service (`user:alice`, `group:analysts`, `service:etl`) into the group.
/// Needs the lake_admin role; a membership that would make a cycle of groups gives 409.
#[utoipa::path(put, path = "/v1/principals/groups/{name}/members/{principal}", operation_id = "member.add", tag = "principals",
    params(("name" = String, Path), ("principal" = String, Path, description = "user:alice, group:analysts or service:etl")),
    responses((status = 204), (status = "4XX", body = Problem)))]
pub async fn add_member(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path((name, member)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    s.principals.add_member(&c, &name, &member).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Remove a member from a group
///
/// Takes the principal out of the group, or gives 404 when it is not a member. Needs the lake_admin
/// role; a change that would leave no lake administrator gives 409 `last_lake_admin`.
#[utoipa::path(delete, path = "/v1/principals/groups/{name}/members/{principal}", operation_id = "member.remove", tag = "principals",
    params(("name" = String, Path), ("principal" = String, Path)),
    responses((status = 204), (status = "4XX", body = Problem)))]
pub async fn remove_member(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path((name, member)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    s.principals.remove_member(&c, &name, &member).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// List service principals
///
/// Returns the service principals by name, with their client ids, paged with `max_results` and
/// `page_token`. Needs the principal.read permission (roles lake_admin and read_only_admin).
#[utoipa::path(get, path = "/v1/principals/services", operation_id = "service.list", tag = "principals", params(ListParams),
    responses((status = 200, body = PrincipalList), (status = "4XX", body = Problem)))]
pub async fn list_services(
    State(s): State<AppState>,
    Caller(c): Caller,
    Query(q): Query<ListParams>,
) -> ApiResult<axum::Json<PrincipalList>> {
    Ok(list(s.principals.list(&c, PrincipalKind::Service, q.max_results, q.page_token.as_deref()).await?))
}

/// Create a service principal
///
/// Creates a service principal and returns its `client_id` and `client_secret`, which get tokens
/// with `grant_type=client_credentials`. The secret is shown only in this response. Needs the
/// lake_admin role.
#[utoipa::path(post, path = "/v1/principals/services", operation_id = "service.create", tag = "principals", request_body = CreatePrincipalRequest,
    responses((status = 201, body = ServiceCreated), (status = "4XX", body = Problem)))]
pub async fn create_service(
    State(s): State<AppState>,
    Caller(c): Caller,
    Json(b): Json<CreatePrincipalRequest>,
) -> ApiResult<(StatusCode, axum::Json<ServiceCreated>)> {
    let created = s.principals.create_service(&c, &b.name, b.description.as_deref()).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(ServiceCreated { service: created.row.into(), client_secret: created.client_secret }),
    ))
}

/// Delete a service principal
///
/// Deletes the service principal with its group memberships and grants; its tokens stop working at
/// once. Needs the lake_admin role.
#[utoipa::path(delete, path = "/v1/principals/services/{name}", operation_id = "service.delete", tag = "principals", params(("name" = String, Path)),
    responses((status = 204), (status = "4XX", body = Problem)))]
pub async fn delete_service(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path(name): Path<String>,
) -> ApiResult<StatusCode> {
    s.principals.delete(&c, PrincipalKind::Service, &name).await?;
    Ok(StatusCode::NO_CONTENT)
}
