//! The `tarn` command-line client: talks to a Tarn server over its HTTP API (never to the
//! store), with the token from `tarn login` kept in the user's config directory.

pub mod catalog;
pub mod commands;
pub mod lake;
mod output;
mod query;
mod roles;
mod search;

pub use query::QueryFormat;

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context, anyhow, bail};
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

/// An API client for one server.
pub struct Client {
    server: String,
    http: reqwest::Client,
    token: Option<String>,
}

impl Client {
    pub fn new(server: &str) -> Self {
        let server = server.trim_end_matches('/').to_owned();
        let token = std::env::var("TARN_TOKEN").ok().or_else(|| load_tokens().get(&server).cloned());
        Self { server, http: reqwest::Client::new(), token }
    }

    pub fn server(&self) -> &str {
        &self.server
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
            let page_path =
                format!("{path}{}", Self::query(&[("max_results", Some("1000")), ("page_token", token.as_deref())]));
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
        let problem: Value = response.json().await.unwrap_or(Value::Null);
        bail!(
            "{} ({}): {}",
            status.as_u16(),
            problem["code"].as_str().unwrap_or("error"),
            problem["detail"].as_str().unwrap_or("")
        )
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
        let problem: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        let detail = problem["detail"].as_str().unwrap_or(&text);
        let code = problem["code"].as_str().unwrap_or("error");
        if code == "invalid_credentials" {
            bail!("wrong user name or password (or client id or secret)");
        }
        if status == StatusCode::UNAUTHORIZED {
            match self.token {
                None => bail!("not logged in: run `tarn login --server {}` first", self.server),
                Some(_) => bail!("your session has ended ({detail}): run `tarn login --server {}` again", self.server),
            }
        }
        bail!("{} ({code}): {detail}", status.as_u16())
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
