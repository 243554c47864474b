//! `/v1/query` and `/v1/queries`: SQL over the catalog's tables, within the caller's grants.

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::AppState;
use super::error::{ApiResult, Problem};
use super::extract::{Caller, Json as JsonBody, Path};
use crate::domain::query::QueryRecord;
use crate::query::output::OutputFormat;
use crate::service::queries::QueryRequest;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RunQueryRequest {
    /// One `SELECT` (or `EXPLAIN SELECT`); tables are named `database.table`.
    #[schema(min_length = 1)]
    pub sql: String,
    /// `json` (default), `csv`, `arrow` (IPC stream) or `parquet`.
    #[serde(default)]
    #[schema(value_type = super::schema::ResultFormat)]
    pub format: OutputFormat,
    /// Stop after this many rows.
    #[schema(minimum = 1, maximum = 100_000_000)]
    pub max_rows: Option<u64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QueryResponse {
    pub id: String,
    pub sql: String,
    /// `running`, `succeeded`, `failed` or `cancelled`.
    pub status: String,
    pub error: Option<String>,
    pub tables: Vec<String>,
    pub rows: u64,
    pub bytes_scanned: u64,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub duration_ms: i64,
}

impl From<QueryRecord> for QueryResponse {
    fn from(q: QueryRecord) -> Self {
        Self {
            duration_ms: q.duration_ms(),
            status: q.status.as_str().to_owned(),
            id: q.id,
            sql: q.sql,
            error: q.error,
            tables: q.tables,
            rows: q.rows,
            bytes_scanned: q.bytes_scanned,
            started_at: q.started_at,
            finished_at: q.finished_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QueryList {
    pub queries: Vec<QueryResponse>,
}

/// Run a SQL query
///
/// Runs one SELECT (or EXPLAIN SELECT) over tables named `database.table` and streams the result as
/// JSON, CSV, Arrow or Parquet, with the query's id in the `X-Tarn-Query-Id` header. Needs SELECT
/// on every table read: only granted columns exist and only rows the caller's data filters admit
/// are read, and naming a column the caller may not read gives 403 `column_not_permitted`.
#[utoipa::path(post, path = "/v1/query", operation_id = "query.run", tag = "queries", request_body = RunQueryRequest,
    responses((status = 200, description = "The result, streamed", content(
        ("application/json"), ("text/csv"), ("application/vnd.apache.arrow.stream"), ("application/vnd.apache.parquet"))),
        (status = "4XX", body = Problem)))]
pub async fn run_query(
    State(s): State<AppState>,
    Caller(c): Caller,
    JsonBody(b): JsonBody<RunQueryRequest>,
) -> ApiResult<Response> {
    let request = QueryRequest { sql: b.sql, format: b.format, max_rows: b.max_rows };
    let output = s.queries.clone().run(&c, request).await?;
    let mut response = Response::new(Body::from_stream(output.body));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(output.format.content_type()));
    if let Ok(id) = HeaderValue::from_str(&output.id) {
        headers.insert("x-tarn-query-id", id);
    }
    Ok(response)
}

/// List recent queries
///
/// Returns the caller's own recent queries (up to 100), newest first, with their status and
/// statistics.
#[utoipa::path(get, path = "/v1/queries", operation_id = "query.list", tag = "queries",
    responses((status = 200, body = QueryList), (status = "4XX", body = Problem)))]
pub async fn list_queries(State(s): State<AppState>, Caller(c): Caller) -> ApiResult<Json<QueryList>> {
    let queries = s.queries.list(&c).await?.into_iter().map(Into::into).collect();
    Ok(Json(QueryList { queries }))
}

/// Cancel a query
///
/// Cancels one of the caller's running queries (a lake administrator may cancel anyone's); someone
/// else's query is otherwise reported as 404. Answers 202 with the query as it stood, or 409 when
/// it is not running.
#[utoipa::path(delete, path = "/v1/queries/{id}", operation_id = "query.cancel", tag = "queries", params(("id" = String, Path)),
    responses((status = 202, body = QueryResponse), (status = "4XX", body = Problem)))]
pub async fn cancel_query(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path(id): Path<String>,
) -> ApiResult<(axum::http::StatusCode, Json<QueryResponse>)> {
    Ok((axum::http::StatusCode::ACCEPTED, Json(s.queries.cancel(&c, &id).await?.into())))
}
