//! The organisation's directory: users, departments, units and unit managers.

use shared_types::{
    CreateUserRequest, Department, DepartmentInput, Role, Unit, UnitInput, UpdateUserRequest, UserAccount, UserRef,
};
use uuid::Uuid;

use super::QueryString;
use crate::api::{self, ApiResult, Page};

/// Filters of `GET /users`; unset fields are left out of the query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserQuery {
    /// Only this role.
    pub role: Option<Role>,
    /// Only members of this unit.
    pub unit_id: Option<Uuid>,
    /// Only active (`Some(true)`) or deactivated (`Some(false)`) users.
    pub active: Option<bool>,
    /// Name or e-mail contains.
    pub q: String,
    /// 1-based page.
    pub page: u32,
    /// Page size.
    pub limit: u32,
}

impl UserQuery {
    /// The query string, starting with `?`.
    pub fn to_query(&self) -> String {
        QueryString::default()
            .add_opt("role", self.role.map(|r| r.as_str()))
            .add_opt("unitId", self.unit_id)
            .add_opt("active", self.active)
            .add("q", &self.q)
            .add_opt("page", Some(self.page.max(1)))
            .add_opt("limit", Some(self.limit.max(1)))
            .finish()
    }
}

/// `GET /users?…`.
pub async fn users(query: UserQuery) -> ApiResult<Page<UserAccount>> {
    api::get_page(&format!("/users{}", query.to_query())).await
}

/// `POST /users`.
pub async fn create_user(request: CreateUserRequest) -> ApiResult<UserAccount> {
    api::post("/users", &request).await
}

/// `PUT /users/{id}`.
pub async fn update_user(id: Uuid, request: UpdateUserRequest) -> ApiResult<UserAccount> {
    api::put_json(&format!("/users/{id}"), &request).await
}

/// `DELETE /users/{id}`: deactivates (and signs the user out everywhere).
pub async fn deactivate_user(id: Uuid) -> ApiResult<()> {
    api::delete(&format!("/users/{id}")).await
}

/// `GET /departments`.
pub async fn departments() -> ApiResult<Vec<Department>> {
    api::get("/departments").await
}

/// `POST /departments`.
pub async fn create_department(input: DepartmentInput) -> ApiResult<Department> {
    api::post("/departments", &input).await
}

/// `PUT /departments/{id}`.
pub async fn update_department(id: Uuid, input: DepartmentInput) -> ApiResult<Department> {
    api::put_json(&format!("/departments/{id}"), &input).await
}

/// `DELETE /departments/{id}` (409 while it has units).
pub async fn delete_department(id: Uuid) -> ApiResult<()> {
    api::delete(&format!("/departments/{id}")).await
}

/// `GET /units`: flat, parents first.
pub async fn units() -> ApiResult<Vec<Unit>> {
    api::get("/units").await
}

/// `POST /units`.
pub async fn create_unit(input: UnitInput) -> ApiResult<Unit> {
    api::post("/units", &input).await
}

/// `PUT /units/{id}` (422 on `parentId` when the move would make a cycle).
pub async fn update_unit(id: Uuid, input: UnitInput) -> ApiResult<Unit> {
    api::put_json(&format!("/units/{id}"), &input).await
}

/// `DELETE /units/{id}` (409 while it has users, sub-units or tickets).
pub async fn delete_unit(id: Uuid) -> ApiResult<()> {
    api::delete(&format!("/units/{id}")).await
}

/// `GET /units/{id}/managers`.
pub async fn unit_managers(id: Uuid) -> ApiResult<Vec<UserRef>> {
    api::get(&format!("/units/{id}/managers")).await
}

/// `PUT /units/{id}/managers/{userId}`.
pub async fn add_unit_manager(id: Uuid, user_id: Uuid) -> ApiResult<()> {
    api::put_no_content(&format!("/units/{id}/managers/{user_id}")).await
}

/// `DELETE /units/{id}/managers/{userId}`.
pub async fn remove_unit_manager(id: Uuid, user_id: Uuid) -> ApiResult<()> {
    api::delete(&format!("/units/{id}/managers/{user_id}")).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_query_names_the_set_filters() {
        let q = UserQuery { page: 1, limit: 25, ..Default::default() };
        assert_eq!(q.to_query(), "?page=1&limit=25");
        let unit = Uuid::nil();
        let q = UserQuery {
            role: Some(Role::Technician),
            unit_id: Some(unit),
            active: Some(false),
            q: "ann".into(),
            page: 3,
            limit: 10,
        };
        assert_eq!(q.to_query(), format!("?role=technician&unitId={unit}&active=false&q=ann&page=3&limit=10"));
    }
}
