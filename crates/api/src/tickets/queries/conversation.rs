//! A ticket's history and its comments. Every query names its organisation
//! (`organisation_id = $org`); row-level security is the second wall.

use chrono::{DateTime, Utc};
use shared_types::{Comment, HistoryEntry, UserRef, Visibility};
use sqlx::FromRow;
use uuid::Uuid;

use crate::platform::db::Tx;

#[derive(FromRow)]
struct HistoryRow {
    id: Uuid,
    actor_id: Option<Uuid>,
    actor_name: Option<String>,
    actor_email: Option<String>,
    field: String,
    from_value: Option<String>,
    to_value: Option<String>,
    note: Option<String>,
    created_at: DateTime<Utc>,
}

/// The history of a ticket of `org`, oldest first (empty for another organisation's).
pub async fn history(tx: &mut Tx, org: Uuid, ticket: Uuid) -> sqlx::Result<Vec<HistoryEntry>> {
    let rows: Vec<HistoryRow> = sqlx::query_as(
        "SELECT h.id, h.actor_id, u.name AS actor_name, u.email AS actor_email, h.field, h.from_value, h.to_value,
                h.note, h.created_at
         FROM ticket_history h LEFT JOIN users u ON u.organisation_id = h.organisation_id AND u.id = h.actor_id
         WHERE h.organisation_id = $1 AND h.ticket_id = $2 ORDER BY h.seq",
    )
    .bind(org)
    .bind(ticket)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| HistoryEntry {
            id: r.id,
            actor: match (r.actor_id, r.actor_name, r.actor_email) {
                (Some(id), Some(name), Some(email)) => Some(UserRef { id, name, email }),
                _ => None,
            },
            field: r.field,
            from_value: r.from_value,
            to_value: r.to_value,
            note: r.note,
            created_at: r.created_at,
        })
        .collect())
}

/// Appends a comment.
pub async fn add_comment(
    tx: &mut Tx,
    org: Uuid,
    ticket: Uuid,
    author: &UserRef,
    body: &str,
    visibility: Visibility,
    at: DateTime<Utc>,
) -> sqlx::Result<Comment> {
    let id = Uuid::new_v4();
    sqlx::query(
        "INSERT INTO ticket_comments (id, organisation_id, ticket_id, author_id, body, visibility, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(org)
    .bind(ticket)
    .bind(author.id)
    .bind(body)
    .bind(visibility_str(visibility))
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(Comment { id, author: author.clone(), body: body.to_owned(), visibility, created_at: at })
}

fn visibility_str(v: Visibility) -> &'static str {
    match v {
        Visibility::Public => "public",
        Visibility::Internal => "internal",
    }
}

/// The comments of a ticket of `org`, oldest first (none for another organisation's);
/// internal ones only when `with_internal`.
pub async fn comments(tx: &mut Tx, org: Uuid, ticket: Uuid, with_internal: bool) -> sqlx::Result<Vec<Comment>> {
    #[derive(FromRow)]
    struct CommentRow {
        id: Uuid,
        uid: Uuid,
        name: String,
        email: String,
        body: String,
        visibility: String,
        created_at: DateTime<Utc>,
    }
    let rows: Vec<CommentRow> = sqlx::query_as(
        "SELECT c.id, u.id AS uid, u.name, u.email, c.body, c.visibility, c.created_at
         FROM ticket_comments c JOIN users u ON u.organisation_id = c.organisation_id AND u.id = c.author_id
         WHERE c.organisation_id = $1 AND c.ticket_id = $2 AND ($3 OR c.visibility = 'public')
         ORDER BY c.seq",
    )
    .bind(org)
    .bind(ticket)
    .bind(with_internal)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Comment {
            id: r.id,
            author: UserRef { id: r.uid, name: r.name, email: r.email },
            body: r.body,
            visibility: if r.visibility == "internal" { Visibility::Internal } else { Visibility::Public },
            created_at: r.created_at,
        })
        .collect())
}
