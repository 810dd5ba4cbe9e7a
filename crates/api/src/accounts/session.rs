//! Sign-in, refresh-token rotation and sign-out (RFC 9700 §4.14.2: rotation, and reuse
//! of a rotated token revokes the whole family).

use chrono::Duration;
use serde_json::json;
use shared_types::{ErrorCode, LoginRequest, TokenResponse, User};
use uuid::Uuid;

use crate::accounts::queries::refresh_tokens;
use crate::accounts::throttle;
use crate::people::queries::users;
use crate::platform::auth::{jwt, password, refresh, Actor};
use crate::platform::error::{AppError, AppResult};
use crate::platform::input;
use crate::platform::state::AppState;
use crate::platform::{audit, db};

/// A successful sign-in or refresh: the body to send and the new refresh token for
/// the cookie.
pub struct Session {
    pub body: TokenResponse,
    pub refresh_token: String,
}

fn invalid_credentials() -> AppError {
    AppError::new(ErrorCode::InvalidCredentials, "E-mail or password is incorrect")
}

fn token_response(state: &AppState, user: User, session: Uuid) -> AppResult<TokenResponse> {
    let now = state.clock.now().timestamp();
    let access_token = state
        .jwt
        .issue(user.id, user.organisation_id, user.role, Some(session), now)
        .map_err(|e| AppError::internal(format!("signing failed: {e}")))?;
    Ok(TokenResponse { access_token, token_type: "Bearer".into(), expires_in: jwt::ACCESS_TOKEN_SECONDS as u64, user })
}

/// [`login_from`] without a known client address (sign-in right after setting a
/// password: registration, accepted invitation).
pub async fn login(state: &AppState, req: LoginRequest, user_agent: Option<String>) -> AppResult<Session> {
    login_from(state, req, Client { user_agent, address: None }).await
}

/// Where a sign-in comes from: the `User-Agent` (kept with the session) and the client
/// address (for throttling).
#[derive(Debug, Clone, Default)]
pub struct Client {
    pub user_agent: Option<String>,
    pub address: Option<String>,
}

/// Checks the password (the same work and answer for an unknown e-mail, an inactive
/// user or a wrong password), then starts a token family. Throttled per account and
/// per client address (429 with `Retry-After`); a failure on a known account is in
/// its organisation's audit log as `auth.login_failed`.
pub async fn login_from(state: &AppState, req: LoginRequest, client: Client) -> AppResult<Session> {
    input::validate(&req)?;
    let keys = throttle::Keys::login(&req.email, client.address.as_deref());
    throttle::attempt(state, &keys).await?;
    let found = users::auth_by_email(&state.pool, &req.email).await?;
    let ok = password::verify(state, req.password, found.as_ref().map(|f| f.password_hash.clone())).await?;
    let found = match found {
        Some(f) if ok && f.is_active => f,
        other => {
            if let Some(f) = other {
                login_failed(state, &f, client.address.as_deref()).await?;
            }
            return Err(invalid_credentials());
        }
    };
    throttle::succeeded(state, &keys).await?;
    let user_agent = client.user_agent;
    let now = state.clock.now();
    let mut tx = db::begin_org(&state.pool, found.organisation_id).await?;
    let user = users::get_active(&mut tx, found.organisation_id, found.id).await?.ok_or_else(invalid_credentials)?;
    let token = refresh::generate();
    let family = Uuid::new_v4();
    refresh_tokens::insert(
        &mut tx,
        refresh_tokens::NewToken {
            organisation_id: user.organisation_id,
            user_id: user.id,
            family_id: family,
            parent_id: None,
            hash: &refresh::digest(&token),
            family_issued_at: now,
            issued_at: now,
            expires_at: now + Duration::days(refresh::IDLE_DAYS),
            user_agent: user_agent.as_deref(),
        },
    )
    .await?;
    let entry = audit::Entry {
        organisation_id: user.organisation_id,
        actor_id: Some(user.id),
        action: "auth.login",
        entity_type: "user",
        entity_id: Some(user.id),
        changes: json!({"client": client.address}),
        at: now,
    };
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(Session { body: token_response(state, user, family)?, refresh_token: token })
}

async fn login_failed(state: &AppState, user: &users::AuthRow, address: Option<&str>) -> AppResult<()> {
    let mut tx = db::begin_org(&state.pool, user.organisation_id).await?;
    let entry = audit::Entry {
        organisation_id: user.organisation_id,
        actor_id: Some(user.id),
        action: "auth.login_failed",
        entity_type: "user",
        entity_id: Some(user.id),
        changes: json!({"client": address, "inactive": !user.is_active}),
        at: state.clock.now(),
    };
    audit::record(&mut tx, entry).await?;
    Ok(tx.commit().await?)
}

fn refresh_rejected() -> AppError {
    AppError::unauthenticated("The session has ended; sign in again")
}

/// Rotates a refresh token: the presented one becomes used and a new one of the same
/// family is issued. A used or revoked token revokes its whole family (committed)
/// and answers 401.
pub async fn rotate(state: &AppState, token: &str, user_agent: Option<String>) -> AppResult<Session> {
    let hash = refresh::digest(token);
    let org = refresh_tokens::organisation_of(&state.pool, &hash).await?.ok_or_else(refresh_rejected)?;
    let now = state.clock.now();
    let mut tx = db::begin_org(&state.pool, org).await?;
    let stored = refresh_tokens::find_for_update(&mut tx, org, &hash).await?.ok_or_else(refresh_rejected)?;
    if stored.used_at.is_some() || stored.revoked_at.is_some() {
        let revoked = refresh_tokens::revoke_family(&mut tx, org, stored.family_id, now).await?;
        let entry = audit::Entry {
            organisation_id: org,
            actor_id: Some(stored.user_id),
            action: "auth.refresh_reuse_detected",
            entity_type: "user",
            entity_id: Some(stored.user_id),
            changes: json!({"familyId": stored.family_id, "revoked": revoked}),
            at: now,
        };
        audit::record(&mut tx, entry).await?;
        tx.commit().await?;
        tracing::warn!(user.id = %stored.user_id, "refresh token reuse: family revoked");
        return Err(refresh_rejected());
    }
    let absolute_end = stored.family_issued_at + Duration::days(refresh::ABSOLUTE_DAYS);
    if stored.expires_at <= now || absolute_end <= now {
        return Err(refresh_rejected());
    }
    let user = users::get_active(&mut tx, org, stored.user_id).await?.ok_or_else(refresh_rejected)?;
    refresh_tokens::mark_used(&mut tx, org, stored.id, now).await?;
    let next = refresh::generate();
    refresh_tokens::insert(
        &mut tx,
        refresh_tokens::NewToken {
            organisation_id: org,
            user_id: user.id,
            family_id: stored.family_id,
            parent_id: Some(stored.id),
            hash: &refresh::digest(&next),
            family_issued_at: stored.family_issued_at,
            issued_at: now,
            expires_at: (now + Duration::days(refresh::IDLE_DAYS)).min(absolute_end),
            user_agent: user_agent.as_deref(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Session { body: token_response(state, user, stored.family_id)?, refresh_token: next })
}

/// Ends the session of `token`: its family is revoked. Unknown tokens are ignored
/// (sign-out always succeeds).
pub async fn logout(state: &AppState, token: &str) -> AppResult<()> {
    let hash = refresh::digest(token);
    let Some(org) = refresh_tokens::organisation_of(&state.pool, &hash).await? else {
        return Ok(());
    };
    let now = state.clock.now();
    let mut tx = db::begin_org(&state.pool, org).await?;
    if let Some(stored) = refresh_tokens::find_for_update(&mut tx, org, &hash).await? {
        refresh_tokens::revoke_family(&mut tx, org, stored.family_id, now).await?;
        audit::record(&mut tx, logout_entry(org, stored.user_id, now)).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Ends the session an access token belongs to (its `sid`), for a client that signs
/// out with the bearer token and no cookie. An API key has no session: nothing ends.
pub async fn logout_actor(state: &AppState, actor: &Actor) -> AppResult<()> {
    let Some(session) = actor.session_id else { return Ok(()) };
    let (org, now) = (actor.organisation_id, state.clock.now());
    let mut tx = db::begin_org(&state.pool, org).await?;
    if crate::me::queries::revoke(&mut tx, org, actor.user_id, session, now).await? > 0 {
        audit::record(&mut tx, logout_entry(org, actor.user_id, now)).await?;
    }
    tx.commit().await?;
    Ok(())
}

fn logout_entry(org: Uuid, user: Uuid, now: chrono::DateTime<chrono::Utc>) -> audit::Entry<'static> {
    audit::Entry {
        organisation_id: org,
        actor_id: Some(user),
        action: "auth.logout",
        entity_type: "user",
        entity_id: Some(user),
        changes: json!({}),
        at: now,
    }
}
