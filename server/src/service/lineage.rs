//! Lineage graphs: from a table (and optionally one of its columns), the tables upstream
//! (what it is made of) or downstream (what is made of it), up to a depth, as pipelines
//! recorded them. A table the caller may not DESCRIBE is an opaque `hidden` node - no name,
//! no columns - and the walk does not go past it, so the graph never names what the caller
//! cannot see; columns the caller may not see are left out.

use std::collections::{BTreeMap, BTreeSet};

use super::{ServiceResult, core::Core};
use crate::domain::names::ColumnName;
use crate::domain::pipeline::run::LineageEdge;
use crate::domain::principal::Principal;
use crate::store::{Store, lineage};

pub const MAX_DEPTH: u32 = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// `database.table`, or `hidden-N` for a table the caller may not see.
    pub id: String,
    pub table: Option<(String, String)>,
    pub depth: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ColumnEdge {
    pub source: (String, String),
    pub target: (String, String),
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Graph {
    pub nodes: Vec<Node>,
    /// (source node id, target node id).
    pub edges: Vec<(String, String)>,
    /// Column edges between visible tables: (node id, column).
    pub columns: Vec<ColumnEdge>,
}

#[derive(Debug, Clone)]
pub struct Lineage {
    core: Core,
    store: Store,
}

impl Lineage {
    pub fn new(core: Core, store: Store) -> Self {
        Self { core, store }
    }

    /// The visible columns of a table the caller sees, `None` when it does not.
    async fn visible(
        &self,
        principal: &Principal,
        database: &str,
        table: &str,
    ) -> ServiceResult<Option<BTreeSet<String>>> {
        match self.core.visible_table(principal, database, table).await {
            Ok((t, access)) => {
                let d = super::core::visible_definition(&t.definition, &access);
                Ok(Some(d.columns.iter().chain(&d.partition_keys).map(|c| c.name.to_string()).collect()))
            }
            Err(super::ServiceError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub async fn graph(
        &self,
        principal: &Principal,
        database: &str,
        table: &str,
        column: Option<&str>,
        direction: Direction,
        depth: u32,
    ) -> ServiceResult<Graph> {
        // validate: the start must be visible (else 404, like the table itself)
        if let Some(c) = column {
            ColumnName::parse(c)?;
        }
        let (start, _) = self.core.visible_table(principal, database, table).await?;
        let start = (start.database.clone(), start.name.to_string());
        let depth = depth.clamp(1, MAX_DEPTH);
        let mut graph = Graph::default();
        let mut ids: BTreeMap<(String, String), String> = BTreeMap::new();
        let mut columns: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
        let start_id = format!("{}.{}", start.0, start.1);
        ids.insert(start.clone(), start_id.clone());
        columns.insert(start.clone(), self.visible(principal, &start.0, &start.1).await?.unwrap_or_default());
        graph.nodes.push(Node { id: start_id, table: Some(start.clone()), depth: 0 });
        let mut frontier = vec![start.clone()];
        // Columns being followed (column lineage), per table.
        let mut followed: BTreeSet<(String, String, String)> =
            column.map(|c| (start.0.clone(), start.1.clone(), c.to_owned())).into_iter().collect();
        let mut hidden = 0;
        for level in 1..=depth {
            if frontier.is_empty() {
                break;
            }
            let edges = lineage::edges(&mut self.store.conn(), &frontier, direction == Direction::Up).await?;
            let mut next = Vec::new();
            for e in &edges {
                let (near, far) = match direction {
                    Direction::Up => (
                        (e.target_database.clone(), e.target_table.clone()),
                        (e.source_database.clone(), e.source_table.clone()),
                    ),
                    Direction::Down => (
                        (e.source_database.clone(), e.source_table.clone()),
                        (e.target_database.clone(), e.target_table.clone()),
                    ),
                };
                let Some(near_id) = ids.get(&near).cloned() else { continue };
                if !ids.contains_key(&far) {
                    let seen = self.visible(principal, &far.0, &far.1).await?;
                    let id = match &seen {
                        Some(_) => format!("{}.{}", far.0, far.1),
                        None => {
                            hidden += 1;
                            format!("hidden-{hidden}")
                        }
                    };
                    ids.insert(far.clone(), id.clone());
                    graph.nodes.push(Node { id, table: seen.is_some().then(|| far.clone()), depth: level });
                    if let Some(cols) = seen {
                        columns.insert(far.clone(), cols);
                        next.push(far.clone());
                    }
                }
                let far_id = ids[&far].clone();
                if e.kind == "table" {
                    let pair = match direction {
                        Direction::Up => (far_id.clone(), near_id.clone()),
                        Direction::Down => (near_id.clone(), far_id.clone()),
                    };
                    if !graph.edges.contains(&pair) {
                        graph.edges.push(pair);
                    }
                }
            }
            if column.is_some() {
                follow_columns(&edges, direction, &mut followed, &columns, &ids, &mut graph);
            }
            frontier = next;
        }
        Ok(graph)
    }
}

/// Adds the column edges leaving the followed columns and follows their far ends.
fn follow_columns(
    edges: &[LineageEdge],
    direction: Direction,
    followed: &mut BTreeSet<(String, String, String)>,
    columns: &BTreeMap<(String, String), BTreeSet<String>>,
    ids: &BTreeMap<(String, String), String>,
    graph: &mut Graph,
) {
    let mut added = Vec::new();
    for e in edges.iter().filter(|e| e.kind != "table" && !e.source_column.is_empty()) {
        let source = (e.source_database.clone(), e.source_table.clone(), e.source_column.clone());
        let target = (e.target_database.clone(), e.target_table.clone(), e.target_column.clone());
        let (near, far) = if direction == Direction::Up { (&target, &source) } else { (&source, &target) };
        // An indirect edge (`*`) shapes every column of its target.
        let matches =
            followed.contains(near) || (near.2 == "*" && followed.iter().any(|f| f.0 == near.0 && f.1 == near.1));
        if !matches {
            continue;
        }
        let visible = |c: &(String, String, String)| {
            c.2 == "*" || columns.get(&(c.0.clone(), c.1.clone())).is_some_and(|set| set.contains(&c.2))
        };
        let (Some(s), Some(t)) =
            (ids.get(&(source.0.clone(), source.1.clone())), ids.get(&(target.0.clone(), target.1.clone())))
        else {
            continue;
        };
        if !visible(&source) || !visible(&target) || s.starts_with("hidden-") || t.starts_with("hidden-") {
            continue;
        }
        graph.columns.push(ColumnEdge {
            source: (s.clone(), source.2.clone()),
            target: (t.clone(), target.2.clone()),
            kind: e.kind.clone(),
        });
        if far.2 != "*" {
            added.push(far.clone());
        }
    }
    followed.extend(added);
}
