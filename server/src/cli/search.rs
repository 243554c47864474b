//! `tarn search`: hits as a table, then the facet counts.

use reqwest::Method;
use serde_json::{Value, json};

use super::{Client, output};

pub async fn search(client: &Client, words: &[String], max_results: u32) -> anyhow::Result<()> {
    let q = words.join(" ");
    let max = max_results.to_string();
    let query = Client::query(&[("q", Some(&q)), ("max_results", Some(&max))]);
    let body = client.call(Method::GET, &format!("/v1/search{query}"), None).await?;
    if client.json() {
        output::json(&body);
        return Ok(());
    }
    let rows: Vec<Value> = body["results"]
        .as_array()
        .map_or(&[][..], |v| v)
        .iter()
        .map(|hit| {
            let name: Vec<&str> = ["database", "table", "column"].iter().filter_map(|k| hit[*k].as_str()).collect();
            let matched: Vec<&str> =
                hit["matches"].as_array().map_or(&[][..], |v| v).iter().filter_map(|m| m["field"].as_str()).collect();
            json!({"kind": hit["kind"], "name": name.join("."), "zone": hit["zone"], "format": hit["format"],
                   "owner": hit["owner"], "matched": matched.join(",")})
        })
        .collect();
    output::table(&rows, &["kind", "name", "zone", "format", "owner", "matched"]);
    println!("\n{} hit(s)", body["total"]);
    if let Some(facets) = body["facets"].as_object() {
        for (name, values) in facets {
            let counts: Vec<String> = values
                .as_array()
                .map_or(&[][..], |v| v)
                .iter()
                .map(|v| format!("{}={}", v["value"].as_str().unwrap_or("?"), v["count"]))
                .collect();
            if !counts.is_empty() {
                println!("{name}: {}", counts.join("  "));
            }
        }
    }
    Ok(())
}
