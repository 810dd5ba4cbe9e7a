//! HTTP handlers, thin: parse, authenticate, call a [`crate::service`] use case, wrap
//! the result in the envelope. Every operation carries its OpenAPI description.

pub mod approvals;
pub mod auth;
pub mod catalog;
pub mod cursor;
pub mod health;
pub mod tickets;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers every `/api/v1` operation (the caller mounts this under the scope).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(auth::login)
        .service(auth::refresh_session)
        .service(auth::logout)
        .service(auth::get_me)
        .service(catalog::service_catalog)
        .service(catalog::get_service_item)
        .service(catalog::get_service_item_template)
        .service(tickets::list_tickets)
        .service(tickets::create_ticket)
        .service(tickets::get_ticket)
        .service(tickets::update_ticket)
        .service(tickets::transition_ticket)
        .service(tickets::create_comment)
        .service(approvals::list_pending_approvals)
        .service(approvals::approve)
        .service(approvals::reject);
}
