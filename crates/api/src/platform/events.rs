//! Writing the domain event log (`domain_events`): the events of a change, in the
//! change's transaction, numbered by the organisation's gap-free sequence
//! (`event_sequences`). The catalogue is `shared_types::events::DomainEvent`.
//!
//! Write events as the last statement before commit: taking the next numbers locks the
//! organisation's counter row until the transaction ends (that lock is what keeps the
//! sequence gap-free and in commit order), so every statement after it would lengthen
//! the time other writers of the organisation wait.

use chrono::{DateTime, Utc};
use shared_types::events::DomainEvent;
use uuid::Uuid;

use crate::platform::db::Tx;

/// Appends `events` (in order) for organisation `org`, done by `actor` (none: the
/// system) at `at`, tagged with the current request id; one statement whatever their
/// number. Returns the sequence number of the last one (0 when `events` is empty).
pub async fn record(
    tx: &mut Tx,
    org: Uuid,
    actor: Option<Uuid>,
    at: DateTime<Utc>,
    events: &[DomainEvent],
) -> sqlx::Result<i64> {
    if events.is_empty() {
        return Ok(0);
    }
    let count = i64::try_from(events.len()).unwrap_or(i64::MAX);
    let ids: Vec<Uuid> = events.iter().map(|_| Uuid::new_v4()).collect();
    let types: Vec<&str> = events.iter().map(DomainEvent::event_type).collect();
    let versions: Vec<i16> = events.iter().map(DomainEvent::version).collect();
    let subject_types: Vec<&str> = events.iter().map(|e| e.subject().0).collect();
    let subject_ids: Vec<Uuid> = events.iter().map(|e| e.subject().1).collect();
    let payloads: Vec<serde_json::Value> = events.iter().map(DomainEvent::data).collect();
    sqlx::query_scalar(
        "WITH next AS (
             INSERT INTO event_sequences AS s (organisation_id, last_seq) VALUES ($1, $2)
             ON CONFLICT (organisation_id) DO UPDATE SET last_seq = s.last_seq + $2
             RETURNING last_seq
         ), written AS (
             INSERT INTO domain_events
                 (organisation_id, seq, id, type, version, subject_type, subject_id, actor_id, payload, request_id, occurred_at)
             SELECT $1, next.last_seq - $2 + e.ord, e.id, e.type, e.version, e.subject_type, e.subject_id, $3, e.payload, $4, $5
             FROM next, unnest($6::uuid[], $7::text[], $8::int2[], $9::text[], $10::uuid[], $11::jsonb[])
                  WITH ORDINALITY AS e(id, type, version, subject_type, subject_id, payload, ord)
             RETURNING seq
         )
         SELECT max(seq) FROM written",
    )
    .bind(org)
    .bind(count)
    .bind(actor)
    .bind(crate::platform::request_id::current())
    .bind(at)
    .bind(ids)
    .bind(types)
    .bind(versions)
    .bind(subject_types)
    .bind(subject_ids)
    .bind(payloads)
    .fetch_one(&mut **tx)
    .await
    .map(|last: Option<i64>| last.unwrap_or(0))
}

/// [`record`] for a signed-in actor's change.
pub async fn by(
    tx: &mut Tx,
    actor: &crate::platform::auth::Actor,
    at: DateTime<Utc>,
    events: &[DomainEvent],
) -> sqlx::Result<i64> {
    record(tx, actor.organisation_id, Some(actor.user_id), at, events).await
}
