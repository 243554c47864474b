//! Tarn: a self-hosted data lake catalog and governance server.
//!
//! Module map. Arrows point one way; a module never imports one to its left.
//!
//! ```text
//!   http  ->  service  ->  { audit, authz, authn, events, jobs, search, store, storage, crawl, process, query, ingest }  ->  domain
//!                          (audit, authz, events and jobs read and write through store;
//!                           authz subscribes its policy cache to events; service registers
//!                           job handlers (crawls, pipelines) with jobs and runs stream
//!                           deliveries on a loop of each replica's own; process plans
//!                           pipeline steps in query's sessions; search
//!                           knows neither store nor authz: service feeds it and gates it;
//!                           crawl and query read the lake through storage; they take
//!                           capabilities from authz::capability, the only way to reach
//!                           lake data; query gets a table's files from service)
//! ```
//!
//! - [`domain`]: the vocabulary (names, Arrow types, databases, tables, partitions,
//!   principals). Imports nothing of ours.
//! - [`events`]: the one follower of the typed event stream (the outbox): cursor, holes,
//!   catch-up; feeds its subscribers (search index, policy cache, triggers) in order.
//! - [`jobs`]: the one job runner: leases in the store, cron schedules, retries with backoff
//!   and jitter, timeouts, cancellation and run records; crawls run on it.
//! - [`store`]: the metadata store (SQLite or PostgreSQL via sqlx, SQL built by sea-query),
//!   one module per aggregate, plus the outbox.
//! - [`authn`]: password hashes and signed tokens.
//! - [`authz`]: the one decision point: data-plane privileges on an indexed in-memory policy
//!   snapshot kept fresh from the store, management-plane roles through casbin
//!   (`policies/roles.conf`), visibility filters and column redaction, and the capabilities
//!   that reach data. It records every decision in the audit trail itself, for requests and
//!   for background work alike.
//! - [`search`]: the Tantivy index of databases, tables and columns, its query language, and
//!   permission-filtered search through a caller's gate.
//! - [`storage`]: the lake in object storage (local folder or S3): zones, object paths,
//!   staged uploads, encryption at rest.
//! - [`crawl`]: format detection and schema inference of lake files, and the scan of a
//!   crawler's location (new or changed objects only); `service` turns a scan into tables.
//! - [`process`]: pipelines planned as DataFusion plans over a query session of secured
//!   tables: step order and cycles, transforms and data-quality rules as SQL, quarantine,
//!   and column lineage read off the plans. `service` runs the plans and writes the output.
//! - [`query`]: SQL with DataFusion over tables built from `ReadTable` capabilities: only
//!   granted columns exist, row filters run inside an opaque scan before the query's own
//!   predicates; only queries are accepted; execution (`query::execution`) yields record
//!   batches or encoded chunks (JSON, CSV, Arrow, Parquet) under a deadline and a cancel
//!   token, for HTTP responses and pipeline steps alike. `service` holds no DataFusion types.
//! - [`ingest`]: streaming ingestion's write-ahead log (group-committed fsyncs, replay after
//!   a crash, segments released once delivered), a put request as the log keeps it, a
//!   stream's buffer, and JSON records converted into a table's rows and error rows; it knows
//!   the domain and nothing else of ours. `service` delivers buffers through the governed
//!   write path (`service::stream_delivery`), on a per-replica loop: a buffer lives in one
//!   replica's memory and log, so the shared job runner could not run its delivery.
//! - [`audit`]: the hash-chained audit trail, its batched writer and per-request context.
//! - [`service`]: use cases: validate, authorize, transact, write, record the outbox event.
//!   One small service per noun (databases, tables, partitions, tags, grants, data filters,
//!   principals, roles, files, crawlers, streams, queries, credentials, audit), each over the shared
//!   `service::core::Core` (store, authorizer, paging) and each with its own error enum
//!   beside the shared `ServiceError`; `http` maps every one to a problem document.
//! - [`http`]: routes, extractors, problem documents, metrics, the OpenAPI document.
//! - [`config`], [`telemetry`], [`server`]: start-up wiring.
//! - [`cli`]: the `tarn` client commands; they speak HTTP to a server and import nothing above.
#![forbid(unsafe_code)]

pub mod audit;
pub mod authn;
pub mod authz;
pub mod cli;
pub mod config;
pub mod crawl;
pub mod domain;
pub mod events;
pub mod http;
pub mod ingest;
pub mod jobs;
pub mod process;
pub mod query;
pub mod search;
pub mod server;
pub mod service;
pub mod storage;
pub mod store;
pub mod telemetry;
