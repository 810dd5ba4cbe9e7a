//! Administering people (`/users`): list and read within the caller's scope; create,
//! update and deactivate as an admin. Deactivation never deletes: tickets and history
//! stay, and every refresh token and API key of the user is revoked in the same
//! transaction.

use serde_json::json;
use shared_types::events::{self, DomainEvent};
use shared_types::{CreateUserRequest, ErrorCode, Pagination, Role, UpdateUserRequest, UserAccount};
use uuid::Uuid;

use crate::accounts::password_policy;
use crate::people::queries::{accounts, users};
use crate::people::rules as people;
use crate::platform::auth::{password, Actor};
use crate::platform::db::{self, Tx};
use crate::platform::error::{AppError, AppResult};
use crate::platform::input;
use crate::platform::paging::{PageQuery, PageRequest};
use crate::platform::state::AppState;
use crate::platform::{audit, events as event_log};
use crate::policy::{self, Action, Resource, Scope};

pub use crate::people::queries::accounts::Filter;

/// The units whose users `actor` reaches with `scope`; `None` for the whole
/// organisation.
pub async fn reach(tx: &mut Tx, actor: &Actor, scope: Scope) -> AppResult<Option<Vec<Uuid>>> {
    let reach = policy::people::reach(actor.role, scope);
    if reach.everyone {
        return Ok(None);
    }
    let mut units = Vec::new();
    if reach.own_units {
        units.extend(users::own_unit_subtree(tx, actor.organisation_id, actor.user_id).await?);
    }
    if reach.managed_units {
        units.extend(users::managed_unit_subtree(tx, actor.organisation_id, actor.user_id).await?);
    }
    Ok(Some(units))
}

/// One page of the users `actor` may read, by name; with the total.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: Filter,
    page: PageQuery,
) -> AppResult<(Vec<UserAccount>, Pagination)> {
    let scope = policy::authorize(actor, Resource::Users, Action::Read)?;
    let paging = PageRequest::new(page.page, page.limit, 50)?;
    let (rows, total) = list_within(state, actor, scope, filter, paging.limit, paging.offset()).await?;
    Ok((rows, paging.pagination(total)))
}

/// The people of `filter` within `scope`, which [`policy::authorize`] granted the caller
/// for reading users: for entry points that have authorised already.
pub async fn list_within(
    state: &AppState,
    actor: &Actor,
    scope: Scope,
    mut filter: Filter,
    limit: u32,
    offset: u64,
) -> AppResult<(Vec<UserAccount>, i64)> {
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    filter.units = reach(&mut tx, actor, scope).await?;
    let page = accounts::list(&mut tx, actor.organisation_id, state.clock.now(), &filter, limit, offset).await?;
    tx.commit().await?;
    Ok(page)
}

/// Up to 20 active people whose name or e-mail contains `q`, for pickers.
pub async fn lookup(state: &AppState, actor: &Actor, q: &str) -> AppResult<Vec<shared_types::UserRef>> {
    policy::authorize(actor, Resource::Directory, Action::Read)?;
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let filter =
        Filter { active: Some(true), q: Some(q.trim().to_owned()).filter(|q| !q.is_empty()), ..Default::default() };
    let (rows, _) = accounts::list(&mut tx, actor.organisation_id, state.clock.now(), &filter, 20, 0).await?;
    tx.commit().await?;
    Ok(rows.into_iter().map(|u| shared_types::UserRef { id: u.id, name: u.name, email: u.email }).collect())
}

/// A user the caller may read; 404 otherwise.
pub async fn get(state: &AppState, actor: &Actor, id: Uuid) -> AppResult<UserAccount> {
    let scope = policy::authorize(actor, Resource::Users, Action::Read)?;
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let units = reach(&mut tx, actor, scope).await?;
    let user = accounts::get(&mut tx, actor.organisation_id, state.clock.now(), id).await?;
    tx.commit().await?;
    user.filter(|u| units.as_ref().is_none_or(|units| u.unit_id.is_some_and(|x| units.contains(&x))))
        .ok_or_else(|| AppError::not_found("User"))
}

/// 422 on `unitId` unless `unit` is absent or a unit of `org`.
pub(crate) async fn check_unit(tx: &mut Tx, org: Uuid, unit: Option<Uuid>) -> AppResult<()> {
    match unit {
        Some(u) if !accounts::unit_exists(tx, org, u).await? => Err(AppError::field("unitId", "No such unit")),
        _ => Ok(()),
    }
}

/// 409: the e-mail address has an account (in any organisation).
pub(crate) fn email_taken() -> AppError {
    AppError::new(ErrorCode::Conflict, "This e-mail address already has an account")
}

/// Creates a user with an initial password (policy-checked). 409 for a taken e-mail.
pub async fn create(state: &AppState, actor: &Actor, req: CreateUserRequest) -> AppResult<UserAccount> {
    policy::authorize(actor, Resource::Users, Action::Create)?;
    input::validate(&req)?;
    let email = people::clean_email(&req.email).map_err(|m| AppError::field("email", m))?;
    let name = people::clean_name("Name", &req.name).map_err(|m| AppError::field("name", m))?;
    password_policy::check("password", &req.password)?;
    let hash = password::hash(state, req.password).await?;
    let now = state.clock.now();
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    check_unit(&mut tx, actor.organisation_id, req.unit_id).await?;
    let id = Uuid::new_v4();
    let new = accounts::NewUser {
        id,
        organisation_id: actor.organisation_id,
        email: &email,
        name: &name,
        role: req.role,
        unit_id: req.unit_id,
        password_hash: &hash,
        now,
    };
    accounts::insert(&mut tx, new).await.map_err(|e| {
        if accounts::is_email_conflict(&e) {
            email_taken()
        } else {
            e.into()
        }
    })?;
    let changes = json!({"email": email, "role": req.role.as_str(), "unitId": req.unit_id});
    record(&mut tx, actor, "user.created", id, changes, now).await?;
    let user = accounts::get(&mut tx, actor.organisation_id, now, id)
        .await?
        .ok_or_else(|| AppError::internal("user vanished"))?;
    let created = events::UserCreated { user_id: id, role: req.role };
    event_log::by(&mut tx, actor, now, &[DomainEvent::UserCreated(created)]).await?;
    tx.commit().await?;
    Ok(user)
}

async fn record(
    tx: &mut Tx,
    actor: &Actor,
    action: &str,
    user: Uuid,
    changes: serde_json::Value,
    at: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    Ok(audit::record(tx, audit::Entry::by(actor, action, ("user", user), changes, at)).await?)
}

/// Applies an admin's changes. Role changes and (de)activation are audited as their
/// own security events; admins cannot demote or deactivate themselves (409), so an
/// organisation never loses its last admin by accident.
pub async fn update(state: &AppState, actor: &Actor, id: Uuid, req: UpdateUserRequest) -> AppResult<UserAccount> {
    policy::authorize(actor, Resource::Users, Action::Update)?;
    input::validate(&req)?;
    let now = state.clock.now();
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let admins = accounts::lock_admins(&mut tx, actor.organisation_id).await?;
    let before = accounts::lock_editable(&mut tx, actor.organisation_id, id)
        .await?
        .ok_or_else(|| AppError::not_found("User"))?;
    let mut after = before.clone();
    if let Some(email) = &req.email {
        after.email = people::clean_email(email).map_err(|m| AppError::field("email", m))?;
    }
    if let Some(name) = &req.name {
        after.name = people::clean_name("Name", name).map_err(|m| AppError::field("name", m))?;
    }
    if let Some(role) = req.role {
        after.role = role;
    }
    if req.clear_unit == Some(true) {
        after.unit_id = None;
    } else if req.unit_id.is_some() {
        check_unit(&mut tx, actor.organisation_id, req.unit_id).await?;
        after.unit_id = req.unit_id;
    }
    if let Some(active) = req.is_active {
        after.is_active = active;
    }
    apply(&mut tx, actor, id, (&before, &after), &admins, now).await?;
    let user =
        accounts::get(&mut tx, actor.organisation_id, now, id).await?.ok_or_else(|| AppError::not_found("User"))?;
    tx.commit().await?;
    Ok(user)
}

/// Deactivates a user (`DELETE /users/{id}`): revokes its sessions and keys at once.
pub async fn deactivate(state: &AppState, actor: &Actor, id: Uuid) -> AppResult<()> {
    policy::authorize(actor, Resource::Users, Action::Delete)?;
    let now = state.clock.now();
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let admins = accounts::lock_admins(&mut tx, actor.organisation_id).await?;
    let before = accounts::lock_editable(&mut tx, actor.organisation_id, id)
        .await?
        .ok_or_else(|| AppError::not_found("User"))?;
    let after = accounts::Editable { is_active: false, ..before.clone() };
    apply(&mut tx, actor, id, (&before, &after), &admins, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Saves `change` (before, after) of user `id` with its audit entries. `admins` are
/// the organisation's active admins, locked: the last one is never demoted or
/// deactivated (409), whoever asks.
async fn apply(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    (before, after): (&accounts::Editable, &accounts::Editable),
    admins: &[Uuid],
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    if id == actor.user_id && (after.role != before.role || !after.is_active) {
        return Err(AppError::new(ErrorCode::Conflict, "You cannot change your own role or deactivate yourself"));
    }
    let loses_admin = admins.contains(&id) && (after.role != Role::Admin || !after.is_active);
    if loses_admin && admins.len() <= 1 {
        return Err(AppError::new(ErrorCode::Conflict, "An organisation keeps at least one active admin"));
    }
    if before == after {
        return Ok(());
    }
    accounts::save_editable(tx, actor.organisation_id, id, after, now).await.map_err(|e| {
        if accounts::is_email_conflict(&e) {
            email_taken()
        } else {
            e.into()
        }
    })?;
    if after.role != before.role {
        let changes = json!({"from": before.role.as_str(), "to": after.role.as_str()});
        record(tx, actor, "user.role_changed", id, changes, now).await?;
    }
    if after.is_active != before.is_active {
        let (tokens, keys) = if after.is_active {
            (0, 0)
        } else {
            accounts::revoke_credentials(tx, actor.organisation_id, id, now).await?
        };
        let action = if after.is_active { "user.activated" } else { "user.deactivated" };
        record(tx, actor, action, id, json!({"revokedSessions": tokens, "revokedKeys": keys}), now).await?;
    }
    let (b, a) = (before, after);
    if b.email != a.email {
        accounts::void_tokens(tx, actor.organisation_id, id, now).await?;
    }
    if (&b.email, &b.name, b.unit_id) != (&a.email, &a.name, a.unit_id) {
        let changes =
            json!({"email": [&b.email, &a.email], "name": [&b.name, &a.name], "unitId": [b.unit_id, a.unit_id]});
        record(tx, actor, "user.updated", id, changes, now).await?;
    }
    let fields = [
        ("email", b.email != a.email),
        ("name", b.name != a.name),
        ("role", b.role != a.role),
        ("unitId", b.unit_id != a.unit_id),
        ("isActive", b.is_active != a.is_active),
    ];
    let fields = fields.iter().filter(|f| f.1).map(|f| f.0.to_owned()).collect();
    let updated = events::UserUpdated { user_id: id, fields };
    event_log::by(tx, actor, now, &[DomainEvent::UserUpdated(updated)]).await?;
    Ok(())
}
