//! Who is calling: the authenticated principal and the privileges it may ask for.

use std::fmt;

/// The kind of a principal, as written in grants (`user:alice`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PrincipalKind {
    User,
    Group,
    Service,
}

impl PrincipalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Group => "group",
            Self::Service => "service",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "user" => Some(Self::User),
            "group" => Some(Self::Group),
            "service" => Some(Self::Service),
            _ => None,
        }
    }
}

/// An authenticated caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub id: String,
    pub kind: PrincipalKind,
    pub name: String,
}

impl fmt::Display for Principal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind.as_str(), self.name)
    }
}

/// Lake Formation's privilege vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Privilege {
    CreateDatabase,
    CreateTable,
    Alter,
    Drop,
    Describe,
    Select,
    Insert,
    Delete,
    DataLocationAccess,
    All,
}

impl Privilege {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CreateDatabase => "CREATE_DATABASE",
            Self::CreateTable => "CREATE_TABLE",
            Self::Alter => "ALTER",
            Self::Drop => "DROP",
            Self::Describe => "DESCRIBE",
            Self::Select => "SELECT",
            Self::Insert => "INSERT",
            Self::Delete => "DELETE",
            Self::DataLocationAccess => "DATA_LOCATION_ACCESS",
            Self::All => "ALL",
        }
    }
}

impl Privilege {
    pub const EVERY: [Privilege; 10] = [
        Self::CreateDatabase,
        Self::CreateTable,
        Self::Alter,
        Self::Drop,
        Self::Describe,
        Self::Select,
        Self::Insert,
        Self::Delete,
        Self::DataLocationAccess,
        Self::All,
    ];

    pub fn parse(s: &str) -> Option<Self> {
        Self::EVERY.into_iter().find(|p| p.as_str().eq_ignore_ascii_case(s))
    }
}

/// A resource a privilege applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resource {
    Catalog,
    Database(String),
    Table {
        database: String,
        table: String,
    },
    /// A column named in a query, outside what the caller may read.
    Column(String),
    Location(String),
}

impl Resource {
    /// The one spelling of a resource in audit records and events: `catalog`,
    /// `database:sales`, `table:sales.orders`, `location:s3://...` (as grant keys spell them).
    pub fn key(&self) -> String {
        match self {
            Self::Catalog => "catalog".to_owned(),
            Self::Database(db) => format!("database:{db}"),
            Self::Table { database, table } => format!("table:{database}.{table}"),
            Self::Column(name) => format!("column:{name}"),
            Self::Location(uri) => format!("location:{uri}"),
        }
    }
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Catalog => f.write_str("catalog"),
            Self::Database(db) => write!(f, "database {db}"),
            Self::Table { database, table } => write!(f, "table {database}.{table}"),
            Self::Column(name) => write!(f, "column {name}"),
            Self::Location(uri) => write!(f, "location {uri}"),
        }
    }
}
