//! Which format and compression a data file uses, judged from its name and first bytes.

use std::fmt;
use std::io::{ErrorKind, Read};

use crate::domain::table::Format;

/// A file the crawler cannot read; the message is shown to users as is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError(pub String);

impl FileError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FileError {}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Gzip => "gzip",
            Self::Zstd => "zstd",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    pub format: Format,
    pub compression: Compression,
}

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];
const ZSTD_MAGIC: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];
const PARQUET_MAGIC: &[u8] = b"PAR1";
const AVRO_MAGIC: &[u8] = b"Obj\x01";
const ORC_MAGIC: &[u8] = b"ORC";
pub(crate) const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
/// Enough decompressed bytes to sniff the inner format of a compressed file.
const SNIFF_LEN: usize = 64 * 1024;

/// Magic bytes beat the file name: writers often mislabel files, but never their headers.
pub fn detect(path: &str, head: &[u8]) -> Result<Detected, FileError> {
    if head.is_empty() {
        return Err(FileError::new("empty file"));
    }
    // A `.gz` name over plain bytes is a mislabel, so the name's compression is not used.
    let (name_format, _) = from_name(path);
    let compression = if head.starts_with(GZIP_MAGIC) {
        Compression::Gzip
    } else if head.starts_with(ZSTD_MAGIC) {
        Compression::Zstd
    } else {
        Compression::None
    };
    let inner = match compression {
        Compression::None => head.to_vec(),
        c => match decompress_prefix(c, head, SNIFF_LEN) {
            Ok((out, _)) => out,
            // zstd emits whole blocks (up to 128 KiB of output), so a short head may decode to
            // nothing; the name is then the only clue.
            Err(e) => match name_format {
                Some(format @ (Format::Csv | Format::Json)) => return Ok(Detected { format, compression: c }),
                _ => return Err(e),
            },
        },
    };
    if inner.is_empty() {
        return Err(FileError::new("empty file"));
    }
    let format = sniff(&inner, name_format)?;
    Ok(Detected { format, compression })
}

fn sniff(inner: &[u8], name_format: Option<Format>) -> Result<Format, FileError> {
    if inner.starts_with(PARQUET_MAGIC) {
        return Ok(Format::Parquet);
    }
    if inner.starts_with(AVRO_MAGIC) {
        return Ok(Format::Avro);
    }
    if inner.starts_with(ORC_MAGIC) {
        return Ok(Format::Orc);
    }
    match name_format {
        Some(Format::Parquet) => return Err(FileError::new("not a Parquet file: the PAR1 magic is missing")),
        Some(Format::Avro) => return Err(FileError::new("not an Avro file: the Obj\\x01 magic is missing")),
        _ => {}
    }
    // NUL never occurs in CSV or JSON text, but almost always in binary formats.
    if inner.iter().take(8192).any(|&b| b == 0) {
        return Err(FileError::new("unknown binary format"));
    }
    if let Some(f @ (Format::Csv | Format::Json)) = name_format {
        return Ok(f);
    }
    let text = inner.strip_prefix(UTF8_BOM).unwrap_or(inner);
    let first = text.iter().find(|b| !b.is_ascii_whitespace());
    Ok(if first == Some(&b'{') { Format::Json } else { Format::Csv })
}

/// Format and compression the file name claims, e.g. `x.csv.gz` -> (Csv, Gzip).
fn from_name(path: &str) -> (Option<Format>, Compression) {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    let (stem, compression) = match name.rsplit_once('.') {
        Some((stem, "gz" | "gzip")) => (stem, Compression::Gzip),
        Some((stem, "zst" | "zstd")) => (stem, Compression::Zstd),
        _ => (name.as_str(), Compression::None),
    };
    let format = match stem.rsplit_once('.').map(|(_, ext)| ext) {
        Some("csv" | "tsv" | "txt") => Some(Format::Csv),
        Some("json" | "jsonl" | "ndjson") => Some(Format::Json),
        Some("parquet" | "pq") => Some(Format::Parquet),
        Some("avro") => Some(Format::Avro),
        Some("orc") => Some(Format::Orc),
        _ => None,
    };
    (format, compression)
}

/// Decompresses what it can of `bytes`, which may be only the start of a compressed file.
///
/// Returns the output (at most `max_out` bytes) and whether it is the whole decompressed input.
/// A stream cut short is expected (the caller fetched a prefix), so it only fails when nothing
/// decoded; garbage in the stream always fails.
pub fn decompress_prefix(compression: Compression, bytes: &[u8], max_out: usize) -> Result<(Vec<u8>, bool), FileError> {
    let name = compression.as_str();
    let reader: Box<dyn Read + '_> = match compression {
        Compression::None => {
            let n = bytes.len().min(max_out);
            return Ok((bytes[..n].to_vec(), n == bytes.len()));
        }
        Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(bytes)),
        Compression::Zstd => Box::new(
            zstd::stream::read::Decoder::with_buffer(bytes)
                .map_err(|e| FileError::new(format!("corrupt zstd data: {e}")))?,
        ),
    };
    // One byte past the limit tells "exactly max_out" apart from "more to come".
    let mut limited = reader.take(max_out as u64 + 1);
    let mut out = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        match limited.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) if is_truncation(&e) => {
                if out.is_empty() {
                    return Err(FileError::new(format!("{name} data is truncated before any output")));
                }
                return Ok((out, false));
            }
            Err(e) => return Err(FileError::new(format!("corrupt {name} data: {e}"))),
        }
    }
    if out.len() > max_out {
        out.truncate(max_out);
        return Ok((out, false));
    }
    Ok((out, true))
}

/// Decoders report input that simply ends mid-stream differently: flate2 as UnexpectedEof,
/// zstd as an "incomplete frame" error of kind Other.
fn is_truncation(e: &std::io::Error) -> bool {
    e.kind() == ErrorKind::UnexpectedEof || e.to_string().contains("incomplete frame")
}

#[cfg(test)]
mod tests;
