//! The processing layer's planning: a pipeline definition becomes DataFusion plans over a
//! [`Session`] of secured tables. Steps are ordered (cycles refused), each `sql` and
//! `transform` step becomes a view under its name, each `validate` step compiles its rules
//! (and the quarantine of failing rows), each `write` step gets the plan of what it
//! publishes, and lineage is read off those plans. Planning reads no data, so a definition is
//! checked in full when it is created; `service` executes the plans and writes the results.

pub mod execute;
pub mod lineage;
pub mod quality;
pub mod transform;

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use datafusion::arrow::datatypes::Schema;
use datafusion::logical_expr::LogicalPlan;

use crate::domain::pipeline::dqdl::Value;
use crate::domain::pipeline::{PipelineDefinition, Step, WriteMode, parse_table};
use crate::query::QueryError;
use crate::query::session::{Session, references};
use quality::CompiledRule;

#[derive(Debug, Clone, thiserror::Error)]
pub enum ProcessError {
    /// The definition cannot be planned: unknown step, column or table, bad SQL, a cycle.
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Query(QueryError),
}

impl ProcessError {
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::Invalid(message.into())
    }
}

impl From<QueryError> for ProcessError {
    fn from(e: QueryError) -> Self {
        match e {
            QueryError::Invalid(m) | QueryError::NotAllowed(m) => Self::Invalid(m),
            QueryError::HiddenColumn { column } => {
                Self::Invalid(format!("column `{column}` does not exist or is not granted to the pipeline's owner"))
            }
            other => Self::Query(other),
        }
    }
}

/// A quoted SQL identifier.
pub fn q(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A SQL literal.
pub fn lit(v: &Value) -> String {
    match v {
        Value::Number(n) => format!("{n}"),
        Value::Text(t) => format!("'{}'", t.replace('\'', "''")),
    }
}

/// Rows a step sends to a quarantine table: its input's columns, then the rule and reason.
#[derive(Debug, Clone)]
pub struct Quarantine {
    pub table: (String, String),
    pub plan: LogicalPlan,
}

#[derive(Debug, Clone)]
pub enum Action {
    /// A view other steps read (sql, transform).
    View,
    Validate {
        input: String,
        rules: Vec<CompiledRule>,
    },
    Write {
        plan: LogicalPlan,
    },
}

#[derive(Debug, Clone)]
pub struct CompiledStep {
    /// Index in the definition.
    pub index: usize,
    pub action: Action,
    pub quarantine: Option<Quarantine>,
}

/// The definition, planned: steps in the order they run.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub steps: Vec<CompiledStep>,
}

/// Every catalog table a definition reads (SQL steps, references of rules, merge targets).
pub fn tables_read(definition: &PipelineDefinition) -> Result<BTreeSet<(String, String)>, ProcessError> {
    use crate::domain::pipeline::dqdl::Rule;
    let mut out = BTreeSet::new();
    for step in &definition.steps {
        match step {
            Step::Sql { sql, .. } => out.extend(references(sql)?.tables),
            Step::Validate { rules, .. } => {
                for rule in rules {
                    match crate::domain::pipeline::dqdl::parse(&rule.rule).map_err(ProcessError::Invalid)? {
                        Rule::ReferentialIntegrity { reference, .. } => {
                            let mut parts = reference.split('.');
                            if let (Some(d), Some(t)) = (parts.next(), parts.next()) {
                                out.insert((d.to_owned(), t.to_owned()));
                            }
                        }
                        Rule::SchemaMatch { reference, .. } => {
                            let (d, t) = parse_table(&reference).map_err(|e| ProcessError::Invalid(e.message))?;
                            out.insert((d.to_string(), t.to_string()));
                        }
                        Rule::CustomSql { sql, .. } => out.extend(references(&sql)?.tables),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// The steps each step reads, by index.
fn dependencies(definition: &PipelineDefinition) -> Result<Vec<Vec<usize>>, ProcessError> {
    let index: BTreeMap<&str, usize> = definition.steps.iter().enumerate().map(|(i, s)| (s.name(), i)).collect();
    let mut out = Vec::with_capacity(definition.steps.len());
    for step in &definition.steps {
        let names = match step {
            Step::Sql { sql, .. } => references(sql)?.steps,
            other => other.input().map(str::to_owned).into_iter().collect(),
        };
        let mut deps = Vec::new();
        for name in names {
            let Some(&i) = index.get(name.as_str()) else {
                return Err(ProcessError::invalid(format!(
                    "step `{}` reads `{name}`, which is no step: name catalog tables as database.table",
                    step.name()
                )));
            };
            if matches!(definition.steps[i], Step::Write { .. }) {
                return Err(ProcessError::invalid(format!("step `{}` reads the write step `{name}`", step.name())));
            }
            deps.push(i);
        }
        out.push(deps);
    }
    Ok(out)
}

/// Kahn's order; a cycle is named by one of its steps.
fn order(definition: &PipelineDefinition) -> Result<Vec<usize>, ProcessError> {
    let deps = dependencies(definition)?;
    let mut waiting: Vec<usize> = deps.iter().map(Vec::len).collect();
    let mut ready: VecDeque<usize> = (0..deps.len()).filter(|i| waiting[*i] == 0).collect();
    let mut out = Vec::with_capacity(deps.len());
    while let Some(i) = ready.pop_front() {
        out.push(i);
        for (j, d) in deps.iter().enumerate() {
            for _ in d.iter().filter(|x| **x == i) {
                waiting[j] -= 1;
                if waiting[j] == 0 {
                    ready.push_back(j);
                }
            }
        }
    }
    if let Some(stuck) = (0..deps.len()).find(|i| !out.contains(i)) {
        return Err(ProcessError::invalid(format!(
            "the steps form a cycle through `{}`",
            definition.steps[stuck].name()
        )));
    }
    Ok(out)
}

/// What planning needs to know of the catalog beyond the session.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Sensitivity -> the input tables' columns that carry it.
    pub sensitive: BTreeMap<String, BTreeSet<String>>,
    /// Definitions of tables rules refer to (`database.table`).
    pub schemas: BTreeMap<String, crate::domain::table::TableDefinition>,
    /// Keys tokens; stable per pipeline.
    pub salt: String,
    /// The tables merge steps write that exist (and are read, to merge into).
    pub merge_targets: BTreeMap<String, crate::domain::table::TableDefinition>,
}

/// A merge as the rows the table holds after it: the current rows whose key the output does
/// not carry, then the output's rows but those `delete_when` marks. Copy-on-write: the write
/// replaces the table with it.
fn merge_sql(
    input: &str,
    target: Option<&crate::domain::table::TableDefinition>,
    table: &str,
    keys: &[String],
    delete_when: Option<&str>,
) -> Result<String, ProcessError> {
    let kept = match delete_when {
        Some(p) => format!("NOT COALESCE(({p}), FALSE)"),
        None => "TRUE".to_owned(),
    };
    let Some(target) = target else {
        return Ok(format!("SELECT * FROM {} WHERE {kept}", q(input)));
    };
    let (database, name) = parse_table(table).map_err(|e| ProcessError::Invalid(e.message))?;
    let columns: Vec<String> =
        target.columns.iter().chain(&target.partition_keys).map(|c| q(c.name.as_str())).collect();
    let same_key: Vec<String> = keys.iter().map(|k| format!("__new.{k} = __old.{k}", k = q(k))).collect();
    Ok(format!(
        "SELECT {list} FROM {db}.{t} AS __old WHERE NOT EXISTS (SELECT 1 FROM {input} AS __new WHERE {on}) \
         UNION ALL SELECT {list} FROM {input} WHERE {kept}",
        list = columns.join(", "),
        db = q(database.as_str()),
        t = q(name.as_str()),
        input = q(input),
        on = same_key.join(" AND "),
    ))
}

fn schema_of(plan: &LogicalPlan) -> Schema {
    plan.schema().as_arrow().clone()
}

/// The quarantine table of a step: its own, else the first downstream write's with
/// `_quarantine` appended.
fn quarantine_table(
    definition: &PipelineDefinition,
    index: usize,
    own: Option<&str>,
) -> Result<(String, String), ProcessError> {
    if let Some(t) = own {
        let (d, n) = parse_table(t).map_err(|e| ProcessError::Invalid(e.message))?;
        return Ok((d.to_string(), n.to_string()));
    }
    if let Some((d, t)) = downstream_writes(definition, index).into_iter().next() {
        return Ok((d, format!("{t}_quarantine")));
    }
    Err(ProcessError::invalid(format!(
        "step `{}` quarantines rows but writes nowhere: give it a quarantine table",
        definition.steps[index].name()
    )))
}

/// Plans every step of `definition` in `session` (its tables already authorized).
pub async fn compile(
    session: &Session,
    definition: &PipelineDefinition,
    context: &Context,
) -> Result<Compiled, ProcessError> {
    let mut steps = Vec::new();
    for index in order(definition)? {
        let step = &definition.steps[index];
        let compiled = match step {
            Step::Sql { name, sql } => {
                let plan = session.plan(sql).await.map_err(|e| at(name, e.into()))?;
                session.register_view(name, plan)?;
                CompiledStep { index, action: Action::View, quarantine: None }
            }
            Step::Transform { name, input, operations, quarantine } => {
                let input_schema = schema_of(&session.plan(&format!("SELECT * FROM {}", q(input))).await?);
                let failing = transform::quarantining_casts(operations, &input_schema).map_err(|e| at(name, e))?;
                // Rows whose quarantining cast fails leave before the operations run.
                let (mut from, quarantine) = if failing.is_empty() {
                    (input.clone(), None)
                } else {
                    let table = quarantine_table(definition, index, quarantine.as_deref())?;
                    let preds: Vec<String> = failing.iter().map(|(ok, _)| format!("COALESCE({ok}, FALSE)")).collect();
                    let kept =
                        session.plan(&format!("SELECT * FROM {} WHERE {}", q(input), preds.join(" AND "))).await?;
                    let kept_name = format!("__{name}_kept");
                    session.register_view(&kept_name, kept)?;
                    (kept_name, Some(quarantine_plan(session, input, &failing, table).await?))
                };
                for (i, op) in operations.iter().enumerate() {
                    let schema = schema_of(&session.plan(&format!("SELECT * FROM {}", q(&from))).await?);
                    let sql = transform::compile(op, &from, &schema, &context.sensitive, &context.salt)
                        .map_err(|e| at(name, e))?;
                    let plan = session.plan(&sql).await.map_err(|e| at(name, e.into()))?;
                    from = format!("__{name}_{i}");
                    session.register_view(&from, plan)?;
                }
                session.register_view(name, session.plan(&format!("SELECT * FROM {}", q(&from))).await?)?;
                CompiledStep { index, action: Action::View, quarantine }
            }
            Step::Validate { name, input, rules, quarantine, .. } => {
                let schema = schema_of(&session.plan(&format!("SELECT * FROM {}", q(input))).await?);
                let mut compiled_rules = Vec::with_capacity(rules.len());
                for spec in rules {
                    let rule = quality::compile(spec, input, &schema, |t| {
                        context.schemas.get(t).map(|d| crate::query::schema::file_schema(d).as_ref().clone())
                    })
                    .map_err(|e| at(name, e))?;
                    // Planned now, so a bad query is refused with the definition.
                    if let quality::Measure::Query(sql) = &rule.measure {
                        plan_measure(session, input, sql).await.map_err(|e| at(name, e))?;
                    }
                    compiled_rules.push(rule);
                }
                let quarantining: Vec<(String, String)> = compiled_rules
                    .iter()
                    .filter(|r| r.spec.action == crate::domain::pipeline::RuleAction::Quarantine)
                    .filter_map(|r| Some((r.row_ok.clone()?, r.spec.rule.clone())))
                    .collect();
                let (output, quarantine) = if quarantining.is_empty() {
                    (session.plan(&format!("SELECT * FROM {}", q(input))).await?, None)
                } else {
                    let table = quarantine_table(definition, index, quarantine.as_deref())?;
                    let preds: Vec<String> =
                        quarantining.iter().map(|(ok, _)| format!("COALESCE({ok}, FALSE)")).collect();
                    let kept =
                        session.plan(&format!("SELECT * FROM {} WHERE {}", q(input), preds.join(" AND "))).await?;
                    (kept, Some(quarantine_plan(session, input, &quarantining, table).await?))
                };
                session.register_view(name, output)?;
                CompiledStep {
                    index,
                    action: Action::Validate { input: input.clone(), rules: compiled_rules },
                    quarantine,
                }
            }
            Step::Write { name, input, table, mode: WriteMode::Merge, keys, delete_when, .. } => {
                let sql = merge_sql(input, context.merge_targets.get(table), table, keys, delete_when.as_deref())
                    .map_err(|e| at(name, e))?;
                let plan = session.plan(&sql).await.map_err(|e| at(name, e.into()))?;
                CompiledStep { index, action: Action::Write { plan }, quarantine: None }
            }
            Step::Write { input, .. } => {
                let plan = session.plan(&format!("SELECT * FROM {}", q(input))).await?;
                CompiledStep { index, action: Action::Write { plan }, quarantine: None }
            }
        };
        steps.push(compiled);
    }
    Ok(Compiled { steps })
}

fn at(step: &str, e: ProcessError) -> ProcessError {
    match e {
        ProcessError::Invalid(m) => ProcessError::Invalid(format!("step `{step}`: {m}")),
        other => other,
    }
}

/// Plans a rule's query with `primary` naming the step's input.
pub async fn plan_measure(session: &Session, input: &str, sql: &str) -> Result<LogicalPlan, ProcessError> {
    session.register_view("primary", session.plan(&format!("SELECT * FROM {}", q(input))).await?)?;
    let plan = session.plan(sql).await;
    session.deregister_view("primary");
    let plan = plan?;
    if plan.schema().fields().len() != 1 || !plan.schema().field(0).data_type().is_numeric() {
        return Err(ProcessError::invalid(format!("the query `{sql}` must return one number")));
    }
    Ok(plan)
}

/// The input's rows that fail any of `failing` (predicate a passing row satisfies, reason),
/// each with the reason.
async fn quarantine_plan(
    session: &Session,
    input: &str,
    failing: &[(String, String)],
    table: (String, String),
) -> Result<Quarantine, ProcessError> {
    let parts: Vec<String> = failing
        .iter()
        .map(|(ok, reason)| {
            format!(
                "SELECT *, {} AS \"dq_reason\" FROM {} WHERE NOT COALESCE({ok}, FALSE)",
                lit(&Value::Text(reason.clone())),
                q(input)
            )
        })
        .collect();
    let plan = session.plan(&parts.join(" UNION ALL ")).await?;
    Ok(Quarantine { table, plan })
}

/// The tables the write steps downstream of step `index` publish into.
pub fn downstream_writes(definition: &PipelineDefinition, index: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut frontier = vec![definition.steps[index].name().to_owned()];
    let mut seen = BTreeSet::new();
    while let Some(name) = frontier.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        for step in &definition.steps {
            let reads = match step {
                Step::Sql { sql, .. } => references(sql).map(|r| r.steps.contains(&name)).unwrap_or(false),
                other => other.input() == Some(name.as_str()),
            };
            if !reads {
                continue;
            }
            match step {
                Step::Write { table, .. } => {
                    if let Ok((d, t)) = parse_table(table) {
                        let key = (d.to_string(), t.to_string());
                        if !out.contains(&key) {
                            out.push(key);
                        }
                    }
                }
                other => frontier.push(other.name().to_owned()),
            }
        }
    }
    out
}
