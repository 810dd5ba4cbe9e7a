//! The process around the features: configuration ([`config`]), the server and its
//! middleware ([`startup`]), the route table ([`configure`]), the OpenAPI document
//! ([`openapi`], served by [`spec`]) and the probes ([`health`]).

pub mod config;
pub mod fallback;
pub mod health;
pub mod openapi;
pub mod openapi_contract;
pub mod spec;
pub mod startup;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers every `/api/v1` operation, feature by feature (the caller mounts this
/// under the scope). Each feature lists its own routes in its `routes` function; a
/// new feature adds one line here.
pub fn configure(cfg: &mut ServiceConfig) {
    crate::accounts::routes(cfg);
    crate::me::routes(cfg);
    crate::people::routes(cfg);
    crate::structure::routes(cfg);
    crate::api_keys::routes(cfg);
    crate::audit::routes(cfg);
    crate::mail::routes(cfg);
    crate::jobs::routes(cfg);
    crate::catalog::routes(cfg);
    crate::tickets::routes(cfg);
    crate::approvals::routes(cfg);
}
