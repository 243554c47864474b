//! Authorization decisions. Every service method asks `Authorizer::require` before it touches
//! anything, so `grep authz.require` lists every check in the server.
//!
//! Until grants exist (the governance issue) the policy is: lake administrators may do
//! everything, anyone else nothing. Deny by default.

use crate::domain::principal::{Principal, Privilege, Resource};

/// Why a request was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denied {
    pub privilege: Privilege,
    pub resource: Resource,
}

#[derive(Debug, Clone, Default)]
pub struct Authorizer;

impl Authorizer {
    pub fn require(&self, principal: &Principal, privilege: Privilege, resource: &Resource) -> Result<(), Denied> {
        if principal.is_admin {
            return Ok(());
        }
        Err(Denied { privilege, resource: resource.clone() })
    }
}
