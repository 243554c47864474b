//! Governed SQL benchmark (not a test): 10 analytic queries over 12 million generated rows of
//! Parquet (12 monthly partitions) and a 10,000-row dimension table, each run
//! - through `POST /v1/query` (Arrow IPC result) as an analyst whose grant hides a column
//!   (`tarn-columns`), and as two whose data filters also carry a row filter that admits every
//!   row: one the files' footer statistics prove (`quantity >= 1`, `tarn-rows`: the query prunes
//!   those files as an unrestricted one does) and one they cannot (`amount >= 0`: bounds of a
//!   float column prove nothing, as Parquet leaves NaN out of them; `tarn-unproven`: every file
//!   is read behind the row filter, which nothing of the query may pass);
//! - with plain DataFusion (same version, same files, same partitions, in this process);
//! - with DuckDB (the Python package, in a separate process, 2 threads).
//!
//! Median of 5 runs after one warm-up, all in one run. Needs `pip install duckdb`.
//!
//!     cargo bench --bench query            # TARN_QUERY_BENCH_ROWS (default 12000000), TARN_QUERY_BENCH_DIR

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use datafusion::arrow::array::{Float64Array, Int64Array, RecordBatch, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::datasource::file_format::parquet::ParquetFormat;
use datafusion::datasource::listing::ListingOptions;
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::basic::Compression;
use datafusion::parquet::file::properties::WriterProperties;
use datafusion::prelude::{SessionConfig, SessionContext};
use serde_json::{Value, json};
use tarn::config::{Config, Settings};

/// The allocator of the `tarn` binary, so the figures are the server's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const PASSWORD: &str = "bench-admin-password";
const RUNS: usize = 5;
const REGIONS: [&str; 8] = ["EU-West", "EU-North", "US-East", "US-West", "APAC", "LATAM", "MEA", "ANZ"];
const PRODUCTS: i64 = 10_000;

const QUERIES: [&str; 10] = [
    "SELECT count(*) AS n, sum(amount) AS total, avg(quantity) AS q FROM bench.sales",
    "SELECT count(*) AS n FROM bench.sales WHERE amount > 900 AND region = 'EU-West'",
    "SELECT sum(amount) AS total FROM bench.sales WHERE month IN (3, 4)",
    "SELECT region, count(*) AS n, sum(amount) AS total FROM bench.sales GROUP BY region ORDER BY region",
    "SELECT customer_id, sum(amount) AS s FROM bench.sales GROUP BY customer_id ORDER BY s DESC, customer_id LIMIT 10",
    "SELECT p.category, sum(s.amount) AS total FROM bench.sales s JOIN bench.products p ON s.product_id = p.product_id \
     GROUP BY p.category ORDER BY total DESC",
    "SELECT order_id, amount FROM bench.sales ORDER BY amount DESC, order_id LIMIT 10",
    "SELECT count(DISTINCT customer_id) AS n FROM bench.sales WHERE month = 7",
    "SELECT count(*) AS n FROM bench.sales WHERE region LIKE 'EU%' AND quantity BETWEEN 3 AND 5",
    "SELECT p.category, count(*) AS n FROM bench.sales s JOIN bench.products p ON s.product_id = p.product_id \
     WHERE p.price > 90 AND s.month = 12 GROUP BY p.category ORDER BY p.category",
];

/// A small deterministic generator (xorshift), so every run has the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn write_parquet(path: &Path, batch: &RecordBatch) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(128 * 1024))
        .build();
    let mut writer = ArrowWriter::try_new(std::fs::File::create(path).unwrap(), batch.schema(), Some(props)).unwrap();
    writer.write(batch).unwrap();
    writer.close().unwrap();
}

/// One month of `sales`, column by column.
#[derive(Default)]
struct Columns(Vec<i64>, Vec<i64>, Vec<i64>, Vec<&'static str>, Vec<f64>, Vec<i64>, Vec<String>);

fn generate(lake: &Path, rows: usize) {
    let schema = Arc::new(Schema::new(vec![
        Field::new("order_id", DataType::Int64, false),
        Field::new("customer_id", DataType::Int64, false),
        Field::new("product_id", DataType::Int64, false),
        Field::new("region", DataType::Utf8, false),
        Field::new("amount", DataType::Float64, false),
        Field::new("quantity", DataType::Int64, false),
        Field::new("card_number", DataType::Utf8, false),
    ]));
    let per_month = rows / 12;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for month in 1..=12 {
        let base = (month - 1) * per_month;
        let mut columns = Columns::default();
        for i in 0..per_month {
            columns.0.push((base + i) as i64);
            columns.1.push((rng.next() % 1_000_000) as i64);
            columns.2.push((rng.next() % PRODUCTS as u64) as i64);
            columns.3.push(REGIONS[(rng.next() % 8) as usize]);
            columns.4.push((rng.next() % 100_000) as f64 / 100.0);
            columns.5.push((rng.next() % 10 + 1) as i64);
            columns.6.push(format!("4000-{:04}-{:04}", rng.next() % 10_000, rng.next() % 10_000));
        }
        let batch = RecordBatch::try_new(
            schema.clone(),
            vec![
                Arc::new(Int64Array::from(columns.0)),
                Arc::new(Int64Array::from(columns.1)),
                Arc::new(Int64Array::from(columns.2)),
                Arc::new(StringArray::from(columns.3)),
                Arc::new(Float64Array::from(columns.4)),
                Arc::new(Int64Array::from(columns.5)),
                Arc::new(StringArray::from(columns.6)),
            ],
        )
        .unwrap();
        write_parquet(&lake.join(format!("curated/bench/sales/month={month}/part-0.parquet")), &batch);
    }
    let schema = Arc::new(Schema::new(vec![
        Field::new("product_id", DataType::Int64, false),
        Field::new("category", DataType::Utf8, false),
        Field::new("price", DataType::Float64, false),
    ]));
    let categories: Vec<String> = (0..PRODUCTS).map(|i| format!("category-{:02}", i % 40)).collect();
    let batch = RecordBatch::try_new(
        schema,
        vec![
            Arc::new(Int64Array::from((0..PRODUCTS).collect::<Vec<_>>())),
            Arc::new(StringArray::from(categories)),
            Arc::new(Float64Array::from(
                (0..PRODUCTS).map(|_| (rng.next() % 10_000) as f64 / 100.0).collect::<Vec<_>>(),
            )),
        ],
    )
    .unwrap();
    write_parquet(&lake.join("curated/bench/products/part-0.parquet"), &batch);
}

struct Tarn {
    base: String,
    client: reqwest::Client,
}

impl Tarn {
    async fn token(&self, user: &str, password: &str) -> String {
        let body: Value = self
            .client
            .post(format!("{}/v1/auth/token", self.base))
            .json(&json!({"grant_type": "password", "username": user, "password": password}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        body["access_token"].as_str().unwrap().to_owned()
    }

    async fn call(&self, token: &str, path: &str, body: Value) -> Value {
        let response =
            self.client.post(format!("{}{path}", self.base)).bearer_auth(token).json(&body).send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        assert!(status.is_success(), "{path}: {status} {text}");
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }

    /// Runs `sql` and returns the rows of its Arrow result.
    async fn query(&self, token: &str, sql: &str) -> usize {
        let response = self
            .client
            .post(format!("{}/v1/query", self.base))
            .bearer_auth(token)
            .json(&json!({"sql": sql, "format": "arrow"}))
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "{sql}: {}", response.status());
        let bytes = response.bytes().await.unwrap();
        let reader = datafusion::arrow::ipc::reader::StreamReader::try_new(std::io::Cursor::new(bytes), None).unwrap();
        reader.map(|b| b.unwrap().num_rows()).sum()
    }
}

async fn start_tarn(dir: &Path) -> (Tarn, String) {
    let settings = Settings { data_dir: Some(dir.to_path_buf()), log_level: Some("warn".into()), ..Default::default() };
    let config = Config::resolve(settings, Some(PASSWORD.into())).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(tarn::server::run(listener, config, std::future::pending()));
    let tarn = Tarn { base, client: reqwest::Client::new() };
    loop {
        if tarn.client.get(format!("{}/healthz", tarn.base)).send().await.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let admin = tarn.token("admin", PASSWORD).await;
    (tarn, admin)
}

/// The catalog entries, and the analysts: one without `card_number`, two also row-filtered.
async fn catalog(tarn: &Tarn, admin: &str) -> Vec<String> {
    let column = |name: &str, ty: &str| json!({"name": name, "type": ty});
    tarn.call(admin, "/v1/databases", json!({"name": "bench"})).await;
    let sales = json!({"name": "sales", "zone": "curated", "format": "parquet",
        "columns": [column("order_id", "int64"), column("customer_id", "int64"), column("product_id", "int64"),
                    column("region", "utf8"), column("amount", "float64"), column("quantity", "int64"),
                    column("card_number", "utf8")],
        "partition_keys": [column("month", "int32")]});
    tarn.call(admin, "/v1/databases/bench/tables", sales).await;
    let products = json!({"name": "products", "zone": "curated", "format": "parquet",
        "columns": [column("product_id", "int64"), column("category", "utf8"), column("price", "float64")]});
    tarn.call(admin, "/v1/databases/bench/tables", products).await;
    let partitions: Vec<Value> = (1..=12).map(|m| json!({"values": [m]})).collect();
    tarn.call(admin, "/v1/databases/bench/tables/sales/partitions", json!({"partitions": partitions})).await;
    for (name, row_filter) in [("paid", "quantity >= 1"), ("unproven", "amount >= 0")] {
        let filter = json!({"name": name, "row_filter": row_filter, "excluded_columns": ["card_number"]});
        tarn.call(admin, "/v1/databases/bench/tables/sales/data-filters", filter).await;
    }
    let mut tokens = Vec::new();
    for (user, sales_grant) in [
        ("columns", json!({"table": {"database": "bench", "name": "sales", "excluded_columns": ["card_number"]}})),
        ("rows", json!({"data_filter": {"database": "bench", "table": "sales", "name": "paid"}})),
        ("unproven", json!({"data_filter": {"database": "bench", "table": "sales", "name": "unproven"}})),
    ] {
        let password = format!("{user}-password");
        tarn.call(admin, "/v1/principals/users", json!({"name": user, "password": password})).await;
        for resource in [sales_grant, json!({"table": {"database": "bench", "name": "products"}})] {
            let grant = json!({"principal": format!("user:{user}"), "privileges": ["SELECT"], "resource": resource});
            tarn.call(admin, "/v1/grants", grant).await;
        }
        tokens.push(tarn.token(user, &password).await);
    }
    tokens
}

async fn plain_datafusion(lake: &Path) -> SessionContext {
    let ctx = SessionContext::new_with_config(
        SessionConfig::new().with_target_partitions(std::thread::available_parallelism().map_or(2, |n| n.get())),
    );
    ctx.sql("CREATE SCHEMA bench").await.unwrap();
    let sales = ListingOptions::new(Arc::new(ParquetFormat::default()))
        .with_file_extension(".parquet")
        .with_table_partition_cols(vec![("month".to_owned(), DataType::Int32)]);
    let path = |t: &str| format!("{}/curated/bench/{t}/", lake.display());
    ctx.register_listing_table("bench.sales", path("sales"), sales, None, None).await.unwrap();
    let products = ListingOptions::new(Arc::new(ParquetFormat::default())).with_file_extension(".parquet");
    ctx.register_listing_table("bench.products", path("products"), products, None, None).await.unwrap();
    ctx
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// Median milliseconds of each query in DuckDB (`None` when the package is missing).
fn duckdb(lake: &Path) -> Option<Vec<f64>> {
    let script = r#"
import json, sys, time, duckdb
lake, runs, queries = sys.argv[1], int(sys.argv[2]), json.loads(sys.stdin.read())
con = duckdb.connect()
con.execute("SET threads = 2")
con.execute("CREATE SCHEMA bench")
con.execute(f"CREATE VIEW bench.sales AS SELECT * FROM read_parquet('{lake}/curated/bench/sales/*/*.parquet', hive_partitioning = true)")
con.execute(f"CREATE VIEW bench.products AS SELECT * FROM read_parquet('{lake}/curated/bench/products/*.parquet')")
out = []
for q in queries:
    con.execute(q).fetchall()
    times = []
    for _ in range(runs):
        t = time.perf_counter(); con.execute(q).fetchall(); times.append((time.perf_counter() - t) * 1000)
    out.append(sorted(times)[len(times) // 2])
print(json.dumps(out))
"#;
    use std::io::Write;
    let mut child = std::process::Command::new("python3")
        .args(["-c", script, &lake.display().to_string(), &RUNS.to_string()])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(serde_json::to_string(&QUERIES).unwrap().as_bytes()).ok()?;
    let output = child.wait_with_output().ok()?;
    if !output.status.success() {
        eprintln!("duckdb skipped: {}", String::from_utf8_lossy(&output.stderr).lines().last().unwrap_or(""));
        return None;
    }
    serde_json::from_slice(&output.stdout).ok()
}

#[tokio::main]
async fn main() {
    if std::env::var("TARN_QUERY_BENCH_TRACE").is_ok() {
        tracing_subscriber::fmt().with_env_filter("tarn::service::queries=debug").init();
    }
    let rows: usize = std::env::var("TARN_QUERY_BENCH_ROWS").ok().and_then(|r| r.parse().ok()).unwrap_or(12_000_000);
    let temp = tempfile::tempdir().unwrap();
    let dir =
        std::env::var("TARN_QUERY_BENCH_DIR").map(std::path::PathBuf::from).unwrap_or_else(|_| temp.path().to_owned());
    let lake = dir.join("lake");
    let started = Instant::now();
    generate(&lake, rows);
    println!("generated {rows} rows in {:.1} s", started.elapsed().as_secs_f64());
    let (tarn, admin) = start_tarn(&dir).await;
    let analysts = catalog(&tarn, &admin).await;
    let (columns, filtered, unproven) = (&analysts[0], &analysts[1], &analysts[2]);
    let ctx = plain_datafusion(&lake.canonicalize().unwrap()).await;

    // TARN_QUERY_BENCH_EXPLAIN=N prints both plans of query N, analysed, and stops.
    if let Some(n) = std::env::var("TARN_QUERY_BENCH_EXPLAIN").ok().and_then(|n| n.parse::<usize>().ok()) {
        let sql = format!("EXPLAIN ANALYZE {}", QUERIES[n - 1]);
        for (who, token) in [("columns", columns), ("rows", filtered), ("unproven", unproven)] {
            let answer = tarn.call(token, "/v1/query", json!({"sql": sql})).await;
            for row in answer["rows"].as_array().unwrap() {
                println!("tarn-{who}:\n{}", row["plan"].as_str().unwrap_or_default());
            }
        }
        ctx.sql(&sql).await.unwrap().show().await.unwrap();
        return;
    }
    println!(
        "\n| # | query | tarn-columns ms | tarn-rows ms | tarn-unproven ms | DataFusion ms | DuckDB ms | columns / DF \
         | rows / DF | unproven / DF | columns / DuckDB |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    let duck = duckdb(&lake.canonicalize().unwrap());
    let mut sums = [0.0; 5];
    for (i, sql) in QUERIES.iter().enumerate() {
        // Alternate the engines within each round, after one warm-up of each.
        let mut times: [Vec<f64>; 4] = Default::default();
        let mut counts = [0usize; 4];
        for round in 0..=RUNS {
            for (engine, slot) in times.iter_mut().enumerate() {
                let t = Instant::now();
                counts[engine] = match engine {
                    0 => tarn.query(columns, sql).await,
                    1 => tarn.query(filtered, sql).await,
                    2 => tarn.query(unproven, sql).await,
                    _ => ctx.sql(sql).await.unwrap().collect().await.unwrap().iter().map(|b| b.num_rows()).sum(),
                };
                if round > 0 {
                    slot.push(t.elapsed().as_secs_f64() * 1000.0);
                }
            }
        }
        assert!(counts.iter().all(|c| *c == counts[3]), "query {} returned {counts:?} rows", i + 1);
        let [cols, rws, unp, df] = times.map(median);
        let dk = duck.as_ref().map_or(f64::NAN, |d| d[i]);
        for (sum, t) in sums.iter_mut().zip([cols, rws, unp, df, dk]) {
            *sum += t;
        }
        let short: String = sql.chars().take(60).collect();
        println!("| {} | `{short}…` | {}", i + 1, row_figures([cols, rws, unp, df, dk]));
    }
    println!("| | **total** | {}", row_figures(sums));
}

/// Times of (columns, rows, unproven, DataFusion, DuckDB), then the ratios.
fn row_figures([cols, rws, unp, df, dk]: [f64; 5]) -> String {
    format!(
        "{cols:.1} | {rws:.1} | {unp:.1} | {df:.1} | {dk:.1} | {:.2} | {:.2} | {:.2} | {:.2} |",
        cols / df,
        rws / df,
        unp / df,
        cols / dk
    )
}
