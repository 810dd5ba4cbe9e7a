//! `/audit-logs`: reading the append-only audit log (admins). Writing it is
//! [`crate::platform::audit`], in the transaction of every change.

pub mod handlers;
pub mod queries;
pub mod service;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers the `/audit-logs` operations.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(handlers::list_audit_logs);
}
