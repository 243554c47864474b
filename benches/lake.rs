//! Lake benchmark (not a test):
//! - upload a 1 GiB CSV through `PUT .../files/{name}` to the local lake, against `cp` of the
//!   same file on the same disk, alternating, 3 rounds; clients: curl (a separate process) and
//!   a plain HTTP/1.1 client on a thread of the bench that sends 1 MiB per write;
//! - crawl 10,000 small CSV files in 1,000 partitions of 10 tables: first crawl and unchanged
//!   re-crawl, on the local lake and on moto_server.
//!
//!     cargo bench --bench lake                     # TARN_LAKE_BENCH_SKIP=upload|crawl|moto to skip parts

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use object_store::{ObjectStore, ObjectStoreExt};
use serde_json::{Value, json};
use tarn::config::{Config, Settings};

/// The allocator of the `tarn` binary, so the figures are the server's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const PASSWORD: &str = "bench-admin-password";

struct Server {
    base: String,
    token: String,
    client: reqwest::Client,
}

impl Server {
    async fn start(dir: &Path, lake: Option<(String, String)>) -> Server {
        let settings = Settings {
            data_dir: Some(dir.to_path_buf()),
            log_level: Some("warn".into()),
            max_upload_bytes: Some(4 << 30),
            ..Default::default()
        };
        let mut config = Config::resolve(settings, Some(PASSWORD.into())).unwrap();
        if let Some((url, endpoint)) = lake {
            config.lake.url = url;
            config.lake.endpoint = Some(endpoint);
            config.lake.region = Some("us-east-1".into());
            config.lake.access_key_id = Some("testing".into());
            config.lake.secret_access_key = Some("testing".into());
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(tarn::server::run(listener, config, std::future::pending()));
        let client = reqwest::Client::new();
        let token = loop {
            let answer = client
                .post(format!("{base}/v1/auth/token"))
                .json(&json!({"grant_type": "password", "username": "admin", "password": PASSWORD}))
                .send()
                .await;
            if let Ok(response) = answer {
                let body: Value = response.json().await.unwrap();
                break body["access_token"].as_str().unwrap().to_owned();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        Server { base, token, client }
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut request = self.client.request(method, format!("{}{path}", self.base)).bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        assert!(response.status().is_success(), "{path}: {}", response.status());
        response.json().await.unwrap_or(Value::Null)
    }

    /// Runs a crawler to the end; returns the run and its server-side duration.
    async fn crawl(&self, name: &str) -> (Value, f64) {
        let started = self.call(reqwest::Method::POST, &format!("/v1/crawlers/{name}/run"), None).await;
        loop {
            tokio::time::sleep(Duration::from_millis(20)).await;
            let runs = self.call(reqwest::Method::GET, &format!("/v1/crawlers/{name}/runs?max_results=3"), None).await;
            let run = runs["runs"].as_array().unwrap().iter().find(|r| r["id"] == started["id"]).unwrap().clone();
            if run["status"] != "running" {
                let at = |k: &str| chrono::DateTime::parse_from_rfc3339(run[k].as_str().unwrap()).unwrap();
                let secs = (at("finished_at") - at("started_at")).as_seconds_f64();
                assert_eq!(run["status"], "succeeded", "{run}");
                return (run, secs);
            }
        }
    }
}

fn timed(f: impl FnOnce()) -> f64 {
    let t = Instant::now();
    f();
    t.elapsed().as_secs_f64()
}

/// A CSV file of 1 GiB.
fn write_source(source: &Path) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(source).unwrap());
    writeln!(out, "id,customer,amount,region,created_at").unwrap();
    let mut written = 0u64;
    let mut i = 0u64;
    while written < 1 << 30 {
        let line = format!(
            "{i},customer_{:06},{}.{:02},region_{},2024-06-{:02}T12:00:00\n",
            i % 999_983,
            i % 10_000,
            i % 100,
            i % 17,
            1 + i % 28
        );
        out.write_all(line.as_bytes()).unwrap();
        written += line.len() as u64;
        i += 1;
    }
}

/// The contract's checksum is one SHA-256 stream over the whole file: one core's work that no
/// pipeline can spread. Its time is a floor under any upload's time on this machine.
fn sha256_secs(source: &Path) -> f64 {
    use sha2::{Digest, Sha256};
    let bytes = std::fs::read(source).unwrap();
    let once = || {
        timed(|| {
            std::hint::black_box(Sha256::digest(&bytes));
        })
    };
    once().min(once())
}

async fn upload_vs_cp(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let source = dir.join("source.csv");
    write_source(&source);
    let size = std::fs::metadata(&source).unwrap().len();
    let sha256_secs = sha256_secs(&source);
    let server = Server::start(&dir.join("server"), None).await;
    server.call(reqwest::Method::POST, "/v1/databases", Some(json!({"name": "bench"}))).await;
    let table = json!({"name": "big", "zone": "raw", "format": "csv", "columns": [{"name": "id", "type": "int64"}]});
    server.call(reqwest::Method::POST, "/v1/databases/bench/tables", Some(table)).await;
    let sync = || assert!(std::process::Command::new("sync").status().unwrap().success());
    let upload = |name: String| {
        let url = format!("{}/v1/databases/bench/tables/big/files/{name}", server.base);
        let auth = format!("Authorization: Bearer {}", server.token);
        let out = std::process::Command::new("curl")
            .args(["-sS", "-f", "-o", "/dev/null", "-H", &auth, "-H", "Expect:", "-T"])
            .arg(&source)
            .arg(&url)
            .status()
            .unwrap();
        assert!(out.success());
    };
    let addr = server.base.trim_start_matches("http://").to_owned();
    let direct = |name: String| {
        put_file(&addr, &format!("/v1/databases/bench/tables/big/files/{name}"), &server.token, &source);
    };
    let copy = |round: usize| {
        let target = dir.join(format!("copy-{round}.csv"));
        assert!(std::process::Command::new("cp").arg(&source).arg(&target).status().unwrap().success());
    };
    // Alternating, each after a sync so no op pays for the previous one's writeback. "cached":
    // until the command returns (data in the page cache); "durable": until a sync after it.
    let (mut cps, mut uploads, mut cps_durable, mut uploads_durable) = (vec![], vec![], vec![], vec![]);
    let (mut directs, mut server_cpu) = (vec![], vec![]);
    for round in 0..3 {
        sync();
        cps.push(timed(|| copy(round)));
        sync();
        let cpu = process_cpu_secs();
        uploads.push(timed(|| upload(format!("cached-{round}.csv"))));
        server_cpu.push(process_cpu_secs() - cpu);
        sync();
        directs.push(timed(|| direct(format!("direct-{round}.csv"))));
        sync();
        cps_durable.push(timed(|| {
            copy(round + 10);
            sync();
        }));
        uploads_durable.push(timed(|| {
            upload(format!("durable-{round}.csv"));
            sync();
        }));
        for r in [round, round + 10] {
            std::fs::remove_file(dir.join(format!("copy-{r}.csv"))).unwrap();
        }
        for name in [format!("cached-{round}.csv"), format!("durable-{round}.csv"), format!("direct-{round}.csv")] {
            std::fs::remove_file(dir.join("server/lake/raw/bench/big").join(name)).unwrap();
        }
    }
    let mib = size as f64 / (1 << 20) as f64;
    let median = |v: &[f64]| {
        let mut s = v.to_vec();
        s.sort_by(f64::total_cmp);
        s[s.len() / 2]
    };
    let rows = [
        ("cached, curl", &cps, &uploads),
        ("durable, curl", &cps_durable, &uploads_durable),
        ("cached, 1 MiB client", &cps, &directs),
    ];
    println!(
        "SHA-256 of the file in memory, one thread: {sha256_secs:.3} s; bound on any upload's ratio: {:.2}",
        median(&cps) / sha256_secs
    );
    println!("server CPU (user + system) per curl upload: {:?} s", round3(&server_cpu));
    for (label, cp, api) in rows {
        println!("upload of {mib:.0} MiB, {label}: cp {:?} s, API {:?} s", round3(cp), round3(api));
        println!(
            "  median throughput: cp {:.0} MiB/s, API {:.0} MiB/s; ratio API/cp {:.2}",
            mib / median(cp),
            mib / median(api),
            median(cp) / median(api)
        );
    }
}

/// PUTs `source` over HTTP/1.1, 1 MiB per write. curl sends 64 KiB at a time, which on its own
/// holds an upload to about 0.45 of `cp` here, against a sink that does nothing
/// (`benches/upload_ceiling.py`); this client leaves more of the time to the server.
fn put_file(addr: &str, path: &str, token: &str, source: &Path) {
    use std::io::Read;
    let mut file = std::fs::File::open(source).unwrap();
    let len = file.metadata().unwrap().len();
    let mut conn = std::net::TcpStream::connect(addr).unwrap();
    let head = format!(
        "PUT {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n"
    );
    conn.write_all(head.as_bytes()).unwrap();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        conn.write_all(&buf[..n]).unwrap();
    }
    let mut response = String::new();
    conn.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 201"), "{response}");
}

/// CPU time of this process (the server; curl and cp are processes of their own), from
/// `/proc/self/stat` in clock ticks of 1/100 s.
fn process_cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap();
    let fields: Vec<&str> = stat.rsplit_once(')').unwrap().1.split_whitespace().collect();
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    ticks as f64 / 100.0
}

fn round3(v: &[f64]) -> Vec<f64> {
    v.iter().map(|x| (x * 1000.0).round() / 1000.0).collect()
}

/// (path, bytes) of 10,000 files: 10 tables x 100 partitions x 10 files.
fn crawl_files() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::with_capacity(10_000);
    for t in 0..10 {
        for p in 0..100 {
            for f in 0..10 {
                let mut body = String::from("id,name,amount,flag\n");
                for r in 0..20 {
                    body.push_str(&format!("{},n{r},{}.5,{}\n", p * 1000 + f * 20 + r, r * 3, r % 2 == 0));
                }
                out.push((format!("table_{t:02}/day={p:03}/part-{f:02}.csv"), body.into_bytes()));
            }
        }
    }
    out
}

async fn crawl_bench(server: &Server, label: &str) {
    server.call(reqwest::Method::POST, "/v1/databases", Some(json!({"name": "landing"}))).await;
    let crawler = json!({"name": "landing", "location": "raw/landing", "database": "landing"});
    server.call(reqwest::Method::POST, "/v1/crawlers", Some(crawler)).await;
    let (first, first_secs) = server.crawl("landing").await;
    let s = &first["stats"];
    assert_eq!(
        (s["files_scanned"].as_u64(), s["tables_created"].as_u64(), s["partitions_added"].as_u64()),
        (Some(10_000), Some(10), Some(1_000)),
        "{first}"
    );
    let mut again = Vec::new();
    for _ in 0..3 {
        let (run, secs) = server.crawl("landing").await;
        assert_eq!(run["stats"]["files_scanned"], 0);
        again.push(secs);
    }
    println!(
        "crawl {label}: first {first_secs:.2} s (10,000 files, 10 tables, 1,000 partitions); unchanged re-crawl {:?} s",
        round3(&again)
    );
}

#[tokio::main]
async fn main() {
    let skip = std::env::var("TARN_LAKE_BENCH_SKIP").unwrap_or_default();
    let dir = tempfile::tempdir_in(std::env::var("TARN_LAKE_BENCH_DIR").unwrap_or_else(|_| "/tmp".into())).unwrap();
    if !skip.contains("upload") {
        upload_vs_cp(&dir.path().join("upload")).await;
    }
    if !skip.contains("crawl") {
        let data = dir.path().join("crawl-local");
        for (path, bytes) in crawl_files() {
            let full = data.join("lake/raw/landing").join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, bytes).unwrap();
        }
        let server = Server::start(&data, None).await;
        crawl_bench(&server, "local lake").await;
    }
    if !skip.contains("moto") {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut moto = std::process::Command::new("moto_server")
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("moto_server");
        let endpoint = format!("http://127.0.0.1:{port}");
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        reqwest::Client::new().put(format!("{endpoint}/bench")).send().await.unwrap();
        let s3 = object_store::aws::AmazonS3Builder::new()
            .with_bucket_name("bench")
            .with_endpoint(&endpoint)
            .with_allow_http(true)
            .with_region("us-east-1")
            .with_access_key_id("testing")
            .with_secret_access_key("testing")
            .build()
            .unwrap();
        let s3 = std::sync::Arc::new(s3);
        let puts = futures::stream::iter(crawl_files()).map(|(path, bytes)| {
            let s3 = s3.clone();
            async move {
                s3.put(&object_store::path::Path::from(format!("lake/raw/landing/{path}")), bytes.into()).await.unwrap()
            }
        });
        use futures::StreamExt;
        puts.buffer_unordered(32).collect::<Vec<_>>().await;
        // What moto alone allows: the first crawl reads each file once with a ranged GET.
        let started = Instant::now();
        let gets = futures::stream::iter(crawl_files()).map(|(path, bytes)| {
            let s3 = s3.clone();
            async move {
                let path = object_store::path::Path::from(format!("lake/raw/landing/{path}"));
                s3.get_range(&path, 0..bytes.len() as u64).await.unwrap()
            }
        });
        gets.buffer_unordered(32).collect::<Vec<_>>().await;
        let secs = started.elapsed().as_secs_f64();
        println!("moto_server alone: 10,000 ranged GETs (32 at a time) in {secs:.2} s, {:.0} GETs/s", 10_000.0 / secs);
        // ...and an unchanged re-crawl lists every key once.
        let mut lists = Vec::new();
        for _ in 0..3 {
            let started = Instant::now();
            let listed: Vec<_> = s3.list(Some(&"lake/raw/landing".into())).collect().await;
            assert_eq!(listed.len(), 10_000);
            lists.push(started.elapsed().as_secs_f64());
        }
        println!("moto_server alone: listing the 10,000 keys took {:?} s", round3(&lists));
        let server = Server::start(&dir.path().join("crawl-moto"), Some(("s3://bench/lake".into(), endpoint))).await;
        crawl_bench(&server, "moto_server (S3)").await;
        let _ = moto.kill();
        let _ = moto.wait();
    }
}
