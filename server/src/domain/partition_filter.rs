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
pub enum CompareOp { Eq, NotEq, Lt, LtEq, Gt, GtEq }

impl CompareOp {
    /// The operator with its operands swapped: `2024 < year` is `year > 2024`.
    fn flipped(self) -> Self {
        use CompareOp::*;
        match self { Lt => Gt, LtEq => GtEq, Gt => Lt, GtEq => LtEq, op => op }
    }

    fn symbol(self) -> &'static str {
        use CompareOp::*;
        match self { Eq => "=", NotEq => "<>", Lt => "<", LtEq => "<=", Gt => ">", GtEq => ">=" }
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
    if toks.len() == 1 { return err("empty filter expression: expected a partition key, a value or '('", 0); }
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
    QuotedKey(String), Str(String), Num(String), Op(CompareOp), LParen, RParen, Comma, End,
}

#[derive(Debug, Clone)]
struct Token { tok: Tok, pos: usize }

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
            b' ' | b'\t' | b'\n' | b'\r' => { i += 1; continue; }
            b'(' => { i += 1; Tok::LParen }
            b')' => { i += 1; Tok::RParen }
            b',' => { i += 1; Tok::Comma }
            b'\'' => {
                let mut s = String::new();
                i += 1;
                loop {
                    let Some(off) = b[i..].iter().position(|&c| c == b'\'') else {
                        return err("unterminated string literal: expected a closing '", start);
                    };
                    s.push_str(&input[i..i + off]);
                    i += off + 1;
                    if b.get(i) != Some(&b'\'') { break; }
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
                if d == 0 { return err("expected a digit after '-' (only numbers may be negative)", j); }
                j += d;
                if b.get(j) == Some(&b'.') {
                    let d = count_digits(b, j + 1);
                    if d == 0 { return err("malformed number: expected digits after the decimal point", j + 1); }
                    j += 1 + d;
                }
                if matches!(b.get(j), Some(b'e' | b'E')) {
                    let k = if matches!(b.get(j + 1), Some(b'+' | b'-')) { j + 2 } else { j + 1 };
                    let d = count_digits(b, k);
                    if d == 0 { return err("malformed number: expected digits in the exponent", k); }
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

struct Parser { toks: Vec<Token>, idx: usize, depth: usize, comparisons: usize }

const NULL_MSG: &str = "NULL is not supported: partition values are never null";
const VALUE_KINDS: &str = "a string, number, TRUE or FALSE";

impl Parser {
    fn peek(&self) -> &Token { &self.toks[self.idx] }

    /// Returns the current token and advances; `End` is sticky.
    fn next(&mut self) -> Token {
        let t = self.toks[self.idx].clone();
        if t.tok != Tok::End { self.idx += 1; }
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
    fn parse_chain(&mut self, kw: &str, sub: fn(&mut Self) -> Res<FilterExpr>,
                   join: fn(Box<FilterExpr>, Box<FilterExpr>) -> FilterExpr) -> Res<FilterExpr> {
        let mut lhs = sub(self)?;
        while is_kw(&self.peek().tok, kw) {
            self.next();
            let rhs = sub(self)?;
            lhs = join(Box::new(lhs), Box::new(rhs));
        }
        Ok(lhs)
    }

    fn parse_or(&mut self) -> Res<FilterExpr> { self.parse_chain("or", Self::parse_and, FilterExpr::Or) }
    fn parse_and(&mut self) -> Res<FilterExpr> { self.parse_chain("and", Self::parse_not, FilterExpr::And) }

    fn parse_not(&mut self) -> Res<FilterExpr> {
        if !is_kw(&self.peek().tok, "not") { return self.parse_primary(); }
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
        if let Some(lit) = Self::literal_of(&t)? { return Ok(lit); }
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
            w if is_kw(w, "is") => err("IS NULL / IS NOT NULL is not supported: partition values are never null", t2.pos),
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
mod tests {
    use super::CompareOp::*;
    use super::*;

    fn p(s: &str) -> FilterExpr { parse_filter(s).unwrap_or_else(|e| panic!("{s:?}: {e}")) }
    /// Each case: input, a piece of the expected message, expected position.
    fn all_fail(cases: &[(&str, &str, usize)]) {
        for &(s, needle, pos) in cases {
            let e = parse_filter(s).expect_err(s);
            assert!(e.message.contains(needle) && e.position == pos, "{s:?}: got {e:?}, want {needle:?} at {pos}");
        }
    }
    fn num(s: &str) -> Literal { Literal::Number(s.into()) }
    fn st(s: &str) -> Literal { Literal::String(s.into()) }
    fn c(k: &str, op: CompareOp, v: Literal) -> FilterExpr { FilterExpr::Compare { key: k.into(), op, value: v } }
    fn and(a: FilterExpr, b: FilterExpr) -> FilterExpr { FilterExpr::And(Box::new(a), Box::new(b)) }
    fn or(a: FilterExpr, b: FilterExpr) -> FilterExpr { FilterExpr::Or(Box::new(a), Box::new(b)) }
    fn not(a: FilterExpr) -> FilterExpr { FilterExpr::Not(Box::new(a)) }
    fn in_(k: &str, values: Vec<Literal>, negated: bool) -> FilterExpr { FilterExpr::In { key: k.into(), values, negated } }
    fn btw(k: &str, lo: &str, hi: &str, negated: bool) -> FilterExpr {
        FilterExpr::Between { key: k.into(), low: num(lo), high: num(hi), negated }
    }
    fn a1() -> FilterExpr { c("a", Eq, num("1")) }
    fn b2() -> FilterExpr { c("b", Eq, num("2")) }
    fn c3() -> FilterExpr { c("c", Eq, num("3")) }

    #[test]
    fn every_operator_and_flipped_form() {
        let ops = [("=", Eq, Eq), ("<>", NotEq, NotEq), ("!=", NotEq, NotEq), ("<", Lt, Gt),
                   ("<=", LtEq, GtEq), (">", Gt, Lt), (">=", GtEq, LtEq)];
        for (sym, op, flipped) in ops {
            assert_eq!(p(&format!("year {sym} 2024")), c("year", op, num("2024")));
            assert_eq!(p(&format!("year{sym}2024")), c("year", op, num("2024")));
            assert_eq!(p(&format!("2024 {sym} year")), c("year", flipped, num("2024")));
        }
        assert_eq!(p("'2024-01-01' <= dt"), c("dt", GtEq, st("2024-01-01")));
        assert_eq!(p("dt >= '2024-01-01'"), c("dt", GtEq, st("2024-01-01")));
        assert_eq!(p("a=-1"), c("a", Eq, num("-1")));
    }

    #[test]
    fn precedence_and_associativity() {
        assert_eq!(p("a=1 OR b=2 AND c=3"), or(a1(), and(b2(), c3())));
        assert_eq!(p("a=1 AND b=2 OR c=3"), or(and(a1(), b2()), c3()));
        assert_eq!(p("NOT a=1 AND b=2"), and(not(a1()), b2()));
        assert_eq!(p("NOT NOT a=1"), not(not(a1())));
        assert_eq!(p("(a=1 OR b=2) AND c=3"), and(or(a1(), b2()), c3()));
        assert_eq!(p("a=1 AND b=2 AND c=3"), and(and(a1(), b2()), c3()));
        assert_eq!(p("a=1 OR b=2 OR c=3"), or(or(a1(), b2()), c3()));
        assert_eq!(p("NOT (a=1 OR b=2)"), not(or(a1(), b2())));
        assert_eq!(p("((a=1))"), a1());
        let e = p("a=1 and b in (1) Or NOT c BeTwEeN 1 aNd 2 AND d = True");
        let rhs = and(not(btw("c", "1", "2", false)), c("d", Eq, Literal::Bool(true)));
        assert_eq!(e, or(and(a1(), in_("b", vec![num("1")], false)), rhs));
    }

    #[test]
    fn in_and_between() {
        assert_eq!(p("month IN (5, 6)"), in_("month", vec![num("5"), num("6")], false));
        assert_eq!(p("r NOT IN ('eu','us', TRUE)"), in_("r", vec![st("eu"), st("us"), Literal::Bool(true)], true));
        assert_eq!(p("NOT r IN ('x')"), not(in_("r", vec![st("x")], false)));
        assert_eq!(p("day BETWEEN 1 AND 10"), btw("day", "1", "10", false));
        assert_eq!(p("day NOT BETWEEN 1 AND 10"), btw("day", "1", "10", true));
        // The first AND belongs to BETWEEN, the second one joins conditions.
        assert_eq!(p("day BETWEEN 1 AND 10 AND b = 2"), and(btw("day", "1", "10", false), b2()));
        let e = p("region <> 'eu' OR NOT (day BETWEEN 1 AND 10)");
        assert_eq!(e, or(c("region", NotEq, st("eu")), not(btw("day", "1", "10", false))));
    }

    #[test]
    fn strings_numbers_booleans() {
        assert_eq!(p("a = 'it''s'"), c("a", Eq, st("it's")));
        assert_eq!(p("a = ''''"), c("a", Eq, st("'")));
        assert_eq!(p("a = ''"), c("a", Eq, st("")));
        assert_eq!(p("a = 'café 日本 \"x\" `y` (z)'"), c("a", Eq, st("café 日本 \"x\" `y` (z)")));
        for n in ["0", "-12", "3.5", "-0.25", "1e10", "-2.5E-3", "1e+5", "007", "12345678901234567890123"] {
            assert_eq!(p(&format!("a = {n}")), c("a", Eq, num(n)), "{n}");
        }
        assert_eq!(p("a = TRUE"), c("a", Eq, Literal::Bool(true)));
        assert_eq!(p("a <> false"), c("a", NotEq, Literal::Bool(false)));
        assert_eq!(p("true = flag"), c("flag", Eq, Literal::Bool(true)));
    }

    #[test]
    fn keys_and_quoting() {
        assert_eq!(p("YEAR = 1"), c("year", Eq, num("1")));
        assert_eq!(p("`My Key` = 1"), c("My Key", Eq, num("1")));
        assert_eq!(p("`and` = 1"), c("and", Eq, num("1")));
        assert_eq!(p("`jahr_ü` = 1"), c("jahr_ü", Eq, num("1")));
        assert_eq!(p("_x9 = 1"), c("_x9", Eq, num("1")));
        let e = p("Year = 1 AND (month IN (1) OR year > 2) AND NOT d BETWEEN 1 AND 2 OR `M` = 1 OR 3 < Month");
        assert_eq!(e.keys(), vec!["year", "month", "d", "M"]);
    }

    #[test]
    fn syntax_errors() {
        all_fail(&[
            ("", "empty filter expression", 0),
            ("  \n\t ", "empty filter expression", 0),
            ("a=1 b=2", "unexpected 'b' after a complete condition; expected AND, OR", 4),
            ("a=1 2", "unexpected number 2", 4),
            ("a=1 AND", "expected a partition key, found end of input", 7),
            ("AND a=1", "expected a partition key, found keyword AND", 0),
            ("in = 1", "found keyword IN (quote a key named like a keyword: `in`)", 0),
            ("= 1", "expected a partition key, found '='", 0),
            ("1 = 2", "expected a partition key after '=', found number 2", 4),
            ("'x' IN ('x')", "expected a comparison operator after the value", 4),
            ("a", "expected a comparison operator", 1),
            ("a LIKE 'x'", "expected a comparison operator (=, <>, !=, <, <=, >, >=), IN or BETWEEN after key 'a'", 2),
            ("a = 'abc", "unterminated string literal", 4),
            ("a = 'it''s", "unterminated string literal", 4),
            ("`abc = 1", "unterminated quoted key", 0),
            ("`` = 1", "empty quoted key", 0),
            ("a == 1", "unknown operator '=='", 2),
            ("a => 1", "unknown operator '=>'", 2),
            ("a ! 1", "unknown operator '!'", 2),
            ("a ~ 1", "unexpected character '~'", 2),
            ("a = \"x\"", "unexpected character '\"'", 4),
            ("a = 1.", "expected digits after the decimal point", 6),
            ("a = .5", "unexpected character '.'", 4),
            ("a = 1e", "expected digits in the exponent", 6),
            ("a = - 1", "expected a digit after '-'", 5),
            ("a = 12abc", "malformed number: unexpected 'a' after '12'", 6),
            ("a = 1.2.3", "malformed number", 7),
        ]);
    }

    #[test]
    fn value_and_unsupported_errors() {
        all_fail(&[
            ("a =", "missing value after '='", 3),
            ("a = AND b = 1", "missing value after '=': expected a string, number, TRUE or FALSE, found keyword AND", 4),
            ("a = b", "comparing two partition keys is not supported", 4),
            ("a IS NULL", "IS NULL / IS NOT NULL is not supported", 2),
            ("a IS NOT NULL", "IS NULL / IS NOT NULL is not supported", 2),
            ("a = NULL", "NULL is not supported", 4),
            ("a IN (1, null)", "NULL is not supported", 9),
            ("lower(a) = 'x'", "function calls are not supported", 0),
            ("a NOT LIKE 'x'", "expected IN or BETWEEN after NOT, found 'LIKE'", 6),
            ("a IN 1", "expected '(' after IN, found number 1", 5),
            ("a IN ()", "IN list must contain at least one value", 6),
            ("a IN (1,)", "missing value in IN list", 8),
            ("a IN (1 2)", "expected ',' or ')' in IN list, found number 2", 8),
            ("a BETWEEN 1 OR 2", "expected AND between the BETWEEN bounds, found keyword OR", 12),
            ("a BETWEEN 1", "expected AND between the BETWEEN bounds, found end of input", 11),
            ("a BETWEEN 1 AND", "missing value after BETWEEN ... AND", 15),
            ("a BETWEEN x AND 2", "comparing two partition keys", 10),
            ("(a=1", "unbalanced parentheses: this '(' is never closed", 0),
            ("a=1)", "unbalanced parentheses: ')' has no matching '('", 3),
            ("(a=1))", "unbalanced parentheses: ')' has no matching '('", 5),
            (")", "unbalanced parentheses: unexpected ')'", 0),
            ("()", "unbalanced parentheses: unexpected ')'", 1),
            ("(a=1 b=2)", "expected ')', AND or OR, found 'b'", 5),
            ("a IN (1, 2", "IN list '(' is never closed", 5),
        ]);
    }

    #[test]
    fn limits() {
        // Input size: exactly the maximum is fine, one byte more is not.
        let at_max = format!("a = '{}'", "x".repeat(MAX_INPUT_BYTES - 6));
        assert!(at_max.len() == MAX_INPUT_BYTES && parse_filter(&at_max).is_ok());
        let nested = |n: usize| format!("{}a=1{}", "(".repeat(n), ")".repeat(n));
        assert_eq!(p(&nested(MAX_DEPTH)), a1());
        assert!(parse_filter(&format!("{}a=1", "NOT ".repeat(MAX_DEPTH))).is_ok());
        let chain = |n: usize| vec!["a=1"; n].join(" OR ");
        assert_eq!(p(&chain(MAX_COMPARISONS)).keys(), vec!["a"]);
        let in_list = |n: usize| format!("a IN ({})", vec!["1"; n].join(","));
        assert!(matches!(p(&in_list(MAX_IN_VALUES)), FilterExpr::In { values, .. } if values.len() == MAX_IN_VALUES));
        all_fail(&[
            (&format!("{at_max} "), "too long", 0),
            (&"(".repeat(100_000), "too long", 0),
            (&nested(MAX_DEPTH + 1), "nested too deeply", MAX_DEPTH),
            (&"(".repeat(5_000), "nested too deeply", MAX_DEPTH),
            (&format!("{}a=1", "NOT ".repeat(MAX_DEPTH + 1)), "nested too deeply", 4 * MAX_DEPTH),
            (&"NOT ".repeat(2_400), "nested too deeply", 4 * MAX_DEPTH),
            (&chain(MAX_COMPARISONS + 1), "too many comparisons", 7 * MAX_COMPARISONS),
            (&in_list(MAX_IN_VALUES + 1), "too many values", 6 + 2 * MAX_IN_VALUES),
        ]);
    }

    #[test]
    fn display_error_trait_and_non_ascii_positions() {
        let e: Box<dyn std::error::Error> = Box::new(parse_filter("a = ").unwrap_err());
        assert!(e.to_string().starts_with("missing value") && e.to_string().ends_with(" at position 4"), "{e}");
        all_fail(&[
            ("é = 1", "unexpected character 'é'", 0),
            ("a = 1 AND ü = 2", "unexpected character 'ü'", 10),
            ("a = 'ü", "unterminated string literal", 4),
            ("a = 1日", "unexpected character '日'", 5),
            ("a = 'ü' 日", "unexpected character '日'", 9),
            ("a = '日本' b", "unexpected 'b'", 13),
            ("a = -é", "expected a digit after '-'", 5),
            ("a = 1.é", "expected digits after the decimal point", 6),
            ("a = 1e😀", "expected digits in the exponent", 6),
        ]);
    }

    #[test]
    fn never_panics_and_positions_are_char_boundaries() {
        let corpus = ["year = 2024 AND month IN (5, 6)", "region <> 'eu' OR NOT (day BETWEEN 1 AND 10)",
                      "`jahr ü` >= 'ß''日' AND -1.5e-3 < x", "a NOT IN ('é', 2) OR b NOT BETWEEN TRUE AND false"];
        let inserts = ["é", "日", "😀", "'", "`", "(", ")", "-", ".", "e", "!", "=", "<", " NOT ", ",", "\u{0}"];
        let check = |s: &str| {
            if let Err(e) = parse_filter(s) {
                assert!(e.position <= s.len() && s.is_char_boundary(e.position), "{s:?}: {e}");
            }
        };
        for base in corpus {
            assert!(parse_filter(base).is_ok(), "{base}");
            for i in (0..=base.len()).filter(|&i| base.is_char_boundary(i)) {
                check(&base[..i]);
                check(&base[i..]);
                for ins in inserts {
                    check(&format!("{}{ins}{}", &base[..i], &base[i..]));
                }
            }
        }
    }
}
