//! The `tarn` binary itself serving on a free port, for clients that run as other processes
//! (the README's commands, schemathesis): what a user gets from `tarn serve`.

use std::path::Path;
use std::time::Duration;

pub struct Spawned {
    pub port: u16,
    pub child: tokio::process::Child,
}

impl Spawned {
    /// `tarn <args>` in `dir` with a fresh SQLite catalog and local lake there; the admin's
    /// password is `password`; the log goes to `dir/server.log`.
    pub async fn start(dir: &Path, args: &[&str], password: &str) -> Spawned {
        Self::start_with(dir, args, password, &[]).await
    }

    /// [`Self::start`] with more environment variables.
    pub async fn start_with(dir: &Path, args: &[&str], password: &str, env: &[(&str, &str)]) -> Spawned {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let log = std::fs::File::create(dir.join("server.log")).unwrap();
        let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_tarn"))
            .args(args)
            .current_dir(dir)
            .env("TARN_LISTEN", format!("127.0.0.1:{port}"))
            .env("TARN_ADMIN_PASSWORD", password)
            .env_remove("TARN_DATABASE_URL")
            .env_remove("TARN_LAKE_URL")
            .env_remove("TARN_DATA_DIR")
            .envs(env.iter().copied())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let client = reqwest::Client::new();
        for _ in 0..300 {
            if let Ok(r) = client.get(format!("http://127.0.0.1:{port}/readyz")).send().await {
                if r.status().is_success() {
                    return Spawned { port, child };
                }
            }
            assert!(child.try_wait().unwrap().is_none(), "tarn exited: {}", Self::log(dir));
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("tarn did not become ready: {}", Self::log(dir));
    }

    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The last lines of the server's log, newest first.
    pub fn log(dir: &Path) -> String {
        let log = std::fs::read_to_string(dir.join("server.log")).unwrap_or_default();
        log.lines().rev().take(20).collect::<Vec<_>>().join("\n")
    }

    pub async fn token(&self, password: &str) -> String {
        let form = [("grant_type", "password"), ("username", "admin"), ("password", password)];
        let answer: serde_json::Value = reqwest::Client::new()
            .post(format!("{}/v1/auth/token", self.base()))
            .form(&form)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        answer["access_token"].as_str().unwrap().to_owned()
    }
}
