//! The [`Actor`] extractor: the authenticated caller of a protected handler, from an
//! `Authorization: Bearer <access token>` header. A missing or invalid token is 401.

use std::future::{ready, Ready};

use actix_web::{web, FromRequest, HttpRequest};
use shared_types::Role;
use uuid::Uuid;

use crate::error::AppError;
use crate::state::AppState;

/// Who is calling: the user, its organisation and role, from a verified access token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Uuid,
    pub organisation_id: Uuid,
    pub role: Role,
}

impl FromRequest for Actor {
    type Error = AppError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        ready(authenticate(req))
    }
}

fn authenticate(req: &HttpRequest) -> Result<Actor, AppError> {
    let state =
        req.app_data::<web::Data<AppState>>().ok_or_else(|| AppError::Internal("application state missing".into()))?;
    let header = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| AppError::unauthenticated("Sign in first: send Authorization: Bearer <access token>"))?;
    let token = header
        .strip_prefix("Bearer ")
        .or_else(|| header.strip_prefix("bearer "))
        .ok_or_else(|| AppError::unauthenticated("Use the Bearer scheme"))?;
    let claims = state
        .jwt
        .verify(token.trim())
        .ok_or_else(|| AppError::unauthenticated("The access token is invalid or expired; refresh it"))?;
    Ok(Actor { user_id: claims.sub, organisation_id: claims.org, role: claims.role })
}
