//! The write-ahead log of streaming ingestion: a record is acknowledged once it is in a log
//! segment that has been fsynced. Appends from many requests share one fsync (group commit):
//! one writer thread takes every append waiting, writes them in one go, syncs once and answers
//! them all. Every record gets the next position of the log. On open the log is read back - a
//! tail torn by a crash is cut off - so what was not yet delivered is delivered again.
//! Segments are files `<first position>.wal` of about `segment_bytes`; a segment is deleted
//! once every position in it is released (delivered and committed).
//!
//! An entry is `length (u32) | crc32 of the body (u32) | body`, the body `position (u64) |
//! stream name length (u16) | stream name | payload`, integers little-endian.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use tokio::sync::{mpsc, oneshot};

const HEADER: usize = 8;
/// Appends waiting for the writer at most (beyond it, callers wait to hand theirs over).
const QUEUE: usize = 4096;

#[derive(Debug, Clone, Copy)]
pub struct WalOptions {
    /// A new segment is begun once the current one is this large.
    pub segment_bytes: u64,
    /// Appends written and synced together at most.
    pub max_batch: usize,
    /// The log's disk use at most: an append past it fails as on a full disk (nothing of it
    /// is acknowledged), until delivered segments are released.
    pub max_bytes: u64,
}

impl Default for WalOptions {
    fn default() -> Self {
        Self { segment_bytes: 64 << 20, max_batch: 1024, max_bytes: u64::MAX }
    }
}

/// A record read back from the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub position: u64,
    pub stream: String,
    pub payload: Bytes,
}

#[derive(Debug, thiserror::Error)]
pub enum WalError {
    /// Nothing of the append is acknowledged (a full disk, a failing device).
    #[error("the ingestion log cannot be written: {0}")]
    Io(String),
    /// The disk (or the log's `max_bytes`) is full: nothing of the append is acknowledged.
    #[error("the ingestion log's disk is full")]
    Full,
    #[error("the ingestion log is closed")]
    Closed,
    #[error("the ingestion log in {0} is unreadable: {1}")]
    Corrupt(String, String),
}

fn io(e: std::io::Error) -> WalError {
    WalError::Io(e.to_string())
}

/// What the writer has done, for tests and metrics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WalStats {
    pub appends: u64,
    pub records: u64,
    pub syncs: u64,
    pub bytes: u64,
}

#[derive(Debug, Default)]
struct Counters {
    appends: AtomicU64,
    records: AtomicU64,
    syncs: AtomicU64,
    bytes: AtomicU64,
}

enum Request {
    Append { stream: String, records: Vec<Bytes>, done: oneshot::Sender<Result<u64, WalError>> },
    Release { below: u64, done: oneshot::Sender<Result<usize, WalError>> },
}

/// Told of every entry once it is durable, on the log's writer thread, in position order,
/// before the append is answered: whoever keeps entries in memory (a stream's buffer) sees
/// them in log order, however the appending tasks happen to be scheduled.
pub type OnDurable = Arc<dyn Fn(Entry) + Send + Sync>;

/// The log; clones share it.
#[derive(Debug, Clone)]
pub struct Wal {
    to_writer: mpsc::Sender<Request>,
    counters: Arc<Counters>,
}

impl Wal {
    /// Opens (or creates) the log in `dir` and reads back every entry it holds, in order.
    pub fn open(dir: &Path, options: WalOptions) -> Result<(Self, Vec<Entry>), WalError> {
        Self::open_with(dir, options, None)
    }

    /// [`Self::open`], telling `on_durable` of every entry appended from now on.
    pub fn open_with(
        dir: &Path,
        options: WalOptions,
        on_durable: Option<OnDurable>,
    ) -> Result<(Self, Vec<Entry>), WalError> {
        std::fs::create_dir_all(dir).map_err(io)?;
        let mut segments = segments(dir)?;
        let mut entries = Vec::new();
        let mut next = 1;
        let count = segments.len();
        for (i, (first, path)) in segments.iter().enumerate() {
            let (read, good) = read_segment(path)?;
            let torn = std::fs::metadata(path).map_err(io)?.len() > good;
            if torn && i + 1 < count {
                // Only the segment being written when the process stopped can have a torn tail.
                return Err(WalError::Corrupt(path.display().to_string(), "a sealed segment is cut short".into()));
            }
            if torn {
                tracing::warn!(segment = %path.display(), at = good, "cutting off the torn tail of the ingestion log");
                OpenOptions::new().write(true).open(path).and_then(|f| f.set_len(good)).map_err(io)?;
            }
            next = read.last().map_or(*first, |e| e.position + 1).max(next);
            entries.extend(read);
        }
        if segments.is_empty() {
            segments.push((next, segment_path(dir, next)));
        }
        let path = segments.last().map_or_else(|| segment_path(dir, next), |(_, p)| p.clone());
        let file = OpenOptions::new().create(true).append(true).open(&path).map_err(io)?;
        sync_dir(dir)?;
        let size = file.metadata().map_err(io)?.len();
        let counters = Arc::new(Counters::default());
        let mut total = 0;
        for (_, path) in &segments {
            total += std::fs::metadata(path).map_err(io)?.len();
        }
        let writer = Writer {
            dir: dir.to_owned(),
            options,
            file,
            size,
            total,
            next,
            segments: segments.iter().map(|(f, _)| *f).collect(),
            counters: counters.clone(),
            on_durable,
        };
        let (to_writer, requests) = mpsc::channel(QUEUE);
        std::thread::Builder::new().name("tarn-wal".into()).spawn(move || writer.run(requests)).map_err(io)?;
        Ok((Self { to_writer, counters }, entries))
    }

    /// Appends `records` of `stream`; once this returns they are on disk (synced). Returns the
    /// position of the first (the others follow it in order).
    pub async fn append(&self, stream: &str, records: Vec<Bytes>) -> Result<u64, WalError> {
        let (done, answer) = oneshot::channel();
        let request = Request::Append { stream: stream.to_owned(), records, done };
        self.to_writer.send(request).await.map_err(|_| WalError::Closed)?;
        answer.await.map_err(|_| WalError::Closed)?
    }

    /// Deletes the segments whose every position is below `below` (never the one being
    /// written); returns how many.
    pub async fn release(&self, below: u64) -> Result<usize, WalError> {
        let (done, answer) = oneshot::channel();
        self.to_writer.send(Request::Release { below, done }).await.map_err(|_| WalError::Closed)?;
        answer.await.map_err(|_| WalError::Closed)?
    }

    pub fn stats(&self) -> WalStats {
        let c = &self.counters;
        WalStats {
            appends: c.appends.load(Ordering::Relaxed),
            records: c.records.load(Ordering::Relaxed),
            syncs: c.syncs.load(Ordering::Relaxed),
            bytes: c.bytes.load(Ordering::Relaxed),
        }
    }
}

fn segment_path(dir: &Path, first: u64) -> PathBuf {
    dir.join(format!("{first:020}.wal"))
}

/// The segments in `dir` by first position.
fn segments(dir: &Path) -> Result<Vec<(u64, PathBuf)>, WalError> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let first =
            path.extension().filter(|e| *e == "wal").and(path.file_stem()).and_then(|s| s.to_str()?.parse().ok());
        if let Some(first) = first {
            out.push((first, path));
        }
    }
    out.sort();
    Ok(out)
}

/// The entries of one segment and the length of its readable part.
fn read_segment(path: &Path) -> Result<(Vec<Entry>, u64), WalError> {
    let mut bytes = Vec::new();
    File::open(path).and_then(|mut f| f.read_to_end(&mut bytes)).map_err(io)?;
    let mut entries = Vec::new();
    let mut at = 0usize;
    while let Some((entry, len)) = decode(&bytes[at..]) {
        entries.push(entry);
        at += len;
    }
    Ok((entries, at as u64))
}

fn decode(bytes: &[u8]) -> Option<(Entry, usize)> {
    let len = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?) as usize;
    let crc = u32::from_le_bytes(bytes.get(4..HEADER)?.try_into().ok()?);
    let body = bytes.get(HEADER..HEADER + len)?;
    if crc32fast::hash(body) != crc || body.len() < 10 {
        return None;
    }
    let position = u64::from_le_bytes(body[..8].try_into().ok()?);
    let name_len = u16::from_le_bytes(body[8..10].try_into().ok()?) as usize;
    let stream = std::str::from_utf8(body.get(10..10 + name_len)?).ok()?.to_owned();
    let payload = Bytes::copy_from_slice(&body[10 + name_len..]);
    Some((Entry { position, stream, payload }, HEADER + len))
}

fn encode(out: &mut Vec<u8>, position: u64, stream: &str, payload: &[u8]) {
    let name = &stream.as_bytes()[..stream.len().min(usize::from(u16::MAX))];
    let len = 10 + name.len() + payload.len();
    let start = out.len();
    out.extend_from_slice(&u32::try_from(len).unwrap_or(u32::MAX).to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&position.to_le_bytes());
    out.extend_from_slice(&u16::try_from(name.len()).unwrap_or(u16::MAX).to_le_bytes());
    out.extend_from_slice(name);
    out.extend_from_slice(payload);
    let crc = crc32fast::hash(&out[start + HEADER..]);
    out[start + 4..start + HEADER].copy_from_slice(&crc.to_le_bytes());
}

/// Makes a file's creation or removal in `dir` durable.
fn sync_dir(dir: &Path) -> Result<(), WalError> {
    File::open(dir).and_then(|d| d.sync_all()).map_err(io)
}

/// The one thread that writes the log.
struct Writer {
    dir: PathBuf,
    options: WalOptions,
    file: File,
    size: u64,
    /// Bytes of every segment on disk.
    total: u64,
    next: u64,
    /// First positions of the segments on disk, in order; the last is being written.
    segments: Vec<u64>,
    counters: Arc<Counters>,
    on_durable: Option<OnDurable>,
}

/// An append waiting for its sync: who to answer, its first position, its stream and records.
type Answer = (oneshot::Sender<Result<u64, WalError>>, u64, String, Vec<Bytes>);

impl Writer {
    fn run(mut self, mut requests: mpsc::Receiver<Request>) {
        while let Some(first) = requests.blocking_recv() {
            let mut batch = vec![first];
            while batch.len() < self.options.max_batch {
                match requests.try_recv() {
                    Ok(more) => batch.push(more),
                    Err(_) => break,
                }
            }
            let mut buffer = Vec::new();
            let mut answers: Vec<Answer> = Vec::new();
            let mut releases = Vec::new();
            let start = self.next;
            for request in batch {
                match request {
                    Request::Append { stream, records, done } => {
                        let first = self.next;
                        self.counters.records.fetch_add(records.len() as u64, Ordering::Relaxed);
                        for record in &records {
                            encode(&mut buffer, self.next, &stream, record);
                            self.next += 1;
                        }
                        answers.push((done, first, stream, records));
                    }
                    Request::Release { below, done } => releases.push((below, done)),
                }
            }
            if !answers.is_empty() {
                self.commit(&buffer, start, answers);
            }
            for (below, done) in releases {
                let _ = done.send(self.release(below));
            }
        }
    }

    /// Writes `buffer` and syncs it, then answers every append of it: all succeed or none.
    fn commit(&mut self, buffer: &[u8], start: u64, answers: Vec<Answer>) {
        let result = self.roll_if_full(start).and_then(|()| self.write_synced(buffer));
        self.counters.appends.fetch_add(answers.len() as u64, Ordering::Relaxed);
        match result {
            Ok(()) => {
                for (done, first, stream, records) in answers {
                    if let Some(hook) = &self.on_durable {
                        for (n, payload) in records.into_iter().enumerate() {
                            hook(Entry { position: first + n as u64, stream: stream.clone(), payload });
                        }
                    }
                    let _ = done.send(Ok(first));
                }
            }
            Err(e) => {
                // Nothing of the batch counts: cut the file back to where it was.
                self.next = start;
                let _ = self.file.set_len(self.size).and_then(|()| self.file.seek(SeekFrom::End(0)).map(|_| ()));
                for (done, ..) in answers {
                    let _ = done.send(Err(match &e {
                        WalError::Full => WalError::Full,
                        other => WalError::Io(other.to_string()),
                    }));
                }
            }
        }
    }

    fn write_synced(&mut self, buffer: &[u8]) -> Result<(), WalError> {
        if self.total + buffer.len() as u64 > self.options.max_bytes {
            return Err(WalError::Full);
        }
        let full = |e: std::io::Error| if e.raw_os_error() == Some(28) { WalError::Full } else { io(e) };
        self.file.write_all(buffer).map_err(full)?;
        self.file.sync_data().map_err(full)?;
        self.size += buffer.len() as u64;
        self.total += buffer.len() as u64;
        self.counters.syncs.fetch_add(1, Ordering::Relaxed);
        self.counters.bytes.fetch_add(buffer.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// Begins a new segment at `first` once the current one is full.
    fn roll_if_full(&mut self, first: u64) -> Result<(), WalError> {
        if self.size < self.options.segment_bytes || self.size == 0 {
            return Ok(());
        }
        let file = OpenOptions::new().create(true).append(true).open(segment_path(&self.dir, first)).map_err(io)?;
        sync_dir(&self.dir)?;
        self.file = file;
        self.size = 0;
        self.segments.push(first);
        Ok(())
    }

    fn release(&mut self, below: u64) -> Result<usize, WalError> {
        if below >= self.next && self.size > 0 {
            // Everything is delivered: a fresh segment begins, so the current one can go too.
            let path = segment_path(&self.dir, self.next);
            self.file = OpenOptions::new().create(true).append(true).open(path).map_err(io)?;
            sync_dir(&self.dir)?;
            self.size = 0;
            self.segments.push(self.next);
        }
        let mut removed = 0;
        // A segment ends where the next begins; the current one is never removed.
        while self.segments.len() > 1 && self.segments[1] <= below {
            let first = self.segments.remove(0);
            let path = segment_path(&self.dir, first);
            self.total = self.total.saturating_sub(std::fs::metadata(&path).map_or(0, |m| m.len()));
            std::fs::remove_file(path).map_err(io)?;
            removed += 1;
        }
        if removed > 0 {
            sync_dir(&self.dir)?;
        }
        Ok(removed)
    }
}
