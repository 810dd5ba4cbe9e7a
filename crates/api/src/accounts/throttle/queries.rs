//! Stored login-throttling counters (`login_throttle`; rules in
//! [`crate::accounts::throttle::rules`]). Not tenant data: it is read before the organisation
//! is known, so these run on the pool without `app.current_org`.

use chrono::{DateTime, Duration, Utc};
use sqlx::PgPool;

use crate::accounts::throttle::rules as throttle;
use crate::accounts::throttle::rules::{Counter, Limits};

/// Counts an attempt against every key *before* the password is checked, in one
/// transaction under row locks (keys locked in a fixed order), so that any number of
/// parallel attempts get at most the free ones verified. If a key is blocked nothing is
/// counted and the longest wait in seconds comes back as `Err`.
pub async fn attempt(pool: &PgPool, keys: &[(String, Limits)], now: DateTime<Utc>) -> sqlx::Result<Result<(), i64>> {
    let mut keys = keys.to_vec();
    keys.sort_by(|a, b| a.0.cmp(&b.0));
    let mut tx = pool.begin().await?;
    let mut next = Vec::new();
    let mut wait = None;
    for (key, limits) in &keys {
        // One statement creates or locks the row and reads it: an INSERT ... DO NOTHING
        // followed by SELECT ... FOR UPDATE found no row when a concurrent successful
        // sign-in deleted it in between (HTTP 500 under 50 logins/s in
        // `cargo xtask bench`).
        let (failures, window_started_at, blocked_until): (i32, DateTime<Utc>, Option<DateTime<Utc>>) = sqlx::query_as(
            "INSERT INTO login_throttle (key, failures, window_started_at) VALUES ($1, 0, $2)
             ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key
             RETURNING failures, window_started_at, blocked_until",
        )
        .bind(key)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let current = Counter { failures, window_started_at, blocked_until };
        if let Err(secs) = throttle::check(Some(&current), now) {
            wait = wait.max(Some(secs));
        }
        next.push((key, throttle::after_failure(Some(&current).filter(|c| c.failures > 0), *limits, now)));
    }
    if let Some(secs) = wait {
        tx.rollback().await?;
        return Ok(Err(secs));
    }
    for (key, c) in next {
        sqlx::query(
            "UPDATE login_throttle SET failures = $2, window_started_at = $3, blocked_until = $4 WHERE key = $1",
        )
        .bind(key)
        .bind(c.failures)
        .bind(c.window_started_at)
        .bind(c.blocked_until)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(Ok(()))
}

/// After a success: the account's counter is cleared, the client address's attempt is
/// taken back (a busy office is not blocked by its own sign-ins), and counters idle for
/// a day are purged.
pub async fn succeeded(pool: &PgPool, account: &str, client: Option<&str>, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM login_throttle WHERE key = $1").bind(account).execute(pool).await?;
    if let Some(client) = client {
        sqlx::query("UPDATE login_throttle SET failures = greatest(failures - 1, 0) WHERE key = $1")
            .bind(client)
            .execute(pool)
            .await?;
    }
    sqlx::query(
        "DELETE FROM login_throttle WHERE window_started_at < $1 AND (blocked_until IS NULL OR blocked_until < $2)",
    )
    .bind(now - Duration::days(1))
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}
