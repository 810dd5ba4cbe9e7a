//! Authentication and the signed-in user.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A user's role in its organisation. Ordered by
/// reach: a later role can do at least what the earlier ones can see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Requester,
    Technician,
    Manager,
    Admin,
}

impl Role {
    /// The database and JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Requester => "requester",
            Role::Technician => "technician",
            Role::Manager => "manager",
            Role::Admin => "admin",
        }
    }

    /// Parses the database spelling; `None` for anything else.
    pub fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "requester" => Role::Requester,
            "technician" => Role::Technician,
            "manager" => Role::Manager,
            "admin" => Role::Admin,
            _ => return None,
        })
    }

    /// True for roles that work tickets (technician, manager, admin).
    pub fn is_staff(self) -> bool {
        self != Role::Requester
    }
}

crate::wire! {
    /// `POST /api/v1/auth/login` body.
    #[derive(validator::Validate)]
    #[serde(deny_unknown_fields)]
    pub struct LoginRequest {
        pub email: String,
        pub password: String,
    }

    /// The signed-in user, as `GET /api/v1/me` and login return it.
    pub struct User {
        pub id: Uuid,
        pub organisation_id: Uuid,
        pub organisation_name: String,
        pub email: String,
        pub name: String,
        pub role: Role,
        pub unit_id: Option<Uuid>,
        pub unit_name: Option<String>,
    }

    /// Answer of login and refresh: a bearer access token (a JWT, valid `expiresIn`
    /// seconds, at most 900) and the user. The refresh token travels only in the
    /// httpOnly cookie `ferrodesk_refresh`, never in a body.
    pub struct TokenResponse {
        pub access_token: String,
        pub token_type: String,
        pub expires_in: u64,
        pub user: User,
    }

    /// A user reference inside other resources (ticket creator, assignee, approver).
    pub struct UserRef {
        pub id: Uuid,
        pub name: String,
        pub email: String,
    }
}
