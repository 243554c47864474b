//! Rows of `data_filters`.

use chrono::Utc;
use sea_query::{Expr, ExprTrait, Order, Query};
use sqlx::any::AnyRow;

use super::{Conn, StoreError, StoreResult, col, json_col, to_micros};
use crate::domain::data_filter::DataFilter;
use crate::domain::grant::ColumnScope;

const F: &str = "data_filters";

fn select() -> sea_query::SelectStatement {
    Query::select()
        .columns([(F, "id"), (F, "name"), (F, "row_filter"), (F, "column_scope"), (F, "columns"), (F, "created_by")])
        .expr_as(Expr::col(("catalog_tables", "name")), "table_name")
        .expr_as(Expr::col(("databases", "name")), "database_name")
        .from(F)
        .inner_join("catalog_tables", Expr::col(("catalog_tables", "id")).equals((F, "table_id")))
        .inner_join("databases", Expr::col(("databases", "id")).equals(("catalog_tables", "database_id")))
        .to_owned()
}

fn from_row(row: &AnyRow) -> StoreResult<DataFilter> {
    let scope: String = col(row, "column_scope")?;
    let columns: Vec<String> = json_col(row, "columns")?;
    Ok(DataFilter {
        id: col(row, "id")?,
        database: col(row, "database_name")?,
        table: col(row, "table_name")?,
        name: col(row, "name")?,
        row_filter: col(row, "row_filter")?,
        columns: ColumnScope::from_parts(&scope, columns)
            .ok_or_else(|| StoreError::Corrupt("data filter scope".into()))?,
        created_by: col(row, "created_by")?,
    })
}

pub async fn insert(c: &mut Conn<'_>, table_id: &str, filter: &DataFilter) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table(F)
        .columns(["id", "table_id", "name", "row_filter", "column_scope", "columns", "created_by", "created_at"])
        .values_panic([
            filter.id.clone().into(),
            table_id.into(),
            filter.name.clone().into(),
            filter.row_filter.clone().into(),
            filter.columns.kind().into(),
            serde_json::to_string(&filter.columns.columns()).unwrap_or_default().into(),
            filter.created_by.clone().into(),
            to_micros(Utc::now()).into(),
        ])
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

pub async fn for_table(c: &mut Conn<'_>, table_id: &str) -> StoreResult<Vec<DataFilter>> {
    let stmt = select().and_where(Expr::col((F, "table_id")).eq(table_id)).order_by((F, "name"), Order::Asc).to_owned();
    c.fetch_all(&stmt).await?.iter().map(from_row).collect()
}

pub async fn delete(c: &mut Conn<'_>, id: &str) -> StoreResult<()> {
    let stmt = Query::delete().from_table(F).and_where(Expr::col("id").eq(id)).to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

pub async fn all(c: &mut Conn<'_>) -> StoreResult<Vec<DataFilter>> {
    c.fetch_all(&select()).await?.iter().map(from_row).collect()
}
