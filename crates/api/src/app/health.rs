//! Liveness and readiness probes (outside `/api/v1`, unauthenticated).

use actix_web::{get, web, HttpResponse};

use crate::platform::envelope;
use crate::platform::error::AppError;
use crate::platform::state::AppState;

/// Status of a probe.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Health {
    /// `ok`
    pub status: &'static str,
}

/// Liveness: the process answers.
#[utoipa::path(tag = "health", responses((status = 200, body = inline(shared_types::Envelope<Health>))))]
#[get("/health")]
pub async fn health() -> HttpResponse {
    envelope::ok(Health { status: "ok" })
}

/// Readiness: the database answers (503 `UNAVAILABLE` otherwise).
#[utoipa::path(tag = "health", responses(
    (status = 200, body = inline(shared_types::Envelope<Health>)),
    (status = 503, body = shared_types::ErrorEnvelope)))]
#[get("/ready")]
pub async fn ready(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    sqlx::query("SELECT 1").execute(&state.pool).await.map_err(|e| {
        tracing::warn!(error = %e, "readiness check failed");
        AppError::new(shared_types::ErrorCode::Unavailable, "The database is unreachable")
    })?;
    Ok(envelope::ok(Health { status: "ok" }))
}
