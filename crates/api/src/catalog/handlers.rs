//! `GET /service-catalog`, `/service-items/{id}`, `/service-items/{id}/template`.

use actix_web::{get, web, HttpResponse};
use shared_types::{Envelope, ErrorEnvelope, ServiceCatalog, ServiceItem, ServiceItemTemplate};
use uuid::Uuid;

use crate::catalog::browse;
use crate::platform::auth::Actor;
use crate::platform::envelope;
use crate::platform::error::AppError;
use crate::platform::input::Query;
use crate::platform::state::AppState;

/// The active category tree with its active items, for the caller's organisation.
#[utoipa::path(tag = "catalog", security(("bearer" = [])), responses(
    (status = 200, body = Envelope<ServiceCatalog>), (status = 401, body = ErrorEnvelope)))]
#[get("/service-catalog")]
pub async fn service_catalog(state: web::Data<AppState>, actor: Actor) -> Result<HttpResponse, AppError> {
    Ok(envelope::ok(browse::tree(&state, &actor).await?))
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
    Ok(envelope::ok(browse::item(&state, &actor, *id).await?))
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
    Ok(envelope::ok(browse::template(&state, &actor, *id, query.version).await?))
}
