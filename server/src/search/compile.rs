//! From a parsed query to a tantivy query. Scores are fixed weights per kind of match, not
//! corpus statistics: ranking follows the documented tiers (exact name, name words, column
//! names, descriptions), and no score depends on documents the caller cannot see.

use tantivy::Term;
use tantivy::query::TermQuery;
use tantivy::query::{AllQuery, BooleanQuery, ConstScoreQuery, DisjunctionMaxQuery, FuzzyTermQuery, Occur, Query};
use tantivy::schema::{Facet, Field as IndexField, IndexRecordOption};

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

pub fn compile(node: &Node, f: &Fields) -> Result<Box<dyn Query>, QueryError> {
    Ok(match node {
        Node::All => Box::new(AllQuery),
        Node::Text { text, exact } => text_query(text, *exact, f),
        Node::Filter { field, value } => Box::new(ConstScoreQuery::new(filter_query(*field, value, f)?, 0.0)),
        Node::And(parts) => {
            let mut clauses = Vec::new();
            for part in parts {
                match part {
                    Node::Not(inner) => clauses.push((Occur::MustNot, compile(inner, f)?)),
                    other => clauses.push((Occur::Must, compile(other, f)?)),
                }
            }
            if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                clauses.push((Occur::Must, Box::new(AllQuery)));
            }
            Box::new(BooleanQuery::new(clauses))
        }
        Node::Or(parts) => {
            let clauses = parts.iter().map(|p| Ok((Occur::Should, compile(p, f)?))).collect::<Result<Vec<_>, _>>()?;
            Box::new(BooleanQuery::new(clauses))
        }
        Node::Not(inner) => {
            Box::new(BooleanQuery::new(vec![(Occur::Must, Box::new(AllQuery)), (Occur::MustNot, compile(inner, f)?)]))
        }
    })
}

fn constant(query: impl Query + 'static, weight: f32) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(Box::new(query), weight))
}

/// Longer words are matched exactly: no name is that long, and typo automata grow with length.
const MAX_FUZZY_LEN: usize = 40;

fn word_query(word: &str, exact: bool, f: &Fields) -> Box<dyn Query> {
    let exact = exact || word.len() > MAX_FUZZY_LEN;
    let mut options: Vec<Box<dyn Query>> = Vec::new();
    for (field, tier) in [(f.name, &NAME), (f.column, &COLUMN), (f.text, &TEXT)] {
        let term = Term::from_field_text(field, word);
        options.push(constant(TermQuery::new(term.clone(), IndexRecordOption::Basic), tier.exact));
        if exact {
            continue;
        }
        if word.chars().count() >= MIN_PREFIX && tier.prefix > 0.0 {
            options.push(constant(FuzzyTermQuery::new_prefix(term.clone(), 0, true), tier.prefix));
        }
        let typos = typos_allowed(word);
        if typos > 0 && tier.fuzzy > 0.0 {
            options.push(constant(FuzzyTermQuery::new(term, typos, true), tier.fuzzy));
        }
    }
    Box::new(DisjunctionMaxQuery::new(options))
}

/// Every word of `text` must match some field; the whole of it matching a name scores extra.
fn text_query(text: &str, exact: bool, f: &Fields) -> Box<dyn Query> {
    let words = words::split(text);
    if words.is_empty() {
        return Box::new(AllQuery);
    }
    let all_words: Vec<(Occur, Box<dyn Query>)> =
        words.iter().map(|w| (Occur::Must, word_query(w, exact, f))).collect();
    let whole = text.trim().to_lowercase();
    let exact_name = |field: IndexField, weight: f32| -> (Occur, Box<dyn Query>) {
        (
            Occur::Should,
            constant(TermQuery::new(Term::from_field_text(field, &whole), IndexRecordOption::Basic), weight),
        )
    };
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, Box::new(BooleanQuery::new(all_words))),
        exact_name(f.name_exact, EXACT_NAME),
        exact_name(f.column_exact, EXACT_COLUMN),
    ]))
}

fn one_of(field: Field, value: &str, allowed: &[&str]) -> Result<(), QueryError> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(QueryError(format!("`{}:{value}`: expected one of {}", field.name(), allowed.join(", "))))
    }
}

fn facet_term(f: &Fields, root: &str, value: &str) -> Box<dyn Query> {
    let term = Term::from_facet(f.facet, &Facet::from_path([root, value]));
    Box::new(TermQuery::new(term, IndexRecordOption::Basic))
}

fn filter_query(field: Field, value: &str, f: &Fields) -> Result<Box<dyn Query>, QueryError> {
    Ok(match field {
        Field::Zone => {
            one_of(field, value, &ZONES)?;
            facet_term(f, "zone", value)
        }
        Field::Format => {
            one_of(field, value, &FORMATS)?;
            facet_term(f, "format", value)
        }
        Field::Kind => {
            one_of(field, value, &KINDS)?;
            facet_term(f, "kind", value)
        }
        Field::Owner => facet_term(f, "owner", value),
        Field::Steward => facet_term(f, "steward", value),
        Field::Database => facet_term(f, "database", value),
        Field::Domain => facet_term(f, "domain", value),
        Field::Sensitivity => facet_term(f, "sensitivity", value),
        Field::Tag => match value.split_once('=') {
            Some((key, v)) if !key.is_empty() && !v.is_empty() => facet_term(f, "tag", value),
            Some(_) => return Err(QueryError("`tag:` takes `key=value` or just `key`".into())),
            None => facet_term(f, "tagkey", value),
        },
        Field::Column => {
            Box::new(TermQuery::new(Term::from_field_text(f.column_exact, value), IndexRecordOption::Basic))
        }
    })
}
