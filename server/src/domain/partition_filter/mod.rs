//! Partition filter expressions: the parser from text to a syntax tree.
//!
//! Parses the filter a client passes when listing partitions (in the spirit of
//! AWS Glue `GetPartitions` `Expression`), e.g. `year = 2024 AND month IN (5, 6)`.
//! Only syntax is checked here; typing the literals against partition keys
//! happens elsewhere. The parser is hardened for untrusted input: the input
//! size, nesting depth and number of comparisons are bounded, and it never
//! panics. Error positions are byte offsets that always fall on char boundaries.

use std::fmt;

/// Longest accepted input, in bytes.
pub const MAX_INPUT_BYTES: usize = 10_000;
/// Deepest accepted nesting of parentheses and NOTs.
pub const MAX_DEPTH: usize = 64;
/// Most comparisons (`=`, IN, BETWEEN, ...) in one expression.
pub const MAX_COMPARISONS: usize = 1_000;
/// Most values in one IN list.
pub const MAX_IN_VALUES: usize = 1_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    NotEq,
    Lt,
    LtEq,
    Gt,
    GtEq,
}

impl CompareOp {
    /// The operator with its operands swapped: `2024 < year` is `year > 2024`.
    pub fn flipped(self) -> Self {
        use CompareOp::*;
        match self {
            Lt => Gt,
            LtEq => GtEq,
            Gt => Lt,
            GtEq => LtEq,
            op => op,
        }
    }

    fn symbol(self) -> &'static str {
        use CompareOp::*;
        match self {
            Eq => "=",
            NotEq => "<>",
            Lt => "<",
            LtEq => "<=",
            Gt => ">",
            GtEq => ">=",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    String(String),
    /// The exact source text, e.g. "-12", "3.5"; kept as text so that typing
    /// against the key (int, bigint, decimal, ...) loses no precision.
    Number(String),
    Bool(bool),
}

#[derive(Debug, Clone, PartialEq)]
pub enum FilterExpr {
    Compare { key: String, op: CompareOp, value: Literal },
    In { key: String, values: Vec<Literal>, negated: bool },
    Between { key: String, low: Literal, high: Literal, negated: bool },
    And(Box<FilterExpr>, Box<FilterExpr>),
    Or(Box<FilterExpr>, Box<FilterExpr>),
    Not(Box<FilterExpr>),
}

impl FilterExpr {
    /// Every key referenced, in order of appearance, duplicates removed.
    pub fn keys(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        // An explicit stack: a long OR chain is a deep (left-nested) tree.
        let mut stack = vec![self];
        while let Some(e) = stack.pop() {
            match e {
                FilterExpr::Compare { key, .. } | FilterExpr::In { key, .. } | FilterExpr::Between { key, .. } => {
                    if !out.contains(&key.as_str()) {
                        out.push(key);
                    }
                }
                FilterExpr::And(a, b) | FilterExpr::Or(a, b) => stack.extend([&**b, &**a]),
                FilterExpr::Not(a) => stack.push(a),
            }
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError {
    pub message: String,
    /// Byte offset in the input.
    pub position: usize,
}

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at position {}", self.message, self.position)
    }
}

impl std::error::Error for FilterError {}

type Res<T> = Result<T, FilterError>;

fn err<T>(message: impl Into<String>, position: usize) -> Res<T> {
    Err(FilterError { message: message.into(), position })
}

/// Parses a partition filter expression into a syntax tree.
pub fn parse_filter(input: &str) -> Result<FilterExpr, FilterError> {
    if input.len() > MAX_INPUT_BYTES {
        let msg = format!("filter expression is too long ({} bytes; the maximum is {MAX_INPUT_BYTES})", input.len());
        return err(msg, 0);
    }
    let toks = lex(input)?;
    if toks.len() == 1 {
        return err("empty filter expression: expected a partition key, a value or '('", 0);
    }
    let mut p = Parser { toks, idx: 0, depth: 0, comparisons: 0 };
    let expr = p.parse_or()?;
    let t = p.peek();
    match t.tok {
        Tok::End => Ok(expr),
        Tok::RParen => err("unbalanced parentheses: ')' has no matching '('", t.pos),
        _ => {
            let found = describe(&t.tok);
            err(format!("unexpected {found} after a complete condition; expected AND, OR or end of input"), t.pos)
        }
    }
}

// ---------------------------------------------------------------- lexer

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String), // a bare identifier or keyword, as written
    QuotedKey(String),
    Str(String),
    Num(String),
    Op(CompareOp),
    LParen,
    RParen,
    Comma,
    End,
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    pos: usize,
}

const OPERATORS: [(&str, CompareOp); 7] = {
    use CompareOp::*;
    [("=", Eq), ("<>", NotEq), ("!=", NotEq), ("<", Lt), ("<=", LtEq), (">", Gt), (">=", GtEq)]
};
const OPERATOR_LIST: &str = "=, <>, !=, <, <=, >, >=";
const KEYWORDS: [&str; 7] = ["and", "or", "not", "in", "between", "true", "false"];

fn is_keyword(w: &str) -> bool {
    KEYWORDS.iter().any(|k| w.eq_ignore_ascii_case(k))
}

fn is_kw(tok: &Tok, kw: &str) -> bool {
    matches!(tok, Tok::Word(w) if w.eq_ignore_ascii_case(kw))
}

fn describe(tok: &Tok) -> String {
    match tok {
        Tok::Word(w) if is_keyword(w) => format!("keyword {}", w.to_ascii_uppercase()),
        Tok::Word(w) => format!("'{w}'"),
        Tok::QuotedKey(k) => format!("`{k}`"),
        Tok::Str(_) => "a string literal".to_string(),
        Tok::Num(n) => format!("number {n}"),
        Tok::Op(op) => format!("'{}'", op.symbol()),
        Tok::LParen => "'('".to_string(),
        Tok::RParen => "')'".to_string(),
        Tok::Comma => "','".to_string(),
        Tok::End => "end of input".to_string(),
    }
}

fn count_digits(b: &[u8], from: usize) -> usize {
    b.get(from..).map_or(0, |s| s.iter().take_while(|c| c.is_ascii_digit()).count())
}

/// Splits the input into tokens, always ending with `Tok::End`.
///
/// The lexer only steps over ASCII bytes, or jumps to just after an ASCII
/// quote, so `i` is always on a char boundary and slicing cannot panic.
fn lex(input: &str) -> Res<Vec<Token>> {
    let b = input.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        let tok = match b[i] {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'(' => {
                i += 1;
                Tok::LParen
            }
            b')' => {
                i += 1;
                Tok::RParen
            }
            b',' => {
                i += 1;
                Tok::Comma
            }
            b'\'' => {
                let mut s = String::new();
                i += 1;
                loop {
                    let Some(off) = b[i..].iter().position(|&c| c == b'\'') else {
                        return err("unterminated string literal: expected a closing '", start);
                    };
                    s.push_str(&input[i..i + off]);
                    i += off + 1;
                    if b.get(i) != Some(&b'\'') {
                        break;
                    }
                    s.push('\''); // '' is an escaped quote
                    i += 1;
                }
                Tok::Str(s)
            }
            b'`' => match b[i + 1..].iter().position(|&c| c == b'`') {
                None => return err("unterminated quoted key: expected a closing `", start),
                Some(0) => return err("empty quoted key: expected a partition key name between the backquotes", start),
                Some(off) => {
                    i += off + 2;
                    Tok::QuotedKey(input[start + 1..i - 1].to_string())
                }
            },
            b'-' | b'0'..=b'9' => {
                let mut j = if b[i] == b'-' { i + 1 } else { i };
                let d = count_digits(b, j);
                if d == 0 {
                    return err("expected a digit after '-' (only numbers may be negative)", j);
                }
                j += d;
                if b.get(j) == Some(&b'.') {
                    let d = count_digits(b, j + 1);
                    if d == 0 {
                        return err("malformed number: expected digits after the decimal point", j + 1);
                    }
                    j += 1 + d;
                }
                if matches!(b.get(j), Some(b'e' | b'E')) {
                    let k = if matches!(b.get(j + 1), Some(b'+' | b'-')) { j + 2 } else { j + 1 };
                    let d = count_digits(b, k);
                    if d == 0 {
                        return err("malformed number: expected digits in the exponent", k);
                    }
                    j = k + d;
                }
                // Reject `12abc` or `1.2.3` outright rather than as two tokens.
                if let Some(&c) = b.get(j).filter(|c| c.is_ascii_alphanumeric() || **c == b'_' || **c == b'.') {
                    let msg = format!("malformed number: unexpected '{}' after '{}'", c as char, &input[start..j]);
                    return err(msg, j);
                }
                i = j;
                Tok::Num(input[start..j].to_string())
            }
            b'=' | b'<' | b'>' | b'!' => {
                // Take the whole run of operator characters, so `==` or `=>`
                // is reported as an unknown operator, not as a missing value.
                let end = i + b[i..].iter().take_while(|c| b"=<>!".contains(c)).count();
                let text = &input[i..end];
                let Some(&(_, op)) = OPERATORS.iter().find(|(sym, _)| *sym == text) else {
                    return err(format!("unknown operator '{text}': expected one of {OPERATOR_LIST}"), start);
                };
                i = end;
                Tok::Op(op)
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                i += b[i..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'_').count();
                Tok::Word(input[start..i].to_string())
            }
            _ => {
                let ch = input.get(i..).and_then(|s| s.chars().next()).unwrap_or('?');
                return err(format!("unexpected character '{ch}'"), start);
            }
        };
        out.push(Token { tok, pos: start });
    }
    out.push(Token { tok: Tok::End, pos: b.len() });
    Ok(out)
}

// ---------------------------------------------------------------- parser

struct Parser {
    toks: Vec<Token>,
    idx: usize,
    depth: usize,
    comparisons: usize,
}

const NULL_MSG: &str = "NULL is not supported: partition values are never null";
const VALUE_KINDS: &str = "a string, number, TRUE or FALSE";

impl Parser {
    fn peek(&self) -> &Token {
        &self.toks[self.idx]
    }

    /// Returns the current token and advances; `End` is sticky.
    fn next(&mut self) -> Token {
        let t = self.toks[self.idx].clone();
        if t.tok != Tok::End {
            self.idx += 1;
        }
        t
    }

    /// Bounds recursion so hostile input like `((((...` or `NOT NOT ...`
    /// cannot overflow the stack.
    fn enter(&mut self, pos: usize) -> Res<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return err(format!("expression is nested too deeply (the maximum depth is {MAX_DEPTH})"), pos);
        }
        Ok(())
    }

    /// `sub (kw sub)*`, folded to the left. Iterative, so long chains are cheap.
    fn parse_chain(
        &mut self,
        kw: &str,
        sub: fn(&mut Self) -> Res<FilterExpr>,
        join: fn(Box<FilterExpr>, Box<FilterExpr>) -> FilterExpr,
    ) -> Res<FilterExpr> {
        let mut lhs = sub(self)?;
        while is_kw(&self.peek().tok, kw) {
            self.next();
            let rhs = sub(self)?;
            lhs = join(Box::new(lhs), Box::new(rhs));
        }
        Ok(lhs)
    }

    fn parse_or(&mut self) -> Res<FilterExpr> {
        self.parse_chain("or", Self::parse_and, FilterExpr::Or)
    }
    fn parse_and(&mut self) -> Res<FilterExpr> {
        self.parse_chain("and", Self::parse_not, FilterExpr::And)
    }

    fn parse_not(&mut self) -> Res<FilterExpr> {
        if !is_kw(&self.peek().tok, "not") {
            return self.parse_primary();
        }
        let t = self.next();
        self.enter(t.pos)?;
        let inner = self.parse_not()?;
        self.depth -= 1;
        Ok(FilterExpr::Not(Box::new(inner)))
    }

    fn parse_primary(&mut self) -> Res<FilterExpr> {
        let t = self.peek().clone();
        match t.tok {
            Tok::LParen => {
                self.next();
                self.enter(t.pos)?;
                let e = self.parse_or()?;
                self.depth -= 1;
                let close = self.next();
                match close.tok {
                    Tok::RParen => Ok(e),
                    Tok::End => err("unbalanced parentheses: this '(' is never closed", t.pos),
                    other => err(format!("expected ')', AND or OR, found {}", describe(&other)), close.pos),
                }
            }
            Tok::RParen => err("unbalanced parentheses: unexpected ')'; expected a partition key or '('", t.pos),
            _ => self.parse_predicate(),
        }
    }

    /// `Some(key)` if the token can name a partition key.
    fn key_of(tok: &Token) -> Res<Option<String>> {
        match &tok.tok {
            Tok::Word(w) if w.eq_ignore_ascii_case("null") => err(NULL_MSG, tok.pos),
            Tok::Word(w) if !is_keyword(w) => Ok(Some(w.to_ascii_lowercase())),
            Tok::QuotedKey(k) => Ok(Some(k.clone())),
            _ => Ok(None),
        }
    }

    /// `Some(literal)` if the token is a value.
    fn literal_of(tok: &Token) -> Res<Option<Literal>> {
        Ok(Some(match &tok.tok {
            Tok::Str(s) => Literal::String(s.clone()),
            Tok::Num(n) => Literal::Number(n.clone()),
            t if is_kw(t, "true") => Literal::Bool(true),
            t if is_kw(t, "false") => Literal::Bool(false),
            t if is_kw(t, "null") => return err(NULL_MSG, tok.pos),
            _ => return Ok(None),
        }))
    }

    fn expect_literal(&mut self, context: &str) -> Res<Literal> {
        let t = self.next();
        if let Some(lit) = Self::literal_of(&t)? {
            return Ok(lit);
        }
        if Self::key_of(&t)?.is_some() {
            let msg = format!("comparing two partition keys is not supported: expected {VALUE_KINDS} {context}");
            return err(msg, t.pos);
        }
        err(format!("missing value {context}: expected {VALUE_KINDS}, found {}", describe(&t.tok)), t.pos)
    }

    fn parse_predicate(&mut self) -> Res<FilterExpr> {
        let t = self.next();
        self.comparisons += 1;
        if self.comparisons > MAX_COMPARISONS {
            return err(format!("too many comparisons (the maximum is {MAX_COMPARISONS})"), t.pos);
        }

        // The flipped form `literal op key`, normalised to `key op' literal`.
        if let Some(value) = Self::literal_of(&t)? {
            let op_tok = self.next();
            let Tok::Op(op) = op_tok.tok else {
                let found = describe(&op_tok.tok);
                return err(format!("expected a comparison operator after the value, found {found}"), op_tok.pos);
            };
            let key_tok = self.next();
            let Some(key) = Self::key_of(&key_tok)? else {
                let found = describe(&key_tok.tok);
                return err(format!("expected a partition key after '{}', found {found}", op.symbol()), key_tok.pos);
            };
            return Ok(FilterExpr::Compare { key, op: op.flipped(), value });
        }

        let Some(key) = Self::key_of(&t)? else {
            let hint = if matches!(&t.tok, Tok::Word(_)) { " (quote a key named like a keyword: `in`)" } else { "" };
            return err(format!("expected a partition key, found {}{hint}", describe(&t.tok)), t.pos);
        };
        let t2 = self.next();
        match &t2.tok {
            Tok::Op(op) => {
                let value = self.expect_literal(&format!("after '{}'", op.symbol()))?;
                Ok(FilterExpr::Compare { key, op: *op, value })
            }
            w if is_kw(w, "in") => self.parse_in(key, false),
            w if is_kw(w, "between") => self.parse_between(key, false),
            w if is_kw(w, "not") => {
                let t3 = self.next();
                if is_kw(&t3.tok, "in") {
                    self.parse_in(key, true)
                } else if is_kw(&t3.tok, "between") {
                    self.parse_between(key, true)
                } else {
                    err(format!("expected IN or BETWEEN after NOT, found {}", describe(&t3.tok)), t3.pos)
                }
            }
            w if is_kw(w, "is") => {
                err("IS NULL / IS NOT NULL is not supported: partition values are never null", t2.pos)
            }
            Tok::LParen => err("function calls are not supported: expected a partition key and an operator", t.pos),
            other => {
                let ops = format!("a comparison operator ({OPERATOR_LIST}), IN or BETWEEN");
                err(format!("expected {ops} after key '{key}', found {}", describe(other)), t2.pos)
            }
        }
    }

    fn parse_in(&mut self, key: String, negated: bool) -> Res<FilterExpr> {
        let open = self.next();
        if open.tok != Tok::LParen {
            return err(format!("expected '(' after IN, found {}", describe(&open.tok)), open.pos);
        }
        if self.peek().tok == Tok::RParen {
            return err("IN list must contain at least one value", self.peek().pos);
        }
        let mut values = Vec::new();
        loop {
            let pos = self.peek().pos;
            values.push(self.expect_literal("in IN list")?);
            if values.len() > MAX_IN_VALUES {
                return err(format!("IN list has too many values (the maximum is {MAX_IN_VALUES})"), pos);
            }
            let t = self.next();
            match t.tok {
                Tok::Comma => {}
                Tok::RParen => break,
                Tok::End => return err("unbalanced parentheses: IN list '(' is never closed", open.pos),
                other => return err(format!("expected ',' or ')' in IN list, found {}", describe(&other)), t.pos),
            }
        }
        Ok(FilterExpr::In { key, values, negated })
    }

    fn parse_between(&mut self, key: String, negated: bool) -> Res<FilterExpr> {
        let low = self.expect_literal("after BETWEEN")?;
        let and = self.next();
        if !is_kw(&and.tok, "and") {
            let found = describe(&and.tok);
            return err(format!("expected AND between the BETWEEN bounds, found {found}"), and.pos);
        }
        let high = self.expect_literal("after BETWEEN ... AND")?;
        Ok(FilterExpr::Between { key, low, high, negated })
    }
}

#[cfg(test)]
mod tests;
