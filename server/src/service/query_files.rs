//! A queried table's files: its catalog partitions (only those the query's partition-key
//! filter can match, found by the store's indexes) and a listing of their folders, through the
//! caller's [`ReadTable`] capability.

use async_trait::async_trait;
use futures::{StreamExt, TryStreamExt};

use crate::authz::capability::ReadTable;
use crate::domain::partition::{Partition, compile_filter, encode_values};
use crate::domain::partition_filter::FilterExpr;
use crate::domain::table::Table;
use crate::query::{TableFile, TableFiles};
use crate::storage::{Lake, QueryStore};
use crate::store::{Store, partitions};

/// Partitions read from the store per round trip.
const PAGE: u64 = 1_000;
/// Folders listed at once.
const LISTINGS: usize = 16;

#[derive(Debug)]
pub struct CatalogFiles {
    pub store: Store,
    pub lake: Lake,
    pub query_store: QueryStore,
    pub read: ReadTable,
    pub table: Table,
}

impl CatalogFiles {
    async fn partitions(&self, filter: Option<FilterExpr>) -> Result<Vec<Partition>, String> {
        let keys = &self.table.definition.partition_keys;
        // A filter whose literals do not fit the keys' types prunes nothing; the query's own
        // evaluation of it decides.
        let typed = filter.and_then(|f| compile_filter(&f, keys).ok());
        let mut all = Vec::new();
        let mut after = None;
        loop {
            let page = partitions::list(
                &mut self.store.conn(),
                &self.table.id,
                keys.len(),
                typed.as_ref(),
                after.as_ref(),
                PAGE,
            )
            .await
            .map_err(|e| e.to_string())?;
            let full = page.len() as u64 == PAGE;
            if let Some(last) = page.last() {
                after = Some(encode_values(keys, &last.values).map_err(|e| e.to_string())?);
            }
            all.extend(page);
            if !full {
                return Ok(all);
            }
        }
    }

    /// A partition's folder: its own location, else `k=v/...` under the table's.
    fn folder_of(&self, partition: &Partition) -> String {
        if let Some(location) = &partition.location {
            return location.clone();
        }
        let mut folder = self.read.location().trim_end_matches('/').to_owned();
        for (key, value) in self.table.definition.partition_keys.iter().zip(&partition.values) {
            folder.push_str(&format!("/{}={value}", key.name.as_str()));
        }
        folder
    }

    async fn list(
        &self,
        uri: &str,
        values: Vec<String>,
        format: crate::domain::table::Format,
    ) -> Result<Vec<TableFile>, String> {
        let objects = self.lake.list_table_folder(&self.read, uri).await.map_err(|e| match e {
            crate::storage::StorageError::OutsideLake(..) => {
                format!("a partition of {} lies outside the table's folder and is not read", self.read.table())
            }
            other => other.to_string(),
        })?;
        let mut files = Vec::with_capacity(objects.len());
        for object in objects {
            // Encrypted objects are read as their content: the engine needs its length.
            let size = self.lake.content_len(&object).await.map_err(|e| e.to_string())?;
            if size > 0 {
                let object_path = self.query_store.object_path(&object.path);
                files.push(TableFile {
                    object_path,
                    size,
                    last_modified: object.last_modified,
                    etag: object.etag.clone(),
                    partition_values: values.clone(),
                    format,
                });
            }
        }
        Ok(files)
    }
}

#[async_trait]
impl TableFiles for CatalogFiles {
    async fn files(&self, filter: Option<FilterExpr>) -> Result<Vec<TableFile>, String> {
        let format = self.table.definition.format;
        if self.table.definition.partition_keys.is_empty() {
            return self.list(self.read.location(), Vec::new(), format).await;
        }
        let partitions = self.partitions(filter).await?;
        let listings = futures::stream::iter(partitions.into_iter().map(|p| {
            let folder = self.folder_of(&p);
            async move { self.list(&folder, p.values, p.format.unwrap_or(format)).await }
        }))
        .buffered(LISTINGS);
        let nested: Vec<Vec<TableFile>> = listings.try_collect().await?;
        Ok(nested.into_iter().flatten().collect())
    }
}
