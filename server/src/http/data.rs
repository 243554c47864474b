//! `/v1/data/{db}/{table}/...`: a table's files for the bearer of a vended data token.

use axum::Json;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use super::AppState;
use super::error::{ApiError, ApiResult, ErrorCode, Problem};
use super::extract::Path;
use super::files::FileResponse;

/// Bytes read from the lake per chunk of a streamed file.
const CHUNK: u64 = 4 << 20;

#[derive(Debug, Serialize, ToSchema)]
pub struct DataFileEntry {
    pub path: String,
    pub size: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DataFileList {
    pub files: Vec<DataFileEntry>,
}

fn bearer(headers: &HeaderMap) -> ApiResult<&str> {
    super::extract::bearer_token(headers)
        .ok_or_else(|| ApiError::new(ErrorCode::Unauthenticated, "the data endpoint needs a vended data token"))
}

/// List a table's files with a data token
///
/// Lists the files in the table's folder for the bearer of a READ data token vended for this table.
/// The caller's SELECT is checked again on every request, so a revoked grant stops the token before
/// it expires.
#[utoipa::path(get, path = "/v1/data/{db}/{table}", operation_id = "data.list", tag = "credentials",
    params(("db" = String, Path), ("table" = String, Path)),
    responses((status = 200, body = DataFileList), (status = "4XX", body = Problem)))]
pub async fn list_data(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path((db, table)): Path<(String, String)>,
) -> ApiResult<Json<DataFileList>> {
    let files = s.data.list(bearer(&headers)?, &db, &table).await?;
    Ok(Json(DataFileList { files: files.into_iter().map(|f| DataFileEntry { path: f.path, size: f.size }).collect() }))
}

/// `bytes=a-b`, `bytes=a-` or `bytes=-n` within `len`.
fn byte_range(headers: &HeaderMap, len: u64) -> Result<Option<(u64, u64)>, ApiError> {
    let Some(value) = headers.get(header::RANGE).and_then(|v| v.to_str().ok()) else { return Ok(None) };
    let bad = || ApiError::new(ErrorCode::InvalidRequest, format!("unsupported range `{value}`"));
    let spec = value.strip_prefix("bytes=").filter(|s| !s.contains(',')).ok_or_else(bad)?;
    let (start, end) = spec.split_once('-').ok_or_else(bad)?;
    let (start, end) = match (start.trim(), end.trim()) {
        ("", n) => {
            let n: u64 = n.parse().map_err(|_| bad())?;
            (len.saturating_sub(n), len)
        }
        (a, "") => (a.parse().map_err(|_| bad())?, len),
        (a, b) => (a.parse().map_err(|_| bad())?, b.parse::<u64>().map_err(|_| bad())?.saturating_add(1).min(len)),
    };
    if start >= end {
        return Err(ApiError::new(
            ErrorCode::InvalidRequest,
            format!("range `{value}` is outside the file ({len} bytes)"),
        ));
    }
    Ok(Some((start, end)))
}

/// Read a table file with a data token
///
/// Streams one file of the table, named by its path relative to the table's folder, to the bearer
/// of a READ data token vended for this table. A single `Range` is supported and answered with 206.
#[utoipa::path(get, path = "/v1/data/{db}/{table}/{*path}", operation_id = "data.get", tag = "credentials",
    params(("db" = String, Path), ("table" = String, Path), ("path" = String, Path)),
    responses((status = 200, description = "The file"), (status = 206, description = "Part of the file"),
        (status = "4XX", body = Problem)))]
pub async fn get_data(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path((db, table, path)): Path<(String, String, String)>,
) -> ApiResult<Response> {
    let reader = s.data.open(bearer(&headers)?, &db, &table, &path).await?;
    let len = reader.len();
    let range = byte_range(&headers, len)?;
    let (start, end) = range.unwrap_or((0, len));
    let chunks = futures::stream::unfold((reader, start), move |(reader, at)| async move {
        if at >= end {
            return None;
        }
        let next = (at + CHUNK).min(end);
        let chunk = reader.range(at..next).await.map_err(|e| std::io::Error::other(e.to_string()));
        Some((chunk, (reader, next)))
    });
    let mut response = Response::new(Body::from_stream(chunks));
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, header::HeaderValue::from_static("application/octet-stream"));
    h.insert(header::ACCEPT_RANGES, header::HeaderValue::from_static("bytes"));
    h.insert(header::CONTENT_LENGTH, (end - start).into());
    if range.is_some() {
        *response.status_mut() = StatusCode::PARTIAL_CONTENT;
        let value = format!("bytes {start}-{}/{len}", end - 1);
        if let Ok(v) = header::HeaderValue::from_str(&value) {
            response.headers_mut().insert(header::CONTENT_RANGE, v);
        }
    }
    Ok(response)
}

/// Write a table file with a data token
///
/// Writes one file into the table's folder for the bearer of a WRITE data token vended for this
/// table, replacing a file of the same name; the path may start with partition folders, e.g.
/// `year=2024/a.parquet`. The caller's INSERT is checked again on every request, and only raw-zone
/// tables accept files.
#[utoipa::path(put, path = "/v1/data/{db}/{table}/{*path}", operation_id = "data.put", tag = "credentials",
    params(("db" = String, Path), ("table" = String, Path), ("path" = String, Path)),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = FileResponse), (status = "4XX", body = Problem)))]
pub async fn put_data(
    State(s): State<AppState>,
    Path((db, table, path)): Path<(String, String, String)>,
    request: Request,
) -> ApiResult<Response> {
    let token = bearer(request.headers())?.to_owned();
    let body = request.into_body().into_data_stream();
    let uploaded = s.data.write(&token, &db, &table, &path, body).await?;
    Ok((StatusCode::CREATED, Json(FileResponse::from(uploaded))).into_response())
}
