//! Capabilities: values that prove an authorization check passed. They are the only way to
//! reach data in the lake (`storage` takes one for every read and write), and only this module
//! makes them, after the check.

use super::decide::{RowAccess, Target};
use super::snapshot::Snapshot;
use super::{Authorizer, Denied, resource_of};
use crate::domain::grant::GrantResource;
use crate::domain::principal::{Principal, Privilege, Resource};

/// May write files into one table's folder.
#[derive(Debug, Clone)]
pub struct WriteFiles {
    location: String,
    table: String,
}

impl WriteFiles {
    /// The table's folder (a URI).
    pub fn location(&self) -> &str {
        &self.location
    }

    /// `database.table`.
    pub fn table(&self) -> &str {
        &self.table
    }
}

/// May list and read objects under one location.
#[derive(Debug, Clone)]
pub struct ReadLocation {
    location: String,
}

impl ReadLocation {
    pub fn location(&self) -> &str {
        &self.location
    }
}

/// `uri` as a folder: a location grant on `s3://b/raw` covers `s3://b/raw/x` but not `s3://b/rawx`.
fn folder(uri: &str) -> String {
    if uri.ends_with('/') { uri.to_owned() } else { format!("{uri}/") }
}

/// Whether `principal` holds DATA_LOCATION_ACCESS on `uri` or a folder above it.
pub fn covers_location(snapshot: &Snapshot, principal: &Principal, uri: &str) -> bool {
    if super::decide::access(snapshot, principal, &Target::Catalog).blanket.is_some() {
        return true;
    }
    let wanted = folder(uri);
    snapshot.subjects(&principal.id).iter().any(|subject| {
        snapshot.grants_of(subject).flat_map(|(_, grants)| grants).any(|grant| {
            matches!(&grant.resource, GrantResource::Location(granted) if wanted.starts_with(&folder(granted)))
                && matches!(grant.privilege, Privilege::DataLocationAccess | Privilege::All)
        })
    })
}

impl Authorizer {
    /// INSERT on the table, as a capability to write into `location`, its folder.
    pub fn write_files(&self, principal: &Principal, table: &Target<'_>, location: &str) -> Result<WriteFiles, Denied> {
        self.require(principal, Privilege::Insert, table)?;
        let name = match table {
            Target::Table { database, name, .. } => format!("{database}.{name}"),
            _ => return Err(Denied::privilege(Privilege::Insert, resource_of(table))),
        };
        Ok(WriteFiles { location: location.to_owned(), table: name })
    }

    /// DATA_LOCATION_ACCESS on `location` (or a folder above it), as a capability to read it.
    pub fn read_location(&self, principal: &Principal, location: &str) -> Result<ReadLocation, Denied> {
        let resource = Resource::Location(location.to_owned());
        if covers_location(&self.snapshot(), principal, location) {
            self.record(principal, super::Wanted::Privilege(Privilege::DataLocationAccess), &resource, true, None);
            Ok(ReadLocation { location: location.to_owned() })
        } else {
            self.refuse(principal, Denied::privilege(Privilege::DataLocationAccess, resource))
        }
    }
}

/// May read one table's rows: the columns granted and the rows its filters admit. The query
/// engine and the data endpoint take one for every table they touch.
#[derive(Debug, Clone)]
pub struct ReadTable {
    table: String,
    location: String,
    /// The data columns granted, in the table's order (partition keys are always readable).
    columns: Vec<String>,
    /// `None`: every row; otherwise a row is visible when any of these SQL predicates admits it.
    row_filters: Option<Vec<String>>,
}

impl ReadTable {
    /// `database.table`.
    pub fn table(&self) -> &str {
        &self.table
    }

    /// The table's folder (a URI); no file outside it is read.
    pub fn location(&self) -> &str {
        &self.location
    }

    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    pub fn row_filters(&self) -> Option<&[String]> {
        self.row_filters.as_deref()
    }

    /// Whether some data column is withheld or some rows are filtered out.
    pub fn is_restricted(&self, all_columns: usize) -> bool {
        self.row_filters.is_some() || self.columns.len() < all_columns
    }
}

impl Authorizer {
    /// SELECT on the table, as a capability to read the granted columns and rows under
    /// `location`. `columns` of the target are the table's data columns, in order.
    pub fn read_table(&self, principal: &Principal, table: &Target<'_>, location: &str) -> Result<ReadTable, Denied> {
        let access = self.require(principal, Privilege::Select, table)?;
        let Target::Table { database, name, columns, .. } = table else {
            return Err(Denied::privilege(Privilege::Select, resource_of(table)));
        };
        let columns = columns.iter().filter(|c| access.columns.allows(c)).cloned().collect();
        let row_filters = match access.rows {
            RowAccess::All => None,
            RowAccess::Filters(list) => Some(list),
            // SELECT without any row reach (only column tags matched): no rows.
            RowAccess::None => Some(vec!["FALSE".to_owned()]),
        };
        Ok(ReadTable { table: format!("{database}.{name}"), location: location.to_owned(), columns, row_filters })
    }
}

/// The permission types an engine declares it enforces (Lake Formation's handshake).
pub const COLUMN_PERMISSION: &str = "COLUMN_PERMISSION";
pub const CELL_FILTER_PERMISSION: &str = "CELL_FILTER_PERMISSION";

impl Authorizer {
    /// Refuses to hand restricted access (`read` leaves out columns or rows) to an engine that
    /// did not declare it enforces that restriction; the reason is the message to show.
    pub fn require_enforced(
        &self,
        principal: &Principal,
        read: &ReadTable,
        all_columns: usize,
        declared: &[String],
    ) -> Result<(), String> {
        let declared = |kind: &str| declared.iter().any(|t| t == kind);
        let table = read.table();
        let missing = if read.columns().len() < all_columns
            && !declared(COLUMN_PERMISSION)
            && !declared(CELL_FILTER_PERMISSION)
        {
            Some((
                COLUMN_PERMISSION,
                format!(
                    "your access to {table} leaves out some columns; an engine that does not declare COLUMN_PERMISSION \
                 gets no credentials: query it through /v1/query"
                ),
            ))
        } else if read.row_filters().is_some() && !declared(CELL_FILTER_PERMISSION) {
            Some((
                CELL_FILTER_PERMISSION,
                format!(
                    "your access to {table} is limited by a row filter; an engine that does not declare \
                 CELL_FILTER_PERMISSION gets no credentials: query it through /v1/query"
                ),
            ))
        } else {
            None
        };
        let resource = match table.split_once('.') {
            Some((database, name)) => Resource::Table { database: database.to_owned(), table: name.to_owned() },
            None => Resource::Catalog,
        };
        match missing {
            None => Ok(()),
            Some((kind, message)) => {
                let why = Some(format!("the engine does not declare {kind}"));
                self.record(principal, super::Wanted::Privilege(Privilege::Select), &resource, false, why);
                Err(message)
            }
        }
    }
}
