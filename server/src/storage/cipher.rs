//! Encryption at rest for the local lake: AES-256-GCM per object, in 64 KiB segments so large
//! files stream and ranged reads decrypt only the segments they touch. Each segment's nonce is
//! the object's random prefix, the segment number and a last-segment flag (the STREAM
//! construction), so segments cannot be reordered, dropped or the object truncated unnoticed.
//!
//! Layout: `TARNENC1`, key id length (1 byte), key id (padded to 32 bytes), nonce prefix
//! (7 bytes), then the segments, each its ciphertext and 16-byte tag.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use rand::RngCore;

pub const MAGIC: &[u8; 8] = b"TARNENC1";
pub const SEGMENT: usize = 64 * 1024;
const TAG: usize = 16;
const KEY_ID_MAX: usize = 32;
const PREFIX: usize = 7;
pub const HEADER_LEN: usize = MAGIC.len() + 1 + KEY_ID_MAX + PREFIX;

#[derive(Debug, thiserror::Error)]
pub enum CipherError {
    #[error("the object is encrypted with key `{0}`, which is not configured")]
    UnknownKey(String),
    #[error("the object failed authentication: it was altered or truncated")]
    Tampered,
    #[error("the encryption header is damaged")]
    BadHeader,
}

/// A named 256-bit key.
#[derive(Clone)]
pub struct Key {
    pub id: String,
    cipher: Aes256Gcm,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Key").field("id", &self.id).finish_non_exhaustive()
    }
}

impl Key {
    /// `id` at most 32 bytes; `bytes` exactly 32.
    pub fn new(id: &str, bytes: &[u8]) -> Result<Self, String> {
        if id.is_empty() || id.len() > KEY_ID_MAX || !id.chars().all(|c| c.is_ascii_graphic()) {
            return Err("an encryption key id is 1 to 32 printable ASCII characters".into());
        }
        let cipher = Aes256Gcm::new_from_slice(bytes).map_err(|_| "an encryption key is 32 bytes".to_owned())?;
        Ok(Self { id: id.to_owned(), cipher })
    }
}

/// The configured keys: the first encrypts, all decrypt (so keys can be rotated).
#[derive(Debug, Clone)]
pub struct Keyring {
    keys: Vec<Key>,
}

fn nonce(prefix: &[u8], index: u64, last: bool) -> Result<[u8; 12], CipherError> {
    let index = u32::try_from(index).map_err(|_| CipherError::Tampered)?;
    let mut n = [0u8; 12];
    n[..PREFIX].copy_from_slice(prefix);
    n[PREFIX..PREFIX + 4].copy_from_slice(&index.to_be_bytes());
    n[11] = u8::from(last);
    Ok(n)
}

impl Keyring {
    pub fn new(keys: Vec<Key>) -> Option<Self> {
        (!keys.is_empty()).then_some(Self { keys })
    }

    /// A writer for one new object.
    pub fn encryptor(&self) -> Encryptor {
        let key = self.keys[0].clone();
        let mut prefix = [0u8; PREFIX];
        rand::thread_rng().fill_bytes(&mut prefix);
        let mut header = Vec::with_capacity(HEADER_LEN);
        header.extend_from_slice(MAGIC);
        header.push(key.id.len() as u8);
        let mut id = [0u8; KEY_ID_MAX];
        id[..key.id.len()].copy_from_slice(key.id.as_bytes());
        header.extend_from_slice(&id);
        header.extend_from_slice(&prefix);
        Encryptor { key, prefix, index: 0, header: Some(header) }
    }

    /// Reads a header; `None` when the object is not encrypted.
    pub fn decryptor(&self, header: &[u8]) -> Result<Option<Decryptor>, CipherError> {
        if header.len() < HEADER_LEN || &header[..MAGIC.len()] != MAGIC {
            return Ok(None);
        }
        let len = usize::from(header[MAGIC.len()]);
        if len == 0 || len > KEY_ID_MAX {
            return Err(CipherError::BadHeader);
        }
        let id_start = MAGIC.len() + 1;
        let id = String::from_utf8_lossy(&header[id_start..id_start + len]).into_owned();
        let key = self.keys.iter().find(|k| k.id == id).ok_or(CipherError::UnknownKey(id))?.clone();
        let mut prefix = [0u8; PREFIX];
        prefix.copy_from_slice(&header[HEADER_LEN - PREFIX..HEADER_LEN]);
        Ok(Some(Decryptor { key, prefix }))
    }
}

/// Encrypts one object segment by segment; the caller keeps one segment back until it knows
/// whether more follows, and passes `last` for the final one (which may be empty).
pub struct Encryptor {
    key: Key,
    prefix: [u8; PREFIX],
    index: u64,
    header: Option<Vec<u8>>,
}

impl Encryptor {
    /// The ciphertext of the next segment (preceded by the header for the first one).
    pub fn segment(&mut self, plain: &[u8], last: bool) -> Vec<u8> {
        let n = nonce(&self.prefix, self.index, last).unwrap_or_default();
        self.index += 1;
        let sealed = self.key.cipher.encrypt(&Nonce::from(n), Payload { msg: plain, aad: MAGIC }).unwrap_or_default();
        match self.header.take() {
            Some(mut out) => {
                out.extend_from_slice(&sealed);
                out
            }
            None => sealed,
        }
    }
}

#[derive(Clone)]
pub struct Decryptor {
    key: Key,
    prefix: [u8; PREFIX],
}

impl std::fmt::Debug for Decryptor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Decryptor").field("key", &self.key.id).finish_non_exhaustive()
    }
}

impl Decryptor {
    fn segments(stored_len: u64) -> u64 {
        let body = stored_len.saturating_sub(HEADER_LEN as u64);
        body.div_ceil((SEGMENT + TAG) as u64).max(1)
    }

    /// Plaintext length of an object of `stored_len` bytes.
    pub fn plain_len(stored_len: u64) -> u64 {
        let body = stored_len.saturating_sub(HEADER_LEN as u64);
        body.saturating_sub(Self::segments(stored_len) * TAG as u64)
    }

    /// Stored byte range holding plaintext segments `first..=last`.
    pub fn stored_range(stored_len: u64, first: u64, last: u64) -> std::ops::Range<u64> {
        let seg = (SEGMENT + TAG) as u64;
        let start = HEADER_LEN as u64 + first * seg;
        (start)..(HEADER_LEN as u64 + (last + 1) * seg).min(stored_len)
    }

    /// Decrypts consecutive segments starting at `first`, read from `stored`.
    pub fn open(&self, stored_len: u64, first: u64, stored: &[u8]) -> Result<Vec<u8>, CipherError> {
        let total = Self::segments(stored_len);
        let mut out = Vec::with_capacity(stored.len());
        for (i, chunk) in stored.chunks(SEGMENT + TAG).enumerate() {
            let index = first + i as u64;
            let n = nonce(&self.prefix, index, index + 1 == total)?;
            let plain = self
                .key
                .cipher
                .decrypt(&Nonce::from(n), Payload { msg: chunk, aad: MAGIC })
                .map_err(|_| CipherError::Tampered)?;
            out.extend_from_slice(&plain);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring() -> Keyring {
        Keyring::new(vec![Key::new("k1", &[7u8; 32]).unwrap()]).unwrap()
    }

    fn seal(ring: &Keyring, plain: &[u8]) -> Vec<u8> {
        let mut e = ring.encryptor();
        let mut out = Vec::new();
        let chunks: Vec<&[u8]> = if plain.is_empty() { vec![&[]] } else { plain.chunks(SEGMENT).collect() };
        for (i, c) in chunks.iter().enumerate() {
            out.extend(e.segment(c, i + 1 == chunks.len()));
        }
        out
    }

    #[test]
    fn round_trips_and_detects_tampering_and_truncation() {
        let ring = ring();
        let plain: Vec<u8> = (0..SEGMENT * 2 + 100).map(|i| (i % 251) as u8).collect();
        let stored = seal(&ring, &plain);
        let len = stored.len() as u64;
        assert_eq!(Decryptor::plain_len(len), plain.len() as u64);
        let d = ring.decryptor(&stored[..HEADER_LEN]).unwrap().unwrap();
        assert_eq!(d.open(len, 0, &stored[HEADER_LEN..]).unwrap(), plain);
        let r = Decryptor::stored_range(len, 1, 2);
        assert_eq!(d.open(len, 1, &stored[r.start as usize..r.end as usize]).unwrap(), &plain[SEGMENT..]);
        let mut bad = stored.clone();
        bad[HEADER_LEN + 5] ^= 1;
        assert!(d.open(len, 0, &bad[HEADER_LEN..]).is_err());
        // Dropping the last segment: the new last one was not sealed as last.
        let cut = &stored[..HEADER_LEN + 2 * (SEGMENT + TAG)];
        assert!(d.open(cut.len() as u64, 0, &cut[HEADER_LEN..]).is_err());
        let empty = seal(&ring, b"");
        assert_eq!(Decryptor::plain_len(empty.len() as u64), 0);
        assert!(d.open(empty.len() as u64, 0, &empty[HEADER_LEN..]).is_err(), "other object's prefix");
    }

    #[test]
    fn unknown_keys_and_plain_objects() {
        let other = Keyring::new(vec![Key::new("k2", &[1u8; 32]).unwrap()]).unwrap();
        let stored = seal(&ring(), b"hello");
        assert!(matches!(other.decryptor(&stored[..HEADER_LEN]), Err(CipherError::UnknownKey(k)) if k == "k1"));
        assert!(ring().decryptor(b"a,b\n1,2\n").unwrap().is_none());
        assert!(Key::new("k", &[0u8; 16]).is_err());
    }
}
