//! Liveness and readiness probes.

use axum::extract::State;
use axum::http::StatusCode;

use super::AppState;
use super::error::{ApiError, ErrorCode};

/// `GET /healthz`: the process is up.
pub async fn healthz() -> &'static str {
    "ok"
}

/// `GET /readyz`: the metadata store answers.
pub async fn readyz(State(state): State<AppState>) -> Result<(StatusCode, &'static str), ApiError> {
    match state.ops.ready().await {
        Ok(()) => Ok((StatusCode::OK, "ready")),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            Err(ApiError::new(ErrorCode::Unavailable, "the metadata store is not reachable"))
        }
    }
}
