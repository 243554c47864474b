//! The audit middleware (one record for every `/v1` request) and `/v1/audit`.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::AppState;
use super::error::{ApiError, ApiResult, ErrorCode, Problem};
use super::extract::{Caller, Query};
use crate::audit::context;
use crate::domain::audit::{AuditEntry, AuditFilter, AuditRecord, Decision};

/// The values of the route's parameters, joined: `sales.orders` for `.../{db}/tables/{table}`.
fn resource_of(route: &str, path: &str) -> String {
    let values: Vec<&str> = route
        .split('/')
        .zip(path.split('/'))
        .filter(|(template, _)| template.starts_with('{'))
        .map(|(_, value)| value)
        .collect();
    if values.is_empty() { "*".to_owned() } else { values.join(".") }
}

/// Records every request to a mounted API surface once it is answered, under the action its
/// route's metadata names.
pub async fn middleware(
    State(state): State<AppState>,
    routes: std::sync::Arc<super::routes::RouteTable>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    if !routes.audits(&path) || path == "/v1/openapi.json" {
        return next.run(request).await;
    }
    let method = request.method().clone();
    let route = request.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned());
    let client_addr = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string());
    let summarized = route.as_deref().and_then(|r| routes.get(&method, r)).is_some_and(|m| m.summarized);
    let (response, ctx) = context::scope(next.run(request)).await;
    let status = response.status();
    if summarized && status.is_success() {
        return response;
    }
    let outcome = if status.is_success() || status.is_redirection() {
        "ok".to_owned()
    } else {
        ctx.error_code.clone().unwrap_or_else(|| status.as_u16().to_string())
    };
    // Denials are what authz refused (or hid) and failed authentication, as the layers noted
    // them; never guessed from the status code.
    let denied = ctx.denied || ctx.hidden;
    let mut detail = ctx.detail;
    if !ctx.decisions.is_empty() {
        detail.insert("authz".to_owned(), context::decisions_json(&ctx.decisions));
    }
    let action = route
        .as_deref()
        .and_then(|r| routes.get(&method, r))
        .map_or_else(|| "request.unmatched".to_owned(), |meta| meta.action.clone());
    let route = route.unwrap_or_else(|| "unmatched".to_owned());
    let entry = AuditEntry {
        occurred_at: Utc::now(),
        principal: ctx.principal.unwrap_or_else(|| "anonymous".to_owned()),
        client_addr,
        request_id: super::request_id::current(),
        action,
        resource: ctx.resource.unwrap_or_else(|| resource_of(&route, &path)),
        decision: if denied { Decision::Deny } else { Decision::Allow },
        outcome,
        detail: serde_json::Value::Object(detail),
    };
    // Changes and logins are acknowledged only once their record is committed.
    let wait = method != Method::GET;
    if !state.audit.record(entry, wait).await && wait {
        return ApiError::internal(&"the audit record could not be written").into_response();
    }
    response
}

async fn state_flush(state: &AppState) {
    if !state.audit.flush().await {
        tracing::warn!("audit flush failed before a listing");
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct AuditParams {
    /// e.g. `user:alice`.
    pub principal: Option<String>,
    /// e.g. `table.get`, `grant.create`, `auth.token`.
    pub action: Option<String>,
    /// `allow` or `deny`.
    #[param(value_type = Option<super::schema::AuditDecision>)]
    pub decision: Option<String>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    #[param(minimum = 1, maximum = 1000)]
    pub max_results: Option<u32>,
    pub page_token: Option<String>,
    /// `jsonl` exports every matching record as JSON lines instead of a page.
    pub format: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditRecordDto {
    pub seq: i64,
    pub occurred_at: DateTime<Utc>,
    pub principal: String,
    pub client_addr: Option<String>,
    pub request_id: Option<String>,
    pub action: String,
    pub resource: String,
    /// `allow` or `deny`.
    pub decision: String,
    /// `ok` or the error code.
    pub outcome: String,
    pub detail: serde_json::Value,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditList {
    pub records: Vec<AuditRecordDto>,
    pub next_page_token: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VerifyResponse {
    pub valid: bool,
    /// Records checked before the first broken link (all of them when valid).
    pub records: i64,
    pub first_broken_seq: Option<i64>,
    pub reason: Option<String>,
}

impl From<AuditRecord> for AuditRecordDto {
    fn from(r: AuditRecord) -> Self {
        let e = r.entry;
        Self {
            seq: r.seq,
            occurred_at: e.occurred_at,
            principal: e.principal,
            client_addr: e.client_addr,
            request_id: e.request_id,
            action: e.action,
            resource: e.resource,
            decision: e.decision.as_str().to_owned(),
            outcome: e.outcome,
            detail: e.detail,
            prev_hash: r.prev_hash,
            hash: r.hash,
        }
    }
}

fn filter(p: &AuditParams) -> ApiResult<AuditFilter> {
    let decision = match p.decision.as_deref() {
        None => None,
        Some("allow") => Some(Decision::Allow),
        Some("deny") => Some(Decision::Deny),
        Some(other) => {
            return Err(ApiError::new(ErrorCode::InvalidRequest, format!("decision is allow or deny, not `{other}`")));
        }
    };
    Ok(AuditFilter {
        principal: p.principal.clone(),
        action: p.action.clone(),
        decision,
        since: p.since,
        until: p.until,
    })
}

/// List audit records
///
/// Returns audit records oldest first, filtered by `principal`, `action`, `decision`, `since` and
/// `until`, and paged with `max_results` and `page_token`; every request answered before this one
/// is included. Needs the audit.read permission (roles lake_admin, read_only_admin and auditor).
/// With `format=jsonl` every matching record is exported at once as JSON lines instead, which needs
/// audit.export (lake_admin or auditor).
#[utoipa::path(get, path = "/v1/audit", operation_id = "audit.list", tag = "audit", params(AuditParams),
    responses((status = 200, body = AuditList), (status = "4XX", body = Problem)))]
pub async fn list_audit(
    State(s): State<AppState>,
    Caller(c): Caller,
    Query(p): Query<AuditParams>,
) -> ApiResult<Response> {
    let f = filter(&p)?;
    // Every request answered before this one is in the listing.
    state_flush(&s).await;
    if p.format.as_deref() == Some("jsonl") {
        let mut out = String::new();
        let mut after = 0;
        loop {
            let page = s.audit_trail.export_page(&c, &f, after).await?;
            let Some(last) = page.last() else { break };
            after = last.seq;
            for record in page {
                out.push_str(&serde_json::to_string(&AuditRecordDto::from(record)).unwrap_or_default());
                out.push('\n');
            }
        }
        return Ok(([(header::CONTENT_TYPE, "application/x-ndjson")], Body::from(out)).into_response());
    }
    let page = s.audit_trail.list(&c, &f, p.max_results, p.page_token.as_deref()).await?;
    let list =
        AuditList { records: page.items.into_iter().map(Into::into).collect(), next_page_token: page.next_page_token };
    Ok(axum::Json(list).into_response())
}

/// Verify the audit trail
///
/// Checks that the chain of hashes linking the audit records is unbroken and reports the first
/// broken record, if any. Needs the audit.verify permission (roles lake_admin and auditor).
#[utoipa::path(get, path = "/v1/audit/verify", operation_id = "audit.verify", tag = "audit",
    responses((status = 200, body = VerifyResponse), (status = "4XX", body = Problem)))]
pub async fn verify_audit(State(s): State<AppState>, Caller(c): Caller) -> ApiResult<axum::Json<VerifyResponse>> {
    state_flush(&s).await;
    let v = s.audit_trail.verify(&c).await?;
    Ok(axum::Json(VerifyResponse {
        valid: v.first_broken.is_none(),
        records: v.records,
        first_broken_seq: v.first_broken.as_ref().map(|b| b.seq),
        reason: v.first_broken.map(|b| b.reason),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_resource_is_the_route_parameters_joined() {
        assert_eq!(
            resource_of("/v1/databases/{db}/tables/{table}", "/v1/databases/sales/tables/orders"),
            "sales.orders"
        );
        assert_eq!(resource_of("/v1/grants", "/v1/grants"), "*");
    }
}
