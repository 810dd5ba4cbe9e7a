//! HTTP handlers, thin: parse, authenticate, call a [`crate::service`] use case, wrap
//! the result in the envelope. Every operation carries its OpenAPI description.

pub mod accounts;
pub mod api_keys;
pub mod approvals;
pub mod audit;
pub mod auth;
pub mod catalog;
pub mod catalog_admin;
pub mod cursor;
pub mod health;
pub mod me;
pub mod outbox;
pub mod paging;
pub mod spec;
pub mod structure;
pub mod tickets;
pub mod users;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers every `/api/v1` operation (the caller mounts this under the scope).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(auth::login)
        .service(auth::refresh_session)
        .service(auth::logout)
        .service(auth::get_me)
        .service(me::get_profile)
        .service(me::update_me)
        .service(me::change_password)
        .service(me::list_sessions)
        .service(me::revoke_session)
        .service(users::list_users)
        .service(users::lookup_users)
        .service(users::create_user)
        .service(users::get_user)
        .service(users::update_user)
        .service(users::deactivate_user)
        .service(structure::list_departments)
        .service(structure::create_department)
        .service(structure::update_department)
        .service(structure::delete_department)
        .service(structure::list_units)
        .service(structure::create_unit)
        .service(structure::get_unit)
        .service(structure::update_unit)
        .service(structure::delete_unit)
        .service(structure::list_unit_users)
        .service(structure::list_unit_managers)
        .service(structure::add_unit_manager)
        .service(structure::remove_unit_manager)
        .service(api_keys::create_api_key)
        .service(api_keys::list_api_keys)
        .service(api_keys::revoke_api_key)
        .service(audit::list_audit_logs)
        .service(accounts::register)
        .service(accounts::accept_invitation)
        .service(accounts::request_password_reset)
        .service(accounts::reset_password)
        .service(accounts::create_invitation)
        .service(outbox::list_outbox_emails)
        .service(catalog_admin::search_catalog)
        .service(catalog::service_catalog)
        .service(catalog_admin::list_categories)
        .service(catalog_admin::create_category)
        .service(catalog_admin::update_category)
        .service(catalog_admin::delete_category)
        .service(catalog_admin::list_service_items)
        .service(catalog_admin::create_service_item)
        .service(catalog_admin::list_template_versions)
        .service(catalog_admin::save_service_item_template)
        .service(catalog_admin::update_service_item)
        .service(catalog_admin::delete_service_item)
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
