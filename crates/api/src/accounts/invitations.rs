//! Invitations: an admin invites someone by e-mail; accepting sets the
//! password and signs in.
//!
//! An invited user is a normal, active user row whose password hash is an argon2id
//! hash of 32 random bytes nobody knows, so no password signs in until the invitation
//! is accepted. It is *pending* while an unused, unexpired invitation token exists
//! (`UserAccount.invitationPending`). Inviting the same address again while the user
//! never accepted issues a fresh link (the old one stops working) and updates name,
//! role and unit.

use rand::RngCore;
use serde_json::json;
use shared_types::events::{self, DomainEvent};
use shared_types::{Invitation, InvitationRequest, LoginRequest, TokenPasswordRequest};
use uuid::Uuid;

use crate::accounts::queries::user_tokens;
use crate::accounts::session as auth;
use crate::accounts::session::Session;
use crate::accounts::tokens::{self, Purpose};
use crate::mail::queries as outbox;
use crate::mail::{self, messages};
use crate::people::queries::{accounts, users};
use crate::people::rules as people;
use crate::people::service::{check_unit, email_taken};
use crate::platform::auth::{password, Actor};
use crate::platform::db::{self, Tx};
use crate::platform::error::{AppError, AppResult};
use crate::platform::input;
use crate::platform::state::AppState;
use crate::platform::{audit, events as event_log};
use crate::policy::{self, Action, Resource};

/// A password hash that no password matches (the hash of 32 random bytes).
async fn unusable_hash(state: &AppState) -> AppResult<String> {
    let mut secret = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut secret);
    password::hash(state, base64::Engine::encode(&base64::engine::general_purpose::STANDARD, secret)).await
}

/// Updates a never-accepted invitee of `org` to the new invitation's name, role and
/// unit.
/// Gives a never-accepted invitee the new invitation's name, role and unit; returns the
/// fields that changed (`name`, `role`, `unitId`).
async fn refresh_invitee(
    tx: &mut Tx,
    org: Uuid,
    id: Uuid,
    req: &InvitationRequest,
    name: &str,
) -> sqlx::Result<Vec<String>> {
    let changed: Option<(bool, bool, bool)> = sqlx::query_as(
        "UPDATE users u SET name = $3, role = $4, unit_id = $5
         FROM (SELECT name, role, unit_id FROM users WHERE organisation_id = $1 AND id = $2) old
         WHERE u.organisation_id = $1 AND u.id = $2
         RETURNING old.name IS DISTINCT FROM $3, old.role IS DISTINCT FROM $4, old.unit_id IS DISTINCT FROM $5",
    )
    .bind(org)
    .bind(id)
    .bind(name)
    .bind(req.role.as_str())
    .bind(req.unit_id)
    .fetch_optional(&mut **tx)
    .await?;
    let (n, r, u) = changed.unwrap_or_default();
    Ok([("name", n), ("role", r), ("unitId", u)].iter().filter(|f| f.1).map(|f| f.0.to_owned()).collect())
}

/// Invites `req.email` into the actor's organisation (admins only): creates the user
/// (or refreshes a never-accepted invitee), issues a token valid for
/// [`tokens::INVITATION_DAYS`] days and queues the e-mail with the link
/// `{app_url}/accept-invitation?token=…`, all in one transaction. 409 when the address
/// has an account; 422 for an invalid e-mail, name or unit.
pub async fn invite(state: &AppState, actor: &Actor, req: InvitationRequest) -> AppResult<Invitation> {
    policy::authorize(actor, Resource::Invitations, Action::Create)?;
    input::validate(&req)?;
    let email = people::clean_email(&req.email).map_err(|m| AppError::field("email", m))?;
    let name = people::clean_name("Name", &req.name).map_err(|m| AppError::field("name", m))?;
    let hash = unusable_hash(state).await?;
    let now = state.clock.now();
    let org = actor.organisation_id;
    let mut tx = db::begin_org(&state.pool, org).await?;
    check_unit(&mut tx, org, req.unit_id).await?;
    let inviter =
        users::get_active(&mut tx, org, actor.user_id).await?.ok_or_else(|| AppError::forbidden("Inactive"))?;
    // Invited before and never accepted: the fields the new invitation changed.
    let mut refreshed: Option<Vec<String>> = None;
    let (user_id, again) = match user_tokens::never_accepted_invitee(&mut tx, org, &email).await? {
        Some((id, true)) => {
            refreshed = Some(refresh_invitee(&mut tx, org, id, &req, &name).await?);
            user_tokens::expire_unused(&mut tx, org, id, Purpose::Invitation, now).await?;
            (id, true)
        }
        Some((_, false)) => return Err(email_taken()),
        None => {
            let id = Uuid::new_v4();
            let new = accounts::NewUser {
                id,
                organisation_id: org,
                email: &email,
                name: &name,
                role: req.role,
                unit_id: req.unit_id,
                password_hash: &hash,
                now,
            };
            let inserted = accounts::insert(&mut tx, new).await;
            inserted.map_err(|e| if accounts::is_email_conflict(&e) { email_taken() } else { e.into() })?;
            (id, false)
        }
    };
    let issued = tokens::issue(&mut tx, org, user_id, Purpose::Invitation, Some(actor.user_id), now).await?;
    let link = mail::link(&state.app_url, "accept-invitation", &issued.token);
    let draft = messages::invitation(&name, &inviter.organisation_name, &inviter.name, &link, issued.expires_at);
    outbox::insert(&mut tx, org, &email, &draft, now).await?;
    let entry = audit::Entry {
        organisation_id: org,
        actor_id: Some(actor.user_id),
        action: "user.invited",
        entity_type: "user",
        entity_id: Some(user_id),
        changes: json!({"email": email, "role": req.role.as_str(), "unitId": req.unit_id, "again": again}),
        at: now,
    };
    audit::record(&mut tx, entry).await?;
    let event = match refreshed {
        Some(fields) if fields.is_empty() => None,
        Some(fields) => Some(DomainEvent::UserUpdated(events::UserUpdated { user_id, fields })),
        None => Some(DomainEvent::UserCreated(events::UserCreated { user_id, role: req.role })),
    };
    event_log::by(&mut tx, actor, now, event.as_slice()).await?;
    tx.commit().await?;
    Ok(Invitation { user_id, email, expires_at: issued.expires_at })
}

/// Accepts an invitation: sets the password (policy-checked, 422) if the token is
/// unused, unexpired and of an active user (else 400), then signs in.
pub async fn accept(state: &AppState, req: TokenPasswordRequest, user_agent: Option<String>) -> AppResult<Session> {
    input::validate(&req)?;
    let redeemed = tokens::redeem(state, &req.token, Purpose::Invitation, req.password.clone()).await?;
    let mut tx = redeemed.tx;
    let entry = audit::Entry {
        organisation_id: redeemed.organisation_id,
        actor_id: Some(redeemed.user_id),
        action: "user.invitation_accepted",
        entity_type: "user",
        entity_id: Some(redeemed.user_id),
        changes: json!({}),
        at: redeemed.now,
    };
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    auth::login(state, LoginRequest { email: redeemed.email, password: req.password }, user_agent).await
}
