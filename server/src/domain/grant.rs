//! Grants: who holds which privilege on which resource, with which columns.
//!
//! A grant on a container applies to everything inside it (catalog > database > table >
//! column), so `SELECT` on database `sales` covers its tables, including future ones, as Lake
//! Formation's table wildcard does. Tag-expression grants cover every resource whose tags
//! match, whenever it was created.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};

use super::names::{ColumnName, DatabaseName, TableName};
use super::principal::Privilege;
use super::{ValidationCode, ValidationError};

/// What a tag expression selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TagResourceType {
    Database,
    Table,
}

impl TagResourceType {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Database => "database",
            Self::Table => "table",
        }
    }
}

/// `{key: [allowed values]}`: matches a resource whose tag for every key is one of the values.
pub type TagConditions = BTreeMap<String, BTreeSet<String>>;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GrantResource {
    Catalog,
    Database(String),
    Table { database: String, table: String },
    DataFilter { database: String, table: String, name: String },
    Location(String),
    TagExpression { resource_type: TagResourceType, tags: TagConditions },
}

impl GrantResource {
    /// The canonical key grants are stored and looked up under.
    pub fn key(&self) -> String {
        match self {
            Self::Catalog => "catalog".to_owned(),
            Self::Database(db) => database_key(db),
            Self::Table { database, table } => table_key(database, table),
            Self::DataFilter { database, table, name } => format!("data_filter:{database}.{table}.{name}"),
            Self::Location(uri) => format!("location:{uri}"),
            Self::TagExpression { resource_type, tags } => {
                let parts: Vec<String> = tags
                    .iter()
                    .map(|(k, vs)| format!("{k}={}", vs.iter().cloned().collect::<Vec<_>>().join("|")))
                    .collect();
                format!("tags:{}:{}", resource_type.as_str(), parts.join(","))
            }
        }
    }

    /// Checks names and that the privilege makes sense on this kind of resource.
    pub fn validate(&self, privilege: Privilege, columns: &ColumnScope) -> Result<(), ValidationError> {
        use Privilege::*;
        let invalid = |m: String| ValidationError::new(ValidationCode::InvalidRequest, m);
        match self {
            Self::Database(db) => {
                DatabaseName::parse(db)?;
            }
            Self::Table { database, table } | Self::DataFilter { database, table, .. } => {
                DatabaseName::parse(database)?;
                TableName::parse(table)?;
            }
            Self::Location(uri) if uri.is_empty() || uri.len() > 2048 || !uri.contains("://") => {
                return Err(invalid("a location is a URI such as s3://bucket/prefix/".into()));
            }
            Self::TagExpression { tags, .. } if tags.is_empty() || tags.values().any(BTreeSet::is_empty) => {
                return Err(invalid("a tag expression needs at least one key with at least one value".into()));
            }
            _ => {}
        }
        let allowed: &[Privilege] = match self {
            Self::Catalog => &[CreateDatabase, CreateTable, Alter, Drop, Describe, Select, Insert, Delete, All],
            Self::Database(_) | Self::TagExpression { resource_type: TagResourceType::Database, .. } => {
                &[CreateTable, Alter, Drop, Describe, Select, Insert, Delete, All]
            }
            Self::Table { .. } | Self::TagExpression { resource_type: TagResourceType::Table, .. } => {
                &[Alter, Drop, Describe, Select, Insert, Delete, All]
            }
            Self::DataFilter { .. } => &[Select, Describe],
            Self::Location(_) => &[DataLocationAccess],
        };
        if !allowed.contains(&privilege) {
            return Err(invalid(format!("{} cannot be granted on this kind of resource", privilege.as_str())));
        }
        let columns_fit =
            matches!(columns, ColumnScope::All) || (matches!(self, Self::Table { .. }) && privilege == Select);
        if !columns_fit {
            return Err(invalid("column lists only go with SELECT on a table".into()));
        }
        Ok(())
    }
}

pub fn database_key(database: &str) -> String {
    format!("database:{database}")
}

pub fn table_key(database: &str, table: &str) -> String {
    format!("table:{database}.{table}")
}

/// Which columns of a table a SELECT grant covers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum ColumnScope {
    #[default]
    All,
    Include(BTreeSet<String>),
    /// Every column but these, including columns added later.
    Exclude(BTreeSet<String>),
}

impl ColumnScope {
    pub fn kind(&self) -> &'static str {
        match self {
            Self::All => "all",
            Self::Include(_) => "include",
            Self::Exclude(_) => "exclude",
        }
    }

    pub fn columns(&self) -> Vec<String> {
        match self {
            Self::All => Vec::new(),
            Self::Include(c) | Self::Exclude(c) => c.iter().cloned().collect(),
        }
    }

    pub fn from_parts(kind: &str, columns: Vec<String>) -> Option<Self> {
        let set: BTreeSet<String> = columns.into_iter().collect();
        match kind {
            "all" => Some(Self::All),
            "include" => Some(Self::Include(set)),
            "exclude" => Some(Self::Exclude(set)),
            _ => None,
        }
    }

    /// Checks every named column is a valid name; `Include` needs at least one.
    pub fn validate(&self) -> Result<(), ValidationError> {
        match self {
            Self::All => Ok(()),
            Self::Include(c) if c.is_empty() => {
                Err(ValidationError::new(ValidationCode::InvalidRequest, "an include list names at least one column"))
            }
            Self::Include(c) | Self::Exclude(c) => c.iter().try_for_each(|n| ColumnName::parse(n).map(|_| ())),
        }
    }

    /// Does this scope cover `column`?
    pub fn covers(&self, column: &str) -> bool {
        match self {
            Self::All => true,
            Self::Include(c) => c.contains(column),
            Self::Exclude(c) => !c.contains(column),
        }
    }
}

/// A stored grant.
#[derive(Debug, Clone, PartialEq)]
pub struct Grant {
    pub id: String,
    pub principal_id: String,
    pub resource: GrantResource,
    pub privilege: Privilege,
    pub columns: ColumnScope,
    pub grantable: bool,
    pub granted_by: String,
    pub created_at: DateTime<Utc>,
}
