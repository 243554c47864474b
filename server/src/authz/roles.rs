//! Management-plane roles: casbin's enforcer over `policies/roles.conf` (RBAC with domains)
//! and `policies/roles.csv`, with the role assignments read from the store as its `g` lines.
//! Built with every policy snapshot, so a role change holds on the next request, on every
//! replica. The data plane reads only what a role reveals (everything, or every definition)
//! off this policy once per snapshot; it never calls casbin per request.

use std::collections::{BTreeMap, HashMap};

use casbin::{CoreApi, DefaultModel, Enforcer, MemoryAdapter, MgmtApi};

use crate::domain::role::{Action, Role, RoleAssignment, Scope};

/// The model and the role permissions, shipped in `policies/` and embedded in the binary.
pub const MODEL: &str = include_str!("../../../policies/roles.conf");
pub const POLICY: &str = include_str!("../../../policies/roles.csv");

/// What holding a role reaches in the data plane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reach {
    /// Every privilege on everything (the role allows every action).
    pub everything: bool,
    /// DESCRIBE on everything in its scope.
    pub describe: bool,
}

/// The `p` lines of `roles.csv`.
pub fn policy_lines() -> Vec<Vec<String>> {
    POLICY
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.strip_prefix("p,"))
        .map(|rest| rest.split(',').map(|f| f.trim().to_owned()).collect())
        .collect()
}

pub struct RoleEngine {
    enforcer: Enforcer,
    /// principal id -> the roles it holds itself (not through groups), with their scopes.
    held: HashMap<String, Vec<(Role, Scope)>>,
    /// role -> the actions it allows, as casbin answers for the role itself.
    allowed: BTreeMap<Role, Vec<Action>>,
}

impl std::fmt::Debug for RoleEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RoleEngine").field("held", &self.held.len()).finish_non_exhaustive()
    }
}

impl RoleEngine {
    /// casbin's enforcer with the shipped model and policy, and `assignments` as `g` lines.
    pub async fn build(assignments: &[RoleAssignment]) -> Result<Self, String> {
        let model = DefaultModel::from_str(MODEL).await.map_err(|e| format!("policies/roles.conf: {e}"))?;
        let mut enforcer = Enforcer::new(model, MemoryAdapter::default()).await.map_err(|e| e.to_string())?;
        enforcer.add_policies(policy_lines()).await.map_err(|e| format!("policies/roles.csv: {e}"))?;
        let mut allowed = BTreeMap::new();
        for role in Role::EVERY {
            // A role as the subject links to itself, in every domain: what its `p` lines allow.
            let actions = Action::EVERY
                .into_iter()
                .filter(|a| enforcer.enforce((role.as_str(), "*", a.as_str())).unwrap_or(false))
                .collect();
            allowed.insert(role, actions);
        }
        let lines: Vec<Vec<String>> = assignments
            .iter()
            .map(|a| vec![a.principal_id.clone(), a.role.as_str().to_owned(), a.scope.domain().to_owned()])
            .collect();
        if !lines.is_empty() {
            enforcer.add_grouping_policies(lines).await.map_err(|e| e.to_string())?;
        }
        let mut held: HashMap<String, Vec<(Role, Scope)>> = HashMap::new();
        for a in assignments {
            held.entry(a.principal_id.clone()).or_default().push((a.role, a.scope.clone()));
        }
        Ok(Self { enforcer, held, allowed })
    }

    /// Whether one of `subjects` (a principal and its groups) may do `action` in `scope`,
    /// by casbin; with the role (and where it is held) that allows it.
    pub fn allows(&self, subjects: &[String], action: Action, scope: &Scope) -> Option<(Role, Scope)> {
        let domain = scope.domain();
        let allowed =
            subjects.iter().any(|s| self.enforcer.enforce((s.as_str(), domain, action.as_str())).unwrap_or(false));
        if !allowed {
            return None;
        }
        self.roles_of(subjects)
            .into_iter()
            .filter(|(_, held_in)| *held_in == Scope::Lake || held_in == scope)
            .find(|(role, _)| self.allowed.get(role).is_some_and(|a| a.contains(&action)))
    }

    /// The roles `subjects` hold, directly or through their groups.
    pub fn roles_of(&self, subjects: &[String]) -> Vec<(Role, Scope)> {
        let mut out: Vec<(Role, Scope)> = subjects.iter().filter_map(|s| self.held.get(s)).flatten().cloned().collect();
        out.sort();
        out.dedup();
        out
    }

    /// The roles `principal_id` holds itself.
    pub fn held_by(&self, principal_id: &str) -> &[(Role, Scope)] {
        self.held.get(principal_id).map_or(&[], Vec::as_slice)
    }

    /// What a role reaches in the data plane, read off the policy.
    pub fn reach(&self, role: Role) -> Reach {
        let actions = self.allowed.get(&role).map_or(&[][..], Vec::as_slice);
        Reach {
            everything: Action::EVERY.iter().all(|a| actions.contains(a)),
            describe: actions.contains(&Action::CatalogDescribe),
        }
    }

    /// The actions a role allows (for listing roles).
    pub fn actions_of(&self, role: Role) -> &[Action] {
        self.allowed.get(&role).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assign(principal: &str, role: Role, scope: Scope) -> RoleAssignment {
        RoleAssignment { principal_id: principal.to_owned(), role, scope, created_by: "test".to_owned() }
    }

    #[tokio::test]
    async fn the_shipped_policy_gives_each_role_its_reach() {
        let engine = RoleEngine::build(&[]).await.unwrap();
        assert_eq!(engine.reach(Role::LakeAdmin), Reach { everything: true, describe: true });
        assert_eq!(engine.reach(Role::ReadOnlyAdmin), Reach { everything: false, describe: true });
        assert_eq!(engine.reach(Role::Auditor), Reach::default());
        assert_eq!(engine.reach(Role::DataSteward), Reach { everything: false, describe: true });
    }

    #[tokio::test]
    async fn scoped_roles_hold_only_in_their_database() {
        let engine = RoleEngine::build(&[
            assign("ann", Role::DataSteward, Scope::Database("sales".into())),
            assign("admins", Role::LakeAdmin, Scope::Lake),
        ])
        .await
        .unwrap();
        let sales = Scope::Database("sales".into());
        let hr = Scope::Database("hr".into());
        let ann = ["ann".to_owned()];
        assert!(engine.allows(&ann, Action::GrantManage, &sales).is_some());
        assert!(engine.allows(&ann, Action::GrantManage, &hr).is_none());
        assert!(engine.allows(&ann, Action::GrantManage, &Scope::Lake).is_none());
        assert!(engine.allows(&ann, Action::PrincipalManage, &sales).is_none());
        // Through a group, lake-wide, in any database.
        let bob = ["bob".to_owned(), "admins".to_owned()];
        assert_eq!(engine.allows(&bob, Action::RoleManage, &hr), Some((Role::LakeAdmin, Scope::Lake)));
        assert!(engine.allows(&["bob".to_owned()], Action::AuditRead, &Scope::Lake).is_none());
    }
}
