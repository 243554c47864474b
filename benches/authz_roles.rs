//! The management-plane part of the authorization benchmark: decisions through casbin's
//! enforcer (`policies/roles.conf`) with 1,000 role assignments, through the one door
//! (`Authorizer::require_role`, the decision noted in an audit scope as a request's would be).

use std::time::{Duration, Instant};

use tarn::authz::Authorizer;
use tarn::domain::principal::Principal;
use tarn::domain::role::{Action, Role, RoleAssignment, Scope};
use tarn::store::{Store, roles};

const ASSIGNMENTS: usize = 1_000;
const DECISIONS: usize = 20_000;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// 1,000 assignments over `users`: a few lake administrators, read-only administrators and
/// auditors, and data stewards of 100 databases.
pub async fn management(store: &Store, users: &[Principal]) {
    let mut tx = store.begin().await.unwrap();
    for (i, user) in users.iter().enumerate().take(ASSIGNMENTS) {
        let (role, scope) = match i % 20 {
            0 => (Role::LakeAdmin, Scope::Lake),
            1..=3 => (Role::ReadOnlyAdmin, Scope::Lake),
            4..=6 => (Role::Auditor, Scope::Lake),
            _ => (Role::DataSteward, Scope::Database(format!("db{}", i % 100))),
        };
        let assignment = RoleAssignment { principal_id: user.id.clone(), role, scope, created_by: "bench".into() };
        roles::insert(&mut tx.conn(), &assignment).await.unwrap();
    }
    tx.commit().await.unwrap();
    let started = Instant::now();
    let authz = Authorizer::load(store.clone()).await.unwrap();
    println!(
        "policy snapshot with {ASSIGNMENTS} role assignments loaded in {:.0} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    let actions =
        [Action::GrantManage, Action::AuditRead, Action::PrincipalManage, Action::TagAssign, Action::RoleRead];
    let (times, allowed) = tarn::audit::context::scope(async {
        let mut times = Vec::with_capacity(DECISIONS);
        let mut allowed = 0;
        let mut rng = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..DECISIONS {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let user = &users[(rng % users.len() as u64) as usize];
            let action = actions[((rng >> 16) % actions.len() as u64) as usize];
            let scope = if rng & 1 == 0 { Scope::Lake } else { Scope::Database(format!("db{}", (rng >> 24) % 100)) };
            let t = Instant::now();
            let decided = authz.require_role(user, action, &scope);
            times.push(t.elapsed());
            allowed += usize::from(decided.is_ok());
        }
        (times, allowed)
    })
    .await
    .0;
    let mut times = times;
    times.sort();
    println!(
        "management decision through casbin ({ASSIGNMENTS} role assignments, users in a group in a group): p50 {:.1} us, p99 {:.1} us, max {:.1} us ({allowed} of {DECISIONS} allowed)",
        percentile(&times, 0.5).as_secs_f64() * 1e6,
        percentile(&times, 0.99).as_secs_f64() * 1e6,
        times.last().unwrap().as_secs_f64() * 1e6,
    );
}
