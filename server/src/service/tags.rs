//! Tags: keys with allowed values (administrators define them) and the tags on databases,
//! tables and columns (whoever may ALTER the resource sets them). Tag changes change what
//! tag-expression grants cover, so they refresh the policy before they are acknowledged.

use std::collections::{BTreeMap, BTreeSet};

use super::core::{column_names, table_target};
use super::{ServiceError, ServiceResult, core::Core};
use crate::domain::event::{Event, TagTarget};
use crate::domain::grant::{GrantResource, database_key, table_key};
use crate::domain::principal::{Principal, Privilege};
use crate::domain::role::{Action, Scope};
use crate::domain::tag::{self, TagKey, Tags};
use crate::domain::{ValidationCode, ValidationError};
use crate::store::{StoreError, grants, outbox, tables, tags};

fn invalid(message: String) -> ServiceError {
    ValidationError::new(ValidationCode::InvalidRequest, message).into()
}

fn key_not_found(key: &str) -> ServiceError {
    ServiceError::NotFound { kind: "tag key", name: key.to_owned() }
}

/// Tag keys and the tags on databases, tables and columns.
#[derive(Debug, Clone)]
pub struct Tagging {
    core: Core,
}

impl Tagging {
    pub fn new(core: Core) -> Self {
        Self { core }
    }

    pub fn list_keys(&self) -> Vec<TagKey> {
        self.core.authz.snapshot().tag_keys.values().cloned().collect()
    }

    pub fn get_key(&self, key: &str) -> ServiceResult<TagKey> {
        self.core.authz.snapshot().tag_keys.get(key).cloned().ok_or_else(|| key_not_found(key))
    }

    pub async fn create_key(
        &self,
        caller: &Principal,
        key: &str,
        values: BTreeSet<String>,
        description: Option<String>,
    ) -> ServiceResult<TagKey> {
        tag::validate_key(key)?;
        tag::validate_values(&values)?;
        self.core.authz.require_role(caller, Action::TagKeyManage, &Scope::Lake)?;
        let created =
            TagKey { key: key.to_owned(), allowed_values: values, description, created_by: caller.to_string() };
        let mut tx = self.core.store.begin().await?;
        match tags::insert_key(&mut tx.conn(), &created).await {
            Err(StoreError::UniqueViolation) => {
                return Err(ServiceError::AlreadyExists { kind: "tag key", name: key.to_owned() });
            }
            other => other?,
        }
        outbox::append(&mut tx.conn(), &Event::TagKeyCreated { key: key.to_owned() }).await?;
        tx.commit().await?;
        self.core.authz.refresh().await?;
        Ok(created)
    }

    /// Changes the allowed values; a value still set on some resource cannot be removed.
    pub async fn update_key(
        &self,
        caller: &Principal,
        key: &str,
        values: Option<BTreeSet<String>>,
        description: Option<Option<String>>,
    ) -> ServiceResult<TagKey> {
        if let Some(v) = &values {
            tag::validate_values(v)?;
        }
        self.core.authz.require_role(caller, Action::TagKeyManage, &Scope::Lake)?;
        let mut tx = self.core.store.begin().await?;
        let mut found = tags::get_key(&mut tx.conn(), key).await?.ok_or_else(|| key_not_found(key))?;
        if let Some(values) = values {
            let in_use = tags::values_in_use(&mut tx.conn(), key).await?;
            if let Some(v) = in_use.iter().find(|v| !values.contains(*v)) {
                return Err(ServiceError::Conflict(format!("value `{v}` of tag key `{key}` is still in use")));
            }
            found.allowed_values = values;
        }
        if let Some(description) = description {
            found.description = description;
        }
        tags::update_key(&mut tx.conn(), &found).await?;
        outbox::append(&mut tx.conn(), &Event::TagKeyUpdated { key: key.to_owned() }).await?;
        tx.commit().await?;
        self.core.authz.refresh().await?;
        Ok(found)
    }

    /// Deletes a key and every tag using it, unless a grant's tag expression names it.
    pub async fn delete_key(&self, caller: &Principal, key: &str) -> ServiceResult<()> {
        self.core.authz.require_role(caller, Action::TagKeyManage, &Scope::Lake)?;
        let mut tx = self.core.store.begin().await?;
        // Every grant counts, not only those the caller may see: a key in use stays.
        let used_by_grant = grants::all(&mut tx.conn())
            .await?
            .iter()
            .any(|g| matches!(&g.resource, GrantResource::TagExpression { tags, .. } if tags.contains_key(key)));
        if used_by_grant {
            return Err(ServiceError::Conflict(format!("tag key `{key}` is used by a grant; revoke it first")));
        }
        tags::get_key(&mut tx.conn(), key).await?.ok_or_else(|| key_not_found(key))?;
        tags::delete_key(&mut tx.conn(), key).await?;
        outbox::append(&mut tx.conn(), &Event::TagKeyDeleted { key: key.to_owned() }).await?;
        tx.commit().await?;
        self.core.authz.refresh().await?;
        Ok(())
    }

    fn check_tags(&self, tags: &Tags) -> ServiceResult<()> {
        let snapshot = self.core.authz.snapshot();
        for (key, value) in tags {
            // An unknown key is a missing resource (404), as Lake Formation's EntityNotFound.
            let defined = snapshot.tag_keys.get(key).ok_or_else(|| key_not_found(key))?;
            if !defined.allowed_values.contains(value) {
                // The key=value pair is not defined: a missing resource, like an unknown key.
                return Err(ServiceError::NotFound { kind: "tag", name: format!("{key}={value}") });
            }
        }
        Ok(())
    }

    pub async fn set_database_tags(
        &self,
        caller: &Principal,
        database: &str,
        tags_to_set: Tags,
    ) -> ServiceResult<Tags> {
        self.check_tags(&tags_to_set)?;
        let db = self.core.visible_database(caller, database).await?;
        self.core.check_or_role(
            caller,
            Privilege::Alter,
            Action::TagAssign,
            &super::core::database_target(&db),
            || super::databases::not_found(database),
        )?;
        let mut tx = self.core.store.begin().await?;
        tags::set(&mut tx.conn(), &database_key(database), &tags_to_set).await?;
        outbox::append(&mut tx.conn(), &Event::TagsSet { target: TagTarget::Database(database.to_owned()) }).await?;
        tx.commit().await?;
        self.core.authz.refresh().await?;
        Ok(tags_to_set)
    }

    /// Replaces the tags of a table and of its columns (columns not named lose theirs).
    pub async fn set_table_tags(
        &self,
        caller: &Principal,
        database: &str,
        table: &str,
        table_tags: Tags,
        column_tags: BTreeMap<String, Tags>,
    ) -> ServiceResult<()> {
        self.check_tags(&table_tags)?;
        for t in column_tags.values() {
            self.check_tags(t)?;
        }
        let (found, _) = self.core.visible_table(caller, database, table).await?;
        let names = column_names(&found);
        // Authorize before looking at column names: a reader must not probe for hidden ones.
        self.core.check_or_role(caller, Privilege::Alter, Action::TagAssign, &table_target(&found, &names), || {
            super::tables::not_found(database, table)
        })?;
        if let Some(unknown) = column_tags.keys().find(|c| !names.contains(c)) {
            return Err(invalid(format!("table {database}.{table} has no column `{unknown}`")));
        }
        let mut tx = self.core.store.begin().await?;
        // Re-read inside the transaction: the table may have gone meanwhile.
        tables::get(&mut tx.conn(), database, table).await?.ok_or_else(|| super::tables::not_found(database, table))?;
        let key = table_key(database, table);
        tags::set(&mut tx.conn(), &key, &table_tags).await?;
        for column in &names {
            let own = column_tags.get(column).cloned().unwrap_or_default();
            tags::set(&mut tx.conn(), &format!("column:{database}.{table}.{column}"), &own).await?;
        }
        let target = TagTarget::Table { database: database.to_owned(), table: table.to_owned() };
        outbox::append(&mut tx.conn(), &Event::TagsSet { target }).await?;
        tx.commit().await?;
        self.core.authz.refresh().await?;
        Ok(())
    }

    /// The tags set on a database (its own).
    pub async fn database_tags(&self, caller: &Principal, database: &str) -> ServiceResult<Tags> {
        self.core.visible_database(caller, database).await?;
        Ok(self.core.authz.snapshot().tags_of(&database_key(database)))
    }

    /// Own tags of a table and of the columns the caller may see.
    pub fn table_tags(&self, table: &crate::domain::table::Table) -> (Tags, BTreeMap<String, Tags>) {
        let snapshot = self.core.authz.snapshot();
        let own = snapshot.tags_of(&table_key(&table.database, table.name.as_str()));
        if !snapshot.has_column_tags(&table.database, table.name.as_str()) {
            return (own, BTreeMap::new());
        }
        let columns = table
            .definition
            .columns
            .iter()
            .filter_map(|c| {
                let t = snapshot.tags_of(&format!("column:{}.{}.{}", table.database, table.name, c.name));
                (!t.is_empty()).then(|| (c.name.to_string(), t))
            })
            .collect();
        (own, columns)
    }
}
