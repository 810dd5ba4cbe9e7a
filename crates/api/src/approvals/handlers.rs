//! `GET /approvals/pending`, `POST /approvals/{id}/approve`, `/approvals/{id}/reject`.

use actix_web::{get, post, web, HttpResponse};
use shared_types::{Approval, ApproveRequest, Envelope, ErrorEnvelope, PendingApproval, RejectRequest};
use uuid::Uuid;

use crate::approvals::service::{self, Decision};
use crate::platform::auth::Actor;
use crate::platform::envelope;
use crate::platform::error::AppError;
use crate::platform::input::{self, Json};
use crate::platform::state::AppState;

/// Approvals waiting for the caller's decision, oldest first.
#[utoipa::path(tag = "approvals", security(("bearer" = [])), responses(
    (status = 200, body = Envelope<Vec<PendingApproval>>), (status = 401, body = ErrorEnvelope)))]
#[get("/approvals/pending")]
pub async fn list_pending_approvals(state: web::Data<AppState>, actor: Actor) -> Result<HttpResponse, AppError> {
    Ok(envelope::ok(service::pending(&state, &actor).await?))
}

/// Approves. The last outstanding required approval opens the ticket. A decision that
/// was already made (by a concurrent click or another approver) is 409
/// `ALREADY_DECIDED`.
#[utoipa::path(tag = "approvals", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body(content = Option<ApproveRequest>), responses(
    (status = 200, body = Envelope<Approval>), (status = 403, body = ErrorEnvelope),
    (status = 404, body = ErrorEnvelope), (status = 409, body = ErrorEnvelope)))]
#[post("/approvals/{id}/approve")]
pub async fn approve(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    // The body is optional (absent, or JSON `null`), but a body that is there must be
    // valid.
    let comment = if body.iter().all(u8::is_ascii_whitespace) || body.trim_ascii() == b"null" {
        None
    } else {
        input::parse_body::<ApproveRequest>(&body)?.reason
    };
    Ok(envelope::ok(service::decide(&state, &actor, *id, Decision::Approve { comment }).await?))
}

/// Rejects with a reason (required). A required rejection cancels the ticket.
#[utoipa::path(tag = "approvals", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = RejectRequest, responses(
    (status = 200, body = Envelope<Approval>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope),
    (status = 409, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
#[post("/approvals/{id}/reject")]
pub async fn reject(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
    body: Json<RejectRequest>,
) -> Result<HttpResponse, AppError> {
    let reason = body.into_inner().reason;
    Ok(envelope::ok(service::decide(&state, &actor, *id, Decision::Reject { reason }).await?))
}
