//! Data filters: a named row predicate and column list on one table, granted like a table.
//! Granting SELECT on a filter gives exactly its rows and columns.

use std::collections::BTreeSet;
use std::ops::ControlFlow;

use sqlparser::ast::{Expr, visit_expressions};
use sqlparser::dialect::GenericDialect;
use sqlparser::parser::Parser;

use super::grant::ColumnScope;
use super::{ValidationCode, ValidationError};

pub const MAX_PREDICATE: usize = 4_096;

#[derive(Debug, Clone, PartialEq)]
pub struct DataFilter {
    pub id: String,
    pub database: String,
    pub table: String,
    pub name: String,
    /// SQL boolean expression over the table's columns; `None` admits every row.
    pub row_filter: Option<String>,
    pub columns: ColumnScope,
    pub created_by: String,
}

impl DataFilter {
    pub fn key(&self) -> String {
        format!("data_filter:{}.{}.{}", self.database, self.table, self.name)
    }
}

fn invalid(message: String) -> ValidationError {
    ValidationError::new(ValidationCode::InvalidFilter, message)
}

/// Checks `predicate` is one SQL expression that names only `columns` and holds no query.
pub fn validate_predicate(predicate: &str, columns: &BTreeSet<String>) -> Result<(), ValidationError> {
    if predicate.trim().is_empty() || predicate.len() > MAX_PREDICATE {
        return Err(invalid(format!("a row filter is 1 to {MAX_PREDICATE} bytes of SQL")));
    }
    let dialect = GenericDialect {};
    let mut parser = Parser::new(&dialect)
        .with_recursion_limit(64)
        .try_with_sql(predicate)
        .map_err(|e| invalid(format!("row filter does not parse: {e}")))?;
    let expr = parser.parse_expr().map_err(|e| invalid(format!("row filter does not parse: {e}")))?;
    if parser.peek_token().token != sqlparser::tokenizer::Token::EOF {
        return Err(invalid("row filter has text after the expression".to_owned()));
    }
    let mut problem = None;
    let _ = visit_expressions(&expr, |e| {
        let found = match e {
            Expr::Identifier(ident) if !columns.contains(&ident.value.to_lowercase()) => {
                Some(format!("row filter names `{}`, which is not a column of the table", ident.value))
            }
            Expr::CompoundIdentifier(_) => Some("row filters name columns without a table prefix".to_owned()),
            Expr::Subquery(_) | Expr::Exists { .. } | Expr::InSubquery { .. } => {
                Some("row filters cannot contain subqueries".to_owned())
            }
            _ => None,
        };
        match found {
            Some(message) => {
                problem = Some(message);
                ControlFlow::Break(())
            }
            None => ControlFlow::Continue(()),
        }
    });
    match problem {
        Some(message) => Err(invalid(message)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns() -> BTreeSet<String> {
        ["region", "amount", "year"].into_iter().map(String::from).collect()
    }

    #[test]
    fn accepts_predicates_over_the_columns() {
        for ok in
            ["region = 'EU'", "region IN ('EU', 'UK') AND amount > 10", "NOT (year < 2020) OR lower(region) = 'eu'"]
        {
            assert!(validate_predicate(ok, &columns()).is_ok(), "{ok}");
        }
    }

    #[test]
    fn refuses_what_does_not_parse_or_reaches_elsewhere() {
        for bad in [
            "",
            "region = ",
            "region = 'EU' garbage here",
            "salary > 0",
            "t.region = 'EU'",
            "region IN (SELECT region FROM other)",
            "EXISTS (SELECT 1)",
            "region = 'EU'; DROP TABLE grants",
        ] {
            assert!(validate_predicate(bad, &columns()).is_err(), "{bad}");
        }
    }
}
