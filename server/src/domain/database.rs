//! A database: the top-level namespace of tables.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::names::DatabaseName;

#[derive(Debug, Clone, PartialEq)]
pub struct Database {
    pub id: String,
    pub name: DatabaseName,
    pub description: Option<String>,
    pub location: Option<String>,
    pub parameters: BTreeMap<String, String>,
    /// The principal that created the database and owns it.
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The fields a PATCH may change; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct DatabasePatch {
    pub description: Option<Option<String>>,
    pub location: Option<Option<String>>,
    pub parameters: Option<BTreeMap<String, String>>,
}

impl Database {
    pub fn apply(&mut self, patch: DatabasePatch) {
        if let Some(description) = patch.description {
            self.description = description;
        }
        if let Some(location) = patch.location {
            self.location = location;
        }
        if let Some(parameters) = patch.parameters {
            self.parameters = parameters;
        }
    }
}
