//! Tables and their version history.

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::Utc;

use super::core::{column_names, database_target, restrict, table_target, visible_definition};
use super::{Page, ServiceError, ServiceResult, core::Core, page_size};
use crate::authz::{Access, Target};
use crate::domain::data_type::DataType;
use crate::domain::diff::{TableDiff, diff};
use crate::domain::event::Event;
use crate::domain::grant::table_key;
use crate::domain::names::{ColumnName, DatabaseName, TableName};
use crate::domain::principal::{Principal, Privilege};
use crate::domain::table::{Business, Column, Format, Table, TableDefinition, TableVersion, Zone};
use crate::domain::{ValidationCode, ValidationError};
use crate::store::{StoreError, databases, grants, outbox, partitions, tables, tags};

/// What updating a table can fail with beyond the shared failures: the optimistic lock.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("the table changed since version {expected}; it is now at version {current}")]
    VersionMismatch { expected: String, current: i64 },
    #[error("this update needs an If-Match header with the table's current ETag")]
    PreconditionRequired,
    #[error(transparent)]
    Service(#[from] ServiceError),
}
shared_failures!(TableError);

/// A column as a caller writes it: the type still as text.
#[derive(Debug, Clone)]
pub struct ColumnInput {
    pub name: String,
    pub data_type: String,
    pub nullable: bool,
    pub description: Option<String>,
    pub sensitivity: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct TableInput {
    pub description: Option<String>,
    pub zone: Zone,
    pub format: Format,
    pub format_options: BTreeMap<String, String>,
    pub location: Option<String>,
    pub columns: Vec<ColumnInput>,
    pub partition_keys: Vec<ColumnInput>,
    pub business: Business,
}

/// Fields a PATCH replaces; `None` keeps the current value.
#[derive(Debug, Clone, Default)]
pub struct TablePatch {
    pub description: Option<Option<String>>,
    pub zone: Option<Zone>,
    pub format: Option<Format>,
    pub format_options: Option<BTreeMap<String, String>>,
    pub location: Option<Option<String>>,
    pub columns: Option<Vec<ColumnInput>>,
    pub partition_keys: Option<Vec<ColumnInput>>,
    pub business: Option<Business>,
}

fn column(input: ColumnInput) -> Result<Column, ValidationError> {
    let name = ColumnName::parse(&input.name)?;
    let data_type = DataType::from_str(&input.data_type)
        .map_err(|e| ValidationError::new(ValidationCode::InvalidType, format!("column `{name}`: {}", e.message)))?;
    Ok(Column {
        name,
        data_type,
        nullable: input.nullable,
        description: input.description,
        sensitivity: input.sensitivity,
    })
}

fn columns(inputs: Vec<ColumnInput>) -> Result<Vec<Column>, ValidationError> {
    inputs.into_iter().map(column).collect()
}

fn definition(input: TableInput) -> Result<TableDefinition, ValidationError> {
    let definition = TableDefinition {
        description: input.description,
        zone: input.zone,
        format: input.format,
        format_options: input.format_options,
        location: input.location,
        columns: columns(input.columns)?,
        partition_keys: columns(input.partition_keys)?,
        business: input.business,
    };
    definition.validate()?;
    Ok(definition)
}

/// The entity tag of a table's current version, as sent in `ETag` and expected in `If-Match`.
pub fn etag(table: &Table) -> String {
    format!("\"{}.{}\"", table.id, table.version)
}

fn if_match_accepts(if_match: &str, current: &str) -> bool {
    if_match.split(',').map(str::trim).any(|tag| tag == "*" || tag == current)
}

pub(super) fn not_found(database: &str, table: &str) -> ServiceError {
    ServiceError::NotFound { kind: "table", name: format!("{database}.{table}") }
}

fn check_names(database: &str, table: &str) -> ServiceResult<()> {
    DatabaseName::parse(database)?;
    TableName::parse(table)?;
    Ok(())
}

/// Tables and their version history.
#[derive(Debug, Clone)]
pub struct Tables {
    core: Core,
}

impl Tables {
    pub fn new(core: Core) -> Self {
        Self { core }
    }

    pub async fn create(
        &self,
        principal: &Principal,
        database: &str,
        name: &str,
        input: TableInput,
    ) -> ServiceResult<Table> {
        // validate
        DatabaseName::parse(database)?;
        let name = TableName::parse(name)?;
        let definition = definition(input)?;
        // authorize, then write the table and its first version
        let mut tx = self.core.store.begin().await?;
        let db =
            databases::get(&mut tx.conn(), database).await?.ok_or_else(|| super::databases::not_found(database))?;
        self.core.check_database(principal, Privilege::CreateTable, &db)?;
        self.check_location(principal, definition.location.as_deref())?;
        let now = Utc::now();
        let table = Table {
            id: uuid::Uuid::now_v7().to_string(),
            database: database.to_owned(),
            name,
            version: 1,
            definition,
            created_by: principal.to_string(),
            created_at: now,
            updated_at: now,
        };
        match tables::insert(&mut tx.conn(), &db.id, &table).await {
            Err(StoreError::UniqueViolation) => {
                return Err(ServiceError::AlreadyExists { kind: "table", name: format!("{database}.{}", table.name) });
            }
            other => other?,
        }
        let first = TableVersion {
            version: 1,
            author: principal.to_string(),
            created_at: now,
            definition: table.definition.clone(),
            summary: "created".to_owned(),
        };
        tables::insert_version(&mut tx.conn(), &table.id, &first).await?;
        let event = Event::TableCreated { database: database.to_owned(), table: table.name.to_string(), version: 1 };
        outbox::append(&mut tx.conn(), &event).await?;
        tx.commit().await?;
        Ok(table)
    }

    /// A table placed at an explicit location needs DATA_LOCATION_ACCESS on it (Lake Formation's
    /// rule: registering data somewhere is a right on that place, not only on the catalog).
    fn check_location(&self, principal: &Principal, location: Option<&str>) -> ServiceResult<()> {
        if let Some(location) = location {
            self.core.authz.read_location(principal, location)?;
        }
        Ok(())
    }

    /// A table as the caller may see it: without columns it may not read.
    pub async fn get(&self, principal: &Principal, database: &str, name: &str) -> ServiceResult<Table> {
        Ok(self.get_with_access(principal, database, name).await?.0)
    }

    /// [`Self::get`], with what the caller may do with the table.
    pub async fn get_with_access(
        &self,
        principal: &Principal,
        database: &str,
        name: &str,
    ) -> ServiceResult<(Table, crate::authz::Access)> {
        let (mut table, access) = self.core.visible_table(principal, database, name).await?;
        restrict(&mut table.definition, &access);
        Ok((table, access))
    }

    pub async fn list(
        &self,
        principal: &Principal,
        database: &str,
        max_results: Option<u32>,
        page_token: Option<&str>,
    ) -> ServiceResult<Page<Table>> {
        DatabaseName::parse(database)?;
        let limit = page_size(max_results)?;
        let scope = format!("tables:{database}");
        let after: Option<String> = self.core.pages.resume(&scope, page_token)?;
        let db = self.core.visible_database(principal, database).await?;
        if self.core.authz.access(principal, &database_target(&db)).covers_contents() {
            // Access to the database covers every table in it: one page query, each table shown
            // as the caller may see it.
            let mut items =
                tables::list(&mut self.core.store.conn(), &db.id, after.as_deref(), u64::from(limit) + 1).await?;
            for table in &mut items {
                let columns = column_names(table);
                let access = self.core.authz.access(principal, &table_target(table, &columns));
                restrict(&mut table.definition, &access);
            }
            let next_page_token = if items.len() > limit as usize {
                items.truncate(limit as usize);
                items.last().map(|t| self.core.pages.encode(&scope, &t.name.as_str()))
            } else {
                None
            };
            return Ok(Page { items, next_page_token });
        }
        // Otherwise: the few tables the policy names, or (rarely) a scan of names and owners.
        let names: Vec<String> = match self.core.candidate_tables(principal, &db).await? {
            Some(candidates) => {
                candidates.into_iter().filter(|name| after.as_deref().is_none_or(|a| name.as_str() > a)).collect()
            }
            None => self.scan_visible(principal, &db, after, limit as usize + 1).await?,
        };
        // Candidates are checked on their full rows; stop once a page (plus one) is full.
        let mut items = Vec::new();
        for chunk in names.chunks(limit as usize + 1) {
            for mut table in tables::by_names(&mut self.core.store.conn(), &db.id, chunk).await? {
                let columns = column_names(&table);
                let access = self.core.authz.access(principal, &table_target(&table, &columns));
                if access.visible() {
                    table.definition = visible_definition(&table.definition, &access);
                    items.push(table);
                }
            }
            if items.len() > limit as usize {
                break;
            }
        }
        let next_page_token = if items.len() > limit as usize {
            items.truncate(limit as usize);
            items.last().map(|t| self.core.pages.encode(&scope, &t.name.as_str()))
        } else {
            None
        };
        Ok(Page { items, next_page_token })
    }

    /// For callers who see only some columns, stored summaries (which may name hidden columns)
    /// are recomputed from the visible definitions. `versions` are consecutive and already
    /// restricted.
    async fn redact_summaries(
        &self,
        table_id: &str,
        versions: &mut [TableVersion],
        access: &Access,
    ) -> ServiceResult<()> {
        if access.sees_all_columns() {
            return Ok(());
        }
        let mut prev = match versions.first() {
            Some(v) if v.version > 1 => tables::version(&mut self.core.store.conn(), table_id, v.version - 1)
                .await?
                .map(|p| visible_definition(&p.definition, access)),
            _ => None,
        };
        for v in versions.iter_mut() {
            v.summary = match &prev {
                None => "created".to_owned(),
                Some(p) => diff(p, &v.definition).summary(),
            };
            prev = Some(v.definition.clone());
        }
        Ok(())
    }

    /// Names of visible tables after `after`, deciding on heads (names and owners) and
    /// reading full rows only for tables whose columns carry their own tags.
    async fn scan_visible(
        &self,
        principal: &Principal,
        db: &crate::domain::database::Database,
        mut after: Option<String>,
        want: usize,
    ) -> ServiceResult<Vec<String>> {
        let database = db.name.as_str();
        let snapshot = self.core.authz.snapshot();
        let mut visible = Vec::new();
        loop {
            let heads = tables::heads(&mut self.core.store.conn(), &db.id, after.as_deref(), 2_000).await?;
            let exhausted = heads.len() < 2_000;
            after = heads.last().map(|h| h.name.clone());
            for head in heads {
                let target = Target::Table { database, name: &head.name, owner: &head.created_by, columns: &[] };
                let mut seen = self.core.authz.access(principal, &target).visible();
                if !seen && snapshot.has_column_tags(database, &head.name) {
                    if let Some(full) = tables::get(&mut self.core.store.conn(), database, &head.name).await? {
                        let columns = column_names(&full);
                        seen = self.core.authz.access(principal, &table_target(&full, &columns)).visible();
                    }
                }
                if seen {
                    visible.push(head.name);
                    if visible.len() >= want {
                        return Ok(visible);
                    }
                }
            }
            if exhausted {
                return Ok(visible);
            }
        }
    }

    /// Applies `patch` if `if_match` names the current version, creating the next version.
    pub async fn update(
        &self,
        principal: &Principal,
        database: &str,
        name: &str,
        if_match: Option<&str>,
        patch: TablePatch,
    ) -> Result<Table, TableError> {
        // validate
        check_names(database, name)?;
        let if_match = if_match.ok_or(TableError::PreconditionRequired)?;
        let new_columns = patch.columns.map(columns).transpose()?;
        let new_keys = patch.partition_keys.map(columns).transpose()?;
        // read the current version inside the transaction, authorize, check the precondition
        let mut tx = self.core.store.begin().await?;
        let mut table = tables::get(&mut tx.conn(), database, name).await?.ok_or_else(|| not_found(database, name))?;
        let columns = column_names(&table);
        self.core.check(principal, Privilege::Alter, &table_target(&table, &columns), || not_found(database, name))?;
        if !if_match_accepts(if_match, &etag(&table)) {
            return Err(TableError::VersionMismatch { expected: if_match.to_owned(), current: table.version });
        }
        let old = table.definition.clone();
        let new = &mut table.definition;
        if let Some(v) = patch.description {
            new.description = v;
        }
        if let Some(v) = patch.zone {
            new.zone = v;
        }
        if let Some(v) = patch.format {
            new.format = v;
        }
        if let Some(v) = patch.format_options {
            new.format_options = v;
        }
        if let Some(v) = patch.location {
            if v != new.location {
                self.check_location(principal, v.as_deref())?;
            }
            new.location = v;
        }
        if let Some(v) = new_columns {
            new.columns = v;
        }
        if let Some(v) = new_keys {
            new.partition_keys = v;
        }
        if let Some(v) = patch.business {
            new.business = v;
        }
        new.validate()?;
        let changes = diff(&old, new);
        if changes.is_empty() {
            return Ok(table);
        }
        let keys_changed = old
            .partition_keys
            .iter()
            .map(|k| (&k.name, &k.data_type))
            .ne(new.partition_keys.iter().map(|k| (&k.name, &k.data_type)));
        if keys_changed && partitions::any_exist(&mut tx.conn(), &table.id).await? {
            return Err(ServiceError::Conflict(
                "partition keys cannot change while the table has partitions; delete them first".to_owned(),
            )
            .into());
        }
        // write the new version; the version guard makes concurrent updates from one version exclusive
        let expected_version = table.version;
        table.version += 1;
        table.updated_at = Utc::now();
        if !tables::update_if_version(&mut tx.conn(), &table, expected_version).await? {
            return Err(TableError::VersionMismatch { expected: if_match.to_owned(), current: expected_version + 1 });
        }
        let version = TableVersion {
            version: table.version,
            author: principal.to_string(),
            created_at: table.updated_at,
            definition: table.definition.clone(),
            summary: changes.summary(),
        };
        tables::insert_version(&mut tx.conn(), &table.id, &version).await?;
        let event =
            Event::TableUpdated { database: database.to_owned(), table: name.to_owned(), version: table.version };
        outbox::append(&mut tx.conn(), &event).await?;
        tx.commit().await?;
        Ok(table)
    }

    pub async fn delete(&self, principal: &Principal, database: &str, name: &str) -> ServiceResult<()> {
        check_names(database, name)?;
        let mut tx = self.core.store.begin().await?;
        let table = tables::get(&mut tx.conn(), database, name).await?.ok_or_else(|| not_found(database, name))?;
        let columns = column_names(&table);
        self.core.check(principal, Privilege::Drop, &table_target(&table, &columns), || not_found(database, name))?;
        tables::delete(&mut tx.conn(), &table.id).await?;
        let key = table_key(database, name);
        grants::delete_on(&mut tx.conn(), std::slice::from_ref(&key), &[format!("data_filter:{database}.{name}.")])
            .await?;
        tags::delete_under(&mut tx.conn(), &key, &format!("column:{database}.{name}.")).await?;
        outbox::append(&mut tx.conn(), &Event::TableDeleted { database: database.to_owned(), table: name.to_owned() })
            .await?;
        tx.commit().await?;
        self.core.authz.refresh().await?;
        Ok(())
    }

    pub async fn list_versions(
        &self,
        principal: &Principal,
        database: &str,
        name: &str,
        max_results: Option<u32>,
        page_token: Option<&str>,
    ) -> ServiceResult<Page<TableVersion>> {
        let (table, access) = self.core.visible_table(principal, database, name).await?;
        let limit = page_size(max_results)?;
        let scope = format!("versions:{}", table.id);
        let after: i64 = self.core.pages.resume(&scope, page_token)?.unwrap_or(0);
        let mut items = tables::versions(&mut self.core.store.conn(), &table.id, after, u64::from(limit) + 1).await?;
        for v in &mut items {
            v.definition = visible_definition(&v.definition, &access);
        }
        self.redact_summaries(&table.id, &mut items, &access).await?;
        let next_page_token = if items.len() > limit as usize {
            items.truncate(limit as usize);
            items.last().map(|v| self.core.pages.encode(&scope, &v.version))
        } else {
            None
        };
        Ok(Page { items, next_page_token })
    }

    pub async fn get_version(
        &self,
        principal: &Principal,
        database: &str,
        name: &str,
        version: i64,
    ) -> ServiceResult<TableVersion> {
        let (table, access) = self.core.visible_table(principal, database, name).await?;
        let mut found = tables::version(&mut self.core.store.conn(), &table.id, version).await?.ok_or_else(|| {
            ServiceError::NotFound { kind: "version", name: format!("{database}.{name} version {version}") }
        })?;
        // History must not show columns the caller may not read today.
        found.definition = visible_definition(&found.definition, &access);
        let mut one = [found];
        self.redact_summaries(&table.id, &mut one, &access).await?;
        let [found] = one;
        Ok(found)
    }

    /// What changed from version `from` to version `to`.
    pub async fn diff_versions(
        &self,
        principal: &Principal,
        database: &str,
        name: &str,
        from: i64,
        to: i64,
    ) -> ServiceResult<TableDiff> {
        let old = self.get_version(principal, database, name, from).await?;
        let new = self.get_version(principal, database, name, to).await?;
        Ok(diff(&old.definition, &new.definition))
    }
}
