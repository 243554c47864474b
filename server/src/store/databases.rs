//! Rows of `databases`.

use sea_query::{Expr, ExprTrait, Order, Query};
use sqlx::any::AnyRow;

use super::{Conn, StoreError, StoreResult, col, from_micros, json_col, to_json, to_micros};
use crate::domain::database::Database;
use crate::domain::names::DatabaseName;

const T: &str = "databases";
const COLUMNS: [&str; 8] =
    ["id", "name", "description", "location", "parameters", "created_by", "created_at", "updated_at"];

fn from_row(row: &AnyRow) -> StoreResult<Database> {
    let name: String = col(row, "name")?;
    Ok(Database {
        id: col(row, "id")?,
        name: DatabaseName::parse(&name).map_err(|e| StoreError::Corrupt(e.message))?,
        description: col(row, "description")?,
        location: col(row, "location")?,
        parameters: json_col(row, "parameters")?,
        created_by: col(row, "created_by")?,
        created_at: from_micros(col(row, "created_at")?)?,
        updated_at: from_micros(col(row, "updated_at")?)?,
    })
}

pub async fn insert(c: &mut Conn<'_>, db: &Database) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table(T)
        .columns(COLUMNS)
        .values_panic([
            db.id.clone().into(),
            db.name.as_str().into(),
            db.description.clone().into(),
            db.location.clone().into(),
            to_json(&db.parameters).into(),
            db.created_by.clone().into(),
            to_micros(db.created_at).into(),
            to_micros(db.updated_at).into(),
        ])
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

pub async fn get(c: &mut Conn<'_>, name: &str) -> StoreResult<Option<Database>> {
    let stmt = Query::select().columns(COLUMNS).from(T).and_where(Expr::col("name").eq(name)).to_owned();
    c.fetch_optional(&stmt).await?.as_ref().map(from_row).transpose()
}

/// Databases ordered by name, starting after `after`.
pub async fn list(c: &mut Conn<'_>, after: Option<&str>, limit: u64) -> StoreResult<Vec<Database>> {
    let mut stmt = Query::select().columns(COLUMNS).from(T).order_by("name", Order::Asc).limit(limit).to_owned();
    if let Some(after) = after {
        stmt.and_where(Expr::col("name").gt(after));
    }
    c.fetch_all(&stmt).await?.iter().map(from_row).collect()
}

pub async fn update(c: &mut Conn<'_>, db: &Database) -> StoreResult<()> {
    let stmt = Query::update()
        .table(T)
        .values([
            ("description", db.description.clone().into()),
            ("location", db.location.clone().into()),
            ("parameters", to_json(&db.parameters).into()),
            ("updated_at", to_micros(db.updated_at).into()),
        ])
        .and_where(Expr::col("id").eq(db.id.as_str()))
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

pub async fn delete(c: &mut Conn<'_>, id: &str) -> StoreResult<()> {
    let stmt = Query::delete().from_table(T).and_where(Expr::col("id").eq(id)).to_owned();
    c.execute(&stmt).await?;
    Ok(())
}
