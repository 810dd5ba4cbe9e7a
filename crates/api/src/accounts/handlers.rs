//! `POST /auth/login`, `/auth/refresh`, `/auth/logout`.

use actix_web::{post, web, HttpRequest, HttpResponse};
use shared_types::{Envelope, ErrorEnvelope, LoginRequest, TokenResponse};

use crate::accounts::session as service;
use crate::platform::auth::{refresh, Actor};
use crate::platform::envelope;
use crate::platform::error::AppError;
use crate::platform::input::Json;
use crate::platform::state::AppState;

fn user_agent(req: &HttpRequest) -> Option<String> {
    req.headers().get("user-agent").and_then(|v| v.to_str().ok()).map(|s| s.chars().take(200).collect())
}

/// The client's address for throttling: the TCP peer, or what a trusted reverse proxy
/// says it forwarded for (a client could forge the header to anyone else).
pub fn client_address(state: &AppState, req: &HttpRequest) -> Option<String> {
    let peer = req.peer_addr()?.ip();
    if state.trusted_proxies.contains(&peer) {
        let info = req.connection_info();
        let forwarded = info.realip_remote_addr()?;
        let ip = forwarded
            .parse::<std::net::SocketAddr>()
            .map(|a| a.ip())
            .or_else(|_| forwarded.parse::<std::net::IpAddr>());
        return Some(ip.map_or_else(|_| forwarded.to_owned(), |ip| ip.to_string()));
    }
    Some(peer.to_string())
}

fn with_cookie(state: &AppState, session: service::Session) -> HttpResponse {
    HttpResponse::Ok()
        .cookie(refresh::cookie(&session.refresh_token, state.cookie_secure))
        .json(envelope::wrap(session.body))
}

/// Signs in with e-mail and password. Returns a bearer access token (JWT, 15 min) and
/// sets the refresh token as the httpOnly cookie `ferrodesk_refresh`. Unknown e-mail,
/// inactive user and wrong password get the same 401 `INVALID_CREDENTIALS`. More than
/// 10 failures for one account within 15 minutes (50 for one client address) are
/// answered 429 `RATE_LIMITED` with `Retry-After`, with a delay that doubles each time.
#[utoipa::path(tag = "auth", request_body = LoginRequest, responses(
    (status = 200, body = Envelope<TokenResponse>, headers(("Set-Cookie" = String, description = "ferrodesk_refresh=…; HttpOnly; Path=/api/v1/auth"))),
    (status = 401, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope),
    (status = 429, body = ErrorEnvelope, headers(("Retry-After" = u32, description = "seconds to wait")))))]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<LoginRequest>,
) -> Result<HttpResponse, AppError> {
    let client = service::Client { user_agent: user_agent(&req), address: client_address(&state, &req) };
    let session = service::login_from(&state, body.into_inner(), client).await?;
    Ok(with_cookie(&state, session))
}

/// Rotates the refresh token from the cookie and returns a new access token. A token
/// that was already used revokes its whole family (RFC 9700 §4.14.2) and answers 401.
#[utoipa::path(tag = "auth", responses(
    (status = 200, body = Envelope<TokenResponse>), (status = 401, body = ErrorEnvelope)))]
#[post("/auth/refresh")]
pub async fn refresh_session(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let token = req.cookie(refresh::COOKIE).map(|c| c.value().to_owned()).filter(|v| !v.is_empty());
    let token = token.ok_or_else(|| AppError::unauthenticated("No session cookie; sign in"))?;
    match service::rotate(&state, &token, user_agent(&req)).await {
        Ok(session) => Ok(with_cookie(&state, session)),
        // An ended session clears the cookie; a passing failure (database down) keeps it.
        Err(e) if e.code() == shared_types::ErrorCode::Unauthenticated => {
            let mut res = actix_web::ResponseError::error_response(&e);
            let _ = res.add_cookie(&refresh::clearing_cookie(state.cookie_secure));
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

/// Ends the session: the one of the refresh cookie, and the one the bearer access token
/// belongs to, whichever are sent; clears the cookie. Always 204: signing out of a
/// session that already ended is not an error.
#[utoipa::path(tag = "auth", security((), ("bearer" = [])), responses((status = 204)))]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    req: HttpRequest,
    actor: Result<Actor, AppError>,
) -> Result<HttpResponse, AppError> {
    if let Some(c) = req.cookie(refresh::COOKIE) {
        service::logout(&state, c.value()).await?;
    }
    match actor {
        Ok(actor) => service::logout_actor(&state, &actor).await?,
        // The database could not say whose session it is: not signed out.
        Err(e) if e.code() == shared_types::ErrorCode::Unavailable => return Err(e),
        // No credential, or one that no longer works: nothing to end.
        Err(_) => {}
    }
    Ok(HttpResponse::NoContent().cookie(refresh::clearing_cookie(state.cookie_secure)).finish())
}
