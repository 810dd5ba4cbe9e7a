//! `GET /jobs` and `POST /jobs/{id}/retry`: background jobs, for admins.

use actix_web::{get, post, web, HttpResponse};
use shared_types::{BackgroundJob, Envelope, ErrorEnvelope};
use uuid::Uuid;

use super::service;
use crate::platform::auth::Actor;
use crate::platform::envelope;
use crate::platform::error::AppError;
use crate::platform::input::Query;
use crate::platform::paging::PageQuery;
use crate::platform::state::AppState;

/// Query of `GET /jobs`.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct JobsQuery {
    /// Only jobs in this status: `ready`, `running`, `done` or `dead`.
    pub status: Option<String>,
    /// Only jobs of this kind, e.g. `mail.send`.
    pub kind: Option<String>,
    /// 1-based page (1..=100000), default 1.
    #[param(minimum = 1, maximum = 100000)]
    pub page: Option<u32>,
    /// Page size, 1..=100, default 20.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
}

/// The organisation's background jobs, newest first (admins): what waits, runs, was
/// done in the last seven days, or died, with attempts and the last error.
#[utoipa::path(tag = "jobs", security(("bearer" = [])), params(JobsQuery), responses(
    (status = 200, body = Envelope<Vec<BackgroundJob>>), (status = 403, body = ErrorEnvelope),
    (status = 422, body = ErrorEnvelope)))]
#[get("/jobs")]
pub async fn list_jobs(
    state: web::Data<AppState>,
    actor: Actor,
    query: Query<JobsQuery>,
) -> Result<HttpResponse, AppError> {
    let q = query.into_inner();
    let page = PageQuery { page: q.page, limit: q.limit };
    let (rows, pagination) = service::list(&state, &actor, q.status.as_deref(), q.kind.as_deref(), page).await?;
    Ok(envelope::list(rows, pagination))
}

/// Runs a dead job again (admins): due now, with a fresh set of attempts. 409 when the
/// job is not dead.
#[utoipa::path(tag = "jobs", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, body = Envelope<BackgroundJob>), (status = 403, body = ErrorEnvelope),
    (status = 404, body = ErrorEnvelope), (status = 409, body = ErrorEnvelope)))]
#[post("/jobs/{id}/retry")]
pub async fn retry_job(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    Ok(envelope::ok(service::retry(&state, &actor, id.into_inner()).await?))
}
