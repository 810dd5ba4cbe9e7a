//! The outbox worker: claims due e-mail (every organisation's) with a [`LEASE`]
//! (`FOR UPDATE SKIP LOCKED` inside one short statement that moves the rows'
//! `next_attempt_at` ahead), so any number of API instances can run it at once and no
//! transaction or row lock is held while SMTP talks. It sends each message, then
//! records the outcome in a statement of its own. A failed attempt is retried with
//! exponential backoff; after [`MAX_ATTEMPTS`] the message is `failed`. Delivery is at
//! least once: a worker that dies after sending and before recording leaves the
//! message to be sent again when its lease ends.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use super::Mailer;
use crate::mail::queries as outbox;
use crate::platform::clock::Clock;

/// Attempts before a message is given up (`failed`).
pub const MAX_ATTEMPTS: i32 = 8;
/// Messages claimed per pass.
pub const BATCH: i32 = 20;
/// How long a claimed message is left to its worker before another may claim it
/// (`outbox_claim`, migration 0014): longer than a whole batch can take
/// ([`BATCH`] × [`super::SMTP_TIMEOUT`]).
pub const LEASE: Duration = Duration::from_secs(600);
/// Pause between passes of [`run`] when the outbox is empty.
pub const IDLE: Duration = Duration::from_secs(2);

/// When to try again after attempt number `attempt` (1-based) failed at `now`: one
/// minute doubled per attempt (1, 2, 4, … 64 minutes), or `None` after the last.
pub fn retry_at(now: DateTime<Utc>, attempt: i32) -> Option<DateTime<Utc>> {
    (attempt < MAX_ATTEMPTS).then(|| now + chrono::Duration::minutes(1i64 << (attempt - 1).clamp(0, 30)))
}

/// What one pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Drained {
    pub sent: usize,
    /// Failed attempts that will be retried.
    pub retrying: usize,
    /// Messages given up for good.
    pub failed: usize,
}

/// One pass: claims up to [`BATCH`] due messages, sends them, records each outcome.
/// No transaction spans the sending. Errors are database errors; SMTP failures are
/// recorded on the rows.
pub async fn drain_once(pool: &PgPool, clock: &dyn Clock, mailer: &Mailer) -> sqlx::Result<Drained> {
    let claimed = outbox::claim(&mut *pool.acquire().await?, clock.now(), BATCH).await?;
    let started = std::time::Instant::now();
    let mut done = Drained::default();
    for m in claimed {
        // What is left when the lease nears its end goes back to another pass (its
        // lease ends and it is claimed again): never send what someone else may own.
        if started.elapsed() + super::SMTP_TIMEOUT * 2 > LEASE {
            tracing::warn!(email.id = %m.id, "lease nearly over; left for the next pass");
            continue;
        }
        // lettre's own timeout bounds the connection; this bounds the whole conversation.
        let send = mailer.send(m.id, &m.to_address, &m.subject, &m.body_text, clock.now());
        let result = match tokio::time::timeout(super::SMTP_TIMEOUT, send).await {
            Ok(result) => result,
            Err(_) => Err(format!("SMTP: no answer within {} s", super::SMTP_TIMEOUT.as_secs())),
        };
        let now = clock.now();
        let (error, retry) = match &result {
            Ok(()) => (None, None),
            Err(error) => {
                let attempt = m.attempts + 1;
                let retry = retry_at(now, attempt);
                tracing::warn!(email.id = %m.id, attempt, %error, gives_up = retry.is_none(), "e-mail not delivered");
                (Some(error.as_str()), retry)
            }
        };
        // A failure to record is logged and the pass goes on: the message is claimed
        // again when its lease ends (at least once), the rest of the batch is not held up.
        let recorded = match pool.acquire().await {
            Ok(mut conn) => outbox::record(&mut conn, m.id, now, error, retry).await,
            Err(e) => Err(e),
        };
        if let Err(e) = recorded {
            tracing::error!(email.id = %m.id, error = %e, "outbox: the outcome was not recorded");
            continue;
        }
        match (result, retry) {
            (Ok(()), _) => done.sent += 1,
            (Err(_), Some(_)) => done.retrying += 1,
            (Err(_), None) => done.failed += 1,
        }
    }
    Ok(done)
}

/// Drains the outbox until the process ends: passes back to back while there is
/// work, then one every [`IDLE`]. Database errors are logged and retried.
pub async fn run(pool: PgPool, clock: Arc<dyn Clock>, mailer: Mailer) {
    loop {
        match drain_once(&pool, clock.as_ref(), &mailer).await {
            Ok(d) if d.sent + d.retrying + d.failed > 0 => {
                tracing::info!(sent = d.sent, retrying = d.retrying, failed = d.failed, "outbox drained");
                continue;
            }
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "outbox worker: database error"),
        }
        tokio::time::sleep(IDLE).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lease_outlasts_a_whole_batch() {
        let batch = u32::try_from(BATCH).unwrap_or(u32::MAX);
        assert!(super::super::SMTP_TIMEOUT * batch < LEASE);
    }

    #[test]
    fn backoff_doubles_then_gives_up() {
        let now = Utc::now();
        let minutes = |a| retry_at(now, a).map(|t| (t - now).num_minutes());
        assert_eq!([minutes(1), minutes(2), minutes(3), minutes(7)], [Some(1), Some(2), Some(4), Some(64)]);
        assert_eq!(minutes(MAX_ATTEMPTS), None);
    }
}
