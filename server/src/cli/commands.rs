//! `tarn login|databases|tables|users|groups|services|roles|grant|revoke|grants|tags|audit|upload|crawl|search`.

use std::io::BufRead;

use anyhow::{anyhow, bail};
use clap::{Args, Subcommand};
use reqwest::Method;
use serde_json::{Value, json};

use super::{Client, output, save_token};

#[derive(Debug, Subcommand)]
pub enum ClientCommand {
    /// Log in (password from TARN_PASSWORD or stdin; client secret from TARN_CLIENT_SECRET
    /// or stdin) and keep the token for the next commands.
    Login {
        #[arg(long, conflicts_with = "client_id")]
        user: Option<String>,
        #[arg(long)]
        client_id: Option<String>,
    },
    /// Databases: list, create, show, update, delete.
    Databases {
        #[command(subcommand)]
        command: super::catalog::DatabaseCommand,
    },
    /// Tables: list, create (from a JSON or YAML file or flags), show, update, delete.
    Tables {
        #[command(subcommand)]
        command: super::catalog::TableCommand,
    },
    /// Manage users.
    Users {
        #[command(subcommand)]
        command: PrincipalCommand,
    },
    /// Manage groups and their members.
    Groups {
        #[command(subcommand)]
        command: PrincipalCommand,
    },
    /// Manage service principals.
    Services {
        #[command(subcommand)]
        command: PrincipalCommand,
    },
    /// Grant privileges, e.g. `tarn grant --principal group:analysts --on sales.orders
    /// --privileges SELECT --columns id,amount,region`.
    Grant(GrantArgs),
    /// Revoke privileges (same arguments as grant).
    Revoke(GrantArgs),
    /// Management-plane roles: `tarn roles assign user:ann auditor`.
    Roles {
        #[command(subcommand)]
        command: super::roles::RoleCommand,
    },
    /// List grants.
    Grants {
        #[command(subcommand)]
        command: GrantsCommand,
    },
    /// Tag keys and the tags of databases and tables.
    Tags {
        #[command(subcommand)]
        command: TagCommand,
    },
    /// The audit trail.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Upload files (or every file in folders; `k=v` subfolders become partitions) into a
    /// raw-zone table, e.g. `tarn upload data/*.csv --table sales.orders`.
    Upload {
        #[arg(required = true)]
        paths: Vec<std::path::PathBuf>,
        /// database.table
        #[arg(long)]
        table: String,
        /// Hive partition folders for every file, e.g. year=2024/month=06.
        #[arg(long)]
        partition: Option<String>,
        /// Replace files of the same name with different content.
        #[arg(long)]
        overwrite: bool,
    },
    /// Crawlers: define them, run them, read their runs.
    Crawl {
        #[command(subcommand)]
        command: super::lake::CrawlCommand,
    },
    /// Pipelines: apply definitions (`tarn pipelines apply -f pipeline.yaml`), run them, read runs and logs.
    Pipelines {
        #[command(subcommand)]
        command: super::pipelines::PipelineCommand,
    },
    /// Delivery streams: create them, put records from stdin (`tarn streams put NAME < records.ndjson`), show status.
    Streams {
        #[command(subcommand)]
        command: super::streams::StreamCommand,
    },
    /// The lineage of a table (or `--column` of it): what it is made of, or with `--down` what is made of it.
    Lineage {
        /// database.table
        table: String,
        #[arg(long)]
        column: Option<String>,
        #[arg(long)]
        down: bool,
        #[arg(long, default_value_t = 5)]
        depth: u32,
    },
    /// Run SQL over the catalog's tables, e.g. `tarn query "SELECT * FROM sales.orders LIMIT 10"`.
    Query {
        sql: String,
        #[arg(long, value_enum, default_value_t = super::QueryFormat::Table)]
        format: super::QueryFormat,
        /// Stop after this many rows.
        #[arg(long)]
        max_rows: Option<u64>,
    },
    /// Your recent queries; `--cancel ID` stops a running one.
    Queries {
        #[arg(long)]
        cancel: Option<String>,
    },
    /// Search databases, tables and columns, e.g. `tarn search customer zone:curated`.
    Search {
        /// Words and filters (see GET /v1/search).
        #[arg(required = true)]
        query: Vec<String>,
        #[arg(long, default_value_t = 20)]
        max_results: u32,
    },
}

#[derive(Debug, Subcommand)]
pub enum PrincipalCommand {
    List,
    /// Create one (users: password from TARN_NEW_PASSWORD or stdin).
    Create {
        name: String,
        #[arg(long)]
        admin: bool,
        #[arg(long)]
        description: Option<String>,
    },
    Delete {
        name: String,
    },
    /// Groups only: put a principal (`user:alice`) into the group.
    AddMember {
        group: String,
        member: String,
    },
    /// Groups only: take a principal out of the group.
    RemoveMember {
        group: String,
        member: String,
    },
}

#[derive(Debug, Args)]
pub struct GrantArgs {
    /// `user:alice`, `group:analysts` or `service:etl`.
    #[arg(long)]
    principal: String,
    /// `catalog`, `<database>` or `<database>.<table>`.
    #[arg(long, conflicts_with_all = ["data_filter", "location", "tags"])]
    on: Option<String>,
    /// `<database>.<table>.<filter>`.
    #[arg(long)]
    data_filter: Option<String>,
    /// A storage location URI.
    #[arg(long)]
    location: Option<String>,
    /// A tag expression: `table:domain=sales,sensitivity=public|internal`.
    #[arg(long)]
    tags: Option<String>,
    /// Comma-separated: SELECT,DESCRIBE,...
    #[arg(long, value_delimiter = ',', required = true)]
    privileges: Vec<String>,
    #[arg(long, value_delimiter = ',', conflicts_with = "excluded_columns")]
    columns: Option<Vec<String>>,
    #[arg(long, value_delimiter = ',')]
    excluded_columns: Option<Vec<String>>,
    /// Let the grantee pass these privileges on.
    #[arg(long)]
    grantable: bool,
}

#[derive(Debug, Subcommand)]
pub enum GrantsCommand {
    List {
        #[arg(long)]
        principal: Option<String>,
        /// `<database>` or `<database>.<table>`.
        #[arg(long)]
        on: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TagCommand {
    List,
    /// Define a tag key: `tarn tags create domain --values sales,marketing`.
    Create {
        key: String,
        #[arg(long, value_delimiter = ',', required = true)]
        values: Vec<String>,
    },
    Delete {
        key: String,
    },
    /// Replace the tags of `<database>` or `<database>.<table>`: `key=value` pairs.
    Set {
        on: String,
        tags: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    List {
        #[arg(long)]
        principal: Option<String>,
        #[arg(long)]
        action: Option<String>,
        #[arg(long)]
        decision: Option<String>,
        #[arg(long)]
        since: Option<String>,
        #[arg(long)]
        until: Option<String>,
        #[arg(long, default_value_t = 100)]
        max_results: u32,
    },
    /// Check the hash chain; exits non-zero when a link is broken.
    Verify,
}

fn secret_from(env: &str, prompt: &str) -> anyhow::Result<String> {
    if let Ok(value) = std::env::var(env) {
        return Ok(value);
    }
    eprint!("{prompt}: ");
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn resource(args: &GrantArgs) -> anyhow::Result<Value> {
    if let Some(on) = &args.on {
        let mut table = match on.split_once('.') {
            None if on == "catalog" => return Ok(json!({"catalog": {}})),
            None => return Ok(json!({"database": on})),
            Some((db, table)) => json!({"database": db, "name": table}),
        };
        if let Some(c) = &args.columns {
            table["columns"] = json!(c);
        }
        if let Some(c) = &args.excluded_columns {
            table["excluded_columns"] = json!(c);
        }
        return Ok(json!({"table": table}));
    }
    if let Some(f) = &args.data_filter {
        let parts: Vec<&str> = f.split('.').collect();
        let [db, table, name] = parts[..] else { bail!("--data-filter is <database>.<table>.<filter>") };
        return Ok(json!({"data_filter": {"database": db, "table": table, "name": name}}));
    }
    if let Some(uri) = &args.location {
        return Ok(json!({"location": uri}));
    }
    if let Some(expr) = &args.tags {
        let (kind, conditions) = expr.split_once(':').ok_or_else(|| anyhow!("--tags is table:<key>=<v1>|<v2>,..."))?;
        let mut tags = serde_json::Map::new();
        for condition in conditions.split(',') {
            let (key, values) = condition.split_once('=').ok_or_else(|| anyhow!("`{condition}` is not key=value"))?;
            tags.insert(key.to_owned(), json!(values.split('|').collect::<Vec<_>>()));
        }
        return Ok(json!({"tag_expression": {"resource_type": kind, "tags": tags}}));
    }
    bail!("say what to grant on: --on, --data-filter, --location or --tags")
}

fn grant_body(args: &GrantArgs) -> anyhow::Result<Value> {
    Ok(
        json!({"principal": args.principal, "resource": resource(args)?, "privileges": args.privileges, "grantable": args.grantable}),
    )
}

async fn principals(client: &Client, kind: &str, command: PrincipalCommand) -> anyhow::Result<()> {
    let base = format!("/v1/principals/{kind}s");
    match command {
        PrincipalCommand::List => {
            let items = client.all(&base, "principals").await?;
            output::list(&items, &["principal", "is_admin", "client_id", "description"], client.json());
        }
        PrincipalCommand::Create { name, admin, description } => {
            let mut body = json!({"name": name, "description": description});
            if kind == "user" {
                body["password"] = json!(secret_from("TARN_NEW_PASSWORD", "password for the new user")?);
                body["is_admin"] = json!(admin);
            }
            let created = client.call(Method::POST, &base, Some(body)).await?;
            if let (Some(secret), false) = (created["client_secret"].as_str(), client.json()) {
                eprintln!("client secret (shown once): {secret}");
            }
            output::one(&created, &["principal", "is_admin", "client_id", "description"], client.json());
        }
        PrincipalCommand::Delete { name } => {
            client.call(Method::DELETE, &format!("{base}/{name}"), None).await?;
            output::done(
                client.json(),
                &format!("deleted {kind}:{name}"),
                &json!({"deleted": format!("{kind}:{name}")}),
            );
        }
        PrincipalCommand::AddMember { group, member } | PrincipalCommand::RemoveMember { group, member }
            if kind != "group" =>
        {
            bail!("members belong to groups, not to {kind}s ({group}, {member})")
        }
        PrincipalCommand::AddMember { group, member } => {
            client.call(Method::PUT, &format!("{base}/{group}/members/{member}"), None).await?;
            let message = format!("{member} is in group:{group}");
            output::done(client.json(), &message, &json!({"group": group, "member": member, "member_of": true}));
        }
        PrincipalCommand::RemoveMember { group, member } => {
            client.call(Method::DELETE, &format!("{base}/{group}/members/{member}"), None).await?;
            let message = format!("{member} left group:{group}");
            output::done(client.json(), &message, &json!({"group": group, "member": member, "member_of": false}));
        }
    }
    Ok(())
}

/// Runs one client command against `server`.
pub async fn run(server: &str, json: bool, command: ClientCommand) -> anyhow::Result<()> {
    let client = Client::new(server, json);
    match command {
        ClientCommand::Login { user, client_id } => {
            let body = match (user, client_id) {
                (_, Some(id)) => json!({"grant_type": "client_credentials", "client_id": id,
                    "client_secret": secret_from("TARN_CLIENT_SECRET", "client secret")?}),
                (user, None) => json!({"grant_type": "password", "username": user.unwrap_or_else(|| "admin".into()),
                    "password": secret_from("TARN_PASSWORD", "password")?}),
            };
            let token = client.call(Method::POST, "/v1/auth/token", Some(body)).await?;
            let token = token["access_token"].as_str().ok_or_else(|| anyhow!("no token in the answer"))?;
            let path = save_token(client.server(), token)?;
            let message = format!("logged in to {} (token kept in {})", client.server(), path.display());
            output::done(client.json(), &message, &json!({"server": client.server(), "token_file": path}));
        }
        ClientCommand::Databases { command } => super::catalog::databases(&client, command).await?,
        ClientCommand::Tables { command } => super::catalog::tables(&client, command).await?,
        ClientCommand::Users { command } => principals(&client, "user", command).await?,
        ClientCommand::Groups { command } => principals(&client, "group", command).await?,
        ClientCommand::Services { command } => principals(&client, "service", command).await?,
        ClientCommand::Grant(args) => {
            let body = client.call(Method::POST, "/v1/grants", Some(grant_body(&args)?)).await?;
            let grants = body["grants"].as_array().map_or(&[][..], |v| v);
            output::list(grants, &["principal", "privilege", "grantable", "resource"], client.json());
        }
        ClientCommand::Revoke(args) => {
            let body = client.call(Method::POST, "/v1/grants/revoke", Some(grant_body(&args)?)).await?;
            output::done(client.json(), &format!("revoked ({} grant(s) changed)", body["count"]), &body);
        }
        ClientCommand::Grants { command: GrantsCommand::List { principal, on } } => {
            let (db, table) = match on.as_deref().map(|o| o.split_once('.')) {
                Some(Some((d, t))) => (Some(d.to_owned()), Some(t.to_owned())),
                Some(None) => (on.clone(), None),
                None => (None, None),
            };
            let query = Client::query(&[
                ("principal", principal.as_deref()),
                ("database", db.as_deref()),
                ("table", table.as_deref()),
            ]);
            let grants = client.all(&format!("/v1/grants{query}"), "grants").await?;
            output::list(&grants, &["principal", "privilege", "grantable", "resource", "granted_by"], client.json());
        }
        ClientCommand::Roles { command } => super::roles::roles(&client, command).await?,
        ClientCommand::Tags { command } => tags(&client, command).await?,
        ClientCommand::Audit { command } => audit(&client, command).await?,
        ClientCommand::Upload { paths, table, partition, overwrite } => {
            super::lake::upload(&client, &paths, &table, partition.as_deref(), overwrite).await?;
        }
        ClientCommand::Crawl { command } => super::lake::crawl(&client, command).await?,
        ClientCommand::Pipelines { command } => super::pipelines::pipelines(&client, command).await?,
        ClientCommand::Streams { command } => super::streams::streams(&client, command).await?,
        ClientCommand::Lineage { table, column, down, depth } => {
            super::pipelines::lineage(&client, &table, column.as_deref(), down, depth).await?;
        }
        ClientCommand::Query { sql, format, max_rows } => super::query::query(&client, &sql, format, max_rows).await?,
        ClientCommand::Queries { cancel } => super::query::queries(&client, cancel.as_deref()).await?,
        ClientCommand::Search { query, max_results } => {
            super::search::search(&client, &query, max_results).await?;
        }
    }
    Ok(())
}

async fn tags(client: &Client, command: TagCommand) -> anyhow::Result<()> {
    match command {
        TagCommand::List => {
            let items = client.all("/v1/tags", "tags").await?;
            output::list(&items, &["key", "values", "description"], client.json());
        }
        TagCommand::Create { key, values } => {
            let created = client.call(Method::POST, "/v1/tags", Some(json!({"key": key, "values": values}))).await?;
            output::one(&created, &["key", "values", "description"], client.json());
        }
        TagCommand::Delete { key } => {
            client.call(Method::DELETE, &format!("/v1/tags/{key}"), None).await?;
            output::done(client.json(), &format!("deleted tag key {key}"), &json!({"deleted": key}));
        }
        TagCommand::Set { on, tags } => {
            let mut map = serde_json::Map::new();
            for pair in &tags {
                let (k, v) = pair.split_once('=').ok_or_else(|| anyhow!("`{pair}` is not key=value"))?;
                map.insert(k.to_owned(), json!(v));
            }
            let path = match on.split_once('.') {
                Some((db, table)) => format!("/v1/databases/{db}/tables/{table}/tags"),
                None => format!("/v1/databases/{on}/tags"),
            };
            let set = client.call(Method::PUT, &path, Some(json!({"tags": map}))).await?;
            let tags =
                set["tags"].as_object().map(|t| t.iter().map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or(""))));
            let message =
                format!("tags of {on}: {}", tags.map(|t| t.collect::<Vec<_>>().join(" ")).unwrap_or_default());
            output::done(client.json(), &message, &set);
        }
    }
    Ok(())
}

async fn audit(client: &Client, command: AuditCommand) -> anyhow::Result<()> {
    match command {
        AuditCommand::List { principal, action, decision, since, until, max_results } => {
            let max = max_results.to_string();
            let query = Client::query(&[
                ("principal", principal.as_deref()),
                ("action", action.as_deref()),
                ("decision", decision.as_deref()),
                ("since", since.as_deref()),
                ("until", until.as_deref()),
                ("max_results", Some(&max)),
            ]);
            let body = client.call(Method::GET, &format!("/v1/audit{query}"), None).await?;
            let records = body["records"].as_array().map_or(&[][..], |v| v);
            let columns = ["seq", "occurred_at", "principal", "action", "resource", "decision", "outcome"];
            output::list(records, &columns, client.json());
        }
        AuditCommand::Verify => {
            let report = client.call(Method::GET, "/v1/audit/verify", None).await?;
            if client.json() {
                output::json(&report);
            }
            if report["valid"] == json!(true) {
                let message = format!("audit trail intact: {} records verified", report["records"]);
                if !client.json() {
                    println!("{message}");
                }
            } else {
                bail!(
                    "audit trail broken at record {}: {}",
                    report["first_broken_seq"],
                    report["reason"].as_str().unwrap_or("?")
                );
            }
        }
    }
    Ok(())
}
