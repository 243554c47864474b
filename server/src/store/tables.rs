//! Rows of `catalog_tables` and `table_versions`. The current definition is kept on the
//! table row (one indexed read serves GET) and every version's snapshot in `table_versions`.

use sea_query::{Expr, ExprTrait, Order, Query};
use sqlx::any::AnyRow;

use super::{Conn, StoreError, StoreResult, col, from_micros, json_col, to_json, to_micros};
use crate::domain::names::TableName;
use crate::domain::table::{Table, TableVersion};

const T: &str = "catalog_tables";
const D: &str = "databases";

fn select_tables() -> sea_query::SelectStatement {
    Query::select()
        .columns([
            (T, "id"),
            (T, "name"),
            (T, "version"),
            (T, "definition"),
            (T, "created_by"),
            (T, "created_at"),
            (T, "updated_at"),
        ])
        .expr_as(Expr::col((D, "name")), "database_name")
        .from(T)
        .inner_join(D, Expr::col((D, "id")).equals((T, "database_id")))
        .to_owned()
}

fn from_row(row: &AnyRow) -> StoreResult<Table> {
    let name: String = col(row, "name")?;
    Ok(Table {
        id: col(row, "id")?,
        database: col(row, "database_name")?,
        name: TableName::parse(&name).map_err(|e| StoreError::Corrupt(e.message))?,
        version: col(row, "version")?,
        definition: json_col(row, "definition")?,
        created_by: col(row, "created_by")?,
        created_at: from_micros(col(row, "created_at")?)?,
        updated_at: from_micros(col(row, "updated_at")?)?,
    })
}

pub async fn insert(c: &mut Conn<'_>, database_id: &str, table: &Table) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table(T)
        .columns(["id", "database_id", "name", "version", "definition", "created_by", "created_at", "updated_at"])
        .values_panic([
            table.id.clone().into(),
            database_id.into(),
            table.name.as_str().into(),
            table.version.into(),
            to_json(&table.definition).into(),
            table.created_by.clone().into(),
            to_micros(table.created_at).into(),
            to_micros(table.updated_at).into(),
        ])
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

pub async fn get(c: &mut Conn<'_>, database: &str, name: &str) -> StoreResult<Option<Table>> {
    let stmt = select_tables()
        .and_where(Expr::col((D, "name")).eq(database))
        .and_where(Expr::col((T, "name")).eq(name))
        .to_owned();
    c.fetch_optional(&stmt).await?.as_ref().map(from_row).transpose()
}

/// Tables of a database ordered by name, starting after `after`.
pub async fn list(c: &mut Conn<'_>, database_id: &str, after: Option<&str>, limit: u64) -> StoreResult<Vec<Table>> {
    let mut stmt = select_tables()
        .and_where(Expr::col((T, "database_id")).eq(database_id))
        .order_by((T, "name"), Order::Asc)
        .limit(limit)
        .to_owned();
    if let Some(after) = after {
        stmt.and_where(Expr::col((T, "name")).gt(after));
    }
    c.fetch_all(&stmt).await?.iter().map(from_row).collect()
}

pub async fn count_in_database(c: &mut Conn<'_>, database_id: &str) -> StoreResult<i64> {
    let stmt = Query::select()
        .expr(Expr::col("id").count())
        .from(T)
        .and_where(Expr::col("database_id").eq(database_id))
        .to_owned();
    let row = c.fetch_optional(&stmt).await?;
    row.map_or(Ok(0), |row| {
        use sqlx::Row;
        row.try_get::<i64, _>(0).map_err(StoreError::Db)
    })
}

/// Writes `table`'s new definition if the stored version is still `expected_version`.
/// Returns false when another writer got there first.
pub async fn update_if_version(c: &mut Conn<'_>, table: &Table, expected_version: i64) -> StoreResult<bool> {
    let stmt = Query::update()
        .table(T)
        .values([
            ("version", table.version.into()),
            ("definition", to_json(&table.definition).into()),
            ("updated_at", to_micros(table.updated_at).into()),
        ])
        .and_where(Expr::col("id").eq(table.id.as_str()))
        .and_where(Expr::col("version").eq(expected_version))
        .to_owned();
    Ok(c.execute(&stmt).await? == 1)
}

/// Deletes a table with its versions and partitions.
pub async fn delete(c: &mut Conn<'_>, table_id: &str) -> StoreResult<()> {
    for from in ["partitions", "table_versions", "data_filters", "lake_files"] {
        let stmt = Query::delete().from_table(from).and_where(Expr::col("table_id").eq(table_id)).to_owned();
        c.execute(&stmt).await?;
    }
    let stmt = Query::delete().from_table(T).and_where(Expr::col("id").eq(table_id)).to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Ids and names of every table in a database (for cascading deletes).
pub async fn all_in_database(c: &mut Conn<'_>, database_id: &str) -> StoreResult<Vec<(String, String)>> {
    let stmt =
        Query::select().columns(["id", "name"]).from(T).and_where(Expr::col("database_id").eq(database_id)).to_owned();
    c.fetch_all(&stmt).await?.iter().map(|row| Ok((col(row, "id")?, col(row, "name")?))).collect()
}

pub async fn insert_version(c: &mut Conn<'_>, table_id: &str, version: &TableVersion) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table("table_versions")
        .columns(["table_id", "version", "author", "created_at", "definition", "summary"])
        .values_panic([
            table_id.into(),
            version.version.into(),
            version.author.clone().into(),
            to_micros(version.created_at).into(),
            to_json(&version.definition).into(),
            version.summary.clone().into(),
        ])
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

fn version_from_row(row: &AnyRow) -> StoreResult<TableVersion> {
    Ok(TableVersion {
        version: col(row, "version")?,
        author: col(row, "author")?,
        created_at: from_micros(col(row, "created_at")?)?,
        definition: json_col(row, "definition")?,
        summary: col(row, "summary")?,
    })
}

const VERSION_COLUMNS: [&str; 5] = ["version", "author", "created_at", "definition", "summary"];

/// Versions in ascending order, after `after`.
pub async fn versions(c: &mut Conn<'_>, table_id: &str, after: i64, limit: u64) -> StoreResult<Vec<TableVersion>> {
    let stmt = Query::select()
        .columns(VERSION_COLUMNS)
        .from("table_versions")
        .and_where(Expr::col("table_id").eq(table_id))
        .and_where(Expr::col("version").gt(after))
        .order_by("version", Order::Asc)
        .limit(limit)
        .to_owned();
    c.fetch_all(&stmt).await?.iter().map(version_from_row).collect()
}

pub async fn version(c: &mut Conn<'_>, table_id: &str, version: i64) -> StoreResult<Option<TableVersion>> {
    let stmt = Query::select()
        .columns(VERSION_COLUMNS)
        .from("table_versions")
        .and_where(Expr::col("table_id").eq(table_id))
        .and_where(Expr::col("version").eq(version))
        .to_owned();
    c.fetch_optional(&stmt).await?.as_ref().map(version_from_row).transpose()
}

/// A table's identity without its definition: enough to decide visibility.
#[derive(Debug, Clone)]
pub struct TableHead {
    pub id: String,
    pub name: String,
    pub created_by: String,
}

/// Heads of a database's tables by name, after `after`.
pub async fn heads(
    c: &mut Conn<'_>,
    database_id: &str,
    after: Option<&str>,
    limit: u64,
) -> StoreResult<Vec<TableHead>> {
    let mut stmt = Query::select()
        .columns(["id", "name", "created_by"])
        .from(T)
        .and_where(Expr::col("database_id").eq(database_id))
        .order_by("name", Order::Asc)
        .limit(limit)
        .to_owned();
    if let Some(after) = after {
        stmt.and_where(Expr::col("name").gt(after));
    }
    c.fetch_all(&stmt)
        .await?
        .iter()
        .map(|r| Ok(TableHead { id: col(r, "id")?, name: col(r, "name")?, created_by: col(r, "created_by")? }))
        .collect()
}

/// Full rows of the named tables of a database, by name.
pub async fn by_names(c: &mut Conn<'_>, database_id: &str, names: &[String]) -> StoreResult<Vec<Table>> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let stmt = select_tables()
        .and_where(Expr::col((T, "database_id")).eq(database_id))
        .and_where(Expr::col((T, "name")).is_in(names.iter().map(String::as_str)))
        .order_by((T, "name"), Order::Asc)
        .to_owned();
    c.fetch_all(&stmt).await?.iter().map(from_row).collect()
}

/// Names of a database's tables created by any of `owners`.
pub async fn owned_by(c: &mut Conn<'_>, database_id: &str, owners: &[String]) -> StoreResult<Vec<String>> {
    if owners.is_empty() {
        return Ok(Vec::new());
    }
    let stmt = Query::select()
        .column("name")
        .from(T)
        .and_where(Expr::col("database_id").eq(database_id))
        .and_where(Expr::col("created_by").is_in(owners.iter().map(String::as_str)))
        .to_owned();
    c.fetch_all(&stmt).await?.iter().map(|r| col(r, "name")).collect()
}
