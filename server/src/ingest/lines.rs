//! A delivery written as JSON lines: one compressed object per partition, each line a record
//! as it came (compacted to one line when it spanned several), or - after a transform, which
//! makes new rows - the row as JSON. Partition values stay in the folder names, not the lines'
//! fields they came from (a record keeps its fields as sent).

use std::collections::BTreeMap;
use std::io::Write;

use bytes::Bytes;
use datafusion::arrow::array::{Array, RecordBatch, StringArray};
use datafusion::arrow::json::LineDelimitedWriter;

use super::convert::Pending;
use crate::domain::stream::Compression;

/// The file suffix of `compression`.
pub fn suffix(compression: Compression) -> &'static str {
    match compression {
        Compression::Gzip => ".json.gz",
        Compression::Zstd => ".json.zst",
    }
}

fn compress(text: &[u8], compression: Compression) -> Result<Bytes, String> {
    match compression {
        Compression::Gzip => {
            let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            encoder.write_all(text).map_err(|e| e.to_string())?;
            encoder.finish().map(Bytes::from).map_err(|e| e.to_string())
        }
        Compression::Zstd => zstd::encode_all(text, 3).map(Bytes::from).map_err(|e| e.to_string()),
    }
}

/// One partition's object: its (key, value) folders and its compressed lines.
pub type Object = (Vec<(String, String)>, Bytes);

/// `rows` (data columns, then `keys` partition key columns as text) grouped by partition as
/// compressed JSON lines. `raw[i]` is row `i`'s record as it came, when rows map one to one.
pub fn json_lines(
    rows: &RecordBatch,
    keys: &[String],
    raw: Option<&[&Pending]>,
    compression: Compression,
) -> Result<Vec<Object>, String> {
    let width = rows.num_columns() - keys.len();
    let key_columns: Vec<&StringArray> = (width..rows.num_columns())
        .map(|i| rows.column(i).as_any().downcast_ref::<StringArray>().ok_or("partition values are text"))
        .collect::<Result<_, _>>()?;
    let data = rows.project(&(0..width).collect::<Vec<_>>()).map_err(|e| e.to_string())?;
    let mut groups: BTreeMap<Vec<String>, Vec<u8>> = BTreeMap::new();
    for row in 0..rows.num_rows() {
        let values: Vec<String> = key_columns.iter().map(|c| c.value(row).to_owned()).collect();
        let out = groups.entry(values).or_default();
        match raw.and_then(|r| r.get(row)) {
            Some(record) if !record.data.contains(&b'\n') => out.extend_from_slice(record.data.trim_ascii()),
            Some(record) => {
                let value: serde_json::Value = serde_json::from_slice(&record.data).map_err(|e| e.to_string())?;
                out.extend_from_slice(value.to_string().as_bytes());
            }
            None => {
                let mut writer = LineDelimitedWriter::new(Vec::new());
                writer.write(&data.slice(row, 1)).map_err(|e| e.to_string())?;
                writer.finish().map_err(|e| e.to_string())?;
                out.extend_from_slice(writer.into_inner().trim_ascii_end());
            }
        }
        out.push(b'\n');
    }
    groups
        .into_iter()
        .map(|(values, text)| {
            let pairs = keys.iter().cloned().zip(values).collect();
            Ok((pairs, compress(&text, compression)?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::io::Read;
    use std::sync::Arc;

    use chrono::Utc;
    use datafusion::arrow::array::{ArrayRef, Int64Array};

    use super::*;

    #[test]
    fn records_are_grouped_by_partition_and_kept_as_they_came() {
        let rows = RecordBatch::try_from_iter([
            ("id", Arc::new(Int64Array::from(vec![1, 2, 3])) as ArrayRef),
            ("region", Arc::new(StringArray::from(vec!["eu", "us", "eu"])) as ArrayRef),
        ])
        .unwrap();
        let pending =
            |data: &'static str| Pending { position: 1, index: 0, arrival: Utc::now(), data: Bytes::from(data) };
        let records = [pending("{\"id\":1, \"x\":true}"), pending("{\n\"id\": 2}"), pending("{\"id\":3}")];
        let raw: Vec<&Pending> = records.iter().collect();
        let keys = ["region".to_owned()];
        let out = json_lines(&rows, &keys, Some(&raw), Compression::Gzip).unwrap();
        assert_eq!(out.len(), 2);
        let text = |bytes: &Bytes| {
            let mut s = String::new();
            flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut s).unwrap();
            s
        };
        assert_eq!(out[0].0, [("region".to_owned(), "eu".to_owned())]);
        assert_eq!(text(&out[0].1), "{\"id\":1, \"x\":true}\n{\"id\":3}\n");
        assert_eq!(text(&out[1].1), "{\"id\":2}\n", "a record over several lines is compacted");
        let rows_only = json_lines(&rows, &keys, None, Compression::Zstd).unwrap();
        let eu = zstd::decode_all(&rows_only[0].1[..]).unwrap();
        assert_eq!(String::from_utf8(eu).unwrap(), "{\"id\":1}\n{\"id\":3}\n");
    }
}
