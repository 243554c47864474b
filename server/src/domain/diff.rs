//! The difference between two table definitions, and whether readers of the old one keep working.

use std::collections::BTreeMap;

use serde::Serialize;

use super::table::{Column, TableDefinition};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// One changed field. `path` names it (`columns.amount.data_type`, `business.owner`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    pub path: String,
    pub from: Option<String>,
    pub to: Option<String>,
    /// False when data written under the old definition may no longer read under the new one.
    pub compatible: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct TableDiff {
    pub changes: Vec<Change>,
}

impl TableDiff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    pub fn is_compatible(&self) -> bool {
        self.changes.iter().all(|c| c.compatible)
    }

    /// One line for the version history, e.g. `added column region (utf8); changed zone`.
    pub fn summary(&self) -> String {
        if self.changes.is_empty() {
            return "no changes".to_owned();
        }
        let parts: Vec<String> = self
            .changes
            .iter()
            .map(|c| {
                let verb = match c.kind {
                    ChangeKind::Added => "added",
                    ChangeKind::Removed => "removed",
                    ChangeKind::Changed => "changed",
                };
                let note = if c.compatible { "" } else { " (incompatible)" };
                format!("{verb} {}{note}", c.path)
            })
            .collect();
        parts.join("; ")
    }
}

struct Differ {
    changes: Vec<Change>,
}

impl Differ {
    fn field(&mut self, path: &str, from: Option<String>, to: Option<String>, compatible: bool) {
        if from == to {
            return;
        }
        let kind = match (&from, &to) {
            (None, Some(_)) => ChangeKind::Added,
            (Some(_), None) => ChangeKind::Removed,
            _ => ChangeKind::Changed,
        };
        self.changes.push(Change { kind, path: path.to_owned(), from, to, compatible });
    }

    fn map(&mut self, prefix: &str, from: &BTreeMap<String, String>, to: &BTreeMap<String, String>) {
        let keys: std::collections::BTreeSet<&String> = from.keys().chain(to.keys()).collect();
        for key in keys {
            self.field(&format!("{prefix}.{key}"), from.get(key).cloned(), to.get(key).cloned(), true);
        }
    }

    fn columns(&mut self, prefix: &str, from: &[Column], to: &[Column]) {
        for old in from {
            let path = format!("{prefix}.{}", old.name);
            match to.iter().find(|c| c.name == old.name) {
                None => self.changes.push(Change {
                    kind: ChangeKind::Removed,
                    path,
                    from: Some(old.data_type.to_string()),
                    to: None,
                    compatible: false,
                }),
                Some(new) => self.column(&path, old, new),
            }
        }
        for new in to.iter().filter(|n| !from.iter().any(|o| o.name == n.name)) {
            self.changes.push(Change {
                kind: ChangeKind::Added,
                path: format!("{prefix}.{}", new.name),
                from: None,
                to: Some(new.data_type.to_string()),
                // Old files lack the column, so it reads as null: fine only if it may be null.
                compatible: new.nullable,
            });
        }
    }

    fn column(&mut self, path: &str, old: &Column, new: &Column) {
        let widening = old.data_type.can_widen_to(&new.data_type);
        self.field(
            &format!("{path}.data_type"),
            Some(old.data_type.to_string()),
            Some(new.data_type.to_string()),
            widening,
        );
        self.field(
            &format!("{path}.nullable"),
            Some(old.nullable.to_string()),
            Some(new.nullable.to_string()),
            new.nullable || !old.nullable,
        );
        self.field(&format!("{path}.description"), old.description.clone(), new.description.clone(), true);
        self.field(&format!("{path}.sensitivity"), old.sensitivity.clone(), new.sensitivity.clone(), true);
    }
}

/// What changed from `old` to `new`, in a stable order.
pub fn diff(old: &TableDefinition, new: &TableDefinition) -> TableDiff {
    let mut d = Differ { changes: Vec::new() };
    d.field("description", old.description.clone(), new.description.clone(), true);
    d.field("zone", Some(old.zone.as_str().into()), Some(new.zone.as_str().into()), true);
    d.field("format", Some(old.format.as_str().into()), Some(new.format.as_str().into()), false);
    d.map("format_options", &old.format_options, &new.format_options);
    d.field("location", old.location.clone(), new.location.clone(), true);
    d.columns("columns", &old.columns, &new.columns);
    let old_keys: Vec<&str> = old.partition_keys.iter().map(|k| k.name.as_str()).collect();
    let new_keys: Vec<&str> = new.partition_keys.iter().map(|k| k.name.as_str()).collect();
    if old_keys != new_keys {
        d.field("partition_keys", Some(old_keys.join(",")), Some(new_keys.join(",")), false);
    } else {
        d.columns("partition_keys", &old.partition_keys, &new.partition_keys);
    }
    let (ob, nb) = (&old.business, &new.business);
    d.field("business.owner", ob.owner.clone(), nb.owner.clone(), true);
    d.field("business.steward", ob.steward.clone(), nb.steward.clone(), true);
    d.field("business.domain", ob.domain.clone(), nb.domain.clone(), true);
    d.field("business.classification", ob.classification.clone(), nb.classification.clone(), true);
    d.map("business.properties", &ob.properties, &nb.properties);
    TableDiff { changes: d.changes }
}
