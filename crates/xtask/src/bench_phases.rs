//! The measurements of `cargo xtask bench`, each compared within the run: the API
//! with pgbench, a deep page with the first, list latency with and without logins.

use std::path::Path;

use anyhow::{Context, Result};
use serde_json::json;

use crate::bench::Ctx;
use crate::bench_data;
use crate::bench_report::Report;
use crate::bench_sql;
use crate::bench_tools::{self, Measure};

/// Runs every phase in order, adding lines to `r`.
pub fn run_all(ctx: &Ctx, r: &mut Report, dir: &Path, api_pid: u32) -> Result<()> {
    detail(ctx, r, dir).context("GET /tickets/{id}")?;
    let (path, rate) = lists(ctx, r).context("GET /tickets")?;
    pagination(ctx, r).context("cursor pagination")?;
    search(ctx, r).context("search")?;
    logins(ctx, r, &path, rate).context("logins")?;
    // Last: the tickets it files would sit at the head of the lists measured above.
    create(ctx, r).context("POST /tickets")?;
    let status =
        std::fs::read_to_string(format!("/proc/{api_pid}/status")).context("reading the API's /proc status")?;
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok());
    r.goal("API peak RSS (VmHWM)", kb.map_or(f64::NAN, |kb| kb / 1024.0), "MB", false, 150.0);
    Ok(())
}

fn phase(title: &str) {
    println!("\n==> bench: {title}");
}

fn show(what: &str, m: &Measure) {
    println!(
        "    {what}: {:.0} req/s, p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms ({} requests)",
        m.requests_per_sec, m.p50_ms, m.p95_ms, m.p99_ms, m.requests
    );
}

/// GET /tickets/{id} at full speed, then pgbench with what the API sends (the caller
/// check and the detail statement) and with the detail statement alone.
fn detail(ctx: &Ctx, r: &mut Report, dir: &Path) -> Result<()> {
    phase(&format!("GET /tickets/{{id}} vs pgbench -M prepared, {} connections each", ctx.clients));
    let f = &ctx.fixture;
    let path = format!("/api/v1/tickets/{}", f.ticket);
    ctx.oha(Some(&ctx.requester), vec!["-c".into(), ctx.clients.to_string(), "-z".into(), "1s".into()], &path).run()?;
    let api = ctx.max(&ctx.requester, &path)?;
    show("API", &api);
    let session = "00000000-0000-4000-8000-000000000000";
    let vars = bench_sql::requester_variables(&f.org, &f.requester, session, &f.ticket);
    let url = ctx.db.app_url(&ctx.database);
    let mut runs = Vec::new();
    for (name, text) in [
        ("ticket_detail.sql", bench_sql::ticket_detail_script()),
        ("detail_statement.sql", bench_sql::detail_statement_script()),
    ] {
        let script = dir.join(name);
        crate::process::write_file(&script, &text)?;
        let pg = bench_tools::pgbench(&script, &vars, ctx.clients, ctx.seconds, &url)?;
        println!("    pgbench {name}: {:.0} tx/s, latency average {:.2} ms", pg.requests_per_sec, pg.p50_ms);
        runs.push(pg);
    }
    let (all, alone) = (&runs[0], &runs[1]);
    r.info("GET /tickets/{id}: API req/s", api.requests_per_sec, "req/s");
    r.info("GET /tickets/{id}: API p50", api.p50_ms, "ms");
    r.info("GET /tickets/{id}: API p99", api.p99_ms, "ms");
    r.info("same SQL in pgbench -M prepared", all.requests_per_sec, "tx/s");
    r.info("the detail statement alone in pgbench", alone.requests_per_sec, "tx/s");
    r.goal("GET /tickets/{id} ÷ pgbench", api.requests_per_sec / all.requests_per_sec, "", true, 0.5);
    r.goal("GET /tickets/{id} ÷ detail statement alone", api.requests_per_sec / alone.requests_per_sec, "", true, 0.7);
    r.raw("detail", json!({"api": api.to_json(), "pgbench": all.to_json(), "pgbenchStatement": alone.to_json(), "ticket": f.ticket}));
    Ok(())
}

/// GET /tickets?limit=50 with one filter, for a requester and a technician: the
/// maximum rate, then latency at 70 % of it (corrected for coordinated omission).
/// Returns the technician's path and rate, reused by the login phase.
fn lists(ctx: &Ctx, r: &mut Report) -> Result<(String, f64)> {
    let mut tech = (String::new(), 0.0);
    for (who, token, path) in [
        ("requester", &ctx.requester, "/api/v1/tickets?limit=50&status=closed"),
        ("technician", &ctx.technician, "/api/v1/tickets?limit=50&priority=high"),
    ] {
        phase(&format!("GET {path} as the {who}: maximum, then 70 % of it"));
        let max = ctx.max(token, path)?;
        show("maximum", &max);
        let rate = 0.7 * max.requests_per_sec;
        let fixed = ctx.at_rate(token, path, rate)?;
        show(&format!("at {rate:.0} req/s"), &fixed);
        r.info(format!("list ({who}) max"), max.requests_per_sec, "req/s");
        r.info(format!("list ({who}) p50 at 70 %"), fixed.p50_ms, "ms");
        r.goal(format!("list ({who}) p99 at 70 %"), fixed.p99_ms, "ms", false, 25.0);
        r.raw(
            &format!("list_{who}"),
            json!({"path": path, "max": max.to_json(), "at70": fixed.to_json(), "rate": rate}),
        );
        if who == "technician" {
            tech = (path.to_owned(), rate);
        }
    }
    Ok(tech)
}

/// The admin's whole organisation, paged by cursor: a page 10,000 pages deep (or
/// as deep as the data goes) against the first page, same limit.
fn pagination(ctx: &Ctx, r: &mut Report) -> Result<()> {
    let org = &ctx.fixture.org;
    let visible: u64 = bench_data::value(
        ctx.db,
        &ctx.database,
        &format!("SELECT count(*) FROM tickets WHERE organisation_id = '{org}'"),
    )?
    .parse()?;
    let limit = (visible / 10_000).clamp(1, 50);
    let depth = (visible / limit).saturating_sub(1).clamp(1, 10_000);
    let row = bench_data::query(
        ctx.db,
        &ctx.database,
        &format!(
            "SELECT (extract(epoch FROM created_at) * 1000000)::bigint, id FROM tickets WHERE organisation_id = '{org}'
             ORDER BY created_at DESC, id DESC OFFSET {} LIMIT 1",
            depth * limit - 1
        ),
    )?;
    let cursor = match row.first().map(Vec::as_slice) {
        Some([micros, id]) => base64url(format!("{micros}:{id}").as_bytes()),
        _ => anyhow::bail!("no row at depth {depth}"),
    };
    phase(&format!("cursor pagination, limit {limit}: page 1 vs page {}", depth + 1));
    let first_path = format!("/api/v1/tickets?limit={limit}");
    let serial = |path: &str| {
        ctx.oha(Some(&ctx.admin), vec!["-c".into(), "1".into(), "-z".into(), format!("{}s", ctx.seconds)], path).run()
    };
    let first = serial(&first_path)?;
    show("page 1", &first);
    let deep = serial(&format!("{first_path}&cursor={cursor}"))?;
    show(&format!("page {}", depth + 1), &deep);
    r.info(format!("page 1 p50 (limit {limit}, admin)"), first.p50_ms, "ms");
    r.info(format!("page {} p50 (cursor)", depth + 1), deep.p50_ms, "ms");
    r.goal(format!("page {} ÷ page 1 (p50)", depth + 1), deep.p50_ms / first.p50_ms, "", false, 2.0);
    r.raw("pagination", json!({"limit": limit, "depth": depth, "first": first.to_json(), "deep": deep.to_json()}));
    Ok(())
}

/// Full-text search over the admin's whole organisation: a rare and a common word.
fn search(ctx: &Ctx, r: &mut Report) -> Result<()> {
    for word in ["kestrel", "printer"] {
        let path = format!("/api/v1/tickets?limit=50&q={word}");
        phase(&format!("search: GET {path} as the admin, 2 connections"));
        let m = ctx
            .oha(Some(&ctx.admin), vec!["-c".into(), "2".into(), "-z".into(), format!("{}s", ctx.seconds)], &path)
            .run()?;
        show("search", &m);
        r.goal(format!("search q={word} p95"), m.p95_ms, "ms", false, 100.0);
        r.raw(&format!("search_{word}"), m.to_json());
    }
    Ok(())
}

/// POST /tickets with a form, history and audit rows, at full speed.
fn create(ctx: &Ctx, r: &mut Report) -> Result<()> {
    phase("POST /tickets (catalog item with a form)");
    let body = json!({"serviceItemId": ctx.fixture.item, "title": "Second monitor for the night office",
                      "description": bench_data::POSTED_DESCRIPTION, "formData": ctx.fixture.form_data});
    let args = vec![
        "-c".into(),
        ctx.clients.to_string(),
        "-z".into(),
        format!("{}s", ctx.seconds),
        "-m".into(),
        "POST".into(),
        "-T".into(),
        "application/json".into(),
        "-d".into(),
        body.to_string(),
    ];
    let m = ctx.oha(Some(&ctx.requester), args, "/api/v1/tickets").run()?;
    show("create", &m);
    r.info("POST /tickets", m.requests_per_sec, "req/s");
    r.raw("create", m.to_json());
    Ok(())
}

/// Argon2 cost per login, and list latency with 50 logins/s beside it vs without.
fn logins(ctx: &Ctx, r: &mut Report, list_path: &str, rate: f64) -> Result<()> {
    phase("login: argon2id verify cost, then list p99 with and without 50 logins/s");
    let body = json!({"email": ctx.fixture.admin_email, "password": bench_data::BENCH_PASSWORD}).to_string();
    let login = |extra: Vec<String>| {
        let mut args =
            vec!["-m".into(), "POST".into(), "-T".into(), "application/json".into(), "-d".into(), body.clone()];
        args.extend(extra);
        ctx.oha(None, args, "/api/v1/auth/login")
    };
    let serial = login(vec!["-c".into(), "1".into(), "-z".into(), format!("{}s", ctx.seconds.div_ceil(2))]).run()?;
    show("one login at a time", &serial);
    let base = ctx.at_rate(&ctx.technician, list_path, rate)?;
    show("list alone", &base);
    let beside =
        login(vec!["-c".into(), "4".into(), "-q".into(), "50".into(), "-z".into(), format!("{}s", ctx.seconds + 1)])
            .spawn()?;
    let loaded = ctx.at_rate(&ctx.technician, list_path, rate);
    let logins = bench_tools::finish(beside)?;
    let loaded = loaded?;
    show("list beside logins", &loaded);
    show("logins beside", &logins);
    r.info("login p50, one at a time (argon2id verify)", serial.p50_ms, "ms");
    r.info("list (technician) p99, no logins", base.p99_ms, "ms");
    r.info(format!("list p99 with {:.0} logins/s", logins.requests_per_sec), loaded.p99_ms, "ms");
    r.goal("list p99 with logins ÷ without", loaded.p99_ms / base.p99_ms, "", false, 1.2);
    r.raw("logins", json!({"serial": serial.to_json(), "listAlone": base.to_json(), "listBeside": loaded.to_json(), "logins": logins.to_json()}));
    Ok(())
}

/// base64url without padding (the API's cursor encoding).
fn base64url(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ABC[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn encodes_base64url_without_padding() {
        assert_eq!(super::base64url(b"f"), "Zg");
        assert_eq!(super::base64url(b"fo"), "Zm8");
        assert_eq!(super::base64url(b"foo"), "Zm9v");
        assert_eq!(super::base64url(b"\xfb\xff"), "-_8");
    }
}
