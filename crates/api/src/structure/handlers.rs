//! `/departments` and `/units`: the organisation's structure. Everyone reads it (unit
//! pickers need it); admins change it.

use actix_web::{delete, get, post, put, web, HttpResponse};
use shared_types::{Department, DepartmentInput, Envelope, ErrorEnvelope, Unit, UnitInput, UserAccount, UserRef};
use uuid::Uuid;

use crate::platform::auth::Actor;
use crate::platform::envelope;
use crate::platform::error::AppError;
use crate::platform::input::Json;
use crate::platform::state::AppState;
use crate::structure::service;

fn no_content() -> HttpResponse {
    HttpResponse::NoContent().finish()
}

/// Every department by name.
#[utoipa::path(tag = "structure", security(("bearer" = [])), responses((status = 200, body = Envelope<Vec<Department>>)))]
#[get("/departments")]
pub async fn list_departments(state: web::Data<AppState>, actor: Actor) -> Result<HttpResponse, AppError> {
    Ok(envelope::ok(service::departments(&state, &actor).await?))
}

/// Creates a department (admins). 422 for an empty or taken name.
#[utoipa::path(tag = "structure", security(("bearer" = [])), request_body = DepartmentInput, responses(
    (status = 201, body = Envelope<Department>), (status = 422, body = ErrorEnvelope)))]
#[post("/departments")]
pub async fn create_department(
    state: web::Data<AppState>,
    actor: Actor,
    body: Json<DepartmentInput>,
) -> Result<HttpResponse, AppError> {
    Ok(envelope::created(service::save_department(&state, &actor, None, body.into_inner()).await?))
}

/// Renames a department or changes whether it owns services (admins).
#[utoipa::path(tag = "structure", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = DepartmentInput,
    responses((status = 200, body = Envelope<Department>), (status = 404, body = ErrorEnvelope),
    (status = 422, body = ErrorEnvelope)))]
#[put("/departments/{id}")]
pub async fn update_department(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
    body: Json<DepartmentInput>,
) -> Result<HttpResponse, AppError> {
    Ok(envelope::ok(service::save_department(&state, &actor, Some(id.into_inner()), body.into_inner()).await?))
}

/// Deletes a department that has no units (409 otherwise; admins).
#[utoipa::path(tag = "structure", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 204), (status = 404, body = ErrorEnvelope), (status = 409, body = ErrorEnvelope)))]
#[delete("/departments/{id}")]
pub async fn delete_department(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    service::delete_department(&state, &actor, id.into_inner()).await?;
    Ok(no_content())
}

/// Every unit, parents before children, with department, member count and managers.
/// The tree is given by `parentId`.
#[utoipa::path(tag = "structure", security(("bearer" = [])), responses((status = 200, body = Envelope<Vec<Unit>>)))]
#[get("/units")]
pub async fn list_units(state: web::Data<AppState>, actor: Actor) -> Result<HttpResponse, AppError> {
    Ok(envelope::ok(service::units(&state, &actor).await?))
}

/// One unit.
#[utoipa::path(tag = "structure", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, body = Envelope<Unit>), (status = 404, body = ErrorEnvelope)))]
#[get("/units/{id}")]
pub async fn get_unit(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>) -> Result<HttpResponse, AppError> {
    Ok(envelope::ok(service::unit(&state, &actor, id.into_inner()).await?))
}

/// Creates a unit (admins). 422 for an unknown department or parent.
#[utoipa::path(tag = "structure", security(("bearer" = [])), request_body = UnitInput, responses(
    (status = 201, body = Envelope<Unit>), (status = 422, body = ErrorEnvelope)))]
#[post("/units")]
pub async fn create_unit(
    state: web::Data<AppState>,
    actor: Actor,
    body: Json<UnitInput>,
) -> Result<HttpResponse, AppError> {
    Ok(envelope::created(service::save_unit(&state, &actor, None, body.into_inner()).await?))
}

/// Renames or moves a unit (admins). Moving it under itself or a sub-unit is 422 on
/// `parentId`.
#[utoipa::path(tag = "structure", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = UnitInput,
    responses((status = 200, body = Envelope<Unit>), (status = 404, body = ErrorEnvelope),
    (status = 422, body = ErrorEnvelope)))]
#[put("/units/{id}")]
pub async fn update_unit(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
    body: Json<UnitInput>,
) -> Result<HttpResponse, AppError> {
    Ok(envelope::ok(service::save_unit(&state, &actor, Some(id.into_inner()), body.into_inner()).await?))
}

/// Deletes a unit nothing uses: no people, sub-units, tickets or service items (409
/// otherwise; admins).
#[utoipa::path(tag = "structure", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 204), (status = 404, body = ErrorEnvelope), (status = 409, body = ErrorEnvelope)))]
#[delete("/units/{id}")]
pub async fn delete_unit(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    service::delete_unit(&state, &actor, id.into_inner()).await?;
    Ok(no_content())
}

/// The people of a unit (not its sub-units), within the caller's reach of users.
#[utoipa::path(tag = "structure", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, body = Envelope<Vec<UserAccount>>), (status = 403, body = ErrorEnvelope),
    (status = 404, body = ErrorEnvelope)))]
#[get("/units/{id}/users")]
pub async fn list_unit_users(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    Ok(envelope::ok(service::unit_users(&state, &actor, id.into_inner()).await?))
}

/// The managers of a unit.
#[utoipa::path(tag = "structure", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, body = Envelope<Vec<UserRef>>), (status = 404, body = ErrorEnvelope)))]
#[get("/units/{id}/managers")]
pub async fn list_unit_managers(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    Ok(envelope::ok(service::unit_managers(&state, &actor, id.into_inner()).await?))
}

/// Makes a user a manager of the unit (admins; idempotent).
#[utoipa::path(tag = "structure", security(("bearer" = [])), params(("id" = Uuid, Path), ("userId" = Uuid, Path)),
    responses((status = 204), (status = 404, body = ErrorEnvelope)))]
#[put("/units/{id}/managers/{userId}")]
pub async fn add_unit_manager(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, AppError> {
    let (unit, user) = path.into_inner();
    service::set_manager(&state, &actor, unit, user, true).await?;
    Ok(no_content())
}

/// Removes a user as manager of the unit (admins).
#[utoipa::path(tag = "structure", security(("bearer" = [])), params(("id" = Uuid, Path), ("userId" = Uuid, Path)),
    responses((status = 204), (status = 404, body = ErrorEnvelope)))]
#[delete("/units/{id}/managers/{userId}")]
pub async fn remove_unit_manager(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, AppError> {
    let (unit, user) = path.into_inner();
    service::set_manager(&state, &actor, unit, user, false).await?;
    Ok(no_content())
}
