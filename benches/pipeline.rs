//! Pipeline benchmark (not a test): raw CSV (TARN_PIPELINE_BENCH_ROWS rows, default 10
//! million, about 1 GB, 30 daily partitions, 1% duplicate keys) through
//! - Tarn: `clean` (validate with 10 DQDL rules -> transform: cast, trim, deduplicate by key ->
//!   write cleaned Parquet partitioned by day), then `curate`, started by clean's success
//!   (SQL daily aggregate -> write curated). Times from the runs' records.
//! - plain DataFusion (same version, this process): the same validation query, the same SQL,
//!   `COPY ... PARTITIONED BY (day)` to Parquet, the aggregate over what it wrote.
//! - DuckDB (Python package, 2 threads): the same.
//!
//! Then 1% more rows as a new partition and `clean` again (its input is incremental), the
//! trigger latency (upload committed -> run started) over 20 uploads, and the peak RSS.
//!
//!     cargo bench --bench pipeline     # TARN_PIPELINE_BENCH_ROWS, TARN_PIPELINE_BENCH_DIR, TARN_PIPELINE_BENCH_MEMORY_MB

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use datafusion::prelude::{CsvReadOptions, SessionConfig, SessionContext};
use serde_json::{Value, json};
use tarn::config::{Config, Settings};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const PASSWORD: &str = "bench-admin-password";
const DAYS: usize = 30;
const REGIONS: [&str; 6] = ["eu", "us", "apac", "latam", "mea", "anz"];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// `rows` rows over the days in `days`, as CSV files `<root>/day=.../part-0.csv`; order ids
/// from `first`, every 100th one repeated.
fn generate(root: &Path, rows: usize, days: std::ops::Range<usize>, first: u64) {
    let per_day = rows / days.len();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ first);
    let mut id = first;
    for day in days {
        let dir = root.join(format!("day=2024-{:02}-{:02}", 1 + day / 28, 1 + day % 28));
        std::fs::create_dir_all(&dir).unwrap();
        let mut out =
            std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(dir.join("part-0.csv")).unwrap());
        writeln!(out, "order_id,customer,region,amount,ts").unwrap();
        for n in 0..per_day {
            let r = rng.next();
            let key = if n % 100 == 99 { id - 1 } else { id };
            id += 1;
            let pad = if r % 7 == 0 { "  " } else { "" };
            writeln!(
                out,
                "{key},{pad}customer-{:06}{pad},{},{}.{:02},2024-01-{:02} {:02}:{:02}:{:02}",
                r % 500_000,
                REGIONS[(r >> 20) as usize % REGIONS.len()],
                (r >> 8) % 1000,
                (r >> 30) % 100,
                1 + day % 28,
                (r >> 40) % 24,
                (r >> 45) % 60,
                (r >> 50) % 60
            )
            .unwrap();
        }
    }
}

const RULES: [&str; 10] = [
    "RowCount > 0",
    "IsComplete \"order_id\"",
    "Completeness \"customer\" > 0.99",
    "ColumnValues \"region\" in [\"eu\", \"us\", \"apac\", \"latam\", \"mea\", \"anz\"]",
    "ColumnLength \"customer\" <= 40",
    "IsComplete \"ts\"",
    "ColumnCount = 6",
    "ColumnExists \"amount\"",
    "DistinctValuesCount \"region\" >= 5",
    "ColumnValues \"amount\" matches \"^[0-9]+[.][0-9]+$\"",
];

/// The validation query plain engines run: the aggregate measures of [`RULES`].
const CHECKS: &str = "SELECT COUNT(*), AVG(CASE WHEN order_id IS NOT NULL THEN 1.0 ELSE 0.0 END), \
    AVG(CASE WHEN customer IS NOT NULL THEN 1.0 ELSE 0.0 END), \
    AVG(CASE WHEN region IN ('eu', 'us', 'apac', 'latam', 'mea', 'anz') THEN 1.0 ELSE 0.0 END), \
    AVG(CASE WHEN length(customer) <= 40 THEN 1.0 ELSE 0.0 END), AVG(CASE WHEN ts IS NOT NULL THEN 1.0 ELSE 0.0 END), \
    COUNT(DISTINCT region), AVG(CASE WHEN regexp_like(amount, '^[0-9]+[.][0-9]+$') THEN 1.0 ELSE 0.0 END) FROM raw";
const CLEAN: &str = "SELECT order_id, customer, region, amount, ts, day FROM (SELECT order_id, trim(customer) AS customer, \
    region, TRY_CAST(amount AS DOUBLE) AS amount, ts, day, ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY ts DESC) AS rn \
    FROM raw) WHERE rn = 1";
const DAILY: &str = "SELECT day, region, COUNT(*) AS orders, SUM(amount) AS revenue FROM clean GROUP BY day, region";

struct Tarn {
    base: String,
    client: reqwest::Client,
    token: String,
}

impl Tarn {
    async fn send(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut request = self.client.request(method, format!("{}{path}", self.base)).bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        assert!(status.is_success(), "{path}: {status} {text}");
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }

    async fn post(&self, path: &str, body: Value) -> Value {
        self.send(reqwest::Method::POST, path, Some(body)).await
    }

    async fn get(&self, path: &str) -> Value {
        self.send(reqwest::Method::GET, path, None).await
    }

    /// Waits for `name` to have `count` finished runs; the newest.
    async fn finished(&self, name: &str, count: usize) -> Value {
        loop {
            let runs = self.get(&format!("/v1/pipelines/{name}/runs")).await;
            let done: Vec<Value> = runs["runs"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|r| !["queued", "running"].contains(&r["status"].as_str().unwrap()))
                .cloned()
                .collect();
            if done.len() >= count {
                assert_eq!(done[0]["status"], "succeeded", "{}", done[0]);
                return done[0].clone();
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

fn seconds(run: &Value) -> f64 {
    let at = |k: &str| chrono::DateTime::parse_from_rfc3339(run[k].as_str().unwrap()).unwrap();
    (at("finished_at") - at("started_at")).num_milliseconds() as f64 / 1000.0
}

async fn start(dir: &Path, memory_mb: usize) -> Tarn {
    let settings = Settings { data_dir: Some(dir.to_path_buf()), log_level: Some("warn".into()), ..Default::default() };
    let mut config = Config::resolve(settings, Some(PASSWORD.into())).unwrap();
    config.query.memory_bytes = memory_mb << 20;
    config.scheduler_interval = Duration::from_millis(200);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(tarn::server::run(listener, config, std::future::pending()));
    let client = reqwest::Client::new();
    while client.get(format!("{base}/healthz")).send().await.is_err() {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let body: Value = client
        .post(format!("{base}/v1/auth/token"))
        .json(&json!({"grant_type": "password", "username": "admin", "password": PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    Tarn { base, client, token: body["access_token"].as_str().unwrap().to_owned() }
}

fn day_names(days: std::ops::Range<usize>) -> Vec<String> {
    days.map(|d| format!("2024-{:02}-{:02}", 1 + d / 28, 1 + d % 28)).collect()
}

async fn catalog(tarn: &Tarn) {
    let c = |n: &str, t: &str| json!({"name": n, "type": t});
    tarn.post("/v1/databases", json!({"name": "bench"})).await;
    let raw = json!({"name": "orders_raw", "zone": "raw", "format": "csv", "format_options": {"header": "true"},
        "columns": [c("order_id", "int64"), c("customer", "utf8"), c("region", "utf8"), c("amount", "utf8"), c("ts", "utf8")],
        "partition_keys": [c("day", "utf8")]});
    tarn.post("/v1/databases/bench/tables", raw).await;
    let partitions: Vec<Value> = day_names(0..DAYS).into_iter().map(|d| json!({"values": [d]})).collect();
    tarn.post("/v1/databases/bench/tables/orders_raw/partitions", json!({"partitions": partitions})).await;
    let rules: Vec<Value> = RULES.iter().map(|r| json!({"rule": r})).collect();
    let clean = json!({"name": "clean", "incremental": ["bench.orders_raw"], "steps": [
        {"name": "raw", "kind": "sql", "sql": "SELECT * FROM bench.orders_raw"},
        {"name": "checked", "kind": "validate", "input": "raw", "rules": rules},
        {"name": "typed", "kind": "transform", "input": "checked", "operations": [
            {"op": "cast", "column": "amount", "to": "float64"},
            {"op": "trim", "columns": ["customer"]},
            {"op": "deduplicate", "keys": ["order_id"], "latest_by": "ts"}]},
        {"name": "out", "kind": "write", "input": "typed", "table": "bench.orders_clean", "partition_keys": ["day"]}]});
    tarn.post("/v1/pipelines", clean).await;
}

async fn curate(tarn: &Tarn) {
    let curate = json!({"name": "curate", "steps": [
        {"name": "daily", "kind": "sql", "sql": "SELECT day, region, COUNT(*) AS orders, SUM(amount) AS revenue FROM bench.orders_clean GROUP BY day, region"},
        {"name": "out", "kind": "write", "input": "daily", "table": "bench.daily_revenue", "zone": "curated"}],
        "triggers": [{"kind": "pipeline", "pipelines": ["clean"]}]});
    tarn.post("/v1/pipelines", curate).await;
}

/// The same work as Tarn's pipelines, straight in DataFusion; with `memory_mb`, under the same
/// kind of pool as a pipeline run (fair, spilling to the OS temporary folder).
async fn plain_datafusion(raw: &Path, out: &Path, memory_mb: Option<usize>) -> f64 {
    let clock = Instant::now();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let config = SessionConfig::new().with_target_partitions(threads);
    let ctx = match memory_mb {
        None => SessionContext::new_with_config(config),
        Some(mb) => {
            let pool = datafusion::execution::memory_pool::FairSpillPool::new(mb << 20);
            let runtime = datafusion::execution::runtime_env::RuntimeEnvBuilder::new()
                .with_memory_pool(Arc::new(pool))
                .build_arc();
            SessionContext::new_with_config_rt(config, runtime.unwrap())
        }
    };
    let schema = datafusion::arrow::datatypes::Schema::new(vec![
        datafusion::arrow::datatypes::Field::new("order_id", datafusion::arrow::datatypes::DataType::Int64, true),
        datafusion::arrow::datatypes::Field::new("customer", datafusion::arrow::datatypes::DataType::Utf8, true),
        datafusion::arrow::datatypes::Field::new("region", datafusion::arrow::datatypes::DataType::Utf8, true),
        datafusion::arrow::datatypes::Field::new("amount", datafusion::arrow::datatypes::DataType::Utf8, true),
        datafusion::arrow::datatypes::Field::new("ts", datafusion::arrow::datatypes::DataType::Utf8, true),
    ]);
    let options = CsvReadOptions::new()
        .schema(&schema)
        .table_partition_cols(vec![("day".to_owned(), datafusion::arrow::datatypes::DataType::Utf8)]);
    ctx.register_csv("raw", &format!("{}/", raw.display()), options).await.unwrap();
    ctx.sql(CHECKS).await.unwrap().collect().await.unwrap();
    let clean_dir = out.join("clean");
    let copy = format!("COPY ({CLEAN}) TO '{}/' STORED AS PARQUET PARTITIONED BY (day)", clean_dir.display());
    ctx.sql(&copy).await.unwrap().collect().await.unwrap();
    let options = datafusion::prelude::ParquetReadOptions::default()
        .table_partition_cols(vec![("day".to_owned(), datafusion::arrow::datatypes::DataType::Utf8)]);
    ctx.register_parquet("clean", &format!("{}/", clean_dir.display()), options).await.unwrap();
    let copy = format!("COPY ({DAILY}) TO '{}/daily.parquet' STORED AS PARQUET", out.display());
    ctx.sql(&copy).await.unwrap().collect().await.unwrap();
    clock.elapsed().as_secs_f64()
}

fn duckdb(raw: &Path, out: &Path) -> Option<f64> {
    let script = r#"
import os, sys, time, duckdb
raw, out, checks, clean, daily = sys.argv[1:6]
os.makedirs(out, exist_ok=True)
con = duckdb.connect()
con.execute("SET threads = 2")
con.execute("SET enable_progress_bar = false")
t = time.perf_counter()
con.execute(f"CREATE VIEW raw AS SELECT * FROM read_csv('{raw}/*/*.csv', hive_partitioning = true, header = true, columns = {{'order_id': 'BIGINT', 'customer': 'VARCHAR', 'region': 'VARCHAR', 'amount': 'VARCHAR', 'ts': 'VARCHAR'}})")
con.execute(checks.replace("regexp_like(", "regexp_matches(")).fetchall()
con.execute(f"COPY ({clean}) TO '{out}/clean' (FORMAT parquet, PARTITION_BY (day))")
con.execute(f"CREATE VIEW clean AS SELECT * FROM read_parquet('{out}/clean/*/*.parquet', hive_partitioning = true)")
con.execute(f"COPY ({daily}) TO '{out}/daily.parquet' (FORMAT parquet)")
print(time.perf_counter() - t)
"#;
    let output = std::process::Command::new("python3")
        .args(["-c", script, &raw.display().to_string(), &out.display().to_string(), CHECKS, CLEAN, DAILY])
        .output()
        .ok()?;
    if !output.status.success() {
        eprintln!("duckdb skipped: {}", String::from_utf8_lossy(&output.stderr).lines().last().unwrap_or(""));
        return None;
    }
    String::from_utf8_lossy(&output.stdout).trim().parse().ok()
}

/// A `/proc/self/status` figure in MB: `VmHWM` (the peak RSS) or `VmRSS` (now).
fn status_mb(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches(" kB").parse::<f64>().ok());
    kb.unwrap_or(0.0) / 1024.0
}

fn peak_rss_mb() -> f64 {
    status_mb("VmHWM")
}

fn rss_mb() -> f64 {
    status_mb("VmRSS")
}

/// The floor of the memory figure: plain DataFusion doing the same work under the same memory
/// limit, in a process of its own (this binary again, told so by `FLOOR`).
const FLOOR: &str = "TARN_PIPELINE_BENCH_FLOOR";

fn floor(raw: &Path, out: &Path, memory_mb: usize) -> Option<(f64, f64)> {
    let output = std::process::Command::new(std::env::current_exe().ok()?)
        .env(FLOOR, format!("{}|{}|{memory_mb}", raw.display(), out.display()))
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    let mut words = text.split_whitespace();
    Some((words.next()?.parse().ok()?, words.next()?.parse().ok()?))
}

#[tokio::main]
async fn main() {
    if let Ok(spec) = std::env::var(FLOOR) {
        let parts: Vec<&str> = spec.split('|').collect();
        let seconds = plain_datafusion(Path::new(parts[0]), Path::new(parts[1]), parts[2].parse().ok()).await;
        println!("{seconds} {}", peak_rss_mb());
        return;
    }
    let rows: usize = std::env::var("TARN_PIPELINE_BENCH_ROWS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000_000);
    let memory_mb: usize =
        std::env::var("TARN_PIPELINE_BENCH_MEMORY_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(512);
    let base = std::env::var("TARN_PIPELINE_BENCH_DIR")
        .map_or_else(|_| std::env::temp_dir().join("tarn-pipeline-bench"), Into::into);
    let _ = std::fs::remove_dir_all(&base);
    let dir = base.join("tarn");
    let raw = dir.join("lake/raw/bench/orders_raw");
    let clock = Instant::now();
    generate(&raw, rows, 0..DAYS, 1);
    let bytes: u64 = walk_size(&raw);
    println!(
        "generated {rows} rows in {DAYS} partitions, {:.0} MB of CSV, in {:.1} s",
        bytes as f64 / 1e6,
        clock.elapsed().as_secs_f64()
    );
    let tarn = start(&dir, memory_mb).await;
    let idle = rss_mb();
    catalog(&tarn).await;
    // --- the full run: clean, then curate (created once the cleaned table exists)
    tarn.post("/v1/pipelines/clean/run", json!({})).await;
    let clean = tarn.finished("clean", 1).await;
    curate(&tarn).await;
    // Started by hand unless its trigger (clean's end, seen after it was created) already did.
    let path = format!("{}/v1/pipelines/curate/run", tarn.base);
    let _ = tarn.client.post(path).bearer_auth(&tarn.token).send().await.unwrap();
    let curated = tarn.finished("curate", 1).await;
    let tarn_s = seconds(&clean) + seconds(&curated);
    let rss = peak_rss_mb();
    println!(
        "tarn: clean {:.2} s + curate {:.2} s = {tarn_s:.2} s (memory limit {memory_mb} MiB, peak RSS of the process {rss:.0} MB)",
        seconds(&clean),
        seconds(&curated)
    );
    for step in clean["steps"].as_array().unwrap() {
        println!(
            "  {} {}: in {} out {} {} ms",
            step["kind"], step["name"], step["rows_in"], step["rows_out"], step["duration_ms"]
        );
    }
    let df = plain_datafusion(&raw, &base.join("datafusion"), None).await;
    println!("plain datafusion: {df:.2} s  (tarn / datafusion = {:.2})", tarn_s / df);
    match floor(&raw, &base.join("datafusion-limited"), memory_mb) {
        Some((s, mb)) => println!(
            "memory floor: plain datafusion under the same {memory_mb} MiB pool, own process: peak RSS {mb:.0} MB \
             ({s:.2} s); tarn / floor = {:.2} (tarn's server idle at {idle:.0} MB RSS before the run)",
            rss / mb
        ),
        None => println!("memory floor: not measured"),
    }
    match duckdb(&raw, &base.join("duckdb")) {
        Some(dk) => println!("duckdb (2 threads): {dk:.2} s  (tarn / duckdb = {:.2})", tarn_s / dk),
        None => println!("duckdb: not run"),
    }
    // --- incremental: 1% more rows as a new partition, uploaded (a committed file)
    let extra = base.join("extra");
    generate(&extra, rows / 100, DAYS..DAYS + 1, 1_000_000_000);
    let day = &day_names(DAYS..DAYS + 1)[0];
    let file = std::fs::read(extra.join(format!("day={day}/part-0.csv"))).unwrap();
    let path = format!("{}/v1/databases/bench/tables/orders_raw/files/part-0.csv?partition=day={day}", tarn.base);
    let response = tarn.client.put(path).bearer_auth(&tarn.token).body(file).send().await.unwrap();
    assert!(response.status().is_success());
    tarn.post("/v1/pipelines/clean/run", json!({})).await;
    let again = tarn.finished("clean", 2).await;
    let out_rows = again["steps"].as_array().unwrap().iter().find(|s| s["name"] == "out").unwrap()["rows_out"].clone();
    println!(
        "incremental clean: {:.2} s for {out_rows} rows ({:.1}% of the full clean run)",
        seconds(&again),
        100.0 * seconds(&again) / seconds(&clean)
    );
    trigger_latency(&tarn).await;
    lineage_depth(&tarn, &dir).await;
}

/// 20,000 lineage edges (a table and a column edge per hop) in 500 chains of 20 hops over
/// 10,500 tables (recorded as the `curate` pipeline's), the 21
/// tables of one chain in the catalog; p50/p99 of its upstream graph from the last table, 20
/// hops deep, over 100 requests.
async fn lineage_depth(tarn: &Tarn, dir: &Path) {
    use tarn::domain::pipeline::run::LineageEdge;
    let c = |n: &str, t: &str| json!({"name": n, "type": t});
    for hop in 0..=20 {
        let table = json!({"name": format!("c0_t{hop}"), "zone": "curated", "columns": [c("v", "int64")]});
        tarn.post("/v1/databases/bench/tables", table).await;
    }
    let url = format!("sqlite://{}", dir.join("catalog.db").display());
    let store = tarn::store::Store::connect(&url, 2).await.unwrap();
    let pipeline = tarn::store::pipelines::get(&mut store.conn(), "curate").await.unwrap().unwrap();
    for chain in 0..500 {
        for hop in 1..=20 {
            let edge = |sc: &str, tc: &str, kind: &str| LineageEdge {
                source_database: "bench".into(),
                source_table: format!("c{chain}_t{}", hop - 1),
                source_column: sc.into(),
                target_database: "bench".into(),
                target_table: format!("c{chain}_t{hop}"),
                target_column: tc.into(),
                kind: kind.into(),
            };
            let target = ("bench", format!("c{chain}_t{hop}"));
            let edges = [edge("", "", "table"), edge("v", "v", "identity")];
            tarn::store::lineage::replace(&mut store.conn(), &pipeline.id, (target.0, &target.1), &edges)
                .await
                .unwrap();
        }
    }
    let mut times = Vec::new();
    for _ in 0..100 {
        let clock = Instant::now();
        let graph = tarn.get("/v1/lineage?database=bench&table=c0_t20&column=v&depth=20").await;
        times.push(clock.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(graph["nodes"].as_array().unwrap().len(), 21, "{graph}");
    }
    times.sort_by(f64::total_cmp);
    println!(
        "lineage upstream, 20 hops with column edges, 20,000 edges over 10,500 tables: p50 {:.1} ms, p99 {:.1} ms",
        times[50], times[99]
    );
}

fn walk_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| if e.path().is_dir() { walk_size(&e.path()) } else { e.metadata().map_or(0, |m| m.len()) })
                .sum()
        })
        .unwrap_or(0)
}

/// Upload committed -> run started, over 20 uploads into a table a small pipeline watches.
async fn trigger_latency(tarn: &Tarn) {
    let c = |n: &str, t: &str| json!({"name": n, "type": t});
    let table = json!({"name": "pings", "zone": "raw", "format": "csv", "format_options": {"header": "true"},
        "columns": [c("n", "int64")]});
    tarn.post("/v1/databases/bench/tables", table).await;
    let watch = json!({"name": "on_ping", "incremental": ["bench.pings"], "steps": [
        {"name": "new", "kind": "sql", "sql": "SELECT n FROM bench.pings"},
        {"name": "out", "kind": "write", "input": "new", "table": "bench.pings_copy"}],
        "triggers": [{"kind": "data", "table": "bench.pings"}]});
    tarn.post("/v1/pipelines", watch).await;
    let mut latencies = Vec::new();
    for n in 0..20 {
        let path = format!("{}/v1/databases/bench/tables/pings/files/p{n}.csv", tarn.base);
        let response = tarn.client.put(path).bearer_auth(&tarn.token).body(format!("n\n{n}\n")).send().await.unwrap();
        let committed = chrono::Utc::now();
        assert!(response.status().is_success());
        let run = tarn.finished("on_ping", n + 1).await;
        let started = chrono::DateTime::parse_from_rfc3339(run["started_at"].as_str().unwrap()).unwrap();
        latencies.push((started.with_timezone(&chrono::Utc) - committed).num_milliseconds().max(0) as f64);
    }
    latencies.sort_by(f64::total_cmp);
    let pct = |p: f64| latencies[((latencies.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "trigger latency, upload answered -> run started, 20 uploads: p50 {:.0} ms, p99 {:.0} ms",
        pct(0.5),
        pct(0.99)
    );
}
