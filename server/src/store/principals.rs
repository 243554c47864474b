//! Rows of `principals`: users (and later groups and service principals).

use chrono::Utc;
use sea_query::{Expr, ExprTrait, Query};

use super::{Conn, StoreError, StoreResult, col, to_micros};
use crate::domain::principal::{Principal, PrincipalKind};

/// A principal with the hash of its secret, as needed to authenticate it.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub principal: Principal,
    pub secret_hash: Option<String>,
}

pub async fn insert(c: &mut Conn<'_>, principal: &Principal, secret_hash: Option<&str>) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table("principals")
        .columns(["id", "kind", "name", "password_hash", "is_admin", "created_at"])
        .values_panic([
            principal.id.clone().into(),
            principal.kind.as_str().into(),
            principal.name.clone().into(),
            secret_hash.map(str::to_owned).into(),
            i64::from(principal.is_admin).into(),
            to_micros(Utc::now()).into(),
        ])
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

pub async fn find(c: &mut Conn<'_>, kind: PrincipalKind, name: &str) -> StoreResult<Option<Credentials>> {
    let stmt = Query::select()
        .columns(["id", "kind", "name", "password_hash", "is_admin"])
        .from("principals")
        .and_where(Expr::col("kind").eq(kind.as_str()))
        .and_where(Expr::col("name").eq(name))
        .to_owned();
    let Some(row) = c.fetch_optional(&stmt).await? else { return Ok(None) };
    let kind_text: String = col(&row, "kind")?;
    let is_admin: i64 = col(&row, "is_admin")?;
    Ok(Some(Credentials {
        principal: Principal {
            id: col(&row, "id")?,
            kind: PrincipalKind::parse(&kind_text)
                .ok_or_else(|| StoreError::Corrupt(format!("principal kind {kind_text}")))?,
            name: col(&row, "name")?,
            is_admin: is_admin != 0,
        },
        secret_hash: col(&row, "password_hash")?,
    }))
}

pub async fn count(c: &mut Conn<'_>) -> StoreResult<i64> {
    let stmt = Query::select().expr(Expr::col("id").count()).from("principals").to_owned();
    let rows = c.fetch_all(&stmt).await?;
    rows.first().map_or(Ok(0), |row| {
        use sqlx::Row;
        row.try_get::<i64, _>(0).map_err(StoreError::Db)
    })
}
