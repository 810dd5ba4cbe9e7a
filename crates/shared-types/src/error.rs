//! Error codes: one enum, each code with exactly one HTTP status. Clients decode `error.code` into [`ErrorCode`]; the JSON spelling is
//! SCREAMING_SNAKE_CASE and is pinned by tests.

use serde::{Deserialize, Serialize};

/// Every error code the API answers with. The HTTP status is [`ErrorCode::http_status`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    /// 400: the body or query could not be parsed (malformed JSON, a query parameter
    /// of the wrong type, a bad cursor or `If-Match`). A body that parses but has a
    /// missing or wrongly typed field is 422 `VALIDATION_ERROR`; a malformed id in the
    /// path is 404.
    BadRequest,
    /// 422: the request parsed but its values break a rule; `details` names each field.
    ValidationError,
    /// 401: no credentials, or an invalid/expired access token or refresh token.
    Unauthenticated,
    /// 401: e-mail and password do not match an active user (same answer for an
    /// unknown e-mail, so accounts cannot be enumerated).
    InvalidCredentials,
    /// 403: authenticated, but this role or scope may not do this.
    Forbidden,
    /// 403: the transition exists in the lifecycle but this role may not make it.
    TransitionForbidden,
    /// 404: no such resource in the caller's organisation (another organisation's rows
    /// are always 404, never 403).
    NotFound,
    /// 405: the path exists, the method does not; `Allow` lists the methods it has.
    MethodNotAllowed,
    /// 409: the transition is not in the lifecycle table.
    InvalidTransition,
    /// 409: the approval was already decided (by a concurrent click or another approver).
    AlreadyDecided,
    /// 409: the change conflicts with the current state of the resource.
    Conflict,
    /// 412: `If-Match`/`version` names a version that is no longer current.
    VersionMismatch,
    /// 428: an update without `If-Match` or `version`.
    PreconditionRequired,
    /// 429: too many requests; see `Retry-After`.
    RateLimited,
    /// 500: an unexpected failure; the body carries no detail, the log has it under the
    /// request id.
    Internal,
    /// 503: a dependency (the database) is unreachable.
    Unavailable,
}

impl ErrorCode {
    /// The one HTTP status of this code.
    pub fn http_status(self) -> u16 {
        match self {
            Self::BadRequest => 400,
            Self::Unauthenticated | Self::InvalidCredentials => 401,
            Self::Forbidden | Self::TransitionForbidden => 403,
            Self::NotFound => 404,
            Self::MethodNotAllowed => 405,
            Self::InvalidTransition | Self::AlreadyDecided | Self::Conflict => 409,
            Self::VersionMismatch => 412,
            Self::ValidationError => 422,
            Self::PreconditionRequired => 428,
            Self::RateLimited => 429,
            Self::Internal => 500,
            Self::Unavailable => 503,
        }
    }

    /// Every code, for documentation and exhaustive tests.
    pub const ALL: [ErrorCode; 16] = [
        Self::BadRequest,
        Self::ValidationError,
        Self::Unauthenticated,
        Self::InvalidCredentials,
        Self::Forbidden,
        Self::TransitionForbidden,
        Self::NotFound,
        Self::MethodNotAllowed,
        Self::InvalidTransition,
        Self::AlreadyDecided,
        Self::Conflict,
        Self::VersionMismatch,
        Self::PreconditionRequired,
        Self::RateLimited,
        Self::Internal,
        Self::Unavailable,
    ];
}

crate::wire! {
    /// One failing field: `field` is a dotted path into the request body
    /// (`formData.startDate`), `message` is a sentence a person understands.
    pub struct FieldError {
        pub field: String,
        pub message: String,
    }

    /// The `error` member of a failed response.
    pub struct ApiError {
        pub code: ErrorCode,
        pub message: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub details: Vec<FieldError>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_in_screaming_snake_case() {
        let json = serde_json::to_string(&ErrorCode::VersionMismatch).unwrap_or_default();
        assert_eq!(json, "\"VERSION_MISMATCH\"");
        let back: ErrorCode = serde_json::from_str("\"TRANSITION_FORBIDDEN\"").unwrap_or(ErrorCode::Internal);
        assert_eq!(back, ErrorCode::TransitionForbidden);
    }

    #[test]
    fn every_code_has_an_error_status() {
        for code in ErrorCode::ALL {
            let status = code.http_status();
            assert!((400..600).contains(&status), "{code:?} -> {status}");
        }
    }
}
