//! Rows of `lake_files`: files uploaded into tables' folders, by path within the folder.

use chrono::Utc;
use sea_query::{Expr, ExprTrait, OnConflict, Query};

use super::{Conn, StoreResult, col, to_micros};

const F: &str = "lake_files";

/// What is known of an uploaded file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    pub size: i64,
    pub sha256: String,
}

pub async fn get(c: &mut Conn<'_>, table_id: &str, path: &str) -> StoreResult<Option<FileRecord>> {
    let stmt = Query::select()
        .columns(["size", "sha256"])
        .from(F)
        .and_where(Expr::col("table_id").eq(table_id))
        .and_where(Expr::col("path").eq(path))
        .to_owned();
    let Some(row) = c.fetch_optional(&stmt).await? else { return Ok(None) };
    Ok(Some(FileRecord { size: col(&row, "size")?, sha256: col(&row, "sha256")? }))
}

/// Records a file, replacing what was recorded under the same path.
pub async fn put(c: &mut Conn<'_>, table_id: &str, path: &str, file: &FileRecord, by: &str) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table(F)
        .columns(["table_id", "path", "size", "sha256", "uploaded_by", "uploaded_at"])
        .values_panic([
            table_id.into(),
            path.into(),
            file.size.into(),
            file.sha256.clone().into(),
            by.into(),
            to_micros(Utc::now()).into(),
        ])
        .on_conflict(
            OnConflict::columns(["table_id", "path"])
                .update_columns(["size", "sha256", "uploaded_by", "uploaded_at"])
                .to_owned(),
        )
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Whether the table holds a recorded file whose path contains `fragment`.
pub async fn any_containing(c: &mut Conn<'_>, table_id: &str, fragment: &str) -> StoreResult<bool> {
    let stmt = Query::select()
        .column("path")
        .from(F)
        .and_where(Expr::col("table_id").eq(table_id))
        .and_where(Expr::col("path").like(format!("%{fragment}%")))
        .limit(1)
        .to_owned();
    Ok(c.fetch_optional(&stmt).await?.is_some())
}
