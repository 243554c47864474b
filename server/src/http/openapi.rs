//! The published OpenAPI document of `/v1`. utoipa generates it from the routes; this module
//! finishes it for the tools users point at it (validators, SDK generators, schemathesis):
//! every error status an operation can answer, as `application/problem+json` with the codes
//! of [`ErrorCode`]'s table; a description on every response; binary bodies as binary
//! strings; OpenAPI path templates for axum's wildcard routes; model names without the
//! `Dto` suffix of our wire types; and a `servers` entry.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

use super::error::ErrorCode;
use super::schema;

#[derive(OpenApi)]
#[openapi(
    info(title = "Tarn", description = "Data lake catalog and governance server: the v1 API.\n\n\
        Errors are RFC 9457 problem documents (`application/problem+json`) with a stable `code`. \
        Lists are paginated with `max_results` (1-1000) and `page_token`; the answer's \
        `next_page_token` fetches the next page. Resources the caller may not see are absent: \
        404 on their own paths, left out of lists and search."),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
    components(schemas(
        QueryResult, QueryResultColumn, schema::PrivilegeName, schema::GrantType, schema::ResultFormat,
        schema::CredentialOperation, schema::PermissionType, schema::AuditDecision, schema::RoleName,
        schema::SchemaChange, schema::DeletedFolders,
    )),
    tags(
        (name = "auth", description = "Tokens and the current principal"),
        (name = "databases", description = "Databases: the top-level namespace"),
        (name = "tables", description = "Tables, their versions and diffs"),
        (name = "partitions", description = "Partitions of partitioned tables"),
        (name = "principals", description = "Users, groups and service principals"),
        (name = "grants", description = "Grants, revokes and effective permissions"),
        (name = "roles", description = "Management-plane roles (lake_admin, read_only_admin, auditor, data_steward) and who holds them"),
        (name = "audit", description = "The tamper-evident audit trail"),
        (name = "tags", description = "Tag keys and the tags of databases, tables and columns"),
        (name = "search", description = "Search for databases, tables and columns"),
        (name = "files", description = "Files uploaded into tables' folders in the lake"),
        (name = "crawlers", description = "Crawlers that turn folders of files into tables and partitions"),
        (name = "streams", description = "Delivery streams: durable record ingestion into tables"),
        (name = "queries", description = "SQL over the catalog's tables, within the caller's grants"),
        (name = "credentials", description = "Vended, time-limited access to a table's files for external engines"),
    )
)]
pub(super) struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build()),
        );
    }
}

/// A query result as `format=json` sends it.
#[derive(ToSchema)]
#[allow(dead_code)] // documents the streamed body; never built as a value
struct QueryResult {
    columns: Vec<QueryResultColumn>,
    /// One object per row, keyed by column name.
    #[schema(value_type = Vec<Object>)]
    rows: Vec<Map<String, Value>>,
}

#[derive(ToSchema)]
#[allow(dead_code)]
struct QueryResultColumn {
    name: String,
    /// The Arrow data type, e.g. `Int64`, `Utf8`, `Timestamp(Microsecond, None)`.
    #[schema(rename = "type")]
    type_: String,
}

/// The server a local `cargo run --release -- serve` starts.
const LOCAL_SERVER: &str = "http://127.0.0.1:8470";

/// Error statuses an operation answers beyond the ones every operation can (400, 401, 403,
/// 500, 503) and 404 for operations on a named resource.
fn extra_statuses(operation_id: &str, method: &str, has_body: bool) -> Vec<u16> {
    let mut statuses = Vec::new();
    if has_body {
        statuses.extend([413, 415]);
    }
    let conflicts = matches!(method, "post" | "put" | "patch" | "delete");
    if conflicts && !matches!(operation_id, "auth.token" | "query.run" | "grant.revoke") {
        statuses.push(409);
    }
    match operation_id {
        "table.update" | "pipeline.update" => statuses.extend([412, 428]),
        "auth.token" => statuses.extend([401, 429]),
        // A principal, database or table named in the body or query may not exist.
        "assignment.create"
        | "assignment.revoke"
        | "permission.effective"
        | "crawler.create"
        | "stream.create"
        | "grant.create"
        | "grant.revoke"
        | "grant.list"
        | "assignment.list"
        | "lineage.get" => statuses.push(404),
        "query.run" => statuses.extend([408, 409, 422, 429]),
        "stream_record.put" => statuses.push(429),
        _ => {}
    }
    statuses
}

/// The document as published in `openapi/openapi.json` and at `/v1/openapi.json`.
pub fn publish(doc: &utoipa::openapi::OpenApi) -> Value {
    let mut doc = serde_json::to_value(doc).unwrap_or_default();
    doc["servers"] =
        json!([{"url": LOCAL_SERVER, "description": "Tarn on this machine (`cargo run --release -- serve`)"}]);
    let mut used = BTreeSet::new();
    if let Some(paths) = doc["paths"].as_object_mut() {
        let published: Map<String, Value> = std::mem::take(paths)
            .into_iter()
            .map(|(path, mut item)| {
                finish_path(&mut item, &mut used);
                (path.replace("{*", "{"), item)
            })
            .collect();
        *paths = published;
    }
    let (responses, problems): (Map<String, Value>, Map<String, Value>) = used
        .into_iter()
        .map(error_response)
        .map(|(name, response, schema)| ((name.clone(), response), (format!("{name}Problem"), schema)))
        .unzip();
    doc["components"]["responses"] = Value::Object(responses);
    if let Some(schemas) = doc["components"]["schemas"].as_object_mut() {
        schemas.extend(problems);
    }
    rename_dto_schemas(&mut doc);
    separate_form_schemas(&mut doc);
    name_tagged_variants(&mut doc);
    name_internally_tagged_variants(&mut doc);
    super::openapi_constraints::apply(&mut doc);
    doc
}

/// The variants of an externally tagged enum (`{"table": {...}}` or `{"database": "sales"}`)
/// become schemas of their own named after their key (`ResourceTable`), so generated SDKs
/// name them (`ResourceTable(table=...)`) rather than number them (`ResourceType2`).
fn name_tagged_variants(doc: &mut Value) {
    let Some(schemas) = doc["components"]["schemas"].as_object_mut() else { return };
    let mut hoisted = Map::new();
    for (name, schema) in schemas.iter_mut() {
        for variant in schema.get_mut("oneOf").and_then(Value::as_array_mut).into_iter().flatten() {
            let key = match variant["required"].as_array().map(Vec::as_slice) {
                Some([Value::String(key)]) if variant["properties"].as_object().is_some_and(|p| p.len() == 1) => key,
                _ => continue,
            };
            let pascal: String = key
                .split('_')
                .flat_map(|word| {
                    let mut chars = word.chars();
                    chars.next().into_iter().flat_map(char::to_uppercase).chain(chars)
                })
                .collect();
            let variant_name = format!("{name}{pascal}");
            let mut named = std::mem::replace(variant, json!({"$ref": format!("#/components/schemas/{variant_name}")}));
            named["title"] = Value::String(variant_name.clone());
            // Exactly one key: a second one makes the value no variant at all.
            named["additionalProperties"] = Value::Bool(false);
            hoisted.insert(variant_name, named);
        }
    }
    schemas.extend(hoisted);
}

/// The variants of an internally tagged enum (`{"kind": "sql", ...}`) become schemas of their
/// own named after the tag's value (`PipelineStepSql`), for the same reason.
fn name_internally_tagged_variants(doc: &mut Value) {
    let Some(schemas) = doc["components"]["schemas"].as_object_mut() else { return };
    let mut hoisted = Map::new();
    for (name, schema) in schemas.iter_mut() {
        for variant in schema.get_mut("oneOf").and_then(Value::as_array_mut).into_iter().flatten() {
            let Some(properties) = variant["properties"].as_object() else { continue };
            let tag =
                ["kind", "op"].into_iter().find_map(|key| match properties.get(key)?["enum"].as_array()?.as_slice() {
                    [Value::String(value)] => Some(value.clone()),
                    _ => None,
                });
            let Some(tag) = tag else { continue };
            let pascal: String = tag
                .split('_')
                .flat_map(|word| {
                    let mut chars = word.chars();
                    chars.next().into_iter().flat_map(char::to_uppercase).chain(chars)
                })
                .collect();
            let variant_name = format!("{name}{pascal}");
            let mut named = std::mem::replace(variant, json!({"$ref": format!("#/components/schemas/{variant_name}")}));
            named["title"] = Value::String(variant_name.clone());
            named["additionalProperties"] = Value::Bool(false);
            hoisted.insert(variant_name, named);
        }
    }
    schemas.extend(hoisted);
}

/// A form body gets a schema of its own, a copy of its JSON twin's: generators that build one
/// model per content type break when two content types share one (openapi-python-client
/// emits code that fails to import).
fn separate_form_schemas(doc: &mut Value) {
    let mut copies = Vec::new();
    for item in doc["paths"].as_object_mut().into_iter().flat_map(|p| p.values_mut()) {
        for operation in item.as_object_mut().into_iter().flat_map(|o| o.values_mut()) {
            // `get_mut`, not indexing: indexing a missing key would insert it.
            let Some(form) = operation.pointer_mut("/requestBody/content/application~1x-www-form-urlencoded") else {
                continue;
            };
            let Some(reference) = form["schema"]["$ref"].as_str().map(str::to_owned) else { continue };
            let Some(name) = reference.strip_prefix("#/components/schemas/").map(str::to_owned) else { continue };
            let copy = format!("{name}Form");
            form["schema"]["$ref"] = Value::String(format!("#/components/schemas/{copy}"));
            copies.push((name, copy));
        }
    }
    for (name, form) in copies {
        let schema = doc["components"]["schemas"][&name].clone();
        doc["components"]["schemas"][&form] = schema;
    }
}

fn finish_path(item: &mut Value, used: &mut BTreeSet<u16>) {
    let Some(item) = item.as_object_mut() else { return };
    for (method, operation) in item.iter_mut() {
        let Some(operation) = operation.as_object_mut() else { continue };
        let id = operation.get("operationId").and_then(Value::as_str).unwrap_or_default().to_owned();
        let public = operation.get("security") == Some(&json!([{}]));
        let named = operation
            .get("parameters")
            .and_then(Value::as_array)
            .is_some_and(|ps| ps.iter().any(|p| p["in"] == "path"));
        if let Some(body) = operation.get_mut("requestBody") {
            binary_bodies(body);
        }
        let has_body = operation.contains_key("requestBody");
        let responses = operation.entry("responses").or_insert_with(|| json!({}));
        let Some(responses) = responses.as_object_mut() else { continue };
        responses.remove("4XX");
        for (status, response) in responses.iter_mut() {
            if response.get("description").is_none() {
                response["description"] = Value::String(success_description(status).to_owned());
            }
            binary_bodies(response);
        }
        let mut statuses = vec![400, 403, 500, 503];
        if !public {
            statuses.push(401);
        }
        if named {
            statuses.push(404);
        }
        statuses.extend(extra_statuses(&id, method, has_body));
        statuses.sort_unstable();
        statuses.dedup();
        for status in statuses {
            used.insert(status);
            responses.insert(
                status.to_string(),
                json!({"$ref": format!("#/components/responses/{}", response_name(status))}),
            );
        }
    }
}

fn success_description(status: &str) -> &'static str {
    match status {
        "201" => "Created",
        "204" => "Done; no content",
        "206" => "Part of the content (a `Range` request)",
        _ => "OK",
    }
}

/// `application/octet-stream` content as a binary string (utoipa describes `Vec<u8>` as an
/// array of integers, which generators turn into lists of numbers).
fn binary_bodies(holder: &mut Value) {
    let Some(content) = holder.get_mut("content").and_then(Value::as_object_mut) else { return };
    for (media, entry) in content.iter_mut() {
        let binary = media == "application/octet-stream"
            || media.starts_with("application/vnd.apache")
            || entry.get("schema").is_some_and(|s| s["type"] == "array" && s["items"]["format"] == "int32");
        if binary {
            entry["schema"] = json!({"type": "string", "format": "binary"});
        } else if media == "text/csv" {
            entry["schema"] = json!({"type": "string"});
        } else if media == "application/json" && entry.get("schema").is_none() {
            entry["schema"] = json!({"$ref": "#/components/schemas/QueryResult"});
        }
    }
}

fn response_name(status: u16) -> String {
    let reason = axum::http::StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason()).unwrap_or("Error");
    reason.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect()
}

/// The shared response of one error status, and its problem schema (named
/// `<Status>Problem`) whose `code` lists the codes of that status.
fn error_response(status: u16) -> (String, Value, Value) {
    let codes: Vec<&str> =
        ErrorCode::ALL.iter().map(|c| c.parts()).filter(|(s, _)| s.as_u16() == status).map(|(_, code)| code).collect();
    let reason = axum::http::StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason()).unwrap_or("Error");
    let listed = codes.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
    let (description, first) = match codes.first() {
        Some(first) => (format!("{reason}. Problem codes: {listed}."), *first),
        None => (format!("{reason}."), "error"),
    };
    let name = response_name(status);
    let mut schema = json!({"$ref": "#/components/schemas/Problem"});
    if !codes.is_empty() {
        schema =
            json!({"allOf": [schema, {"type": "object", "properties": {"code": {"type": "string", "enum": codes}}}]});
    }
    let example = json!({
        "type": format!("urn:tarn:problem:{first}"),
        "title": reason,
        "status": status,
        "detail": "a sentence saying what went wrong",
        "code": first,
        "request_id": "0190f7e4-6a1b-7c3d-9e2f-4a5b6c7d8e9f",
    });
    let reference = json!({"$ref": format!("#/components/schemas/{name}Problem")});
    let body = json!({"description": description, "content": {"application/problem+json": {"schema": reference, "example": example}}});
    (name, body, schema)
}

/// `ColumnDto` -> `Column`, and every reference to it, where the short name is free.
fn rename_dto_schemas(doc: &mut Value) {
    let Some(schemas) = doc["components"]["schemas"].as_object() else { return };
    let renames: BTreeMap<String, String> = schemas
        .keys()
        .filter_map(|name| {
            let short = name.strip_suffix("Dto")?;
            (!schemas.contains_key(short)).then(|| (name.clone(), short.to_owned()))
        })
        .collect();
    if let Some(schemas) = doc["components"]["schemas"].as_object_mut() {
        let renamed: Map<String, Value> =
            std::mem::take(schemas).into_iter().map(|(k, v)| (renames.get(&k).cloned().unwrap_or(k), v)).collect();
        *schemas = renamed;
    }
    rewrite_refs(doc, &renames);
}

fn rewrite_refs(value: &mut Value, renames: &BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if key == "$ref" {
                    if let Some(name) = v.as_str().and_then(|r| r.strip_prefix("#/components/schemas/")) {
                        if let Some(short) = renames.get(name) {
                            *v = Value::String(format!("#/components/schemas/{short}"));
                        }
                    }
                } else {
                    rewrite_refs(v, renames);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rewrite_refs(v, renames)),
        _ => {}
    }
}
