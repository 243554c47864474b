//! What changed between two versions of a pipeline's definition: steps added, removed or
//! changed (with both sides), and each setting that differs.

use serde_json::Value;

use super::PipelineDefinition;

/// One difference between two definitions.
#[derive(Debug, Clone, PartialEq)]
pub struct PipelineChange {
    /// `added`, `removed` or `changed`.
    pub kind: &'static str,
    /// `step`, or the setting: `triggers`, `incremental`, `retry`, `timeout_seconds`,
    /// `memory_limit_mb`, `max_concurrent_runs`, `description`.
    pub subject: &'static str,
    /// The step's name.
    pub name: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

fn json(value: &impl serde::Serialize) -> Option<Value> {
    serde_json::to_value(value).ok()
}

/// The differences from `old` to `new`: steps in `new`'s order then removed ones, then settings.
pub fn changes(old: &PipelineDefinition, new: &PipelineDefinition) -> Vec<PipelineChange> {
    let mut out = Vec::new();
    let step = |kind, name: &str, before: Option<Value>, after: Option<Value>| PipelineChange {
        kind,
        subject: "step",
        name: Some(name.to_owned()),
        before,
        after,
    };
    for s in &new.steps {
        match old.steps.iter().find(|o| o.name() == s.name()) {
            None => out.push(step("added", s.name(), None, json(s))),
            Some(before) if before != s => out.push(step("changed", s.name(), json(before), json(s))),
            Some(_) => {}
        }
    }
    for s in old.steps.iter().filter(|o| !new.steps.iter().any(|n| n.name() == o.name())) {
        out.push(step("removed", s.name(), json(s), None));
    }
    let mut setting = |subject, before: Option<Value>, after: Option<Value>| {
        if before != after {
            out.push(PipelineChange { kind: "changed", subject, name: None, before, after });
        }
    };
    setting("triggers", json(&old.triggers), json(&new.triggers));
    setting("incremental", json(&old.incremental), json(&new.incremental));
    setting("retry", json(&old.retry), json(&new.retry));
    setting("timeout_seconds", json(&old.timeout_seconds), json(&new.timeout_seconds));
    setting("memory_limit_mb", json(&old.memory_limit_mb), json(&new.memory_limit_mb));
    setting("max_concurrent_runs", json(&old.max_concurrent_runs), json(&new.max_concurrent_runs));
    setting("description", json(&old.description), json(&new.description));
    out
}

/// The changes in a line, as a version's summary says them.
pub fn summary(old: &PipelineDefinition, new: &PipelineDefinition) -> String {
    let parts: Vec<String> = changes(old, new)
        .into_iter()
        .map(|c| match c.name {
            Some(name) => format!("{} step {name}", c.kind),
            None => format!("changed {}", c.subject.replace('_', " ")),
        })
        .collect();
    if parts.is_empty() { "no changes".to_owned() } else { parts.join("; ") }
}
