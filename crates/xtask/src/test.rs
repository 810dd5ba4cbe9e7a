//! `cargo xtask test`: provisioning, the Rust test suite against PostgreSQL, the
//! OpenAPI fuzz run, the browser end-to-end tests and the benchmark harness check.

use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Result};
use clap::Args;

use crate::database::Db;
use crate::ferrodesk::Ferrodesk;
use crate::postgres::Durability;
use crate::tally::{self, Tally};
use crate::workspace::{cargo, Workspace};
use crate::{e2e, locks, process, provision};

/// Options of `cargo xtask test`.
#[derive(Args)]
pub struct TestArgs {
    /// Skip the browser end-to-end tests.
    #[arg(long, conflicts_with = "only_browser")]
    pub no_browser: bool,
    /// Run only the browser end-to-end tests.
    #[arg(long)]
    pub only_browser: bool,
    /// Skip the benchmark harness check (`cargo xtask bench --small`).
    #[arg(long)]
    pub no_bench: bool,
    /// Skip the OpenAPI fuzz run (schemathesis, every role and anonymous).
    #[arg(long)]
    pub no_fuzz: bool,
    /// Extra arguments for `playwright test` (after `--`), e.g. `-- --grep login`.
    #[arg(last = true)]
    pub playwright_args: Vec<String>,
}

/// Prefix of the per-test databases the API integration tests create.
const TEST_DB_PREFIX: &str = "ferrodesk_test_";

/// Runs the selected suites; all of them run even when one fails, and the command
/// fails if any did. PostgreSQL is stopped at the end if this run started it (so a
/// later `cargo xtask run` does not inherit `fsync=off`).
pub fn test(ws: &Workspace, args: &TestArgs) -> Result<()> {
    let started = Instant::now();
    // Runs in one checkout share ports, the e2e database and the test database
    // prefix: one at a time.
    let _only_run = locks::acquire(
        &ws.local_target().join("xtask-test.lock"),
        true,
        "waiting: another `cargo xtask test` runs in this checkout",
    )?;
    provision::ensure_wasm_target()?;
    let db = Db::provision(ws, Durability::Fast)?;
    let ferrodesk = Ferrodesk::build(ws)?;

    let mut tally = Tally::default();
    let mut results: Vec<(&str, Result<()>)> = Vec::new();
    if !args.only_browser {
        results.push(("Rust tests (unit + API integration)", rust_tests(&db, &mut tally)));
    }
    if !args.only_browser && !args.no_fuzz && !process::interrupted() {
        results.push(("OpenAPI fuzz (schemathesis)", crate::fuzz::run(ws, &db, &ferrodesk, &mut tally)));
    }
    if !args.no_browser && !process::interrupted() {
        results.push(("browser end-to-end tests", e2e::run(ws, &db, &ferrodesk, &args.playwright_args, &mut tally)));
    }
    if !args.only_browser && !args.no_bench && !process::interrupted() {
        results.push(("benchmark harness (bench --small)", bench_harness(ws, &db, &mut tally)));
    }
    drop(db);

    println!("\n==> Summary ({:.0}s)", started.elapsed().as_secs_f64());
    let mut failed = 0;
    for (name, result) in &results {
        match result {
            Ok(()) => println!("    ok      {name}"),
            Err(err) => {
                failed += 1;
                println!("    FAILED  {name}: {err:#}");
            }
        }
    }
    // One plain closing line over every runner (cargo test and Playwright).
    println!("tests: {} passed, {} failed", tally.passed, tally.failed);
    if failed > 0 {
        bail!("{failed} of {} test suites failed", results.len());
    }
    if tally.passed == 0 {
        bail!("no test ran");
    }
    Ok(())
}

/// The small benchmark: 10,000 tickets, one-second runs, the debug API.
/// It proves the harness works (data load, oha, pgbench, every phase yields a
/// number); it asserts no timing. Counted as one test.
fn bench_harness(ws: &Workspace, db: &Db, tally: &mut Tally) -> Result<()> {
    let result = crate::bench::smoke(ws, db, &ws.ferrodesk_bin());
    match result {
        Ok(()) => tally.passed += 1,
        Err(_) => tally.failed += 1,
    }
    result
}

/// `cargo test --workspace` (the SPA's unit tests run natively too) with
/// `FERRODESK_TEST_DATABASE_URL` set to the owner role on the maintenance database;
/// tests create their own databases.
fn rust_tests(db: &Db, tally: &mut Tally) -> Result<()> {
    let step = process::step("Rust tests: cargo test --workspace");
    db.drop_databases_with_prefix(TEST_DB_PREFIX)?;
    let base = db.owner_url("postgres");
    tally::run_counting(
        Command::new(cargo()).args(["test", "--workspace"]).env("FERRODESK_TEST_DATABASE_URL", base),
        tally,
    )?;
    step.done();
    Ok(())
}
