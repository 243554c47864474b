//! The `tarn` client commands, run as the real binary against a running server.

use serde_json::json;

use crate::support::{ADMIN_PASSWORD, TestApp};

struct Cli<'a> {
    app: &'a TestApp,
    home: tempfile::TempDir,
}

impl Cli<'_> {
    async fn run(&self, args: &[&str]) -> (bool, String, String) {
        self.run_with_stdin(args, "").await
    }

    async fn run_with_stdin(&self, args: &[&str], input: &str) -> (bool, String, String) {
        use tokio::io::AsyncWriteExt;
        let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_tarn"))
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .env("XDG_CONFIG_HOME", self.home.path())
            .env("TARN_SERVER", &self.app.base)
            .env("TARN_PASSWORD", ADMIN_PASSWORD)
            .env("TARN_NEW_PASSWORD", "bob-password-1")
            .env_remove("TARN_TOKEN")
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let input = input.to_owned();
        let writer = tokio::spawn(async move {
            let _ = stdin.write_all(input.as_bytes()).await;
        });
        let output = child.wait_with_output().await.unwrap();
        writer.await.unwrap();
        let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
        (output.status.success(), text(output.stdout), text(output.stderr))
    }
}

#[tokio::test]
async fn an_administrator_grants_and_revokes_from_the_command_line() {
    let app = TestApp::sqlite().await;
    app.create_database("sales").await;
    app.create_table(
        "sales",
        json!({"name": "orders", "columns": [
        {"name": "id", "type": "int64"}, {"name": "amount", "type": "float64"}, {"name": "region", "type": "utf8"}]}),
    )
    .await;
    let cli = Cli { app: &app, home: tempfile::tempdir().unwrap() };

    let (ok, _, err) = cli.run(&["grants", "list"]).await;
    assert!(!ok && err.contains("not logged in"), "{err}");
    let (ok, out, err) = cli.run(&["login", "--user", "admin"]).await;
    assert!(ok, "{err}");
    assert!(out.contains("logged in"));
    let credentials = cli.home.path().join("tarn/credentials.json");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&credentials).unwrap().permissions().mode() & 0o777, 0o600);
    }

    let (ok, _, err) = cli.run(&["users", "create", "bob"]).await;
    assert!(ok, "{err}");
    let (ok, out, err) = cli
        .run(&[
            "grant",
            "--principal",
            "user:bob",
            "--on",
            "sales.orders",
            "--privileges",
            "SELECT",
            "--columns",
            "id,amount",
        ])
        .await;
    assert!(ok, "{err}");
    assert!(out.contains("SELECT"), "{out}");
    let bob = app.session("bob", "bob-password-1").await;
    let (_, table) = bob.get("/v1/databases/sales/tables/orders").await;
    assert_eq!(table["columns"].as_array().unwrap().len(), 2);

    let (ok, out, _) = cli.run(&["grants", "list", "--principal", "user:bob"]).await;
    assert!(ok && out.contains("user:bob") && out.contains("SELECT"), "{out}");
    let (ok, _, err) =
        cli.run(&["revoke", "--principal", "user:bob", "--on", "sales.orders", "--privileges", "SELECT"]).await;
    assert!(ok, "{err}");
    let (status, _) = bob.get("/v1/databases/sales/tables/orders").await;
    assert_eq!(status, reqwest::StatusCode::NOT_FOUND);

    let (ok, _, err) =
        cli.run(&["grant", "--principal", "user:nobody", "--on", "sales", "--privileges", "DESCRIBE"]).await;
    assert!(!ok && err.contains("404"), "{err}");
    let (ok, _, err) = cli.run(&["tags", "create", "domain", "--values", "sales,marketing"]).await;
    assert!(ok, "{err}");
    let (ok, _, err) = cli.run(&["tags", "set", "sales", "domain=sales"]).await;
    assert!(ok, "{err}");
    let (ok, out, _) = cli.run(&["audit", "list", "--action", "grant.create"]).await;
    assert!(ok && out.contains("grant.create") && out.contains("user:admin"), "{out}");
    let (ok, out, err) = cli.run(&["audit", "verify"]).await;
    assert!(ok, "{err}");
    assert!(out.contains("intact"), "{out}");
}

#[tokio::test]
async fn search_prints_hits_and_facets() {
    let app = TestApp::sqlite().await;
    app.create_database("sales").await;
    app.create_table(
        "sales",
        json!({"name": "customer_orders", "zone": "curated", "columns": [{"name": "id", "type": "int64"}]}),
    )
    .await;
    let cli = Cli { app: &app, home: tempfile::tempdir().unwrap() };
    let (ok, _, err) = cli.run(&["login", "--user", "admin"]).await;
    assert!(ok, "{err}");
    let started = std::time::Instant::now();
    loop {
        let (ok, out, err) = cli.run(&["search", "custmer", "zone:curated"]).await;
        assert!(ok, "{err}");
        if out.contains("sales.customer_orders") {
            assert!(out.contains("curated") && out.contains("zone: curated=1"), "{out}");
            break;
        }
        assert!(started.elapsed().as_secs() < 15, "never found: {out}");
    }
    let (ok, _, err) = cli.run(&["search", "colour:red"]).await;
    assert!(!ok && err.contains("unknown field"), "{err}");
}

#[tokio::test]
async fn files_are_uploaded_and_crawled_from_the_command_line() {
    let app = TestApp::sqlite().await;
    app.create_database("web").await;
    app.create_table(
        "web",
        json!({"name": "clicks", "zone": "raw", "format": "csv", "columns": [{"name": "id", "type": "int64"}]}),
    )
    .await;
    let cli = Cli { app: &app, home: tempfile::tempdir().unwrap() };
    assert!(cli.run(&["login", "--user", "admin"]).await.0);
    let data = tempfile::tempdir().unwrap();
    for (path, text) in [("day=1/a.csv", "id,page\n1,/\n"), ("day=2/b.csv", "id,page\n2,/x\n")] {
        let full = data.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    let folder = data.path().display().to_string();
    let (ok, out, err) = cli.run(&["upload", &folder, "--table", "web.clicks"]).await;
    assert!(ok, "{out} {err}");
    assert!(out.contains("uploaded day=1/a.csv") && out.contains("uploaded day=2/b.csv"), "{out}");
    assert!(out.contains("2 file(s)"), "{out}");
    let (ok, out, _) = cli.run(&["upload", &folder, "--table", "web.clicks"]).await;
    assert!(ok && out.contains("unchanged day=1/a.csv"), "{out}");

    app.create_database("crawled").await;
    let (ok, _, err) = cli.run(&["crawl", "create", "web", "--location", "raw/web", "--database", "crawled"]).await;
    assert!(ok, "{err}");
    let (ok, out, err) = cli.run(&["crawl", "run", "web"]).await;
    assert!(ok, "{out} {err}");
    assert!(out.contains("succeeded") && out.contains("tables_created") && out.contains("partitions_added"), "{out}");
    let (_, table) = app.get("/v1/databases/crawled/tables/clicks").await;
    assert_eq!(table["partition_keys"][0]["name"], "day", "{table}");
    let (ok, out, _) = cli.run(&["crawl", "runs", "web"]).await;
    assert!(ok && out.contains("manual"), "{out}");
}

#[tokio::test]
async fn queries_print_as_tables_csv_and_json_and_show_in_the_history() {
    let app = TestApp::sqlite().await;
    crate::api::query::employees(&app).await;
    let cli = Cli { app: &app, home: tempfile::tempdir().unwrap() };
    let (ok, _, err) = cli.run(&["login", "--user", "admin"]).await;
    assert!(ok, "{err}");
    let sql = "SELECT id, name FROM hr.employees WHERE year = 2024 ORDER BY id";
    let (ok, out, err) = cli.run(&["query", sql]).await;
    assert!(ok, "{err}");
    assert_eq!(out.lines().next().unwrap().split_whitespace().collect::<Vec<_>>(), ["ID", "NAME"]);
    assert!(out.contains("4   dan") && err.contains("(3 rows)"), "{out}{err}");
    let (ok, out, err) = cli.run(&["query", sql, "--format", "csv", "--max-rows", "2"]).await;
    assert!(ok, "{err}");
    assert_eq!(out, "id,name\n4,dan\n5,eve\n");
    let (ok, out, _) = cli.run(&["query", sql, "--format", "json"]).await;
    assert!(ok && out.contains("\"rows\""), "{out}");
    let (ok, _, err) = cli.run(&["query", "DROP TABLE hr.employees"]).await;
    assert!(!ok && err.contains("statement_not_allowed"), "{err}");
    let (ok, out, err) = cli.run(&["queries"]).await;
    assert!(ok, "{err}");
    assert_eq!(out.matches("succeeded").count(), 3, "{out}");
}

#[tokio::test]
async fn the_catalog_is_managed_from_the_command_line_and_wrong_passwords_say_so() {
    let app = TestApp::sqlite().await;
    let cli = Cli { app: &app, home: tempfile::tempdir().unwrap() };
    let wrong = tokio::process::Command::new(env!("CARGO_BIN_EXE_tarn"))
        .args(["login", "--user", "admin"])
        .env("XDG_CONFIG_HOME", cli.home.path())
        .env("TARN_SERVER", &app.base)
        .env("TARN_PASSWORD", "not-the-password")
        .output()
        .await
        .unwrap();
    let err = String::from_utf8_lossy(&wrong.stderr);
    assert!(!wrong.status.success() && err.contains("wrong user name or password"), "{err}");
    let (ok, _, err) = cli.run(&["login", "--user", "admin"]).await;
    assert!(ok, "{err}");

    let (ok, out, err) = cli.run(&["databases", "create", "sales", "--description", "Sales data"]).await;
    assert!(ok && out.contains("NAME") && out.contains("sales") && out.contains("Sales data"), "{out}{err}");
    let definition = cli.home.path().join("customers.yaml");
    std::fs::write(&definition, "format: csv\ncolumns:\n  - {name: id, type: int64}\n  - {name: email, type: utf8}\n")
        .unwrap();
    let (ok, out, err) = cli.run(&["tables", "create", "sales.customers", "-f", definition.to_str().unwrap()]).await;
    assert!(ok && out.contains("customers") && out.contains("csv"), "{out}{err}");
    let (ok, out, err) =
        cli.run(&["tables", "create", "sales.orders", "--column", "id:int64", "--column", "amount:float64"]).await;
    assert!(ok && out.contains("orders"), "{out}{err}");
    let (ok, out, err) = cli.run(&["tables", "update", "sales.orders", "--description", "All orders"]).await;
    assert!(ok && out.contains("All orders"), "{out}{err}");
    let (ok, out, _) = cli.run(&["tables", "show", "sales.orders", "--json"]).await;
    let shown: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!((shown["version"].as_i64(), shown["description"].as_str()), (Some(2), Some("All orders")));
    let (ok2, listed, _) = cli.run(&["tables", "list", "sales", "--json"]).await;
    let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
    assert!(ok && ok2 && listed.as_array().unwrap().len() == 2, "{listed}");
    let (ok, _, err) = cli.run(&["tables", "create", "sales.bad", "--column", "id"]).await;
    assert!(!ok && err.contains("name:ArrowType"), "{err}");
    let (ok, _, err) = cli.run(&["databases", "delete", "sales"]).await;
    assert!(!ok && err.contains("database_not_empty"), "{err}");
    let (ok, out, err) = cli.run(&["databases", "delete", "sales", "--cascade"]).await;
    assert!(ok && out.contains("deleted database sales"), "{out}{err}");
}

/// `tarn ... | head -1`: a reader that goes away ends the command quietly, as for any Unix
/// tool, instead of a panic about a broken pipe.
#[tokio::test]
async fn a_closed_pipe_ends_a_command_without_a_panic() {
    let app = TestApp::sqlite().await;
    app.create_database("sales").await;
    let cli = Cli { app: &app, home: tempfile::tempdir().unwrap() };
    let (ok, _, err) = cli.run(&["login", "--user", "admin"]).await;
    assert!(ok, "{err}");
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_tarn"))
        .args(["databases", "list"])
        .env("XDG_CONFIG_HOME", cli.home.path())
        .env("TARN_SERVER", &app.base)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The reader leaves before the command has its answer to print.
    drop(child.stdout.take());
    let output = child.wait_with_output().await.unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(!err.contains("panicked") && output.status.code() != Some(101), "{:?}: {err}", output.status);
}

/// `--json` on any command: the API's answer on stdout when it succeeds, one `{"error": ...}`
/// object with the problem's fields on stderr when it fails, and nothing else on either.
#[tokio::test]
async fn json_output_is_the_same_shape_on_every_command_and_on_failure() {
    let app = TestApp::sqlite().await;
    let cli = Cli { app: &app, home: tempfile::tempdir().unwrap() };
    let parse = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap_or_else(|e| panic!("{e}: {text}"));

    let (ok, out, err) = cli.run(&["--json", "login", "--user", "admin"]).await;
    assert!(ok, "{err}");
    assert!(parse(&out)["token_file"].as_str().unwrap().ends_with("credentials.json"), "{out}");
    let (ok, out, _) = cli.run(&["databases", "create", "sales", "--json"]).await;
    assert!(ok && parse(&out)["name"] == "sales", "{out}");
    let (ok, out, _) = cli.run(&["users", "create", "bob", "--json"]).await;
    assert!(ok && parse(&out)["principal"] == "user:bob", "{out}");
    let (ok, out, _) = cli.run(&["users", "list", "--json"]).await;
    let users = parse(&out);
    assert!(ok && users.as_array().unwrap().iter().any(|u| u["principal"] == "user:bob"), "{out}");
    let (ok, out, _) = cli.run(&["tags", "create", "domain", "--values", "sales", "--json"]).await;
    assert!(ok && parse(&out)["key"] == "domain", "{out}");
    let grant = ["grant", "--principal", "user:bob", "--on", "sales", "--privileges", "DESCRIBE", "--json"];
    let (ok, out, _) = cli.run(&grant).await;
    assert!(ok && parse(&out)[0]["privilege"] == "DESCRIBE", "{out}");
    let (ok, out, _) = cli.run(&["grants", "list", "--principal", "user:bob", "--json"]).await;
    assert!(ok && parse(&out).as_array().unwrap().len() == 1, "{out}");
    let (ok, out, _) = cli.run(&["audit", "verify", "--json"]).await;
    assert!(ok && parse(&out)["valid"] == true, "{out}");
    let (ok, out, _) = cli.run(&["users", "delete", "bob", "--json"]).await;
    assert!(ok && parse(&out)["deleted"] == "user:bob", "{out}");

    // A refusal: nothing on stdout, the problem document's fields on stderr.
    let (ok, out, err) = cli.run(&["databases", "show", "nowhere", "--json"]).await;
    assert!(!ok && out.is_empty(), "{out}");
    let error = &parse(&err)["error"];
    assert_eq!((error["status"].as_u64(), error["code"].as_str()), (Some(404), Some("not_found")), "{err}");
    assert!(error["request_id"].as_str().is_some_and(|id| !id.is_empty()), "{err}");
    // A failure before the server answers has the same shape.
    let (ok, _, err) = cli.run(&["tables", "show", "no_dot", "--json"]).await;
    assert!(!ok && parse(&err)["error"]["code"] == "client_error", "{err}");
    // And without --json the same refusal is a sentence.
    let (ok, _, err) = cli.run(&["databases", "show", "nowhere"]).await;
    assert!(!ok && err.starts_with("tarn: 404 (not_found)"), "{err}");
}

#[tokio::test]
async fn pipelines_are_applied_from_yaml_run_with_progress_and_traced_in_lineage() {
    let app = TestApp::sqlite().await;
    crate::api::query::employees(&app).await;
    let cli = Cli { app: &app, home: tempfile::tempdir().unwrap() };
    assert!(cli.run(&["login", "--user", "admin"]).await.0);
    let file = cli.home.path().join("pipeline.yaml");
    let yaml = |filter: &str| {
        format!(
            "name: eu_staff\nsteps:\n  - name: src\n    kind: sql\n    sql: SELECT id, name, region FROM hr.employees WHERE {filter}\n  \
             - name: checked\n    kind: validate\n    input: src\n    rules:\n      - rule: IsComplete \"id\"\n  \
             - name: out\n    kind: write\n    input: checked\n    table: hr.eu_staff\n"
        )
    };
    std::fs::write(&file, yaml("region = 'EU'")).unwrap();
    let (ok, out, err) = cli.run(&["pipelines", "apply", "-f", file.to_str().unwrap()]).await;
    assert!(ok && out.contains("created pipeline eu_staff (version 1)"), "{out}{err}");
    std::fs::write(&file, yaml("region <> 'US'")).unwrap();
    let (ok, out, err) = cli.run(&["pipelines", "apply", "-f", file.to_str().unwrap()]).await;
    assert!(ok && out.contains("updated pipeline eu_staff (version 2)"), "{out}{err}");
    let (ok, out, err) = cli.run(&["pipelines", "diff", "eu_staff"]).await;
    assert!(
        ok && out.contains("changed") && out.contains("region = 'EU'") && out.contains("region <> 'US'"),
        "{out}{err}"
    );
    let (ok, out, err) = cli.run(&["pipelines", "run", "eu_staff"]).await;
    assert!(ok, "{out}{err}");
    assert!(out.contains("step checked succeeded") && out.contains("succeeded"), "{out}");
    let (ok, out, _) = cli.run(&["--json", "pipelines", "runs", "eu_staff"]).await;
    let runs: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(ok && runs[0]["status"] == "succeeded" && runs[0]["version"] == 2, "{out}");
    let (ok, out, _) = cli.run(&["pipelines", "logs", "eu_staff"]).await;
    assert!(ok && out.contains("published 4 rows"), "{out}");
    let (ok, out, _) = cli.run(&["lineage", "hr.eu_staff"]).await;
    assert!(ok && out.contains("hr.employees") && out.contains("hr.eu_staff"), "{out}");
    let (ok, out, _) = cli.run(&["lineage", "hr.eu_staff", "--column", "name"]).await;
    assert!(ok && out.contains("hr.employees.name") && out.contains("identity"), "{out}");
    // A failing run fails the command.
    std::fs::write(&file, yaml("region <> 'US'").replace("IsComplete \"id\"", "RowCount > 100")).unwrap();
    assert!(cli.run(&["pipelines", "apply", "-f", file.to_str().unwrap()]).await.0);
    let (ok, _, err) = cli.run(&["pipelines", "run", "eu_staff"]).await;
    assert!(!ok && err.contains("RowCount > 100"), "{err}");
}

#[tokio::test]
async fn records_are_put_into_a_stream_from_stdin_in_batches() {
    let app = TestApp::sqlite().await;
    app.create_database("web").await;
    app.create_table("web", json!({"name": "clicks", "columns": [{"name": "id", "type": "int64"}]})).await;
    let cli = Cli { app: &app, home: tempfile::tempdir().unwrap() };
    assert!(cli.run(&["login", "--user", "admin"]).await.0);
    let (ok, out, err) =
        cli.run(&["streams", "create", "clicks", "--table", "web.clicks", "--size-mib", "1", "--interval", "0"]).await;
    assert!(ok, "{err}");
    assert!(out.contains("created stream clicks into web.clicks"), "{out}");
    let input: String = (0..1200).map(|i| format!("{{\"id\": {i}}}\n")).collect();
    let (ok, _, err) = cli.run_with_stdin(&["streams", "put", "clicks"], &input).await;
    assert!(ok, "{err}");
    assert!(err.contains("1200 records put (0 failed)"), "the progress line: {err}");
    let mut n = 0;
    for _ in 0..200 {
        let (_, body) = app.post("/v1/query", json!({"sql": "SELECT COUNT(DISTINCT id) AS n FROM web.clicks"})).await;
        n = body["rows"][0]["n"].as_i64().unwrap_or(0);
        if n == 1200 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(n, 1200);
    let (ok, out, _) = cli.run(&["streams", "show", "clicks", "--json"]).await;
    let shown: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(ok && shown["status"]["put_records"] == 1200, "{out}");
    let (ok, out, _) = cli.run(&["streams", "list"]).await;
    assert!(ok && out.contains("web.clicks"), "{out}");
}
