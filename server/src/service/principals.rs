//! Principals: users, groups (nested) and service principals. Managed by holders of
//! `principal.manage` (lake administrators); a user may read itself and change its own
//! password.

use serde_json::json;

use super::roles::RoleError;
use super::{Page, ServiceError, ServiceResult, page_size};
use crate::audit::context;
use crate::authn::{password, random_secret};
use crate::authz::Authorizer;
use crate::domain::event::Event;
use crate::domain::principal::{Principal, PrincipalKind};
use crate::domain::role::{Action, Role, RoleAssignment, Scope};
use crate::domain::{ValidationCode, ValidationError};
use crate::service::pagination::PageTokens;
use crate::store::principals::{self, PrincipalRow};
use crate::store::{Store, StoreError, outbox, roles};

pub const MIN_PASSWORD: usize = 8;

/// A principal as the API shows it: with its description, client id (services) and whether
/// it holds `lake_admin` itself.
#[derive(Debug, Clone)]
pub struct PrincipalView {
    pub principal: Principal,
    pub description: Option<String>,
    pub client_id: Option<String>,
    pub is_admin: bool,
}

/// A new service principal's credentials: the secret is shown this once.
#[derive(Debug, Clone)]
pub struct ServiceCredentials {
    pub row: PrincipalView,
    pub client_id: String,
    pub client_secret: String,
}

/// A group with its direct members.
#[derive(Debug, Clone)]
pub struct GroupDetails {
    pub row: PrincipalView,
    pub members: Vec<Principal>,
}

#[derive(Debug, Clone)]
pub struct Principals {
    store: Store,
    authz: Authorizer,
    pages: PageTokens,
}

fn invalid(message: String) -> ServiceError {
    ValidationError::new(ValidationCode::InvalidRequest, message).into()
}

/// Principal names: lowercase letters, digits, `_`, `.` and `-`, starting with a letter.
pub fn check_name(name: &str) -> Result<(), ValidationError> {
    let ok = (1..=128).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_.-".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(ValidationError::new(
            ValidationCode::InvalidName,
            format!("invalid principal name `{}`", name.chars().take(64).collect::<String>()),
        ))
    }
}

/// Parses `user:alice`, `group:analysts` or `service:etl`.
pub fn parse_ref(text: &str) -> Result<(PrincipalKind, String), ValidationError> {
    let parsed = text.split_once(':').and_then(|(k, n)| PrincipalKind::parse(k).map(|k| (k, n.to_owned())));
    let (kind, name) = parsed.ok_or_else(|| {
        ValidationError::new(
            ValidationCode::InvalidRequest,
            format!("`{text}` is not user:<name>, group:<name> or service:<name>"),
        )
    })?;
    check_name(&name)?;
    Ok((kind, name))
}

async fn hash(secret: String) -> ServiceResult<String> {
    tokio::task::spawn_blocking(move || password::hash(&secret))
        .await
        .map_err(|e| StoreError::Corrupt(e.to_string()))?
        .map_err(|e| StoreError::Corrupt(e).into())
}

fn not_found(kind: PrincipalKind, name: &str) -> ServiceError {
    ServiceError::NotFound { kind: kind.as_str(), name: name.to_owned() }
}

impl Principals {
    pub fn new(store: Store, authz: Authorizer, pages: PageTokens) -> Self {
        Self { store, authz, pages }
    }

    fn require(&self, caller: &Principal, action: Action) -> ServiceResult<()> {
        self.authz.require_role(caller, action, &Scope::Lake)?;
        Ok(())
    }

    fn view(&self, row: PrincipalRow) -> PrincipalView {
        let is_admin = self.is_admin(&row.principal.id);
        PrincipalView { principal: row.principal, description: row.description, client_id: row.client_id, is_admin }
    }

    /// Whether the principal holds `lake_admin` itself (what the API's `is_admin` shows).
    pub fn is_admin(&self, principal_id: &str) -> bool {
        self.authz
            .snapshot()
            .roles
            .held_by(principal_id)
            .iter()
            .any(|(r, s)| *r == Role::LakeAdmin && *s == Scope::Lake)
    }

    async fn committed(&self, tx: crate::store::Tx) -> ServiceResult<()> {
        tx.commit().await?;
        self.authz.refresh().await?;
        Ok(())
    }

    async fn create(
        &self,
        caller: &Principal,
        new: Principal,
        secret: Option<String>,
        client_id: Option<&str>,
        description: Option<&str>,
        lake_admin: bool,
    ) -> ServiceResult<()> {
        let hash = match secret {
            Some(s) => Some(hash(s).await?),
            None => None,
        };
        let mut tx = self.store.begin().await?;
        match principals::insert(&mut tx.conn(), &new, hash.as_deref(), client_id, description).await {
            Err(StoreError::UniqueViolation) => {
                return Err(ServiceError::AlreadyExists { kind: new.kind.as_str(), name: new.name });
            }
            other => other?,
        }
        if lake_admin {
            let assignment = RoleAssignment {
                principal_id: new.id.clone(),
                role: Role::LakeAdmin,
                scope: Scope::Lake,
                created_by: caller.to_string(),
            };
            roles::insert(&mut tx.conn(), &assignment).await?;
            context::add_detail("roles", json!([Role::LakeAdmin.as_str()]));
        }
        outbox::append(&mut tx.conn(), &Event::PrincipalCreated { principal: new.to_string() }).await?;
        self.committed(tx).await
    }

    pub async fn create_user(
        &self,
        caller: &Principal,
        name: &str,
        secret: &str,
        is_admin: bool,
        description: Option<&str>,
    ) -> ServiceResult<PrincipalView> {
        check_name(name)?;
        if secret.chars().count() < MIN_PASSWORD {
            return Err(invalid(format!("a password has at least {MIN_PASSWORD} characters")));
        }
        self.require(caller, Action::PrincipalManage)?;
        if is_admin {
            self.require(caller, Action::RoleManage)?;
        }
        let user = Principal { id: uuid::Uuid::now_v7().to_string(), kind: PrincipalKind::User, name: name.to_owned() };
        self.create(caller, user.clone(), Some(secret.to_owned()), None, description, is_admin).await?;
        let row = PrincipalRow { principal: user, description: description.map(str::to_owned), client_id: None };
        Ok(self.view(row))
    }

    pub async fn create_group(
        &self,
        caller: &Principal,
        name: &str,
        description: Option<&str>,
    ) -> ServiceResult<PrincipalView> {
        check_name(name)?;
        self.require(caller, Action::PrincipalManage)?;
        let group =
            Principal { id: uuid::Uuid::now_v7().to_string(), kind: PrincipalKind::Group, name: name.to_owned() };
        self.create(caller, group.clone(), None, None, description, false).await?;
        let row = PrincipalRow { principal: group, description: description.map(str::to_owned), client_id: None };
        Ok(self.view(row))
    }

    pub async fn create_service(
        &self,
        caller: &Principal,
        name: &str,
        description: Option<&str>,
    ) -> ServiceResult<ServiceCredentials> {
        check_name(name)?;
        self.require(caller, Action::PrincipalManage)?;
        let service =
            Principal { id: uuid::Uuid::now_v7().to_string(), kind: PrincipalKind::Service, name: name.to_owned() };
        let client_id = format!("tarn-{}", uuid::Uuid::new_v4().simple());
        let client_secret = random_secret(32).replace(['+', '/', '='], "");
        self.create(caller, service.clone(), Some(client_secret.clone()), Some(&client_id), description, false).await?;
        let row = PrincipalRow {
            principal: service,
            description: description.map(str::to_owned),
            client_id: Some(client_id.clone()),
        };
        Ok(ServiceCredentials { row: self.view(row), client_id, client_secret })
    }

    pub async fn get(&self, caller: &Principal, kind: PrincipalKind, name: &str) -> ServiceResult<PrincipalView> {
        check_name(name)?;
        if !(caller.kind == kind && caller.name == name) {
            self.require(caller, Action::PrincipalRead)?;
        }
        let row = principals::get(&mut self.store.conn(), kind, name).await?.ok_or_else(|| not_found(kind, name))?;
        Ok(self.view(row))
    }

    pub async fn get_group(&self, caller: &Principal, name: &str) -> ServiceResult<GroupDetails> {
        let row = self.get(caller, PrincipalKind::Group, name).await?;
        let members = principals::members(&mut self.store.conn(), &row.principal.id).await?;
        Ok(GroupDetails { row, members })
    }

    pub async fn list(
        &self,
        caller: &Principal,
        kind: PrincipalKind,
        max_results: Option<u32>,
        page_token: Option<&str>,
    ) -> ServiceResult<Page<PrincipalView>> {
        let limit = page_size(max_results)?;
        let scope = format!("principals:{}", kind.as_str());
        let after: Option<String> = self.pages.resume(&scope, page_token)?;
        self.require(caller, Action::PrincipalRead)?;
        let mut items = principals::list(&mut self.store.conn(), kind, after.as_deref(), u64::from(limit) + 1).await?;
        let next_page_token = if items.len() > limit as usize {
            items.truncate(limit as usize);
            items.last().map(|r| self.pages.encode(&scope, &r.principal.name))
        } else {
            None
        };
        Ok(Page { items: items.into_iter().map(|r| self.view(r)).collect(), next_page_token })
    }

    /// Changes a user: principal managers may change anything (`is_admin` also needs
    /// `role.manage`); a user only its own password. The audit record says what changed.
    pub async fn update_user(
        &self,
        caller: &Principal,
        name: &str,
        secret: Option<&str>,
        is_admin: Option<bool>,
        description: Option<Option<&str>>,
    ) -> Result<PrincipalView, RoleError> {
        // --- validate
        check_name(name)?;
        if secret.is_some_and(|s| s.chars().count() < MIN_PASSWORD) {
            return Err(invalid(format!("a password has at least {MIN_PASSWORD} characters")).into());
        }
        // --- authorize
        let own_password_only =
            caller.kind == PrincipalKind::User && caller.name == name && is_admin.is_none() && description.is_none();
        if !own_password_only {
            self.require(caller, Action::PrincipalManage)?;
        }
        if is_admin.is_some() {
            self.require(caller, Action::RoleManage)?;
        }
        let row = principals::get(&mut self.store.conn(), PrincipalKind::User, name)
            .await?
            .ok_or_else(|| not_found(PrincipalKind::User, name))?;
        let hash = match secret {
            Some(s) => Some(hash(s.to_owned()).await?),
            None => None,
        };
        // --- transaction: the change, the admin guard, the event
        let id = row.principal.id.clone();
        let mut changed = serde_json::Map::new();
        let mut tx = self.store.begin().await?;
        principals::update(&mut tx.conn(), &id, hash.as_deref(), description).await?;
        if secret.is_some() {
            changed.insert("password".to_owned(), json!("changed"));
        }
        if let Some(new) = description {
            if row.description.as_deref() != new {
                changed.insert("description".to_owned(), json!({"before": row.description, "after": new}));
            }
        }
        if let Some(admin) = is_admin {
            let before = self.is_admin(&id);
            let assignment = RoleAssignment {
                principal_id: id.clone(),
                role: Role::LakeAdmin,
                scope: Scope::Lake,
                created_by: caller.to_string(),
            };
            if admin {
                roles::insert(&mut tx.conn(), &assignment).await?;
            } else if roles::delete(&mut tx.conn(), &id, Role::LakeAdmin, &Scope::Lake).await? {
                super::roles::ensure_an_admin_remains(&mut tx.conn()).await?;
            }
            if before != admin {
                changed.insert("is_admin".to_owned(), json!({"before": before, "after": admin}));
            }
        }
        context::add_detail("changed", serde_json::Value::Object(changed));
        outbox::append(&mut tx.conn(), &Event::PrincipalUpdated { principal: row.principal.to_string() }).await?;
        self.committed(tx).await?;
        let row = principals::get(&mut self.store.conn(), PrincipalKind::User, name)
            .await?
            .ok_or_else(|| not_found(PrincipalKind::User, name))?;
        Ok(self.view(row))
    }

    /// Deletes a principal with its memberships and grants; its tokens stop working at once.
    pub async fn delete(&self, caller: &Principal, kind: PrincipalKind, name: &str) -> Result<(), RoleError> {
        check_name(name)?;
        self.require(caller, Action::PrincipalManage)?;
        if caller.kind == kind && caller.name == name {
            return Err(ServiceError::Conflict("you cannot delete yourself".to_owned()).into());
        }
        let mut tx = self.store.begin().await?;
        let row = principals::get(&mut tx.conn(), kind, name).await?.ok_or_else(|| not_found(kind, name))?;
        principals::delete(&mut tx.conn(), &row.principal.id).await?;
        super::roles::ensure_an_admin_remains(&mut tx.conn()).await?;
        outbox::append(&mut tx.conn(), &Event::PrincipalDeleted { principal: row.principal.to_string() }).await?;
        Ok(self.committed(tx).await?)
    }

    /// Checks a membership request and finds the group and the member.
    fn membership(&self, caller: &Principal, group: &str, member: &str) -> ServiceResult<(Principal, Principal)> {
        check_name(group)?;
        let (kind, name) = parse_ref(member)?;
        self.require(caller, Action::PrincipalManage)?;
        let snapshot = self.authz.snapshot();
        let group_p =
            snapshot.find(PrincipalKind::Group, group).ok_or_else(|| not_found(PrincipalKind::Group, group))?;
        let member_p = snapshot.find(kind, &name).ok_or_else(|| not_found(kind, &name))?;
        Ok((group_p.clone(), member_p.clone()))
    }

    /// Puts `member` (`kind:name`) into `group`; refuses a membership that would make a cycle.
    pub async fn add_member(&self, caller: &Principal, group: &str, member: &str) -> ServiceResult<()> {
        let (group_p, member_p) = self.membership(caller, group, member)?;
        if self.authz.snapshot().subjects(&group_p.id).contains(&member_p.id) {
            return Err(ServiceError::Conflict(format!("putting {member} into group:{group} would make a cycle")));
        }
        let mut tx = self.store.begin().await?;
        principals::add_member(&mut tx.conn(), &group_p.id, &member_p.id).await?;
        let event = Event::MemberAdded { group: group_p.to_string(), member: member.to_owned() };
        outbox::append(&mut tx.conn(), &event).await?;
        self.committed(tx).await
    }

    pub async fn remove_member(&self, caller: &Principal, group: &str, member: &str) -> Result<(), RoleError> {
        let (group_p, member_p) = self.membership(caller, group, member)?;
        let mut tx = self.store.begin().await?;
        if !principals::remove_member(&mut tx.conn(), &group_p.id, &member_p.id).await? {
            return Err(
                ServiceError::NotFound { kind: "membership", name: format!("{member} in group:{group}") }.into()
            );
        }
        super::roles::ensure_an_admin_remains(&mut tx.conn()).await?;
        let event = Event::MemberRemoved { group: group_p.to_string(), member: member.to_owned() };
        outbox::append(&mut tx.conn(), &event).await?;
        Ok(self.committed(tx).await?)
    }
}
