//! What a caller may see, as the catalog services ask it: the filters live in
//! `authz::visible`; these are the catalog's shorthands for them.

use std::collections::BTreeSet;

use super::Catalog;
pub(super) use crate::authz::visible::{column_names, database_target, restrict, table_target, visible_definition};
use crate::domain::database::Database;
use crate::domain::principal::Principal;

impl Catalog {
    /// The tables of `db` the caller might see (`None`: only a scan can tell).
    pub(super) async fn candidate_tables(
        &self,
        principal: &Principal,
        db: &Database,
    ) -> crate::store::StoreResult<Option<BTreeSet<String>>> {
        self.authz.candidate_tables(principal, db).await
    }

    /// Whether the caller may see `db`: any access to it, or to anything in it.
    pub(super) fn sees_database(&self, principal: &Principal, db: &Database) -> bool {
        self.authz.sees_database(principal, db)
    }
}
