//! Rows of `principals` (users, groups, service principals) and `group_members`.

use chrono::Utc;
use sea_query::{Expr, ExprTrait, Order, Query};
use sqlx::any::AnyRow;

use super::{Conn, StoreError, StoreResult, col, to_micros};
use crate::domain::principal::{Principal, PrincipalKind};

/// A principal with the hash of its secret, as needed to authenticate it.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub principal: Principal,
    pub secret_hash: Option<String>,
}

/// A principal as listed: with its description and, for services, the client id.
#[derive(Debug, Clone)]
pub struct PrincipalRow {
    pub principal: Principal,
    pub description: Option<String>,
    pub client_id: Option<String>,
}

const COLUMNS: [&str; 6] = ["id", "kind", "name", "password_hash", "client_id", "description"];

fn principal_from(row: &AnyRow) -> StoreResult<Principal> {
    let kind_text: String = col(row, "kind")?;
    Ok(Principal {
        id: col(row, "id")?,
        kind: PrincipalKind::parse(&kind_text)
            .ok_or_else(|| StoreError::Corrupt(format!("principal kind {kind_text}")))?,
        name: col(row, "name")?,
    })
}

fn row_from(row: &AnyRow) -> StoreResult<PrincipalRow> {
    Ok(PrincipalRow {
        principal: principal_from(row)?,
        description: col(row, "description")?,
        client_id: col(row, "client_id")?,
    })
}

pub async fn insert(
    c: &mut Conn<'_>,
    principal: &Principal,
    secret_hash: Option<&str>,
    client_id: Option<&str>,
    description: Option<&str>,
) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table("principals")
        .columns(["id", "kind", "name", "password_hash", "created_at", "client_id", "description"])
        .values_panic([
            principal.id.clone().into(),
            principal.kind.as_str().into(),
            principal.name.clone().into(),
            secret_hash.map(str::to_owned).into(),
            to_micros(Utc::now()).into(),
            client_id.map(str::to_owned).into(),
            description.map(str::to_owned).into(),
        ])
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

fn by_name(kind: PrincipalKind, name: &str) -> sea_query::SelectStatement {
    Query::select()
        .columns(COLUMNS)
        .from("principals")
        .and_where(Expr::col("kind").eq(kind.as_str()))
        .and_where(Expr::col("name").eq(name))
        .to_owned()
}

fn credentials_from(row: &AnyRow) -> StoreResult<Credentials> {
    Ok(Credentials { principal: principal_from(row)?, secret_hash: col(row, "password_hash")? })
}

pub async fn find(c: &mut Conn<'_>, kind: PrincipalKind, name: &str) -> StoreResult<Option<Credentials>> {
    c.fetch_optional(&by_name(kind, name)).await?.as_ref().map(credentials_from).transpose()
}

pub async fn find_by_client_id(c: &mut Conn<'_>, client_id: &str) -> StoreResult<Option<Credentials>> {
    let stmt =
        Query::select().columns(COLUMNS).from("principals").and_where(Expr::col("client_id").eq(client_id)).to_owned();
    c.fetch_optional(&stmt).await?.as_ref().map(credentials_from).transpose()
}

pub async fn get(c: &mut Conn<'_>, kind: PrincipalKind, name: &str) -> StoreResult<Option<PrincipalRow>> {
    c.fetch_optional(&by_name(kind, name)).await?.as_ref().map(row_from).transpose()
}

/// Principals of one kind by name, after `after`.
pub async fn list(
    c: &mut Conn<'_>,
    kind: PrincipalKind,
    after: Option<&str>,
    limit: u64,
) -> StoreResult<Vec<PrincipalRow>> {
    let mut stmt = Query::select()
        .columns(COLUMNS)
        .from("principals")
        .and_where(Expr::col("kind").eq(kind.as_str()))
        .order_by("name", Order::Asc)
        .limit(limit)
        .to_owned();
    if let Some(after) = after {
        stmt.and_where(Expr::col("name").gt(after));
    }
    c.fetch_all(&stmt).await?.iter().map(row_from).collect()
}

pub async fn all(c: &mut Conn<'_>) -> StoreResult<Vec<Principal>> {
    let stmt = Query::select().columns(COLUMNS).from("principals").to_owned();
    c.fetch_all(&stmt).await?.iter().map(principal_from).collect()
}

pub async fn update(
    c: &mut Conn<'_>,
    id: &str,
    secret_hash: Option<&str>,
    description: Option<Option<&str>>,
) -> StoreResult<()> {
    let mut stmt = Query::update().table("principals").and_where(Expr::col("id").eq(id)).to_owned();
    let mut any = false;
    if let Some(hash) = secret_hash {
        stmt.value("password_hash", hash);
        any = true;
    }
    if let Some(description) = description {
        stmt.value("description", description.map(str::to_owned));
        any = true;
    }
    if any {
        c.execute(&stmt).await?;
    }
    Ok(())
}

/// Deletes a principal with its memberships (both ways), grants and roles.
pub async fn delete(c: &mut Conn<'_>, id: &str) -> StoreResult<()> {
    for (table, column) in [
        ("group_members", "member_id"),
        ("group_members", "group_id"),
        ("grants", "principal_id"),
        ("role_assignments", "principal_id"),
    ] {
        let stmt = Query::delete().from_table(table).and_where(Expr::col(column).eq(id)).to_owned();
        c.execute(&stmt).await?;
    }
    let stmt = Query::delete().from_table("principals").and_where(Expr::col("id").eq(id)).to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

pub async fn count(c: &mut Conn<'_>) -> StoreResult<i64> {
    let stmt = Query::select().expr(Expr::col("id").count()).from("principals").to_owned();
    let rows = c.fetch_all(&stmt).await?;
    rows.first().map_or(Ok(0), |row| {
        use sqlx::Row;
        row.try_get::<i64, _>(0).map_err(StoreError::Db)
    })
}

/// Adds `member_id` to `group_id`; false when it already was a member.
pub async fn add_member(c: &mut Conn<'_>, group_id: &str, member_id: &str) -> StoreResult<bool> {
    let stmt = Query::insert()
        .into_table("group_members")
        .columns(["group_id", "member_id"])
        .values_panic([group_id.into(), member_id.into()])
        .to_owned();
    match c.execute(&stmt).await {
        Ok(_) => Ok(true),
        Err(StoreError::UniqueViolation) => Ok(false),
        Err(e) => Err(e),
    }
}

pub async fn remove_member(c: &mut Conn<'_>, group_id: &str, member_id: &str) -> StoreResult<bool> {
    let stmt = Query::delete()
        .from_table("group_members")
        .and_where(Expr::col("group_id").eq(group_id))
        .and_where(Expr::col("member_id").eq(member_id))
        .to_owned();
    Ok(c.execute(&stmt).await? == 1)
}

/// Every (group id, member id) pair.
pub async fn all_memberships(c: &mut Conn<'_>) -> StoreResult<Vec<(String, String)>> {
    let stmt = Query::select().columns(["group_id", "member_id"]).from("group_members").to_owned();
    c.fetch_all(&stmt).await?.iter().map(|r| Ok((col(r, "group_id")?, col(r, "member_id")?))).collect()
}

/// Direct members of a group: (kind, name) pairs.
pub async fn members(c: &mut Conn<'_>, group_id: &str) -> StoreResult<Vec<Principal>> {
    let stmt = Query::select()
        .columns(COLUMNS.map(|c| ("principals", c)))
        .from("group_members")
        .inner_join("principals", Expr::col(("principals", "id")).equals(("group_members", "member_id")))
        .and_where(Expr::col(("group_members", "group_id")).eq(group_id))
        .order_by(("principals", "kind"), Order::Asc)
        .order_by(("principals", "name"), Order::Asc)
        .to_owned();
    c.fetch_all(&stmt).await?.iter().map(principal_from).collect()
}
