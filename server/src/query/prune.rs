//! A query's filters on partition keys as a catalog partition filter, so that only the
//! matching partitions are listed and read. What cannot be translated is left out, which
//! only widens the set of partitions read: the query still applies every filter itself.

use std::sync::Arc;

use datafusion::arrow::datatypes::Field;
use datafusion::common::ScalarValue;
use datafusion::logical_expr::{Between, BinaryExpr, Expr, Operator, expr::InList};

use crate::domain::partition_filter::{CompareOp, FilterExpr, Literal};

/// The catalog filter for `filters` (each over partition keys only), or `None` for all partitions.
pub fn partition_filter(filters: &[&Expr], keys: &[Arc<Field>]) -> Option<FilterExpr> {
    filters.iter().filter_map(|f| translate(f, keys)).reduce(|a, b| FilterExpr::And(Box::new(a), Box::new(b)))
}

fn translate(expr: &Expr, keys: &[Arc<Field>]) -> Option<FilterExpr> {
    match expr {
        Expr::BinaryExpr(BinaryExpr { left, op: Operator::And, right }) => {
            match (translate(left, keys), translate(right, keys)) {
                (Some(a), Some(b)) => Some(FilterExpr::And(Box::new(a), Box::new(b))),
                // One side alone is still a superset of the matches.
                (Some(one), None) | (None, Some(one)) => Some(one),
                (None, None) => None,
            }
        }
        Expr::BinaryExpr(BinaryExpr { left, op: Operator::Or, right }) => {
            Some(FilterExpr::Or(Box::new(translate(left, keys)?), Box::new(translate(right, keys)?)))
        }
        Expr::BinaryExpr(BinaryExpr { left, op, right }) => {
            let op = compare_op(*op)?;
            match (key_of(left, keys), literal_of(right), key_of(right, keys), literal_of(left)) {
                (Some(key), Some(value), _, _) => Some(FilterExpr::Compare { key, op, value }),
                (_, _, Some(key), Some(value)) => Some(FilterExpr::Compare { key, op: op.flipped(), value }),
                _ => None,
            }
        }
        Expr::InList(InList { expr, list, negated }) => {
            let key = key_of(expr, keys)?;
            let values = list.iter().map(literal_of).collect::<Option<Vec<_>>>()?;
            Some(FilterExpr::In { key, values, negated: *negated })
        }
        Expr::Between(Between { expr, negated, low, high }) => Some(FilterExpr::Between {
            key: key_of(expr, keys)?,
            low: literal_of(low)?,
            high: literal_of(high)?,
            negated: *negated,
        }),
        // NOT over a partial translation would narrow the set: only whole ones.
        Expr::Not(inner) => Some(FilterExpr::Not(Box::new(exact(inner, keys)?))),
        _ => None,
    }
}

/// A translation that drops nothing (needed under NOT).
fn exact(expr: &Expr, keys: &[Arc<Field>]) -> Option<FilterExpr> {
    match expr {
        Expr::BinaryExpr(BinaryExpr { left, op: Operator::And, right }) => {
            Some(FilterExpr::And(Box::new(exact(left, keys)?), Box::new(exact(right, keys)?)))
        }
        Expr::BinaryExpr(BinaryExpr { left, op: Operator::Or, right }) => {
            Some(FilterExpr::Or(Box::new(exact(left, keys)?), Box::new(exact(right, keys)?)))
        }
        Expr::Not(inner) => Some(FilterExpr::Not(Box::new(exact(inner, keys)?))),
        other => translate(other, keys),
    }
}

fn compare_op(op: Operator) -> Option<CompareOp> {
    Some(match op {
        Operator::Eq => CompareOp::Eq,
        Operator::NotEq => CompareOp::NotEq,
        Operator::Lt => CompareOp::Lt,
        Operator::LtEq => CompareOp::LtEq,
        Operator::Gt => CompareOp::Gt,
        Operator::GtEq => CompareOp::GtEq,
        _ => return None,
    })
}

/// A bare reference to a partition key (a cast around it could change what matches).
fn key_of(expr: &Expr, keys: &[Arc<Field>]) -> Option<String> {
    match expr {
        Expr::Column(c) if keys.iter().any(|k| k.name() == &c.name) => Some(c.name.clone()),
        _ => None,
    }
}

fn literal_of(expr: &Expr) -> Option<Literal> {
    let Expr::Literal(value, _) = expr else { return None };
    Some(match value {
        ScalarValue::Utf8(Some(s)) | ScalarValue::LargeUtf8(Some(s)) | ScalarValue::Utf8View(Some(s)) => {
            Literal::String(s.clone())
        }
        ScalarValue::Boolean(Some(b)) => Literal::Bool(*b),
        ScalarValue::Int8(Some(_))
        | ScalarValue::Int16(Some(_))
        | ScalarValue::Int32(Some(_))
        | ScalarValue::Int64(Some(_))
        | ScalarValue::UInt8(Some(_))
        | ScalarValue::UInt16(Some(_))
        | ScalarValue::UInt32(Some(_))
        | ScalarValue::UInt64(Some(_)) => Literal::Number(value.to_string()),
        ScalarValue::Date32(Some(_)) => Literal::String(value.to_string()),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::datatypes::DataType;
    use datafusion::logical_expr::{col, lit};

    fn keys() -> Vec<Arc<Field>> {
        vec![Arc::new(Field::new("year", DataType::Int32, true)), Arc::new(Field::new("region", DataType::Utf8, true))]
    }

    #[test]
    fn translates_comparisons_lists_and_conjunctions() {
        let e = col("year").gt_eq(lit(2023)).and(col("region").in_list(vec![lit("eu"), lit("us")], false));
        let got = partition_filter(&[&e], &keys()).expect("translated");
        assert_eq!(got.keys(), vec!["year", "region"]);
    }

    #[test]
    fn an_untranslatable_side_of_or_gives_up_but_of_and_is_dropped() {
        let odd = Expr::IsNull(Box::new(col("year")));
        assert!(partition_filter(&[&col("year").eq(lit(1)).or(odd.clone())], &keys()).is_none());
        let and = col("year").eq(lit(1)).and(odd.clone());
        assert_eq!(partition_filter(&[&and], &keys()).expect("kept").keys(), vec!["year"]);
        assert!(partition_filter(&[&Expr::Not(Box::new(and))], &keys()).is_none());
    }

    #[test]
    fn literal_on_the_left_flips_the_operator() {
        let e = lit(2023).lt(col("year"));
        let Some(FilterExpr::Compare { op, .. }) = partition_filter(&[&e], &keys()) else { panic!("translated") };
        assert_eq!(op, CompareOp::Gt);
    }
}
