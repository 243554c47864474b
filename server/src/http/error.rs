//! The one error type at the HTTP edge. Every failure becomes an RFC 9457 problem document
//! with a stable `code`; [`ErrorCode`] is the single table of codes and statuses.
//!
//! Services return `ServiceError`; extractors return `ApiError` directly. A 5xx shows only an
//! `error_id` that is also in the log, never the underlying error.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use super::request_id;
use crate::domain::ValidationCode;
use crate::query::QueryError;
use crate::service::ServiceError;
use crate::service::auth::AuthError;
use crate::service::crawlers::CrawlerError;
use crate::service::credentials::VendError;
use crate::service::databases::DatabaseError;
use crate::service::files::FileError;
use crate::service::grants::GrantError;
use crate::service::pipelines::PipelineError;
use crate::service::queries::QueryRunError;
use crate::service::roles::RoleError;
use crate::service::tables::TableError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    MalformedJson,
    InvalidRequest,
    InvalidName,
    InvalidType,
    DuplicateColumn,
    InvalidPartitionKeys,
    InvalidPartitionValues,
    InvalidFilter,
    InvalidQuery,
    InvalidPath,
    InvalidPipeline,
    InvalidPageToken,
    Unauthenticated,
    InvalidCredentials,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    AlreadyExists,
    Conflict,
    LastLakeAdmin,
    FileExists,
    CrawlerRunning,
    PipelineRunning,
    DatabaseNotEmpty,
    VersionMismatch,
    PayloadTooLarge,
    UnsupportedMediaType,
    PreconditionRequired,
    TooManyRequests,
    Unavailable,
    Timeout,
    StatementNotAllowed,
    ColumnNotPermitted,
    EnforcementRequired,
    TokenOutOfScope,
    UnsupportedFormat,
    QueryMemoryExceeded,
    QueryTimeout,
    QueryCancelled,
    TooManyQueries,
    BatchTooLarge,
    StreamBacklog,
    StorageFull,
    Internal,
}

impl ErrorCode {
    /// Every code, for the OpenAPI document's error responses.
    pub const ALL: [ErrorCode; 44] = [
        ErrorCode::MalformedJson,
        ErrorCode::InvalidRequest,
        ErrorCode::InvalidName,
        ErrorCode::InvalidType,
        ErrorCode::DuplicateColumn,
        ErrorCode::InvalidPartitionKeys,
        ErrorCode::InvalidPartitionValues,
        ErrorCode::InvalidFilter,
        ErrorCode::InvalidQuery,
        ErrorCode::InvalidPath,
        ErrorCode::InvalidPipeline,
        ErrorCode::InvalidPageToken,
        ErrorCode::Unauthenticated,
        ErrorCode::InvalidCredentials,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::AlreadyExists,
        ErrorCode::Conflict,
        ErrorCode::LastLakeAdmin,
        ErrorCode::FileExists,
        ErrorCode::CrawlerRunning,
        ErrorCode::PipelineRunning,
        ErrorCode::DatabaseNotEmpty,
        ErrorCode::VersionMismatch,
        ErrorCode::PayloadTooLarge,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::PreconditionRequired,
        ErrorCode::TooManyRequests,
        ErrorCode::Unavailable,
        ErrorCode::Timeout,
        ErrorCode::StatementNotAllowed,
        ErrorCode::ColumnNotPermitted,
        ErrorCode::EnforcementRequired,
        ErrorCode::TokenOutOfScope,
        ErrorCode::UnsupportedFormat,
        ErrorCode::QueryMemoryExceeded,
        ErrorCode::QueryTimeout,
        ErrorCode::QueryCancelled,
        ErrorCode::TooManyQueries,
        ErrorCode::BatchTooLarge,
        ErrorCode::StreamBacklog,
        ErrorCode::StorageFull,
        ErrorCode::Internal,
    ];

    /// (HTTP status, stable code): the whole table.
    pub fn parts(self) -> (StatusCode, &'static str) {
        use ErrorCode::*;
        match self {
            MalformedJson => (StatusCode::BAD_REQUEST, "malformed_json"),
            InvalidRequest => (StatusCode::BAD_REQUEST, "invalid_request"),
            InvalidName => (StatusCode::BAD_REQUEST, "invalid_name"),
            InvalidType => (StatusCode::BAD_REQUEST, "invalid_type"),
            DuplicateColumn => (StatusCode::BAD_REQUEST, "duplicate_column"),
            InvalidPartitionKeys => (StatusCode::BAD_REQUEST, "invalid_partition_keys"),
            InvalidPartitionValues => (StatusCode::BAD_REQUEST, "invalid_partition_values"),
            InvalidFilter => (StatusCode::BAD_REQUEST, "invalid_filter"),
            InvalidQuery => (StatusCode::BAD_REQUEST, "invalid_query"),
            InvalidPath => (StatusCode::BAD_REQUEST, "invalid_path"),
            InvalidPipeline => (StatusCode::BAD_REQUEST, "invalid_pipeline"),
            InvalidPageToken => (StatusCode::BAD_REQUEST, "invalid_page_token"),
            Unauthenticated => (StatusCode::UNAUTHORIZED, "unauthenticated"),
            InvalidCredentials => (StatusCode::UNAUTHORIZED, "invalid_credentials"),
            Forbidden => (StatusCode::FORBIDDEN, "forbidden"),
            NotFound => (StatusCode::NOT_FOUND, "not_found"),
            MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            AlreadyExists => (StatusCode::CONFLICT, "already_exists"),
            Conflict => (StatusCode::CONFLICT, "conflict"),
            LastLakeAdmin => (StatusCode::CONFLICT, "last_lake_admin"),
            FileExists => (StatusCode::CONFLICT, "file_exists"),
            CrawlerRunning => (StatusCode::CONFLICT, "crawler_running"),
            PipelineRunning => (StatusCode::CONFLICT, "pipeline_running"),
            DatabaseNotEmpty => (StatusCode::CONFLICT, "database_not_empty"),
            VersionMismatch => (StatusCode::PRECONDITION_FAILED, "version_mismatch"),
            PayloadTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            UnsupportedMediaType => (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"),
            PreconditionRequired => (StatusCode::PRECONDITION_REQUIRED, "precondition_required"),
            TooManyRequests => (StatusCode::TOO_MANY_REQUESTS, "too_many_requests"),
            Unavailable => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
            Timeout => (StatusCode::SERVICE_UNAVAILABLE, "timeout"),
            StatementNotAllowed => (StatusCode::FORBIDDEN, "statement_not_allowed"),
            ColumnNotPermitted => (StatusCode::FORBIDDEN, "column_not_permitted"),
            EnforcementRequired => (StatusCode::FORBIDDEN, "enforcement_required"),
            TokenOutOfScope => (StatusCode::FORBIDDEN, "token_out_of_scope"),
            UnsupportedFormat => (StatusCode::UNPROCESSABLE_ENTITY, "unsupported_format"),
            QueryMemoryExceeded => (StatusCode::UNPROCESSABLE_ENTITY, "query_memory_exceeded"),
            QueryTimeout => (StatusCode::REQUEST_TIMEOUT, "query_timeout"),
            QueryCancelled => (StatusCode::CONFLICT, "query_cancelled"),
            TooManyQueries => (StatusCode::TOO_MANY_REQUESTS, "too_many_queries"),
            BatchTooLarge => (StatusCode::BAD_REQUEST, "batch_too_large"),
            StreamBacklog => (StatusCode::TOO_MANY_REQUESTS, "stream_backlog"),
            StorageFull => (StatusCode::SERVICE_UNAVAILABLE, "storage_full"),
            Internal => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
}

/// An error response: a code from the table and a sentence for humans.
#[derive(Debug)]
pub struct ApiError {
    pub code: ErrorCode,
    pub detail: String,
    /// Seconds, sent as `Retry-After` (429 and 503).
    pub retry_after: Option<u64>,
}

/// RFC 9457 problem details, plus Tarn's stable `code` and the request id.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// `urn:tarn:problem:<code>`
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Stable machine-readable error code, e.g. `not_found`, `version_mismatch`.
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Present on server errors: quote it when reporting the problem; it is also in the log.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_id: Option<String>,
}

impl ApiError {
    pub fn new(code: ErrorCode, detail: impl Into<String>) -> Self {
        Self { code, detail: detail.into(), retry_after: None }
    }

    /// A server-side failure: logged in full with an id, shown only as that id.
    pub fn internal(err: &dyn std::fmt::Display) -> Self {
        let error_id = uuid::Uuid::new_v4().to_string();
        tracing::error!(error_id = %error_id, error = %err, "internal error");
        Self { code: ErrorCode::Internal, detail: error_id, retry_after: None }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.code.parts();
        let (detail, error_id) = if self.code == ErrorCode::Internal {
            ("an internal error occurred".to_owned(), Some(self.detail))
        } else {
            (self.detail, None)
        };
        crate::audit::context::note_error(code, &detail);
        let problem = Problem {
            type_: format!("urn:tarn:problem:{code}"),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail,
            code: code.to_owned(),
            request_id: request_id::current(),
            error_id,
        };
        let mut response = (status, axum::Json(problem)).into_response();
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

impl From<ServiceError> for ApiError {
    fn from(err: ServiceError) -> Self {
        let detail = err.to_string();
        let code = match &err {
            ServiceError::Invalid(v) => match v.code {
                ValidationCode::InvalidName => ErrorCode::InvalidName,
                ValidationCode::InvalidType => ErrorCode::InvalidType,
                ValidationCode::DuplicateColumn => ErrorCode::DuplicateColumn,
                ValidationCode::InvalidPartitionKeys => ErrorCode::InvalidPartitionKeys,
                ValidationCode::InvalidPartitionValues => ErrorCode::InvalidPartitionValues,
                ValidationCode::InvalidFilter => ErrorCode::InvalidFilter,
                ValidationCode::InvalidQuery => ErrorCode::InvalidQuery,
                ValidationCode::InvalidRequest => ErrorCode::InvalidRequest,
                ValidationCode::InvalidPath => ErrorCode::InvalidPath,
                ValidationCode::InvalidPipeline => ErrorCode::InvalidPipeline,
            },
            ServiceError::NotFound { .. } => ErrorCode::NotFound,
            ServiceError::AlreadyExists { .. } => ErrorCode::AlreadyExists,
            ServiceError::Conflict(_) => ErrorCode::Conflict,
            ServiceError::Forbidden(_) => ErrorCode::Forbidden,
            ServiceError::InvalidPageToken => ErrorCode::InvalidPageToken,
            ServiceError::Store(store) => return Self::internal(store),
            ServiceError::Internal(message) => return Self::internal(message),
        };
        Self::new(code, detail)
    }
}

impl From<DatabaseError> for ApiError {
    fn from(err: DatabaseError) -> Self {
        match err {
            DatabaseError::NotEmpty(_) => Self::new(ErrorCode::DatabaseNotEmpty, err.to_string()),
            DatabaseError::Service(shared) => shared.into(),
        }
    }
}

impl From<TableError> for ApiError {
    fn from(err: TableError) -> Self {
        let code = match err {
            TableError::VersionMismatch { .. } => ErrorCode::VersionMismatch,
            TableError::PreconditionRequired => ErrorCode::PreconditionRequired,
            TableError::Service(shared) => return shared.into(),
        };
        Self::new(code, err.to_string())
    }
}

impl From<GrantError> for ApiError {
    fn from(err: GrantError) -> Self {
        match err {
            GrantError::NoGrantOption(detail) => Self::new(ErrorCode::Forbidden, detail),
            GrantError::Service(shared) => shared.into(),
        }
    }
}

impl From<RoleError> for ApiError {
    fn from(err: RoleError) -> Self {
        match err {
            RoleError::LastAdmin => Self::new(ErrorCode::LastLakeAdmin, err.to_string()),
            RoleError::Service(shared) => shared.into(),
        }
    }
}

impl From<AuthError> for ApiError {
    fn from(err: AuthError) -> Self {
        let detail = err.to_string();
        match err {
            AuthError::RateLimited { retry_after } => {
                Self { code: ErrorCode::TooManyRequests, detail, retry_after: Some(retry_after) }
            }
            AuthError::InvalidCredentials => Self::new(ErrorCode::InvalidCredentials, detail),
            AuthError::Service(shared) => shared.into(),
        }
    }
}

impl From<FileError> for ApiError {
    fn from(err: FileError) -> Self {
        let code = match err {
            FileError::Exists(_) => ErrorCode::FileExists,
            FileError::TooLarge { .. } => ErrorCode::PayloadTooLarge,
            FileError::BadBody(_) => ErrorCode::InvalidRequest,
            FileError::Storage(message) => return Self::internal(&message),
            FileError::Service(shared) => return shared.into(),
        };
        Self::new(code, err.to_string())
    }
}

impl From<CrawlerError> for ApiError {
    fn from(err: CrawlerError) -> Self {
        match err {
            CrawlerError::Running(_) => Self::new(ErrorCode::CrawlerRunning, err.to_string()),
            CrawlerError::Service(shared) => shared.into(),
        }
    }
}

impl From<PipelineError> for ApiError {
    fn from(err: PipelineError) -> Self {
        let code = match err {
            PipelineError::Running(_) => ErrorCode::PipelineRunning,
            PipelineError::VersionMismatch { .. } => ErrorCode::VersionMismatch,
            PipelineError::PreconditionRequired => ErrorCode::PreconditionRequired,
            PipelineError::Service(shared) => return shared.into(),
        };
        Self::new(code, err.to_string())
    }
}

impl From<QueryRunError> for ApiError {
    fn from(err: QueryRunError) -> Self {
        let code = match err {
            QueryRunError::Query(ref q) => match q {
                QueryError::Invalid(_) => ErrorCode::InvalidQuery,
                QueryError::NotAllowed(_) => ErrorCode::StatementNotAllowed,
                QueryError::HiddenColumn { .. } => ErrorCode::ColumnNotPermitted,
                QueryError::Unsupported(_) => ErrorCode::UnsupportedFormat,
                QueryError::MemoryExceeded { .. } => ErrorCode::QueryMemoryExceeded,
                QueryError::Files(m) | QueryError::Internal(m) => return Self::internal(m),
            },
            QueryRunError::Timeout => ErrorCode::QueryTimeout,
            QueryRunError::Cancelled => ErrorCode::QueryCancelled,
            QueryRunError::TooMany { .. } => ErrorCode::TooManyQueries,
            QueryRunError::Service(shared) => return shared.into(),
        };
        Self::new(code, err.to_string())
    }
}

impl From<VendError> for ApiError {
    fn from(err: VendError) -> Self {
        let code = match err {
            VendError::EnforcementRequired(_) => ErrorCode::EnforcementRequired,
            VendError::TokenScope(_) => ErrorCode::TokenOutOfScope,
            VendError::InvalidToken => ErrorCode::InvalidCredentials,
            VendError::File(file) => return file.into(),
            VendError::Service(shared) => return shared.into(),
        };
        Self::new(code, err.to_string())
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
