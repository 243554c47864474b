use super::dqdl::{Check, Op, Rule, Value, parse};
use super::*;

fn definition(steps: serde_json::Value) -> Result<PipelineDefinition, String> {
    let d: PipelineDefinition =
        serde_json::from_value(serde_json::json!({ "steps": steps })).map_err(|e| e.to_string())?;
    d.validate().map_err(|e| e.message)?;
    Ok(d)
}

#[test]
fn dqdl_rules_parse_with_checks_thresholds_and_units() {
    assert_eq!(parse("RowCount > 100").unwrap(), Rule::RowCount(Check::Compare(Op::Gt, Value::Number(100.0))));
    assert_eq!(
        parse("ColumnValues \"age\" between 0 and 120 with threshold >= 0.9").unwrap(),
        Rule::ColumnValues {
            column: "age".into(),
            check: Check::Between(Value::Number(0.0), Value::Number(120.0)),
            threshold: Some(Check::Compare(Op::Ge, Value::Number(0.9))),
        }
    );
    assert_eq!(
        parse("ColumnValues \"kind\" in [\"a\", \"b\"]").unwrap(),
        Rule::ColumnValues {
            column: "kind".into(),
            check: Check::In { values: vec![Value::Text("a".into()), Value::Text("b".into())], negated: false },
            threshold: None,
        }
    );
    assert_eq!(
        parse("DataFreshness \"ts\" <= 24 hours").unwrap(),
        Rule::DataFreshness { column: "ts".into(), check: Check::Compare(Op::Le, Value::Number(86400.0)) }
    );
    assert_eq!(parse("IsPrimaryKey \"a\" \"b\"").unwrap(), Rule::IsPrimaryKey(vec!["a".into(), "b".into()]));
    assert!(matches!(
        parse("ColumnValues \"e\" matches \"[a-z]+@x\"").unwrap(),
        Rule::ColumnValues { check: Check::Matches(_), .. }
    ));
    assert!(matches!(
        parse("ReferentialIntegrity \"c\" \"db.t.id\" = 1.0").unwrap(),
        Rule::ReferentialIntegrity { .. }
    ));
    assert!(matches!(
        parse("CustomSql \"SELECT COUNT(*) FROM primary\" between 1 and 9").unwrap(),
        Rule::CustomSql { .. }
    ));
    for bad in [
        "",
        "Nonsense > 1",
        "RowCount",
        "RowCount > ",
        "IsComplete age",
        "ColumnValues \"a\" between 1",
        "RowCount > 1 extra",
        "DataFreshness \"t\" <= 3 fortnights",
        "ReferentialIntegrity \"c\" \"t.id\" = 1",
    ] {
        assert!(parse(bad).is_err(), "{bad}");
    }
    assert!(Check::Between(Value::Number(1.0), Value::Number(2.0)).passes(1.5));
    assert!(!Check::Compare(Op::Gt, Value::Number(2.0)).passes(2.0));
    assert!(Check::In { values: vec![Value::Number(3.0)], negated: true }.passes(4.0));
}

#[test]
fn definitions_are_checked_before_anything_is_planned() {
    let ok = serde_json::json!([
        {"name": "src", "kind": "sql", "sql": "SELECT * FROM raw.orders"},
        {"name": "typed", "kind": "transform", "input": "src", "operations": [{"op": "trim", "columns": ["name"]}]},
        {"name": "checked", "kind": "validate", "input": "typed", "rules": [{"rule": "IsComplete \"id\"", "action": "quarantine"}]},
        {"name": "out", "kind": "write", "input": "checked", "table": "clean.orders", "partition_keys": ["day"]}
    ]);
    let d = definition(ok).unwrap();
    assert_eq!(d.outputs(), vec!["clean.orders"]);
    assert_eq!(d.timeout_seconds, 3600);
    let cases = [
        (serde_json::json!([]), "1 to"),
        (serde_json::json!([{"name": "A", "kind": "sql", "sql": "SELECT 1"}]), "invalid step name"),
        (
            serde_json::json!([{"name": "a", "kind": "sql", "sql": "SELECT 1"}, {"name": "a", "kind": "sql", "sql": "SELECT 2"}]),
            "two steps",
        ),
        (serde_json::json!([{"name": "w", "kind": "write", "input": "nope", "table": "d.t"}]), "not a step"),
        (
            serde_json::json!([{"name": "a", "kind": "sql", "sql": "SELECT 1"}, {"name": "w", "kind": "write", "input": "a", "table": "nodot"}]),
            "database.table",
        ),
        (
            serde_json::json!([{"name": "a", "kind": "sql", "sql": "SELECT 1"}, {"name": "w", "kind": "write", "input": "a", "table": "d.t", "mode": "merge"}]),
            "merge needs keys",
        ),
        (
            serde_json::json!([{"name": "a", "kind": "sql", "sql": "SELECT 1"}, {"name": "v", "kind": "validate", "input": "a", "rules": [{"rule": "Bogus"}]}]),
            "unknown rule type",
        ),
        (
            serde_json::json!([{"name": "a", "kind": "sql", "sql": "SELECT 1"}, {"name": "w", "kind": "write", "input": "a", "table": "d.t"},
                            {"name": "b", "kind": "transform", "input": "w", "operations": [{"op": "trim", "columns": ["x"]}]}]),
            "no step can read",
        ),
    ];
    for (steps, expected) in cases {
        let error = definition(steps.clone()).unwrap_err();
        assert!(error.contains(expected), "{steps}: {error}");
    }
    // Unknown fields and kinds are refused by the shape itself.
    assert!(definition(serde_json::json!([{"name": "a", "kind": "sql", "sql": "SELECT 1", "extra": 1}])).is_err());
    assert!(definition(serde_json::json!([{"name": "a", "kind": "python", "code": ""}])).is_err());
    let with = |triggers: serde_json::Value| {
        let d: PipelineDefinition = serde_json::from_value(serde_json::json!({
            "steps": [{"name": "a", "kind": "sql", "sql": "SELECT 1"}], "triggers": triggers }))
        .unwrap();
        d.validate()
    };
    assert!(with(serde_json::json!([{"kind": "schedule", "cron": "*/5 * * * *"}])).is_ok());
    assert!(with(serde_json::json!([{"kind": "schedule", "cron": "every tuesday"}])).is_err());
    assert!(with(serde_json::json!([{"kind": "data", "table": "raw.orders", "batch_size": 0}])).is_err());
    assert!(with(serde_json::json!([{"kind": "pipeline", "pipelines": []}])).is_err());
}

#[test]
fn rows_of_view_steps_come_from_the_steps_that_read_them() {
    use super::run::{StepRun, derive_view_counts};
    let steps: Vec<Step> = serde_json::from_value(serde_json::json!([
        {"name": "raw", "kind": "sql", "sql": "SELECT * FROM d.t"},
        {"name": "checked", "kind": "validate", "input": "raw", "rules": [{"rule": "RowCount > 0"}]},
        {"name": "typed", "kind": "transform", "input": "checked", "operations": [{"op": "trim", "columns": ["x"]}]},
        {"name": "out", "kind": "write", "input": "typed", "table": "d.u"},
        {"name": "merged", "kind": "transform", "input": "checked", "operations": [{"op": "trim", "columns": ["x"]}]},
        {"name": "m", "kind": "write", "input": "merged", "table": "d.v", "mode": "merge", "keys": ["x"]}
    ]))
    .unwrap();
    let record = |name: &str, kind: &str, rows_in: u64, quarantined: u64| StepRun {
        name: name.into(),
        kind: kind.into(),
        status: "succeeded".into(),
        rows_in,
        rows_out: if kind == "write" { rows_in } else { 0 },
        rows_quarantined: quarantined,
        ..StepRun::default()
    };
    let mut records = vec![
        record("raw", "sql", 0, 0),
        record("checked", "validate", 100, 4),
        record("typed", "transform", 0, 0),
        record("out", "write", 90, 0),
        record("merged", "transform", 0, 0),
        record("m", "write", 120, 0),
    ];
    derive_view_counts(&steps, &mut records);
    let rows: Vec<(u64, u64)> = records.iter().map(|r| (r.rows_in, r.rows_out)).collect();
    // raw: its reader counted 100; checked passes 96 on; typed (a trim keeps every row) read
    // 90 and wrote 90 - but checked is counted by itself first; a merge writes the merged
    // table, not its input: merged's output stays uncounted.
    assert_eq!(rows, [(0, 100), (100, 96), (96, 90), (90, 90), (96, 0), (120, 120)]);
    // A transform that keeps every row gives its input the count it wrote.
    let chain: Vec<Step> = serde_json::from_value(serde_json::json!([
        {"name": "src", "kind": "sql", "sql": "SELECT * FROM d.t"},
        {"name": "typed", "kind": "transform", "input": "src", "operations": [{"op": "trim", "columns": ["x"]}]},
        {"name": "out", "kind": "write", "input": "typed", "table": "d.u"}
    ]))
    .unwrap();
    let mut records =
        vec![record("src", "sql", 0, 0), record("typed", "transform", 0, 0), record("out", "write", 7, 0)];
    derive_view_counts(&chain, &mut records);
    let rows: Vec<(u64, u64)> = records.iter().map(|r| (r.rows_in, r.rows_out)).collect();
    assert_eq!(rows, [(0, 7), (7, 7), (7, 7)]);
}
