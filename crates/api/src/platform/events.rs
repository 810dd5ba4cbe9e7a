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

use crate::platform::audit;
use crate::platform::db::Tx;

/// The statement's common part: numbers the events with the organisation's counter
/// ($1 organisation, $2 count) and inserts them ($3 actor, $4 request id, $5 time,
/// $6–$11 the columns as arrays).
const EVENTS: &str = "next AS (
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
    )";

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
    let sql = format!("WITH {EVENTS} SELECT max(seq) FROM written");
    bind_events(sqlx::query_scalar(&sql), org, actor, at, events)
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

/// [`by`] together with the change's audit entry, in one statement: one round trip
/// less on the paths where every one counts (a ticket's number stays locked from its
/// filing to commit, so each round trip after it holds up the organisation's next
/// filing). `events` must not be empty.
pub async fn by_with_audit(
    tx: &mut Tx,
    actor: &crate::platform::auth::Actor,
    at: DateTime<Utc>,
    entry: audit::Entry<'_>,
    events: &[DomainEvent],
) -> sqlx::Result<i64> {
    let sql = format!(
        "WITH audited AS (
             INSERT INTO audit_log (id, organisation_id, actor_id, action, entity_type, entity_id, changes, request_id, created_at)
             VALUES ($12, $13, $14, $15, $16, $17, $18, $4, $19)
         ), {EVENTS} SELECT max(seq) FROM written"
    );
    bind_events(sqlx::query_scalar(&sql), actor.organisation_id, Some(actor.user_id), at, events)
        .bind(Uuid::new_v4())
        .bind(entry.organisation_id)
        .bind(entry.actor_id)
        .bind(entry.action)
        .bind(entry.entity_type)
        .bind(entry.entity_id)
        .bind(entry.changes)
        .bind(entry.at)
        .fetch_one(&mut **tx)
        .await
        .map(|last: Option<i64>| last.unwrap_or(0))
}

type Scalar<'q> = sqlx::query::QueryScalar<'q, sqlx::Postgres, Option<i64>, sqlx::postgres::PgArguments>;

/// Binds $1–$11 of [`EVENTS`].
fn bind_events<'q>(
    q: Scalar<'q>,
    org: Uuid,
    actor: Option<Uuid>,
    at: DateTime<Utc>,
    events: &[DomainEvent],
) -> Scalar<'q> {
    let count = i64::try_from(events.len()).unwrap_or(i64::MAX);
    q.bind(org)
        .bind(count)
        .bind(actor)
        .bind(crate::platform::request_id::current())
        .bind(at)
        .bind(events.iter().map(|_| Uuid::new_v4()).collect::<Vec<_>>())
        .bind(events.iter().map(|e| e.event_type().to_owned()).collect::<Vec<_>>())
        .bind(events.iter().map(DomainEvent::version).collect::<Vec<_>>())
        .bind(events.iter().map(|e| e.subject().0.to_owned()).collect::<Vec<_>>())
        .bind(events.iter().map(|e| e.subject().1).collect::<Vec<_>>())
        .bind(events.iter().map(DomainEvent::data).collect::<Vec<_>>())
}
