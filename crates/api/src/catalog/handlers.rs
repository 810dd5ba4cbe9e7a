//! `GET /service-catalog`, `/service-items/{id}`, `/service-items/{id}/template`.

use actix_web::{get, web, HttpResponse};
use shared_types::{Envelope, ErrorEnvelope, ServiceCatalog, ServiceItem, ServiceItemTemplate};
use uuid::Uuid;

use crate::catalog::queries::catalog;
use crate::platform::auth::Actor;
use crate::platform::error::AppError;
use crate::platform::input::Query;
use crate::platform::state::AppState;
use crate::platform::{db, envelope};
use crate::policy::{self, Action, Resource};

/// The active category tree with its active items, for the caller's organisation.
#[utoipa::path(tag = "catalog", security(("bearer" = [])), responses(
    (status = 200, body = Envelope<ServiceCatalog>), (status = 401, body = ErrorEnvelope)))]
#[get("/service-catalog")]
pub async fn service_catalog(state: web::Data<AppState>, actor: Actor) -> Result<HttpResponse, AppError> {
    policy::authorize(&actor, Resource::Catalog, Action::Read)?;
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let categories = catalog::tree(&mut tx, actor.organisation_id).await?;
    tx.commit().await?;
    Ok(envelope::ok(ServiceCatalog { categories }))
}

/// One active service item with its approval rules and current form version.
#[utoipa::path(tag = "catalog", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, body = Envelope<ServiceItem>), (status = 404, body = ErrorEnvelope)))]
#[get("/service-items/{id}")]
pub async fn get_service_item(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    policy::authorize(&actor, Resource::Catalog, Action::Read)?;
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let item =
        catalog::item(&mut tx, actor.organisation_id, *id).await?.ok_or_else(|| AppError::not_found("Service item"))?;
    tx.commit().await?;
    Ok(envelope::ok(item))
}

/// Query of `GET /service-items/{id}/template`.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TemplateQuery {
    /// A saved version (what a ticket was filed under; also of inactive items);
    /// default the current form of an active item.
    pub version: Option<i32>,
}

/// The item's request form: a JSON Schema (2020-12) object schema and its version.
/// `formData` of `POST /tickets` must validate against the current one; a ticket keeps
/// and renders with the version it was filed under (`?version=`).
#[utoipa::path(tag = "catalog", security(("bearer" = [])), params(("id" = Uuid, Path), TemplateQuery), responses(
    (status = 200, body = Envelope<ServiceItemTemplate>), (status = 404, body = ErrorEnvelope)))]
#[get("/service-items/{id}/template")]
pub async fn get_service_item_template(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
    query: Query<TemplateQuery>,
) -> Result<HttpResponse, AppError> {
    policy::authorize(&actor, Resource::Catalog, Action::Read)?;
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let form = match query.version {
        Some(v) => crate::catalog::forms::queries::version(&mut tx, actor.organisation_id, *id, v)
            .await?
            .map(|schema| (v, schema)),
        None => {
            let active = catalog::item_facts(&mut tx, actor.organisation_id, *id).await?.is_some_and(|i| i.is_active);
            if active {
                catalog::current_form(&mut tx, actor.organisation_id, *id).await?
            } else {
                None
            }
        }
    };
    tx.commit().await?;
    let (version, schema) = form.ok_or_else(|| AppError::not_found("Service item"))?;
    Ok(envelope::ok(ServiceItemTemplate { service_item_id: *id, version, schema }))
}
