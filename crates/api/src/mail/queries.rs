//! The e-mail outbox (`email_outbox`): rows are queued in the transaction of the change
//! that causes them and delivered by [`crate::mail::worker`], which claims them across
//! organisations through the SECURITY DEFINER functions `outbox_claim` and
//! `outbox_record` (migration 0006). Reading the outbox names the organisation
//! (`organisation_id = $org`); RLS is the second wall.

use chrono::{DateTime, Utc};
use shared_types::OutboxEmail;
use sqlx::{FromRow, PgConnection};
use uuid::Uuid;

use crate::platform::db::Tx;

/// Queues an e-mail of the transaction's organisation, due at once.
pub async fn insert(
    tx: &mut Tx,
    organisation_id: Uuid,
    to: &str,
    draft: &crate::mail::messages::Draft,
    now: DateTime<Utc>,
) -> sqlx::Result<Uuid> {
    let id = Uuid::new_v4();
    sqlx::query(
        "INSERT INTO email_outbox (id, organisation_id, to_address, subject, body_text, kind, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
    )
    .bind(id)
    .bind(organisation_id)
    .bind(to)
    .bind(&draft.subject)
    .bind(&draft.body)
    .bind(draft.kind)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

#[derive(FromRow)]
struct Row {
    id: Uuid,
    to_address: String,
    subject: String,
    body_text: String,
    kind: String,
    status: String,
    attempts: i32,
    last_error: Option<String>,
    created_at: DateTime<Utc>,
    sent_at: Option<DateTime<Utc>>,
    total: i64,
}

/// One page of the e-mail of `org`, newest first, optionally of one `status`;
/// returns the rows and the total count.
pub async fn list(
    tx: &mut Tx,
    org: Uuid,
    status: Option<&str>,
    limit: u32,
    offset: u64,
) -> sqlx::Result<(Vec<OutboxEmail>, i64)> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, to_address, subject, body_text, kind, status, attempts, last_error, created_at, sent_at,
                count(*) OVER () AS total
         FROM email_outbox WHERE organisation_id = $4 AND ($1::text IS NULL OR status = $1)
         ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3",
    )
    .bind(status)
    .bind(i64::from(limit))
    .bind(i64::try_from(offset).unwrap_or(i64::MAX))
    .bind(org)
    .fetch_all(&mut **tx)
    .await?;
    let total = rows.first().map_or(0, |r| r.total);
    let emails = rows
        .into_iter()
        .map(|r| OutboxEmail {
            id: r.id,
            to_address: r.to_address,
            subject: r.subject,
            body_text: r.body_text,
            kind: r.kind,
            status: r.status,
            attempts: r.attempts,
            last_error: r.last_error,
            created_at: r.created_at,
            sent_at: r.sent_at,
        })
        .collect();
    Ok((emails, total))
}

/// A message claimed for delivery.
#[derive(Debug, FromRow)]
pub struct Claimed {
    pub id: Uuid,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    /// Delivery attempts before this one.
    pub attempts: i32,
}

/// Claims up to `limit` due messages of every organisation, skipping rows another
/// worker is claiming, and leases them for ten minutes (their `next_attempt_at` moves
/// ahead): run it outside a transaction, and no row stays locked after it returns.
pub async fn claim(conn: &mut PgConnection, now: DateTime<Utc>, limit: i32) -> sqlx::Result<Vec<Claimed>> {
    sqlx::query_as("SELECT id, to_address, subject, body_text, attempts FROM outbox_claim($1, $2)")
        .bind(now)
        .bind(limit)
        .fetch_all(conn)
        .await
}

/// Records one attempt: `error` `None` is sent; otherwise pending again at `retry_at`,
/// or `failed` for good when `retry_at` is `None`.
pub async fn record(
    conn: &mut PgConnection,
    id: Uuid,
    now: DateTime<Utc>,
    error: Option<&str>,
    retry_at: Option<DateTime<Utc>>,
) -> sqlx::Result<()> {
    sqlx::query("SELECT outbox_record($1, $2, $3, $4)")
        .bind(id)
        .bind(now)
        .bind(error)
        .bind(retry_at)
        .execute(conn)
        .await?;
    Ok(())
}
