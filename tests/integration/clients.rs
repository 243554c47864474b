//! The API as tools outside Tarn see it: the committed OpenAPI document passes the standard
//! validator, the SDKs in `clients/` are exactly what the generators make of it, and each
//! SDK's own test suite passes against a live server. The tools are Python packages that
//! `.ci/run` installs; without them these tests say so and pass on a developer machine, and
//! fail under CI.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Whether `probe` (a shell command) succeeds; under CI a missing tool is a failure.
pub fn tool(probe: &str, install: &str) -> bool {
    let found = Command::new("sh").args(["-c", probe]).output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(std::env::var("CI").is_err(), "`{probe}` fails under CI: {install}");
        eprintln!("`{probe}` fails ({install}): skipping a client test");
    }
    found
}

fn run(command: &mut Command) -> String {
    let output = command.output().expect("the command starts");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "{command:?} failed:\n{text}");
    text
}

#[test]
fn the_openapi_document_passes_the_validator() {
    if !tool("command -v openapi-spec-validator", "pip install openapi-spec-validator") {
        return;
    }
    let text = run(Command::new("openapi-spec-validator").arg(repo().join("openapi/openapi.json")));
    assert!(text.contains("OK"), "{text}");
}

#[test]
fn the_python_sdk_is_what_the_generator_makes_of_the_document() {
    if !tool("command -v openapi-python-client", "pip install openapi-python-client==0.29.1") {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let generated = out.path().join("api");
    run(Command::new("openapi-python-client")
        .args(["generate", "--meta", "none", "--path"])
        .arg(repo().join("openapi/openapi.json"))
        .arg("--config")
        .arg(repo().join("clients/python/generator.yaml"))
        .arg("--output-path")
        .arg(&generated));
    let committed = repo().join("clients/python/tarn/api");
    let diff = Command::new("diff").args(["-r", "-x", "__pycache__"]).arg(&committed).arg(&generated).output().unwrap();
    assert!(
        diff.status.success(),
        "clients/python/tarn/api differs from the generated SDK: run clients/python/generate.sh\n{}",
        String::from_utf8_lossy(&diff.stdout)
    );
}

#[test]
fn the_python_sdk_suite_passes_against_a_live_server() {
    let probe = "python3 -c 'import pytest, pyarrow, httpx, attrs, dateutil, duckdb, fsspec'";
    if !tool(probe, "pip install pytest pyarrow httpx attrs python-dateutil duckdb fsspec") {
        return;
    }
    let python = repo().join("clients/python");
    let text = run(Command::new("python3")
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"])
        .current_dir(&python)
        .env("PYTHONPATH", &python)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("TARN_BIN", env!("CARGO_BIN_EXE_tarn")));
    assert!(text.contains("passed") && !text.contains("skipped"), "{text}");
}

fn typescript() -> PathBuf {
    repo().join("clients/typescript")
}

fn typescript_tools() -> bool {
    let probe = format!("test -x {}/node_modules/.bin/openapi-typescript", typescript().display());
    tool(&probe, "cd clients/typescript && npm ci")
}

#[test]
fn the_typescript_types_are_what_the_generator_makes_of_the_document() {
    if !typescript_tools() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let generated = out.path().join("schema.d.ts");
    run(Command::new(typescript().join("node_modules/.bin/openapi-typescript"))
        .arg(repo().join("openapi/openapi.json"))
        .arg("-o")
        .arg(&generated));
    let committed = std::fs::read_to_string(typescript().join("src/schema.d.ts")).unwrap_or_default();
    assert!(
        committed == std::fs::read_to_string(&generated).unwrap(),
        "clients/typescript/src/schema.d.ts differs from the generated types: run `npm run generate` there"
    );
    run(Command::new(typescript().join("node_modules/.bin/tsc")).args(["--noEmit", "-p"]).arg(typescript()));
}

#[test]
fn the_typescript_suite_passes_against_a_live_server() {
    if !typescript_tools() {
        return;
    }
    let text = run(Command::new("node")
        .args(["--test", "test/"])
        .current_dir(typescript())
        .env("TARN_BIN", env!("CARGO_BIN_EXE_tarn")));
    assert!(text.contains("# fail 0") && !text.contains("# pass 0"), "{text}");
}

/// schemathesis generates requests from the document (its examples, the boundaries of every
/// constraint, then random ones) against a live server, with the checks and the few
/// documented exclusions of `openapi/schemathesis.toml`: no 5xx, every status and body as
/// documented, nothing schema-valid refused as malformed, nothing schema-invalid accepted.
/// Key rotation is left out: it would revoke the run's own token.
#[tokio::test]
async fn schemathesis_finds_no_fault_against_a_live_server() {
    if !tool("command -v schemathesis", "pip install schemathesis") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let server = crate::support::spawned::Spawned::start(dir.path(), &["serve"], "schemathesis-admin-pw").await;
    let token = server.token("schemathesis-admin-pw").await;
    let output = tokio::process::Command::new("schemathesis")
        .arg("--config-file")
        .arg(repo().join("openapi/schemathesis.toml"))
        .arg("run")
        .arg(repo().join("openapi/openapi.json"))
        .args(["--url", &server.base(), "--header", &format!("Authorization: Bearer {token}")])
        .args(["--exclude-path", "/v1/auth/keys/rotate", "--phases", "examples,coverage,fuzzing"])
        .args(["--max-examples", "10", "--seed", "1", "--workers", "1", "--no-color"])
        .current_dir(dir.path())
        .output()
        .await
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && text.contains("passed"),
        "schemathesis found faults:\n{text}\n{}\n--- server log:\n{}",
        String::from_utf8_lossy(&output.stderr),
        crate::support::spawned::Spawned::log(dir.path())
    );
}
