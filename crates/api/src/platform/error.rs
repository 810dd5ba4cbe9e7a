//! The API's error type: every failure becomes the error envelope
//! (`{success: false, error: {code, message, details}, meta}`) with a
//! code from [`shared_types::ErrorCode`] and its one HTTP status. 5xx bodies carry no
//! internal detail; the cause is logged with the request id, so an
//! operator finds it from the `requestId` a user reports.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use shared_types::{ApiError, ErrorCode, ErrorEnvelope, FieldError};

use crate::platform::envelope::meta;

/// A failure to report to the client.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// An expected failure with a code the client can act on.
    #[error("{code:?}: {message}")]
    Api { code: ErrorCode, message: String, details: Vec<FieldError> },
    /// 429 `RATE_LIMITED`, with `Retry-After: retry_after` seconds (RFC 9110 §10.2.3).
    #[error("rate limited for {retry_after} s")]
    RateLimited { retry_after: i64, message: String },
    /// Anything unexpected; answered as an opaque 500. `context` says what was being
    /// done, `source` is the cause, whose whole chain goes to the log.
    #[error("internal error: {context}")]
    Internal {
        context: String,
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
    },
}

/// Result alias for handlers and domain services.
pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// An error with a code and a message for people.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        AppError::Api { code, message: message.into(), details: Vec::new() }
    }

    /// 404 for `what` ("Ticket not found"); also for other organisations' rows.
    pub fn not_found(what: &str) -> Self {
        Self::new(ErrorCode::NotFound, format!("{what} not found"))
    }

    /// 422 with one entry per failing field. With one field, that field's message; a message written to stand beside its
    /// field ("must not be blank") is prefixed with the field's name.
    pub fn validation(details: Vec<FieldError>) -> Self {
        let message = match details.as_slice() {
            [one] if one.message.starts_with(char::is_lowercase) && !one.message.starts_with(&one.field) => {
                format!("{} {}", one.field, one.message)
            }
            [one] => one.message.clone(),
            _ => format!("{} fields are invalid", details.len()),
        };
        AppError::Api { code: ErrorCode::ValidationError, message, details }
    }

    /// 422 for a single field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Self::validation(vec![FieldError { field: field.to_owned(), message: message.into() }])
    }

    /// 403.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Forbidden, message)
    }

    /// 401.
    pub fn unauthenticated(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Unauthenticated, message)
    }

    /// An unexpected failure with no underlying error (a row that vanished, say).
    pub fn internal(context: impl Into<String>) -> Self {
        AppError::Internal { context: context.into(), source: None }
    }

    /// An unexpected failure caused by `source`, kept for the log.
    pub fn internal_from(context: impl Into<String>, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        AppError::Internal { context: context.into(), source: Some(Box::new(source)) }
    }

    /// The error code (`Internal` for unexpected failures).
    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::Api { code, .. } => *code,
            AppError::RateLimited { .. } => ErrorCode::RateLimited,
            AppError::Internal { .. } => ErrorCode::Internal,
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) => {
                tracing::error!(error = %e, "database unavailable");
                AppError::new(ErrorCode::Unavailable, "The database is unavailable; try again shortly")
            }
            // SQLSTATE class 22 (data exception): a value the client sent that
            // PostgreSQL cannot hold, such as a date before 4713 BC or after 294276 AD.
            sqlx::Error::Database(db) if db.code().is_some_and(|c| c.starts_with("22")) => {
                tracing::warn!(error = %e, "a value out of the database's range");
                AppError::new(ErrorCode::BadRequest, "A value is out of the range the server can store")
            }
            _ => AppError::internal_from("a database query failed", e),
        }
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        AppError::internal_from("the blocking thread pool failed", e)
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.code().http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        let error = match self {
            AppError::Api { code, message, details } => {
                ApiError { code: *code, message: message.clone(), details: details.clone() }
            }
            AppError::RateLimited { message, .. } => {
                ApiError { code: ErrorCode::RateLimited, message: message.clone(), details: Vec::new() }
            }
            AppError::Internal { .. } => {
                tracing::error!(error.chain = %chain(self), "internal error");
                ApiError {
                    code: ErrorCode::Internal,
                    message: "Something went wrong on our side; quote the request id when reporting it".into(),
                    details: Vec::new(),
                }
            }
        };
        let mut res = HttpResponse::build(self.status_code());
        if let AppError::RateLimited { retry_after, .. } = self {
            res.insert_header((actix_web::http::header::RETRY_AFTER, retry_after.to_string()));
        }
        res.json(ErrorEnvelope { success: false, error, meta: meta() })
    }
}

/// Path segment rejections (a malformed id) as 404: no such resource. A literal path
/// taken by a parameter route of another method (`PUT /users/lookup` reaching
/// `PUT /users/{id}`) is 405, as the path's own route would answer.
pub fn path_error(err: actix_web::error::PathError, req: &actix_web::HttpRequest) -> actix_web::Error {
    tracing::debug!(error = %err, "path parameter rejected");
    if let Some(res) = crate::app::fallback::method_not_allowed(req) {
        return actix_web::error::InternalError::from_response("method not allowed", res).into();
    }
    AppError::new(ErrorCode::NotFound, "No such resource").into()
}

/// `error` and each of its causes, outermost first: "internal error: a database query
/// failed: error returned from database: …".
pub fn chain(error: &dyn std::error::Error) -> String {
    let mut out = error.to_string();
    let mut next = error.source();
    while let Some(cause) = next {
        out.push_str(": ");
        out.push_str(&cause.to_string());
        next = cause.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_internal_error_keeps_its_cause_chain_and_tells_the_client_nothing() {
        let io = std::io::Error::other("disk on fire");
        let e = AppError::internal_from("writing the audit row", io);
        assert_eq!(chain(&e), "internal error: writing the audit row: disk on fire");
        let res = e.error_response();
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = actix_web::body::to_bytes(res.into_body());
        let body = futures_util::FutureExt::now_or_never(body).and_then(Result::ok).unwrap_or_default();
        let text = String::from_utf8_lossy(&body);
        assert!(!text.contains("disk") && !text.contains("audit"), "{text}");
    }
}
