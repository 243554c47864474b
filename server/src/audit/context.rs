//! What the layers learn about a request while handling it, for its audit record: who the
//! caller is, which resource it was about, whether something existing was hidden, and why it
//! failed. Lives in a task-local for the duration of one request.

use std::sync::Mutex;

use serde_json::{Map, Value};

#[derive(Debug, Default, Clone)]
pub struct AuditContext {
    pub principal: Option<String>,
    pub resource: Option<String>,
    /// An existing resource was reported absent because the caller may not see it.
    pub hidden: bool,
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
