//! Schema-only types: the vocabularies the server checks by hand (privileges, grant types,
//! output formats) written down as enums for the OpenAPI document, so that generated clients
//! offer them as enums and can validate before sending. The wire fields stay strings where
//! the server parses them itself, to keep its own error codes.

#![allow(dead_code)] // documents values; never built

use utoipa::ToSchema;

/// A Lake Formation privilege.
#[derive(ToSchema)]
#[schema(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PrivilegeName {
    CreateDatabase,
    CreateTable,
    Alter,
    Drop,
    Describe,
    Select,
    Insert,
    Delete,
    DataLocationAccess,
    All,
}

/// How a token is asked for: a user's password, or a service principal's client credentials.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum GrantType {
    Password,
    ClientCredentials,
}

/// The encoding of a query result.
#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
pub enum ResultFormat {
    Json,
    Csv,
    Arrow,
    Parquet,
}

/// What vended credentials allow.
#[derive(ToSchema)]
#[schema(rename_all = "UPPERCASE")]
pub enum CredentialOperation {
    Read,
    Write,
}

/// Restrictions an engine declares it enforces (Lake Formation's SupportedPermissionTypes).
#[derive(ToSchema)]
#[schema(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PermissionType {
    ColumnPermission,
    CellFilterPermission,
}

/// An audit decision.
#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
pub enum AuditDecision {
    Allow,
    Deny,
}

/// A management-plane role (`policies/roles.conf`).
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum RoleName {
    LakeAdmin,
    ReadOnlyAdmin,
    Auditor,
    DataSteward,
}

/// What a crawler does when a table's schema changed.
#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
pub enum SchemaChange {
    Update,
    Log,
    Fail,
}

/// What a crawler does with a table whose folder is gone.
#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
pub enum DeletedFolders {
    Deprecate,
    Delete,
    Ignore,
}
