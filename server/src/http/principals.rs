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
    pub name: String,
    /// At least 8 characters.
    pub password: String,
    #[serde(default)]
    pub is_admin: bool,
    pub description: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUserRequest {
    pub password: Option<String>,
    pub is_admin: Option<bool>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub description: Option<Option<String>>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePrincipalRequest {
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

#[utoipa::path(get, path = "/v1/principals/users", operation_id = "user.list", tag = "principals", params(ListParams),
    responses((status = 200, body = PrincipalList), (status = "4XX", body = Problem)))]
pub async fn list_users(
    State(s): State<AppState>,
    Caller(c): Caller,
    Query(q): Query<ListParams>,
) -> ApiResult<axum::Json<PrincipalList>> {
    Ok(list(s.principals.list(&c, PrincipalKind::User, q.max_results, q.page_token.as_deref()).await?))
}

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

#[utoipa::path(get, path = "/v1/principals/users/{name}", operation_id = "user.get", tag = "principals", params(("name" = String, Path)),
    responses((status = 200, body = PrincipalResponse), (status = "4XX", body = Problem)))]
pub async fn get_user(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path(name): Path<String>,
) -> ApiResult<axum::Json<PrincipalResponse>> {
    Ok(axum::Json(s.principals.get(&c, PrincipalKind::User, &name).await?.into()))
}

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

#[utoipa::path(get, path = "/v1/principals/groups", operation_id = "group.list", tag = "principals", params(ListParams),
    responses((status = 200, body = PrincipalList), (status = "4XX", body = Problem)))]
pub async fn list_groups(
    State(s): State<AppState>,
    Caller(c): Caller,
    Query(q): Query<ListParams>,
) -> ApiResult<axum::Json<PrincipalList>> {
    Ok(list(s.principals.list(&c, PrincipalKind::Group, q.max_results, q.page_token.as_deref()).await?))
}

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

#[utoipa::path(get, path = "/v1/principals/services", operation_id = "service.list", tag = "principals", params(ListParams),
    responses((status = 200, body = PrincipalList), (status = "4XX", body = Problem)))]
pub async fn list_services(
    State(s): State<AppState>,
    Caller(c): Caller,
    Query(q): Query<ListParams>,
) -> ApiResult<axum::Json<PrincipalList>> {
    Ok(list(s.principals.list(&c, PrincipalKind::Service, q.max_results, q.page_token.as_deref()).await?))
}

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
