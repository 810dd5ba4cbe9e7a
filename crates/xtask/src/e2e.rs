//! Browser end-to-end tests: a fresh seeded database, the API and the SPA on their
//! own ports, Playwright driving Debian's headless Chromium.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, SystemTime};

use anyhow::Result;

use crate::database::Db;
use crate::ferrodesk::{ApiMail, Ferrodesk, Output};
use crate::service::Service;
use crate::tally::{self, Tally};
use crate::workspace::Workspace;
use crate::{http, mail, process, provision, spa};

const E2E_DB: &str = "ferrodesk_e2e";
const API_BIND: &str = "127.0.0.1:18080";
const SPA_BIND: &str = "127.0.0.1:18081";
const API_URL: &str = "http://127.0.0.1:18080";
const SPA_URL: &str = "http://127.0.0.1:18081";

/// Prepares everything, serves, runs `npx playwright test`; the servers are stopped
/// whatever happens, and their logs are printed when something failed.
pub fn run(ws: &Workspace, db: &Db, ferrodesk: &Ferrodesk, extra_args: &[String], tally: &mut Tally) -> Result<()> {
    let local = ws.local_target();
    let dist = local.join("e2e-dist");
    spa::build(ws, &dist, API_URL)?;
    provision::ensure_chromium()?;
    npm_ci(&ws.root.join("e2e"))?;

    let step = process::step(format!("Browser tests: fresh database {E2E_DB}"));
    db.recreate_database(E2E_DB)?;
    step.done();
    ferrodesk.migrate(&db.owner_url(E2E_DB))?;
    ferrodesk.seed_demo(&db.owner_url(E2E_DB))?;

    let step = process::step("Browser tests: starting the mail sink, the API and the SPA host");
    let api_log = local.join("e2e-api.log");
    let spa_log = local.join("e2e-spa.log");
    let sink_log = local.join("e2e-mail-sink.log");
    let mut sink = mail::start(ferrodesk, mail::free_port()?, &local.join("e2e-mail"), true, Output::Log(&sink_log))?;
    let api_mail = ApiMail { smtp_url: sink.smtp_url.clone(), spa_url: SPA_URL.to_owned() };
    let mut api = ferrodesk.serve(&db.app_url(E2E_DB), API_BIND, SPA_URL, &api_mail, Output::Log(&api_log))?;
    let mut spa_host = ferrodesk.spa(&dist, SPA_BIND, Output::Log(&spa_log))?;
    let result = serve_and_test(ws, &mut api, &mut spa_host, &sink.dir, extra_args, step, tally);
    spa_host.stop();
    api.stop();
    sink.service.stop();
    if result.is_err() {
        process::print_tail(&api_log, 80);
        process::print_tail(&spa_log, 30);
        process::print_tail(&sink_log, 30);
    }
    result
}

fn serve_and_test(
    ws: &Workspace,
    api: &mut Service,
    spa_host: &mut Service,
    mail_dir: &Path,
    extra_args: &[String],
    step: process::Step,
    tally: &mut Tally,
) -> Result<()> {
    http::wait_until_ok(api, API_BIND, "/health", Duration::from_secs(60))?;
    http::wait_until_ok(spa_host, SPA_BIND, "/", Duration::from_secs(30))?;
    step.done();
    let step = process::step("Browser tests: npx playwright test");
    tally::run_counting(
        Command::new("npx")
            .args(["--no-install", "playwright", "test"])
            .args(extra_args)
            .current_dir(ws.root.join("e2e"))
            .env("E2E_BASE_URL", SPA_URL)
            .env("E2E_API_URL", API_URL)
            .env("FERRODESK_MAIL_DIR", mail_dir),
        tally,
    )?;
    step.done();
    Ok(())
}

/// `npm ci` when `node_modules` is missing or older than the lock file.
fn npm_ci(e2e_dir: &Path) -> Result<()> {
    provision::ensure_node()?;
    let installed = e2e_dir.join("node_modules").join(".package-lock.json");
    let stale = match (modified(&installed), modified(&e2e_dir.join("package-lock.json"))) {
        (Some(installed), Some(lock)) => installed < lock,
        _ => true,
    };
    if !stale {
        return Ok(());
    }
    let step = process::step("Browser tests: npm ci (Playwright, no browser download)");
    process::run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(e2e_dir)
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
    )?;
    step.done();
    Ok(())
}

fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|m| m.modified()).ok()
}
