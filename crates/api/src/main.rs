//! The `ferrodesk` command: serve the API, migrate, seed demo data, create an admin,
//! print the OpenAPI document. Development tools (benchmark data, SMTP sink, SPA
//! host) are the separate `ferrodesk-dev` (crates/devtools).

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use ferrodesk_api::app::config::Settings;
use ferrodesk_api::app::startup;
use ferrodesk_api::platform::db;
use ferrodesk_api::seed;
use tracing_subscriber::EnvFilter;

/// mimalloc gives freed large blocks back to the system. Under glibc's malloc each
/// login's 19 MiB argon2 block stayed resident once the dynamic mmap threshold had
/// risen: 656 MB peak RSS with logins beside the list load (`cargo xtask bench`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Ferrodesk: an IT service desk (API server and admin tasks).
///
/// Configuration comes from environment variables; see README.md, "Configuration".
#[derive(Parser)]
#[command(name = "ferrodesk", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the REST API (DATABASE_URL as the non-owner role `ferrodesk_app`;
    /// FERRODESK_BIND, FERRODESK_JWT_SECRET, FERRODESK_ALLOWED_ORIGINS, FERRODESK_ENV,
    /// FERRODESK_SMTP_URL, FERRODESK_MAIL_FROM, FERRODESK_APP_URL).
    Serve,
    /// Apply pending database migrations (DATABASE_URL as the tables' owner).
    Migrate,
    /// Load data (DATABASE_URL as the tables' owner).
    Seed {
        /// The demo organisations: a 400-person regional hospital and a small
        /// logistics firm. Skipped when already present.
        #[arg(long)]
        demo: bool,
    },
    /// Create an organisation's admin (and the organisation if it does not exist).
    CreateAdmin {
        /// Organisation name.
        #[arg(long)]
        organisation: String,
        /// The admin's e-mail (the login name).
        #[arg(long)]
        email: String,
        /// The admin's full name.
        #[arg(long)]
        name: String,
        /// The password (at least 8 characters); prefer the environment variable.
        #[arg(long, env = "FERRODESK_ADMIN_PASSWORD", hide_env_values = true)]
        password: String,
    },
    /// Print the OpenAPI document (JSON) to standard output.
    Openapi,
}

fn database_url() -> Result<String, String> {
    std::env::var("DATABASE_URL").map_err(|_| "DATABASE_URL is not set".to_owned())
}

async fn owner_pool() -> Result<sqlx::PgPool, String> {
    sqlx::postgres::PgPoolOptions::new().max_connections(2).connect(&database_url()?).await.map_err(|e| e.to_string())
}

async fn execute(command: Command) -> Result<(), String> {
    match command {
        Command::Serve => {
            let settings = Settings::from_env().map_err(|e| e.to_string())?;
            startup::run(settings).await.map_err(|e| e.to_string())
        }
        Command::Migrate => {
            let pool = owner_pool().await?;
            db::MIGRATOR.run(&pool).await.map_err(|e| e.to_string())?;
            println!("migrations applied");
            Ok(())
        }
        Command::Seed { demo } => {
            if !demo {
                return Err("say what to seed: --demo".into());
            }
            let pool = owner_pool().await?;
            let report = seed::demo(&pool).await.map_err(|e| e.to_string())?;
            println!("{report}");
            Ok(())
        }
        Command::CreateAdmin { organisation, email, name, password } => {
            let pool = owner_pool().await?;
            seed::create_admin(&pool, &organisation, &email, &name, &password).await.map_err(|e| e.to_string())?;
            println!("admin {email} ready in {organisation}");
            Ok(())
        }
        Command::Openapi => {
            print!("{}", ferrodesk_api::app::openapi::document_json());
            Ok(())
        }
    }
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let runtime = actix_web::rt::System::new();
    match runtime.block_on(execute(cli.command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ferrodesk: {e}");
            ExitCode::FAILURE
        }
    }
}
