//! `tarn databases` and `tarn tables`: the catalog without curl.

use anyhow::{Context, anyhow, bail};
use clap::Subcommand;
use reqwest::Method;
use serde_json::{Map, Value, json};

use super::{Client, output};

#[derive(Debug, Subcommand)]
pub enum DatabaseCommand {
    /// The databases you may see.
    List,
    /// `tarn databases create sales --description "Sales data"`.
    Create {
        name: String,
        #[arg(long)]
        description: Option<String>,
        /// Where its tables' data lives by default, e.g. s3://bucket/sales.
        #[arg(long)]
        location: Option<String>,
    },
    Show {
        name: String,
    },
    Update {
        name: String,
        #[arg(long)]
        description: Option<String>,
        #[arg(long)]
        location: Option<String>,
    },
    /// Deletes an empty database (`--cascade` deletes its tables too).
    Delete {
        name: String,
        #[arg(long)]
        cascade: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum TableCommand {
    /// The tables of a database you may see.
    List { database: String },
    /// From a definition file (JSON or YAML, the body of POST /v1/databases/{db}/tables) or
    /// flags: `tarn tables create sales.orders --column id:Int64 --column amount:Float64
    /// --partition-key day:Date32 --format csv`.
    Create {
        /// database.table
        table: String,
        #[arg(long, short = 'f')]
        file: Option<std::path::PathBuf>,
        /// name:ArrowType, repeatable.
        #[arg(long = "column")]
        columns: Vec<String>,
        /// name:ArrowType, repeatable.
        #[arg(long = "partition-key")]
        partition_keys: Vec<String>,
        /// csv, json, parquet, avro, orc.
        #[arg(long)]
        format: Option<String>,
        /// raw, cleaned or curated.
        #[arg(long)]
        zone: Option<String>,
        #[arg(long)]
        description: Option<String>,
    },
    Show {
        /// database.table
        table: String,
    },
    /// Changes fields from a file (the body of PATCH) or flags, based on the current version.
    Update {
        /// database.table
        table: String,
        #[arg(long, short = 'f')]
        file: Option<std::path::PathBuf>,
        #[arg(long)]
        description: Option<String>,
    },
    Delete {
        /// database.table
        table: String,
    },
}

const DATABASE_COLUMNS: [&str; 4] = ["name", "created_by", "location", "description"];
const TABLE_COLUMNS: [&str; 6] = ["name", "zone", "format", "version", "created_by", "description"];

pub async fn databases(client: &Client, command: DatabaseCommand) -> anyhow::Result<()> {
    match command {
        DatabaseCommand::List => {
            let items = client.all("/v1/databases", "databases").await?;
            output::list(&items, &DATABASE_COLUMNS, client.json());
        }
        DatabaseCommand::Create { name, description, location } => {
            let body = json!({"name": name, "description": description, "location": location});
            let created = client.call(Method::POST, "/v1/databases", Some(without_nulls(body))).await?;
            output::one(&created, &DATABASE_COLUMNS, client.json());
        }
        DatabaseCommand::Show { name } => {
            let found = client.call(Method::GET, &format!("/v1/databases/{name}"), None).await?;
            output::one(&found, &DATABASE_COLUMNS, client.json());
        }
        DatabaseCommand::Update { name, description, location } => {
            let body = without_nulls(json!({"description": description, "location": location}));
            if body.as_object().is_some_and(Map::is_empty) {
                bail!("nothing to change: pass --description or --location");
            }
            let updated = client.call(Method::PATCH, &format!("/v1/databases/{name}"), Some(body)).await?;
            output::one(&updated, &DATABASE_COLUMNS, client.json());
        }
        DatabaseCommand::Delete { name, cascade } => {
            let query = if cascade { "?cascade=true" } else { "" };
            client.call(Method::DELETE, &format!("/v1/databases/{name}{query}"), None).await?;
            output::done(client.json(), &format!("deleted database {name}"), &json!({"deleted": name}));
        }
    }
    Ok(())
}

pub async fn tables(client: &Client, command: TableCommand) -> anyhow::Result<()> {
    match command {
        TableCommand::List { database } => {
            let items = client.all(&format!("/v1/databases/{database}/tables"), "tables").await?;
            output::list(&items, &TABLE_COLUMNS, client.json());
        }
        TableCommand::Create { table, file, columns, partition_keys, format, zone, description } => {
            let (database, name) = split(&table)?;
            let mut body = match file {
                Some(path) => read_definition(&path)?,
                None => json!({"columns": parse_columns(&columns)?, "partition_keys": parse_columns(&partition_keys)?}),
            };
            let fields = body.as_object_mut().ok_or_else(|| anyhow!("the definition must be an object"))?;
            fields.insert("name".to_owned(), json!(name));
            for (key, value) in [("format", format), ("zone", zone), ("description", description)] {
                if let Some(value) = value {
                    fields.insert(key.to_owned(), json!(value));
                }
            }
            let created = client.call(Method::POST, &format!("/v1/databases/{database}/tables"), Some(body)).await?;
            output::one(&created, &TABLE_COLUMNS, client.json());
        }
        TableCommand::Show { table } => {
            let (database, name) = split(&table)?;
            let found = client.call(Method::GET, &format!("/v1/databases/{database}/tables/{name}"), None).await?;
            if client.json() {
                output::json(&found);
            } else {
                output::one(&found, &TABLE_COLUMNS, false);
                println!();
                let columns = found["columns"].as_array().map_or(&[][..], |v| v);
                output::table(columns, &["name", "type", "nullable", "description"]);
            }
        }
        TableCommand::Update { table, file, description } => {
            let (database, name) = split(&table)?;
            let mut body = match file {
                Some(path) => read_definition(&path)?,
                None => json!({}),
            };
            if let (Some(d), Some(fields)) = (description, body.as_object_mut()) {
                fields.insert("description".to_owned(), json!(d));
            }
            if body.as_object().is_none_or(Map::is_empty) {
                bail!("nothing to change: pass --file or --description");
            }
            let path = format!("/v1/databases/{database}/tables/{name}");
            // The update is based on the version read here: a concurrent change gives 412.
            let current = client.call(Method::GET, &path, None).await?;
            let etag = current["etag"].as_str().ok_or_else(|| anyhow!("the table has no etag"))?;
            let updated = client.call_if_match(Method::PATCH, &path, body, etag).await?;
            output::one(&updated, &TABLE_COLUMNS, client.json());
        }
        TableCommand::Delete { table } => {
            let (database, name) = split(&table)?;
            client.call(Method::DELETE, &format!("/v1/databases/{database}/tables/{name}"), None).await?;
            output::done(client.json(), &format!("deleted table {database}.{name}"), &json!({"deleted": table}));
        }
    }
    Ok(())
}

fn split(table: &str) -> anyhow::Result<(&str, &str)> {
    table.split_once('.').ok_or_else(|| anyhow!("name the table as database.table, not `{table}`"))
}

/// `id:Int64` -> `{"name": "id", "type": "Int64"}`.
fn parse_columns(specs: &[String]) -> anyhow::Result<Vec<Value>> {
    specs
        .iter()
        .map(|spec| {
            let (name, kind) = spec
                .split_once(':')
                .ok_or_else(|| anyhow!("a column is name:ArrowType (e.g. id:Int64), not `{spec}`"))?;
            Ok(json!({"name": name, "type": kind}))
        })
        .collect()
}

/// A JSON or YAML file (by extension; JSON otherwise).
fn read_definition(path: &std::path::Path) -> anyhow::Result<Value> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
    if yaml {
        serde_norway::from_str(&text).with_context(|| format!("{} is not valid YAML", path.display()))
    } else {
        serde_json::from_str(&text).with_context(|| format!("{} is not valid JSON", path.display()))
    }
}

fn without_nulls(mut value: Value) -> Value {
    if let Some(fields) = value.as_object_mut() {
        fields.retain(|_, v| !v.is_null());
    }
    value
}
