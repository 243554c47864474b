//! Reading the audit trail: holders of `audit.read` (`audit.export` for exports,
//! `audit.verify` for verification). There is no way to change it.

use super::{Page, ServiceResult, page_size};
use crate::audit::{Verification, verify};
use crate::authz::Authorizer;
use crate::domain::audit::AuditRecord;
use crate::domain::principal::Principal;
use crate::domain::role::{Action, Scope};
use crate::service::pagination::PageTokens;
use crate::store::Store;
use crate::store::audit::{self, AuditFilter};

#[derive(Debug, Clone)]
pub struct AuditTrail {
    store: Store,
    authz: Authorizer,
    pages: PageTokens,
}

impl AuditTrail {
    pub fn new(store: Store, authz: Authorizer, pages: PageTokens) -> Self {
        Self { store, authz, pages }
    }

    pub async fn list(
        &self,
        caller: &Principal,
        filter: &AuditFilter,
        max_results: Option<u32>,
        page_token: Option<&str>,
    ) -> ServiceResult<Page<AuditRecord>> {
        let limit = page_size(max_results)?;
        let after: i64 = self.pages.resume("audit", page_token)?.unwrap_or(0);
        self.authz.require_role(caller, Action::AuditRead, &Scope::Lake)?;
        let mut items = audit::list(&mut self.store.conn(), filter, after, u64::from(limit) + 1).await?;
        let next_page_token = if items.len() > limit as usize {
            items.truncate(limit as usize);
            items.last().map(|r| self.pages.encode("audit", &r.seq))
        } else {
            None
        };
        Ok(Page { items, next_page_token })
    }

    /// Every matching record, for export (JSON lines), in pages read as the caller consumes.
    pub async fn export_page(
        &self,
        caller: &Principal,
        filter: &AuditFilter,
        after: i64,
    ) -> ServiceResult<Vec<AuditRecord>> {
        self.authz.require_role(caller, Action::AuditExport, &Scope::Lake)?;
        Ok(audit::list(&mut self.store.conn(), filter, after, 1_000).await?)
    }

    pub async fn verify(&self, caller: &Principal) -> ServiceResult<Verification> {
        self.authz.require_role(caller, Action::AuditVerify, &Scope::Lake)?;
        Ok(verify(&self.store).await?)
    }
}
