//! The object store a query engine is handed: read-only, and limited to the folders of the
//! tables its [`ReadTable`](crate::authz::capability::ReadTable) capabilities name. An object
//! outside them does not exist for it, whatever path a plan asks for.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use async_trait::async_trait;
use bytes::Bytes;
use futures::StreamExt;
use futures::stream::BoxStream;
use object_store::path::Path;
use object_store::{
    CopyOptions, Error, GetOptions, GetResult, ListResult, MultipartUpload, ObjectMeta, ObjectStore,
    PutMultipartOptions, PutOptions, PutPayload, PutResult, Result,
};

#[derive(Debug)]
pub struct ScopedStore {
    inner: Arc<dyn ObjectStore>,
    /// Object prefixes of the folders it may read.
    folders: Vec<Path>,
}

impl ScopedStore {
    pub fn new(inner: Arc<dyn ObjectStore>, folders: Vec<Path>) -> Self {
        Self { inner, folders }
    }

    fn allows(&self, location: &Path) -> bool {
        self.folders.iter().any(|folder| location.prefix_matches(folder))
    }

    /// Keeps only the listed objects inside the folders.
    fn within(&self, listed: BoxStream<'static, Result<ObjectMeta>>) -> BoxStream<'static, Result<ObjectMeta>> {
        let folders = self.folders.clone();
        listed
            .filter(move |meta| {
                let keep = meta.as_ref().map_or(true, |m| folders.iter().any(|f| m.location.prefix_matches(f)));
                futures::future::ready(keep)
            })
            .boxed()
    }

    fn absent(location: &Path) -> Error {
        Error::NotFound { path: location.to_string(), source: "outside the tables this query may read".into() }
    }
}

impl fmt::Display for ScopedStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ScopedStore({} folders of {})", self.folders.len(), self.inner)
    }
}

fn read_only(operation: &str) -> Error {
    Error::NotSupported { source: format!("{operation}: the query view of the lake is read-only").into() }
}

#[async_trait]
impl ObjectStore for ScopedStore {
    async fn put_opts(&self, _: &Path, _: PutPayload, _: PutOptions) -> Result<PutResult> {
        Err(read_only("put"))
    }

    async fn put_multipart_opts(&self, _: &Path, _: PutMultipartOptions) -> Result<Box<dyn MultipartUpload>> {
        Err(read_only("put_multipart"))
    }

    async fn get_opts(&self, location: &Path, options: GetOptions) -> Result<GetResult> {
        if !self.allows(location) {
            return Err(Self::absent(location));
        }
        self.inner.get_opts(location, options).await
    }

    /// Forwarded, not left to the default: the local store reads all ranges of a file in one
    /// open, where the default opens it once per range (a Parquet footer and its pages).
    async fn get_ranges(&self, location: &Path, ranges: &[Range<u64>]) -> Result<Vec<Bytes>> {
        if !self.allows(location) {
            return Err(Self::absent(location));
        }
        self.inner.get_ranges(location, ranges).await
    }

    fn delete_stream(&self, locations: BoxStream<'static, Result<Path>>) -> BoxStream<'static, Result<Path>> {
        locations.map(|_| Err(read_only("delete"))).boxed()
    }

    /// Only within the folders: a listing of anything wider shows just what lies in them.
    fn list(&self, prefix: Option<&Path>) -> BoxStream<'static, Result<ObjectMeta>> {
        self.within(self.inner.list(prefix))
    }

    fn list_with_offset(&self, prefix: Option<&Path>, offset: &Path) -> BoxStream<'static, Result<ObjectMeta>> {
        self.within(self.inner.list_with_offset(prefix, offset))
    }

    async fn list_with_delimiter(&self, prefix: Option<&Path>) -> Result<ListResult> {
        let mut listed = self.inner.list_with_delimiter(prefix).await?;
        listed.objects.retain(|m| self.allows(&m.location));
        listed.common_prefixes.retain(|p| self.allows(p) || self.folders.iter().any(|f| f.prefix_matches(p)));
        Ok(listed)
    }

    async fn copy_opts(&self, _: &Path, _: &Path, _: CopyOptions) -> Result<()> {
        Err(read_only("copy"))
    }
}

#[cfg(test)]
mod tests {
    use object_store::ObjectStoreExt;
    use object_store::memory::InMemory;

    use super::*;

    async fn store() -> ScopedStore {
        let inner = Arc::new(InMemory::new());
        for path in ["raw/sales/orders/a.parquet", "raw/sales/secret/b.parquet"] {
            inner.put(&Path::from(path), PutPayload::from_static(b"0123456789")).await.unwrap();
        }
        ScopedStore::new(inner, vec![Path::from("raw/sales/orders")])
    }

    #[tokio::test]
    async fn objects_outside_the_folders_do_not_exist() {
        let scoped = store().await;
        let inside = Path::from("raw/sales/orders/a.parquet");
        let outside = Path::from("raw/sales/secret/b.parquet");
        assert_eq!(scoped.get_ranges(&inside, &[0..2, 5..7]).await.unwrap(), vec![&b"01"[..], &b"56"[..]]);
        assert!(matches!(scoped.get_ranges(&outside, &[0..2, 4..6]).await, Err(Error::NotFound { .. })));
        assert!(matches!(scoped.get(&outside).await, Err(Error::NotFound { .. })));
        let listed: Vec<_> = scoped.list(Some(&Path::from("raw/sales"))).map(|m| m.unwrap().location).collect().await;
        assert_eq!(listed, vec![inside.clone()]);
        let offset = Path::from("raw/sales/a");
        let listed: Vec<_> =
            scoped.list_with_offset(Some(&Path::from("raw")), &offset).map(|m| m.unwrap().location).collect().await;
        assert_eq!(listed, vec![inside]);
        assert!(matches!(scoped.put(&outside, PutPayload::from_static(b"x")).await, Err(Error::NotSupported { .. })));
    }
}
