//! `/users`: the organisation's people (admins manage; managers and technicians read
//! their units' people).

use actix_web::{delete, get, post, put, web, HttpResponse};
use shared_types::{CreateUserRequest, Envelope, ErrorEnvelope, Role, UpdateUserRequest, UserAccount};
use uuid::Uuid;

use crate::people::service;
use crate::platform::auth::Actor;
use crate::platform::envelope;
use crate::platform::error::AppError;
use crate::platform::input::{Json, Query};
use crate::platform::paging::PageQuery;
use crate::platform::state::AppState;

/// Query of `GET /users`.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct UsersQuery {
    /// Only users with this role.
    pub role: Option<Role>,
    /// Only users of this unit (not its sub-units).
    pub unit_id: Option<Uuid>,
    /// `true`: only active users; `false`: only deactivated ones.
    pub active: Option<bool>,
    /// Part of the name or e-mail, case-insensitive.
    pub q: Option<String>,
    /// 1-based page (1..=100000), default 1.
    #[param(minimum = 1, maximum = 100000)]
    pub page: Option<u32>,
    /// Page size, 1..=100, default 50.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
}

/// People the caller may see, by name: admins all of the organisation, managers and
/// technicians those of their units (with sub-units; managers also the units they
/// manage). Requesters: 403.
#[utoipa::path(tag = "users", security(("bearer" = [])), params(UsersQuery), responses(
    (status = 200, body = Envelope<Vec<UserAccount>>), (status = 403, body = ErrorEnvelope)))]
#[get("/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    actor: Actor,
    query: Query<UsersQuery>,
) -> Result<HttpResponse, AppError> {
    let q = query.into_inner();
    let page = PageQuery { page: q.page, limit: q.limit };
    let filter = service::Filter {
        role: q.role,
        unit_id: q.unit_id,
        active: q.active,
        q: q.q.filter(|s| !s.trim().is_empty()),
        units: None,
    };
    let (rows, pagination) = service::list(&state, &actor, filter, page).await?;
    Ok(envelope::list(rows, pagination))
}

/// Query of `GET /users/lookup`.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LookupQuery {
    /// Part of a name or e-mail address, case-insensitive.
    pub q: Option<String>,
}

/// Active people of the organisation whose name or e-mail contains `q`, by name, at
/// most 20: the people picker of request forms, for every signed-in role. Names and
/// e-mail addresses only.
#[utoipa::path(tag = "users", security(("bearer" = [])), params(LookupQuery), responses(
    (status = 200, body = Envelope<Vec<shared_types::UserRef>>)))]
#[get("/users/lookup")]
pub async fn lookup_users(
    state: web::Data<AppState>,
    actor: Actor,
    query: Query<LookupQuery>,
) -> Result<HttpResponse, AppError> {
    Ok(envelope::ok(service::lookup(&state, &actor, query.into_inner().q.as_deref().unwrap_or("")).await?))
}

/// One user within the caller's reach (404 otherwise).
#[utoipa::path(tag = "users", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, body = Envelope<UserAccount>), (status = 404, body = ErrorEnvelope)))]
#[get("/users/{id}")]
pub async fn get_user(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>) -> Result<HttpResponse, AppError> {
    Ok(envelope::ok(service::get(&state, &actor, id.into_inner()).await?))
}

/// Creates a user with an initial password (admins). 409 when the e-mail has an
/// account in any organisation; 422 for a weak or common password.
#[utoipa::path(tag = "users", security(("bearer" = [])), request_body = CreateUserRequest, responses(
    (status = 201, body = Envelope<UserAccount>), (status = 409, body = ErrorEnvelope),
    (status = 422, body = ErrorEnvelope)))]
#[post("/users")]
pub async fn create_user(
    state: web::Data<AppState>,
    actor: Actor,
    body: Json<CreateUserRequest>,
) -> Result<HttpResponse, AppError> {
    Ok(envelope::created(service::create(&state, &actor, body.into_inner()).await?))
}

/// Changes a user (admins): name, e-mail, role, unit, re-activation. Admins cannot
/// change their own role or deactivate themselves (409).
#[utoipa::path(tag = "users", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = UpdateUserRequest,
    responses((status = 200, body = Envelope<UserAccount>), (status = 404, body = ErrorEnvelope),
    (status = 409, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
#[put("/users/{id}")]
pub async fn update_user(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
    body: Json<UpdateUserRequest>,
) -> Result<HttpResponse, AppError> {
    Ok(envelope::ok(service::update(&state, &actor, id.into_inner(), body.into_inner()).await?))
}

/// Deactivates a user (admins): never a hard delete, so tickets and history stay.
/// Every session and API key of the user is revoked at once.
#[utoipa::path(tag = "users", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 204), (status = 404, body = ErrorEnvelope), (status = 409, body = ErrorEnvelope)))]
#[delete("/users/{id}")]
pub async fn deactivate_user(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    service::deactivate(&state, &actor, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
