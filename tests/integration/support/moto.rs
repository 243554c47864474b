//! A real S3-compatible server on loopback for the S3 paths: `moto_server`, started once per
//! test process and stopped when the process exits. Each test makes its own bucket.

use std::sync::OnceLock;
use std::time::Duration;

use tarn::config::Config;

static ENDPOINT: OnceLock<String> = OnceLock::new();

/// The endpoint of the shared moto server, starting it on first use.
pub fn endpoint() -> &'static str {
    ENDPOINT.get_or_init(|| {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        // The shell loop outlives nothing: it stops moto once this test process is gone.
        let script = format!(
            "moto_server -H 127.0.0.1 -p {port} >/dev/null 2>&1 & m=$!; \
             while kill -0 {pid} 2>/dev/null; do sleep 1; done; kill $m",
            pid = std::process::id()
        );
        // Deliberately detached: the shell reaps moto itself once this process is gone.
        #[allow(clippy::zombie_processes)]
        let _child = std::process::Command::new("sh")
            .arg("-c")
            .arg(script)
            .spawn()
            .expect("start moto_server (pip install 'moto[server]')");
        for _ in 0..300 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return format!("http://127.0.0.1:{port}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("moto_server did not start on port {port}");
    })
}

/// Whether S3 tests can run: `moto_server` is installed. Without it they are skipped with a
/// notice on a developer machine and fail under CI (which installs it).
pub fn available() -> bool {
    let found = std::process::Command::new("sh")
        .args(["-c", "command -v moto_server"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(std::env::var("CI").is_err(), "moto_server is required under CI: pip install 'moto[server]'");
        eprintln!("moto_server is not installed (pip install 'moto[server]'): skipping an S3 test");
    }
    found
}

/// Creates a fresh bucket and returns its name.
pub async fn bucket() -> String {
    let name = format!("tarn-{}", uuid::Uuid::new_v4().simple());
    let endpoint = tokio::task::spawn_blocking(endpoint).await.unwrap();
    let response = reqwest::Client::new().put(format!("{endpoint}/{name}")).send().await.unwrap();
    assert!(response.status().is_success(), "create bucket: {}", response.status());
    name
}

/// Points `config`'s lake at `s3://<bucket>/lake` on moto.
pub fn use_s3(config: &mut Config, bucket: &str) {
    config.lake.url = format!("s3://{bucket}/lake");
    config.lake.endpoint = Some(endpoint().to_owned());
    config.lake.region = Some("us-east-1".to_owned());
    config.lake.access_key_id = Some("testing".to_owned());
    config.lake.secret_access_key = Some("testing".to_owned());
}

/// A client of the bucket, for looking behind Tarn's back.
pub fn client(bucket: &str) -> object_store::aws::AmazonS3 {
    object_store::aws::AmazonS3Builder::new()
        .with_bucket_name(bucket)
        .with_endpoint(endpoint())
        .with_allow_http(true)
        .with_region("us-east-1")
        .with_access_key_id("testing")
        .with_secret_access_key("testing")
        .build()
        .unwrap()
}

/// An object's bytes (`None` when absent).
pub async fn object(bucket: &str, key: &str) -> Option<Vec<u8>> {
    use object_store::ObjectStoreExt;
    let got = client(bucket).get(&object_store::path::Path::from(key)).await.ok()?;
    Some(got.bytes().await.unwrap().to_vec())
}

/// Keys under `prefix`.
pub async fn keys(bucket: &str, prefix: &str) -> Vec<String> {
    use futures::TryStreamExt;
    use object_store::ObjectStore;
    let prefix = object_store::path::Path::from(prefix);
    let metas: Vec<_> = client(bucket).list(Some(&prefix)).try_collect().await.unwrap();
    let mut keys: Vec<String> = metas.into_iter().map(|m| m.location.to_string()).collect();
    keys.sort();
    keys
}
