//! Running a search for one caller: the query, a visibility filter on every matching document
//! (so hits, the total and facet counts only ever count what the caller may see), ranking,
//! facets and highlights.

use std::collections::BTreeMap;
use std::sync::Arc;

use tantivy::collector::{Count, TopDocs};
use tantivy::schema::Value;
use tantivy::{DocId, Score, SegmentReader, TantivyDocument};

use super::SearchError;
use super::compile::{self, MIN_PREFIX, typos_allowed};
use super::documents::Hit;
use super::expand::TermExpander;
use super::facets::{self, FacetCounter};
use super::index::SearchIndex;
use super::query::Node;
use super::visible::{Check, Gate, Memo, VisibleCollector};
use super::words;

pub struct SearchRequest {
    pub query: Node,
    pub offset: usize,
    pub limit: usize,
}

#[derive(Debug, Clone)]
pub struct Match {
    pub field: &'static str,
    pub snippet: String,
}

#[derive(Debug, Clone)]
pub struct FoundHit {
    pub hit: Hit,
    pub matches: Vec<Match>,
}

#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    pub hits: Vec<FoundHit>,
    pub total: u64,
    /// Facet name -> (value, count), most frequent first.
    pub facets: BTreeMap<&'static str, Vec<(String, u64)>>,
}

/// Facets returned with every search: (name in the response, facet root in the index).
pub const FACETS: [(&str, &str); 6] = [
    ("zone", "zone"),
    ("format", "format"),
    ("database", "database"),
    ("owner", "owner"),
    ("domain", "domain"),
    ("tags", "tag"),
];
const FACET_VALUES: usize = 20;

impl SearchIndex {
    /// Runs `request` for the caller behind `gate`. Blocking: call from a blocking thread.
    pub fn search(
        &self,
        request: &SearchRequest,
        gate: Arc<dyn Gate>,
        memo: Arc<Memo>,
    ) -> Result<SearchResults, SearchError> {
        let searcher = self.reader.searcher();
        let query = compile::compile(&request.query, &self.fields, &TermExpander { searcher: &searcher })?;
        let top = TopDocs::with_limit(request.limit.max(1)).and_offset(request.offset).tweak_score(
            |segment: &SegmentReader| {
                let bonus = segment.fast_fields().u64("bonus").ok().map(|c| c.first_or_default_col(0));
                move |doc: DocId, score: Score| score + bonus.as_ref().map_or(0, |b| b.get_val(doc)) as f32 / 1000.0
            },
        );
        let check = (!gate.everything()).then(|| Check { gate, memo, registry: self.registry.clone() });
        let redact = check.clone();
        let collector = VisibleCollector { inner: (top, Count, FacetCounter), check };
        let (top, total, counts) = searcher.search(query.as_ref(), &collector)?;
        let words = free_words(&request.query);
        let mut hits = Vec::with_capacity(top.len());
        for (_, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let stored = doc.get_first(self.fields.hit).and_then(|v| v.as_str()).unwrap_or("{}");
            let mut hit: Hit = serde_json::from_str(stored).map_err(|e| SearchError::Io(format!("stored hit: {e}")))?;
            // A quality score speaks of every column: not for a caller who sees only some.
            if hit.quality.is_some()
                && let Some(check) = &redact
                && !check.sees_whole_table(searcher.segment_reader(address.segment_ord), address.doc_id)
            {
                hit.quality = None;
            }
            let matches = highlight(&hit, &words);
            hits.push(FoundHit { hit, matches });
        }
        let mut by_root: BTreeMap<&str, Vec<(String, u64)>> = BTreeMap::new();
        for (stored, count) in &counts {
            if let Some((root, value)) = facets::decode(stored) {
                by_root.entry(root).or_default().push((value.to_owned(), *count));
            }
        }
        let mut facet_counts = BTreeMap::new();
        for (name, root) in FACETS {
            let mut values = by_root.remove(root).unwrap_or_default();
            values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            values.truncate(FACET_VALUES);
            facet_counts.insert(name, values);
        }
        Ok(SearchResults { hits, total: total as u64, facets: facet_counts })
    }
}

/// The words a query looks for (not under NOT), each with whether it must match exactly.
fn free_words(node: &Node) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    fn walk(node: &Node, out: &mut Vec<(String, bool)>) {
        match node {
            Node::Text { text, exact } => out.extend(words::split(text).into_iter().map(|w| (w, *exact))),
            Node::And(parts) | Node::Or(parts) => parts.iter().for_each(|p| walk(p, out)),
            Node::Not(_) | Node::Filter { .. } | Node::All => {}
        }
    }
    walk(node, &mut out);
    out
}

fn word_matches(query: &str, exact: bool, word: &str) -> bool {
    if word == query {
        return true;
    }
    if exact {
        return false;
    }
    (query.chars().count() >= MIN_PREFIX && word.starts_with(query)) || {
        let typos = usize::from(typos_allowed(query));
        typos > 0 && words::distance(query, word, typos) <= typos
    }
}

const SNIPPET_CONTEXT: usize = 60;

/// `text` with the matching words in `<em>`, HTML-escaped, cut around the first match.
fn snippet(text: &str, query: &[(String, bool)]) -> Option<String> {
    let spans: Vec<(usize, usize)> = words::spans(text)
        .into_iter()
        .filter(|(s, e)| {
            let word = text[*s..*e].to_lowercase();
            query.iter().any(|(q, exact)| word_matches(q, *exact, &word))
        })
        .collect();
    let first = spans.first()?.0;
    let mut start = first.saturating_sub(SNIPPET_CONTEXT);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (first + SNIPPET_CONTEXT * 2).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut at = start;
    for (s, e) in spans.into_iter().filter(|(s, e)| *s >= start && *e <= end) {
        out.push_str(&escape(&text[at..s]));
        out.push_str("<em>");
        out.push_str(&escape(&text[s..e]));
        out.push_str("</em>");
        at = e;
    }
    out.push_str(&escape(&text[at..end]));
    if end < text.len() {
        out.push('…');
    }
    Some(out)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Which fields of `hit` the query's words matched, with a highlighted snippet of each.
fn highlight(hit: &Hit, query: &[(String, bool)]) -> Vec<Match> {
    if query.is_empty() {
        return Vec::new();
    }
    let tags: Vec<String> = hit.tags.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let properties: Vec<String> = hit.properties.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let name_field = if hit.column.is_some() { "column" } else { "name" };
    let candidates: [(&'static str, Option<String>); 7] = [
        (name_field, Some(hit.name().to_owned())),
        ("description", hit.description.clone()),
        ("owner", hit.owner.clone()),
        ("steward", hit.steward.clone()),
        ("domain", hit.domain.clone()),
        ("tags", (!tags.is_empty()).then(|| tags.join(", "))),
        ("properties", (!properties.is_empty()).then(|| properties.join(", "))),
    ];
    candidates
        .into_iter()
        .filter_map(|(field, text)| text.and_then(|t| snippet(&t, query)).map(|snippet| Match { field, snippet }))
        .collect()
}
