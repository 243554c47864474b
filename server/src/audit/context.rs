//! What the layers learn about a request while handling it, for its audit record: who the
//! caller is, which resource it was about, whether something existing was hidden, and why it
//! failed. Lives in a task-local for the duration of one request.

use std::sync::Mutex;

use serde_json::{Map, Value};

/// One authorization decision, as `authz` notes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionNote {
    /// The privilege (`SELECT`) or management action (`role.manage`) asked for.
    pub wanted: &'static str,
    /// `table:sales.orders`, `database:sales`, `catalog`, `lake`, ...
    pub resource: String,
    pub allowed: bool,
    /// What allowed it: `role:lake_admin`, `owner:user:ann`, `grant:<id>`.
    pub by: Option<String>,
}

/// Decisions kept per record; a listing that checks many resources keeps the first ones.
pub const MAX_DECISIONS: usize = 16;

#[derive(Debug, Default, Clone)]
pub struct AuditContext {
    pub principal: Option<String>,
    pub resource: Option<String>,
    /// An existing resource was reported absent because the caller may not see it.
    pub hidden: bool,
    /// `authz` refused something, or authentication failed.
    pub denied: bool,
    /// The decisions `authz` made, in order (at most [`MAX_DECISIONS`]).
    pub decisions: Vec<DecisionNote>,
    pub error_code: Option<String>,
    pub detail: Map<String, Value>,
}

tokio::task_local! {
    static CONTEXT: Mutex<AuditContext>;
}

fn with(f: impl FnOnce(&mut AuditContext)) {
    let _ = CONTEXT.try_with(|c| f(&mut c.lock().unwrap_or_else(|p| p.into_inner())));
}

pub fn set_principal(principal: impl Into<String>) {
    let principal = principal.into();
    with(|c| c.principal = Some(principal));
}

pub fn set_resource(resource: impl Into<String>) {
    let resource = resource.into();
    with(|c| c.resource = Some(resource));
}

pub fn note_hidden() {
    with(|c| c.hidden = true);
}

/// Marks the record a denial (authentication failed, or a limit refused the caller).
pub fn note_denied() {
    with(|c| c.denied = true);
}

/// Notes an authorization decision in the open scope; gives the note back when no scope is
/// open (work that no request or job started), so the caller records it another way.
pub fn note_decision(note: DecisionNote) -> Result<(), DecisionNote> {
    let mut note = Some(note);
    let noted = CONTEXT.try_with(|c| {
        let mut c = c.lock().unwrap_or_else(|p| p.into_inner());
        let note = note.take().expect("taken once");
        c.denied |= !note.allowed;
        if c.decisions.len() < MAX_DECISIONS {
            c.decisions.push(note);
        }
    });
    match (noted, note) {
        (Err(_), Some(note)) => Err(note),
        _ => Ok(()),
    }
}

pub fn note_error(code: &str, message: &str) {
    with(|c| {
        c.error_code = Some(code.to_owned());
        c.detail.insert("error".to_owned(), Value::String(message.to_owned()));
    });
}

pub fn add_detail(key: &str, value: Value) {
    with(|c| {
        c.detail.insert(key.to_owned(), value);
    });
}

/// Decisions as an audit record's `detail.authz` shows them.
pub fn decisions_json(decisions: &[DecisionNote]) -> Value {
    Value::Array(
        decisions
            .iter()
            .map(|d| {
                serde_json::json!({
                    "wanted": d.wanted,
                    "resource": d.resource,
                    "decision": if d.allowed { "allow" } else { "deny" },
                    "by": d.by,
                })
            })
            .collect(),
    )
}

/// Runs `future` with a fresh context and returns what it learned.
pub async fn scope<F: std::future::Future>(future: F) -> (F::Output, AuditContext) {
    CONTEXT
        .scope(Mutex::new(AuditContext::default()), async move {
            let output = future.await;
            let context = CONTEXT.with(|c| std::mem::take(&mut *c.lock().unwrap_or_else(|p| p.into_inner())));
            (output, context)
        })
        .await
}
