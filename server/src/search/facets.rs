//! Facet counts: how many matching documents carry each value of each facet. Values live in the
//! `facet` fast field as `root:value` strings, counted by their ordinal in each segment's
//! dictionary and named only for the values that occurred. Filtering on a facet value uses the
//! `filter` term of the same value, so counting needs no indexed terms at all.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// The fast field the values are read from.
pub const FIELD: &str = "facet";

/// `root:value` as stored; `value` is already lowercase.
pub fn encode(root: &str, value: &str) -> String {
    let mut out = String::with_capacity(root.len() + 1 + value.len());
    out.push_str(root);
    out.push(':');
    out.push_str(value);
    out
}

/// `(root, value)` of a stored value.
pub fn decode(stored: &str) -> Option<(&str, &str)> {
    stored.split_once(':')
}

/// Counts every facet value of the documents it is given, by stored value.
pub struct FacetCounter;

pub struct SegmentFacetCounter {
    column: Option<StrColumn>,
    counts: Vec<u64>,
}

impl Collector for FacetCounter {
    type Fruit = HashMap<String, u64>;
    type Child = SegmentFacetCounter;

    fn for_segment(&self, _: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<Self::Child> {
        let column = reader.fast_fields().str(FIELD)?;
        let counts = vec![0; column.as_ref().map_or(0, |c| c.num_terms())];
        Ok(SegmentFacetCounter { column, counts })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<HashMap<String, u64>>) -> tantivy::Result<Self::Fruit> {
        let mut merged: HashMap<String, u64> = HashMap::new();
        for fruit in fruits {
            for (value, count) in fruit {
                *merged.entry(value).or_default() += count;
            }
        }
        Ok(merged)
    }
}

impl SegmentFacetCounter {
    fn count(&mut self, doc: DocId) {
        let Some(column) = &self.column else { return };
        for ord in column.term_ords(doc) {
            if let Some(count) = self.counts.get_mut(ord as usize) {
                *count += 1;
            }
        }
    }
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = HashMap<String, u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.count(doc);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        for doc in docs {
            self.count(*doc);
        }
    }

    fn harvest(self) -> Self::Fruit {
        let mut out = HashMap::new();
        let Some(column) = &self.column else { return out };
        let mut value = String::new();
        for (ord, count) in self.counts.iter().enumerate().filter(|(_, c)| **c > 0) {
            if let Ok(true) = column.ord_to_str(ord as u64, &mut value) {
                out.insert(value.clone(), *count);
            }
        }
        out
    }
}
