//! The [`Actor`] extractor: the authenticated caller of a protected handler, from an
//! `Authorization: Bearer <credential>` header carrying either an access token (a JWT)
//! or an API key (`fdk_…`). Anything missing, invalid, expired or revoked is
//! 401 `UNAUTHENTICATED`. Both are checked against the database on every request (one
//! indexed lookup): a deactivated user, a revoked session or key stops at once, and a
//! changed role applies to the next request, not 15 minutes later.

use std::future::Future;
use std::pin::Pin;

use actix_web::{web, FromRequest, HttpRequest};
use shared_types::{ApiScope, Role};
use uuid::Uuid;

use crate::platform::auth::api_key;
use crate::platform::error::AppError;
use crate::platform::state::AppState;

/// A set of [`ApiScope`]s as a bit set (keeps [`Actor`] `Copy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ScopeSet(u8);

impl ScopeSet {
    fn bit(scope: ApiScope) -> u8 {
        1 << ApiScope::ALL.iter().position(|s| *s == scope).unwrap_or(7)
    }

    /// Whether `scope` is in the set.
    pub fn contains(self, scope: ApiScope) -> bool {
        self.0 & Self::bit(scope) != 0
    }
}

impl FromIterator<ApiScope> for ScopeSet {
    fn from_iter<I: IntoIterator<Item = ApiScope>>(iter: I) -> Self {
        ScopeSet(iter.into_iter().fold(0, |acc, s| acc | Self::bit(s)))
    }
}

/// The API key a request came with, and what it may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyGrant {
    pub id: Uuid,
    pub scopes: ScopeSet,
}

/// Who is calling: the user, its organisation and current role; the session of an
/// access token, or the key of an API-key request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Uuid,
    pub organisation_id: Uuid,
    pub role: Role,
    /// The refresh-token family the access token belongs to (none for API keys).
    pub session_id: Option<Uuid>,
    /// Set when the caller authenticated with an API key.
    pub key: Option<KeyGrant>,
}

impl Actor {
    /// A signed-in user of a fresh organisation, for unit tests.
    pub fn for_tests(role: Role) -> Self {
        Actor { user_id: Uuid::new_v4(), organisation_id: Uuid::new_v4(), role, session_id: None, key: None }
    }
}

impl FromRequest for Actor {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let credential = bearer(req);
        Box::pin(async move {
            let state = state.ok_or_else(|| AppError::internal("application state missing"))?;
            let credential = credential?;
            if credential.starts_with(api_key::PREFIX) {
                return api_key::authenticate(&state, &credential).await;
            }
            let claims = state
                .jwt
                .verify(&credential)
                .ok_or_else(|| AppError::unauthenticated("The access token is invalid or expired; refresh it"))?;
            let current: Option<(Uuid, String)> =
                sqlx::query_as("SELECT organisation_id, role FROM auth_actor($1, $2)")
                    .bind(claims.sub)
                    .bind(claims.sid)
                    .fetch_optional(&state.pool)
                    .await?;
            let (org, role) = current
                .filter(|(org, _)| *org == claims.org)
                .ok_or_else(|| AppError::unauthenticated("This session has ended; sign in again"))?;
            let role = Role::parse(&role).ok_or_else(|| AppError::internal(format!("unknown role {role}")))?;
            Ok(Actor { user_id: claims.sub, organisation_id: org, role, session_id: claims.sid, key: None })
        })
    }
}

fn bearer(req: &HttpRequest) -> Result<String, AppError> {
    let header = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| AppError::unauthenticated("Sign in first: send Authorization: Bearer <access token>"))?;
    let token = header
        .strip_prefix("Bearer ")
        .or_else(|| header.strip_prefix("bearer "))
        .ok_or_else(|| AppError::unauthenticated("Use the Bearer scheme"))?;
    Ok(token.trim().to_owned())
}
