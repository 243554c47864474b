//! One put request as it is kept in the log: its arrival time, its idempotency key, the
//! records accepted and the ones refused before they reached the log. One entry per request,
//! under one checksum, so a request is in the log whole or not at all, and its answer can be
//! rebuilt from the log alone (a retry with the same key after a restart gets it again).
//!
//! Layout (little-endian): `version (u8) | arrival micros (i64) | key length (u16) | key |
//! refused count (u32) | (index (u32), reason (u8))* | record count (u32) | (index (u32),
//! length (u32), bytes)*`.

use bytes::{Buf, BufMut, Bytes, BytesMut};
use chrono::{DateTime, Utc};

const VERSION: u8 = 1;

/// Why a record was refused at the door (it never reached the log).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    TooLarge,
    InvalidBase64,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Self::TooLarge => "record_too_large",
            Self::InvalidBase64 => "invalid_base64",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Self::TooLarge => "the record is larger than 1,000 KiB",
            Self::InvalidBase64 => "the record's data is not valid base64",
        }
    }

    fn tag(self) -> u8 {
        match self {
            Self::TooLarge => 1,
            Self::InvalidBase64 => 2,
        }
    }

    fn from_tag(tag: u8) -> Option<Self> {
        match tag {
            1 => Some(Self::TooLarge),
            2 => Some(Self::InvalidBase64),
            _ => None,
        }
    }
}

/// A put request, accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    pub arrival: DateTime<Utc>,
    pub key: Option<String>,
    /// (index in the request, why)
    pub refused: Vec<(u32, Refusal)>,
    /// (index in the request, the record's bytes)
    pub records: Vec<(u32, Bytes)>,
}

impl Batch {
    /// How many records the request had.
    pub fn len(&self) -> usize {
        self.refused.len() + self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn record_bytes(&self) -> usize {
        self.records.iter().map(|(_, r)| r.len()).sum()
    }

    pub fn encode(&self) -> Bytes {
        let key = self.key.as_deref().unwrap_or("");
        let mut out = BytesMut::with_capacity(32 + key.len() + self.record_bytes() + 8 * self.len());
        out.put_u8(VERSION);
        out.put_i64_le(self.arrival.timestamp_micros());
        out.put_u16_le(key.len() as u16);
        out.put_slice(key.as_bytes());
        out.put_u32_le(self.refused.len() as u32);
        for (index, why) in &self.refused {
            out.put_u32_le(*index);
            out.put_u8(why.tag());
        }
        out.put_u32_le(self.records.len() as u32);
        for (index, record) in &self.records {
            out.put_u32_le(*index);
            out.put_u32_le(record.len() as u32);
            out.put_slice(record);
        }
        out.freeze()
    }

    /// The batch `bytes` holds; `None` when they are not one (the log's checksum passed, so
    /// only a newer, unknown layout gets here).
    pub fn decode(mut bytes: Bytes) -> Option<Self> {
        if bytes.remaining() < 15 || bytes.get_u8() != VERSION {
            return None;
        }
        let arrival = DateTime::from_timestamp_micros(bytes.get_i64_le())?;
        let key_len = usize::from(bytes.get_u16_le());
        if bytes.remaining() < key_len + 4 {
            return None;
        }
        let key = String::from_utf8(bytes.split_to(key_len).to_vec()).ok().filter(|k| !k.is_empty());
        let refused_count = bytes.get_u32_le() as usize;
        if bytes.remaining() < refused_count * 5 + 4 {
            return None;
        }
        let mut refused = Vec::with_capacity(refused_count);
        for _ in 0..refused_count {
            let index = bytes.get_u32_le();
            refused.push((index, Refusal::from_tag(bytes.get_u8())?));
        }
        let count = bytes.get_u32_le() as usize;
        let mut records = Vec::with_capacity(count.min(1024));
        for _ in 0..count {
            if bytes.remaining() < 8 {
                return None;
            }
            let index = bytes.get_u32_le();
            let len = bytes.get_u32_le() as usize;
            if bytes.remaining() < len {
                return None;
            }
            records.push((index, bytes.split_to(len)));
        }
        Some(Self { arrival, key, refused, records })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_reads_back_as_it_was_written() {
        let batch = Batch {
            arrival: DateTime::from_timestamp_micros(1_780_000_000_123_456).unwrap(),
            key: Some("batch-7".into()),
            refused: vec![(1, Refusal::InvalidBase64), (3, Refusal::TooLarge)],
            records: vec![(0, Bytes::from_static(b"{\"a\":1}")), (2, Bytes::new())],
        };
        assert_eq!(Batch::decode(batch.encode()), Some(batch.clone()));
        let unkeyed = Batch { key: None, ..batch };
        assert_eq!(Batch::decode(unkeyed.encode()), Some(unkeyed));
        assert_eq!(Batch::decode(Bytes::from_static(b"\x09garbage-garbage")), None);
    }

    #[test]
    fn a_cut_batch_is_not_read_as_a_shorter_one() {
        let batch = Batch {
            arrival: Utc::now(),
            key: None,
            refused: vec![],
            records: vec![(0, Bytes::from_static(b"{\"a\":1}"))],
        };
        let full = batch.encode();
        assert_eq!(Batch::decode(full.slice(..full.len() - 1)), None);
    }
}
