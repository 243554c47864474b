//! Login throttling: failed logins are counted per user name and per client address in a
//! fixed window; past the limit, logins are refused (429 with Retry-After) before any
//! password is checked, so guessing cannot continue. Per replica, in memory.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const WINDOW: Duration = Duration::from_secs(300);
pub const PER_USER: u32 = 5;
pub const PER_ADDRESS: u32 = 20;

#[derive(Debug, Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

fn keys(user: &str, addr: Option<IpAddr>) -> Vec<(String, u32)> {
    let mut keys = vec![(format!("user:{user}"), PER_USER)];
    if let Some(addr) = addr {
        keys.push((format!("addr:{addr}"), PER_ADDRESS));
    }
    keys
}

impl LoginLimiter {
    /// `Err(seconds to wait)` when `user` or `addr` failed too often recently.
    pub fn check(&self, user: &str, addr: Option<IpAddr>) -> Result<(), u64> {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        failures.retain(|_, (_, start)| now.duration_since(*start) < WINDOW);
        for (key, limit) in keys(user, addr) {
            if let Some((count, start)) = failures.get(&key) {
                if *count >= limit {
                    let left = WINDOW.saturating_sub(now.duration_since(*start));
                    return Err(left.as_secs().max(1));
                }
            }
        }
        Ok(())
    }

    pub fn failed(&self, user: &str, addr: Option<IpAddr>) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        for (key, _) in keys(user, addr) {
            failures.entry(key).or_insert((0, Instant::now())).0 += 1;
        }
    }

    /// A successful login clears the user's count (not the address's).
    pub fn succeeded(&self, user: &str) {
        self.failures.lock().unwrap_or_else(|p| p.into_inner()).remove(&format!("user:{user}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sixth_failure_for_a_user_is_refused_and_success_resets() {
        let limiter = LoginLimiter::default();
        for _ in 0..PER_USER {
            assert!(limiter.check("alice", None).is_ok());
            limiter.failed("alice", None);
        }
        let wait = limiter.check("alice", None).unwrap_err();
        assert!(wait > 0 && wait <= WINDOW.as_secs());
        assert!(limiter.check("bob", None).is_ok());
        limiter.succeeded("alice");
        assert!(limiter.check("alice", None).is_ok());
    }

    #[test]
    fn an_address_spraying_many_users_is_refused() {
        let limiter = LoginLimiter::default();
        let addr: IpAddr = "10.0.0.1".parse().unwrap();
        for i in 0..PER_ADDRESS {
            limiter.failed(&format!("user{i}"), Some(addr));
        }
        assert!(limiter.check("someone-new", Some(addr)).is_err());
        assert!(limiter.check("someone-new", Some("10.0.0.2".parse().unwrap())).is_ok());
    }
}
