//! Organisation sign-up, invitations, password resets, API keys, sessions and the
//! audit log.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::auth::{Role, UserRef};

crate::wire! {
    /// `POST /auth/register`: a new organisation with its first admin.
    #[derive(validator::Validate)]
    #[serde(deny_unknown_fields)]
    pub struct RegisterRequest {
        #[validate(length(max = 200), custom(function = "crate::rules::non_blank"))]
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
        pub organisation_name: String,
        #[validate(length(max = 200), custom(function = "crate::rules::non_blank"))]
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
        pub name: String,
        #[validate(length(max = 254), custom(function = "crate::rules::email_shape"))]
        #[cfg_attr(feature = "openapi", schema(max_length = 254, format = Email))]
        pub email: String,
        #[validate(custom(function = "crate::rules::password"))]
        #[cfg_attr(feature = "openapi", schema(min_length = 8, max_length = 128))]
        pub password: String,
    }

    /// `POST /invitations`: an admin invites someone by e-mail.
    #[derive(validator::Validate)]
    #[serde(deny_unknown_fields)]
    pub struct InvitationRequest {
        #[validate(length(max = 254), custom(function = "crate::rules::email_shape"))]
        #[cfg_attr(feature = "openapi", schema(max_length = 254, format = Email))]
        pub email: String,
        #[validate(length(max = 200), custom(function = "crate::rules::non_blank"))]
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
        pub name: String,
        pub role: Role,
        #[serde(default)]
        pub unit_id: Option<Uuid>,
    }

    /// An invitation sent (the token itself only travels in the e-mail).
    pub struct Invitation {
        pub user_id: Uuid,
        pub email: String,
        pub expires_at: DateTime<Utc>,
    }

    /// `POST /auth/accept-invitation` and `POST /auth/reset-password`: a token from an
    /// e-mail and the new password.
    #[derive(validator::Validate)]
    #[serde(deny_unknown_fields)]
    pub struct TokenPasswordRequest {
        pub token: String,
        #[validate(custom(function = "crate::rules::password"))]
        #[cfg_attr(feature = "openapi", schema(min_length = 8, max_length = 128))]
        pub password: String,
    }

    /// `POST /auth/request-password-reset`.
    #[derive(validator::Validate)]
    #[serde(deny_unknown_fields)]
    pub struct PasswordResetRequest {
        pub email: String,
    }

    /// `POST /api-keys`.
    #[derive(validator::Validate)]
    #[serde(deny_unknown_fields)]
    pub struct CreateApiKeyRequest {
        #[validate(length(max = 200), custom(function = "crate::rules::non_blank"))]
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
        pub name: String,
        #[validate(length(min = 1, message = "Choose at least one scope"))]
        #[cfg_attr(feature = "openapi", schema(min_items = 1))]
        pub scopes: Vec<ApiScope>,
        /// When the key stops working; absent for no expiry.
        #[serde(default)]
        pub expires_at: Option<DateTime<Utc>>,
    }

    /// An API key as listed: never the secret.
    pub struct ApiKey {
        pub id: Uuid,
        pub name: String,
        /// The visible start of the key, e.g. `fdk_3f9a1c2b`.
        pub prefix: String,
        pub scopes: Vec<ApiScope>,
        pub owner: UserRef,
        pub created_at: DateTime<Utc>,
        pub expires_at: Option<DateTime<Utc>>,
        pub last_used_at: Option<DateTime<Utc>>,
        pub revoked_at: Option<DateTime<Utc>>,
    }

    /// The answer of `POST /api-keys`: the only time the whole key is shown.
    pub struct CreatedApiKey {
        pub key: String,
        pub api_key: ApiKey,
    }

    /// A signed-in session (a refresh-token family) of the current user.
    pub struct Session {
        pub id: Uuid,
        pub user_agent: Option<String>,
        pub signed_in_at: DateTime<Utc>,
        pub last_used_at: DateTime<Utc>,
        pub expires_at: DateTime<Utc>,
        /// The session making this request (its refresh cookie).
        pub current: bool,
    }

    /// An audit log entry (`GET /audit-logs`).
    pub struct AuditEntry {
        pub id: Uuid,
        pub action: String,
        pub actor: Option<UserRef>,
        pub entity_type: String,
        pub entity_id: Option<Uuid>,
        pub changes: serde_json::Value,
        pub created_at: DateTime<Utc>,
    }

    /// An outgoing e-mail as admins see it (`GET /outbox/emails`).
    pub struct OutboxEmail {
        pub id: Uuid,
        pub to_address: String,
        pub subject: String,
        pub body_text: String,
        pub kind: String,
        pub status: String,
        pub attempts: i32,
        pub last_error: Option<String>,
        pub created_at: DateTime<Utc>,
        pub sent_at: Option<DateTime<Utc>>,
    }

    /// A background job as admins see it (`GET /jobs`): e-mail delivery and, later,
    /// notifications, webhooks and timers. `status` is `ready` (waiting for `runAt`),
    /// `running`, `done` or `dead` (failed `maxAttempts` times, or failed in a way no
    /// retry can mend; `POST /jobs/{id}/retry` runs it again).
    pub struct BackgroundJob {
        pub id: Uuid,
        /// What it does, e.g. `mail.send`.
        pub kind: String,
        /// Its input, a JSON object (for `mail.send`: `{"emailId": …}`).
        #[cfg_attr(feature = "openapi", schema(value_type = Object))]
        pub payload: serde_json::Value,
        pub status: String,
        /// Due at (a waiting job), or when it was last due.
        pub run_at: DateTime<Utc>,
        /// Attempts started.
        pub attempts: i32,
        pub max_attempts: i32,
        pub last_error: Option<String>,
        pub created_at: DateTime<Utc>,
        /// When it became done or dead.
        pub finished_at: Option<DateTime<Utc>>,
    }
}

/// What an API key may do. A key never exceeds its owner's role: the policy
/// module checks both. There is deliberately no scope for managing people or structure:
/// a key that could create an admin or change an e-mail could make itself a person's
/// sign-in, escaping its scopes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ApiScope {
    #[serde(rename = "tickets:read")]
    TicketsRead,
    #[serde(rename = "tickets:write")]
    TicketsWrite,
    #[serde(rename = "catalog:read")]
    CatalogRead,
    #[serde(rename = "approvals:write")]
    ApprovalsWrite,
    #[serde(rename = "users:read")]
    UsersRead,
}

impl ApiScope {
    /// Every scope.
    pub const ALL: [ApiScope; 5] =
        [Self::TicketsRead, Self::TicketsWrite, Self::CatalogRead, Self::ApprovalsWrite, Self::UsersRead];

    /// The database and JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::TicketsRead => "tickets:read",
            Self::TicketsWrite => "tickets:write",
            Self::CatalogRead => "catalog:read",
            Self::ApprovalsWrite => "approvals:write",
            Self::UsersRead => "users:read",
        }
    }

    /// Parses the database spelling.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The password policy of OWASP ASVS 5.0 (V6.2): at least 8 characters (counted as
/// Unicode scalar values), at most 128, no composition rules. The common-password
/// check needs the list and happens on the server only.
pub const PASSWORD_MIN_CHARS: usize = 8;
/// Longest password accepted (ASVS asks for at least 64 to be allowed).
pub const PASSWORD_MAX_CHARS: usize = 128;

/// The length rule of the password policy, shared by the SPA (before submitting) and
/// the API: `Err(message)` for people.
pub fn check_password_length(password: &str) -> Result<(), String> {
    let n = password.chars().count();
    if n < PASSWORD_MIN_CHARS {
        Err(format!("Use at least {PASSWORD_MIN_CHARS} characters"))
    } else if n > PASSWORD_MAX_CHARS {
        Err(format!("Use at most {PASSWORD_MAX_CHARS} characters"))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_round_trip() {
        for s in ApiScope::ALL {
            assert_eq!(ApiScope::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_value(s).expect("json"), serde_json::json!(s.as_str()));
        }
    }

    #[test]
    fn password_length_counts_characters() {
        assert!(check_password_length("short").is_err());
        assert!(check_password_length("ñññññññ").is_err(), "7 characters, 14 bytes");
        assert!(check_password_length("long enough").is_ok());
        assert!(check_password_length(&"x".repeat(64)).is_ok());
        assert!(check_password_length(&"x".repeat(129)).is_err());
    }
}
