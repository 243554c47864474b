//! The index's schema and how catalog entries become documents: one per database, one per
//! table, one per column. Column documents carry their table's zone, format, owner and tags so
//! filters and facets treat every hit alike.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tantivy::TantivyDocument;
use tantivy::schema::{FAST, Field, IndexRecordOption, STORED, Schema};
use tantivy::schema::{TextFieldIndexing, TextOptions};

use super::columns::ColumnShared;
use super::facets;
use super::words;
use crate::domain::database::Database;
use crate::domain::table::{Table, Zone};
use crate::domain::tag::{self, Tags};

/// The tokenizer of word fields: text is stored pre-split by [`words::joined`].
pub const WORDS_TOKENIZER: &str = "tarn_words";
/// Bumped whenever documents change shape; an index of another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 7;

#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// `d:<db>` or `t:<db>.<table>`: what a change replaces.
    pub entity: Field,
    /// Visibility key: which database or table (version) the document belongs to...
    pub ord: Field,
    /// ...and for a column, its position plus one (0 for everything else). Two small fast
    /// fields read faster than one packed value.
    pub col: Field,
    /// [`database_key`] of the database the document belongs to (or is).
    pub db: Field,
    /// Tie-breaker: zone, then shorter names.
    pub bonus: Field,
    pub name_exact: Field,
    pub name: Field,
    pub column_exact: Field,
    pub column: Field,
    pub text: Field,
    /// The dimensions counted for every search (zone, format, database, owner, domain, tag), as
    /// `root:value` strings in a fast field: counted, never searched (see [`super::facets`]).
    pub facet: Field,
    /// Every attribute filtered on, as one `name=value` term each: the facets' values and the
    /// filter-only ones (kind, steward, sensitivity, tagkey). One term per value instead of the
    /// three a Tantivy facet indexes (root, path, value) keeps the bulk of the index smaller.
    pub filter: Field,
    /// The hit as returned, JSON.
    pub hit: Field,
    /// What authorization needs to know about a database or table, JSON.
    pub facts: Field,
}

pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    // Scores are fixed weights, never length-normalised: no field needs its norms recorded.
    let words = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(WORDS_TOKENIZER)
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    );
    let raw = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    );
    let fields = Fields {
        entity: b.add_text_field("entity", raw.clone() | STORED),
        ord: b.add_u64_field("ord", FAST),
        col: b.add_u64_field("col", FAST),
        db: b.add_u64_field("db", FAST),
        bonus: b.add_u64_field("bonus", FAST),
        name_exact: b.add_text_field("name_exact", raw.clone()),
        name: b.add_text_field("name", words.clone()),
        column_exact: b.add_text_field("column_exact", raw.clone()),
        column: b.add_text_field("column", words.clone()),
        text: b.add_text_field("text", words),
        facet: b.add_text_field(facets::FIELD, TextOptions::default().set_fast("raw")),
        filter: b.add_text_field("filter", raw),
        hit: b.add_text_field("hit", STORED),
        facts: b.add_text_field("facts", STORED),
    };
    (b.build(), fields)
}

/// What a decision about a database or table needs, kept in memory for every indexed one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Facts {
    Database { name: String, owner: String },
    Table { database: String, name: String, owner: String, columns: Vec<String> },
}

/// One search result as returned (before highlighting).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub kind: String,
    pub database: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steward: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: Tags,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub properties: BTreeMap<String, String>,
    /// A table's latest data-quality result (shown only to callers who see all its columns).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<Quality>,
}

/// The rules a table's latest data-quality check passed, of how many.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Quality {
    pub passed: u64,
    pub total: u64,
}

impl Hit {
    /// The name the hit is known by: the column's, else the table's, else the database's.
    pub fn name(&self) -> &str {
        self.column.as_deref().or(self.table.as_deref()).unwrap_or(&self.database)
    }
}

/// A database with its own tags, as the indexer reads it from the store.
#[derive(Debug, Clone)]
pub struct DatabaseEntry {
    pub database: Database,
    pub tags: Tags,
}

/// A table with its database's tags and the tags of the table and its columns.
#[derive(Debug, Clone)]
pub struct TableEntry {
    pub table: Table,
    pub database_tags: Tags,
    pub tags: Tags,
    pub column_tags: BTreeMap<String, Tags>,
    pub quality: Option<Quality>,
}

/// A stable number for a database name (FNV-1a): visibility is often decided per database.
pub fn database_key(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

pub fn database_entity(name: &str) -> String {
    format!("d:{name}")
}

pub fn table_entity(database: &str, table: &str) -> String {
    format!("t:{database}.{table}")
}

/// `user:alice` -> `alice`: owners are searched by name.
fn principal_name(owner: &str) -> &str {
    owner.split_once(':').map_or(owner, |(_, name)| name)
}

fn zone_rank(zone: Zone) -> u64 {
    match zone {
        Zone::Curated => 2,
        Zone::Cleaned => 1,
        Zone::Raw => 0,
    }
}

/// The term of a filtered attribute.
pub fn filter_term(name: &str, value: &str) -> String {
    format!("{name}={}", value.to_lowercase())
}

fn filter(doc: &mut TantivyDocument, f: &Fields, name: &str, value: &str) {
    doc.add_text(f.filter, filter_term(name, value));
}

fn facet(doc: &mut TantivyDocument, f: &Fields, root: &str, value: &str) {
    let (counted, filtered) = facet_value(root, value);
    doc.add_text(f.facet, counted);
    doc.add_text(f.filter, filtered);
}

/// A facet value as counted (`root:value`) and as filtered on (`root=value`), lowercased.
pub fn facet_value(root: &str, value: &str) -> (String, String) {
    let lower;
    let value = if value.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        lower = value.to_lowercase();
        lower.as_str()
    } else {
        value
    };
    // The filter term comes from the one function queries build theirs with.
    (facets::encode(root, value), filter_term(root, value))
}

/// Tags as facets (for filters and counts) and, when `text` is given, as searchable words.
fn add_tags(doc: &mut TantivyDocument, f: &Fields, tags: &Tags, text: Option<&mut String>) {
    for (key, value) in tags {
        facet(doc, f, "tag", &format!("{key}={value}"));
        filter(doc, f, "tagkey", key);
    }
    if let Some(text) = text {
        for (key, value) in tags {
            text.push_str(&format!(" {key} {value}"));
        }
    }
}

fn finish(doc: &mut TantivyDocument, f: &Fields, hit: &Hit, text: &str) {
    doc.add_u64(f.db, database_key(&hit.database));
    doc.add_text(f.text, words::joined(text));
    doc.add_text(f.hit, serde_json::to_string(hit).unwrap_or_default());
    filter(doc, f, "kind", &hit.kind);
    facet(doc, f, "database", &hit.database);
    for (root, value) in [("zone", &hit.zone), ("format", &hit.format), ("owner", &hit.owner), ("domain", &hit.domain)]
    {
        if let Some(v) = value {
            facet(doc, f, root, v);
        }
    }
    for (name, value) in [("steward", &hit.steward), ("sensitivity", &hit.sensitivity)] {
        if let Some(v) = value {
            filter(doc, f, name, v);
        }
    }
}

pub fn database_document(f: &Fields, entry: &DatabaseEntry, ord: u64) -> (TantivyDocument, Facts) {
    let db = &entry.database;
    let name = db.name.as_str();
    let hit = Hit {
        kind: "database".into(),
        database: name.to_owned(),
        table: None,
        column: None,
        data_type: None,
        description: db.description.clone(),
        zone: None,
        format: None,
        owner: Some(principal_name(&db.created_by).to_owned()),
        steward: None,
        domain: None,
        sensitivity: None,
        tags: entry.tags.clone(),
        properties: db.parameters.clone(),
        quality: None,
    };
    let facts = Facts::Database { name: name.to_owned(), owner: db.created_by.clone() };
    let mut doc = TantivyDocument::default();
    doc.add_text(f.entity, database_entity(name));
    doc.add_u64(f.ord, ord);
    doc.add_u64(f.col, 0);
    doc.add_u64(f.bonus, name_bonus(name));
    doc.add_text(f.name_exact, name);
    doc.add_text(f.name, words::joined(name));
    let mut text = format!("{} {}", db.description.as_deref().unwrap_or(""), principal_name(&db.created_by));
    add_properties(&mut text, &db.parameters);
    add_tags(&mut doc, f, &entry.tags, Some(&mut text));
    finish(&mut doc, f, &hit, &text);
    doc.add_text(f.facts, serde_json::to_string(&facts).unwrap_or_default());
    (doc, facts)
}

fn add_properties(text: &mut String, properties: &BTreeMap<String, String>) {
    for (key, value) in properties {
        text.push_str(&format!(" {key} {value}"));
    }
}

/// Shorter names first among equals: a small bonus that never outweighs a real match.
pub fn name_bonus(name: &str) -> u64 {
    9u64.saturating_sub(words::split(name).len() as u64)
}

/// The table's document and one per column (partition keys included), plus its facts.
pub fn table_documents(f: &Fields, entry: &TableEntry, ord: u64) -> (Vec<TantivyDocument>, Facts) {
    let table = &entry.table;
    let d = &table.definition;
    let name = table.name.as_str();
    let business = &d.business;
    let owner = business.owner.clone().unwrap_or_else(|| principal_name(&table.created_by).to_owned());
    let tags = tag::inherit(&entry.database_tags, Some(&entry.tags));
    let base = Hit {
        kind: "table".into(),
        database: table.database.clone(),
        table: Some(name.to_owned()),
        column: None,
        data_type: None,
        description: d.description.clone(),
        zone: Some(d.zone.as_str().to_owned()),
        format: Some(d.format.as_str().to_owned()),
        owner: Some(owner),
        steward: business.steward.clone(),
        domain: business.domain.clone(),
        sensitivity: business.classification.clone(),
        tags: tags.clone(),
        properties: business.properties.clone(),
        quality: None,
    };
    let mut shared = String::new();
    for value in [&base.owner, &base.steward, &base.domain].into_iter().flatten() {
        shared.push_str(&format!(" {value}"));
    }
    let mut doc = TantivyDocument::default();
    doc.add_text(f.entity, table_entity(&table.database, name));
    doc.add_u64(f.ord, ord);
    doc.add_u64(f.col, 0);
    doc.add_u64(f.bonus, zone_rank(d.zone) * 10 + name_bonus(name));
    doc.add_text(f.name_exact, name);
    doc.add_text(f.name, words::joined(name));
    let mut text = format!("{} {shared} {}", d.description.as_deref().unwrap_or(""), d.zone.as_str());
    add_properties(&mut text, &business.properties);
    if let Some(c) = &business.classification {
        text.push_str(&format!(" {c}"));
    }
    add_tags(&mut doc, f, &tags, Some(&mut text));
    // Only the table's own hit carries its quality; its columns' do not.
    finish(&mut doc, f, &Hit { quality: entry.quality, ..base.clone() }, &text);
    let facts = Facts::Table {
        database: table.database.clone(),
        name: name.to_owned(),
        owner: table.created_by.clone(),
        columns: d.columns.iter().map(|c| c.name.to_string()).collect(),
    };
    doc.add_text(f.facts, serde_json::to_string(&facts).unwrap_or_default());
    let mut docs = Vec::with_capacity(1 + d.columns.len() + d.partition_keys.len());
    docs.push(doc);
    // Regular columns are addressed by position; partition keys share the table's key: they
    // are visible whenever the table is.
    let shared = ColumnShared::new(&base, &tags, zone_rank(d.zone));
    let columns = d.columns.iter().enumerate().map(|(i, c)| (c, i as u64 + 1));
    let keys = d.partition_keys.iter().map(|c| (c, 0));
    for (column, col) in columns.chain(keys) {
        let own = entry.column_tags.get(column.name.as_str());
        docs.push(shared.document(f, column, own, (ord, col)));
    }
    (docs, facts)
}
