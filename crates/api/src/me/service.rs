//! Self-service for the signed-in user: profile, password and sessions.

use serde_json::json;
use shared_types::events::{self, DomainEvent};
use shared_types::{ChangePasswordRequest, ErrorCode, Profile, Session, UpdateProfileRequest, User};
use uuid::Uuid;

use crate::accounts::queries::passwords;
use crate::accounts::{password_policy, throttle};
use crate::me::queries as sessions;
use crate::people::queries::users;
use crate::people::rules as people;
use crate::platform::auth::{password, Actor};
use crate::platform::db::{self, Tx};
use crate::platform::error::{AppError, AppResult};
use crate::platform::input;
use crate::platform::state::AppState;
use crate::platform::{audit, events as event_log};
use crate::policy::{self, Action, Resource};

async fn record(
    state: &AppState,
    tx: &mut Tx,
    actor: &Actor,
    action: &str,
    changes: serde_json::Value,
) -> AppResult<()> {
    let entry = audit::Entry::by(actor, action, ("user", actor.user_id), changes, state.clock.now());
    Ok(audit::record(tx, entry).await?)
}

fn gone() -> AppError {
    AppError::unauthenticated("This account is no longer active")
}

/// The caller's profile.
pub async fn profile(state: &AppState, actor: &Actor) -> AppResult<Profile> {
    policy::authorize(actor, Resource::Profile, Action::Read)?;
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let p = sessions::profile(&mut tx, actor.organisation_id, actor.user_id).await?.ok_or_else(gone)?;
    tx.commit().await?;
    Ok(p)
}

/// Changes name, locale and time zone; each checked (422 naming the field).
pub async fn update_profile(state: &AppState, actor: &Actor, req: UpdateProfileRequest) -> AppResult<Profile> {
    policy::authorize(actor, Resource::Profile, Action::Update)?;
    input::validate(&req)?;
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let mut p = sessions::profile(&mut tx, actor.organisation_id, actor.user_id).await?.ok_or_else(gone)?;
    let before = (p.name.clone(), p.locale.clone(), p.time_zone.clone());
    if let Some(name) = &req.name {
        p.name = people::clean_name("Name", name).map_err(|m| AppError::field("name", m))?;
    }
    if let Some(locale) = &req.locale {
        p.locale = people::check_locale(locale).map_err(|m| AppError::field("locale", m))?;
    }
    if let Some(zone) = &req.time_zone {
        p.time_zone = people::check_time_zone(zone).map_err(|m| AppError::field("timeZone", m))?;
    }
    let changed: Vec<String> =
        [("name", before.0 != p.name), ("locale", before.1 != p.locale), ("timeZone", before.2 != p.time_zone)]
            .iter()
            .filter(|f| f.1)
            .map(|f| f.0.to_owned())
            .collect();
    if changed.is_empty() {
        return Ok(p); // nothing changed: nothing to record
    }
    let now = state.clock.now();
    sessions::save_profile(&mut tx, actor.organisation_id, &p, now).await?;
    let changes =
        json!({"name": [&before.0, &p.name], "locale": [&before.1, &p.locale], "timeZone": [&before.2, &p.time_zone]});
    record(state, &mut tx, actor, "user.profile_updated", changes).await?;
    let updated = events::UserUpdated { user_id: actor.user_id, fields: changed };
    event_log::by(&mut tx, actor, now, &[DomainEvent::UserUpdated(updated)]).await?;
    tx.commit().await?;
    Ok(p)
}

/// Changes the password: the current one is required (401 `INVALID_CREDENTIALS`
/// otherwise, audited as `auth.password_change_failed` and throttled like sign-in, so a
/// stolen access token cannot guess it), the new one must pass the policy, and every
/// other session ends.
pub async fn change_password(state: &AppState, actor: &Actor, req: ChangePasswordRequest) -> AppResult<()> {
    policy::authorize(actor, Resource::Profile, Action::Update)?;
    input::validate(&req)?;
    password_policy::check("newPassword", &req.new_password)?;
    if req.new_password == req.current_password {
        return Err(AppError::field("newPassword", "Choose a password different from the current one"));
    }
    let keys = throttle::Keys::of("password", &actor.user_id.to_string(), None);
    throttle::attempt(state, &keys).await?;
    let stored = {
        let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
        let h = sessions::password_hash(&mut tx, actor.organisation_id, actor.user_id).await?.ok_or_else(gone)?;
        tx.commit().await?;
        h
    };
    if !password::verify(state, req.current_password, Some(stored)).await? {
        let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
        record(state, &mut tx, actor, "auth.password_change_failed", json!({})).await?;
        tx.commit().await?;
        return Err(AppError::new(ErrorCode::InvalidCredentials, "The current password is incorrect"));
    }
    throttle::succeeded(state, &keys).await?;
    let hash = password::hash(state, req.new_password).await?;
    let now = state.clock.now();
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    passwords::set_password(&mut tx, actor.organisation_id, actor.user_id, &hash, now).await?;
    let revoked = sessions::revoke_others(&mut tx, actor.organisation_id, actor.user_id, actor.session_id, now).await?;
    record(state, &mut tx, actor, "auth.password_changed", json!({"revokedTokens": revoked})).await?;
    Ok(tx.commit().await?)
}

/// The caller's live sessions.
pub async fn list_sessions(state: &AppState, actor: &Actor) -> AppResult<Vec<Session>> {
    policy::authorize(actor, Resource::Sessions, Action::Read)?;
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let list =
        sessions::live(&mut tx, actor.organisation_id, actor.user_id, state.clock.now(), actor.session_id).await?;
    tx.commit().await?;
    Ok(list)
}

/// Ends one of the caller's sessions (404 if it is not one of them).
pub async fn revoke_session(state: &AppState, actor: &Actor, id: Uuid) -> AppResult<()> {
    policy::authorize(actor, Resource::Sessions, Action::Delete)?;
    let now = state.clock.now();
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    if sessions::revoke(&mut tx, actor.organisation_id, actor.user_id, id, now).await? == 0 {
        return Err(AppError::not_found("Session"));
    }
    record(state, &mut tx, actor, "auth.session_revoked", json!({"sessionId": id})).await?;
    Ok(tx.commit().await?)
}

/// The signed-in user.
pub async fn me(state: &AppState, actor: &Actor) -> AppResult<User> {
    policy::authorize(actor, Resource::Profile, Action::Read)?;
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let user = users::get_active(&mut tx, actor.organisation_id, actor.user_id).await?;
    tx.commit().await?;
    user.ok_or_else(|| AppError::unauthenticated("This account is no longer active"))
}
