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
    #[serde(deny_unknown_fields)]
    pub struct CreateUserRequest {
        pub email: String,
        pub name: String,
        pub role: Role,
        pub unit_id: Option<Uuid>,
        pub password: String,
    }

    /// `PUT /users/{id}`: every field optional; absent fields keep their value.
    /// `unitId: null` is not distinguishable from absent: use `clearUnit`.
    #[serde(deny_unknown_fields)]
    pub struct UpdateUserRequest {
        #[serde(default)]
        pub name: Option<String>,
        #[serde(default)]
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
    #[serde(deny_unknown_fields)]
    pub struct UpdateProfileRequest {
        #[serde(default)]
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
    #[serde(deny_unknown_fields)]
    pub struct ChangePasswordRequest {
        pub current_password: String,
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
    #[serde(deny_unknown_fields)]
    pub struct DepartmentInput {
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
    #[serde(deny_unknown_fields)]
    pub struct UnitInput {
        pub name: String,
        pub department_id: Uuid,
        #[serde(default)]
        pub parent_id: Option<Uuid>,
    }
}
