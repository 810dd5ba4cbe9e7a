//! The e-mail outbox (`email_outbox`): rows are queued in the transaction of the change
//! that causes them, each with its `mail.send` job, which [`crate::mail::job`] runs.
//! Every statement names the organisation (`organisation_id = $org`); RLS is the
//! second wall.

use chrono::{DateTime, Utc};
use shared_types::OutboxEmail;
use sqlx::FromRow;
use uuid::Uuid;

use crate::platform::db::Tx;

/// Queues an e-mail of the transaction's organisation and its delivery job, due at once.
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
    crate::jobs::enqueue(tx, organisation_id, crate::mail::job::SendEmail::job(id, now), now).await?;
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

/// A message to deliver, as the `mail.send` job reads it.
#[derive(Debug, FromRow)]
pub struct Pending {
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    /// `pending`, `sent` or `failed`.
    pub status: String,
}

/// Message `id` of `org`, or `None`.
pub async fn find(tx: &mut Tx, org: Uuid, id: Uuid) -> sqlx::Result<Option<Pending>> {
    sqlx::query_as(
        "SELECT to_address, subject, body_text, status FROM email_outbox WHERE organisation_id = $1 AND id = $2",
    )
    .bind(org)
    .bind(id)
    .fetch_optional(&mut **tx)
    .await
}

/// Records one delivery attempt on message `id`: sent when `error` is `None`;
/// otherwise `failed` if `last` (no attempt follows) or still `pending`. A message
/// already sent is left alone (a second worker's late record changes nothing). Tokens
/// in a message that was delivered or given up are of no more use to anyone but a
/// thief reading the database or a backup: they are blanked (`token=[used]`).
pub async fn record(
    tx: &mut Tx,
    org: Uuid,
    id: Uuid,
    now: DateTime<Utc>,
    error: Option<&str>,
    last: bool,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE email_outbox SET
             attempts = attempts + 1,
             status = CASE WHEN $4::text IS NULL THEN 'sent' WHEN $5 THEN 'failed' ELSE 'pending' END,
             sent_at = CASE WHEN $4::text IS NULL THEN $3 END,
             last_error = $4,
             body_text = CASE WHEN $4::text IS NULL OR $5
                              THEN regexp_replace(body_text, 'token=[A-Za-z0-9_-]+', 'token=[used]', 'g')
                              ELSE body_text END
         WHERE organisation_id = $1 AND id = $2 AND status <> 'sent'",
    )
    .bind(org)
    .bind(id)
    .bind(now)
    .bind(error)
    .bind(last)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
