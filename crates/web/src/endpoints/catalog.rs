//! The service catalog: search, form versions, and its management (categories, items,
//! form templates) for admins and service owners.

use shared_types::{
    CatalogSearchHit, Category, CategoryInput, FormVersion, ServiceItemAdmin, ServiceItemInput, ServiceItemTemplate,
    TemplateInput, UserRef,
};
use uuid::Uuid;

use super::QueryString;
use crate::api::{self, ApiResult};

/// `GET /service-catalog/search?q=`: ranked hits (name, then keywords, then description).
pub async fn catalog_search(q: String) -> ApiResult<Vec<CatalogSearchHit>> {
    api::get(&format!("/service-catalog/search{}", QueryString::default().add("q", q).finish())).await
}

/// `GET /service-items/{id}/template?version=N` (the current one without a version).
pub async fn template(item: Uuid, version: Option<i32>) -> ApiResult<ServiceItemTemplate> {
    api::get(&format!("/service-items/{item}/template{}", QueryString::default().add_opt("version", version).finish()))
        .await
}

/// `GET /service-items/{id}/template/versions`: newest first.
pub async fn template_versions(item: Uuid) -> ApiResult<Vec<FormVersion>> {
    api::get(&format!("/service-items/{item}/template/versions")).await
}

/// `PUT /service-items/{id}/template`: saves a new version (422 on `schema` with the reason).
pub async fn save_template(item: Uuid, schema: serde_json::Value) -> ApiResult<ServiceItemTemplate> {
    api::put_json(&format!("/service-items/{item}/template"), &TemplateInput { schema }).await
}

/// `GET /service-categories`: flat, parents first (inactive ones included for editors).
pub async fn categories() -> ApiResult<Vec<Category>> {
    api::get("/service-categories").await
}

/// `POST /service-categories`.
pub async fn create_category(input: CategoryInput) -> ApiResult<Category> {
    api::post("/service-categories", &input).await
}

/// `PUT /service-categories/{id}` (422 on `parentId` for a cycle).
pub async fn update_category(id: Uuid, input: CategoryInput) -> ApiResult<Category> {
    api::put_json(&format!("/service-categories/{id}"), &input).await
}

/// `DELETE /service-categories/{id}` (409 while it has items or sub-categories).
pub async fn delete_category(id: Uuid) -> ApiResult<()> {
    api::delete(&format!("/service-categories/{id}")).await
}

/// `GET /service-items?categoryId=&active=`.
pub async fn admin_items(category: Option<Uuid>) -> ApiResult<Vec<ServiceItemAdmin>> {
    api::get(&format!("/service-items{}", QueryString::default().add_opt("categoryId", category).finish())).await
}

/// One item as editors see it (`GET /service-items?…` has no single-item form, so this
/// picks it from the list).
pub async fn admin_item(id: Uuid) -> ApiResult<ServiceItemAdmin> {
    admin_items(None).await?.into_iter().find(|i| i.id == id).ok_or_else(|| api::Failure {
        status: 404,
        code: None,
        message: "This service item does not exist or you may not edit it.".into(),
        details: Vec::new(),
    })
}

/// `POST /service-items`: the new item starts with an empty form (version 1).
pub async fn create_item(input: ServiceItemInput) -> ApiResult<ServiceItemAdmin> {
    api::post("/service-items", &input).await
}

/// `PUT /service-items/{id}`.
pub async fn update_item(id: Uuid, input: ServiceItemInput) -> ApiResult<ServiceItemAdmin> {
    api::put_json(&format!("/service-items/{id}"), &input).await
}

/// `DELETE /service-items/{id}` (409 once tickets use it: deactivate instead).
pub async fn delete_item(id: Uuid) -> ApiResult<()> {
    api::delete(&format!("/service-items/{id}")).await
}

/// `GET /users/lookup?q=`: people for pickers.
pub async fn user_lookup(q: String) -> ApiResult<Vec<UserRef>> {
    api::get(&format!("/users/lookup{}", QueryString::default().add("q", q).finish())).await
}
