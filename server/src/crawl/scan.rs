//! One pass over a crawler's location: list every object, group them into tables (the first
//! folder level below the location) and hive partitions (`k=v` folders below that), and read
//! only the objects that are new or changed since the last run to infer their schemas.
//! Problems with single files are collected, never fatal.

use std::collections::{BTreeMap, HashMap};

use futures::StreamExt;

use super::detect::{self, Compression, Detected, FileError};
use super::infer::{self, Inferred, InferredField};
use super::merge;
use crate::authz::capability::ReadLocation;
use crate::domain::table::Format;
use crate::storage::{Lake, LakeObject, LakePath, StorageError};

/// Bytes read from the start of a file to detect and sample it.
const HEAD: u64 = 1 << 20;
/// Largest decompressed sample of a compressed text file.
const SAMPLE: usize = 4 << 20;
/// Files read at once.
const READERS: usize = 32;

/// What the last run saw of an object, to tell whether it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub size: u64,
    pub etag: Option<String>,
    pub last_modified_micros: i64,
}

impl Fingerprint {
    pub fn of(object: &LakeObject) -> Self {
        Self {
            size: object.size,
            etag: object.etag.clone(),
            last_modified_micros: object.last_modified.timestamp_micros(),
        }
    }
}

/// A file that could not be used, by path below the crawler's location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileIssue {
    pub path: String,
    pub error: String,
}

/// What the new or changed files of one table folder say.
#[derive(Debug, Clone, Default)]
pub struct TableScan {
    /// The folder, below the lake root.
    pub folder: LakePath,
    pub format: Option<Format>,
    pub options: BTreeMap<String, String>,
    pub partition_keys: Vec<String>,
    /// Merged schema of the changed files (empty when none changed).
    pub fields: Vec<InferredField>,
    /// Partition values seen in changed files, with their folder.
    pub partitions: BTreeMap<Vec<String>, LakePath>,
    pub changed_files: u64,
}

#[derive(Debug, Default)]
pub struct Scan {
    /// Every object now under the location, by path below it.
    pub objects: BTreeMap<String, (Fingerprint, Option<String>)>,
    /// Table name -> what its changed files say; every folder with files is present.
    pub tables: BTreeMap<String, TableScan>,
    pub issues: Vec<FileIssue>,
    pub scanned: u64,
    pub unchanged: u64,
}

/// Where a file sits: its table folder's name and its partition values.
struct Placement {
    table: String,
    folder: String,
    partition: Vec<(String, String)>,
    /// The partition folders as named in storage.
    partition_folders: Vec<String>,
}

fn place(relative: &str) -> Result<Placement, String> {
    let parts: Vec<&str> = relative.split('/').collect();
    if parts.len() < 2 {
        return Err("a file directly under the crawler's location; tables are its folders".to_owned());
    }
    let table = infer::sanitize(parts[0]);
    let mut partition = Vec::new();
    let partition_folders: Vec<String> = parts[1..parts.len() - 1].iter().map(|s| (*s).to_owned()).collect();
    for folder in &parts[1..parts.len() - 1] {
        let Some((k, v)) = folder.split_once('=').filter(|(k, v)| !k.is_empty() && !v.is_empty()) else {
            return Err(format!("partition folder `{folder}` is not key=value"));
        };
        partition.push((infer::sanitize(k), v.to_owned()));
    }
    Ok(Placement { table, folder: parts[0].to_owned(), partition, partition_folders })
}

/// Lists `read`'s location and infers the schemas of objects not in `previous` unchanged.
pub async fn scan(
    lake: &Lake,
    read: &ReadLocation,
    previous: &HashMap<String, Fingerprint>,
    on_progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<Scan, StorageError> {
    let root = lake.resolve(read.location())?;
    let objects = lake.list(read).await?;
    let mut out = Scan::default();
    let mut to_read = Vec::new();
    for object in objects {
        let relative = object.path.relative_to(&root).unwrap_or_default().to_owned();
        let fingerprint = Fingerprint::of(&object);
        match place(&relative) {
            Err(error) => {
                out.objects.insert(relative.clone(), (fingerprint.clone(), None));
                if previous.get(&relative) != Some(&fingerprint) {
                    out.issues.push(FileIssue { path: relative, error });
                } else {
                    out.unchanged += 1;
                }
            }
            Ok(placement) => {
                let entry = out.tables.entry(placement.table.clone()).or_default();
                entry.folder = root.join(&placement.folder);
                out.objects.insert(relative.clone(), (fingerprint.clone(), Some(placement.table.clone())));
                if previous.get(&relative) == Some(&fingerprint) {
                    out.unchanged += 1;
                } else {
                    to_read.push((relative, object, placement));
                }
            }
        }
    }
    let total = to_read.len() as u64;
    let mut reads = futures::stream::iter(to_read)
        .map(|(relative, object, placement)| async move {
            let result = read_schema(lake, read, &object).await;
            (relative, placement, result)
        })
        .buffered(READERS);
    let mut done = 0u64;
    while let Some((relative, placement, result)) = reads.next().await {
        done += 1;
        on_progress(done, total);
        out.scanned += 1;
        let table = out.tables.entry(placement.table.clone()).or_default();
        let folder_path = placement.partition_folders.iter().fold(table.folder.clone(), |p, f| p.join(f));
        match result.and_then(|(detected, inferred)| add_file(table, &placement, detected, inferred, folder_path)) {
            Ok(()) => {}
            Err(e) => {
                out.issues.push(FileIssue { path: relative.clone(), error: e.0 });
                if let Some(entry) = out.objects.get_mut(&relative) {
                    entry.1 = None;
                }
            }
        }
    }
    Ok(out)
}

fn add_file(
    table: &mut TableScan,
    placement: &Placement,
    detected: Detected,
    inferred: Inferred,
    partition_folder: LakePath,
) -> Result<(), FileError> {
    let keys: Vec<String> = placement.partition.iter().map(|(k, _)| k.clone()).collect();
    if table.changed_files == 0 && table.format.is_none() {
        table.partition_keys = keys;
        table.format = Some(detected.format);
        table.options = inferred.options.clone();
        table.fields = inferred.fields;
    } else {
        if keys != table.partition_keys {
            return Err(FileError(format!(
                "partition folders ({}) differ from the table's ({})",
                keys.join(", "),
                table.partition_keys.join(", ")
            )));
        }
        if Some(detected.format) != table.format {
            return Err(FileError(format!(
                "a {} file in a {} table",
                detected.format.as_str(),
                table.format.map_or("?", Format::as_str)
            )));
        }
        if detected.format == Format::Csv && inferred.fields.len() != table.fields.len() {
            return Err(FileError(format!(
                "{} columns where the table's other files have {}",
                inferred.fields.len(),
                table.fields.len()
            )));
        }
        table.fields = merge::merge(&table.fields, &inferred.fields).map_err(FileError)?;
    }
    if !placement.partition.is_empty() {
        let values: Vec<String> = placement.partition.iter().map(|(_, v)| v.clone()).collect();
        table.partitions.entry(values).or_insert(partition_folder);
    }
    table.changed_files += 1;
    Ok(())
}

/// Detects the format of one object and infers its schema, reading only what is needed: the
/// head for text and Avro, the footer for Parquet.
async fn read_schema(lake: &Lake, read: &ReadLocation, object: &LakeObject) -> Result<(Detected, Inferred), FileError> {
    let io = |e: StorageError| FileError(format!("cannot read: {e}"));
    let reader = lake.reader(read, object).await.map_err(io)?;
    let len = reader.len();
    if len == 0 {
        return Err(FileError("empty file".to_owned()));
    }
    let head = reader.range(0..len.min(HEAD)).await.map_err(io)?;
    let detected = detect::detect(object.path.as_str(), &head)?;
    let inferred = match detected.format {
        Format::Parquet => {
            let last8 = reader.range(len.saturating_sub(8)..len).await.map_err(io)?;
            let footer = infer::parquet_footer_len(len, &last8)?;
            let tail = reader.range(len - footer..len).await.map_err(io)?;
            infer::infer_parquet(&tail)?
        }
        Format::Avro => infer::infer_avro(&head)?,
        Format::Orc => return Err(FileError("ORC files are not supported by crawlers yet".to_owned())),
        Format::Csv | Format::Json | Format::Text => {
            let whole = len <= HEAD;
            let (sample, complete) = match detected.compression {
                Compression::None => (head.to_vec(), whole),
                c => {
                    let (bytes, complete) = detect::decompress_prefix(c, &head, SAMPLE)?;
                    (bytes, complete && whole)
                }
            };
            infer::infer_text(&detected, &sample, complete)?
        }
    };
    if inferred.fields.is_empty() {
        return Err(FileError("no columns found".to_owned()));
    }
    Ok((detected, inferred))
}
