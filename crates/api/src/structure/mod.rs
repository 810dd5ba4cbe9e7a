//! `/departments` and `/units`: the organisation's structure (departments, the unit
//! tree, unit managers). Everyone reads it (unit pickers need it); admins change it.

pub mod handlers;
pub mod queries;
pub mod service;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers the structure operations.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(handlers::list_departments)
        .service(handlers::create_department)
        .service(handlers::update_department)
        .service(handlers::delete_department)
        .service(handlers::list_units)
        .service(handlers::create_unit)
        .service(handlers::get_unit)
        .service(handlers::update_unit)
        .service(handlers::delete_unit)
        .service(handlers::list_unit_users)
        .service(handlers::list_unit_managers)
        .service(handlers::add_unit_manager)
        .service(handlers::remove_unit_manager);
}
