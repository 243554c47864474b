//! Delivery streams: define, list, show (with status), delete, and put records. Managing a
//! stream needs ALTER on its target table (or the stream.manage role); putting records needs
//! INSERT on it. A stream delivers as its owner (its creator) through the write capability.
//! Puts that succeed are audited as one summary record per stream, principal and minute
//! (requests, records, bytes, refused records), kept in memory until the minute ends: a
//! crash loses at most the current minute's summary, never a denial (those are audited one
//! by one, as every other request).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use serde_json::{Value, json};

use super::core::Core;
use super::stream_delivery::{AcceptError, Deliveries, Local};
use super::stream_write::{buffer_schema, error_table_input};
use super::tables::{TableInput, Tables};
use super::{ServiceError, ServiceResult};
use crate::audit::AuditLog;
use crate::authz::visible::{column_names, table_target};
use crate::domain::audit::{AuditEntry, Decision};
use crate::domain::event::Event;
use crate::domain::names::{DatabaseName, TableName};
use crate::domain::principal::{Principal, Privilege};
use crate::domain::role::{Action, Scope};
use crate::domain::stream::{Output, Stream, StreamDefinition};
use crate::domain::table::{Format, Table};
use crate::ingest::batch::Batch;
use crate::store::{Store, StoreError, outbox, streams, tables};

pub struct StreamInput {
    pub name: String,
    pub definition: StreamDefinition,
    /// The target table's schema, to create it when it does not exist.
    pub schema: Option<TableInput>,
}

/// A stream with what is known of its progress.
#[derive(Debug, Clone)]
pub struct StreamStatus {
    pub stream: Stream,
    pub delivered_records: i64,
    pub delivered_bytes: i64,
    pub failed_records: i64,
    pub deliveries: i64,
    pub last_delivery_at: Option<DateTime<Utc>>,
    /// This replica's buffer and counters since it started.
    pub local: Local,
    pub backlog_bytes: u64,
    /// The answering replica's log: appends and the fsyncs they shared.
    pub log: crate::ingest::wal::WalStats,
}

/// (stream, principal, minute)
type SummaryKey = (String, String, DateTime<Utc>);

#[derive(Debug, Default, Clone, Copy)]
struct Summary {
    requests: u64,
    records: u64,
    bytes: u64,
    refused: u64,
}

#[derive(Debug)]
pub struct Streams {
    core: Core,
    store: Store,
    audit: AuditLog,
    pub deliveries: Deliveries,
    /// (stream, principal, minute) -> what its puts did.
    summaries: Mutex<HashMap<SummaryKey, Summary>>,
}

fn not_found(name: &str) -> ServiceError {
    ServiceError::NotFound { kind: "stream", name: name.to_owned() }
}

fn invalid(message: String) -> ServiceError {
    crate::domain::stream::invalid(message).into()
}

impl Streams {
    pub fn new(core: Core, store: Store, audit: AuditLog, deliveries: Deliveries) -> Self {
        Self { core, store, audit, deliveries, summaries: Mutex::default() }
    }

    async fn table(&self, database: &str, name: &str) -> ServiceResult<Option<Table>> {
        Ok(tables::get(&mut self.store.conn(), database, name).await?)
    }

    /// ALTER on `table`, or the stream.manage role in its database.
    fn check_manage(&self, principal: &Principal, table: &Table) -> ServiceResult<()> {
        let names = column_names(table);
        let (db, name) = (table.database.clone(), table.name.to_string());
        self.core.check_or_role(principal, Privilege::Alter, Action::StreamManage, &table_target(table, &names), || {
            super::tables::not_found(&db, &name)
        })
    }

    pub async fn create(&self, principal: &Principal, input: StreamInput) -> ServiceResult<Stream> {
        // validate
        TableName::parse(&input.name)
            .map_err(|_| invalid(format!("invalid stream name `{}`: lowercase [a-z][a-z0-9_]*", input.name)))?;
        let def = input.definition;
        DatabaseName::parse(&def.database)?;
        TableName::parse(&def.table)?;
        TableName::parse(&def.error_table)?;
        def.validate()?;
        // the target: existing, or created from the declared schema
        let tables_service = Tables::new(self.core.clone());
        let (target, created) = match (self.table(&def.database, &def.table).await?, input.schema) {
            (Some(t), _) => (t, false),
            (None, Some(mut schema)) => {
                if matches!(def.output, Output::JsonLines { .. }) {
                    schema.format = Format::Json;
                }
                (tables_service.create(principal, &def.database, &def.table, schema).await?, true)
            }
            // Absent, as a table the caller may not see is: no hint of which.
            (None, None) => return Err(super::tables::not_found(&def.database, &def.table)),
        };
        let result = self.create_on(principal, input.name, def, &target).await;
        if result.is_err() && created {
            // Bad input leaves nothing behind: not the table made for the stream either.
            if let Err(e) = tables_service.delete(principal, &target.database, target.name.as_str()).await {
                tracing::warn!(error = %e, "the table created for a refused stream could not be deleted");
            }
        }
        result
    }

    async fn create_on(
        &self,
        principal: &Principal,
        name: String,
        def: StreamDefinition,
        target: &Table,
    ) -> ServiceResult<Stream> {
        let (tables_service, target) = (Tables::new(self.core.clone()), target.clone());
        // authorize: manage streams on the table, and write it (deliveries do, as the creator)
        self.check_manage(principal, &target)?;
        let names = column_names(&target);
        let (db, table) = (target.database.clone(), target.name.to_string());
        self.core.check(principal, Privilege::Insert, &table_target(&target, &names), || {
            super::tables::not_found(&db, &table)
        })?;
        if let Some(field) = &def.timestamp_field {
            if !target.definition.columns.iter().any(|c| c.name.as_str() == field) {
                return Err(invalid(format!("timestamp_field `{field}` is not a column of the table")));
            }
        }
        let wanted = if matches!(def.output, Output::Parquet) { Format::Parquet } else { Format::Json };
        if target.definition.format != wanted {
            return Err(invalid(format!(
                "table {}.{} is {}; the stream's output needs a {} table",
                def.database,
                def.table,
                target.definition.format.as_str(),
                wanted.as_str()
            )));
        }
        if let Some(sql) = &def.transform {
            crate::ingest::transform::check(sql, buffer_schema(&target))
                .await
                .map_err(|e| invalid(format!("the transform does not plan over `records`: {e}")))?;
        }
        if self.table(&def.database, &def.error_table).await?.is_none() {
            let input = error_table_input(target.definition.zone);
            match tables_service.create(principal, &def.database, &def.error_table, input).await {
                Ok(_) | Err(ServiceError::AlreadyExists { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        // write
        let stream = Stream {
            id: uuid::Uuid::now_v7().to_string(),
            name,
            definition: def,
            owner_id: principal.id.clone(),
            created_by: principal.to_string(),
            created_at: Utc::now(),
        };
        let mut tx = self.store.begin().await?;
        match streams::insert(&mut tx.conn(), &stream).await {
            Err(StoreError::UniqueViolation) => {
                return Err(ServiceError::AlreadyExists { kind: "stream", name: stream.name });
            }
            other => other?,
        }
        outbox::append(&mut tx.conn(), &Event::StreamCreated { name: stream.name.clone() }).await?;
        tx.commit().await?;
        self.deliveries.register(&stream);
        Ok(stream)
    }

    /// A stream the caller may see: its own, any with stream.read, or one on a table it may
    /// manage streams of. Others are absent.
    async fn find(&self, principal: &Principal, name: &str) -> ServiceResult<Stream> {
        let stream = streams::get(&mut self.store.conn(), name).await?.ok_or_else(|| not_found(name))?;
        if stream.owner_id == principal.id || self.core.authorizer().may(principal, Action::StreamRead, &Scope::Lake) {
            return Ok(stream);
        }
        crate::audit::context::note_hidden();
        Err(not_found(name))
    }

    pub async fn get(&self, principal: &Principal, name: &str) -> ServiceResult<StreamStatus> {
        let stream = self.find(principal, name).await?;
        let totals = streams::totals(&mut self.store.conn(), &stream.id).await?;
        let mut status = StreamStatus {
            local: self.deliveries.local(&stream.id),
            backlog_bytes: self.deliveries.backlog() as u64,
            log: self.deliveries.wal_stats(),
            stream,
            delivered_records: 0,
            delivered_bytes: 0,
            failed_records: 0,
            deliveries: 0,
            last_delivery_at: None,
        };
        for (target, point) in totals {
            if target == "table" {
                status.delivered_records += point.records;
                status.delivered_bytes += point.bytes;
                status.deliveries += point.deliveries;
            } else {
                status.failed_records += point.records;
            }
            status.last_delivery_at = status.last_delivery_at.max(point.delivered_at);
        }
        Ok(status)
    }

    pub async fn list(&self, principal: &Principal) -> ServiceResult<Vec<Stream>> {
        let everyone = self.core.authorizer().may(principal, Action::StreamRead, &Scope::Lake);
        let mut out = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let page = streams::list(&mut self.store.conn(), after.as_deref(), 500).await?;
            let done = page.len() < 500;
            after = page.last().map(|s| s.name.clone());
            out.extend(page.into_iter().filter(|s| everyone || s.owner_id == principal.id));
            if done {
                return Ok(out);
            }
        }
    }

    /// Deletes the stream; records it still buffers are dropped, the tables stay.
    pub async fn delete(&self, principal: &Principal, name: &str) -> ServiceResult<()> {
        let stream = streams::get(&mut self.store.conn(), name).await?.ok_or_else(|| not_found(name))?;
        let def = &stream.definition;
        match self.table(&def.database, &def.table).await? {
            Some(table) => self.check_manage(principal, &table)?,
            None if stream.owner_id == principal.id => {}
            None => {
                self.core.authorizer().require_role(principal, Action::StreamManage, &Scope::Lake)?;
            }
        }
        let mut tx = self.store.begin().await?;
        streams::delete(&mut tx.conn(), &stream.id).await?;
        outbox::append(&mut tx.conn(), &Event::StreamDeleted { name: stream.name.clone() }).await?;
        tx.commit().await?;
        self.deliveries.forget(&stream.id);
        Ok(())
    }

    /// Puts one request's records: INSERT on the target table, then the log. The answer has a
    /// result per record; refused records (too large, bad base64) fail alone.
    pub async fn put(&self, principal: &Principal, name: &str, batch: Batch) -> Result<Value, AcceptError> {
        let stream = streams::get(&mut self.store.conn(), name).await.map_err(ServiceError::from)?;
        let stream = stream.ok_or_else(|| not_found(name))?;
        let def = &stream.definition;
        let table = self.table(&def.database, &def.table).await?.ok_or_else(|| not_found(name))?;
        let names = column_names(&table);
        self.core.check(principal, Privilege::Insert, &table_target(&table, &names), || not_found(name))?;
        self.deliveries.register(&stream);
        let (records, bytes, refused) = (batch.records.len(), batch.record_bytes(), batch.refused.len());
        let answer = self.deliveries.accept(&stream, batch).await?;
        self.summarize(&stream.name, &principal.to_string(), records as u64, bytes as u64, refused as u64);
        Ok(answer)
    }

    pub(super) fn store(&self) -> &Store {
        &self.store
    }

    /// INSERT on the stream's table for its owner: a pull source writes as the owner.
    pub(super) async fn authorize_source(&self, stream: &Stream) -> ServiceResult<()> {
        let owner = self.core.authorizer().current(&stream.owner_id).ok_or_else(|| {
            ServiceError::Conflict(format!("the stream's owner {} no longer exists", stream.created_by))
        })?;
        let def = &stream.definition;
        let table = self.table(&def.database, &def.table).await?.ok_or_else(|| not_found(&stream.name))?;
        let names = column_names(&table);
        self.core.check(&owner, Privilege::Insert, &table_target(&table, &names), || not_found(&stream.name))?;
        Ok(())
    }

    /// A record from a pull source (authorized when its subscription started).
    pub(super) async fn put_from_source(&self, stream: &Stream, batch: Batch) -> Result<(), AcceptError> {
        self.deliveries.register(stream);
        let (records, bytes, refused) = (batch.records.len(), batch.record_bytes(), batch.refused.len());
        self.deliveries.accept(stream, batch).await?;
        self.summarize(&stream.name, &stream.created_by, records as u64, bytes as u64, refused as u64);
        Ok(())
    }

    fn summarize(&self, stream: &str, principal: &str, records: u64, bytes: u64, refused: u64) {
        let minute = Utc::now().duration_trunc(TimeDelta::minutes(1)).unwrap_or_else(|_| Utc::now());
        let mut all = self.summaries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let s = all.entry((stream.to_owned(), principal.to_owned(), minute)).or_default();
        s.requests += 1;
        s.records += records;
        s.bytes += bytes;
        s.refused += refused;
    }

    /// Writes the summaries of minutes that have ended (all of them with `everything`).
    pub async fn flush_summaries(&self, everything: bool) {
        let now = Utc::now().duration_trunc(TimeDelta::minutes(1)).unwrap_or_else(|_| Utc::now());
        let ended: Vec<(SummaryKey, Summary)> = {
            let mut all = self.summaries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let keys: Vec<_> = all.keys().filter(|(_, _, m)| everything || *m < now).cloned().collect();
            keys.into_iter().filter_map(|k| all.remove(&k).map(|v| (k, v))).collect()
        };
        for ((stream, principal, minute), s) in ended {
            let entry = AuditEntry {
                occurred_at: minute + TimeDelta::minutes(1),
                principal,
                client_addr: None,
                request_id: None,
                action: "stream_record.put_summary".to_owned(),
                resource: stream,
                decision: Decision::Allow,
                outcome: "ok".to_owned(),
                detail: json!({
                    "minute": minute, "requests": s.requests, "records": s.records,
                    "bytes": s.bytes, "refused_records": s.refused,
                }),
            };
            self.audit.record(entry, false).await;
        }
    }

    /// Delivers due buffers and writes put summaries until the process ends.
    pub fn spawn(self: Arc<Self>, sources: bool) -> tokio::task::JoinHandle<()> {
        let deliveries = self.deliveries.clone().run();
        let pulls = {
            let this = self.clone();
            async move {
                if sources {
                    super::stream_sources::run(this).await;
                }
            }
        };
        let upkeep = async move {
            let mut tick = tokio::time::interval(std::time::Duration::from_secs(5));
            loop {
                tick.tick().await;
                self.flush_summaries(false).await;
                let cutoff = Utc::now() - TimeDelta::hours(KEY_WINDOW_HOURS);
                if let Err(e) = streams::prune_keys(&mut self.store.conn(), cutoff).await {
                    tracing::warn!(error = %e, "pruning delivered idempotency keys failed");
                }
            }
        };
        tokio::spawn(async move {
            tokio::join!(deliveries, upkeep, pulls);
        })
    }
}

/// Delivered idempotency keys are remembered this long (a retry later is a new request).
pub const KEY_WINDOW_HOURS: i64 = 24;
