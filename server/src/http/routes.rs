//! Route metadata: what the edge knows about each route of each API surface, keyed by the
//! route's template, never by matching path strings: its action name in the audit trail (the
//! route's OpenAPI `operationId`) and whether its body streams for as long as it takes (no
//! request timeout). `/v1` is one surface; others (an Iceberg REST surface) mount their own
//! routes with their own names, and are audited the same way.

use std::collections::HashMap;

use axum::http::Method;

/// Operations whose request or response body streams for as long as it takes (uploads,
/// query results, data-endpoint writes): their own limits apply, not the request timeout.
const STREAMING: [&str; 3] = ["file.upload", "query.run", "data.put"];

/// Operations whose successful requests are audited as a summary the service writes (per
/// stream, principal and minute), not one record each: they come at stream rates.
const SUMMARIZED: [&str; 1] = ["stream_record.put"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteMeta {
    /// `table.get`, `grant.revoke`, ...
    pub action: String,
    pub streaming: bool,
    pub summarized: bool,
}

#[derive(Debug, Clone, Default)]
pub struct RouteTable {
    /// Keyed by template, then method, so a lookup borrows the matched path: no allocation
    /// per request.
    routes: HashMap<String, HashMap<Method, RouteMeta>>,
    /// Path prefixes of the mounted surfaces (`/v1/`): requests under them are audited.
    surfaces: Vec<String>,
}

impl RouteTable {
    /// The `/v1` surface, from its OpenAPI document: one entry per operation.
    pub fn v1() -> Self {
        let mut table = Self::default();
        let doc = super::route_document();
        let mut entries = Vec::new();
        for (path, item) in &doc.paths.paths {
            let operations = [
                (Method::GET, &item.get),
                (Method::PUT, &item.put),
                (Method::POST, &item.post),
                (Method::DELETE, &item.delete),
                (Method::PATCH, &item.patch),
            ];
            for (method, operation) in operations {
                if let Some(id) = operation.as_ref().and_then(|o| o.operation_id.clone()) {
                    entries.push((method, path.clone(), id));
                }
            }
        }
        table.mount("/v1/", entries);
        table
    }

    /// Adds a surface under `prefix` with its routes: (method, route template, action).
    pub fn mount(&mut self, prefix: &str, routes: impl IntoIterator<Item = (Method, String, String)>) {
        self.surfaces.push(prefix.to_owned());
        for (method, template, action) in routes {
            let streaming = STREAMING.contains(&action.as_str());
            let summarized = SUMMARIZED.contains(&action.as_str());
            self.routes.entry(template).or_default().insert(method, RouteMeta { action, streaming, summarized });
        }
    }

    /// The metadata of the route `template` (axum's matched path) for `method`.
    pub fn get(&self, method: &Method, template: &str) -> Option<&RouteMeta> {
        self.routes.get(template)?.get(method)
    }

    /// Whether `path` lies under a mounted surface (so its request is audited).
    pub fn audits(&self, path: &str) -> bool {
        self.surfaces.iter().any(|prefix| path.starts_with(prefix.as_str()))
    }

    /// Every action name, for checks.
    pub fn actions(&self) -> impl Iterator<Item = &str> {
        self.routes.values().flat_map(HashMap::values).map(|m| m.action.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_v1_route_has_a_unique_action_from_its_metadata() {
        let table = RouteTable::v1();
        let get = |m: Method, t: &str| table.get(&m, t).map(|r| r.action.clone()).unwrap_or_default();
        assert_eq!(get(Method::GET, "/v1/databases/{db}/tables/{table}"), "table.get");
        assert_eq!(get(Method::POST, "/v1/grants/revoke"), "grant.revoke");
        assert_eq!(get(Method::PUT, "/v1/principals/groups/{name}/members/{principal}"), "member.add");
        assert_eq!(get(Method::DELETE, "/v1/queries/{id}"), "query.cancel");
        assert!(table.get(&Method::POST, "/v1/query").is_some_and(|r| r.streaming));
        assert!(table.get(&Method::GET, "/v1/queries").is_some_and(|r| !r.streaming));
        let mut actions: Vec<&str> = table.actions().collect();
        let all = actions.len();
        actions.sort_unstable();
        actions.dedup();
        assert_eq!(actions.len(), all, "operation ids are unique");
        assert!(table.audits("/v1/databases") && !table.audits("/healthz"));
    }
}
