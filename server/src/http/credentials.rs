//! `POST /v1/databases/{db}/tables/{table}/credentials`: time-limited access to one table's
//! files for an external engine.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::AppState;
use super::error::{ApiResult, Problem};
use super::extract::{Caller, Json as JsonBody, Path};
use crate::service::credentials::{Operation, VendRequest, Vended, VendedAccess};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CredentialsRequest {
    /// `READ` (needs SELECT) or `WRITE` (needs INSERT).
    #[schema(value_type = super::schema::CredentialOperation)]
    pub operation: String,
    /// Restrictions the engine enforces itself: `COLUMN_PERMISSION`, `CELL_FILTER_PERMISSION`.
    #[serde(default)]
    #[schema(value_type = Vec<super::schema::PermissionType>)]
    pub supported_permission_types: Vec<String>,
    /// Lifetime, 300 to 21600 seconds [default: the server's, 900].
    #[schema(minimum = 300, maximum = 21600)]
    pub duration_seconds: Option<u64>,
    /// For WRITE on S3: the files to write, relative to the table's folder (`year=2024/a.parquet`).
    #[serde(default)]
    pub files: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VendedFile {
    /// Relative to the table's folder.
    pub path: String,
    pub url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CredentialsResponse {
    pub table: String,
    pub operation: String,
    pub location: String,
    pub expires_at: DateTime<Utc>,
    /// The columns the caller may read; the engine must not return others.
    pub columns: Vec<String>,
    /// SQL predicate the engine must apply to every row, when one applies.
    pub row_filter: Option<String>,
    /// `presigned_urls` (S3) or `data_token` (local lake: use `GET|PUT /v1/data/{db}/{table}/...`
    /// with the token as bearer).
    pub access_type: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<VendedFile>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
}

impl From<Vended> for CredentialsResponse {
    fn from(v: Vended) -> Self {
        let table = format!("{}.{}", v.table.database, v.table.name.as_str());
        let endpoint = format!("/v1/data/{}/{}", v.table.database, v.table.name.as_str());
        let (access_type, files, token, endpoint) = match v.access {
            VendedAccess::PresignedUrls(urls) => {
                let files = urls.into_iter().map(|(path, url)| VendedFile { path, url }).collect();
                ("presigned_urls", files, None, None)
            }
            VendedAccess::DataToken(token) => ("data_token", Vec::new(), Some(token), Some(endpoint)),
        };
        Self {
            table,
            operation: v.operation.as_str().to_owned(),
            location: v.location,
            expires_at: v.expires_at,
            columns: v.columns,
            row_filter: v.row_filter,
            access_type: access_type.to_owned(),
            files,
            token,
            endpoint,
        }
    }
}

/// Vend temporary access to a table's files
///
/// Gives an external engine time-limited access to one table's folder: pre-signed URLs on S3, or a
/// data token for the /v1/data endpoints on a local lake. READ needs SELECT and WRITE needs INSERT
/// on the table. A caller limited to some columns or rows gets access only when the engine declares
/// in `supported_permission_types` that it enforces those limits, otherwise 403
/// `enforcement_required` (use /v1/query instead).
#[utoipa::path(post, path = "/v1/databases/{db}/tables/{table}/credentials", operation_id = "credential.vend", tag = "credentials",
    params(("db" = String, Path), ("table" = String, Path)), request_body = CredentialsRequest,
    responses((status = 200, body = CredentialsResponse), (status = "4XX", body = Problem)))]
pub async fn vend_credentials(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path((db, table)): Path<(String, String)>,
    JsonBody(b): JsonBody<CredentialsRequest>,
) -> ApiResult<Json<CredentialsResponse>> {
    let operation = match b.operation.as_str() {
        "READ" => Operation::Read,
        "WRITE" => Operation::Write,
        other => {
            let detail = format!("operation is READ or WRITE, not `{other}`");
            return Err(super::error::ApiError::new(super::error::ErrorCode::InvalidRequest, detail));
        }
    };
    let request = VendRequest {
        operation,
        supported_permission_types: b.supported_permission_types,
        duration: b.duration_seconds.map(std::time::Duration::from_secs),
        files: b.files,
    };
    Ok(Json(s.credentials.vend(&c, &db, &table, request).await?.into()))
}
