//! `/v1/lineage`: the table- and column-level lineage graph pipelines recorded.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::AppState;
use super::error::{ApiError, ApiResult, ErrorCode, Problem};
use super::extract::{Caller, Query};
use crate::service::lineage::{Direction, Graph};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct LineageParams {
    #[param(pattern = "^[a-z][a-z0-9_]*$", max_length = 128)]
    pub database: String,
    #[param(pattern = "^[a-z][a-z0-9_]*$", max_length = 128)]
    pub table: String,
    /// Follow one column (column-level lineage).
    #[param(pattern = "^[a-z][a-z0-9_]*$", max_length = 128)]
    pub column: Option<String>,
    /// `up` (what the table is made of, the default) or `down` (what is made of it).
    #[param(pattern = "^(up|down)$")]
    pub direction: Option<String>,
    /// Hops at most [default: 5].
    #[param(minimum = 1, maximum = 50)]
    pub depth: Option<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LineageNode {
    /// `database.table`, or `hidden-N` for a table the caller may not see.
    pub id: String,
    pub database: Option<String>,
    pub table: Option<String>,
    /// True for a table the caller may not see: no name, no columns, not followed further.
    pub hidden: bool,
    /// Hops from the table asked about.
    pub depth: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LineageEdgeResponse {
    /// Node ids.
    pub source: String,
    pub target: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ColumnLineageEdge {
    pub source_node: String,
    pub source_column: String,
    pub target_node: String,
    /// `*` for an edge that shapes every column (filter, join, group by, sort, window).
    pub target_column: String,
    /// `identity`, `transformation`, `aggregation`, `filter`, `join`, `group_by`, `sort` or `window`.
    pub kind: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LineageGraph {
    pub nodes: Vec<LineageNode>,
    pub edges: Vec<LineageEdgeResponse>,
    /// With `column`: the column edges followed from it.
    pub columns: Vec<ColumnLineageEdge>,
}

impl From<Graph> for LineageGraph {
    fn from(g: Graph) -> Self {
        Self {
            nodes: g
                .nodes
                .into_iter()
                .map(|n| LineageNode {
                    hidden: n.table.is_none(),
                    database: n.table.as_ref().map(|t| t.0.clone()),
                    table: n.table.map(|t| t.1),
                    id: n.id,
                    depth: n.depth,
                })
                .collect(),
            edges: g.edges.into_iter().map(|(source, target)| LineageEdgeResponse { source, target }).collect(),
            columns: g
                .columns
                .into_iter()
                .map(|c| ColumnLineageEdge {
                    source_node: c.source.0,
                    source_column: c.source.1,
                    target_node: c.target.0,
                    target_column: c.target.1,
                    kind: c.kind,
                })
                .collect(),
        }
    }
}

/// Get lineage
///
/// The tables upstream or downstream of a table, as pipeline runs recorded them, and with `column`
/// the column edges from one of its columns. Tables the caller may not see appear as opaque
/// `hidden` nodes and are not followed; the table asked about must be visible (else 404).
#[utoipa::path(get, path = "/v1/lineage", operation_id = "lineage.get", tag = "lineage", params(LineageParams),
    responses((status = 200, body = LineageGraph), (status = "4XX", body = Problem)))]
pub async fn lineage(
    State(s): State<AppState>,
    Caller(c): Caller,
    Query(p): Query<LineageParams>,
) -> ApiResult<Json<LineageGraph>> {
    let direction = match p.direction.as_deref() {
        None | Some("up") => Direction::Up,
        Some("down") => Direction::Down,
        Some(other) => {
            return Err(ApiError::new(ErrorCode::InvalidRequest, format!("direction is up or down, not `{other}`")));
        }
    };
    let graph =
        s.lineage.graph(&c, &p.database, &p.table, p.column.as_deref(), direction, p.depth.unwrap_or(5)).await?;
    Ok(Json(graph.into()))
}

const NAMESPACE: &str = "tarn";
const PRODUCER: &str = concat!("https://github.com/tarn-lake/tarn/tree/v", env!("CARGO_PKG_VERSION"));
const RUN_EVENT: &str = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
const SCHEMA_FACET: &str = "https://openlineage.io/spec/facets/1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet";
const COLUMN_FACET: &str =
    "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet";
const ERROR_FACET: &str =
    "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet";

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct EventParams {
    /// Runs at most, newest first [default: 100].
    #[param(minimum = 1, maximum = 1000)]
    pub max_results: Option<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LineageEvents {
    /// OpenLineage RunEvents (spec 2-0-2): START, then COMPLETE, FAIL or ABORT, per run; outputs
    /// carry the schema and columnLineage facets.
    #[schema(value_type = Vec<Object>)]
    pub events: Vec<serde_json::Value>,
}

fn transformation(kind: &str) -> serde_json::Value {
    let (kind_type, subtype) = match kind {
        "identity" => ("DIRECT", "IDENTITY"),
        "transformation" => ("DIRECT", "TRANSFORMATION"),
        "aggregation" => ("DIRECT", "AGGREGATION"),
        "join" => ("INDIRECT", "JOIN"),
        "group_by" => ("INDIRECT", "GROUP_BY"),
        "sort" => ("INDIRECT", "SORT"),
        "window" => ("INDIRECT", "WINDOW"),
        _ => ("INDIRECT", "FILTER"),
    };
    serde_json::json!({"type": kind_type, "subtype": subtype})
}

fn dataset(
    t: &crate::service::lineage_events::EventTable,
    edges: Option<&[crate::domain::pipeline::run::LineageEdge]>,
) -> serde_json::Value {
    use serde_json::json;
    let fields: Vec<serde_json::Value> = t
        .definition
        .columns
        .iter()
        .chain(&t.definition.partition_keys)
        .map(|c| json!({"name": c.name.as_str(), "type": c.data_type.to_string()}))
        .collect();
    let mut facets = json!({"schema": {"_producer": PRODUCER, "_schemaURL": SCHEMA_FACET, "fields": fields}});
    if let Some(edges) = edges {
        let mine = edges.iter().filter(|e| e.target_database == t.database && e.target_table == t.name);
        let mut columns = serde_json::Map::new();
        let mut whole = Vec::new();
        for e in mine {
            let input = json!({"namespace": NAMESPACE, "name": format!("{}.{}", e.source_database, e.source_table),
                               "field": e.source_column, "transformations": [transformation(&e.kind)]});
            if e.target_column == "*" {
                whole.push(input);
            } else {
                let entry = columns.entry(e.target_column.clone()).or_insert_with(|| json!({"inputFields": []}));
                if let Some(list) = entry["inputFields"].as_array_mut() {
                    list.push(input);
                }
            }
        }
        facets["columnLineage"] =
            json!({"_producer": PRODUCER, "_schemaURL": COLUMN_FACET, "fields": columns, "dataset": whole});
    }
    json!({"namespace": NAMESPACE, "name": format!("{}.{}", t.database, t.name), "facets": facets})
}

fn events_of(r: crate::service::lineage_events::RunLineage) -> Vec<serde_json::Value> {
    use serde_json::json;
    let inputs: Vec<serde_json::Value> = r.inputs.iter().map(|t| dataset(t, None)).collect();
    let outputs: Vec<serde_json::Value> = r.outputs.iter().map(|t| dataset(t, Some(&r.columns))).collect();
    let event = |kind: &str, at: chrono::DateTime<chrono::Utc>, facets: serde_json::Value| {
        json!({"eventType": kind, "eventTime": at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
               "producer": PRODUCER, "schemaURL": RUN_EVENT,
               "run": {"runId": r.run.id, "facets": facets},
               "job": {"namespace": NAMESPACE, "name": r.pipeline},
               "inputs": inputs, "outputs": outputs})
    };
    let mut out = vec![event("START", r.run.started_at, json!({}))];
    if let Some(finished) = r.run.finished_at {
        let (kind, facets) = match r.run.status.as_str() {
            "succeeded" => ("COMPLETE", json!({})),
            "cancelled" => ("ABORT", json!({})),
            _ => (
                "FAIL",
                json!({"errorMessage": {"_producer": PRODUCER, "_schemaURL": ERROR_FACET,
                "message": r.run.message.clone().unwrap_or_default(), "programmingLanguage": "SQL"}}),
            ),
        };
        out.push(event(kind, finished, facets));
    }
    out
}

/// Lineage events (OpenLineage)
///
/// The runs of the pipelines the caller may see as OpenLineage RunEvents, for Marquez, DataHub
/// and other OpenLineage consumers: each run's START and its COMPLETE, FAIL or ABORT, with the
/// tables it reads and writes (namespace `tarn`, names `database.table`), their schemas and the
/// column lineage of the outputs. Tables the caller may not see are left out.
#[utoipa::path(get, path = "/v1/lineage/events", operation_id = "lineage.events", tag = "lineage", params(EventParams),
    responses((status = 200, body = LineageEvents), (status = "4XX", body = Problem)))]
pub async fn lineage_events(
    State(s): State<AppState>,
    Caller(c): Caller,
    Query(p): Query<EventParams>,
) -> ApiResult<Json<LineageEvents>> {
    let max = p.max_results.unwrap_or(100);
    if !(1..=1000).contains(&max) {
        return Err(ApiError::new(ErrorCode::InvalidRequest, "max_results must be between 1 and 1000"));
    }
    let runs = s.pipelines.lineage_events(&c, max).await?;
    Ok(Json(LineageEvents { events: runs.into_iter().flat_map(events_of).collect() }))
}
