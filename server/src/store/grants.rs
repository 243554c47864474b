//! Rows of `grants`: one per (principal, resource, privilege, column scope).

use std::collections::BTreeSet;

use sea_query::{Expr, ExprTrait, Order, Query};
use serde_json::{Value, json};
use sqlx::any::AnyRow;

use super::{Conn, StoreError, StoreResult, col, from_micros, json_col, to_micros};
use crate::domain::grant::{ColumnScope, Grant, GrantResource, TagConditions, TagResourceType};
use crate::domain::principal::Privilege;

const T: &str = "grants";
const COLUMNS: [&str; 9] = [
    "id",
    "principal_id",
    "resource_spec",
    "privilege",
    "column_scope",
    "columns",
    "grantable",
    "granted_by",
    "created_at",
];

/// The resource as stored in `resource_spec` (the API's shape, without column lists).
pub fn resource_json(resource: &GrantResource) -> Value {
    match resource {
        GrantResource::Catalog => json!({"catalog": {}}),
        GrantResource::Database(db) => json!({"database": db}),
        GrantResource::Table { database, table } => json!({"table": {"database": database, "name": table}}),
        GrantResource::DataFilter { database, table, name } => {
            json!({"data_filter": {"database": database, "table": table, "name": name}})
        }
        GrantResource::Location(uri) => json!({"location": uri}),
        GrantResource::TagExpression { resource_type, tags } => {
            json!({"tag_expression": {"resource_type": resource_type.as_str(), "tags": tags}})
        }
    }
}

fn text(v: &Value, path: &[&str]) -> Option<String> {
    path.iter().try_fold(v, |v, k| v.get(*k)).and_then(Value::as_str).map(str::to_owned)
}

pub fn resource_from_json(v: &Value) -> Option<GrantResource> {
    if v.get("catalog").is_some() {
        return Some(GrantResource::Catalog);
    }
    if let Some(db) = text(v, &["database"]) {
        return Some(GrantResource::Database(db));
    }
    if v.get("table").is_some() {
        return Some(GrantResource::Table {
            database: text(v, &["table", "database"])?,
            table: text(v, &["table", "name"])?,
        });
    }
    if v.get("data_filter").is_some() {
        return Some(GrantResource::DataFilter {
            database: text(v, &["data_filter", "database"])?,
            table: text(v, &["data_filter", "table"])?,
            name: text(v, &["data_filter", "name"])?,
        });
    }
    if let Some(uri) = text(v, &["location"]) {
        return Some(GrantResource::Location(uri));
    }
    let expr = v.get("tag_expression")?;
    let resource_type = match expr.get("resource_type")?.as_str()? {
        "database" => TagResourceType::Database,
        "table" => TagResourceType::Table,
        _ => return None,
    };
    let tags: TagConditions = serde_json::from_value(expr.get("tags")?.clone()).ok()?;
    Some(GrantResource::TagExpression { resource_type, tags })
}

fn from_row(row: &AnyRow) -> StoreResult<Grant> {
    let corrupt = |what: &str| StoreError::Corrupt(format!("grant {what}"));
    let spec: Value = json_col(row, "resource_spec")?;
    let privilege: String = col(row, "privilege")?;
    let scope: String = col(row, "column_scope")?;
    let columns: Vec<String> = json_col(row, "columns")?;
    let grantable: i64 = col(row, "grantable")?;
    Ok(Grant {
        id: col(row, "id")?,
        principal_id: col(row, "principal_id")?,
        resource: resource_from_json(&spec).ok_or_else(|| corrupt("resource"))?,
        privilege: Privilege::parse(&privilege).ok_or_else(|| corrupt("privilege"))?,
        columns: ColumnScope::from_parts(&scope, columns).ok_or_else(|| corrupt("column scope"))?,
        grantable: grantable != 0,
        granted_by: col(row, "granted_by")?,
        created_at: from_micros(col(row, "created_at")?)?,
    })
}

pub async fn insert(c: &mut Conn<'_>, grant: &Grant) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table(T)
        .columns([
            "id",
            "principal_id",
            "resource",
            "resource_spec",
            "privilege",
            "column_scope",
            "columns",
            "grantable",
            "granted_by",
            "created_at",
        ])
        .values_panic([
            grant.id.clone().into(),
            grant.principal_id.clone().into(),
            grant.resource.key().into(),
            resource_json(&grant.resource).to_string().into(),
            grant.privilege.as_str().into(),
            grant.columns.kind().into(),
            serde_json::to_string(&grant.columns.columns()).unwrap_or_default().into(),
            i64::from(grant.grantable).into(),
            grant.granted_by.clone().into(),
            to_micros(grant.created_at).into(),
        ])
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// The grant with this exact (principal, resource, privilege, scope kind), if any.
pub async fn find(
    c: &mut Conn<'_>,
    principal_id: &str,
    resource: &GrantResource,
    privilege: Privilege,
    scope_kind: &str,
) -> StoreResult<Option<Grant>> {
    let stmt = Query::select()
        .columns(COLUMNS)
        .from(T)
        .and_where(Expr::col("principal_id").eq(principal_id))
        .and_where(Expr::col("resource").eq(resource.key()))
        .and_where(Expr::col("privilege").eq(privilege.as_str()))
        .and_where(Expr::col("column_scope").eq(scope_kind))
        .to_owned();
    c.fetch_optional(&stmt).await?.as_ref().map(from_row).transpose()
}

/// All grants of a principal on a resource, whatever the privilege.
pub async fn on_resource(c: &mut Conn<'_>, principal_id: &str, resource: &GrantResource) -> StoreResult<Vec<Grant>> {
    let stmt = Query::select()
        .columns(COLUMNS)
        .from(T)
        .and_where(Expr::col("principal_id").eq(principal_id))
        .and_where(Expr::col("resource").eq(resource.key()))
        .to_owned();
    c.fetch_all(&stmt).await?.iter().map(from_row).collect()
}

pub async fn update(c: &mut Conn<'_>, id: &str, columns: &BTreeSet<String>, grantable: bool) -> StoreResult<()> {
    let stmt = Query::update()
        .table(T)
        .values([
            ("columns", serde_json::to_string(columns).unwrap_or_default().into()),
            ("grantable", i64::from(grantable).into()),
        ])
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

pub async fn delete(c: &mut Conn<'_>, id: &str) -> StoreResult<()> {
    let stmt = Query::delete().from_table(T).and_where(Expr::col("id").eq(id)).to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Deletes every grant on `key` and, with `nested`, on resources inside it (a table's data
/// filters, a database's tables). A key range, not LIKE: `_` in names is a LIKE wildcard.
pub async fn delete_on(c: &mut Conn<'_>, keys: &[String], nested_prefixes: &[String]) -> StoreResult<()> {
    for key in keys {
        let stmt = Query::delete().from_table(T).and_where(Expr::col("resource").eq(key.as_str())).to_owned();
        c.execute(&stmt).await?;
    }
    for prefix in nested_prefixes {
        // Every key starting with `prefix` sorts in [prefix, prefix + U+10FFFF).
        let upper = format!("{prefix}\u{10FFFF}");
        let stmt = Query::delete()
            .from_table(T)
            .and_where(Expr::col("resource").gte(prefix.as_str()))
            .and_where(Expr::col("resource").lt(upper))
            .to_owned();
        c.execute(&stmt).await?;
    }
    Ok(())
}

/// Grants filtered by principal and/or resource key, oldest first.
pub async fn list(c: &mut Conn<'_>, principal_id: Option<&str>, resource_keys: &[String]) -> StoreResult<Vec<Grant>> {
    let mut stmt = Query::select().columns(COLUMNS).from(T).order_by("created_at", Order::Asc).to_owned();
    if let Some(p) = principal_id {
        stmt.and_where(Expr::col("principal_id").eq(p));
    }
    if !resource_keys.is_empty() {
        stmt.and_where(Expr::col("resource").is_in(resource_keys.iter().map(String::as_str)));
    }
    c.fetch_all(&stmt).await?.iter().map(from_row).collect()
}

pub async fn all(c: &mut Conn<'_>) -> StoreResult<Vec<Grant>> {
    let stmt = Query::select().columns(COLUMNS).from(T).to_owned();
    c.fetch_all(&stmt).await?.iter().map(from_row).collect()
}
