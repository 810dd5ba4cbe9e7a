//! Stored login-throttling counters (`login_throttle`; rules in
//! [`crate::domain::throttle`]). Not tenant data: it is read before the organisation
//! is known, so these run on the pool without `app.current_org`.

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use crate::domain::throttle::{self, Counter, Limits};

/// The counters of `keys` that exist.
pub async fn load(pool: &PgPool, keys: &[String]) -> sqlx::Result<Vec<Counter>> {
    let rows: Vec<(i32, DateTime<Utc>, Option<DateTime<Utc>>)> =
        sqlx::query_as("SELECT failures, window_started_at, blocked_until FROM login_throttle WHERE key = ANY($1)")
            .bind(keys)
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(failures, window_started_at, blocked_until)| Counter { failures, window_started_at, blocked_until })
        .collect())
}

/// Counts a failure for `key` under a row lock (concurrent failures all count).
pub async fn record_failure(pool: &PgPool, key: &str, limits: Limits, now: DateTime<Utc>) -> sqlx::Result<()> {
    let mut tx = pool.begin().await?;
    sqlx::query(
        "INSERT INTO login_throttle (key, failures, window_started_at) VALUES ($1, 0, $2) ON CONFLICT DO NOTHING",
    )
    .bind(key)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let (failures, window_started_at, blocked_until): (i32, DateTime<Utc>, Option<DateTime<Utc>>) = sqlx::query_as(
        "SELECT failures, window_started_at, blocked_until FROM login_throttle WHERE key = $1 FOR UPDATE",
    )
    .bind(key)
    .fetch_one(&mut *tx)
    .await?;
    let current = Counter { failures, window_started_at, blocked_until };
    let next = throttle::after_failure(Some(&current).filter(|c| c.failures > 0), limits, now);
    sqlx::query("UPDATE login_throttle SET failures = $2, window_started_at = $3, blocked_until = $4 WHERE key = $1")
        .bind(key)
        .bind(next.failures)
        .bind(next.window_started_at)
        .bind(next.blocked_until)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// Clears the counter of `key` (a successful sign-in).
pub async fn clear(pool: &PgPool, key: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM login_throttle WHERE key = $1").bind(key).execute(pool).await?;
    Ok(())
}
