//! Writing the append-only audit log: one row per change, in the same transaction as
//! the change (an UPDATE or DELETE of `audit_log` is refused by a trigger, even for
//! the tables' owner). Reading it is the audit feature (`GET /audit-logs`).

use chrono::{DateTime, Utc};
use serde_json::Value;
use uuid::Uuid;

use crate::platform::db::Tx;

/// One audit entry: `action` is dotted (`ticket.created`, `auth.login`), `changes` the
/// relevant before/after values.
pub struct Entry<'a> {
    pub organisation_id: Uuid,
    pub actor_id: Option<Uuid>,
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: Option<Uuid>,
    pub changes: Value,
    pub at: DateTime<Utc>,
}

impl<'a> Entry<'a> {
    /// An entry by a signed-in `actor` (its user and organisation) about `entity`
    /// (`("user", id)`).
    pub fn by(
        actor: &crate::platform::auth::Actor,
        action: &'a str,
        entity: (&'a str, Uuid),
        changes: Value,
        at: DateTime<Utc>,
    ) -> Self {
        Entry {
            organisation_id: actor.organisation_id,
            actor_id: Some(actor.user_id),
            action,
            entity_type: entity.0,
            entity_id: Some(entity.1),
            changes,
            at,
        }
    }
}

/// Appends an entry, tagged with the current request id.
pub async fn record(tx: &mut Tx, e: Entry<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (id, organisation_id, actor_id, action, entity_type, entity_id, changes, request_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(Uuid::new_v4())
    .bind(e.organisation_id)
    .bind(e.actor_id)
    .bind(e.action)
    .bind(e.entity_type)
    .bind(e.entity_id)
    .bind(e.changes)
    .bind(crate::platform::request_id::current())
    .bind(e.at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
