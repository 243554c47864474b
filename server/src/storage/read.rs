//! Reading a table's files for queries and vended access: always through a
//! [`ReadTable`] capability, and never outside the table's folder.

use std::sync::Arc;

use object_store::ObjectStore;

use super::{Lake, LakeObject, LakePath, StorageError, StorageResult};
use crate::authz::capability::ReadTable;

/// The object store a query engine reads a table's files from, and how to name them in it.
#[derive(Clone)]
pub struct QueryStore {
    pub store: Arc<dyn ObjectStore>,
    prefix: object_store::path::Path,
}

impl QueryStore {
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

    /// The store for a query engine to read the capability's table from. Files are read in
    /// place, so an encrypted local lake cannot be handed to an engine.
    pub fn query_store(&self, read: &ReadTable) -> StorageResult<QueryStore> {
        if self.keys.is_some() {
            return Err(StorageError::Unsupported(format!(
                "{} is in an encrypted local lake, which SQL queries cannot read yet",
                read.table()
            )));
        }
        Ok(QueryStore { store: self.store.clone(), prefix: self.prefix.clone() })
    }
}
