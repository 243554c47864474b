//! CSV schema inference: delimiter, header row and column types from a text sample.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, NaiveDate, NaiveDateTime};

use crate::domain::data_type::{DataType, TimeUnit};

use super::super::detect::FileError;
use super::super::merge::widen;
use super::{Inferred, InferredField, MAX_RECORDS, column_names};

/// Rows read to pick the delimiter.
const SNIFF_ROWS: usize = 20;
const DELIMITERS: [u8; 4] = [b',', b'\t', b';', b'|'];

struct Record {
    line: u64,
    cells: Vec<String>,
}

/// Parses up to `limit` records; the flag says whether the sample ended within them.
fn csv_records(sample: &[u8], delimiter: u8, complete: bool, limit: usize) -> Result<(Vec<Record>, bool), FileError> {
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(sample);
    let mut raw = Vec::new();
    for record in reader.byte_records().take(limit + 1) {
        let record = record.map_err(|e| FileError::new(format!("unreadable CSV: {e}")))?;
        raw.push(record);
    }
    let exhausted = raw.len() <= limit;
    // The record the sample ends in may be cut, unless more records were seen after it.
    if !exhausted || !complete {
        raw.pop();
    }
    let records = raw
        .into_iter()
        .map(|r| {
            let line = r.position().map_or(0, csv::Position::line);
            let cells = r
                .iter()
                .map(|c| std::str::from_utf8(c).map(str::to_owned))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|_| FileError::new(format!("not UTF-8 text (line {line})")))?;
            Ok(Record { line, cells })
        })
        .collect::<Result<Vec<_>, FileError>>()?;
    Ok((records, exhausted))
}

/// The delimiter giving the same field count (above one) on every sniffed row, most fields
/// winning; a ragged file still gets the likeliest delimiter so the error names the bad line.
fn sniff_delimiter(sample: &[u8], complete: bool) -> u8 {
    let mut best = (b',', 0usize, false);
    for d in DELIMITERS {
        let Ok((rows, _)) = csv_records(sample, d, complete, SNIFF_ROWS) else { continue };
        let Some(first) = rows.first().map(|r| r.cells.len()) else { continue };
        let consistent = rows.iter().all(|r| r.cells.len() == first);
        if first > 1 && (consistent, first) > (best.2, best.1) {
            best = (d, first, consistent);
        }
    }
    best.0
}

pub(super) fn infer_csv(sample: &[u8], complete: bool) -> Result<Inferred, FileError> {
    let delimiter = sniff_delimiter(sample, complete);
    let (records, exhausted) = csv_records(sample, delimiter, complete, MAX_RECORDS + 1)?;
    let Some(first) = records.first() else {
        return Err(FileError::new("no complete CSV line in the sample"));
    };
    let width = first.cells.len();
    if let Some(bad) = records.iter().find(|r| r.cells.len() != width) {
        return Err(FileError::new(format!(
            "line {} has {} fields, but line {} has {width}",
            bad.line,
            bad.cells.len(),
            first.line
        )));
    }
    let data_types = column_types(&records[1..], width);
    let header = is_header(&first.cells, &data_types);
    let (names, data) = if header {
        (first.cells.clone(), &records[1..])
    } else {
        ((0..width).map(|i| format!("col_{i}")).collect(), &records[..])
    };
    let types = if header { data_types } else { column_types(data, width) };
    let names = column_names(names.iter().map(String::as_str))?;
    let fields = names
        .into_iter()
        .zip(types)
        .map(|(name, (t, nullable))| InferredField { name, data_type: t.unwrap_or(DataType::Utf8), nullable })
        .collect();
    let options = BTreeMap::from([
        ("delimiter".to_owned(), char::from(delimiter).to_string()),
        ("header".to_owned(), header.to_string()),
    ]);
    let rows = (complete && exhausted).then_some(data.len() as u64);
    Ok(Inferred { fields, options, rows })
}

/// Per column: the widened type of its non-empty cells (`None` when all are empty) and whether
/// any cell is empty.
fn column_types(records: &[Record], width: usize) -> Vec<(Option<DataType>, bool)> {
    let mut cols = vec![(None::<DataType>, false); width];
    for record in records {
        for ((t, nullable), cell) in cols.iter_mut().zip(&record.cells) {
            match cell_type(cell) {
                None => *nullable = true,
                Some(c) => *t = Some(t.as_ref().map_or(c.clone(), |t| widen(t, &c).unwrap_or(DataType::Utf8))),
            }
        }
    }
    cols
}

fn cell_type(cell: &str) -> Option<DataType> {
    let s = cell.trim();
    if s.is_empty() {
        return None;
    }
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    // Leading zeros mark codes (zip codes, ids) that would lose meaning as numbers.
    if digits.len() > 1 && digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit()) {
        return Some(DataType::Utf8);
    }
    if s.parse::<i64>().is_ok() {
        return Some(DataType::Int64);
    }
    // Rust also parses "inf" and "NaN", which in a CSV are words, not numbers.
    let float_chars = s.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'));
    if float_chars && s.bytes().any(|b| b.is_ascii_digit()) && s.parse::<f64>().is_ok() {
        return Some(DataType::Float64);
    }
    if s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false") {
        return Some(DataType::Bool);
    }
    if NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() {
        return Some(DataType::Date32);
    }
    let naive = ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"];
    if naive.iter().any(|f| NaiveDateTime::parse_from_str(s, f).is_ok()) {
        return Some(DataType::Timestamp { unit: TimeUnit::Microsecond, tz: None });
    }
    // An offset pins an instant; readers normalise such values to UTC.
    if DateTime::parse_from_rfc3339(s).is_ok() {
        return Some(DataType::Timestamp { unit: TimeUnit::Microsecond, tz: Some("UTC".into()) });
    }
    Some(DataType::Utf8)
}

/// A header row is distinct non-empty words, told apart from a data row of words either by
/// typed data below it or by looking like identifiers.
fn is_header(first: &[String], data_types: &[(Option<DataType>, bool)]) -> bool {
    let distinct = first.iter().map(|c| c.trim()).collect::<HashSet<_>>().len() == first.len();
    let words = first.iter().all(|c| cell_type(c) == Some(DataType::Utf8));
    let typed_data = data_types.iter().any(|(t, _)| t.as_ref().is_some_and(|t| *t != DataType::Utf8));
    let identifiers = first.iter().all(|c| {
        let c = c.trim();
        c.starts_with(|ch: char| ch.is_ascii_alphabetic() || ch == '_')
            && c.chars().all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '_' | ' ' | '-' | '.'))
    });
    distinct && words && (typed_data || identifiers)
}
