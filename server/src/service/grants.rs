//! Grants and revokes, with Lake Formation's rules: a principal may pass on only what it
//! holds with grant option, never more; administrators may grant anything. Also answers
//! "what may P do on R, and why?".

use std::collections::BTreeSet;

use chrono::Utc;
use serde_json::json;

use super::core::{column_names, database_target, table_target};
use super::principals::parse_ref;
use super::{ServiceError, core::Core};
use crate::authz::{Access, GrantRefusal, Reason, RowAccess, Target};
use crate::domain::event::Event;
use crate::domain::grant::{ColumnScope, Grant, GrantResource};
use crate::domain::names::{DatabaseName, TableName};
use crate::domain::principal::{Principal, Privilege};
use crate::domain::role::{Action, Scope};
use crate::domain::table::Table;
use crate::domain::{ValidationCode, ValidationError};
use crate::store::{databases, grants, outbox, tables};

/// A grant or revoke request.
/// What granting and revoking can fail with beyond the shared failures.
#[derive(Debug, thiserror::Error)]
pub enum GrantError {
    /// The caller lacks the grant option on what it tries to grant.
    #[error("{0}")]
    NoGrantOption(String),
    #[error(transparent)]
    Service(#[from] ServiceError),
}
shared_failures!(GrantError);

type Result<T, E = GrantError> = std::result::Result<T, E>;

#[derive(Debug, Clone)]
pub struct GrantRequest {
    pub principal: String,
    pub resource: GrantResource,
    pub privileges: Vec<Privilege>,
    pub columns: ColumnScope,
    pub grantable: bool,
}

/// The answer to "what may P do on R, and why?".
#[derive(Debug, Clone)]
pub struct Effective {
    pub principal: Principal,
    pub access: Access,
    /// For a table: every column and whether P may read it.
    pub columns: Vec<(String, bool)>,
    /// Each privilege held, with the reasons and the grants behind it (as the caller may
    /// see them), holder names resolved.
    pub privileges: Vec<Explained>,
    /// The rows SELECT reaches: `all`, `none` or `filtered` (by `row_filters`).
    pub rows: &'static str,
    pub row_filters: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Explained {
    pub privilege: Privilege,
    pub grantable: bool,
    /// `role lake_admin`, `owner (user:ann)`, `grant on table:sales.orders`.
    pub because: Vec<String>,
    pub grants: Vec<(Grant, String)>,
}

/// Where a grant on `resource` is managed: its database, or the lake for the catalog,
/// locations and tag expressions.
fn grant_scope(resource: &GrantResource) -> Scope {
    match resource {
        GrantResource::Database(db) | GrantResource::Table { database: db, .. } => Scope::Database(db.clone()),
        GrantResource::DataFilter { database, .. } => Scope::Database(database.clone()),
        GrantResource::Catalog | GrantResource::Location(_) | GrantResource::TagExpression { .. } => Scope::Lake,
    }
}

/// A grant as someone without grant.read may see it: an exclusion list names columns the
/// holder cannot read, so it is not shown.
fn redacted(mut grant: Grant) -> Grant {
    if let ColumnScope::Exclude(columns) = &mut grant.columns {
        columns.clear();
    }
    grant
}

fn invalid(message: String) -> GrantError {
    ValidationError::new(ValidationCode::InvalidRequest, message).into()
}

/// What the event of a grant or revoke carries: resource, grantee, privileges.
fn event_fields(grantee: &Principal, request: &GrantRequest) -> (String, String, Vec<String>) {
    let privileges = request.privileges.iter().map(|p| p.as_str().to_owned()).collect();
    (request.resource.key(), grantee.to_string(), privileges)
}

/// What the audit record of a grant or revoke names: the resource, grantee and privileges.
fn note_for_audit(request: &GrantRequest) {
    crate::audit::context::set_resource(request.resource.key());
    crate::audit::context::add_detail("grantee", json!(request.principal));
    let privileges: Vec<&str> = request.privileges.iter().map(|p| p.as_str()).collect();
    crate::audit::context::add_detail("privileges", json!(privileges));
}

enum Resolved {
    Catalog,
    Database(crate::domain::database::Database),
    Table(Box<Table>),
    Other,
}

/// Grants and revokes, and what a principal may do.
#[derive(Debug, Clone)]
pub struct Grants {
    core: Core,
}

impl Grants {
    pub fn new(core: Core) -> Self {
        Self { core }
    }

    /// The table a grant names, if it exists and the caller may see it (the same answer
    /// either way, so grant requests cannot probe for hidden tables).
    async fn table_for_grant(&self, caller: &Principal, database: &str, table: &str) -> Result<Table> {
        let found = tables::get(&mut self.core.store.conn(), database, table)
            .await?
            .ok_or_else(|| super::tables::not_found(database, table))?;
        let columns = column_names(&found);
        self.core
            .authz
            .require_visible(caller, &table_target(&found, &columns))
            .map_err(|_| super::tables::not_found(database, table))?;
        Ok(found)
    }

    /// Checks the resource exists for the caller (and the columns, tag keys and values it names).
    async fn resolve(&self, caller: &Principal, resource: &GrantResource, columns: &ColumnScope) -> Result<Resolved> {
        let missing_db = |db: &str| ServiceError::NotFound { kind: "database", name: db.to_owned() };
        match resource {
            GrantResource::Catalog => Ok(Resolved::Catalog),
            GrantResource::Database(db) => {
                let found = databases::get(&mut self.core.store.conn(), db).await?.ok_or_else(|| missing_db(db))?;
                self.core.authz.require_visible(caller, &database_target(&found)).map_err(|_| missing_db(db))?;
                Ok(Resolved::Database(found))
            }
            GrantResource::Table { database, table } => {
                let found = self.table_for_grant(caller, database, table).await?;
                // Partition keys name the table's folders: every reader of the table reads them,
                // so an include list may name them (a no-op) and an exclude list may not.
                let keys: BTreeSet<String> =
                    found.definition.partition_keys.iter().map(|k| k.name.to_string()).collect();
                if let ColumnScope::Exclude(excluded) = columns {
                    if let Some(key) = excluded.iter().find(|c| keys.contains(*c)) {
                        return Err(invalid(format!(
                            "`{key}` is a partition key of {database}.{table}: partition keys are readable by every reader of the table and cannot be excluded"
                        )));
                    }
                }
                let known: BTreeSet<String> = column_names(&found).into_iter().chain(keys).collect();
                if let Some(unknown) = columns.columns().into_iter().find(|c| !known.contains(c)) {
                    return Err(invalid(format!("table {database}.{table} has no column `{unknown}`")));
                }
                Ok(Resolved::Table(Box::new(found)))
            }
            GrantResource::DataFilter { database, table, name } => {
                let found = self.table_for_grant(caller, database, table).await?;
                let filters = crate::store::data_filters::for_table(&mut self.core.store.conn(), &found.id).await?;
                if !filters.iter().any(|f| &f.name == name) {
                    return Err(ServiceError::NotFound {
                        kind: "data filter",
                        name: format!("{database}.{table}.{name}"),
                    }
                    .into());
                }
                // Passing on a filter needs grant option on the table itself.
                Ok(Resolved::Table(Box::new(found)))
            }
            GrantResource::Location(_) => Ok(Resolved::Other),
            GrantResource::TagExpression { tags, .. } => {
                let snapshot = self.core.authz.snapshot();
                for (key, values) in tags {
                    let defined = snapshot
                        .tag_keys
                        .get(key)
                        .ok_or_else(|| ServiceError::NotFound { kind: "tag key", name: key.clone() })?;
                    if let Some(bad) = values.iter().find(|v| !defined.allowed_values.contains(*v)) {
                        return Err(ServiceError::NotFound { kind: "tag", name: format!("{key}={bad}") }.into());
                    }
                }
                Ok(Resolved::Other)
            }
        }
    }

    /// Grant option: the caller holds each privilege grantable, and for SELECT at least the
    /// columns it passes on.
    fn authorize_grant(&self, caller: &Principal, request: &GrantRequest, resolved: &Resolved) -> Result<()> {
        // A role allowing grant.manage where the resource is (a data steward in its database, a
        // lake administrator anywhere) grants without holding the privileges.
        let scope = grant_scope(&request.resource);
        if self.core.authz.may(caller, Action::GrantManage, &scope) {
            return Ok(());
        }
        let refusal = match resolved {
            Resolved::Catalog => self
                .core
                .authz
                .require_grant_option(caller, &Target::Catalog, &request.privileges, &request.columns)
                .err(),
            Resolved::Database(db) => self
                .core
                .authz
                .require_grant_option(caller, &database_target(db), &request.privileges, &request.columns)
                .err(),
            Resolved::Table(t) => {
                let columns = column_names(t);
                self.core
                    .authz
                    .require_grant_option(caller, &table_target(t, &columns), &request.privileges, &request.columns)
                    .err()
            }
            // Locations and tag expressions: only a role passes these on.
            Resolved::Other => {
                self.core.authz.require_role(caller, Action::GrantManage, &scope)?;
                return Ok(());
            }
        };
        match refusal {
            None => Ok(()),
            Some(GrantRefusal::NoOption(message)) => Err(GrantError::NoGrantOption(message)),
            Some(GrantRefusal::Hidden) => Err(match resolved {
                Resolved::Table(t) => super::tables::not_found(&t.database, t.name.as_str()).into(),
                Resolved::Database(db) => super::databases::not_found(db.name.as_str()).into(),
                _ => GrantError::NoGrantOption("you may not grant on the catalog".to_owned()),
            }),
        }
    }

    /// Checks the request's form (no lookups).
    fn validate_request(&self, request: &GrantRequest) -> Result<()> {
        if request.privileges.is_empty() {
            return Err(invalid("name at least one privilege".to_owned()));
        }
        request.columns.validate()?;
        for privilege in &request.privileges {
            request.resource.validate(*privilege, &request.columns)?;
        }
        parse_ref(&request.principal)?;
        Ok(())
    }

    /// The grantee; looked up only after the caller was authorized.
    fn grantee(&self, request: &GrantRequest) -> Result<Principal> {
        let (kind, name) = parse_ref(&request.principal)?;
        self.core
            .authz
            .snapshot()
            .find(kind, &name)
            .cloned()
            .ok_or(ServiceError::NotFound { kind: kind.as_str(), name }.into())
    }

    /// The steps grant and revoke share, in this order so nothing is revealed before the
    /// caller is authorized: check the form, find the resource as the caller sees it,
    /// check grant option, and only then look up the grantee.
    async fn admit(&self, caller: &Principal, request: &GrantRequest) -> Result<Principal> {
        note_for_audit(request);
        self.validate_request(request)?;
        let resolved = self.resolve(caller, &request.resource, &request.columns).await?;
        self.authorize_grant(caller, request, &resolved)?;
        self.grantee(request)
    }

    pub async fn grant(&self, caller: &Principal, request: GrantRequest) -> Result<Vec<Grant>> {
        // validate and authorize
        let grantee = self.admit(caller, &request).await?;
        // write: merge into an existing grant of the same scope, or add one
        let mut tx = self.core.store.begin().await?;
        let mut written = Vec::new();
        for privilege in &request.privileges {
            let existing =
                grants::find(&mut tx.conn(), &grantee.id, &request.resource, *privilege, request.columns.kind())
                    .await?;
            let grant = match existing {
                Some(mut old) => {
                    let merged = match (&old.columns, &request.columns) {
                        (ColumnScope::Include(a), ColumnScope::Include(b)) => ColumnScope::Include(a | b),
                        // Fewer exclusions means more access: keep only what both exclude.
                        (ColumnScope::Exclude(a), ColumnScope::Exclude(b)) => ColumnScope::Exclude(a & b),
                        (scope, _) => scope.clone(),
                    };
                    old.grantable |= request.grantable;
                    old.columns = merged;
                    grants::update(
                        &mut tx.conn(),
                        &old.id,
                        &old.columns.columns().into_iter().collect(),
                        old.grantable,
                    )
                    .await?;
                    old
                }
                None => {
                    let grant = Grant {
                        id: uuid::Uuid::now_v7().to_string(),
                        principal_id: grantee.id.clone(),
                        resource: request.resource.clone(),
                        privilege: *privilege,
                        columns: request.columns.clone(),
                        grantable: request.grantable,
                        granted_by: caller.to_string(),
                        created_at: Utc::now(),
                    };
                    grants::insert(&mut tx.conn(), &grant).await?;
                    grant
                }
            };
            written.push(grant);
        }
        let (resource, principal, privileges) = event_fields(&grantee, &request);
        outbox::append(&mut tx.conn(), &Event::GrantCreated { resource, principal, privileges }).await?;
        tx.commit().await?;
        // The new policy is in force before the caller hears back.
        self.core.authz.refresh().await?;
        Ok(written)
    }

    /// Revokes privileges; with a column list only those columns of an include-list grant.
    pub async fn revoke(&self, caller: &Principal, request: GrantRequest) -> Result<usize> {
        let grantee = self.admit(caller, &request).await?;
        let mut tx = self.core.store.begin().await?;
        let mut changed = 0;
        for grant in grants::on_resource(&mut tx.conn(), &grantee.id, &request.resource).await? {
            if !request.privileges.contains(&grant.privilege) {
                continue;
            }
            match (&request.columns, &grant.columns) {
                (ColumnScope::All, _) => grants::delete(&mut tx.conn(), &grant.id).await?,
                (ColumnScope::Include(remove), ColumnScope::Include(held)) => {
                    let left: BTreeSet<String> = held - remove;
                    if left.len() == held.len() {
                        continue;
                    }
                    if left.is_empty() {
                        grants::delete(&mut tx.conn(), &grant.id).await?;
                    } else {
                        grants::update(&mut tx.conn(), &grant.id, &left, grant.grantable).await?;
                    }
                }
                (ColumnScope::Exclude(_), ColumnScope::Exclude(_)) => grants::delete(&mut tx.conn(), &grant.id).await?,
                _ => continue,
            }
            changed += 1;
        }
        if changed == 0 {
            return Err(ServiceError::NotFound {
                kind: "grant",
                name: format!("{} on {}", request.principal, request.resource.key()),
            }
            .into());
        }
        let (resource, principal, privileges) = event_fields(&grantee, &request);
        outbox::append(&mut tx.conn(), &Event::GrantRevoked { resource, principal, privileges }).await?;
        tx.commit().await?;
        self.core.authz.refresh().await?;
        Ok(changed)
    }

    /// Grants filtered by principal and resource. Administrators see every grant; others
    /// only those held by themselves or their groups.
    pub async fn list(
        &self,
        caller: &Principal,
        principal: Option<&str>,
        database: Option<&str>,
        table: Option<&str>,
    ) -> Result<Vec<(Grant, String)>> {
        // A filter that names nothing that could exist is a mistake, not an empty answer.
        database.map(DatabaseName::parse).transpose().map_err(ServiceError::from)?;
        table.map(TableName::parse).transpose().map_err(ServiceError::from)?;
        let snapshot = self.core.authz.snapshot();
        let scope = database.map_or(Scope::Lake, |db| Scope::Database(db.to_owned()));
        let everyone = self.core.authz.may(caller, Action::GrantRead, &scope);
        let principal_id = match principal {
            Some(text) => {
                let (kind, name) = parse_ref(text)?;
                let mine = caller.kind == kind && caller.name == name;
                if !everyone
                    && !mine
                    && !snapshot
                        .subjects(&caller.id)
                        .iter()
                        .any(|s| snapshot.principal_name(s).as_deref() == Some(text))
                {
                    self.core.authz.require_role(caller, Action::GrantRead, &scope)?;
                }
                Some(snapshot.find(kind, &name).ok_or(ServiceError::NotFound { kind: kind.as_str(), name })?.id.clone())
            }
            None => None,
        };
        let keys: Vec<String> = match (database, table) {
            (Some(db), Some(t)) => vec![GrantResource::Table { database: db.into(), table: t.into() }.key()],
            (Some(db), None) => vec![GrantResource::Database(db.into()).key()],
            (None, Some(_)) => return Err(invalid("table needs database".to_owned())),
            (None, None) => Vec::new(),
        };
        let mine: BTreeSet<String> = snapshot.subjects(&caller.id).into_iter().collect();
        let found = grants::list(&mut self.core.store.conn(), principal_id.as_deref(), &keys).await?;
        Ok(found
            .into_iter()
            .filter(|g| everyone || mine.contains(&g.principal_id))
            .map(|g| {
                let name = snapshot.principal_name(&g.principal_id).unwrap_or_default();
                (if everyone { g } else { redacted(g) }, name)
            })
            .collect())
    }

    /// What `principal` may do on a database or table, and the grants behind it. Anyone may
    /// ask about themselves; administrators about anyone.
    pub async fn effective(
        &self,
        caller: &Principal,
        principal: &str,
        database: Option<&str>,
        table: Option<&str>,
    ) -> Result<Effective> {
        let (kind, name) = parse_ref(principal)?;
        // Without grant.read where they ask, callers ask about themselves only, before any
        // lookup: the answer must not tell which principal names exist.
        let scope = database.map_or(Scope::Lake, |db| Scope::Database(db.to_owned()));
        let everyone = if caller.kind == kind && caller.name == name {
            self.core.authz.may(caller, Action::GrantRead, &scope)
        } else {
            self.core.authz.require_role(caller, Action::GrantRead, &scope)?;
            true
        };
        let subject = self
            .core
            .authz
            .snapshot()
            .find(kind, &name)
            .cloned()
            .ok_or(ServiceError::NotFound { kind: kind.as_str(), name })?;
        match (database, table) {
            (None, None) => {
                let access = self.core.authz.access(&subject, &Target::Catalog);
                Ok(self.explained(subject, access, Vec::new(), everyone))
            }
            (Some(db), None) => {
                let found = self.core.visible_database(caller, db).await?;
                let access = self.core.authz.access(&subject, &database_target(&found));
                Ok(self.explained(subject, access, Vec::new(), everyone))
            }
            (Some(db), Some(t)) => {
                let (found, _) = self.core.visible_table(caller, db, t).await?;
                let names = column_names(&found);
                let access = self.core.authz.access(&subject, &table_target(&found, &names));
                // Holders of grant.read see the whole picture; others only the columns they can read.
                let columns = names
                    .iter()
                    .map(|c| (c.clone(), access.columns.allows(c)))
                    .filter(|(_, readable)| everyone || *readable)
                    .collect();
                Ok(self.explained(subject, access, columns, everyone))
            }
            (None, Some(_)) => Err(invalid("table needs database".to_owned())),
        }
    }
}

impl Grants {
    fn explained(
        &self,
        principal: Principal,
        access: Access,
        columns: Vec<(String, bool)>,
        everyone: bool,
    ) -> Effective {
        let snapshot = self.core.authz.snapshot();
        let privileges = access
            .explain()
            .into_iter()
            .map(|(privilege, reasons)| {
                let mut because = Vec::new();
                let mut grants = Vec::new();
                for reason in &reasons {
                    match reason {
                        Reason::Role(role) => because.push(format!("role {role}")),
                        Reason::Owner(o) => because.push(format!("owner ({o})")),
                        Reason::Grant(g) => {
                            because.push(format!("grant on {}", g.resource.key()));
                            let holder = snapshot.principal_name(&g.principal_id).unwrap_or_default();
                            let grant = if everyone { (**g).clone() } else { redacted((**g).clone()) };
                            grants.push((grant, holder));
                        }
                    }
                }
                because.dedup();
                Explained { privilege, grantable: access.can_grant(privilege), because, grants }
            })
            .collect();
        let (rows, row_filters) = match &access.rows {
            RowAccess::All => ("all", Vec::new()),
            RowAccess::None => ("none", Vec::new()),
            RowAccess::Filters(list) => ("filtered", list.clone()),
        };
        Effective { principal, access, columns, privileges, rows, row_filters }
    }
}
