//! `/tickets`: filing and reading tickets ([`service`]), working them (edits under
//! optimistic concurrency, lifecycle transitions, comments: [`work`]), their lists and
//! search ([`listing`], [`queries`]) and the pure rules of a new ticket ([`rules`]). Who may see or
//! move a ticket is decided in [`crate::policy`].

pub mod handlers;
pub mod listing;
pub mod queries;
pub mod rules;
pub mod service;
pub mod work;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers the `/tickets` operations.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(handlers::list_tickets)
        .service(handlers::create_ticket)
        .service(handlers::get_ticket)
        .service(handlers::update_ticket)
        .service(handlers::transition_ticket)
        .service(handlers::create_comment);
}
