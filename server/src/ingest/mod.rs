//! Streaming ingestion: the write-ahead log that makes an acknowledged record durable
//! ([`wal`]); delivery streams build on it.

pub mod wal;

#[cfg(test)]
mod wal_tests;
