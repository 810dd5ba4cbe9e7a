//! `cargo xtask run`: everything needed to try Ferrodesk locally, then serve it.

use std::thread::sleep;
use std::time::Duration;

use anyhow::{bail, Result};

use crate::database::Db;
use crate::ferrodesk::{ApiMail, Ferrodesk, Output};
use crate::postgres::Durability;
use crate::service::Service;
use crate::workspace::Workspace;
use crate::{http, mail, process, provision, spa};

const API_BIND: &str = "127.0.0.1:8080";
const SPA_BIND: &str = "127.0.0.1:8081";
const ALLOWED_ORIGINS: &str = "http://127.0.0.1:8081,http://localhost:8081";
const SPA_URL: &str = "http://127.0.0.1:8081";
/// Port of the development mail sink (`ferrodesk-dev mail-sink`).
const MAIL_PORT: u16 = 2525;
/// Password of every demo account (seeded by `ferrodesk seed --demo`).
const DEMO_PASSWORD: &str = "ferrodesk-demo-2026";
const DEMO_LOGINS: [(&str, &str, &str); 5] = [
    ("emma.clarke@riverside-hospital.example", "requester", "Riverside Regional Hospital"),
    ("tom.becker@riverside-hospital.example", "technician", "Riverside Regional Hospital"),
    ("priya.shah@riverside-hospital.example", "manager", "Riverside Regional Hospital"),
    ("alex.morgan@riverside-hospital.example", "admin", "Riverside Regional Hospital"),
    ("lena.fischer@northgate-logistics.example", "admin", "Northgate Logistics"),
];

/// Provisions, migrates, seeds, builds and serves until Ctrl-C or a child dies.
/// PostgreSQL is stopped on exit only if this run started it.
pub fn run(ws: &Workspace) -> Result<()> {
    provision::ensure_wasm_target()?;
    let db = Db::provision(ws, Durability::Durable)?;
    let ferrodesk = Ferrodesk::build(ws)?;
    let database = db.main_database();
    ferrodesk.migrate(&db.owner_url(&database))?;
    ferrodesk.seed_demo(&db.owner_url(&database))?;
    let dist = ws.root.join("dist");
    spa::build(ws, &dist, &spa::api_url_from_env())?;

    let step = process::step("Starting the mail sink, the API and the SPA host");
    let mail_dir = ws.local_target().join("mail");
    let mut sink = mail::start(&ferrodesk, MAIL_PORT, &mail_dir, false, Output::Terminal)?;
    let api_mail = ApiMail { smtp_url: sink.smtp_url.clone(), spa_url: SPA_URL.to_owned() };
    let mut api = ferrodesk.serve(&db.app_url(&database), API_BIND, ALLOWED_ORIGINS, &api_mail, Output::Terminal)?;
    let mut spa_host = ferrodesk.spa(&dist, SPA_BIND, Output::Terminal)?;
    http::wait_until_ok(&mut api, API_BIND, "/health", Duration::from_secs(120))?;
    http::wait_until_ok(&mut spa_host, SPA_BIND, "/", Duration::from_secs(30))?;
    step.done();
    print_banner(&sink.dir);

    let result = supervise(&mut [&mut api, &mut spa_host, &mut sink.service]);
    println!("\n==> Shutting down");
    spa_host.stop();
    api.stop();
    sink.service.stop();
    drop(db);
    result
}

/// Waits for Ctrl-C (success) or for a service to exit (failure).
fn supervise(services: &mut [&mut Service]) -> Result<()> {
    loop {
        if process::interrupted() {
            return Ok(());
        }
        for service in services.iter_mut() {
            if let Some(status) = service.exited() {
                // A Ctrl-C may be what stopped it; give the handler a moment.
                sleep(Duration::from_millis(300));
                if process::interrupted() {
                    return Ok(());
                }
                bail!("{} exited unexpectedly ({status}); stopping", service.name());
            }
        }
        sleep(Duration::from_millis(200));
    }
}

fn print_banner(mail_dir: &std::path::Path) {
    println!();
    println!("Ferrodesk is running (Ctrl-C stops it):");
    println!("  SPA         http://127.0.0.1:8081");
    println!("  API         http://127.0.0.1:8080/api/v1");
    println!("  Swagger UI  http://127.0.0.1:8080/swagger-ui/");
    println!("  E-mail      caught by the sink on smtp://127.0.0.1:{MAIL_PORT}: one .eml file per message in");
    println!("              {}", mail_dir.display());
    println!();
    println!("Demo logins (password for all: {DEMO_PASSWORD}):");
    println!("  {:<42} {:<11} organisation", "email", "role");
    for (email, role, organisation) in DEMO_LOGINS {
        println!("  {email:<42} {role:<11} {organisation}");
    }
    println!();
}
