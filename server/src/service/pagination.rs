//! Page tokens: the position after the last item of a page, bound to the listing it came from
//! and signed, so a tampered or transplanted token is refused instead of misread.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::Sha256;

use super::ServiceError;
use crate::store::{Store, StoreError};

const PURPOSE: &str = "page_token";

#[derive(Clone)]
pub struct PageTokens {
    key: Vec<u8>,
}

impl std::fmt::Debug for PageTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PageTokens")
    }
}

impl PageTokens {
    /// Uses the store's page-token key, shared by every replica.
    pub async fn load(store: &Store) -> Result<Self, StoreError> {
        let keys = crate::authn::ensure_keys(store, PURPOSE).await?;
        // The oldest key: replicas that raced to create one all agree on it.
        let key = keys.last().ok_or_else(|| StoreError::Corrupt("no page token key".into()))?;
        let key = STANDARD.decode(&key.secret).map_err(|_| StoreError::Corrupt("page token key".into()))?;
        Ok(Self { key })
    }

    fn mac(&self, scope: &str, payload: &[u8]) -> Hmac<Sha256> {
        // A key of any length is accepted by HMAC.
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("hmac accepts any key length");
        mac.update(scope.as_bytes());
        mac.update(&[0]);
        mac.update(payload);
        mac
    }

    /// Encodes `position` for the listing named by `scope`.
    pub fn encode<T: Serialize>(&self, scope: &str, position: &T) -> String {
        let payload = serde_json::to_vec(position).unwrap_or_default();
        let tag = self.mac(scope, &payload).finalize().into_bytes();
        format!("{}.{}", URL_SAFE_NO_PAD.encode(&payload), URL_SAFE_NO_PAD.encode(tag))
    }

    /// Where a listing resumes: nowhere (the first page) without a token or with an empty one,
    /// as `?page_token=` from a client that fills every parameter; else the decoded position.
    pub fn resume<T: DeserializeOwned>(&self, scope: &str, token: Option<&str>) -> Result<Option<T>, ServiceError> {
        token.filter(|t| !t.is_empty()).map(|t| self.decode(scope, t)).transpose()
    }

    /// Decodes a token made by [`encode`](Self::encode) for the same `scope`.
    pub fn decode<T: DeserializeOwned>(&self, scope: &str, token: &str) -> Result<T, ServiceError> {
        let (payload, tag) = token.split_once('.').ok_or(ServiceError::InvalidPageToken)?;
        let payload = URL_SAFE_NO_PAD.decode(payload).map_err(|_| ServiceError::InvalidPageToken)?;
        let tag = URL_SAFE_NO_PAD.decode(tag).map_err(|_| ServiceError::InvalidPageToken)?;
        self.mac(scope, &payload).verify_slice(&tag).map_err(|_| ServiceError::InvalidPageToken)?;
        serde_json::from_slice(&payload).map_err(|_| ServiceError::InvalidPageToken)
    }
}
