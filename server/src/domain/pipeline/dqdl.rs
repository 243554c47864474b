//! Data-quality rules in the vocabulary of AWS Glue Data Quality's DQDL: one rule per text,
//! e.g. `ColumnValues "age" between 0 and 120 with threshold > 0.99`. This is the parser;
//! `process::quality` turns a rule into SQL over a step's input.

use std::fmt;

/// A constant in a rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(f64),
    Text(String),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Number(n) => write!(f, "{n}"),
            Self::Text(t) => write!(f, "\"{t}\""),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

impl Op {
    pub fn sql(self) -> &'static str {
        match self {
            Self::Eq => "=",
            Self::Ne => "<>",
            Self::Gt => ">",
            Self::Ge => ">=",
            Self::Lt => "<",
            Self::Le => "<=",
        }
    }
}

/// What a measured value (or each row's value) must satisfy.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    Compare(Op, Value),
    Between(Value, Value),
    In { values: Vec<Value>, negated: bool },
    Matches(String),
}

impl Check {
    /// Whether the number `x` passes (text constants never equal a number).
    pub fn passes(&self, x: f64) -> bool {
        let num = |v: &Value| match v {
            Value::Number(n) => Some(*n),
            Value::Text(_) => None,
        };
        match self {
            Self::Compare(op, v) => num(v).is_some_and(|v| match op {
                Op::Eq => (x - v).abs() < 1e-9,
                Op::Ne => (x - v).abs() >= 1e-9,
                Op::Gt => x > v,
                Op::Ge => x >= v,
                Op::Lt => x < v,
                Op::Le => x <= v,
            }),
            Self::Between(a, b) => matches!((num(a), num(b)), (Some(a), Some(b)) if x >= a && x <= b),
            Self::In { values, negated } => values.iter().filter_map(num).any(|v| (x - v).abs() < 1e-9) != *negated,
            Self::Matches(_) => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    RowCount(Check),
    ColumnCount(Check),
    ColumnExists(String),
    /// The column's type is one of these (Tarn type names or DQDL's STRING, INTEGER, ...).
    ColumnDataType {
        column: String,
        types: Vec<String>,
    },
    /// The share of the reference table's columns present with the same type.
    SchemaMatch {
        reference: String,
        check: Check,
    },
    Completeness {
        column: String,
        check: Check,
    },
    IsComplete(String),
    /// The share of values that occur exactly once.
    Uniqueness {
        column: String,
        check: Check,
    },
    IsUnique(String),
    IsPrimaryKey(Vec<String>),
    DistinctValuesCount {
        column: String,
        check: Check,
    },
    /// Each row's value must pass `check`; the share of rows that do must pass `threshold`
    /// (every row when absent).
    ColumnValues {
        column: String,
        check: Check,
        threshold: Option<Check>,
    },
    ColumnLength {
        column: String,
        check: Check,
        threshold: Option<Check>,
    },
    Mean {
        column: String,
        check: Check,
    },
    Sum {
        column: String,
        check: Check,
    },
    StandardDeviation {
        column: String,
        check: Check,
    },
    /// The newest value is at most this old; the check is on the age in seconds.
    DataFreshness {
        column: String,
        check: Check,
    },
    /// The share of rows whose value exists in `reference` (`database.table.column`).
    ReferentialIntegrity {
        column: String,
        reference: String,
        check: Check,
    },
    /// A query over `primary` (the step's input) returning one number.
    CustomSql {
        sql: String,
        check: Check,
    },
}

impl Rule {
    pub fn kind(&self) -> &'static str {
        match self {
            Self::RowCount(_) => "RowCount",
            Self::ColumnCount(_) => "ColumnCount",
            Self::ColumnExists(_) => "ColumnExists",
            Self::ColumnDataType { .. } => "ColumnDataType",
            Self::SchemaMatch { .. } => "SchemaMatch",
            Self::Completeness { .. } => "Completeness",
            Self::IsComplete(_) => "IsComplete",
            Self::Uniqueness { .. } => "Uniqueness",
            Self::IsUnique(_) => "IsUnique",
            Self::IsPrimaryKey(_) => "IsPrimaryKey",
            Self::DistinctValuesCount { .. } => "DistinctValuesCount",
            Self::ColumnValues { .. } => "ColumnValues",
            Self::ColumnLength { .. } => "ColumnLength",
            Self::Mean { .. } => "Mean",
            Self::Sum { .. } => "Sum",
            Self::StandardDeviation { .. } => "StandardDeviation",
            Self::DataFreshness { .. } => "DataFreshness",
            Self::ReferentialIntegrity { .. } => "ReferentialIntegrity",
            Self::CustomSql { .. } => "CustomSql",
        }
    }

    /// The columns of the input it names.
    pub fn columns(&self) -> Vec<&str> {
        match self {
            Self::RowCount(_) | Self::ColumnCount(_) | Self::SchemaMatch { .. } | Self::CustomSql { .. } => vec![],
            Self::ColumnExists(_) => vec![],
            Self::IsComplete(c) | Self::IsUnique(c) => vec![c],
            Self::IsPrimaryKey(cs) => cs.iter().map(String::as_str).collect(),
            Self::ColumnDataType { column, .. }
            | Self::Completeness { column, .. }
            | Self::Uniqueness { column, .. }
            | Self::DistinctValuesCount { column, .. }
            | Self::ColumnValues { column, .. }
            | Self::ColumnLength { column, .. }
            | Self::Mean { column, .. }
            | Self::Sum { column, .. }
            | Self::StandardDeviation { column, .. }
            | Self::DataFreshness { column, .. }
            | Self::ReferentialIntegrity { column, .. } => vec![column],
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Text(String),
    Number(f64),
    Symbol(&'static str),
}

fn tokenize(text: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() || c == ',' {
            i += 1;
        } else if c == '"' {
            let mut s = String::new();
            i += 1;
            loop {
                match chars.get(i) {
                    None => return Err("a quoted text is not closed".to_owned()),
                    Some('\\') if chars.get(i + 1) == Some(&'"') => {
                        s.push('"');
                        i += 2;
                    }
                    Some('"') => break,
                    Some(ch) => {
                        s.push(*ch);
                        i += 1;
                    }
                }
            }
            i += 1;
            out.push(Token::Text(s));
        } else if c.is_ascii_digit() || (c == '-' && chars.get(i + 1).is_some_and(char::is_ascii_digit)) {
            let start = i;
            i += 1;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == 'e') {
                i += 1;
            }
            let s: String = chars[start..i].iter().collect();
            out.push(Token::Number(s.parse().map_err(|_| format!("`{s}` is not a number"))?));
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Token::Word(chars[start..i].iter().collect()));
        } else {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            let symbol = ["<=", ">=", "!=", "<>"].into_iter().find(|s| *s == two);
            if let Some(s) = symbol {
                out.push(Token::Symbol(if s == "<>" { "!=" } else { s }));
                i += 2;
            } else {
                let one = ["=", "<", ">", "[", "]", "(", ")"].into_iter().find(|s| s.starts_with(c));
                out.push(Token::Symbol(one.ok_or_else(|| format!("unexpected `{c}`"))?));
                i += 1;
            }
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.at).cloned();
        self.at += 1;
        t
    }

    fn word_is(&self, w: &str) -> bool {
        matches!(self.peek(), Some(Token::Word(x)) if x.eq_ignore_ascii_case(w))
    }

    fn text(&mut self, what: &str) -> Result<String, String> {
        match self.next() {
            Some(Token::Text(s)) => Ok(s),
            _ => Err(format!("expected {what} in double quotes")),
        }
    }

    fn value(&mut self) -> Result<Value, String> {
        match self.next() {
            Some(Token::Number(n)) => Ok(Value::Number(n)),
            Some(Token::Text(s)) => Ok(Value::Text(s)),
            _ => Err("expected a number or a quoted text".to_owned()),
        }
    }

    fn check(&mut self) -> Result<Check, String> {
        let op = match self.next() {
            Some(Token::Symbol("=")) => Op::Eq,
            Some(Token::Symbol("!=")) => Op::Ne,
            Some(Token::Symbol(">")) => Op::Gt,
            Some(Token::Symbol(">=")) => Op::Ge,
            Some(Token::Symbol("<")) => Op::Lt,
            Some(Token::Symbol("<=")) => Op::Le,
            Some(Token::Word(w)) if w.eq_ignore_ascii_case("between") => {
                let low = self.value()?;
                if !self.word_is("and") {
                    return Err("expected `and` in `between ... and ...`".to_owned());
                }
                self.next();
                return Ok(Check::Between(low, self.value()?));
            }
            Some(Token::Word(w)) if w.eq_ignore_ascii_case("matches") => {
                let pattern = self.text("a regular expression")?;
                return Ok(Check::Matches(pattern));
            }
            Some(Token::Word(w)) if w.eq_ignore_ascii_case("not") && self.word_is("in") => {
                self.next();
                return Ok(Check::In { values: self.list()?, negated: true });
            }
            Some(Token::Word(w)) if w.eq_ignore_ascii_case("in") => {
                return Ok(Check::In { values: self.list()?, negated: false });
            }
            _ => return Err("expected a comparison (=, !=, >, >=, <, <=, between, in, matches)".to_owned()),
        };
        Ok(Check::Compare(op, self.value()?))
    }

    fn list(&mut self) -> Result<Vec<Value>, String> {
        if self.next() != Some(Token::Symbol("[")) {
            return Err("expected `[` to open a list".to_owned());
        }
        let mut values = Vec::new();
        loop {
            if self.peek() == Some(&Token::Symbol("]")) {
                self.next();
                return Ok(values);
            }
            values.push(self.value()?);
        }
    }

    /// `with threshold <check>`, when present.
    fn threshold(&mut self) -> Result<Option<Check>, String> {
        if !self.word_is("with") {
            return Ok(None);
        }
        self.next();
        if !self.word_is("threshold") {
            return Err("expected `threshold` after `with`".to_owned());
        }
        self.next();
        Ok(Some(self.check()?))
    }

    /// A duration check: `<= 24 hours`; the constants become seconds.
    fn age(&mut self) -> Result<Check, String> {
        let check = self.check()?;
        let unit = match self.next() {
            Some(Token::Word(w)) => match w.to_ascii_lowercase().trim_end_matches('s') {
                "second" => 1.0,
                "minute" => 60.0,
                "hour" => 3600.0,
                "day" => 86400.0,
                other => return Err(format!("unknown unit `{other}`: seconds, minutes, hours or days")),
            },
            _ => return Err("expected a unit: seconds, minutes, hours or days".to_owned()),
        };
        let scale = |v: Value| match v {
            Value::Number(n) => Ok(Value::Number(n * unit)),
            Value::Text(_) => Err("an age is a number".to_owned()),
        };
        match check {
            Check::Compare(op, v) => Ok(Check::Compare(op, scale(v)?)),
            Check::Between(a, b) => Ok(Check::Between(scale(a)?, scale(b)?)),
            _ => Err("an age is compared with =, <, <=, >, >= or between".to_owned()),
        }
    }
}

/// Parses one DQDL rule.
pub fn parse(text: &str) -> Result<Rule, String> {
    let mut p = Parser { tokens: tokenize(text)?, at: 0 };
    let Some(Token::Word(kind)) = p.next() else { return Err("a rule starts with its type".to_owned()) };
    let rule = match kind.as_str() {
        "RowCount" => Rule::RowCount(p.check()?),
        "ColumnCount" => Rule::ColumnCount(p.check()?),
        "ColumnExists" => Rule::ColumnExists(p.text("a column")?),
        "ColumnDataType" => {
            let column = p.text("a column")?;
            let types = match p.check()? {
                Check::Compare(Op::Eq, Value::Text(t)) => vec![t],
                Check::In { values, negated: false } => values
                    .into_iter()
                    .map(|v| match v {
                        Value::Text(t) => Ok(t),
                        Value::Number(_) => Err("a type is a quoted name".to_owned()),
                    })
                    .collect::<Result<_, _>>()?,
                _ => return Err("ColumnDataType takes = \"TYPE\" or in [\"TYPE\", ...]".to_owned()),
            };
            Rule::ColumnDataType { column, types }
        }
        "SchemaMatch" => Rule::SchemaMatch { reference: p.text("a table")?, check: p.check()? },
        "Completeness" => Rule::Completeness { column: p.text("a column")?, check: p.check()? },
        "IsComplete" => Rule::IsComplete(p.text("a column")?),
        "Uniqueness" => Rule::Uniqueness { column: p.text("a column")?, check: p.check()? },
        "IsUnique" => Rule::IsUnique(p.text("a column")?),
        "IsPrimaryKey" => {
            let mut columns = vec![p.text("a column")?];
            while let Some(Token::Text(_)) = p.peek() {
                columns.push(p.text("a column")?);
            }
            Rule::IsPrimaryKey(columns)
        }
        "DistinctValuesCount" => Rule::DistinctValuesCount { column: p.text("a column")?, check: p.check()? },
        "ColumnValues" => {
            let column = p.text("a column")?;
            let check = p.check()?;
            Rule::ColumnValues { column, check, threshold: p.threshold()? }
        }
        "ColumnLength" => {
            let column = p.text("a column")?;
            let check = p.check()?;
            Rule::ColumnLength { column, check, threshold: p.threshold()? }
        }
        "Mean" => Rule::Mean { column: p.text("a column")?, check: p.check()? },
        "Sum" => Rule::Sum { column: p.text("a column")?, check: p.check()? },
        "StandardDeviation" => Rule::StandardDeviation { column: p.text("a column")?, check: p.check()? },
        "DataFreshness" => Rule::DataFreshness { column: p.text("a column")?, check: p.age()? },
        "ReferentialIntegrity" => {
            let column = p.text("a column")?;
            let reference = p.text("a reference database.table.column")?;
            if reference.split('.').count() != 3 {
                return Err(format!("the reference `{reference}` is database.table.column"));
            }
            Rule::ReferentialIntegrity { column, reference, check: p.check()? }
        }
        "CustomSql" => Rule::CustomSql { sql: p.text("a query")?, check: p.check()? },
        other => return Err(format!("unknown rule type `{other}`")),
    };
    if let Some(extra) = p.peek() {
        return Err(format!("unexpected {extra:?} after the rule"));
    }
    Ok(rule)
}
