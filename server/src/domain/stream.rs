//! Delivery streams: records put over HTTP (or pulled from an MQTT topic), made durable in a
//! write-ahead log, buffered, and delivered into a table as files, as Firehose does.

use chrono::{DateTime, Datelike, Timelike, Utc};
use serde::{Deserialize, Serialize};

use super::{ValidationCode, ValidationError};

/// PutRecordBatch's limits, as Firehose has them.
pub const MAX_RECORDS_PER_PUT: usize = 500;
pub const MAX_PUT_BYTES: usize = 4 << 20;
pub const MAX_RECORD_BYTES: usize = 1000 << 10;
/// Partition keys filled from the record's time (arrival, or its `timestamp_field`), coarse to fine.
pub const TIME_KEYS: [&str; 4] = ["year", "month", "day", "hour"];

pub fn invalid(message: impl Into<String>) -> ValidationError {
    ValidationError::new(ValidationCode::InvalidRequest, message)
}

/// When a buffer is delivered: whichever comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Buffering {
    pub size_mib: u32,
    pub interval_seconds: u32,
}

impl Default for Buffering {
    fn default() -> Self {
        Self { size_mib: 5, interval_seconds: 60 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Compression {
    #[default]
    Gzip,
    Zstd,
}

/// How delivered files are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case", tag = "format")]
pub enum Output {
    /// Converted by the table's schema (the default).
    #[default]
    Parquet,
    /// The records as they came, one per line, compressed.
    JsonLines { compression: Compression },
}

/// What a stream is, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StreamDefinition {
    pub database: String,
    pub table: String,
    #[serde(default)]
    pub buffering: Buffering,
    #[serde(default)]
    pub output: Output,
    /// The record field whose time fills the time partition keys; arrival time when absent.
    #[serde(default)]
    pub timestamp_field: Option<String>,
    pub max_active_partitions: u32,
    /// A `SELECT ... FROM records` applied to each buffer before it is written.
    #[serde(default)]
    pub transform: Option<String>,
    /// The table (same database) that keeps the records that could not be delivered.
    pub error_table: String,
    /// An MQTT topic the stream subscribes to (QoS 1).
    #[serde(default)]
    pub mqtt: Option<MqttSource>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MqttSource {
    /// `mqtt://host:port`
    pub url: String,
    pub topic: String,
}

impl StreamDefinition {
    pub fn validate(&self) -> Result<(), ValidationError> {
        let Buffering { size_mib, interval_seconds } = self.buffering;
        if !(1..=128).contains(&size_mib) {
            return Err(invalid(format!("buffering.size_mib is {size_mib}; it must be 1 to 128")));
        }
        if interval_seconds > 900 {
            return Err(invalid(format!("buffering.interval_seconds is {interval_seconds}; it must be 0 to 900")));
        }
        if self.max_active_partitions == 0 || self.max_active_partitions > 100_000 {
            return Err(invalid("max_active_partitions must be 1 to 100000"));
        }
        if self.error_table == self.table {
            return Err(invalid("the error table must not be the target table"));
        }
        if let Some(m) = &self.mqtt {
            if !m.url.starts_with("mqtt://") {
                return Err(invalid(format!("mqtt.url `{}` must be mqtt://host:port", m.url)));
            }
            if m.topic.is_empty() {
                return Err(invalid("mqtt.topic must not be empty"));
            }
        }
        Ok(())
    }

    pub fn buffer_bytes(&self) -> usize {
        (self.buffering.size_mib as usize) << 20
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stream {
    pub id: String,
    pub name: String,
    pub definition: StreamDefinition,
    /// The principal deliveries are written as: the stream's creator.
    pub owner_id: String,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
}

/// The value of time key `key` at `at`, as Firehose's `!{timestamp:yyyy}` prefixes write it.
pub fn time_key_value(key: &str, at: DateTime<Utc>) -> Option<String> {
    Some(match key {
        "year" => format!("{:04}", at.year()),
        "month" => format!("{:02}", at.month()),
        "day" => format!("{:02}", at.day()),
        "hour" => format!("{:02}", at.hour()),
        _ => return None,
    })
}

/// Why a record was not delivered into the table (the error table's `error_kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordFailure {
    /// Not JSON.
    Parse,
    /// JSON that does not fit the table's schema (missing required fields, wrong types).
    Conversion,
    /// Its partition field is missing or null.
    Partition,
    /// A new partition beyond the stream's active-partition limit.
    PartitionLimit,
    /// The stream's transform refused or failed on it.
    Transform,
}

impl RecordFailure {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Parse => "parse",
            Self::Conversion => "conversion",
            Self::Partition => "partition",
            Self::PartitionLimit => "partition_limit",
            Self::Transform => "transform",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn definition() -> StreamDefinition {
        StreamDefinition {
            database: "web".into(),
            table: "clicks".into(),
            buffering: Buffering::default(),
            output: Output::Parquet,
            timestamp_field: None,
            max_active_partitions: 5000,
            transform: None,
            error_table: "clicks_errors".into(),
            mqtt: None,
        }
    }

    #[test]
    fn buffering_hints_are_bounded_as_firehose_bounds_them() {
        assert!(definition().validate().is_ok());
        for (size, interval, ok) in [(0, 60, false), (129, 60, false), (128, 900, true), (1, 901, false), (1, 0, true)]
        {
            let mut d = definition();
            d.buffering = Buffering { size_mib: size, interval_seconds: interval };
            assert_eq!(d.validate().is_ok(), ok, "{size} MiB, {interval} s");
        }
        let mut d = definition();
        d.error_table = "clicks".into();
        assert!(d.validate().is_err());
    }

    #[test]
    fn time_keys_are_zero_padded() {
        let at = DateTime::parse_from_rfc3339("2026-03-04T05:06:07Z").unwrap().with_timezone(&Utc);
        let values: Vec<String> = TIME_KEYS.iter().filter_map(|k| time_key_value(k, at)).collect();
        assert_eq!(values, ["2026", "03", "04", "05"]);
        assert_eq!(time_key_value("region", at), None);
    }

    #[test]
    fn output_is_tagged_by_format() {
        let json = serde_json::to_value(Output::JsonLines { compression: Compression::Zstd }).unwrap();
        assert_eq!(json, serde_json::json!({"format": "json_lines", "compression": "zstd"}));
        assert_eq!(serde_json::to_value(Output::Parquet).unwrap(), serde_json::json!({"format": "parquet"}));
    }
}
