//! Arrow data types of catalog columns: parsing, canonical text form, and compatibility of changes.

use std::fmt;
use std::str::FromStr;

/// Longest type text accepted; catalog types are short, so anything longer is hostile or broken.
const MAX_INPUT_LEN: usize = 4096;
/// Deepest container nesting accepted; the parser recurses, so this bounds stack use.
const MAX_DEPTH: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TimeUnit {
    Second,
    Millisecond,
    Microsecond,
    Nanosecond,
}

/// Ordered coarse to fine: a finer unit can hold every instant of a coarser one.
const UNITS: [(TimeUnit, &str); 4] = [
    (TimeUnit::Second, "s"),
    (TimeUnit::Millisecond, "ms"),
    (TimeUnit::Microsecond, "us"),
    (TimeUnit::Nanosecond, "ns"),
];

impl TimeUnit {
    pub fn as_str(&self) -> &'static str {
        UNITS[self.rank()].1
    }
    /// Coarse to fine: seconds 0 .. nanoseconds 3.
    pub fn rank(&self) -> usize {
        UNITS.iter().position(|(u, _)| u == self).unwrap_or(0)
    }
}

impl fmt::Display for TimeUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A named member of a struct type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Field {
    pub name: String,
    pub data_type: DataType,
    pub nullable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DataType {
    Bool,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Float16,
    Float32,
    Float64,
    Decimal128 { precision: u8, scale: i8 },
    Utf8,
    LargeUtf8,
    Binary,
    LargeBinary,
    Date32,
    Date64,
    Timestamp { unit: TimeUnit, tz: Option<String> },
    List(Box<DataType>),
    Struct(Vec<Field>),
    Map { key: Box<DataType>, value: Box<DataType> },
}

/// Keyword types with their canonical names; the single source for parsing and Display.
const PRIMITIVES: [(DataType, &str); 18] = {
    use DataType::*;
    [
        (Bool, "bool"),
        (Int8, "int8"),
        (Int16, "int16"),
        (Int32, "int32"),
        (Int64, "int64"),
        (UInt8, "uint8"),
        (UInt16, "uint16"),
        (UInt32, "uint32"),
        (UInt64, "uint64"),
        (Float16, "float16"),
        (Float32, "float32"),
        (Float64, "float64"),
        (Utf8, "utf8"),
        (LargeUtf8, "large_utf8"),
        (Binary, "binary"),
        (LargeBinary, "large_binary"),
        (Date32, "date32"),
        (Date64, "date64"),
    ]
};

/// Accepted alternative spellings, mapped to canonical names.
const ALIASES: [(&str, &str); 11] = [
    ("boolean", "bool"),
    ("tinyint", "int8"),
    ("smallint", "int16"),
    ("int", "int32"),
    ("integer", "int32"),
    ("bigint", "int64"),
    ("float", "float32"),
    ("double", "float64"),
    ("string", "utf8"),
    ("varchar", "utf8"),
    ("date", "date32"),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataTypeError {
    pub message: String,
}

impl fmt::Display for DataTypeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
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
struct Parser {
    chars: Vec<char>,
    pos: usize,
}

impl Parser {
    fn skip_ws(&mut self) {
        while self.chars.get(self.pos).is_some_and(|c| c.is_whitespace()) {
            self.pos += 1;
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.skip_ws();
        self.chars.get(self.pos).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        if found {
            self.pos += 1;
        }
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
        if !self.chars.get(start).is_some_and(is_start) {
            return None;
        }
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
            if self.peek().is_none() {
                return fail("unexpected end of type");
            }
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
            return fail(format!("unknown timestamp unit `{text}` at position {start}, expected one of s, ms, us, ns"));
        };
        let tz = if self.eat(',') { Some(self.parse_tz()?) } else { None };
        self.expect(')', "to close `timestamp(`")?;
        Ok(DataType::Timestamp { unit: unit.clone(), tz })
    }

    fn parse_tz(&mut self) -> Result<String> {
        self.skip_ws();
        let start = self.pos;
        if self.chars.get(start) != Some(&'"') {
            while self.chars.get(self.pos).is_some_and(|c| is_bare_tz_char(*c)) {
                self.pos += 1;
            }
            if self.pos == start {
                return self.missing("a timezone");
            }
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
        if tz.is_empty() {
            return fail(format!("timezone must not be empty at position {start}"));
        }
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
        if self.ident().is_some_and(|w| w.eq_ignore_ascii_case("null")) {
            return Ok(true);
        }
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
    pub fn int_info(&self) -> Option<(bool, u8)> {
        use DataType::*;
        Some(match self {
            Int8 => (true, 8),
            Int16 => (true, 16),
            Int32 => (true, 32),
            Int64 => (true, 64),
            UInt8 => (false, 8),
            UInt16 => (false, 16),
            UInt32 => (false, 32),
            UInt64 => (false, 64),
            _ => return None,
        })
    }

    /// Bit width of floating-point types.
    pub fn float_bits(&self) -> Option<u8> {
        use DataType::*;
        Some(match self {
            Float16 => 16,
            Float32 => 32,
            Float64 => 64,
            _ => return None,
        })
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
                    new.iter()
                        .find(|n| n.name == o.name)
                        .is_some_and(|n| o.data_type.can_widen_to(&n.data_type) && (n.nullable || !o.nullable))
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
mod tests;
