//! Databases: create, read, list, change, delete.

use std::collections::BTreeMap;

use chrono::Utc;
use serde_json::json;

use super::{Catalog, Page, ServiceError, ServiceResult, page_size};
use crate::domain::database::{Database, DatabasePatch};
use crate::domain::names::DatabaseName;
use crate::domain::principal::{Principal, Privilege, Resource};
use crate::domain::table::MAX_TEXT_LEN;
use crate::domain::{ValidationCode, ValidationError};
use crate::store::{StoreError, databases, outbox, tables};

#[derive(Debug, Clone, Default)]
pub struct NewDatabase {
    pub name: String,
    pub description: Option<String>,
    pub location: Option<String>,
    pub parameters: BTreeMap<String, String>,
}

fn check_len(field: &str, value: Option<&String>) -> Result<(), ValidationError> {
    match value {
        Some(v) if v.len() > MAX_TEXT_LEN => Err(ValidationError::new(
            ValidationCode::InvalidRequest,
            format!("{field} is longer than {MAX_TEXT_LEN} bytes"),
        )),
        _ => Ok(()),
    }
}

fn not_found(name: &str) -> ServiceError {
    ServiceError::NotFound { kind: "database", name: name.to_owned() }
}

fn event_payload(db: &Database) -> serde_json::Value {
    json!({ "id": db.id, "name": db.name.as_str() })
}

impl Catalog {
    pub async fn create_database(&self, principal: &Principal, new: NewDatabase) -> ServiceResult<Database> {
        // validate
        let name = DatabaseName::parse(&new.name)?;
        check_len("description", new.description.as_ref())?;
        check_len("location", new.location.as_ref())?;
        // authorize
        self.require(principal, Privilege::CreateDatabase, Resource::Catalog)?;
        // write, with its outbox event, in one transaction
        let now = Utc::now();
        let db = Database {
            id: uuid::Uuid::now_v7().to_string(),
            name,
            description: new.description,
            location: new.location,
            parameters: new.parameters,
            created_by: principal.to_string(),
            created_at: now,
            updated_at: now,
        };
        let mut tx = self.store.begin().await?;
        match databases::insert(&mut tx.conn(), &db).await {
            Err(StoreError::UniqueViolation) => {
                return Err(ServiceError::AlreadyExists { kind: "database", name: new.name });
            }
            other => other?,
        }
        outbox::append(&mut tx.conn(), "database.created", db.name.as_str(), &event_payload(&db)).await?;
        tx.commit().await?;
        Ok(db)
    }

    pub async fn get_database(&self, principal: &Principal, name: &str) -> ServiceResult<Database> {
        DatabaseName::parse(name)?;
        self.require(principal, Privilege::Describe, Resource::Database(name.to_owned()))?;
        databases::get(&mut self.store.conn(), name).await?.ok_or_else(|| not_found(name))
    }

    pub async fn list_databases(
        &self,
        principal: &Principal,
        max_results: Option<u32>,
        page_token: Option<&str>,
    ) -> ServiceResult<Page<Database>> {
        let limit = page_size(max_results)?;
        let after: Option<String> = page_token.map(|t| self.pages.decode("databases", t)).transpose()?;
        self.require(principal, Privilege::Describe, Resource::Catalog)?;
        let mut items = databases::list(&mut self.store.conn(), after.as_deref(), u64::from(limit) + 1).await?;
        let next_page_token = if items.len() > limit as usize {
            items.truncate(limit as usize);
            items.last().map(|db| self.pages.encode("databases", &db.name.as_str()))
        } else {
            None
        };
        Ok(Page { items, next_page_token })
    }

    pub async fn update_database(
        &self,
        principal: &Principal,
        name: &str,
        patch: DatabasePatch,
    ) -> ServiceResult<Database> {
        DatabaseName::parse(name)?;
        check_len("description", patch.description.as_ref().and_then(Option::as_ref))?;
        check_len("location", patch.location.as_ref().and_then(Option::as_ref))?;
        self.require(principal, Privilege::Alter, Resource::Database(name.to_owned()))?;
        let mut tx = self.store.begin().await?;
        let mut db = databases::get(&mut tx.conn(), name).await?.ok_or_else(|| not_found(name))?;
        db.apply(patch);
        db.updated_at = Utc::now();
        databases::update(&mut tx.conn(), &db).await?;
        outbox::append(&mut tx.conn(), "database.updated", name, &event_payload(&db)).await?;
        tx.commit().await?;
        Ok(db)
    }

    /// Deletes a database; with `cascade` also its tables, their versions and partitions.
    pub async fn delete_database(&self, principal: &Principal, name: &str, cascade: bool) -> ServiceResult<()> {
        DatabaseName::parse(name)?;
        self.require(principal, Privilege::Drop, Resource::Database(name.to_owned()))?;
        let mut tx = self.store.begin().await?;
        let db = databases::get(&mut tx.conn(), name).await?.ok_or_else(|| not_found(name))?;
        let children = tables::all_in_database(&mut tx.conn(), &db.id).await?;
        if !children.is_empty() && !cascade {
            return Err(ServiceError::DatabaseNotEmpty(name.to_owned()));
        }
        for (table_id, table_name) in &children {
            self.require(
                principal,
                Privilege::Drop,
                Resource::Table { database: name.to_owned(), table: table_name.clone() },
            )?;
            tables::delete(&mut tx.conn(), table_id).await?;
            let resource = format!("{name}.{table_name}");
            outbox::append(&mut tx.conn(), "table.deleted", &resource, &json!({ "id": table_id })).await?;
        }
        databases::delete(&mut tx.conn(), &db.id).await?;
        outbox::append(&mut tx.conn(), "database.deleted", name, &event_payload(&db)).await?;
        tx.commit().await?;
        Ok(())
    }
}
