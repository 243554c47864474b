//! `tarn roles`: the management-plane roles and who holds them.

use clap::Subcommand;
use reqwest::Method;
use serde_json::json;

use super::{Client, output};

#[derive(Debug, Subcommand)]
pub enum RoleCommand {
    /// The roles and the actions each allows.
    Definitions,
    /// Who holds which role (`--principal` for one).
    List {
        #[arg(long)]
        principal: Option<String>,
    },
    /// `tarn roles assign user:ann data_steward --database sales`.
    Assign {
        principal: String,
        role: String,
        #[arg(long)]
        database: Option<String>,
    },
    /// Take a role back (the last lake_admin cannot lose it).
    Revoke {
        principal: String,
        role: String,
        #[arg(long)]
        database: Option<String>,
    },
}

pub async fn roles(client: &Client, command: RoleCommand) -> anyhow::Result<()> {
    match command {
        RoleCommand::Definitions => {
            let body = client.call(Method::GET, "/v1/roles", None).await?;
            for role in body["roles"].as_array().into_iter().flatten() {
                let actions: Vec<&str> =
                    role["actions"].as_array().into_iter().flatten().filter_map(|a| a.as_str()).collect();
                if !client.json() {
                    println!("{}: {}", role["name"].as_str().unwrap_or_default(), actions.join(", "));
                }
            }
            if client.json() {
                output::json(&body["roles"]);
            }
        }
        RoleCommand::List { principal } => {
            let query = Client::query(&[("principal", principal.as_deref())]);
            let body = client.call(Method::GET, &format!("/v1/roles/assignments{query}"), None).await?;
            let assignments = body["assignments"].as_array().map_or(&[][..], |v| v);
            output::list(assignments, &["principal", "role", "database", "assigned_by"], client.json());
        }
        RoleCommand::Assign { principal, role, database } => {
            let body = json!({"principal": principal, "role": role, "database": database});
            let assigned = client.call(Method::POST, "/v1/roles/assignments", Some(body)).await?;
            output::done(client.json(), &format!("{principal} holds {role}"), &assigned);
        }
        RoleCommand::Revoke { principal, role, database } => {
            let body = json!({"principal": principal, "role": role, "database": database});
            let done = client.call(Method::POST, "/v1/roles/assignments/revoke", Some(body)).await?;
            output::done(client.json(), &format!("revoked ({} assignment(s) changed)", done["count"]), &done);
        }
    }
    Ok(())
}
