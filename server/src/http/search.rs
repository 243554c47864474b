//! `GET /v1/search`: permission-aware search over databases, tables and columns.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::AppState;
use super::error::{ApiResult, Problem};
use super::extract::{Caller, Query};
use crate::search::FoundHit;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words and filters, e.g. `customer orders zone:curated NOT tag:sensitivity=pii`. Fields:
    /// owner, steward, zone, format, database, domain, tag (`key=value` or `key`), column,
    /// sensitivity, kind. Combine with AND, OR, NOT, `-` and parentheses; quote for exact words.
    pub q: Option<String>,
    #[param(minimum = 1, maximum = 1000)]
    pub max_results: Option<u32>,
    pub page_token: Option<String>,
}

/// Why a hit matched: the field and a snippet with the matching words in `<em>`.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchDto {
    pub field: String,
    pub snippet: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHitDto {
    /// `database`, `table` or `column`.
    pub kind: String,
    pub database: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub steward: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<String>,
    pub tags: BTreeMap<String, String>,
    /// A table's latest data-quality result, for callers who see all its columns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality: Option<SearchQualityDto>,
    pub matches: Vec<MatchDto>,
}

/// The rules a table's latest data-quality check passed, of how many.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchQualityDto {
    pub passed: u64,
    pub total: u64,
    /// passed / total.
    pub score: f64,
}

impl From<FoundHit> for SearchHitDto {
    fn from(found: FoundHit) -> Self {
        let h = found.hit;
        Self {
            kind: h.kind,
            database: h.database,
            table: h.table,
            column: h.column,
            data_type: h.data_type,
            description: h.description,
            zone: h.zone,
            format: h.format,
            owner: h.owner,
            steward: h.steward,
            domain: h.domain,
            sensitivity: h.sensitivity,
            tags: h.tags,
            quality: h.quality.map(|q| SearchQualityDto {
                passed: q.passed,
                total: q.total,
                score: if q.total == 0 { 1.0 } else { q.passed as f64 / q.total as f64 },
            }),
            matches: found
                .matches
                .into_iter()
                .map(|m| MatchDto { field: m.field.to_owned(), snippet: m.snippet })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FacetValueDto {
    pub value: String,
    pub count: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResponse {
    pub results: Vec<SearchHitDto>,
    /// Hits in the whole result set (only what the caller may see).
    pub total: u64,
    /// Counts over the whole result set: zone, format, database, owner, domain, tags.
    pub facets: BTreeMap<String, Vec<FacetValueDto>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
}

/// Search the catalog
///
/// Finds databases, tables and columns matching `q` (words, field filters such as `zone:curated` or
/// `tag:key=value`, combined with AND, OR and NOT), with facet counts over the whole result set,
/// paged with `max_results` and `page_token`. Hits, totals and facets include only what the caller
/// may see, and of a table only the columns it may see.
#[utoipa::path(get, path = "/v1/search", operation_id = "search.list", tag = "search", params(SearchParams),
    responses((status = 200, body = SearchResponse), (status = "4XX", body = Problem)))]
pub async fn search(
    State(s): State<AppState>,
    Caller(c): Caller,
    Query(p): Query<SearchParams>,
) -> ApiResult<Json<SearchResponse>> {
    let q = p.q.unwrap_or_default();
    let page = s.search.search(&c, &q, p.max_results, p.page_token.as_deref()).await?;
    let facets = page
        .facets
        .into_iter()
        .map(|(name, values)| {
            (name.to_owned(), values.into_iter().map(|(value, count)| FacetValueDto { value, count }).collect())
        })
        .collect();
    Ok(Json(SearchResponse {
        results: page.hits.into_iter().map(Into::into).collect(),
        total: page.total,
        facets,
        next_page_token: page.next_page_token,
    }))
}
