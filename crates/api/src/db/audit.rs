//! The append-only audit log: one row per change, written in the same transaction as
//! the change.

use chrono::{DateTime, Utc};
use serde_json::Value;
use uuid::Uuid;

use super::Tx;

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
    .bind(crate::request_id::current())
    .bind(e.at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
