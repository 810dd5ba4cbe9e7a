//! What e-mail was sent (`GET /outbox/emails`), for admins: in development and in
//! production alike, the way to see that invitations and resets went out.

use shared_types::OutboxEmail;

use crate::mail::messages;
use crate::mail::queries as outbox;
use crate::platform::auth::Actor;
use crate::platform::db;
use crate::platform::error::AppResult;
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
    page: u32,
    limit: u32,
) -> AppResult<(Vec<OutboxEmail>, i64)> {
    policy::authorize(actor, Resource::Outbox, Action::Read)?;
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let offset = u64::from(page.saturating_sub(1)) * u64::from(limit);
    let (mut emails, total) = outbox::list(&mut tx, actor.organisation_id, status, limit, offset).await?;
    tx.commit().await?;
    for e in emails.iter_mut() {
        e.body_text = messages::redact_tokens(&e.body_text);
    }
    Ok((emails, total))
}
