use super::*;
use DataType::*;

fn p(s: &str) -> DataType {
    s.parse().unwrap_or_else(|e| panic!("{s:?} failed: {e}"))
}

fn assert_err(s: &str, needle: &str) {
    match s.parse::<DataType>() {
        Ok(t) => panic!("{s:?} unexpectedly parsed as {t}"),
        Err(e) => assert!(e.message.contains(needle), "{s:?}: error {:?} lacks {needle:?}", e.message),
    }
}

fn ts(unit: TimeUnit, tz: Option<&str>) -> DataType {
    Timestamp { unit, tz: tz.map(String::from) }
}

#[test]
fn names_and_aliases() {
    let cases = [
        ("bool", Bool),
        ("boolean", Bool),
        ("int8", Int8),
        ("tinyint", Int8),
        ("int16", Int16),
        ("smallint", Int16),
        ("int32", Int32),
        ("int", Int32),
        ("integer", Int32),
        ("int64", Int64),
        ("bigint", Int64),
        ("uint8", UInt8),
        ("uint16", UInt16),
        ("uint32", UInt32),
        ("uint64", UInt64),
        ("float16", Float16),
        ("float32", Float32),
        ("float", Float32),
        ("float64", Float64),
        ("double", Float64),
        ("utf8", Utf8),
        ("string", Utf8),
        ("varchar", Utf8),
        ("large_utf8", LargeUtf8),
        ("binary", Binary),
        ("large_binary", LargeBinary),
        ("date32", Date32),
        ("date", Date32),
        ("date64", Date64),
    ];
    for (text, expected) in cases {
        assert_eq!(p(text), expected, "{text}");
        assert_eq!(p(&text.to_uppercase()), expected, "{text} uppercase");
        assert_eq!(p(&format!("  {text}\t\n")), expected, "{text} padded");
        assert_eq!(p(&expected.to_string()), expected, "{expected} round-trip");
    }
    assert_eq!(p("BigInt").to_string(), "int64");
}

#[test]
fn decimal_and_timestamp_forms() {
    use TimeUnit::*;
    let cases = [
        ("decimal(10,2)", "decimal(10,2)"),
        ("DECIMAL ( 10 , 2 )", "decimal(10,2)"),
        ("decimal(5)", "decimal(5,0)"),
        ("decimal(38,38)", "decimal(38,38)"),
        ("decimal(1,0)", "decimal(1,0)"),
        ("timestamp", "timestamp(us)"),
        ("TIMESTAMP( NS )", "timestamp(ns)"),
        ("timestamp(MS,utc)", "timestamp(ms, utc)"),
        ("timestamp(ns, \"+02:00\")", "timestamp(ns, +02:00)"),
        ("timestamp(s, \"Etc/GMT +1\")", "timestamp(s, \"Etc/GMT +1\")"),
    ];
    for (input, canonical) in cases {
        assert_eq!(p(input).to_string(), canonical, "{input}");
        assert_eq!(p(canonical), p(input), "{canonical} round-trip");
    }
    assert_eq!(p("decimal(5)"), Decimal128 { precision: 5, scale: 0 });
    assert_eq!(p("timestamp"), ts(Microsecond, None));
    assert_eq!(p("timestamp(ms, UTC)"), ts(Millisecond, Some("UTC")));
    assert_eq!(p("timestamp(us, America/New_York)"), ts(Microsecond, Some("America/New_York")));
    let odd = ts(Second, Some("a\"b\\c"));
    assert_eq!(odd.to_string(), r#"timestamp(s, "a\"b\\c")"#);
    assert_eq!(p(&odd.to_string()), odd);
}

#[test]
fn nested_round_trips() {
    let canonical = [
        "list<int64>",
        "struct<a: int64, b: utf8 not null>",
        "map<utf8, list<int32>>",
        "list<list<list<decimal(10,2)>>>",
        "map<timestamp(ms, UTC), struct<x: float64 not null, y: map<int32, binary>>>",
        "struct<Outer_1: struct<inner: list<timestamp(ns, \"Europe/Paris x\")>>, z: date64>",
    ];
    for text in canonical {
        let t = p(text);
        assert_eq!(t.to_string(), text);
        assert_eq!(p(&t.to_string()), t);
    }
    let messy = " STRUCT < A : BIGINT NOT NULL , b:LIST<String>,c:Map<Date,Double> > ";
    assert_eq!(p(messy).to_string(), "struct<A: int64 not null, b: list<utf8>, c: map<date32, float64>>");
    let value = Box::new(ts(TimeUnit::Second, Some("+05:30")));
    let built = Struct(vec![
        Field { name: "k".into(), data_type: List(Box::new(Int8)), nullable: false },
        Field { name: "m".into(), data_type: Map { key: Box::new(Utf8), value }, nullable: true },
    ]);
    assert_eq!(built.to_string(), "struct<k: list<int8> not null, m: map<utf8, timestamp(s, +05:30)>>");
    assert_eq!(p(&built.to_string()), built);
}

#[test]
fn error_cases() {
    let cases = [
        ("intt64", "unknown data type `intt64`"),
        ("list<intt64>", "unknown data type `intt64` at position 5"),
        ("", "unexpected end of type"),
        ("   ", "unexpected end of type"),
        ("list<", "unexpected end of type"),
        ("list<int64", "unexpected end of type, expected `>`"),
        ("list(int64)", "expected `<` after `list`"),
        ("int64 x", "trailing characters after type: `x`"),
        ("int64>", "trailing characters after type: `>`"),
        ("int64(3)", "trailing characters"),
        ("<int64>", "expected a data type name at position 0"),
        ("decimal(0,0)", "decimal precision must be between 1 and 38"),
        ("decimal(39,2)", "decimal precision must be between 1 and 38"),
        ("decimal(-1)", "decimal precision must be between 1 and 38"),
        ("decimal(99999999999999999999999999,1)", "decimal precision must be between 1 and 38"),
        ("decimal(10,11)", "decimal scale must be between 0 and the precision 10"),
        ("decimal(10,-1)", "decimal scale must be between 0"),
        ("decimal", "expected `(` after `decimal`"),
        ("decimal(a)", "expected a number for the decimal precision"),
        ("decimal(10,)", "expected a number for the decimal scale"),
        ("decimal(10,2", "expected `)`"),
        ("timestamp(xs)", "unknown timestamp unit `xs`"),
        ("timestamp()", "expected a timestamp unit"),
        ("timestamp(ms,)", "expected a timezone"),
        ("timestamp(ms,", "unexpected end of type, expected a timezone"),
        ("timestamp(ms, \"UTC", "unterminated quoted timezone"),
        ("timestamp(ms, \"\")", "timezone must not be empty"),
        ("timestamp(ms, \"a\\x\")", "invalid escape"),
        ("timestamp(ms, \"a\\", "invalid escape"),
        ("timestamp(ms, UTC x)", "expected `)`"),
        ("struct<>", "struct must have at least one field"),
        ("struct<a: int64, a: utf8>", "duplicate struct field name `a`"),
        ("struct<1a: int64>", "expected a struct field name"),
        ("struct<a: int64,>", "expected a struct field name"),
        ("struct<a int64>", "expected `:` after struct field name `a`"),
        ("struct<a: int64 not nul>", "expected `null` after `not`"),
        ("struct<a: int64 not>", "expected `null` after `not`"),
        ("map<list<int32>, utf8>", "map key type must be a primitive type, got `list<int32>`"),
        ("map<struct<a: int8>, utf8>", "map key type must be a primitive type"),
        ("map<map<int8, int8>, utf8>", "map key type must be a primitive type"),
        ("map<utf8>", "expected `,` between map key and value types"),
        ("int\u{e9}", "trailing characters after type: `\u{e9}`"),
        ("\u{1F600}", "expected a data type name at position 0, found `\u{1F600}`"),
    ];
    for (input, needle) in cases {
        assert_err(input, needle);
    }
    assert_err(&"x".repeat(MAX_INPUT_LEN + 1), "too long");
    assert_err(&"x".repeat(MAX_INPUT_LEN), "unknown data type");
}

#[test]
fn nesting_depth_limit() {
    let nest = |n: usize| format!("{}int64{}", "list<".repeat(n), ">".repeat(n));
    assert!(nest(MAX_DEPTH).parse::<DataType>().is_ok());
    assert_err(&nest(MAX_DEPTH + 1), "maximum depth of 32");
    assert_err(&"list<".repeat(800), "maximum depth");
    assert_err(&"struct<a:".repeat(400), "maximum depth");
}

#[test]
fn never_panics_and_round_trips() {
    // Deterministic fuzz: mutate valid types by deleting and inserting grammar pieces.
    let bases = [
        "map<timestamp(ms, \"a\\\"b\"), struct<x: decimal(10,2) not null, y: list<timestamp>>>",
        "struct<a: list<int8>, b: map<utf8, timestamp(ns, UTC)> not null>",
        "decimal(38,2)",
    ];
    let pieces = [
        "<",
        ">",
        "(",
        ")",
        ",",
        ":",
        "\"",
        "\\",
        " ",
        "-",
        "9",
        "x",
        "\u{e9}",
        "list<",
        "map<int8,",
        "struct<",
        "c: ",
        "utf8",
        "timestamp(",
        "decimal(",
        " not null",
        "not",
        "UTC",
        "99999999999999999999",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    let mut parsed = 0;
    for _ in 0..30_000 {
        let mut chars: Vec<char> = bases[next(bases.len())].chars().collect();
        for _ in 0..=next(3) {
            let at = next(chars.len() + 1);
            if next(2) == 0 && at < chars.len() {
                chars.drain(at..(at + 1 + next(4)).min(chars.len()));
            } else {
                chars.splice(at..at, pieces[next(pieces.len())].chars());
            }
        }
        let s: String = chars.into_iter().collect();
        if let Ok(t) = s.parse::<DataType>() {
            assert_eq!(p(&t.to_string()), t, "round-trip of {s:?}");
            parsed += 1;
        }
    }
    assert!(parsed > 100, "fuzz produced too few valid types: {parsed}");
}

#[test]
fn widening_allowed() {
    let ok = [
        ("int8", "int16"),
        ("int8", "int64"),
        ("int16", "int32"),
        ("int32", "int64"),
        ("uint8", "uint16"),
        ("uint8", "uint64"),
        ("uint32", "uint64"),
        ("uint8", "int16"),
        ("uint16", "int32"),
        ("uint32", "int64"),
        ("uint8", "int64"),
        ("int8", "float32"),
        ("int16", "float32"),
        ("uint16", "float32"),
        ("uint8", "float32"),
        ("int32", "float64"),
        ("uint32", "float64"),
        ("int8", "float64"),
        ("float16", "float32"),
        ("float16", "float64"),
        ("float32", "float64"),
        ("decimal(10,2)", "decimal(12,4)"),
        ("decimal(10,2)", "decimal(11,2)"),
        ("decimal(5,0)", "decimal(38,10)"),
        ("utf8", "large_utf8"),
        ("binary", "large_binary"),
        ("date32", "date64"),
        ("date32", "timestamp(s)"),
        ("date32", "timestamp(ns, UTC)"),
        ("timestamp(s)", "timestamp(ns)"),
        ("timestamp(ms, UTC)", "timestamp(us, UTC)"),
        ("list<int32>", "list<int64>"),
        ("list<list<utf8>>", "list<list<large_utf8>>"),
        ("map<utf8, int32>", "map<utf8, int64>"),
        ("struct<a: int32>", "struct<a: int64>"),
        ("struct<a: int32 not null>", "struct<a: int32>"),
        ("struct<a: int32>", "struct<b: utf8, a: int32>"),
        ("struct<a: struct<x: int8>>", "struct<a: struct<x: int16, y: utf8>>"),
    ];
    for (from, to) in ok {
        assert!(p(from).can_widen_to(&p(to)), "{from} -> {to} should widen");
    }
    for text in ["int64", "decimal(10,2)", "timestamp(ns, +01:00)", "struct<a: utf8 not null>", "map<int8, list<utf8>>"]
    {
        assert!(p(text).can_widen_to(&p(text)), "{text} -> itself");
    }
}

#[test]
fn widening_rejected() {
    let bad = [
        ("int16", "int8"),
        ("int64", "int32"),
        ("int8", "uint8"),
        ("int8", "uint64"),
        ("uint8", "int8"),
        ("uint16", "int16"),
        ("uint64", "int64"),
        ("uint16", "uint8"),
        ("int32", "float32"),
        ("uint32", "float32"),
        ("int64", "float64"),
        ("uint64", "float64"),
        ("int8", "float16"),
        ("float64", "float32"),
        ("float32", "float16"),
        ("float32", "int64"),
        ("int32", "decimal(38,0)"),
        ("decimal(10,2)", "decimal(10,3)"),
        ("decimal(10,2)", "decimal(12,1)"),
        ("decimal(12,2)", "decimal(11,2)"),
        ("large_utf8", "utf8"),
        ("utf8", "binary"),
        ("binary", "utf8"),
        ("large_binary", "binary"),
        ("date64", "date32"),
        ("date64", "timestamp(ms)"),
        ("timestamp(us)", "date64"),
        ("timestamp(ns)", "timestamp(us)"),
        ("timestamp(ms)", "timestamp(ms, UTC)"),
        ("timestamp(ms, UTC)", "timestamp(ms)"),
        ("timestamp(ms, UTC)", "timestamp(ms, utc)"),
        ("timestamp(s, UTC)", "timestamp(ns, +00:00)"),
        ("list<int64>", "list<int32>"),
        ("int32", "list<int32>"),
        ("list<int32>", "int32"),
        ("map<utf8, int32>", "map<large_utf8, int32>"),
        ("map<utf8, int64>", "map<utf8, int32>"),
        ("struct<a: int64>", "struct<a: int32>"),
        ("struct<a: int32>", "struct<a: int32 not null>"),
        ("struct<a: int32>", "struct<b: int32>"),
        ("struct<a: int32, b: utf8>", "struct<a: int32>"),
        ("struct<a: int32>", "struct<a: int32, b: utf8 not null>"),
        ("bool", "int8"),
    ];
    for (from, to) in bad {
        assert!(!p(from).can_widen_to(&p(to)), "{from} -> {to} should not widen");
    }
}

#[test]
fn partition_key_types() {
    let keys = [
        "bool",
        "int8",
        "int16",
        "int32",
        "int64",
        "uint8",
        "uint16",
        "uint32",
        "uint64",
        "utf8",
        "large_utf8",
        "date32",
        "date64",
        "timestamp",
        "timestamp(ns, UTC)",
    ];
    for t in keys {
        assert!(p(t).is_partition_key_type(), "{t} should be a partition key type");
    }
    let non_keys = [
        "float16",
        "float32",
        "float64",
        "decimal(10,2)",
        "binary",
        "large_binary",
        "list<int8>",
        "struct<a: int8>",
        "map<utf8, utf8>",
    ];
    for t in non_keys {
        assert!(!p(t).is_partition_key_type(), "{t} should not be a partition key type");
    }
}

#[test]
fn error_and_unit_traits() {
    let e = "nope".parse::<DataType>().unwrap_err();
    assert_eq!(e.to_string(), e.message);
    let boxed: Box<dyn std::error::Error> = Box::new(e);
    assert!(boxed.to_string().contains("unknown data type `nope`"));
    let units: Vec<String> = UNITS.iter().map(|(u, _)| u.to_string()).collect();
    assert_eq!(units, ["s", "ms", "us", "ns"]);
}
