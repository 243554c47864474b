//! Rows of `signing_keys`: secrets for JWTs and page tokens, identified by `kid`, so keys can
//! be rotated while tokens signed by the previous one still verify.

use chrono::{DateTime, Utc};
use sea_query::{Expr, ExprTrait, Order, Query};

use super::{Conn, StoreResult, col, from_micros, to_micros};

#[derive(Debug, Clone)]
pub struct SigningKey {
    pub kid: String,
    pub purpose: String,
    /// Base64 of the raw key bytes.
    pub secret: String,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(c: &mut Conn<'_>, key: &SigningKey) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table("signing_keys")
        .columns(["kid", "purpose", "secret", "created_at"])
        .values_panic([
            key.kid.clone().into(),
            key.purpose.clone().into(),
            key.secret.clone().into(),
            to_micros(key.created_at).into(),
        ])
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// Keys of `purpose` that are not retired, newest first.
pub async fn active(c: &mut Conn<'_>, purpose: &str) -> StoreResult<Vec<SigningKey>> {
    let stmt = Query::select()
        .columns(["kid", "purpose", "secret", "created_at"])
        .from("signing_keys")
        .and_where(Expr::col("purpose").eq(purpose))
        .and_where(Expr::col("retired_at").is_null())
        .order_by("created_at", Order::Desc)
        .to_owned();
    let rows = c.fetch_all(&stmt).await?;
    rows.iter()
        .map(|row| {
            Ok(SigningKey {
                kid: col(row, "kid")?,
                purpose: col(row, "purpose")?,
                secret: col(row, "secret")?,
                created_at: from_micros(col(row, "created_at")?)?,
            })
        })
        .collect()
}

/// Retires every active key of `purpose`: tokens they signed stop verifying.
pub async fn retire_all(c: &mut Conn<'_>, purpose: &str) -> StoreResult<()> {
    let stmt = Query::update()
        .table("signing_keys")
        .value("retired_at", to_micros(Utc::now()))
        .and_where(Expr::col("purpose").eq(purpose))
        .and_where(Expr::col("retired_at").is_null())
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}
