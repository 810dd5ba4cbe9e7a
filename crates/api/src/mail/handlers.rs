//! `GET /outbox/emails`: the organisation's outgoing e-mail, for admins.

use actix_web::{get, web, HttpResponse};
use shared_types::{Envelope, ErrorEnvelope, OutboxEmail};

use crate::mail::service;
use crate::platform::auth::Actor;
use crate::platform::envelope;
use crate::platform::error::AppError;
use crate::platform::input::Query;
use crate::platform::paging::PageQuery;
use crate::platform::state::AppState;

/// Query of `GET /outbox/emails`.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    /// Only e-mail in this status: `pending`, `sent` or `failed`.
    pub status: Option<String>,
    /// 1-based page (1..=100000), default 1.
    #[param(minimum = 1, maximum = 100000)]
    pub page: Option<u32>,
    /// Page size, 1..=100, default 20.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
}

/// The organisation's outgoing e-mail, newest first (admins): what was queued, sent or
/// given up, with attempts and the last delivery error. The links in password-reset
/// e-mails are hidden (`token=[hidden]`).
#[utoipa::path(tag = "outbox", security(("bearer" = [])), params(OutboxQuery), responses(
    (status = 200, body = Envelope<Vec<OutboxEmail>>), (status = 403, body = ErrorEnvelope),
    (status = 422, body = ErrorEnvelope)))]
#[get("/outbox/emails")]
pub async fn list_outbox_emails(
    state: web::Data<AppState>,
    actor: Actor,
    query: Query<OutboxQuery>,
) -> Result<HttpResponse, AppError> {
    let q = query.into_inner();
    let page = PageQuery { page: q.page, limit: q.limit };
    let (rows, pagination) = service::list(&state, &actor, q.status.as_deref(), page).await?;
    Ok(envelope::list(rows, pagination))
}
