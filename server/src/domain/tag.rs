//! Tags (Lake Formation's LF-Tags): keys with allowed values, attached to databases, tables
//! and columns. A column inherits its table's tags, a table its database's, unless it sets
//! the same key itself.

use std::collections::{BTreeMap, BTreeSet};

use super::grant::TagConditions;
use super::{ValidationCode, ValidationError};

pub const MAX_VALUES: usize = 1_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagKey {
    pub key: String,
    pub allowed_values: BTreeSet<String>,
    pub description: Option<String>,
    pub created_by: String,
}

/// Tags set on one resource: key -> value.
pub type Tags = BTreeMap<String, String>;

fn valid_token(s: &str) -> bool {
    !s.is_empty() && s.len() <= 128 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"_-.:/ ".contains(&b))
}

pub fn validate_key(key: &str) -> Result<(), ValidationError> {
    let ok = key.len() <= 128
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !ok {
        return Err(ValidationError::new(ValidationCode::InvalidName, format!("invalid tag key `{key}`")));
    }
    Ok(())
}

pub fn validate_values(values: &BTreeSet<String>) -> Result<(), ValidationError> {
    if values.is_empty() || values.len() > MAX_VALUES {
        return Err(ValidationError::new(
            ValidationCode::InvalidRequest,
            format!("a tag key has between 1 and {MAX_VALUES} allowed values"),
        ));
    }
    match values.iter().find(|v| !valid_token(v)) {
        Some(v) => Err(ValidationError::new(ValidationCode::InvalidRequest, format!("invalid tag value `{v}`"))),
        None => Ok(()),
    }
}

/// Tags of a child resource over those of its parent.
pub fn inherit(parent: &Tags, own: Option<&Tags>) -> Tags {
    let mut merged = parent.clone();
    if let Some(own) = own {
        merged.extend(own.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    merged
}

/// Does a resource with `tags` match every condition?
pub fn matches(conditions: &TagConditions, tags: &Tags) -> bool {
    conditions.iter().all(|(key, values)| tags.get(key).is_some_and(|v| values.contains(v)))
}
