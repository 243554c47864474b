//! Expanding a query word into the indexed words it matches as a prefix or within a few typos,
//! read off each segment's term dictionary with tantivy's Levenshtein automata.

use std::collections::BTreeSet;

use tantivy::query::{DfaWrapper, FuzzyTermQuery};
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use super::compile::{Expand, MAX_EXPANSIONS};

pub struct TermExpander<'a> {
    pub searcher: &'a Searcher,
}

impl TermExpander<'_> {
    fn matching(&self, field: Field, word: &str, automaton: Option<DfaWrapper>) -> Vec<String> {
        let Some(automaton) = automaton else { return Vec::new() };
        let mut found = BTreeSet::new();
        for segment in self.searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(field) else { continue };
            let Ok(mut stream) = inverted.terms().search(&automaton).into_stream() else { continue };
            while stream.advance() {
                if let Ok(term) = std::str::from_utf8(stream.key()) {
                    if term != word {
                        found.insert(term.to_owned());
                    }
                }
                if found.len() >= MAX_EXPANSIONS {
                    return found.into_iter().collect();
                }
            }
        }
        found.into_iter().collect()
    }
}

impl Expand for TermExpander<'_> {
    fn prefixed(&self, field: Field, word: &str) -> Vec<String> {
        let query = FuzzyTermQuery::new_prefix(Term::from_field_text(field, word), 0, true);
        self.matching(field, word, query.automaton().ok())
    }

    fn within(&self, field: Field, word: &str, typos: u8) -> Vec<String> {
        let query = FuzzyTermQuery::new(Term::from_field_text(field, word), typos, true);
        self.matching(field, word, query.automaton().ok())
    }
}
