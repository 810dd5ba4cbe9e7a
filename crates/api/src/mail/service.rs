//! What e-mail was sent (`GET /outbox/emails`), for admins: in development and in
//! production alike, the way to see that invitations and resets went out.

use shared_types::{OutboxEmail, Pagination};

use crate::mail::messages;
use crate::mail::queries as outbox;
use crate::platform::auth::Actor;
use crate::platform::db;
use crate::platform::error::{AppError, AppResult};
use crate::platform::paging::{PageQuery, PageRequest};
use crate::platform::state::AppState;
use crate::policy::{self, Action, Resource};

/// The statuses an outbox row can have.
pub const STATUSES: [&str; 3] = ["pending", "sent", "failed"];

/// One page (1-based `page` of `limit`) of the organisation's e-mail, newest first,
/// optionally of one status; and the total. The tokens in links are hidden (and blanked
/// in the database once delivered): an admin reading the outbox must not be able to
/// reset someone's password or accept their invitation.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    status: Option<&str>,
    page: PageQuery,
) -> AppResult<(Vec<OutboxEmail>, Pagination)> {
    policy::authorize(actor, Resource::Outbox, Action::Read)?;
    let paging = PageRequest::new(page.page, page.limit, 20)?;
    let status = status.filter(|s| !s.is_empty());
    if let Some(s) = status.filter(|s| !STATUSES.contains(s)) {
        return Err(AppError::field("status", format!("{s:?} is not one of pending, sent, failed")));
    }
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let (mut emails, total) =
        outbox::list(&mut tx, actor.organisation_id, status, paging.limit, paging.offset()).await?;
    tx.commit().await?;
    for e in emails.iter_mut() {
        e.body_text = messages::redact_tokens(&e.body_text);
    }
    Ok((emails, paging.pagination(total)))
}
