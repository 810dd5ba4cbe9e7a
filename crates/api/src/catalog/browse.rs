//! The catalog as requesters browse it: the active tree, one item, an item's form
//! (the current one, or any saved version a ticket was filed under).

use serde_json::{json, Map, Value};
use shared_types::{ServiceCatalog, ServiceItem, ServiceItemTemplate};
use uuid::Uuid;

use crate::catalog::forms::queries as forms;
use crate::catalog::queries::{catalog, items};
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

/// Every active item's current form as a named JSON Schema ([`component_name`]), with
/// its item id and form version, for the organisation's own OpenAPI document.
pub async fn form_components(state: &AppState, actor: &Actor) -> AppResult<Map<String, Value>> {
    policy::authorize(actor, Resource::Catalog, Action::Read)?;
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let mut components = Map::new();
    for owned in items::list(&mut tx, actor.organisation_id, None, Some(true)).await? {
        let item = owned.item;
        let Some((version, mut schema)) = catalog::current_form(&mut tx, actor.organisation_id, item.id).await? else {
            continue;
        };
        let mut name = component_name(&item.name);
        if components.contains_key(&name) {
            name = format!("{name}-{}", &item.id.simple().to_string()[..8]);
        }
        if let Some(obj) = schema.as_object_mut() {
            obj.insert("title".into(), json!(format!("formData of {}", item.name)));
            obj.insert(
                "description".into(),
                json!(format!(
                    "`formData` of `POST /api/v1/tickets` with `serviceItemId` {} ({}), form version {version}.",
                    item.id, item.name
                )),
            );
            obj.insert("x-service-item-id".into(), json!(item.id));
            obj.insert("x-form-version".into(), json!(version));
        }
        components.insert(name, schema);
    }
    tx.commit().await?;
    Ok(components)
}

/// The component name of an item's form: `FormData.` and the name in lower-case
/// words joined by `-` (`New laptop` → `FormData.new-laptop`).
pub fn component_name(item_name: &str) -> String {
    let slug: Vec<String> = item_name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    format!("FormData.{}", slug.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn component_names_are_slugs() {
        assert_eq!(component_name("New laptop"), "FormData.new-laptop");
        assert_eq!(component_name("VPN / remote access!"), "FormData.vpn-remote-access");
    }
}
