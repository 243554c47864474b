//! Partitions: values for a table's partition keys, their order-preserving encoding, and
//! filter expressions typed against the keys.
//!
//! Each value is stored as text whose byte order is the value's order under its key's type
//! (a signed integer becomes 16 hex digits with the sign bit flipped), so typed comparisons
//! and keyset pagination are plain text comparisons that an index serves.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use super::data_type::DataType;
use super::partition_filter::{CompareOp, FilterExpr, Literal};
use super::table::{Column, Format, MAX_PARTITION_KEYS};
use super::{ValidationCode, ValidationError};

pub const MAX_BATCH: usize = 1_000;
pub const MAX_VALUE_LEN: usize = 1_024;

/// The encoded value slots of one partition; unused slots are empty.
pub type Slots = [String; MAX_PARTITION_KEYS];

#[derive(Debug, Clone, PartialEq)]
pub struct Partition {
    /// The values as given, one per partition key, in key order.
    pub values: Vec<String>,
    pub location: Option<String>,
    pub format: Option<Format>,
    pub parameters: BTreeMap<String, String>,
    pub created_at: DateTime<Utc>,
}

fn invalid_value(message: String) -> ValidationError {
    ValidationError::new(ValidationCode::InvalidPartitionValues, message)
}

fn encode_signed(v: i64) -> String {
    format!("{:016x}", (v as u64) ^ (1 << 63))
}

fn parse_timestamp_micros(raw: &str) -> Option<i64> {
    if let Ok(ts) = DateTime::parse_from_rfc3339(raw) {
        return Some(ts.timestamp_micros());
    }
    for pattern in ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M"] {
        if let Ok(ts) = NaiveDateTime::parse_from_str(raw, pattern) {
            return Some(ts.and_utc().timestamp_micros());
        }
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|ts| ts.and_utc().timestamp_micros())
}

fn int_bounds(data_type: &DataType) -> Option<(i128, i128)> {
    Some(match data_type {
        DataType::Int8 => (i8::MIN.into(), i8::MAX.into()),
        DataType::Int16 => (i16::MIN.into(), i16::MAX.into()),
        DataType::Int32 => (i32::MIN.into(), i32::MAX.into()),
        DataType::Int64 => (i64::MIN.into(), i64::MAX.into()),
        DataType::UInt8 => (0, u8::MAX.into()),
        DataType::UInt16 => (0, u16::MAX.into()),
        DataType::UInt32 => (0, u32::MAX.into()),
        DataType::UInt64 => (0, u64::MAX.into()),
        _ => return None,
    })
}

/// Encodes one value of a key of type `data_type`; `Err` names what was wrong.
pub fn encode_value(key: &Column, raw: &str) -> Result<String, ValidationError> {
    let fail = |what: &str| {
        invalid_value(format!(
            "value `{}` for partition key `{}` is not {what}",
            raw.chars().take(64).collect::<String>(),
            key.name
        ))
    };
    if raw.is_empty() {
        return Err(invalid_value(format!("partition key `{}` has an empty value", key.name)));
    }
    if raw.len() > MAX_VALUE_LEN {
        return Err(invalid_value(format!(
            "value for partition key `{}` is longer than {MAX_VALUE_LEN} bytes",
            key.name
        )));
    }
    if let Some((min, max)) = int_bounds(&key.data_type) {
        let v: i128 = raw.trim().parse().map_err(|_| fail("an integer"))?;
        if v < min || v > max {
            return Err(fail(&format!("within the range of {}", key.data_type)));
        }
        // Unsigned keys never hold negatives, so their plain hex already sorts.
        return Ok(if min == 0 { format!("{:016x}", v as u64) } else { encode_signed(v as i64) });
    }
    match &key.data_type {
        DataType::Bool => match raw.to_ascii_lowercase().as_str() {
            "true" | "1" => Ok("1".to_owned()),
            "false" | "0" => Ok("0".to_owned()),
            _ => Err(fail("a boolean")),
        },
        DataType::Utf8 | DataType::LargeUtf8 => Ok(raw.to_owned()),
        DataType::Date32 | DataType::Date64 => {
            let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| fail("a date (YYYY-MM-DD)"))?;
            let days = date.signed_duration_since(NaiveDate::default()).num_days();
            Ok(encode_signed(days))
        }
        DataType::Timestamp { .. } => parse_timestamp_micros(raw).map(encode_signed).ok_or_else(|| fail("a timestamp")),
        other => Err(invalid_value(format!("partition key `{}` has unsupported type {other}", key.name))),
    }
}

/// Encodes a full set of values: exactly one per key.
pub fn encode_values(keys: &[Column], values: &[String]) -> Result<Slots, ValidationError> {
    if keys.is_empty() {
        return Err(invalid_value("the table has no partition keys".to_owned()));
    }
    if values.len() != keys.len() {
        return Err(invalid_value(format!(
            "expected {} partition values ({}), got {}",
            keys.len(),
            keys.iter().map(|k| k.name.as_str()).collect::<Vec<_>>().join(", "),
            values.len()
        )));
    }
    let mut slots: Slots = Default::default();
    for (i, (key, raw)) in keys.iter().zip(values).enumerate() {
        slots[i] = encode_value(key, raw)?;
    }
    Ok(slots)
}

/// A filter whose keys are slot numbers and whose literals are encoded for those slots.
#[derive(Debug, Clone, PartialEq)]
pub enum SlotFilter {
    Compare { slot: usize, op: CompareOp, value: String },
    In { slot: usize, values: Vec<String>, negated: bool },
    Between { slot: usize, low: String, high: String, negated: bool },
    And(Box<SlotFilter>, Box<SlotFilter>),
    Or(Box<SlotFilter>, Box<SlotFilter>),
    Not(Box<SlotFilter>),
}

fn literal_text(literal: &Literal) -> String {
    match literal {
        Literal::String(s) | Literal::Number(s) => s.clone(),
        Literal::Bool(b) => b.to_string(),
    }
}

fn typed_filter_error(err: ValidationError) -> ValidationError {
    ValidationError::new(ValidationCode::InvalidFilter, err.message)
}

/// Types a parsed filter against the table's partition keys.
pub fn compile_filter(expr: &FilterExpr, keys: &[Column]) -> Result<SlotFilter, ValidationError> {
    let slot_of = |name: &str| {
        keys.iter().position(|k| k.name.as_str() == name).ok_or_else(|| {
            ValidationError::new(
                ValidationCode::InvalidFilter,
                format!("`{name}` is not a partition key of this table"),
            )
        })
    };
    let encode =
        |slot: usize, literal: &Literal| encode_value(&keys[slot], &literal_text(literal)).map_err(typed_filter_error);
    Ok(match expr {
        FilterExpr::Compare { key, op, value } => {
            let slot = slot_of(key)?;
            SlotFilter::Compare { slot, op: *op, value: encode(slot, value)? }
        }
        FilterExpr::In { key, values, negated } => {
            let slot = slot_of(key)?;
            let values = values.iter().map(|v| encode(slot, v)).collect::<Result<_, _>>()?;
            SlotFilter::In { slot, values, negated: *negated }
        }
        FilterExpr::Between { key, low, high, negated } => {
            let slot = slot_of(key)?;
            SlotFilter::Between { slot, low: encode(slot, low)?, high: encode(slot, high)?, negated: *negated }
        }
        FilterExpr::And(a, b) => {
            SlotFilter::And(Box::new(compile_filter(a, keys)?), Box::new(compile_filter(b, keys)?))
        }
        FilterExpr::Or(a, b) => SlotFilter::Or(Box::new(compile_filter(a, keys)?), Box::new(compile_filter(b, keys)?)),
        FilterExpr::Not(a) => SlotFilter::Not(Box::new(compile_filter(a, keys)?)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::names::ColumnName;

    fn key(name: &str, ty: DataType) -> Column {
        Column {
            name: ColumnName::parse(name).unwrap(),
            data_type: ty,
            nullable: false,
            description: None,
            sensitivity: None,
        }
    }

    #[test]
    fn integer_encoding_orders_numerically() {
        let k = key("year", DataType::Int32);
        let values = ["-5", "-1", "0", "9", "10", "2024"];
        let encoded: Vec<String> = values.iter().map(|v| encode_value(&k, v).unwrap()).collect();
        let mut sorted = encoded.clone();
        sorted.sort();
        assert_eq!(encoded, sorted);
        assert_eq!(encode_value(&k, "06").unwrap(), encode_value(&k, "6").unwrap());
    }

    #[test]
    fn dates_and_timestamps_order_in_time() {
        let d = key("dt", DataType::Date32);
        assert!(encode_value(&d, "1969-12-31").unwrap() < encode_value(&d, "1970-01-01").unwrap());
        assert!(encode_value(&d, "2024-01-31").unwrap() < encode_value(&d, "2024-02-01").unwrap());
        assert!(encode_value(&d, "2024-13-01").is_err());
    }

    #[test]
    fn rejects_values_of_the_wrong_type_or_range() {
        assert!(encode_value(&key("y", DataType::Int8), "200").is_err());
        assert!(encode_value(&key("y", DataType::UInt16), "-1").is_err());
        assert!(encode_value(&key("y", DataType::Int64), "abc").is_err());
        assert!(encode_value(&key("b", DataType::Bool), "maybe").is_err());
        assert!(encode_value(&key("s", DataType::Utf8), "").is_err());
    }

    #[test]
    fn value_count_must_match_keys() {
        let keys = [key("year", DataType::Int32), key("region", DataType::Utf8)];
        assert!(encode_values(&keys, &["2024".into()]).is_err());
        let slots = encode_values(&keys, &["2024".into(), "eu".into()]).unwrap();
        assert_eq!(slots[1], "eu");
        assert_eq!(slots[2], "");
    }
}
