//! Tarn: a self-hosted data lake catalog and governance server.
//!
//! Module map. Arrows point one way; a module never imports one to its left.
//!
//! ```text
//!   http  ->  service  ->  { authz, authn, store }  ->  domain
//! ```
//!
//! - [`domain`]: the vocabulary (names, Arrow types, databases, tables, partitions,
//!   principals). Imports nothing of ours.
//! - [`store`]: the metadata store (SQLite or PostgreSQL via sqlx, SQL built by sea-query),
//!   one module per aggregate, plus the outbox.
//! - [`authn`]: password hashes and signed tokens.
//! - [`authz`]: authorization decisions; every check is an `authz.require` in `service`.
//! - [`service`]: use cases: validate, authorize, transact, write, record the outbox event.
//! - [`http`]: routes, extractors, problem documents, metrics, the OpenAPI document.
//! - [`config`], [`telemetry`], [`server`]: start-up wiring.
#![forbid(unsafe_code)]

pub mod authn;
pub mod authz;
pub mod config;
pub mod domain;
pub mod http;
pub mod server;
pub mod service;
pub mod store;
pub mod telemetry;
