//! Writing ticket history: every change to a ticket (who, what, from, to, when) is a
//! row, written in the transaction of the change by whichever feature makes it
//! (tickets, approvals). Reading it, and comments, is the tickets feature.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::platform::db::Tx;

/// One change to record.
pub struct Change<'a> {
    pub organisation_id: Uuid,
    pub ticket_id: Uuid,
    pub actor_id: Option<Uuid>,
    pub field: &'a str,
    pub from: Option<String>,
    pub to: Option<String>,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

/// Appends a history entry.
pub async fn record(tx: &mut Tx, c: Change<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO ticket_history (id, organisation_id, ticket_id, actor_id, field, from_value, to_value, note, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(Uuid::new_v4())
    .bind(c.organisation_id)
    .bind(c.ticket_id)
    .bind(c.actor_id)
    .bind(c.field)
    .bind(c.from)
    .bind(c.to)
    .bind(c.note)
    .bind(c.at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
