//! Rows of `tag_keys` and `resource_tags`.

use std::collections::BTreeSet;

use chrono::Utc;
use sea_query::{Expr, ExprTrait, Order, Query};
use sqlx::any::AnyRow;

use super::{Conn, StoreResult, col, json_col, to_micros};
use crate::domain::tag::{TagKey, Tags};

const KEY_COLUMNS: [&str; 4] = ["tag_key", "allowed_values", "description", "created_by"];

fn key_from(row: &AnyRow) -> StoreResult<TagKey> {
    Ok(TagKey {
        key: col(row, "tag_key")?,
        allowed_values: json_col(row, "allowed_values")?,
        description: col(row, "description")?,
        created_by: col(row, "created_by")?,
    })
}

pub async fn insert_key(c: &mut Conn<'_>, key: &TagKey) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table("tag_keys")
        .columns(["tag_key", "allowed_values", "description", "created_by", "created_at"])
        .values_panic([
            key.key.clone().into(),
            serde_json::to_string(&key.allowed_values).unwrap_or_default().into(),
            key.description.clone().into(),
            key.created_by.clone().into(),
            to_micros(Utc::now()).into(),
        ])
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

pub async fn update_key(c: &mut Conn<'_>, key: &TagKey) -> StoreResult<()> {
    let stmt = Query::update()
        .table("tag_keys")
        .values([
            ("allowed_values", serde_json::to_string(&key.allowed_values).unwrap_or_default().into()),
            ("description", key.description.clone().into()),
        ])
        .and_where(Expr::col("tag_key").eq(key.key.as_str()))
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

pub async fn get_key(c: &mut Conn<'_>, key: &str) -> StoreResult<Option<TagKey>> {
    let stmt = Query::select().columns(KEY_COLUMNS).from("tag_keys").and_where(Expr::col("tag_key").eq(key)).to_owned();
    c.fetch_optional(&stmt).await?.as_ref().map(key_from).transpose()
}

pub async fn all_keys(c: &mut Conn<'_>) -> StoreResult<Vec<TagKey>> {
    let stmt = Query::select().columns(KEY_COLUMNS).from("tag_keys").order_by("tag_key", Order::Asc).to_owned();
    c.fetch_all(&stmt).await?.iter().map(key_from).collect()
}

/// Deletes a key with every tag that uses it.
pub async fn delete_key(c: &mut Conn<'_>, key: &str) -> StoreResult<()> {
    for table in ["resource_tags", "tag_keys"] {
        let stmt = Query::delete().from_table(table).and_where(Expr::col("tag_key").eq(key)).to_owned();
        c.execute(&stmt).await?;
    }
    Ok(())
}

/// Whether any resource uses `key` with a value outside `allowed`.
pub async fn values_in_use(c: &mut Conn<'_>, key: &str) -> StoreResult<BTreeSet<String>> {
    let stmt = Query::select()
        .distinct()
        .column("tag_value")
        .from("resource_tags")
        .and_where(Expr::col("tag_key").eq(key))
        .to_owned();
    c.fetch_all(&stmt).await?.iter().map(|r| col(r, "tag_value")).collect()
}

/// Replaces every tag of `resource` with `tags`.
pub async fn set(c: &mut Conn<'_>, resource: &str, tags: &Tags) -> StoreResult<()> {
    let stmt = Query::delete().from_table("resource_tags").and_where(Expr::col("resource").eq(resource)).to_owned();
    c.execute(&stmt).await?;
    if tags.is_empty() {
        return Ok(());
    }
    let mut stmt = Query::insert().into_table("resource_tags").columns(["resource", "tag_key", "tag_value"]).to_owned();
    for (key, value) in tags {
        stmt.values_panic([resource.into(), key.clone().into(), value.clone().into()]);
    }
    c.execute(&stmt).await?;
    Ok(())
}

/// Deletes the tags of `resource` and of everything whose key starts with `nested_prefix`.
pub async fn delete_under(c: &mut Conn<'_>, resource: &str, nested_prefix: &str) -> StoreResult<()> {
    let stmt = Query::delete().from_table("resource_tags").and_where(Expr::col("resource").eq(resource)).to_owned();
    c.execute(&stmt).await?;
    let upper = format!("{nested_prefix}\u{10FFFF}");
    let stmt = Query::delete()
        .from_table("resource_tags")
        .and_where(Expr::col("resource").gte(nested_prefix))
        .and_where(Expr::col("resource").lt(upper))
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Every (resource, key, value).
pub async fn all_resource_tags(c: &mut Conn<'_>) -> StoreResult<Vec<(String, String, String)>> {
    let stmt = Query::select().columns(["resource", "tag_key", "tag_value"]).from("resource_tags").to_owned();
    c.fetch_all(&stmt)
        .await?
        .iter()
        .map(|r| Ok((col(r, "resource")?, col(r, "tag_key")?, col(r, "tag_value")?)))
        .collect()
}

/// Every (resource, key, value) whose resource starts with `prefix` (an index range scan).
pub async fn with_prefix(c: &mut Conn<'_>, prefix: &str) -> StoreResult<Vec<(String, String, String)>> {
    let upper = format!("{prefix}\u{10FFFF}");
    let stmt = Query::select()
        .columns(["resource", "tag_key", "tag_value"])
        .from("resource_tags")
        .and_where(Expr::col("resource").gte(prefix))
        .and_where(Expr::col("resource").lt(upper))
        .to_owned();
    c.fetch_all(&stmt)
        .await?
        .iter()
        .map(|r| Ok((col(r, "resource")?, col(r, "tag_key")?, col(r, "tag_value")?)))
        .collect()
}
