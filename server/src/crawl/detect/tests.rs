use std::io::Write;

use super::*;

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).expect("gzip");
    e.finish().expect("gzip")
}

fn zstd(data: &[u8]) -> Vec<u8> {
    zstd::stream::encode_all(data, 3).expect("zstd")
}

/// Varied text so compression leaves a body worth truncating.
fn big_csv() -> Vec<u8> {
    let mut s = String::from("id,name,score\n");
    for i in 0..20_000u64 {
        s.push_str(&format!("{i},name{},{}.{}\n", i * 7919 % 1000, i % 97, i * 31 % 10));
    }
    s.into_bytes()
}

fn detected(format: Format, compression: Compression) -> Detected {
    Detected { format, compression }
}

#[test]
fn magic_beats_extension() {
    assert_eq!(detect("x.csv", b"PAR1\0\0").expect("parquet"), detected(Format::Parquet, Compression::None));
    assert_eq!(detect("x.json", b"Obj\x01\0").expect("avro"), detected(Format::Avro, Compression::None));
    assert_eq!(detect("noext", b"PAR1").expect("parquet"), detected(Format::Parquet, Compression::None));
}

#[test]
fn extension_then_sniffing() {
    assert_eq!(detect("a/b.tsv", b"a\tb\n").expect("tsv"), detected(Format::Csv, Compression::None));
    assert_eq!(detect("b.ndjson", b"[1]\n").expect("json"), detected(Format::Json, Compression::None));
    assert_eq!(detect("b.jsonl", b"{}").expect("json"), detected(Format::Json, Compression::None));
    assert_eq!(detect("data", b"  \n{\"a\":1}").expect("json"), detected(Format::Json, Compression::None));
    assert_eq!(detect("data", b"\xEF\xBB\xBF{\"a\":1}").expect("json"), detected(Format::Json, Compression::None));
    assert_eq!(detect("data", b"a,b\n1,2").expect("csv"), detected(Format::Csv, Compression::None));
    // A compression suffix over plain bytes is a mislabel.
    assert_eq!(detect("a.csv.gz", b"a,b\n").expect("csv"), detected(Format::Csv, Compression::None));
}

#[test]
fn compressed_files_are_sniffed_inside() {
    let json = b"{\"a\":1}\n";
    assert_eq!(detect("x.gz", &gzip(json)).expect("gz"), detected(Format::Json, Compression::Gzip));
    assert_eq!(detect("x.zst", &zstd(b"a,b\n1,2\n")).expect("zst"), detected(Format::Csv, Compression::Zstd));
    // For text the name beats sniffing: `.csv` content starting with `{` is still CSV.
    assert_eq!(detect("x.csv.gz", &gzip(json)).expect("gz"), detected(Format::Csv, Compression::Gzip));
    let truncated = &zstd(&big_csv())[..200];
    // Too short for a whole zstd block: the name decides, and without one there is no answer.
    assert_eq!(detect("x.csv.zst", truncated).expect("zst"), detected(Format::Csv, Compression::Zstd));
    assert!(detect("x.zst", truncated).is_err());
    let long = zstd(&big_csv());
    assert_eq!(detect("x.zst", &long[..long.len() / 2]).expect("zst"), detected(Format::Csv, Compression::Zstd));
}

#[test]
fn rejects_empty_and_unknown_binary() {
    assert_eq!(detect("x.csv", b"").expect_err("empty").0, "empty file");
    assert_eq!(detect("x.bin", b"\x7fELF\0\0\x01").expect_err("binary").0, "unknown binary format");
    assert!(detect("x.parquet", b"a,b").expect_err("mislabelled").0.contains("not a Parquet file"));
    assert_eq!(detect("x.gz", &gzip(b"")).expect_err("empty gzip").0, "empty file");
}

#[test]
fn decompresses_whole_streams() {
    let data = big_csv();
    for (c, bytes) in [(Compression::Gzip, gzip(&data)), (Compression::Zstd, zstd(&data))] {
        let (out, complete) = decompress_prefix(c, &bytes, usize::MAX / 2).expect("whole");
        assert!(complete, "{}", c.as_str());
        assert_eq!(out, data);
        // Exactly at the limit still counts as complete; one byte less does not.
        assert!(decompress_prefix(c, &bytes, data.len()).expect("exact").1);
        let (out, complete) = decompress_prefix(c, &bytes, data.len() - 1).expect("limited");
        assert!(!complete);
        assert_eq!(out, data[..data.len() - 1]);
    }
    assert_eq!(decompress_prefix(Compression::None, b"abc", 2).expect("plain"), (b"ab".to_vec(), false));
    assert_eq!(decompress_prefix(Compression::None, b"abc", 3).expect("plain"), (b"abc".to_vec(), true));
}

#[test]
fn truncated_streams_yield_a_prefix() {
    let data = big_csv();
    for (c, bytes) in [(Compression::Gzip, gzip(&data)), (Compression::Zstd, zstd(&data))] {
        let cut = &bytes[..bytes.len() / 2];
        let (out, complete) = decompress_prefix(c, cut, usize::MAX / 2).expect("prefix");
        assert!(!complete, "{}", c.as_str());
        assert!(!out.is_empty() && out.len() < data.len(), "{}: {} bytes", c.as_str(), out.len());
        assert_eq!(out, data[..out.len()]);
        // A trailer-only cut (gzip CRC) still leaves all the data.
        let (out, complete) = decompress_prefix(c, &bytes[..bytes.len() - 3], usize::MAX / 2).expect("tail");
        assert!(!complete);
        assert_eq!(out, data[..out.len()]);
    }
}

#[test]
fn corrupt_or_hopelessly_short_streams_fail() {
    let data = big_csv();
    let mut bad = gzip(&data);
    for b in &mut bad[20..60] {
        *b = 0xff;
    }
    assert!(decompress_prefix(Compression::Gzip, &bad, 1 << 30).expect_err("corrupt").0.contains("gzip"));
    let mut bad = zstd(&data);
    for b in &mut bad[10..60] {
        *b ^= 0x5a;
    }
    assert!(decompress_prefix(Compression::Zstd, &bad, 1 << 30).expect_err("corrupt").0.contains("zstd"));
    assert!(decompress_prefix(Compression::Gzip, &gzip(&data)[..5], 1 << 30).is_err());
    assert!(decompress_prefix(Compression::Zstd, &zstd(&data)[..3], 1 << 30).is_err());
}
