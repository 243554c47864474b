//! The search language: free words, "quoted words", `field:value` filters, `AND`, `OR`, `NOT`
//! (or a leading `-`) and parentheses. Adjacent terms are ANDed; NOT binds tightest, then AND,
//! then OR. Parsing is bounded (length, terms, depth), and every mistake is a [`QueryError`]
//! that names what is wrong.

use std::fmt;

/// Longest accepted query, in bytes.
pub const MAX_QUERY_LEN: usize = 1_024;
/// Most terms (words and filters) in one query.
pub const MAX_TERMS: usize = 32;
const MAX_DEPTH: usize = 8;

/// A field a query can filter on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Owner,
    Steward,
    Zone,
    Format,
    Database,
    Domain,
    Tag,
    Column,
    Sensitivity,
    Kind,
}

impl Field {
    pub const ALL: [(&'static str, Field); 11] = [
        ("owner", Field::Owner),
        ("steward", Field::Steward),
        ("zone", Field::Zone),
        ("format", Field::Format),
        ("database", Field::Database),
        ("domain", Field::Domain),
        ("tag", Field::Tag),
        ("column", Field::Column),
        ("sensitivity", Field::Sensitivity),
        ("kind", Field::Kind),
        ("type", Field::Kind),
    ];

    fn parse(name: &str) -> Option<Field> {
        Self::ALL.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, f)| *f)
    }

    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(_, f)| *f == self).map_or("", |(n, _)| n)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Words to find; `exact` (quoted) turns off prefix and typo matching.
    Text {
        text: String,
        exact: bool,
    },
    Filter {
        field: Field,
        value: String,
    },
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
    /// The empty query: everything the caller may see.
    All,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError(pub String);

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for QueryError {}

fn error(message: impl Into<String>) -> QueryError {
    QueryError(message.into())
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Quoted(String),
    Filter(Field, String),
    And,
    Or,
    Not,
    Open,
    Close,
}

/// Parses `input` into a query tree.
pub fn parse(input: &str) -> Result<Node, QueryError> {
    if input.len() > MAX_QUERY_LEN {
        return Err(error(format!("the query is longer than {MAX_QUERY_LEN} bytes")));
    }
    let tokens = lex(input)?;
    let terms = tokens.iter().filter(|t| matches!(t, Token::Word(_) | Token::Quoted(_) | Token::Filter(..))).count();
    if terms > MAX_TERMS {
        return Err(error(format!("the query has more than {MAX_TERMS} terms")));
    }
    if tokens.is_empty() {
        return Ok(Node::All);
    }
    let mut parser = Parser { tokens, at: 0, depth: 0 };
    let node = parser.or()?;
    match parser.tokens.get(parser.at) {
        None => Ok(node),
        Some(Token::Close) => Err(error("unbalanced parentheses: `)` without `(`")),
        Some(other) => Err(error(format!("unexpected {other:?}"))),
    }
}

fn lex(input: &str) -> Result<Vec<Token>, QueryError> {
    let mut tokens = Vec::new();
    let mut chars = input.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' | ')' => {
                chars.next();
                tokens.push(if c == '(' { Token::Open } else { Token::Close });
            }
            '"' => {
                chars.next();
                tokens.push(Token::Quoted(quoted(&mut chars)?));
            }
            '-' if tokens.last().is_none_or(|t| !matches!(t, Token::Word(_))) => {
                chars.next();
                tokens.push(Token::Not);
            }
            _ => {
                let mut end = input.len();
                while let Some(&(i, c)) = chars.peek() {
                    if c.is_whitespace() || c == '(' || c == ')' || c == '"' {
                        end = i;
                        break;
                    }
                    chars.next();
                }
                let word = &input[start..end];
                tokens.push(word_token(word, &mut chars)?);
            }
        }
    }
    Ok(tokens)
}

fn quoted(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) -> Result<String, QueryError> {
    let mut text = String::new();
    for (_, c) in chars.by_ref() {
        if c == '"' {
            return Ok(text);
        }
        text.push(c);
    }
    Err(error("unbalanced quotes: a `\"` is never closed"))
}

fn word_token(word: &str, chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) -> Result<Token, QueryError> {
    match word {
        "AND" | "&&" => return Ok(Token::And),
        "OR" | "||" => return Ok(Token::Or),
        "NOT" => return Ok(Token::Not),
        _ => {}
    }
    let Some((name, value)) = word.split_once(':') else { return Ok(Token::Word(word.to_owned())) };
    let field = Field::parse(name).ok_or_else(|| {
        let known: Vec<&str> = Field::ALL.iter().map(|(n, _)| *n).collect();
        error(format!("unknown field `{name}`; known fields: {}", known.join(", ")))
    })?;
    let value = if value.is_empty() && chars.peek().is_some_and(|(_, c)| *c == '"') {
        chars.next();
        quoted(chars)?
    } else {
        value.to_owned()
    };
    let value = value.trim().to_lowercase();
    if value.is_empty() {
        return Err(error(format!("`{name}:` needs a value")));
    }
    Ok(Token::Filter(field, value))
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn or(&mut self) -> Result<Node, QueryError> {
        let mut parts = vec![self.and()?];
        while self.peek() == Some(&Token::Or) {
            self.at += 1;
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 { parts.remove(0) } else { Node::Or(parts) })
    }

    fn and(&mut self) -> Result<Node, QueryError> {
        let mut parts = vec![self.unary()?];
        loop {
            match self.peek() {
                Some(Token::And) => {
                    self.at += 1;
                    parts.push(self.unary()?);
                }
                None | Some(Token::Or | Token::Close) => break,
                Some(_) => parts.push(self.unary()?),
            }
        }
        Ok(if parts.len() == 1 { parts.remove(0) } else { Node::And(parts) })
    }

    fn unary(&mut self) -> Result<Node, QueryError> {
        match self.peek() {
            Some(Token::Not) => {
                self.at += 1;
                self.nested(|p| p.unary()).map(|n| Node::Not(Box::new(n)))
            }
            _ => self.primary(),
        }
    }

    fn nested(&mut self, f: impl FnOnce(&mut Self) -> Result<Node, QueryError>) -> Result<Node, QueryError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(error(format!("the query nests deeper than {MAX_DEPTH} levels")));
        }
        let node = f(self);
        self.depth -= 1;
        node
    }

    fn primary(&mut self) -> Result<Node, QueryError> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        match token {
            Some(Token::Word(text)) => Ok(Node::Text { text, exact: false }),
            Some(Token::Quoted(text)) => Ok(Node::Text { text, exact: true }),
            Some(Token::Filter(field, value)) => Ok(Node::Filter { field, value }),
            Some(Token::Open) => {
                let node = self.nested(|p| p.or())?;
                match self.tokens.get(self.at) {
                    Some(Token::Close) => {
                        self.at += 1;
                        Ok(node)
                    }
                    _ => Err(error("unbalanced parentheses: a `(` is never closed")),
                }
            }
            Some(Token::Close) => Err(error("unbalanced parentheses: `)` without `(`")),
            Some(Token::And | Token::Or) => Err(error("AND and OR need a term on each side")),
            Some(Token::Not) | None => Err(error("the query ends where a term was expected")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Node {
        Node::Text { text: t.into(), exact: false }
    }

    #[test]
    fn precedence_is_not_then_and_then_or() {
        let parsed = parse("a b OR NOT c zone:curated").unwrap();
        let expected = Node::Or(vec![
            Node::And(vec![text("a"), text("b")]),
            Node::And(vec![
                Node::Not(Box::new(text("c"))),
                Node::Filter { field: Field::Zone, value: "curated".into() },
            ]),
        ]);
        assert_eq!(parsed, expected);
        assert_eq!(parse("-x (y)").unwrap(), Node::And(vec![Node::Not(Box::new(text("x"))), text("y")]));
        assert_eq!(parse("  ").unwrap(), Node::All);
        assert_eq!(
            parse("tag:\"domain=sales\"").unwrap(),
            Node::Filter { field: Field::Tag, value: "domain=sales".into() }
        );
    }

    #[test]
    fn mistakes_are_explained() {
        for (input, expected) in [
            ("\"open", "unbalanced quotes"),
            ("(a b", "unbalanced parentheses"),
            ("a)", "unbalanced parentheses"),
            ("colour:red", "unknown field `colour`"),
            ("owner:", "needs a value"),
            ("a AND", "ends where a term"),
            ("OR a", "AND and OR"),
        ] {
            let message = parse(input).unwrap_err().0;
            assert!(message.contains(expected), "{input}: {message}");
        }
        assert!(parse(&"x".repeat(MAX_QUERY_LEN + 1)).is_err());
        assert!(parse(&"a ".repeat(MAX_TERMS + 1)).is_err());
        assert!(parse(&format!("{}a{}", "(".repeat(20), ")".repeat(20))).is_err());
    }
}
