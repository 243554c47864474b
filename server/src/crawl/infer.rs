//! Column names and types of a data file, inferred from a sample of its bytes.

use std::collections::{BTreeMap, HashSet};

use arrow_schema::{DataType as ArrowType, Fields, TimeUnit as ArrowUnit};

use crate::domain::data_type::{DataType, Field, TimeUnit};
use crate::domain::names::{ColumnName, MAX_NAME_LEN};
use crate::domain::table::Format;

use super::detect::{Compression, Detected, FileError, UTF8_BOM};

mod delimited;
mod json_lines;

/// Records read from a text sample; enough to see every column's type in practice.
const MAX_RECORDS: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InferredField {
    pub name: ColumnName,
    pub data_type: DataType,
    pub nullable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inferred {
    pub fields: Vec<InferredField>,
    /// The table's format options (`delimiter`, `header`, `compression`).
    pub options: BTreeMap<String, String>,
    /// Known only when the whole file was read (Parquet footers, small text files).
    pub rows: Option<u64>,
}

/// Infers a CSV or JSON-lines schema from the decompressed start of a file; when `complete` is
/// false the sample was cut, so its last record is ignored.
pub fn infer_text(detected: &Detected, sample: &[u8], complete: bool) -> Result<Inferred, FileError> {
    let sample = sample.strip_prefix(UTF8_BOM).unwrap_or(sample);
    let mut inferred = match detected.format {
        Format::Csv | Format::Text => delimited::infer_csv(sample, complete)?,
        Format::Json => json_lines::infer_json(sample, complete)?,
        other => return Err(FileError::new(format!("{} is not a text format", other.as_str()))),
    };
    if detected.compression != Compression::None {
        inferred.options.insert("compression".into(), detected.compression.as_str().into());
    }
    Ok(inferred)
}

// ---- Parquet and Avro ----

/// Bytes to fetch from the end of a Parquet file (metadata plus its 8-byte trailer), read from
/// the file's last 8 bytes.
pub fn parquet_footer_len(file_len: u64, last8: &[u8]) -> Result<u64, FileError> {
    // Header magic, trailer length and trailer magic take 12 bytes even with empty metadata.
    if file_len < 12 {
        return Err(FileError::new(format!("not a Parquet file: {file_len} bytes is too small")));
    }
    let metadata_len = footer_metadata_len(last8)?;
    if metadata_len + 12 > file_len {
        return Err(FileError::new("not a Parquet file: the footer is longer than the file"));
    }
    Ok(metadata_len + 8)
}

fn footer_metadata_len(tail: &[u8]) -> Result<u64, FileError> {
    let Some(last8) = tail.len().checked_sub(8).map(|start| &tail[start..]) else {
        return Err(FileError::new("not a Parquet file: the footer is truncated"));
    };
    match &last8[4..] {
        b"PAR1" => {}
        b"PARE" => return Err(FileError::new("encrypted Parquet files are not supported")),
        _ => return Err(FileError::new("not a Parquet file: the PAR1 magic is missing at the end")),
    }
    Ok(u64::from(u32::from_le_bytes([last8[0], last8[1], last8[2], last8[3]])))
}

/// Schema and row count from the end of a Parquet file, as sized by [`parquet_footer_len`].
pub fn infer_parquet(tail: &[u8]) -> Result<Inferred, FileError> {
    let metadata_len = usize::try_from(footer_metadata_len(tail)?).unwrap_or(usize::MAX);
    let end = tail.len() - 8;
    let Some(start) = end.checked_sub(metadata_len) else {
        return Err(FileError::new("not a Parquet file: the footer is truncated"));
    };
    let metadata = parquet::file::metadata::ParquetMetaDataReader::decode_metadata(&tail[start..end])
        .map_err(|e| FileError::new(format!("not a Parquet file: unreadable footer ({e})")))?;
    let file = metadata.file_metadata();
    let schema = parquet::arrow::parquet_to_arrow_schema(file.schema_descr(), file.key_value_metadata())
        .map_err(|e| FileError::new(format!("unsupported Parquet schema: {e}")))?;
    let fields = fields_from_arrow(schema.fields())?;
    Ok(Inferred { fields, options: BTreeMap::new(), rows: u64::try_from(file.num_rows()).ok() })
}

/// Writer schema from the start of an Avro object container file.
pub fn infer_avro(head: &[u8]) -> Result<Inferred, FileError> {
    let header = arrow_avro::reader::read_header_info(head).map_err(|e| match e {
        arrow_avro::errors::AvroError::EOF(_) => {
            FileError::new(format!("Avro header larger than {} bytes", head.len()))
        }
        e => FileError::new(format!("not an Avro file: {e}")),
    })?;
    let header_len = usize::try_from(header.header_len()).map_or(head.len(), |n| n.min(head.len()));
    let reader = arrow_avro::reader::ReaderBuilder::new()
        .build(&head[..header_len])
        .map_err(|e| FileError::new(format!("unsupported Avro schema: {e}")))?;
    let fields = fields_from_arrow(reader.schema().fields())?;
    Ok(Inferred { fields, options: BTreeMap::new(), rows: None })
}

fn fields_from_arrow(fields: &Fields) -> Result<Vec<InferredField>, FileError> {
    let names = column_names(fields.iter().map(|f| f.name().as_str()))?;
    Ok(names
        .into_iter()
        .zip(fields.iter())
        .map(|(name, f)| InferredField {
            name,
            data_type: to_domain(f.data_type()),
            nullable: f.is_nullable() || f.data_type().is_null(),
        })
        .collect())
}

/// The nearest catalog type; types the catalog lacks (times, intervals, unions, wide decimals)
/// become utf8, their usual text rendering.
pub fn to_domain(arrow: &ArrowType) -> DataType {
    use ArrowType as A;
    use DataType as D;
    match arrow {
        A::Boolean => D::Bool,
        A::Int8 => D::Int8,
        A::Int16 => D::Int16,
        A::Int32 => D::Int32,
        A::Int64 | A::Duration(_) => D::Int64,
        A::UInt8 => D::UInt8,
        A::UInt16 => D::UInt16,
        A::UInt32 => D::UInt32,
        A::UInt64 => D::UInt64,
        A::Float16 => D::Float16,
        A::Float32 => D::Float32,
        A::Float64 => D::Float64,
        A::Timestamp(unit, tz) => D::Timestamp {
            unit: match unit {
                ArrowUnit::Second => TimeUnit::Second,
                ArrowUnit::Millisecond => TimeUnit::Millisecond,
                ArrowUnit::Microsecond => TimeUnit::Microsecond,
                ArrowUnit::Nanosecond => TimeUnit::Nanosecond,
            },
            tz: tz.as_deref().map(str::to_owned),
        },
        A::Date32 => D::Date32,
        A::Date64 => D::Date64,
        A::Binary | A::LargeBinary | A::BinaryView | A::FixedSizeBinary(_) => D::Binary,
        A::Decimal32(p, s) | A::Decimal64(p, s) | A::Decimal128(p, s)
            if (1..=38).contains(p) && (0..=*p as i8).contains(s) =>
        {
            D::Decimal128 { precision: *p, scale: *s }
        }
        A::List(f) | A::ListView(f) | A::FixedSizeList(f, _) | A::LargeList(f) | A::LargeListView(f) => {
            D::List(Box::new(to_domain(f.data_type())))
        }
        A::Struct(fields) if !fields.is_empty() => match fields_from_arrow(fields) {
            Ok(fields) => D::Struct(
                fields
                    .into_iter()
                    .map(|f| Field { name: f.name.to_string(), data_type: f.data_type, nullable: f.nullable })
                    .collect(),
            ),
            Err(_) => D::Utf8,
        },
        A::Map(entries, _) => match entries.data_type() {
            A::Struct(kv) if kv.len() == 2 => {
                let key = to_domain(kv[0].data_type());
                let key = if matches!(key, D::List(_) | D::Struct(_) | D::Map { .. }) { D::Utf8 } else { key };
                D::Map { key: Box::new(key), value: Box::new(to_domain(kv[1].data_type())) }
            }
            _ => D::Utf8,
        },
        A::Dictionary(_, value) => to_domain(value),
        A::RunEndEncoded(_, value) => to_domain(value.data_type()),
        A::Null
        | A::Utf8
        | A::LargeUtf8
        | A::Utf8View
        | A::Time32(_)
        | A::Time64(_)
        | A::Interval(_)
        | A::Decimal32(..)
        | A::Decimal64(..)
        | A::Decimal128(..)
        | A::Decimal256(..)
        | A::Struct(_)
        | A::Union(..) => D::Utf8,
    }
}

// ---- Names ----

/// Turns any source name into a valid column name: `orderId` -> `order_id`, `2nd Value!` ->
/// `c_2nd_value`.
pub fn sanitize(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1);
        if c.is_ascii_uppercase() {
            // A word starts at a lower->upper step, or at the last capital of an acronym (HTTPServer).
            let after_lower = prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit());
            let ends_acronym =
                prev.is_some_and(|p| p.is_ascii_uppercase()) && next.is_some_and(char::is_ascii_lowercase);
            if after_lower || ends_acronym {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let trimmed = out.trim_matches('_');
    let mut name = if trimmed.is_empty() || trimmed.starts_with(|c: char| c.is_ascii_digit()) {
        format!("c_{trimmed}")
    } else {
        trimmed.to_owned()
    };
    name.truncate(MAX_NAME_LEN);
    name
}

/// Sanitized, de-duplicated names in input order: the second `id` becomes `id_2`.
fn column_names<'a>(names: impl Iterator<Item = &'a str>) -> Result<Vec<ColumnName>, FileError> {
    let names: Vec<String> = names.map(sanitize).collect();
    let mut used: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(names.len());
    for base in names {
        let mut name = base.clone();
        let mut n = 2;
        while used.contains(&name) {
            let suffix = format!("_{n}");
            let mut stem = base.clone();
            stem.truncate(MAX_NAME_LEN - suffix.len());
            name = stem + suffix.as_str();
            n += 1;
        }
        let parsed = ColumnName::parse(&name).map_err(|e| FileError::new(format!("unusable column name: {e}")))?;
        used.insert(name);
        out.push(parsed);
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
