//! A read-only object store over an encrypted local lake, for query engines: an object's
//! ranged reads return its content, decrypting only the segments they touch. Writes are refused.

use std::fmt;

use async_trait::async_trait;
use futures::StreamExt;
use futures::stream::BoxStream;
use object_store::path::Path;
use object_store::{
    Attributes, CopyOptions, Error, GetOptions, GetResult, GetResultPayload, ListResult, MultipartUpload, ObjectMeta,
    ObjectStore, ObjectStoreExt, PutMultipartOptions, PutOptions, PutPayload, PutResult, Result,
};

use super::{Lake, StorageError};

#[derive(Debug)]
pub struct DecryptingStore {
    lake: Lake,
}

impl DecryptingStore {
    pub fn new(lake: Lake) -> Self {
        Self { lake }
    }
}

impl fmt::Display for DecryptingStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DecryptingStore({})", self.lake.root_url)
    }
}

fn read_only(operation: &str) -> Error {
    Error::NotSupported { source: format!("{operation}: the query view of the lake is read-only").into() }
}

fn generic(e: StorageError) -> Error {
    match e {
        StorageError::Backend(inner) => inner,
        other => Error::Generic { store: "DecryptingStore", source: Box::new(other) },
    }
}

#[async_trait]
impl ObjectStore for DecryptingStore {
    async fn put_opts(&self, _: &Path, _: PutPayload, _: PutOptions) -> Result<PutResult> {
        Err(read_only("put"))
    }

    async fn put_multipart_opts(&self, _: &Path, _: PutMultipartOptions) -> Result<Box<dyn MultipartUpload>> {
        Err(read_only("put_multipart"))
    }

    async fn get_opts(&self, location: &Path, options: GetOptions) -> Result<GetResult> {
        let stored = self.lake.store.head(location).await?;
        let reader = self.lake.reader_at(location.clone(), stored.size).await.map_err(generic)?;
        let len = reader.len();
        let meta = ObjectMeta { size: len, ..stored };
        options.check_preconditions(&meta)?;
        let range = match &options.range {
            Some(range) => {
                range.as_range(len).map_err(|e| Error::Generic { store: "DecryptingStore", source: Box::new(e) })?
            }
            None => 0..len,
        };
        let bytes =
            if options.head { bytes::Bytes::new() } else { reader.range(range.clone()).await.map_err(generic)? };
        let payload = GetResultPayload::Stream(futures::stream::once(async move { Ok(bytes) }).boxed());
        Ok(GetResult { payload, meta, range, attributes: Attributes::default() })
    }

    fn delete_stream(&self, locations: BoxStream<'static, Result<Path>>) -> BoxStream<'static, Result<Path>> {
        locations.map(|_| Err(read_only("delete"))).boxed()
    }

    /// Sizes as stored: engines are handed files with their content length by the catalog.
    fn list(&self, prefix: Option<&Path>) -> BoxStream<'static, Result<ObjectMeta>> {
        self.lake.store.list(prefix)
    }

    async fn list_with_delimiter(&self, prefix: Option<&Path>) -> Result<ListResult> {
        self.lake.store.list_with_delimiter(prefix).await
    }

    async fn copy_opts(&self, _: &Path, _: &Path, _: CopyOptions) -> Result<()> {
        Err(read_only("copy"))
    }
}
