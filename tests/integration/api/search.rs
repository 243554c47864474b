//! `/v1/search`: ranking, typos and prefixes, filters, facets, paging, highlights, permission
//! filtering of hits and counts, freshness, catch-up after a crash, and rebuilds.

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Session, TestApp, code, each_backend};

fn encode(q: &str) -> String {
    q.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub async fn search(session: &Session, q: &str) -> Value {
    let (status, body) = session.get(&format!("/v1/search?q={}&max_results=50", encode(q))).await;
    assert_eq!(status, StatusCode::OK, "{q}: {body}");
    body
}

/// Searches until `done` holds (the index follows the catalog within a second; allow more on
/// a loaded machine), then returns the answer.
pub async fn search_until(session: &Session, q: &str, done: impl Fn(&Value) -> bool) -> Value {
    let started = Instant::now();
    loop {
        let body = search(session, q).await;
        if done(&body) {
            return body;
        }
        assert!(started.elapsed() < Duration::from_secs(15), "`{q}` never satisfied the condition: {body}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// `db.table` or `db.table.column` (or `db`) of each hit, in rank order.
pub fn names(body: &Value) -> Vec<String> {
    body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| ["database", "table", "column"].iter().filter_map(|k| h[*k].as_str()).collect::<Vec<_>>().join("."))
        .collect()
}

fn facet(body: &Value, name: &str) -> Vec<(String, u64)> {
    body["facets"][name]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["value"].as_str().unwrap().to_owned(), v["count"].as_u64().unwrap()))
        .collect()
}

async fn table(app: &TestApp, db: &str, name: &str, zone: &str, description: &str, columns: Value, business: Value) {
    app.create_table(
        db,
        json!({"name": name, "zone": zone, "format": "parquet", "description": description,
               "columns": columns, "business": business}),
    )
    .await;
}

fn cols(names: &[&str]) -> Value {
    Value::Array(names.iter().map(|n| json!({"name": n, "type": "utf8"})).collect())
}

/// A small lake: sales (curated and raw orders), marketing, and hr with salaries.
async fn lake(app: &TestApp) {
    app.post("/v1/tags", json!({"key": "domain", "values": ["sales", "marketing", "hr"]})).await;
    app.post("/v1/tags", json!({"key": "sensitivity", "values": ["public", "pii"]})).await;
    for db in ["sales", "sales_raw", "marketing", "hr"] {
        app.create_database(db).await;
    }
    let owner = |o: &str, s: &str, d: &str| json!({"owner": o, "steward": s, "domain": d});
    table(
        app,
        "sales",
        "orders",
        "curated",
        "Every order placed in a shop",
        cols(&["order_id", "customer_id", "amount"]),
        owner("alice", "bob", "sales"),
    )
    .await;
    table(
        app,
        "sales_raw",
        "orders",
        "raw",
        "Every order placed in a shop",
        cols(&["order_id", "customer_id", "amount"]),
        owner("alice", "bob", "sales"),
    )
    .await;
    table(
        app,
        "sales",
        "customer_orders",
        "cleaned",
        "Orders joined with customers",
        cols(&["order_id", "customer_name", "email"]),
        owner("carol", "bob", "sales"),
    )
    .await;
    table(
        app,
        "sales",
        "shipments",
        "curated",
        "Parcels sent for the orders",
        cols(&["shipment_id", "order_ref"]),
        owner("carol", "dave", "sales"),
    )
    .await;
    table(
        app,
        "marketing",
        "campaigns",
        "curated",
        "Marketing campaigns and their customers",
        cols(&["campaign_id", "budget"]),
        owner("erin", "erin", "marketing"),
    )
    .await;
    table(
        app,
        "hr",
        "employees",
        "curated",
        "Staff records",
        cols(&["employee_id", "salary", "department"]),
        owner("frank", "frank", "hr"),
    )
    .await;
    let put = |path: &str, body: Value| app.send(app.request(Method::PUT, path).json(&body));
    put("/v1/databases/hr/tags", json!({"tags": {"domain": "hr"}})).await;
    put("/v1/databases/sales/tags", json!({"tags": {"domain": "sales"}})).await;
    put(
        "/v1/databases/sales/tables/customer_orders/tags",
        json!({"tags": {}, "column_tags": {"email": {"sensitivity": "pii"}}}),
    )
    .await;
    // Wait for the last changes to be searchable.
    search_until(app, "tag:sensitivity=pii", |b| b["total"] == 1).await;
    search_until(app, "kind:table tag:domain=sales", |b| b["total"] == 3).await;
    search_until(app, "kind:table", |b| b["total"] == 6).await;
}

#[tokio::test]
async fn ranking_follows_exact_name_then_name_words_then_columns_then_descriptions() {
    each_backend(|app| async move {
        lake(&app).await;
        let body = search(&app, "orders").await;
        let ranked = names(&body);
        // Exact names first (curated before raw), then a name word, then descriptions.
        assert_eq!(&ranked[..3], ["sales.orders", "sales_raw.orders", "sales.customer_orders"], "{ranked:?}");
        let shipments = ranked.iter().position(|n| n == "sales.shipments").expect("matched by its description");
        let order_id = ranked.iter().position(|n| n.ends_with(".order_id")).unwrap();
        assert!(order_id > 2 && shipments > order_id, "columns before descriptions: {ranked:?}");

        let ranked = names(&search(&app, "customer_id").await);
        assert_eq!(ranked, ["sales.orders.customer_id", "sales_raw.orders.customer_id"], "an exact column name");
    })
    .await;
}

#[tokio::test]
async fn typos_prefixes_and_split_names_still_match() {
    let app = TestApp::sqlite().await;
    lake(&app).await;
    for q in ["custmer", "cust", "customerOrders", "customer-orders", "CUSTOMER"] {
        let ranked = names(&search(&app, q).await);
        assert!(ranked.contains(&"sales.customer_orders".to_owned()), "{q}: {ranked:?}");
    }
    let ranked = names(&search(&app, "shipment").await);
    assert_eq!(ranked.first().map(String::as_str), Some("sales.shipments"), "singular finds plural: {ranked:?}");
    assert_eq!(search(&app, "\"custmer\"").await["total"], 0, "quoted words match exactly");
    assert_eq!(search(&app, "zzzqqq").await["total"], 0);
}

#[tokio::test]
async fn field_filters_combine_with_words_and_boolean_operators() {
    each_backend(|app| async move {
        lake(&app).await;
        let cases: [(&str, &[&str]); 12] = [
            ("kind:table owner:alice", &["sales.orders", "sales_raw.orders"]),
            ("kind:table steward:dave", &["sales.shipments"]),
            ("kind:table zone:raw", &["sales_raw.orders"]),
            ("kind:table database:marketing", &["marketing.campaigns"]),
            ("kind:table domain:hr", &["hr.employees"]),
            ("kind:table tag:domain=sales", &["sales.customer_orders", "sales.orders", "sales.shipments"]),
            ("column:customer_id", &["sales.orders.customer_id", "sales_raw.orders.customer_id"]),
            ("sensitivity:pii", &[]),
            ("tag:sensitivity=pii", &["sales.customer_orders.email"]),
            ("kind:table format:parquet orders zone:curated", &["sales.orders", "sales.shipments"]),
            ("kind:table (database:hr OR database:marketing)", &["hr.employees", "marketing.campaigns"]),
            ("kind:table owner:alice NOT zone:raw", &["sales.orders"]),
        ];
        for (q, expected) in cases {
            let mut got = names(&search(&app, q).await);
            got.sort();
            assert_eq!(got, expected, "{q} on {}", app.store.backend().as_str());
        }
        let body = search(&app, "kind:database -database:hr").await;
        let mut got = names(&body);
        got.sort();
        assert_eq!(got, ["marketing", "sales", "sales_raw"]);
    })
    .await;
}

#[tokio::test]
async fn facets_count_the_whole_result_set_and_pages_follow_tokens() {
    each_backend(|app| async move {
        lake(&app).await;
        let body = search(&app, "kind:table").await;
        assert_eq!(body["total"], 6);
        assert_eq!(facet(&body, "zone"), [("curated".into(), 4), ("cleaned".into(), 1), ("raw".into(), 1)]);
        assert_eq!(facet(&body, "format"), [("parquet".to_owned(), 6)]);
        assert_eq!(facet(&body, "owner")[0], ("alice".to_owned(), 2));
        assert!(facet(&body, "tags").contains(&("domain=sales".to_owned(), 3)), "{}", body["facets"]);
        assert_eq!(facet(&body, "database")[0], ("sales".to_owned(), 3));

        let mut seen = Vec::new();
        let mut path = "/v1/search?q=kind%3Atable&max_results=4".to_owned();
        loop {
            let (status, page) = app.get(&path).await;
            assert_eq!(status, StatusCode::OK, "{page}");
            assert_eq!(page["total"], 6, "every page reports the whole total");
            seen.extend(names(&page));
            match page["next_page_token"].as_str() {
                Some(token) => path = format!("/v1/search?q=kind%3Atable&max_results=4&page_token={token}"),
                None => break,
            }
        }
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 6);
        let (status, body) = app.get("/v1/search?q=orders&page_token=forged.token").await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_page_token"));
    })
    .await;
}

#[tokio::test]
async fn hits_say_which_field_matched_with_a_highlighted_snippet() {
    let app = TestApp::sqlite().await;
    lake(&app).await;
    let body = search(&app, "parcels").await;
    let hit = &body["results"][0];
    assert_eq!(hit["table"], "shipments");
    assert_eq!(hit["matches"][0]["field"], "description");
    assert_eq!(hit["matches"][0]["snippet"], "<em>Parcels</em> sent for the orders");
    let body = search(&app, "custmer").await;
    let hit = body["results"].as_array().unwrap().iter().find(|h| h["table"] == "customer_orders").unwrap();
    assert_eq!(hit["matches"][0]["field"], "name");
    assert_eq!(hit["matches"][0]["snippet"], "<em>customer</em>_orders");
}

#[tokio::test]
async fn a_caller_only_finds_and_counts_what_it_may_see() {
    each_backend(|app| async move {
        lake(&app).await;
        let kim = app.user("kim").await;
        // Kim may see sales.orders except `amount`, and the whole marketing database.
        let grant = |principal: &str, resource: Value| {
            app.post("/v1/grants", json!({"principal": principal, "privileges": ["SELECT"], "resource": resource}))
        };
        let (status, body) = grant(
            "user:kim",
            json!({"table": {"database": "sales", "name": "orders", "columns": ["order_id", "customer_id"]}}),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        grant("user:kim", json!({"database": "marketing"})).await;

        // The hr database and its salary column do not exist for kim: not in hits, totals or facets.
        for q in ["salary", "employees", "hr", "staff", "column:salary", "database:hr", "domain:hr", "tag:domain=hr"] {
            let body = search(&kim, q).await;
            assert_eq!(body["total"], 0, "{q}: {body}");
            for (name, values) in body["facets"].as_object().unwrap() {
                assert!(values.as_array().unwrap().is_empty(), "{q}: facet {name} leaks {values}");
            }
        }
        let body = search(&kim, "").await;
        let mut seen = names(&body);
        seen.sort();
        assert_eq!(
            seen,
            [
                "marketing",
                "marketing.campaigns",
                "marketing.campaigns.budget",
                "marketing.campaigns.campaign_id",
                "sales",
                "sales.orders",
                "sales.orders.customer_id",
                "sales.orders.order_id"
            ],
            "the hidden column `amount` is not searchable"
        );
        assert_eq!(body["total"], 8);
        assert_eq!(search(&kim, "amount").await["total"], 0);
        let databases: Vec<String> = facet(&body, "database").into_iter().map(|(v, _)| v).collect();
        assert!(!databases.contains(&"hr".to_owned()) && !databases.contains(&"sales_raw".to_owned()), "{databases:?}");
        let tags = facet(&body, "tags");
        assert!(tags.iter().all(|(v, _)| v != "domain=hr" && v != "sensitivity=pii"), "{tags:?}");

        // A revoke holds for search on the next request.
        app.post(
            "/v1/grants/revoke",
            json!({"principal": "user:kim", "privileges": ["SELECT"],
            "resource": {"database": "marketing"}}),
        )
        .await;
        assert_eq!(search(&kim, "campaigns").await["total"], 0);
        // The administrator sees everything.
        assert_eq!(search(&app, "salary").await["total"], 1);
    })
    .await;
}

#[tokio::test]
async fn changes_become_searchable_and_deletions_disappear() {
    each_backend(|app| async move {
        app.create_database("lake").await;
        app.create_table("lake", json!({"name": "sensor_readings", "columns": cols(&["device", "reading"])})).await;
        search_until(&app, "sensor", |b| names(b) == ["lake.sensor_readings"]).await;
        let (_, current) = app.get("/v1/databases/lake/tables/sensor_readings").await;
        let etag = current["etag"].as_str().unwrap();
        let (status, body) = app
            .patch("/v1/databases/lake/tables/sensor_readings", Some(etag), json!({"description": "Thermometer data"}))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        search_until(&app, "thermometer", |b| names(b) == ["lake.sensor_readings"]).await;
        app.delete("/v1/databases/lake/tables/sensor_readings").await;
        search_until(&app, "sensor", |b| b["total"] == 0).await;
        app.delete("/v1/databases/lake").await;
        search_until(&app, "lake", |b| b["total"] == 0).await;
    })
    .await;
}

#[tokio::test]
async fn a_restart_catches_up_with_changes_made_while_the_index_was_not_running() {
    each_backend(|mut app| async move {
        app.create_database("lake").await;
        search_until(&app, "lake", |b| b["total"] == 1).await;
        app.stop().await.unwrap();
        // Another replica (with its own index) commits changes this index never saw.
        let (base, replica) = app.replica().await;
        let other = Session { base, ..app.admin.clone() };
        other.create_table("lake", json!({"name": "late_arrivals", "columns": cols(&["id"])})).await;
        drop(replica);
        app.restart().await;
        let body = search(&app, "arrivals").await;
        assert_eq!(names(&body), ["lake.late_arrivals"], "caught up before serving");
    })
    .await;
}

async fn reindex(app: &TestApp) -> std::process::Output {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_tarn"))
        .args(["reindex", "--data-dir", app.data_dir().to_str().unwrap(), "--database-url", &app.url])
        .env("TARN_LOG_LEVEL", "warn")
        .output()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_missing_or_rebuilt_index_is_made_again_from_the_store() {
    let mut app = TestApp::sqlite().await;
    lake(&app).await;
    let before = search(&app, "").await["total"].clone();
    let output = reindex(&app).await;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success() && stderr.contains("in use"), "refused while the server runs: {stderr}");
    app.stop().await.unwrap();
    let index = app.data_dir().join("index");
    let output = reindex(&app).await;
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout} {}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("indexed 4 databases, 6 tables"), "{stdout}");
    app.restart().await;
    assert_eq!(search(&app, "").await["total"], before);
    app.stop().await.unwrap();
    std::fs::remove_dir_all(&index).unwrap();
    app.restart().await;
    assert_eq!(search(&app, "").await["total"], before, "rebuilt at start");
    assert_eq!(names(&search(&app, "salary").await), ["hr.employees.salary"]);
}

#[tokio::test]
async fn bad_queries_are_refused_with_a_clear_400() {
    let app = TestApp::sqlite().await;
    let long = "x".repeat(5_000);
    for (q, expected) in [
        ("\"unbalanced", "unbalanced quotes"),
        ("(a OR b", "unbalanced parentheses"),
        ("colour:red", "unknown field"),
        ("zone:lukewarm", "expected one of"),
        ("tag:=x", "key=value"),
        (long.as_str(), "longer than"),
    ] {
        let (status, body) = app.get(&format!("/v1/search?q={}", encode(q))).await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_query"), "{q}");
        assert!(body["detail"].as_str().unwrap().contains(expected), "{q}: {body}");
    }
    let (status, _) = app.get("/v1/search?q=x&max_results=0").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = app.client.get(app.url("/v1/search?q=x")).send().await.map(|r| (r.status(), ())).unwrap();
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_data_filter_grant_finds_its_table_and_only_the_filters_columns() {
    each_backend(|app| async move {
        lake(&app).await;
        let (status, body) = app
            .post(
                "/v1/databases/hr/tables/employees/data-filters",
                json!({"name": "no_pay", "row_filter": "department = 'it'", "excluded_columns": ["salary"]}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let uma = app.user("uma").await;
        let (status, body) = app
            .post(
                "/v1/grants",
                json!({"principal": "user:uma", "privileges": ["SELECT"],
            "resource": {"data_filter": {"database": "hr", "table": "employees", "name": "no_pay"}}}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let (status, _) = uma.get("/v1/databases/hr").await;
        assert_eq!(status, StatusCode::OK, "the database of a table uma may read is visible");
        let mut seen = names(&search(&uma, "").await);
        seen.sort();
        assert_eq!(seen, ["hr", "hr.employees", "hr.employees.department", "hr.employees.employee_id"]);
        assert_eq!(search(&uma, "salary").await["total"], 0);
    })
    .await;
}
