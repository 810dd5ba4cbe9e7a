//! `/api-keys`: keys for integrations.

use actix_web::{delete, get, post, web, HttpResponse};
use shared_types::{ApiKey, CreateApiKeyRequest, CreatedApiKey, Envelope, ErrorEnvelope};
use uuid::Uuid;

use crate::api_keys::service;
use crate::platform::auth::Actor;
use crate::platform::envelope;
use crate::platform::error::AppError;
use crate::platform::input::Json;
use crate::platform::state::AppState;

/// Creates an API key for the caller. The whole key is in this answer only; it is
/// stored hashed. Use it as `Authorization: Bearer fdk_…`: it acts as the caller, never
/// beyond the caller's role, and only within its scopes.
#[utoipa::path(tag = "api-keys", security(("bearer" = [])), request_body = CreateApiKeyRequest, responses(
    (status = 201, body = Envelope<CreatedApiKey>), (status = 422, body = ErrorEnvelope)))]
#[post("/api-keys")]
pub async fn create_api_key(
    state: web::Data<AppState>,
    actor: Actor,
    body: Json<CreateApiKeyRequest>,
) -> Result<HttpResponse, AppError> {
    Ok(envelope::created(service::create(&state, &actor, body.into_inner()).await?))
}

/// The caller's API keys, newest first (admins: every key of the organisation). Never
/// the secret: the prefix tells keys apart.
#[utoipa::path(tag = "api-keys", security(("bearer" = [])), responses((status = 200, body = Envelope<Vec<ApiKey>>)))]
#[get("/api-keys")]
pub async fn list_api_keys(state: web::Data<AppState>, actor: Actor) -> Result<HttpResponse, AppError> {
    Ok(envelope::ok(service::list(&state, &actor).await?))
}

/// Revokes an API key of the caller (admins: any of the organisation); it stops
/// working at once.
#[utoipa::path(tag = "api-keys", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 204), (status = 404, body = ErrorEnvelope)))]
#[delete("/api-keys/{id}")]
pub async fn revoke_api_key(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    service::revoke(&state, &actor, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
