//! Column documents: twenty or more per table, so most of the index. What they take from their
//! table (stored hit fields, facets, filter terms) is prepared once per table and copied into
//! each column's document, instead of being formatted, lowercased and escaped again per column.

use serde::Serialize;
use tantivy::TantivyDocument;

use super::documents::{self, Fields, Hit};
use super::words;
use crate::domain::table::Column;
use crate::domain::tag::{self, Tags};

/// What every column document of one table shares.
pub struct ColumnShared<'a> {
    table_tags: &'a Tags,
    entity: String,
    db_key: u64,
    zone_rank: u64,
    /// The table's part of each stored hit, as JSON members without braces.
    members: String,
    /// The table's tags as the stored hit's `tags` member (with a leading comma), or empty.
    tags_member: String,
    /// Facet and filter terms of the table's tags.
    tag_terms: TagTerms,
    /// Database, zone, format, owner and domain facets, as counted and as filtered on.
    facets: Vec<(String, String)>,
    steward: Option<String>,
}

/// Facets (as counted and as filtered on) and `tagkey` filter terms of a set of tags.
struct TagTerms {
    facets: Vec<(String, String)>,
    keys: Vec<String>,
}

impl TagTerms {
    fn of(tags: &Tags) -> Self {
        TagTerms {
            facets: tags.iter().map(|(k, v)| documents::facet_value("tag", &format!("{k}={v}"))).collect(),
            keys: tags.keys().map(|k| documents::filter_term("tagkey", k)).collect(),
        }
    }
}

/// The table's fields of a column's hit, named and skipped as in [`Hit`].
#[derive(Serialize)]
struct TablePart<'a> {
    database: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    table: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    zone: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    steward: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    domain: Option<&'a str>,
}

/// `{"a":1,"b":2}` -> `"a":1,"b":2`.
fn members_of(object: &str) -> &str {
    object.strip_prefix('{').and_then(|o| o.strip_suffix('}')).unwrap_or("")
}

fn json_string(out: &mut Vec<u8>, value: &str) {
    // Writing a string into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, value);
}

impl<'a> ColumnShared<'a> {
    /// Prepares what the columns of the table behind `table` (its own hit) share.
    pub fn new(table: &Hit, table_tags: &'a Tags, zone_rank: u64) -> Self {
        let part = TablePart {
            database: &table.database,
            table: table.table.as_deref(),
            zone: table.zone.as_deref(),
            format: table.format.as_deref(),
            owner: table.owner.as_deref(),
            steward: table.steward.as_deref(),
            domain: table.domain.as_deref(),
        };
        let object = serde_json::to_string(&part).unwrap_or_default();
        let roots =
            [("zone", &table.zone), ("format", &table.format), ("owner", &table.owner), ("domain", &table.domain)];
        let mut facets = vec![documents::facet_value("database", &table.database)];
        facets
            .extend(roots.iter().filter_map(|(root, value)| value.as_deref().map(|v| documents::facet_value(root, v))));
        ColumnShared {
            table_tags,
            entity: documents::table_entity(&table.database, table.table.as_deref().unwrap_or("")),
            db_key: documents::database_key(&table.database),
            zone_rank,
            members: members_of(&object).to_owned(),
            tags_member: tags_member(table_tags),
            tag_terms: TagTerms::of(table_tags),
            facets,
            steward: table.steward.as_deref().map(|s| documents::filter_term("steward", s)),
        }
    }

    /// The document of `column`, at position `col` (0 for a partition key) of table `ord`.
    pub fn document(
        &self,
        f: &Fields,
        column: &Column,
        own_tags: Option<&Tags>,
        (ord, col): (u64, u64),
    ) -> TantivyDocument {
        let name = column.name.as_str();
        // Own tags override the table's: only then does a column need tag terms of its own.
        let own = own_tags.filter(|t| !t.is_empty());
        let merged = own.map(|own| {
            let tags = tag::inherit(self.table_tags, Some(own));
            (tags_member(&tags), TagTerms::of(&tags))
        });
        let (tags_member, tag_terms) = match &merged {
            Some((member, terms)) => (member.as_str(), terms),
            None => (self.tags_member.as_str(), &self.tag_terms),
        };

        let mut doc = TantivyDocument::default();
        doc.add_text(f.entity, &self.entity);
        doc.add_u64(f.ord, ord);
        doc.add_u64(f.col, col);
        doc.add_u64(f.bonus, self.zone_rank * 10 + documents::name_bonus(name));
        doc.add_text(f.column_exact, name);
        doc.add_text(f.column, words::joined(name));
        for (counted, filtered) in &tag_terms.facets {
            doc.add_text(f.facet, counted);
            doc.add_text(f.filter, filtered);
        }
        for key in &tag_terms.keys {
            doc.add_text(f.filter, key);
        }
        doc.add_u64(f.db, self.db_key);
        // A column's words are its own: its table's owner, steward and tags find the table (and
        // still filter and count its columns as facets), not twenty columns besides.
        let mut text = column.description.clone().unwrap_or_default();
        if let Some(s) = &column.sensitivity {
            text.push(' ');
            text.push_str(s);
        }
        for (key, value) in own.into_iter().flatten() {
            for word in [key, value] {
                text.push(' ');
                text.push_str(word);
            }
        }
        doc.add_text(f.text, words::joined(&text));
        doc.add_text(f.hit, self.hit_json(column, tags_member));
        doc.add_text(f.filter, documents::filter_term("kind", "column"));
        for (counted, filtered) in &self.facets {
            doc.add_text(f.facet, counted);
            doc.add_text(f.filter, filtered);
        }
        if let Some(steward) = &self.steward {
            doc.add_text(f.filter, steward);
        }
        if let Some(s) = &column.sensitivity {
            doc.add_text(f.filter, documents::filter_term("sensitivity", s));
        }
        doc
    }

    /// The stored hit of `column`: its own fields, then the table's.
    fn hit_json(&self, column: &Column, tags_member: &str) -> String {
        let mut out = Vec::with_capacity(self.members.len() + tags_member.len() + 160);
        out.extend_from_slice(br#"{"kind":"column","column":"#);
        json_string(&mut out, column.name.as_str());
        out.extend_from_slice(br#","data_type":"#);
        json_string(&mut out, &column.data_type.to_string());
        if let Some(description) = &column.description {
            out.extend_from_slice(br#","description":"#);
            json_string(&mut out, description);
        }
        if let Some(sensitivity) = &column.sensitivity {
            out.extend_from_slice(br#","sensitivity":"#);
            json_string(&mut out, sensitivity);
        }
        out.extend_from_slice(tags_member.as_bytes());
        out.push(b',');
        out.extend_from_slice(self.members.as_bytes());
        out.push(b'}');
        String::from_utf8(out).unwrap_or_default()
    }
}

fn tags_member(tags: &Tags) -> String {
    if tags.is_empty() {
        return String::new();
    }
    format!(r#","tags":{}"#, serde_json::to_string(tags).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use tantivy::schema::Value;

    use super::*;
    use crate::domain::names::ColumnName;

    fn column(name: &str, description: Option<&str>, sensitivity: Option<&str>) -> Column {
        Column {
            name: ColumnName::parse(name).unwrap(),
            data_type: "decimal(10,2)".parse().unwrap(),
            nullable: true,
            description: description.map(str::to_owned),
            sensitivity: sensitivity.map(str::to_owned),
        }
    }

    fn table_hit() -> Hit {
        Hit {
            kind: "table".into(),
            database: "sales".into(),
            table: Some("orders".into()),
            column: None,
            data_type: None,
            description: Some("All \"orders\" \\ placed".into()),
            zone: Some("curated".into()),
            format: Some("parquet".into()),
            owner: Some("Alice".into()),
            steward: None,
            domain: Some("Sales".into()),
            sensitivity: None,
            tags: BTreeMap::new(),
            properties: BTreeMap::from([("team".to_owned(), "x".to_owned())]),
            quality: None,
        }
    }

    fn texts(doc: &TantivyDocument, field: tantivy::schema::Field) -> Vec<String> {
        doc.get_all(field).filter_map(|v| v.as_str().map(str::to_owned)).collect()
    }

    fn sorted(mut values: Vec<String>) -> Vec<String> {
        values.sort();
        values
    }

    #[test]
    fn a_column_document_stores_the_hit_its_fields_make_and_carries_its_tables_terms() {
        let (_, f) = documents::schema();
        let table_tags =
            BTreeMap::from([("domain".to_owned(), "sales".to_owned()), ("tier".to_owned(), "Gold".to_owned())]);
        let own = BTreeMap::from([("tier".to_owned(), "pii \"x\"".to_owned())]);
        let shared = ColumnShared::new(&table_hit(), &table_tags, 2);
        let plain = shared.document(&f, &column("amount", Some("Net \"amount\"\n"), Some("pii")), None, (7, 3));
        let tagged = shared.document(&f, &column("email", None, None), Some(&own), (7, 4));

        let stored: Hit = serde_json::from_str(&texts(&plain, f.hit)[0]).unwrap();
        let expected = Hit {
            kind: "column".into(),
            column: Some("amount".into()),
            data_type: Some("decimal(10,2)".into()),
            description: Some("Net \"amount\"\n".into()),
            sensitivity: Some("pii".into()),
            tags: table_tags.clone(),
            properties: BTreeMap::new(),
            ..table_hit()
        };
        assert_eq!(stored, expected);
        assert_eq!(texts(&plain, f.entity), ["t:sales.orders"]);
        assert_eq!(texts(&plain, f.text), ["net amount pii"]);
        let counted = [
            "database:sales",
            "domain:sales",
            "format:parquet",
            "owner:alice",
            "tag:domain=sales",
            "tag:tier=gold",
            "zone:curated",
        ];
        assert_eq!(sorted(texts(&plain, f.facet)), counted);
        assert_eq!(
            sorted(texts(&plain, f.filter)),
            [
                "database=sales",
                "domain=sales",
                "format=parquet",
                "kind=column",
                "owner=alice",
                "sensitivity=pii",
                "tag=domain=sales",
                "tag=tier=gold",
                "tagkey=domain",
                "tagkey=tier",
                "zone=curated"
            ]
        );

        // Own tags override the table's, in the hit, the facets and the words.
        let stored: Hit = serde_json::from_str(&texts(&tagged, f.hit)[0]).unwrap();
        let merged =
            BTreeMap::from([("domain".to_owned(), "sales".to_owned()), ("tier".to_owned(), "pii \"x\"".to_owned())]);
        assert_eq!(stored.tags, merged);
        assert_eq!((stored.description, stored.sensitivity), (None, None));
        assert!(texts(&tagged, f.facet).contains(&"tag:tier=pii \"x\"".to_owned()));
        assert!(texts(&tagged, f.filter).contains(&"tag=tier=pii \"x\"".to_owned()));
        assert!(!texts(&tagged, f.facet).contains(&"tag:tier=gold".to_owned()));
        assert_eq!(texts(&tagged, f.text), ["tier pii x"]);
    }
}
