//! Arrow data types of catalog columns: parsing, canonical text form, and compatibility of changes.

use std::fmt;
use std::str::FromStr;

/// Longest type text accepted; catalog types are short, so anything longer is hostile or broken.
const MAX_INPUT_LEN: usize = 4096;
/// Deepest container nesting accepted; the parser recurses, so this bounds stack use.
const MAX_DEPTH: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TimeUnit { Second, Millisecond, Microsecond, Nanosecond }

/// Ordered coarse to fine: a finer unit can hold every instant of a coarser one.
const UNITS: [(TimeUnit, &str); 4] = [
    (TimeUnit::Second, "s"), (TimeUnit::Millisecond, "ms"),
    (TimeUnit::Microsecond, "us"), (TimeUnit::Nanosecond, "ns"),
];

impl TimeUnit {
    pub fn as_str(&self) -> &'static str { UNITS[self.rank()].1 }
    fn rank(&self) -> usize { UNITS.iter().position(|(u, _)| u == self).unwrap_or(0) }
}

impl fmt::Display for TimeUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
}

/// A named member of a struct type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Field { pub name: String, pub data_type: DataType, pub nullable: bool }

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DataType {
    Bool, Int8, Int16, Int32, Int64, UInt8, UInt16, UInt32, UInt64, Float16, Float32, Float64,
    Decimal128 { precision: u8, scale: i8 },
    Utf8, LargeUtf8, Binary, LargeBinary, Date32, Date64,
    Timestamp { unit: TimeUnit, tz: Option<String> },
    List(Box<DataType>),
    Struct(Vec<Field>),
    Map { key: Box<DataType>, value: Box<DataType> },
}

/// Keyword types with their canonical names; the single source for parsing and Display.
const PRIMITIVES: [(DataType, &str); 18] = {
    use DataType::*;
    [
        (Bool, "bool"), (Int8, "int8"), (Int16, "int16"), (Int32, "int32"), (Int64, "int64"),
        (UInt8, "uint8"), (UInt16, "uint16"), (UInt32, "uint32"), (UInt64, "uint64"),
        (Float16, "float16"), (Float32, "float32"), (Float64, "float64"), (Utf8, "utf8"),
        (LargeUtf8, "large_utf8"), (Binary, "binary"), (LargeBinary, "large_binary"),
        (Date32, "date32"), (Date64, "date64"),
    ]
};

/// Accepted alternative spellings, mapped to canonical names.
const ALIASES: [(&str, &str); 11] = [
    ("boolean", "bool"), ("tinyint", "int8"), ("smallint", "int16"), ("int", "int32"),
    ("integer", "int32"), ("bigint", "int64"), ("float", "float32"), ("double", "float64"),
    ("string", "utf8"), ("varchar", "utf8"), ("date", "date32"),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataTypeError { pub message: String }

impl fmt::Display for DataTypeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(&self.message) }
}

impl std::error::Error for DataTypeError {}

type Result<T> = std::result::Result<T, DataTypeError>;

fn fail<T>(message: impl Into<String>) -> Result<T> {
    Err(DataTypeError { message: message.into() })
}

fn is_bare_tz_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '/' | '+' | ':' | '-')
}

/// Recursive-descent parser over chars (not bytes) so positions and slicing never split UTF-8.
struct Parser { chars: Vec<char>, pos: usize }

impl Parser {
    fn skip_ws(&mut self) {
        while self.chars.get(self.pos).is_some_and(|c| c.is_whitespace()) { self.pos += 1; }
    }

    fn peek(&mut self) -> Option<char> {
        self.skip_ws();
        self.chars.get(self.pos).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        if found { self.pos += 1; }
        found
    }

    /// Error for a missing token: "unexpected end" at end of input, otherwise what was found where.
    fn missing<T>(&mut self, what: &str) -> Result<T> {
        match self.peek() {
            None => fail(format!("unexpected end of type, expected {what}")),
            Some(c) => fail(format!("expected {what} at position {}, found `{c}`", self.pos)),
        }
    }

    fn expect(&mut self, c: char, context: &str) -> Result<()> {
        if self.eat(c) { Ok(()) } else { self.missing(&format!("`{c}` {context}")) }
    }

    /// Reads `[A-Za-z_][A-Za-z0-9_]*` after whitespace; consumes nothing when absent.
    fn ident(&mut self) -> Option<String> {
        self.skip_ws();
        let start = self.pos;
        let is_start = |c: &char| c.is_ascii_alphabetic() || *c == '_';
        if !self.chars.get(start).is_some_and(is_start) { return None; }
        while self.chars.get(self.pos).is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_') {
            self.pos += 1;
        }
        Some(self.chars[start..self.pos].iter().collect())
    }

    fn parse_type(&mut self, depth: usize) -> Result<DataType> {
        if depth > MAX_DEPTH {
            return fail(format!("type nesting exceeds the maximum depth of {MAX_DEPTH}"));
        }
        self.skip_ws();
        let start = self.pos;
        let Some(name) = self.ident() else {
            if self.peek().is_none() { return fail("unexpected end of type"); }
            return self.missing("a data type name");
        };
        let lower = name.to_ascii_lowercase();
        let canonical = ALIASES.iter().find(|(a, _)| *a == lower).map_or(lower.as_str(), |(_, c)| c);
        if let Some((t, _)) = PRIMITIVES.iter().find(|(_, n)| *n == canonical) {
            return Ok(t.clone());
        }
        match canonical {
            "decimal" => self.parse_decimal(),
            "timestamp" => self.parse_timestamp(),
            "list" => {
                self.expect('<', "after `list`")?;
                let item = self.parse_type(depth + 1)?;
                self.expect('>', "to close `list<`")?;
                Ok(DataType::List(Box::new(item)))
            }
            "struct" => self.parse_struct(depth),
            "map" => self.parse_map(depth),
            _ => fail(format!("unknown data type `{name}` at position {start}")),
        }
    }

    /// Signed integer; saturates so absurdly long digit strings fail range checks instead of overflowing.
    fn number(&mut self, what: &str) -> Result<i64> {
        self.skip_ws();
        let start = self.pos;
        let negative = self.chars.get(start) == Some(&'-');
        self.pos += usize::from(negative);
        let (mut value, mut digits) = (0i64, 0);
        while let Some(d) = self.chars.get(self.pos).and_then(|c| c.to_digit(10)) {
            value = value.saturating_mul(10).saturating_add(i64::from(d));
            digits += 1;
            self.pos += 1;
        }
        if digits == 0 {
            self.pos = start;
            return self.missing(&format!("a number for the {what}"));
        }
        Ok(if negative { -value } else { value })
    }

    fn parse_decimal(&mut self) -> Result<DataType> {
        self.expect('(', "after `decimal`")?;
        let precision = self.number("decimal precision")?;
        if !(1..=38).contains(&precision) {
            return fail(format!("decimal precision must be between 1 and 38, got {precision}"));
        }
        let scale = if self.eat(',') { self.number("decimal scale")? } else { 0 };
        if !(0..=precision).contains(&scale) {
            return fail(format!("decimal scale must be between 0 and the precision {precision}, got {scale}"));
        }
        self.expect(')', "to close `decimal(`")?;
        Ok(DataType::Decimal128 { precision: precision as u8, scale: scale as i8 })
    }

    fn parse_timestamp(&mut self) -> Result<DataType> {
        // Bare `timestamp` defaults to microseconds, the common SQL-engine precision.
        if !self.eat('(') {
            return Ok(DataType::Timestamp { unit: TimeUnit::Microsecond, tz: None });
        }
        let start = self.pos;
        let Some(text) = self.ident() else { return self.missing("a timestamp unit (s, ms, us, ns)") };
        let lower = text.to_ascii_lowercase();
        let Some((unit, _)) = UNITS.iter().find(|(_, n)| *n == lower) else {
            return fail(format!(
                "unknown timestamp unit `{text}` at position {start}, expected one of s, ms, us, ns"
            ));
        };
        let tz = if self.eat(',') { Some(self.parse_tz()?) } else { None };
        self.expect(')', "to close `timestamp(`")?;
        Ok(DataType::Timestamp { unit: unit.clone(), tz })
    }

    fn parse_tz(&mut self) -> Result<String> {
        self.skip_ws();
        let start = self.pos;
        if self.chars.get(start) != Some(&'"') {
            while self.chars.get(self.pos).is_some_and(|c| is_bare_tz_char(*c)) { self.pos += 1; }
            if self.pos == start { return self.missing("a timezone"); }
            return Ok(self.chars[start..self.pos].iter().collect());
        }
        self.pos += 1;
        let mut tz = String::new();
        loop {
            let c = self.chars.get(self.pos).copied();
            self.pos += 1;
            match c {
                None => return fail(format!("unterminated quoted timezone starting at position {start}")),
                Some('"') => break,
                // Backslash escapes let Display quote any timezone text and still round-trip.
                Some('\\') => match self.chars.get(self.pos) {
                    Some(e @ ('"' | '\\')) => {
                        tz.push(*e);
                        self.pos += 1;
                    }
                    _ => return fail(format!("invalid escape in quoted timezone at position {}", self.pos - 1)),
                },
                Some(c) => tz.push(c),
            }
        }
        if tz.is_empty() { return fail(format!("timezone must not be empty at position {start}")); }
        Ok(tz)
    }

    fn parse_struct(&mut self, depth: usize) -> Result<DataType> {
        self.expect('<', "after `struct`")?;
        if self.peek() == Some('>') {
            return fail(format!("struct must have at least one field at position {}", self.pos));
        }
        let mut fields: Vec<Field> = Vec::new();
        loop {
            self.skip_ws();
            let start = self.pos;
            let Some(name) = self.ident() else { return self.missing("a struct field name") };
            if fields.iter().any(|f| f.name == name) {
                return fail(format!("duplicate struct field name `{name}` at position {start}"));
            }
            self.expect(':', &format!("after struct field name `{name}`"))?;
            let data_type = self.parse_type(depth + 1)?;
            let nullable = !self.parse_not_null()?;
            fields.push(Field { name, data_type, nullable });
            if !self.eat(',') {
                self.expect('>', "to close `struct<`")?;
                return Ok(DataType::Struct(fields));
            }
        }
    }

    /// Consumes an optional `not null` suffix; returns whether it was present.
    fn parse_not_null(&mut self) -> Result<bool> {
        let save = self.pos;
        if !self.ident().is_some_and(|w| w.eq_ignore_ascii_case("not")) {
            self.pos = save;
            return Ok(false);
        }
        let save = self.pos;
        if self.ident().is_some_and(|w| w.eq_ignore_ascii_case("null")) { return Ok(true); }
        self.pos = save;
        self.missing("`null` after `not`")
    }

    fn parse_map(&mut self, depth: usize) -> Result<DataType> {
        self.expect('<', "after `map`")?;
        self.skip_ws();
        let key_pos = self.pos;
        let key = self.parse_type(depth + 1)?;
        // Keys are hashed and compared; nested keys are unsupported by most engines.
        if key.is_nested() {
            return fail(format!("map key type must be a primitive type, got `{key}` at position {key_pos}"));
        }
        self.expect(',', "between map key and value types")?;
        let value = self.parse_type(depth + 1)?;
        self.expect('>', "to close `map<`")?;
        Ok(DataType::Map { key: Box::new(key), value: Box::new(value) })
    }
}

impl FromStr for DataType {
    type Err = DataTypeError;

    fn from_str(s: &str) -> Result<DataType> {
        let len = s.chars().count();
        if len > MAX_INPUT_LEN {
            return fail(format!("type text is too long: {len} characters, maximum is {MAX_INPUT_LEN}"));
        }
        let mut p = Parser { chars: s.chars().collect(), pos: 0 };
        let ty = p.parse_type(0)?;
        if p.peek().is_some() {
            let rest: String = p.chars[p.pos..].iter().take(40).collect();
            return fail(format!("trailing characters after type: `{rest}`"));
        }
        Ok(ty)
    }
}

impl fmt::Display for DataType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DataType::*;
        match self {
            Decimal128 { precision, scale } => write!(f, "decimal({precision},{scale})"),
            Timestamp { unit, tz: None } => write!(f, "timestamp({unit})"),
            // Bare tz when it re-parses as a bare token, else quoted with `"` and `\` escaped.
            Timestamp { unit, tz: Some(tz) } if !tz.is_empty() && tz.chars().all(is_bare_tz_char) => {
                write!(f, "timestamp({unit}, {tz})")
            }
            Timestamp { unit, tz: Some(tz) } => {
                let escaped = tz.replace('\\', "\\\\").replace('"', "\\\"");
                write!(f, "timestamp({unit}, \"{escaped}\")")
            }
            List(item) => write!(f, "list<{item}>"),
            Map { key, value } => write!(f, "map<{key}, {value}>"),
            Struct(fields) => {
                f.write_str("struct<")?;
                for (i, field) in fields.iter().enumerate() {
                    let sep = if i > 0 { ", " } else { "" };
                    let suffix = if field.nullable { "" } else { " not null" };
                    write!(f, "{sep}{}: {}{suffix}", field.name, field.data_type)?;
                }
                f.write_str(">")
            }
            primitive => {
                let name = PRIMITIVES.iter().find(|(t, _)| t == primitive).map_or("?", |(_, n)| n);
                f.write_str(name)
            }
        }
    }
}

impl DataType {
    fn is_nested(&self) -> bool {
        matches!(self, DataType::List(_) | DataType::Struct(_) | DataType::Map { .. })
    }

    /// (signed, bit width) of integer types.
    fn int_info(&self) -> Option<(bool, u8)> {
        use DataType::*;
        Some(match self {
            Int8 => (true, 8), Int16 => (true, 16), Int32 => (true, 32), Int64 => (true, 64),
            UInt8 => (false, 8), UInt16 => (false, 16), UInt32 => (false, 32), UInt64 => (false, 64),
            _ => return None,
        })
    }

    fn float_bits(&self) -> Option<u8> {
        use DataType::*;
        Some(match self { Float16 => 16, Float32 => 32, Float64 => 64, _ => return None })
    }

    /// True when every value of `self` can be represented in `to` without loss (a widening change).
    pub fn can_widen_to(&self, to: &DataType) -> bool {
        use DataType::*;
        if self == to {
            return true;
        }
        if let (Some((from_signed, from_bits)), Some((to_signed, to_bits))) = (self.int_info(), to.int_info()) {
            // Signed never fits unsigned (negatives); unsigned into signed needs an extra bit,
            // so in every allowed case the target is strictly wider.
            return to_bits > from_bits && (to_signed || !from_signed);
        }
        if let (Some((_, bits)), Some(float_bits)) = (self.int_info(), to.float_bits()) {
            // float32 / float64 significands (24 / 53 bits) hold 16- / 32-bit integers exactly.
            return (float_bits == 32 && bits <= 16) || (float_bits == 64 && bits <= 32);
        }
        if let (Some(from_bits), Some(to_bits)) = (self.float_bits(), to.float_bits()) {
            return to_bits > from_bits;
        }
        match (self, to) {
            (Decimal128 { precision: p1, scale: s1 }, Decimal128 { precision: p2, scale: s2 }) => {
                // Neither fractional digits nor integer digits may shrink.
                let int_digits = |p: u8, s: i8| i16::from(p) - i16::from(s);
                s2 >= s1 && int_digits(*p2, *s2) >= int_digits(*p1, *s1)
            }
            (Utf8, LargeUtf8) | (Binary, LargeBinary) | (Date32, Date64) | (Date32, Timestamp { .. }) => true,
            // A different tz changes the meaning of stored values, so it is never widening.
            (Timestamp { unit: u1, tz: tz1 }, Timestamp { unit: u2, tz: tz2 }) => tz1 == tz2 && u2.rank() >= u1.rank(),
            (List(a), List(b)) => a.can_widen_to(b),
            (Map { key: k1, value: v1 }, Map { key: k2, value: v2 }) => k1 == k2 && v1.can_widen_to(v2),
            (Struct(old), Struct(new)) => {
                let kept = old.iter().all(|o| {
                    new.iter().find(|n| n.name == o.name).is_some_and(|n| {
                        o.data_type.can_widen_to(&n.data_type) && (n.nullable || !o.nullable)
                    })
                });
                // Existing rows have no value for an added field, so it must accept null.
                kept && new.iter().all(|n| n.nullable || old.iter().any(|o| o.name == n.name))
            }
            _ => false,
        }
    }

    /// Types allowed as partition keys: bool, all ints/uints, utf8, large_utf8, date32, date64, timestamp.
    pub fn is_partition_key_type(&self) -> bool {
        use DataType::*;
        self.int_info().is_some() || matches!(self, Bool | Utf8 | LargeUtf8 | Date32 | Date64 | Timestamp { .. })
    }
}

#[cfg(test)]
mod tests {
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
            ("bool", Bool), ("boolean", Bool), ("int8", Int8), ("tinyint", Int8),
            ("int16", Int16), ("smallint", Int16), ("int32", Int32), ("int", Int32),
            ("integer", Int32), ("int64", Int64), ("bigint", Int64), ("uint8", UInt8),
            ("uint16", UInt16), ("uint32", UInt32), ("uint64", UInt64), ("float16", Float16),
            ("float32", Float32), ("float", Float32), ("float64", Float64), ("double", Float64),
            ("utf8", Utf8), ("string", Utf8), ("varchar", Utf8), ("large_utf8", LargeUtf8),
            ("binary", Binary), ("large_binary", LargeBinary), ("date32", Date32),
            ("date", Date32), ("date64", Date64),
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
            ("decimal(10,2)", "decimal(10,2)"), ("DECIMAL ( 10 , 2 )", "decimal(10,2)"), ("decimal(5)", "decimal(5,0)"),
            ("decimal(38,38)", "decimal(38,38)"), ("decimal(1,0)", "decimal(1,0)"), ("timestamp", "timestamp(us)"),
            ("TIMESTAMP( NS )", "timestamp(ns)"), ("timestamp(MS,utc)", "timestamp(ms, utc)"),
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
            ("intt64", "unknown data type `intt64`"), ("list<intt64>", "unknown data type `intt64` at position 5"),
            ("", "unexpected end of type"), ("   ", "unexpected end of type"), ("list<", "unexpected end of type"),
            ("list<int64", "unexpected end of type, expected `>`"), ("list(int64)", "expected `<` after `list`"),
            ("int64 x", "trailing characters after type: `x`"), ("int64>", "trailing characters after type: `>`"),
            ("int64(3)", "trailing characters"), ("<int64>", "expected a data type name at position 0"),
            ("decimal(0,0)", "decimal precision must be between 1 and 38"),
            ("decimal(39,2)", "decimal precision must be between 1 and 38"),
            ("decimal(-1)", "decimal precision must be between 1 and 38"),
            ("decimal(99999999999999999999999999,1)", "decimal precision must be between 1 and 38"),
            ("decimal(10,11)", "decimal scale must be between 0 and the precision 10"),
            ("decimal(10,-1)", "decimal scale must be between 0"), ("decimal", "expected `(` after `decimal`"),
            ("decimal(a)", "expected a number for the decimal precision"),
            ("decimal(10,)", "expected a number for the decimal scale"), ("decimal(10,2", "expected `)`"),
            ("timestamp(xs)", "unknown timestamp unit `xs`"), ("timestamp()", "expected a timestamp unit"),
            ("timestamp(ms,)", "expected a timezone"), ("timestamp(ms,", "unexpected end of type, expected a timezone"),
            ("timestamp(ms, \"UTC", "unterminated quoted timezone"), ("timestamp(ms, \"\")", "timezone must not be empty"),
            ("timestamp(ms, \"a\\x\")", "invalid escape"), ("timestamp(ms, \"a\\", "invalid escape"),
            ("timestamp(ms, UTC x)", "expected `)`"), ("struct<>", "struct must have at least one field"),
            ("struct<a: int64, a: utf8>", "duplicate struct field name `a`"),
            ("struct<1a: int64>", "expected a struct field name"), ("struct<a: int64,>", "expected a struct field name"),
            ("struct<a int64>", "expected `:` after struct field name `a`"),
            ("struct<a: int64 not nul>", "expected `null` after `not`"), ("struct<a: int64 not>", "expected `null` after `not`"),
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
            "struct<a: list<int8>, b: map<utf8, timestamp(ns, UTC)> not null>", "decimal(38,2)",
        ];
        let pieces = ["<", ">", "(", ")", ",", ":", "\"", "\\", " ", "-", "9", "x", "\u{e9}", "list<", "map<int8,",
            "struct<", "c: ", "utf8", "timestamp(", "decimal(", " not null", "not", "UTC", "99999999999999999999"];
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
            ("int8", "int16"), ("int8", "int64"), ("int16", "int32"), ("int32", "int64"),
            ("uint8", "uint16"), ("uint8", "uint64"), ("uint32", "uint64"), ("uint8", "int16"),
            ("uint16", "int32"), ("uint32", "int64"), ("uint8", "int64"),
            ("int8", "float32"), ("int16", "float32"), ("uint16", "float32"), ("uint8", "float32"),
            ("int32", "float64"), ("uint32", "float64"), ("int8", "float64"),
            ("float16", "float32"), ("float16", "float64"), ("float32", "float64"),
            ("decimal(10,2)", "decimal(12,4)"), ("decimal(10,2)", "decimal(11,2)"),
            ("decimal(5,0)", "decimal(38,10)"), ("utf8", "large_utf8"), ("binary", "large_binary"),
            ("date32", "date64"), ("date32", "timestamp(s)"), ("date32", "timestamp(ns, UTC)"),
            ("timestamp(s)", "timestamp(ns)"), ("timestamp(ms, UTC)", "timestamp(us, UTC)"),
            ("list<int32>", "list<int64>"), ("list<list<utf8>>", "list<list<large_utf8>>"),
            ("map<utf8, int32>", "map<utf8, int64>"), ("struct<a: int32>", "struct<a: int64>"),
            ("struct<a: int32 not null>", "struct<a: int32>"), ("struct<a: int32>", "struct<b: utf8, a: int32>"),
            ("struct<a: struct<x: int8>>", "struct<a: struct<x: int16, y: utf8>>"),
        ];
        for (from, to) in ok {
            assert!(p(from).can_widen_to(&p(to)), "{from} -> {to} should widen");
        }
        for text in ["int64", "decimal(10,2)", "timestamp(ns, +01:00)", "struct<a: utf8 not null>", "map<int8, list<utf8>>"] {
            assert!(p(text).can_widen_to(&p(text)), "{text} -> itself");
        }
    }

    #[test]
    fn widening_rejected() {
        let bad = [
            ("int16", "int8"), ("int64", "int32"), ("int8", "uint8"), ("int8", "uint64"),
            ("uint8", "int8"), ("uint16", "int16"), ("uint64", "int64"), ("uint16", "uint8"),
            ("int32", "float32"), ("uint32", "float32"), ("int64", "float64"), ("uint64", "float64"),
            ("int8", "float16"), ("float64", "float32"), ("float32", "float16"), ("float32", "int64"),
            ("int32", "decimal(38,0)"), ("decimal(10,2)", "decimal(10,3)"),
            ("decimal(10,2)", "decimal(12,1)"), ("decimal(12,2)", "decimal(11,2)"),
            ("large_utf8", "utf8"), ("utf8", "binary"), ("binary", "utf8"), ("large_binary", "binary"),
            ("date64", "date32"), ("date64", "timestamp(ms)"), ("timestamp(us)", "date64"),
            ("timestamp(ns)", "timestamp(us)"), ("timestamp(ms)", "timestamp(ms, UTC)"),
            ("timestamp(ms, UTC)", "timestamp(ms)"), ("timestamp(ms, UTC)", "timestamp(ms, utc)"),
            ("timestamp(s, UTC)", "timestamp(ns, +00:00)"),
            ("list<int64>", "list<int32>"), ("int32", "list<int32>"), ("list<int32>", "int32"),
            ("map<utf8, int32>", "map<large_utf8, int32>"), ("map<utf8, int64>", "map<utf8, int32>"),
            ("struct<a: int64>", "struct<a: int32>"), ("struct<a: int32>", "struct<a: int32 not null>"),
            ("struct<a: int32>", "struct<b: int32>"), ("struct<a: int32, b: utf8>", "struct<a: int32>"),
            ("struct<a: int32>", "struct<a: int32, b: utf8 not null>"), ("bool", "int8"),
        ];
        for (from, to) in bad {
            assert!(!p(from).can_widen_to(&p(to)), "{from} -> {to} should not widen");
        }
    }

    #[test]
    fn partition_key_types() {
        let keys = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
            "utf8", "large_utf8", "date32", "date64", "timestamp", "timestamp(ns, UTC)"];
        for t in keys {
            assert!(p(t).is_partition_key_type(), "{t} should be a partition key type");
        }
        let non_keys = ["float16", "float32", "float64", "decimal(10,2)", "binary", "large_binary",
            "list<int8>", "struct<a: int8>", "map<utf8, utf8>"];
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
}
