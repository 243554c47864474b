//! Rows of `role_assignments`: one per (principal, role, scope).

use chrono::Utc;
use sea_query::{Expr, ExprTrait, Order, Query};
use sqlx::any::AnyRow;

use super::{Conn, StoreError, StoreResult, col, to_micros};
use crate::domain::role::{Role, RoleAssignment, Scope};

const T: &str = "role_assignments";
const COLUMNS: [&str; 4] = ["principal_id", "role", "scope", "created_by"];

fn row_from(row: &AnyRow) -> StoreResult<RoleAssignment> {
    let role: String = col(row, "role")?;
    let scope: String = col(row, "scope")?;
    Ok(RoleAssignment {
        principal_id: col(row, "principal_id")?,
        role: Role::parse(&role).ok_or_else(|| StoreError::Corrupt(format!("role {role}")))?,
        scope: Scope::from_domain(&scope),
        created_by: col(row, "created_by")?,
    })
}

/// Adds an assignment; false when the principal already held that role there.
pub async fn insert(c: &mut Conn<'_>, assignment: &RoleAssignment) -> StoreResult<bool> {
    let stmt = Query::insert()
        .into_table(T)
        .columns(["principal_id", "role", "scope", "created_by", "created_at"])
        .values_panic([
            assignment.principal_id.clone().into(),
            assignment.role.as_str().into(),
            assignment.scope.domain().into(),
            assignment.created_by.clone().into(),
            to_micros(Utc::now()).into(),
        ])
        .to_owned();
    match c.execute(&stmt).await {
        Ok(_) => Ok(true),
        Err(StoreError::UniqueViolation) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Removes an assignment; false when there was none.
pub async fn delete(c: &mut Conn<'_>, principal_id: &str, role: Role, scope: &Scope) -> StoreResult<bool> {
    let stmt = Query::delete()
        .from_table(T)
        .and_where(Expr::col("principal_id").eq(principal_id))
        .and_where(Expr::col("role").eq(role.as_str()))
        .and_where(Expr::col("scope").eq(scope.domain()))
        .to_owned();
    Ok(c.execute(&stmt).await? == 1)
}

/// Every assignment held in `database` (its data stewards), removed with the database.
pub async fn delete_in_database(c: &mut Conn<'_>, database: &str) -> StoreResult<u64> {
    let stmt = Query::delete().from_table(T).and_where(Expr::col("scope").eq(database)).to_owned();
    c.execute(&stmt).await
}

/// Every assignment, by principal, role and scope.
pub async fn all(c: &mut Conn<'_>) -> StoreResult<Vec<RoleAssignment>> {
    let stmt = Query::select()
        .columns(COLUMNS)
        .from(T)
        .order_by("principal_id", Order::Asc)
        .order_by("role", Order::Asc)
        .order_by("scope", Order::Asc)
        .to_owned();
    c.fetch_all(&stmt).await?.iter().map(row_from).collect()
}

/// The ids of the principals holding `role` in `scope` directly (not through a group).
pub async fn holders(c: &mut Conn<'_>, role: Role, scope: &Scope) -> StoreResult<Vec<String>> {
    let stmt = Query::select()
        .column("principal_id")
        .from(T)
        .and_where(Expr::col("role").eq(role.as_str()))
        .and_where(Expr::col("scope").eq(scope.domain()))
        .to_owned();
    c.fetch_all(&stmt).await?.iter().map(|r| col(r, "principal_id")).collect()
}

/// Deletes every assignment of a principal (it is being deleted).
pub async fn delete_of(c: &mut Conn<'_>, principal_id: &str) -> StoreResult<()> {
    let stmt = Query::delete().from_table(T).and_where(Expr::col("principal_id").eq(principal_id)).to_owned();
    c.execute(&stmt).await?;
    Ok(())
}
