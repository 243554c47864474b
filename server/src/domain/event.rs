//! The typed event stream: every change that another component must learn (the search index,
//! the policy cache, pipeline triggers, other replicas) is one of these, written to the outbox
//! in the change's transaction. One spelling of resources everywhere: `database:sales`,
//! `table:sales.orders`, `data_filter:sales.orders.eu`, `user:ann`, `tag_key:domain`,
//! `crawler:nightly`, grant resources as grant keys.

use serde_json::{Value, json};

/// What tags were set on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagTarget {
    Database(String),
    Table { database: String, table: String },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    DatabaseCreated {
        database: String,
    },
    DatabaseUpdated {
        database: String,
    },
    DatabaseDeleted {
        database: String,
    },
    TableCreated {
        database: String,
        table: String,
        version: i64,
    },
    TableUpdated {
        database: String,
        table: String,
        version: i64,
    },
    TableDeleted {
        database: String,
        table: String,
    },
    PartitionsAdded {
        database: String,
        table: String,
        count: u64,
    },
    PartitionsDeleted {
        database: String,
        table: String,
        count: u64,
    },
    /// A data file committed into a table (an upload, a pipeline or stream write).
    FileCommitted {
        database: String,
        table: String,
        path: String,
        bytes: u64,
    },
    TagsSet {
        target: TagTarget,
    },
    TagKeyCreated {
        key: String,
    },
    TagKeyUpdated {
        key: String,
    },
    TagKeyDeleted {
        key: String,
    },
    /// `resource` is the grant key (`table:sales.orders`, `catalog`, `tags:table:domain=sales`).
    GrantCreated {
        resource: String,
        principal: String,
        privileges: Vec<String>,
    },
    GrantRevoked {
        resource: String,
        principal: String,
        privileges: Vec<String>,
    },
    DataFilterCreated {
        database: String,
        table: String,
        name: String,
    },
    DataFilterDeleted {
        database: String,
        table: String,
        name: String,
    },
    /// `principal` is `kind:name`.
    PrincipalCreated {
        principal: String,
    },
    PrincipalUpdated {
        principal: String,
    },
    PrincipalDeleted {
        principal: String,
    },
    MemberAdded {
        group: String,
        member: String,
    },
    MemberRemoved {
        group: String,
        member: String,
    },
    /// `scope` is `*` or a database name.
    RoleAssigned {
        principal: String,
        role: String,
        scope: String,
    },
    RoleRevoked {
        principal: String,
        role: String,
        scope: String,
    },
    CrawlerCreated {
        name: String,
    },
    CrawlerDeleted {
        name: String,
    },
    StreamCreated {
        name: String,
    },
    StreamDeleted {
        name: String,
    },
    PipelineCreated {
        name: String,
        version: i64,
    },
    PipelineUpdated {
        name: String,
        version: i64,
    },
    PipelineDeleted {
        name: String,
    },
    /// A data-quality result was recorded for a table (search shows the latest).
    QualityRecorded {
        database: String,
        table: String,
    },
    /// A pipeline run ended (pipeline triggers follow these).
    PipelineRunFinished {
        name: String,
        run: String,
        status: String,
    },
    SigningKeyRotated {
        kid: String,
    },
    /// A kind this build does not know (written by a newer replica): kept, passed on, ignored.
    Unknown {
        kind: String,
        resource: String,
        payload: Value,
    },
}

fn table_resource(database: &str, table: &str) -> String {
    format!("table:{database}.{table}")
}

impl Event {
    /// The stable kind, e.g. `table.updated`.
    pub fn kind(&self) -> &str {
        match self {
            Self::DatabaseCreated { .. } => "database.created",
            Self::DatabaseUpdated { .. } => "database.updated",
            Self::DatabaseDeleted { .. } => "database.deleted",
            Self::TableCreated { .. } => "table.created",
            Self::TableUpdated { .. } => "table.updated",
            Self::TableDeleted { .. } => "table.deleted",
            Self::PartitionsAdded { .. } => "partitions.added",
            Self::PartitionsDeleted { .. } => "partitions.deleted",
            Self::FileCommitted { .. } => "file.committed",
            Self::QualityRecorded { .. } => "table.quality_recorded",
            Self::TagsSet { .. } => "tags.set",
            Self::TagKeyCreated { .. } => "tag_key.created",
            Self::TagKeyUpdated { .. } => "tag_key.updated",
            Self::TagKeyDeleted { .. } => "tag_key.deleted",
            Self::GrantCreated { .. } => "grant.created",
            Self::GrantRevoked { .. } => "grant.revoked",
            Self::DataFilterCreated { .. } => "data_filter.created",
            Self::DataFilterDeleted { .. } => "data_filter.deleted",
            Self::PrincipalCreated { .. } => "principal.created",
            Self::PrincipalUpdated { .. } => "principal.updated",
            Self::PrincipalDeleted { .. } => "principal.deleted",
            Self::MemberAdded { .. } => "group.member_added",
            Self::MemberRemoved { .. } => "group.member_removed",
            Self::RoleAssigned { .. } => "role.assigned",
            Self::RoleRevoked { .. } => "role.revoked",
            Self::CrawlerCreated { .. } => "crawler.created",
            Self::CrawlerDeleted { .. } => "crawler.deleted",
            Self::StreamCreated { .. } => "stream.created",
            Self::StreamDeleted { .. } => "stream.deleted",
            Self::PipelineCreated { .. } => "pipeline.created",
            Self::PipelineUpdated { .. } => "pipeline.updated",
            Self::PipelineDeleted { .. } => "pipeline.deleted",
            Self::PipelineRunFinished { .. } => "pipeline.run_finished",
            Self::SigningKeyRotated { .. } => "signing_key.rotated",
            Self::Unknown { kind, .. } => kind,
        }
    }

    /// The resource, in the one spelling.
    pub fn resource(&self) -> String {
        match self {
            Self::DatabaseCreated { database }
            | Self::DatabaseUpdated { database }
            | Self::DatabaseDeleted { database } => {
                format!("database:{database}")
            }
            Self::TableCreated { database, table, .. }
            | Self::TableUpdated { database, table, .. }
            | Self::TableDeleted { database, table }
            | Self::PartitionsAdded { database, table, .. }
            | Self::PartitionsDeleted { database, table, .. }
            | Self::FileCommitted { database, table, .. }
            | Self::QualityRecorded { database, table } => table_resource(database, table),
            Self::TagsSet { target: TagTarget::Database(database) } => format!("database:{database}"),
            Self::TagsSet { target: TagTarget::Table { database, table } } => table_resource(database, table),
            Self::TagKeyCreated { key } | Self::TagKeyUpdated { key } | Self::TagKeyDeleted { key } => {
                format!("tag_key:{key}")
            }
            Self::GrantCreated { resource, .. } | Self::GrantRevoked { resource, .. } => resource.clone(),
            Self::DataFilterCreated { database, table, name } | Self::DataFilterDeleted { database, table, name } => {
                format!("data_filter:{database}.{table}.{name}")
            }
            Self::PrincipalCreated { principal }
            | Self::PrincipalUpdated { principal }
            | Self::PrincipalDeleted { principal }
            | Self::RoleAssigned { principal, .. }
            | Self::RoleRevoked { principal, .. } => principal.clone(),
            Self::MemberAdded { group, .. } | Self::MemberRemoved { group, .. } => group.clone(),
            Self::CrawlerCreated { name } | Self::CrawlerDeleted { name } => format!("crawler:{name}"),
            Self::StreamCreated { name } | Self::StreamDeleted { name } => format!("stream:{name}"),
            Self::PipelineCreated { name, .. }
            | Self::PipelineUpdated { name, .. }
            | Self::PipelineDeleted { name }
            | Self::PipelineRunFinished { name, .. } => format!("pipeline:{name}"),
            Self::SigningKeyRotated { kid } => format!("signing_key:{kid}"),
            Self::Unknown { resource, .. } => resource.clone(),
        }
    }

    /// What the outbox row carries besides kind and resource.
    pub fn payload(&self) -> Value {
        match self {
            Self::TableCreated { version, .. } | Self::TableUpdated { version, .. } => json!({"version": version}),
            Self::PartitionsAdded { count, .. } | Self::PartitionsDeleted { count, .. } => json!({"count": count}),
            Self::FileCommitted { path, bytes, .. } => json!({"path": path, "bytes": bytes}),
            Self::PipelineCreated { version, .. } | Self::PipelineUpdated { version, .. } => {
                json!({"version": version})
            }
            Self::PipelineRunFinished { run, status, .. } => json!({"run": run, "status": status}),
            Self::GrantCreated { principal, privileges, .. } | Self::GrantRevoked { principal, privileges, .. } => {
                json!({"principal": principal, "privileges": privileges})
            }
            Self::MemberAdded { member, .. } | Self::MemberRemoved { member, .. } => json!({"member": member}),
            Self::RoleAssigned { role, scope, .. } | Self::RoleRevoked { role, scope, .. } => {
                json!({"role": role, "scope": scope})
            }
            Self::Unknown { payload, .. } => payload.clone(),
            _ => json!({}),
        }
    }

    /// Whether the event can change an authorization decision (so the policy cache reloads).
    /// Data events - partitions and files, at stream rates - cannot.
    pub fn touches_policy(&self) -> bool {
        !matches!(
            self,
            Self::PartitionsAdded { .. }
                | Self::PartitionsDeleted { .. }
                | Self::FileCommitted { .. }
                | Self::QualityRecorded { .. }
                | Self::CrawlerCreated { .. }
                | Self::CrawlerDeleted { .. }
                | Self::StreamCreated { .. }
                | Self::StreamDeleted { .. }
                | Self::PipelineCreated { .. }
                | Self::PipelineUpdated { .. }
                | Self::PipelineDeleted { .. }
                | Self::PipelineRunFinished { .. }
                | Self::SigningKeyRotated { .. }
        )
    }

    /// Reads an outbox row back. Rows written before the one spelling (`sales.orders` for
    /// tables, `sales` for databases) read the same.
    pub fn parse(kind: &str, resource: &str, payload: &Value) -> Event {
        parse_known(kind, resource, payload).unwrap_or_else(|| Event::Unknown {
            kind: kind.to_owned(),
            resource: resource.to_owned(),
            payload: payload.clone(),
        })
    }
}

/// Events of the work Tarn runs: crawlers and data-quality results.
fn parse_work(kind: &str, resource: &str) -> Option<Event> {
    let crawler = || resource.strip_prefix("crawler:").unwrap_or(resource).to_owned();
    let stream = || resource.strip_prefix("stream:").unwrap_or(resource).to_owned();
    Some(match kind {
        "stream.created" => Event::StreamCreated { name: stream() },
        "stream.deleted" => Event::StreamDeleted { name: stream() },
        "crawler.created" => Event::CrawlerCreated { name: crawler() },
        "crawler.deleted" => Event::CrawlerDeleted { name: crawler() },
        _ => {
            let (database, table) = resource.strip_prefix("table:")?.split_once('.')?;
            Event::QualityRecorded { database: database.to_owned(), table: table.to_owned() }
        }
    })
}

fn parse_pipeline(kind: &str, name: &str, payload: &Value) -> Option<Event> {
    let text = |key: &str| payload.get(key).and_then(Value::as_str).map(str::to_owned);
    let version = || payload.get("version").and_then(Value::as_i64);
    let name = name.to_owned();
    Some(match kind {
        "pipeline.created" => Event::PipelineCreated { name, version: version()? },
        "pipeline.updated" => Event::PipelineUpdated { name, version: version()? },
        "pipeline.deleted" => Event::PipelineDeleted { name },
        "pipeline.run_finished" => Event::PipelineRunFinished { name, run: text("run")?, status: text("status")? },
        _ => return None,
    })
}

fn parse_known(kind: &str, resource: &str, payload: &Value) -> Option<Event> {
    let text = |key: &str| payload.get(key).and_then(Value::as_str).map(str::to_owned);
    let number = |key: &str| payload.get(key).and_then(Value::as_i64);
    let strings = |key: &str| -> Vec<String> {
        payload
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect()
    };
    let database = || resource.strip_prefix("database:").unwrap_or(resource).to_owned();
    let table = || {
        let (d, t) = resource.strip_prefix("table:").unwrap_or(resource).split_once('.')?;
        Some((d.to_owned(), t.to_owned()))
    };
    let count = |key: &str| number("count").or_else(|| number(key)).unwrap_or(0).max(0) as u64;
    let after = |prefix: &str| resource.strip_prefix(prefix).unwrap_or(resource).to_owned();
    let filter = || {
        let rest = resource.strip_prefix("data_filter:")?;
        let (database, rest) = rest.split_once('.')?;
        let (table, name) = rest.split_once('.')?;
        Some((database.to_owned(), table.to_owned(), name.to_owned()))
    };
    Some(match kind {
        "database.created" => Event::DatabaseCreated { database: database() },
        "database.updated" => Event::DatabaseUpdated { database: database() },
        "database.deleted" => Event::DatabaseDeleted { database: database() },
        "table.created" | "table.updated" => {
            let (database, table) = table()?;
            let version = number("version").unwrap_or(0);
            if kind == "table.created" {
                Event::TableCreated { database, table, version }
            } else {
                Event::TableUpdated { database, table, version }
            }
        }
        "table.deleted" => {
            let (database, table) = table()?;
            Event::TableDeleted { database, table }
        }
        "partitions.added" => {
            let (database, table) = table()?;
            Event::PartitionsAdded { database, table, count: count("added") }
        }
        "partitions.deleted" => {
            let (database, table) = table()?;
            Event::PartitionsDeleted { database, table, count: count("deleted") }
        }
        "file.committed" | "file.uploaded" => {
            let (database, table) = table()?;
            let bytes = number("bytes").or_else(|| number("size")).unwrap_or(0).max(0) as u64;
            Event::FileCommitted { database, table, path: text("path")?, bytes }
        }
        "tags.set" => match resource.split_once(':') {
            Some(("database", db)) => Event::TagsSet { target: TagTarget::Database(db.to_owned()) },
            Some(("table", t)) => {
                let (database, table) = t.split_once('.')?;
                Event::TagsSet { target: TagTarget::Table { database: database.to_owned(), table: table.to_owned() } }
            }
            _ => return None,
        },
        "tag_key.created" => Event::TagKeyCreated { key: after("tag_key:") },
        "tag_key.updated" => Event::TagKeyUpdated { key: after("tag_key:") },
        "tag_key.deleted" => Event::TagKeyDeleted { key: after("tag_key:") },
        "grant.created" | "grant.revoked" => {
            let (resource, principal, privileges) = (resource.to_owned(), text("principal")?, strings("privileges"));
            if kind == "grant.created" {
                Event::GrantCreated { resource, principal, privileges }
            } else {
                Event::GrantRevoked { resource, principal, privileges }
            }
        }
        "data_filter.created" | "data_filter.deleted" => {
            let (database, table, name) = filter()?;
            if kind == "data_filter.created" {
                Event::DataFilterCreated { database, table, name }
            } else {
                Event::DataFilterDeleted { database, table, name }
            }
        }
        "principal.created" => Event::PrincipalCreated { principal: resource.to_owned() },
        "principal.updated" => Event::PrincipalUpdated { principal: resource.to_owned() },
        "principal.deleted" => Event::PrincipalDeleted { principal: resource.to_owned() },
        "group.member_added" => Event::MemberAdded { group: resource.to_owned(), member: text("member")? },
        "group.member_removed" => Event::MemberRemoved { group: resource.to_owned(), member: text("member")? },
        "role.assigned" | "role.revoked" => {
            let (principal, role, scope) = (resource.to_owned(), text("role")?, text("scope")?);
            if kind == "role.assigned" {
                Event::RoleAssigned { principal, role, scope }
            } else {
                Event::RoleRevoked { principal, role, scope }
            }
        }
        "crawler.created" | "crawler.deleted" | "table.quality_recorded" => return parse_work(kind, resource),
        "stream.created" | "stream.deleted" => return parse_work(kind, resource),
        k if k.starts_with("pipeline.") => return parse_pipeline(kind, &after("pipeline:"), payload),
        "signing_key.rotated" => Event::SigningKeyRotated { kid: after("signing_key:") },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_read_back_as_written_in_the_one_spelling() {
        let events = [
            Event::DatabaseCreated { database: "sales".into() },
            Event::TableUpdated { database: "sales".into(), table: "orders".into(), version: 3 },
            Event::PartitionsAdded { database: "sales".into(), table: "orders".into(), count: 2 },
            Event::FileCommitted { database: "s".into(), table: "t".into(), path: "year=1/a.parquet".into(), bytes: 9 },
            Event::TagsSet { target: TagTarget::Table { database: "sales".into(), table: "orders".into() } },
            Event::GrantCreated {
                resource: "table:s.t".into(),
                principal: "user:ann".into(),
                privileges: vec!["SELECT".into()],
            },
            Event::DataFilterDeleted { database: "s".into(), table: "t".into(), name: "eu".into() },
            Event::RoleRevoked { principal: "user:ann".into(), role: "auditor".into(), scope: "*".into() },
            Event::CrawlerCreated { name: "nightly".into() },
            Event::PipelineUpdated { name: "daily".into(), version: 2 },
            Event::PipelineRunFinished { name: "daily".into(), run: "r1".into(), status: "succeeded".into() },
            Event::QualityRecorded { database: "s".into(), table: "t".into() },
        ];
        for event in events {
            let back = Event::parse(event.kind(), &event.resource(), &event.payload());
            assert_eq!(back, event);
        }
        assert_eq!(Event::TableDeleted { database: "s".into(), table: "t".into() }.resource(), "table:s.t");
    }

    #[test]
    fn rows_in_the_old_spelling_read_the_same() {
        let old = Event::parse("table.updated", "sales.orders", &json!({"id": "x", "version": 2}));
        assert_eq!(old, Event::TableUpdated { database: "sales".into(), table: "orders".into(), version: 2 });
        let old = Event::parse("partitions.added", "sales.orders", &json!({"table_id": "x", "added": 5}));
        assert_eq!(old, Event::PartitionsAdded { database: "sales".into(), table: "orders".into(), count: 5 });
        let old = Event::parse("database.deleted", "sales", &json!({}));
        assert_eq!(old, Event::DatabaseDeleted { database: "sales".into() });
        assert!(matches!(Event::parse("pipeline.ran", "x", &json!({})), Event::Unknown { .. }));
    }
}
