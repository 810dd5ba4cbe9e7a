//! `GET /api/v1/openapi.json`: the API's OpenAPI document; with
//! `?organisation=current` and a bearer credential, the caller organisation's own
//! document, where every active service item's current form is a named schema
//! component (`FormData.<item-slug>`), so an integrator sees exactly what `formData`
//! each item needs.

use actix_web::{web, FromRequest, HttpRequest, HttpResponse};
use serde_json::{json, Map, Value};

use crate::catalog::queries::{catalog, items};
use crate::platform::auth::Actor;
use crate::platform::db;
use crate::platform::error::AppError;
use crate::platform::input::Query;
use crate::platform::state::AppState;
use crate::policy::{self, Action, Resource};

/// Query of the document.
#[derive(Debug, serde::Deserialize)]
pub struct SpecQuery {
    /// `current`: the signed-in caller's organisation.
    pub organisation: Option<String>,
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

/// Serves the shared document, or the organisation's with `?organisation=current`.
pub async fn openapi_json(
    state: web::Data<AppState>,
    doc: web::Data<String>,
    req: HttpRequest,
    query: Query<SpecQuery>,
) -> Result<HttpResponse, AppError> {
    let Some(which) = query.organisation.as_deref() else {
        return Ok(HttpResponse::Ok().content_type("application/json").body(doc.get_ref().clone()));
    };
    if which != "current" {
        return Err(AppError::field("organisation", "Use organisation=current"));
    }
    let actor = Actor::from_request(&req, &mut actix_web::dev::Payload::None).await?;
    policy::authorize(&actor, Resource::Catalog, Action::Read)?;
    let mut spec: Value = serde_json::from_str(doc.get_ref())
        .map_err(|e| AppError::internal_from("the served document is not JSON", e))?;
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
    let organisation = " Document of the caller's organisation: each active service item's form is a schema \
        component named FormData.<item>.";
    if let Some(d) = spec.pointer_mut("/info/description").and_then(|d| d.as_str().map(|s| s.to_owned())) {
        spec["info"]["description"] = json!(format!("{d}{organisation}"));
    }
    let schemas = spec
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
        .ok_or_else(|| AppError::internal("the document has no schemas"))?;
    schemas.extend(components);
    Ok(HttpResponse::Ok().content_type("application/json").json(spec))
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
