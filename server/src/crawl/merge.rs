//! Combining schemas inferred from several files into one table schema, and describing the change.

use crate::domain::data_type::{DataType, Field};

use super::infer::InferredField;

/// The narrowest type holding values of both `a` and `b`, or `None` when one is nested and the
/// other is not (no type holds both, so the files genuinely disagree).
///
/// Mismatched scalars fall back to utf8 because that is what a text reader would produce for a
/// column mixing, say, booleans and numbers.
pub fn widen(a: &DataType, b: &DataType) -> Option<DataType> {
    use DataType::*;
    if a == b {
        return Some(a.clone());
    }
    match (a, b) {
        (List(x), List(y)) => widen(x, y).map(|t| List(Box::new(t))),
        (Struct(x), Struct(y)) => widen_members(x, y).map(Struct),
        (Map { key: k1, value: v1 }, Map { key: k2, value: v2 }) => {
            Some(Map { key: Box::new(widen(k1, k2)?), value: Box::new(widen(v1, v2)?) })
        }
        (List(_) | Struct(_) | Map { .. }, _) | (_, List(_) | Struct(_) | Map { .. }) => None,
        _ => Some(widen_scalar(a, b)),
    }
}

fn widen_scalar(a: &DataType, b: &DataType) -> DataType {
    use DataType::*;
    if let (Some(x), Some(y)) = (a.int_info(), b.int_info()) {
        return widen_ints(x, y);
    }
    let numeric = |t: &DataType| t.int_info().is_some() || t.float_bits().is_some() || matches!(t, Decimal128 { .. });
    if let (Some(x), Some(y)) = (a.float_bits(), b.float_bits()) {
        return if x.max(y) == 32 {
            Float32
        } else if x.max(y) == 16 {
            Float16
        } else {
            Float64
        };
    }
    if let (Decimal128 { precision: p1, scale: s1 }, Decimal128 { precision: p2, scale: s2 }) = (a, b) {
        let scale = (*s1).max(*s2);
        let int_digits = (i16::from(*p1) - i16::from(*s1)).max(i16::from(*p2) - i16::from(*s2));
        let precision = int_digits + i16::from(scale);
        return match u8::try_from(precision) {
            Ok(precision) if precision <= 38 => Decimal128 { precision, scale },
            _ => Float64,
        };
    }
    if numeric(a) && numeric(b) {
        return Float64;
    }
    match (a, b) {
        (Date32, Date64) | (Date64, Date32) => Date64,
        (Date32 | Date64, t @ Timestamp { .. }) | (t @ Timestamp { .. }, Date32 | Date64) => t.clone(),
        (Timestamp { unit: u1, tz: t1 }, Timestamp { unit: u2, tz: t2 }) if t1 == t2 => {
            // The finer unit holds every instant of the coarser one.
            let unit = if u2.rank() > u1.rank() { u2 } else { u1 };
            Timestamp { unit: unit.clone(), tz: t1.clone() }
        }
        (Utf8 | LargeUtf8, Utf8 | LargeUtf8) => LargeUtf8,
        (Binary | LargeBinary, Binary | LargeBinary) => LargeBinary,
        _ => Utf8,
    }
}

fn widen_ints((s1, b1): (bool, u8), (s2, b2): (bool, u8)) -> DataType {
    use DataType::*;
    let signed = |bits: u8| match bits {
        8 => Int8,
        16 => Int16,
        32 => Int32,
        _ => Int64,
    };
    match (s1, s2) {
        (true, true) => signed(b1.max(b2)),
        (false, false) => match b1.max(b2) {
            8 => UInt8,
            16 => UInt16,
            32 => UInt32,
            _ => UInt64,
        },
        // A signed type needs one more bit than the unsigned one; uint64 has no such type, and
        // int64 is the practical choice (values above i64::MAX are vanishingly rare).
        (true, false) => signed(b1.max(b2.saturating_mul(2))),
        (false, true) => signed(b2.max(b1.saturating_mul(2))),
    }
}

/// Member-wise merge in `a`'s order; a member only one side has must accept null on the other.
fn widen_members(a: &[Field], b: &[Field]) -> Option<Vec<Field>> {
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    for fa in a {
        match b.iter().find(|fb| fb.name == fa.name) {
            Some(fb) => out.push(Field {
                name: fa.name.clone(),
                data_type: widen(&fa.data_type, &fb.data_type)?,
                nullable: fa.nullable || fb.nullable,
            }),
            None => out.push(Field { nullable: true, ..fa.clone() }),
        }
    }
    for fb in b.iter().filter(|fb| !a.iter().any(|fa| fa.name == fb.name)) {
        out.push(Field { nullable: true, ..fb.clone() });
    }
    Some(out)
}

/// Merges a file's columns into the table's: table order first, then the file's new columns.
///
/// A column absent from either side becomes nullable, since rows from the other side have no
/// value for it. An empty `table` means "no files yet", so the file's schema is taken as is.
pub fn merge(table: &[InferredField], file: &[InferredField]) -> Result<Vec<InferredField>, String> {
    if table.is_empty() {
        return Ok(file.to_vec());
    }
    let mut out = Vec::with_capacity(table.len() + file.len());
    for t in table {
        match file.iter().find(|f| f.name == t.name) {
            Some(f) => {
                let Some(data_type) = widen(&t.data_type, &f.data_type) else {
                    return Err(format!(
                        "column `{}` is {} in the table but {} in this file",
                        t.name, t.data_type, f.data_type
                    ));
                };
                out.push(InferredField { name: t.name.clone(), data_type, nullable: t.nullable || f.nullable });
            }
            None => out.push(InferredField { nullable: true, ..t.clone() }),
        }
    }
    for f in file.iter().filter(|f| !table.iter().any(|t| t.name == f.name)) {
        out.push(InferredField { nullable: true, ..f.clone() });
    }
    Ok(out)
}

/// What a merge changed, for the crawler's report; types are in their catalog text form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchemaChange {
    pub added: Vec<String>,
    pub widened: Vec<(String, String, String)>,
    pub now_nullable: Vec<String>,
}

impl SchemaChange {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.widened.is_empty() && self.now_nullable.is_empty()
    }
}

pub fn diff(before: &[InferredField], after: &[InferredField]) -> SchemaChange {
    let mut change = SchemaChange::default();
    for a in after {
        let Some(b) = before.iter().find(|b| b.name == a.name) else {
            change.added.push(a.name.to_string());
            continue;
        };
        if b.data_type != a.data_type {
            change.widened.push((a.name.to_string(), b.data_type.to_string(), a.data_type.to_string()));
        }
        if a.nullable && !b.nullable {
            change.now_nullable.push(a.name.to_string());
        }
    }
    change
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::data_type::TimeUnit;
    use crate::domain::names::ColumnName;
    use DataType::*;

    fn col(name: &str, data_type: DataType, nullable: bool) -> InferredField {
        InferredField { name: ColumnName::parse(name).expect("valid name"), data_type, nullable }
    }

    fn member(name: &str, data_type: DataType, nullable: bool) -> Field {
        Field { name: name.into(), data_type, nullable }
    }

    #[test]
    fn widens_scalars() {
        let ts = Timestamp { unit: TimeUnit::Microsecond, tz: None };
        assert_eq!(widen(&Int64, &Float64), Some(Float64));
        assert_eq!(widen(&Int32, &Int64), Some(Int64));
        assert_eq!(widen(&Int8, &UInt8), Some(Int16));
        assert_eq!(widen(&Float32, &Float64), Some(Float64));
        assert_eq!(widen(&Date32, &ts), Some(ts.clone()));
        assert_eq!(widen(&Int64, &Utf8), Some(Utf8));
        assert_eq!(widen(&Bool, &Int64), Some(Utf8));
        assert_eq!(widen(&ts, &Timestamp { unit: TimeUnit::Second, tz: None }), Some(ts.clone()));
        assert_eq!(widen(&ts, &Timestamp { unit: TimeUnit::Microsecond, tz: Some("UTC".into()) }), Some(Utf8));
        assert_eq!(
            widen(&Decimal128 { precision: 10, scale: 2 }, &Decimal128 { precision: 5, scale: 4 }),
            Some(Decimal128 { precision: 12, scale: 4 })
        );
    }

    #[test]
    fn widens_nested() {
        let a = Struct(vec![member("x", Int64, false), member("y", Bool, false)]);
        let b = Struct(vec![member("x", Float64, false), member("z", Utf8, false)]);
        let expected = Struct(vec![member("x", Float64, false), member("y", Bool, true), member("z", Utf8, true)]);
        assert_eq!(widen(&a, &b), Some(expected));
        assert_eq!(widen(&List(Box::new(Int64)), &List(Box::new(Float64))), Some(List(Box::new(Float64))));
        assert_eq!(widen(&List(Box::new(Int64)), &Int64), None);
        assert_eq!(widen(&a, &List(Box::new(Int64))), None);
    }

    #[test]
    fn merges_by_name_keeping_table_order() {
        let table = [col("id", Int64, false), col("price", Int64, false), col("gone", Utf8, false)];
        let file = [col("price", Float64, false), col("id", Int64, false), col("new", Bool, false)];
        let merged = merge(&table, &file).expect("compatible");
        assert_eq!(
            merged,
            vec![
                col("id", Int64, false),
                col("price", Float64, false),
                col("gone", Utf8, true),
                col("new", Bool, true)
            ]
        );
        let change = diff(&table, &merged);
        assert_eq!(change.added, vec!["new"]);
        assert_eq!(change.widened, vec![("price".into(), "int64".into(), "float64".into())]);
        assert_eq!(change.now_nullable, vec!["gone"]);
        assert!(!change.is_empty());
        assert!(diff(&merged, &merged).is_empty());
    }

    #[test]
    fn first_file_is_taken_as_is() {
        let file = [col("id", Int64, false)];
        assert_eq!(merge(&[], &file).expect("no table yet"), file.to_vec());
    }

    #[test]
    fn conflict_names_column_and_types() {
        let table = [col("tags", List(Box::new(Utf8)), true)];
        let file = [col("tags", Utf8, true)];
        let err = merge(&table, &file).expect_err("list vs utf8");
        assert!(err.contains("`tags`") && err.contains("list<utf8>") && err.contains("utf8"), "{err}");
    }
}
