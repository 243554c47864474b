//! The one door: every authorization decision of the server, data plane and management plane,
//! for requests and for background work, is asked here, and each is recorded. Inside a
//! request (or a job that opened an audit scope) the decision joins that scope's audit
//! record; outside any scope authz appends a record of its own.

use std::fmt;

use chrono::Utc;

use super::decide::{Access, ColumnAccess, Reason, Target};
use super::{Authorizer, resource_of};
use crate::audit::context::{self, DecisionNote};
use crate::domain::audit::{AuditEntry, Decision};
use crate::domain::grant::ColumnScope;
use crate::domain::principal::{Principal, Privilege, Resource};
use crate::domain::role::{Action, Role, Scope};

/// What a refused caller lacked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    Privilege(Privilege),
    Action(Action),
}

impl Wanted {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Privilege(p) => p.as_str(),
            Self::Action(a) => a.as_str(),
        }
    }
}

/// Why a request was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denied {
    pub wanted: Wanted,
    pub resource: Resource,
    /// The caller may not see the resource at all: it is reported absent, not forbidden.
    pub hidden: bool,
}

impl Denied {
    pub fn privilege(privilege: Privilege, resource: Resource) -> Self {
        Self { wanted: Wanted::Privilege(privilege), resource, hidden: false }
    }
}

impl fmt::Display for Denied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.wanted {
            Wanted::Privilege(p) => write!(f, "missing privilege {} on {}", p.as_str(), self.resource),
            Wanted::Action(a) => {
                write!(f, "your roles do not allow {} on {}; ask a lake administrator", a.as_str(), self.resource)
            }
        }
    }
}

/// Why passing privileges on was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GrantRefusal {
    /// The caller may not see the resource: it is absent.
    Hidden,
    /// It sees it but may not pass these on; the message says what is missing.
    NoOption(String),
}

/// A management-plane action was allowed, by this role held there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Permit {
    pub role: Role,
    pub scope: Scope,
}

fn scope_resource(scope: &Scope) -> Resource {
    match scope {
        Scope::Lake => Resource::Catalog,
        Scope::Database(db) => Resource::Database(db.clone()),
    }
}

fn reason_text(reason: &Reason) -> String {
    match reason {
        Reason::Role(role) => format!("role:{role}"),
        Reason::Owner(owner) => format!("owner:{owner}"),
        Reason::Grant(grant) => format!("grant:{}", grant.id),
    }
}

impl Authorizer {
    /// Refuses unless `principal` holds `privilege` on `target`. A target it may not see at
    /// all (no privilege on it; for a database, nothing in it either) is `hidden`.
    pub fn require(&self, principal: &Principal, privilege: Privilege, target: &Target<'_>) -> Result<Access, Denied> {
        let access = self.access(principal, target);
        let by = access.blanket.as_ref().or_else(|| access.reasons(privilege).first()).map(reason_text);
        if access.has(privilege) {
            self.record(principal, Wanted::Privilege(privilege), &resource_of(target), true, by);
            return Ok(access);
        }
        let hidden = !matches!(target, Target::Catalog) && !self.sees(principal, target, &access);
        self.refuse(principal, Denied { wanted: Wanted::Privilege(privilege), resource: resource_of(target), hidden })
    }

    /// Refuses unless `principal` may see `target` (any privilege on it; for a database,
    /// anything in it): DESCRIBE as Lake Formation implies it.
    pub fn require_visible(&self, principal: &Principal, target: &Target<'_>) -> Result<Access, Denied> {
        let access = self.access(principal, target);
        if self.sees(principal, target, &access) {
            let by = access.blanket.as_ref().or_else(|| access.first_reason()).map(reason_text);
            self.record(principal, Wanted::Privilege(Privilege::Describe), &resource_of(target), true, by);
            return Ok(access);
        }
        let resource = resource_of(target);
        self.refuse(principal, Denied { wanted: Wanted::Privilege(Privilege::Describe), resource, hidden: true })
    }

    fn sees(&self, principal: &Principal, target: &Target<'_>, access: &Access) -> bool {
        match target {
            Target::Database { name, owner } => {
                access.visible() || super::visible::sees_database(&self.snapshot(), principal, name, owner)
            }
            _ => access.visible(),
        }
    }

    /// Refuses unless one of `principal`'s roles (its own or its groups') allows `action` in
    /// `scope`, as casbin evaluates `policies/roles.conf`.
    pub fn require_role(&self, principal: &Principal, action: Action, scope: &Scope) -> Result<Permit, Denied> {
        let snapshot = self.snapshot();
        let subjects = snapshot.subjects(&principal.id);
        match snapshot.roles.allows(&subjects, action, scope) {
            Some((role, scope)) => {
                self.record(
                    principal,
                    Wanted::Action(action),
                    &scope_resource(&scope),
                    true,
                    Some(format!("role:{role}")),
                );
                Ok(Permit { role, scope })
            }
            None => self.refuse(
                principal,
                Denied { wanted: Wanted::Action(action), resource: scope_resource(scope), hidden: false },
            ),
        }
    }

    /// Whether `principal` may do `action` in `scope`, for choosing what to show (a listing of
    /// one's own or everyone's): recorded like [`Self::require_role`], never an error.
    pub fn may(&self, principal: &Principal, action: Action, scope: &Scope) -> bool {
        let snapshot = self.snapshot();
        let subjects = snapshot.subjects(&principal.id);
        let found = snapshot.roles.allows(&subjects, action, scope);
        if let Some((role, held_in)) = &found {
            self.record(
                principal,
                Wanted::Action(action),
                &scope_resource(held_in),
                true,
                Some(format!("role:{role}")),
            );
        }
        found.is_some()
    }

    /// Records the refusal of data beyond what a capability from here allows (a query naming a
    /// column it was not given), and returns it.
    pub fn refuse_beyond(&self, principal: &Principal, privilege: Privilege, resource: Resource) -> Denied {
        let denied = Denied::privilege(privilege, resource);
        self.record(principal, denied.wanted, &denied.resource, false, None);
        denied
    }

    /// Refuses unless `principal` may pass `privileges` on for `target`: it holds each with
    /// grant option on the resource itself, and for SELECT at least the columns in `columns`
    /// with grant option. Recorded like every decision.
    pub fn require_grant_option(
        &self,
        principal: &Principal,
        target: &Target<'_>,
        privileges: &[Privilege],
        columns: &ColumnScope,
    ) -> Result<Access, GrantRefusal> {
        let access = self.access(principal, target);
        let resource = resource_of(target);
        if !matches!(target, Target::Catalog) && !self.sees(principal, target, &access) {
            let denied = Denied { wanted: Wanted::Privilege(Privilege::Describe), resource, hidden: true };
            let _ = self.refuse::<()>(principal, denied);
            return Err(GrantRefusal::Hidden);
        }
        let refused = |privilege: Privilege, message: String| {
            self.record(principal, Wanted::Privilege(privilege), &resource, false, Some("no grant option".to_owned()));
            Err(GrantRefusal::NoOption(message))
        };
        for privilege in privileges {
            if !access.can_grant(*privilege) {
                return refused(
                    *privilege,
                    format!(
                        "you do not hold {} with grant option on this resource, so you cannot grant or revoke it",
                        privilege.as_str()
                    ),
                );
            }
        }
        let wants_select = privileges.iter().any(|p| matches!(p, Privilege::Select | Privilege::All));
        let passes_on_more = wants_select
            && match (&access.grantable_columns, columns) {
                (ColumnAccess::All, _) => false,
                (ColumnAccess::Some(held), ColumnScope::Include(wanted)) => !wanted.is_subset(held),
                _ => true,
            };
        if passes_on_more {
            return refused(Privilege::Select, "you cannot grant SELECT on columns you may not pass on".to_owned());
        }
        let by = access.blanket.as_ref().map(reason_text).or_else(|| Some("grant option".to_owned()));
        for privilege in privileges {
            self.record(principal, Wanted::Privilege(*privilege), &resource, true, by.clone());
        }
        Ok(access)
    }

    pub(super) fn refuse<T>(&self, principal: &Principal, denied: Denied) -> Result<T, Denied> {
        if denied.hidden {
            context::note_hidden();
        }
        self.record(principal, denied.wanted, &denied.resource, false, None);
        Err(denied)
    }

    /// Notes the decision in the open audit scope, or appends a record of its own when none is
    /// open (work no request started).
    pub(super) fn record(
        &self,
        principal: &Principal,
        wanted: Wanted,
        resource: &Resource,
        allowed: bool,
        by: Option<String>,
    ) {
        let note = DecisionNote { wanted: wanted.as_str(), resource: resource.key(), allowed, by };
        let Err(note) = context::note_decision(note) else {
            return;
        };
        let entry = AuditEntry {
            occurred_at: Utc::now(),
            principal: principal.to_string(),
            client_addr: None,
            request_id: None,
            action: format!("authz.{}", note.wanted.to_ascii_lowercase()),
            resource: note.resource,
            decision: if allowed { Decision::Allow } else { Decision::Deny },
            outcome: if allowed { "ok".to_owned() } else { "forbidden".to_owned() },
            detail: serde_json::json!({"by": note.by}),
        };
        if let Some(audit) = self.audit.get() {
            let audit = audit.clone();
            tokio::spawn(async move { audit.record(entry, false).await });
        } else {
            tracing::error!("authorization decision outside any scope before the audit log started");
        }
    }
}
