//! JSON-lines schema inference: one object per line, nested objects as structs.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::domain::data_type::{DataType, Field};

use super::super::detect::FileError;
use super::super::merge::widen;
use super::{Inferred, InferredField, MAX_RECORDS, column_names};

/// A JSON value's type as far as the records seen so far tell.
#[derive(Debug, Clone, PartialEq)]
enum Shape {
    Null,
    Scalar(DataType),
    List(Box<Shape>),
    Object(Vec<Member>),
}

#[derive(Debug, Clone, PartialEq)]
struct Member {
    key: String,
    shape: Shape,
    nullable: bool,
}

/// Two incompatible shapes: the member path where they met and what each side was.
struct Conflict {
    path: Vec<String>,
    left: &'static str,
    right: &'static str,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path: Vec<&str> = self.path.iter().rev().map(String::as_str).collect();
        write!(f, "field `{}` is {} in one record and {} in another", path.join("."), self.left, self.right)
    }
}

impl Shape {
    fn kind(&self) -> &'static str {
        match self {
            Shape::Null => "null",
            Shape::Scalar(DataType::Bool) => "a boolean",
            Shape::Scalar(DataType::Utf8) => "a string",
            Shape::Scalar(_) => "a number",
            Shape::List(_) => "an array",
            Shape::Object(_) => "an object",
        }
    }

    fn merge(self, other: Shape) -> Result<Shape, Conflict> {
        Ok(match (self, other) {
            (Shape::Null, s) | (s, Shape::Null) => s,
            (Shape::Scalar(a), Shape::Scalar(b)) => Shape::Scalar(widen(&a, &b).unwrap_or(DataType::Utf8)),
            (Shape::List(a), Shape::List(b)) => Shape::List(Box::new(a.merge(*b)?)),
            (Shape::Object(a), Shape::Object(b)) => Shape::Object(merge_members(a, b)?),
            (a, b) => return Err(Conflict { path: Vec::new(), left: a.kind(), right: b.kind() }),
        })
    }

    fn data_type(&self) -> Result<DataType, FileError> {
        Ok(match self {
            Shape::Null => DataType::Utf8,
            Shape::Scalar(t) => t.clone(),
            Shape::List(item) => DataType::List(Box::new(item.data_type()?)),
            // The catalog has no empty struct; keeping `{}` as JSON text loses nothing.
            Shape::Object(members) if members.is_empty() => DataType::Utf8,
            Shape::Object(members) => {
                let names = column_names(members.iter().map(|m| m.key.as_str()))?;
                let fields = names.into_iter().zip(members).map(|(name, m)| {
                    Ok(Field { name: name.to_string(), data_type: m.shape.data_type()?, nullable: m.nullable })
                });
                DataType::Struct(fields.collect::<Result<_, FileError>>()?)
            }
        })
    }
}

/// Merges in `a`'s key order, then `b`'s new keys in its order; a member one side lacks was
/// missing from some record.
fn merge_members(a: Vec<Member>, b: Vec<Member>) -> Result<Vec<Member>, Conflict> {
    let index: HashMap<String, usize> = b.iter().enumerate().map(|(i, m)| (m.key.clone(), i)).collect();
    let mut b: Vec<Option<Member>> = b.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    for m in a {
        match index.get(&m.key).and_then(|&i| b[i].take()) {
            Some(o) => {
                let shape = m.shape.merge(o.shape).map_err(|mut c| {
                    c.path.push(m.key.clone());
                    c
                })?;
                out.push(Member { key: m.key, shape, nullable: m.nullable || o.nullable });
            }
            None => out.push(Member { nullable: true, ..m }),
        }
    }
    out.extend(b.into_iter().flatten().map(|m| Member { nullable: true, ..m }));
    Ok(out)
}

struct ShapeVisitor;

impl<'de> Visitor<'de> for ShapeVisitor {
    type Value = Shape;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Shape, E> {
        Ok(Shape::Null)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Shape, E> {
        Ok(Shape::Scalar(DataType::Bool))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Shape, E> {
        Ok(Shape::Scalar(DataType::Int64))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Shape, E> {
        Ok(Shape::Scalar(if i64::try_from(v).is_ok() { DataType::Int64 } else { DataType::Float64 }))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Shape, E> {
        Ok(Shape::Scalar(DataType::Float64))
    }
    fn visit_str<E>(self, _: &str) -> Result<Shape, E> {
        Ok(Shape::Scalar(DataType::Utf8))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
        let mut item = Shape::Null;
        while let Some(next) = seq.next_element::<Shape>()? {
            item = item
                .merge(next)
                .map_err(|c| de::Error::custom(format!("an array mixes {} and {}", c.left, c.right)))?;
        }
        Ok(Shape::List(Box::new(item)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        // serde_json's own map is sorted by key; visiting keeps the file's column order.
        let mut members: Vec<Member> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        while let Some(key) = map.next_key::<String>()? {
            let shape: Shape = map.next_value()?;
            let member = Member { key: key.clone(), nullable: shape == Shape::Null, shape };
            match index.get(&key) {
                Some(&i) => members[i] = member,
                None => {
                    index.insert(key, members.len());
                    members.push(member);
                }
            }
        }
        Ok(Shape::Object(members))
    }
}

impl<'de> Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Shape, D::Error> {
        deserializer.deserialize_any(ShapeVisitor)
    }
}

pub(super) fn infer_json(sample: &[u8], complete: bool) -> Result<Inferred, FileError> {
    let mut lines: Vec<&[u8]> = sample.split(|&b| b == b'\n').collect();
    if !complete {
        lines.pop();
    }
    let (mut members, mut records, mut exhausted) = (None::<Vec<Member>>, 0u64, true);
    for (i, line) in lines.iter().enumerate() {
        let n = i + 1;
        let text = std::str::from_utf8(line).map_err(|_| FileError::new(format!("not UTF-8 text (line {n})")))?;
        if text.trim().is_empty() {
            continue;
        }
        if records == MAX_RECORDS as u64 {
            exhausted = false;
            break;
        }
        let shape: Shape =
            serde_json::from_str(text).map_err(|e| FileError::new(format!("invalid JSON on line {n}: {e}")))?;
        let Shape::Object(record) = shape else {
            return Err(FileError::new(format!("line {n} is not a JSON object")));
        };
        members = Some(match members {
            None => record,
            Some(prev) => merge_members(prev, record).map_err(|c| FileError::new(format!("{c} (line {n})")))?,
        });
        records += 1;
    }
    let Some(members) = members else {
        return Err(FileError::new("no complete JSON line in the sample"));
    };
    let names = column_names(members.iter().map(|m| m.key.as_str()))?;
    let fields = names
        .into_iter()
        .zip(&members)
        .map(|(name, m)| Ok(InferredField { name, data_type: m.shape.data_type()?, nullable: m.nullable }))
        .collect::<Result<_, FileError>>()?;
    let rows = (complete && exhausted).then_some(records);
    Ok(Inferred { fields, options: BTreeMap::new(), rows })
}
