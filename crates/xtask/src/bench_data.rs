//! The benchmark's own database, `ferrodesk_bench` (the demo database is left
//! alone): created, migrated and loaded by `ferrodesk-dev seed-bench`, and queried
//! with `psql` for the ids the benchmark needs.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::database::Db;
use crate::postgres;
use crate::process;
use crate::workspace::DEVTOOLS_BIN;

/// Name of the benchmark database.
pub const BENCH_DB: &str = "ferrodesk_bench";
/// Description of the tickets the benchmark files itself (`POST /tickets`).
pub const POSTED_DESCRIPTION: &str = "Filed by cargo xtask bench";
/// Name of the small benchmark's database (`cargo xtask bench --small`).
pub const SMALL_DB: &str = "ferrodesk_bench_small";
/// Password of every benchmark user (`ferrodesk-dev seed-bench`).
pub const BENCH_PASSWORD: &str = "ferrodesk-bench-2026";

/// A `ferrodesk` binary (release for the benchmark), run with a database URL.
pub fn ferrodesk(bin: &Path, url: &str) -> Command {
    let mut cmd = Command::new(bin);
    cmd.env("DATABASE_URL", url).env("FERRODESK_ENV", "development");
    cmd
}

/// Recreates the benchmark database, migrates it with `bin` (a `ferrodesk` binary) and
/// loads `tickets` tickets with the `ferrodesk-dev` built beside it.
pub fn load(db: &Db, name: &str, bin: &Path, tickets: u64, seed: u64) -> Result<()> {
    let step = process::step(format!("Benchmark data: {tickets} tickets into {name} (seed {seed})"));
    let loader = bin.with_file_name(DEVTOOLS_BIN);
    if !loader.exists() {
        bail!("{} is missing: the benchmark data is loaded by the {DEVTOOLS_BIN} built with the API", loader.display());
    }
    db.recreate_database(name)?;
    let owner = db.owner_url(name);
    process::run(ferrodesk(bin, &owner).arg("migrate"))?;
    process::run(ferrodesk(&loader, &owner).args([
        "seed-bench",
        "--tickets",
        &tickets.to_string(),
        "--seed",
        &seed.to_string(),
    ]))?;
    step.done();
    Ok(())
}

/// Tickets in the benchmark database, or `None` when it does not exist or is not loaded.
pub fn loaded_tickets(db: &Db, name: &str) -> Option<u64> {
    // Tickets filed by the benchmark's own POST /tickets runs do not count.
    let sql = format!(
        "SELECT count(*) FILTER (WHERE description <> '{POSTED_DESCRIPTION}') FROM tickets
         WHERE EXISTS (SELECT 1 FROM organisations WHERE slug = 'bench-01')"
    );
    query(db, name, &sql)
        .ok()
        .and_then(|rows| rows.first().and_then(|r| r.first()).and_then(|n| n.parse().ok()))
        .filter(|n| *n > 0)
}

/// Removes the tickets earlier `POST /tickets` runs filed (with their history,
/// comments and approvals; their audit rows stay, the log being append-only), then
/// vacuums: thousands of fresh tickets at the head of one queue, on pages not yet
/// marked all-visible, halved the technician's list rate in the next run (index-only
/// scans had to visit the heap for each). Autovacuum would get there in time; a
/// benchmark must not depend on when.
pub fn forget_posted(db: &Db, name: &str) -> Result<()> {
    let posted = format!("SELECT id FROM tickets WHERE description = '{POSTED_DESCRIPTION}'");
    let sql = format!(
        "DELETE FROM ticket_history WHERE ticket_id IN ({posted});
         DELETE FROM ticket_comments WHERE ticket_id IN ({posted});
         DELETE FROM approval_requests WHERE ticket_id IN ({posted});
         DELETE FROM tickets WHERE id IN ({posted});"
    );
    query(db, name, &sql)?;
    // VACUUM cannot run inside the implicit transaction of a multi-statement -c.
    query(db, name, "VACUUM (ANALYZE) tickets, ticket_history, ticket_comments, approval_requests").map(drop)
}

/// Runs `sql` as the table owner (no row-level security) and returns rows of fields.
pub fn query(db: &Db, name: &str, sql: &str) -> Result<Vec<Vec<String>>> {
    let out = process::output(Command::new(postgres::program("psql")).arg(db.owner_url(name)).args([
        "-X",
        "-q",
        "-A",
        "-t",
        "-F",
        "\t",
        "-v",
        "ON_ERROR_STOP=1",
        "-c",
        sql,
    ]))?;
    Ok(out.lines().filter(|l| !l.is_empty()).map(|l| l.split('\t').map(str::to_owned).collect()).collect())
}

/// The single value `sql` returns.
pub fn value(db: &Db, name: &str, sql: &str) -> Result<String> {
    let rows = query(db, name, sql)?;
    match rows.first().and_then(|r| r.first()) {
        Some(v) if !v.is_empty() => Ok(v.clone()),
        _ => bail!("no value from: {sql}"),
    }
}

/// Ids the benchmark uses, looked up once.
pub struct Fixture {
    pub org: String,
    pub requester: String,
    pub requester_email: String,
    pub technician_email: String,
    pub admin_email: String,
    /// One of the requester's tickets with comments and history.
    pub ticket: String,
    /// A service item without approval and valid form data for it.
    pub item: String,
    pub form_data: serde_json::Value,
}

/// Looks up the first organisation's people, a typical ticket and a catalog item.
pub fn fixture(db: &Db, name: &str) -> Result<Fixture> {
    let requester_email = "emma.clarke@bench-01.example".to_owned();
    let row = query(db, name, &format!("SELECT id, organisation_id FROM users WHERE email = '{requester_email}'"))?;
    let (requester, org) = match row.first().map(Vec::as_slice) {
        Some([id, org]) => (id.clone(), org.clone()),
        _ => bail!("{requester_email} is missing: load the data with `cargo xtask bench-data`"),
    };
    let ticket = value(
        db,
        name,
        &format!(
            "SELECT t.id FROM tickets t WHERE t.organisation_id = '{org}' AND t.created_by = '{requester}'
               AND t.service_item_id IS NOT NULL
               AND (SELECT count(*) FROM ticket_comments c
                    WHERE c.organisation_id = t.organisation_id AND c.ticket_id = t.id) BETWEEN 4 AND 6
             ORDER BY t.created_at DESC LIMIT 1"
        ),
    )?;
    let item = value(
        db,
        name,
        &format!("SELECT id FROM service_items WHERE organisation_id = '{org}' AND name = 'Monitor or peripheral'"),
    )?;
    let schema: serde_json::Value = serde_json::from_str(&value(
        db,
        name,
        &format!(
            "SELECT schema FROM service_item_forms WHERE service_item_id = '{item}' ORDER BY version DESC LIMIT 1"
        ),
    )?)
    .context("form schema")?;
    let peripheral = schema["properties"]["peripheral"]["enum"][0].clone();
    Ok(Fixture {
        org,
        requester,
        requester_email,
        technician_email: "tom.becker@bench-01.example".into(),
        admin_email: "alex.morgan@bench-01.example".into(),
        ticket,
        item,
        form_data: serde_json::json!({"peripheral": peripheral, "quantity": 1}),
    })
}
