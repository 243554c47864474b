//! The README as a user follows it: every fenced `sh` and `python` block, in order, against
//! the server its first block starts, in a fresh folder. A block that fails fails the test
//! with its line number, so the README cannot drift from what Tarn does.

use std::path::{Path, PathBuf};

use crate::clients::tool;
use crate::support::spawned::Spawned;

const PASSWORD: &str = "readme-admin-password";

/// The one block not run: it is the command running this test.
const NOT_RUN: [&str; 1] = ["cargo test"];
const SERVE: &str = "cargo run --release -- serve";

#[derive(Clone)]
struct Block {
    line: usize,
    lang: String,
    text: String,
}

fn blocks(readme: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut open: Option<Block> = None;
    for (n, line) in readme.lines().enumerate() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(lang)) => open = Some(Block { line: n + 2, lang: lang.trim().to_owned(), text: String::new() }),
            (Some(_), Some(_)) => found.extend(open.take()),
            (Some(block), None) => {
                block.text.push_str(line);
                block.text.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "README.md has an unclosed code block");
    found
}

/// Files the README assumes its reader has at hand, and a landing folder other tools filled.
fn fixtures(dir: &Path) {
    let write = |path: &str, text: &str| {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("orders.csv", "id,amount\n1,9.5\n2,20\n");
    write("orders-2024.csv", "id,amount\n3,7.25\n");
    write("exports/year=2024/month=07/orders-07.csv", "id,amount\n4,1\n");
    write("customers.yaml", "name: customers\ncolumns:\n  - {name: id, type: int64}\n  - {name: email, type: utf8}\n");
    write(
        "tarn-data/lake/raw/landing/clicks/part-0.json",
        "{\"user\": \"a\", \"ms\": 12}\n{\"user\": \"b\", \"ms\": 7}\n",
    );
}

/// One bash script of every block after the first; Python blocks become files it runs.
fn script(blocks: &[Block], dir: &Path, port: u16) -> (String, usize) {
    let mut script = String::from(
        "set -euo pipefail\n\
         curl() { command curl --fail-with-body --silent --show-error \"$@\"; }\n\
         pip() { [ \"$1\" = install ] && shift; python3 -m pip install --quiet --no-deps --no-build-isolation \
         --target \"$SITE\" \"$@\"; }\n",
    );
    let mut ran = 0;
    for block in blocks {
        let text = block
            .text
            .replace("localhost:8470", &format!("127.0.0.1:{port}"))
            .replace("127.0.0.1:8470", &format!("127.0.0.1:{port}"));
        script.push_str(&format!("echo '### README.md line {}' >&2\n", block.line));
        match block.lang.as_str() {
            "sh" => script.push_str(&text),
            "python" => {
                let file = dir.join(format!("readme-{}.py", block.line));
                std::fs::write(&file, text).unwrap();
                script.push_str(&format!("python3 {}\n", file.display()));
            }
            other => panic!("README.md line {}: a `{other}` block is neither run nor in NOT_RUN", block.line),
        }
        ran += 1;
    }
    (script, ran)
}

#[tokio::test]
async fn every_readme_example_works_as_written() {
    let python = "python3 -c 'import pyarrow, httpx, attrs, dateutil, setuptools, wheel, duckdb, fsspec'";
    if !tool("command -v curl && command -v jq", "apt-get install curl jq")
        || !tool(python, "pip install pyarrow httpx attrs python-dateutil setuptools wheel duckdb fsspec")
    {
        return;
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let readme = std::fs::read_to_string(repo.join("README.md")).unwrap();
    let all = blocks(&readme);
    let (first, rest) = all.split_first().expect("README.md has code blocks");
    assert_eq!(first.text.trim(), SERVE, "the README's first block starts the server");
    let rest: Vec<Block> = rest.iter().filter(|b| !NOT_RUN.contains(&b.text.trim())).cloned().collect();
    assert_eq!(rest.len() + 2, all.len(), "exactly the blocks in NOT_RUN are skipped");

    let dir = tempfile::tempdir().unwrap();
    fixtures(dir.path());
    // `pip install ./clients/python` builds in the source folder: a copy keeps the repo clean.
    let copied = std::process::Command::new("cp").arg("-r").arg(repo.join("clients")).arg(dir.path()).status();
    assert!(copied.unwrap().success());
    // `cargo run --release --` is the binary this test was built with.
    let args: Vec<&str> = first.text.trim().trim_start_matches("cargo run --release --").split_whitespace().collect();
    let mut server = Spawned::start(dir.path(), &args, PASSWORD).await;
    let port = server.port;
    let tarn = PathBuf::from(env!("CARGO_BIN_EXE_tarn"));

    let (text, ran) = script(&rest, dir.path(), port);
    let path = format!("{}:{}", tarn.parent().unwrap().display(), std::env::var("PATH").unwrap_or_default());
    let site = dir.path().join("site-packages");
    let output = tokio::process::Command::new("bash")
        .args(["-c", &text])
        .current_dir(dir.path())
        .env("PATH", path)
        .env("PASSWORD", PASSWORD)
        .env("SITE", &site)
        .env("PYTHONPATH", &site)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("TARN_SERVER", format!("http://127.0.0.1:{port}"))
        .env_remove("TARN_TOKEN")
        .output()
        .await
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let last = stderr.lines().rev().find(|l| l.starts_with("### README.md")).unwrap_or("before any block");
    if !output.status.success() {
        let log = Spawned::log(dir.path());
        panic!("the README fails at {last}:\n{stderr}\n--- stdout:\n{stdout}\n--- server log (newest first):\n{log}");
    }
    assert_eq!(stderr.matches("### README.md").count(), ran, "every block ran");
    assert!(stdout.contains("audit trail intact"), "{stdout}");
    assert!(stdout.contains("landing\nsales\n"), "the Python example lists the databases: {stdout}");
    server.child.kill().await.unwrap();
}
