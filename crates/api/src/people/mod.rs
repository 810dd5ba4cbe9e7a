//! `/users`: the organisation's people. Admins manage them; managers and technicians
//! read their units' people; everyone looks names up for pickers. [`queries::users`]
//! is the directory other features read (who is active, in which unit, managing what).

pub mod handlers;
pub mod queries;
pub mod rules;
pub mod service;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers the `/users` operations (`/users/lookup` before `/users/{id}`).
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(handlers::list_users)
        .service(handlers::lookup_users)
        .service(handlers::create_user)
        .service(handlers::get_user)
        .service(handlers::update_user)
        .service(handlers::deactivate_user);
}
