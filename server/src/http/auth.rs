//! `/v1/auth`: the token endpoint (OAuth2-style password grant) and whoami.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequest, Request, State};
use axum::http::header;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::AppState;
use super::error::{ApiError, ApiResult, ErrorCode, Problem};
use super::extract::{Caller, Json};

/// Accepted as JSON or as `application/x-www-form-urlencoded` (as OAuth2 clients send it).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    /// `password` (users) or `client_credentials` (service principals).
    #[schema(value_type = super::schema::GrantType)]
    pub grant_type: String,
    pub username: Option<String>,
    pub password: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    /// Accepted and ignored: tokens carry the principal's full rights.
    pub scope: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the token expires.
    pub expires_in: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WhoAmI {
    /// `kind:name`, as written in grants.
    pub principal: String,
    pub kind: String,
    pub name: String,
    /// Holds `lake_admin` (itself or through a group).
    pub is_admin: bool,
    /// The management-plane roles held, itself or through groups.
    pub roles: Vec<super::roles::RoleHeld>,
}

async fn read_token_request(request: Request) -> ApiResult<TokenRequest> {
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if is_form {
        let axum::Form(body) = axum::Form::<TokenRequest>::from_request(request, &())
            .await
            .map_err(|e| ApiError::new(ErrorCode::InvalidRequest, e.body_text()))?;
        Ok(body)
    } else {
        let Json(body) = Json::<TokenRequest>::from_request(request, &()).await?;
        Ok(body)
    }
}

/// Get an access token
///
/// Exchanges credentials for a bearer token: `grant_type=password` with a user's `username` and
/// `password`, or `grant_type=client_credentials` with a service principal's `client_id` and
/// `client_secret`, sent as JSON or as a form. Needs no authentication. Wrong credentials give 401
/// `invalid_credentials`, and repeated failures 429 with a `Retry-After` header.
#[utoipa::path(post, path = "/v1/auth/token", operation_id = "auth.token", tag = "auth", security(()),
    request_body(content((TokenRequest = "application/json"), (TokenRequest = "application/x-www-form-urlencoded"))),
    responses((status = 200, body = TokenResponse), (status = "4XX", body = Problem)))]
pub async fn token(State(state): State<AppState>, request: Request) -> ApiResult<axum::Json<TokenResponse>> {
    let addr = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let body = read_token_request(request).await?;
    let issued = match body.grant_type.as_str() {
        "password" => {
            let (Some(username), Some(password)) = (body.username, body.password) else {
                return Err(ApiError::new(ErrorCode::InvalidRequest, "the password grant needs username and password"));
            };
            crate::audit::context::set_principal(format!("user:{}", username.chars().take(128).collect::<String>()));
            state.auth.login_with_password(&username, &password, addr).await?
        }
        "client_credentials" => {
            let (Some(id), Some(secret)) = (body.client_id, body.client_secret) else {
                return Err(ApiError::new(
                    ErrorCode::InvalidRequest,
                    "client_credentials needs client_id and client_secret",
                ));
            };
            crate::audit::context::set_principal(format!("client_id:{}", id.chars().take(128).collect::<String>()));
            state.auth.login_with_client_secret(&id, &secret, addr).await?
        }
        other => return Err(ApiError::new(ErrorCode::InvalidRequest, format!("unsupported grant_type `{other}`"))),
    };
    Ok(axum::Json(TokenResponse {
        access_token: issued.token,
        token_type: "Bearer".to_owned(),
        expires_in: issued.expires_in,
    }))
}

/// Show the calling principal
///
/// Returns the principal the bearer token belongs to, whether it holds lake_admin, and the
/// management roles it holds itself or through its groups. Any authenticated caller may use it.
#[utoipa::path(get, path = "/v1/auth/whoami", operation_id = "auth.whoami", tag = "auth",
    responses((status = 200, body = WhoAmI), (status = "4XX", body = Problem)))]
pub async fn whoami(State(state): State<AppState>, Caller(caller): Caller) -> axum::Json<WhoAmI> {
    let roles = state.roles.held(&caller);
    let is_admin = roles.iter().any(|(role, _)| *role == crate::domain::role::Role::LakeAdmin);
    axum::Json(WhoAmI {
        principal: caller.to_string(),
        kind: caller.kind.as_str().to_owned(),
        name: caller.name,
        is_admin,
        roles: roles.into_iter().map(Into::into).collect(),
    })
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RotateKeysRequest {
    /// Also retire every previous key at once: all tokens signed before stop working
    /// (for a leaked key). Without it, old tokens verify until they expire.
    #[serde(default)]
    pub revoke_previous: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RotateKeysResponse {
    /// The id of the key that signs from now on.
    pub kid: String,
}

/// Rotate the token signing key
///
/// Signs new tokens with a fresh key from now on and returns its id. Tokens signed before keep
/// working until they expire, unless `revoke_previous` is set, which makes them all invalid at
/// once. Needs the lake_admin role.
#[utoipa::path(post, path = "/v1/auth/keys/rotate", operation_id = "signing_key.rotate", tag = "auth", request_body = RotateKeysRequest,
    responses((status = 200, body = RotateKeysResponse), (status = "4XX", body = Problem)))]
pub async fn rotate_keys(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Json(body): Json<RotateKeysRequest>,
) -> ApiResult<axum::Json<RotateKeysResponse>> {
    let kid = state.auth.rotate_keys(&caller, body.revoke_previous).await?;
    Ok(axum::Json(RotateKeysResponse { kid }))
}
