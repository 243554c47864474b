//! `TestApp`: a running server over a throwaway store, with an admin token and an HTTP client.

pub mod moto;
pub mod spawned;

use std::future::Future;

use reqwest::{Method, RequestBuilder, StatusCode};
use serde_json::Value;
use tarn::config::{Config, Settings};
use tarn::store::Store;
use tokio::sync::oneshot;

pub const ADMIN_PASSWORD: &str = "admin-password-for-tests";

/// An HTTP client acting as one principal.
#[derive(Clone)]
pub struct Session {
    pub base: String,
    pub client: reqwest::Client,
    pub token: String,
}

pub struct TestApp {
    pub admin: Session,
    pub store: Store,
    /// The store's URL, for starting more replicas on it.
    pub url: String,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
    postgres: Option<PgDatabase>,
    _dir: tempfile::TempDir,
}

/// A database created for one test and dropped after it.
struct PgDatabase {
    admin_url: String,
    name: String,
}

fn pg_url_for(admin_url: &str, name: &str) -> String {
    let without_query = admin_url.split('?').next().unwrap_or(admin_url);
    let base = without_query.rsplit_once('/').map_or(without_query, |(b, _)| b);
    format!("{base}/{name}")
}

impl TestApp {
    pub async fn sqlite() -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("catalog.db").display());
        Self::start(dir, url, None, |_| {}).await
    }

    /// SQLite, with the configuration changed by `tweak` (a lake on S3, limits, keys).
    pub async fn sqlite_with(tweak: impl FnOnce(&mut Config)) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("catalog.db").display());
        Self::start(dir, url, None, tweak).await
    }

    /// `None` when no PostgreSQL server is configured for tests.
    pub async fn postgres() -> Option<TestApp> {
        Self::postgres_with(|_| {}).await
    }

    /// PostgreSQL, with the configuration changed by `tweak`.
    pub async fn postgres_with(tweak: impl FnOnce(&mut Config)) -> Option<TestApp> {
        let admin_url = std::env::var("TARN_TEST_DATABASE_URL").ok().filter(|u| !u.is_empty())?;
        let name = format!("tarn_test_{}", uuid::Uuid::new_v4().simple());
        use sqlx::Connection;
        let mut admin = sqlx::PgConnection::connect(&admin_url).await.expect("connect to TARN_TEST_DATABASE_URL");
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.unwrap();
        admin.close().await.ok();
        let url = pg_url_for(&admin_url, &name);
        let dir = tempfile::tempdir().unwrap();
        Some(Self::start(dir, url, Some(PgDatabase { admin_url, name }), tweak).await)
    }

    pub fn config(dir: &std::path::Path, url: &str) -> Config {
        let settings = Settings {
            listen: Some("127.0.0.1:0".into()),
            data_dir: Some(dir.to_path_buf()),
            database_url: Some(url.to_owned()),
            pool_size: Some(8),
            log_level: Some("warn".into()),
            ..Default::default()
        };
        Config::resolve(settings, Some(ADMIN_PASSWORD.to_owned())).unwrap()
    }

    async fn start(
        dir: tempfile::TempDir,
        url: String,
        postgres: Option<PgDatabase>,
        tweak: impl FnOnce(&mut Config),
    ) -> TestApp {
        // The server's errors (a 500's cause, logged under its error_id) go to the test's
        // captured output, which libtest prints when the test fails.
        let _ = tracing_subscriber::fmt().with_env_filter("tarn=error").with_test_writer().try_init();
        let mut config = Self::config(dir.path(), &url);
        tweak(&mut config);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = oneshot::channel::<()>();
        let server = tokio::spawn(tarn::server::run(listener, config, async {
            let _ = rx.await;
        }));
        let client = reqwest::Client::new();
        let mut app = TestApp {
            admin: Session { base, client, token: String::new() },
            store: Store::connect(&url, 2).await.unwrap(),
            url: url.clone(),
            shutdown: Some(tx),
            server: Some(server),
            postgres,
            _dir: dir,
        };
        app.admin.token = app.login("admin", ADMIN_PASSWORD).await.expect("admin login");
        app
    }

    /// Starts a second server on the same store, as another replica behind a load balancer
    /// would be; it stops when the returned sender is dropped.
    pub async fn replica(&self) -> (String, oneshot::Sender<()>) {
        self.replica_with(|_| {}).await
    }

    /// A replica with its configuration changed by `tweak`.
    pub async fn replica_with(&self, tweak: impl FnOnce(&mut Config)) -> (String, oneshot::Sender<()>) {
        let mut config = Self::config(self.data_dir(), &self.url);
        tweak(&mut config);
        // Each replica keeps its own search index.
        config.index_dir = self.data_dir().join(format!("index-{}", uuid::Uuid::new_v4().simple()));
        // And its own ingestion log.
        config.streams.dir = self.data_dir().join(format!("streams-{}", uuid::Uuid::new_v4().simple()));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = oneshot::channel::<()>();
        tokio::spawn(tarn::server::run(listener, config, async {
            let _ = rx.await;
        }));
        (base, tx)
    }

    /// Creates a user (password `<name>-password`) and returns a session acting as it.
    pub async fn user(&self, name: &str) -> Session {
        let password = format!("{name}-password");
        let (status, body) =
            self.post("/v1/principals/users", serde_json::json!({"name": name, "password": password})).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        self.session(name, &password).await
    }

    /// A session for an existing user.
    pub async fn session(&self, name: &str, password: &str) -> Session {
        let token = self.login(name, password).await.expect("login");
        Session { token, ..self.admin.clone() }
    }

    pub fn data_dir(&self) -> &std::path::Path {
        self._dir.path()
    }

    /// Number of outbox events recorded so far.
    pub async fn outbox_len(&self) -> usize {
        tarn::store::outbox::after(&mut self.store.conn(), 0, 1_000_000).await.unwrap().len()
    }

    /// Starts the server again on the same store and data directory (after [`stop`]); sessions
    /// made before keep working once their `base` is updated to `self.base`.
    pub async fn restart(&mut self) {
        let config = Self::config(self.data_dir(), &self.url);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        self.admin.base = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = oneshot::channel::<()>();
        self.server = Some(tokio::spawn(tarn::server::run(listener, config, async {
            let _ = rx.await;
        })));
        self.shutdown = Some(tx);
        // The server is ready once a login succeeds.
        for _ in 0..200 {
            if let Ok(token) = self.login("admin", ADMIN_PASSWORD).await {
                self.admin.token = token;
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        panic!("the restarted server did not come up");
    }

    /// Stops the server the way SIGTERM does and waits for it to finish.
    pub async fn stop(&mut self) -> anyhow::Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        match self.server.take() {
            Some(handle) => handle.await.unwrap(),
            None => Ok(()),
        }
    }
}

impl std::ops::Deref for TestApp {
    type Target = Session;

    fn deref(&self) -> &Session {
        &self.admin
    }
}

impl Session {
    /// Logs in; `Err(status)` when refused.
    pub async fn login(&self, user: &str, password: &str) -> Result<String, StatusCode> {
        let body = serde_json::json!({"grant_type": "password", "username": user, "password": password});
        let response = self.client.post(self.url("/v1/auth/token")).json(&body).send().await.unwrap();
        if !response.status().is_success() {
            return Err(response.status());
        }
        let body: Value = response.json().await.unwrap();
        Ok(body["access_token"].as_str().unwrap().to_owned())
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A request with the admin's bearer token.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.client.request(method, self.url(path)).bearer_auth(&self.token)
    }

    pub async fn send(&self, request: RequestBuilder) -> (StatusCode, Value) {
        let response = request.send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        let body =
            if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
        (status, body)
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.send(self.request(Method::GET, path)).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(self.request(Method::POST, path).json(&body)).await
    }

    pub async fn patch(&self, path: &str, if_match: Option<&str>, body: Value) -> (StatusCode, Value) {
        let mut request = self.request(Method::PATCH, path).json(&body);
        if let Some(tag) = if_match {
            request = request.header("if-match", tag);
        }
        self.send(request).await
    }

    pub async fn delete(&self, path: &str) -> (StatusCode, Value) {
        self.send(self.request(Method::DELETE, path)).await
    }

    /// Creates a database, asserting success.
    pub async fn create_database(&self, name: &str) {
        let (status, body) = self.post("/v1/databases", serde_json::json!({"name": name})).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }

    /// Creates a table from a JSON body, asserting success; returns the response body.
    pub async fn create_table(&self, database: &str, body: Value) -> Value {
        let (status, body) = self.post(&format!("/v1/databases/{database}/tables"), body).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            server.abort();
        }
        if let Some(pg) = self.postgres.take() {
            // Drop runs inside the test's runtime: do the async cleanup on a thread of its own.
            std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                runtime.block_on(async {
                    use sqlx::Connection;
                    if let Ok(mut admin) = sqlx::PgConnection::connect(&pg.admin_url).await {
                        let drop = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", pg.name);
                        let _ = sqlx::query(&drop).execute(&mut admin).await;
                    }
                });
            })
            .join()
            .ok();
        }
    }
}

/// Runs `test` against SQLite, then against PostgreSQL when one is configured.
pub async fn each_backend<F, Fut>(test: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    test(TestApp::sqlite().await).await;
    if let Some(app) = TestApp::postgres().await {
        test(app).await;
    }
}

/// [`each_backend`] with the configuration of both servers changed by `tweak`.
pub async fn each_backend_with<T, F, Fut>(tweak: T, test: F)
where
    T: Fn(&mut Config),
    F: Fn(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    test(TestApp::sqlite_with(&tweak).await).await;
    if let Some(app) = TestApp::postgres_with(&tweak).await {
        test(app).await;
    }
}

/// The stable error code of a problem body.
pub fn code(body: &Value) -> &str {
    body["code"].as_str().unwrap_or("<no code>")
}
