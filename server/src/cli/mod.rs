//! The `tarn` command-line client: talks to a Tarn server over its HTTP API (never to the
//! store), with the token from `tarn login` kept in the user's config directory.

pub mod catalog;
pub mod commands;
pub mod lake;
mod output;
mod pipelines;
mod query;
mod roles;
mod search;
mod streams;

pub use query::QueryFormat;

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context, anyhow};
use reqwest::{Method, StatusCode};
use serde_json::Value;

/// Where tokens live: `$XDG_CONFIG_HOME/tarn/credentials.json` or `~/.config/tarn/...`.
fn credentials_path() -> anyhow::Result<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .ok_or_else(|| anyhow!("cannot find a config directory: set HOME or XDG_CONFIG_HOME"))?;
    Ok(base.join("tarn").join("credentials.json"))
}

fn load_tokens() -> BTreeMap<String, String> {
    credentials_path()
        .ok()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

/// Saves `token` for `server`, readable by the user only.
pub fn save_token(server: &str, token: &str) -> anyhow::Result<PathBuf> {
    let path = credentials_path()?;
    let dir = path.parent().ok_or_else(|| anyhow!("bad credentials path"))?;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut tokens = load_tokens();
    tokens.insert(server.to_owned(), token.to_owned());
    let text = serde_json::to_string_pretty(&tokens)?;
    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(path)
}

/// A refusal from the server: its problem document, and what to tell a person about it.
#[derive(Debug)]
pub struct ApiFailure {
    pub status: u16,
    pub code: String,
    pub detail: String,
    pub request_id: Option<String>,
    /// The sentence for a terminal (it may name a CLI command to run).
    pub message: String,
}

impl std::fmt::Display for ApiFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ApiFailure {}

impl ApiFailure {
    fn new(status: StatusCode, text: &str, message: Option<String>) -> Self {
        let problem: Value = serde_json::from_str(text).unwrap_or(Value::Null);
        let detail = problem["detail"].as_str().unwrap_or(text).to_owned();
        let code = problem["code"].as_str().unwrap_or("error").to_owned();
        let message = message.unwrap_or_else(|| format!("{} ({code}): {detail}", status.as_u16()));
        let request_id = problem["request_id"].as_str().map(str::to_owned);
        Self { status: status.as_u16(), code, detail, request_id, message }
    }
}

/// How a failed command reports itself with `--json`: one object on stderr, the server's
/// problem fields when the server refused, `client_error` when it never answered.
pub fn error_json(error: &anyhow::Error) -> Value {
    match error.downcast_ref::<ApiFailure>() {
        Some(f) => serde_json::json!({"error": {"status": f.status, "code": f.code, "detail": f.detail,
            "request_id": f.request_id, "message": format!("{error:#}")}}),
        None => serde_json::json!({"error": {"code": "client_error", "message": format!("{error:#}")}}),
    }
}

/// An API client for one server.
pub struct Client {
    server: String,
    http: reqwest::Client,
    token: Option<String>,
    json: bool,
}

impl Client {
    /// `json`: every command prints JSON instead of tables and sentences (`--json`).
    pub fn new(server: &str, json: bool) -> Self {
        let server = server.trim_end_matches('/').to_owned();
        let token = std::env::var("TARN_TOKEN").ok().or_else(|| load_tokens().get(&server).cloned());
        Self { server, http: reqwest::Client::new(), token, json }
    }

    pub fn server(&self) -> &str {
        &self.server
    }

    pub fn json(&self) -> bool {
        self.json
    }

    /// Sends a request; a problem document becomes an error that quotes its detail.
    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> anyhow::Result<Value> {
        let mut request = self.http.request(method, format!("{}{path}", self.server));
        if let Some(body) = body {
            request = request.json(&body);
        }
        self.send(request).await
    }

    /// PUTs a streamed body.
    pub async fn put_body(&self, path: &str, body: reqwest::Body) -> anyhow::Result<Value> {
        let request = self.http.put(format!("{}{path}", self.server)).body(body);
        self.send(request).await
    }

    /// POSTs an NDJSON body with an idempotency key (a retry of the same batch is applied once).
    pub async fn post_ndjson(&self, path: &str, body: Vec<u8>, key: &str) -> anyhow::Result<Value> {
        let request = self
            .http
            .post(format!("{}{path}", self.server))
            .header(reqwest::header::CONTENT_TYPE, "application/x-ndjson")
            .header("idempotency-key", key)
            .body(body);
        self.send(request).await
    }

    /// Sends a change based on the version whose ETag is `etag` (412 when it is stale).
    pub async fn call_if_match(&self, method: Method, path: &str, body: Value, etag: &str) -> anyhow::Result<Value> {
        let request = self.http.request(method, format!("{}{path}", self.server)).json(&body);
        self.send(request.header(reqwest::header::IF_MATCH, etag)).await
    }

    /// Every item of a paginated list (`field` holds a page's items).
    pub async fn all(&self, path: &str, field: &str) -> anyhow::Result<Vec<Value>> {
        let mut items = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let paging = Self::query(&[("max_results", Some("1000")), ("page_token", token.as_deref())]);
            // `path` may carry a query of its own.
            let page_path =
                if path.contains('?') { format!("{path}&{}", &paging[1..]) } else { format!("{path}{paging}") };
            let mut page = self.call(Method::GET, &page_path, None).await?;
            if let Some(Value::Array(found)) = page.get_mut(field).map(Value::take) {
                items.extend(found);
            }
            match page["next_page_token"].as_str() {
                Some(next) if !next.is_empty() => token = Some(next.to_owned()),
                _ => return Ok(items),
            }
        }
    }

    /// Sends a request and hands back the successful response unread (for streamed results).
    pub async fn stream(&self, method: Method, path: &str, body: Value) -> anyhow::Result<reqwest::Response> {
        let mut request = self.http.request(method, format!("{}{path}", self.server)).json(&body);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.with_context(|| format!("cannot reach {}", self.server))?;
        if response.status().is_success() {
            return Ok(response);
        }
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        Err(self.failure(status, &text).into())
    }

    async fn send(&self, mut request: reqwest::RequestBuilder) -> anyhow::Result<Value> {
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.with_context(|| format!("cannot reach {}", self.server))?;
        let status = response.status();
        let text = response.text().await?;
        if status.is_success() {
            return Ok(if text.is_empty() {
                Value::Null
            } else {
                serde_json::from_str(&text).unwrap_or(Value::String(text))
            });
        }
        Err(self.failure(status, &text).into())
    }

    /// The refusal, with a sentence that says what to do where there is something to do.
    fn failure(&self, status: StatusCode, text: &str) -> ApiFailure {
        let failure = ApiFailure::new(status, text, None);
        let message = if failure.code == "invalid_credentials" {
            "wrong user name or password (or client id or secret)".to_owned()
        } else if status == StatusCode::UNAUTHORIZED && self.token.is_none() {
            format!("not logged in: run `tarn login --server {}` first", self.server)
        } else if status == StatusCode::UNAUTHORIZED {
            format!("your session has ended ({}): run `tarn login --server {}` again", failure.detail, self.server)
        } else {
            return failure;
        };
        ApiFailure { message, ..failure }
    }

    /// Text that API consumers may need in a query string, escaped.
    pub fn query(pairs: &[(&str, Option<&str>)]) -> String {
        let parts: Vec<String> = pairs.iter().filter_map(|(k, v)| v.map(|v| format!("{k}={}", urlencode(v)))).collect();
        if parts.is_empty() { String::new() } else { format!("?{}", parts.join("&")) }
    }
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
