//! The catalog as requesters browse it: the active tree, one item, an item's form
//! (the current one, or any saved version a ticket was filed under).

use shared_types::{ServiceCatalog, ServiceItem, ServiceItemTemplate};
use uuid::Uuid;

use crate::catalog::forms::queries as forms;
use crate::catalog::queries::catalog;
use crate::platform::auth::Actor;
use crate::platform::db;
use crate::platform::error::{AppError, AppResult};
use crate::platform::state::AppState;
use crate::policy::{self, Action, Resource};

/// The active category tree with its active items.
pub async fn tree(state: &AppState, actor: &Actor) -> AppResult<ServiceCatalog> {
    policy::authorize(actor, Resource::Catalog, Action::Read)?;
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let categories = catalog::tree(&mut tx, actor.organisation_id).await?;
    tx.commit().await?;
    Ok(ServiceCatalog { categories })
}

/// One active item with its approval rules and current form version; 404 otherwise.
pub async fn item(state: &AppState, actor: &Actor, id: Uuid) -> AppResult<ServiceItem> {
    policy::authorize(actor, Resource::Catalog, Action::Read)?;
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let item = catalog::item(&mut tx, actor.organisation_id, id).await?;
    tx.commit().await?;
    item.ok_or_else(|| AppError::not_found("Service item"))
}

/// Form `version` of item `id` (of any item, active or not), or the current form of an
/// active item; 404 otherwise.
pub async fn template(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    version: Option<i32>,
) -> AppResult<ServiceItemTemplate> {
    policy::authorize(actor, Resource::Catalog, Action::Read)?;
    let org = actor.organisation_id;
    let mut tx = db::begin_org(&state.pool, org).await?;
    let form = match version {
        Some(v) => forms::version(&mut tx, org, id, v).await?.map(|schema| (v, schema)),
        None if catalog::item_facts(&mut tx, org, id).await?.is_some_and(|i| i.is_active) => {
            catalog::current_form(&mut tx, org, id).await?
        }
        None => None,
    };
    tx.commit().await?;
    let (version, schema) = form.ok_or_else(|| AppError::not_found("Service item"))?;
    Ok(ServiceItemTemplate { service_item_id: id, version, schema })
}
