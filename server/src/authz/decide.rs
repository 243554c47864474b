//! The decision: which privileges a principal holds on one database or table, which columns
//! it may read, and the grants behind them. Only grants that can apply are looked at: those of
//! the caller's subjects (itself and its groups, transitively) on the resource's chain
//! (catalog, database, table), plus the subjects' tag-expression grants.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::snapshot::Snapshot;
use crate::domain::grant::{ColumnScope, Grant, GrantResource, TagResourceType, database_key, table_key};
use crate::domain::principal::{Principal, Privilege};
use crate::domain::role::{Role, Scope};
use crate::domain::tag::{self, Tags};

/// The resource a decision is about, with the catalog facts the decision needs.
#[derive(Debug, Clone)]
pub enum Target<'a> {
    Catalog,
    Database { name: &'a str, owner: &'a str },
    Table { database: &'a str, name: &'a str, owner: &'a str, columns: &'a [String] },
}

/// Why a principal holds a privilege.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// A management-plane role (`lake_admin` reaches everything, `read_only_admin` and
    /// `data_steward` every definition in their scope).
    Role(Role),
    Owner(String),
    Grant(Arc<Grant>),
}

/// Which columns of a table a principal may read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ColumnAccess {
    #[default]
    None,
    All,
    Some(BTreeSet<String>),
}

impl ColumnAccess {
    fn add(&mut self, columns: ColumnAccess) {
        *self = match (std::mem::take(self), columns) {
            (ColumnAccess::All, _) | (_, ColumnAccess::All) => ColumnAccess::All,
            (ColumnAccess::None, other) | (other, ColumnAccess::None) => other,
            (ColumnAccess::Some(mut a), ColumnAccess::Some(b)) => {
                a.extend(b);
                ColumnAccess::Some(a)
            }
        };
    }

    pub fn allows(&self, column: &str) -> bool {
        match self {
            Self::None => false,
            Self::All => true,
            Self::Some(set) => set.contains(column),
        }
    }
}

/// Which rows of a table a principal may read: a row is visible if any filter admits it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum RowAccess {
    #[default]
    None,
    All,
    Filters(Vec<String>),
}

impl RowAccess {
    fn add(&mut self, predicate: Option<&String>) {
        *self = match (std::mem::take(self), predicate) {
            (RowAccess::All, _) | (_, None) => RowAccess::All,
            (RowAccess::None, Some(p)) => RowAccess::Filters(vec![p.clone()]),
            (RowAccess::Filters(mut list), Some(p)) => {
                if !list.contains(p) {
                    list.push(p.clone());
                }
                RowAccess::Filters(list)
            }
        };
    }
}

/// Everything a principal may do on one target, and why.
#[derive(Debug, Clone, Default)]
pub struct Access {
    /// Every privilege, for this one reason (administrator or owner); `privileges` is then
    /// left empty: the common case for administrators costs no per-privilege bookkeeping.
    pub blanket: Option<Reason>,
    privileges: BTreeMap<Privilege, Vec<Reason>>,
    /// Privileges the principal may pass on (besides a blanket).
    grantable: BTreeSet<Privilege>,
    pub columns: ColumnAccess,
    /// The columns whose SELECT the principal may pass on (from grantable grants only).
    pub grantable_columns: ColumnAccess,
    /// For tables: the rows SELECT reaches.
    pub rows: RowAccess,
    /// May see every column's definition: owner, administrator, or DESCRIBE, ALTER, DROP or
    /// ALL granted on the table itself or a container of it (not through a data filter or a
    /// column's tags).
    pub full_schema: bool,
}

/// Where a grant reaches a table from: the table itself (or a container, or a tag match on the
/// table), one of its data filters, or only some columns' tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Via {
    Resource,
    Filter,
    ColumnTags,
}

impl Access {
    pub fn has(&self, privilege: Privilege) -> bool {
        self.blanket.is_some() || self.privileges.contains_key(&privilege)
    }

    /// Whether every column's definition is visible (nothing to redact).
    pub fn sees_all_columns(&self) -> bool {
        self.full_schema || matches!(self.columns, ColumnAccess::All)
    }

    /// The reasons `privilege` is held for (empty under a blanket, or when not held).
    pub fn reasons(&self, privilege: Privilege) -> &[Reason] {
        self.privileges.get(&privilege).map_or(&[], Vec::as_slice)
    }

    /// Some reason anything is held, for the audit record of a visibility check.
    pub fn first_reason(&self) -> Option<&Reason> {
        self.privileges.values().flatten().next()
    }

    /// Any privilege at all makes a resource visible (Lake Formation's implicit DESCRIBE).
    pub fn visible(&self) -> bool {
        self.blanket.is_some() || !self.privileges.is_empty()
    }

    /// Whether access to a container reaches what is in it: any privilege but the rights to
    /// create things inside it.
    pub fn covers_contents(&self) -> bool {
        self.blanket.is_some()
            || self.privileges.keys().any(|p| !matches!(p, Privilege::CreateTable | Privilege::CreateDatabase))
    }

    /// Whether access to a container shows everything in it, every column included: any of
    /// ALL, DESCRIBE, ALTER, DROP or SELECT on it (or above it), which grants inherit downward.
    pub fn reveals_all_within(&self) -> bool {
        const REVEALING: [Privilege; 5] =
            [Privilege::All, Privilege::Describe, Privilege::Alter, Privilege::Drop, Privilege::Select];
        self.blanket.is_some() || REVEALING.iter().any(|p| self.privileges.contains_key(p))
    }

    /// May the principal pass `privilege` on?
    pub fn can_grant(&self, privilege: Privilege) -> bool {
        self.blanket.is_some() || self.grantable.contains(&privilege)
    }

    /// Each privilege held, with the reasons for it.
    pub fn explain(&self) -> BTreeMap<Privilege, Vec<Reason>> {
        match &self.blanket {
            Some(reason) => Privilege::EVERY.into_iter().map(|p| (p, vec![reason.clone()])).collect(),
            None => self.privileges.clone(),
        }
    }

    fn everything(&mut self, reason: &Reason) {
        self.blanket = Some(reason.clone());
        self.columns = ColumnAccess::All;
        self.grantable_columns = ColumnAccess::All;
        self.rows = RowAccess::All;
        self.full_schema = true;
    }

    /// DESCRIBE through a role: every definition, no data.
    fn describe_by(&mut self, role: Role) {
        self.privileges.entry(Privilege::Describe).or_default().push(Reason::Role(role));
        self.full_schema = true;
    }

    fn add(&mut self, grant: &Arc<Grant>, columns: ColumnAccess) {
        self.add_via(grant, columns, None, Via::Resource);
    }

    fn add_via(&mut self, grant: &Arc<Grant>, columns: ColumnAccess, row_filter: Option<&String>, via: Via) {
        let privileges: &[Privilege] = match (grant.privilege, via) {
            // A match on some columns' tags gives those columns to read, nothing table-wide.
            (Privilege::All | Privilege::Select, Via::ColumnTags) => &[Privilege::Select],
            (_, Via::ColumnTags) => &[],
            (Privilege::All, _) => &Privilege::EVERY,
            _ => std::slice::from_ref(&grant.privilege),
        };
        for privilege in privileges {
            self.privileges.entry(*privilege).or_default().push(Reason::Grant(grant.clone()));
            // Only grants on the resource itself can be passed on: a data filter's holder may
            // not hand out the whole table.
            let passable = grant.grantable && via == Via::Resource;
            if passable {
                self.grantable.insert(*privilege);
            }
            if via == Via::Resource && matches!(privilege, Privilege::Describe | Privilege::Alter | Privilege::Drop) {
                self.full_schema = true;
            }
            if *privilege == Privilege::Select {
                self.columns.add(columns.clone());
                self.rows.add(row_filter);
                if passable {
                    self.grantable_columns.add(columns.clone());
                }
            }
        }
    }
}

fn scope_columns(scope: &ColumnScope, columns: &[String]) -> ColumnAccess {
    match scope {
        ColumnScope::All => ColumnAccess::All,
        scope => ColumnAccess::Some(columns.iter().filter(|c| scope.covers(c)).cloned().collect()),
    }
}

/// What the subjects' management-plane roles reach on `target`, as the role policy
/// (`policies/roles.csv`) says: true when that is everything.
fn apply_roles(access: &mut Access, snapshot: &Snapshot, subjects: &[String], target: &Target<'_>) -> bool {
    let in_database = match target {
        Target::Catalog => None,
        Target::Database { name, .. } => Some(*name),
        Target::Table { database, .. } => Some(*database),
    };
    for (role, scope) in snapshot.roles.roles_of(subjects) {
        let applies = match &scope {
            Scope::Lake => true,
            Scope::Database(db) => in_database == Some(db.as_str()),
        };
        let reach = snapshot.roles.reach(role);
        if applies && reach.everything {
            access.everything(&Reason::Role(role));
            return true;
        }
        if applies && reach.describe && !access.has(Privilege::Describe) {
            access.describe_by(role);
        }
    }
    false
}

/// Computes `principal`'s access to `target` from the snapshot.
pub fn access(snapshot: &Snapshot, principal: &Principal, target: &Target<'_>) -> Access {
    let mut access = Access::default();
    let subjects = snapshot.subjects(&principal.id);
    if apply_roles(&mut access, snapshot, &subjects, target) {
        return access;
    }
    let names: Vec<String> = subjects.iter().filter_map(|id| snapshot.principal_name(id)).collect();
    // The creator of a resource owns it: every privilege, with grant option.
    let owner = match target {
        Target::Catalog => None,
        Target::Database { owner, .. } | Target::Table { owner, .. } => Some(*owner),
    };
    if let Some(owner) = owner.filter(|o| names.iter().any(|n| n == o)) {
        access.everything(&Reason::Owner(owner.to_owned()));
        return access;
    }
    let (database, table) = match target {
        Target::Catalog => (None, None),
        Target::Database { name, .. } => (Some(*name), None),
        Target::Table { database, name, columns, .. } => (Some(*database), Some((*name, *columns))),
    };
    let mut chain = vec!["catalog".to_owned()];
    if let Some(db) = database {
        chain.push(database_key(db));
    }
    if let (Some(db), Some((name, _))) = (database, table) {
        chain.push(table_key(db, name));
    }
    let db_tags = database.map(|db| snapshot.tags_of(&database_key(db))).unwrap_or_default();
    let table_tags = match (database, table) {
        (Some(db), Some((name, _))) => tag::inherit(&db_tags, snapshot.tags.get(&table_key(db, name))),
        _ => Tags::new(),
    };
    for subject in &subjects {
        for key in &chain {
            for grant in snapshot.grants_on(subject, key) {
                // The right to create things inside a container says nothing about what is
                // already in it: it does not make the contents visible.
                let creates_only = matches!(
                    (grant.privilege, target),
                    (Privilege::CreateDatabase, Target::Database { .. } | Target::Table { .. })
                        | (Privilege::CreateTable, Target::Table { .. })
                );
                if creates_only {
                    continue;
                }
                let columns = match table {
                    Some((_, cols)) if matches!(grant.resource, GrantResource::Table { .. }) => {
                        scope_columns(&grant.columns, cols)
                    }
                    _ => ColumnAccess::All,
                };
                access.add(grant, columns);
            }
        }
        if let (Some(db), Some((name, cols))) = (database, table) {
            for filter in snapshot.filters_of(&table_key(db, name)) {
                for grant in snapshot.grants_on(subject, &filter.key()) {
                    let columns = scope_columns(&filter.columns, cols);
                    access.add_via(grant, columns, filter.row_filter.as_ref(), Via::Filter);
                }
            }
        }
        for grant in snapshot.tag_grants_of(subject) {
            let GrantResource::TagExpression { resource_type, tags: conditions } = &grant.resource else { continue };
            match (resource_type, database, table) {
                (TagResourceType::Database, Some(_), _) if tag::matches(conditions, &db_tags) => {
                    access.add(grant, ColumnAccess::All);
                }
                (TagResourceType::Table, Some(db), Some((name, cols))) => {
                    // Per column: a column's own tags override the table's (the LF-Tag rule).
                    let matching: BTreeSet<String> = cols
                        .iter()
                        .filter(|c| {
                            let own = snapshot.tags.get(&format!("column:{db}.{name}.{c}"));
                            tag::matches(conditions, &tag::inherit(&table_tags, own))
                        })
                        .cloned()
                        .collect();
                    if tag::matches(conditions, &table_tags) {
                        access.add(grant, ColumnAccess::Some(matching));
                    } else if !matching.is_empty() {
                        access.add_via(grant, ColumnAccess::Some(matching), None, Via::ColumnTags);
                    }
                }
                _ => {}
            }
        }
    }
    access
}

/// Whether `principal` sees every database, table and column definition: an administrator, or
/// a holder of a catalog-wide grant that reveals definitions.
pub fn sees_everything(snapshot: &Snapshot, principal: &Principal) -> bool {
    access(snapshot, principal, &Target::Catalog).reveals_all_within()
}
