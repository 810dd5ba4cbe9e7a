//! Managing service items and their forms. Admins manage every item;
//! service owners (managers of a unit in the department that owns the item's
//! category) manage their department's items. Every form save is a new immutable
//! version; tickets keep the version they were filed under.

use serde_json::json;
use shared_types::events::{DomainEvent, EntryChanged};
use shared_types::{ErrorCode, FormVersion, ServiceItemAdmin, ServiceItemInput, ServiceItemTemplate};
use uuid::Uuid;

use crate::catalog::forms::queries as forms;
use crate::catalog::forms::rules as form_rules;
use crate::catalog::queries::{categories, items};
use crate::catalog::rules;
use crate::people::queries::accounts;
use crate::platform::auth::Actor;
use crate::platform::db::{self, Tx};
use crate::platform::error::{AppError, AppResult};
use crate::platform::input;
use crate::platform::state::AppState;
use crate::platform::{audit, events as event_log};
use crate::policy::catalog::ServiceOwnership;
use crate::policy::{self, Action, Resource, Scope};
use crate::structure::queries as structure;

/// Which items `actor` may change with `scope` (the decision is the policy's).
async fn ownership(tx: &mut Tx, actor: &Actor, scope: Scope) -> AppResult<ServiceOwnership> {
    let owned = categories::owned_departments(tx, actor.organisation_id, actor.user_id).await?;
    Ok(ServiceOwnership::of(scope, owned))
}

/// Items for the catalog editor (admins and managers), each flagged `editable`.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    category: Option<Uuid>,
    active: Option<bool>,
) -> AppResult<Vec<ServiceItemAdmin>> {
    let scope = policy::authorize(actor, Resource::Catalog, Action::Update)?;
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let owned = ownership(&mut tx, actor, scope).await?;
    let list = items::list(&mut tx, actor.organisation_id, category, active).await?;
    tx.commit().await?;
    Ok(list.into_iter().map(|o| ServiceItemAdmin { editable: owned.may_change(o.department_id), ..o.item }).collect())
}

/// Creates (`id = None`) or changes an item with its approval rules; a new item gets
/// the empty form as version 1. 422 for bad input, 403 outside the caller's services.
pub async fn save(
    state: &AppState,
    actor: &Actor,
    id: Option<Uuid>,
    input: ServiceItemInput,
) -> AppResult<ServiceItemAdmin> {
    let scope =
        policy::authorize(actor, Resource::Catalog, if id.is_some() { Action::Update } else { Action::Create })?;
    input::validate(&input)?;
    let now = state.clock.now();
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let owned = ownership(&mut tx, actor, scope).await?;
    if let Some(id) = id {
        let current = items::get(&mut tx, actor.organisation_id, id, true)
            .await?
            .ok_or_else(|| AppError::not_found("Service item"))?;
        owned.check(current.department_id)?;
    }
    let input = rules::clean_item(input).map_err(AppError::validation)?;
    let department = categories::department_of(&mut tx, actor.organisation_id, input.category_id)
        .await?
        .ok_or_else(|| AppError::field("categoryId", "No such category"))?;
    if !owned.may_change(department) {
        return Err(AppError::field("categoryId", "Choose a category your department owns"));
    }
    if let Some(unit) = input.fulfilment_unit_id {
        if !accounts::unit_exists(&mut tx, actor.organisation_id, unit).await? {
            return Err(AppError::field("fulfilmentUnitId", "No such unit"));
        }
    }
    let id_new = id.unwrap_or_else(Uuid::new_v4);
    items::save(&mut tx, actor.organisation_id, id_new, &input).await.map_err(|e| match structure::violation(&e) {
        Some("unique") => AppError::field("name", "Another service item already has this name"),
        _ => e.into(),
    })?;
    items::replace_rules(&mut tx, actor.organisation_id, id_new, &input.approval_rules).await?;
    if id.is_none() {
        forms::insert(&mut tx, actor.organisation_id, id_new, &rules::empty_form(), Some(actor.user_id), now).await?;
    }
    let changes = json!({"name": input.name, "categoryId": input.category_id, "isActive": input.is_active,
                         "requiresApproval": input.requires_approval, "steps": input.approval_rules.len()});
    audit::record(&mut tx, audit::Entry::by(actor, "service_item.saved", ("service_item", id_new), changes, now))
        .await?;
    let saved = items::get(&mut tx, actor.organisation_id, id_new, false)
        .await?
        .ok_or_else(|| AppError::internal("item vanished"))?;
    let event = if id.is_some() { DomainEvent::ServiceItemUpdated } else { DomainEvent::ServiceItemCreated };
    event_log::by(&mut tx, actor, now, &[event(EntryChanged { id: id_new, name: Some(input.name.clone()) })]).await?;
    tx.commit().await?;
    Ok(ServiceItemAdmin { editable: true, ..saved.item })
}

/// Deletes an item no ticket uses (409 otherwise: deactivate it instead).
pub async fn delete(state: &AppState, actor: &Actor, id: Uuid) -> AppResult<()> {
    let scope = policy::authorize(actor, Resource::Catalog, Action::Delete)?;
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let owned = ownership(&mut tx, actor, scope).await?;
    let current = items::get(&mut tx, actor.organisation_id, id, true)
        .await?
        .ok_or_else(|| AppError::not_found("Service item"))?;
    owned.check(current.department_id)?;
    items::delete(&mut tx, actor.organisation_id, id).await.map_err(|e| match structure::violation(&e) {
        Some(_) => AppError::new(ErrorCode::Conflict, "Tickets were filed under this item; deactivate it instead"),
        None => e.into(),
    })?;
    let now = state.clock.now();
    audit::record(&mut tx, audit::Entry::by(actor, "service_item.deleted", ("service_item", id), json!({}), now))
        .await?;
    event_log::by(&mut tx, actor, now, &[DomainEvent::ServiceItemDeleted(EntryChanged { id, name: None })]).await?;
    Ok(tx.commit().await?)
}

/// Saves `schema` as the item's next form version. 422 on `schema` with the reason
/// when it is not a usable form.
pub async fn save_template(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    schema: serde_json::Value,
) -> AppResult<ServiceItemTemplate> {
    let scope = policy::authorize(actor, Resource::Catalog, Action::Update)?;
    let now = state.clock.now();
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let owned = ownership(&mut tx, actor, scope).await?;
    let current = items::get(&mut tx, actor.organisation_id, id, true)
        .await?
        .ok_or_else(|| AppError::not_found("Service item"))?;
    owned.check(current.department_id)?;
    form_rules::check_schema(&schema).map_err(|e| AppError::field("schema", e.0))?;
    let version = forms::insert(&mut tx, actor.organisation_id, id, &schema, Some(actor.user_id), now).await?;
    let changes = json!({"version": version});
    audit::record(&mut tx, audit::Entry::by(actor, "service_item.form_saved", ("service_item", id), changes, now))
        .await?;
    let updated = EntryChanged { id, name: Some(current.item.name.clone()) };
    event_log::by(&mut tx, actor, now, &[DomainEvent::ServiceItemUpdated(updated)]).await?;
    tx.commit().await?;
    Ok(ServiceItemTemplate { service_item_id: id, version, schema })
}

/// The saved versions of an item's form, newest first (catalog managers).
pub async fn versions(state: &AppState, actor: &Actor, id: Uuid) -> AppResult<Vec<FormVersion>> {
    policy::authorize(actor, Resource::Catalog, Action::Update)?;
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let list = forms::versions(&mut tx, actor.organisation_id, id).await?;
    tx.commit().await?;
    if list.is_empty() {
        return Err(AppError::not_found("Service item"));
    }
    Ok(list)
}

/// Active items matching `q`, best first, at most 20.
pub async fn search(state: &AppState, actor: &Actor, q: &str) -> AppResult<Vec<shared_types::CatalogSearchHit>> {
    policy::authorize(actor, Resource::Catalog, Action::Read)?;
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let hits = forms::search(&mut tx, actor.organisation_id, q, 20).await?;
    tx.commit().await?;
    Ok(hits)
}
