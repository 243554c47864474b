//! The metadata store: SQLite or PostgreSQL behind sqlx's Any driver, with SQL built by
//! sea-query for the backend in use. One module per aggregate; each takes a [`Conn`], which
//! is either the pool (single reads) or an open [`Tx`] (everything that writes).
//!
//! Column conventions that make one schema portable: timestamps are BIGINT microseconds,
//! ids and JSON are TEXT, flags are integers. Migrations live in `migrations/<backend>/`.

pub mod audit;
pub mod crawlers;
pub mod data_filters;
pub mod databases;
pub mod files;
pub mod grants;
pub mod jobs;
pub mod lineage;
pub mod outbox;
pub mod partitions;
pub mod pipelines;
pub mod principals;
pub mod queries;
pub mod roles;
pub mod signing_keys;
pub mod streams;
pub mod tables;
pub mod tags;

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_query::{PostgresQueryBuilder, QueryStatementBuilder, SqliteQueryBuilder, Value, Values};
use sqlx::any::{AnyArguments, AnyConnectOptions, AnyPoolOptions, AnyRow};
use sqlx::{Any, AnyPool, Arguments, ConnectOptions, Executor, Transaction};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("a row with the same key already exists")]
    UniqueViolation,
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

pub type StoreResult<T> = Result<T, StoreError>;

fn classify(err: sqlx::Error) -> StoreError {
    match &err {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::UniqueViolation,
        _ => StoreError::Db(err),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Self::Postgres)
        } else {
            None
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

/// The connection pool and the backend it talks to.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

impl Store {
    /// Connects to `url` (`sqlite://path` or `postgres://...`). SQLite files are created if
    /// missing and run in WAL mode with foreign keys on.
    pub async fn connect(url: &str, max_connections: u32) -> StoreResult<Self> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)
            .ok_or_else(|| StoreError::Corrupt(format!("unsupported database URL scheme in `{url}`")))?;
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") => {
                format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
            }
            _ => url.to_owned(),
        };
        let options: AnyConnectOptions = url.parse::<AnyConnectOptions>()?.disable_statement_logging();
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        for pragma in [
                            "PRAGMA journal_mode = WAL",
                            "PRAGMA synchronous = NORMAL",
                            "PRAGMA foreign_keys = ON",
                            "PRAGMA busy_timeout = 10000",
                            // Bounds the work of `PRAGMA optimize` (see `refresh_statistics`).
                            "PRAGMA analysis_limit = 1000",
                            // Every commit (the audit writer commits every few ms) empties the
                            // other connections' page caches; with the file memory-mapped they
                            // re-read pages from the OS cache without a pread each (measured:
                            // 0.7 preads per GET without it).
                            "PRAGMA mmap_size = 1073741824",
                        ] {
                            conn.execute(pragma).await?;
                        }
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        Ok(Self { pool, backend })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies pending migrations for this backend.
    pub async fn migrate(&self) -> StoreResult<()> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.pool).await?;
        Ok(())
    }

    /// A connection for reads that need no transaction.
    pub fn conn(&self) -> Conn<'_> {
        Conn { exec: Exec::Pool(&self.pool), backend: self.backend }
    }

    /// Opens a write transaction. SQLite takes its write lock up front (`BEGIN IMMEDIATE`) so
    /// concurrent writers queue on the busy timeout instead of failing to upgrade a read lock.
    ///
    /// The begin runs on a task of its own: a caller dropped while it waits (a cancelled job,
    /// a closed client connection) would otherwise return a pooled connection whose `BEGIN`
    /// went through but was never tracked (sqlx#3932), holding SQLite's write lock until every
    /// other writer times out. On its own task the begin completes, and the transaction that
    /// nobody awaits any more rolls back when it is dropped.
    pub async fn begin(&self) -> StoreResult<Tx> {
        let (pool, backend) = (self.pool.clone(), self.backend);
        let inner = tokio::spawn(async move {
            match backend {
                Backend::Sqlite => pool.begin_with("BEGIN IMMEDIATE").await,
                Backend::Postgres => pool.begin().await,
            }
        })
        .await
        .map_err(|_| StoreError::Db(sqlx::Error::WorkerCrashed))??;
        Ok(Tx { inner, backend })
    }

    /// Refreshes the planner's statistics after bulk writes, so it can choose between the
    /// key-ordered primary key and the per-key indexes. PostgreSQL's autovacuum does this by
    /// itself; SQLite only when asked (`PRAGMA optimize` is cheap when little has changed).
    pub async fn refresh_statistics(&self) {
        if self.backend == Backend::Sqlite {
            if let Err(e) = sqlx::query("PRAGMA optimize").execute(&self.pool).await {
                tracing::warn!(error = %e, "PRAGMA optimize failed");
            }
        }
    }

    pub async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// (open connections, idle connections, configured maximum)
    pub fn pool_usage(&self) -> (u32, u32, u32) {
        (self.pool.size(), self.pool.num_idle() as u32, self.pool.options().get_max_connections())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// An open transaction; dropped without [`Tx::commit`] it rolls back.
pub struct Tx {
    inner: Transaction<'static, Any>,
    backend: Backend,
}

impl Tx {
    pub fn conn(&mut self) -> Conn<'_> {
        Conn { exec: Exec::Tx(&mut self.inner), backend: self.backend }
    }

    pub async fn commit(self) -> StoreResult<()> {
        self.inner.commit().await?;
        Ok(())
    }
}

enum Exec<'a> {
    Pool(&'a AnyPool),
    Tx(&'a mut Transaction<'static, Any>),
}

/// Where a store function runs its statements.
pub struct Conn<'a> {
    exec: Exec<'a>,
    backend: Backend,
}

impl Conn<'_> {
    pub fn backend(&self) -> Backend {
        self.backend
    }

    fn build(&self, stmt: &impl QueryStatementBuilder) -> StoreResult<(String, AnyArguments<'static>)> {
        let (sql, values) = match self.backend {
            Backend::Sqlite => stmt.build_any(&SqliteQueryBuilder),
            Backend::Postgres => stmt.build_any(&PostgresQueryBuilder),
        };
        Ok((sql, bind(values)?))
    }

    pub async fn execute(&mut self, stmt: &impl QueryStatementBuilder) -> StoreResult<u64> {
        let (sql, args) = self.build(stmt)?;
        let query = sqlx::query_with(&sql, args);
        let result = match &mut self.exec {
            Exec::Pool(pool) => query.execute(*pool).await,
            Exec::Tx(tx) => query.execute(&mut ***tx).await,
        };
        result.map(|r| r.rows_affected()).map_err(classify)
    }

    /// Runs a fixed statement with no parameters (backend-specific SQL lives with its caller).
    pub async fn execute_raw(&mut self, sql: &str) -> StoreResult<()> {
        let query = sqlx::query(sql);
        let result = match &mut self.exec {
            Exec::Pool(pool) => query.execute(*pool).await,
            Exec::Tx(tx) => query.execute(&mut ***tx).await,
        };
        result.map(|_| ()).map_err(classify)
    }

    /// Runs `sql` with arguments bound by the caller: for the rare hot path where building
    /// values for sea-query would cost more than the statement (the audit append).
    pub async fn execute_with(&mut self, sql: &str, args: AnyArguments<'_>) -> StoreResult<u64> {
        let query = sqlx::query_with(sql, args);
        let result = match &mut self.exec {
            Exec::Pool(pool) => query.execute(*pool).await,
            Exec::Tx(tx) => query.execute(&mut ***tx).await,
        };
        result.map(|r| r.rows_affected()).map_err(classify)
    }

    pub async fn fetch_all(&mut self, stmt: &impl QueryStatementBuilder) -> StoreResult<Vec<AnyRow>> {
        let (sql, args) = self.build(stmt)?;
        let query = sqlx::query_with(&sql, args);
        let result = match &mut self.exec {
            Exec::Pool(pool) => query.fetch_all(*pool).await,
            Exec::Tx(tx) => query.fetch_all(&mut ***tx).await,
        };
        result.map_err(classify)
    }

    pub async fn fetch_optional(&mut self, stmt: &impl QueryStatementBuilder) -> StoreResult<Option<AnyRow>> {
        let (sql, args) = self.build(stmt)?;
        let query = sqlx::query_with(&sql, args);
        let result = match &mut self.exec {
            Exec::Pool(pool) => query.fetch_optional(*pool).await,
            Exec::Tx(tx) => query.fetch_optional(&mut ***tx).await,
        };
        result.map_err(classify)
    }
}

/// Binds sea-query values as Any arguments. The schema only uses integers, floats, text and
/// bytes, so any other value is a programming error reported as such.
fn bind(values: Values) -> StoreResult<AnyArguments<'static>> {
    let mut args = AnyArguments::default();
    for value in values {
        let added = match value {
            Value::Bool(v) => args.add(v.map(i64::from)),
            Value::TinyInt(v) => args.add(v.map(i64::from)),
            Value::SmallInt(v) => args.add(v.map(i64::from)),
            Value::Int(v) => args.add(v.map(i64::from)),
            Value::BigInt(v) => args.add(v),
            Value::TinyUnsigned(v) => args.add(v.map(i64::from)),
            Value::SmallUnsigned(v) => args.add(v.map(i64::from)),
            Value::Unsigned(v) => args.add(v.map(i64::from)),
            Value::BigUnsigned(v) => args.add(v.map(|x| i64::try_from(x).unwrap_or(i64::MAX))),
            Value::Double(v) => args.add(v),
            Value::Float(v) => args.add(v.map(f64::from)),
            Value::String(v) => args.add(v),
            Value::Char(v) => args.add(v.map(String::from)),
            Value::Bytes(v) => args.add(v),
            other => return Err(StoreError::Corrupt(format!("unsupported bind value {other:?}"))),
        };
        added.map_err(|e| StoreError::Corrupt(format!("bind failed: {e}")))?;
    }
    Ok(args)
}

/// Microseconds since the epoch, the store's timestamp representation.
pub fn to_micros(t: DateTime<Utc>) -> i64 {
    t.timestamp_micros()
}

pub fn from_micros(micros: i64) -> StoreResult<DateTime<Utc>> {
    DateTime::from_timestamp_micros(micros).ok_or_else(|| StoreError::Corrupt(format!("timestamp {micros}")))
}

/// Reads a column, turning a type mismatch into a store error.
pub fn col<'r, T>(row: &'r AnyRow, name: &str) -> StoreResult<T>
where
    T: sqlx::Decode<'r, Any> + sqlx::Type<Any>,
{
    use sqlx::Row;
    row.try_get(name).map_err(StoreError::Db)
}

pub fn json_col<T: serde::de::DeserializeOwned>(row: &AnyRow, name: &str) -> StoreResult<T> {
    let text: String = col(row, name)?;
    serde_json::from_str(&text).map_err(|e| StoreError::Corrupt(format!("column {name}: {e}")))
}

pub fn to_json(value: &impl serde::Serialize) -> String {
    // Serialising our own plain data types cannot fail.
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}
