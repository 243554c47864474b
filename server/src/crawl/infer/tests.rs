use std::io::Write;
use std::sync::Arc;

use arrow_array::{ArrayRef, BooleanArray, Float64Array, Int32Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{Field as ArrowField, Schema};
use parquet::arrow::ArrowWriter;

use super::*;
use crate::crawl::detect::{decompress_prefix, detect};
use DataType::*;

fn csv(sample: &str) -> Result<Inferred, FileError> {
    infer_text(&Detected { format: Format::Csv, compression: Compression::None }, sample.as_bytes(), true)
}

fn json(sample: &str) -> Result<Inferred, FileError> {
    infer_text(&Detected { format: Format::Json, compression: Compression::None }, sample.as_bytes(), true)
}

/// (name, type text, nullable) triples, for compact assertions.
fn cols(inferred: &Inferred) -> Vec<(String, String, bool)> {
    inferred.fields.iter().map(|f| (f.name.to_string(), f.data_type.to_string(), f.nullable)).collect()
}

fn col(name: &str, t: &str, nullable: bool) -> (String, String, bool) {
    (name.into(), t.into(), nullable)
}

#[test]
fn csv_with_header_and_types() {
    let got = csv("id,price,active,day,at,name\n\
                   1,2.5,true,2024-01-02,2024-01-02T03:04:05.123,a\n\
                   2,3,false,2024-01-03,2024-01-02 03:04:05,\n")
    .expect("csv");
    assert_eq!(
        cols(&got),
        vec![
            col("id", "int64", false),
            col("price", "float64", false),
            col("active", "bool", false),
            col("day", "date32", false),
            col("at", "timestamp(us)", false),
            col("name", "utf8", true),
        ]
    );
    assert_eq!(got.options.get("delimiter").map(String::as_str), Some(","));
    assert_eq!(got.options.get("header").map(String::as_str), Some("true"));
    assert_eq!(got.options.get("compression"), None);
    assert_eq!(got.rows, Some(2));
}

#[test]
fn csv_other_delimiters() {
    let got = csv("a;b;c\n1;x, y;2\n3;z;4\n").expect("semicolon");
    assert_eq!(got.options["delimiter"], ";");
    assert_eq!(cols(&got), vec![col("a", "int64", false), col("b", "utf8", false), col("c", "int64", false)]);
    let got = csv("first name\tlast name\nAda\tLovelace\n").expect("tab");
    assert_eq!(got.options["delimiter"], "\t");
    assert_eq!(cols(&got), vec![col("first_name", "utf8", false), col("last_name", "utf8", false)]);
    let got = csv("only\n1\n2\n").expect("single column");
    assert_eq!(got.options["delimiter"], ",");
    assert_eq!(cols(&got), vec![col("only", "int64", false)]);
}

#[test]
fn csv_without_header() {
    let got = csv("1,2.5,x\n2,3.5,y\n").expect("numbers");
    assert_eq!(got.options["header"], "false");
    assert_eq!(
        cols(&got),
        vec![col("col_0", "int64", false), col("col_1", "float64", false), col("col_2", "utf8", false)]
    );
    assert_eq!(got.rows, Some(2));
    // Words over words, but not identifier-like: data.
    assert_eq!(csv("Hello world!,Bye?\nfoo bar,baz\n").expect("words").options["header"], "false");
    // Duplicate first-row cells are data.
    assert_eq!(csv("a,a\nb,c\n").expect("dup").options["header"], "false");
}

#[test]
fn csv_quotes_and_leading_zeros() {
    let got = csv("zip,note\n\"01234\",\"multi\nline, with comma\"\n\"98765\",plain\n").expect("quoted");
    assert_eq!(cols(&got), vec![col("zip", "utf8", false), col("note", "utf8", false)]);
}

#[test]
fn csv_ragged_row_names_the_line() {
    let err = csv("a,b,c\n1,2,3\n4,5\n").expect_err("ragged");
    assert_eq!(err.0, "line 3 has 2 fields, but line 1 has 3");
}

#[test]
fn csv_not_utf8() {
    let sample = b"a,b\n1,x\n2,\xff\xfe\n";
    let d = Detected { format: Format::Csv, compression: Compression::None };
    assert_eq!(infer_text(&d, sample, true).expect_err("latin1").0, "not UTF-8 text (line 3)");
}

#[test]
fn truncated_sample_drops_the_cut_record() {
    let d = Detected { format: Format::Csv, compression: Compression::None };
    // The cut last line would be ragged (and mistyped) if it were kept.
    let got = infer_text(&d, b"a,b,c\n1,2,3\n4,5", false).expect("cut");
    assert_eq!(cols(&got)[2], col("c", "int64", false));
    assert_eq!(got.rows, None);
    // A multi-byte character cut in half is not an encoding error.
    let got = infer_text(&d, "a,b\n1,x\n2,\u{e9}".as_bytes().split_last().expect("bytes").1, false).expect("cut");
    assert_eq!(cols(&got)[1], col("b", "utf8", false));
    let d = Detected { format: Format::Json, compression: Compression::None };
    let got = infer_text(&d, b"{\"a\":1}\n{\"a\":2,\"b\"", false).expect("cut json");
    assert_eq!(cols(&got), vec![col("a", "int64", false)]);
    assert!(infer_text(&d, b"{\"a\":1", false).is_err());
}

#[test]
fn compressed_csv_and_json_end_to_end() {
    let mut text = String::from("orderId,amount\n");
    for i in 0..5000 {
        text.push_str(&format!("{i},{}.{}\n", i * 37 % 1000, i % 10));
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(text.as_bytes()).expect("gzip");
    let gz = gz.finish().expect("gzip");
    for (path, bytes) in [("o.csv.gz", gz.clone()), ("o.csv.gz", gz[..gz.len() / 3].to_vec())] {
        let detected = detect(path, &bytes).expect("detect");
        let (sample, complete) = decompress_prefix(detected.compression, &bytes, 1 << 20).expect("inflate");
        let got = infer_text(&detected, &sample, complete).expect("infer");
        assert_eq!(cols(&got), vec![col("order_id", "int64", false), col("amount", "float64", false)]);
        assert_eq!(got.options["compression"], "gzip");
    }
    let lines: String =
        (0..20_000).map(|i| format!("{{\"id\":{i},\"tags\":[\"t{}\"]}}\n", i * 7919 % 10_007)).collect();
    let zst = zstd::stream::encode_all(lines.as_bytes(), 3).expect("zstd");
    let detected = detect("events.zst", &zst[..zst.len() / 2]).expect("detect");
    assert_eq!(detected.format, Format::Json);
    let (sample, complete) = decompress_prefix(detected.compression, &zst[..zst.len() / 2], 1 << 20).expect("zstd");
    assert!(!complete);
    let got = infer_text(&detected, &sample, complete).expect("infer");
    assert_eq!(cols(&got), vec![col("id", "int64", false), col("tags", "list<utf8>", false)]);
    assert_eq!(got.options["compression"], "zstd");
    assert_eq!(got.rows, None);
}

#[test]
fn json_nested_and_missing_fields() {
    let got = json(
        "{\"userId\":1,\"score\":1,\"user\":{\"firstName\":\"a\"},\"tags\":[1,2]}\n\
         \n\
         {\"userId\":2,\"score\":2.5,\"user\":{\"firstName\":\"b\",\"age\":3},\"extra\":null,\"tags\":[]}\n",
    )
    .expect("json");
    assert_eq!(
        cols(&got),
        vec![
            col("user_id", "int64", false),
            col("score", "float64", false),
            col("user", "struct<first_name: utf8 not null, age: int64>", false),
            col("tags", "list<int64>", false),
            col("extra", "utf8", true),
        ]
    );
    assert_eq!(got.rows, Some(2));
    // Keys keep file order, new keys from later records are appended in their order.
    let got = json("{\"z\":1,\"a\":1}\n{\"a\":1,\"y\":1,\"b\":1}\n").expect("order");
    let names: Vec<String> = cols(&got).into_iter().map(|c| c.0).collect();
    assert_eq!(names, ["z", "a", "y", "b"]);
}

#[test]
fn json_conflicts_name_the_field() {
    let err = json("{\"a\":{\"b\":1}}\n{\"a\":{\"b\":{\"c\":1}}}\n").expect_err("conflict");
    assert_eq!(err.0, "field `a.b` is a number in one record and an object in another (line 2)");
    assert!(json("{\"a\":[1,{\"b\":1}]}\n").expect_err("mixed array").0.contains("an array mixes"));
    assert_eq!(json("[1,2]\n").expect_err("array").0, "line 1 is not a JSON object");
    assert!(json("{\"a\":1}\n{oops}\n").expect_err("bad").0.starts_with("invalid JSON on line 2"));
    // Scalars widen rather than conflict.
    let got = json("{\"a\":1,\"b\":true}\n{\"a\":\"x\",\"b\":2}\n").expect("widen");
    assert_eq!(cols(&got), vec![col("a", "utf8", false), col("b", "utf8", false)]);
}

#[test]
fn empty_samples_fail() {
    assert!(csv("").is_err());
    assert!(json("\n\n").is_err());
}

fn parquet_bytes() -> Vec<u8> {
    let schema = Arc::new(Schema::new(vec![
        ArrowField::new("OrderID", arrow_schema::DataType::Int64, false),
        ArrowField::new("price", arrow_schema::DataType::Float64, true),
        ArrowField::new("note", arrow_schema::DataType::Utf8, true),
    ]));
    let columns: Vec<ArrayRef> = vec![
        Arc::new(Int64Array::from(vec![1, 2, 3])),
        Arc::new(Float64Array::from(vec![Some(1.5), None, Some(2.0)])),
        Arc::new(StringArray::from(vec![Some("a"), Some("b"), None])),
    ];
    let batch = RecordBatch::try_new(schema.clone(), columns).expect("batch");
    let mut buf = Vec::new();
    let mut writer = ArrowWriter::try_new(&mut buf, schema, None).expect("writer");
    writer.write(&batch).expect("write");
    writer.close().expect("close");
    buf
}

#[test]
fn parquet_footer_and_schema() {
    let file = parquet_bytes();
    let len = parquet_footer_len(file.len() as u64, &file[file.len() - 8..]).expect("footer");
    assert!(len > 8 && len < file.len() as u64);
    let tail = &file[file.len() - usize::try_from(len).expect("small")..];
    let got = infer_parquet(tail).expect("parquet");
    assert_eq!(
        cols(&got),
        vec![col("order_id", "int64", false), col("price", "float64", true), col("note", "utf8", true)]
    );
    assert_eq!(got.rows, Some(3));
    assert!(got.options.is_empty());
    // More bytes than needed are fine.
    assert_eq!(infer_parquet(&file).expect("whole file"), got);
}

#[test]
fn parquet_truncated_or_not_parquet() {
    let file = parquet_bytes();
    let err = infer_parquet(&file[file.len() - 20..]).expect_err("cut");
    assert_eq!(err.0, "not a Parquet file: the footer is truncated");
    assert!(infer_parquet(&file[..file.len() - 1]).expect_err("magic").0.contains("PAR1 magic"));
    assert_eq!(infer_parquet(b"PAR1").expect_err("tiny").0, "not a Parquet file: the footer is truncated");
    assert!(parquet_footer_len(8, b"\0\0\0\0PAR1").expect_err("small").0.contains("too small"));
    assert!(parquet_footer_len(100, b"\xff\0\0\0PAR1").expect_err("long").0.contains("longer than the file"));
    assert!(parquet_footer_len(100, b"\0\0\0\0PARE").expect_err("enc").0.contains("encrypted"));
    assert!(parquet_footer_len(100, b"PAR1").expect_err("short").0.contains("truncated"));
    // A footer whose bytes are garbage decodes to an error, not a panic.
    let mut garbage = vec![0xAB; 64];
    garbage.extend_from_slice(&64u32.to_le_bytes());
    garbage.extend_from_slice(b"PAR1");
    assert!(infer_parquet(&garbage).expect_err("garbage").0.starts_with("not a Parquet file"));
}

fn avro_bytes() -> Vec<u8> {
    let schema = Schema::new(vec![
        ArrowField::new("eventId", arrow_schema::DataType::Int64, false),
        ArrowField::new("count", arrow_schema::DataType::Int32, true),
        ArrowField::new("ok", arrow_schema::DataType::Boolean, false),
        ArrowField::new("label", arrow_schema::DataType::Utf8, true),
    ]);
    let columns: Vec<ArrayRef> = vec![
        Arc::new(Int64Array::from(vec![1, 2])),
        Arc::new(Int32Array::from(vec![Some(1), None])),
        Arc::new(BooleanArray::from(vec![true, false])),
        Arc::new(StringArray::from(vec![Some("x"), None])),
    ];
    let batch = RecordBatch::try_new(Arc::new(schema.clone()), columns).expect("batch");
    let mut writer = arrow_avro::writer::AvroWriter::new(Vec::new(), schema).expect("writer");
    writer.write(&batch).expect("write");
    writer.finish().expect("finish");
    writer.into_inner()
}

#[test]
fn avro_header_schema() {
    let file = avro_bytes();
    assert_eq!(detect("e.avro", &file).expect("detect").format, Format::Avro);
    let got = infer_avro(&file).expect("avro");
    assert_eq!(
        cols(&got),
        vec![
            col("event_id", "int64", false),
            col("count", "int32", true),
            col("ok", "bool", false),
            col("label", "utf8", true)
        ]
    );
    assert_eq!(got.rows, None);
    assert_eq!(infer_avro(&file[..30]).expect_err("short").0, "Avro header larger than 30 bytes");
    assert!(infer_avro(b"PAR1xxxx").expect_err("magic").0.starts_with("not an Avro file"));
}

#[test]
fn arrow_types_map_to_catalog_types() {
    use arrow_schema::{DataType as A, IntervalUnit, TimeUnit as U};
    let item = |t: A| Arc::new(ArrowField::new("item", t, true));
    assert_eq!(to_domain(&A::LargeUtf8), Utf8);
    assert_eq!(to_domain(&A::Utf8View), Utf8);
    assert_eq!(to_domain(&A::Dictionary(Box::new(A::Int32), Box::new(A::Utf8))), Utf8);
    assert_eq!(
        to_domain(&A::Timestamp(U::Millisecond, Some("UTC".into()))),
        Timestamp { unit: TimeUnit::Millisecond, tz: Some("UTC".into()) }
    );
    assert_eq!(to_domain(&A::Decimal128(10, 2)), Decimal128 { precision: 10, scale: 2 });
    assert_eq!(to_domain(&A::Decimal128(10, -2)), Utf8);
    assert_eq!(to_domain(&A::Decimal256(50, 2)), Utf8);
    assert_eq!(to_domain(&A::Interval(IntervalUnit::DayTime)), Utf8);
    assert_eq!(to_domain(&A::LargeList(item(A::Int32))), List(Box::new(Int32)));
    assert_eq!(to_domain(&A::FixedSizeBinary(16)), Binary);
    let s = A::Struct(vec![ArrowField::new("innerName", A::Int64, false)].into());
    assert_eq!(to_domain(&s), Struct(vec![Field { name: "inner_name".into(), data_type: Int64, nullable: false }]));
    let entries = ArrowField::new(
        "entries",
        A::Struct(vec![ArrowField::new("key", A::Utf8, false), ArrowField::new("value", A::Float64, true)].into()),
        false,
    );
    assert_eq!(to_domain(&A::Map(Arc::new(entries), false)), Map { key: Box::new(Utf8), value: Box::new(Float64) });
}

#[test]
fn names_are_sanitized_and_unique() {
    for (raw, want) in [
        ("orderId", "order_id"),
        ("OrderID", "order_id"),
        ("HTTPServer", "http_server"),
        ("First Name", "first_name"),
        ("  __a--b__ ", "a_b"),
        ("2nd", "c_2nd"),
        ("", "c_"),
        ("!!!", "c_"),
        ("café", "caf"),
        ("v2Total", "v2_total"),
    ] {
        assert_eq!(sanitize(raw), want, "{raw}");
    }
    assert_eq!(sanitize(&"x".repeat(300)).len(), 128);
    let names = column_names(["id", "ID", "Id", "id_2"].into_iter()).expect("names");
    let names: Vec<&str> = names.iter().map(ColumnName::as_str).collect();
    assert_eq!(names, ["id", "id_2", "id_3", "id_2_2"]);
    let long = "y".repeat(200);
    let names = column_names([long.as_str(), long.as_str()].into_iter()).expect("long");
    assert_eq!(names[1].as_str().len(), 128);
    assert!(names[1].as_str().ends_with("_2"));
}
