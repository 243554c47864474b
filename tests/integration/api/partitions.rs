//! Partitions: batches, typed filters, pagination.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{TestApp, code, each_backend};

const PATH: &str = "/v1/databases/sales/tables/events/partitions";

async fn setup(app: &TestApp) {
    app.create_database("sales").await;
    app.create_table(
        "sales",
        json!({
            "name": "events",
            "columns": [{"name": "payload", "type": "utf8"}],
            "partition_keys": [
                {"name": "year", "type": "int32"},
                {"name": "region", "type": "utf8"},
                {"name": "day", "type": "date32"}
            ]
        }),
    )
    .await;
    let mut partitions = Vec::new();
    for year in [9, 10, 100, 2023, 2024] {
        for region in ["eu", "us"] {
            partitions.push(json!({"values": [year, region, "2024-06-01"],
                "location": format!("s3://lake/events/year={year}/region={region}/")}));
        }
    }
    partitions.push(json!({"values": ["2024", "eu", "2024-06-02"], "format": "json", "parameters": {"rows": "12"}}));
    let (status, body) = app.post(PATH, json!({"partitions": partitions})).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["count"], 11);
}

/// Every partition matching `filter`, fetched page by page, as "year/region/day" strings.
async fn matching(app: &TestApp, filter: &str, page_size: u32) -> Vec<String> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut query = vec![("filter", filter.to_owned()), ("max_results", page_size.to_string())];
        if let Some(t) = &token {
            query.push(("page_token", t.clone()));
        }
        let (status, body) = app.send(app.request(reqwest::Method::GET, PATH).query(&query)).await;
        assert_eq!(status, StatusCode::OK, "{filter}: {body}");
        for p in body["partitions"].as_array().unwrap() {
            let v = p["values"].as_array().unwrap();
            out.push(format!("{}/{}/{}", v[0].as_str().unwrap(), v[1].as_str().unwrap(), v[2].as_str().unwrap()));
        }
        match body["next_page_token"].as_str() {
            Some(t) => token = Some(t.to_owned()),
            None => return out,
        }
    }
}

#[tokio::test]
async fn filters_compare_by_the_key_type_and_pages_cover_everything_once() {
    each_backend(|app| async move {
        setup(&app).await;
        // Numeric, not textual, order: "9" < "10" < "100".
        assert_eq!(matching(&app, "year < 100 AND region = 'eu'", 1).await, ["9/eu/2024-06-01", "10/eu/2024-06-01"]);
        assert_eq!(
            matching(&app, "year >= 100 and region <> 'eu'", 2).await,
            ["100/us/2024-06-01", "2023/us/2024-06-01", "2024/us/2024-06-01"]
        );
        assert_eq!(matching(&app, "year > 2023 AND day > '2024-06-01'", 5).await, ["2024/eu/2024-06-02"]);
        assert_eq!(matching(&app, "year <= 9", 5).await, ["9/eu/2024-06-01", "9/us/2024-06-01"]);
        assert_eq!(
            matching(&app, "year IN (10, 2023) AND region = 'us'", 5).await,
            ["10/us/2024-06-01", "2023/us/2024-06-01"]
        );
        assert_eq!(
            matching(&app, "year BETWEEN 10 AND 100 AND NOT region = 'us'", 5).await,
            ["10/eu/2024-06-01", "100/eu/2024-06-01"]
        );
        assert_eq!(
            matching(&app, "(year = 9 OR year = 2024) AND region = 'us'", 5).await,
            ["9/us/2024-06-01", "2024/us/2024-06-01"]
        );
        assert_eq!(
            matching(&app, "year NOT IN (9, 10, 100, 2023) AND region = 'eu'", 5).await,
            ["2024/eu/2024-06-01", "2024/eu/2024-06-02"]
        );
        assert_eq!(
            matching(&app, "2023 < year AND day = '2024-06-01'", 5).await,
            ["2024/eu/2024-06-01", "2024/us/2024-06-01"]
        );
        // No filter: everything, in key order, across pages of 3.
        let all = matching(&app, "", 3).await;
        assert_eq!(all.len(), 11);
        assert_eq!(all[0], "9/eu/2024-06-01");
        assert_eq!(all[10], "2024/us/2024-06-01");

        let (_, body) =
            app.send(app.request(reqwest::Method::GET, PATH).query(&[("filter", "day = '2024-06-02'")])).await;
        let p = &body["partitions"][0];
        assert_eq!(p["format"], "json");
        assert_eq!(p["parameters"]["rows"], "12");
    })
    .await;
}

#[tokio::test]
async fn bad_filters_and_tokens_are_refused() {
    each_backend(|app| async move {
        setup(&app).await;
        for (filter, expected) in [
            ("year = ", "invalid_filter"),
            ("year = 'abc'", "invalid_filter"),
            ("payload = 'x'", "invalid_filter"),
            ("nokey = 1", "invalid_filter"),
            ("(year = 1", "invalid_filter"),
            ("day = '2024-13-45'", "invalid_filter"),
            ("year IS NULL", "invalid_filter"),
        ] {
            let (status, body) = app.send(app.request(reqwest::Method::GET, PATH).query(&[("filter", filter)])).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{filter}: {body}");
            assert_eq!(code(&body), expected, "{filter}");
        }
        let (_, body) = app
            .send(app.request(reqwest::Method::GET, PATH).query(&[("filter", "year > 9"), ("max_results", "1")]))
            .await;
        let token = body["next_page_token"].as_str().unwrap().to_owned();
        // The same token with another filter, or altered by one character, is refused.
        let (status, body) = app
            .send(
                app.request(reqwest::Method::GET, PATH)
                    .query(&[("filter", "year > 10"), ("page_token", token.as_str())]),
            )
            .await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_page_token"));
        let mut forged = token.clone();
        forged.replace_range(0..1, if forged.starts_with('W') { "X" } else { "W" });
        let (status, body) = app
            .send(
                app.request(reqwest::Method::GET, PATH)
                    .query(&[("filter", "year > 9"), ("page_token", forged.as_str())]),
            )
            .await;
        assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, "invalid_page_token"));
        let (status, _) = app.send(app.request(reqwest::Method::GET, PATH).query(&[("max_results", "0")])).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, _) = app.send(app.request(reqwest::Method::GET, PATH).query(&[("max_results", "1001")])).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    })
    .await;
}

async fn count(app: &TestApp) -> usize {
    let (_, body) = app.get(&format!("{PATH}?max_results=1000")).await;
    body["partitions"].as_array().unwrap().len()
}

#[tokio::test]
async fn batches_are_all_or_nothing() {
    each_backend(|app| async move {
        setup(&app).await;
        let events = app.outbox_len().await;
        let cases: Vec<(Value, &str, StatusCode)> = vec![
            // One good partition and one with a value that is not an int32.
            (
                json!([{"values": [1, "eu", "2024-01-01"]}, {"values": ["x", "eu", "2024-01-01"]}]),
                "invalid_partition_values",
                StatusCode::BAD_REQUEST,
            ),
            (json!([{"values": [1, "eu"]}]), "invalid_partition_values", StatusCode::BAD_REQUEST),
            (
                json!([{"values": [1, "eu", "2024-01-01", "extra"]}]),
                "invalid_partition_values",
                StatusCode::BAD_REQUEST,
            ),
            (
                json!([{"values": [3000000000u64, "eu", "2024-01-01"]}]),
                "invalid_partition_values",
                StatusCode::BAD_REQUEST,
            ),
            (json!([{"values": [1, "", "2024-01-01"]}]), "invalid_partition_values", StatusCode::BAD_REQUEST),
            // New, then one that exists already.
            (
                json!([{"values": [1, "eu", "2024-01-01"]}, {"values": [9, "eu", "2024-06-01"]}]),
                "already_exists",
                StatusCode::CONFLICT,
            ),
            // The same partition twice in one batch ("01" and 1 are the same int).
            (
                json!([{"values": [1, "eu", "2024-01-01"]}, {"values": ["01", "eu", "2024-01-01"]}]),
                "already_exists",
                StatusCode::CONFLICT,
            ),
            (json!([]), "invalid_request", StatusCode::BAD_REQUEST),
        ];
        for (partitions, expected, status_expected) in cases {
            let (status, body) = app.post(PATH, json!({"partitions": partitions})).await;
            assert_eq!(status, status_expected, "{partitions}: {body}");
            assert_eq!(code(&body), expected, "{partitions}");
        }
        let too_many: Vec<Value> = (0..1001).map(|i| json!({"values": [i, "eu", "2024-01-01"]})).collect();
        let (status, _) = app.post(PATH, json!({"partitions": too_many})).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(count(&app).await, 11, "nothing of a refused batch may remain");
        assert_eq!(app.outbox_len().await, events);

        // Exactly 1,000 is fine.
        let thousand: Vec<Value> = (0..1000).map(|i| json!({"values": [100_000 + i, "eu", "2024-01-01"]})).collect();
        let (status, body) = app.post(PATH, json!({"partitions": thousand})).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");

        // Delete: one missing partition aborts the whole batch.
        let (status, body) = app
            .post(
                &format!("{PATH}/delete"),
                json!({"partitions": [
            {"values": [9, "eu", "2024-06-01"]}, {"values": [8, "eu", "2024-06-01"]}]}),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        let (_, body) = app.send(app.request(reqwest::Method::GET, PATH).query(&[("filter", "year = 9")])).await;
        assert_eq!(body["partitions"].as_array().unwrap().len(), 2);
        let (status, body) = app
            .post(
                &format!("{PATH}/delete"),
                json!({"partitions": [
            {"values": [9, "eu", "2024-06-01"]}, {"values": ["9", "us", "2024-06-01"]}]}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["count"], 2);
        let (_, body) = app.send(app.request(reqwest::Method::GET, PATH).query(&[("filter", "year = 9")])).await;
        assert_eq!(body["partitions"], json!([]));
    })
    .await;
}

#[tokio::test]
async fn partition_keys_cannot_change_under_existing_partitions() {
    each_backend(|app| async move {
        setup(&app).await;
        let (_, table) = app.get("/v1/databases/sales/tables/events").await;
        let (status, body) = app
            .patch(
                "/v1/databases/sales/tables/events",
                table["etag"].as_str(),
                json!({"partition_keys": [{"name": "year", "type": "int64"}]}),
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        // A table without keys has no partitions to add.
        app.create_table("sales", json!({"name": "flat", "columns": [{"name": "x", "type": "int8"}]})).await;
        let (status, body) =
            app.post("/v1/databases/sales/tables/flat/partitions", json!({"partitions": [{"values": [1]}]})).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(code(&body), "invalid_partition_values");
    })
    .await;
}
