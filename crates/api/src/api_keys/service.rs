//! API keys for integrations: created by a signed-in person for themselves,
//! shown once, listed without the secret, revoked. A key acts as its owner with the
//! owner's current role, narrowed to its scopes (see `policy::authorize`).

use serde_json::json;
use shared_types::{ApiKey, CreateApiKeyRequest, CreatedApiKey};
use uuid::Uuid;

use crate::api_keys::queries as api_keys;
use crate::people::rules as people;
use crate::platform::auth::{api_key, Actor};
use crate::platform::error::{AppError, AppResult};
use crate::platform::input;
use crate::platform::state::AppState;
use crate::platform::{audit, db};
use crate::policy::{self, Action, Resource};

/// At most this many live keys per user.
pub const MAX_KEYS_PER_USER: usize = 20;

/// Creates a key for the caller. 422 for an empty name, no scopes, or an expiry in
/// the past.
pub async fn create(state: &AppState, actor: &Actor, req: CreateApiKeyRequest) -> AppResult<CreatedApiKey> {
    policy::authorize(actor, Resource::ApiKeys, Action::Create)?;
    input::validate(&req)?;
    let name = people::clean_name("Name", &req.name).map_err(|m| AppError::field("name", m))?;
    let mut scopes = req.scopes.clone();
    scopes.sort();
    scopes.dedup();
    if scopes.is_empty() {
        return Err(AppError::field("scopes", "Choose at least one scope"));
    }
    let now = state.clock.now();
    if req.expires_at.is_some_and(|at| at <= now) {
        return Err(AppError::field("expiresAt", "The expiry must be in the future"));
    }
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let live = api_keys::list(&mut tx, actor.organisation_id, Some(actor.user_id), None).await?;
    let usable = |k: &&shared_types::ApiKey| k.revoked_at.is_none() && k.expires_at.is_none_or(|at| at > now);
    if live.iter().filter(usable).count() >= MAX_KEYS_PER_USER {
        return Err(AppError::field("name", format!("You already have {MAX_KEYS_PER_USER} keys; revoke one first")));
    }
    let new = api_key::generate();
    let id = Uuid::new_v4();
    let row = api_keys::NewKey {
        id,
        organisation_id: actor.organisation_id,
        user_id: actor.user_id,
        name: &name,
        prefix: &new.prefix,
        hash: &new.hash,
        scopes: &scopes,
        created_at: now,
        expires_at: req.expires_at,
    };
    api_keys::insert(&mut tx, row).await?;
    let scope_names: Vec<&str> = scopes.iter().map(|s| s.as_str()).collect();
    let changes = json!({"name": name, "prefix": new.prefix, "scopes": scope_names, "expiresAt": req.expires_at});
    let entry = audit::Entry::by(actor, "api_key.created", ("api_key", id), changes, now);
    audit::record(&mut tx, entry).await?;
    let api_key = api_keys::list(&mut tx, actor.organisation_id, None, Some(id)).await?.pop();
    tx.commit().await?;
    let api_key = api_key.ok_or_else(|| AppError::internal("key vanished"))?;
    Ok(CreatedApiKey { key: new.key, api_key })
}

/// The caller's keys (admins: every key of the organisation).
pub async fn list(state: &AppState, actor: &Actor) -> AppResult<Vec<ApiKey>> {
    let scope = policy::authorize(actor, Resource::ApiKeys, Action::Read)?;
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let keys = api_keys::list(&mut tx, actor.organisation_id, scope.owner_filter(actor.user_id), None).await?;
    tx.commit().await?;
    Ok(keys)
}

/// Revokes a key of the caller (admins: any key of the organisation); 404 otherwise.
pub async fn revoke(state: &AppState, actor: &Actor, id: Uuid) -> AppResult<()> {
    let scope = policy::authorize(actor, Resource::ApiKeys, Action::Delete)?;
    let now = state.clock.now();
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    if !api_keys::revoke(&mut tx, actor.organisation_id, id, scope.owner_filter(actor.user_id), now).await? {
        return Err(AppError::not_found("API key"));
    }
    let entry = audit::Entry::by(actor, "api_key.revoked", ("api_key", id), json!({}), now);
    audit::record(&mut tx, entry).await?;
    Ok(tx.commit().await?)
}
