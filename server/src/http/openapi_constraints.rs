//! Rules the server enforces that the derived schemas cannot state: patterns of path and query
//! parameters, map keys and values, array items, fields that exclude each other, and fields
//! one value of another requires. Written into the published document, so that generated
//! clients can validate before sending and a fuzzer's schema-valid request is one the server
//! accepts (or refuses for a reason other than its shape).

use serde_json::{Value, json};

const NAME: &str = "^[a-z][a-z0-9_]*$";
const PRINCIPAL_NAME: &str = "^[a-z][a-z0-9_.-]*$";
const PRINCIPAL: &str = "^(user|group|service):[a-z][a-z0-9_.-]{0,127}$";
/// `storage::paths`: printable ASCII that object storage keeps as written, not hidden (`_`, `.`).
/// A little narrower than the server (which also takes a leading `-` or `+`), never wider.
const FILE_NAME: &str = "^[A-Za-z0-9][A-Za-z0-9._=+,;:@~!$&'() -]{0,254}$";
/// `domain::tag`: letters, digits and `_-.:/ `, 1 to 128 of them.
const TAG_VALUE: &str = "^[A-Za-z0-9_.:/ -]{1,128}$";

fn string(pattern: &str, max: usize) -> Value {
    json!({"type": "string", "pattern": pattern, "minLength": 1, "maxLength": max})
}

pub fn apply(doc: &mut Value) {
    if let Some(body) =
        doc.pointer_mut("/paths/~1v1~1databases~1{db}~1tags/put/requestBody/content/application~1json/schema")
    {
        *body = json!({"$ref": "#/components/schemas/DatabaseTags"});
    }
    for (path, item) in doc["paths"].as_object_mut().into_iter().flatten() {
        for operation in item.as_object_mut().into_iter().flat_map(|o| o.values_mut()) {
            for parameter in operation.get_mut("parameters").and_then(Value::as_array_mut).into_iter().flatten() {
                constrain_parameter(path, parameter);
            }
        }
    }
    let Some(schemas) = doc["components"]["schemas"].as_object_mut() else { return };
    let mut patch = |schema: &str, pointer: &str, rule: Value| {
        if let Some(Value::Object(target)) = schemas.get_mut(schema).and_then(|s| s.pointer_mut(pointer)) {
            target.extend(rule.as_object().cloned().unwrap_or_default());
        }
    };
    // Repeated values are one value (a set), so `uniqueItems` would refuse what the server takes.
    // (The limit of 1,000 is on distinct values, so there is no `maxItems` either.)
    let tag_values = json!({"items": string(TAG_VALUE, 128), "minItems": 1, "uniqueItems": false});
    patch("CreateTagKeyRequest", "/properties/values", tag_values.clone());
    patch("UpdateTagKeyRequest", "/properties/values", tag_values);
    let tags = json!({"type": "object", "propertyNames": {"pattern": NAME, "maxLength": 128}, "additionalProperties": string(TAG_VALUE, 128)});
    patch("ResourceTags", "/properties/tags", tags.clone());
    patch(
        "ResourceTags",
        "/properties/column_tags",
        json!({"propertyNames": {"pattern": NAME, "maxLength": 128}, "additionalProperties": tags}),
    );
    patch(
        "TagExpression",
        "/properties/tags",
        json!({"minProperties": 1, "propertyNames": {"pattern": NAME, "maxLength": 128},
               "additionalProperties": {"type": "array", "items": string(TAG_VALUE, 128), "minItems": 1}}),
    );
    // A column list includes or excludes, never both (either may be given as null).
    let one_list = json!({"not": {"required": ["columns", "excluded_columns"],
        "properties": {"columns": {"type": "array"}, "excluded_columns": {"type": "array"}}}});
    for schema in ["CreateDataFilterRequest", "TableResource"] {
        patch(schema, "", one_list.clone());
        for list in ["columns", "excluded_columns"] {
            patch(schema, &format!("/properties/{list}"), json!({"items": string(NAME, 128)}));
        }
    }
    for (schema, fields) in [
        ("ResourceDatabase", &["database"][..]),
        ("TableResource", &["database", "name"]),
        ("DataFilterResource", &["database", "table", "name"]),
    ] {
        for field in fields {
            patch(schema, &format!("/properties/{field}"), string(NAME, 128));
        }
    }
    patch("ResourceLocation", "/properties/location", json!({"pattern": "://", "minLength": 4, "maxLength": 2048}));
    for schema in ["AddPartitionsRequest", "DeletePartitionsRequest"] {
        patch(schema, "/properties/partitions", json!({"minItems": 1, "maxItems": 1000}));
    }
    // Each grant type names its own credentials.
    let credentials = json!({
        "if": {"properties": {"grant_type": {"const": "password"}}},
        "then": {"required": ["username", "password"],
                 "properties": {"username": {"type": "string"}, "password": {"type": "string"}}},
        "else": {"required": ["client_id", "client_secret"],
                 "properties": {"client_id": {"type": "string"}, "client_secret": {"type": "string"}}}});
    for schema in ["TokenRequest", "TokenRequestForm"] {
        patch(schema, "", credentials.clone());
        for field in ["username", "password", "client_id", "client_secret"] {
            patch(schema, &format!("/properties/{field}"), json!({"minLength": 1}));
        }
    }
    // `data_steward` is held for one database; the lake-wide roles for none.
    let scope = json!({
        "if": {"properties": {"role": {"const": "data_steward"}}},
        "then": {"required": ["database"], "properties": {"database": {"type": "string"}}},
        "else": {"properties": {"database": {"type": "null"}}}});
    patch("AssignmentBody", "", scope);
    patch("AssignmentBody", "/properties/database", json!({"pattern": NAME, "maxLength": 128}));
    patch("GrantBody", "", privileges_by_resource());
    // A database's tags have no columns: its own copy of the body says so.
    if let Some(mut database_tags) = schemas.get("ResourceTags").cloned() {
        database_tags["properties"]["column_tags"]["maxProperties"] = json!(0);
        database_tags["description"] = json!("The tags of a database (`column_tags` must be empty).");
        schemas.insert("DatabaseTags".to_owned(), database_tags);
    }
}

/// Which privileges each kind of resource takes (`domain::grant::GrantResource::validate`).
fn privileges_by_resource() -> Value {
    const DATABASE: [&str; 8] = ["CREATE_TABLE", "ALTER", "DROP", "DESCRIBE", "SELECT", "INSERT", "DELETE", "ALL"];
    const TABLE: [&str; 7] = ["ALTER", "DROP", "DESCRIBE", "SELECT", "INSERT", "DELETE", "ALL"];
    let when = |resource: Value, privileges: &[&str]| {
        json!({"if": {"required": ["resource"], "properties": {"resource": resource}},
               "then": {"properties": {"privileges": {"items": {"enum": privileges}}}}})
    };
    let tagged = |kind: &str| {
        json!({"required": ["tag_expression"],
               "properties": {"tag_expression": {"properties": {"resource_type": {"const": kind}}}}})
    };
    let mut catalog = vec!["CREATE_DATABASE"];
    catalog.extend(DATABASE);
    let column_list = json!({"required": ["table"], "properties": {"table": {"anyOf": [
        {"required": ["columns"], "properties": {"columns": {"type": "array"}}},
        {"required": ["excluded_columns"], "properties": {"excluded_columns": {"type": "array"}}}]}}});
    json!({"allOf": [
        when(json!({"required": ["catalog"]}), &catalog),
        when(json!({"required": ["database"]}), &DATABASE),
        when(tagged("database"), &DATABASE),
        when(json!({"required": ["table"]}), &TABLE),
        when(tagged("table"), &TABLE),
        when(json!({"required": ["data_filter"]}), &["SELECT", "DESCRIBE"]),
        when(json!({"required": ["location"]}), &["DATA_LOCATION_ACCESS"]),
        // Column lists only go with SELECT.
        when(column_list, &["SELECT"]),
    ]})
}

fn constrain_parameter(path: &str, parameter: &mut Value) {
    let place = parameter["in"].as_str().unwrap_or_default();
    let rule = match (place, parameter["name"].as_str().unwrap_or_default()) {
        ("path", "db" | "table" | "key") => string(NAME, 128),
        ("path", "name") if path.starts_with("/v1/principals/") => string(PRINCIPAL_NAME, 128),
        ("path", "name") if path.contains("/files/") => string(FILE_NAME, 255),
        ("path", "name") => string(NAME, 128),
        ("path", "principal") => string(PRINCIPAL, 136),
        ("path", "id") => json!({"format": "uuid"}),
        ("query", "database" | "table") => string(NAME, 128),
        ("query", "principal") if !path.starts_with("/v1/audit") => string(PRINCIPAL, 136),
        // `year=2024/month=06`: Hive folders of the table's partition keys.
        ("query", "partition") => json!({"pattern": "^[a-z][a-z0-9_]*=[^/=]+(/[a-z][a-z0-9_]*=[^/=]+)*$"}),
        _ => return,
    };
    if let (Some(schema), Value::Object(rule)) = (parameter["schema"].as_object_mut(), rule) {
        // Keep `type` as derived: optional query parameters are `["string", "null"]`.
        schema.extend(rule.into_iter().filter(|(k, _)| k != "type"));
    }
}
