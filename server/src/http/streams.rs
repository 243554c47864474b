//! `/v1/streams`: delivery streams and their records (Firehose's PutRecordBatch).

use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use base64::Engine;
use bytes::Bytes;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::AppState;
use super::error::{ApiError, ApiResult, ErrorCode, Problem};
use super::extract::{Caller, Json as JsonBody, Path};
use super::tables::{ColumnDto, ZoneDto};
use crate::domain::stream::{
    Buffering, Compression, MAX_PUT_BYTES, MAX_RECORD_BYTES, MAX_RECORDS_PER_PUT, MqttSource, Output, Stream,
    StreamDefinition,
};
use crate::ingest::batch::{Batch, Refusal};
use crate::service::stream_delivery::AcceptError;
use crate::service::streams::{StreamInput, StreamStatus};
use crate::service::tables::TableInput;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BufferingDto {
    /// Deliver once this much is buffered, 1 to 128 [default: 5].
    #[schema(minimum = 1, maximum = 128)]
    pub size_mib: u32,
    /// Deliver once the oldest record waited this long, 0 to 900 [default: 60].
    #[schema(minimum = 0, maximum = 900)]
    pub interval_seconds: u32,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum OutputFormatDto {
    #[default]
    Parquet,
    JsonLines,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum CompressionDto {
    #[default]
    Gzip,
    Zstd,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct OutputDto {
    /// `parquet` (converted by the table's schema, the default) or `json_lines`.
    #[serde(default)]
    pub format: OutputFormatDto,
    /// For `json_lines` [default: gzip].
    #[serde(default)]
    pub compression: Option<CompressionDto>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MqttDto {
    /// `mqtt://host:port`
    pub url: String,
    pub topic: String,
}

/// The target table's columns, when the stream is to create it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StreamTableSchema {
    pub columns: Vec<ColumnDto>,
    /// Partition keys: record fields, or `year`, `month`, `day`, `hour` of the record's time.
    #[serde(default)]
    pub partition_keys: Vec<ColumnDto>,
    /// [default: raw]
    #[serde(default)]
    pub zone: ZoneDto,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateStreamRequest {
    #[schema(pattern = "^[a-z][a-z0-9_]*$", min_length = 1, max_length = 128)]
    pub name: String,
    #[schema(pattern = "^[a-z][a-z0-9_]*$", min_length = 1, max_length = 128)]
    pub database: String,
    /// The target table; created from `schema` when it does not exist.
    #[schema(pattern = "^[a-z][a-z0-9_]*$", min_length = 1, max_length = 128)]
    pub table: String,
    pub schema: Option<StreamTableSchema>,
    /// Whichever comes first [default: 5 MiB, 60 s].
    pub buffering: Option<BufferingDto>,
    pub output: Option<OutputDto>,
    /// The record field whose time fills time partition keys (RFC 3339 text or epoch
    /// milliseconds) [default: arrival time].
    pub timestamp_field: Option<String>,
    /// New partitions one delivery may open; records beyond go to the error table [default: 5000].
    #[schema(minimum = 1, maximum = 100000)]
    pub max_active_partitions: Option<u32>,
    /// A `SELECT ... FROM records` applied to each buffer before it is written.
    pub transform: Option<String>,
    /// Where records that cannot be delivered go, with why [default: `<table>_errors`].
    #[schema(pattern = "^[a-z][a-z0-9_]*$", min_length = 1, max_length = 128)]
    pub error_table: Option<String>,
    /// Subscribe to an MQTT topic (QoS 1).
    pub mqtt: Option<MqttDto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StreamStatusDto {
    /// Records and bytes committed into the table (every replica).
    pub delivered_records: i64,
    pub delivered_bytes: i64,
    /// Records written to the error table.
    pub failed_records: i64,
    pub deliveries: i64,
    pub last_delivery_at: Option<DateTime<Utc>>,
    /// On the answering server: records and bytes waiting, the oldest one's wait.
    pub buffered_records: u64,
    pub buffered_bytes: u64,
    pub buffer_age_seconds: Option<f64>,
    /// On the answering server since it started: records accepted and refused.
    pub put_records: u64,
    pub put_bytes: u64,
    pub refused_records: u64,
    /// Undelivered bytes of every stream on the answering server.
    pub backlog_bytes: u64,
    /// The answering server's log since it started (every stream): put requests appended,
    /// and the fsyncs they took (group commit makes these fewer).
    pub log_appends: u64,
    pub log_syncs: u64,
    pub last_error: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StreamResponse {
    pub name: String,
    pub database: String,
    pub table: String,
    pub error_table: String,
    pub buffering: BufferingDto,
    pub output: OutputDto,
    pub timestamp_field: Option<String>,
    pub max_active_partitions: u32,
    pub transform: Option<String>,
    pub mqtt: Option<MqttDto>,
    /// The principal deliveries are written as.
    pub owner: String,
    pub created_at: DateTime<Utc>,
    /// Present on a single stream's answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<StreamStatusDto>,
}

impl From<Stream> for StreamResponse {
    fn from(s: Stream) -> Self {
        let d = s.definition;
        let output = match d.output {
            Output::Parquet => OutputDto { format: OutputFormatDto::Parquet, compression: None },
            Output::JsonLines { compression } => OutputDto {
                format: OutputFormatDto::JsonLines,
                compression: Some(match compression {
                    Compression::Gzip => CompressionDto::Gzip,
                    Compression::Zstd => CompressionDto::Zstd,
                }),
            },
        };
        Self {
            name: s.name,
            database: d.database,
            table: d.table,
            error_table: d.error_table,
            buffering: BufferingDto { size_mib: d.buffering.size_mib, interval_seconds: d.buffering.interval_seconds },
            output,
            timestamp_field: d.timestamp_field,
            max_active_partitions: d.max_active_partitions,
            transform: d.transform,
            mqtt: d.mqtt.map(|m| MqttDto { url: m.url, topic: m.topic }),
            owner: s.created_by,
            created_at: s.created_at,
            status: None,
        }
    }
}

impl From<StreamStatus> for StreamResponse {
    fn from(s: StreamStatus) -> Self {
        let status = StreamStatusDto {
            delivered_records: s.delivered_records,
            delivered_bytes: s.delivered_bytes,
            failed_records: s.failed_records,
            deliveries: s.deliveries,
            last_delivery_at: s.last_delivery_at,
            buffered_records: s.local.buffered_records,
            buffered_bytes: s.local.buffered_bytes,
            buffer_age_seconds: s.local.buffer_age.map(|a| a.as_secs_f64()),
            put_records: s.local.put_records,
            put_bytes: s.local.put_bytes,
            refused_records: s.local.refused,
            backlog_bytes: s.backlog_bytes,
            log_appends: s.log.appends,
            log_syncs: s.log.syncs,
            last_error: s.local.last_error,
        };
        Self { status: Some(status), ..s.stream.into() }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StreamList {
    pub streams: Vec<StreamResponse>,
}

fn definition(b: &CreateStreamRequest) -> StreamDefinition {
    let output = match b.output.unwrap_or_default() {
        OutputDto { format: OutputFormatDto::Parquet, .. } => Output::Parquet,
        OutputDto { format: OutputFormatDto::JsonLines, compression } => Output::JsonLines {
            compression: match compression.unwrap_or_default() {
                CompressionDto::Gzip => Compression::Gzip,
                CompressionDto::Zstd => Compression::Zstd,
            },
        },
    };
    StreamDefinition {
        database: b.database.clone(),
        table: b.table.clone(),
        buffering: b.buffering.map_or_else(Buffering::default, |h| Buffering {
            size_mib: h.size_mib,
            interval_seconds: h.interval_seconds,
        }),
        output,
        timestamp_field: b.timestamp_field.clone(),
        max_active_partitions: b.max_active_partitions.unwrap_or(5000),
        transform: b.transform.clone(),
        error_table: b.error_table.clone().unwrap_or_else(|| format!("{}_errors", b.table)),
        mqtt: b.mqtt.as_ref().map(|m| MqttSource { url: m.url.clone(), topic: m.topic.clone() }),
    }
}

/// Create a delivery stream
///
/// Defines a stream that accepts JSON records, buffers them and delivers them into the target
/// table as files (Parquet converted by the table's schema by default), partitioned by the table's
/// partition keys. The table is created from `schema` when it does not exist. Records that cannot
/// be delivered go to the error table with the reason. Needs ALTER (and INSERT) on the table, or
/// the stream.manage role; deliveries are written as the creator.
#[utoipa::path(post, path = "/v1/streams", operation_id = "stream.create", tag = "streams", request_body = CreateStreamRequest,
    responses((status = 201, body = StreamResponse), (status = "4XX", body = Problem)))]
pub async fn create_stream(
    State(s): State<AppState>,
    Caller(c): Caller,
    JsonBody(b): JsonBody<CreateStreamRequest>,
) -> ApiResult<(StatusCode, Json<StreamResponse>)> {
    let definition = definition(&b);
    let schema = b.schema.map(|t| TableInput {
        zone: t.zone.into(),
        columns: t.columns.into_iter().map(Into::into).collect(),
        partition_keys: t.partition_keys.into_iter().map(Into::into).collect(),
        ..TableInput::default()
    });
    let input = StreamInput { name: b.name, definition, schema };
    Ok((StatusCode::CREATED, Json(s.streams.create(&c, input).await?.into())))
}

/// List delivery streams
///
/// Returns the caller's own streams, or every stream with the stream.read permission (roles
/// lake_admin and read_only_admin).
#[utoipa::path(get, path = "/v1/streams", operation_id = "stream.list", tag = "streams",
    responses((status = 200, body = StreamList), (status = "4XX", body = Problem)))]
pub async fn list_streams(State(s): State<AppState>, Caller(c): Caller) -> ApiResult<Json<StreamList>> {
    let streams = s.streams.list(&c).await?.into_iter().map(Into::into).collect();
    Ok(Json(StreamList { streams }))
}

/// Get a delivery stream
///
/// Returns the stream's definition and status: records delivered and failed (every server),
/// and the answering server's buffer, counters and backlog.
#[utoipa::path(get, path = "/v1/streams/{name}", operation_id = "stream.get", tag = "streams", params(("name" = String, Path)),
    responses((status = 200, body = StreamResponse), (status = "4XX", body = Problem)))]
pub async fn get_stream(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path(name): Path<String>,
) -> ApiResult<Json<StreamResponse>> {
    Ok(Json(s.streams.get(&c, &name).await?.into()))
}

/// Delete a delivery stream
///
/// Deletes the stream; records not yet delivered are dropped, the tables stay. Needs ALTER on
/// the target table or the stream.manage role.
#[utoipa::path(delete, path = "/v1/streams/{name}", operation_id = "stream.delete", tag = "streams", params(("name" = String, Path)),
    responses((status = 204), (status = "4XX", body = Problem)))]
pub async fn delete_stream(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path(name): Path<String>,
) -> ApiResult<StatusCode> {
    s.streams.delete(&c, &name).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutRecord {
    /// The record's bytes, base64-encoded (as Firehose's `Data`); JSON once decoded.
    pub data: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutRecordsRequest {
    /// At most 500 records and 4 MiB in all; each at most 1,000 KiB.
    #[schema(min_items = 1, max_items = 500)]
    pub records: Vec<PutRecord>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PutRecordResult {
    /// The accepted record's id: `<log>-<position>-<index>`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_id: Option<String>,
    /// Why the record was refused: `record_too_large` or `invalid_base64`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PutRecordsResponse {
    pub failed_put_count: u64,
    /// One per record, in the request's order.
    pub request_responses: Vec<PutRecordResult>,
}

fn too_large(message: String) -> ApiError {
    ApiError::new(ErrorCode::BatchTooLarge, message)
}

/// The request's records: decoded base64 of a JSON body, or the lines of an NDJSON body.
fn records_of(headers: &HeaderMap, body: &Bytes) -> ApiResult<Vec<Result<Bytes, Refusal>>> {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    let records: Vec<Result<Bytes, Refusal>> = if essence == "application/x-ndjson" || essence == "application/jsonl" {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, b) in body.iter().enumerate().chain(std::iter::once((body.len(), &b'\n'))) {
            if *b == b'\n' {
                let line = body.slice(start..i);
                let line = if line.ends_with(b"\r") { line.slice(..line.len() - 1) } else { line };
                if !line.iter().all(u8::is_ascii_whitespace) {
                    out.push(Ok(line));
                }
                start = i + 1;
            }
        }
        out
    } else if super::extract::json_content_type(headers) {
        let request: PutRecordsRequest = super::extract::parse(body)?;
        if request.records.len() > MAX_RECORDS_PER_PUT {
            return Err(too_large(format!(
                "{} records in one request; at most {MAX_RECORDS_PER_PUT}",
                request.records.len()
            )));
        }
        let engine = base64::engine::general_purpose::STANDARD;
        request
            .records
            .iter()
            .map(|r| engine.decode(&r.data).map(Bytes::from).map_err(|_| Refusal::InvalidBase64))
            .collect()
    } else {
        return Err(ApiError::new(
            ErrorCode::UnsupportedMediaType,
            "expected Content-Type: application/json (base64 records) or application/x-ndjson",
        ));
    };
    if records.len() > MAX_RECORDS_PER_PUT {
        return Err(too_large(format!("{} records in one request; at most {MAX_RECORDS_PER_PUT}", records.len())));
    }
    let total: usize = records.iter().filter_map(|r| r.as_ref().ok()).map(Bytes::len).sum();
    if total > MAX_PUT_BYTES {
        return Err(too_large(format!("the request's records hold {total} bytes; at most 4 MiB")));
    }
    if records.is_empty() {
        return Err(ApiError::new(ErrorCode::InvalidRequest, "the request has no records"));
    }
    Ok(records
        .into_iter()
        .map(|r| r.and_then(|data| if data.len() > MAX_RECORD_BYTES { Err(Refusal::TooLarge) } else { Ok(data) }))
        .collect())
}

impl From<AcceptError> for ApiError {
    fn from(err: AcceptError) -> Self {
        match err {
            AcceptError::Backlog => {
                Self { retry_after: Some(1), ..Self::new(ErrorCode::StreamBacklog, err.to_string()) }
            }
            AcceptError::StorageFull => {
                Self { retry_after: Some(30), ..Self::new(ErrorCode::StorageFull, err.to_string()) }
            }
            AcceptError::Unavailable(_) => {
                tracing::error!(error = %err, "a put could not be written to the ingestion log");
                Self {
                    retry_after: Some(5),
                    ..Self::new(ErrorCode::Unavailable, "the ingestion log cannot be written")
                }
            }
            AcceptError::Service(shared) => shared.into(),
        }
    }
}

/// Put records into a stream
///
/// Firehose's PutRecordBatch: a JSON body `{"records": [{"data": "<base64>"}]}`, or an
/// `application/x-ndjson` body of one JSON record per line; at most 500 records and 4 MiB per
/// request, 1,000 KiB per record. A 200 means every accepted record is in the server's fsynced
/// log; the answer has a result per record (its id, or why it was refused: one bad record does not
/// fail the others). Records that are not valid JSON or do not fit the table are accepted and
/// delivered to the error table. With an `Idempotency-Key` header a retry gets the first answer
/// and is applied once; without one, delivery is at least once. Needs INSERT on the table. Gives
/// 429 `stream_backlog` with Retry-After while the server's undelivered backlog is over its limit,
/// 503 `storage_full` when the log's disk is full. Successful puts are audited as one summary
/// record per stream, principal and minute.
#[utoipa::path(post, path = "/v1/streams/{name}/records", operation_id = "stream_record.put", tag = "streams",
    params(("name" = String, Path), ("Idempotency-Key" = Option<String>, Header, description = "At most 128 characters; the dedupe window is 24 h")),
    request_body(content((PutRecordsRequest = "application/json"), (String = "application/x-ndjson"))),
    responses((status = 200, body = PutRecordsResponse), (status = "4XX", body = Problem)))]
pub async fn put_records(
    State(s): State<AppState>,
    Caller(c): Caller,
    Path(name): Path<String>,
    headers: HeaderMap,
    request: Request,
) -> ApiResult<Json<serde_json::Value>> {
    let key = match headers.get("idempotency-key").map(|v| v.to_str()) {
        None => None,
        Some(Ok(k)) if !k.is_empty() && k.len() <= 128 => Some(k.to_owned()),
        Some(_) => {
            return Err(ApiError::new(
                ErrorCode::InvalidRequest,
                "Idempotency-Key must be 1 to 128 visible characters",
            ));
        }
    };
    let body = super::extract::body(request, &()).await?;
    let records = records_of(&headers, &body)?;
    let mut batch = Batch { arrival: Utc::now(), key, refused: Vec::new(), records: Vec::with_capacity(records.len()) };
    for (index, record) in records.into_iter().enumerate() {
        match record {
            Ok(data) => batch.records.push((index as u32, data)),
            Err(why) => batch.refused.push((index as u32, why)),
        }
    }
    Ok(Json(s.streams.put(&c, &name, batch).await?))
}
