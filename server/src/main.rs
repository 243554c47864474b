//! The `tarn` command: `serve`, `migrate`, `reindex`, `admin recover`, `openapi`, and the
//! client commands.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tarn::config::{Config, Settings};

/// Building search documents and index postings is allocation-bound: mimalloc rebuilds the
/// index markedly faster than the system allocator (docs/benchmarks.md, issue 4).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Parser)]
#[command(name = "tarn", version, about = "Data lake catalog and governance server")]
struct Cli {
    /// A tarn.toml to read settings from [default: ./tarn.toml if present]
    #[arg(long, global = true, env = "TARN_CONFIG")]
    config: Option<PathBuf>,
    /// The server client commands talk to.
    #[arg(long, global = true, env = "TARN_SERVER", default_value = "http://127.0.0.1:8470")]
    server: String,
    /// Client commands print JSON: the API's answer on stdout, or `{"error": {...}}` with the
    /// problem's status, code, detail and request id on stderr.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the server.
    Serve(Settings),
    /// Apply pending metadata store migrations and exit.
    Migrate(Settings),
    /// Rebuild the search index from the metadata store (stop the server first).
    Reindex(Settings),
    /// Host-only administration with direct store access (no HTTP).
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Print the OpenAPI document (or write it to --out).
    Openapi {
        #[arg(long)]
        out: Option<PathBuf>,
    },
    #[command(flatten)]
    Client(tarn::cli::commands::ClientCommand),
}

#[derive(Debug, Subcommand)]
enum AdminCommand {
    /// Break glass: make USER (default `admin`) a lake administrator again, creating it if
    /// needed; prints a generated password once when one is set. Audited.
    Recover {
        /// The user to restore.
        #[arg(long, default_value = "admin")]
        user: String,
        /// Also set a new password (TARN_ADMIN_PASSWORD, or a generated one) for an existing user.
        #[arg(long)]
        reset_password: bool,
        #[command(flatten)]
        settings: Settings,
    },
}

fn load_config(file: Option<PathBuf>, flags: Settings) -> Result<Config, tarn::config::ConfigError> {
    let default_file = PathBuf::from("tarn.toml");
    let from_file = match file {
        Some(path) => Settings::from_file(&path)?,
        None if default_file.exists() => Settings::from_file(&default_file)?,
        None => Settings::default(),
    };
    let admin_password = std::env::var("TARN_ADMIN_PASSWORD").ok().filter(|p| !p.is_empty());
    Config::resolve(from_file.overlay(flags), admin_password)
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", config.listen))?;
    tarn::server::run(listener, config, tarn::server::shutdown_signal()).await
}

async fn migrate(config: Config) -> anyhow::Result<()> {
    let store = tarn::server::open_store(&config).await?;
    store.close().await;
    println!("migrations applied ({})", store.backend().as_str());
    Ok(())
}

async fn recover(config: Config, user: &str, reset_password: bool) -> anyhow::Result<()> {
    let store = tarn::server::open_store(&config).await?;
    let done = tarn::service::recover::recover_admin(&store, user, reset_password, config.admin_password.as_deref())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    store.close().await;
    let what = if done.created { "created" } else { "restored" };
    println!("{what} {} as lake_admin (audited as {})", done.user, tarn::service::recover::RECOVERY_ACTOR);
    if let Some(password) = done.generated_password {
        // Shown once, on the terminal only: never through the log.
        println!("its password: {password}");
    }
    Ok(())
}

async fn reindex(config: Config) -> anyhow::Result<()> {
    let store = tarn::server::open_store(&config).await?;
    let stats = tarn::service::indexer::rebuild(&store, &config.index_dir).await?;
    store.close().await;
    let seconds = stats.elapsed.as_secs_f64();
    println!(
        "indexed {} databases, {} tables ({} documents) in {seconds:.1} s: {:.0} tables/s",
        stats.databases,
        stats.tables,
        stats.documents,
        stats.tables as f64 / seconds.max(1e-9)
    );
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Openapi { out } => {
            let json = tarn::http::openapi_json();
            match out {
                Some(path) => std::fs::write(&path, json).map_err(|e| anyhow::anyhow!("{}: {e}", path.display())),
                None => {
                    print!("{json}");
                    Ok(())
                }
            }
        }
        Command::Client(command) => {
            sigpipe::reset();
            tokio::runtime::Runtime::new()
                .map_err(anyhow::Error::from)
                .and_then(|rt| rt.block_on(tarn::cli::commands::run(&cli.server, cli.json, command)))
        }
        command => run_with_config(cli.config, command),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if cli.json => {
            eprintln!("{}", tarn::cli::error_json(&e));
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("tarn: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run_with_config(file: Option<PathBuf>, command: Command) -> anyhow::Result<()> {
    let flags = match &command {
        Command::Serve(flags) | Command::Migrate(flags) | Command::Reindex(flags) => flags.clone(),
        Command::Admin(AdminCommand::Recover { settings, .. }) => settings.clone(),
        Command::Openapi { .. } | Command::Client(_) => unreachable!("handled without configuration"),
    };
    let config = load_config(file, flags)?;
    tarn::telemetry::init(config.log_format, &config.log_level);
    let runtime = tokio::runtime::Runtime::new()?;
    match command {
        Command::Serve(_) => runtime.block_on(serve(config)),
        Command::Migrate(_) => runtime.block_on(migrate(config)),
        Command::Admin(AdminCommand::Recover { user, reset_password, .. }) => {
            runtime.block_on(recover(config, &user, reset_password))
        }
        _ => runtime.block_on(reindex(config)),
    }
}
