//! A table's definition: zone, format, columns, partition keys and business metadata.
//! The definition is what a table version snapshots.

use std::collections::{BTreeMap, HashSet};
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::data_type::DataType;
use super::names::{ColumnName, TableName};
use super::{ValidationCode, ValidationError};

pub const MAX_COLUMNS: usize = 5_000;
pub const MAX_PARTITION_KEYS: usize = 10;
pub const MAX_TEXT_LEN: usize = 8_192;
pub const MAX_PROPERTIES: usize = 200;

/// The lake zone a table lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Zone {
    #[default]
    Raw,
    Cleaned,
    Curated,
}

impl Zone {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Raw => "raw",
            Self::Cleaned => "cleaned",
            Self::Curated => "curated",
        }
    }
}

/// The storage format of a table's (or a partition's) files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Parquet,
    Csv,
    Json,
    Avro,
    Orc,
    Text,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Parquet => "parquet",
            Self::Csv => "csv",
            Self::Json => "json",
            Self::Avro => "avro",
            Self::Orc => "orc",
            Self::Text => "text",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    #[serde(with = "name_text")]
    pub name: ColumnName,
    #[serde(with = "type_text")]
    pub data_type: DataType,
    pub nullable: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A business label such as `public`, `internal` or `pii`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<String>,
}

/// Business attributes: who answers for the data and what it means.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Business {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steward: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub properties: BTreeMap<String, String>,
}

/// Everything about a table that is versioned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableDefinition {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub zone: Zone,
    pub format: Format,
    #[serde(default)]
    pub format_options: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    pub columns: Vec<Column>,
    #[serde(default)]
    pub partition_keys: Vec<Column>,
    #[serde(default)]
    pub business: Business,
}

/// A table as stored: its identity plus the current definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub id: String,
    pub database: String,
    pub name: TableName,
    pub version: i64,
    pub definition: TableDefinition,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One immutable version of a table's definition.
#[derive(Debug, Clone, PartialEq)]
pub struct TableVersion {
    pub version: i64,
    pub author: String,
    pub created_at: DateTime<Utc>,
    pub definition: TableDefinition,
    pub summary: String,
}

fn invalid(code: ValidationCode, message: String) -> ValidationError {
    ValidationError::new(code, message)
}

fn check_text(field: &str, value: Option<&String>) -> Result<(), ValidationError> {
    match value {
        Some(v) if v.len() > MAX_TEXT_LEN => {
            Err(invalid(ValidationCode::InvalidRequest, format!("{field} is longer than {MAX_TEXT_LEN} bytes")))
        }
        _ => Ok(()),
    }
}

fn check_map(field: &str, map: &BTreeMap<String, String>) -> Result<(), ValidationError> {
    if map.len() > MAX_PROPERTIES {
        return Err(invalid(ValidationCode::InvalidRequest, format!("{field} has more than {MAX_PROPERTIES} entries")));
    }
    for (k, v) in map {
        if k.is_empty() || k.len() > 256 {
            return Err(invalid(ValidationCode::InvalidRequest, format!("{field} keys must be 1 to 256 bytes long")));
        }
        check_text(field, Some(v))?;
    }
    Ok(())
}

impl TableDefinition {
    /// Checks the rules a definition must keep whatever the API call that produced it.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check_text("description", self.description.as_ref())?;
        check_text("location", self.location.as_ref())?;
        check_map("format_options", &self.format_options)?;
        check_map("business.properties", &self.business.properties)?;
        for (field, value) in [
            ("business.owner", &self.business.owner),
            ("business.steward", &self.business.steward),
            ("business.domain", &self.business.domain),
            ("business.classification", &self.business.classification),
        ] {
            check_text(field, value.as_ref())?;
        }
        if self.columns.len() > MAX_COLUMNS {
            return Err(invalid(ValidationCode::InvalidRequest, format!("a table has at most {MAX_COLUMNS} columns")));
        }
        if self.partition_keys.len() > MAX_PARTITION_KEYS {
            return Err(invalid(
                ValidationCode::InvalidPartitionKeys,
                format!("a table has at most {MAX_PARTITION_KEYS} partition keys"),
            ));
        }
        let mut seen = HashSet::new();
        for column in self.columns.iter().chain(&self.partition_keys) {
            if !seen.insert(column.name.as_str()) {
                return Err(invalid(
                    ValidationCode::DuplicateColumn,
                    format!("column `{}` appears more than once", column.name),
                ));
            }
            check_text("column description", column.description.as_ref())?;
            check_text("column sensitivity", column.sensitivity.as_ref())?;
        }
        for key in &self.partition_keys {
            if !key.data_type.is_partition_key_type() {
                return Err(invalid(
                    ValidationCode::InvalidPartitionKeys,
                    format!(
                        "partition key `{}` has type {}; partition keys must be bool, an integer, \
                         utf8, a date or a timestamp",
                        key.name, key.data_type
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// Serde for names as plain strings, validated on the way in.
mod name_text {
    use super::*;

    pub fn serialize<S: Serializer>(name: &ColumnName, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(name.as_str())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ColumnName, D::Error> {
        let text = String::deserialize(d)?;
        ColumnName::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Serde for data types in their canonical text form (`decimal(10,2)`).
mod type_text {
    use super::*;

    pub fn serialize<S: Serializer>(data_type: &DataType, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&data_type.to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DataType, D::Error> {
        let text = String::deserialize(d)?;
        DataType::from_str(&text).map_err(serde::de::Error::custom)
    }
}
