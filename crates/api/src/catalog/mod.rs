//! `/service-catalog`, `/service-categories` and `/service-items`: the service catalog
//! as requesters browse and search it ([`handlers`], [`browse`]) and as admins and service owners
//! manage it ([`admin_handlers`], [`categories`], [`items`]), with the versioned
//! request forms of the items ([`forms`]).

pub mod admin_handlers;
pub mod browse;
pub mod categories;
pub mod forms;
pub mod handlers;
pub mod items;
pub mod queries;
pub mod rules;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers the catalog operations (`/service-catalog/search` before
/// `/service-catalog`, the template paths before `/service-items/{id}`).
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(admin_handlers::search_catalog)
        .service(handlers::service_catalog)
        .service(admin_handlers::list_categories)
        .service(admin_handlers::create_category)
        .service(admin_handlers::update_category)
        .service(admin_handlers::delete_category)
        .service(admin_handlers::list_service_items)
        .service(admin_handlers::create_service_item)
        .service(admin_handlers::list_template_versions)
        .service(admin_handlers::save_service_item_template)
        .service(admin_handlers::update_service_item)
        .service(admin_handlers::delete_service_item)
        .service(handlers::get_service_item)
        .service(handlers::get_service_item_template);
}
