//! `/me`: the signed-in user, their profile, password and sessions.

use actix_web::{delete, get, post, put, web, HttpResponse};
use shared_types::{ChangePasswordRequest, Envelope, ErrorEnvelope, Profile, Session, UpdateProfileRequest, User};
use uuid::Uuid;

use crate::me::service;
use crate::platform::auth::Actor;
use crate::platform::envelope;
use crate::platform::error::AppError;
use crate::platform::input::Json;
use crate::platform::state::AppState;

/// The signed-in user.
#[utoipa::path(tag = "me", security(("bearer" = [])), responses(
    (status = 200, body = Envelope<User>), (status = 401, body = ErrorEnvelope)))]
#[get("/me")]
pub async fn get_me(state: web::Data<AppState>, actor: Actor) -> Result<HttpResponse, AppError> {
    Ok(envelope::ok(service::me(&state, &actor).await?))
}

/// The signed-in user's profile: name, e-mail, role, unit, locale and time zone.
#[utoipa::path(tag = "me", security(("bearer" = [])), responses(
    (status = 200, body = Envelope<Profile>), (status = 401, body = ErrorEnvelope)))]
#[get("/me/profile")]
pub async fn get_profile(state: web::Data<AppState>, actor: Actor) -> Result<HttpResponse, AppError> {
    Ok(envelope::ok(service::profile(&state, &actor).await?))
}

/// Changes the caller's name, locale (BCP 47) or time zone (IANA). Any other field,
/// such as `role` or `email`, is refused with 422 and changes nothing.
#[utoipa::path(tag = "me", security(("bearer" = [])), request_body = UpdateProfileRequest, responses(
    (status = 200, body = Envelope<Profile>), (status = 422, body = ErrorEnvelope)))]
#[put("/me")]
pub async fn update_me(
    state: web::Data<AppState>,
    actor: Actor,
    body: Json<UpdateProfileRequest>,
) -> Result<HttpResponse, AppError> {
    Ok(envelope::ok(service::update_profile(&state, &actor, body.into_inner()).await?))
}

/// Changes the caller's password. The current password is required (401
/// `INVALID_CREDENTIALS`); the new one must pass the password policy (422). Every
/// other session of the caller ends.
#[utoipa::path(tag = "me", security(("bearer" = [])), request_body = ChangePasswordRequest, responses(
    (status = 204), (status = 401, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
#[post("/me/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    actor: Actor,
    body: Json<ChangePasswordRequest>,
) -> Result<HttpResponse, AppError> {
    service::change_password(&state, &actor, body.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The caller's signed-in sessions (one per sign-in), the current one flagged.
#[utoipa::path(tag = "me", security(("bearer" = [])), responses((status = 200, body = Envelope<Vec<Session>>)))]
#[get("/me/sessions")]
pub async fn list_sessions(state: web::Data<AppState>, actor: Actor) -> Result<HttpResponse, AppError> {
    Ok(envelope::ok(service::list_sessions(&state, &actor).await?))
}

/// Ends one of the caller's sessions: its refresh token and its access tokens stop
/// working at once.
#[utoipa::path(tag = "me", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 204), (status = 404, body = ErrorEnvelope)))]
#[delete("/me/sessions/{id}")]
pub async fn revoke_session(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    service::revoke_session(&state, &actor, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
