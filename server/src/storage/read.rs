//! Reading a table's files for queries and vended access: always through a
//! [`ReadTable`] capability, and never outside the table's folder.

use std::sync::Arc;
use std::time::Duration;

use object_store::{ObjectStore, ObjectStoreExt};

use super::{Lake, LakeObject, LakePath, ObjectReader, StorageError, StorageResult};
use crate::authz::capability::{ReadTable, WriteFiles};

/// The object store a query engine reads a table's files from, and how to name them in it:
/// read-only and scoped to the folders of the tables the capabilities it was made from name.
#[derive(Clone)]
pub struct QueryStore {
    pub store: Arc<dyn ObjectStore>,
    prefix: object_store::path::Path,
    /// The lake's own store (decrypting, for an encrypted lake) and the folders allowed.
    base: Arc<dyn ObjectStore>,
    folders: Vec<object_store::path::Path>,
}

impl QueryStore {
    /// One store for a query over several tables: the union of their folders.
    pub fn union<'a>(stores: impl IntoIterator<Item = &'a QueryStore>) -> Option<QueryStore> {
        let mut stores = stores.into_iter();
        let first = stores.next()?.clone();
        let mut folders = first.folders.clone();
        for s in stores {
            folders.extend(s.folders.iter().cloned());
        }
        let store: Arc<dyn ObjectStore> =
            Arc::new(super::scoped::ScopedStore::new(first.base.clone(), folders.clone()));
        Some(QueryStore { store, folders, ..first })
    }

    /// The object store's own path of a listed file.
    pub fn object_path(&self, path: &LakePath) -> String {
        path.to_object_path(&self.prefix).to_string()
    }
}

impl std::fmt::Debug for QueryStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QueryStore").finish_non_exhaustive()
    }
}

impl Lake {
    /// `uri` as a lake folder, provided it lies within the capability's table folder.
    pub fn folder_of(&self, read: &ReadTable, uri: &str) -> StorageResult<LakePath> {
        let table = self.resolve(read.location())?;
        let folder = self.resolve(uri)?;
        if folder.is_within(&table) {
            Ok(folder)
        } else {
            Err(StorageError::OutsideLake(uri.to_owned(), read.location().to_owned()))
        }
    }

    /// The files in one of the table's folders (the table's own, or a partition's).
    pub async fn list_table_folder(&self, read: &ReadTable, uri: &str) -> StorageResult<Vec<LakeObject>> {
        let folder = self.folder_of(read, uri)?;
        self.list_folder(&folder).await
    }

    /// The store for a query engine to read the capability's table from: read-only, limited
    /// to the table's folder, over the lake's own store or, for an encrypted local lake, a view
    /// that decrypts what is read.
    pub fn query_store(&self, read: &ReadTable) -> StorageResult<QueryStore> {
        let base: Arc<dyn ObjectStore> = match self.keys {
            Some(_) => Arc::new(super::decrypt::DecryptingStore::new(self.clone())),
            None => self.store.clone(),
        };
        let folders = vec![self.resolve(read.location())?.to_object_path(&self.prefix)];
        let store: Arc<dyn ObjectStore> = Arc::new(super::scoped::ScopedStore::new(base.clone(), folders.clone()));
        Ok(QueryStore { store, prefix: self.prefix.clone(), base, folders })
    }

    /// The length of a listed object's content (less than its stored size when encrypted).
    pub async fn content_len(&self, object: &LakeObject) -> StorageResult<u64> {
        if self.keys.is_none() {
            return Ok(object.size);
        }
        Ok(self.open_reader(object).await?.len())
    }
}

impl Lake {
    /// Whether the lake can hand out pre-signed URLs (S3) rather than tokens for Tarn's data endpoint.
    pub fn signs_urls(&self) -> bool {
        self.signer.is_some()
    }

    /// A URL that reads one listed file of the table until `ttl` passes.
    pub async fn presign_read(&self, read: &ReadTable, object: &LakeObject, ttl: Duration) -> StorageResult<String> {
        let folder = self.resolve(read.location())?;
        if !object.path.is_within(&folder) {
            return Err(StorageError::OutsideLake(object.path.as_str().to_owned(), read.location().to_owned()));
        }
        self.presign(http::Method::GET, &object.path, ttl).await
    }

    /// A URL that writes one file into the table's folder until `ttl` passes.
    pub async fn presign_write(&self, write: &WriteFiles, path: &LakePath, ttl: Duration) -> StorageResult<String> {
        let folder = self.resolve(write.location())?;
        if !path.is_within(&folder) {
            return Err(StorageError::OutsideLake(path.as_str().to_owned(), write.location().to_owned()));
        }
        self.presign(http::Method::PUT, path, ttl).await
    }

    async fn presign(&self, method: http::Method, path: &LakePath, ttl: Duration) -> StorageResult<String> {
        let signer =
            self.signer.as_ref().ok_or_else(|| StorageError::Unsupported("this lake signs no URLs".to_owned()))?;
        let url = signer.signed_url(method, &path.to_object_path(&self.prefix), ttl).await?;
        Ok(url.to_string())
    }

    /// A reader of one file of the table, named relative to its folder; hidden and
    /// out-of-folder names are refused, a missing file is `NotFound`.
    pub async fn table_file(&self, read: &ReadTable, relative: &str) -> StorageResult<ObjectReader> {
        let folder = self.resolve(read.location())?;
        let path = LakePath::parse(format!("{}/{relative}", folder.as_str()).trim_start_matches('/'))?;
        let hidden = relative.split('/').any(|s| s.starts_with(['_', '.']));
        if !path.is_within(&folder) || hidden || path == folder {
            return Err(StorageError::NotFound(relative.to_owned()));
        }
        let meta = match self.store.head(&path.to_object_path(&self.prefix)).await {
            Err(object_store::Error::NotFound { .. }) => return Err(StorageError::NotFound(relative.to_owned())),
            other => other?,
        };
        let object = LakeObject { path, size: meta.size, etag: meta.e_tag, last_modified: meta.last_modified };
        self.open_reader(&object).await
    }
}
