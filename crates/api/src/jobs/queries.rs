//! The `jobs` table: enqueue on a caller's transaction, claim across organisations
//! through the SECURITY DEFINER function `jobs_claim`, record outcomes, list and retry.

use chrono::{DateTime, Duration, Utc};
use serde_json::Value;
use shared_types::BackgroundJob;
use sqlx::{FromRow, PgConnection, PgPool};
use uuid::Uuid;

use super::{Job, NewJob};
use crate::platform::db::Tx;

/// Enqueues `job` for the transaction's organisation `org`; it exists once `tx`
/// commits, and never if it rolls back. Returns the job's id.
pub async fn enqueue(tx: &mut Tx, org: Uuid, job: NewJob, now: DateTime<Utc>) -> sqlx::Result<Uuid> {
    let id = Uuid::new_v4();
    sqlx::query(
        "INSERT INTO jobs (organisation_id, id, kind, payload, run_at, max_attempts, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(org)
    .bind(id)
    .bind(job.kind)
    .bind(job.payload)
    .bind(job.run_at)
    .bind(job.max_attempts)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

#[derive(FromRow)]
struct Claimed {
    organisation_id: Uuid,
    id: Uuid,
    kind: String,
    payload: Value,
    attempts: i32,
    max_attempts: i32,
    lease_id: Uuid,
}

/// Claims up to `limit` due jobs of `kinds` in every organisation and leases them for
/// `lease`; counts the attempt. Run it outside a transaction: no lock outlives it.
pub async fn claim(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    limit: i32,
    lease: Duration,
    kinds: &[&str],
) -> sqlx::Result<Vec<Job>> {
    let rows: Vec<Claimed> = sqlx::query_as(
        "SELECT organisation_id, id, kind, payload, attempts, max_attempts, lease_id
         FROM jobs_claim($1, $2, make_interval(secs => $3), $4)",
    )
    .bind(now)
    .bind(limit)
    .bind(lease.num_milliseconds() as f64 / 1000.0)
    .bind(kinds)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Job {
            organisation_id: r.organisation_id,
            id: r.id,
            kind: r.kind,
            payload: r.payload,
            attempt: r.attempts,
            max_attempts: r.max_attempts,
            lease: r.lease_id,
        })
        .collect())
}

/// Records the outcome of `job`'s current attempt: `done` when `error` is `None`;
/// otherwise `ready` again at `retry_at`, or `dead` when `retry_at` is `None`. Only a
/// job still running under this claim's lease changes: a worker whose lease ran out
/// (or whose job died and was retried since) cannot undo what a later claim recorded.
/// Returns whether it changed.
pub async fn finish(
    tx: &mut Tx,
    job: &Job,
    now: DateTime<Utc>,
    error: Option<&str>,
    retry_at: Option<DateTime<Utc>>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE jobs SET
             status = CASE WHEN $4::text IS NULL THEN 'done' WHEN $5::timestamptz IS NULL THEN 'dead' ELSE 'ready' END,
             run_at = coalesce($5, run_at),
             last_error = coalesce($4, last_error),
             locked_until = NULL,
             lease_id = NULL,
             finished_at = CASE WHEN $5::timestamptz IS NULL THEN $6 END
         WHERE organisation_id = $1 AND id = $2 AND status = 'running' AND lease_id = $3",
    )
    .bind(job.organisation_id)
    .bind(job.id)
    .bind(job.lease)
    .bind(error)
    .bind(retry_at)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether `job` still runs under this claim's lease; if so, its row stays locked until
/// `tx` ends, so no other claim takes it meanwhile. For a handler that records its own
/// outcome (the outbox) before the runner records the job's.
pub async fn holds_lease(tx: &mut Tx, job: &Job) -> sqlx::Result<bool> {
    let row: Option<(i32,)> = sqlx::query_as(
        "SELECT 1 FROM jobs WHERE organisation_id = $1 AND id = $2 AND status = 'running' AND lease_id = $3 FOR UPDATE",
    )
    .bind(job.organisation_id)
    .bind(job.id)
    .bind(job.lease)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.is_some())
}

/// Removes jobs done before `before` (every organisation's); returns how many.
pub async fn prune(pool: &PgPool, before: DateTime<Utc>) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT jobs_prune($1)").bind(before).fetch_one(pool).await
}

#[derive(FromRow)]
struct Row {
    id: Uuid,
    kind: String,
    payload: Value,
    status: String,
    run_at: DateTime<Utc>,
    attempts: i32,
    max_attempts: i32,
    last_error: Option<String>,
    created_at: DateTime<Utc>,
    finished_at: Option<DateTime<Utc>>,
    total: i64,
}

impl From<Row> for BackgroundJob {
    fn from(r: Row) -> Self {
        BackgroundJob {
            id: r.id,
            kind: r.kind,
            payload: r.payload,
            status: r.status,
            run_at: r.run_at,
            attempts: r.attempts,
            max_attempts: r.max_attempts,
            last_error: r.last_error,
            created_at: r.created_at,
            finished_at: r.finished_at,
        }
    }
}

const COLUMNS: &str = "id, kind, payload, status, run_at, attempts, max_attempts, last_error, created_at, finished_at";

/// One page of `org`'s jobs, newest first, optionally of one `status` and `kind`; and
/// the total.
pub async fn list(
    tx: &mut Tx,
    org: Uuid,
    status: Option<&str>,
    kind: Option<&str>,
    limit: u32,
    offset: u64,
) -> sqlx::Result<(Vec<BackgroundJob>, i64)> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS}, count(*) OVER () AS total FROM jobs
         WHERE organisation_id = $1 AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR kind = $3)
         ORDER BY created_at DESC, id DESC LIMIT $4 OFFSET $5"
    ))
    .bind(org)
    .bind(status)
    .bind(kind)
    .bind(i64::from(limit))
    .bind(i64::try_from(offset).unwrap_or(i64::MAX))
    .fetch_all(&mut **tx)
    .await?;
    let total = rows.first().map_or(0, |r| r.total);
    Ok((rows.into_iter().map(BackgroundJob::from).collect(), total))
}

/// `org`'s job `id`, or `None` (a plain read: no lock).
pub async fn find(tx: &mut Tx, org: Uuid, id: Uuid) -> sqlx::Result<Option<BackgroundJob>> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS}, 1::bigint AS total FROM jobs WHERE organisation_id = $1 AND id = $2"
    ))
    .bind(org)
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map(BackgroundJob::from))
}

/// Makes job `id` due again at `now` with a fresh set of attempts if it is dead (its
/// last error is kept until the next attempt records its own). Returns the job as it
/// is now and the attempts it had, or `None` when `org` has no dead job `id`.
pub async fn revive(
    tx: &mut Tx,
    org: Uuid,
    id: Uuid,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<(BackgroundJob, i32)>> {
    let row: Option<(Uuid, i32)> = sqlx::query_as(
        "UPDATE jobs j SET status = 'ready', run_at = $3, attempts = 0, finished_at = NULL
         FROM (SELECT id, attempts FROM jobs WHERE organisation_id = $1 AND id = $2) old
         WHERE j.organisation_id = $1 AND j.id = old.id AND j.status = 'dead'
         RETURNING j.id, old.attempts",
    )
    .bind(org)
    .bind(id)
    .bind(now)
    .fetch_optional(&mut **tx)
    .await?;
    let Some((_, attempts)) = row else { return Ok(None) };
    Ok(find(tx, org, id).await?.map(|job| (job, attempts)))
}
