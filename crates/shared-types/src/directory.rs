//! Organisation structure and people, as administered through the API : users,
//! departments and the unit tree.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::auth::Role;

crate::wire! {
    /// A user as admins and managers see it (`GET /users`, `GET /users/{id}`).
    pub struct UserAccount {
        pub id: Uuid,
        pub email: String,
        pub name: String,
        pub role: Role,
        pub unit_id: Option<Uuid>,
        pub unit_name: Option<String>,
        pub is_active: bool,
        /// Invited and not yet accepted (no password set).
        pub invitation_pending: bool,
        pub locale: String,
        pub time_zone: String,
        pub created_at: DateTime<Utc>,
    }

    /// `POST /users`: an admin creates a user with an initial password (checked
    /// against the password policy). To let people set their own, invite them instead.
    #[derive(validator::Validate)]
    #[serde(deny_unknown_fields)]
    pub struct CreateUserRequest {
        #[validate(length(max = 254), custom(function = "crate::rules::email_shape"))]
        #[cfg_attr(feature = "openapi", schema(max_length = 254, format = Email))]
        pub email: String,
        #[validate(length(max = 200), custom(function = "crate::rules::non_blank"))]
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
        pub name: String,
        pub role: Role,
        pub unit_id: Option<Uuid>,
        #[validate(custom(function = "crate::rules::password"))]
        #[cfg_attr(feature = "openapi", schema(min_length = 8, max_length = 128))]
        pub password: String,
    }

    /// `PUT /users/{id}`: every field optional; absent fields keep their value.
    /// `unitId: null` is not distinguishable from absent: use `clearUnit`.
    #[derive(validator::Validate)]
    #[serde(deny_unknown_fields)]
    pub struct UpdateUserRequest {
        #[serde(default)]
        #[validate(length(max = 200), custom(function = "crate::rules::non_blank"))]
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
        pub name: Option<String>,
        #[serde(default)]
        #[validate(length(max = 254), custom(function = "crate::rules::email_shape"))]
        #[cfg_attr(feature = "openapi", schema(max_length = 254, format = Email))]
        pub email: Option<String>,
        #[serde(default)]
        pub role: Option<Role>,
        #[serde(default)]
        pub unit_id: Option<Uuid>,
        #[serde(default)]
        pub clear_unit: Option<bool>,
        /// `true` re-activates a deactivated user (deactivation is `DELETE`).
        #[serde(default)]
        pub is_active: Option<bool>,
    }

    /// `PUT /me`: what people change about themselves.
    #[derive(validator::Validate)]
    #[serde(deny_unknown_fields)]
    pub struct UpdateProfileRequest {
        #[serde(default)]
        #[validate(length(max = 200), custom(function = "crate::rules::non_blank"))]
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
        pub name: Option<String>,
        /// A BCP 47 language tag such as `en` or `de-CH`.
        #[serde(default)]
        pub locale: Option<String>,
        /// An IANA time zone such as `Europe/Berlin`.
        #[serde(default)]
        pub time_zone: Option<String>,
    }

    /// The signed-in user's profile (`GET /me/profile`, `PUT /me`).
    pub struct Profile {
        pub id: Uuid,
        pub email: String,
        pub name: String,
        pub role: Role,
        pub unit_id: Option<Uuid>,
        pub unit_name: Option<String>,
        pub organisation_name: String,
        pub locale: String,
        pub time_zone: String,
    }

    /// `POST /me/password`.
    #[derive(validator::Validate)]
    #[serde(deny_unknown_fields)]
    pub struct ChangePasswordRequest {
        pub current_password: String,
        #[validate(custom(function = "crate::rules::password"))]
        #[cfg_attr(feature = "openapi", schema(min_length = 8, max_length = 128))]
        pub new_password: String,
    }

    /// A department (`GET /departments`).
    pub struct Department {
        pub id: Uuid,
        pub name: String,
        /// Owns services in the catalog (its managers are service owners).
        pub is_service_owner: bool,
        pub unit_count: i64,
    }

    /// `POST /departments` and `PUT /departments/{id}`.
    #[derive(validator::Validate)]
    #[serde(deny_unknown_fields)]
    pub struct DepartmentInput {
        #[validate(length(max = 200), custom(function = "crate::rules::non_blank"))]
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
        pub name: String,
        #[serde(default)]
        pub is_service_owner: bool,
    }

    /// A unit of the organisation tree (`GET /units` lists them flat, parents first).
    pub struct Unit {
        pub id: Uuid,
        pub name: String,
        pub department_id: Uuid,
        pub department_name: String,
        pub parent_id: Option<Uuid>,
        pub user_count: i64,
        pub managers: Vec<crate::auth::UserRef>,
    }

    /// `POST /units` and `PUT /units/{id}`. Moving a unit under one of its own
    /// descendants is refused with 422 (the tree stays acyclic).
    #[derive(validator::Validate)]
    #[serde(deny_unknown_fields)]
    pub struct UnitInput {
        #[validate(length(max = 200), custom(function = "crate::rules::non_blank"))]
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
        pub name: String,
        pub department_id: Uuid,
        #[serde(default)]
        pub parent_id: Option<Uuid>,
    }
}
