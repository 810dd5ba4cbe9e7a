//! `cargo xtask bench-data` and `cargo xtask bench`: a large realistic
//! dataset, then the release API measured side by side with the physical limit
//! (pgbench running the same SQL), as ratios within one run.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{bail, Result};
use clap::Args;
use serde_json::json;

use crate::bench_data::{self, Fixture, BENCH_DB, SMALL_DB};
use crate::bench_report::Report;
use crate::bench_tools::{self, Measure, Oha};
use crate::database::Db;
use crate::postgres::Durability;
use crate::service::Service;
use crate::workspace::{cargo, Workspace, DEVTOOLS_BIN};
use crate::{bench_phases, http, process};

/// Where the benchmarked API listens.
pub const API_BIND: &str = "127.0.0.1:18080";

/// Options of `cargo xtask bench-data`.
#[derive(Args)]
pub struct DataArgs {
    /// Tickets to load.
    #[arg(long, default_value_t = 1_000_000)]
    pub tickets: u64,
    /// Seed of the generator (the same seed gives the same data).
    #[arg(long, default_value_t = 5)]
    pub seed: u64,
}

/// Options of `cargo xtask bench`.
#[derive(Args)]
pub struct BenchArgs {
    /// The harness check: 10,000 tickets in their own database, one-second runs;
    /// checks that every step produced numbers, never their values.
    #[arg(long)]
    pub small: bool,
    /// Tickets in the dataset (loaded first when the database holds another count).
    #[arg(long)]
    pub tickets: Option<u64>,
    /// Seed of the dataset when it has to be loaded.
    #[arg(long, default_value_t = 5)]
    pub seed: u64,
    /// Seconds per measurement.
    #[arg(long)]
    pub seconds: Option<u32>,
    /// Concurrent connections of the throughput runs (oha and pgbench alike).
    #[arg(long, default_value_t = 8)]
    pub clients: u32,
    /// Measure this `ferrodesk` binary instead of building the release one (a data
    /// load uses the `ferrodesk-dev` beside it).
    #[arg(long)]
    pub bin: Option<PathBuf>,
}

/// What every phase needs.
pub struct Ctx<'a> {
    pub oha: PathBuf,
    pub seconds: u32,
    pub clients: u32,
    pub db: &'a Db,
    pub database: String,
    pub fixture: Fixture,
    pub requester: String,
    pub technician: String,
    pub admin: String,
}

impl Ctx<'_> {
    /// An oha run against the benchmarked API.
    pub fn oha(&self, token: Option<&str>, mut args: Vec<String>, path: &str) -> Oha<'_> {
        if let Some(t) = token {
            args.extend(["-H".into(), format!("Authorization: Bearer {t}")]);
        }
        args.push(format!("http://{API_BIND}{path}"));
        Oha { bin: &self.oha, args }
    }

    /// Max-throughput run of GET `path`: `clients` connections for `seconds`.
    pub fn max(&self, token: &str, path: &str) -> Result<Measure> {
        self.oha(
            Some(token),
            vec!["-c".into(), self.clients.to_string(), "-z".into(), format!("{}s", self.seconds)],
            path,
        )
        .run()
    }

    /// Fixed-rate run of GET `path` at `rate` req/s with latency correction.
    pub fn at_rate(&self, token: &str, path: &str, rate: f64) -> Result<Measure> {
        let args = vec![
            "-c".into(),
            (self.clients * 2).to_string(),
            "-q".into(),
            format!("{:.0}", rate.max(1.0)),
            "--latency-correction".into(),
            "-z".into(),
            format!("{}s", self.seconds),
        ];
        self.oha(Some(token), args, path).run()
    }
}

/// Builds the release `ferrodesk` binary, and `ferrodesk-dev` beside it (the data
/// loader).
fn build_release(ws: &Workspace) -> Result<PathBuf> {
    let step = process::step("Building the release ferrodesk and ferrodesk-dev binaries");
    let args = ["build", "--release", "-p", "api", "--bin", "ferrodesk", "-p", "devtools", "--bin", DEVTOOLS_BIN];
    process::run(Command::new(cargo()).args(args))?;
    step.done();
    Ok(ws.target_dir.join("release").join("ferrodesk"))
}

/// `cargo xtask bench-data`: recreates `ferrodesk_bench` with the dataset.
pub fn bench_data(ws: &Workspace, args: &DataArgs) -> Result<()> {
    let db = Db::provision(ws, Durability::Durable)?;
    let bin = build_release(ws)?;
    bench_data::load(&db, BENCH_DB, &bin, args.tickets, args.seed)
}

/// `cargo xtask bench`: loads the data if needed, serves the release API against it
/// and measures; prints the table and writes it under `target/bench/`.
pub fn bench(ws: &Workspace, args: &BenchArgs) -> Result<()> {
    let started = std::time::Instant::now();
    let db = Db::provision(ws, Durability::Durable)?;
    let bin = match &args.bin {
        Some(bin) => bin.clone(),
        None => build_release(ws)?,
    };
    measure(ws, &db, &bin, args, started)
}

/// The harness check of `cargo xtask test`: `cargo xtask bench --small` on `db`
/// with `bin` (the debug build the tests already made: the check is that every step
/// runs and yields numbers, not what they are).
pub fn smoke(ws: &Workspace, db: &Db, bin: &Path) -> Result<()> {
    let args = BenchArgs { small: true, tickets: None, seed: 5, seconds: None, clients: 8, bin: None };
    measure(ws, db, bin, &args, std::time::Instant::now())
}

/// Loads the data if needed, serves `bin` against it, runs every phase, reports.
fn measure(ws: &Workspace, db: &Db, bin: &Path, args: &BenchArgs, started: std::time::Instant) -> Result<()> {
    let (database, tickets, seconds) = if args.small {
        (SMALL_DB, args.tickets.unwrap_or(10_000), args.seconds.unwrap_or(1))
    } else {
        (BENCH_DB, args.tickets.unwrap_or(1_000_000), args.seconds.unwrap_or(10))
    };
    let oha = bench_tools::ensure_oha(ws)?;
    // A dataset loaded by an older checkout is brought to this schema first (the API
    // does not migrate when it serves); one that cannot be is loaded again.
    let current = bench_data::loaded_tickets(db, database) == Some(tickets)
        && process::run(bench_data::ferrodesk(bin, &db.owner_url(database)).arg("migrate")).is_ok();
    if !current {
        bench_data::load(db, database, bin, tickets, args.seed)?;
    }
    bench_data::forget_posted(db, database)?;
    let fixture = bench_data::fixture(db, database)?;
    let out_dir = ws.local_target().join("bench");
    std::fs::create_dir_all(&out_dir)?;

    let step = process::step(format!("Starting the API ({}) on {API_BIND} against {database}", bin.display()));
    let mut cmd = bench_data::ferrodesk(bin, &db.app_url(database));
    cmd.arg("serve").env("FERRODESK_BIND", API_BIND);
    let mut api = Service::spawn("API (benchmarked)", &mut cmd, Some(&out_dir.join("api.log")))?;
    http::wait_until_ok(&mut api, API_BIND, "/health", Duration::from_secs(60))?;
    step.done();

    let login = |email: &str| crate::bench_http::login(API_BIND, email, bench_data::BENCH_PASSWORD);
    let ctx = Ctx {
        requester: login(&fixture.requester_email)?,
        technician: login(&fixture.technician_email)?,
        admin: login(&fixture.admin_email)?,
        oha,
        seconds,
        clients: args.clients,
        db,
        database: database.to_owned(),
        fixture,
    };
    let mut report = Report::default();
    let result = bench_phases::run_all(&ctx, &mut report, &out_dir, api.id());
    api.stop();
    result?;

    let context = json!({"tickets": tickets, "database": database, "seconds": seconds, "clients": args.clients,
                         "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
                         "elapsedSeconds": started.elapsed().as_secs()});
    let path = report.write(&out_dir, context)?;
    println!("\n{}", report.table());
    println!("written to {} (and latest.json); {:.0}s in all", path.display(), started.elapsed().as_secs_f64());
    let missing = report.missing();
    if !missing.is_empty() {
        bail!("these steps produced no number: {}", missing.join(", "));
    }
    Ok(())
}
