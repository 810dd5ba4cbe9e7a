//! Managing service categories: a tree with an owning department; admins
//! change it, everyone reads the active part (catalog managers also the inactive).

use serde_json::json;
use shared_types::events::{DomainEvent, EntryChanged};
use shared_types::{Category, CategoryInput, ErrorCode};
use uuid::Uuid;

use crate::catalog::queries::categories;
use crate::catalog::rules;
use crate::people::rules as people;
use crate::platform::auth::Actor;
use crate::platform::db::{self, Tx};
use crate::platform::error::{AppError, AppResult};
use crate::platform::input;
use crate::platform::state::AppState;
use crate::platform::{audit, events as event_log};
use crate::policy::{self, Action, Resource};
use crate::structure::queries as structure;

/// Every category the caller may see, parents first.
pub async fn list(state: &AppState, actor: &Actor) -> AppResult<Vec<Category>> {
    policy::authorize(actor, Resource::Catalog, Action::Read)?;
    let manages = policy::grant(actor.role, Resource::Catalog, Action::Update).is_some() && actor.key.is_none();
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let list = categories::list(&mut tx, actor.organisation_id, manages).await?;
    tx.commit().await?;
    Ok(list)
}

async fn begin_admin(state: &AppState, actor: &Actor, action: Action) -> AppResult<Tx> {
    policy::authorize(actor, Resource::Categories, action)?;
    Ok(db::begin_org(&state.pool, actor.organisation_id).await?)
}

/// Creates (`id = None`) or changes a category. 422 on `parentId` for an unknown parent
/// or a move under itself or a descendant; on `departmentId` for an unknown department.
pub async fn save(state: &AppState, actor: &Actor, id: Option<Uuid>, input: CategoryInput) -> AppResult<Category> {
    let mut tx = begin_admin(state, actor, if id.is_some() { Action::Update } else { Action::Create }).await?;
    input::validate(&input)?;
    let input = rules::clean_category(input).map_err(AppError::validation)?;
    let parents = categories::parents_locked(&mut tx, actor.organisation_id).await?;
    if id.is_some_and(|id| !parents.contains_key(&id)) {
        return Err(AppError::not_found("Category"));
    }
    let existed = id.is_some();
    let id = id.unwrap_or_else(Uuid::new_v4);
    if let Some(parent) = input.parent_id {
        if !parents.contains_key(&parent) {
            return Err(AppError::field("parentId", "No such category"));
        }
        if people::would_cycle(&parents, id, parent) {
            return Err(AppError::field("parentId", "A category cannot be placed under itself or its sub-categories"));
        }
    }
    if let Some(d) = input.department_id {
        if !structure::department_exists(&mut tx, actor.organisation_id, d).await? {
            return Err(AppError::field("departmentId", "No such department"));
        }
    }
    categories::save(&mut tx, actor.organisation_id, id, &input).await?;
    let changes = json!({"name": input.name, "parentId": input.parent_id, "isActive": input.is_active});
    let now = state.clock.now();
    audit::record(&mut tx, audit::Entry::by(actor, "category.saved", ("service_category", id), changes, now)).await?;
    let saved = categories::list(&mut tx, actor.organisation_id, true).await?.into_iter().find(|c| c.id == id);
    let event = if existed { DomainEvent::CategoryUpdated } else { DomainEvent::CategoryCreated };
    event_log::by(&mut tx, actor, now, &[event(EntryChanged { id, name: Some(input.name.clone()) })]).await?;
    tx.commit().await?;
    saved.ok_or_else(|| AppError::internal("category vanished"))
}

/// Deletes a category without items or sub-categories (409 otherwise).
pub async fn delete(state: &AppState, actor: &Actor, id: Uuid) -> AppResult<()> {
    let mut tx = begin_admin(state, actor, Action::Delete).await?;
    let n =
        categories::delete(&mut tx, actor.organisation_id, id).await.map_err(|e| match structure::violation(&e) {
            Some(_) => AppError::new(ErrorCode::Conflict, "This category still has items or sub-categories"),
            None => e.into(),
        })?;
    if n == 0 {
        return Err(AppError::not_found("Category"));
    }
    let now = state.clock.now();
    audit::record(&mut tx, audit::Entry::by(actor, "category.deleted", ("service_category", id), json!({}), now))
        .await?;
    event_log::by(&mut tx, actor, now, &[DomainEvent::CategoryDeleted(EntryChanged { id, name: None })]).await?;
    Ok(tx.commit().await?)
}
