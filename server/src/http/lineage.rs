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
