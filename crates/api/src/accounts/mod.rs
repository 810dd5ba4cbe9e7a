//! Accounts: `/auth/*` (sign-in, token refresh, sign-out, organisation sign-up,
//! accepting an invitation, password reset) and `/invitations`. Sign-in throttling
//! ([`throttle`]) and the password policy ([`password_policy`]) live here too; the
//! token and hashing primitives are in [`crate::platform::auth`].

pub mod handlers;
pub mod invitations;
pub mod password_policy;
pub mod password_reset;
pub mod queries;
pub mod register;
pub mod session;
pub mod signup_handlers;
pub mod throttle;
pub mod tokens;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers the accounts operations.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(handlers::login)
        .service(handlers::refresh_session)
        .service(handlers::logout)
        .service(signup_handlers::register)
        .service(signup_handlers::accept_invitation)
        .service(signup_handlers::request_password_reset)
        .service(signup_handlers::reset_password)
        .service(signup_handlers::create_invitation);
}
