//! `ferrodesk-dev seed-bench`: the performance benchmark's dataset (`cargo xtask
//! bench-data`, `cargo xtask bench`): 20
//! organisations, 10,000 users, the demo catalog in each and `tickets` tickets with
//! their comments, history and approvals, loaded with COPY. Deterministic from the
//! seed (row ids, names, texts and times; catalog rows take fresh ids).

use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use indicatif::{ProgressBar, ProgressStyle};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::PgPool;
use tokio::sync::mpsc;

mod copy;
mod people;
mod text;
mod tickets;

use ferrodesk_api::platform::auth::password;
use ferrodesk_api::seed::{catalog_data, generate, Loaded, SeedResult};

use self::copy::{set_aside, SetAside};
use self::people::{BenchOrg, StructureTables, ORGS};
use self::tickets::{BenchItem, TicketTables};

pub use self::people::BENCH_PASSWORD;

/// Tables loaded in bulk, whose keys and indexes are rebuilt after the load.
const BIG_TABLES: [&str; 4] = ["tickets", "ticket_comments", "ticket_history", "approval_requests"];
/// Tickets per COPY batch.
const BATCH: usize = 2_000;
/// Three years of tickets end here (fixed, so the data is the same on every run).
fn end_of_data() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).single().unwrap_or_else(Utc::now)
}

/// What to load.
#[derive(Debug, Clone, Copy)]
pub struct BenchOptions {
    pub tickets: usize,
    pub seed: u64,
}

/// Loads the dataset into an empty, migrated database; returns a summary.
pub async fn bench(pool: &PgPool, opts: BenchOptions) -> SeedResult<String> {
    let started = Instant::now();
    let existing: i64 = sqlx::query_scalar("SELECT count(*) FROM organisations").fetch_one(pool).await?;
    if existing > 0 {
        return Err("the database already has organisations; load the benchmark into an empty one".into());
    }
    let mut rng = StdRng::seed_from_u64(opts.seed);
    let hash = password::hash_blocking(BENCH_PASSWORD)?;
    let (orgs, items) = structure(pool, &mut rng, &hash).await?;

    let spinner = |msg: &'static str| {
        let pb = ProgressBar::new_spinner().with_message(msg);
        pb.enable_steady_tick(Duration::from_millis(200));
        pb
    };
    let pb = spinner("setting aside keys and indexes");
    let aside = set_aside(pool, &BIG_TABLES).await?;
    pb.finish_with_message("keys and indexes set aside");

    load_tickets(pool, rng, orgs, items, opts.tickets).await?;
    restore(pool, &aside).await?;
    let pb = spinner("VACUUM ANALYZE");
    for t in BIG_TABLES.iter().chain(&["users", "units", "organisations"]) {
        sqlx::query(&format!("VACUUM (ANALYZE) {t}")).execute(pool).await?;
    }
    pb.finish_with_message("vacuumed and analysed");
    let counts: (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM tickets), (SELECT count(*) FROM ticket_comments),
                (SELECT count(*) FROM ticket_history), (SELECT count(*) FROM approval_requests)",
    )
    .fetch_one(pool)
    .await?;
    Ok(format!(
        "bench data: {ORGS} organisations, {} users, {} tickets, {} comments, {} history rows, {} approvals in {:.0}s \
         (password of every user: {BENCH_PASSWORD})",
        ORGS * people::USERS_PER_ORG,
        counts.0,
        counts.1,
        counts.2,
        counts.3,
        started.elapsed().as_secs_f64()
    ))
}

/// Organisations, departments, units, users and managers (COPY), then the demo
/// catalog in each (with ready-made form data per item).
async fn structure(pool: &PgPool, rng: &mut StdRng, hash: &str) -> SeedResult<(Vec<BenchOrg>, Vec<Vec<BenchItem>>)> {
    let mut tables = StructureTables::default();
    let orgs: Vec<BenchOrg> = (0..ORGS).map(|i| people::generate(rng, i, hash, &mut tables)).collect();
    let mut conn = pool.acquire().await?;
    for mut t in tables.all() {
        t.copy(&mut conn).await?;
    }
    let mut items = Vec::new();
    let pb = ProgressBar::new(ORGS as u64).with_style(style("catalogs"));
    for org in &orgs {
        let mut tx = pool.begin().await?;
        let loaded = Loaded {
            org: org.id,
            departments: org.departments.clone(),
            units: org.units.clone(),
            people: Default::default(),
        };
        let seeded = generate::catalog(&mut tx, &loaded, &catalog_data::hospital()).await?;
        tx.commit().await?;
        let mut with_forms = Vec::new();
        for item in seeded {
            let forms = tickets::form_variants(rng, &item.schema, end_of_data())?;
            with_forms.push(BenchItem { item, forms });
        }
        items.push(with_forms);
        pb.inc(1);
    }
    pb.finish();
    Ok((orgs, items))
}

fn style(what: &str) -> ProgressStyle {
    ProgressStyle::with_template(&format!(
        "{{spinner}} {what:<10} [{{elapsed_precise}}] {{wide_bar}} {{pos}}/{{len}} ({{per_sec}}, eta {{eta}})"
    ))
    .unwrap_or_else(|_| ProgressStyle::default_bar())
}

/// Generates tickets on a thread and COPYs batches over two connections.
async fn load_tickets(
    pool: &PgPool,
    mut rng: StdRng,
    orgs: Vec<BenchOrg>,
    items: Vec<Vec<BenchItem>>,
    total: usize,
) -> SeedResult<()> {
    let pb = ProgressBar::new(total as u64).with_style(style("tickets"));
    let (send, recv) = mpsc::channel::<TicketTables>(4);
    let end = end_of_data();
    let producer = std::thread::spawn(move || -> Vec<(uuid::Uuid, i64)> {
        let mut seqs = Vec::new();
        for (k, org) in orgs.iter().enumerate() {
            let n = total / ORGS + usize::from(k < total % ORGS);
            // Denser towards the present: the service desk grew over three years.
            let three_years = 3 * 365 * 86_400_i64;
            let mut times: Vec<DateTime<Utc>> = (0..n)
                .map(|_| end - chrono::Duration::seconds((three_years as f64 * (1.0 - rng.gen::<f64>().sqrt())) as i64))
                .collect();
            times.sort_unstable();
            for (b, chunk) in times.chunks(BATCH).enumerate() {
                let mut out = TicketTables::default();
                tickets::generate(&mut rng, org, &items[k], chunk, (b * BATCH) as i64 + 1, end, &mut out);
                if send.blocking_send(out).is_err() {
                    return seqs;
                }
            }
            seqs.push((org.id, n as i64));
        }
        seqs
    });
    let recv = std::sync::Arc::new(tokio::sync::Mutex::new(recv));
    let mut workers = Vec::new();
    for _ in 0..2 {
        let (pool, recv, pb) = (pool.clone(), recv.clone(), pb.clone());
        workers.push(tokio::spawn(async move {
            let mut conn = pool.acquire().await?;
            loop {
                let Some(mut batch) = recv.lock().await.recv().await else { return SeedResult::Ok(()) };
                let n = batch.tickets.rows();
                batch.tickets.copy(&mut conn).await?;
                batch.comments.copy(&mut conn).await?;
                batch.history.copy(&mut conn).await?;
                batch.approvals.copy(&mut conn).await?;
                pb.inc(n);
            }
        }));
    }
    for w in workers {
        w.await??;
    }
    let seqs = producer.join().map_err(|_| "ticket generator panicked")?;
    for (org, n) in seqs {
        sqlx::query("UPDATE organisations SET ticket_seq = $2 WHERE id = $1").bind(org).bind(n).execute(pool).await?;
    }
    pb.finish();
    Ok(())
}

/// Rebuilds keys, then indexes and foreign keys, two at a time.
async fn restore(pool: &PgPool, aside: &SetAside) -> SeedResult<()> {
    let statements = aside.statements();
    let pb = ProgressBar::new(statements.len() as u64).with_style(style("indexes"));
    let (keys, rest): (Vec<String>, Vec<String>) =
        statements.into_iter().partition(|s| s.contains("PRIMARY KEY") || s.contains(" UNIQUE "));
    let (indexes, foreign): (Vec<String>, Vec<String>) = rest.into_iter().partition(|s| s.starts_with("CREATE"));
    for group in [keys, indexes, foreign] {
        let queue = std::sync::Arc::new(std::sync::Mutex::new(group));
        let mut workers = Vec::new();
        for _ in 0..2 {
            let (pool, queue, pb) = (pool.clone(), queue.clone(), pb.clone());
            workers.push(tokio::spawn(async move {
                let mut conn = pool.acquire().await?;
                sqlx::query("SET maintenance_work_mem = '256MB'").execute(&mut *conn).await?;
                loop {
                    let next = queue.lock().map_err(|_| "poisoned")?.pop();
                    let Some(sql) = next else { return SeedResult::Ok(()) };
                    pb.set_message(sql.chars().take(60).collect::<String>());
                    sqlx::query(&sql).execute(&mut *conn).await?;
                    pb.inc(1);
                }
            }));
        }
        for w in workers {
            w.await??;
        }
    }
    pb.finish();
    Ok(())
}
