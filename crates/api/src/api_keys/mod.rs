//! `/api-keys`: keys for integrations, created by a person for themselves, shown once,
//! scoped and optionally expiring. How a presented key is recognised is
//! [`crate::platform::auth::api_key`].

pub mod handlers;
pub mod queries;
pub mod service;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers the `/api-keys` operations.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(handlers::create_api_key).service(handlers::list_api_keys).service(handlers::revoke_api_key);
}
