//! A stream of record batches staged as Parquet files while it is read: the [`Encoder`]
//! threads encode, each file's bytes go to a staging upload of its own as they come, and
//! every stage is bounded, so a slow store slows the reader instead of filling memory.

use std::collections::BTreeMap;

use bytes::Bytes;
use datafusion::arrow::datatypes::SchemaRef;
use futures::{Stream, StreamExt};
use tokio::sync::mpsc;

use super::parquet::{Encoder, Piece, RecordBatch};
use super::{Lake, PartitionPath, Staged, StorageError, StorageResult};

/// One staged Parquet file of a write.
#[derive(Debug)]
pub struct StagedParquet {
    pub staged: Staged,
    pub partition: PartitionPath,
    /// The partition values, in key order (empty for an unpartitioned table).
    pub values: Vec<String>,
    pub rows: u64,
}

/// A file whose bytes are still arriving.
struct Upload {
    partition: PartitionPath,
    values: Vec<String>,
    rows: u64,
    bytes: Option<mpsc::Sender<Result<Bytes, StorageError>>>,
    task: tokio::task::JoinHandle<StorageResult<Staged>>,
}

impl Lake {
    /// Stages `batches` as Parquet files with `data_schema` (the partition keys `keys` left
    /// out: their values name the folders), rolled over at `target_bytes`. On any error
    /// (of the input, the encoder or the store) nothing stays staged.
    pub async fn stage_parquet<S>(
        &self,
        batches: S,
        data_schema: SchemaRef,
        keys: Vec<String>,
        target_bytes: usize,
    ) -> StorageResult<Vec<StagedParquet>>
    where
        S: Stream<Item = StorageResult<RecordBatch>> + Send + Unpin,
    {
        let (to_encoder, mut encoder_input) = mpsc::channel::<RecordBatch>(2);
        let (pieces_out, mut pieces) = mpsc::channel::<Piece>(16);
        let encoder = tokio::task::spawn_blocking(move || {
            let mut encoder = Encoder::start(data_schema, keys, target_bytes, pieces_out);
            while let Some(batch) = encoder_input.blocking_recv() {
                if let Err(e) = encoder.push(&batch) {
                    return Err(encoder.finish().err().unwrap_or(e));
                }
            }
            encoder.finish()
        });
        let feed = async move {
            let mut batches = batches;
            while let Some(batch) = batches.next().await {
                if to_encoder.send(batch?).await.is_err() {
                    break; // the encoder stopped: its error is the answer
                }
            }
            Ok::<(), StorageError>(())
        };
        let (fed, uploads) = tokio::join!(feed, self.upload_pieces(&mut pieces));
        let encoded = encoder.await.map_err(|e| StorageError::Body(format!("the Parquet encoder stopped: {e}")));
        let mut staged = Vec::with_capacity(uploads.len());
        let mut first_error = fed.err().or_else(|| encoded.and_then(|r| r).err());
        for upload in uploads {
            let result = upload.task.await.map_err(|e| StorageError::Body(format!("a staging upload stopped: {e}")));
            match result.and_then(|r| r) {
                Ok(s) => staged.push(StagedParquet {
                    staged: s,
                    partition: upload.partition,
                    values: upload.values,
                    rows: upload.rows,
                }),
                Err(e) => first_error = first_error.or(Some(e)),
            }
        }
        if let Some(e) = first_error {
            for file in staged {
                self.discard(file.staged).await;
            }
            return Err(e);
        }
        Ok(staged)
    }

    /// Starts a staging upload per file the encoder opens and feeds it that file's bytes.
    async fn upload_pieces(&self, pieces: &mut mpsc::Receiver<Piece>) -> Vec<Upload> {
        // Files are numbered as the encoder threads open them; their Opens may arrive out of order.
        let mut uploads: BTreeMap<usize, Upload> = BTreeMap::new();
        while let Some(piece) = pieces.recv().await {
            match piece {
                Piece::Open { file, partition, values } => {
                    let (bytes, body) = mpsc::channel(4);
                    let lake = self.clone();
                    let body = futures::stream::unfold(body, |mut rx| async { rx.recv().await.map(|b| (b, rx)) });
                    let task = tokio::spawn(async move { lake.stage(Box::pin(body), u64::MAX).await });
                    uploads.insert(file, Upload { partition, values, rows: 0, bytes: Some(bytes), task });
                }
                Piece::Bytes { file, bytes } => {
                    if let Some(to) = uploads.get(&file).and_then(|u| u.bytes.as_ref()) {
                        // A failed upload reports its error when it is awaited.
                        let _ = to.send(Ok(bytes)).await;
                    }
                }
                Piece::Close { file, rows } => {
                    if let Some(upload) = uploads.get_mut(&file) {
                        upload.rows = rows;
                        upload.bytes = None;
                    }
                }
            }
        }
        // A file left open by a failed encoder ends here (and is discarded with the rest).
        uploads.into_values().map(|u| Upload { bytes: None, ..u }).collect()
    }
}
