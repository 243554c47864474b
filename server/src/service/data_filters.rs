//! Data filters on a table: defined by whoever may ALTER the table, read by whoever sees it.

use std::collections::BTreeSet;

use super::core::{column_names, table_target};
use super::{ServiceError, ServiceResult, core::Core};
use crate::domain::data_filter::{DataFilter, validate_predicate};
use crate::domain::event::Event;
use crate::domain::grant::ColumnScope;
use crate::domain::names::ColumnName;
use crate::domain::principal::{Principal, Privilege};
use crate::domain::role::Action;
use crate::domain::table::Table;
use crate::domain::{ValidationCode, ValidationError};
use crate::store::{StoreError, data_filters, grants, outbox};

#[derive(Debug, Clone)]
pub struct NewDataFilter {
    pub name: String,
    pub row_filter: Option<String>,
    pub columns: ColumnScope,
}

fn not_found(database: &str, table: &str, name: &str) -> ServiceError {
    ServiceError::NotFound { kind: "data filter", name: format!("{database}.{table}.{name}") }
}

/// Named row and column filters on a table.
#[derive(Debug, Clone)]
pub struct DataFilters {
    core: Core,
}

impl DataFilters {
    pub fn new(core: Core) -> Self {
        Self { core }
    }

    pub async fn create(
        &self,
        caller: &Principal,
        database: &str,
        table: &str,
        new: NewDataFilter,
    ) -> ServiceResult<DataFilter> {
        // validate against the table's columns
        ColumnName::parse(&new.name).map_err(|e| {
            ValidationError::new(ValidationCode::InvalidName, e.message.replace("column", "data filter"))
        })?;
        new.columns.validate()?;
        // authorize before looking at columns: a reader must not probe for hidden ones
        let (found, names) = self.managed_table(caller, database, table).await?;
        let known: BTreeSet<String> =
            names.iter().cloned().chain(found.definition.partition_keys.iter().map(|k| k.name.to_string())).collect();
        if let Some(unknown) = new.columns.columns().into_iter().find(|c| !known.contains(c)) {
            return Err(ValidationError::new(
                ValidationCode::InvalidRequest,
                format!("table {database}.{table} has no column `{unknown}`"),
            )
            .into());
        }
        if let Some(predicate) = &new.row_filter {
            validate_predicate(predicate, &known)?;
        }
        // write
        let filter = DataFilter {
            id: uuid::Uuid::now_v7().to_string(),
            database: database.to_owned(),
            table: table.to_owned(),
            name: new.name,
            row_filter: new.row_filter,
            columns: new.columns,
            created_by: caller.to_string(),
        };
        let mut tx = self.core.store.begin().await?;
        match data_filters::insert(&mut tx.conn(), &found.id, &filter).await {
            Err(StoreError::UniqueViolation) => {
                return Err(ServiceError::AlreadyExists { kind: "data filter", name: filter.key() });
            }
            other => other?,
        }
        let event = Event::DataFilterCreated {
            database: filter.database.clone(),
            table: filter.table.clone(),
            name: filter.name.clone(),
        };
        outbox::append(&mut tx.conn(), &event).await?;
        tx.commit().await?;
        self.core.authz.refresh().await?;
        Ok(filter)
    }

    pub async fn list(&self, caller: &Principal, database: &str, table: &str) -> ServiceResult<Vec<DataFilter>> {
        let (found, access) = self.core.visible_table(caller, database, table).await?;
        let all = data_filters::for_table(&mut self.core.store.conn(), &found.id).await?;
        if access.full_schema {
            return Ok(all);
        }
        // Others see only the filters granted to them, without columns they cannot read.
        let snapshot = self.core.authz.snapshot();
        let subjects = snapshot.subjects(&caller.id);
        let held = |f: &DataFilter| subjects.iter().any(|s| !snapshot.grants_on(s, &f.key()).is_empty());
        Ok(all
            .into_iter()
            .filter(held)
            .map(|mut f| {
                let readable: BTreeSet<String> =
                    f.columns.columns().into_iter().filter(|c| access.columns.allows(c)).collect();
                f.columns = match f.columns {
                    ColumnScope::Include(_) => ColumnScope::Include(readable),
                    ColumnScope::Exclude(_) => ColumnScope::Exclude(readable),
                    ColumnScope::All => ColumnScope::All,
                };
                f
            })
            .collect())
    }

    pub async fn get(&self, caller: &Principal, database: &str, table: &str, name: &str) -> ServiceResult<DataFilter> {
        let filters = self.list(caller, database, table).await?;
        filters.into_iter().find(|f| f.name == name).ok_or_else(|| not_found(database, table, name))
    }

    /// The table, when the caller may manage its data filters (ALTER on it, or a role).
    async fn managed_table(
        &self,
        caller: &Principal,
        database: &str,
        table: &str,
    ) -> ServiceResult<(Table, Vec<String>)> {
        let (found, _) = self.core.visible_table(caller, database, table).await?;
        let names = column_names(&found);
        self.core.check_or_role(
            caller,
            Privilege::Alter,
            Action::DataFilterManage,
            &table_target(&found, &names),
            || super::tables::not_found(database, table),
        )?;
        Ok((found, names))
    }

    /// Deletes a filter and every grant on it.
    pub async fn delete(&self, caller: &Principal, database: &str, table: &str, name: &str) -> ServiceResult<()> {
        let (found, _) = self.managed_table(caller, database, table).await?;
        let mut tx = self.core.store.begin().await?;
        let filters = data_filters::for_table(&mut tx.conn(), &found.id).await?;
        let filter = filters.into_iter().find(|f| f.name == name).ok_or_else(|| not_found(database, table, name))?;
        data_filters::delete(&mut tx.conn(), &filter.id).await?;
        grants::delete_on(&mut tx.conn(), &[filter.key()], &[]).await?;
        let event = Event::DataFilterDeleted { database: filter.database, table: filter.table, name: filter.name };
        outbox::append(&mut tx.conn(), &event).await?;
        tx.commit().await?;
        self.core.authz.refresh().await?;
        Ok(())
    }
}
