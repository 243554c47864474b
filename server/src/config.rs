//! Configuration, resolved once at start in this order (later wins): built-in defaults, an
//! optional `tarn.toml`, `TARN_*` environment variables, command-line flags. Then validated,
//! and passed down; nothing reads configuration from globals.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use thiserror::Error;

#[derive(Debug, Error)]
#[error("configuration error: {0}")]
pub struct ConfigError(pub String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// One layer of settings: a `tarn.toml`, or the environment and flags (clap reads both).
#[derive(Debug, Clone, Default, Deserialize, clap::Args)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Address to listen on [default: 127.0.0.1:8470]
    #[arg(long, env = "TARN_LISTEN")]
    pub listen: Option<String>,
    /// Directory for all local state [default: ./tarn-data]
    #[arg(long, env = "TARN_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Search index directory, one per replica [default: <data_dir>/index]
    #[arg(long, env = "TARN_INDEX_DIR")]
    pub index_dir: Option<PathBuf>,
    /// Streaming ingestion's write-ahead log, one per replica [default: <data_dir>/streams]
    #[arg(long, env = "TARN_STREAMS_DIR")]
    pub streams_dir: Option<PathBuf>,
    /// Undelivered stream bytes a replica holds before puts get 429, in MiB, 1 to 65536
    /// [default: 512]
    #[arg(long, env = "TARN_STREAM_BACKLOG_MB")]
    pub stream_backlog_mb: Option<usize>,
    /// Disk the ingestion log may use, in MiB; past it puts get 503 `storage_full` [default: no limit]
    #[arg(long, env = "TARN_STREAM_LOG_MAX_MB")]
    pub stream_log_max_mb: Option<u64>,
    /// Run the streams' pull sources (MQTT subscriptions) on this replica [default: true]
    #[arg(long, env = "TARN_STREAM_SOURCES")]
    pub stream_sources: Option<bool>,
    /// Metadata store: sqlite://path or postgres://... [default: sqlite://<data_dir>/catalog.db]
    #[arg(long, env = "TARN_DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
    /// Log format: text or json [default: text]
    #[arg(long, env = "TARN_LOG_FORMAT")]
    pub log_format: Option<String>,
    /// Log filter, e.g. info or tarn=debug [default: info]
    #[arg(long, env = "TARN_LOG_LEVEL")]
    pub log_level: Option<String>,
    /// Lifetime of access tokens in seconds [default: 3600]
    #[arg(long, env = "TARN_TOKEN_TTL_SECS")]
    pub token_ttl_secs: Option<u64>,
    /// Maximum metadata store connections [default: 16]
    #[arg(long, env = "TARN_POOL_SIZE")]
    pub pool_size: Option<u32>,
    /// Largest accepted request body in bytes [default: 16 MiB]
    #[arg(long, env = "TARN_MAX_BODY_BYTES")]
    pub max_body_bytes: Option<usize>,
    /// Per-request timeout in seconds [default: 60]
    #[arg(long, env = "TARN_REQUEST_TIMEOUT_SECS")]
    pub request_timeout_secs: Option<u64>,
    /// The lake: a folder, or s3://bucket/prefix [default: <data_dir>/lake]
    #[arg(long, env = "TARN_LAKE_URL")]
    pub lake_url: Option<String>,
    /// S3 endpoint, e.g. http://127.0.0.1:9000 (else AWS_ENDPOINT or AWS's own)
    #[arg(long, env = "TARN_LAKE_ENDPOINT")]
    pub lake_endpoint: Option<String>,
    /// S3 region (else AWS_REGION)
    #[arg(long, env = "TARN_LAKE_REGION")]
    pub lake_region: Option<String>,
    /// S3 access key id (else AWS_ACCESS_KEY_ID)
    #[arg(long, env = "TARN_LAKE_ACCESS_KEY_ID", hide_env_values = true)]
    pub lake_access_key_id: Option<String>,
    /// S3 secret access key (else AWS_SECRET_ACCESS_KEY)
    #[arg(long, env = "TARN_LAKE_SECRET_ACCESS_KEY", hide_env_values = true)]
    pub lake_secret_access_key: Option<String>,
    /// Local lake encryption keys, `id:base64key[,id:base64key...]`; the first encrypts new files
    #[arg(long, env = "TARN_LAKE_ENCRYPTION_KEYS", hide_env_values = true)]
    pub lake_encryption_keys: Option<String>,
    /// Largest accepted file upload in bytes [default: 5 GiB]
    #[arg(long, env = "TARN_MAX_UPLOAD_BYTES")]
    pub max_upload_bytes: Option<u64>,
    /// Longest a SQL query may run, in seconds [default: 300]
    #[arg(long, env = "TARN_QUERY_TIMEOUT_SECS")]
    pub query_timeout_secs: Option<u64>,
    /// Memory one SQL query may use, in MiB [default: 2048]
    #[arg(long, env = "TARN_QUERY_MEMORY_MB")]
    pub query_memory_mb: Option<u64>,
    /// SQL queries one principal may run at once on a replica [default: 4]
    #[arg(long, env = "TARN_MAX_CONCURRENT_QUERIES")]
    pub max_concurrent_queries: Option<u32>,
    /// Longest accepted SQL statement in bytes [default: 256 KiB]
    #[arg(long, env = "TARN_MAX_QUERY_BYTES")]
    pub max_query_bytes: Option<usize>,
    /// Default lifetime of vended credentials in seconds, 300 to 21600 [default: 900]
    #[arg(long, env = "TARN_CREDENTIAL_TTL_SECS")]
    pub credential_ttl_secs: Option<u64>,
    /// How long a job run's lease lasts without renewal: a run whose replica died is taken over
    /// after it, in seconds, 2 to 3600 [default: 60]
    #[arg(long, env = "TARN_JOB_LEASE_SECS")]
    pub job_lease_secs: Option<u64>,
    /// How often each replica looks for due and queued jobs, in milliseconds, 50 to 60000
    /// [default: 5000]
    #[arg(long, env = "TARN_SCHEDULER_INTERVAL_MS")]
    pub scheduler_interval_ms: Option<u64>,
}

impl Settings {
    /// `self` with every field that `over` sets replaced.
    pub fn overlay(self, over: Settings) -> Settings {
        Settings {
            listen: over.listen.or(self.listen),
            data_dir: over.data_dir.or(self.data_dir),
            index_dir: over.index_dir.or(self.index_dir),
            streams_dir: over.streams_dir.or(self.streams_dir),
            stream_backlog_mb: over.stream_backlog_mb.or(self.stream_backlog_mb),
            stream_sources: over.stream_sources.or(self.stream_sources),
            stream_log_max_mb: over.stream_log_max_mb.or(self.stream_log_max_mb),
            database_url: over.database_url.or(self.database_url),
            log_format: over.log_format.or(self.log_format),
            log_level: over.log_level.or(self.log_level),
            token_ttl_secs: over.token_ttl_secs.or(self.token_ttl_secs),
            pool_size: over.pool_size.or(self.pool_size),
            max_body_bytes: over.max_body_bytes.or(self.max_body_bytes),
            request_timeout_secs: over.request_timeout_secs.or(self.request_timeout_secs),
            lake_url: over.lake_url.or(self.lake_url),
            lake_endpoint: over.lake_endpoint.or(self.lake_endpoint),
            lake_region: over.lake_region.or(self.lake_region),
            lake_access_key_id: over.lake_access_key_id.or(self.lake_access_key_id),
            lake_secret_access_key: over.lake_secret_access_key.or(self.lake_secret_access_key),
            lake_encryption_keys: over.lake_encryption_keys.or(self.lake_encryption_keys),
            max_upload_bytes: over.max_upload_bytes.or(self.max_upload_bytes),
            query_timeout_secs: over.query_timeout_secs.or(self.query_timeout_secs),
            query_memory_mb: over.query_memory_mb.or(self.query_memory_mb),
            max_concurrent_queries: over.max_concurrent_queries.or(self.max_concurrent_queries),
            max_query_bytes: over.max_query_bytes.or(self.max_query_bytes),
            credential_ttl_secs: over.credential_ttl_secs.or(self.credential_ttl_secs),
            job_lease_secs: over.job_lease_secs.or(self.job_lease_secs),
            scheduler_interval_ms: over.scheduler_interval_ms.or(self.scheduler_interval_ms),
        }
    }

    /// Reads a `tarn.toml`.
    pub fn from_file(path: &Path) -> Result<Settings, ConfigError> {
        let text =
            std::fs::read_to_string(path).map_err(|e| ConfigError(format!("cannot read {}: {e}", path.display())))?;
        toml::from_str(&text).map_err(|e| ConfigError(format!("{}: {e}", path.display())))
    }
}

/// Validated configuration.
#[derive(Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub index_dir: PathBuf,
    pub database_url: String,
    pub log_format: LogFormat,
    pub log_level: String,
    pub token_ttl: Duration,
    pub pool_size: u32,
    pub max_body_bytes: usize,
    pub request_timeout: Duration,
    /// From `TARN_ADMIN_PASSWORD` only: a flag would show in the process list.
    pub admin_password: Option<String>,
    pub lake: LakeConfig,
    pub max_upload_bytes: u64,
    /// How often each replica looks for due scheduled crawls.
    pub scheduler_interval: Duration,
    /// A job run's lease without renewal.
    pub job_lease: Duration,
    pub query: QueryConfig,
    pub streams: crate::ingest::StreamConfig,
}

/// Limits of SQL queries and vended credentials.
#[derive(Debug, Clone)]
pub struct QueryConfig {
    pub timeout: Duration,
    pub memory_bytes: usize,
    pub max_concurrent: u32,
    pub max_sql_bytes: usize,
    /// Threads one query's scans and operators spread over.
    pub target_partitions: usize,
    pub credential_ttl: Duration,
}

/// Bounds of a vended credential's lifetime (Lake Formation's are 15 minutes to 12 hours).
pub const CREDENTIAL_TTL_SECS: std::ops::RangeInclusive<u64> = 300..=21_600;

/// Where the lake is and how to reach it.
#[derive(Clone, Default)]
pub struct LakeConfig {
    /// A local folder (or `file://` URL) or `s3://bucket/prefix`.
    pub url: String,
    pub endpoint: Option<String>,
    pub region: Option<String>,
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<String>,
    pub encryption_keys: Vec<crate::storage::cipher::Key>,
}

impl std::fmt::Debug for LakeConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Credentials and keys are never shown.
        f.debug_struct("LakeConfig")
            .field("url", &self.url)
            .field("endpoint", &self.endpoint)
            .field("encrypted", &!self.encryption_keys.is_empty())
            .finish_non_exhaustive()
    }
}

/// Parses `id:base64key[,id:base64key...]`.
fn encryption_keys(text: &str) -> Result<Vec<crate::storage::cipher::Key>, ConfigError> {
    use base64::Engine;
    text.split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|entry| {
            let (id, key) = entry
                .trim()
                .split_once(':')
                .ok_or_else(|| ConfigError("lake_encryption_keys entries are id:base64key".to_owned()))?;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(key)
                .map_err(|_| ConfigError(format!("lake encryption key `{id}` is not base64")))?;
            crate::storage::cipher::Key::new(id, &bytes)
                .map_err(|e| ConfigError(format!("lake encryption key `{id}`: {e}")))
        })
        .collect()
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The database URL may carry a password and the admin password is one: neither is shown.
        f.debug_struct("Config")
            .field("listen", &self.listen)
            .field("data_dir", &self.data_dir)
            .field("index_dir", &self.index_dir)
            .field("log_format", &self.log_format)
            .field("token_ttl", &self.token_ttl)
            .field("pool_size", &self.pool_size)
            .finish_non_exhaustive()
    }
}

fn within<T: PartialOrd + std::fmt::Display>(name: &str, value: T, min: T, max: T) -> Result<T, ConfigError> {
    if value < min || value > max {
        return Err(ConfigError(format!("{name} must be between {min} and {max}, got {value}")));
    }
    Ok(value)
}

impl Config {
    /// Applies defaults to `settings` and checks every value.
    pub fn resolve(settings: Settings, admin_password: Option<String>) -> Result<Config, ConfigError> {
        let query = query_config(&settings)?;
        let listen_text = settings.listen.unwrap_or_else(|| "127.0.0.1:8470".to_owned());
        let listen = listen_text
            .parse()
            .map_err(|e| ConfigError(format!("listen address `{listen_text}` is not host:port ({e})")))?;
        let data_dir = settings.data_dir.unwrap_or_else(|| PathBuf::from("./tarn-data"));
        let database_url =
            settings.database_url.unwrap_or_else(|| format!("sqlite://{}", data_dir.join("catalog.db").display()));
        if crate::store::Backend::from_url(&database_url).is_none() {
            return Err(ConfigError("database_url must start with sqlite:// or postgres://".to_owned()));
        }
        let log_format = match settings.log_format.as_deref().unwrap_or("text") {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            other => return Err(ConfigError(format!("log_format must be text or json, got `{other}`"))),
        };
        if admin_password.as_ref().is_some_and(|p| p.len() < 8) {
            return Err(ConfigError("TARN_ADMIN_PASSWORD must be at least 8 characters".to_owned()));
        }
        let index_dir = settings.index_dir.unwrap_or_else(|| data_dir.join("index"));
        let streams = crate::ingest::StreamConfig {
            dir: settings.streams_dir.clone().unwrap_or_else(|| data_dir.join("streams")),
            backlog_bytes: within("stream_backlog_mb", settings.stream_backlog_mb.unwrap_or(512), 1, 65_536)? << 20,
            wal: crate::ingest::wal::WalOptions {
                max_bytes: settings.stream_log_max_mb.map_or(u64::MAX, |mb| mb.saturating_mul(1 << 20)),
                ..Default::default()
            },
            sources: settings.stream_sources.unwrap_or(true),
        };
        let lake = LakeConfig {
            url: settings.lake_url.unwrap_or_else(|| data_dir.join("lake").display().to_string()),
            endpoint: settings.lake_endpoint,
            region: settings.lake_region,
            access_key_id: settings.lake_access_key_id,
            secret_access_key: settings.lake_secret_access_key,
            encryption_keys: encryption_keys(settings.lake_encryption_keys.as_deref().unwrap_or(""))?,
        };
        if lake.url.contains("://") && !lake.url.starts_with("s3://") && !lake.url.starts_with("file://") {
            return Err(ConfigError("lake_url must be a folder, file:// or s3://bucket/prefix".to_owned()));
        }
        Ok(Config {
            listen,
            index_dir,
            data_dir,
            database_url,
            log_format,
            log_level: settings.log_level.unwrap_or_else(|| "info".to_owned()),
            token_ttl: Duration::from_secs(within(
                "token_ttl_secs",
                settings.token_ttl_secs.unwrap_or(3600),
                60,
                86_400,
            )?),
            pool_size: within("pool_size", settings.pool_size.unwrap_or(16), 1, 1_000)?,
            max_body_bytes: within("max_body_bytes", settings.max_body_bytes.unwrap_or(16 << 20), 1_024, 1 << 30)?,
            request_timeout: Duration::from_secs(within(
                "request_timeout_secs",
                settings.request_timeout_secs.unwrap_or(60),
                1,
                3_600,
            )?),
            admin_password,
            lake,
            scheduler_interval: Duration::from_millis(within(
                "scheduler_interval_ms",
                settings.scheduler_interval_ms.unwrap_or(5_000),
                50,
                60_000,
            )?),
            job_lease: Duration::from_secs(within("job_lease_secs", settings.job_lease_secs.unwrap_or(60), 2, 3_600)?),
            max_upload_bytes: within("max_upload_bytes", settings.max_upload_bytes.unwrap_or(5 << 30), 1, 1 << 40)?,
            query,
            streams,
        })
    }
}

fn query_config(settings: &Settings) -> Result<QueryConfig, ConfigError> {
    let ttl = settings.credential_ttl_secs.unwrap_or(900);
    Ok(QueryConfig {
        timeout: Duration::from_secs(within(
            "query_timeout_secs",
            settings.query_timeout_secs.unwrap_or(300),
            1,
            86_400,
        )?),
        memory_bytes: within("query_memory_mb", settings.query_memory_mb.unwrap_or(2_048), 16, 1 << 20)? as usize
            * (1 << 20),
        max_concurrent: within("max_concurrent_queries", settings.max_concurrent_queries.unwrap_or(4), 1, 1_000)?,
        max_sql_bytes: within("max_query_bytes", settings.max_query_bytes.unwrap_or(256 << 10), 1_024, 16 << 20)?,
        target_partitions: std::thread::available_parallelism().map_or(2, |n| n.get()),
        credential_ttl: Duration::from_secs(within(
            "credential_ttl_secs",
            ttl,
            *CREDENTIAL_TTL_SECS.start(),
            *CREDENTIAL_TTL_SECS.end(),
        )?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_layers_win_and_defaults_fill_the_rest() {
        let file = Settings { listen: Some("127.0.0.1:1".into()), pool_size: Some(4), ..Default::default() };
        let flags = Settings { listen: Some("127.0.0.1:2".into()), ..Default::default() };
        let config = Config::resolve(file.overlay(flags), None).unwrap();
        assert_eq!(config.listen.port(), 2);
        assert_eq!(config.pool_size, 4);
        assert_eq!(config.token_ttl, Duration::from_secs(3600));
        assert!(config.database_url.starts_with("sqlite://"));
    }

    #[test]
    fn bad_values_get_clear_messages() {
        let bad = |s: Settings| Config::resolve(s, None).unwrap_err().0;
        assert!(bad(Settings { listen: Some("nope".into()), ..Default::default() }).contains("listen"));
        assert!(bad(Settings { log_format: Some("xml".into()), ..Default::default() }).contains("log_format"));
        assert!(bad(Settings { pool_size: Some(0), ..Default::default() }).contains("pool_size"));
        assert!(
            bad(Settings { database_url: Some("mysql://x".into()), ..Default::default() }).contains("database_url")
        );
        assert!(toml::from_str::<Settings>("lisen = \"x\"").is_err());
    }
}
