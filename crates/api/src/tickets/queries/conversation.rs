//! Writing a ticket's comments (reading them, with the history, is `ticket_detail`:
//! see [`super::detail`]). Every query names its organisation
//! (`organisation_id = $org`); row-level security is the second wall.

use chrono::{DateTime, Utc};
use shared_types::{Comment, UserRef, Visibility};
use uuid::Uuid;

use crate::platform::db::Tx;

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
