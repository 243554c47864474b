//! Break-glass recovery, run on the server host with direct store access (`tarn admin
//! recover`), never over HTTP: restores a lake administrator when none is left that anyone can
//! log in as. It is audited like any change, in the same transaction.

use chrono::Utc;
use serde_json::json;

use super::principals::{MIN_PASSWORD, check_name};
use super::{ServiceError, ServiceResult};
use crate::authn::{password, random_secret};
use crate::domain::audit::{AuditEntry, Decision};
use crate::domain::event::Event;
use crate::domain::principal::{Principal, PrincipalKind};
use crate::domain::role::{Role, RoleAssignment, Scope};
use crate::store::{Store, StoreError, audit, outbox, principals, roles};

/// Who the audit trail names as the actor of a recovery.
pub const RECOVERY_ACTOR: &str = "host:tarn-admin-recover";

/// What a recovery did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovered {
    pub user: String,
    pub created: bool,
    /// A password generated for the user, to be shown once (none when one was given or kept).
    pub generated_password: Option<String>,
}

/// Makes `name` a lake administrator: creates the user when it does not exist, sets its
/// password when `reset_password` (to `new_password`, or a generated one), and gives it
/// `lake_admin`. One transaction: the user, the role, the outbox event and the audit record.
pub async fn recover_admin(
    store: &Store,
    name: &str,
    reset_password: bool,
    new_password: Option<&str>,
) -> ServiceResult<Recovered> {
    check_name(name)?;
    if new_password.is_some_and(|p| p.chars().count() < MIN_PASSWORD) {
        return Err(ServiceError::Invalid(crate::domain::ValidationError::new(
            crate::domain::ValidationCode::InvalidRequest,
            format!("a password has at least {MIN_PASSWORD} characters"),
        )));
    }
    let existing = principals::get(&mut store.conn(), PrincipalKind::User, name).await?;
    let created = existing.is_none();
    let set_password = created || reset_password;
    let generated = (set_password && new_password.is_none()).then(|| random_secret(18).replace(['+', '/', '='], "x"));
    let secret = new_password.map(str::to_owned).or_else(|| generated.clone());
    let hash = match secret.filter(|_| set_password) {
        Some(s) => Some(
            tokio::task::spawn_blocking(move || password::hash(&s))
                .await
                .map_err(|e| StoreError::Corrupt(e.to_string()))?
                .map_err(StoreError::Corrupt)?,
        ),
        None => None,
    };
    let user = match existing {
        Some(row) => row.principal,
        None => Principal { id: uuid::Uuid::now_v7().to_string(), kind: PrincipalKind::User, name: name.to_owned() },
    };
    let mut tx = store.begin().await?;
    if created {
        principals::insert(&mut tx.conn(), &user, hash.as_deref(), None, Some("restored by tarn admin recover"))
            .await?;
    } else if let Some(hash) = &hash {
        principals::update(&mut tx.conn(), &user.id, Some(hash), None).await?;
    }
    let assignment = RoleAssignment {
        principal_id: user.id.clone(),
        role: Role::LakeAdmin,
        scope: Scope::Lake,
        created_by: RECOVERY_ACTOR.to_owned(),
    };
    let assigned = roles::insert(&mut tx.conn(), &assignment).await?;
    let event = Event::RoleAssigned {
        principal: user.to_string(),
        role: Role::LakeAdmin.as_str().to_owned(),
        scope: "*".to_owned(),
    };
    outbox::append(&mut tx.conn(), &event).await?;
    let entry = AuditEntry {
        occurred_at: Utc::now(),
        principal: RECOVERY_ACTOR.to_owned(),
        client_addr: None,
        request_id: None,
        action: "admin.recover".to_owned(),
        resource: user.to_string(),
        decision: Decision::Allow,
        outcome: "ok".to_owned(),
        detail: json!({"role": Role::LakeAdmin.as_str(), "user_created": created, "role_added": assigned,
                       "changed": if set_password { json!({"password": "changed"}) } else { json!({}) }}),
    };
    audit::append(&mut tx.conn(), &[&entry]).await?;
    tx.commit().await?;
    Ok(Recovered { user: user.to_string(), created, generated_password: generated })
}
