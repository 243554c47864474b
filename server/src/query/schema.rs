//! The catalog's column types as Arrow types: the schema a query reads files with.

use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType as ArrowType, Field as ArrowField, Fields, TimeUnit as ArrowUnit};

use crate::domain::data_type::{DataType, TimeUnit};

/// The Arrow type of a catalog type. `views` picks the view layouts for strings and binaries,
/// which DataFusion reads Parquet into fastest.
pub fn to_arrow(data_type: &DataType, views: bool) -> ArrowType {
    use ArrowType as A;
    use DataType as D;
    match data_type {
        D::Bool => A::Boolean,
        D::Int8 => A::Int8,
        D::Int16 => A::Int16,
        D::Int32 => A::Int32,
        D::Int64 => A::Int64,
        D::UInt8 => A::UInt8,
        D::UInt16 => A::UInt16,
        D::UInt32 => A::UInt32,
        D::UInt64 => A::UInt64,
        D::Float16 => A::Float16,
        D::Float32 => A::Float32,
        D::Float64 => A::Float64,
        D::Decimal128 { precision, scale } => A::Decimal128(*precision, *scale),
        D::Utf8 | D::LargeUtf8 if views => A::Utf8View,
        D::Utf8 => A::Utf8,
        D::LargeUtf8 => A::LargeUtf8,
        D::Binary | D::LargeBinary if views => A::BinaryView,
        D::Binary => A::Binary,
        D::LargeBinary => A::LargeBinary,
        D::Date32 => A::Date32,
        D::Date64 => A::Date64,
        D::Timestamp { unit, tz } => A::Timestamp(unit_of(unit), tz.as_deref().map(Arc::from)),
        D::List(item) => A::List(Arc::new(ArrowField::new("item", to_arrow(item, views), true))),
        D::Struct(fields) => A::Struct(Fields::from(
            fields
                .iter()
                .map(|f| ArrowField::new(&f.name, to_arrow(&f.data_type, views), f.nullable))
                .collect::<Vec<_>>(),
        )),
        D::Map { key, value } => {
            let entries = ArrowType::Struct(Fields::from(vec![
                ArrowField::new("key", to_arrow(key, views), false),
                ArrowField::new("value", to_arrow(value, views), true),
            ]));
            A::Map(Arc::new(ArrowField::new("entries", entries, false)), false)
        }
    }
}

fn unit_of(unit: &TimeUnit) -> ArrowUnit {
    match unit {
        TimeUnit::Second => ArrowUnit::Second,
        TimeUnit::Millisecond => ArrowUnit::Millisecond,
        TimeUnit::Microsecond => ArrowUnit::Microsecond,
        TimeUnit::Nanosecond => ArrowUnit::Nanosecond,
    }
}

/// The schema of the data files a table's rows are written as: its data columns with their
/// Arrow types (partition keys live in folder names, not in the files).
pub fn file_schema(definition: &crate::domain::table::TableDefinition) -> datafusion::arrow::datatypes::SchemaRef {
    let fields: Vec<ArrowField> = definition
        .columns
        .iter()
        .map(|c| ArrowField::new(c.name.as_str(), to_arrow(&c.data_type, false), c.nullable))
        .collect();
    Arc::new(datafusion::arrow::datatypes::Schema::new(fields))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_read_as_views_only_when_asked() {
        assert_eq!(to_arrow(&DataType::Utf8, true), ArrowType::Utf8View);
        assert_eq!(to_arrow(&DataType::Utf8, false), ArrowType::Utf8);
        let ts = DataType::Timestamp { unit: TimeUnit::Millisecond, tz: Some("UTC".into()) };
        assert_eq!(to_arrow(&ts, false), ArrowType::Timestamp(ArrowUnit::Millisecond, Some("UTC".into())));
    }
}
