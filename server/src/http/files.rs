//! `PUT /v1/databases/{db}/tables/{table}/files/{name}`: upload a file into a raw-zone table.

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::AppState;
use super::error::{ApiResult, Problem};
use super::extract::{Caller, Path, Query};
use crate::service::files::{Upload, Uploaded};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadParams {
    /// Hive-style partition folders, e.g. `year=2024/month=06`. In a partitioned table the
    /// partition is registered in the catalog with the file, if it was not there yet.
    pub partition: Option<String>,
    /// Replace a file of the same name with different content (otherwise 409 `file_exists`).
    #[serde(default)]
    pub overwrite: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FileResponse {
    /// Path within the table's folder, e.g. `year=2024/orders.csv`.
    pub path: String,
    /// Where the file is, e.g. `s3://bucket/raw/sales/orders/year=2024/orders.csv`.
    pub location: String,
    pub size: u64,
    /// Hex SHA-256 of the content.
    pub sha256: String,
    /// False when this exact content was already there under this name.
    pub created: bool,
}

impl From<Uploaded> for FileResponse {
    fn from(u: Uploaded) -> Self {
        Self { path: u.path, location: u.location, size: u.size, sha256: u.sha256, created: u.created }
    }
}

/// Upload a file into a table
///
/// Streams the request body into the folder of a raw-zone table (other zones give 409), into a
/// `partition` folder for a partitioned table, which registers the partition if it is new. Needs
/// INSERT on the table. Re-uploading identical content answers 200, and a different file of the
/// same name gives 409 `file_exists` unless `overwrite=true`.
#[utoipa::path(put, path = "/v1/databases/{db}/tables/{table}/files/{name}", operation_id = "file.upload", tag = "files",
    params(("db" = String, Path), ("table" = String, Path), ("name" = String, Path), UploadParams),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = FileResponse, description = "Uploaded"),
        (status = 200, body = FileResponse, description = "The same content was already there"),
        (status = "4XX", body = Problem)))]
pub async fn upload_file(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path((database, table, name)): Path<(String, String, String)>,
    Query(p): Query<UploadParams>,
    body: Body,
) -> ApiResult<(StatusCode, Json<FileResponse>)> {
    let upload = Upload { database, table, name, partition: p.partition, overwrite: p.overwrite };
    let uploaded = s.files.upload(&c, upload, body.into_data_stream()).await?;
    let status = if uploaded.created { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(uploaded.into())))
}
