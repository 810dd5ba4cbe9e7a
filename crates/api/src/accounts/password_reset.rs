//! Password reset: a request e-mails a link that
//! works once for [`tokens::RESET_HOURS`] hour; using it sets a new password and ends
//! every session of the user.

use serde_json::json;
use shared_types::{PasswordResetRequest, TokenPasswordRequest};

use crate::accounts::throttle;
use crate::accounts::tokens::{self, Purpose};
use crate::mail::queries as outbox;
use crate::mail::{self, messages};
use crate::people::queries::users;
use crate::platform::auth::refresh;
use crate::platform::error::AppResult;
use crate::platform::input;
use crate::platform::state::AppState;
use crate::platform::{audit, db};

/// Requests a reset for `req.email`. The caller answers the same whatever happens here
/// (no account enumeration): for an active user a token is issued and the e-mail
/// queued, audited as `auth.password_reset_requested`; for an unknown or inactive
/// address, the same lookup and token generation happen and a transaction is opened
/// and rolled back, so the work (and time) is about the same. Requests are throttled
/// per address and per `client` like sign-ins (429), known address or not.
pub async fn request(state: &AppState, req: PasswordResetRequest, client: Option<&str>) -> AppResult<()> {
    input::validate(&req)?;
    let email = req.email.trim();
    throttle::attempt(state, &throttle::Keys::of("reset", email, client)).await?;
    let found = users::auth_by_email(&state.pool, email).await?.filter(|u| u.is_active);
    let now = state.clock.now();
    let Some(found) = found else {
        // The same shape of work as below, then nothing is kept.
        let _ = refresh::digest(&refresh::generate());
        let tx = db::begin_org(&state.pool, uuid::Uuid::nil()).await?;
        tx.rollback().await?;
        return Ok(());
    };
    let org = found.organisation_id;
    let mut tx = db::begin_org(&state.pool, org).await?;
    let Some(user) = users::get_active(&mut tx, org, found.id).await? else {
        tx.rollback().await?;
        return Ok(());
    };
    let issued = tokens::issue(&mut tx, org, user.id, Purpose::PasswordReset, None, now).await?;
    let link = mail::link(&state.app_url, "reset-password", &issued.token);
    let draft = messages::password_reset(&user.name, &link, issued.expires_at);
    outbox::insert(&mut tx, org, &user.email, &draft, now).await?;
    let entry = audit::Entry {
        organisation_id: org,
        actor_id: Some(user.id),
        action: "auth.password_reset_requested",
        entity_type: "user",
        entity_id: Some(user.id),
        changes: json!({}),
        at: now,
    };
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(())
}

/// Resets the password with an e-mailed token: 422 for a weak password, 400 for an
/// unknown, used or expired token; revokes every refresh token of the user (all its
/// sessions end) and is audited as `auth.password_reset`.
pub async fn reset(state: &AppState, req: TokenPasswordRequest) -> AppResult<()> {
    input::validate(&req)?;
    let redeemed = tokens::redeem(state, &req.token, Purpose::PasswordReset, req.password).await?;
    let mut tx = redeemed.tx;
    let revoked =
        crate::me::queries::revoke_others(&mut tx, redeemed.organisation_id, redeemed.user_id, None, redeemed.now)
            .await?;
    let entry = audit::Entry {
        organisation_id: redeemed.organisation_id,
        actor_id: Some(redeemed.user_id),
        action: "auth.password_reset",
        entity_type: "user",
        entity_id: Some(redeemed.user_id),
        changes: json!({"sessionsRevoked": revoked}),
        at: redeemed.now,
    };
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(())
}
