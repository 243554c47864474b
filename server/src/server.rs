//! Assembling and running the server: store, migrations, bootstrap admin, services, router,
//! and graceful shutdown. Tests call [`run`] with a listener on port 0.

use std::future::Future;
use std::sync::Arc;

use anyhow::Context;
use axum::serve::ListenerExt;
use tokio::net::TcpListener;

use crate::audit::AuditLog;
use crate::authn::TokenIssuer;
use crate::authz::Authorizer;
use crate::config::Config;
use crate::events::Follower;
use crate::http::{AppState, HttpLimits, Services, metrics::Metrics, router};
use crate::jobs::Runner;
use crate::service::audit::AuditTrail;
use crate::service::auth::{Auth, BOOTSTRAP_ADMIN};
use crate::service::core::Core;
use crate::service::crawlers::Crawlers;
use crate::service::credentials::Credentials;
use crate::service::data::DataAccess;
use crate::service::files::Files;
use crate::service::lineage::Lineage;
use crate::service::pagination::PageTokens;
use crate::service::pipeline_triggers::Triggers;
use crate::service::pipelines::Pipelines;
use crate::service::principals::Principals;
use crate::service::queries::Queries;
use crate::service::roles::Roles;
use crate::service::search::Search;
use crate::service::{data_filters::DataFilters, databases::Databases, grants::Grants};
use crate::service::{partitions::Partitions, tables::Tables, tags::Tagging};
use crate::storage::Lake;
use crate::store::Store;

/// Opens the store named by the configuration and applies pending migrations.
pub async fn open_store(config: &Config) -> anyhow::Result<Store> {
    if config.database_url.starts_with("sqlite:") {
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("cannot create data directory {}", config.data_dir.display()))?;
    }
    let store =
        Store::connect(&config.database_url, config.pool_size).await.context("cannot connect to the metadata store")?;
    store.migrate().await.context("cannot apply migrations")?;
    Ok(store)
}

/// Builds the application state over an open store; also returns the audit writer task,
/// which ends once the state (every handle to the audit log) is dropped.
pub async fn build_state(store: Store, config: &Config) -> anyhow::Result<(AppState, tokio::task::JoinHandle<()>)> {
    let index = crate::service::indexer::open_index(&store, &config.index_dir).await?;
    let issuer = Arc::new(TokenIssuer::load(store.clone(), config.token_ttl).await?);
    let authz = Authorizer::load(store.clone()).await?;
    let (audit, audit_writer) = AuditLog::start(store.clone());
    authz.attach_audit(audit.clone());
    let auth = Auth::new(store.clone(), issuer.clone(), authz.clone());
    if let Some(generated) = auth.ensure_bootstrap_admin(config.admin_password.as_deref()).await? {
        // Shown once, on the terminal only: never through the log.
        println!("Created the bootstrap administrator `{BOOTSTRAP_ADMIN}` with password: {generated}");
        println!("It will not be shown again. Set TARN_ADMIN_PASSWORD on first start to choose it.");
    }
    let pages = PageTokens::load(&store).await?;
    let lake = Lake::open(&config.lake)?;
    let core = Core::new(store.clone(), authz.clone(), pages.clone());
    let files = Arc::new(Files::new(core.clone(), store.clone(), lake, config.max_upload_bytes));
    // One job runner per replica; leases in the store make each run happen once.
    let runner = Runner::new(store.clone(), uuid::Uuid::new_v4().simple().to_string(), config.job_lease);
    let crawlers = Arc::new(Crawlers::new(core.clone(), files.clone(), store.clone(), audit.clone(), runner.clone()));
    runner.register(crawlers.clone());
    let pipelines = Arc::new(Pipelines::new(
        core.clone(),
        files.clone(),
        store.clone(),
        audit.clone(),
        runner.clone(),
        config.query.clone(),
    ));
    runner.register(pipelines.clone());
    let queries =
        Arc::new(Queries::new(core.clone(), files.clone(), store.clone(), audit.clone(), config.query.clone())?);
    let credentials = Arc::new(Credentials::new(core.clone(), files.clone(), issuer, config.query.credential_ttl));
    let data = Arc::new(DataAccess::new(core.clone(), files.clone(), credentials.clone()));
    // This replica's ingestion log, replayed into its stream buffers before anything is served.
    let deliveries =
        crate::service::stream_delivery::Deliveries::open(&config.streams, files.clone(), store.clone(), authz.clone())
            .await?;
    let streams =
        Arc::new(crate::service::streams::Streams::new(core.clone(), store.clone(), audit.clone(), deliveries));
    let state = AppState::new(Services {
        audit,
        audit_trail: Arc::new(AuditTrail::new(store.clone(), authz.clone(), pages.clone())),
        principals: Arc::new(Principals::new(store.clone(), authz.clone(), pages.clone())),
        roles: Arc::new(Roles::new(store.clone(), authz.clone())),
        search: Arc::new(Search::new(authz.clone(), index, pages)),
        files,
        crawlers,
        streams,
        pipelines,
        lineage: Arc::new(Lineage::new(core.clone(), store.clone())),
        triggers: Triggers::new(store.clone(), runner.clone()),
        queries,
        credentials,
        data,
        databases: Arc::new(Databases::new(core.clone())),
        tables: Arc::new(Tables::new(core.clone())),
        partitions: Arc::new(Partitions::new(core.clone())),
        tags: Arc::new(Tagging::new(core.clone())),
        grants: Arc::new(Grants::new(core.clone())),
        data_filters: Arc::new(DataFilters::new(core)),
        auth: Arc::new(auth),
        metrics: Arc::new(Metrics::default()),
        runner,
        ops: Arc::new(crate::service::ops::Operations::new(store, authz)),
    });
    Ok((state, audit_writer))
}

/// Serves on `listener` until `shutdown` resolves, then lets in-flight requests finish and
/// closes the store.
pub async fn run(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let store = open_store(&config).await?;
    let (state, audit_writer) = build_state(store.clone(), &config).await?;
    let limits = HttpLimits { max_body_bytes: config.max_body_bytes, request_timeout: config.request_timeout };
    // One follower of the event stream feeds this replica's policy cache and search index.
    let mut subscribers = state.ops.event_subscribers(state.search.index().clone());
    subscribers.push(state.triggers.clone());
    let follower = Follower::new(store.clone(), subscribers).spawn();
    // Data triggers whose batch window passes without new files.
    let trigger_ticks = state.triggers.clone().spawn(config.scheduler_interval);
    // Keys rotated or revoked through another replica: re-read them every second.
    let auth = state.auth.clone();
    let key_refresher = tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(1));
        loop {
            tick.tick().await;
            if let Err(e) = auth.issuer().reload().await {
                tracing::warn!(error = %e, "signing key refresh failed");
            }
        }
    });
    // Scheduled and queued work: every replica looks, one wins each run.
    let scheduler = state.runner.clone().spawn(config.scheduler_interval);
    // Stream deliveries from this replica's log, and the puts' audit summaries.
    let stream_loop = state.streams.clone().spawn(config.streams.sources);
    let streams = state.streams.clone();
    let search = state.search.clone();
    let app = router(state, &limits);
    let address = listener.local_addr()?;
    tracing::info!(%address, backend = store.backend().as_str(), "tarn is listening");
    // Without TCP_NODELAY small keep-alive responses can wait ~40 ms for delayed ACKs.
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await?;
    scheduler.abort();
    stream_loop.abort();
    streams.flush_summaries(true).await;
    drop(streams);
    trigger_ticks.abort();
    key_refresher.abort();
    follower.abort();
    let _ = follower.await;
    // Release the index's lock now, whoever still holds a handle to it.
    tokio::task::spawn_blocking(move || search.index().close()).await.ok();
    // The router (and with it every audit handle) is gone: let the writer drain its queue.
    if tokio::time::timeout(std::time::Duration::from_secs(10), audit_writer).await.is_err() {
        tracing::error!("the audit writer did not finish within 10 s");
    }
    store.close().await;
    tracing::info!("tarn stopped");
    Ok(())
}

/// Resolves on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown requested; finishing in-flight requests");
}
