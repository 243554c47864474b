//! The one integration-test binary. Every test runs the real server on a port-0 listener
//! and talks real HTTP to it, against SQLite and, when `TARN_TEST_DATABASE_URL` names a
//! PostgreSQL server, against a fresh PostgreSQL database too. The tree follows the URLs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod api;
mod cli;
mod clients;
mod crash;
mod events;
mod jobs;
mod ops;
mod policies;
mod readme;
mod store;
mod stream_crash;
mod stream_delivery;
mod stream_mqtt;
mod support;
mod write_stream;
mod writes;
