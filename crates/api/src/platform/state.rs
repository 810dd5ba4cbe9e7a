//! Shared application state handed to every handler.

use std::sync::Arc;

use sqlx::PgPool;

use crate::platform::auth::jwt::JwtKeys;
use crate::platform::clock::Clock;

/// What handlers share: the pool (as the non-owner role), the clock, token keys and
/// whether cookies are `Secure`.
#[derive(Clone)]
pub struct AppState {
    pub pool: PgPool,
    pub clock: Arc<dyn Clock>,
    pub jwt: Arc<JwtKeys>,
    pub cookie_secure: bool,
    /// Bounds concurrent password hashing to the number of cores, so logins cannot
    /// starve the blocking pool.
    pub hashing: Arc<tokio::sync::Semaphore>,
    /// The SPA's base URL (`FERRODESK_APP_URL`, no trailing `/`), for links in e-mail.
    pub app_url: Arc<str>,
    /// Reverse proxies whose forwarding headers name the client (`FERRODESK_TRUSTED_PROXIES`).
    pub trusted_proxies: Arc<[std::net::IpAddr]>,
}
