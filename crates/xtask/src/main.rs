//! Ferrodesk developer and CI tasks.
//!
//! `cargo xtask run` provisions everything a fresh Debian machine lacks (PostgreSQL,
//! the wasm32 target, wasm-opt), then migrates, seeds and serves the API and the SPA.
//! `cargo xtask test` provisions the same way, then runs every test: unit, API
//! integration against PostgreSQL, and browser end-to-end tests in headless Chromium.

mod bench;
mod bench_data;
mod bench_http;
mod bench_phases;
mod bench_report;
mod bench_sql;
mod bench_tools;
mod database;
mod e2e;
mod ferrodesk;
mod fuzz;
mod http;
mod locks;
mod mail;
mod postgres;
mod postgres_host;
mod process;
mod provision;
mod run;
mod service;
mod spa;
mod spa_assets;
mod tally;
mod test;
mod wasm_fix;
mod workspace;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

use crate::workspace::Workspace;

/// Command line of `cargo xtask`.
#[derive(Parser)]
#[command(name = "xtask", bin_name = "cargo xtask", about = "Ferrodesk developer and CI tasks")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Provision PostgreSQL, migrate, seed the demo, build the SPA and serve both
    /// (API on 127.0.0.1:8080, SPA on 127.0.0.1:8081) until Ctrl-C.
    Run,
    /// Provision, then run the Rust tests and the browser end-to-end tests.
    Test(test::TestArgs),
    /// Build the SPA bundle (wasm-bindgen, wasm-opt, static files, config.json).
    BuildSpa {
        /// Output directory (default: `<workspace>/dist`).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Regenerate `openapi/openapi.json` from `ferrodesk openapi`.
    Openapi,
    /// Provision PostgreSQL (private cluster, roles, database), leave it running and
    /// print the connection URLs.
    Db,
    /// Load the performance benchmark's dataset into its own database
    /// (`ferrodesk_bench`; the demo database is left alone).
    BenchData(bench::DataArgs),
    /// Measure the release API against the benchmark dataset (loading it first if
    /// needed); prints a table and writes it to `target/bench/`.
    Bench(bench::BenchArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match dispatch(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("\nxtask: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn dispatch(command: Command) -> Result<()> {
    process::install_interrupt_handler()?;
    let ws = Workspace::locate()?;
    match command {
        Command::Run => run::run(&ws),
        Command::Test(args) => test::test(&ws, &args),
        Command::BuildSpa { out } => {
            provision::ensure_wasm_target()?;
            let out = out.unwrap_or_else(|| ws.root.join("dist"));
            spa::build(&ws, &out, &spa::api_url_from_env())
        }
        Command::Db => {
            let mut db = database::Db::provision(&ws, postgres::Durability::Durable)?;
            db.leave_running();
            let name = db.main_database();
            println!("owner (migrations, seeds): {}", db.owner_url(&name));
            println!("application (API):         {}", db.app_url(&name));
            Ok(())
        }
        Command::BenchData(args) => bench::bench_data(&ws, &args),
        Command::Bench(args) => bench::bench(&ws, &args),
        Command::Openapi => {
            let ferrodesk = ferrodesk::Ferrodesk::build(&ws)?;
            let spec = ferrodesk.openapi()?;
            let path = ws.root.join("openapi").join("openapi.json");
            process::write_file(&path, &spec)?;
            println!("wrote {}", path.display());
            Ok(())
        }
    }
}
