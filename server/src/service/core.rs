//! What the catalog services share: the store, the door, page tokens, and the lookups of
//! the databases and tables a caller may see (absent when it may not).

use std::collections::BTreeSet;

use super::{ServiceError, ServiceResult, databases, tables};
use crate::authz::{Access, Authorizer, Target};
use crate::domain::database::Database;
use crate::domain::names::{DatabaseName, TableName};
use crate::domain::principal::{Principal, Privilege};
use crate::domain::role::{Action, Scope};
use crate::domain::table::Table;
use crate::store::{Store, StoreResult, databases as db_rows, tables as table_rows};

pub(super) use crate::authz::visible::{column_names, database_target, restrict, table_target, visible_definition};

/// The handles every catalog service holds; cheap to clone.
#[derive(Debug, Clone)]
pub struct Core {
    pub(super) store: Store,
    pub(super) authz: Authorizer,
    pub(super) pages: super::pagination::PageTokens,
}

impl Core {
    pub fn new(store: Store, authz: Authorizer, pages: super::pagination::PageTokens) -> Self {
        Self { store, authz, pages }
    }

    pub fn authorizer(&self) -> &Authorizer {
        &self.authz
    }

    /// Authorizes `privilege` on `target` through the door: a target the caller may not see
    /// at all is absent (`absent` is the not-found error to return), one it sees but lacks the
    /// privilege on is forbidden, naming the privilege.
    pub(super) fn check(
        &self,
        principal: &Principal,
        privilege: Privilege,
        target: &Target<'_>,
        absent: impl FnOnce() -> ServiceError,
    ) -> ServiceResult<Access> {
        self.authz.require(principal, privilege, target).map_err(|d| ServiceError::refused(d, absent))
    }

    /// `privilege` on `target`, or a role allowing `action` in the target's database (what a
    /// data steward holds instead of the privilege).
    pub(super) fn check_or_role(
        &self,
        principal: &Principal,
        privilege: Privilege,
        action: Action,
        target: &Target<'_>,
        absent: impl FnOnce() -> ServiceError,
    ) -> ServiceResult<()> {
        let database = match target {
            Target::Catalog => None,
            Target::Database { name, .. } => Some(*name),
            Target::Table { database, .. } => Some(*database),
        };
        if database.is_some_and(|db| self.authz.may(principal, action, &Scope::Database(db.to_owned()))) {
            return Ok(());
        }
        self.check(principal, privilege, target, absent).map(|_| ())
    }

    /// Authorizes `privilege` on `db`: absent if the caller sees neither it nor anything in
    /// it, forbidden if it sees it but lacks the privilege.
    pub(super) fn check_database(
        &self,
        principal: &Principal,
        privilege: Privilege,
        db: &Database,
    ) -> ServiceResult<()> {
        let name = db.name.as_str();
        self.authz
            .require(principal, privilege, &database_target(db))
            .map_err(|d| ServiceError::refused(d, || databases::not_found(name)))?;
        Ok(())
    }

    /// Reads a database the caller may see (else: not found).
    pub(super) async fn visible_database(&self, principal: &Principal, name: &str) -> ServiceResult<Database> {
        DatabaseName::parse(name)?;
        let db = db_rows::get(&mut self.store.conn(), name).await?.ok_or_else(|| databases::not_found(name))?;
        self.authz.require_visible(principal, &database_target(&db)).map_err(|_| databases::not_found(name))?;
        Ok(db)
    }

    /// Reads a table the caller may see, with the caller's access to it.
    pub(super) async fn visible_table(
        &self,
        principal: &Principal,
        database: &str,
        name: &str,
    ) -> ServiceResult<(Table, Access)> {
        DatabaseName::parse(database)?;
        TableName::parse(name)?;
        let table = table_rows::get(&mut self.store.conn(), database, name)
            .await?
            .ok_or_else(|| tables::not_found(database, name))?;
        let columns = column_names(&table);
        let access = self
            .authz
            .require_visible(principal, &table_target(&table, &columns))
            .map_err(|_| tables::not_found(database, name))?;
        Ok((table, access))
    }

    /// The tables of `db` the caller might see (`None`: only a scan can tell).
    pub(super) async fn candidate_tables(
        &self,
        principal: &Principal,
        db: &Database,
    ) -> StoreResult<Option<BTreeSet<String>>> {
        self.authz.candidate_tables(principal, db).await
    }

    /// Whether the caller may see `db`: any access to it, or to anything in it.
    pub(super) fn sees_database(&self, principal: &Principal, db: &Database) -> bool {
        self.authz.sees_database(principal, db)
    }
}
