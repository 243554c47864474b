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
                println!("{}: {}", role["name"].as_str().unwrap_or_default(), actions.join(", "));
            }
        }
        RoleCommand::List { principal } => {
            let query = Client::query(&[("principal", principal.as_deref())]);
            let body = client.call(Method::GET, &format!("/v1/roles/assignments{query}"), None).await?;
            output::table(
                body["assignments"].as_array().map_or(&[][..], |v| v),
                &["principal", "role", "database", "assigned_by"],
            );
        }
        RoleCommand::Assign { principal, role, database } => {
            let body = json!({"principal": principal, "role": role, "database": database});
            client.call(Method::POST, "/v1/roles/assignments", Some(body)).await?;
            println!("{principal} holds {role}");
        }
        RoleCommand::Revoke { principal, role, database } => {
            let body = json!({"principal": principal, "role": role, "database": database});
            let done = client.call(Method::POST, "/v1/roles/assignments/revoke", Some(body)).await?;
            println!("revoked ({} assignment(s) changed)", done["count"]);
        }
    }
    Ok(())
}
