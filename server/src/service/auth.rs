//! Logging in and recognising callers: password grants, bearer tokens, the bootstrap admin.

use std::sync::Arc;

use super::ServiceError;
use std::net::IpAddr;

use crate::authn::limiter::LoginLimiter;
use crate::authn::{AuthnError, TokenIssuer, password, random_secret};
use crate::authz::Authorizer;
use crate::domain::principal::{Principal, PrincipalKind};
use crate::domain::role::{Action, Role, RoleAssignment, Scope};
use crate::store::{Store, StoreError, principals, roles};

/// What logging in can fail with beyond the shared failures.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("too many failed logins; try again in {retry_after} s")]
    RateLimited { retry_after: u64 },
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error(transparent)]
    Service(#[from] ServiceError),
}
shared_failures!(AuthError);

type Result<T, E = AuthError> = std::result::Result<T, E>;

pub const BOOTSTRAP_ADMIN: &str = "admin";

/// An issued access token.
#[derive(Debug, Clone)]
pub struct AccessToken {
    pub token: String,
    pub expires_in: u64,
    pub principal: Principal,
}

#[derive(Debug, Clone)]
pub struct Auth {
    store: Store,
    issuer: Arc<TokenIssuer>,
    authz: Authorizer,
    limiter: Arc<LoginLimiter>,
}

impl Auth {
    pub fn new(store: Store, issuer: Arc<TokenIssuer>, authz: Authorizer) -> Self {
        Self { store, issuer, authz, limiter: Arc::default() }
    }

    pub fn issuer(&self) -> &TokenIssuer {
        &self.issuer
    }

    /// Rotates the token signing key (administrators only).
    pub async fn rotate_keys(&self, caller: &Principal, revoke_previous: bool) -> Result<String> {
        self.authz.require_role(caller, Action::SigningKeyRotate, &Scope::Lake)?;
        Ok(self.issuer.rotate(revoke_previous).await?)
    }

    async fn throttled<F: std::future::Future<Output = Result<AccessToken>>>(
        &self,
        name: &str,
        addr: Option<IpAddr>,
        login: F,
    ) -> Result<AccessToken> {
        if let Err(retry_after) = self.limiter.check(name, addr) {
            crate::audit::context::note_denied();
            return Err(AuthError::RateLimited { retry_after });
        }
        let result = login.await;
        match &result {
            Ok(_) => self.limiter.succeeded(name),
            Err(AuthError::InvalidCredentials) => {
                crate::audit::context::note_denied();
                self.limiter.failed(name, addr);
            }
            Err(_) => {}
        }
        result
    }

    /// Exchanges a user name and password for a token. Unknown users and wrong passwords
    /// take the same time and give the same answer.
    pub async fn login_with_password(&self, username: &str, secret: &str, addr: Option<IpAddr>) -> Result<AccessToken> {
        self.throttled(username, addr, async {
            let found = principals::find(&mut self.store.conn(), PrincipalKind::User, username).await?;
            self.finish_login(found, secret).await
        })
        .await
    }

    async fn finish_login(&self, found: Option<principals::Credentials>, secret: &str) -> Result<AccessToken> {
        let (hash, principal) = match &found {
            Some(c) => (c.secret_hash.as_deref().unwrap_or(password::decoy_hash()), Some(&c.principal)),
            None => (password::decoy_hash(), None),
        };
        let hash = hash.to_owned();
        let password_text = secret.to_owned();
        // argon2 takes tens of milliseconds of CPU: keep it off the async workers.
        let valid = tokio::task::spawn_blocking(move || password::verify(&password_text, &hash)).await.unwrap_or(false);
        match principal {
            Some(principal) if valid => Ok(AccessToken {
                token: self.issuer.issue(principal),
                expires_in: self.issuer.ttl().as_secs(),
                principal: principal.clone(),
            }),
            _ => Err(AuthError::InvalidCredentials),
        }
    }

    /// Exchanges a service principal's client id and secret for a token.
    pub async fn login_with_client_secret(
        &self,
        client_id: &str,
        secret: &str,
        addr: Option<IpAddr>,
    ) -> Result<AccessToken> {
        self.throttled(client_id, addr, async {
            let found = principals::find_by_client_id(&mut self.store.conn(), client_id).await?;
            self.finish_login(found, secret).await
        })
        .await
    }

    /// The principal behind a bearer token, as it is now: a deleted principal's tokens stop
    /// working at once; roles are looked up per decision, never taken from the token.
    pub async fn authenticate(&self, token: &str) -> Result<Principal, AuthnError> {
        let claimed = self.issuer.verify(token).await?;
        match self.authz.current(&claimed.id) {
            Some(current) if current.kind == claimed.kind && current.name == claimed.name => Ok(current),
            _ => Err(AuthnError::InvalidToken),
        }
    }

    /// Creates the bootstrap administrator when the store has no principal yet. Returns the
    /// generated password when none was given, so it can be shown once.
    pub async fn ensure_bootstrap_admin(&self, password_from_env: Option<&str>) -> Result<Option<String>, StoreError> {
        if principals::count(&mut self.store.conn()).await? > 0 {
            return Ok(None);
        }
        let generated = password_from_env.is_none().then(|| random_secret(18).replace(['+', '/', '='], "x"));
        let secret = password_from_env.map(str::to_owned).or_else(|| generated.clone()).unwrap_or_default();
        let hash = tokio::task::spawn_blocking(move || password::hash(&secret))
            .await
            .map_err(|e| StoreError::Corrupt(e.to_string()))?
            .map_err(StoreError::Corrupt)?;
        let admin = Principal {
            id: uuid::Uuid::now_v7().to_string(),
            kind: PrincipalKind::User,
            name: BOOTSTRAP_ADMIN.to_owned(),
        };
        let mut tx = self.store.begin().await?;
        match principals::insert(&mut tx.conn(), &admin, Some(&hash), None, Some("bootstrap administrator")).await {
            // Another replica created it first: theirs stands.
            Err(StoreError::UniqueViolation) => return Ok(None),
            other => other?,
        }
        let assignment = RoleAssignment {
            principal_id: admin.id.clone(),
            role: Role::LakeAdmin,
            scope: Scope::Lake,
            created_by: "bootstrap".to_owned(),
        };
        roles::insert(&mut tx.conn(), &assignment).await?;
        tx.commit().await?;
        self.authz.refresh().await?;
        Ok(generated)
    }
}
