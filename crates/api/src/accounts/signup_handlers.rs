//! `POST /auth/register`, `/invitations`, `/auth/accept-invitation`,
//! `/auth/request-password-reset`, `/auth/reset-password`.

use actix_web::{post, web, HttpRequest, HttpResponse};
use shared_types::{
    Envelope, ErrorEnvelope, Invitation, InvitationRequest, PasswordResetRequest, RegisterRequest,
    TokenPasswordRequest, TokenResponse,
};

use crate::accounts::register as accounts;
use crate::accounts::session::Session;
use crate::accounts::{invitations, password_reset};
use crate::platform::auth::{refresh, Actor};
use crate::platform::envelope;
use crate::platform::error::AppError;
use crate::platform::input::Json;
use crate::platform::state::AppState;

fn user_agent(req: &HttpRequest) -> Option<String> {
    req.headers().get("user-agent").and_then(|v| v.to_str().ok()).map(|s| s.chars().take(200).collect())
}

/// `status` with the session's body and its refresh cookie, as sign-in answers.
fn signed_in(mut res: actix_web::HttpResponseBuilder, state: &AppState, session: Session) -> HttpResponse {
    res.cookie(refresh::cookie(&session.refresh_token, state.cookie_secure)).json(envelope::wrap(session.body))
}

/// Registers a new organisation with its first admin (the caller) and a default
/// structure: department "General" with unit "Service Desk", which the admin belongs
/// to and manages. Signs the admin in: the answer is as for `POST /auth/login`,
/// including the refresh cookie. 409 `CONFLICT` when the e-mail already has an account;
/// 422 for empty names, a malformed e-mail or a weak password (field `password`).
#[utoipa::path(tag = "auth", request_body = RegisterRequest, responses(
    (status = 201, body = Envelope<TokenResponse>, headers(("Set-Cookie" = String, description = "ferrodesk_refresh=…; HttpOnly; Path=/api/v1/auth"))),
    (status = 409, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
#[post("/auth/register")]
pub async fn register(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<RegisterRequest>,
) -> Result<HttpResponse, AppError> {
    let session = accounts::register(&state, body.into_inner(), user_agent(&req)).await?;
    Ok(signed_in(HttpResponse::Created(), &state, session))
}

/// Invites someone into the caller's organisation (admins). Creates the user, who
/// cannot sign in until accepting, and e-mails a single-use link
/// (`/accept-invitation?token=…`) valid for 7 days. Inviting an address again before
/// it was accepted sends a fresh link (the old one stops working). 409 `CONFLICT` when
/// the e-mail has an account; 422 for an invalid e-mail, name or unit.
#[utoipa::path(tag = "users", security(("bearer" = [])), request_body = InvitationRequest, responses(
    (status = 201, body = Envelope<Invitation>), (status = 403, body = ErrorEnvelope),
    (status = 409, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
#[post("/invitations")]
pub async fn create_invitation(
    state: web::Data<AppState>,
    actor: Actor,
    body: Json<InvitationRequest>,
) -> Result<HttpResponse, AppError> {
    Ok(envelope::created(invitations::invite(&state, &actor, body.into_inner()).await?))
}

/// Accepts an invitation with the token from its e-mail: sets the password and signs
/// in (as `POST /auth/login`, with the refresh cookie). 400 `BAD_REQUEST` for an
/// unknown, used or expired token; 422 for a weak password (field `password`).
#[utoipa::path(tag = "auth", request_body = TokenPasswordRequest, responses(
    (status = 200, body = Envelope<TokenResponse>, headers(("Set-Cookie" = String, description = "ferrodesk_refresh=…; HttpOnly; Path=/api/v1/auth"))),
    (status = 400, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
#[post("/auth/accept-invitation")]
pub async fn accept_invitation(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<TokenPasswordRequest>,
) -> Result<HttpResponse, AppError> {
    let session = invitations::accept(&state, body.into_inner(), user_agent(&req)).await?;
    Ok(signed_in(HttpResponse::Ok(), &state, session))
}

/// Asks for a password-reset e-mail. Always 202 with the same body, whether or not the
/// address has an account; an active account gets a link (`/reset-password?token=…`)
/// that works once, for one hour. Throttled like sign-in, per address and per client
/// (429 with `Retry-After`), so nobody can flood an inbox.
#[utoipa::path(tag = "auth", request_body = PasswordResetRequest, responses(
    (status = 202, body = Envelope<String>), (status = 429, body = ErrorEnvelope)))]
#[post("/auth/request-password-reset")]
pub async fn request_password_reset(
    state: web::Data<AppState>,
    req: actix_web::HttpRequest,
    body: Json<PasswordResetRequest>,
) -> Result<HttpResponse, AppError> {
    let client = super::handlers::client_address(&state, &req);
    password_reset::request(&state, body.into_inner(), client.as_deref()).await?;
    let message = "If the address has an account, a link to reset its password is on its way.";
    Ok(HttpResponse::Accepted().json(envelope::wrap(message)))
}

/// Sets a new password with the token from a reset e-mail and ends every session of
/// the account (all its refresh tokens are revoked). 400 `BAD_REQUEST` for an
/// unknown, used or expired token; 422 for a weak password (field `password`).
#[utoipa::path(tag = "auth", request_body = TokenPasswordRequest, responses(
    (status = 204), (status = 400, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
#[post("/auth/reset-password")]
pub async fn reset_password(
    state: web::Data<AppState>,
    body: Json<TokenPasswordRequest>,
) -> Result<HttpResponse, AppError> {
    password_reset::reset(&state, body.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
