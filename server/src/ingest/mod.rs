//! Streaming ingestion: the write-ahead log that makes an acknowledged record durable
//! ([`wal`]), a put request as the log keeps it ([`batch`]), a stream's requests waiting
//! for delivery ([`buffer`]), a buffer of records turned into a table's rows and error
//! rows ([`convert`]), a stream's SQL transform over them ([`transform`]) and its JSON-lines
//! output ([`lines`]). It knows the domain and Arrow, nothing else of ours; `service`
//! delivers what it produces through the governed write path.

pub mod batch;
pub mod buffer;
pub mod convert;
pub mod lines;
pub mod transform;
pub mod wal;

#[cfg(test)]
mod convert_tests;
#[cfg(test)]
mod wal_tests;

/// A replica's ingestion settings.
#[derive(Debug, Clone)]
pub struct StreamConfig {
    /// The log's folder (one per replica).
    pub dir: std::path::PathBuf,
    /// Undelivered bytes this replica holds (in memory, and in its log) before puts get 429.
    pub backlog_bytes: usize,
    pub wal: wal::WalOptions,
    /// Whether this replica runs the streams' pull sources (MQTT subscriptions): one
    /// replica should, so each subscription is held once.
    pub sources: bool,
}
