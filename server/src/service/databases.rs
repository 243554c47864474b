//! Databases: create, read, list, change, delete.

use std::collections::BTreeMap;

use chrono::Utc;

use super::{Page, ServiceError, ServiceResult, core::Core, page_size};
use crate::authz::Target;
use crate::domain::database::{Database, DatabasePatch};
use crate::domain::event::Event;
use crate::domain::grant::database_key;
use crate::domain::names::DatabaseName;
use crate::domain::principal::{Principal, Privilege};
use crate::domain::table::MAX_TEXT_LEN;
use crate::domain::{ValidationCode, ValidationError};
use crate::store::{StoreError, databases, grants, outbox, tables, tags};

/// What deleting a database can fail with beyond the shared failures.
#[derive(Debug, thiserror::Error)]
pub enum DatabaseError {
    #[error("database `{0}` is not empty; delete its tables first or pass cascade=true")]
    NotEmpty(String),
    #[error(transparent)]
    Service(#[from] ServiceError),
}
shared_failures!(DatabaseError);

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

pub(super) fn not_found(name: &str) -> ServiceError {
    ServiceError::NotFound { kind: "database", name: name.to_owned() }
}

/// Databases: create, read, list, change, delete.
#[derive(Debug, Clone)]
pub struct Databases {
    core: Core,
}

impl Databases {
    pub fn new(core: Core) -> Self {
        Self { core }
    }

    pub async fn create(&self, principal: &Principal, new: NewDatabase) -> ServiceResult<Database> {
        // validate
        let name = DatabaseName::parse(&new.name)?;
        check_len("description", new.description.as_ref())?;
        check_len("location", new.location.as_ref())?;
        // authorize
        self.core.check(principal, Privilege::CreateDatabase, &Target::Catalog, || not_found(&new.name))?;
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
        let mut tx = self.core.store.begin().await?;
        match databases::insert(&mut tx.conn(), &db).await {
            Err(StoreError::UniqueViolation) => {
                return Err(ServiceError::AlreadyExists { kind: "database", name: new.name });
            }
            other => other?,
        }
        outbox::append(&mut tx.conn(), &Event::DatabaseCreated { database: db.name.to_string() }).await?;
        tx.commit().await?;
        Ok(db)
    }

    pub async fn get(&self, principal: &Principal, name: &str) -> ServiceResult<Database> {
        self.core.visible_database(principal, name).await
    }

    /// The databases the caller may see, by name.
    pub async fn list(
        &self,
        principal: &Principal,
        max_results: Option<u32>,
        page_token: Option<&str>,
    ) -> ServiceResult<Page<Database>> {
        let limit = page_size(max_results)? as usize;
        let mut after: Option<String> = self.core.pages.resume("databases", page_token)?;
        let mut items = Vec::new();
        // Read in chunks and keep the visible ones until a page (plus one) is full.
        loop {
            let chunk = databases::list(&mut self.core.store.conn(), after.as_deref(), 500).await?;
            let exhausted = chunk.len() < 500;
            after = chunk.last().map(|db| db.name.to_string());
            items.extend(chunk.into_iter().filter(|db| self.core.sees_database(principal, db)));
            if exhausted || items.len() > limit {
                break;
            }
        }
        let next_page_token = if items.len() > limit {
            items.truncate(limit);
            items.last().map(|db| self.core.pages.encode("databases", &db.name.as_str()))
        } else {
            None
        };
        Ok(Page { items, next_page_token })
    }

    pub async fn update(&self, principal: &Principal, name: &str, patch: DatabasePatch) -> ServiceResult<Database> {
        DatabaseName::parse(name)?;
        check_len("description", patch.description.as_ref().and_then(Option::as_ref))?;
        check_len("location", patch.location.as_ref().and_then(Option::as_ref))?;
        let mut tx = self.core.store.begin().await?;
        let mut db = databases::get(&mut tx.conn(), name).await?.ok_or_else(|| not_found(name))?;
        self.core.check_database(principal, Privilege::Alter, &db)?;
        db.apply(patch);
        db.updated_at = Utc::now();
        databases::update(&mut tx.conn(), &db).await?;
        outbox::append(&mut tx.conn(), &Event::DatabaseUpdated { database: name.to_owned() }).await?;
        tx.commit().await?;
        Ok(db)
    }

    /// Deletes a database; with `cascade` also its tables, their versions, partitions, tags
    /// and grants.
    pub async fn delete(&self, principal: &Principal, name: &str, cascade: bool) -> Result<(), DatabaseError> {
        DatabaseName::parse(name)?;
        let mut tx = self.core.store.begin().await?;
        let db = databases::get(&mut tx.conn(), name).await?.ok_or_else(|| not_found(name))?;
        self.core.check_database(principal, Privilege::Drop, &db)?;
        let children = tables::all_in_database(&mut tx.conn(), &db.id).await?;
        if !children.is_empty() && !cascade {
            return Err(DatabaseError::NotEmpty(name.to_owned()));
        }
        for (table_id, table_name) in &children {
            tables::delete(&mut tx.conn(), table_id).await?;
            let event = Event::TableDeleted { database: name.to_owned(), table: table_name.clone() };
            outbox::append(&mut tx.conn(), &event).await?;
        }
        let key = database_key(name);
        grants::delete_on(
            &mut tx.conn(),
            std::slice::from_ref(&key),
            &[format!("table:{name}."), format!("data_filter:{name}.")],
        )
        .await?;
        tags::delete_under(&mut tx.conn(), &key, &format!("table:{name}.")).await?;
        tags::delete_under(&mut tx.conn(), &key, &format!("column:{name}.")).await?;
        databases::delete(&mut tx.conn(), &db.id).await?;
        outbox::append(&mut tx.conn(), &Event::DatabaseDeleted { database: name.to_owned() }).await?;
        tx.commit().await?;
        self.core.authz.refresh().await?;
        Ok(())
    }
}
