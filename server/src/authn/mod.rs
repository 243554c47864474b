//! Authentication primitives: argon2id password hashes and HS256 JWTs signed with keys kept
//! in the store under a `kid`, so a new key can be rolled in while old tokens still verify.

pub mod limiter;
pub mod password;

use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::Utc;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::principal::{Principal, PrincipalKind};
use crate::store::signing_keys::{self, SigningKey};
use crate::store::{Store, StoreError};

const JWT_PURPOSE: &str = "jwt";
const ISSUER: &str = "tarn";
/// An unknown `kid` makes us re-read the keys (another replica may have added one), but not
/// more often than this, so garbage tokens cannot turn into a store query each.
const RELOAD_INTERVAL: Duration = Duration::from_secs(5);

#[derive(Debug, Error)]
pub enum AuthnError {
    #[error("the bearer token is invalid or expired")]
    InvalidToken,
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: String,
    name: String,
    kind: String,
    iss: String,
    iat: i64,
    exp: i64,
}

struct Keys {
    current_kid: String,
    encoding: EncodingKey,
    decoding: HashMap<String, DecodingKey>,
    loaded_at: Instant,
}

/// Issues and verifies access tokens.
pub struct TokenIssuer {
    store: Store,
    ttl: Duration,
    keys: RwLock<Keys>,
}

impl std::fmt::Debug for TokenIssuer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenIssuer").field("ttl", &self.ttl).finish_non_exhaustive()
    }
}

/// Random bytes, base64: new signing keys and generated passwords.
pub fn random_secret(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    STANDARD.encode(buf)
}

/// Returns the active keys of `purpose`, creating the first one if there is none.
pub async fn ensure_keys(store: &Store, purpose: &str) -> Result<Vec<SigningKey>, StoreError> {
    let existing = signing_keys::active(&mut store.conn(), purpose).await?;
    if !existing.is_empty() {
        return Ok(existing);
    }
    let key = SigningKey {
        kid: uuid::Uuid::now_v7().to_string(),
        purpose: purpose.to_owned(),
        secret: random_secret(32),
        created_at: Utc::now(),
    };
    let mut tx = store.begin().await?;
    signing_keys::insert(&mut tx.conn(), &key).await?;
    tx.commit().await?;
    // Two replicas starting together may both insert one: both keys are valid, the newest signs.
    signing_keys::active(&mut store.conn(), purpose).await
}

fn decode_secret(key: &SigningKey) -> Result<Vec<u8>, StoreError> {
    STANDARD.decode(&key.secret).map_err(|_| StoreError::Corrupt(format!("signing key {}", key.kid)))
}

impl TokenIssuer {
    pub async fn load(store: Store, ttl: Duration) -> Result<Self, StoreError> {
        let keys = Self::read_keys(&store).await?;
        Ok(Self { store, ttl, keys: RwLock::new(keys) })
    }

    async fn read_keys(store: &Store) -> Result<Keys, StoreError> {
        let active = ensure_keys(store, JWT_PURPOSE).await?;
        let newest = active.first().ok_or_else(|| StoreError::Corrupt("no signing key".into()))?;
        let mut decoding = HashMap::new();
        for key in &active {
            decoding.insert(key.kid.clone(), DecodingKey::from_secret(&decode_secret(key)?));
        }
        Ok(Keys {
            current_kid: newest.kid.clone(),
            encoding: EncodingKey::from_secret(&decode_secret(newest)?),
            decoding,
            loaded_at: Instant::now(),
        })
    }

    /// Re-reads the keys (another replica may have rotated or revoked one).
    pub async fn reload(&self) -> Result<(), StoreError> {
        let fresh = Self::read_keys(&self.store).await?;
        *self.keys.write().unwrap_or_else(|p| p.into_inner()) = fresh;
        Ok(())
    }

    /// Adds a new signing key, which signs from now on. Tokens signed by older keys keep
    /// verifying until they expire, unless `revoke_previous` retires those keys at once.
    pub async fn rotate(&self, revoke_previous: bool) -> Result<String, StoreError> {
        let key = SigningKey {
            kid: uuid::Uuid::now_v7().to_string(),
            purpose: JWT_PURPOSE.to_owned(),
            secret: random_secret(32),
            created_at: Utc::now(),
        };
        let mut tx = self.store.begin().await?;
        if revoke_previous {
            signing_keys::retire_all(&mut tx.conn(), JWT_PURPOSE).await?;
        }
        signing_keys::insert(&mut tx.conn(), &key).await?;
        let event = crate::domain::event::Event::SigningKeyRotated { kid: key.kid.clone() };
        crate::store::outbox::append(&mut tx.conn(), &event).await?;
        tx.commit().await?;
        self.reload().await?;
        Ok(key.kid)
    }

    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// A signed token for `principal`, valid for the configured lifetime.
    pub fn issue(&self, principal: &Principal) -> String {
        let now = Utc::now().timestamp();
        let claims = Claims {
            sub: principal.id.clone(),
            name: principal.name.clone(),
            kind: principal.kind.as_str().to_owned(),
            iss: ISSUER.to_owned(),
            iat: now,
            exp: now + self.ttl.as_secs() as i64,
        };
        self.sign(&claims)
    }

    fn sign(&self, claims: &impl Serialize) -> String {
        let keys = self.keys.read().unwrap_or_else(|p| p.into_inner());
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some(keys.current_kid.clone());
        // HS256 over serialisable claims with a valid key cannot fail.
        jsonwebtoken::encode(&header, claims, &keys.encoding).unwrap_or_default()
    }

    /// The principal a token was issued to, if the token is genuine and unexpired.
    pub async fn verify(&self, token: &str) -> Result<Principal, AuthnError> {
        let claims: Claims = self.decode(token, ISSUER).await?;
        let kind = PrincipalKind::parse(&claims.kind).ok_or(AuthnError::InvalidToken)?;
        Ok(Principal { id: claims.sub, kind, name: claims.name })
    }

    /// A token for Tarn's data endpoint (its own issuer: it is not an access token).
    pub fn issue_data(&self, claims: &DataClaims) -> String {
        self.sign(&DataToken { iss: DATA_ISSUER.to_owned(), claims: claims.clone() })
    }

    /// The claims of a genuine, unexpired data token.
    pub async fn verify_data(&self, token: &str) -> Result<DataClaims, AuthnError> {
        let token: DataToken = self.decode(token, DATA_ISSUER).await?;
        Ok(token.claims)
    }

    async fn decode<T: DeserializeOwned>(&self, token: &str, issuer: &str) -> Result<T, AuthnError> {
        let header = jsonwebtoken::decode_header(token).map_err(|_| AuthnError::InvalidToken)?;
        let kid = header.kid.ok_or(AuthnError::InvalidToken)?;
        if let Some(claims) = self.decode_with_known_key(token, &kid, issuer)? {
            return Ok(claims);
        }
        let stale = self.keys.read().unwrap_or_else(|p| p.into_inner()).loaded_at.elapsed() > RELOAD_INTERVAL;
        if stale {
            let fresh = Self::read_keys(&self.store).await?;
            *self.keys.write().unwrap_or_else(|p| p.into_inner()) = fresh;
            if let Some(claims) = self.decode_with_known_key(token, &kid, issuer)? {
                return Ok(claims);
            }
        }
        Err(AuthnError::InvalidToken)
    }

    fn decode_with_known_key<T: DeserializeOwned>(
        &self,
        token: &str,
        kid: &str,
        issuer: &str,
    ) -> Result<Option<T>, AuthnError> {
        let keys = self.keys.read().unwrap_or_else(|p| p.into_inner());
        let Some(key) = keys.decoding.get(kid) else { return Ok(None) };
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[issuer]);
        validation.leeway = 5;
        let data = jsonwebtoken::decode::<T>(token, key, &validation).map_err(|_| AuthnError::InvalidToken)?;
        Ok(Some(data.claims))
    }
}

const DATA_ISSUER: &str = "tarn/data";

/// What a data token lets its bearer do: read (or write) the files of one table, as the
/// principal it was vended to, until it expires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataClaims {
    pub sub: String,
    /// The table's id: a table dropped and re-created under the name is another table.
    pub tid: String,
    pub db: String,
    pub tbl: String,
    /// `READ` or `WRITE`.
    pub op: String,
    /// The restrictions the engine declared it enforces (checked again on every use).
    #[serde(default)]
    pub perm: Vec<String>,
    pub exp: i64,
}

#[derive(Debug, Serialize, Deserialize)]
struct DataToken {
    iss: String,
    #[serde(flatten)]
    claims: DataClaims,
}
