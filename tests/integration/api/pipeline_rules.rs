//! Every DQDL rule type of a `validate` step measured on real rows: each one's outcome and
//! value, failing ones with `warn` so the run goes on and records them all.

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::pipelines::{create, run};
use super::query::employees;
use crate::support::each_backend;

/// (rule, passes): over hr.employees (ids 1-6, names of three letters, regions EU x3, US x2,
/// APAC; salaries 100-600) plus a `ts` of now; hr.regions knows EU and US only.
const RULES: [(&str, bool); 21] = [
    ("RowCount = 6", true),
    ("ColumnCount = 6", true),
    ("ColumnExists \"salary\"", true),
    ("ColumnDataType \"salary\" = \"INTEGER\"", true),
    ("SchemaMatch \"hr.employees\" >= 0.5", true),
    ("Completeness \"name\" > 0.9", true),
    ("IsComplete \"id\"", true),
    ("Uniqueness \"region\" > 0.5", false),
    ("IsUnique \"id\"", true),
    ("IsPrimaryKey \"id\"", true),
    ("DistinctValuesCount \"region\" = 3", true),
    ("ColumnValues \"salary\" between 50 and 700", true),
    ("ColumnValues \"region\" in [\"EU\", \"US\"]", false),
    ("ColumnValues \"name\" matches \"^[a-z]{3}$\"", true),
    ("ColumnLength \"name\" = 3", true),
    ("Mean \"salary\" = 350", true),
    ("Sum \"salary\" = 2100", true),
    ("StandardDeviation \"salary\" between 170 and 190", true),
    ("DataFreshness \"ts\" <= 24 hours", true),
    ("ReferentialIntegrity \"region\" \"hr.regions.region\" = 1.0", false),
    ("CustomSql \"SELECT COUNT(*) FROM primary WHERE salary > 450\" = 2", true),
];

#[tokio::test]
async fn every_rule_type_is_measured_and_judged() {
    each_backend(|app| async move {
        employees(&app).await;
        let rules: Vec<Value> = RULES.iter().map(|(r, _)| json!({"rule": r, "action": "warn"})).collect();
        let body = json!({"name": "checks", "steps": [
            {"name": "src", "kind": "sql", "sql": "SELECT id, name, region, salary, year, now() AS ts FROM hr.employees"},
            {"name": "checked", "kind": "validate", "input": "src", "rules": rules},
            {"name": "out", "kind": "write", "input": "checked", "table": "hr.checked"}
        ]});
        let (status, created) = create(&app.admin, body).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        let done = run(&app.admin, "checks").await;
        assert_eq!(done["status"], "succeeded", "{done}");
        let step = done["steps"].as_array().unwrap().iter().find(|s| s["name"] == "checked").unwrap().clone();
        let outcomes = step["rules"].as_array().unwrap();
        assert_eq!(outcomes.len(), RULES.len());
        for ((rule, passes), outcome) in RULES.iter().zip(outcomes) {
            assert_eq!(outcome["rule"], *rule);
            assert_eq!(outcome["passed"], *passes, "{rule}: {outcome}");
        }
        let value = |i: usize| outcomes[i]["value"].as_f64().unwrap();
        assert_eq!((value(0), value(10), value(15), value(16)), (6.0, 3.0, 350.0, 2100.0));
        assert!((value(19) - 5.0 / 6.0).abs() < 1e-9, "referential integrity: {}", value(19));
        assert!((value(7) - 1.0 / 6.0).abs() < 1e-9, "uniqueness: {}", value(7));
        assert_eq!(outcomes[12]["failing_rows"], 1, "APAC is not in the set");
        // The run's score: rules passed of rules.
        let (_, table) = app.get("/v1/databases/hr/tables/checked").await;
        assert_eq!((table["quality"]["passed"].as_u64(), table["quality"]["total"].as_u64()), (Some(18), Some(21)));
    })
    .await;
}
