//! Catalog management: `/service-categories`, `/service-items` (the editor's
//! view), form versions, and `/service-catalog/search`.

use actix_web::{delete, get, post, put, web, HttpResponse};
use shared_types::{
    CatalogSearchHit, Category, CategoryInput, Envelope, ErrorEnvelope, FormVersion, ServiceItemAdmin,
    ServiceItemInput, ServiceItemTemplate, TemplateInput,
};
use uuid::Uuid;

use crate::catalog::{categories, items};
use crate::platform::auth::Actor;
use crate::platform::envelope;
use crate::platform::error::AppError;
use crate::platform::input::{Json, Query};
use crate::platform::state::AppState;

/// Every category, parents first: the active ones, and for catalog managers (admins,
/// managers) the inactive ones too.
#[utoipa::path(tag = "catalog", security(("bearer" = [])), responses((status = 200, body = Envelope<Vec<Category>>)))]
#[get("/service-categories")]
pub async fn list_categories(state: web::Data<AppState>, actor: Actor) -> Result<HttpResponse, AppError> {
    Ok(envelope::ok(categories::list(&state, &actor).await?))
}

/// Creates a category (admins). 422 for a bad name, parent or department.
#[utoipa::path(tag = "catalog", security(("bearer" = [])), request_body = CategoryInput, responses(
    (status = 201, body = Envelope<Category>), (status = 403, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
#[post("/service-categories")]
pub async fn create_category(
    state: web::Data<AppState>,
    actor: Actor,
    body: Json<CategoryInput>,
) -> Result<HttpResponse, AppError> {
    Ok(envelope::created(categories::save(&state, &actor, None, body.into_inner()).await?))
}

/// Changes or moves a category (admins). A move under itself or a sub-category is 422
/// on `parentId`: the tree stays acyclic.
#[utoipa::path(tag = "catalog", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = CategoryInput,
    responses((status = 200, body = Envelope<Category>), (status = 404, body = ErrorEnvelope),
    (status = 422, body = ErrorEnvelope)))]
#[put("/service-categories/{id}")]
pub async fn update_category(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
    body: Json<CategoryInput>,
) -> Result<HttpResponse, AppError> {
    Ok(envelope::ok(categories::save(&state, &actor, Some(id.into_inner()), body.into_inner()).await?))
}

/// Deletes a category without items or sub-categories (409 otherwise; admins).
#[utoipa::path(tag = "catalog", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 204), (status = 404, body = ErrorEnvelope), (status = 409, body = ErrorEnvelope)))]
#[delete("/service-categories/{id}")]
pub async fn delete_category(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    categories::delete(&state, &actor, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Query of `GET /service-items`.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct ItemsQuery {
    /// Only items of this category.
    pub category_id: Option<Uuid>,
    /// `true`: active items only; `false`: inactive ones only.
    pub active: Option<bool>,
}

/// Every item for the catalog editor (admins and managers), each flagged `editable`
/// for the caller.
#[utoipa::path(tag = "catalog", security(("bearer" = [])), params(ItemsQuery), responses(
    (status = 200, body = Envelope<Vec<ServiceItemAdmin>>), (status = 403, body = ErrorEnvelope)))]
#[get("/service-items")]
pub async fn list_service_items(
    state: web::Data<AppState>,
    actor: Actor,
    query: Query<ItemsQuery>,
) -> Result<HttpResponse, AppError> {
    let q = query.into_inner();
    Ok(envelope::ok(items::list(&state, &actor, q.category_id, q.active).await?))
}

/// Creates a service item (admins; managers in categories their department owns). It
/// starts with an empty form, version 1.
#[utoipa::path(tag = "catalog", security(("bearer" = [])), request_body = ServiceItemInput, responses(
    (status = 201, body = Envelope<ServiceItemAdmin>), (status = 403, body = ErrorEnvelope),
    (status = 422, body = ErrorEnvelope)))]
#[post("/service-items")]
pub async fn create_service_item(
    state: web::Data<AppState>,
    actor: Actor,
    body: Json<ServiceItemInput>,
) -> Result<HttpResponse, AppError> {
    Ok(envelope::created(items::save(&state, &actor, None, body.into_inner()).await?))
}

/// Changes a service item and replaces its approval rules (admins; its service owners).
#[utoipa::path(tag = "catalog", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = ServiceItemInput,
    responses((status = 200, body = Envelope<ServiceItemAdmin>), (status = 403, body = ErrorEnvelope),
    (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
#[put("/service-items/{id}")]
pub async fn update_service_item(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
    body: Json<ServiceItemInput>,
) -> Result<HttpResponse, AppError> {
    Ok(envelope::ok(items::save(&state, &actor, Some(id.into_inner()), body.into_inner()).await?))
}

/// Deletes an item no ticket was filed under (409 otherwise: deactivate it).
#[utoipa::path(tag = "catalog", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 204), (status = 404, body = ErrorEnvelope), (status = 409, body = ErrorEnvelope)))]
#[delete("/service-items/{id}")]
pub async fn delete_service_item(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    items::delete(&state, &actor, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Saves a new version of the item's form (a JSON Schema 2020-12 object schema).
/// Versions are immutable; tickets keep theirs. 422 on `schema` with the reason when it
/// is not a usable form.
#[utoipa::path(tag = "catalog", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = TemplateInput,
    responses((status = 200, body = Envelope<ServiceItemTemplate>), (status = 403, body = ErrorEnvelope),
    (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
#[put("/service-items/{id}/template")]
pub async fn save_service_item_template(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
    body: Json<TemplateInput>,
) -> Result<HttpResponse, AppError> {
    Ok(envelope::ok(items::save_template(&state, &actor, id.into_inner(), body.into_inner().schema).await?))
}

/// The saved versions of an item's form, newest first (catalog managers).
#[utoipa::path(tag = "catalog", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, body = Envelope<Vec<FormVersion>>), (status = 404, body = ErrorEnvelope)))]
#[get("/service-items/{id}/template/versions")]
pub async fn list_template_versions(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    Ok(envelope::ok(items::versions(&state, &actor, id.into_inner()).await?))
}

/// Query of `GET /service-catalog/search`.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words to find in names, keywords and descriptions (each also as a prefix).
    pub q: String,
}

/// Active items matching every word of `q`, best first (PostgreSQL full-text search:
/// name weighs most, then keywords, then the description). At most 20.
#[utoipa::path(tag = "catalog", security(("bearer" = [])), params(SearchQuery), responses(
    (status = 200, body = Envelope<Vec<CatalogSearchHit>>)))]
#[get("/service-catalog/search")]
pub async fn search_catalog(
    state: web::Data<AppState>,
    actor: Actor,
    query: Query<SearchQuery>,
) -> Result<HttpResponse, AppError> {
    Ok(envelope::ok(items::search(&state, &actor, &query.q).await?))
}
