//! The lake: object storage through object_store (a local folder by default, S3-compatible in
//! production), with zones as prefixes `<zone>/<database>/<table>/`. Only this module builds
//! object paths, and every read or write takes a capability from `authz` that names the
//! location it may touch.

pub mod cipher;
mod decrypt;
pub mod parquet;
pub mod paths;
mod read;
mod scoped;
mod stage_parquet;
mod write;

use std::ops::Range;
use std::sync::Arc;

use bytes::Bytes;
use chrono::{DateTime, Utc};
use futures::TryStreamExt;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt};

use crate::authz::capability::{ReadLocation, WriteFiles};
use crate::config::LakeConfig;
use crate::domain::table::Zone;
use cipher::{CipherError, Decryptor, HEADER_LEN, Keyring, SEGMENT};
pub use paths::{FileName, LakePath, PartitionPath, PathError};
pub use read::QueryStore;

pub use stage_parquet::StagedParquet;
pub use write::Staged;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("location `{0}` is outside the lake ({1})")]
    OutsideLake(String, String),
    #[error(transparent)]
    Path(#[from] PathError),
    #[error("the upload is larger than the limit of {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("the upload was interrupted: {0}")]
    Body(String),
    #[error("object `{0}` does not exist")]
    NotFound(String),
    #[error(transparent)]
    Cipher(#[from] CipherError),
    #[error("storage backend: {0}")]
    Backend(#[from] object_store::Error),
    #[error("{0}")]
    Unsupported(String),
}

pub type StorageResult<T> = Result<T, StorageError>;

/// An object found by a listing.
#[derive(Debug, Clone)]
pub struct LakeObject {
    pub path: LakePath,
    /// Stored size (for an encrypted object, more than its content).
    pub size: u64,
    pub etag: Option<String>,
    pub last_modified: DateTime<Utc>,
}

#[derive(Clone)]
pub struct Lake {
    store: Arc<dyn ObjectStore>,
    /// `file:///abs/dir/` or `s3://bucket/prefix/`: how locations are written in the catalog.
    root_url: String,
    prefix: Path,
    keys: Option<Keyring>,
    /// Signs pre-signed URLs (S3 only).
    signer: Option<Arc<dyn object_store::signer::Signer>>,
}

impl std::fmt::Debug for Lake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lake").field("root_url", &self.root_url).field("encrypted", &self.keys.is_some()).finish()
    }
}

impl Lake {
    /// The same lake over `wrap` of its object store (a store that injects faults, in tests
    /// of what a failure at each step leaves behind).
    pub fn wrapping_store(mut self, wrap: impl FnOnce(Arc<dyn ObjectStore>) -> Arc<dyn ObjectStore>) -> Lake {
        self.store = wrap(self.store);
        self
    }

    /// Opens the lake the configuration names.
    pub fn open(config: &LakeConfig) -> anyhow::Result<Lake> {
        let keys = cipher::Keyring::new(config.encryption_keys.clone());
        if let Some(rest) = config.url.strip_prefix("s3://") {
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            let mut builder = object_store::aws::AmazonS3Builder::from_env().with_bucket_name(bucket);
            if let Some(endpoint) = &config.endpoint {
                builder = builder.with_endpoint(endpoint).with_allow_http(endpoint.starts_with("http://"));
            }
            if let Some(region) = &config.region {
                builder = builder.with_region(region);
            }
            if let (Some(id), Some(secret)) = (&config.access_key_id, &config.secret_access_key) {
                builder = builder.with_access_key_id(id).with_secret_access_key(secret);
            }
            let prefix = LakePath::parse(prefix)?;
            let root_url = if prefix.is_root() {
                format!("s3://{bucket}/")
            } else {
                format!("s3://{bucket}/{}/", prefix.as_str())
            };
            // S3 encrypts with the bucket's own server-side settings; client keys apply to local lakes.
            let s3 = Arc::new(builder.build()?);
            return Ok(Lake {
                store: s3.clone(),
                root_url,
                prefix: prefix.to_object_path(&Path::default()),
                keys: None,
                signer: Some(s3),
            });
        }
        let dir = config.url.strip_prefix("file://").unwrap_or(&config.url);
        std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("cannot create the lake folder {dir}: {e}"))?;
        let dir = std::fs::canonicalize(dir)?;
        let store = object_store::local::LocalFileSystem::new_with_prefix(&dir)?;
        let root_url = format!("file://{}/", dir.display().to_string().trim_end_matches('/'));
        Ok(Lake { store: Arc::new(store), root_url, prefix: Path::default(), keys, signer: None })
    }

    pub fn root_url(&self) -> &str {
        &self.root_url
    }

    /// The URI of a folder in the lake, ending in `/`.
    pub fn uri(&self, path: &LakePath) -> String {
        if path.is_root() { self.root_url.clone() } else { format!("{}{}/", self.root_url, path.as_str()) }
    }

    /// The folder a table's files live in unless its definition names another location.
    pub fn table_location(&self, zone: Zone, database: &str, table: &str) -> String {
        self.uri(&LakePath::root().join(zone.as_str()).join(database).join(table))
    }

    /// The lake path of a URI; a URI without a scheme is taken relative to the lake root.
    pub fn resolve(&self, uri: &str) -> StorageResult<LakePath> {
        let outside = || StorageError::OutsideLake(uri.to_owned(), self.root_url.clone());
        let relative = if let Some(rest) = uri.strip_prefix(self.root_url.as_str()) {
            rest
        } else if uri.contains("://") {
            // The root itself, written without its trailing slash.
            if uri == self.root_url.trim_end_matches('/') { "" } else { return Err(outside()) }
        } else {
            uri
        };
        Ok(LakePath::parse(relative)?)
    }

    /// Where a file uploaded under `write` goes.
    pub fn file_path(&self, write: &WriteFiles, partition: &PartitionPath, name: &FileName) -> StorageResult<LakePath> {
        Ok(self.resolve(write.location())?.join_partition(partition).join(name.as_str()))
    }

    /// Moves a staged upload to its final place in the table's folder (replacing any file there).
    pub async fn publish(&self, write: &WriteFiles, staged: &Staged, file: &LakePath) -> StorageResult<()> {
        let folder = self.resolve(write.location())?;
        if !file.is_within(&folder) {
            return Err(StorageError::OutsideLake(file.as_str().to_owned(), write.location().to_owned()));
        }
        let to = file.to_object_path(&self.prefix);
        self.store.rename(staged.object(), &to).await?;
        Ok(())
    }

    /// Removes a published file (used to undo a publish whose catalog record failed).
    pub async fn unpublish(&self, write: &WriteFiles, file: &LakePath) {
        let inside = self.resolve(write.location()).is_ok_and(|folder| file.is_within(&folder));
        if inside {
            let _ = self.store.delete(&file.to_object_path(&self.prefix)).await;
        }
    }

    /// Deletes the files directly in `folder` (within the capability's location) whose names
    /// begin with `<prefix>-` and that are not in `keep`: files an earlier attempt of the same
    /// writer published but never committed (it died in between). Returns how many went.
    pub async fn remove_uncommitted(
        &self,
        write: &WriteFiles,
        folder: &LakePath,
        prefix: &str,
        keep: &std::collections::BTreeSet<String>,
    ) -> StorageResult<usize> {
        let base = self.resolve(write.location())?;
        if !folder.is_within(&base) {
            return Err(StorageError::OutsideLake(folder.as_str().to_owned(), write.location().to_owned()));
        }
        let start = format!("{prefix}-");
        let mut removed = 0;
        for object in self.list_folder(folder).await? {
            let Some(name) = object.path.relative_to(folder).filter(|r| !r.contains('/')) else { continue };
            if name.starts_with(&start) && !keep.contains(object.path.as_str()) {
                self.store.delete(&object.path.to_object_path(&self.prefix)).await?;
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// Every object under the capability's location, hidden (`_x`, `.x`) folders and files skipped.
    pub async fn list(&self, read: &ReadLocation) -> StorageResult<Vec<LakeObject>> {
        self.list_folder(&self.resolve(read.location())?).await
    }

    async fn list_folder(&self, folder: &LakePath) -> StorageResult<Vec<LakeObject>> {
        let folder = folder.clone();
        let prefix = folder.to_object_path(&self.prefix);
        let stream =
            self.store.list(if folder.is_root() && self.prefix.as_ref().is_empty() { None } else { Some(&prefix) });
        let metas: Vec<_> = stream.try_collect().await?;
        let mut out = Vec::with_capacity(metas.len());
        for meta in metas {
            let Some(path) = LakePath::from_object_path(&meta.location, &self.prefix) else { continue };
            let hidden = path.relative_to(&folder).is_some_and(|r| r.split('/').any(|s| s.starts_with(['_', '.'])));
            if path.is_within(&folder) && !hidden {
                out.push(LakeObject { path, size: meta.size, etag: meta.e_tag, last_modified: meta.last_modified });
            }
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    /// A reader of one listed object, which must lie within the capability's location.
    pub async fn reader(&self, read: &ReadLocation, object: &LakeObject) -> StorageResult<ObjectReader> {
        let folder = self.resolve(read.location())?;
        if !object.path.is_within(&folder) {
            return Err(StorageError::OutsideLake(object.path.as_str().to_owned(), read.location().to_owned()));
        }
        self.open_reader(object).await
    }

    async fn open_reader(&self, object: &LakeObject) -> StorageResult<ObjectReader> {
        self.reader_at(object.path.to_object_path(&self.prefix), object.size).await
    }

    /// A reader of the object at `path` in the store, `stored_len` bytes as stored.
    async fn reader_at(&self, path: Path, stored_len: u64) -> StorageResult<ObjectReader> {
        let mut reader = ObjectReader { store: self.store.clone(), path, stored_len, decryptor: None };
        if let Some(keys) = &self.keys
            && stored_len >= HEADER_LEN as u64
        {
            let header = reader.raw(0..HEADER_LEN as u64).await?;
            reader.decryptor = keys.decryptor(&header)?;
        }
        Ok(reader)
    }
}

/// Ranged reads of one object's content, decrypting when it is encrypted.
pub struct ObjectReader {
    store: Arc<dyn ObjectStore>,
    path: Path,
    stored_len: u64,
    decryptor: Option<Decryptor>,
}

impl ObjectReader {
    /// Length of the content.
    pub fn len(&self) -> u64 {
        if self.decryptor.is_some() { Decryptor::plain_len(self.stored_len) } else { self.stored_len }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    async fn raw(&self, range: Range<u64>) -> StorageResult<Bytes> {
        match self.store.get_range(&self.path, range).await {
            Err(object_store::Error::NotFound { .. }) => Err(StorageError::NotFound(self.path.to_string())),
            other => Ok(other?),
        }
    }

    /// Bytes `range` of the content (clamped to its length).
    pub async fn range(&self, range: Range<u64>) -> StorageResult<Bytes> {
        let end = range.end.min(self.len());
        if range.start >= end {
            return Ok(Bytes::new());
        }
        let Some(decryptor) = &self.decryptor else { return self.raw(range.start..end).await };
        let seg = SEGMENT as u64;
        let (first, last) = (range.start / seg, (end - 1) / seg);
        let stored = self.raw(Decryptor::stored_range(self.stored_len, first, last)).await?;
        let plain = decryptor.open(self.stored_len, first, &stored)?;
        let offset = (range.start - first * seg) as usize;
        Ok(Bytes::from(plain).slice(offset..offset + (end - range.start) as usize))
    }

    /// The whole content as a stream of chunks (for large sequential reads).
    pub async fn all(&self) -> StorageResult<Bytes> {
        if self.decryptor.is_none() {
            let bytes = self.store.get(&self.path).await?.bytes().await?;
            return Ok(bytes);
        }
        self.range(0..self.len()).await
    }
}

impl std::fmt::Debug for ObjectReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ObjectReader").field("path", &self.path.as_ref()).finish_non_exhaustive()
    }
}
