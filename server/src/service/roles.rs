//! Management-plane role assignments: lake administrators assign `lake_admin`,
//! `read_only_admin`, `auditor` and `data_steward` (per database) to users, groups and
//! services. The lake never loses its last administrator: a change that would leave no user
//! or service holding `lake_admin` is refused, in the transaction that would make it.

use std::collections::{HashMap, HashSet};

use serde_json::json;

use super::principals::parse_ref;
use super::{ServiceError, ServiceResult};
use crate::audit::context;
use crate::authz::Authorizer;
use crate::domain::event::Event;
use crate::domain::names::DatabaseName;
use crate::domain::principal::{Principal, PrincipalKind};
use crate::domain::role::{Action, Role, RoleAssignment, Scope};
use crate::domain::{ValidationCode, ValidationError};
use crate::store::{Conn, Store, databases, outbox, principals, roles};

/// A role as the policy defines it.
#[derive(Debug, Clone)]
pub struct RoleDefinition {
    pub role: Role,
    pub database_scoped: bool,
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone)]
pub struct Roles {
    store: Store,
    authz: Authorizer,
}

/// What changing roles can fail with beyond the shared failures.
#[derive(Debug, thiserror::Error)]
pub enum RoleError {
    #[error("this would leave the lake without a lake administrator; give lake_admin to another user first")]
    LastAdmin,
    #[error(transparent)]
    Service(#[from] ServiceError),
}
shared_failures!(RoleError);

fn invalid(message: String) -> ServiceError {
    ValidationError::new(ValidationCode::InvalidRequest, message).into()
}

/// Parses a role name and where it is held: `data_steward` needs a database, the others are
/// lake-wide.
pub fn parse_assignment(role: &str, database: Option<&str>) -> ServiceResult<(Role, Scope)> {
    let names: Vec<&str> = Role::EVERY.iter().map(|r| r.as_str()).collect();
    let role =
        Role::parse(role).ok_or_else(|| invalid(format!("unknown role `{role}`; one of {}", names.join(", "))))?;
    match (role.is_database_scoped(), database) {
        (true, Some(db)) => {
            DatabaseName::parse(db)?;
            Ok((role, Scope::Database(db.to_owned())))
        }
        (true, None) => Err(invalid(format!("role {role} is held in one database: give `database`"))),
        (false, None) => Ok((role, Scope::Lake)),
        (false, Some(_)) => Err(invalid(format!("role {role} is lake-wide: it takes no `database`"))),
    }
}

/// Refuses unless some user or service still holds `lake_admin`, directly or through its
/// groups, as the transaction `c` sees the store.
pub(super) async fn ensure_an_admin_remains(c: &mut Conn<'_>) -> Result<(), RoleError> {
    let holders: HashSet<String> = roles::holders(c, Role::LakeAdmin, &Scope::Lake).await?.into_iter().collect();
    let mut member_of: HashMap<String, Vec<String>> = HashMap::new();
    for (group, member) in principals::all_memberships(c).await? {
        member_of.entry(member).or_default().push(group);
    }
    let holds = |id: &str| {
        let mut seen = HashSet::new();
        let mut stack = vec![id.to_owned()];
        while let Some(next) = stack.pop() {
            if holders.contains(&next) {
                return true;
            }
            if seen.insert(next.clone()) {
                stack.extend(member_of.get(&next).into_iter().flatten().cloned());
            }
        }
        false
    };
    let remains = principals::all(c).await?.iter().any(|p| p.kind != PrincipalKind::Group && holds(&p.id));
    if remains { Ok(()) } else { Err(RoleError::LastAdmin) }
}

impl Roles {
    pub fn new(store: Store, authz: Authorizer) -> Self {
        Self { store, authz }
    }

    /// The roles and what each allows, as `policies/roles.csv` says.
    pub fn definitions(&self, caller: &Principal) -> ServiceResult<Vec<RoleDefinition>> {
        let _ = caller;
        let snapshot = self.authz.snapshot();
        Ok(Role::EVERY
            .into_iter()
            .map(|role| RoleDefinition {
                role,
                database_scoped: role.is_database_scoped(),
                actions: snapshot.roles.actions_of(role).to_vec(),
            })
            .collect())
    }

    /// The roles `caller` holds, itself or through its groups.
    pub fn held(&self, caller: &Principal) -> Vec<(Role, Scope)> {
        let snapshot = self.authz.snapshot();
        snapshot.roles.roles_of(&snapshot.subjects(&caller.id))
    }

    /// Assignments, with the holder's `kind:name`: everyone's for holders of `role.read`,
    /// otherwise the caller's own (and its groups').
    pub async fn list(
        &self,
        caller: &Principal,
        principal: Option<&str>,
    ) -> ServiceResult<Vec<(RoleAssignment, String)>> {
        let wanted = principal.map(parse_ref).transpose()?;
        let snapshot = self.authz.snapshot();
        let everyone = self.authz.may(caller, Action::RoleRead, &Scope::Lake);
        let mine: HashSet<String> = snapshot.subjects(&caller.id).into_iter().collect();
        let found = roles::all(&mut self.store.conn()).await?;
        Ok(found
            .into_iter()
            .filter(|a| everyone || mine.contains(&a.principal_id))
            .filter_map(|a| snapshot.principal_name(&a.principal_id).map(|name| (a, name)))
            .filter(|(_, name)| wanted.as_ref().is_none_or(|(k, n)| *name == format!("{}:{n}", k.as_str())))
            .collect())
    }

    fn grantee(&self, principal: &str) -> ServiceResult<Principal> {
        let (kind, name) = parse_ref(principal)?;
        self.authz.snapshot().find(kind, &name).cloned().ok_or(ServiceError::NotFound { kind: kind.as_str(), name })
    }

    /// Gives `principal` the role (in `database` for `data_steward`); true when it is new.
    pub async fn assign(
        &self,
        caller: &Principal,
        principal: &str,
        role: &str,
        database: Option<&str>,
    ) -> ServiceResult<(RoleAssignment, bool)> {
        // --- validate
        let (role, scope) = parse_assignment(role, database)?;
        // --- authorize
        self.authz.require_role(caller, Action::RoleManage, &Scope::Lake)?;
        let grantee = self.grantee(principal)?;
        note(&grantee, role, &scope);
        // --- transaction: the database must exist when the role is held in one
        let mut tx = self.store.begin().await?;
        if let Scope::Database(db) = &scope {
            if databases::get(&mut tx.conn(), db).await?.is_none() {
                return Err(ServiceError::NotFound { kind: "database", name: db.clone() });
            }
        }
        let assignment =
            RoleAssignment { principal_id: grantee.id.clone(), role, scope, created_by: caller.to_string() };
        let added = roles::insert(&mut tx.conn(), &assignment).await?;
        if added {
            let event = Event::RoleAssigned {
                principal: grantee.to_string(),
                role: role.as_str().to_owned(),
                scope: assignment.scope.domain().to_owned(),
            };
            outbox::append(&mut tx.conn(), &event).await?;
        }
        tx.commit().await?;
        self.authz.refresh().await?;
        Ok((assignment, added))
    }

    /// Takes the role from `principal`; refused when it would leave no lake administrator.
    pub async fn revoke(
        &self,
        caller: &Principal,
        principal: &str,
        role: &str,
        database: Option<&str>,
    ) -> Result<bool, RoleError> {
        let (role, scope) = parse_assignment(role, database)?;
        self.authz.require_role(caller, Action::RoleManage, &Scope::Lake)?;
        let grantee = self.grantee(principal)?;
        note(&grantee, role, &scope);
        let mut tx = self.store.begin().await?;
        let removed = roles::delete(&mut tx.conn(), &grantee.id, role, &scope).await?;
        if removed {
            ensure_an_admin_remains(&mut tx.conn()).await?;
            let event = Event::RoleRevoked {
                principal: grantee.to_string(),
                role: role.as_str().to_owned(),
                scope: scope.domain().to_owned(),
            };
            outbox::append(&mut tx.conn(), &event).await?;
        }
        tx.commit().await?;
        self.authz.refresh().await?;
        Ok(removed)
    }
}

/// What the audit record of an assignment names.
fn note(grantee: &Principal, role: Role, scope: &Scope) {
    context::set_resource(grantee.to_string());
    context::add_detail("role", json!(role.as_str()));
    context::add_detail("scope", json!(scope.domain()));
}
