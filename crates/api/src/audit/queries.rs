//! Reading the append-only audit log (`GET /audit-logs`). Every query names the
//! organisation (`organisation_id = $org`); row-level security is the second wall.

use chrono::{DateTime, Utc};
use serde_json::Value;
use uuid::Uuid;

use crate::platform::db::Tx;

/// Filters of `GET /audit-logs`; every field optional.
#[derive(Debug, Default)]
pub struct Filter {
    /// An action, or a prefix ending in `.` (`auth.` for every sign-in event).
    pub action: Option<String>,
    pub actor_id: Option<Uuid>,
    pub entity_type: Option<String>,
    pub entity_id: Option<Uuid>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

type Row =
    (Uuid, String, Option<Uuid>, Option<String>, Option<String>, String, Option<Uuid>, Value, DateTime<Utc>, i64);

/// One page of the entries of `org`, newest first, with the total count of matches.
pub async fn list(
    tx: &mut Tx,
    org: Uuid,
    f: &Filter,
    limit: u32,
    offset: u64,
) -> sqlx::Result<(Vec<shared_types::AuditEntry>, i64)> {
    let (exact, prefix) = match f.action.as_deref() {
        Some(a) if a.ends_with('.') => (None, Some(format!("{}%", a.replace('%', "\\%").replace('_', "\\_")))),
        other => (other.map(str::to_owned), None),
    };
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT a.id, a.action, u.id, u.name, u.email, a.entity_type, a.entity_id, a.changes, a.created_at,
                count(*) OVER ()
         FROM audit_log a LEFT JOIN users u ON u.organisation_id = a.organisation_id AND u.id = a.actor_id
         WHERE a.organisation_id = $10 AND ($1::text IS NULL OR a.action = $1) AND ($2::text IS NULL OR a.action LIKE $2)
           AND ($3::uuid IS NULL OR a.actor_id = $3) AND ($4::text IS NULL OR a.entity_type = $4)
           AND ($5::uuid IS NULL OR a.entity_id = $5)
           AND ($6::timestamptz IS NULL OR a.created_at >= $6) AND ($7::timestamptz IS NULL OR a.created_at < $7)
         ORDER BY a.created_at DESC, a.id LIMIT $8 OFFSET $9",
    )
    .bind(exact)
    .bind(prefix)
    .bind(f.actor_id)
    .bind(f.entity_type.as_deref())
    .bind(f.entity_id)
    .bind(f.from)
    .bind(f.to)
    .bind(i64::from(limit))
    .bind(i64::try_from(offset).unwrap_or(i64::MAX))
    .bind(org)
    .fetch_all(&mut **tx)
    .await?;
    let total = rows.first().map_or(0, |r| r.9);
    let entries = rows
        .into_iter()
        .map(|(id, action, uid, name, email, entity_type, entity_id, changes, created_at, _)| {
            shared_types::AuditEntry {
                id,
                action,
                actor: uid.map(|id| shared_types::UserRef {
                    id,
                    name: name.unwrap_or_default(),
                    email: email.unwrap_or_default(),
                }),
                entity_type,
                entity_id,
                changes,
                created_at,
            }
        })
        .collect();
    Ok((entries, total))
}
