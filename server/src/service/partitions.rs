//! Partitions: batch add, filtered listing, batch delete. Batches are all-or-nothing.

use std::collections::{BTreeMap, HashSet};

use chrono::Utc;

use super::core::{column_names, table_target};
use super::{Page, ServiceError, ServiceResult, core::Core, page_size, tables::not_found};
use crate::domain::event::Event;
use crate::domain::names::{DatabaseName, TableName};
use crate::domain::partition::{MAX_BATCH, Partition, SlotFilter, Slots, compile_filter, encode_values};
use crate::domain::partition_filter::{FilterExpr, parse_filter};
use crate::domain::principal::{Principal, Privilege};
use crate::domain::table::{Format, Table};
use crate::domain::{ValidationCode, ValidationError};
use crate::store::{StoreError, outbox, partitions, tables};

/// Comparisons a filter may hold; SQLite's expression depth limit (1000) stays far away.
const MAX_FILTER_TERMS: usize = 200;

#[derive(Debug, Clone, Default)]
pub struct PartitionInput {
    pub values: Vec<String>,
    pub location: Option<String>,
    pub format: Option<Format>,
    pub parameters: BTreeMap<String, String>,
}

fn check_batch(len: usize) -> Result<(), ValidationError> {
    if len == 0 || len > MAX_BATCH {
        return Err(ValidationError::new(
            ValidationCode::InvalidRequest,
            format!("a batch holds between 1 and {MAX_BATCH} partitions, got {len}"),
        ));
    }
    Ok(())
}

fn terms(expr: &FilterExpr) -> usize {
    match expr {
        FilterExpr::Compare { .. } => 1,
        FilterExpr::In { values, .. } => values.len().max(1),
        FilterExpr::Between { .. } => 2,
        FilterExpr::And(a, b) | FilterExpr::Or(a, b) => terms(a) + terms(b),
        FilterExpr::Not(a) => terms(a),
    }
}

/// Parses and types a filter against the table's partition keys.
fn typed_filter(table: &Table, text: &str) -> Result<SlotFilter, ValidationError> {
    let expr = parse_filter(text).map_err(|e| ValidationError::new(ValidationCode::InvalidFilter, e.to_string()))?;
    if terms(&expr) > MAX_FILTER_TERMS {
        return Err(ValidationError::new(
            ValidationCode::InvalidFilter,
            format!("the filter has more than {MAX_FILTER_TERMS} comparisons"),
        ));
    }
    compile_filter(&expr, &table.definition.partition_keys)
}

fn duplicate_in_batch(slots: &[Slots], inputs: &[Vec<String>]) -> Option<Vec<String>> {
    let mut seen = HashSet::new();
    slots.iter().zip(inputs).find(|(s, _)| !seen.insert(*s)).map(|(_, v)| v.clone())
}

/// Partitions of a table: add, list by filter, delete.
#[derive(Debug, Clone)]
pub struct Partitions {
    core: Core,
}

impl Partitions {
    pub fn new(core: Core) -> Self {
        Self { core }
    }

    /// The table, once the caller holds `privilege` on it, if it is partitioned.
    async fn partitioned_table(
        &self,
        tx: &mut crate::store::Tx,
        principal: &Principal,
        privilege: Privilege,
        database: &str,
        table: &str,
    ) -> ServiceResult<Table> {
        let found = tables::get(&mut tx.conn(), database, table).await?.ok_or_else(|| not_found(database, table))?;
        let columns = column_names(&found);
        self.core.check(principal, privilege, &table_target(&found, &columns), || not_found(database, table))?;
        if found.definition.partition_keys.is_empty() {
            return Err(ValidationError::new(
                ValidationCode::InvalidPartitionValues,
                format!("table {database}.{table} has no partition keys"),
            )
            .into());
        }
        Ok(found)
    }

    pub async fn add(
        &self,
        principal: &Principal,
        database: &str,
        table: &str,
        inputs: Vec<PartitionInput>,
    ) -> ServiceResult<usize> {
        self.insert_partitions(principal, database, table, inputs, false).await
    }

    /// Adds the partitions that do not exist yet (crawlers re-discover known ones); returns how
    /// many were new.
    pub async fn add_missing(
        &self,
        principal: &Principal,
        database: &str,
        table: &str,
        inputs: Vec<PartitionInput>,
    ) -> ServiceResult<usize> {
        self.insert_partitions(principal, database, table, inputs, true).await
    }

    async fn insert_partitions(
        &self,
        principal: &Principal,
        database: &str,
        table: &str,
        inputs: Vec<PartitionInput>,
        skip_existing: bool,
    ) -> ServiceResult<usize> {
        // validate what needs no table
        DatabaseName::parse(database)?;
        TableName::parse(table)?;
        check_batch(inputs.len())?;
        let mut tx = self.core.store.begin().await?;
        // authorize: adding partitions registers data, as an INSERT does
        let found = self.partitioned_table(&mut tx, principal, Privilege::Insert, database, table).await?;
        // validate every value against the keys before writing anything
        let keys = &found.definition.partition_keys;
        let now = Utc::now();
        let mut batch = Vec::with_capacity(inputs.len());
        for input in inputs {
            let slots = encode_values(keys, &input.values)?;
            let partition = Partition {
                values: input.values,
                location: input.location,
                format: input.format,
                parameters: input.parameters,
                created_at: now,
            };
            batch.push((slots, partition));
        }
        let all_slots: Vec<Slots> = batch.iter().map(|(s, _)| s.clone()).collect();
        let all_values: Vec<Vec<String>> = batch.iter().map(|(_, p)| p.values.clone()).collect();
        if let Some(values) = duplicate_in_batch(&all_slots, &all_values) {
            return Err(ServiceError::AlreadyExists { kind: "partition", name: format!("({})", values.join(", ")) });
        }
        if skip_existing {
            let added = partitions::insert_missing(&mut tx.conn(), &found.id, &batch).await?;
            if added > 0 {
                let event = Event::PartitionsAdded { database: database.into(), table: table.into(), count: added };
                outbox::append(&mut tx.conn(), &event).await?;
            }
            tx.commit().await?;
            return Ok(added as usize);
        }
        match partitions::insert_batch(&mut tx.conn(), &found.id, &batch).await {
            Err(StoreError::UniqueViolation) => {
                drop(tx);
                let existing = partitions::first_existing(&mut self.core.store.conn(), &found.id, &all_slots).await?;
                let name = existing.map_or_else(|| "in this batch".to_owned(), |v| format!("({})", v.join(", ")));
                return Err(ServiceError::AlreadyExists { kind: "partition", name });
            }
            other => other?,
        }
        let count = batch.len() as u64;
        outbox::append(
            &mut tx.conn(),
            &Event::PartitionsAdded { database: database.into(), table: table.into(), count },
        )
        .await?;
        tx.commit().await?;
        self.core.store.refresh_statistics().await;
        Ok(batch.len())
    }

    pub async fn delete(
        &self,
        principal: &Principal,
        database: &str,
        table: &str,
        values: Vec<Vec<String>>,
    ) -> ServiceResult<usize> {
        DatabaseName::parse(database)?;
        TableName::parse(table)?;
        check_batch(values.len())?;
        let mut tx = self.core.store.begin().await?;
        let found = self.partitioned_table(&mut tx, principal, Privilege::Delete, database, table).await?;
        let keys = &found.definition.partition_keys;
        let slots = values.iter().map(|v| encode_values(keys, v)).collect::<Result<Vec<_>, _>>()?;
        for (slots, raw) in slots.iter().zip(&values) {
            if !partitions::delete_one(&mut tx.conn(), &found.id, slots).await? {
                return Err(ServiceError::NotFound { kind: "partition", name: format!("({})", raw.join(", ")) });
            }
        }
        let count = values.len() as u64;
        outbox::append(
            &mut tx.conn(),
            &Event::PartitionsDeleted { database: database.into(), table: table.into(), count },
        )
        .await?;
        tx.commit().await?;
        Ok(values.len())
    }

    pub async fn list(
        &self,
        principal: &Principal,
        database: &str,
        table: &str,
        filter: Option<&str>,
        max_results: Option<u32>,
        page_token: Option<&str>,
    ) -> ServiceResult<Page<Partition>> {
        let (found, _) = self.core.visible_table(principal, database, table).await?;
        let columns = column_names(&found);
        self.core.authz.require(principal, Privilege::Select, &table_target(&found, &columns))?;
        let limit = page_size(max_results)?;
        let filter_text = filter.map(str::trim).filter(|f| !f.is_empty());
        let typed = filter_text.map(|f| typed_filter(&found, f)).transpose()?;
        // The token is bound to this table (by id, so not to a re-created namesake) and filter.
        let scope = format!("partitions:{}:{}", found.id, filter_text.unwrap_or(""));
        let after: Option<Slots> = self.core.pages.resume(&scope, page_token)?;
        let key_count = found.definition.partition_keys.len();
        let mut conn = self.core.store.conn();
        let mut rows =
            partitions::list(&mut conn, &found.id, key_count, typed.as_ref(), after.as_ref(), u64::from(limit) + 1)
                .await?;
        let next_page_token = match rows.len() > limit as usize {
            true => {
                rows.truncate(limit as usize);
                let last = rows.last().map(|p| encode_values(&found.definition.partition_keys, &p.values));
                last.transpose()?.map(|slots| self.core.pages.encode(&scope, &slots))
            }
            false => None,
        };
        Ok(Page { items: rows, next_page_token })
    }
}
