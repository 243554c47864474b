//! Pipeline runs as lineage events (what `http` renders as OpenLineage): each run of a
//! pipeline the caller may see, with the tables it reads and writes and the column edges its
//! last successful run recorded. Tables the caller may not see are left out, with every edge
//! that names them.

use std::collections::BTreeMap;

use super::core::Core;
use super::pipelines::{Pipelines, Result};
use crate::domain::pipeline::run::{LineageEdge, PipelineRun};
use crate::domain::principal::Principal;
use crate::domain::table::TableDefinition;
use crate::store::{lineage, pipelines};

/// A table of an event, as the caller may see it.
#[derive(Debug, Clone)]
pub struct EventTable {
    pub database: String,
    pub name: String,
    pub definition: TableDefinition,
}

#[derive(Debug, Clone)]
pub struct RunLineage {
    pub pipeline: String,
    pub run: PipelineRun,
    pub inputs: Vec<EventTable>,
    pub outputs: Vec<EventTable>,
    /// Column edges into the outputs, between visible tables and columns.
    pub columns: Vec<LineageEdge>,
}

/// The table as `principal` may see it (columns it may not read left out), or `None`.
async fn visible(core: &Core, principal: &Principal, database: &str, name: &str) -> Result<Option<EventTable>> {
    match core.visible_table(principal, database, name).await {
        Ok((t, access)) => Ok(Some(EventTable {
            database: t.database.clone(),
            name: t.name.to_string(),
            definition: super::core::visible_definition(&t.definition, &access),
        })),
        Err(super::ServiceError::NotFound { .. }) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

fn has_column(t: &EventTable, column: &str) -> bool {
    t.definition.columns.iter().chain(&t.definition.partition_keys).any(|c| c.name.as_str() == column)
}

impl Pipelines {
    /// The latest runs (at most `limit`) of every pipeline the caller may see, newest first.
    pub async fn lineage_events(&self, principal: &Principal, limit: u32) -> Result<Vec<RunLineage>> {
        let limit = u64::from(limit.clamp(1, 1000));
        let mut out = Vec::new();
        for p in self.list(principal).await? {
            let edges = lineage::of_pipeline(&mut self.store.conn(), &p.id).await?;
            let mut tables: BTreeMap<(String, String), Option<EventTable>> = BTreeMap::new();
            for e in &edges {
                for (d, t) in [(&e.source_database, &e.source_table), (&e.target_database, &e.target_table)] {
                    if let std::collections::btree_map::Entry::Vacant(slot) = tables.entry((d.clone(), t.clone())) {
                        slot.insert(visible(&self.core, principal, d, t).await?);
                    }
                }
            }
            let table = |d: &str, t: &str| tables.get(&(d.to_owned(), t.to_owned())).cloned().flatten();
            let mut inputs: Vec<EventTable> = Vec::new();
            let mut outputs: Vec<EventTable> = Vec::new();
            for e in edges.iter().filter(|e| e.kind == "table") {
                if let Some(t) = table(&e.source_database, &e.source_table)
                    && !inputs.iter().any(|i| i.database == t.database && i.name == t.name)
                {
                    inputs.push(t);
                }
                if let Some(t) = table(&e.target_database, &e.target_table)
                    && !outputs.iter().any(|o| o.database == t.database && o.name == t.name)
                {
                    outputs.push(t);
                }
            }
            let columns: Vec<LineageEdge> = edges
                .iter()
                .filter(|e| e.kind != "table" && !e.source_column.is_empty())
                .filter(|e| {
                    let source = table(&e.source_database, &e.source_table);
                    let target = table(&e.target_database, &e.target_table);
                    source.is_some_and(|s| has_column(&s, &e.source_column))
                        && target.is_some_and(|t| e.target_column == "*" || has_column(&t, &e.target_column))
                })
                .cloned()
                .collect();
            for run in pipelines::runs(&mut self.store.conn(), &p.id, limit).await? {
                out.push(RunLineage {
                    pipeline: p.name.clone(),
                    run,
                    inputs: inputs.clone(),
                    outputs: outputs.clone(),
                    columns: columns.clone(),
                });
            }
        }
        out.sort_by_key(|r| std::cmp::Reverse(r.run.started_at));
        out.truncate(limit as usize);
        Ok(out)
    }
}
