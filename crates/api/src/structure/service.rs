//! The organisation's structure: departments, the unit tree and unit managers. Every
//! person belongs to at most one unit; a unit belongs to a department. Everyone in an
//! organisation reads it (unit pickers need it); admins change it.

use serde_json::json;
use shared_types::events::{DomainEvent, EntryChanged, UnitManagerChanged};
use shared_types::{Department, DepartmentInput, ErrorCode, Unit, UnitInput, UserAccount, UserRef};
use uuid::Uuid;

use crate::people::queries::accounts;
use crate::people::rules as people;
use crate::platform::auth::Actor;
use crate::platform::db::{self, Tx};
use crate::platform::error::{AppError, AppResult};
use crate::platform::input;
use crate::platform::state::AppState;
use crate::platform::{audit, events as event_log};
use crate::policy::{self, Action, Resource};
use crate::structure::queries as structure;

async fn begin(state: &AppState, actor: &Actor, action: Action) -> AppResult<Tx> {
    policy::authorize(actor, Resource::Structure, action)?;
    Ok(db::begin_org(&state.pool, actor.organisation_id).await?)
}

/// Writes a change's audit entry and its domain events.
async fn record(
    state: &AppState,
    tx: &mut Tx,
    actor: &Actor,
    (action, entity, changes): (&str, (&str, Uuid), serde_json::Value),
    events: &[DomainEvent],
) -> AppResult<()> {
    let now = state.clock.now();
    audit::record(tx, audit::Entry::by(actor, action, entity, changes, now)).await?;
    event_log::by(tx, actor, now, events).await?;
    Ok(())
}

/// A created, renamed or deleted entry's event payload.
fn entry(id: Uuid, name: Option<&str>) -> EntryChanged {
    EntryChanged { id, name: name.map(str::to_owned) }
}

fn in_use(what: &str, e: sqlx::Error) -> AppError {
    match structure::violation(&e) {
        Some("unique") => AppError::field("name", format!("Another {what} already has this name")),
        Some(_) => AppError::new(ErrorCode::Conflict, format!("This {what} is still in use; move what uses it first")),
        None => e.into(),
    }
}

/// Every department.
pub async fn departments(state: &AppState, actor: &Actor) -> AppResult<Vec<Department>> {
    let mut tx = begin(state, actor, Action::Read).await?;
    let list = structure::departments(&mut tx, actor.organisation_id).await?;
    tx.commit().await?;
    Ok(list)
}

/// Creates (`id = None`) or renames a department.
pub async fn save_department(
    state: &AppState,
    actor: &Actor,
    id: Option<Uuid>,
    input: DepartmentInput,
) -> AppResult<Department> {
    let mut tx = begin(state, actor, if id.is_some() { Action::Update } else { Action::Create }).await?;
    input::validate(&input)?;
    let name = people::clean_name("Name", &input.name).map_err(|m| AppError::field("name", m))?;
    if let Some(id) = id {
        if !structure::department_exists(&mut tx, actor.organisation_id, id).await? {
            return Err(AppError::not_found("Department"));
        }
    }
    let existed = id.is_some();
    let id = id.unwrap_or_else(Uuid::new_v4);
    let saved = structure::save_department(&mut tx, actor.organisation_id, id, &name, input.is_service_owner)
        .await
        .map_err(|e| in_use("department", e))?;
    if saved == 0 {
        return Err(AppError::not_found("Department"));
    }
    let event = if existed { DomainEvent::DepartmentUpdated } else { DomainEvent::DepartmentCreated };
    let audited = ("department.saved", ("department", id), json!({"name": name}));
    record(state, &mut tx, actor, audited, &[event(entry(id, Some(&name)))]).await?;
    let saved = structure::departments(&mut tx, actor.organisation_id).await?.into_iter().find(|d| d.id == id);
    tx.commit().await?;
    saved.ok_or_else(|| AppError::internal("department vanished"))
}

/// Deletes a department without units (409 otherwise).
pub async fn delete_department(state: &AppState, actor: &Actor, id: Uuid) -> AppResult<()> {
    let mut tx = begin(state, actor, Action::Delete).await?;
    let n =
        structure::delete_department(&mut tx, actor.organisation_id, id).await.map_err(|e| in_use("department", e))?;
    if n == 0 {
        return Err(AppError::not_found("Department"));
    }
    let audited = ("department.deleted", ("department", id), json!({}));
    record(state, &mut tx, actor, audited, &[DomainEvent::DepartmentDeleted(entry(id, None))]).await?;
    Ok(tx.commit().await?)
}

/// Every unit, parents first. Managers (people) are listed only to callers who may
/// read people (`Users`/`Read`); others get the structure alone.
pub async fn units(state: &AppState, actor: &Actor) -> AppResult<Vec<Unit>> {
    let mut tx = begin(state, actor, Action::Read).await?;
    let mut list = structure::units(&mut tx, actor.organisation_id).await?;
    tx.commit().await?;
    if policy::authorize(actor, Resource::Users, Action::Read).is_err() {
        list.iter_mut().for_each(|u| u.managers.clear());
    }
    Ok(list)
}

/// One unit.
pub async fn unit(state: &AppState, actor: &Actor, id: Uuid) -> AppResult<Unit> {
    units(state, actor).await?.into_iter().find(|u| u.id == id).ok_or_else(|| AppError::not_found("Unit"))
}

/// Creates (`id = None`) or changes a unit. A parent that is the unit itself or one of
/// its descendants is a 422 on `parentId`: the tree stays acyclic.
pub async fn save_unit(state: &AppState, actor: &Actor, id: Option<Uuid>, input: UnitInput) -> AppResult<Unit> {
    let mut tx = begin(state, actor, if id.is_some() { Action::Update } else { Action::Create }).await?;
    input::validate(&input)?;
    let name = people::clean_name("Name", &input.name).map_err(|m| AppError::field("name", m))?;
    let parents = structure::parents_locked(&mut tx, actor.organisation_id).await?;
    if id.is_some_and(|id| !parents.contains_key(&id)) {
        return Err(AppError::not_found("Unit"));
    }
    if !structure::department_exists(&mut tx, actor.organisation_id, input.department_id).await? {
        return Err(AppError::field("departmentId", "No such department"));
    }
    let existed = id.is_some();
    let id = id.unwrap_or_else(Uuid::new_v4);
    if let Some(parent) = input.parent_id {
        if !parents.contains_key(&parent) {
            return Err(AppError::field("parentId", "No such unit"));
        }
        if people::would_cycle(&parents, id, parent) {
            return Err(AppError::field("parentId", "A unit cannot be placed under itself or one of its sub-units"));
        }
    }
    let row = structure::UnitRow {
        id,
        organisation_id: actor.organisation_id,
        name: &name,
        department_id: input.department_id,
        parent_id: input.parent_id,
    };
    structure::save_unit(&mut tx, row).await.map_err(|e| in_use("unit", e))?;
    let changes = json!({"name": name, "departmentId": input.department_id, "parentId": input.parent_id});
    let event = if existed { DomainEvent::UnitUpdated } else { DomainEvent::UnitCreated };
    record(state, &mut tx, actor, ("unit.saved", ("unit", id), changes), &[event(entry(id, Some(&name)))]).await?;
    let saved = structure::units(&mut tx, actor.organisation_id).await?.into_iter().find(|u| u.id == id);
    tx.commit().await?;
    saved.ok_or_else(|| AppError::internal("unit vanished"))
}

/// Deletes a unit nobody and nothing uses (409 otherwise).
pub async fn delete_unit(state: &AppState, actor: &Actor, id: Uuid) -> AppResult<()> {
    let mut tx = begin(state, actor, Action::Delete).await?;
    let (n, managers) =
        structure::delete_unit(&mut tx, actor.organisation_id, id).await.map_err(|e| in_use("unit", e))?;
    if n == 0 {
        return Err(AppError::not_found("Unit"));
    }
    let mut happened: Vec<DomainEvent> = managers
        .into_iter()
        .map(|user_id| DomainEvent::UnitManagerRemoved(UnitManagerChanged { unit_id: id, user_id }))
        .collect();
    happened.push(DomainEvent::UnitDeleted(entry(id, None)));
    let audited = ("unit.deleted", ("unit", id), json!({}));
    record(state, &mut tx, actor, audited, &happened).await?;
    Ok(tx.commit().await?)
}

/// The users of a unit (not of its sub-units), within the caller's reach of users.
pub async fn unit_users(state: &AppState, actor: &Actor, id: Uuid) -> AppResult<Vec<UserAccount>> {
    let scope = policy::authorize(actor, Resource::Users, Action::Read)?;
    unit(state, actor, id).await?;
    let filter = accounts::Filter { unit_id: Some(id), ..Default::default() };
    Ok(crate::people::service::list_within(state, actor, scope, filter, 500, 0).await?.0)
}

/// The managers of a unit (for callers who may read people).
pub async fn unit_managers(state: &AppState, actor: &Actor, id: Uuid) -> AppResult<Vec<UserRef>> {
    policy::authorize(actor, Resource::Users, Action::Read)?;
    Ok(unit(state, actor, id).await?.managers)
}

/// Adds (`add`) or removes a manager of a unit. The user must be an active member of
/// the organisation.
pub async fn set_manager(state: &AppState, actor: &Actor, unit: Uuid, user: Uuid, add: bool) -> AppResult<()> {
    let mut tx = begin(state, actor, Action::Update).await?;
    if !accounts::unit_exists(&mut tx, actor.organisation_id, unit).await? {
        return Err(AppError::not_found("Unit"));
    }
    if crate::people::queries::users::get_ref(&mut tx, actor.organisation_id, user).await?.is_none() {
        return Err(AppError::not_found("User"));
    }
    let changed = if add {
        structure::add_manager(&mut tx, actor.organisation_id, unit, user).await?
    } else {
        structure::remove_manager(&mut tx, actor.organisation_id, unit, user).await?
    };
    if changed > 0 {
        let (action, event) = if add {
            ("unit.manager_added", DomainEvent::UnitManagerAdded as fn(UnitManagerChanged) -> DomainEvent)
        } else {
            ("unit.manager_removed", DomainEvent::UnitManagerRemoved as fn(UnitManagerChanged) -> DomainEvent)
        };
        let audited = (action, ("unit", unit), json!({"userId": user}));
        record(state, &mut tx, actor, audited, &[event(UnitManagerChanged { unit_id: unit, user_id: user })]).await?;
    }
    Ok(tx.commit().await?)
}
