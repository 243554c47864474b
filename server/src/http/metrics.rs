//! Prometheus metrics and the access log: one middleware observes every request (route
//! template, method, status, latency); `GET /metrics` renders the registry as text.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tracing::Instrument;

use super::AppState;

/// Latency bucket bounds in seconds.
const BUCKETS: [f64; 12] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0];

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

#[derive(Default)]
struct Series {
    statuses: BTreeMap<u16, u64>,
    latency: Histogram,
}

/// method -> route -> series; looked up by `&str`, so a request allocates nothing here.
#[derive(Default)]
struct Registry {
    routes: HashMap<Method, HashMap<String, Series>>,
}

#[derive(Default)]
pub struct Metrics {
    registry: Mutex<Registry>,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics")
    }
}

impl Metrics {
    fn observe(&self, method: &Method, route: &str, status: u16, seconds: f64) {
        let mut registry = self.registry.lock().unwrap_or_else(|p| p.into_inner());
        let by_route = registry.routes.entry(method.clone()).or_default();
        if !by_route.contains_key(route) {
            by_route.insert(route.to_owned(), Series::default());
        }
        let Some(series) = by_route.get_mut(route) else { return };
        *series.statuses.entry(status).or_default() += 1;
        let histogram = &mut series.latency;
        histogram.count += 1;
        histogram.sum += seconds;
        for (bound, count) in BUCKETS.iter().zip(histogram.counts.iter_mut()) {
            if seconds <= *bound {
                *count += 1;
            }
        }
    }

    fn render(&self, out: &mut String) {
        let registry = self.registry.lock().unwrap_or_else(|p| p.into_inner());
        let mut sorted: Vec<(&str, &str, &Series)> = registry
            .routes
            .iter()
            .flat_map(|(m, routes)| routes.iter().map(move |(r, s)| (m.as_str(), r.as_str(), s)))
            .collect();
        sorted.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        out.push_str("# HELP tarn_http_requests_total HTTP requests by method, route and status.\n");
        out.push_str("# TYPE tarn_http_requests_total counter\n");
        for (method, route, status, count) in
            sorted.iter().flat_map(|(m, r, s)| s.statuses.iter().map(move |(st, c)| (m, r, st, c)))
        {
            let _ = writeln!(
                out,
                "tarn_http_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} {count}"
            );
        }
        out.push_str("# HELP tarn_http_request_duration_seconds HTTP request latency by method and route.\n");
        out.push_str("# TYPE tarn_http_request_duration_seconds histogram\n");
        for (method, route, h) in sorted.iter().map(|(m, r, s)| (m, r, &s.latency)) {
            let labels = format!("method=\"{method}\",route=\"{route}\"");
            for (bound, count) in BUCKETS.iter().zip(h.counts) {
                let _ = writeln!(out, "tarn_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {count}");
            }
            let _ = writeln!(out, "tarn_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}", h.count);
            let _ = writeln!(out, "tarn_http_request_duration_seconds_sum{{{labels}}} {}", h.sum);
            let _ = writeln!(out, "tarn_http_request_duration_seconds_count{{{labels}}} {}", h.count);
        }
    }
}

/// Records metrics and writes the access log line for every routed request.
pub async fn middleware(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let matched = request.extensions().get::<MatchedPath>().cloned();
    let route = matched.as_ref().map_or("unmatched", MatchedPath::as_str);
    let request_id = super::request_id::current().unwrap_or_default();
    let span = tracing::info_span!("request", %request_id, method = %method.as_str(), %route);
    let response = next.run(request).instrument(span.clone()).await;
    let elapsed = started.elapsed().as_secs_f64();
    let status = response.status().as_u16();
    state.metrics.observe(&method, route, status, elapsed);
    let _entered = span.enter();
    let latency_ms = elapsed * 1000.0;
    // Successful requests log at debug so a busy server does not spend itself on logging.
    if status >= 500 {
        tracing::error!(status, latency_ms, "request failed");
    } else if status >= 400 {
        tracing::info!(status, latency_ms, "request refused");
    } else {
        tracing::debug!(status, latency_ms, "request served");
    }
    response
}

/// `GET /metrics`: Prometheus text format.
pub async fn render(State(state): State<AppState>) -> impl IntoResponse {
    let mut out = String::with_capacity(8 * 1024);
    state.metrics.render(&mut out);
    let (size, idle, max) = state.ops.pool_usage();
    out.push_str("# HELP tarn_store_pool_connections Metadata store pool connections by state.\n");
    out.push_str("# TYPE tarn_store_pool_connections gauge\n");
    let _ = writeln!(out, "tarn_store_pool_connections{{state=\"idle\"}} {idle}");
    let _ = writeln!(out, "tarn_store_pool_connections{{state=\"in_use\"}} {}", size.saturating_sub(idle));
    let _ = writeln!(out, "tarn_store_pool_connections{{state=\"max\"}} {max}");
    out.push_str("# HELP tarn_build_info Build information.\n# TYPE tarn_build_info gauge\n");
    let _ = writeln!(
        out,
        "tarn_build_info{{version=\"{}\",backend=\"{}\"}} 1",
        env!("CARGO_PKG_VERSION"),
        state.ops.backend()
    );
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], out)
}
