//! From a parsed query to a tantivy query. Scores are fixed weights per kind of match, not
//! corpus statistics: ranking follows the documented tiers (exact name, name words, column
//! names, descriptions), and no score depends on documents the caller cannot see.

use tantivy::Term;
use tantivy::query::TermQuery;
use tantivy::query::{AllQuery, BooleanQuery, ConstScoreQuery, DisjunctionMaxQuery, Occur, Query};
use tantivy::schema::{Field as IndexField, IndexRecordOption};

use super::documents::Fields;
use super::query::{Field, Node, QueryError};
use super::words;

/// Weights of one word matching a field: exactly, as a prefix, within a typo.
struct Tier {
    exact: f32,
    prefix: f32,
    fuzzy: f32,
}

const NAME: Tier = Tier { exact: 40.0, prefix: 30.0, fuzzy: 20.0 };
const COLUMN: Tier = Tier { exact: 12.0, prefix: 9.0, fuzzy: 6.0 };
const TEXT: Tier = Tier { exact: 4.0, prefix: 2.0, fuzzy: 0.0 };
/// The whole term equals a database's or table's name.
const EXACT_NAME: f32 = 100.0;
/// The whole term equals a column's name.
const EXACT_COLUMN: f32 = 16.0;

/// Shortest word matched as a prefix, and the typo allowance by word length.
pub const MIN_PREFIX: usize = 3;
pub fn typos_allowed(word: &str) -> u8 {
    match word.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

pub const ZONES: [&str; 3] = ["raw", "cleaned", "curated"];
pub const FORMATS: [&str; 6] = ["parquet", "csv", "json", "avro", "orc", "text"];
pub const KINDS: [&str; 3] = ["database", "table", "column"];

/// Lists the indexed words of a field that a word matches as a prefix or within `typos` edits
/// (excluding the word itself), at most [`MAX_EXPANSIONS`] of each.
pub trait Expand {
    fn prefixed(&self, field: IndexField, word: &str) -> Vec<String>;
    fn within(&self, field: IndexField, word: &str, typos: u8) -> Vec<String>;
}

/// Most indexed words one query word expands to, per field and kind (as Lucene's
/// `max_expansions`): each becomes a term query, so matching stays a union of posting lists.
pub const MAX_EXPANSIONS: usize = 32;

pub fn compile(node: &Node, f: &Fields, x: &dyn Expand) -> Result<Box<dyn Query>, QueryError> {
    Ok(match node {
        Node::All => Box::new(AllQuery),
        Node::Text { text, exact } => text_query(text, *exact, f, x),
        Node::Filter { field, value } => Box::new(ConstScoreQuery::new(filter_query(*field, value, f)?, 0.0)),
        Node::And(parts) => {
            let mut clauses = Vec::new();
            for part in parts {
                match part {
                    Node::Not(inner) => clauses.push((Occur::MustNot, compile(inner, f, x)?)),
                    other => clauses.push((Occur::Must, compile(other, f, x)?)),
                }
            }
            if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                clauses.push((Occur::Must, Box::new(AllQuery)));
            }
            Box::new(BooleanQuery::new(clauses))
        }
        Node::Or(parts) => {
            let clauses =
                parts.iter().map(|p| Ok((Occur::Should, compile(p, f, x)?))).collect::<Result<Vec<_>, _>>()?;
            Box::new(BooleanQuery::new(clauses))
        }
        Node::Not(inner) => Box::new(BooleanQuery::new(vec![
            (Occur::Must, Box::new(AllQuery)),
            (Occur::MustNot, compile(inner, f, x)?),
        ])),
    })
}

fn constant(query: impl Query + 'static, weight: f32) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(Box::new(query), weight))
}

/// Longer words are matched exactly: no name is that long, and typo automata grow with length.
const MAX_FUZZY_LEN: usize = 40;

fn term(field: IndexField, word: &str, weight: f32) -> Box<dyn Query> {
    constant(TermQuery::new(Term::from_field_text(field, word), IndexRecordOption::Basic), weight)
}

/// One word against every field: the best-weighted way it matches counts.
fn word_query(word: &str, exact: bool, f: &Fields, x: &dyn Expand) -> Box<dyn Query> {
    let exact = exact || word.len() > MAX_FUZZY_LEN;
    let mut options: Vec<Box<dyn Query>> = Vec::new();
    for (field, tier) in [(f.name, &NAME), (f.column, &COLUMN), (f.text, &TEXT)] {
        options.push(term(field, word, tier.exact));
        if exact {
            continue;
        }
        let mut seen = vec![word.to_owned()];
        if word.chars().count() >= MIN_PREFIX && tier.prefix > 0.0 {
            for other in x.prefixed(field, word) {
                options.push(term(field, &other, tier.prefix));
                seen.push(other);
            }
        }
        let typos = typos_allowed(word);
        if typos > 0 && tier.fuzzy > 0.0 {
            for other in x.within(field, word, typos).into_iter().filter(|o| !seen.contains(o)) {
                options.push(term(field, &other, tier.fuzzy));
            }
        }
    }
    Box::new(DisjunctionMaxQuery::new(options))
}

/// Every word of `text` must match some field; the whole of it matching a name scores extra.
fn text_query(text: &str, exact: bool, f: &Fields, x: &dyn Expand) -> Box<dyn Query> {
    let words = words::split(text);
    if words.is_empty() {
        return Box::new(AllQuery);
    }
    let whole = text.trim().to_lowercase();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> =
        words.iter().map(|w| (Occur::Must, word_query(w, exact, f, x))).collect();
    clauses.push((Occur::Should, term(f.name_exact, &whole, EXACT_NAME)));
    clauses.push((Occur::Should, term(f.column_exact, &whole, EXACT_COLUMN)));
    Box::new(BooleanQuery::new(clauses))
}

fn one_of(field: Field, value: &str, allowed: &[&str]) -> Result<(), QueryError> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(QueryError(format!("`{}:{value}`: expected one of {}", field.name(), allowed.join(", "))))
    }
}

fn filter_term(f: &Fields, name: &str, value: &str) -> Box<dyn Query> {
    let term = Term::from_field_text(f.filter, &super::documents::filter_term(name, value));
    Box::new(TermQuery::new(term, IndexRecordOption::Basic))
}

fn filter_query(field: Field, value: &str, f: &Fields) -> Result<Box<dyn Query>, QueryError> {
    Ok(match field {
        Field::Zone => {
            one_of(field, value, &ZONES)?;
            filter_term(f, "zone", value)
        }
        Field::Format => {
            one_of(field, value, &FORMATS)?;
            filter_term(f, "format", value)
        }
        Field::Kind => {
            one_of(field, value, &KINDS)?;
            filter_term(f, "kind", value)
        }
        Field::Owner => filter_term(f, "owner", value),
        Field::Steward => filter_term(f, "steward", value),
        Field::Database => filter_term(f, "database", value),
        Field::Domain => filter_term(f, "domain", value),
        Field::Sensitivity => filter_term(f, "sensitivity", value),
        Field::Tag => match value.split_once('=') {
            Some((key, v)) if !key.is_empty() && !v.is_empty() => filter_term(f, "tag", value),
            Some(_) => return Err(QueryError("`tag:` takes `key=value` or just `key`".into())),
            None => filter_term(f, "tagkey", value),
        },
        Field::Column => {
            Box::new(TermQuery::new(Term::from_field_text(f.column_exact, value), IndexRecordOption::Basic))
        }
    })
}
