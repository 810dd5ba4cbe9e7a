//! `ferrodesk-dev`: development tools (benchmark data, SMTP sink, SPA host). Not for
//! production: the sink and the host have no TLS and no authentication.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use ferrodesk_devtools::{bench_seed, mail_sink, spa};
use tracing_subscriber::EnvFilter;

/// Ferrodesk development tools.
#[derive(Parser)]
#[command(name = "ferrodesk-dev", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Load the performance benchmark's dataset into an empty, migrated database
    /// (DATABASE_URL as the tables' owner): 20 organisations, 10,000 users, the demo
    /// catalog in each and `--tickets` tickets.
    SeedBench {
        /// Tickets in the dataset.
        #[arg(long, default_value_t = 1_000_000)]
        tickets: usize,
        /// Seed of the random generator (the same seed gives the same data).
        #[arg(long, default_value_t = 5)]
        seed: u64,
    },
    /// An SMTP server that accepts every message and stores each as
    /// `<dir>/<unix-millis>-<seq>.eml` (point FERRODESK_SMTP_URL at it).
    MailSink {
        /// Address to listen on (keep it on loopback: no TLS, no authentication).
        #[arg(long, default_value = "127.0.0.1:2525")]
        bind: String,
        /// Where messages are stored.
        #[arg(long, default_value = "target/mail")]
        dir: PathBuf,
    },
    /// Host the SPA bundle, with index.html for unknown paths.
    Spa {
        /// The built bundle.
        #[arg(long, default_value = "dist")]
        dir: PathBuf,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8081")]
        bind: String,
    },
}

async fn execute(command: Command) -> Result<(), String> {
    match command {
        Command::SeedBench { tickets, seed } => {
            let url = std::env::var("DATABASE_URL").map_err(|_| "DATABASE_URL is not set".to_owned())?;
            let pool = sqlx::postgres::PgPoolOptions::new().max_connections(4).connect(&url).await;
            let pool = pool.map_err(|e| e.to_string())?;
            let report = bench_seed::bench(&pool, bench_seed::BenchOptions { tickets, seed }).await;
            println!("{}", report.map_err(|e| e.to_string())?);
            Ok(())
        }
        Command::MailSink { bind, dir } => {
            let sink = mail_sink::start(&bind, &dir).map_err(|e| format!("mail sink on {bind}: {e}"))?;
            println!("mail sink on smtp://{}, storing messages in {}", sink.addr(), dir.display());
            std::future::pending::<()>().await;
            Ok(())
        }
        Command::Spa { dir, bind } => spa::run(dir, bind).await.map_err(|e| e.to_string()),
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
            eprintln!("ferrodesk-dev: {e}");
            ExitCode::FAILURE
        }
    }
}
