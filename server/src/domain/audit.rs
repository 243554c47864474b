//! Audit records and their hash chain: each record carries the SHA-256 of the previous one,
//! so editing or deleting any record breaks every link after it.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first record.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    Deny,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Allow => "allow",
            Self::Deny => "deny",
        }
    }
}

/// What happened, before it has a place in the chain.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub occurred_at: DateTime<Utc>,
    /// `user:alice`; for a failed login the name that was tried; `anonymous` without one.
    pub principal: String,
    pub client_addr: Option<String>,
    pub request_id: Option<String>,
    /// e.g. `table.get`, `grant.create`, `auth.token`.
    pub action: String,
    /// e.g. `sales.orders`.
    pub resource: String,
    pub decision: Decision,
    /// `ok`, or the error code (`not_found`, `forbidden`, `invalid_credentials`, ...).
    pub outcome: String,
    pub detail: serde_json::Value,
}

/// What a listing of the trail is filtered by.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub principal: Option<String>,
    pub action: Option<String>,
    pub decision: Option<Decision>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

/// An entry in the chain.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRecord {
    pub seq: i64,
    pub entry: AuditEntry,
    pub prev_hash: String,
    pub hash: String,
}

fn field(hasher: &mut Sha256, value: &str) {
    // Length-prefixed, so no two different records serialise to the same bytes.
    hasher.update((value.len() as u64).to_be_bytes());
    hasher.update(value.as_bytes());
}

/// The hash of a record: SHA-256 over its position, every field and the previous hash.
pub fn record_hash(seq: i64, entry: &AuditEntry, prev_hash: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(seq.to_be_bytes());
    hasher.update(entry.occurred_at.timestamp_micros().to_be_bytes());
    for value in [
        entry.principal.as_str(),
        entry.client_addr.as_deref().unwrap_or(""),
        entry.request_id.as_deref().unwrap_or(""),
        entry.action.as_str(),
        entry.resource.as_str(),
        entry.decision.as_str(),
        entry.outcome.as_str(),
        &entry.detail.to_string(),
        prev_hash,
    ] {
        field(&mut hasher, value);
    }
    let mut hex = String::with_capacity(64);
    for byte in hasher.finalize() {
        hex.push(char::from(HEX[usize::from(byte >> 4)]));
        hex.push(char::from(HEX[usize::from(byte & 15)]));
    }
    hex
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// The (seq, prev_hash, hash) of each of `entries` linked after (`seq`, `prev`).
pub fn links(mut seq: i64, mut prev: String, entries: &[&AuditEntry]) -> Vec<(i64, String, String)> {
    entries
        .iter()
        .map(|entry| {
            seq += 1;
            let hash = record_hash(seq, entry, &prev);
            (seq, std::mem::replace(&mut prev, hash.clone()), hash)
        })
        .collect()
}

/// Links `entries` after (`seq`, `hash`).
pub fn chain(mut seq: i64, mut prev: String, entries: Vec<AuditEntry>) -> Vec<AuditRecord> {
    entries
        .into_iter()
        .map(|entry| {
            seq += 1;
            let hash = record_hash(seq, &entry, &prev);
            AuditRecord { seq, entry, prev_hash: std::mem::replace(&mut prev, hash.clone()), hash }
        })
        .collect()
}

/// Where a chain breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub seq: i64,
    pub reason: String,
}

/// Checks `record` follows (`expected_seq - 1`, `prev_hash`) and carries its own hash.
pub fn check_link(record: &AuditRecord, expected_seq: i64, prev_hash: &str) -> Result<(), BrokenLink> {
    let broken = |reason: String| Err(BrokenLink { seq: record.seq, reason });
    if record.seq != expected_seq {
        return broken(format!("record {expected_seq} is missing (next present is {})", record.seq));
    }
    if record.prev_hash != prev_hash {
        return broken("prev_hash does not match the previous record's hash".to_owned());
    }
    if record_hash(record.seq, &record.entry, &record.prev_hash) != record.hash {
        return broken("the record's content does not match its hash (edited)".to_owned());
    }
    Ok(())
}
