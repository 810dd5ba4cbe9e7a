//! `/me`: the signed-in user, their profile (name, locale, time zone), password and
//! sessions.

pub mod handlers;
pub mod queries;
pub mod service;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers the `/me` operations.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(handlers::get_me)
        .service(handlers::get_profile)
        .service(handlers::update_me)
        .service(handlers::change_password)
        .service(handlers::list_sessions)
        .service(handlers::revoke_session);
}
