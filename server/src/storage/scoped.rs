//! The object store a query engine is handed: read-only, and limited to the folders of the
//! tables its [`ReadTable`](crate::authz::capability::ReadTable) capabilities name. An object
//! outside them does not exist for it, whatever path a plan asks for.

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
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

    fn delete_stream(&self, locations: BoxStream<'static, Result<Path>>) -> BoxStream<'static, Result<Path>> {
        locations.map(|_| Err(read_only("delete"))).boxed()
    }

    /// Only within the folders: a listing of anything wider shows just what lies in them.
    fn list(&self, prefix: Option<&Path>) -> BoxStream<'static, Result<ObjectMeta>> {
        let folders = self.folders.clone();
        self.inner
            .list(prefix)
            .filter(move |meta| {
                let keep = meta.as_ref().map_or(true, |m| folders.iter().any(|f| m.location.prefix_matches(f)));
                futures::future::ready(keep)
            })
            .boxed()
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
