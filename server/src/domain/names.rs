//! Validated names: lowercase `[a-z][a-z0-9_]*`, at most 128 bytes.

use std::fmt;
use std::marker::PhantomData;

use super::{ValidationCode, ValidationError};

pub const MAX_NAME_LEN: usize = 128;

fn check(kind: &str, s: &str) -> Result<(), ValidationError> {
    let mut chars = s.chars();
    let valid_start = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    let valid_rest = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if s.len() > MAX_NAME_LEN {
        return Err(ValidationError::new(
            ValidationCode::InvalidName,
            format!("{kind} name is longer than {MAX_NAME_LEN} characters"),
        ));
    }
    if !valid_start || !valid_rest {
        return Err(ValidationError::new(
            ValidationCode::InvalidName,
            format!("invalid {kind} name `{}`: names are lowercase [a-z][a-z0-9_]*", truncate(s)),
        ));
    }
    Ok(())
}

fn truncate(s: &str) -> String {
    s.chars().take(64).collect()
}

/// What a name names; only used to keep database, table and column names apart in signatures.
pub trait NameKind {
    const KIND: &'static str;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DatabaseKind;
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TableKind;
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ColumnKind;

impl NameKind for DatabaseKind {
    const KIND: &'static str = "database";
}
impl NameKind for TableKind {
    const KIND: &'static str = "table";
}
impl NameKind for ColumnKind {
    const KIND: &'static str = "column";
}

/// A validated name of kind `K`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name<K>(String, PhantomData<K>);

pub type DatabaseName = Name<DatabaseKind>;
pub type TableName = Name<TableKind>;
pub type ColumnName = Name<ColumnKind>;

impl<K: NameKind> Name<K> {
    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        check(K::KIND, s)?;
        Ok(Self(s.to_owned(), PhantomData))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<K> fmt::Display for Name<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_lowercase_identifiers() {
        for ok in ["a", "sales", "orders_2024", "x1_y2"] {
            assert!(DatabaseName::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn rejects_everything_else() {
        let long = "a".repeat(MAX_NAME_LEN + 1);
        for bad in ["", "Sales", "1abc", "_a", "a-b", "a.b", "a b", "é", "../x", long.as_str()] {
            let err = TableName::parse(bad).unwrap_err();
            assert_eq!(err.code, ValidationCode::InvalidName, "{bad}");
        }
    }
}
