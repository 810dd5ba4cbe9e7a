//! `/approvals`: the caller's pending approvals and decisions on them ([`service`]),
//! and who is asked to approve a new request ([`approvers`], pure).

pub mod approvers;
pub mod handlers;
pub mod queries;
pub mod service;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers the `/approvals` operations.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(handlers::list_pending_approvals).service(handlers::approve).service(handlers::reject);
}
