//! Streaming writes: an upload goes to a staging object under `_tarn/staging/` while its size is
//! counted against the limit and its SHA-256 computed, and is published by a rename only once
//! the catalog has decided what to do with it. Large bodies never sit in memory: past the first
//! chunk they go out as a multipart upload (a staging file for the local lake).

use bytes::{Bytes, BytesMut};
use futures::{Stream, StreamExt};
use object_store::path::Path;
use object_store::{ObjectStoreExt, PutPayload, WriteMultipart};
use sha2::{Digest, Sha256};

use super::cipher::{Encryptor, SEGMENT};
use super::{Lake, LakePath, StorageError, StorageResult};

/// Size of each multipart part (S3 needs at least 5 MiB for all but the last).
const PART: usize = 8 << 20;
/// Parts in flight at once.
const IN_FLIGHT: usize = 4;

/// An upload written to its staging object, not yet visible in any table.
#[derive(Debug)]
pub struct Staged {
    object: Path,
    pub size: u64,
    pub sha256: String,
}

impl Staged {
    pub(super) fn object(&self) -> &Path {
        &self.object
    }
}

/// The start of an upload, kept until it is clear whether it fits one PUT.
#[derive(Default)]
struct First {
    chunks: Vec<Bytes>,
    len: usize,
}

/// Where plaintext goes: straight through, or sealed segment by segment.
struct Sealer {
    encryptor: Option<Encryptor>,
    pending: BytesMut,
}

impl Sealer {
    /// Ciphertext (or plaintext) ready to store after `chunk`; one segment is held back so the
    /// final one can be sealed as last.
    fn push(&mut self, chunk: Bytes) -> Option<Bytes> {
        let Some(enc) = &mut self.encryptor else { return Some(chunk) };
        self.pending.extend_from_slice(&chunk);
        let mut out = Vec::new();
        while self.pending.len() > SEGMENT {
            let segment = self.pending.split_to(SEGMENT);
            out.extend(enc.segment(&segment, false));
        }
        (!out.is_empty()).then(|| Bytes::from(out))
    }

    fn finish(&mut self) -> Option<Bytes> {
        let enc = self.encryptor.as_mut()?;
        Some(Bytes::from(enc.segment(&self.pending.split(), true)))
    }
}

impl Lake {
    /// Writes `body` to a new staging object, refusing more than `limit` bytes.
    pub async fn stage<S, E>(&self, body: S, limit: u64) -> StorageResult<Staged>
    where
        S: Stream<Item = Result<Bytes, E>> + Unpin,
        E: std::fmt::Display,
    {
        let object = LakePath::parse(&format!("_tarn/staging/{}", uuid::Uuid::now_v7()))?.to_object_path(&self.prefix);
        let mut sealer = Sealer { encryptor: self.keys.as_ref().map(|k| k.encryptor()), pending: BytesMut::new() };
        // The checksum is computed on a thread of its own, beside receiving and writing.
        let (to_hasher, chunks) = std::sync::mpsc::channel::<Bytes>();
        let hasher = tokio::task::spawn_blocking(move || {
            let mut hasher = Sha256::new();
            for chunk in chunks {
                hasher.update(&chunk);
            }
            hex(&hasher.finalize())
        });
        let mut size = 0u64;
        let mut first = First::default();
        let mut multipart: Option<WriteMultipart> = None;
        let mut body = body;
        let result: StorageResult<()> = async {
            while let Some(chunk) = body.next().await {
                let chunk = chunk.map_err(|e| StorageError::Body(e.to_string()))?;
                size += chunk.len() as u64;
                if size > limit {
                    return Err(StorageError::TooLarge { limit });
                }
                let _ = to_hasher.send(chunk.clone());
                let Some(out) = sealer.push(chunk) else { continue };
                self.write_out(&object, &mut first, &mut multipart, out).await?;
            }
            if let Some(out) = sealer.finish() {
                self.write_out(&object, &mut first, &mut multipart, out).await?;
            }
            Ok(())
        }
        .await;
        drop(to_hasher);
        if let Err(e) = result {
            if let Some(upload) = multipart {
                let _ = upload.abort().await;
            }
            return Err(e);
        }
        match multipart {
            Some(upload) => {
                upload.finish().await?;
            }
            None => {
                self.store.put(&object, first.chunks.into_iter().collect::<PutPayload>()).await?;
            }
        }
        let sha256 = hasher.await.map_err(|e| StorageError::Body(format!("checksum: {e}")))?;
        Ok(Staged { object, size, sha256 })
    }

    /// Sends `out` on, without copying it: held back until the upload is known to be large,
    /// then handed to the multipart upload.
    async fn write_out(
        &self,
        object: &Path,
        first: &mut First,
        multipart: &mut Option<WriteMultipart>,
        out: Bytes,
    ) -> StorageResult<()> {
        if let Some(upload) = multipart {
            upload.wait_for_capacity(IN_FLIGHT).await?;
            upload.put(out);
            return Ok(());
        }
        first.len += out.len();
        first.chunks.push(out);
        if first.len >= PART {
            // Small uploads are one PUT; this one is large enough for a multipart upload.
            let mut upload = WriteMultipart::new_with_chunk_size(self.store.put_multipart(object).await?, PART);
            for chunk in std::mem::take(&mut first.chunks) {
                upload.put(chunk);
            }
            *multipart = Some(upload);
        }
        Ok(())
    }

    /// Drops a staging object that will not be published.
    pub async fn discard(&self, staged: Staged) {
        let _ = self.store.delete(&staged.object).await;
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
