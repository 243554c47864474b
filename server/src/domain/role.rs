//! Management-plane roles and the actions they allow: the vocabulary of `policies/roles.conf`
//! and `policies/roles.csv`. Which role allows which action is the policy's, not this file's.

use std::fmt;

/// A role a lake administrator assigns to a user, group or service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Everything.
    LakeAdmin,
    /// Describe everything and read the audit trail; change nothing.
    ReadOnlyAdmin,
    /// Read, export and verify the audit trail.
    Auditor,
    /// Within one database: see everything, manage tags, data filters and grants.
    DataSteward,
}

impl Role {
    pub const EVERY: [Role; 4] = [Self::LakeAdmin, Self::ReadOnlyAdmin, Self::Auditor, Self::DataSteward];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::LakeAdmin => "lake_admin",
            Self::ReadOnlyAdmin => "read_only_admin",
            Self::Auditor => "auditor",
            Self::DataSteward => "data_steward",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::EVERY.into_iter().find(|r| r.as_str() == s)
    }

    /// Whether the role is held in one database (`data_steward`) rather than lake-wide.
    pub fn is_database_scoped(self) -> bool {
        matches!(self, Self::DataSteward)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a role is held, or where an action applies: the whole lake or one database.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Lake,
    Database(String),
}

impl Scope {
    /// The casbin domain: `*` for the lake, else the database name.
    pub fn domain(&self) -> &str {
        match self {
            Self::Lake => "*",
            Self::Database(db) => db,
        }
    }

    pub fn from_domain(domain: &str) -> Self {
        if domain == "*" { Self::Lake } else { Self::Database(domain.to_owned()) }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Lake => f.write_str("lake"),
            Self::Database(db) => write!(f, "database {db}"),
        }
    }
}

/// One role held by one principal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleAssignment {
    pub principal_id: String,
    pub role: Role,
    pub scope: Scope,
    pub created_by: String,
}

/// A management-plane action: what roles allow (data-plane privileges are grants).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Describe every database, table and column (the data plane reads this off the roles).
    CatalogDescribe,
    PrincipalRead,
    PrincipalManage,
    RoleRead,
    RoleManage,
    /// Create, change and delete tag keys (lake-wide).
    TagKeyManage,
    /// Set tags on databases, tables and columns.
    TagAssign,
    DataFilterManage,
    /// See grants held by others and explain their permissions.
    GrantRead,
    /// Grant and revoke without holding the privilege with grant option.
    GrantManage,
    AuditRead,
    AuditExport,
    AuditVerify,
    SigningKeyRotate,
    /// See other principals' queries.
    QueryRead,
    /// Cancel other principals' queries.
    QueryManage,
    /// See other principals' crawlers.
    CrawlerRead,
    /// Run, change and delete other principals' crawlers.
    CrawlerManage,
    /// See other principals' pipelines and their runs.
    PipelineRead,
    /// Run, change, cancel and delete other principals' pipelines.
    PipelineManage,
    /// See other principals' delivery streams and their status.
    StreamRead,
    /// Change and delete other principals' delivery streams.
    StreamManage,
}

impl Action {
    pub const EVERY: [Action; 22] = [
        Self::CatalogDescribe,
        Self::PrincipalRead,
        Self::PrincipalManage,
        Self::RoleRead,
        Self::RoleManage,
        Self::TagKeyManage,
        Self::TagAssign,
        Self::DataFilterManage,
        Self::GrantRead,
        Self::GrantManage,
        Self::AuditRead,
        Self::AuditExport,
        Self::AuditVerify,
        Self::SigningKeyRotate,
        Self::QueryRead,
        Self::QueryManage,
        Self::CrawlerRead,
        Self::CrawlerManage,
        Self::PipelineRead,
        Self::PipelineManage,
        Self::StreamRead,
        Self::StreamManage,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::CatalogDescribe => "catalog.describe",
            Self::PrincipalRead => "principal.read",
            Self::PrincipalManage => "principal.manage",
            Self::RoleRead => "role.read",
            Self::RoleManage => "role.manage",
            Self::TagKeyManage => "tag_key.manage",
            Self::TagAssign => "tag.assign",
            Self::DataFilterManage => "data_filter.manage",
            Self::GrantRead => "grant.read",
            Self::GrantManage => "grant.manage",
            Self::AuditRead => "audit.read",
            Self::AuditExport => "audit.export",
            Self::AuditVerify => "audit.verify",
            Self::SigningKeyRotate => "signing_key.rotate",
            Self::QueryRead => "query.read",
            Self::QueryManage => "query.manage",
            Self::CrawlerRead => "crawler.read",
            Self::CrawlerManage => "crawler.manage",
            Self::PipelineRead => "pipeline.read",
            Self::PipelineManage => "pipeline.manage",
            Self::StreamRead => "stream.read",
            Self::StreamManage => "stream.manage",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::EVERY.into_iter().find(|a| a.as_str() == s)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for role in Role::EVERY {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        for action in Action::EVERY {
            assert_eq!(Action::parse(action.as_str()), Some(action));
        }
        assert_eq!(Scope::from_domain("*"), Scope::Lake);
        assert_eq!(Scope::from_domain("sales").domain(), "sales");
    }
}
