//! Visibility filters: which databases a caller may see (access to them, or to something in
//! them), which tables of a database it might see, and of a table only the columns it may
//! read (column redaction, written once). Evaluated without recording, for listings; a
//! decision that lets something happen goes through the door (`door.rs`).

use std::collections::BTreeSet;

use super::{Access, Authorizer, Snapshot, Target};
use crate::domain::database::Database;
use crate::domain::grant::{GrantResource, TagResourceType};
use crate::domain::principal::Principal;
use crate::domain::table::{Table, TableDefinition};
use crate::domain::tag;

pub fn database_target(db: &Database) -> Target<'_> {
    Target::Database { name: db.name.as_str(), owner: &db.created_by }
}

pub fn column_names(table: &Table) -> Vec<String> {
    table.definition.columns.iter().map(|c| c.name.to_string()).collect()
}

pub fn table_target<'a>(table: &'a Table, columns: &'a [String]) -> Target<'a> {
    Target::Table { database: &table.database, name: table.name.as_str(), owner: &table.created_by, columns }
}

/// The definition as `access` lets its holder see it: callers whose only right is SELECT on
/// some columns see just those columns (partition keys stay: they are needed to address data).
pub fn visible_definition(definition: &TableDefinition, access: &Access) -> TableDefinition {
    let mut visible = definition.clone();
    restrict(&mut visible, access);
    visible
}

/// [`visible_definition`] in place, without a copy when the caller sees everything.
pub fn restrict(definition: &mut TableDefinition, access: &Access) {
    if !access.sees_all_columns() {
        definition.columns.retain(|c| access.columns.allows(c.name.as_str()));
    }
}

impl Authorizer {
    /// The tables of `db` the caller might see, read off the policy instead of the catalog:
    /// named grants, grants on data filters, tag matches, and tables it owns. `None` when a
    /// tag grant could match through the database's own tags, which covers tables with no
    /// tags of their own: then only a scan can tell.
    pub async fn candidate_tables(
        &self,
        principal: &Principal,
        db: &Database,
    ) -> crate::store::StoreResult<Option<BTreeSet<String>>> {
        let snapshot = self.snapshot();
        let database = db.name.as_str();
        let table_prefix = format!("table:{database}.");
        let filter_prefix = format!("data_filter:{database}.");
        let db_tags = snapshot.tags_of(&format!("database:{database}"));
        let subjects = snapshot.subjects(&principal.id);
        let mut names = BTreeSet::new();
        for subject in &subjects {
            for (key, _) in snapshot.grants_of(subject) {
                if let Some(table) = key.strip_prefix(&table_prefix) {
                    names.insert(table.to_owned());
                } else if let Some(rest) = key.strip_prefix(&filter_prefix) {
                    names.extend(rest.split_once('.').map(|(table, _)| table.to_owned()));
                }
            }
            for grant in snapshot.tag_grants_of(subject) {
                let GrantResource::TagExpression { resource_type: TagResourceType::Table, tags: conditions } =
                    &grant.resource
                else {
                    continue;
                };
                if tag::matches(conditions, &db_tags) {
                    return Ok(None);
                }
                for (key, own) in snapshot.tags.iter() {
                    if let Some(table) = key.strip_prefix(&table_prefix) {
                        if tag::matches(conditions, &tag::inherit(&db_tags, Some(own))) {
                            names.insert(table.to_owned());
                        }
                    }
                }
                names.extend(snapshot.column_tagged_in(database));
            }
        }
        let owners: Vec<String> = subjects.iter().filter_map(|s| snapshot.principal_name(s)).collect();
        names.extend(crate::store::tables::owned_by(&mut self.store.conn(), &db.id, &owners).await?);
        Ok(Some(names))
    }

    /// Whether the caller may see `db`: any access to it, or to anything in it.
    pub fn sees_database(&self, principal: &Principal, db: &Database) -> bool {
        sees_database(&self.snapshot(), principal, db.name.as_str(), &db.created_by)
    }
}

/// Whether `principal` may see database `name` (owned by `owner`): any access to it, or to
/// anything in it.
pub fn sees_database(snapshot: &Snapshot, principal: &Principal, name: &str, owner: &str) -> bool {
    if super::decide::access(snapshot, principal, &Target::Database { name, owner }).visible() {
        return true;
    }
    let prefix = format!("table:{name}.");
    let filter_prefix = format!("data_filter:{name}.");
    let column_prefix = format!("column:{name}.");
    let db_tags = snapshot.tags_of(&format!("database:{name}"));
    // A column's tags inherit its table's, which inherit the database's.
    let column_tags = |key: &str, own: &crate::domain::tag::Tags| {
        let table = key.strip_prefix(&column_prefix).and_then(|rest| rest.rsplit_once('.')).map(|(t, _)| t);
        let table_tags = table.and_then(|t| snapshot.tags.get(&format!("table:{name}.{t}")));
        tag::inherit(&tag::inherit(&db_tags, table_tags), Some(own))
    };
    snapshot.subjects(&principal.id).iter().any(|subject| {
        let named =
            snapshot.grants_of(subject).any(|(key, _)| key.starts_with(&prefix) || key.starts_with(&filter_prefix));
        let tagged = snapshot.tag_grants_of(subject).iter().any(|grant| match &grant.resource {
            GrantResource::TagExpression { resource_type: TagResourceType::Table, tags: conditions } => {
                tag::matches(conditions, &db_tags)
                    || snapshot.tags.iter().any(|(key, own)| {
                        (key.starts_with(&prefix) && tag::matches(conditions, &tag::inherit(&db_tags, Some(own))))
                            || (key.starts_with(&column_prefix) && tag::matches(conditions, &column_tags(key, own)))
                    })
            }
            _ => false,
        });
        named || tagged
    })
}
